"""Checks grow with the text, not with its square: operation counts, and the fast paths equal the plain ones."""

from __future__ import annotations

import random
import sys
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from types import FrameType
from typing import Any

import pytest

from cxzy_nlp.check import duplicates
from cxzy_nlp.check.context import Context, SectionIndex
from cxzy_nlp.check.duplicates import KeyText
from cxzy_nlp.extract.zones import _inside_other
from cxzy_nlp.model import Section

sys.path.insert(0, str(Path(__file__).parent))
from long_plan import long_plan


def _section(sid: int, start: int, end: int, labels: tuple[str, ...] = ()) -> Section:
    return Section(
        id=f"s{sid}", number="", heading="", level=1, labels=labels, span=(start, end), heading_span=(start, start)
    )


def _random_sections(rng: random.Random, n: int) -> list[Section]:
    out = []
    for i in range(n):
        a = rng.randrange(0, 200)
        b = a + rng.choice([0, 1, 3, 10, 40, 120])
        out.append(_section(i, a, b, tuple(rng.sample(["goals", "tasks", "steps", "budget"], rng.randrange(0, 3)))))
    return out


# ---------------------------------------------------------------- the fast paths give what the scans gave


def _innermost_by_scan(sections: list[Section], offset: int) -> Section | None:
    found = None
    for s in sections:
        if s.span[0] <= offset < s.span[1] and (
            found is None or s.span[1] - s.span[0] <= found.span[1] - found.span[0]
        ):
            found = s
    return found


def test_section_index_equals_the_scan_on_random_overlapping_spans() -> None:
    rng = random.Random(5)
    for _ in range(200):
        sections = _random_sections(rng, rng.randrange(0, 12))
        index = SectionIndex(sections)
        for offset in range(-2, 250):
            assert index.at(offset) is _innermost_by_scan(sections, offset)
            want = frozenset(label for s in sections if s.span[0] <= offset < s.span[1] for label in s.labels)
            assert index.labels_at(offset) == want


def test_inside_other_equals_the_pairwise_comparison() -> None:
    rng = random.Random(6)
    for _ in range(300):
        sections = tuple(_random_sections(rng, rng.randrange(0, 12)))
        for wanted in ({"goals"}, {"tasks"}, set()):
            kinds = {"steps", "tasks"} - wanted
            want = [
                any(
                    kinds & set(p.labels) and p.span[0] <= s.span[0] and s.span[1] <= p.span[1] and p is not s
                    for p in sections
                )
                for s in sections
            ]
            assert _inside_other(sections, wanted) == want


def _keytext(text: str) -> KeyText:
    keyed = object.__new__(KeyText)  # the index works on the kept text alone
    keyed.__dict__["_kept"] = (text, list(range(len(text))))
    return keyed


@pytest.mark.parametrize("alphabet", ["甲乙", "甲乙丙丁戊己庚辛", "的工作开展推进落实加强组织领导保障"])
def test_gram_index_finds_what_str_find_finds(alphabet: str) -> None:
    rng = random.Random(len(alphabet))
    text = "".join(rng.choice(alphabet) for _ in range(30_000))  # long enough for the index
    keyed = _keytext(text)
    hits = 0
    for _ in range(400):
        size = rng.randrange(19, 60)
        if rng.random() < 0.6:
            at = rng.randrange(len(text) - size)
            key = text[at : at + size]
        else:
            key = "".join(rng.choice(alphabet) for _ in range(size))
        limit = rng.randrange(len(text) + 1)
        want = text.find(key, 0, limit)
        got = keyed._find(key, limit)
        assert got == want, (key, limit)
        hits += want >= 0
    assert hits > 50  # the comparison covered keys that are there as well as keys that are not


# ---------------------------------------------------------------- operation counts


LOOKUPS = {
    "section_at",  # Context: the innermost section at an offset
    "labels_at",  # Context: the labels of the sections at an offset
    "dated",  # Context: a date or time word inside a span
    "earlier",  # duplicate-passage: the same passage earlier in the document
    "holds",  # duplicate-passage: a passage inside one already reported
    "near",  # duplicate-passage: a passage right after one already reported
    "_section_at_by_scan",  # the controls' lookups
    "_labels_at_by_scan",
}
BUILDS = {"__init__", "_labels", "_time_spans", "_kept", "_grams", "section_index", "sections"}


def _lines_per_lookup(text: str) -> dict[str, float]:
    """Python lines executed inside each of the check stage's lookups (``LOOKUPS``, with what they call), per call.

    Counted with ``sys.settrace``; work inside C (``str.find``) is not seen, so the duplicate search uses
    its gram index at every length here (``_SCAN_CHARS`` patched to 0 by the tests).
    """
    from cxzy_nlp import pipeline
    from cxzy_nlp.read import read_bytes

    result = read_bytes(text.encode("utf-8"), "plan.txt")
    normal = pipeline.read_to_text(result)
    docs = pipeline.documents_to_extracted(
        pipeline.documents_to_labelled(pipeline.text_to_documents(normal, result), normal), normal
    )
    pipeline.documents_to_checked(docs, normal, result)  # warm-up: profiles, data files
    lines: Counter[str] = Counter()
    calls: Counter[str] = Counter()
    active: list[str] = []  # the outermost lookup running, if any

    active_frames: list[FrameType] = []  # the lookup's frame, or a builder's inside it
    building: list[FrameType] = []

    def local(frame: FrameType, event: str, arg: Any) -> Callable[..., Any] | None:
        if event == "line" and not building:
            lines[active[0]] += 1
        elif event == "return" and building and frame is building[-1]:
            building.pop()
        elif event == "return" and frame is active_frames[-1]:
            active.pop()
            active_frames.pop()
        return local

    def tracer(frame: FrameType, event: str, arg: Any) -> Callable[..., Any] | None:
        name = frame.f_code.co_name
        if not active:
            if name not in LOOKUPS:
                return None
            calls[name] += 1
            active.append(name)
            active_frames.append(frame)
            return local
        if building:
            return None
        if name in BUILDS:  # built once per document, in time linear in its size: not part of a lookup
            building.append(frame)
        return local

    sys.settrace(tracer)
    try:
        pipeline.documents_to_checked(docs, normal, result)
    finally:
        sys.settrace(None)
    return {name: lines[name] / calls[name] for name in calls}


def _growth(short: str, long: str) -> dict[str, float]:
    """Lines per call of each lookup on the long plan against the short one (lookups called on both)."""
    a, b = _lines_per_lookup(short), _lines_per_lookup(long)
    assert len(a.keys() & b.keys()) == 6, (a, b)  # every kind of lookup ran on both plans
    return {name: round(b[name] / a[name], 2) for name in a.keys() & b.keys()}


@pytest.fixture(scope="module")
def plans() -> tuple[str, str]:
    return long_plan(20, size=10), long_plan(200, size=10)  # plans of ~8 pages: findings from the first pages on


@pytest.fixture()
def indexed(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(duplicates, "_SCAN_CHARS", 0)


@pytest.mark.usefixtures("indexed")
def test_lookups_of_the_check_stage_cost_the_same_on_a_plan_ten_times_longer(plans: tuple[str, str]) -> None:
    growth = _growth(*plans)
    assert max(growth.values()) <= 1.3, f"lines per call, plan 10× longer against the short one: {growth}"


class _ScannedSpans:
    """The duplicate rule's reported spans as before: a list scanned at every passage."""

    def __init__(self) -> None:
        self.spans: list[tuple[int, int]] = []

    def add(self, span: tuple[int, int]) -> None:
        self.spans.append(span)

    def holds(self, span: tuple[int, int]) -> bool:
        return any(a <= span[0] and span[1] <= b for a, b in self.spans)

    def near(self, offset: int, slack: int) -> bool:
        return any(a - slack <= offset <= b + slack for a, b in self.spans)


def _section_at_by_scan(self: Context, offset: int) -> Section | None:
    return _innermost_by_scan(list(self.sections), offset)


def _labels_at_by_scan(self: Context, offset: int) -> frozenset[str]:
    return frozenset(label for s in self.sections if s.span[0] <= offset < s.span[1] for label in s.labels)


@pytest.mark.usefixtures("indexed")
def test_the_line_count_sees_the_scans_of_before(plans: tuple[str, str], monkeypatch: pytest.MonkeyPatch) -> None:
    """Control: the lookups of before (every section, every reported passage scanned each time) fail the test
    above: their cost grows with the plan."""
    monkeypatch.setattr(Context, "section_at", _section_at_by_scan)
    monkeypatch.setattr(Context, "labels_at", _labels_at_by_scan)
    monkeypatch.setattr(duplicates, "_Reported", _ScannedSpans)
    growth = _growth(*plans)
    assert min(growth[name] for name in ("_section_at_by_scan", "_labels_at_by_scan", "holds", "near")) > 3, growth


def test_section_lookups_cost_the_same_whatever_the_number_of_sections() -> None:
    """Sections looked at per lookup (``SectionIndex.probes``), 100 against 1,000 sections."""
    per_lookup = []
    for n in (100, 1000):
        sections = [_section(i, 10 * i, 10 * i + 10) for i in range(n)]
        sections.append(_section(n, 0, 10 * n, ("tasks",)))
        index = SectionIndex(sections)
        built = index.probes
        for offset in range(0, 10 * n, 7):
            index.at(offset)
        per_lookup.append((index.probes - built) / len(range(0, 10 * n, 7)))
        assert built <= 2 * len(sections) + 1  # building looks at each section once
    assert per_lookup[1] == per_lookup[0] == 1
