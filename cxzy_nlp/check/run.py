"""Checking many files: the batch runner, a cache that knows the rules' version, corpus findings."""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterable, Iterator
from dataclasses import replace
from functools import lru_cache
from importlib import resources
from pathlib import Path

from ..batch import ResultCache, run_batch
from ..config import DEFAULT_CONFIG, Config
from ..errors import ConfigError
from ..model import Analysis, Finding
from .engine import restyle
from .profile import load_profile, resolve_profile

CACHE_FOLDER = ".cxzy-cache"
CACHE_FILE = "results.sqlite"
_RULE_DATA = ("checks.yaml", "era.yaml", "placeholders.yaml", "residue.yaml", "stock_phrases.yaml")


def default_cache_path() -> Path:
    """``.cxzy-cache/results.sqlite`` in the current folder, or ``~/.cache/cxzy`` when that is not writable."""
    here = Path.cwd() / CACHE_FOLDER
    if os.access(Path.cwd(), os.W_OK) or here.is_dir():
        return here / CACHE_FILE
    return Path.home() / ".cache" / "cxzy" / CACHE_FILE


@lru_cache(maxsize=1)
def _builtin_rules_digest() -> str:
    h = hashlib.sha256()
    package = resources.files("cxzy_nlp")
    for name in _RULE_DATA:
        h.update(package.joinpath(f"data/{name}").read_bytes())
    for item in sorted(package.joinpath("profiles").iterdir(), key=lambda p: p.name):
        if item.name.endswith(".yaml"):
            h.update(item.read_bytes())
    return h.hexdigest()[:16]


def rules_digest(profile: str | None) -> str:
    """A fingerprint of the rule data, the built-in profiles and a user profile file's content."""
    h = hashlib.sha256(_builtin_rules_digest().encode())
    if profile and Path(profile).is_file():
        h.update(Path(profile).read_bytes())
    return h.hexdigest()[:16]


class CheckCache(ResultCache):
    """The result cache, keyed also by the rules' fingerprint: edited rule data re-checks files."""

    def __init__(self, path: str | os.PathLike[str], profile: str | None = None):
        super().__init__(path)
        self.digest = rules_digest(profile)

    def key(self, sha256: str, settings: str) -> str:  # type: ignore[override]
        return f"{ResultCache.key(sha256, settings)}:{self.digest}"


def validate_profile(profile: str | None) -> None:
    """Raise :class:`ConfigError` now rather than in every worker."""
    if profile:
        load_profile(profile)


def place_findings(analysis: Analysis, findings: Iterable[Finding], profile: str | None = None) -> Analysis:
    """Add file-level findings to the document whose span holds each one (the first when unplaced).

    Each document's profile (the one given, else the one of its type) may re-grade or drop them.
    """
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
        replace(d, findings=d.findings + restyle(e, resolve_profile(profile, d.doc_type, d.title)))
        for d, e in zip(documents, extra, strict=True)
    )
    return replace(analysis, documents=placed)


def corpus_findings(analyses: list[Analysis], against: str) -> dict[str, list[Finding]]:
    """``near-duplicate`` findings from the copy-detection stage, against an index of earlier submissions."""
    from ..dedup import corpus_findings as dedup_corpus_findings

    if not Path(against).exists():
        raise ConfigError(f"--against 指定的索引不存在：{against}")
    return dedup_corpus_findings(analyses, against=against)


def check_files(
    paths: Iterable[str],
    config: Config = DEFAULT_CONFIG,
    *,
    profile: str | None = None,
    cache: ResultCache | None = None,
) -> Iterator[Analysis]:
    """Check every file, yielding each analysis as it finishes (cached ones first)."""
    validate_profile(profile)
    profile_arg = str(Path(profile).resolve()) if profile and Path(profile).is_file() else profile
    yield from run_batch(paths, config, stages="check", profile=profile_arg, cache=cache)
