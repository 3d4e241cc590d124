"""`cxzy feedback`: per department, a zip of its 审阅意见单 and annotated copies, plus the submission board."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

from ._app import app
from .common import EXIT_OK, fail, make_config, say, write_failed
from .options import Executor, Jobs, Manifest, MemoryLimit, Paths, Profile, Scheduler, TimeLimit, with_executor


@app.command()
def feedback(
    paths: Paths,
    output: Annotated[
        Path, typer.Option("--output", "-o", help="反馈文件夹：每个部门一个 .zip，另有收文审阅汇总.docx")
    ],
    manifest: Manifest = None,
    author: Annotated[
        Optional[str], typer.Option("--author", help="审阅人姓名（默认取 cxzy.toml 的 reviewer）")
    ] = None,
    force: Annotated[bool, typer.Option("--force", help="覆盖反馈文件夹中已有的同名文件")] = False,
    profile: Profile = None,
    jobs: Jobs = 1,
    time_limit: TimeLimit = 120.0,
    memory_limit: MemoryLimit = 2048,
    executor: Executor = "local",
    scheduler: Scheduler = None,
) -> None:
    """生成反馈包：每个报送部门一个 zip（审阅意见单 + 带批注的审阅稿），以及收文审阅汇总（谁已报送、谁未报送）。"""
    from ..corpus.feedback import feedback_files
    from ..errors import CxzyError

    config = with_executor(make_config(jobs, time_limit, memory_limit), executor, scheduler)
    try:
        result = feedback_files(
            paths, output, manifest=manifest, reviewer=author or "", profile=profile, config=config, force=force
        )
    except CxzyError as exc:
        raise fail(exc.message) from None
    except OSError as exc:  # the folder could not be written (a full disk, no permission)
        raise write_failed(exc) from None
    for pack in result.packs:
        for name, why in pack.copy_errors:
            say(f"{pack.department}：{name} 未能生成批注稿（{why}）")
    board = result.board
    unreadable = sum(r.unreadable for r in board.rows)
    say(
        f"已写入 {result.output}：{len(result.packs)} 个部门反馈包，"
        f"未报送 {board.count('未报送')} 个部门，{unreadable} 个文件无法读取；汇总见 {result.summary.name}"
    )
    raise typer.Exit(EXIT_OK)
