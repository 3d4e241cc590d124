"""`cxzy report`: the comparison across departments as one offline HTML page or an Excel workbook."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

from . import app
from .common import EXIT_OK, fail, make_config
from .options import Jobs, MemoryLimit, Paths, Profile, TimeLimit


@app.command()
def report(
    paths: Paths,
    output: Annotated[Path, typer.Option("--output", "-o", help="报告文件：.html 或 .xlsx")],
    by: Annotated[str, typer.Option("--by", help="部门分组：folder（按文件夹）或 manifest.csv 的路径")] = "folder",
    against: Annotated[Optional[Path], typer.Option("--against", help="与此索引中的历史材料比对雷同")] = None,
    title: Annotated[str, typer.Option("--title", help="报告标题")] = "方案审阅报告",
    profile: Profile = None,
    jobs: Jobs = 1,
    time_limit: TimeLimit = 120.0,
    memory_limit: MemoryLimit = 2048,
) -> None:
    """生成跨部门对比报告（HTML 或 Excel）：章节覆盖、目标与活动、经费、期限、问题、雷同。"""
    from ..report.build import build_report

    suffix = output.suffix.lower()
    if suffix not in (".html", ".htm", ".xlsx"):
        raise fail(f"-o 的扩展名必须是 .html 或 .xlsx，实际为 {output.name!r}")
    config = make_config(jobs, time_limit, memory_limit)
    try:
        summary = build_report(paths, output, by=by, against=against, title=title, profile=profile, config=config)
    except FileNotFoundError as exc:
        raise fail(str(exc)) from None
    failed = sum(1 for f in summary.files if f.analysis.errors)
    typer.echo(
        f"已写入 {output}：{len(summary.files)} 个文件，{len(summary.docs)} 篇文档，"
        f"{len(summary.departments)} 个部门" + (f"，{failed} 个文件无法读取（已在报告中列出）" if failed else ""),
        err=True,
    )
    raise typer.Exit(EXIT_OK)
