"""Gold annotations of a synthetic plan: what the segmenter, extractor and checks should find."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

Span = tuple[int, int]


@dataclass(frozen=True)
class GoldSection:
    """A section of the gold structure; spans index :attr:`SynthPlan.text`."""

    number: str  # marker as written, without trailing space: "一、", "（一）", "第一章"
    heading: str
    level: int
    labels: tuple[str, ...]
    span: Span
    heading_span: Span
    children: tuple[GoldSection, ...] = ()

    def walk(self) -> tuple[GoldSection, ...]:
        """This section and all its descendants, in reading order."""
        out: list[GoldSection] = [self]
        for child in self.children:
            out.extend(child.walk())
        return tuple(out)


@dataclass(frozen=True)
class GoldItem:
    """A goal, activity, phase, budget item or total, leader, reference or period with its span."""

    kind: str  # goal | activity | phase | budget_item | budget_total | leader | reference | period
    span: Span
    fields: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class PlantedFault:
    """A fault planted on purpose; ``rule`` is a check id of checks.yaml."""

    rule: str
    span: Span | None
    note: str


@dataclass(frozen=True)
class SynthPlan:
    """One generated file: its text (one paragraph per line) and everything known about it."""

    text: str
    title: str
    doc_type: str
    department: str
    year: int
    documents: tuple[Span, ...]
    sections: tuple[GoldSection, ...]
    items: tuple[GoldItem, ...]
    faults: tuple[PlantedFault, ...]
    style: dict[str, Any]
    seed: int = 0

    def all_sections(self) -> tuple[GoldSection, ...]:
        out: list[GoldSection] = []
        for s in self.sections:
            out.extend(s.walk())
        return tuple(out)

    def items_of(self, kind: str) -> tuple[GoldItem, ...]:
        return tuple(i for i in self.items if i.kind == kind)

    def fault_rules(self) -> frozenset[str]:
        return frozenset(f.rule for f in self.faults)
