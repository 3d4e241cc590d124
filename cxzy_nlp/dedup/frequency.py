"""Corpus frequency of shingles: text that many owners' documents contain is boilerplate.

Passage boundaries differ from one plan to the next (a template heading merges with whatever
follows it), so frequency is counted per shingle, not per passage: for each sampled shingle,
the number of distinct owners (departments, or files when none is known; a family of
near-duplicate documents counts as one owner) whose documents hold it. An aligned piece of text whose sampled shingles are mostly common is template or
common wording, not copying.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from .minhash import shingle_hashes, sorted_unique

if TYPE_CHECKING:
    import numpy as np

SAMPLE_MASK = 1  # keep shingles whose hash has these low bits clear (1 → half of them)
_CHUNK_CHARS = 1 << 21


def _sampled(hashes: np.ndarray) -> np.ndarray:
    import numpy as np

    return hashes[(hashes & np.uint64(SAMPLE_MASK)) == 0] >> np.uint64(32)


def common_shingles(
    keys: Sequence[str],
    key_owners: Sequence[Sequence[int]],
    k: int,
    is_common: Callable[[int], bool],
    counts: np.ndarray | None = None,
    min_count: int = 2,
) -> np.ndarray:
    """Sorted 32-bit shingle hashes (sampled) held by enough owners for ``is_common(owners)``.

    ``counts`` (from :func:`~cxzy_nlp.dedup.minhash.shingle_counts`) lets shingles seen fewer than
    ``min_count`` times in the whole corpus be skipped before owners are counted.
    """
    import numpy as np

    packed: list[np.ndarray] = []
    lo = 0
    while lo < len(keys):
        hi, size = lo, 0
        while hi < len(keys) and (size < _CHUNK_CHARS or hi == lo):
            size += len(keys[hi])
            hi += 1
        hashes, starts = shingle_hashes(keys[lo:hi], k)
        keep = (hashes & np.uint64(SAMPLE_MASK)) == 0
        if counts is not None:
            keep &= counts[(hashes % np.uint64(len(counts))).astype(np.int64)] >= min_count
        owner_per_key = np.fromiter((o[0] for o in key_owners[lo:hi]), dtype=np.uint64, count=hi - lo)
        owner = np.repeat(owner_per_key, np.diff(starts))
        packed.append(((hashes >> np.uint64(32)) << np.uint64(32) | owner)[keep])
        for i in range(lo, hi):  # identical passages of several owners: one more entry per extra owner
            extra = key_owners[i][1:]
            if extra:
                h = _sampled(shingle_hashes([keys[i]], k)[0]) << np.uint64(32)
                packed.extend(h | np.uint64(o) for o in extra)
        lo = hi
    if not packed:
        return np.empty(0, dtype=np.uint64)
    pairs = sorted_unique(np.concatenate(packed))
    if len(pairs) == 0:
        return pairs
    owners_of = pairs >> np.uint64(32)  # sorted, one entry per (shingle, owner)
    starts = np.flatnonzero(np.concatenate(([True], owners_of[1:] != owners_of[:-1])))
    shingles = owners_of[starts]
    counts = np.diff(np.append(starts, len(owners_of)))
    wanted = (
        np.fromiter((is_common(int(c)) for c in counts), dtype=bool, count=len(counts))
        if len(counts) < 64
        else _vector_common(counts, is_common)
    )
    return shingles[wanted]


def _vector_common(counts: np.ndarray, is_common: Callable[[int], bool]) -> np.ndarray:
    """``is_common`` applied once per distinct count (counts are few distinct small numbers)."""
    import numpy as np

    distinct = np.unique(counts)
    table = {int(c): is_common(int(c)) for c in distinct}
    return np.fromiter((table[int(c)] for c in distinct), dtype=bool, count=len(distinct))[
        np.searchsorted(distinct, counts)
    ]


def common_share(key: str, k: int, common: np.ndarray) -> float:
    """Share of the key's sampled shingles that are common; 0 when none is sampled."""
    import numpy as np

    if len(common) == 0 or len(key) < k:
        return 0.0
    sampled = _sampled(shingle_hashes([key], k)[0])
    if len(sampled) == 0:
        return 0.0
    at = np.minimum(np.searchsorted(common, sampled), len(common) - 1)
    return float((common[at] == sampled).mean())


def common_shares(keys: Sequence[str], k: int, common: np.ndarray) -> np.ndarray:
    """:func:`common_share` of many keys in one vectorised pass."""
    import numpy as np

    out = np.zeros(len(keys), dtype=np.float64)
    if len(common) == 0 or not keys:
        return out
    hashes, starts = shingle_hashes(keys, k)
    sampled = (hashes & np.uint64(SAMPLE_MASK)) == 0
    values = hashes >> np.uint64(32)
    at = np.minimum(np.searchsorted(common, values), len(common) - 1)
    hit = (common[at] == values) & sampled
    owner = np.repeat(np.arange(len(keys)), np.diff(starts))
    n_sampled = np.bincount(owner, weights=sampled, minlength=len(keys))
    n_hit = np.bincount(owner, weights=hit, minlength=len(keys))
    short = np.fromiter((len(key) < k for key in keys), dtype=bool, count=len(keys))
    np.divide(n_hit, n_sampled, out=out, where=(n_sampled > 0) & ~short)
    return out
