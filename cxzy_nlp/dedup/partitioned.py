"""Copy detection at scale: MinHash and LSH of :func:`cxzy_nlp.dedup.compare` as Dask tasks over partitions.

The same candidate pairs and the same :class:`DedupResult` as the in-memory path, by construction:

1. passages and their unique keys are listed in the client (:func:`corpus_to_passages`, a linear pass);
2. the keys are cut into partitions on the in-memory path's own chunk boundaries (``minhash._chunks``),
   so every key gets the very signature it gets in memory, also a key made only of frequent shingles;
3. shingle counts are summed over partitions (a tree of additions), the frequent-shingle table is
   broadcast, and each partition computes its keys' signatures where it lives;
4. each partition emits ``(band, bucket key, key id)`` records, hash-partitioned by bucket: a shuffle
   on band keys across ``shuffle`` output partitions; each output partition sorts its records and
   makes the pairs of every bucket (all pairs, or a star from the lowest key id when a bucket holds
   more than ``bucket_cap``: the rule of :func:`minhash.lsh_candidates`) and keeps those whose MinHash
   estimate reaches the threshold (the signature partitions are sent to it), so only kept pairs leave;
5. the client takes the distinct pairs; :func:`compare` then aligns them (in a canonical order) and
   decides copying and boilerplate as in memory (families, owners and templates need the whole
   corpus; alignment is not partitioned yet, see docs/dask.md).

What stays in the client is linear in the corpus (keys, the kept pairs); each reduce task holds the
whole signature matrix (480 bytes a key). docs/dask.md gives the sizes and what they mean for a
million plans.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .compare import DedupResult, DedupRules, PassageTable, compare
from .corpus import Corpus
from .minhash import MinHashRules

if TYPE_CHECKING:
    import numpy as np

PARTITION_KEYS = 50_000  # about this many passage keys per partition


# ------------------------------------------------------------------ tasks (run on Dask workers)


def _part_counts(keys: list[str], rules: MinHashRules) -> np.ndarray:
    from .minhash import shingle_counts

    return shingle_counts(keys, rules)


def _add(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    return a + b


def _frequent(counts: np.ndarray, rules: MinHashRules) -> np.ndarray:
    return counts > rules.frequent_keys


def _part_signatures(
    keys: list[str], bounds: list[tuple[int, int]], base: int, frequent: np.ndarray, rules: MinHashRules
) -> np.ndarray:
    """Signatures of one partition, chunk by chunk on the global chunk boundaries (as ``minhash.signatures``)."""
    import numpy as np

    from .minhash import _drop_frequent, _minima, _permutation_params, shingle_hashes

    a, b = _permutation_params(rules)
    sig = np.empty((len(keys), rules.perms), dtype=np.uint32)
    for lo, hi in bounds:
        hashes, starts = shingle_hashes(keys[lo - base : hi - base], rules.shingle)
        hashes, starts = _drop_frequent(hashes, starts, frequent, lo)
        sig[lo - base : hi - base] = _minima(hashes, starts[:-1], a, b)
    return sig


def _band_records(sig: np.ndarray, base: int, rules: MinHashRules, shuffle: int) -> list[np.ndarray]:
    """``(bucket, key id)`` rows of every band, split by ``bucket % shuffle`` (the shuffle's map side)."""
    import numpy as np

    from .minhash import band_key

    ids = np.arange(base, base + len(sig), dtype=np.uint64)
    rows = []
    for band in range(rules.bands):
        bucket = (np.uint64(band) << np.uint64(32)) | band_key(sig, band, rules).astype(np.uint64)
        rows.append(np.stack([bucket, ids], axis=1))
    table = np.concatenate(rows) if rows else np.empty((0, 2), dtype=np.uint64)
    target = (table[:, 0] % np.uint64(shuffle)).astype(np.int64)
    return [table[target == q] for q in range(shuffle)]


def _piece(parts: list[np.ndarray], q: int) -> np.ndarray:
    return parts[q]


def _bucket_pairs(n: int, rules: MinHashRules, n_pieces: int, *parts: np.ndarray) -> np.ndarray:
    """The reduce side: codes ``i * n + j`` (``i < j``) of the pairs of every bucket of this output partition
    whose MinHash estimate reaches the threshold (``parts``: ``n_pieces`` pieces of band rows, then the
    signature partitions in key order), so only kept pairs leave the worker."""
    import numpy as np

    from .minhash import bucket_pairs, keep_similar, pair_codes

    pieces, sigs = parts[:n_pieces], parts[n_pieces:]
    table = np.concatenate(pieces) if pieces else np.empty((0, 2), dtype=np.uint64)
    if len(table) == 0:
        return np.empty(0, dtype=np.int64)
    table = table[np.lexsort((table[:, 1], table[:, 0]))]  # by bucket, then key id: a star's centre is its lowest
    codes = pair_codes(bucket_pairs(table[:, 0], table[:, 1].astype(np.int64), rules.bucket_cap), n)
    del table
    return keep_similar(codes, n, np.concatenate(sigs), rules.threshold)


# ------------------------------------------------------------------ the client side


def _partitions(keys: list[str], target: int) -> list[tuple[int, int, list[tuple[int, int]]]]:
    """``(lo, hi, chunk bounds)`` of each partition: whole chunks of ``minhash._chunks``, about ``target`` keys each."""
    from .minhash import _chunks

    out: list[tuple[int, int, list[tuple[int, int]]]] = []
    bounds: list[tuple[int, int]] = []
    for lo, hi in _chunks(keys):
        bounds.append((lo, hi))
        if hi - bounds[0][0] >= target:
            out.append((bounds[0][0], hi, bounds))
            bounds = []
    if bounds:
        out.append((bounds[0][0], bounds[-1][1], bounds))
    return out


def partitioned_candidates(
    table: PassageTable,
    rules: DedupRules,
    client: Any,
    partition_keys: int = PARTITION_KEYS,
    shuffle: int | None = None,
) -> tuple[np.ndarray, np.ndarray]:
    """Shingle counts and the candidate key pairs of :func:`compare.passages_to_candidates`, computed on ``client``."""
    import numpy as np

    from .minhash import codes_to_pairs, sorted_unique

    mh = rules.minhash
    parts = _partitions(table.keys, partition_keys)
    if not parts:
        from .minhash import _COUNT_BINS

        return np.zeros(_COUNT_BINS, dtype=np.int64), np.empty((0, 2), dtype=np.int64)
    shuffle = shuffle or max(1, min(len(parts), 2 * max(1, len(client.nthreads()))))
    key_parts = [client.scatter([table.keys[lo:hi]], hash=False)[0] for lo, hi, _ in parts]  # one object each
    counts = [client.submit(_part_counts, k, mh, pure=False) for k in key_parts]
    while len(counts) > 1:  # a tree of additions: never more than two 32 MiB tables in one task
        counts = [
            client.submit(_add, *counts[i : i + 2]) if i + 1 < len(counts) else counts[i]
            for i in range(0, len(counts), 2)
        ]
    total = counts[0]
    frequent = client.submit(_frequent, total, mh)
    sigs = [
        client.submit(_part_signatures, k, bounds, lo, frequent, mh, pure=False)
        for k, (lo, _, bounds) in zip(key_parts, parts, strict=True)
    ]
    mapped = [
        client.submit(_band_records, s, lo, mh, shuffle, pure=False) for s, (lo, _, _) in zip(sigs, parts, strict=True)
    ]
    n = len(table.keys)
    reduced = [
        client.submit(
            _bucket_pairs,
            n,
            mh,
            len(mapped),
            *[client.submit(_piece, m, q, pure=False) for m in mapped],
            *sigs,
            pure=False,
        )
        for q in range(shuffle)
    ]
    pairs = codes_to_pairs(sorted_unique(np.concatenate(client.gather(reduced))), n)
    return client.gather(total), pairs


def partitioned_compare(
    corpus: Corpus,
    rules: DedupRules = DedupRules(),
    *,
    client: Any,
    partition_keys: int = PARTITION_KEYS,
    shuffle: int | None = None,
) -> DedupResult:
    """:func:`cxzy_nlp.dedup.compare` with MinHash and LSH run on a Dask ``client``: the same result."""
    return compare(
        corpus, rules, candidates=lambda table, r: partitioned_candidates(table, r, client, partition_keys, shuffle)
    )
