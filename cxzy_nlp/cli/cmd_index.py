"""`cxzy index`: the store of earlier submissions that new plans are compared with."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

from . import app
from .common import EXIT_FAILURE, EXIT_OK, fail
from .options import Jobs, Paths

index_app = typer.Typer(
    help="查重索引：收录已报送的材料（部门、年份、抽取结果、段落签名），供 --against 比较。", no_args_is_help=True
)
app.add_typer(index_app, name="index")

IndexFile = Annotated[Path, typer.Option("--index", "-i", help="索引文件（SQLite）")]
DEFAULT = Path(".cxzy-index.sqlite")


def _open(path: Path):  # type: ignore[no-untyped-def]
    from ..errors import CxzyError
    from ..index import SubmissionIndex

    try:
        return SubmissionIndex(path)
    except CxzyError as exc:
        raise fail(exc.message) from None


@index_app.command("add")
def index_add(
    paths: Paths,
    index: IndexFile = DEFAULT,
    department: Annotated[
        Optional[str], typer.Option("--department", "-d", help="报送部门（默认取清单或文件夹名）")
    ] = None,
    year: Annotated[Optional[int], typer.Option("--year", "-y", help="年份（默认取清单或文件夹名）")] = None,
    manifest: Annotated[Optional[Path], typer.Option("--manifest", help="清单 CSV：file,department,year")] = None,
    jobs: Jobs = 1,
) -> None:
    """收录文件到查重索引。"""
    from ..batch import iter_inputs, run_batch
    from ..config import Config
    from ..errors import CxzyError
    from ..index import owner_for, read_manifest

    try:
        listed = read_manifest(manifest) if manifest else {}
    except (OSError, CxzyError) as exc:
        raise fail(getattr(exc, "message", None) or f"无法读取清单 {manifest}：{exc}") from None
    inputs = list(iter_inputs(paths))
    if not inputs:
        raise fail("没有找到可读取的文件")
    failed = 0
    with _open(index) as store:
        for analysis in run_batch(inputs, Config(jobs=jobs), stages="extract"):
            owner = owner_for(analysis.source.path, department, year, listed)
            if store.add(analysis, owner.department, owner.year) is None:
                failed += 1
                reason = "; ".join(e["message"] for e in analysis.errors) or "没有可收录的正文"
                typer.echo(f"{analysis.source.path}: 未收录（{reason}）", err=True)
            else:
                typer.echo(
                    f"{analysis.source.path}: 已收录（部门 {owner.department or '未知'}，年份 {owner.year or '未知'}）",
                    err=True,
                )
    raise typer.Exit(EXIT_FAILURE if failed else EXIT_OK)


@index_app.command("list")
def index_list(index: IndexFile = DEFAULT) -> None:
    """列出索引中的材料。"""
    if not index.is_file():
        raise fail(f"找不到查重索引：{index}")
    with _open(index) as store:
        for s in store.submissions():
            titles = "；".join(t for t in s.titles if t)[:60]
            typer.echo(f"{s.id}\t{s.sha256[:12]}\t{s.department or '-'}\t{s.year or '-'}\t{s.path}\t{titles}")


@index_app.command("rm")
def index_rm(
    items: Annotated[list[str], typer.Argument(help="编号、sha256（或其前缀）或路径", show_default=False)],
    index: IndexFile = DEFAULT,
) -> None:
    """从索引中删除材料。"""
    if not index.is_file():
        raise fail(f"找不到查重索引：{index}")
    missing = 0
    with _open(index) as store:
        for item in items:
            n = store.remove(item)
            missing += n == 0
            typer.echo(f"{item}: 删除 {n} 条" if n else f"{item}: 索引中没有该材料", err=True)
    raise typer.Exit(EXIT_FAILURE if missing else EXIT_OK)
