"""Where the time of one analysis goes: CPU ms per stage of ``analyse()``, median of ``--repeat``.

Two inputs: the ~10-page generated .docx of ``bench_check.py`` (``ten_page_docx``) and the seed
``000_61f72360f45c4ab3.txt`` from ``../shared/seeds`` (skipped with a note when absent). Each
stage is timed on its own (read → normalise → segment → classify → extract → check), after one
warm-up run, so the caches that a long-running process keeps are warm, as in ``cxzy check DIR``.
For the .docx, ``read_first_of_its_template`` is the read with no parsed styles.xml/numbering.xml
kept from an earlier file (the first file of a template in a batch).

A benchmark reports figures; it asserts nothing. ``--profile STAGE`` prints the cProfile top
functions of that stage (or ``all``) on the .docx instead.

    python benchmarks/bench_stages.py [--repeat 30] [--profile all|read|check|...] [--json]
"""

from __future__ import annotations

import argparse
import cProfile
import json
import pstats
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

SEED = ROOT.parent / "shared" / "seeds" / "000_61f72360f45c4ab3.txt"
STAGES = ("read", "normalise", "segment", "classify", "extract", "check")


def stage_functions(path: Path) -> list[tuple[str, Callable[[dict[str, object]], object]]]:
    """The stages of ``pipeline.analyse`` in order, each reading its input from ``state``."""
    from cxzy_nlp import pipeline
    from cxzy_nlp.config import Config
    from cxzy_nlp.read import read_path

    config = Config(isolate=False)

    def read(s: dict[str, object]) -> object:
        s["result"] = read_path(path, config)
        return s["result"]

    def normalise(s: dict[str, object]) -> object:
        s["normal"] = pipeline.read_to_text(s["result"])  # type: ignore[arg-type]
        return s["normal"]

    def segment(s: dict[str, object]) -> object:
        s["docs"] = pipeline.text_to_documents(s["normal"], s["result"])  # type: ignore[arg-type]
        return s["docs"]

    def classify(s: dict[str, object]) -> object:
        s["docs"] = pipeline.documents_to_labelled(s["docs"], s["normal"])  # type: ignore[arg-type]
        return s["docs"]

    def extract(s: dict[str, object]) -> object:
        s["docs"] = pipeline.documents_to_extracted(s["docs"], s["normal"])  # type: ignore[arg-type]
        return s["docs"]

    def check(s: dict[str, object]) -> object:
        s["docs"] = pipeline.documents_to_checked(s["docs"], s["normal"], s["result"])  # type: ignore[arg-type]
        return s["docs"]

    return list(zip(STAGES, (read, normalise, segment, classify, extract, check), strict=True))


def stage_ms(path: Path, repeat: int) -> dict[str, float]:
    """Median CPU ms of each stage over ``repeat`` runs (after one warm-up), and of their sum."""
    stages = stage_functions(path)
    times: dict[str, list[float]] = {name: [] for name, _ in stages}
    totals: list[float] = []
    for run in range(repeat + 1):
        state: dict[str, object] = {}
        total = 0.0
        for name, func in stages:
            t0 = time.process_time()
            func(state)
            ms = (time.process_time() - t0) * 1000
            total += ms
            if run:
                times[name].append(ms)
        if run:
            totals.append(total)
    out = {name: round(statistics.median(t), 1) for name, t in times.items()}
    out["total"] = round(statistics.median(totals), 1)
    return out


def cold_read_ms(path: Path, repeat: int) -> float:
    """Median CPU ms of reading ``path`` with no parsed styles/numbering kept from earlier files."""
    from cxzy_nlp.config import Config
    from cxzy_nlp.read import docx, read_path

    config = Config(isolate=False)
    kept = [getattr(docx, name) for name in ("_stylesheets", "_numberings") if hasattr(docx, name)]
    times = []
    for _ in range(repeat):
        for cache in kept:
            cache.clear()
        t0 = time.process_time()
        read_path(path, config)
        times.append((time.process_time() - t0) * 1000)
    return round(statistics.median(times), 1)


def profile_stage(path: Path, which: str, repeat: int) -> None:
    """cProfile of one stage (or all) over ``repeat`` runs, top 35 by own time."""
    stages = stage_functions(path)
    profiler = cProfile.Profile()
    for run in range(repeat + 1):
        state: dict[str, object] = {}
        for name, func in stages:
            if run and which in (name, "all"):
                profiler.enable()
                func(state)
                profiler.disable()
            else:
                func(state)
    pstats.Stats(profiler).sort_stats("tottime").print_stats(35)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=30)
    parser.add_argument("--profile", choices=("all", *STAGES), help="print a cProfile of this stage instead")
    parser.add_argument("--seed-only", action="store_true", help="profile the seed instead of the .docx")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    parser.add_argument("--seed", type=Path, default=SEED, help="the seed text to time (default: %(default)s)")
    args = parser.parse_args()
    seed: Path = args.seed

    from bench_check import ten_page_docx

    with tempfile.TemporaryDirectory(prefix="cxzy-bench-stages-") as tmp:
        docx, chars = ten_page_docx(Path(tmp))
        if args.profile:
            profile_stage(seed if args.seed_only else docx, args.profile, args.repeat)
            return
        report: dict[str, object] = {
            "ten_page_docx": {
                "chars": chars,
                **stage_ms(docx, args.repeat),
                "read_first_of_its_template": cold_read_ms(docx, args.repeat),
            }
        }
    if seed.is_file():
        report["seed"] = {"chars": len(seed.read_text(encoding="utf-8")), **stage_ms(seed, args.repeat)}
    else:
        report["seed"] = f"种子文件不存在：{seed}"
    if args.json:
        print(json.dumps(report, ensure_ascii=False, indent=1))
        return
    for label, figures in report.items():
        if isinstance(figures, dict):
            row = "  ".join(f"{k} {v}" for k, v in figures.items())
            print(f"{label:14s} CPU ms (median of {args.repeat}): {row}")
        else:
            print(f"{label:14s} {figures}")


if __name__ == "__main__":
    main()
