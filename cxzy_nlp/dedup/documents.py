"""Per-document copy statistics, document pairs and clusters, from the shared passages."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from ..model import Span
from .boilerplate import BoilerplateKind
from .corpus import Corpus
from .passages import content_length


@dataclass(frozen=True)
class SharedPassage:
    """Text found in two documents: aligned spans on both sides (each in its own file's text)."""

    doc_a: int
    span_a: Span
    doc_b: int
    span_b: Span
    similarity: float  # symmetric aligned similarity of the two passages, 0..1
    matched: int  # aligned content characters


@dataclass(frozen=True)
class BoilerplatePassage:
    doc: int
    span: Span
    kind: BoilerplateKind
    owners: int  # how many owners share it (1 for a stock formula found once)


@dataclass(frozen=True)
class SourceShare:
    doc: int  # the other document
    chars: int  # content characters of this document shared with it
    share: float
    passages: int


@dataclass(frozen=True)
class DocumentCopy:
    """Copy statistics of one document."""

    doc: int
    chars: int  # content characters of the document
    shared_share: float  # copied or boilerplate, of all its text
    copied_share: float  # copied, boilerplate excluded
    boilerplate_share: float
    largest_source_share: float
    sources: tuple[SourceShare, ...]  # ranked, largest first


@dataclass(frozen=True)
class DocumentPair:
    a: int
    b: int
    passages: tuple[SharedPassage, ...]
    share_a: float  # of a's text found in b (boilerplate excluded)
    share_b: float
    whole_document: bool = False  # the two are near-duplicates (one family): a whole-document copy


def _covered_chars(text: str, spans: list[Span]) -> int:
    """Content characters inside the union of ``spans``."""
    total, end = 0, -1
    for s, e in sorted(spans):
        s = max(s, end)
        if e > s:
            total += content_length(text[s:e])
            end = e
    return total


def _doc_chars(corpus: Corpus, d: int, cache: dict[int, int]) -> int:
    """Content characters of document ``d`` (at least 1), computed once."""
    if d not in cache:
        doc = corpus.docs[d]
        cache[d] = max(1, content_length(corpus.text_of(doc)[doc.span[0] : doc.span[1]]))
    return cache[d]


def shared_to_documents(
    corpus: Corpus, copies: list[SharedPassage], boilerplate: Iterable[BoilerplatePassage], sizes: dict[int, int]
) -> dict[int, DocumentCopy]:
    """Copy statistics of every input document that shares text: shares and ranked sources."""
    copied: dict[int, list[Span]] = defaultdict(list)
    by_source: dict[int, dict[int, list[Span]]] = defaultdict(lambda: defaultdict(list))
    boiler: dict[int, list[Span]] = defaultdict(list)
    for c in copies:
        if c.doc_a == c.doc_b:
            continue  # a passage repeated inside one document is not copying from elsewhere
        for d, span, other in ((c.doc_a, c.span_a, c.doc_b), (c.doc_b, c.span_b, c.doc_a)):
            copied[d].append(span)
            by_source[d][other].append(span)
    for bp in boilerplate:
        boiler[bp.doc].append(bp.span)
    out: dict[int, DocumentCopy] = {}
    for d in sorted(set(copied) | set(boiler)):
        doc = corpus.docs[d]
        if doc.role != "input":
            continue
        text = corpus.text_of(doc)
        chars = _doc_chars(corpus, d, sizes)
        sources = sorted(
            (
                SourceShare(o, n := _covered_chars(text, spans), n / chars, len(spans))
                for o, spans in by_source[d].items()
            ),
            key=lambda s: (-s.chars, s.doc),
        )
        out[d] = DocumentCopy(
            doc=d,
            chars=chars,
            shared_share=_covered_chars(text, copied[d] + boiler[d]) / chars,
            copied_share=_covered_chars(text, copied[d]) / chars,
            boilerplate_share=_covered_chars(text, boiler[d]) / chars,
            largest_source_share=sources[0].share if sources else 0.0,
            sources=tuple(sources),
        )
    return out


def documents_to_pairs(
    corpus: Corpus, copies: list[SharedPassage], sizes: dict[int, int], families: Sequence[int] = ()
) -> list[DocumentPair]:
    """Shared passages grouped by document pair, with the share of each side, largest first.

    ``families`` gives the family of every document (see :func:`cxzy_nlp.dedup.compare.document_families`).
    """
    grouped: dict[tuple[int, int], list[SharedPassage]] = defaultdict(list)
    for c in copies:
        grouped[(c.doc_a, c.doc_b)].append(c)
    out: list[DocumentPair] = []
    for (a, b), items in grouped.items():
        da, db = corpus.docs[a], corpus.docs[b]
        ta, tb = corpus.text_of(da), corpus.text_of(db)
        na, nb = _doc_chars(corpus, a, sizes), _doc_chars(corpus, b, sizes)
        items.sort(key=lambda c: (c.span_a, c.span_b))
        out.append(
            DocumentPair(
                a,
                b,
                tuple(items),
                _covered_chars(ta, [c.span_a for c in items]) / na,
                _covered_chars(tb, [c.span_b for c in items]) / nb,
                a != b and bool(families) and families[a] == families[b],
            )
        )
    out.sort(key=lambda p: (-max(p.share_a, p.share_b), p.a, p.b))
    return out


def pairs_to_clusters(pairs: list[DocumentPair], min_share: float) -> list[list[int]]:
    """Groups of documents linked by pairs sharing at least ``min_share`` of either's text."""
    parent: dict[int, int] = {}

    def find(x: int) -> int:
        parent.setdefault(x, x)
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for p in pairs:
        if p.a != p.b and max(p.share_a, p.share_b) >= min_share:
            parent[find(p.a)] = find(p.b)
    clusters: dict[int, list[int]] = defaultdict(list)
    for x in list(parent):
        clusters[find(x)].append(x)
    return sorted((sorted(c) for c in clusters.values() if len(c) > 1), key=lambda c: (-len(c), c))
