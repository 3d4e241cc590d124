"""Positioned lines of fixed-layout pages (OCR, OFD) to paragraph blocks.

The same steps as for born-digital PDFs, on lines that already carry their text: reading
order, running headers, footers and page numbers dropped, then wrapped lines joined into
paragraphs (a new paragraph at an indent, a numbering marker, a short line, a wider gap or
a change of size). Coordinates are in any unit with the origin at the top left.
"""

from __future__ import annotations

import itertools
import re
import statistics
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from ..model import Block

MARGIN_SHARE = 0.1  # top and bottom tenth of a page: where running headers and page numbers sit
PAGE_NUMBER_SHARE = 0.15  # 公文 page numbers (— 1 —) sit a little higher, in the bottom seventh
PAGE_NUMBER_RES = (
    re.compile(r"^[-—–_~·•\s]*\d{1,4}[-—–_~·•\s]*$"),
    re.compile(r"^第?\d{1,4}页?[/，,]?共?\d{0,4}页?$"),
    re.compile(r"^\d{1,4}/\d{1,4}$"),
    re.compile(r"^page\d{1,4}(of\d{1,4})?$", re.I),
)
MARKER_RE = re.compile(
    r"^\s*(?:[一二三四五六七八九十百]+[、.．]|[（(][一二三四五六七八九十百\d]+[）)]|\d+(?:[.．]\d+)*[、.．)）](?!\d)|"
    r"第[一二三四五六七八九十百\d]+[章节条部分篇]|[①-⑳]|[•●○◎■□☑◆◇▪▶►➢★☆√✓]|附件\s*\d*[:：]?$)"
)
MIN_COLUMN_LINES = 6  # lines a text column holds at least
TERMINAL = tuple("。！？；：…”’）)」』】!?;:")
_LATIN_END = re.compile(r"[A-Za-z]$")  # digits wrapped in Chinese text join without a space
_LATIN_START = re.compile(r"^[A-Za-z]")


@dataclass(frozen=True)
class PlacedLine:
    """One visual line of a page: its text and box, font size (box height when unknown), confidence if OCR."""

    text: str
    x0: float
    top: float
    x1: float
    bottom: float
    size: float
    bold: bool = False
    confidence: float | None = None
    column: int = 0  # text column of a page set in columns, left to right


@dataclass(frozen=True)
class PlacedPage:
    """The lines of one page (1-based ``number``) and its size in the lines' unit."""

    number: int
    width: float
    height: float
    lines: tuple[PlacedLine, ...]


def reading_order(lines: Sequence[PlacedLine]) -> list[PlacedLine]:
    """Column by column; in each, top to bottom, lines whose vertical middles lie within half a line
    of each other left to right."""
    columns = sorted({ln.column for ln in lines})
    if len(columns) > 1:
        return [ln for c in columns for ln in _rows_in_order([ln for ln in lines if ln.column == c])]
    return _rows_in_order(lines)


def _rows_in_order(lines: Sequence[PlacedLine]) -> list[PlacedLine]:
    rows: list[list[PlacedLine]] = []
    for ln in sorted(lines, key=lambda a: (a.top + a.bottom) / 2):
        middle = (ln.top + ln.bottom) / 2
        if rows:
            last = rows[-1]
            last_middle = statistics.fmean((a.top + a.bottom) / 2 for a in last)
            if abs(middle - last_middle) <= 0.5 * min(ln.size, last[0].size):
                last.append(ln)
                continue
        rows.append([ln])
    return [ln for row in rows for ln in sorted(row, key=lambda a: a.x0)]


# ---------------------------------------------------------------- columns


def gutters_of(rows: Sequence[Sequence[tuple[float, float]]], sizes: Sequence[float]) -> list[float]:
    """Middles of vertical strips, at least a character wide, that most rows (given as the x extents
    of their ink) leave empty while holding text on both sides: the gutters between text columns."""
    spans = [span for row in rows for span in row]
    if len(rows) < MIN_COLUMN_LINES * 2 or not spans:
        return []
    size = statistics.median(sizes)
    left = min(x0 for x0, _ in spans)
    right = max(x1 for _, x1 in spans)
    step = size / 4
    bins = int((right - left) / step) + 1
    if bins > 100_000:
        return []
    crossing = [0] * bins  # rows with ink over each strip
    for row in rows:
        covered: set[int] = set()
        for x0, x1 in row:
            covered.update(range(int((x0 - left) / step), int((x1 - left) / step) + 1))
        for b in covered:
            if 0 <= b < bins:
                crossing[b] += 1
    empty = [n <= 0.1 * len(rows) for n in crossing]
    gutters = []
    b = 0
    while b < bins:
        if not empty[b]:
            b += 1
            continue
        start = b
        while b < bins and empty[b]:
            b += 1
        if start > 0 and b < bins and (b - start) * step >= 0.8 * size:
            gutters.append(left + (start + b) / 2 * step)
    return gutters


def text_columns(lines: Sequence[PlacedLine], columns: int) -> bool:
    """Columns of running text (most lines filled to the column's right edge), not the cells of a form."""
    for column in range(columns):  # lines across the columns (column -1) are headings, not judged
        members = [ln for ln in lines if ln.column == column]
        if len(members) < MIN_COLUMN_LINES:
            return False
        size = statistics.median(ln.size for ln in members)
        ends = sorted(ln.x1 for ln in members)
        right = ends[(3 * len(ends)) // 4]  # a heading spanning the columns may stick out; most lines end here
        if right - min(ln.x0 for ln in members) < 6 * size:  # a column holds six characters or more
            return False
        full = sum(1 for ln in members if abs(right - ln.x1) < 1.5 * size)
        if full * 2 < len(members):  # half the lines or more run to the right edge
            return False
    return True


def assign_columns(lines: Sequence[PlacedLine]) -> list[PlacedLine]:
    """Lines (recognised boxes) with their text column set, when the page is set in columns of running text."""
    from dataclasses import replace

    rows: list[list[PlacedLine]] = []
    for ln in _rows_in_order(lines):
        if rows and abs((rows[-1][0].top + rows[-1][0].bottom) / 2 - (ln.top + ln.bottom) / 2) <= 0.5 * ln.size:
            rows[-1].append(ln)
        else:
            rows.append([ln])
    gutters = gutters_of([[(ln.x0, ln.x1) for ln in row] for row in rows], [ln.size for ln in lines])
    if not gutters:
        return list(lines)
    placed = [
        replace(ln, column=-1 if any(ln.x0 < g < ln.x1 for g in gutters) else sum(1 for g in gutters if g < ln.x0))
        for ln in lines
    ]
    return placed if text_columns(placed, len(gutters) + 1) else list(lines)


def merge_rows(lines: Sequence[PlacedLine]) -> list[PlacedLine]:
    """Pieces of one visual line (in reading order) joined: without a space when close, with one when not."""
    out: list[PlacedLine] = []
    for ln in lines:
        prev = out[-1] if out else None
        same_row = prev is not None and abs((prev.top + prev.bottom) / 2 - (ln.top + ln.bottom) / 2) <= 0.5 * min(
            prev.size, ln.size
        )
        if prev is None or not same_row or ln.x0 < prev.x1 - prev.size or ln.column != prev.column:
            out.append(ln)
            continue
        gap = ln.x0 - prev.x1
        joint = "" if gap < 1.5 * max(prev.size, ln.size) else "  "
        confidence = (
            None
            if prev.confidence is None or ln.confidence is None
            else (prev.confidence * len(prev.text) + ln.confidence * len(ln.text)) / max(1, len(prev.text + ln.text))
        )
        out[-1] = PlacedLine(
            prev.text + joint + ln.text,
            prev.x0,
            min(prev.top, ln.top),
            ln.x1,
            max(prev.bottom, ln.bottom),
            max(prev.size, ln.size),
            prev.bold and ln.bold,
            confidence,
            prev.column,
        )
    return out


def _squeeze(text: str) -> str:
    return re.sub(r"\s+", "", text)


def is_page_number(line: PlacedLine, page: PlacedPage) -> bool:
    """A line in the top or bottom margin that is only a page number (``— 1 —``, ``第1页 共3页``, ``2/5``)."""
    in_margin = line.top >= page.height * (1 - PAGE_NUMBER_SHARE) or line.bottom <= page.height * MARGIN_SHARE
    return in_margin and any(p.match(_squeeze(line.text)) for p in PAGE_NUMBER_RES)


def strip_running_lines(pages: Sequence[PlacedPage]) -> list[PlacedPage]:
    """Drop page numbers, and margin lines repeated (digits masked) on at least two pages and a third of them."""
    seen: Counter[tuple[str, str]] = Counter()
    for page in pages:
        for zone, ln in _margin_lines(page):
            seen[zone, _running_key(ln)] += 1
    running = {key for key, n in seen.items() if n >= 2 and n * 3 >= len(pages)}
    out = []
    for page in pages:
        drop = {id(ln) for zone, ln in _margin_lines(page) if (zone, _running_key(ln)) in running}
        drop |= {id(ln) for ln in page.lines if is_page_number(ln, page)}
        out.append(
            PlacedPage(page.number, page.width, page.height, tuple(ln for ln in page.lines if id(ln) not in drop))
        )
    return out


def _margin_lines(page: PlacedPage) -> list[tuple[str, PlacedLine]]:
    out = []
    for ln in page.lines:
        if ln.bottom <= page.height * MARGIN_SHARE:
            out.append(("top", ln))
        elif ln.top >= page.height * (1 - MARGIN_SHARE):
            out.append(("bottom", ln))
    return out


def _running_key(line: PlacedLine) -> str:
    """Digits masked, punctuation and spaces dropped (recognised headers differ in a stray dot)."""
    return re.sub(r"\d+", "#", re.sub(r"[\W_]+", "", line.text))


def body_edges(lines: Sequence[PlacedLine]) -> tuple[float, float]:
    """Left and right edge of the body text: the most common starts and ends of full lines."""
    if not lines:
        return 0.0, 0.0
    size = statistics.median(ln.size for ln in lines)
    left = min(ln.x0 for ln in lines)
    lefts = [ln.x0 for ln in lines if ln.x0 - left < 0.5 * size]
    far = max(ln.x1 for ln in lines)
    rights = [ln.x1 for ln in lines if far - ln.x1 < 2 * size]  # full lines of paragraphs end within a character or so
    return statistics.median(lefts), statistics.median(rights)


def starts_paragraph(
    prev: PlacedLine,
    prev_edges: tuple[float, float],
    line: PlacedLine,
    edges: tuple[float, float],
    line_gap: float | None,
) -> bool:
    """Whether ``line`` opens a new paragraph after ``prev`` (``line_gap`` None: ``line`` starts a new page)."""
    left = edges[0]
    size = line.size
    if abs(prev.size - line.size) > 0.2 * size or prev.bold != line.bold:
        return True
    if MARKER_RE.match(line.text) or "  " in line.text or "  " in prev.text:
        return True
    if line.x0 - left >= 1.2 * size:  # first-line indent of two characters, or a centered line
        return True
    room = prev_edges[1] - prev.x1
    if room > 1.5 * size or (room > 0.5 * size and prev.text.endswith(TERMINAL)):
        return True
    if is_centered(prev, prev_edges):  # a centered title stands alone
        return True
    return line_gap is not None and line.top - prev.bottom > line_gap + 0.6 * size


def is_centered(line: PlacedLine, edges: tuple[float, float]) -> bool:
    """Room on both sides (not an indented full line) and the middle at the middle of the body."""
    left, right = edges
    room_left, room_right = line.x0 - left, right - line.x1
    return min(room_left, room_right) >= 0.5 * line.size and abs(room_left - room_right) < 1.5 * line.size


def _glue(left: str, right: str) -> str:
    if left and _LATIN_END.search(left) and _LATIN_START.match(right):
        return f"{left} {right}"
    return left + right


@dataclass
class _Paragraph:
    page: int
    edges: tuple[float, float]
    lines: list[PlacedLine]


def pages_to_blocks(pages: Sequence[PlacedPage], *, first_index: int = 0) -> tuple[Block, ...]:
    """Paragraph blocks of positioned pages (running lines removed; a paragraph may cross a page break)."""
    paragraphs: list[_Paragraph] = []
    prev: tuple[PlacedLine, tuple[float, float]] | None = None
    for page in strip_running_lines(pages):
        lines = page.lines
        if not lines:
            continue
        edges_of = {c: body_edges([ln for ln in lines if ln.column == c]) for c in {ln.column for ln in lines}}
        gaps = [b.top - a.bottom for a, b in itertools.pairwise(lines) if b.top > a.bottom and a.column == b.column]
        line_gap: float | None = statistics.median(gaps) if gaps else 0.0
        for i, line in enumerate(lines):
            edges = edges_of[line.column]
            # the first line of a page or of a column follows on like the first line after a page break
            gap = None if i == 0 or lines[i - 1].column != line.column else line_gap
            if prev is None or starts_paragraph(prev[0], prev[1], line, edges, gap):
                paragraphs.append(_Paragraph(page.number, edges, [line]))
            else:
                paragraphs[-1].lines.append(line)
            prev = (line, edges)
    return tuple(_block(p, first_index + i) for i, p in enumerate(paragraphs))


def _block(paragraph: _Paragraph, index: int) -> Block:
    lines = paragraph.lines
    text = ""
    for ln in lines:
        text = _glue(text, ln.text.strip())
    confidence = None
    if all(ln.confidence is not None for ln in lines):  # recognised text: its least sure line, as the PDF reader does
        confidence = round(min(ln.confidence or 0.0 for ln in lines), 4)
    if confidence is not None:  # recognised text: a bracket pair may have been split over two lines
        from .ocr import balance_brackets

        text = balance_brackets(text)
    first = lines[0]
    return Block(
        text=text,
        page=paragraph.page,
        paragraph=index,
        bold=first.bold,
        font_size=round(statistics.median(ln.size for ln in lines), 1),
        centered=len(lines) == 1 and is_centered(first, paragraph.edges),
        ocr=confidence is not None,
        ocr_confidence=confidence,
    )
