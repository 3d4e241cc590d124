"""Field-by-field difference of two copy-detection results (or of two candidate-pair arrays).

    python benchmarks/diff_dedup.py --plans 10000 --workers 2     # in memory vs partitioned on a LocalCluster
    python benchmarks/diff_dedup.py --plans 10000 --candidates    # only the candidate pairs (the Dask-specific part)

:func:`result_diff` is also used by the tests: it names the first field that differs and what is
only on one side, instead of two result hashes that do not match.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from collections import Counter
from collections.abc import Iterable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
FIELDS = ("families", "copies", "boilerplate", "documents", "pairs", "clusters")


def _sample(items: Iterable[Any], n: int = 3) -> list[str]:
    return [repr(x)[:300] for x in list(items)[:n]]


def list_diff(name: str, a: list[Any], b: list[Any]) -> list[str]:
    """What differs between two lists: lengths, the first differing index, items only on one side."""
    if a == b:
        return []
    out = [f"{name}: {len(a)} vs {len(b)} items"]
    first = next((i for i, (x, y) in enumerate(zip(a, b, strict=False)) if x != y), min(len(a), len(b)))
    out.append(
        f"  first difference at index {first}: {_sample(a[first : first + 1])} vs {_sample(b[first : first + 1])}"
    )
    ca, cb = Counter(map(repr, a)), Counter(map(repr, b))
    only_a, only_b = ca - cb, cb - ca
    if not only_a and not only_b:
        out.append("  same items, different order")
    else:
        out.append(f"  only in first: {sum(only_a.values())} {_sample(only_a)}")
        out.append(f"  only in second: {sum(only_b.values())} {_sample(only_b)}")
    return out


def result_diff(a: Any, b: Any) -> list[str]:
    """Lines describing every field of two :class:`~cxzy_nlp.dedup.DedupResult` that differs (empty: equal)."""
    out: list[str] = []
    for name in FIELDS:
        x, y = getattr(a, name), getattr(b, name)
        if isinstance(x, dict):
            x, y = sorted(x.items()), sorted(y.items())
        out += list_diff(name, list(x), list(y))
    sa = {k: v for k, v in a.stats.items() if not k.startswith("seconds_")}
    sb = {k: v for k, v in b.stats.items() if not k.startswith("seconds_")}
    out += [f"stats.{k}: {sa.get(k)} vs {sb.get(k)}" for k in sorted(set(sa) | set(sb)) if sa.get(k) != sb.get(k)]
    return out


def pairs_diff(a: Any, b: Any) -> list[str]:
    """Difference of two ``(m, 2)`` candidate-pair arrays."""
    return list_diff("candidate pairs", [tuple(p) for p in a.tolist()], [tuple(p) for p in b.tolist()])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--plans", type=int, default=10000)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--candidates", action="store_true", help="compare candidate pairs only (no alignment)")
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT / "benchmarks"))
    from bench_dask import synth_analyses

    from cxzy_nlp.config import Config
    from cxzy_nlp.corpus.distributed import client_for, close_clients
    from cxzy_nlp.dedup import build_corpus, compare
    from cxzy_nlp.dedup.compare import DedupRules, corpus_to_passages, passages_to_candidates
    from cxzy_nlp.dedup.minhash import shingle_counts
    from cxzy_nlp.dedup.partitioned import partitioned_candidates, partitioned_compare

    print(json.dumps({"plans": args.plans, "workers": args.workers, "loadavg": os.getloadavg()[0]}), flush=True)
    corpus = build_corpus(synth_analyses(args.plans))
    client = client_for(Config(jobs=args.workers, executor="dask"))
    t0 = time.perf_counter()
    if args.candidates:
        rules = DedupRules()
        table = corpus_to_passages(corpus, rules)
        counts = shingle_counts(table.keys, rules.minhash)
        memory = passages_to_candidates(table, rules, counts)
        got_counts, spread = partitioned_candidates(table, rules, client)
        lines = pairs_diff(memory, spread) + ([] if (got_counts == counts).all() else ["shingle counts differ"])
    else:
        lines = result_diff(compare(corpus), partitioned_compare(corpus, client=client))
    print("\n".join(lines) or "equal", flush=True)
    print(json.dumps({"seconds": round(time.perf_counter() - t0, 1)}))
    close_clients()


if __name__ == "__main__":
    main()
