"""`cxzy dedup`: documents sharing text, with the passages; copying and boilerplate apart."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

from ._app import app
from .common import EXIT_OK, check_output, fail, json_line, make_config, open_output, printable
from .options import (
    Executor,
    Jobs,
    Manifest,
    MemoryLimit,
    Output,
    Paths,
    Scheduler,
    TimeLimit,
    format_option,
    pick_format,
    with_executor,
)


@app.command()
def dedup(
    paths: Paths,
    against: Annotated[Optional[Path], typer.Option("--against", help="与此查重索引中已收录的材料比较")] = None,
    format: Annotated[Optional[str], format_option("dedup")] = None,
    output: Output = None,
    allow: Annotated[
        Optional[list[Path]], typer.Option("--allow", help="上级下发模板所在文件夹：与之相同的文字计为模板，不计为抄袭")
    ] = None,
    manifest: Manifest = None,
    jobs: Jobs = 1,
    time_limit: TimeLimit = 120.0,
    memory_limit: MemoryLimit = 2048,
    executor: Executor = None,
    scheduler: Scheduler = None,
) -> None:
    """查重：找出文档之间（及与索引中往年、其他部门材料之间）相同或高度相似的段落，套话与模板单列。"""
    from ..corpus.dedup import dedup_files
    from ..dedup.render import result_to_dict, result_to_html, result_to_text
    from ..errors import CxzyError

    format = pick_format("dedup", format, output)
    check_output(output)
    try:
        config = with_executor(make_config(jobs, time_limit, memory_limit), executor, scheduler, paths)
        result = dedup_files(paths, against=against, allow=allow or [], manifest=manifest, config=config)
    except CxzyError as exc:
        raise fail(exc.message) from None
    with open_output(output) as out:
        if format == "json":
            out.write(json_line(result_to_dict(result), indent=1))
            out.write("\n")
        elif format == "html":
            out.write(result_to_html(result))
        else:
            out.write(printable(result_to_text(result), keep_newlines=True))
    raise typer.Exit(EXIT_OK)
