"""Copied text and boilerplate across documents, departments and years.

``compare(corpus)`` finds shared passages; ``corpus_findings(analyses, against)`` turns them
into ``near-duplicate`` findings for ``cxzy check --against INDEX``; ``dedup(paths)`` is the
library function behind ``cxzy dedup``; ``report_links`` feeds the HTML report.

How: passages (sentences merged to 24–240 characters) → keys without punctuation → 4-character
shingles, very frequent shingles left out → MinHash (numpy, 96 seeded permutations; about 14×
faster than datasketch's ``MinHash.bulk`` on the same keys, see ``benchmarks/bench_dedup.py``) →
LSH (32 bands of 3 rows) → estimated Jaccard ≥ 0.2 → exact alignment of the two keys (rapidfuzz
LCS, difflib when rapidfuzz is missing) mapped back to spans on both sides → copying, or
boilerplate when the matched text is a stock formula, shared by many owners, or in a template.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from os import PathLike
from pathlib import Path
from typing import Any

from ..model import Analysis, Finding
from .boilerplate import BOILERPLATE_LABELS, BoilerplateRules, stock_formulas
from .compare import DedupResult, DedupRules, compare
from .corpus import Corpus, CorpusDoc, Owner, build_corpus, owner_from_path
from .documents import BoilerplatePassage, DocumentCopy, DocumentPair, SharedPassage, SourceShare
from .minhash import MinHashRules
from .passages import PassageRules

__all__ = [
    "BOILERPLATE_LABELS",
    "BoilerplatePassage",
    "BoilerplateRules",
    "Corpus",
    "CorpusDoc",
    "DedupResult",
    "DedupRules",
    "DocumentCopy",
    "DocumentPair",
    "MinHashRules",
    "Owner",
    "PassageRules",
    "SharedPassage",
    "SourceShare",
    "build_corpus",
    "compare",
    "corpus_findings",
    "dedup",
    "findings_from_result",
    "owner_from_path",
    "report_links",
    "stock_formulas",
]

NEAR_DUPLICATE = "near-duplicate"
MIN_FINDING_SHARE = 0.05  # a source sharing less than this share of a document is not reported
MAX_FINDINGS_PER_DOC = 5
EVIDENCE_CHARS = 80


def _quote(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= EVIDENCE_CHARS else text[:EVIDENCE_CHARS] + "…"


def findings_from_result(result: DedupResult) -> dict[str, list[Finding]]:
    """``near-duplicate`` findings per input file path; each finding's span lies in one of its documents."""
    out: dict[str, list[Finding]] = {}
    for d, copy in sorted(result.documents.items()):
        doc = result.doc(d)
        for source in copy.sources[:MAX_FINDINGS_PER_DOC]:
            if source.share < MIN_FINDING_SHARE:
                continue
            other = result.doc(source.doc)
            best = max(
                (
                    (c.span_a if c.doc_a == d else c.span_b)
                    for c in result.copies
                    if {c.doc_a, c.doc_b} == {d, source.doc}
                ),
                key=lambda s: s[1] - s[0],
            )
            text = result.corpus.text_of(doc)
            out.setdefault(doc.path, []).append(
                Finding(
                    rule=NEAR_DUPLICATE,
                    severity="warn",
                    message=(
                        f"本文有 {source.share:.0%} 的文字（{source.passages} 段）与{other.label}相同或高度相似，"
                        f"请核实是否照搬，并改写为本单位的实际内容"
                    ),
                    span=best,
                    evidence=_quote(text[best[0] : best[1]]),
                )
            )
    return out


def corpus_findings(
    analyses: Sequence[Analysis], against: str | PathLike[str] | None = None
) -> dict[str, list[Finding]]:
    """``near-duplicate`` findings for each analysed file, keyed by ``Analysis.source.path``.

    Documents inside one file count as separate documents. With ``against`` (an index file),
    the analyses are also compared with every submission indexed before. The check stage
    places each finding in the document whose span holds the finding's span.
    """
    corpus = build_corpus(analyses)
    if against:
        from ..index import SubmissionIndex

        with SubmissionIndex(against) as index:
            index.extend_corpus(corpus, exclude_sha256={a.source.sha256 for a in analyses})
    return findings_from_result(compare(corpus))


def dedup(
    paths: Sequence[str | Path],
    *,
    against: str | PathLike[str] | None = None,
    allow: Iterable[str | Path] = (),
    rules: DedupRules = DedupRules(),
    jobs: int = 1,
) -> DedupResult:
    """Analyse the files (up to extraction) and compare them with each other, the index and templates."""
    from ..batch import iter_inputs, run_batch
    from ..config import Config

    config = Config(jobs=jobs)  # each file in a capped worker process, as for extract
    inputs = list(iter_inputs(paths))
    order = {path: i for i, path in enumerate(inputs)}
    analyses = sorted(run_batch(inputs, config, stages="extract"), key=lambda a: order.get(a.source.path, 0))
    corpus = build_corpus(analyses)
    templates = list(iter_inputs(allow))
    if templates:
        build_corpus(run_batch(templates, config, stages="extract"), role="allow", corpus=corpus)
    if against:
        from ..index import SubmissionIndex

        with SubmissionIndex(against) as index:
            index.extend_corpus(corpus, exclude_sha256={a.source.sha256 for a in analyses})
    return compare(corpus, rules)


def report_links(
    analyses: Sequence[Analysis], keys: Mapping[tuple[str, int], str], against: str | PathLike[str] | None = None
) -> tuple[list[Any], dict[str, float]]:
    """Copy links between the report's documents (``keys`` maps (path, document index) to its row key).

    Returns ``CopyLink`` records of :mod:`cxzy_nlp.report.summary` (indexed documents get the key
    ``index:<path>#<n>``) and the copied share (boilerplate excluded) of each keyed document.
    """
    from ..report.summary import CopyLink

    corpus = build_corpus(analyses)
    if against:
        from ..index import SubmissionIndex

        with SubmissionIndex(against) as index:
            index.extend_corpus(corpus, exclude_sha256={a.source.sha256 for a in analyses})
    result = compare(corpus)

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
