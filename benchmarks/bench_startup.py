"""One-file ``cxzy check`` from a cold interpreter, beside ``python -c "import typer"`` in the same run.

Each command runs as a fresh process, interleaved with the others, ``--repeat`` times; the figure is
its CPU time (user + system of the process and the workers it waited for, ``RUSAGE_CHILDREN``),
fastest and median, and the ratio to ``import typer`` (the issue's target: at most 5×). Compiled
bytecode is kept in a temporary ``PYTHONPYCACHEPREFIX`` and compiled patterns in a temporary cache
folder (``XDG_CACHE_HOME``, cxzy_nlp/patterncache.py), both filled by one untimed run first, as an
installed package has its ``.pyc`` files and a user's second run its patterns, even where
``PYTHONDONTWRITEBYTECODE`` is set.

Commands: ``import typer``; ``cxzy --help``; ``cxzy check FILE --no-cache`` on a generated plan of
about 3 pages as .txt and as .docx; the .txt check once more with an empty pattern cache that is never
written (a first run after installing). ``--modules`` also prints which heavy libraries a one-file check
imports (none of numpy, spaCy, jieba, cn2an, pydantic should appear for these files).

A benchmark reports figures; it asserts nothing. The machine load is printed with them.

    python benchmarks/bench_startup.py [--repeat 7] [--modules] [--json]
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

HEAVY = ("numpy", "spacy", "jieba", "cn2an", "pydantic", "sklearn", "onnxruntime", "pdfplumber", "pdfminer", "yaml")


def child_cpu(cmd: list[str], env: dict[str, str], cwd: Path) -> float:
    """CPU seconds (user + system) of ``cmd`` and the processes it waited for."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    subprocess.run(cmd, env=env, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def imported(path: Path, env: dict[str, str], cwd: Path) -> list[str]:
    """The heavy libraries a one-file check imports, in its main process and its worker."""
    probe = (
        "import sys, atexit, os\n"
        "from cxzy_nlp.corpus import batch\n"
        "heavy = " + repr(HEAVY) + "\n"
        "def report():\n"
        "    print(os.getpid(), sorted(m for m in heavy if m in sys.modules), file=sys.stderr)\n"
        "orig = batch._serve_paths\n"
        "def serve(*a, **k):\n"
        "    try:\n"
        "        orig(*a, **k)\n"
        "    finally:\n"
        "        print('worker', sorted(m for m in heavy if m in sys.modules), file=sys.stderr)\n"
        "batch._serve_paths = serve\n"
        "atexit.register(lambda: print('main', sorted(m for m in heavy if m in sys.modules), file=sys.stderr))\n"
        "from cxzy_nlp.cli import main\n"
        f"sys.argv = ['cxzy', 'check', {str(path)!r}, '--no-cache', '--fail-on', 'never']\n"
        "main()\n"
    )
    run = subprocess.run([sys.executable, "-c", probe], env=env, cwd=cwd, capture_output=True, text=True, check=False)
    return [line for line in run.stderr.splitlines() if line.startswith(("main", "worker"))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument("--modules", action="store_true", help="print the heavy libraries a one-file check imports")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()

    from cxzy_nlp.synth import generate_plan, render

    with tempfile.TemporaryDirectory(prefix="cxzy-bench-startup-") as tmp:
        work = Path(tmp)
        env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
        env["PYTHONPYCACHEPREFIX"] = str(work / "pycache")
        env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH", "")]))
        env["XDG_CACHE_HOME"] = str(work / "cache")  # compiled patterns kept by the first (untimed) run
        cold = {**env, "XDG_CACHE_HOME": str(work / "no-cache"), "PYTHONDONTWRITEBYTECODE": "1"}  # none kept
        plan = generate_plan(3, size=3)
        files = {fmt: render(plan, fmt, work / f"plan.{fmt}") for fmt in ("txt", "docx")}
        cxzy = [sys.executable, "-m", "cxzy_nlp"]
        check = ["check", "--no-cache", "--fail-on", "never"]
        commands = {
            "import typer": ([sys.executable, "-c", "import typer"], env),
            "cxzy --help": ([*cxzy, "--help"], env),
            **{f"cxzy check one .{fmt}": ([*cxzy, *check, str(path)], env) for fmt, path in files.items()},
            "… .txt, no pattern cache": ([*cxzy, *check, str(files["txt"])], cold),
        }
        for cmd, cmd_env in commands.values():  # untimed: bytecode and patterns kept in the temporary folder
            child_cpu(cmd, cmd_env, work)
        report: dict[str, object] = {"load_before": os.getloadavg(), "repeat": args.repeat}
        times: dict[str, list[float]] = {name: [] for name in commands}
        for _ in range(args.repeat):
            for name, (cmd, cmd_env) in commands.items():
                times[name].append(child_cpu(cmd, cmd_env, work))
        report["load_after"] = os.getloadavg()
        typer_fast, typer_median = min(times["import typer"]), statistics.median(times["import typer"])
        report["cpu_seconds"] = {
            name: {
                "fastest": round(min(t), 3),
                "median": round(statistics.median(t), 3),
                "ratio_to_typer_fastest": round(min(t) / typer_fast, 2),
                "ratio_to_typer_median": round(statistics.median(t) / typer_median, 2),
            }
            for name, t in times.items()
        }
        if args.modules:
            report["heavy_imports"] = {f".{fmt}": imported(path, env, work) for fmt, path in files.items()}
    if args.json:
        print(json.dumps(report, ensure_ascii=False, indent=1))
        return
    print(f"load before {report['load_before']}, after {report['load_after']}; CPU seconds, {args.repeat} runs each")
    print(f"{'command':24s}{'fastest':>9s}{'median':>9s}{'× typer (fastest)':>19s}{'× typer (median)':>18s}")
    for name, row in report["cpu_seconds"].items():  # type: ignore[attr-defined]
        print(
            f"{name:24s}{row['fastest']:9.3f}{row['median']:9.3f}"
            f"{row['ratio_to_typer_fastest']:18.2f}×{row['ratio_to_typer_median']:17.2f}×"
        )
    for fmt, lines in report.get("heavy_imports", {}).items():  # type: ignore[attr-defined]
        print(f"heavy libraries imported, {fmt}: " + "; ".join(lines))


if __name__ == "__main__":
    main()
