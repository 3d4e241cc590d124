"""`cxzy report`: the comparison across departments as one offline HTML page or an Excel workbook."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated, Any, Optional

import typer

from ._app import app
from .common import EXIT_OK, check_output, fail, make_config, say, write_failed
from .options import (
    Executor,
    Jobs,
    Manifest,
    MemoryLimit,
    Paths,
    Profile,
    Scheduler,
    TimeLimit,
    pick_format,
    with_executor,
)


@contextmanager
def _progress(total: int) -> Iterator[Callable[[Any], None] | None]:
    """A rich progress bar on stderr when it is a terminal; None otherwise."""
    if not sys.stderr.isatty() or total < 2:
        yield None
        return
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    columns = (TextColumn("分析"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn())
    with Progress(*columns, console=Console(stderr=True), transient=True) as progress:
        task = progress.add_task("", total=total)
        yield lambda _analysis: progress.advance(task)


@app.command()
def report(
    paths: Paths,
    output: Annotated[Path, typer.Option("--output", "-o", help="报告文件：.html 或 .xlsx")],
    by: Annotated[
        str, typer.Option("--by", help="部门分组：folder（按文件夹）或部门清单 CSV 的路径（同 --manifest）")
    ] = "folder",
    manifest: Manifest = None,
    against: Annotated[Optional[Path], typer.Option("--against", help="与此索引中的历史材料比对雷同")] = None,
    title: Annotated[str, typer.Option("--title", help="报告标题")] = "方案审阅报告",
    profile: Profile = None,
    jobs: Jobs = 1,
    time_limit: TimeLimit = 120.0,
    memory_limit: MemoryLimit = 2048,
    executor: Executor = None,
    scheduler: Scheduler = None,
) -> None:
    """生成跨部门对比报告（HTML 或 Excel）：章节覆盖、目标与活动、经费、期限、问题、雷同。"""
    from ..corpus.report import report_inputs, report_summary, write_report
    from ..errors import CxzyError

    pick_format("report", None, output)  # the suffix must name one of its formats
    if by != "folder":
        if not Path(by).is_file():
            raise fail(f"找不到部门清单文件：{by}")
        manifest = manifest or Path(by)
    config = with_executor(make_config(jobs, time_limit, memory_limit), executor, scheduler, paths)
    check_output(output)  # before the analysis: an unwritable report must not cost the whole run
    try:
        with _progress(len(report_inputs(paths, manifest))) as progress:
            summary = report_summary(
                paths, manifest=manifest, against=against, profile=profile, config=config, progress=progress
            )
        write_report(summary, output, title, manifest=manifest)
    except CxzyError as exc:
        raise fail(exc.message) from None
    except OSError as exc:  # the report could not be written after all (a full disk)
        raise write_failed(exc) from None
    failed = sum(1 for f in summary.files if f.analysis.errors)
    say(
        f"已写入 {output}：{len(summary.files)} 个文件，{len(summary.docs)} 篇文档，"
        f"{len(summary.departments)} 个部门" + (f"，{failed} 个文件无法读取（已在报告中列出）" if failed else "")
    )
    raise typer.Exit(EXIT_OK)
