"""`cxzy check`: review findings for every file, as a linter would report them."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Annotated, Any, Optional

import typer

from ._app import app
from .common import (
    EXIT_FINDINGS,
    EXIT_OK,
    check_output,
    displayed,
    fail,
    json_line,
    make_config,
    open_output,
    say,
    write_failed,
)
from .options import (
    Executor,
    Jobs,
    Manifest,
    MemoryLimit,
    Output,
    Paths,
    Profile,
    Scheduler,
    SpanModel,
    TimeLimit,
    format_option,
    pick_format,
    use_span_model,
    with_executor,
)

FAIL_ON = ("error", "warn", "info", "never")
SEVERITY_RANK = {"info": 1, "warn": 2, "error": 3}


def reaches(severity: str, fail_on: str) -> bool:
    """Whether a finding of ``severity`` makes the run fail under ``--fail-on``."""
    return fail_on != "never" and SEVERITY_RANK.get(severity, 0) >= SEVERITY_RANK[fail_on]


@contextmanager
def progress_bar(total: int) -> Iterator[Any]:
    """A rich progress bar on stderr when it is a terminal; otherwise a silent stand-in."""
    if not sys.stderr.isatty() or total < 2:
        yield None
        return
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    columns = (
        TextColumn("检查"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("{task.fields[rate]:.1f} 个/秒"),
        TimeRemainingColumn(),
        TextColumn("失败 {task.fields[failed]}"),
    )
    with Progress(*columns, console=Console(stderr=True), transient=True) as progress:
        progress.add_task("check", total=total, rate=0.0, failed=0)
        yield progress


def _advance(progress: Any, failed: int) -> None:
    if progress is None:
        return
    task = progress.tasks[0]
    elapsed = task.elapsed or 1e-9
    progress.update(task.id, advance=1, rate=(task.completed + 1) / elapsed, failed=failed)


def _record(analysis: Any) -> dict[str, Any]:
    """The contract record of ``analysis``: the cached one as is when it came unchanged from the cache."""
    from ..corpus.batch import cached_record
    from ..jsonio import analysis_to_dict

    record = cached_record(analysis)
    return record if record is not None else analysis_to_dict(analysis)


class Writer:
    """Writes results in one format as they come (text, jsonl, csv) or at the end (json, sarif)."""

    def __init__(self, fmt: str, out: IO[str], order: dict[str, int], encoding: str = "utf-8", bom: bool = False):
        self.fmt, self.out, self.order = fmt, out, order
        self.kept: list[Any] = []
        self.console: Any = None
        self.csv: Any = None
        if fmt == "text":
            from ..report.text import make_console

            self.console = make_console(out, colour=None if out is sys.stdout else False)
        elif fmt == "csv":
            from ..report.csvout import csv_writer

            self.csv = csv_writer(out, encoding, bom=bom)

    def write(self, analysis: Any) -> None:
        if self.fmt == "text":
            from ..report.text import write_analysis

            write_analysis(self.console, displayed(analysis))
        elif self.fmt == "jsonl":
            self.out.write(json_line(_record(analysis)) + "\n")
        elif self.fmt == "csv":
            from ..report.csvout import analysis_rows

            self.csv.writerows(analysis_rows(displayed(analysis)))
        else:
            self.kept.append(analysis)
        self.out.flush()

    def close(self, stats: Any) -> None:
        kept = sorted(self.kept, key=lambda a: self.order.get(a.source.path, 0))
        if self.fmt == "json":
            self.out.write(json_line([_record(a) for a in kept], indent=1))
            self.out.write("\n")
        elif self.fmt == "sarif":
            from ..report.sarif import to_sarif

            self.out.write(json_line(to_sarif(kept), indent=1))
            self.out.write("\n")
        elif self.fmt == "text":
            from ..report.text import write_summary

            write_summary(self.console, stats)


def _open_cache(no_cache: bool, cache: Optional[Path], profile: Optional[str]) -> Any:
    if no_cache:
        return None
    from ..corpus.cache import CheckCache, default_cache_path

    return CheckCache(cache or default_cache_path(), profile)  # a damaged cache is set aside, never fatal


def _split(values: Optional[list[str]]) -> list[str]:
    """``--select a,b --select c`` → ``[a, b, c]``."""
    return [v.strip() for value in values or () for v in value.split(",") if v.strip()]


def _load_baseline(paths: list[Path], given: Optional[Path]) -> Any:
    """The baseline of reviewed findings: ``--baseline PATH``, else ``cxzy-baseline.json`` found for the paths."""
    from .. import baseline as reviewed

    if given is not None:
        return reviewed.load(given)
    if not paths:
        return None
    found = reviewed.default_path(paths[0])
    return reviewed.load(found) if found.is_file() else None


def _only_new(analysis: Any, reviewed: Any) -> Any:
    """The analysis without findings the reviewer already accepted or dismissed."""
    from .. import baseline

    return baseline.apply([analysis], reviewed, hide=("dismissed", "accepted"))[0]


@app.command()
def check(
    paths: Paths,
    profile: Profile = None,
    format: Annotated[Optional[str], format_option("check")] = None,
    fail_on: Annotated[
        str, typer.Option("--fail-on", help="达到此级别即以退出码 1 结束：error、warn、info 或 never")
    ] = "error",
    output: Output = None,
    jobs: Jobs = 1,
    no_cache: Annotated[bool, typer.Option("--no-cache", help="不读写结果缓存")] = False,
    cache: Annotated[
        Optional[Path],
        typer.Option("--cache", help="结果缓存文件（默认在用户缓存目录，如 ~/.cache/cxzy/results.sqlite）"),
    ] = None,
    against: Annotated[
        Optional[Path], typer.Option("--against", help="与此索引中的历史材料比对雷同（near-duplicate）")
    ] = None,
    manifest: Manifest = None,
    time_limit: TimeLimit = 120.0,
    memory_limit: MemoryLimit = 2048,
    select: Annotated[
        Optional[list[str]], typer.Option("--select", help="只报告这些规则（编号或中文名，可重复或用逗号分隔）")
    ] = None,
    ignore: Annotated[
        Optional[list[str]], typer.Option("--ignore", help="不报告这些规则（编号或中文名，可重复或用逗号分隔）")
    ] = None,
    min_severity: Annotated[
        Optional[str], typer.Option("--min-severity", help="只报告不低于此级别的问题：error、warn 或 info")
    ] = None,
    baseline: Annotated[
        Optional[Path],
        typer.Option("--baseline", help="审阅基线文件（默认：被检查文件夹或其上级中的 cxzy-baseline.json）"),
    ] = None,
    executor: Executor = None,
    scheduler: Scheduler = None,
    model: SpanModel = None,
    encoding: Annotated[
        str,
        typer.Option(
            "--encoding",
            help="CSV 的编码：utf-8（写入文件时带 BOM，Excel 可直接打开）或 gbk（无法编码的字符替换为“?”）",
        ),
    ] = "utf-8",
) -> None:
    """检查方案：缺项、目标空泛、无责任人、无时间节点、日期与经费矛盾、过时提法、模板痕迹等。

    被检查文件夹或其上级中的 cxzy.toml（profile、select、ignore、min-severity、[severity]、reviewer）自动生效，
    命令行选项优先；审阅基线中已确认或已驳回的问题不再报告，只报告新问题。
    """
    from ..check.settings import apply_settings, settings_for
    from ..corpus.check import check_files, validate_profile
    from ..errors import CxzyError
    from ..report.text import CheckStats, exit_reason

    format = pick_format("check", format, output)
    if fail_on not in FAIL_ON:
        raise fail(f"--fail-on 只能是 {'、'.join(FAIL_ON)}，实际为 {fail_on!r}")
    if encoding != "utf-8":
        import codecs

        if format != "csv":
            raise fail("--encoding 只用于 CSV 输出（-f csv）")
        try:
            codecs.lookup(encoding)
        except LookupError:
            raise fail(f"不支持的编码：{encoding!r}（可用 utf-8、gbk、gb18030）") from None
    try:
        settings = settings_for(paths, profile, _split(select), _split(ignore), min_severity)
        profile = settings.profile
        validate_profile(profile)
        reviewed = _load_baseline(paths, baseline)
    except CxzyError as exc:
        raise fail(exc.message) from None
    config = with_executor(make_config(jobs, time_limit, memory_limit), executor, scheduler, paths)
    check_output(output)
    use_span_model(model)
    stats = CheckStats()
    skipped = unreadable = 0
    failing = False
    result_cache = _open_cache(no_cache or bool(model), cache, profile)  # cached results are the rules' own
    try:
        run = check_files(paths, config, profile=profile, cache=result_cache, against=against, manifest=manifest)
        with open_output(output) as out, progress_bar(len(run.inputs)) as progress:
            writer = Writer(format, out, run.order, encoding, bom=output is not None)
            for analysis in run.results:
                analysis = apply_settings(analysis, settings)
                if reviewed is not None:
                    analysis = _only_new(analysis, reviewed)
                stats.add(analysis)
                codes = [e.get("code") for e in analysis.errors]
                skipped += "skipped" in codes
                unreadable += bool(codes) and "skipped" not in codes
                failing = failing or any(reaches(f.severity, fail_on) for d in analysis.documents for f in d.findings)
                writer.write(analysis)
                _advance(progress, stats.unreadable)
            writer.close(stats)
    except CxzyError as exc:
        raise fail(exc.message) from None
    except OSError as exc:  # an output failing mid-way, a full disk: the run failed (exit 3)
        raise write_failed(exc) from None
    finally:
        if result_cache is not None:
            result_cache.close()
    if writer.csv is not None and writer.csv.replaced:
        say(f"cxzy: 有 {writer.csv.replaced} 个字符无法用 {encoding} 编码，已替换为“?”")
    if unreadable or skipped:  # records in the results; they do not change the exit code
        say(f"cxzy: {unreadable} 个文件无法读取，{skipped} 个文件未读取（格式不在读取之列）")
    say(exit_reason(stats, fail_on, unreadable))  # the last line: why the exit status is what it is
    raise typer.Exit(EXIT_FINDINGS if failing else EXIT_OK)
