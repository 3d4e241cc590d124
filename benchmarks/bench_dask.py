"""Dask benchmark: copy detection and the per-file analysis, in memory / locally and on a LocalCluster of 1 and 2 workers.

    python benchmarks/bench_dask.py dedup --plans 10000 30000 --workers 1 2
    python benchmarks/bench_dask.py files --files 200 --workers 1 2

``dedup``: generated plans (cxzy_nlp.synth: copy families of four departments and independent
plans, one document each) compared in memory (:func:`compare`) and by partitions on the cluster
(:func:`partitioned_compare`); wall time, the client's peak RSS and each worker's peak RSS; the
two results are checked equal. ``files``: generated plans written as .txt files and run through
the batch (``stages="check"``) locally and with ``--executor dask``; seconds per file, the peak RSS
of each Dask worker and of its forked per-file children. Each configuration runs in a fresh child
process, so peaks are its own. Figures are printed as one JSON object per line; docs/dask.md
turns them into a capacity plan.
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

ROOT = Path(__file__).resolve().parents[1]


def _peak_mib() -> float:
    import resource

    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)


def _worker_peaks() -> dict[str, float]:
    import resource

    return {
        "self_mib": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
        "children_mib": round(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024, 1),
    }


CACHE = Path(os.environ.get("CXZY_BENCH_CACHE", Path(tempfile.gettempdir()) / "cxzy_bench_plans"))


def synth_texts(plans: int) -> list[tuple[str, str]]:
    """``(title, text)`` of ``plans`` generated plans, a fifth in copy families of four departments.

    Generating 30,000 plans takes minutes; the texts are kept in ``$CXZY_BENCH_CACHE`` (a gzipped JSON
    file per size, with the generator's own digest checked on read) so each configuration reads them.
    """
    import gzip
    import hashlib

    path = CACHE / f"plans{plans}.json.gz"
    if path.exists():
        data = json.loads(gzip.decompress(path.read_bytes()))
        texts = [tuple(t) for t in data["texts"]]
        digest = hashlib.sha256(json.dumps(texts, ensure_ascii=False).encode()).hexdigest()
        if digest == data["sha256"]:
            return texts  # type: ignore[return-value]
    from cxzy_nlp.synth import generate_copy_family, iter_plans

    families = plans // 20
    texts = [(p.title, p.text) for f in range(families) for p in generate_copy_family(100 + f, size=2).members]
    texts += [(p.title, p.text) for p in iter_plans(plans - len(texts), seed=3)]
    digest = hashlib.sha256(json.dumps(texts, ensure_ascii=False).encode()).hexdigest()
    CACHE.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    tmp.write_bytes(gzip.compress(json.dumps({"sha256": digest, "texts": texts}, ensure_ascii=False).encode(), 3))
    tmp.replace(path)
    return texts


def synth_analyses(plans: int):
    """``plans`` generated plans as analyses (one document spanning each text); a fifth in copy families of four."""
    from cxzy_nlp.model import Analysis, Document, SourceInfo

    texts = synth_texts(plans)
    return [
        Analysis(
            source=SourceInfo(f"plan{i:06d}.txt", "txt", f"{i:064x}", len(text)),
            text=text,
            documents=(Document(title=title, span=(0, len(text))),),
        )
        for i, (title, text) in enumerate(texts)
    ]


def _client(workers: int):
    from cxzy_nlp.config import Config
    from cxzy_nlp.corpus.distributed import client_for

    return client_for(Config(jobs=workers, executor="dask"))


def run_dedup(plans: int, workers: int) -> dict[str, object]:
    """Child: in-memory compare (workers == 0) or partitioned compare on ``workers`` Dask workers."""
    from cxzy_nlp.dedup import build_corpus, compare
    from cxzy_nlp.dedup.render import result_to_dict

    t0 = time.perf_counter()
    corpus = build_corpus(synth_analyses(plans))
    generated = time.perf_counter() - t0
    out: dict[str, object] = {
        "task": "dedup",
        "plans": plans,
        "workers": workers,
        "generate_seconds": round(generated, 1),
    }
    t0 = time.perf_counter()
    if workers == 0:
        result = compare(corpus)
    else:
        from cxzy_nlp.dedup.partitioned import partitioned_compare

        client = _client(workers)
        out["cluster_seconds"] = round(time.perf_counter() - t0, 1)
        t0 = time.perf_counter()
        result = partitioned_compare(corpus, client=client)
        out["worker_peak_mib"] = {a.split(":")[-1]: p["self_mib"] for a, p in client.run(_worker_peaks).items()}
    out["seconds"] = round(time.perf_counter() - t0, 1)
    out["client_peak_mib"] = _peak_mib()
    record = result_to_dict(result)
    stats = record.pop("stats")
    out.update({k: round(v, 1) if isinstance(v, float) else v for k, v in stats.items()})
    import hashlib

    out["corpus_sha256"] = hashlib.sha256("\x00".join(corpus.texts).encode()).hexdigest()[:16]
    out["result_sha256"] = hashlib.sha256(json.dumps(record, sort_keys=True).encode()).hexdigest()[:16]
    return out


def run_files(folder: Path, workers: int) -> dict[str, object]:
    """Child: the check batch over every file of ``folder``, locally with 2 jobs (workers == 0) or on Dask."""
    from cxzy_nlp.config import Config
    from cxzy_nlp.corpus.batch import analyse_files, iter_inputs

    inputs = list(iter_inputs([folder]))
    out: dict[str, object] = {"task": "files", "files": len(inputs), "workers": workers}
    t0 = time.perf_counter()
    if workers == 0:
        config = Config(jobs=2)
    else:
        _client(workers)
        out["cluster_seconds"] = round(time.perf_counter() - t0, 1)
        config = Config(jobs=workers, executor="dask")
    t0 = time.perf_counter()
    results = analyse_files(inputs, config)
    seconds = time.perf_counter() - t0
    out.update(seconds=round(seconds, 1), seconds_per_file=round(seconds / len(inputs), 3))
    out["failed"] = sum(1 for a in results if a.errors)
    out["client_peak_mib"] = _peak_mib()
    if workers:
        out["worker_peak_mib"] = {a.split(":")[-1]: p for a, p in _client(workers).run(_worker_peaks).items()}
    return out


def _child(args: list[str]) -> dict[str, object]:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    proc = subprocess.run([sys.executable, __file__, *args], capture_output=True, text=True, env=env)
    if proc.returncode:
        return {"args": args, "error": proc.stderr[-1500:]}
    return json.loads(proc.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("task", choices=["dedup", "files"])
    parser.add_argument("--plans", type=int, nargs="*", default=[10000, 30000])
    parser.add_argument("--files", type=int, default=200)
    parser.add_argument("--workers", type=int, nargs="*", default=[1, 2])
    parser.add_argument("--no-baseline", action="store_true", help="skip the in-memory / local run")
    parser.add_argument("--run", nargs=2, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.run:
        what, workers = args.run[0], int(args.run[1])
        figures = run_dedup(int(what), workers) if args.task == "dedup" else run_files(Path(what), workers)
        print(json.dumps(figures, ensure_ascii=False))
        return
    print(json.dumps({"cpus": os.cpu_count(), "loadavg": [round(x, 1) for x in os.getloadavg()]}), flush=True)
    configs = ([] if args.no_baseline else [0]) + args.workers
    if args.task == "dedup":
        for plans in args.plans:
            for workers in configs:
                figures = _child([args.task, "--run", str(plans), str(workers)])
                print(json.dumps({**figures, "loadavg": round(os.getloadavg()[0], 1)}, ensure_ascii=False), flush=True)
        return
    from cxzy_nlp.synth import iter_plans, render

    with tempfile.TemporaryDirectory() as tmp:
        for i, plan in enumerate(iter_plans(args.files, seed=11)):
            render(plan, "txt", Path(tmp) / f"plan{i:05d}.txt")
        for workers in configs:
            figures = _child([args.task, "--run", tmp, str(workers)])
            print(json.dumps({**figures, "loadavg": round(os.getloadavg()[0], 1)}, ensure_ascii=False), flush=True)


if __name__ == "__main__":
    main()
