"""The comparison across departments: analyse the files, give each its owner, find copies, summarise, write."""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping, Sequence
from dataclasses import replace
from pathlib import Path

from ..config import DEFAULT_CONFIG, Config
from ..model import Analysis
from ..report.summary import CopyLink, Summary, summarise
from ..submitter import Owner
from .board import submission_board
from .escape import displayed, printable


def report_links(
    analyses: Sequence[Analysis],
    keys: Mapping[tuple[str, int], str],
    against: str | os.PathLike[str] | None = None,
    owners: Mapping[str, Owner] | None = None,
    config: Config = DEFAULT_CONFIG,
) -> tuple[list[CopyLink], dict[str, float]]:
    """Copy links between the report's documents (``keys`` maps (path, document index) to its row key).

    Indexed documents get the key ``index:<path>#<n>``; also returns the copied share (boilerplate
    excluded) of each keyed document.
    """
    from ..dedup import build_corpus
    from .dedup import compare_corpus
    from .index import extend_with_index

    corpus = extend_with_index(build_corpus(analyses, owners=owners), against)
    result = compare_corpus(corpus, config=config)

    def key(d: int) -> str:
        doc = result.doc(d)
        return keys.get((doc.path, doc.index)) or f"index:{doc.path}#{doc.index + 1}"

    links = []
    for pair in result.pairs:
        if pair.a == pair.b:
            continue
        passages = tuple(
            (
                c.span_a,
                c.span_b,
                result.corpus.text_of(result.doc(c.doc_a))[slice(*c.span_a)],
                result.corpus.text_of(result.doc(c.doc_b))[slice(*c.span_b)],
            )
            for c in pair.passages
        )
        links.append(CopyLink(a=key(pair.a), b=key(pair.b), share=round(pair.share_a, 4), passages=passages))
    shares = {key(d): round(c.copied_share, 4) for d, c in result.documents.items()}
    return links, shares


def report_inputs(paths: Sequence[str | os.PathLike[str]], manifest: str | os.PathLike[str] | None = None) -> list[str]:
    """The files a report checks: those under ``paths``, the manifest itself left out (it is no submission)."""
    from .batch import iter_inputs

    listing = Path(manifest).resolve() if manifest is not None else None
    return [i for i in iter_inputs(paths) if listing is None or Path(i).resolve() != listing]


def report_summary(
    paths: Sequence[str | os.PathLike[str]],
    *,
    manifest: str | os.PathLike[str] | None = None,
    against: str | os.PathLike[str] | None = None,
    profile: str | None = None,
    config: Config = DEFAULT_CONFIG,
    analyses: Sequence[Analysis] | None = None,
    progress: Callable[[Analysis], None] | None = None,
) -> Summary:
    """Check every file and build the comparison tables (owners from ``manifest`` or the folders)."""
    from .batch import analyse_files
    from .check import validate_profile
    from .owners import resolve_owners

    validate_profile(profile)
    inputs = report_inputs(paths, manifest)
    if analyses is None:
        analyses = analyse_files(inputs, config, stages="check", profile=profile, progress=progress)
    owners = resolve_owners([a.source.path for a in analyses], paths, manifest)
    keys = {
        (a.source.path, j): f"d{i}-{j + 1}" for i, a in enumerate(analyses, start=1) for j in range(len(a.documents))
    }
    links, shares = report_links(analyses, keys, against, owners, config)
    # what the report shows: names and messages with undecodable bytes and control characters escaped
    # (a spreadsheet refuses control characters; an HTML page must be valid UTF-8)
    departments = {printable(p): printable(o.department or "") for p, o in owners.items()}
    years = {printable(p): o.year for p, o in owners.items()}
    summary = summarise([displayed(a) for a in analyses], departments, years, links, shares, profile=profile)
    return replace(summary, board=submission_board(summary, manifest))


def write_report(
    summary: Summary,
    output: str | os.PathLike[str],
    title: str = "方案审阅报告",
    *,
    manifest: str | os.PathLike[str] | None = None,
) -> Path:
    """Write the summary as an HTML page or an Excel workbook (by the output's suffix).

    Both carry the submission board of the summary's files against ``manifest`` (who submitted, who
    did not, errors per department); without one, the board :func:`report_summary` worked out.
    """
    if manifest is not None or summary.board is None:
        summary = replace(summary, board=submission_board(summary, manifest))
    board = summary.board
    out = Path(output)
    out.parent.mkdir(parents=True, exist_ok=True)
    if out.suffix.lower() == ".xlsx":
        from ..report.xlsx import write_xlsx

        write_xlsx(summary, out)
    else:
        from ..report.html import render_html

        out.write_text(render_html(summary, title, board=board), encoding="utf-8")
    return out
