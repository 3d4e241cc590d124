"""Does the analysis grow with the text? CPU time per 1,000 characters of a long plan against a short one.

Builds (deterministically, with ``cxzy_nlp.synth``, see ``tests/long_plan.py``) one plan of about ``--pages`` A4 pages
(default 1,000) and one of about 10 pages, both as .txt: generated plans in the ``decimal``
numbering style are laid end to end under one title, their top-level sections renumbered
1., 2., … so the result is ONE plan whose sections, goals, activities and findings all grow
with the text. Then times each stage of the analysis (normalise, segment, classify, extract,
check, locate) on both, interleaved, and prints CPU milliseconds per 1,000 characters and
the ratio long / short (the issue's target: at most 1.3×). Fastest and median of ``--repeat``.

A benchmark reports figures; it asserts nothing. The machine load is printed with them.
``--profile STAGE`` prints the cProfile top functions of that stage (or ``all``) on the long plan instead.

    python benchmarks/bench_linear.py [--pages 1000] [--repeat 3] [--profile] [--json]
"""

from __future__ import annotations

import argparse
import cProfile
import json
import os
import pstats
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

STAGES = ("normalise", "segment", "classify", "extract", "check", "locate")


def stage_functions(text: str) -> list[tuple[str, Callable[[dict[str, object]], object]]]:
    """The stages of ``pipeline.analyse_result`` after reading, each reading its input from ``state``."""
    from cxzy_nlp import pipeline
    from cxzy_nlp.read import read_bytes

    result = read_bytes(text.encode("utf-8"), "long.txt")

    def normalise(s: dict[str, object]) -> object:
        s["normal"] = pipeline.read_to_text(result)
        return s["normal"]

    def segment(s: dict[str, object]) -> object:
        s["docs"] = pipeline.text_to_documents(s["normal"], result)  # type: ignore[arg-type]
        return s["docs"]

    def classify(s: dict[str, object]) -> object:
        s["docs"] = pipeline.documents_to_labelled(s["docs"], s["normal"])  # type: ignore[arg-type]
        return s["docs"]

    def extract(s: dict[str, object]) -> object:
        s["docs"] = pipeline.documents_to_extracted(s["docs"], s["normal"])  # type: ignore[arg-type]
        return s["docs"]

    def check(s: dict[str, object]) -> object:
        s["docs"] = pipeline.documents_to_checked(s["docs"], s["normal"], result)  # type: ignore[arg-type]
        return s["docs"]

    def locate(s: dict[str, object]) -> object:
        places = pipeline.text_to_places(s["normal"], result)  # type: ignore[arg-type]
        s["docs"] = pipeline.documents_to_located(s["docs"], places)  # type: ignore[arg-type]
        return s["docs"]

    return list(zip(STAGES, (normalise, segment, classify, extract, check, locate), strict=True))


def run_once(stages: list[tuple[str, Callable[[dict[str, object]], object]]]) -> dict[str, float]:
    state: dict[str, object] = {}
    out = {}
    for name, func in stages:
        t0 = time.process_time()
        func(state)
        out[name] = time.process_time() - t0
    out["total"] = sum(out.values())
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=1000)
    parser.add_argument("--short", type=int, default=10, help="pages of the short plan")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument(
        "--profile", choices=("all", *STAGES), help="print a cProfile of this stage (or all) on the long plan instead"
    )
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()

    from long_plan import PAGE_CHARS, long_plan

    texts = {"short": long_plan(args.short), "long": long_plan(args.pages)}
    if args.profile:
        stages = stage_functions(texts["long"])
        run_once(stages)  # warm-up: data files, compiled patterns
        profiler = cProfile.Profile()
        state: dict[str, object] = {}
        for name, func in stages:
            if args.profile in (name, "all"):
                profiler.enable()
            func(state)
            profiler.disable()
        pstats.Stats(profiler).sort_stats("tottime").print_stats(40)
        return
    report: dict[str, object] = {"load_before": os.getloadavg()}
    funcs = {label: stage_functions(text) for label, text in texts.items()}
    for stages in funcs.values():  # warm-up: data files, compiled patterns
        run_once(stages)
    runs: dict[str, list[dict[str, float]]] = {label: [] for label in texts}
    # the short plan is repeated so each timed sample is long enough to measure
    short_reps = max(1, len(texts["long"]) // len(texts["short"]) // 20)
    for _ in range(args.repeat):
        runs["long"].append(run_once(funcs["long"]))
        samples = [run_once(funcs["short"]) for _ in range(short_reps)]
        runs["short"].append({k: sum(s[k] for s in samples) / short_reps for k in samples[0]})
    for label, text in texts.items():
        documents = funcs[label]
        state: dict[str, object] = {}
        for _name, func in documents:
            func(state)
        docs = state["docs"]
        report[label] = {
            "chars": len(text),
            "pages": round(len(text) / PAGE_CHARS),
            "sections": sum(len(list(_walk(d.sections))) for d in docs),  # type: ignore[attr-defined]
            "findings": sum(len(d.findings) for d in docs),  # type: ignore[attr-defined]
            "ms_per_1000_chars_fastest": {
                k: round(min(r[k] for r in runs[label]) * 1e6 / len(text), 3) for k in (*STAGES, "total")
            },
            "ms_per_1000_chars_median": {
                k: round(statistics.median(r[k] for r in runs[label]) * 1e6 / len(text), 3) for k in (*STAGES, "total")
            },
        }
    long, short = report["long"], report["short"]
    report["ratio_long_short_fastest"] = {
        k: round(long["ms_per_1000_chars_fastest"][k] / max(short["ms_per_1000_chars_fastest"][k], 1e-9), 2)  # type: ignore[index]
        for k in (*STAGES, "total")
    }
    report["ratio_long_short_median"] = {
        k: round(long["ms_per_1000_chars_median"][k] / max(short["ms_per_1000_chars_median"][k], 1e-9), 2)  # type: ignore[index]
        for k in (*STAGES, "total")
    }
    report["load_after"] = os.getloadavg()
    if args.json:
        print(json.dumps(report, ensure_ascii=False, indent=1))
        return
    print(f"load before {report['load_before']}, after {report['load_after']}; CPU time, {args.repeat} runs")
    for label in ("short", "long"):
        r = report[label]
        print(
            f"{label:5s} {r['chars']:>8,} chars ≈ {r['pages']} pages, {r['sections']} sections, {r['findings']} findings"  # type: ignore[index]
        )
    print(f"{'ms per 1,000 chars':24s}" + "".join(f"{k:>10s}" for k in (*STAGES, "total")))
    for label in ("short", "long"):
        for kind in ("fastest", "median"):
            row = report[label][f"ms_per_1000_chars_{kind}"]  # type: ignore[index]
            print(f"{label + ' ' + kind:24s}" + "".join(f"{row[k]:10.3f}" for k in (*STAGES, "total")))
    for kind in ("fastest", "median"):
        row = report[f"ratio_long_short_{kind}"]
        print(f"{'ratio long/short ' + kind:24s}" + "".join(f"{row[k]:9.2f}×" for k in (*STAGES, "total")))  # type: ignore[index]


def _walk(sections):  # type: ignore[no-untyped-def]
    for s in sections:
        yield s
        yield from _walk(s.children)


if __name__ == "__main__":
    main()
