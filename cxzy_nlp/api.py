"""The public API: one function per command, returning data (``cxzy_nlp.check(...)`` is ``cxzy check``).

Each takes a path or a list of paths (files or folders, read recursively) and returns what the
command prints, as objects: :class:`~cxzy_nlp.model.Analysis` per file (in input order) for
``extract``, ``check`` and ``outline``; :func:`cxzy_nlp.jsonio.analysis_to_dict` turns one into
the JSON record the command writes. Wrong arguments (an unknown profile, stage or output format,
no readable file) raise :class:`~cxzy_nlp.errors.ConfigError`; an unreadable file is a record
with ``errors``, never an exception. No result cache is used unless one is given.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from .config import DEFAULT_CONFIG, Config
from .errors import ConfigError

if TYPE_CHECKING:  # pragma: no cover
    from .check.profile import RuleRow
    from .corpus.batch import Run
    from .corpus.cache import ResultCache
    from .corpus.feedback import FeedbackResult
    from .corpus.index import Added, Submission
    from .dedup import DedupResult
    from .model import Analysis
    from .report.annotate import Placed
    from .report.summary import Summary

PathArg = str | os.PathLike[str]
PathsArg = PathArg | Sequence[PathArg]


def _paths(paths: PathsArg) -> list[PathArg]:
    if isinstance(paths, (str, os.PathLike)):
        return [paths]
    out = list(paths)
    if not out:
        raise ConfigError("没有给出要处理的文件或文件夹")
    return out


def _in_order(run: Run) -> list[Analysis]:
    return sorted(run.results, key=lambda a: run.order.get(a.source.path, 0))


def extract(paths: PathsArg, *, config: Config = DEFAULT_CONFIG) -> list[Analysis]:
    """Read, structure and extract every file: sections, goals, activities, dates, budget, leaders, references."""
    from .corpus.files import extract_files

    return _in_order(extract_files(_paths(paths), config))


def outline(paths: PathsArg) -> list[Analysis]:
    """The documents of every file and their section trees (no extraction, no checks)."""
    from .corpus.files import outline_files

    return _in_order(outline_files(_paths(paths)))


def check(
    paths: PathsArg,
    *,
    profile: str | None = None,
    against: PathArg | None = None,
    manifest: PathArg | None = None,
    config: Config = DEFAULT_CONFIG,
    cache: ResultCache | None = None,
) -> list[Analysis]:
    """Check every file against its profile; with ``against`` (an index) add copy findings."""
    from .corpus.check import check_files

    return _in_order(
        check_files(_paths(paths), config, profile=profile, cache=cache, against=against, manifest=manifest)
    )


def dedup(
    paths: PathsArg,
    *,
    against: PathArg | None = None,
    allow: Sequence[PathArg] = (),
    manifest: PathArg | None = None,
    config: Config = DEFAULT_CONFIG,
) -> DedupResult:
    """Passages shared between the documents (and an index's), copying and boilerplate apart.

    :func:`cxzy_nlp.dedup.render.result_to_dict` gives the JSON ``cxzy dedup -f json`` writes.
    """
    from .corpus.dedup import dedup_files

    return dedup_files(_paths(paths), against=against, allow=allow, manifest=manifest, config=config)


def report(
    paths: PathsArg,
    output: PathArg | None = None,
    *,
    manifest: PathArg | None = None,
    against: PathArg | None = None,
    profile: str | None = None,
    title: str = "方案审阅报告",
    config: Config = DEFAULT_CONFIG,
) -> Summary:
    """The comparison across departments; written to ``output`` (.html or .xlsx) when given."""
    from .corpus.report import report_summary, write_report
    from .formats import resolve_format

    if output is not None:
        resolve_format("report", None, output)
    summary = report_summary(_paths(paths), manifest=manifest, against=against, profile=profile, config=config)
    if output is not None:
        write_report(summary, output, title, manifest=manifest)
    return summary


def annotate(
    path: PathArg, output: PathArg | None = None, *, profile: str | None = None
) -> tuple[Path, Analysis, list[Placed]]:
    """Write the reviewed Word copy (one comment per finding); returns (output path, analysis, placed comments)."""
    from .corpus.check import validate_profile
    from .formats import resolve_format
    from .report.annotate import annotate as annotate_file

    if output is not None:
        resolve_format("annotate", None, output)
    validate_profile(profile)
    return annotate_file(path, output, profile=profile)


def feedback(
    paths: PathsArg,
    output: PathArg,
    *,
    manifest: PathArg | None = None,
    reviewer: str = "",
    profile: str | None = None,
    force: bool = False,
    config: Config = DEFAULT_CONFIG,
) -> FeedbackResult:
    """Per department a zip of its 审阅意见单 and annotated copies in ``output``, plus the submission board."""
    from .corpus.feedback import feedback_files

    return feedback_files(
        _paths(paths), output, manifest=manifest, reviewer=reviewer, profile=profile, config=config, force=force
    )


def rules(profile: str | None = None) -> list[RuleRow]:
    """Every rule with its id, severity, switch and description (as ``profile`` sets them)."""
    from .check.profile import rules as rule_rows

    return rule_rows(profile)


def index_add(
    paths: PathsArg,
    index: PathArg | None = None,
    *,
    department: str | None = None,
    year: int | None = None,
    manifest: PathArg | None = None,
    config: Config = DEFAULT_CONFIG,
) -> list[Added]:
    """Analyse the files and store them in the index of earlier submissions (created when missing)."""
    from .corpus.index import DEFAULT_INDEX
    from .corpus.index import index_add as add

    added = add(
        _paths(paths), index or DEFAULT_INDEX, department=department, year=year, manifest=manifest, config=config
    )
    return list(added)


def index_list(index: PathArg | None = None) -> list[Submission]:
    """Every submission of an existing index, oldest first."""
    from .corpus.index import DEFAULT_INDEX
    from .corpus.index import index_list as listed

    return listed(index or DEFAULT_INDEX)


def index_rm(items: Sequence[str], index: PathArg | None = None) -> dict[str, int]:
    """Remove submissions by id, sha256 (or prefix) or path; how many each item removed."""
    from .corpus.index import DEFAULT_INDEX
    from .corpus.index import index_rm as remove

    return remove(items, index or DEFAULT_INDEX)


__all__ = [
    "annotate",
    "check",
    "dedup",
    "extract",
    "feedback",
    "index_add",
    "index_list",
    "index_rm",
    "outline",
    "report",
    "rules",
]
