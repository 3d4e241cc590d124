"""How many reviewer-judged findings on ../shared/realdocs2 are still raised, by verdict and rule.

    python benchmarks/judged_realdocs2.py JUDGED.tsv [--rules a,b] [--files rd001.doc,...] [--show F|T|D]

The TSV has the columns of ../shared/audit/findings_judged.tsv (file, document, rule, severity, span,
evidence, verdict T/F/D, reason). A judged finding is still raised when an error or warn finding of the
same file and document has the same rule id (or a successor) and evidence overlapping the judged
evidence by at least half (cxzy_nlp.goldeval), as benchmarks/audit_findings.py counts it.
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
    ap.add_argument("judged", type=Path, help="TSV of judged findings")
    ap.add_argument("--successors", type=Path, default=ROOT / "tests" / "golden" / "rule_successors.yaml")
    ap.add_argument("--rules", default="", help="comma-separated rule ids to count (default: all)")
    ap.add_argument("--files", default="", help="comma-separated file names to run (default: all)")
    ap.add_argument("--show", default="", help="list the judged findings of this verdict still raised")
    args = ap.parse_args()
    successors = {}
    if args.successors.is_file():
        import yaml

        successors = yaml.safe_load(args.successors.read_text(encoding="utf-8")) or {}
    rules = set(filter(None, args.rules.split(",")))
    files = set(filter(None, args.files.split(",")))
    judged = [j for j in load_judged(args.judged) if (not rules or j.rule in rules) and (not files or j.file in files)]
    cache = {}
    raised: Counter[str] = Counter()
    total: Counter[str] = Counter()
    by_rule: Counter[tuple[str, str, bool]] = Counter()
    started = time.perf_counter()
    for j in judged:
        if j.file not in cache:
            path = SHARED / "realdocs2" / j.file
            cache[j.file] = analyse(path) if path.is_file() else None
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
        print(f"false alarms gone: {1 - raised['F'] / total['F']:.3f}")
    if total["T"]:
        print(f"true findings kept: {raised['T'] / total['T']:.3f}")
    for rule in sorted({r for r, _, _ in by_rule}):
        cells = " ".join(
            f"{v}:{by_rule[(rule, v, True)]}/{by_rule[(rule, v, True)] + by_rule[(rule, v, False)]}" for v in "TFD"
        )
        print(f"  {rule:20s} {cells}")
    print(f"{len(cache)} files in {time.perf_counter() - started:.0f} s")


if __name__ == "__main__":
    main()
