"""Snapshot the outputs of `cxzy check` and `cxzy extract` on the seed, the examples and ../shared/realdocs{,2},
and compare two snapshots field by field: what a change did to every output.

    python benchmarks/compare_outputs.py snap DIR          # outputs of this checkout's code into DIR
    python benchmarks/compare_outputs.py diff BEFORE AFTER [--show N]
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
SETS = {
    "seeds": SHARED / "seeds",
    "realdocs": SHARED / "realdocs",
    "realdocs2": SHARED / "realdocs2",
    "examples": ROOT / "examples",
}


def snap(out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    for name, src in SETS.items():
        if not src.exists():
            print(f"skip {name}: {src} absent")
            continue
        for cmd, extra in (("check", ["--no-cache", "--fail-on", "never"]), ("extract", [])):
            target = out / f"{cmd}_{name}.jsonl"
            args = [
                sys.executable,
                "-m",
                "cxzy_nlp",
                cmd,
                str(src),
                "--format",
                "jsonl",
                "--jobs",
                "2",
                "-o",
                str(target),
            ]
            subprocess.run(args + extra, env=env, cwd=ROOT, stderr=subprocess.DEVNULL, check=False)
            print(f"{target.name}: {sum(1 for _ in target.open(encoding='utf-8')) if target.exists() else 0} records")


def _load(path: Path) -> dict[str, dict]:
    if not path.exists():
        return {}
    rows = (json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip())
    # keyed by folder/name: one snapshot may hold absolute paths and the other relative ones
    return {"/".join(Path(r["source"]["path"]).parts[-2:]): r for r in rows}


def _strip(x: object) -> object:
    if isinstance(x, dict):
        return {k: _strip(v) for k, v in x.items() if k != "location"}
    if isinstance(x, list):
        return [_strip(v) for v in x]
    return x


def diff(before: Path, after: Path, show: int) -> None:
    for f in sorted(before.glob("*.jsonl")):
        a, b = _load(f), _load(after / f.name)
        counts: Counter[str] = Counter()
        where: dict[str, list[str]] = defaultdict(list)
        rules: Counter[tuple[str, str]] = Counter()
        for path in sorted(set(a) | set(b)):
            ra, rb = a.get(path), b.get(path)
            if ra is None or rb is None:
                counts["record"] += 1
                where["record"].append(path)
                continue
            if ra.get("text") != rb.get("text"):
                counts["text"] += 1
                where["text"].append(path)
            da, db = ra.get("documents", []), rb.get("documents", [])
            if len(da) != len(db):
                counts["documents"] += 1
                where["documents"].append(path)
            for x, y in zip(da, db, strict=False):  # unequal counts are reported above
                for key in sorted(set(x) | set(y)):
                    if _strip(x.get(key)) != _strip(y.get(key)):
                        counts[key] += 1
                        where[key].append(path)
            fa = Counter((f["rule"], f.get("evidence")) for d in da for f in d.get("findings", []))
            fb = Counter((f["rule"], f.get("evidence")) for d in db for f in d.get("findings", []))
            for (rule, _), n in (fa - fb).items():
                rules[("-", rule)] += n
            for (rule, _), n in (fb - fa).items():
                rules[("+", rule)] += n
        print(f"== {f.name}: {len(a)} records; changed: {dict(counts) or 'nothing'}")
        for key, paths in where.items():
            print(f"   {key}: {paths[:show]}")
        if rules:
            print("   findings:", ", ".join(f"{s}{n} {r}" for (s, r), n in sorted(rules.items())))


def main() -> None:
    ap = argparse.ArgumentParser()
    sub = ap.add_subparsers(dest="cmd", required=True)
    s = sub.add_parser("snap")
    s.add_argument("out", type=Path)
    d = sub.add_parser("diff")
    d.add_argument("before", type=Path)
    d.add_argument("after", type=Path)
    d.add_argument("--show", type=int, default=3)
    args = ap.parse_args()
    if args.cmd == "snap":
        snap(args.out)
    else:
        diff(args.before, args.after, args.show)


if __name__ == "__main__":
    main()
