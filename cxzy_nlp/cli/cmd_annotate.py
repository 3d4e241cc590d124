"""`cxzy annotate`: a reviewed Word copy with one comment (批注) per finding."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

from . import app
from .common import EXIT_OK, check_output, say
from .options import Profile, pick_format


@app.command()
def annotate(
    path: Annotated[Path, typer.Argument(help="送审文件（.docx/.doc/.wps/.pdf/.txt）", show_default=False)],
    output: Annotated[
        Optional[Path], typer.Option("--output", "-o", help="输出 .docx（默认：原文件名.审阅.docx）")
    ] = None,
    profile: Profile = None,
) -> None:
    """生成带批注的审阅稿：每条问题一条批注，开头一条汇总批注，原文不改动。"""
    from ..report.annotate import annotate as annotate_file

    if output is not None:
        pick_format("annotate", None, output)
    check_output(output)
    target, analysis, placed = annotate_file(path, output, profile=profile)
    n = sum(len(d.findings) for d in analysis.documents)
    for err in analysis.errors:
        say(f"{path}: [{err['code']}] {err['message']}")
    typer.echo(f"已写入 {target}：{n} 条问题，{len(placed)} 条批注定位到原文", err=True)
    raise typer.Exit(EXIT_OK)  # an unreadable file is reported above, not a failed run
