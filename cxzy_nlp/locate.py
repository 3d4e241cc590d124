"""Offsets to places a reviewer can find: 第3页, 第41段, 第12行, and the enclosing section (二、（三）).

The normalised text keeps a block map back to the source (:attr:`NormalText.blocks`); a
:class:`Locator` looks an offset up in it by bisection over the block starts and walks the
section tree down to the innermost section holding the offset. :func:`locate_documents` gives
every section, goal, activity and finding of a file its :class:`~cxzy_nlp.model.Location`.

Which unit a format reports:

- Word files (docx, doc, wps, Word XML): ``paragraph``, the 1-based index of non-empty body
  paragraphs in document order, each non-empty table cell counted once, headers, footers and
  text boxes excluded (the readers number blocks that way; a table row block holds the number
  of its first non-empty cell, and the cells after it follow);
- PDF: ``page``;
- plain text and Markdown: ``line`` of the file (and ``page`` when it has form feeds);
- HTML, MHT and RTF: ``line`` of the extracted text (one line per paragraph or table row).
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable
from dataclasses import replace

from .model import Analysis, Document, Location, NormalText, Place, Section, Span

WORD_FORMATS = frozenset({"docx", "doc", "wps", "wordml"})
LINE_FORMATS = frozenset({"txt", "md"})


def places_of(normal: NormalText, fmt: str) -> tuple[Place, ...]:
    """The map of a file: for each source block (each cell of a Word table row) its start and location."""
    text = normal.text
    out: list[Place] = []
    for i, bs in enumerate(normal.blocks):
        block = bs.block
        if fmt in WORD_FORMATS:
            out.append((bs.start, Location(page=block.page, paragraph=block.paragraph + 1)))
            if block.kind == "table_row":  # cells are tab-separated, empty ones dropped by normalisation
                at, cell = text.find("\t", bs.start, bs.end), 1
                while at >= 0:
                    out.append((at + 1, Location(page=block.page, paragraph=block.paragraph + 1 + cell)))
                    at, cell = text.find("\t", at + 1, bs.end), cell + 1
        elif fmt in LINE_FORMATS:
            out.append((bs.start, Location(page=block.page, line=block.paragraph + 1)))
        elif block.page is not None:
            out.append((bs.start, Location(page=block.page)))
        else:
            out.append((bs.start, Location(line=i + 1)))
    return tuple(out)


class Locator:
    """Locations of offsets into one file's normalised text, from its map (:func:`places_of`)."""

    def __init__(self, places: tuple[Place, ...]):
        self._starts = [start for start, _ in places]
        self._locations = [location for _, location in places]

    @classmethod
    def of_text(cls, normal: NormalText, fmt: str) -> Locator:
        return cls(places_of(normal, fmt))

    def __bool__(self) -> bool:
        return bool(self._starts)

    def place(self, offset: int) -> Location:
        """Page, paragraph or line of the source block holding ``offset`` (no section)."""
        if not self._starts:
            return Location()
        return self._locations[max(0, bisect_right(self._starts, offset) - 1)]

    def locate(self, offset: int, sections: tuple[Section, ...] = ()) -> Location:
        """The place of ``offset`` with the number and heading of the innermost section holding it."""
        location = self.place(offset)
        path = section_path(sections, offset)
        if not path:
            return location
        return replace(
            location,
            section_number="".join(s.number for s in path) or None,
            section_heading=path[-1].heading or None,
        )


def _start(section: Section) -> int:
    return section.span[0]


def section_path(sections: tuple[Section, ...], offset: int) -> list[Section]:
    """The sections holding ``offset``, outermost first (bisection at each level)."""
    path: list[Section] = []
    level = sections
    while level:
        i = bisect_right(level, offset, key=_start) - 1
        if i < 0 or not level[i].span[0] <= offset < level[i].span[1]:
            break
        path.append(level[i])
        level = level[i].children
    return path


def _section_located(section: Section, locator: Locator, top: tuple[Section, ...]) -> Section:
    children = tuple(_section_located(c, locator, top) for c in section.children)
    return replace(section, children=children, location=locator.locate(section.heading_span[0], top))


def document_located(doc: Document, locator: Locator) -> Document:
    """``doc`` with a location on each section, goal, activity and finding."""
    top = doc.sections
    sections = tuple(_section_located(s, locator, top) for s in top)

    def at(span: Span | None) -> Location | None:
        return locator.locate(span[0], top) if span is not None else None

    by_id = {s.id: s for s in doc.all_sections()}
    findings = []
    for f in doc.findings:
        span = f.span
        if span is None and f.section in by_id:
            span = by_id[f.section].heading_span
        findings.append(replace(f, location=at(span or doc.span)))
    return replace(
        doc,
        sections=sections,
        goals=tuple(replace(g, location=at(g.span)) for g in doc.goals),
        activities=tuple(replace(a, location=at(a.span)) for a in doc.activities),
        findings=tuple(findings),
    )


def locate_documents(documents: list[Document], normal: NormalText, fmt: str) -> list[Document]:
    """Every section, goal, activity and finding of a file's documents with its location."""
    locator = Locator.of_text(normal, fmt)
    return [document_located(doc, locator) for doc in documents]


def analysis_located(analysis: Analysis) -> Analysis:
    """``analysis`` with the elements that have no location yet (findings added across files) located."""
    if not analysis.places:
        return analysis

    def located(doc: Document) -> bool:
        return all(
            x.location is not None
            for group in (doc.all_sections(), doc.goals, doc.activities, doc.findings)
            for x in group
        )

    if all(located(d) for d in analysis.documents):
        return analysis
    locator = Locator(analysis.places)
    return replace(analysis, documents=tuple(document_located(d, locator) for d in analysis.documents))


def offset_locator(analysis: Analysis) -> Callable[[int], Location] | None:
    """A function from an offset of ``analysis.text`` to its location (with the section of its document)."""
    if not analysis.places:
        return None
    locator = Locator(analysis.places)
    docs = analysis.documents

    def locate(offset: int) -> Location:
        doc = next((d for d in docs if d.span[0] <= offset < d.span[1]), None)
        return locator.locate(offset, doc.sections if doc else ())

    return locate


def describe(location: Location | None, *, section: bool = True) -> str:
    """A location in words: "第3页 · 二、（三）", "第41段", "第12行"; "" when nothing is known."""
    if location is None:
        return ""
    parts = []
    if location.page is not None:
        parts.append(f"第{location.page}页")
    if location.paragraph is not None:
        parts.append(f"第{location.paragraph}段")
    if location.line is not None:
        parts.append(f"第{location.line}行")
    place = "，".join(parts)
    if section and location.section_number:
        return f"{place} · {location.section_number}" if place else location.section_number
    return place


__all__ = [
    "Locator",
    "Place",
    "analysis_located",
    "describe",
    "document_located",
    "locate_documents",
    "offset_locator",
    "places_of",
    "section_path",
]
