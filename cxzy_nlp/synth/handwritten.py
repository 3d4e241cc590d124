"""Hand-written plans of ``corpora/handwritten``: annotation checks and the heading records for training.

Each ``NAME.txt`` has a ``NAME.json`` giving its document type, department, year, section headings
(number, heading, level, taxonomy labels), goals and the faults a reviewer should report, all as
quotes of the text. :func:`locate` turns the headings into spans, in reading order.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .corpus import dumps, write_jsonl


@dataclass(frozen=True)
class HandwrittenPlan:
    name: str
    text: str
    annotation: dict[str, Any]


def load(folder: Path) -> list[HandwrittenPlan]:
    """Every annotated plan of ``folder``, by file name."""
    out = []
    for ann in sorted(folder.glob("*.json")):
        text = ann.with_suffix(".txt").read_text(encoding="utf-8").replace("\r\n", "\n").rstrip("\n")
        out.append(HandwrittenPlan(ann.stem, text, json.loads(ann.read_text(encoding="utf-8"))))
    return out


def locate(plan: HandwrittenPlan) -> list[dict[str, Any]]:
    """The annotated sections with ``span_heading``; raises ValueError for a heading not found in order."""
    out = []
    pos = 0
    for sec in plan.annotation["sections"]:
        marker = sec["number"] + sec["heading"]
        at = plan.text.find(sec["number"], pos)
        while (
            at >= 0
            and not plan.text.startswith(marker, at)
            and not plan.text.startswith(sec["number"] + " " + sec["heading"], at)
        ):
            at = plan.text.find(sec["number"], at + 1)
        if at < 0:
            raise ValueError(f"{plan.name}: heading {marker!r} not found after offset {pos}")
        start = plan.text.index(sec["heading"], at)
        out.append({**sec, "heading_span": [start, start + len(sec["heading"])]})
        pos = start + len(sec["heading"])
    return out


def quotes(plan: HandwrittenPlan) -> list[str]:
    """Every quote of the annotation (goals and faults) that must occur in the text."""
    ann = plan.annotation
    found = [g["text"] for g in ann.get("goals", [])]
    found += [f["quote"] for f in ann.get("faults", []) if f.get("quote")]
    return found


def heading_records(plan: HandwrittenPlan) -> list[dict[str, Any]]:
    """One record per labelled heading with the first sentence of its body, for ``cxzy train``."""
    records = []
    for sec in locate(plan):
        if not sec["labels"]:
            continue
        end = sec["heading_span"][1]
        rest = plan.text[end:].lstrip("。：: \n")
        body = rest.split("\n", 1)[0]
        for stop in "。；！？":
            body = body.split(stop, 1)[0]
        records.append({"file": plan.name, "heading": sec["heading"], "labels": sec["labels"], "body": body[:80]})
    return records


def build_headings(folder: Path) -> Path:
    """Write ``headings.jsonl`` beside the plans."""
    path = folder / "headings.jsonl"
    write_jsonl(path, (r for plan in load(folder) for r in heading_records(plan)))
    return path


__all__ = ["HandwrittenPlan", "build_headings", "dumps", "heading_records", "load", "locate", "quotes"]
