"""Copied text and boilerplate across documents, departments and years.

``compare(corpus)`` finds shared passages; ``findings_from_result`` turns them into
``near-duplicate`` findings. This package compares analyses it is given and reads no files:
running the files, their owners and the index belong to :mod:`cxzy_nlp.corpus`
(``dedup_files`` behind ``cxzy dedup``, ``corpus_findings`` for ``cxzy check --against``).

How: passages (sentences merged to 24–240 characters) → keys without punctuation → 4-character
shingles, a shingle seen more than 200 times in the corpus left out → MinHash (numpy, 120 seeded
permutations; about 14× faster than datasketch's ``MinHash.bulk`` on the same keys, see
``benchmarks/bench_dedup.py``) → LSH (60 bands of 2 rows; a bucket of more than 64 keys linked as a
star) → estimated Jaccard ≥ 0.17 → exact alignment of the two keys (rapidfuzz LCS, difflib when
rapidfuzz is missing) mapped back to spans on both sides → copying, or boilerplate when the matched
text is a stock formula, shared by many owners, or in a template. These figures are the defaults of
:class:`DedupRules`, :class:`PassageRules` and :class:`MinHashRules` (``tests/test_dedup.py`` checks).
"""

from __future__ import annotations

from ..model import Finding
from .boilerplate import BOILERPLATE_LABELS, BoilerplateRules, stock_formulas
from .compare import DedupResult, DedupRules, compare
from .corpus import Corpus, CorpusDoc, Owner, build_corpus
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
    "findings_from_result",
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
