"""`cxzy index`: the store of earlier submissions that new plans are compared with."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

from ._app import app
from .common import EXIT_OK, EXIT_USAGE, fail, printable, say
from .options import Executor, Jobs, Manifest, Paths, Scheduler, with_executor

index_app = typer.Typer(
    help="查重索引：收录已报送的材料（部门、年份、抽取结果、段落签名），供 --against 比较。", no_args_is_help=True
)
app.add_typer(index_app, name="index")

IndexFile = Annotated[Path, typer.Option("--index", "-i", help="索引文件（SQLite）")]
DEFAULT = Path(".cxzy-index.sqlite")


@index_app.command("add")
def index_add(
    paths: Paths,
    index: IndexFile = DEFAULT,
    department: Annotated[
        Optional[str], typer.Option("--department", "-d", help="报送部门（默认取清单或文件夹名）")
    ] = None,
    year: Annotated[Optional[int], typer.Option("--year", "-y", help="年份（默认取清单或文件夹名）")] = None,
    manifest: Manifest = None,
    jobs: Jobs = 1,
    executor: Executor = None,
    scheduler: Scheduler = None,
) -> None:
    """收录文件到查重索引。"""
    from ..config import Config
    from ..corpus.index import index_add as add_files
    from ..errors import CxzyError

    config = with_executor(Config(jobs=jobs), executor, scheduler, paths)
    failed = 0
    try:
        for added in add_files(paths, index, department=department, year=year, manifest=manifest, config=config):
            if added.id is None:
                failed += 1
                say(f"{added.path}: 未收录（{added.reason}）")
            else:
                owner = added.owner
                say(f"{added.path}: 已收录（部门 {owner.department or '未知'}，年份 {owner.year or '未知'}）")
    except CxzyError as exc:
        raise fail(exc.message) from None
    raise typer.Exit(EXIT_OK)  # files not stored are listed above; they are records, not a failed run


@index_app.command("list")
def index_list(index: IndexFile = DEFAULT) -> None:
    """列出索引中的材料。"""
    from ..corpus.index import index_list as list_submissions
    from ..errors import CxzyError

    try:
        submissions = list_submissions(index)
    except CxzyError as exc:
        raise fail(exc.message) from None
    for s in submissions:
        titles = "；".join(t for t in s.titles if t)[:60]
        typer.echo(
            f"{s.id}\t{s.sha256[:12]}\t{s.department or '-'}\t{s.year or '-'}\t{printable(s.path)}\t{printable(titles)}"
        )


@index_app.command("rm")
def index_rm(
    items: Annotated[list[str], typer.Argument(help="编号、sha256（或其前缀）或路径", show_default=False)],
    index: IndexFile = DEFAULT,
) -> None:
    """从索引中删除材料。"""
    from ..corpus.index import index_rm as remove
    from ..errors import CxzyError

    try:
        removed = remove(items, index)
    except CxzyError as exc:
        raise fail(exc.message) from None
    for item, n in removed.items():
        typer.echo(f"{item}: 删除 {n} 条" if n else f"{item}: 索引中没有该材料", err=True)
    raise typer.Exit(EXIT_USAGE if 0 in removed.values() else EXIT_OK)
