"""`cxzy annotate`: reviewed Word copies, one comment (批注) or summary entry per finding."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

from ._app import app
from .common import EXIT_FINDINGS, EXIT_OK, fail, make_config, say, write_failed
from .options import Jobs, Paths, Profile, pick_format


@app.command()
def annotate(
    paths: Paths,
    output: Annotated[
        Optional[Path],
        typer.Option(
            "--output",
            "-o",
            help="输出：一个文件时可为 .docx 文件名；文件夹或多个文件时为输出文件夹（按原目录结构存放）。默认写在原文件旁：原名.审阅.docx",
        ),
    ] = None,
    author: Annotated[
        Optional[str], typer.Option("--author", help="批注和修订的作者（默认：cxzy.toml 的 reviewer，否则 cxzy）")
    ] = None,
    fix: Annotated[
        bool, typer.Option("--fix", help="把确定无误的文字更正（文号六角括号、日期写法、标点全角）写成修订")
    ] = False,
    force: Annotated[bool, typer.Option("--force", help="覆盖已存在的审阅稿")] = False,
    profile: Profile = None,
    jobs: Jobs = 1,
) -> None:
    """生成带批注的审阅稿：每条问题一条批注（无法定位的列入开头的汇总批注），原文件不改动。

    .docx 在原文上加批注；.doc、.wps、.pdf、.txt、.ofd、.html 生成 A4 公文格式的审阅稿。
    文件夹、多个文件和压缩包一次处理，每个文件一份审阅稿；无法处理的文件单独报告，不影响其他文件。
    """
    from ..corpus.annotate import annotate_files, summary_line
    from ..errors import CxzyError

    def progress(outcome) -> None:  # type: ignore[no-untyped-def]
        if outcome.error is not None:
            say(f"✗ {outcome.source}：[{outcome.error['code']}] {outcome.error['message']}")
        elif outcome.done is not None:
            done = outcome.done
            say(f"✓ {outcome.target}（{len(done.placed)} 条批注，{len(done.listed)} 条汇总）")

    if output is not None and Path(output).suffix and not output.is_dir() and not str(output).endswith("/"):
        pick_format("annotate", None, output)  # a file name must be a .docx (a folder has no suffix)
    try:
        outcomes = annotate_files(
            [str(p) for p in paths],
            output,
            author=author,
            fix=fix,
            force=force,
            profile=profile,
            config=make_config(jobs),
            progress=progress,
        )
    except CxzyError as exc:
        raise fail(exc.message) from None
    except OSError as exc:
        raise write_failed(exc) from None
    say(summary_line(outcomes))
    failed = sum(1 for o in outcomes if o.error is not None)
    if failed:
        say(f"退出码 {EXIT_FINDINGS}：{failed} 个文件未能生成审阅稿（原因见上）")
        raise typer.Exit(EXIT_FINDINGS)
    raise typer.Exit(EXIT_OK)
