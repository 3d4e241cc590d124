"""Activities precision by extraction path: which way of finding activities reports what no reader listed.

Usage: ``python benchmarks/activity_paths.py [GOLDEN_DIR ...] [--list PATH] [--files rd001,doc046]``
(default ``tests/golden/real/dev``; never point it at ``heldout``). For each golden file whose document lists
activities, every predicted activity is put down to the path that produced it (task items, schedule rows,
calendar lines, stage lines, member duties, next steps, ordinal items, deadline sentences …) and counted as
matched when it overlaps a gold activity as ``cxzy eval`` counts it. Prints matched/predicted per path, per
path and document kind, and with ``--list PATH`` the unmatched activities of that path.
"""

from __future__ import annotations

import argparse
import linecache
import sys
from collections import Counter, defaultdict
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from cxzy_nlp import extract as ex  # noqa: E402
from cxzy_nlp.goldeval import Locator, _pair_documents, gold_files, load_gold, overlaps_enough  # noqa: E402
from cxzy_nlp.model import Activity, Span  # noqa: E402

_PATH_OF_SPAN: dict[Span, str] = {}

# a path function called from more than one place is told apart by the source line of its caller
_CALLER_WORDS = (
    ("for item in items", "task_items"),
    ("_non_table", "step_items"),
    ("require_header=True)  # a 日程", "task_table_rows"),
    ("doc.span, None, year, require_header", "loose_table_rows"),
    ("table_activities(text, zone.span, zone.section_id, year))", "schedule_rows"),
    ("inline_calendar(text, zone.span", "inline_calendar_steps"),
    ("inline_calendar(text, doc.span", "inline_calendar"),
)


def _wrap(name: str, fn: Callable[..., Any]) -> Callable[..., Any]:
    def wrapped(*args: Any, **kwargs: Any) -> Any:
        frame = sys._getframe(1)
        line = linecache.getline(frame.f_code.co_filename, frame.f_lineno)
        label = name
        if frame.f_code.co_name in ("_measures", "_next_steps"):
            label = frame.f_code.co_name.lstrip("_")
        elif frame.f_code.co_name == "<genexpr>":
            label = "task_items"
        else:
            label = next((lab for words, lab in _CALLER_WORDS if words in line), name)
        out = fn(*args, **kwargs)
        for a in [out] if isinstance(out, Activity) else out:
            _PATH_OF_SPAN.setdefault(a.span, label)
        return out

    return wrapped


for _name in (
    "table_activities",
    "stage_lines",
    "assignments",
    "ordinal_items",
    "deadline_sentences",
    "calendar_lines",
    "inline_calendar",
    "duty_rows",
    "committed_work",  # wrapped once the extraction calls it
    "make_activity",
):
    if hasattr(ex, _name):
        setattr(ex, _name, _wrap(_name, getattr(ex, _name)))


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("folders", nargs="*", default=[str(ROOT / "tests/golden/real/dev")])
    ap.add_argument("--list", default="")
    ap.add_argument("--files", default="")
    ap.add_argument("--shared", default=str(ROOT.parent / "shared"))
    args = ap.parse_args()
    if any("heldout" in f for f in args.folders):
        sys.exit("the held-back split is not read here")
    from cxzy_nlp.pipeline import analyse

    wanted = set(filter(None, args.files.split(",")))
    per_path: Counter[tuple[str, bool]] = Counter()
    per_kind: Counter[tuple[str, str, bool]] = Counter()
    per_file: dict[str, Counter[tuple[str, bool]]] = defaultdict(Counter)
    listed: list[str] = []
    for folder in args.folders:
        for path in gold_files(Path(folder)):
            if wanted and path.stem not in wanted:
                continue
            gold = load_gold(path)
            src = Path(args.shared) / str(gold.get("file", ""))
            if not src.is_file():
                continue
            _PATH_OF_SPAN.clear()
            analysis = analyse(src, stages="extract")
            locator = Locator(analysis.text)
            gold_docs = list(gold["documents"])
            for g, d in zip(gold_docs, _pair_documents(gold_docs, analysis.documents), strict=True):
                acts = [x for x in g.get("activities") or [] if x and (x.get("text") or x.get("name"))]
                if not acts or d is None:
                    continue
                spans = [s for a in acts for s in locator.places(str(a.get("text") or a.get("name")), d)]
                for a in d.activities:
                    label = _PATH_OF_SPAN.get(a.span, "other")
                    ok = any(overlaps_enough(a.span, s) for s in spans)
                    per_path[label, ok] += 1
                    per_kind[label, g.get("kind") or "?", ok] += 1
                    per_file[path.stem][label, ok] += 1
                    if (not ok and label == args.list) or args.list == "all":
                        words = analysis.text[a.span[0] : a.span[1]].replace("\n", " ")[:60]
                        mark = "" if args.list != "all" else ("+ " if ok else "- ") + label + "\t"
                        listed.append(f"{path.stem}\t{g.get('kind')}\t{mark}{words}")
    paths = sorted({p for p, _ in per_path}, key=lambda p: -(per_path[p, True] + per_path[p, False]))
    print("path\tmatched/predicted\tprecision")
    for p in paths:
        ok, bad = per_path[p, True], per_path[p, False]
        print(f"{p}\t{ok}/{ok + bad}\t{ok / (ok + bad):.2f}")
    total_ok = sum(v for (p, ok), v in per_path.items() if ok)
    total = sum(per_path.values())
    print(f"ALL\t{total_ok}/{total}\t{total_ok / max(total, 1):.3f}")
    print("\npath\tkind\tmatched/predicted")
    for p in paths:
        kinds = sorted({k for q, k, _ in per_kind if q == p})
        for k in kinds:
            ok, bad = per_kind[p, k, True], per_kind[p, k, False]
            print(f"{p}\t{k}\t{ok}/{ok + bad}")
    print("\nfile\tunmatched by path")
    for f, c in sorted(per_file.items(), key=lambda kv: -sum(v for (_, ok), v in kv[1].items() if not ok)):
        bad = {p: v for (p, ok), v in c.items() if not ok}
        if bad:
            good = sum(v for (_, ok), v in c.items() if ok)
            print(f"{f}\t{good} ok\t" + " ".join(f"{p}:{v}" for p, v in sorted(bad.items(), key=lambda x: -x[1])))
    if listed:
        print(f"\nunmatched {args.list}:" if args.list != "all" else "\nall (+ matched, - unmatched):")
        print("\n".join(listed))


if __name__ == "__main__":
    main()
