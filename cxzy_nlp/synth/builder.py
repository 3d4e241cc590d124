"""Text assembled line by line while recording exact spans of sections and items."""

from __future__ import annotations

from dataclasses import dataclass, field

from .gold import GoldItem, GoldSection, PlantedFault

Span = tuple[int, int]


@dataclass
class OpenSection:
    number: str
    heading: str
    level: int
    labels: tuple[str, ...]
    start: int
    heading_span: Span
    children: list[GoldSection] = field(default_factory=list)


class TextBuilder:
    """Appends paragraphs (one per line) and keeps the gold annotations in step with the text."""

    def __init__(self) -> None:
        self.lines: list[str] = []
        self.end = 0  # offset just after the last line
        self.items: list[GoldItem] = []
        self.faults: list[PlantedFault] = []
        self.top: list[GoldSection] = []
        self._stack: list[OpenSection] = []
        self.run_on = False  # the next paragraph continues the current line (scraped text lost a break)

    @property
    def next_start(self) -> int:
        """Offset where the next line will start."""
        if not self.lines:
            return 0
        return self.end if self.run_on else self.end + 1

    def line(self, text: str) -> Span:
        """Append one paragraph (or, after ``run_on`` was set, continue the last line); return its span."""
        start = self.next_start
        if self.run_on and self.lines:
            self.lines[-1] += text
            self.run_on = False
        else:
            self.lines.append(text)
        self.end = start + len(text)
        return (start, self.end)

    def parts(self, *pieces: str) -> list[Span]:
        """Append one paragraph made of ``pieces``; return the span of each piece."""
        start = self.next_start
        spans: list[Span] = []
        pos = start
        for piece in pieces:
            spans.append((pos, pos + len(piece)))
            pos += len(piece)
        self.line("".join(pieces))
        return spans

    def item(self, kind: str, span: Span, **fields: object) -> None:
        self.items.append(GoldItem(kind=kind, span=span, fields=dict(fields)))

    def fault(self, rule: str, span: Span | None, note: str) -> None:
        self.faults.append(PlantedFault(rule=rule, span=span, note=note))

    # ------------------------------------------------------------ sections

    def open_section(
        self, number: str, heading: str, level: int, labels: tuple[str, ...], heading_span: Span, start: int
    ) -> None:
        """Start a section whose heading was just written at ``heading_span`` (line starting at ``start``)."""
        self._stack.append(OpenSection(number, heading, level, labels, start, heading_span))

    def close_section(self) -> GoldSection:
        sec = self._stack.pop()
        gold = GoldSection(
            number=sec.number,
            heading=sec.heading,
            level=sec.level,
            labels=sec.labels,
            span=(sec.start, self.end),
            heading_span=sec.heading_span,
            children=tuple(sec.children),
        )
        if self._stack:
            self._stack[-1].children.append(gold)
        else:
            self.top.append(gold)
        return gold

    @property
    def text(self) -> str:
        return "\n".join(self.lines)
