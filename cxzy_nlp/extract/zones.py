"""Where to look: the labelled sections of a document, or headings found here when it has none."""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from ..chinese.markers import GLUED_CN
from ..chinese.numerals import to_int
from ..model import Document, Section, Span
from .items import Item, find_markers, leaf_items, list_items, opens_checks, section_item
from .patterns import patterns

_LINE_HEADING_MAX = 40


@dataclass(frozen=True)
class Zone:
    """A stretch of text holding one kind of content, e.g. the body of a goals section."""

    span: Span  # the body, heading excluded
    section: Section | None = None
    heading: str = ""

    @property
    def whole(self) -> Span:
        """The section with its heading, or the body when no section is known."""
        return self.section.span if self.section else self.span

    @property
    def section_id(self) -> str | None:
        return self.section.id if self.section else None


def _split_mixed(sections: list[Section], wanted: set[str]) -> list[Section]:
    """A section of several kinds (一、背景和目标) whose children take them apart: keep the wanted children."""
    out: list[Section] = []
    for s in sections:
        parts = [c for c in s.children if wanted & set(c.labels)]
        out.extend(_split_mixed(parts, wanted) if len(s.labels) > 1 and parts else [s])
    return out


def _outermost(sections: list[Section]) -> list[Section]:
    out: list[Section] = []
    for s in sections:
        if not any(p.span[0] <= s.span[0] and s.span[1] <= p.span[1] for p in out):
            out.append(s)
    return out


def _inside_other(all_sections: tuple[Section, ...], wanted: set[str]) -> list[bool]:
    """For each section: whether it is nested in a section of another kind (a step headed 明确目标 is a
    step, not a goal). One sort and one sweep: the containers in order of start, with the two
    latest ends seen so far (the latest may be the section itself)."""
    kinds = {"steps", "tasks"} - wanted
    containers = sorted((p.span[0], p.span[1], i) for i, p in enumerate(all_sections) if kinds.intersection(p.labels))
    starts = [c[0] for c in containers]
    first: list[tuple[int, int]] = []  # (end, index) of the latest-ending container among the first k + 1
    second: list[int] = []  # the end of the runner-up
    best, runner = (-1, -1), -1
    for _, end, i in containers:
        if end > best[0]:
            best, runner = (end, i), best[0]
        elif end > runner:
            runner = end
        first.append(best)
        second.append(runner)
    out = []
    for i, section in enumerate(all_sections):
        k = bisect.bisect_right(starts, section.span[0]) - 1
        if k < 0:
            out.append(False)
            continue
        end = second[k] if first[k][1] == i else first[k][0]
        out.append(end >= section.span[1])
    return out


def zones(doc: Document, text: str, kind: str) -> list[Zone]:
    """Zones of ``kind`` (a key of ``labels`` in extract_patterns.yaml): sections or fallback headings."""
    wanted = set(patterns().labels[kind])
    every = all_sections = doc.all_sections()
    if kind == "goals":  # a step headed 明确目标 is a step
        every = tuple(
            s for s, inside in zip(all_sections, _inside_other(all_sections, wanted), strict=True) if not inside
        )
    sections = [s for s in every if wanted & set(s.labels)]
    if not sections:  # labels missing or different: the heading words decide
        sections = [s for s in every if not s.labels and wanted & set(_fallback_labels(s.heading))]
    if sections:
        return [Zone(s.body_span, s, s.heading) for s in _split_mixed(_outermost(sections), wanted)]
    if doc.sections:
        return []
    found = [z for z in fallback_zones(doc, text) if wanted & set(_fallback_labels(z.heading))]
    return _innermost(found)


def _innermost(found: list[Zone]) -> list[Zone]:
    """Found headings nest (一、活动策划 ⊃ 2.3 活动内容): keep the most specific."""
    return [
        z for z in found if not any(o is not z and z.span[0] <= o.span[0] and o.span[1] <= z.span[1] for o in found)
    ]


def heading_says(heading: str, kind: str) -> bool:
    """Whether the words of a heading name a section of ``kind`` (fallback heading patterns)."""
    return bool(set(patterns().labels[kind]) & set(_fallback_labels(heading)))


def _fallback_labels(heading: str) -> list[str]:
    return [label for label, rx in patterns().fallback_headings if rx.search(heading)]


def _heading_text(text: str, start: int, line_end: int) -> tuple[str, int]:
    """The heading words after a marker and where its body starts (a heading may be glued to its body)."""
    line = text[start:line_end]
    if len(line.strip()) <= _LINE_HEADING_MAX and not line.rstrip().endswith("。") and not re.search(r"\d", line):
        return line.strip(), line_end
    head = re.split(r"[，。：:；,\d“（(\t]", line, maxsplit=1)[0]
    if len(head) > 10:  # no visible end of the heading: keep the whole line as body
        return head[:10].strip(), start
    return head.strip(), start + len(head)


def _cn_markers(text: str, span: Span) -> list[tuple[int, int, int]]:
    """(start, end, value) of top-level 一、 markers; a glued one only when it continues the count."""
    bounded = {m.start: m for m in find_markers(text, span) if m.kind == "cn"}
    out: list[tuple[int, int, int]] = []
    last = 0
    for g in GLUED_CN.finditer(text, span[0], span[1]):
        value = to_int(g.group("v")) or 0
        b = bounded.get(g.start())
        line_start = g.start() == 0 or text[g.start() - 1] == "\n"
        if line_start or value == last + 1 or (b is not None and value == 1):
            out.append((g.start(), g.end(), value))
            last = value
    return out


def fallback_zones(doc: Document, text: str) -> list[Zone]:
    """Top-level (``一、``) and decimal (``2.4``) headings found in the document text, as zones."""
    lo, hi = doc.span
    marks = [(s, e, "cn") for s, e, _ in _cn_markers(text, (lo, hi))]
    marks += [(m.start, m.end, "decimal") for m in find_markers(text, (lo, hi)) if m.kind == "decimal"]
    marks.sort()
    out = []
    for i, (_start, end_marker, kind) in enumerate(marks):
        end = next((s for s, _, k in marks[i + 1 :] if kind == "decimal" or k == "cn"), hi)
        line_end = text.find("\n", end_marker, end)
        line_end = end if line_end < 0 else line_end
        heading, body = _heading_text(text, end_marker, line_end)
        out.append(Zone((body, end), None, heading))
    return out


def zone_items(zone: Zone, text: str, *, leaves: bool = True) -> list[Item]:
    """The entries of a zone: child sections, else list items; with ``leaves`` sub-items replace their parent."""
    if zone.section is not None and zone.section.children:
        if leaves:
            return section_items(zone.section, text)
        return [_child_item(text, c) for c in zone.section.children]
    if leaves:
        return leaf_items(text, zone.span, zone.section_id)
    return list_items(text, zone.span, zone.section_id)


def _child_item(text: str, child: Section) -> Item:
    return section_item(text, child.number, child.heading, child.id, child.span, child.heading_span[0])


def section_items(section: Section, text: str) -> list[Item]:
    out: list[Item] = []
    for child in section.children:
        if child.children and not opens_checks(text, (child.heading_span[1], child.children[0].span[0])):
            out.extend(section_items(child, text))
            continue
        if child.children:  # 4、组织测试及试运行 / 跟踪检查如下情况：（1）…: the step is the entry, not its checks
            out.append(_child_item(text, child))
            continue
        subs = leaf_items(text, child.body_span, child.id)
        out.extend(subs or [_child_item(text, child)])
    return out


__all__ = ["Zone", "fallback_zones", "heading_says", "section_items", "zone_items", "zones"]
