"""Predicted against gold period and budget for every document of a golden folder, gold none included.

    python benchmarks/period_view.py [--golden tests/golden/real/dev] [--only none|miss|all]

Prints one line per document (kind, gold, what the tool took and the words it took them from) and, at the end,
the period figure as goldeval scores it (gold periods only) and the strict one that also counts a period given
where the gold has none (README of tests/golden/real, "Period and budget"). Never point it at the held-back folder.
"""

from __future__ import annotations

import argparse
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"


def main() -> None:
    from cxzy_nlp.goldeval import _pair_documents, _period_ok, gold_files, load_gold
    from cxzy_nlp.pipeline import analyse

    ap = argparse.ArgumentParser()
    ap.add_argument("--golden", type=Path, default=ROOT / "tests" / "golden" / "real" / "dev")
    ap.add_argument("--only", choices=("none", "miss", "all"), default="all")
    args = ap.parse_args()
    if "heldout" in args.golden.parts:
        raise SystemExit("the held-back split is looked at only through `cxzy eval`")
    scored = hits = extra = 0
    for path in gold_files(args.golden):
        gold = load_gold(path)
        src = SHARED / str(gold.get("file", ""))
        if not src.is_file():
            continue
        analysis = analyse(src, stages="extract")
        gold_docs = list(gold["documents"])
        for g, d in zip(gold_docs, _pair_documents(gold_docs, analysis.documents), strict=True):
            want = g.get("period")
            got = d.period if d is not None else None
            ok = bool(want) and d is not None and _period_ok(want, d)
            scored += bool(want)
            hits += ok
            extra += bool(not want and got)
            if args.only == "none" and (want or not got):
                continue
            if args.only == "miss" and (not want or ok):
                continue
            words = ""
            if got is not None and got.span:
                words = analysis.text[got.span[0] : got.span[1]].replace("\n", "⏎")[:60]
            shown = f"{got.start} {got.end} {got.source}" if got else None
            kind = f"{g.get('kind')}/{d.doc_type if d else None}"
            budget = d.budget.total if d is not None and d.budget else None
            print(f"{gold['file']} [{kind}] gold {want} got {shown} «{words}» budget {g.get('budget')} got {budget}")
    if scored:
        print(f"period exact {hits}/{scored} = {hits / scored:.3f}; periods where gold has none: {extra}; ", end="")
        print(f"strict {hits}/{scored + extra} = {hits / (scored + extra):.3f}")


if __name__ == "__main__":
    main()
