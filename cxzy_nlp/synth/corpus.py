"""Synthetic plans to and from JSON lines, and the build of ``corpora/generated`` with fixed seeds."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Iterator
from dataclasses import asdict
from pathlib import Path
from typing import Any

from .gold import GoldItem, GoldSection, PlantedFault, SynthPlan

FORMAT_VERSION = 1


def plan_to_dict(plan: SynthPlan) -> dict[str, Any]:
    """A JSON-ready dict; spans become two-element lists."""
    return asdict(plan)


def _section(d: dict[str, Any]) -> GoldSection:
    return GoldSection(
        number=d["number"],
        heading=d["heading"],
        level=d["level"],
        labels=tuple(d["labels"]),
        span=(d["span"][0], d["span"][1]),
        heading_span=(d["heading_span"][0], d["heading_span"][1]),
        children=tuple(_section(c) for c in d["children"]),
    )


def plan_from_dict(d: dict[str, Any]) -> SynthPlan:
    """The inverse of :func:`plan_to_dict`."""
    return SynthPlan(
        text=d["text"],
        title=d["title"],
        doc_type=d["doc_type"],
        department=d["department"],
        year=d["year"],
        documents=tuple((a, b) for a, b in d["documents"]),
        sections=tuple(_section(s) for s in d["sections"]),
        items=tuple(GoldItem(i["kind"], (i["span"][0], i["span"][1]), i["fields"]) for i in d["items"]),
        faults=tuple(
            PlantedFault(f["rule"], (f["span"][0], f["span"][1]) if f["span"] else None, f["note"]) for f in d["faults"]
        ),
        style=d["style"],
        seed=d.get("seed", 0),
    )


def dumps(record: dict[str, Any]) -> str:
    return json.dumps(record, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def write_jsonl(path: Path, records: Iterable[dict[str, Any]]) -> int:
    path.parent.mkdir(parents=True, exist_ok=True)
    n = 0
    with path.open("w", encoding="utf-8", newline="\n") as fh:
        for record in records:
            fh.write(dumps(record) + "\n")
            n += 1
    return n


def read_plans(path: str | Path) -> Iterator[SynthPlan]:
    """Plans of a JSON lines file written by :func:`build`."""
    with Path(path).open(encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                yield plan_from_dict(json.loads(line))


# What ``corpora/generated`` holds: (file, seed, count, keyword arguments of generate_plan).
PLAN_SETS: tuple[tuple[str, int, int, dict[str, Any]], ...] = (
    ("plans.jsonl", 1, 200, {}),
    ("clean.jsonl", 2, 60, {"faults": False, "wrapper": "plain"}),
    ("long.jsonl", 3, 20, {"size": 7}),
)
FAMILY_SETS: tuple[tuple[str, int, int], ...] = (("copy_families.jsonl", 4, 9),)


def plan_set(seed: int, count: int, kw: dict[str, Any]) -> list[SynthPlan]:
    """The plans of one set: sizes cycle 1–3 unless given."""
    from . import generate_plan

    out = []
    for i in range(count):
        args = {"size": 1 + i % 3, **kw}
        out.append(generate_plan(seed * 1_000_003 + i, **args))
    return out


def family_records(seed: int, count: int) -> Iterator[dict[str, Any]]:
    from .copies import SCENARIOS, generate_copy_family

    for i in range(count):
        family = generate_copy_family(
            seed * 1_000_003 + i, scenario=SCENARIOS[i % len(SCENARIOS)], edit_rate=(0.1, 0.2, 0.3)[i // 3 % 3], size=2
        )
        yield {
            "seed": seed * 1_000_003 + i,
            "scenario": family.scenario,
            "members": [plan_to_dict(m) for m in family.members],
            "links": [asdict(link) for link in family.links],
        }


def build(out: Path) -> dict[str, Any]:
    """Write every set to ``out`` and a manifest with counts and checksums; return the manifest."""
    files: dict[str, dict[str, Any]] = {}
    for name, seed, count, kw in PLAN_SETS:
        write_jsonl(out / name, (plan_to_dict(p) for p in plan_set(seed, count, kw)))
        files[name] = {"kind": "plans", "seed": seed, "count": count, "generate_plan": kw}
    for name, seed, count in FAMILY_SETS:
        write_jsonl(out / name, family_records(seed, count))
        files[name] = {"kind": "copy_families", "seed": seed, "count": count}
    for name, meta in files.items():
        meta["sha256"] = hashlib.sha256((out / name).read_bytes()).hexdigest()
    manifest = {"format_version": FORMAT_VERSION, "built_by": "python -m cxzy_nlp.synth build", "files": files}
    (out / "MANIFEST.json").write_text(
        json.dumps(manifest, ensure_ascii=False, indent=2, sort_keys=True) + "\n", encoding="utf-8"
    )
    return manifest
