"""Dedup benchmark: generated corpora of N plans; time, peak memory and growth.

    python benchmarks/bench_dedup.py --plans 1000 10000    # passage recall of planted copies (edits 10-30%), time
    python benchmarks/bench_dedup.py --minhash-only      # numpy MinHash vs datasketch on the same keys

Each size runs in a fresh child process (so its peak RSS is the dedup run's own, corpus
texts included); generation is not timed. Figures are printed as one JSON object per size.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

SEP = "\x00"


def generate(plans: int, passages: int, out: Path) -> dict[str, float]:
    from cxzy_nlp.dedup.plant import planted_corpus

    t0 = time.perf_counter()
    corpus = planted_corpus(plans, passages_per_plan=passages, copy_rate=0.2, copied_passages=10, seed=3)
    out.write_text(SEP.join(corpus.texts), encoding="utf-8")
    planted = [[c.source, *c.source_span, c.copy, *c.copy_span] for c in corpus.copies]
    out.with_suffix(".planted.json").write_text(json.dumps(planted), encoding="utf-8")
    return {
        "generate_seconds": round(time.perf_counter() - t0, 1),
        "planted_copies": len(corpus.copies),
        "chars": sum(len(t) for t in corpus.texts),
    }


def passage_recall(result, planted: list[list[int]]) -> float:  # type: ignore[no-untyped-def]
    """Share of planted copies found: a copied passage of the two plans overlapping the planted span on both sides."""
    found: dict[tuple[int, int], list[tuple[int, int, int, int]]] = {}
    for c in result.copies:
        found.setdefault((c.doc_a, c.doc_b), []).append((*c.span_a, *c.span_b))
    hits = 0
    for src, s0, s1, dst, c0, c1 in planted:
        hits += any(a0 < s1 and s0 < a1 and b0 < c1 and c0 < b1 for a0, a1, b0, b1 in found.get((src, dst), ()))
    return hits / len(planted) if planted else 1.0


def run(path: Path) -> dict[str, float]:
    """Child: load the texts, run the dedup stage, report time, peak memory and the passage recall of planted copies."""
    import resource

    from cxzy_nlp.dedup import build_corpus, compare
    from cxzy_nlp.model import Analysis, Document, SourceInfo

    texts = path.read_text(encoding="utf-8").split(SEP)
    analyses = [
        Analysis(
            source=SourceInfo(f"plan{i:05d}.txt", "txt", f"{i:064x}", len(t)),
            text=t,
            documents=(Document(title=t[: t.index("\n")], span=(0, len(t))),),
        )
        for i, t in enumerate(texts)
    ]
    base = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    t0, c0 = time.perf_counter(), time.process_time()
    result = compare(build_corpus(analyses))
    seconds, cpu = time.perf_counter() - t0, time.process_time() - c0
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return {
        "plans": len(texts),
        "seconds": round(seconds, 2),
        "cpu_seconds": round(cpu, 2),
        "peak_rss_mib": round(peak / 1024),
        "rss_before_mib": round(base / 1024),
        "passage_recall": round(passage_recall(result, json.loads(path.with_suffix(".planted.json").read_text())), 4),
        "pairs": len(result.pairs),
        "clusters": len(result.clusters),
        **{k: round(v, 2) if isinstance(v, float) else v for k, v in result.stats.items()},
    }


def minhash_only(n_keys: int) -> dict[str, float]:
    """numpy MinHash (this package) vs datasketch MinHash.bulk on the same passage keys."""
    from cxzy_nlp.dedup.compare import DedupRules, corpus_to_passages
    from cxzy_nlp.dedup.corpus import build_corpus
    from cxzy_nlp.dedup.minhash import signatures
    from cxzy_nlp.dedup.plant import planted_corpus

    rules = DedupRules()
    corpus = planted_corpus(max(10, n_keys // 60), passages_per_plan=60, seed=5)
    keys = corpus_to_passages(build_corpus(corpus.analyses()), rules).keys[:n_keys]
    t0 = time.perf_counter()
    signatures(keys, rules.minhash)
    ours = time.perf_counter() - t0
    out: dict[str, float] = {"keys": len(keys), "numpy_seconds": round(ours, 3)}
    try:
        from datasketch import MinHash
    except ImportError:
        return out
    k = rules.minhash.shingle
    t0 = time.perf_counter()
    shingles = [[key[i : i + k].encode("utf-8") for i in range(max(1, len(key) - k + 1))] for key in keys]
    MinHash.bulk(shingles, num_perm=rules.minhash.perms, seed=rules.minhash.seed)
    out["datasketch_seconds"] = round(time.perf_counter() - t0, 3)
    out["speedup"] = round(out["datasketch_seconds"] / ours, 1)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--plans", type=int, nargs="*", default=[1000, 10000])
    parser.add_argument("--passages", type=int, default=50, help="passages of two sentences per plan")
    parser.add_argument("--run", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--minhash-only", type=int, nargs="?", const=50000, default=None)
    args = parser.parse_args()
    if args.run:
        print(json.dumps(run(args.run)))
        return
    if args.minhash_only:
        print(json.dumps(minhash_only(args.minhash_only)))
        return
    print(json.dumps({"cpus": os.cpu_count(), "loadavg": os.getloadavg()}))
    previous: dict[str, float] | None = None
    for plans in args.plans:
        with tempfile.TemporaryDirectory() as tmp:
            path = Path(tmp) / "corpus.txt"
            info = generate(plans, args.passages, path)
            child = subprocess.run(
                [sys.executable, __file__, "--run", str(path)], capture_output=True, text=True, check=True
            )
            figures = {**info, **json.loads(child.stdout.strip().splitlines()[-1]), "loadavg": os.getloadavg()[0]}
        if previous:
            figures["time_growth"] = round(figures["seconds"] / previous["seconds"], 2)
            figures["cpu_growth"] = round(figures["cpu_seconds"] / previous["cpu_seconds"], 2)
            figures["size_growth"] = round(plans / previous["plans"], 2)
            figures["cpu_growth_per_size"] = round(figures["cpu_growth"] / figures["size_growth"], 2)  # target ≤ 1.5
        print(json.dumps(figures, ensure_ascii=False), flush=True)
        previous = figures


if __name__ == "__main__":
    main()
