"""How many of the reviewer-judged findings of ../shared/audit are still raised, by verdict and rule.

    python benchmarks/audit_findings.py [--judged TSV] [--rules a,b] [--files x.doc,...] [--show F|T|D]

``--judged`` takes any TSV of the same columns (file, document, rule, severity, span, evidence, verdict,
reason), e.g. tests/golden/judged/realdocs2_dev.tsv; the default is ../shared/audit/findings_judged.tsv.

A judged finding is still raised when an error or warn finding of the same file and document has the same
rule id (or a successor) and evidence overlapping the judged evidence by at least half (cxzy_nlp.goldeval).
"""

from __future__ import annotations

import argparse
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"


def main() -> None:
    from cxzy_nlp.goldeval import load_judged, still_raised
    from cxzy_nlp.pipeline import analyse

    ap = argparse.ArgumentParser()
    ap.add_argument("--judged", type=Path, default=SHARED / "audit" / "findings_judged.tsv")
    ap.add_argument("--rules", default="", help="comma-separated rule ids to count (default: all)")
    ap.add_argument("--files", default="", help="comma-separated file names to run (default: all)")
    ap.add_argument("--successors", type=Path, default=ROOT / "tests" / "golden" / "rule_successors.yaml")
    ap.add_argument("--show", default="", help="list the judged findings of this verdict still raised")
    args = ap.parse_args()
    successors = {}
    if args.successors.is_file():
        import yaml

        successors = yaml.safe_load(args.successors.read_text(encoding="utf-8")) or {}
    rules = set(filter(None, args.rules.split(",")))
    files = set(filter(None, args.files.split(",")))
    judged = [j for j in load_judged(args.judged) if (not rules or j.rule in rules) and (not files or j.file in files)]
    started = time.perf_counter()
    cache = {}
    raised: Counter[str] = Counter()
    total: Counter[str] = Counter()
    by_rule: Counter[tuple[str, str, bool]] = Counter()
    for j in judged:
        if j.file not in cache:
            for folder in ("realdocs", "seeds", "realdocs2"):
                path = SHARED / folder / j.file
                if path.is_file():
                    cache[j.file] = analyse(path)
                    break
        analysis = cache.get(j.file)
        hit = analysis is not None and still_raised(j, analysis, successors)
        total[j.verdict] += 1
        raised[j.verdict] += hit
        by_rule[(j.rule, j.verdict, hit)] += 1
        if args.show and j.verdict == args.show and hit:
            print(f"  {j.file} #{j.document} {j.rule}: {j.evidence[:30]} — {j.reason}")
    for v in ("T", "F", "D"):
        print(f"{v}: {raised[v]}/{total[v]} still raised")
    if total["F"]:
        print(f"false alarms gone: {1 - raised['F'] / total['F']:.3f} (target ≥ 0.90)")
    if total["T"]:
        print(f"true findings kept: {raised['T'] / total['T']:.3f} (target ≥ 0.95)")
    for rule in sorted({r for r, _, _ in by_rule}):
        cells = " ".join(
            f"{v}:{by_rule[(rule, v, True)]}/{by_rule[(rule, v, True)] + by_rule[(rule, v, False)]}" for v in "TFD"
        )
        print(f"  {rule:20s} {cells}")
    print(f"{len(cache)} files in {time.perf_counter() - started:.0f} s")


if __name__ == "__main__":
    main()
