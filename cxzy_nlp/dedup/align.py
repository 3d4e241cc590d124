"""Exact alignment of two passages: which characters of each side are the same text.

The comparison runs on passage keys (content characters only): a longest common subsequence
from rapidfuzz's ``Indel`` (about 50× faster than difflib on passages; difflib's
``SequenceMatcher`` when rapidfuzz is not installed). Matched runs are mapped back to spans in
each file's normalised text.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..model import Span
from .passages import passage_key

MIN_BLOCK = 3  # matched runs shorter than this are coincidences, not shared text


@dataclass(frozen=True)
class Alignment:
    """How much of two passages is the same text, and where on each side."""

    matched: int  # content characters in matched runs
    similarity: float  # 2·matched / (len(a) + len(b)), symmetric, 0..1
    span_a: Span  # from the first to the last matched character, in file A's text
    span_b: Span
    blocks: tuple[tuple[Span, Span], ...] = ()  # each matched run, as spans on both sides


def _matching_runs(a: str, b: str) -> list[tuple[int, int, int]]:
    """Runs of a longest common subsequence (rapidfuzz, C++)."""
    from rapidfuzz.distance import Indel

    return [(r.a, r.b, r.size) for r in Indel.opcodes(a, b).as_matching_blocks() if r.size >= MIN_BLOCK]


def similar_keys(a: str, b: str, min_similarity: float) -> bool:
    """Whether 2·LCS / (len a + len b) reaches ``min_similarity`` (a quick test before :func:`align_keys`)."""
    try:
        from rapidfuzz.distance import Indel
    except ImportError:  # pragma: no cover - optional speed-up
        from difflib import SequenceMatcher

        return SequenceMatcher(None, a, b, autojunk=False).ratio() >= min_similarity
    return Indel.normalized_similarity(a, b, score_cutoff=min_similarity) >= min_similarity


def align_keys(a: str, b: str) -> list[tuple[int, int, int]]:
    """Matched runs ``(i, j, size)`` of two keys, symmetric in the sense that swapping sides swaps i and j."""
    if a == b:
        return [(0, 0, len(a))] if len(a) >= MIN_BLOCK else []
    if a <= b:
        return _matching_runs(a, b)
    return [(i, j, n) for j, i, n in _matching_runs(b, a)]


def runs_to_alignment(
    key_a: str, off_a: list[int], key_b: str, off_b: list[int], runs: list[tuple[int, int, int]]
) -> Alignment | None:
    """Matched runs of two keys mapped back to text offsets on each side."""
    if not runs:
        return None
    matched = sum(n for _, _, n in runs)
    blocks = tuple(((off_a[i], off_a[i + n - 1] + 1), (off_b[j], off_b[j + n - 1] + 1)) for i, j, n in runs)
    return Alignment(
        matched=matched,
        similarity=2 * matched / (len(key_a) + len(key_b)),
        span_a=(blocks[0][0][0], blocks[-1][0][1]),
        span_b=(min(bl[1][0] for bl in blocks), max(bl[1][1] for bl in blocks)),
        blocks=blocks,
    )


def align(
    text_a: str, span_a: Span, text_b: str, span_b: Span, runs: list[tuple[int, int, int]] | None = None
) -> Alignment | None:
    """Align two passages given as spans of their files' texts; None when nothing matches.

    ``runs`` may be given when the two keys were aligned before (same keys, other places).
    """
    key_a, off_a = passage_key(text_a, span_a)
    key_b, off_b = passage_key(text_b, span_b)
    if runs is None:
        runs = align_keys(key_a, key_b)
    return runs_to_alignment(key_a, off_a, key_b, off_b, runs)
