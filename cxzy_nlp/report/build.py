"""From input paths to a written report: analyse (in workers), group by department, find copies, render."""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence
from pathlib import Path

from ..config import DEFAULT_CONFIG, Config
from ..model import Analysis
from .summary import (
    CopyLink,
    Summary,
    departments_by_folder,
    departments_from_manifest,
    read_manifest,
    summarise,
)


def analyse_all(paths: Sequence[str], config: Config, profile: str | None = None) -> list[Analysis]:
    """Analyse every file (progress on stderr when it is a terminal); results in input order."""
    from ..batch import run_batch

    order = {p: i for i, p in enumerate(paths)}
    results: list[Analysis] = []
    stream = run_batch(paths, config, stages="check", profile=profile)
    if sys.stderr.isatty():
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

        with Progress(
            TextColumn("分析"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn(), transient=True
        ) as progress:
            task = progress.add_task("", total=len(paths))
            for analysis in stream:
                results.append(analysis)
                progress.advance(task)
    else:
        results.extend(stream)
    results.sort(key=lambda a: order.get(a.source.path, 0))
    return results


def copy_links(
    analyses: Sequence[Analysis], keys: dict[tuple[str, int], str], against: str | os.PathLike[str] | None = None
) -> tuple[list[CopyLink], dict[str, float]]:
    """Shared passages between documents, from the copy detector."""
    from ..dedup import report_links

    return report_links(analyses, keys, against=against)


def build_summary(
    paths: Sequence[str | os.PathLike[str]],
    *,
    by: str = "folder",
    against: str | os.PathLike[str] | None = None,
    profile: str | None = None,
    config: Config = DEFAULT_CONFIG,
    analyses: Sequence[Analysis] | None = None,
) -> Summary:
    from ..batch import iter_inputs

    inputs = list(iter_inputs(paths))
    if analyses is None:
        analyses = analyse_all(inputs, config, profile)
    files = [a.source.path for a in analyses]
    years: dict[str, int | None] = {}
    if by == "folder":
        departments = departments_by_folder(files, [p for p in paths if Path(p).is_dir()])
    else:
        if not Path(by).is_file():
            raise FileNotFoundError(f"找不到部门清单文件：{by}")
        manifest = read_manifest(by)
        departments = departments_from_manifest(files, manifest)
        for f in files:
            row = manifest.get(f) or manifest.get(Path(f).name) or {}
            years[f] = int(row["year"]) if row.get("year", "").isdigit() else None
    keys = {
        (a.source.path, j): f"d{i}-{j + 1}" for i, a in enumerate(analyses, start=1) for j in range(len(a.documents))
    }
    links, shares = copy_links(analyses, keys, against)
    return summarise(analyses, departments, years, links, shares)


def build_report(
    paths: Sequence[str | os.PathLike[str]],
    output: str | os.PathLike[str],
    *,
    by: str = "folder",
    against: str | os.PathLike[str] | None = None,
    title: str = "方案审阅报告",
    profile: str | None = None,
    config: Config = DEFAULT_CONFIG,
    analyses: Sequence[Analysis] | None = None,
) -> Summary:
    """Write an HTML or XLSX report (by the output's suffix) and return the summary it shows."""
    summary = build_summary(paths, by=by, against=against, profile=profile, config=config, analyses=analyses)
    out = Path(output)
    out.parent.mkdir(parents=True, exist_ok=True)
    if out.suffix.lower() == ".xlsx":
        from .xlsx import write_xlsx

        write_xlsx(summary, out)
    else:
        from .html import render_html

        out.write_text(render_html(summary, title), encoding="utf-8")
    return summary
