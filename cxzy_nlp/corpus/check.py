"""Checking many files: the batch with the rules' cache, then copy findings across the files and the index."""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from ..config import DEFAULT_CONFIG, Config
from ..errors import ConfigError
from ..model import Analysis, Finding
from ..submitter import Owner
from .batch import Run, iter_inputs, run_batch
from .cache import ResultCache


def validate_profile(profile: str | None) -> None:
    """Raise :class:`ConfigError` now rather than in every worker."""
    if profile:
        from ..check import load_profile

        load_profile(profile)


def place_findings(analysis: Analysis, findings: Iterable[Finding], profile: str | None = None) -> Analysis:
    """Add file-level findings to the document whose span holds each one (the first when unplaced).

    Each document's profile (the one given, else the one of its type) may re-grade or drop them.
    """
    from ..check import resolve_profile
    from ..check.engine import restyle

    documents = list(analysis.documents)
    if not documents:
        return analysis
    extra: list[list[Finding]] = [[] for _ in documents]
    for finding in findings:
        index = 0
        if finding.span is not None:
            index = next((i for i, d in enumerate(documents) if d.span[0] <= finding.span[0] < d.span[1]), 0)
        extra[index].append(finding)
    placed = tuple(
        replace(d, findings=d.findings + restyle(e, resolve_profile(profile, d.doc_type, d.title, d.profile)))
        for d, e in zip(documents, extra, strict=True)
    )
    from ..locate import analysis_located

    return analysis_located(replace(analysis, documents=placed))


def corpus_findings(
    analyses: Sequence[Analysis],
    against: str | os.PathLike[str] | None = None,
    owners: dict[str, Owner] | None = None,
    config: Config = DEFAULT_CONFIG,
) -> dict[str, list[Finding]]:
    """``near-duplicate`` findings for each analysed file (keyed by path), also against an index of earlier submissions.

    Documents inside one file count as separate documents; ``owners`` gives each file's department and year.
    """
    from ..dedup import build_corpus, findings_from_result
    from .dedup import compare_corpus
    from .index import extend_with_index

    if against and not Path(against).exists():
        raise ConfigError(f"--against 指定的索引不存在：{against}")
    corpus = extend_with_index(build_corpus(analyses, owners=owners), against)
    return findings_from_result(compare_corpus(corpus, config=config))


@dataclass
class CheckRun(Run):
    """The files of a check, the checked analyses as they finish (cached ones first), each file's owner."""

    owners: dict[str, Owner] = field(default_factory=dict)


def check_files(
    paths: Sequence[str | os.PathLike[str]],
    config: Config = DEFAULT_CONFIG,
    *,
    profile: str | None = None,
    cache: ResultCache | None = None,
    against: str | os.PathLike[str] | None = None,
    manifest: str | os.PathLike[str] | None = None,
) -> CheckRun:
    """Check every file under ``paths``; with ``against`` (an index) add copy findings across files and the index.

    Copy detection needs every file first, so with ``against`` results come once all are checked.
    """
    from .owners import resolve_owners

    validate_profile(profile)
    if against is not None and not Path(against).exists():
        raise ConfigError(f"--against 指定的索引不存在：{against}")
    inputs: list[str] = list(iter_inputs(paths))
    if not inputs:
        raise ConfigError("没有找到可检查的文件")
    owners = resolve_owners(inputs, paths, manifest)
    profile_arg = str(Path(profile).resolve()) if profile and Path(profile).is_file() else profile
    results = run_batch(inputs, config, stages="check", profile=profile_arg, cache=cache)
    if against is not None:
        results = _with_copies(results, against, owners, profile, config)
    return CheckRun(inputs, results, owners)


def _with_copies(
    results: Iterator[Analysis],
    against: str | os.PathLike[str],
    owners: dict[str, Owner],
    profile: str | None,
    config: Config = DEFAULT_CONFIG,
) -> Iterator[Analysis]:
    analyses = list(results)
    extra = corpus_findings(analyses, against, owners, config)
    for analysis in analyses:
        yield place_findings(analysis, extra.get(analysis.source.path, []), profile)
