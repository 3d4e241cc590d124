"""What a rule sees: the document, the file's text, the profile and the assumed year."""

from __future__ import annotations

import bisect
import heapq
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import cached_property
from typing import Any

from ..chinese.sentences import CLAUSE_STOPS, sentence_span
from ..model import Document, Finding, Problem, Section, Span
from . import scan
from .profile import Profile

EVIDENCE_CHARS = 80
FORM_MARKS = ("form_notes", "approval")  # zones only a form has: 填表说明, 审核意见 boxes
FORM_SHARE = 10  # form fields making up 1/FORM_SHARE of a document make it a form
# Dot leaders of a table of contents: 2.2.2农村贫困现状............- 5 -
_CONTENTS_LEADER = re.compile(r"\.{4,}|…{2,}|·{4,}|．{4,}|-{4,}|_{4,}|\t\s*[-－]?\s*\d{1,3}\s*[-－]?\s*$")


class SectionIndex:
    """Which sections hold an offset, answered by bisection: the document's section spans cut once
    into elementary pieces, each knowing its innermost section (built in O(n log n), asked in O(log n)).

    ``probes`` counts the sections looked at (building and asking), for the linearity tests.
    """

    def __init__(self, sections: Sequence[Section]) -> None:
        self.sections = tuple(sections)
        self.probes = 0
        points = sorted({p for s in self.sections for p in s.span})
        self._starts = points
        # innermost section of each piece [points[i], points[i+1]): the shortest span holding it, the
        # later one in document order on a tie (as a scan keeping the last shortest would choose)
        self._inner: list[int] = []
        order = sorted(range(len(self.sections)), key=lambda i: self.sections[i].span[0])
        heap: list[tuple[int, int, int]] = []  # (length, -index, end)
        nxt = 0
        for piece in points:
            while nxt < len(order) and self.sections[order[nxt]].span[0] <= piece:
                i = order[nxt]
                a, b = self.sections[i].span
                self.probes += 1
                if a < b:
                    heapq.heappush(heap, (b - a, -i, b))
                nxt += 1
            while heap and heap[0][2] <= piece:
                heapq.heappop(heap)
            self._inner.append(-heap[0][1] if heap else -1)

    def _piece(self, offset: int) -> int:
        self.probes += 1
        return bisect.bisect_right(self._starts, offset) - 1

    def at(self, offset: int) -> Section | None:
        """The innermost section holding ``offset``."""
        i = self._piece(offset)
        if i < 0 or self._inner[i] < 0:
            return None
        return self.sections[self._inner[i]]

    def labels_at(self, offset: int) -> frozenset[str]:
        """Labels of every section holding ``offset`` (the section and the sections around it)."""
        i = self._piece(offset)
        return self._labels[i] if i >= 0 else frozenset()

    @cached_property
    def _labels(self) -> list[frozenset[str]]:
        """The labels of the sections holding each piece: one sweep, sections entering and leaving."""
        order = sorted(range(len(self.sections)), key=lambda i: self.sections[i].span[0])
        active: dict[int, Section] = {}
        ending: list[tuple[int, int]] = []
        out: list[frozenset[str]] = []
        nxt = 0
        for piece in self._starts:
            while nxt < len(order) and self.sections[order[nxt]].span[0] <= piece:
                i = order[nxt]
                active[i] = self.sections[i]
                heapq.heappush(ending, (self.sections[i].span[1], i))
                nxt += 1
            while ending and ending[0][0] <= piece:
                active.pop(heapq.heappop(ending)[1], None)
            self.probes += len(active)
            out.append(frozenset(label for s in active.values() for label in s.labels))
        return out


@dataclass(frozen=True)
class Context:
    doc: Document
    text: str  # normalised text of the whole file; spans index into it
    profile: Profile
    year: int | None = None
    year_reason: str | None = None
    problems: tuple[Problem, ...] = ()
    pages: frozenset[int] = frozenset()  # source pages the document lies on (PDF)

    # ---------------------------------------------------------------- text

    @cached_property
    def body(self) -> str:
        """The document's own text (``text[doc.span]``)."""
        return self.text[self.doc.span[0] : self.doc.span[1]]

    def finditer(self, regex: re.Pattern[str]) -> Iterator[tuple[Span, str]]:
        """Matches of ``regex`` in the document, as absolute spans and matched text."""
        base = self.doc.span[0]
        for m in scan.finditer(regex, self.body):
            yield (base + m.start(), base + m.end()), m.group(0)

    def sentence_at(self, span: Span) -> Span:
        """The sentence (between 。！？；or line ends) around ``span``, inside the document."""
        return sentence_span(self.text, span, *self.doc.span, stops=CLAUSE_STOPS + "\n")

    def quote(self, span: Span | None, limit: int = EVIDENCE_CHARS) -> str | None:
        if span is None:
            return None
        piece = self.text[span[0] : span[1]].strip()
        return piece if len(piece) <= limit else piece[:limit] + "…"

    @cached_property
    def form_like(self) -> bool:
        """Whether the document is a form to fill (申报书, 中期检查表, 个人总结表), whatever its title's 文种: it has
        a 填表说明 or an approval box, its form fields make up a tenth of it, or its title names a 表. A form's
        parts are its fields, and its blanks are slots the filer fills on paper."""
        kinds = [(z.kind, z.span[1] - z.span[0]) for z in self.doc.zones]
        if any(kind in FORM_MARKS for kind, _ in kinds):
            return True
        size = max(1, self.doc.span[1] - self.doc.span[0])
        if sum(n for kind, n in kinds if kind == "form") * FORM_SHARE >= size:
            return True
        return (self.doc.title or "").strip().rstrip("）)").endswith("表")

    @cached_property
    def one_day(self) -> bool:
        """Whether the document plans one day's event (its stated period starts and ends on one date: a 主题党日,
        a meeting): its programme is the order of the day, and whoever holds the event runs every item."""
        period = self.doc.period
        return (
            period is not None and period.source == "stated" and period.start is not None and period.start == period.end
        )

    # ---------------------------------------------------------------- sections

    @cached_property
    def sections(self) -> tuple[Section, ...]:
        return self.doc.all_sections()

    def labelled(self, labels: list[str] | tuple[str, ...]) -> tuple[Section, ...]:
        """Sections carrying any of ``labels``, outermost first (children of a match are skipped)."""
        wanted = set(labels)
        out: list[Section] = []

        def visit(section: Section) -> None:
            if wanted.intersection(section.labels):
                out.append(section)
                return
            for child in section.children:
                visit(child)

        for top in self.doc.sections:
            visit(top)
        return tuple(out)

    def main_sections(self, labels: list[str] | tuple[str, ...]) -> tuple[Section, ...]:
        """The labelled sections at the shallowest level where any occurs (list items below are ignored)."""
        found = self.labelled(labels)
        if not found:
            return found
        top = min(s.level for s in found)
        return tuple(s for s in found if s.level == top)

    @cached_property
    def section_index(self) -> SectionIndex:
        return SectionIndex(self.sections)

    def section_at(self, offset: int) -> Section | None:
        """The innermost section holding ``offset``."""
        return self.section_index.at(offset)

    def labels_at(self, offset: int) -> frozenset[str]:
        """Labels of every section holding ``offset`` (the section and its ancestors)."""
        return self.section_index.labels_at(offset)

    def is_contents_line(self, section: Section) -> bool:
        """Whether the section's heading line is an entry of a table of contents (dot leaders)."""
        start = section.heading_span[0]
        end = self.text.find("\n", start)
        return bool(_CONTENTS_LEADER.search(self.text, start, end if end >= 0 else len(self.text)))

    @cached_property
    def _time_spans(self) -> tuple[list[int], list[int]]:
        """Starts and ends of the time words and dates extract found, in order of start."""
        spans = sorted([*self.doc.time_mentions, *(m.span for m in self.doc.dates)])
        return [a for a, _ in spans], [b for _, b in spans]

    def dated(self, span: Span, at_least: int = 1) -> bool:
        """Whether extract found ``at_least`` points in time (a time word or a date in any written form; mentions
        written together, 2016年12月, are one point) inside ``span``."""
        starts, ends = self._time_spans
        i = bisect.bisect_left(starts, span[0])
        found, last_end = 0, -10
        while i < len(starts) and starts[i] <= span[1]:  # only mentions running past the span's end fail
            if ends[i] <= span[1]:
                found += starts[i] - last_end > 2
                last_end = ends[i]
                if found >= at_least:
                    return True
            i += 1
        return False

    @staticmethod
    def section_name(section: Section) -> str:
        heading = section.heading if len(section.heading) <= 24 else section.heading[:24] + "…"
        return f"“{section.number}{heading}”"

    def place(self, section: Section | None) -> str:
        """Where, in words: 在“五、活动内容”中 / 在正文开头."""
        if section is None:
            return "在正文开头部分" if self.doc.sections else "在正文中"
        return f"在{self.section_name(section)}中"

    def place_at(self, offset: int) -> tuple[str, str | None]:
        section = self.section_at(offset)
        if self.doc.title_span and self.doc.title_span[0] <= offset < self.doc.title_span[1]:
            return "在标题中", None
        return self.place(section), section.id if section else None

    # ---------------------------------------------------------------- findings

    def setting(self, rule: str, key: str, default: Any = None) -> Any:
        return self.profile.setting(rule, key, default)

    def year_note(self) -> str:
        """（按文件年度2021年判断，依据：…）"""
        if self.year is None:
            return "（未能推断文件年度）"
        reason = (self.year_reason or "未说明").removeprefix("据")
        return f"（按文件年度{self.year}年判断，依据：{reason}）"

    def finding(
        self, rule: str, message: str, span: Span | None = None, section: str | None = None, evidence: str | None = None
    ) -> Finding:
        """A finding with the profile's severity; evidence defaults to the quoted span."""
        return Finding(
            rule=rule,
            severity=self.profile.severity(rule),
            message=message,
            span=span,
            section=section,
            evidence=evidence if evidence is not None else self.quote(span),
        )

    def finding_at(self, rule: str, span: Span, message: str, evidence: str | None = None) -> Finding:
        """A finding whose message starts with the place of ``span``: 在“三、…”中，<message>."""
        where, section = self.place_at(span[0])
        return self.finding(rule, f"{where}，{message}", span=span, section=section, evidence=evidence)
