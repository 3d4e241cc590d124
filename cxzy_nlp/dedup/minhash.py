"""MinHash signatures of passage keys and LSH banding, vectorised over a whole corpus with numpy.

Shingles are character k-grams of a passage key (punctuation already stripped). Each shingle
gets a 32-bit hash (a polynomial rolling hash over code points, mixed; or any injected
``shingle_hash``), each of ``perms`` permutations is a multiply-shift hash with seeded
parameters, and a passage's signature is the per-permutation minimum. ``benchmarks/bench_dedup.py``
compares this with datasketch's ``MinHash.bulk`` on the same keys.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import numpy as np

ShingleHash = Callable[[str], int]

_MASK64 = (1 << 64) - 1
_CHUNK_SHINGLES = 1 << 15  # shingles per numpy chunk: small enough to stay in the CPU cache


@dataclass(frozen=True)
class MinHashRules:
    """Shingle length, signature size and LSH banding (``bands * rows == perms``)."""

    shingle: int = 4
    perms: int = 120
    # 60 bands of 2 rows: a pair is a candidate with probability 1-(1-J²)⁶⁰, 0.91 at J = 0.2 and 0.995 at 0.3.
    # Copies with 30% of their characters edited and the unit name swapped keep J ≈ 0.2-0.4 once frequent
    # shingles are left out; 40 bands of 3 rows found only 27-66% of the pairs at J = 0.2-0.3.
    bands: int = 60
    rows: int = 2
    seed: int = 1
    threshold: float = 0.17  # estimated Jaccard needed to keep an LSH candidate pair
    bucket_cap: int = 64  # a bucket larger than this links its members to one representative
    # A shingle found in more passages than this is left out of signatures: stock wording must not make
    # unrelated passages look alike. An absolute cap keeps the candidate pairs linear in the corpus size.
    frequent_keys: int = 200

    def __post_init__(self) -> None:
        from ..errors import ConfigError

        if self.bands * self.rows != self.perms:
            raise ConfigError(f"bands × rows 必须等于 perms，实际为 {self.bands}×{self.rows}≠{self.perms}")
        if self.shingle < 1:
            raise ConfigError(f"shingle 必须是正整数，实际为 {self.shingle!r}")


def _permutation_params(rules: MinHashRules) -> tuple[np.ndarray, np.ndarray]:
    """Seeded parameters of the permutations ``x → a·x + b (mod 2³²)``, ``a`` odd (a bijection)."""
    import numpy as np

    rng = np.random.default_rng(rules.seed)
    a = rng.integers(1, 1 << 32, size=rules.perms, dtype=np.uint64).astype(np.uint32) | np.uint32(1)
    b = rng.integers(0, 1 << 32, size=rules.perms, dtype=np.uint64).astype(np.uint32)
    return a, b


def _mix64(x: np.ndarray) -> np.ndarray:
    """splitmix64 finaliser, in place on a uint64 array."""
    import numpy as np

    x ^= x >> np.uint64(30)
    x *= np.uint64(0xBF58476D1CE4E5B9)
    x ^= x >> np.uint64(27)
    x *= np.uint64(0x94D049BB133111EB)
    x ^= x >> np.uint64(31)
    return x


def shingle_hashes(
    keys: Sequence[str], k: int, shingle_hash: ShingleHash | None = None
) -> tuple[np.ndarray, np.ndarray]:
    """Hashes of every k-gram of every key, and where each key's shingles start.

    Returns ``(hashes uint64, starts int64)``; key ``i`` owns ``hashes[starts[i]:starts[i+1]]``
    (``starts`` has ``len(keys) + 1`` entries). A key shorter than ``k`` is one shingle.
    """
    import numpy as np

    counts = np.fromiter((max(1, len(s) - k + 1) for s in keys), dtype=np.int64, count=len(keys))
    starts = np.zeros(len(keys) + 1, dtype=np.int64)
    np.cumsum(counts, out=starts[1:])
    if shingle_hash is not None:
        values = [shingle_hash(s[i : i + k]) & _MASK64 for s in keys for i in range(max(1, len(s) - k + 1))]
        return np.array(values, dtype=np.uint64), starts
    lengths = np.fromiter((len(s) for s in keys), dtype=np.int64, count=len(keys))
    codes = np.frombuffer("".join(keys).encode("utf-32-le"), dtype=np.uint32).astype(np.uint64)
    # rolling polynomial hash over every window of k code points (uint64 arithmetic wraps)
    windows = max(1, len(codes) - k + 1)
    h = np.zeros(windows, dtype=np.uint64)
    for j in range(k):
        h *= np.uint64(0x100000001B3)
        h[: max(0, len(codes) - j)] += codes[j : j + windows]
    _mix64(h)
    # shingle t of key i is the window starting at the key's first character + t
    key_start = np.zeros(len(keys) + 1, dtype=np.int64)
    np.cumsum(lengths, out=key_start[1:])
    owner = np.repeat(np.arange(len(keys), dtype=np.int64), counts)
    source = key_start[owner] + (np.arange(int(starts[-1]), dtype=np.int64) - starts[owner])
    out = h[np.minimum(source, windows - 1)]
    for i in np.flatnonzero(lengths < k):  # short keys hash as a whole
        out[starts[i]] = _short_key_hash(keys[int(i)])
    return out, starts


def _short_key_hash(key: str) -> int:
    import zlib

    return (zlib.crc32(key.encode("utf-8")) * 0x9E3779B97F4A7C15 + len(key)) & _MASK64


_COUNT_BINS = 1 << 22  # shingle frequency is counted in this many hash bins (collisions only add a little noise)


def _chunks(keys: Sequence[str]) -> Iterator[tuple[int, int]]:
    """Index ranges of keys holding about ``_CHUNK_SHINGLES`` characters each."""
    lo = 0
    while lo < len(keys):
        hi, size = lo, 0
        while hi < len(keys) and (size < _CHUNK_SHINGLES or hi == lo):
            size += len(keys[hi])
            hi += 1
        yield lo, hi
        lo = hi


def shingle_counts(keys: Sequence[str], rules: MinHashRules, shingle_hash: ShingleHash | None = None) -> np.ndarray:
    """How many times the shingles of each hash bin occur over all keys (``_COUNT_BINS`` counters)."""
    import numpy as np

    counts = np.zeros(_COUNT_BINS, dtype=np.int64)  # 32 MiB
    pending: list[np.ndarray] = []
    size = 0
    for lo, hi in _chunks(keys):
        hashes, _ = shingle_hashes(keys[lo:hi], rules.shingle, shingle_hash)
        pending.append((hashes % np.uint64(_COUNT_BINS)).astype(np.int64))
        size += len(hashes)
        if size >= _COUNT_BINS or hi == len(keys):  # one bincount per ~16M shingles
            counts += np.bincount(np.concatenate(pending), minlength=_COUNT_BINS)
            pending, size = [], 0
    return counts


def frequent_bins(keys: Sequence[str], rules: MinHashRules, shingle_hash: ShingleHash | None = None) -> np.ndarray:
    """Boolean table over hash bins: True where a shingle occurs in too many passages to tell them apart."""
    return shingle_counts(keys, rules, shingle_hash) > rules.frequent_keys


def _drop_frequent(
    hashes: np.ndarray, starts: np.ndarray, frequent: np.ndarray, first_key: int
) -> tuple[np.ndarray, np.ndarray]:
    """Leave out frequent shingles; a key made only of them keeps one shingle unique to it (so it matches nothing)."""
    import numpy as np

    keep = ~frequent[(hashes % np.uint64(len(frequent))).astype(np.int64)]
    kept = np.add.reduceat(keep.astype(np.int64), starts[:-1])
    empty = np.flatnonzero(kept == 0)
    if len(empty):
        hashes = hashes.copy()
        hashes[starts[empty]] = _mix64(
            np.arange(first_key, first_key + len(empty), dtype=np.uint64)
            + empty.astype(np.uint64) * np.uint64(0x9E3779B97F4A7C15)
        )
        keep[starts[empty]] = True
        kept[empty] = 1
    new_starts = np.zeros(len(kept) + 1, dtype=np.int64)
    np.cumsum(kept, out=new_starts[1:])
    return hashes[keep], new_starts


def signatures(
    keys: Sequence[str],
    rules: MinHashRules,
    shingle_hash: ShingleHash | None = None,
    frequent: np.ndarray | None = None,
) -> np.ndarray:
    """MinHash signatures, shape ``(len(keys), perms)`` uint32: per-permutation minima of each key's shingles.

    ``frequent`` (:func:`frequent_bins`, or ``shingle_counts(...) > frequent_keys``) leaves out shingles too common to discriminate.
    Keys are processed in small chunks, so memory stays flat and the work stays in the CPU cache.
    """
    import numpy as np

    sig = np.empty((len(keys), rules.perms), dtype=np.uint32)
    a, b = _permutation_params(rules)
    for lo, hi in _chunks(keys):
        hashes, starts = shingle_hashes(keys[lo:hi], rules.shingle, shingle_hash)
        if frequent is not None:
            hashes, starts = _drop_frequent(hashes, starts, frequent, lo)
        sig[lo:hi] = _minima(hashes, starts[:-1], a, b)
    return sig


def _minima(hashes: np.ndarray, starts: np.ndarray, a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Per-permutation minima over each key's shingles, on the high 32 bits of the (already mixed) hashes."""
    import numpy as np

    h = (hashes >> np.uint64(32)).astype(np.uint32)
    out = np.empty((len(starts), len(a)), dtype=np.uint32)
    v = np.empty_like(h)
    for p in range(len(a)):
        np.multiply(h, a[p], out=v)
        v += b[p]
        out[:, p] = np.minimum.reduceat(v, starts)
    return out


def band_key(sig: np.ndarray, band: int, rules: MinHashRules) -> np.ndarray:
    """One uint32 bucket key per passage for one band: the band's rows folded together.

    Distinct row tuples rarely share a key; when they do, the pair is a false candidate that
    the estimated-Jaccard check drops.
    """
    import numpy as np

    cols = sig[:, band * rules.rows : (band + 1) * rules.rows]
    acc = np.full(sig.shape[0], (band + 1) * 0x9E3779B9 & 0xFFFFFFFF, dtype=np.uint32)
    for r in range(rules.rows):
        acc ^= cols[:, r]
        acc *= np.uint32(0x01000193)
        acc ^= acc >> np.uint32(15)
    return acc


def bucket_pairs(keys: np.ndarray, ids: np.ndarray, cap: int) -> np.ndarray:
    """Pairs ``(i, j)``, ``i < j``, of the ids sharing a bucket key; ``keys`` sorted, ``ids`` ascending within a bucket.

    A bucket of more than ``cap`` members gives star edges from its first (lowest) id only: those
    passages are common text; the star keeps them connected without a quadratic blow-up.
    """
    import numpy as np

    boundaries = np.flatnonzero(np.diff(keys)) + 1
    run_starts = np.concatenate(([0], boundaries))
    sizes = np.concatenate((boundaries, [len(keys)])) - run_starts
    pairs: list[np.ndarray] = []
    for size in sorted(set(sizes[sizes > 1].tolist())):
        chosen = run_starts[sizes == size]
        members = ids[chosen[:, None] + np.arange(size)]  # (runs, size)
        if size > cap:
            first = np.repeat(members[:, :1], size - 1, axis=1)
            pairs.append(np.stack([first.ravel(), members[:, 1:].ravel()], axis=1))
            continue
        ii, jj = np.triu_indices(int(size), k=1)
        pairs.append(np.stack([members[:, ii].ravel(), members[:, jj].ravel()], axis=1))
    if not pairs:
        return np.empty((0, 2), dtype=np.int64)
    both = np.concatenate(pairs).astype(np.int64)
    both.sort(axis=1)
    return both


def pair_codes(pairs: np.ndarray, n: int) -> np.ndarray:
    """Distinct pairs as sorted codes ``i * n + j``."""
    import numpy as np

    return sorted_unique(pairs[:, 0] * np.int64(n) + pairs[:, 1])


def codes_to_pairs(codes: np.ndarray, n: int) -> np.ndarray:
    import numpy as np

    return np.stack([codes // n, codes % n], axis=1) if len(codes) else np.empty((0, 2), dtype=np.int64)


def keep_similar(codes: np.ndarray, n: int, sig: np.ndarray, min_estimate: float | None, base: int = 0) -> np.ndarray:
    """The pair codes whose MinHash estimate reaches ``min_estimate`` (all when None); ``sig`` row 0 is key ``base``."""
    if min_estimate is None or len(codes) == 0:
        return codes
    rows = codes_to_pairs(codes, n) - base
    return codes[estimated_jaccard(sig, rows) >= min_estimate]


_FLUSH_CODES = 1 << 22  # raw pair codes gathered from bands before they are filtered (32 MiB)


def _in_sorted(values: np.ndarray, table: np.ndarray) -> np.ndarray:
    """Whether each value is in the sorted array ``table``."""
    import numpy as np

    if len(table) == 0:
        return np.zeros(len(values), dtype=bool)
    at = np.minimum(np.searchsorted(table, values), len(table) - 1)
    return table[at] == values


def lsh_candidates(sig: np.ndarray, rules: MinHashRules, min_estimate: float | None = None) -> np.ndarray:
    """Candidate pairs ``(i, j)`` with ``i < j`` that share at least one band bucket, shape ``(m, 2)``.

    A bucket of more than ``bucket_cap`` members contributes star edges to its first member
    only (:func:`bucket_pairs`). With ``min_estimate``, only pairs whose MinHash estimate reaches it
    are kept, and the filter runs on a few bands at a time (about ``_FLUSH_CODES`` raw pairs): memory
    holds those bands' raw pairs and the kept ones, not the raw pairs of every band with their
    repeats (60 bands of 2 rows find a close pair in most bands); a pair already kept is not estimated again.
    """
    import numpy as np

    n = sig.shape[0]
    kept = np.empty(0, dtype=np.int64)
    pending: list[np.ndarray] = []

    def flush() -> np.ndarray:
        codes = sorted_unique(np.concatenate(pending))
        pending.clear()
        codes = keep_similar(codes[~_in_sorted(codes, kept)], n, sig, min_estimate)
        return sorted_unique(np.concatenate((kept, codes)))

    for band in range(rules.bands):
        col = band_key(sig, band, rules)
        order = np.argsort(col, kind="stable")  # stable: a large bucket's star centre is its lowest key, on any machine
        pending.append(pair_codes(bucket_pairs(col[order], order.astype(np.int64), rules.bucket_cap), n))
        if sum(map(len, pending)) >= _FLUSH_CODES:
            kept = flush()
    if pending:
        kept = flush()
    return codes_to_pairs(kept, n)


def sorted_unique(values: np.ndarray) -> np.ndarray:
    """Distinct values, sorted (a plain sort: faster than ``np.unique`` on large integer arrays)."""
    import numpy as np

    if len(values) == 0:
        return values
    out = np.sort(values)
    keep = np.empty(len(out), dtype=bool)
    keep[0] = True
    np.not_equal(out[1:], out[:-1], out=keep[1:])
    return out[keep]


def estimated_jaccard(sig: np.ndarray, pairs: np.ndarray) -> np.ndarray:
    """Share of equal signature values for each pair: the MinHash estimate of Jaccard similarity."""
    import numpy as np

    if len(pairs) == 0:
        return np.empty(0, dtype=np.float64)
    out = np.empty(len(pairs), dtype=np.float64)
    step = 1 << 16
    for lo in range(0, len(pairs), step):
        p = pairs[lo : lo + step]
        out[lo : lo + step] = (sig[p[:, 0]] == sig[p[:, 1]]).mean(axis=1)
    return out


def shingle_set(key: str, k: int) -> set[str]:
    """The exact shingle set of a key (brute-force comparisons and tests)."""
    if len(key) < k:
        return {key}
    return {key[i : i + k] for i in range(len(key) - k + 1)}


def jaccard(a: str, b: str, k: int) -> float:
    """Exact Jaccard similarity of two keys' shingle sets."""
    sa, sb = shingle_set(a, k), shingle_set(b, k)
    return len(sa & sb) / len(sa | sb) if sa or sb else 1.0
