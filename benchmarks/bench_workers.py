"""Warm workers and the cache: ``cxzy check DIR`` with ``--jobs 1`` against ``--jobs 2``, and a cached re-run.

Generates ``--files`` plans (default 600; ``cxzy_nlp.synth``, round-robin .txt, .docx and .pdf,
as ``bench_check.py``), then runs the real command line over the folder, the runs interleaved
``--runs`` times (default 3):

* ``--jobs 1 --no-cache`` and ``--jobs 2 --no-cache``: wall seconds and CPU seconds (the command and
  its workers, ``RUSAGE_CHILDREN``); the speed-up is the median wall time of jobs 1 over jobs 2 (the
  issue's target: at least 1.6×; on a machine shared with other work two workers rarely get two cores);
* a run that fills a fresh cache (``--jobs 2``), then the cached re-run: its wall and CPU time as a
  share of the filling run (target: at most 3 %).

The load average is printed before and after each run: read the figures with it.

    python benchmarks/bench_workers.py [--files 600] [--runs 3] [--keep DIR [--reuse]] [--json]
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

CXZY = [sys.executable, "-c", "from cxzy_nlp.cli import main; main()"]


def timed(args: list[str], env: dict[str, str], cwd: Path) -> dict[str, object]:
    """Wall and CPU seconds of one ``cxzy check`` run, with the load around it."""
    load = os.getloadavg()[0]
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    code = subprocess.run(
        [*CXZY, "check", *args], env=env, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False
    ).returncode
    wall = time.perf_counter() - t0
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return {
        "wall": round(wall, 2),
        "cpu": round(cpu, 2),
        "load": [round(load, 1), round(os.getloadavg()[0], 1)],
        "exit": code,
    }


def plan_names(count: int) -> list[str]:
    """The names ``bench_check.generate_folder`` gives the first ``count`` plans (round-robin formats)."""
    from bench_check import FORMATS

    return [f"plan{i:04d}.{FORMATS[i % len(FORMATS)]}" for i in range(count)]


def only_these(corpus: Path, names: list[str], folder: Path) -> Path:
    """A folder holding exactly ``names`` of ``corpus``: ``corpus`` itself when it holds nothing else, else
    ``folder`` filled with links to them (copies where links cannot be made), so the command checks ``--files``
    plans even when a kept folder holds the plans of a larger run."""
    if sorted(p.name for p in corpus.iterdir()) == sorted(names):
        return corpus
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    for name in names:
        try:
            os.link(corpus / name, folder / name)
        except OSError:
            shutil.copy2(corpus / name, folder / name)
    return folder


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=600)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--keep", type=Path, help="generate into (and keep) this folder")
    parser.add_argument("--reuse", action="store_true", help="with --keep: reuse the plans already generated there")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()

    from bench_check import FORMATS, generate_folder

    work = args.keep or Path(tempfile.mkdtemp(prefix="cxzy-bench-workers-"))
    corpus = work / "plans"
    corpus.mkdir(parents=True, exist_ok=True)
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}  # an install has its .pyc
    env["PYTHONPYCACHEPREFIX"] = str(work / "pycache")
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH", "")]))
    env["XDG_CACHE_HOME"] = str(work / "user-cache")  # compiled patterns (patterncache.py) kept here, not in ~
    report: dict[str, object] = {"cpus": os.cpu_count(), "files": args.files, "load_before": os.getloadavg()}
    try:
        wanted = plan_names(args.files)
        if args.reuse and all((corpus / name).is_file() for name in wanted):
            report["generated"] = {fmt: sum(name.endswith(f".{fmt}") for name in wanted) for fmt in FORMATS}
        else:
            report["generated"] = generate_folder(corpus, args.files)
        corpus = only_these(corpus, wanted, work / f"run-{args.files}")  # a kept folder may hold more plans
        out = ["--fail-on", "never", "-f", "jsonl", "-o", str(work / "out.jsonl")]
        timed([str(corpus), *out, "--jobs", "1", "--no-cache"], env, work)  # untimed: bytecode, disk cache
        runs: dict[str, list[dict[str, object]]] = {"jobs 1": [], "jobs 2": [], "filling the cache": [], "cached": []}
        for _ in range(args.runs):
            runs["jobs 1"].append(timed([str(corpus), *out, "--jobs", "1", "--no-cache"], env, work))
            runs["jobs 2"].append(timed([str(corpus), *out, "--jobs", "2", "--no-cache"], env, work))
            cache = work / "cache.sqlite"
            for stale in work.glob("cache.sqlite*"):
                stale.unlink()
            cached = [str(corpus), *out, "--jobs", "2", "--cache", str(cache)]
            runs["filling the cache"].append(timed(cached, env, work))
            runs["cached"].append(timed(cached, env, work))
        report["runs"] = runs

        def median(label: str, key: str) -> float:
            return float(statistics.median(float(r[key]) for r in runs[label]))  # type: ignore[arg-type]

        report["jobs2_speedup_wall_median"] = round(median("jobs 1", "wall") / median("jobs 2", "wall"), 2)
        report["jobs2_speedup_wall_best"] = round(
            min(float(r["wall"]) for r in runs["jobs 1"]) / min(float(r["wall"]) for r in runs["jobs 2"]),
            2,  # type: ignore[arg-type]
        )
        report["cpu_jobs2_over_jobs1"] = round(median("jobs 2", "cpu") / median("jobs 1", "cpu"), 2)
        report["cached_share_wall"] = round(median("cached", "wall") / median("filling the cache", "wall"), 3)
        report["cached_share_cpu"] = round(median("cached", "cpu") / median("filling the cache", "cpu"), 3)
        report["load_after"] = os.getloadavg()
    finally:
        if args.keep is None:
            shutil.rmtree(work, ignore_errors=True)
    if args.json:
        print(json.dumps(report, ensure_ascii=False, indent=1))
        return
    print(f"CPUs {report['cpus']}, load {report['load_before']} → {report['load_after']}; {report['generated']}")
    for label, rows in runs.items():
        cells = "  ".join(f"{r['wall']:7.2f} s wall {r['cpu']:7.2f} s CPU (load {r['load']})" for r in rows)
        print(f"{label:18s} {cells}")
    print(
        f"--jobs 2 over --jobs 1 (wall): median {report['jobs2_speedup_wall_median']}×, "
        f"best {report['jobs2_speedup_wall_best']}×; CPU of jobs 2 / jobs 1: {report['cpu_jobs2_over_jobs1']}"
    )
    print(f"cached re-run / filling run: wall {report['cached_share_wall']:.1%}, CPU {report['cached_share_cpu']:.1%}")


if __name__ == "__main__":
    main()
