"""Instruction counts (valgrind callgrind) of start-up and of each stage, against a budget.

Instruction counts hardly move with the machine's load, so they show at merge time what a change
cost, where CPU seconds on a shared machine cannot. Each command runs once under
``valgrind --tool=callgrind`` (about 50× slower than without), after one untimed run without
valgrind that fills the bytecode (``PYTHONPYCACHEPREFIX``), the compiled patterns and the parsed data files
(``XDG_CACHE_HOME``, cxzy_nlp/patterncache.py, cxzy_nlp/datacache.py) in a temporary folder, with ``PYTHONHASHSEED=0``:

* ``import typer`` (the issue's yardstick: a one-file check may cost at most 5× its CPU);
* ``cxzy --help``; ``cxzy check FILE --no-cache`` on the 3-page generated plan of bench_startup.py,
  as .txt and .docx: every process of the command (parent and worker, ``--dump-before=fork``);
* the stages in one process, on the ~10-page generated .docx of bench_check.py: importing the
  pipeline (with the command line's kept patterns and data), then read → normalise → segment → classify →
  extract → check of the first file (``cold``: lazy loads included) and of the same file again
  (``warm``: what each further file of a batch costs; the markitdown target is about this one).
  Stages are told apart by a marker call between them (``os.getppid``, ``--dump-before=getppid``).

Counts are printed in millions (M) beside the budget of ``benchmarks/instruction_budget.json`` and
their ratio; a count more than ``--tolerance`` (default 5 %) over its budget is marked ``OVER`` and
the exit status is 1, so a merge that makes start-up or a stage dearer shows at once. ``--write``
records the counts measured as the new budget (do it on purpose, after reading what grew).

    python benchmarks/bench_instructions.py [--only startup|stages] [--tolerance 0.05] [--write] [--json]
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

BUDGET = ROOT / "benchmarks" / "instruction_budget.json"
STAGES = ("read", "normalise", "segment", "classify", "extract", "check")

# the stages of pipeline.analyse in one process, a marker call (os.getppid) after each
DRIVER = """
import os, sys
from pathlib import Path
os.getppid()  # marker: interpreter start-up
from cxzy_nlp.charsets import install as share_charsets
from cxzy_nlp.datacache import install as keep_data
from cxzy_nlp.patterncache import install as keep_patterns
share_charsets(); keep_patterns(); keep_data()  # as the command line does
from cxzy_nlp import pipeline
from cxzy_nlp.config import Config
from cxzy_nlp.read import read_path
os.getppid()  # marker: import of the pipeline
path, config = Path(sys.argv[1]), Config(isolate=False)
for _ in range(2):
    result = read_path(path, config); os.getppid()
    normal = pipeline.read_to_text(result); os.getppid()
    docs = pipeline.text_to_documents(normal, result); os.getppid()
    docs = pipeline.documents_to_labelled(docs, normal); os.getppid()
    docs = pipeline.documents_to_extracted(docs, normal); os.getppid()
    docs = pipeline.documents_to_checked(docs, normal, result); os.getppid()
"""
DRIVER_LABELS = (
    "python start-up",
    "import pipeline",
    *(f"cold {s}" for s in STAGES),
    *(f"warm {s}" for s in STAGES),
)


def _totals(folder: Path, prefix: str) -> list[tuple[str, int]]:
    """(file, instructions) of every callgrind dump named ``prefix*`` in ``folder``, in the order written."""

    def order(p: Path) -> tuple[int, int]:
        parts = p.name[len(prefix) :].split(".")
        return int(parts[0]), int(parts[1]) if len(parts) > 1 else 1 << 30  # the termination dump comes last

    out = []
    for path in sorted(folder.glob(prefix + "*"), key=order):
        for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
            if line.startswith("totals:") or line.startswith("summary:"):
                out.append((path.name, int(line.split()[1])))
                break
    return out


def callgrind(cmd: list[str], env: dict[str, str], cwd: Path, name: str, dump_before: str) -> list[tuple[str, int]]:
    """Run ``cmd`` under callgrind; the instruction count of each dump, in order."""
    folder = cwd / "callgrind"
    folder.mkdir(exist_ok=True)
    prefix = f"{name}."
    for old in folder.glob(prefix + "*"):
        old.unlink()
    subprocess.run(
        [
            "valgrind",
            "--tool=callgrind",
            "--trace-children=yes",
            f"--dump-before={dump_before}",
            f"--callgrind-out-file={folder}/{prefix}%p",
            *cmd,
        ],
        env=env,
        cwd=cwd,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        check=False,
    )
    return _totals(folder, prefix)


def measure(only: str | None) -> dict[str, int]:
    """Instructions of each measured item (see the module docstring), by name."""
    from bench_check import ten_page_docx

    from cxzy_nlp.synth import generate_plan, render

    python = os.path.realpath(sys.executable)  # not a pyenv shim: valgrind must run Python itself
    counts: dict[str, int] = {}
    with tempfile.TemporaryDirectory(prefix="cxzy-bench-instructions-") as tmp:
        work = Path(tmp)
        env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
        env.update(
            PYTHONPYCACHEPREFIX=str(work / "pycache"),
            PYTHONPATH=os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH", "")])),
            XDG_CACHE_HOME=str(work / "cache"),
            PYTHONHASHSEED="0",
        )
        plan = generate_plan(3, size=3)
        files = {fmt: render(plan, fmt, work / f"plan.{fmt}") for fmt in ("txt", "docx")}
        ten, _chars = ten_page_docx(work)
        cxzy = [python, "-m", "cxzy_nlp"]
        commands: dict[str, list[str]] = {}
        if only in (None, "startup"):
            commands["import typer"] = [python, "-c", "import typer"]
            commands["cxzy --help"] = [*cxzy, "--help"]
            for fmt, path in files.items():
                commands[f"cxzy check one .{fmt}"] = [*cxzy, "check", "--no-cache", "--fail-on", "never", str(path)]
        driver = [python, "-c", DRIVER, str(ten)]
        for cmd in [*commands.values(), *([driver] if only in (None, "stages") else [])]:  # untimed: fill caches
            subprocess.run(cmd, env=env, cwd=work, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
        for i, (name, cmd) in enumerate(commands.items()):
            counts[name] = sum(n for _, n in callgrind(cmd, env, work, f"c{i}", "fork"))
        if only in (None, "stages"):
            dumps = [n for _, n in callgrind(driver, env, work, "stages", "getppid")]
            if len(dumps) < len(DRIVER_LABELS):
                raise SystemExit(f"the stage driver gave {len(dumps)} dumps, not {len(DRIVER_LABELS)}: did it fail?")
            counts.update(zip(DRIVER_LABELS, dumps, strict=False))
            counts["warm analysis (sum of stages)"] = sum(counts[f"warm {s}"] for s in STAGES)
            counts["cold analysis (sum of stages)"] = sum(counts[f"cold {s}"] for s in STAGES)
    return counts


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", choices=("startup", "stages"), help="measure only the commands or only the stages")
    parser.add_argument("--tolerance", type=float, default=0.05, help="share over budget that counts as over")
    parser.add_argument("--budget", type=Path, default=BUDGET)
    parser.add_argument("--write", action="store_true", help="record the counts measured as the new budget")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    if shutil.which("valgrind") is None:
        print("valgrind 未安装（apt-get install valgrind），无法计数指令")
        return
    counts = measure(args.only)
    budget: dict[str, int] = json.loads(args.budget.read_text(encoding="utf-8")) if args.budget.exists() else {}
    typer = counts.get("import typer") or budget.get("import typer")
    rows = []
    over = []
    for name, n in counts.items():
        limit = budget.get(name)
        ratio = n / limit if limit else None
        if ratio is not None and ratio > 1 + args.tolerance:
            over.append(name)
        rows.append(
            {
                "item": name,
                "instructions": n,
                "budget": limit,
                "ratio_to_budget": None if ratio is None else round(ratio, 3),
                "ratio_to_import_typer": round(n / typer, 2) if typer else None,
            }
        )
    if args.write:
        args.budget.write_text(json.dumps({**budget, **counts}, indent=1) + "\n", encoding="utf-8")
    if args.json:
        print(json.dumps({"rows": rows, "over_budget": over, "tolerance": args.tolerance}, indent=1))
    else:
        print(f"instructions (M), callgrind; budget {args.budget.name}, tolerance {args.tolerance:.0%}")
        print(f"{'item':34s}{'count':>10s}{'budget':>10s}{'/budget':>9s}{'× typer':>9s}")
        for r in rows:
            budget_m = "" if r["budget"] is None else f"{r['budget'] / 1e6:10.1f}"
            ratio = "" if r["ratio_to_budget"] is None else f"{r['ratio_to_budget']:9.3f}"
            typer_x = "" if r["ratio_to_import_typer"] is None else f"{r['ratio_to_import_typer']:8.2f}×"
            flag = "  OVER" if r["item"] in over else ""
            print(f"{r['item']:34s}{r['instructions'] / 1e6:10.1f}{budget_m:>10s}{ratio:>9s}{typer_x:>9s}{flag}")
        if args.write:
            print(f"budget written: {args.budget}")
    if over and not args.write:
        print(f"over budget (> {args.tolerance:.0%}): " + ", ".join(over), file=sys.stderr)
        raise SystemExit(1)


if __name__ == "__main__":
    main()
