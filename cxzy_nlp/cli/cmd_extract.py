"""`cxzy extract`: the JSON output contract for each input file."""

from __future__ import annotations

from typing import Annotated, Optional

import typer

from ._app import app
from .common import EXIT_OK, check_output, fail, json_line, make_config, open_output, say
from .options import (
    Executor,
    Jobs,
    MemoryLimit,
    Output,
    Paths,
    Scheduler,
    SpanModel,
    TimeLimit,
    format_option,
    pick_format,
    use_span_model,
    with_executor,
)


@app.command()
def extract(
    paths: Paths,
    format: Annotated[Optional[str], format_option("extract")] = None,
    output: Output = None,
    jobs: Jobs = 1,
    time_limit: TimeLimit = 120.0,
    memory_limit: MemoryLimit = 2048,
    indent: Annotated[bool, typer.Option("--indent/--compact", help="JSON 缩进")] = True,
    executor: Executor = None,
    scheduler: Scheduler = None,
    model: SpanModel = None,
) -> None:
    """读取文件，输出结构化 JSON（章节、目标、活动、时间、经费、领导小组、引用文件）。"""
    from ..corpus.files import extract_files
    from ..errors import CxzyError
    from ..jsonio import analysis_to_dict

    format = pick_format("extract", format, output)
    config = with_executor(make_config(jobs, time_limit, memory_limit), executor, scheduler, paths)
    check_output(output)
    use_span_model(model)
    try:
        run = extract_files(paths, config)
    except CxzyError as exc:
        raise fail(exc.message) from None
    order = run.order
    failed = 0
    records: list[tuple[int, dict[str, object]]] = []
    with open_output(output) as out:
        for analysis in run.results:
            record = analysis_to_dict(analysis)
            if analysis.errors:
                failed += 1
                for err in analysis.errors:
                    say(f"{analysis.source.path}: [{err['code']}] {err['message']}")
            if format == "jsonl":
                out.write(json_line(record) + "\n")
                out.flush()
            else:
                records.append((order.get(analysis.source.path, 0), record))
        if format == "json":
            records.sort(key=lambda r: r[0])
            out.write(json_line([r for _, r in records], indent=1 if indent else None))
            out.write("\n")
    raise typer.Exit(EXIT_OK)  # unreadable files are records (and listed on stderr), not a failed run
