"""PDF (pypdfium2): characters to lines to paragraphs, with running headers and page numbers removed.

The chain reads ``page_chars → chars_to_lines → order_columns → strip_running_lines → settle_edges →
lines_to_blocks``. pdfium gives each page's characters once, in bulk where it can (the text in one
call; per character only the box, the text object it came from and whether its font maps it to
Unicode); font cues (size, bold from the font's name or from overprinting) are looked up once per text
object. Ruled tables (found only on pages that draw vertical rules) become ``table_row`` blocks whose
cells are joined by tabs, as the other readers do: the rules come from pdfium's path objects and the
cells from pdfplumber's table geometry, the one thing pdfium lacks. Characters that do not decode to
real text (no Unicode mapping, U+FFFD, private use, control characters) are dropped and reported as a
:class:`~cxzy_nlp.model.Problem`; pages that show something but carry no text layer go to OCR when it
is installed and are reported otherwise.
"""

from __future__ import annotations

import base64
import ctypes
import re
import statistics
import struct
import zlib
from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from itertools import accumulate, pairwise
from typing import TYPE_CHECKING, Any

from ..config import Config
from ..errors import CxzyError, LimitExceeded, MissingDependency, ReadError
from ..model import Block, Problem
from .base import ReaderOutput
from .mojibake import repair_blocks

if TYPE_CHECKING:  # pragma: no cover
    from .ocr import OcrLine

# ---------------------------------------------------------------- characters

# What a character's text must not be: replacement, private use, C0/C1 controls
# (tab, line feed and carriage return are whitespace, not damage).
_UNREADABLE_RE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffd\ue000-\uf8ff]")
# Of those, the glyphs of symbol fonts: Wingdings, Symbol and the like map their codes to U+F020-F0FF, and
# Adobe's Symbol puts the pieces of tall braces and brackets at U+F8E5-F8FF. Bullets, check boxes and
# formula braces: no text is lost with them.
_SYMBOL_GLYPH_RE = re.compile(r"[\uf020-\uf0ff\uf8e5-\uf8ff]")
_CJK_RE = re.compile(r"[\u2e80-\u9fff\uf900-\ufaff\u3000-\u303f\uff00-\uffef]")
_LATIN_END_RE = re.compile(r"[A-Za-z0-9]$")
_LATIN_START_RE = re.compile(r"^[A-Za-z0-9]")
_LATIN_WORD_RE = re.compile(r"[A-Za-z0-9][A-Za-z0-9'’.,;:!?()\-]*")

# Font-name fragments that mean a heavy face (PostScript names and common Chinese faces).
# fmt: off
_BOLD_FONT_PARTS = (
    "bold", "heavy", "black", "semibold", "demibold", "demi", "extrabold", "ultrabold",
    "simhei", "heiti", "stheiti", "hei-", "黑体", "黑", "fzht", "fzdh", "fzxbs", "xiaobiaosong", "小标宋",
)
# fmt: on


def _font_display_name(fontname: str) -> str:
    """Font name without the subset prefix (``ABCDEF+``) and with ``#xx`` escapes decoded (often GBK)."""
    name = fontname.split("+", 1)[1] if re.match(r"^[A-Z]{6}\+", fontname) else fontname
    if "#" in name:
        raw = re.sub(r"#([0-9A-Fa-f]{2})", lambda m: chr(int(m.group(1), 16)), name).encode("latin-1", "replace")
        for encoding in ("gbk", "utf-8"):
            try:
                return raw.decode(encoding)
            except UnicodeDecodeError:
                continue
    return name


def font_is_bold(fontname: str) -> bool:
    """Whether a PDF font name names a bold or heavy face."""
    name = _font_display_name(fontname).lower()
    return any(part in name for part in _BOLD_FONT_PARTS)


def _is_cjk(ch: str) -> bool:
    return bool(_CJK_RE.match(ch))


@dataclass(slots=True)
class Char:
    """One glyph of a page: its text, its box (points, origin top left) and its font cues."""

    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float
    bold: bool


# ---------------------------------------------------------------- lines

FULL_WIDTH = -1  # column id of a line that crosses the gutter of a two-column page


@dataclass(slots=True)
class Line:
    """One visual line of a page (or of one column of it), left to right."""

    text: str
    page: int
    x0: float
    x1: float
    top: float
    bottom: float
    size: float
    bold_chars: int
    chars: int
    column: int = 0
    cell_gaps: int = 0  # gaps of two characters or more inside the line (table cells, tab stops)
    cells: tuple[str, ...] | None = None  # a row of a ruled table: the text of each cell
    confidence: float | None = None  # a line read by OCR: the recogniser's confidence (0..1)

    @property
    def bold(self) -> bool:
        return self.chars > 0 and self.bold_chars * 10 >= self.chars * 9


@dataclass
class PageLayout:
    """The lines of one page in reading order, and the body's left and right edge per column."""

    number: int
    width: float
    height: float
    lines: list[Line]
    edges: dict[int, tuple[float, float]] = field(default_factory=dict)
    sure: bool = True  # edges shared by several lines (not guessed from one ragged line)
    pictured: bool = False  # images or outlined text, at most a few lines of real text
    line_gap: float = 0.0

    def edge(self, line: Line) -> tuple[float, float]:
        return self.edges.get(line.column) or self.edges.get(0) or (0.0, self.width)


@dataclass
class _Damage:
    """Characters dropped because they carry no readable text."""

    dropped: int = 0
    total: int = 0
    pages: list[int] = field(default_factory=list)
    symbols: int = 0  # of the dropped, glyphs of symbol fonts (bullets, check boxes, formula braces)
    lost_pages: list[int] = field(default_factory=list)  # pages where text (not only symbols) was dropped
    symbol_pages: list[int] = field(default_factory=list)


def chars_to_lines(chars: Sequence[Char], page: int, gutter: float | None = None) -> list[Line]:
    """Group a page's characters into lines (by vertical overlap), each sorted left to right.

    With a ``gutter``, a line that does not cross it is cut in two (left and right column).
    """
    lines: list[Line] = []
    for group in _char_rows(chars):
        for column, part in _split_at_gutter(group, gutter):
            line = _make_line(part, page, column)
            if line is not None:
                lines.append(line)
    lines.sort(key=lambda ln: (ln.top, ln.x0))
    return lines


def _char_rows(chars: Sequence[Char]) -> Iterator[list[Char]]:
    """Characters (by vertical middle) that overlap the row's first one by half the smaller height.

    Overlap rather than distance keeps superscripts (footnote marks) in their line.
    """
    current: list[Char] = []
    row_top = row_bottom = row_height = 0.0
    for ch in sorted(chars, key=_char_middle):
        top, bottom = ch.top, ch.bottom
        if current:
            height = bottom - top
            overlap = (bottom if bottom < row_bottom else row_bottom) - (top if top > row_top else row_top)
            if overlap >= 0.5 * max(height if height < row_height else row_height, 0.5):
                current.append(ch)
                continue
            yield current
        current = [ch]
        row_top, row_bottom, row_height = top, bottom, bottom - top
    if current:
        yield current


def _split_at_gutter(row: list[Char], gutter: float | None) -> list[tuple[int, list[Char]]]:
    if gutter is None:
        return [(0, row)]
    if any(c.x0 < gutter < c.x1 for c in row):
        return [(FULL_WIDTH, row)]
    left = [c for c in row if c.x1 <= gutter]
    right = [c for c in row if c.x0 >= gutter]
    return [(i, part) for i, part in ((0, left), (1, right)) if part]


def _char_middle(ch: Char) -> float:
    return (ch.top + ch.bottom) * 0.5


def _char_centre(ch: Char) -> float:
    return (ch.x0 + ch.x1) * 0.5


def _char_x0(ch: Char) -> float:
    return ch.x0


def _make_line(chars: list[Char], page: int, column: int) -> Line | None:
    chars.sort(key=_char_x0)
    parts: list[str] = []
    prev: Char | None = None
    pending_space = 0  # a space between this character and the next: 0 none, _SOFT or _REAL_SPACE
    sizes: dict[float, int] = {}
    bold = count = cell_gaps = 0
    prev_bold = False
    x0 = x1 = top = bottom = 0.0
    for ch in chars:  # the hottest loop of the reader: every character passes here once
        text = ch.text
        if text.isspace():
            if prev is not None:  # a space glyph that takes room, or a zero-width one (pdfium's own, mostly)
                pending = _REAL_SPACE if ch.x1 - ch.x0 > 0.05 * ch.size else _SOFT
                pending_space = pending if pending > pending_space else pending_space
            continue
        if prev is None:
            x0, top, bottom = ch.x0, ch.top, ch.bottom
        else:
            if text == prev.text and _overprinted(prev, ch):
                bold += not prev_bold  # drawn twice, slightly offset: the poor man's bold
                prev_bold = True
                continue
            gap = ch.x0 - prev.x1
            em = (prev.size if prev.size < ch.size else ch.size) or 1.0
            if (pending_space or gap > 0.15 * em) and _needs_space(prev, ch, pending_space):
                parts.append(" ")
                cell_gaps += gap >= 2 * em
            if ch.top < top:
                top = ch.top
            if ch.bottom > bottom:
                bottom = ch.bottom
        pending_space = 0
        parts.append(text)
        x1 = ch.x1
        prev_bold = ch.bold
        bold += prev_bold
        count += 1
        sizes[ch.size] = sizes.get(ch.size, 0) + 1  # sizes come rounded to half a point
        prev = ch
    if prev is None:
        return None
    size = max(sizes, key=sizes.__getitem__)  # the first of the most common, as Counter.most_common
    return Line(_visible_hyphens("".join(parts)), page, x0, x1, top, bottom, size, bold, count, column, cell_gaps)


def _visible_hyphens(text: str) -> str:
    """A soft hyphen (U+00AD) shown inside a line is a printed hyphen; only one ending a line is hyphenation."""
    if "\u00ad" not in text:
        return text
    body, end = (text[:-1], text[-1]) if text.endswith("\u00ad") else (text, "")
    return body.replace("\u00ad", "-") + end


def _overprinted(prev: Char, ch: Char) -> bool:
    """The same glyph drawn again almost on top of the last one (by less than a quarter of its width)."""
    reach = 0.25 * max(ch.x1 - ch.x0, 0.1)
    return ch.x0 - prev.x0 < reach and abs(ch.top - prev.top) < reach


_SOFT, _REAL_SPACE = 1, 2  # a space of no width (generated by pdfium for a gap), one that takes room
_CJK_SPACE_GAP = 0.3  # ems: a space between Chinese characters shows as a gap at least this wide


def _needs_space(prev: Char, ch: Char, pending: int = 0) -> bool:
    """A space between two characters: a space glyph, or a gap wide enough to be a word space or a column gap.

    ``pending`` says what lay between them: a space glyph that takes room (always a space), or one of
    no width, which is mostly pdfium's own space between two text objects: between Chinese characters
    it counts across a gap of a third of an em (a space typed between separately drawn runs), elsewhere
    only the gap decides (pdfium puts one in every autospace gap beside digits and Latin).
    """
    gap = ch.x0 - prev.x1
    size = min(prev.size, ch.size) or 1.0
    cjk_before, cjk_after = _is_cjk(prev.text[-1]), _is_cjk(ch.text[0])
    if cjk_before and cjk_after:
        # letter-spaced labels (填 表 说 明) stay together unless spaces were typed; table cells part
        return pending == _REAL_SPACE or gap > 1.5 * size or (pending > 0 and gap > _CJK_SPACE_GAP * size)
    if pending == _REAL_SPACE:
        return True
    if gap <= 0.15 * size:
        return False
    if cjk_before or cjk_after:
        return gap > 0.5 * size  # typesetters put about a quarter em between 2019 and 年: layout, not a space
    return True


# ---------------------------------------------------------------- ruled tables

Edge = dict[str, Any]  # pdfplumber's edge record: x0, x1, top, bottom, width, height, orientation


def find_ruled_tables(edges: list[Edge]) -> list[Any]:
    """Tables drawn with ruling lines (pdfplumber's table geometry on pdfium's rules), only on pages with vertical rules."""
    if not any(e["orientation"] == "v" for e in edges):
        return []
    from pdfplumber.table import Table, cells_to_tables, edges_to_intersections

    try:
        kept = [e for e in edges if e["height" if e["orientation"] == "v" else "width"] >= 1]
        merged = merge_edges(kept, 3.0)
        merged = [e for e in merged if e["height" if e["orientation"] == "v" else "width"] >= 3]
        cells = intersections_to_cells(edges_to_intersections(merged, 3, 3))
        return [Table(None, group) for group in cells_to_tables(cells) if len(group) >= 2]  # type: ignore[arg-type]  # one cell: a frame; no page: rows and cells only
    except (ValueError, TypeError, ZeroDivisionError):
        return []


def merge_edges(edges: list[Edge], tolerance: float) -> list[Edge]:
    """pdfplumber's ``merge_edges`` (snap to the mean of each cluster of positions, join collinear pieces), lighter.

    Positions within ``tolerance`` of the next one form a cluster and move to the cluster's mean;
    then pieces on one line that overlap or lie within ``tolerance`` of each other become one edge.
    """
    merged: list[Edge] = []
    for orientation, at, lo, hi in (("v", "x0", "top", "bottom"), ("h", "top", "x0", "x1")):
        group = [e for e in edges if e["orientation"] == orientation]
        cluster_of: dict[float, int] = {}
        last = None
        for value in sorted({e[at] for e in group}):
            cluster_of[value] = len(cluster_of) if last is None else cluster_of[last] + (value > last + tolerance)
            last = value
        members: dict[int, list[Edge]] = {}
        for e in group:
            members.setdefault(cluster_of[e[at]], []).append(e)
        pieces: list[tuple[float, float, float]] = []
        for cluster in members.values():
            mean = sum(e[at] for e in cluster) / len(cluster)
            pieces.extend((mean, e[lo], e[hi]) for e in cluster)
        pieces.sort()
        line: list[float] | None = None
        for position, start, end in pieces:
            if line is not None and line[0] == position and start <= line[2] + tolerance:
                line[2] = max(line[2], end)
                continue
            if line is not None:
                merged.append(_line_edge(orientation, *line))
            line = [position, start, end]
        if line is not None:
            merged.append(_line_edge(orientation, *line))
    return merged


def _line_edge(orientation: str, position: float, start: float, end: float) -> Edge:
    if orientation == "v":
        return _edge("v", position, start, position, end)
    return _edge("h", start, position, end, position)


def intersections_to_cells(intersections: dict[tuple[float, float], dict[str, list[Edge]]]) -> list[tuple]:
    """pdfplumber's ``intersections_to_cells`` (the smallest cell at each crossing), indexed: same cells, faster.

    For each crossing, the crossings below it (same x) and to its right (same y) are looked up by
    column and row instead of by scanning every later crossing, and each crossing's edges are kept as sets.
    """
    v_of = {p: {_bbox(e) for e in found["v"]} for p, found in intersections.items()}
    h_of = {p: {_bbox(e) for e in found["h"]} for p, found in intersections.items()}
    by_x: dict[float, list[tuple[float, float]]] = {}
    by_y: dict[float, list[tuple[float, float]]] = {}
    for p in sorted(intersections):
        by_x.setdefault(p[0], []).append(p)
        by_y.setdefault(p[1], []).append(p)

    def connects(p1: tuple[float, float], p2: tuple[float, float]) -> bool:
        if p1[0] == p2[0] and not v_of[p1].isdisjoint(v_of[p2]):
            return True
        return p1[1] == p2[1] and not h_of[p1].isdisjoint(h_of[p2])

    cells = []
    for pt in sorted(intersections):
        below = [p for p in by_x[pt[0]] if p[1] > pt[1]]
        right = [p for p in by_y[pt[1]] if p[0] > pt[0]]
        cell = _smallest_cell(pt, below, right, intersections, connects)
        if cell is not None:
            cells.append(cell)
    return cells


def _smallest_cell(pt: tuple, below: list, right: list, intersections: dict, connects: Any) -> tuple | None:
    for below_pt in below:
        if not connects(pt, below_pt):
            continue
        for right_pt in right:
            if not connects(pt, right_pt):
                continue
            corner = (right_pt[0], below_pt[1])
            if corner in intersections and connects(corner, right_pt) and connects(corner, below_pt):
                return (pt[0], pt[1], corner[0], corner[1])
    return None


def _bbox(edge: Edge) -> tuple[float, float, float, float]:
    return (edge["x0"], edge["top"], edge["x1"], edge["bottom"])


def tables_to_rows(tables: list[Any], chars: list[Char], page: int) -> tuple[list[Line], list[Char]]:
    """One line per table row (cells read top to bottom, joined by tabs) and the characters outside tables."""
    rows: list[Line] = []
    for table in tables:
        inside, chars = _partition(chars, table.bbox)
        inside.sort(key=_char_middle)
        middles = [_char_middle(c) for c in inside]
        for row in table.rows:
            cells = [cell for cell in row.cells if cell is not None]
            if not cells:
                continue
            lo = bisect_left(middles, min(cell[1] for cell in cells))
            hi = bisect_right(middles, max(cell[3] for cell in cells))
            line = _row_to_line(row, inside[lo:hi], page)
            if line is not None:
                rows.append(line)
    return rows, chars


def _partition(chars: list[Char], bbox: tuple[float, float, float, float]) -> tuple[list[Char], list[Char]]:
    x0, top, x1, bottom = bbox
    inside: list[Char] = []
    outside: list[Char] = []
    for c in chars:
        cx, cy = (c.x0 + c.x1) * 0.5, (c.top + c.bottom) * 0.5
        (inside if x0 <= cx <= x1 and top <= cy <= bottom else outside).append(c)
    return inside, outside


def _row_to_line(row: Any, chars: list[Char], page: int) -> Line | None:
    texts: list[str] = []
    lines: list[Line] = []
    chars = sorted(chars, key=_char_centre)
    centres = [_char_centre(c) for c in chars]
    for bbox in row.cells:
        if bbox is None:  # covered by a merged cell that starts in an earlier row or column
            continue
        lo, hi = bisect_left(centres, bbox[0]), bisect_right(centres, bbox[2])
        cell_chars, _ = _partition(chars[lo:hi], bbox)
        cell_lines = chars_to_lines(cell_chars, page)
        texts.append(_cell_text(cell_lines))
        lines.extend(cell_lines)
    if not lines:
        return None
    x0, top, x1, bottom = row.bbox
    count = sum(ln.chars for ln in lines)
    size = Counter({ln.size: ln.chars for ln in lines}).most_common(1)[0][0]
    bold = sum(ln.bold_chars for ln in lines)
    return Line("\t".join(texts), page, x0, x1, top, bottom, size, bold, count, cells=tuple(texts))


CELL_PARAGRAPH_ROOM = 2.0  # characters of room a cell's line leaves before its right edge when a paragraph ends there


def _cell_text(lines: list[Line]) -> str:
    """A cell's lines as one text: wrapped lines re-joined, a space before numbered items and between the
    cell's paragraphs (as the Word readers join a cell's paragraphs): a line that stops short of the cell's
    text edge ends one, and so does a line after which the next is indented."""
    if not lines:
        return ""
    right = max(ln.x1 for ln in lines)
    left = min(ln.x0 for ln in lines)
    out = ""
    prev: Line | None = None
    for ln in lines:
        ends = prev is not None and (
            right - prev.x1 > CELL_PARAGRAPH_ROOM * (prev.size or 1.0) or ln.x0 - left >= 1.2 * (ln.size or 1.0)
        )
        out = f"{out} {ln.text}" if out and (ends or _MARKER_RE.match(ln.text)) else _glue(out, ln.text)
        prev = ln
    return out


# ---------------------------------------------------------------- page geometry


def measure_page(layout: PageLayout) -> PageLayout:
    """Fill in each column's left and right edges and the usual gap between lines."""
    by_column: dict[int, list[Line]] = {}
    for ln in layout.lines:
        if ln.chars >= 4 and ln.cells is None:
            by_column.setdefault(ln.column, []).append(ln)
    for column, lines in by_column.items():
        left = _shared_extreme([ln.x0 for ln in lines], lowest=True)
        right = _shared_extreme([ln.x1 for ln in lines], lowest=False)
        left = min(ln.x0 for ln in lines) if left is None else left
        if column == 0 and 1 not in by_column and (right or 0.0) < layout.width * 0.9 - left:
            right = None  # no shared edge, or one far short of the page: short lines that happen to align
        layout.sure &= right is not None
        if right is None:  # assume a right margin about as wide as the left one
            right = max(max(ln.x1 for ln in lines), layout.width - left)
        layout.edges[column] = (left, right)
    layout.sure &= bool(layout.edges)
    if 0 in layout.edges and 1 in layout.edges:
        layout.edges[FULL_WIDTH] = (layout.edges[0][0], layout.edges[1][1])
    gaps = [
        b.top - a.bottom
        for a, b in pairwise(layout.lines)
        if b.top >= a.bottom and a.column == b.column and a.cells is None and b.cells is None
    ]
    layout.line_gap = sorted(gaps)[len(gaps) // 4] if gaps else 0.0  # lower quartile: paragraph spacing left out
    return layout


def _shared_extreme(values: list[float], *, lowest: bool, support: int = 3) -> float | None:
    """The lowest (or highest) position that ``support`` lines share within 2 pt, if any."""
    ordered = sorted(values, reverse=not lowest)
    for i in range(len(ordered) - support + 1):
        if abs(ordered[i + support - 1] - ordered[i]) <= 2.0:
            return ordered[i]
    return None


def settle_edges(pages: list[PageLayout]) -> list[PageLayout]:
    """Give pages too sparse to show their own margins the edges most pages of the file share."""
    seen: Counter[tuple[tuple[int, float, float], ...]] = Counter()
    for layout in pages:
        if layout.sure:
            seen[tuple(sorted((c, round(lo), round(hi)) for c, (lo, hi) in layout.edges.items()))] += 1
    if not seen:
        return pages
    usual = {c: (float(left), float(right)) for c, left, right in seen.most_common(1)[0][0]}
    for layout in pages:
        if not layout.sure:
            layout.edges = dict(usual)
    return pages


# ---------------------------------------------------------------- two columns


def find_gutter(chars: Sequence[Char], width: float) -> float | None:
    """The x of an empty vertical strip in the middle of a page set in two columns of running text.

    Character coverage is counted per point of width; the gutter is the least covered point
    of the middle band, accepted when few characters cross it and both sides hold many.
    A sample of one character in eight rules out most single-column pages cheaply.
    """
    if len(chars) < 200 or width < 100:
        return None
    if _gutter_in(chars[::8], width) is None:
        return None
    best = _gutter_in(chars, width)
    if best is None:
        return None
    left = sum(1 for c in chars if c.x1 <= best)
    return None if min(left, len(chars) - left) * 4 < len(chars) else float(best)


def _gutter_in(chars: Sequence[Char], width: float) -> int | None:
    cover = [0] * (int(width) + 2)
    last = len(cover) - 1
    for c in chars:
        start, end = int(c.x0), int(c.x1)
        cover[start if 0 <= start <= last else (0 if start < 0 else last)] += 1
        cover[end if 0 <= end <= last else (0 if end < 0 else last)] -= 1
    cover = list(accumulate(cover))
    best = _widest_low_point(cover, int(width * 0.3), int(width * 0.7))
    body = sorted(cover[int(width * 0.1) : int(width * 0.9)])
    return None if cover[best] * 8 > body[len(body) * 3 // 4] else best


def _widest_low_point(cover: list[int], lo: int, hi: int) -> int:
    """The middle of the widest run of least-covered points between ``lo`` and ``hi``."""
    least = min(cover[lo:hi])
    best_start, best_len, start = lo, 0, None
    for x in range(lo, hi + 1):
        if x < hi and cover[x] == least:
            start = x if start is None else start
        elif start is not None:
            if x - start > best_len:
                best_start, best_len = start, x - start
            start = None
    return best_start + best_len // 2


def _reads_as_columns(lines: list[Line]) -> bool:
    """Both columns hold several lines of running text, not form fields or table cells."""
    for column in (0, 1):
        lengths = sorted(ln.chars for ln in lines if ln.column == column)
        if len(lengths) < 5 or lengths[len(lengths) // 2] < 8:
            return False
    return True


def order_columns(lines: list[Line]) -> list[Line]:
    """Reading order on a two-column page: full-width lines cut the page into bands; left then right."""
    ordered: list[Line] = []
    band: dict[int, list[Line]] = {0: [], 1: []}
    for ln in lines:
        if ln.column == FULL_WIDTH:
            ordered.extend(band[0] + band[1])
            band = {0: [], 1: []}
            ordered.append(ln)
        else:
            band[ln.column].append(ln)
    ordered.extend(band[0] + band[1])
    return ordered


# ---------------------------------------------------------------- running headers, footers, page numbers

_PAGE_NUMBER_RES = tuple(
    re.compile(p)
    for p in (
        r"^[-—–―－~～·•]+\d{1,4}[-—–―－~～·•]+$",  # — 1 —   - 1 -   -1-
        r"^第\d{1,4}页(?:[,，/／]?共\d{1,4}页)?$",  # 第1页 共10页   第 1 页
        r"^共\d{1,4}页[,，]?第\d{1,4}页$",
        r"^\d{1,4}/\d{1,4}$",  # 1/10
        r"^(?:page|p\.?)\d{1,4}(?:(?:of|/)\d{1,4})?$",
        r"^[-—–―－]?(?=[ivxl])(?:xl|l?x{0,3})(?:ix|iv|v?i{0,3})[-—–―－]?$",  # roman front-matter numbers (i to xlix)
    )
)
_BARE_NUMBER_RE = re.compile(r"^\d{1,4}$")
_MARGIN_SHARE = 0.15  # top and bottom share of the page where headers, footers and page numbers live
_EDGE_LINES = 2  # how many lines at each end of a page may be header or footer


def _squeeze(text: str) -> str:
    return re.sub(r"\s+", "", text).lower()


def is_page_number(line: Line, height: float) -> bool:
    """Whether a line at a page edge is only a page number (``— 1 —``, ``第1页 共N页``, ``3``)."""
    text = _squeeze(line.text)
    if any(p.match(text) for p in _PAGE_NUMBER_RES):
        return True
    in_margin = line.bottom >= height * (1 - _MARGIN_SHARE) or line.top <= height * _MARGIN_SHARE
    return in_margin and bool(_BARE_NUMBER_RE.match(text))


def _edge_lines(layout: PageLayout) -> Iterator[tuple[str, int, Line]]:
    """(zone, index, line) for the first and last lines of a page that lie in its margins."""
    lines = layout.lines
    for i, ln in enumerate(lines[:_EDGE_LINES]):
        if ln.top <= layout.height * _MARGIN_SHARE and ln.cells is None:
            yield "top", i, ln
    start = max(len(lines) - _EDGE_LINES, _EDGE_LINES if len(lines) > _EDGE_LINES else 0)
    for i in range(start, len(lines)):
        ln = lines[i]
        if ln.bottom >= layout.height * (1 - _MARGIN_SHARE) and ln.cells is None:
            yield "bottom", i, ln


def running_keys(pages: list[PageLayout]) -> set[tuple[str, str]]:
    """The lines repeated at the same page edge on several pages (running headers and footers).

    Digits are masked when comparing, so ``第3页`` and ``第4页`` count as the same footer.
    A line at the top of only one page (a real heading) is not one, nor is a line set
    larger than the body text (the title of a form repeated on every page).
    """
    body = body_size(pages)
    seen: dict[tuple[str, str], list[tuple[int, float]]] = {}
    for p, layout in enumerate(pages):
        for zone, _, ln in _edge_lines(layout):
            if ln.size <= body + 0.5:
                seen.setdefault(_running_key(zone, ln), []).append((p, ln.top))
    return {key for key, hits in seen.items() if _repeats(hits, len(pages))}


def strip_running_lines(pages: list[PageLayout], running: set[tuple[str, str]] | None = None) -> list[PageLayout]:
    """Drop page numbers and running lines (:func:`running_keys`, or those given) at the page edges."""
    running = running_keys(pages) if running is None else running
    for layout in pages:
        drop = {
            i
            for zone, i, ln in _edge_lines(layout)
            if is_page_number(ln, layout.height) or _running_key(zone, ln) in running
        }
        if drop:
            layout.lines = [ln for i, ln in enumerate(layout.lines) if i not in drop]
    return pages


def body_size(pages: list[PageLayout]) -> float:
    """The font size most characters of the file are set in."""
    sizes: Counter[float] = Counter()
    for layout in pages:
        for ln in layout.lines:
            sizes[ln.size] += ln.chars
    return sizes.most_common(1)[0][0] if sizes else 0.0


def _running_key(zone: str, line: Line) -> tuple[str, str]:
    return zone, re.sub(r"\d+", "#", _squeeze(line.text))


def _repeats(hits: list[tuple[int, float]], n_pages: int) -> bool:
    """Seen on at least two pages (and a third of them) at about the same height."""
    pages = {p for p, _ in hits}
    if len(pages) < 2 or len(pages) * 3 < n_pages:
        return False
    middle = statistics.median(top for _, top in hits)
    aligned = {p for p, top in hits if abs(top - middle) <= 6.0}
    return len(aligned) >= 2 and len(aligned) * 3 >= n_pages


# ---------------------------------------------------------------- paragraphs

# Numbering that opens a new paragraph: 一、 （一） 1. 1、 (1) ① 第一章 第一条 附件, bullets and check boxes
_MARKER_RE = re.compile(
    r"^\s*(?:[一二三四五六七八九十百]+[、.．]|[（(][一二三四五六七八九十百\d]+[）)]|\d+(?:[.．]\d+)*[、.．)）](?!\d)|"
    r"第[一二三四五六七八九十百\d]+[章节条部分篇]|[①-⑳]|[-·]\s|[•●○◎■□☑◆◇▪▶►➢★☆⚫√✓]|附件\s*\d*[:：]?$)"
)
_TERMINAL = tuple("。！？；：…”’）)」』】!?;:")


@dataclass
class _Paragraph:
    lines: list[Line]
    layout: PageLayout


def _is_centered(line: Line, layout: PageLayout) -> bool:
    left, right = layout.edge(line)
    width = right - left
    if width <= 0 or line.x0 - left < line.size:  # a line that starts at the margin is not centered
        return False
    return abs((line.x0 + line.x1) / 2 - (left + right) / 2) <= max(0.02 * width, 0.75 * line.size)


def _evenly_placed(line: Line, layout: PageLayout) -> bool:
    """As much room on the left as on the right (within a character): centered, or filling the line."""
    left, right = layout.edge(line)
    return abs((line.x0 - left) - (right - line.x1)) <= line.size


def _centered_wrap(prev: Line, layout: PageLayout, line: Line) -> bool:
    """``prev`` is a full, evenly placed line of a centered title that wraps onto ``line``."""
    left = layout.edge(prev)[0]
    return (
        _evenly_placed(prev, layout)
        and (prev.x0 - left) <= 1.5 * prev.size
        and prev.size == line.size
        and not prev.text.endswith(_TERMINAL)
    )


def _room_left(line: Line, layout: PageLayout) -> float:
    """How many characters of room a line leaves before the right edge."""
    return (layout.edge(line)[1] - line.x1) / (line.size or 1.0)


def _first_word_em(text: str) -> float:
    """Rough width in ems of what would have had to fit on the line before: a Latin word or one character."""
    word = _LATIN_WORD_RE.match(text)
    return len(word.group(0)) * 0.6 + 0.3 if word else 1.0


OCR_SIZE_TOLERANCE = 0.2  # recognised boxes of one font size differ in height by a few pixels (ascenders, 「」)


def _size_tolerance(prev: Line, line: Line) -> float:
    """How far two lines' sizes may differ in one paragraph: ¾ point in a text layer; a fifth of the size
    between two recognised lines, whose size is their box's height."""
    if prev.confidence is not None and line.confidence is not None:
        return max(0.75, OCR_SIZE_TOLERANCE * min(prev.size, line.size))
    return 0.75


def starts_paragraph(prev: Line, prev_layout: PageLayout, line: Line, layout: PageLayout) -> bool:
    """Whether ``line`` opens a new paragraph after ``prev`` (font, indent, marker, short line, gap)."""
    if abs(prev.size - line.size) > _size_tolerance(prev, line) or prev.bold != line.bold:
        return True
    if prev.cells is not None or line.cells is not None:  # a ruled table row stands alone
        return True
    if (prev.confidence is None) != (line.confidence is None):  # text layer and OCR do not share a paragraph
        return True
    if _MARKER_RE.match(line.text) or prev.cell_gaps or line.cell_gaps:  # numbering; unruled table rows
        return True
    if _is_centered(line, layout) and _centered_wrap(prev, prev_layout, line):
        return False
    if line.x0 - layout.edge(line)[0] >= 1.2 * line.size:  # 首行缩进 two characters (or centered)
        return True
    if _is_centered(prev, prev_layout) or _is_centered(line, layout):
        return True
    room = _room_left(prev, prev_layout)
    if room > _first_word_em(line.text) + 0.5 or (room > 0.5 and prev.text.endswith(_TERMINAL)):
        return True
    if prev.page == line.page and prev.column == line.column:
        gap = line.top - prev.bottom
        if gap > layout.line_gap + 0.6 * line.size and not _ocr_wrap(prev, line, room):
            return True
    return False


def _ocr_wrap(prev: Line, line: Line, room: float) -> bool:
    """Two recognised lines where the first fills the line and stops mid-sentence: a wrap, however wide the
    gap between their boxes (a page set with wide line spacing, its gap measured among a table's tight rows)."""
    return (
        prev.confidence is not None
        and line.confidence is not None
        and room <= 1.0
        and not prev.text.endswith(_TERMINAL)
    )


def _glue(left: str, right: str) -> str:
    """Two pieces of a wrapped text: nothing between Chinese characters, a space between Latin words."""
    if left and _LATIN_END_RE.search(left) and _LATIN_START_RE.match(right):
        return f"{left} {right}"
    return left + right


def join_lines(lines: Iterable[Line]) -> str:
    """Join the wrapped lines of one paragraph."""
    out = ""
    for ln in lines:
        out = _glue(out, ln.text)
    return out


def lines_to_blocks(pages: list[PageLayout]) -> tuple[Block, ...]:
    """Group the lines of all pages into paragraph blocks; a paragraph may cross a page break."""
    paragraphs: list[_Paragraph] = []
    prev: Line | None = None
    prev_layout: PageLayout | None = None
    for layout in pages:
        for line in layout.lines:
            if prev is None or prev_layout is None or starts_paragraph(prev, prev_layout, line, layout):
                paragraphs.append(_Paragraph([line], layout))
            else:
                paragraphs[-1].lines.append(line)
            prev, prev_layout = line, layout
    return tuple(_paragraph_to_block(p, i) for i, p in enumerate(paragraphs))


def _paragraph_to_block(paragraph: _Paragraph, index: int) -> Block:
    lines = paragraph.lines
    sizes: Counter[float] = Counter()
    for ln in lines:
        sizes[ln.size] += ln.chars
    chars = sum(ln.chars for ln in lines)
    bold_chars = sum(ln.bold_chars for ln in lines)
    ocr = lines[0].confidence is not None
    return Block(
        text=join_lines(lines),
        kind="table_row" if lines[0].cells is not None else "paragraph",
        page=lines[0].page,
        paragraph=index,
        bold=None if ocr else chars > 0 and bold_chars * 10 >= chars * 9,
        font_size=sizes.most_common(1)[0][0],
        centered=None
        if lines[0].cells is not None
        else _is_centered(lines[-1], paragraph.layout)
        and all(_evenly_placed(ln, paragraph.layout) for ln in lines if ln.page == lines[0].page),
        ocr=ocr,
        ocr_confidence=min(ln.confidence or 0.0 for ln in lines) if ocr else None,
    )


# Deflate's largest expansion: a 258-byte copy coded in two bits (RFC 1951), 1032 bytes out per byte in.
_MAX_INFLATION = 1032


def check_inflation(data: bytes, config: Config) -> None:
    """Bound what Flate streams inflate to before pdfium inflates them (it sets no limit of its own).

    Image streams are skipped: text extraction never decodes them. A stream inflates to at most
    ``_MAX_INFLATION`` times its length, so only the streams that bound cannot clear are inflated to be
    measured, the largest first: a file whose streams are all short is not inflated at all. The file is
    refused exactly when inflating every stream would pass the limit.
    """
    budget = config.max_inflated_bytes
    streams: list[tuple[int, int, int, bool]] = []  # (most it may inflate to, start, end, ASCII85-encoded)
    for start, body in _streams(data):
        header = data[max(0, start - 4096) : start].rsplit(b"obj", 1)[-1]
        if not _FLATE_RE.search(header) or _IMAGE_RE.search(header):
            continue
        end = data.find(b"endstream", body)
        end = len(data) if end < 0 else end
        ascii85 = bool(_A85_RE.search(header))  # ASCII85's ``z`` stands for four bytes
        streams.append(((end - body) * _MAX_INFLATION * (4 if ascii85 else 1), body, end, ascii85))
    streams.sort(key=lambda s: -s[0])  # the largest bound first (stable: equal ones in file order)
    unmeasured = sum(s[0] for s in streams)  # what the streams not yet inflated may inflate to
    total = 0
    for most, body, end, ascii85 in streams:
        if total + unmeasured <= budget:
            return
        unmeasured -= most
        raw = _ascii85(data[body:end]) if ascii85 else data[body:end]
        total += _inflated_size(raw, budget - total + 1)
        if total > budget:
            raise LimitExceeded(f"PDF 数据流解压后超过 {budget} 字节上限（疑似压缩炸弹），已停止读取", code="too-large")


def _streams(data: bytes) -> Iterator[tuple[int, int]]:
    """(keyword offset, data offset) of every ``stream`` keyword followed by a line end (not ``endstream``).

    A plain byte search (a regular expression over megabytes of compressed data costs more than inflating it).
    """
    at = data.find(b"stream")
    while at >= 0:
        after = at + 6
        if data[at - 3 : at] != b"end" or at < 3:
            if data[after : after + 1] == b"\n":
                yield at, after + 1
            elif data[after : after + 2] == b"\r\n":
                yield at, after + 2
        at = data.find(b"stream", after)


_FLATE_RE = re.compile(rb"/(?:FlateDecode|Fl)\b")
_IMAGE_RE = re.compile(rb"/Subtype\s*/Image\b")
_A85_RE = re.compile(rb"/(?:ASCII85Decode|A85)\b")


def _ascii85(raw: bytes) -> bytes:
    body = re.sub(rb"\s+", b"", raw)
    body = body[2:] if body.startswith(b"<~") else body
    body = body.split(b"~>", 1)[0]
    try:
        return base64.a85decode(body)
    except ValueError:
        return b""


def _inflated_size(raw: bytes, cap: int) -> int:
    inflater = zlib.decompressobj()
    size = 0
    chunk = raw
    try:
        while chunk and size <= cap:
            out = inflater.decompress(chunk, 1 << 20)
            size += len(out)
            chunk = inflater.unconsumed_tail
            if inflater.eof or not out:
                break
    except zlib.error:
        return size
    return size


# ---------------------------------------------------------------- pdfium: opening the file


def _open_pdf(data: bytes) -> Any:
    import pypdfium2 as pdfium

    try:
        return pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        raise unreadable_file(data, exc) from None


def unreadable_file(data: bytes, exc: BaseException) -> ReadError:
    """The ReadError for a file pdfium could not open: encrypted, truncated or corrupt."""
    import pypdfium2.raw as pdfium_c

    reason = f"{type(exc).__name__}: {exc}"[:200]
    if getattr(exc, "err_code", None) in (pdfium_c.FPDF_ERR_PASSWORD, pdfium_c.FPDF_ERR_SECURITY):
        return ReadError("PDF 已加密（设有打开密码），无法读取；请提交未加密的版本", code="encrypted", detail=reason)
    if b"%%EOF" not in data[-2048:]:
        return ReadError("PDF 文件不完整（被截断，缺少文件尾），无法读取", code="truncated", detail=reason)
    return ReadError("PDF 文件已损坏或格式错误，无法读取", code="corrupt", detail=reason)


def _no_pages(data: bytes) -> ReadError:
    """A file pdfium opens but finds no page in: an empty or cyclic page tree, or pages lost to damage."""
    if b"%%EOF" not in data[-2048:]:
        return ReadError("PDF 文件不完整（被截断，缺少文件尾），找不到任何页面", code="truncated")
    return ReadError("PDF 文件中找不到任何页面（页面树为空、循环引用或已损坏），无法读取", code="corrupt")


# Metadata titles that name a file, a program's default or a form label rather than the document.
_NOT_A_TITLE_RE = re.compile(r"(?i)^(microsoft word|untitled$|无标题|附件|文档\d*$)|\.(docx?|wps|pdf)$|[:：]$")


def _metadata_title(pdf: Any) -> str | None:
    """The document title from the PDF metadata, unless it is a file name or a default."""
    try:
        title = pdf.get_metadata_value("Title")
    except Exception:  # pdfium: a damaged Info dictionary is no reason to lose the text
        return None
    title = re.sub(r"\s+", " ", title).strip() if isinstance(title, str) else ""
    title = _hex_string(title)
    return None if not title or _NOT_A_TITLE_RE.search(title) else title


_HEX_STRING = re.compile(r"<((?:[0-9A-Fa-f]{2})+)>")


def _hex_string(title: str) -> str:
    """A title handed over as a PDF hex string (``<4D6963…>``: the bytes of a GBK or UTF-16 title), decoded."""
    m = _HEX_STRING.fullmatch(title)
    if m is None:
        return title
    raw = bytes.fromhex(m.group(1))
    for codec in ("utf-16", "utf-8", "gb18030") if raw[:2] in (b"\xfe\xff", b"\xff\xfe") else ("utf-8", "gb18030"):
        try:
            return raw.decode(codec).strip()
        except UnicodeDecodeError:
            continue
    return ""


# ---------------------------------------------------------------- pdfium: a page's characters


class _Pdfium:
    """pdfium's C functions used per character, bound once.

    Those that return a handle are bound a second time to return the address as an int
    (the handle's identity), which pypdfium2's own bindings do not give cheaply. Those called per
    character or per text object are bound without argument types (``unconverted``): ctypes then
    passes ctypes pointers and Python ints as they are instead of converting each argument.
    """

    def __init__(self) -> None:
        import pypdfium2.raw as c
        from pypdfium2_raw.bindings import _libs

        lib = _libs["pdfium"]
        self.c = c
        self.font_name = lib["FPDFFont_GetBaseFontName"]  # a fresh function pointer: pypdfium2's is left alone
        self.font_name.argtypes = [ctypes.c_void_p, ctypes.c_char_p, ctypes.c_size_t]
        self.font_name.restype = ctypes.c_size_t
        self.form_object = lib["FPDFFormObj_GetObject"]
        self.form_object.argtypes = [ctypes.c_void_p, ctypes.c_ulong]
        self.form_object.restype = ctypes.c_void_p
        self.map_error = lib["FPDFText_HasUnicodeMapError"]
        self.map_error.argtypes = [ctypes.c_void_p, ctypes.c_int]
        self.map_error.restype = ctypes.c_int
        self.size = ctypes.c_float()  # out-parameters reused by the calls above
        self.size_ref = ctypes.byref(self.size)
        self.matrix = (ctypes.c_float * 6)()  # FS_MATRIX: a, b, c, d, e, f
        self.matrix_ref = ctypes.byref(self.matrix)
        self.path_segment = lib["FPDFPath_GetPathSegment"]
        self.path_segment.argtypes = [ctypes.c_void_p, ctypes.c_int]
        self.path_segment.restype = ctypes.c_void_p

        def on_address(name: str) -> Any:  # pdfium's function, taking the handle as an address
            function = lib[name]
            function.argtypes = [ctypes.c_void_p, *getattr(c, name).argtypes[1:]]
            function.restype = getattr(c, name).restype
            return function

        self.FPDFPage_CountObjects = on_address("FPDFPage_CountObjects")
        self.FPDFFormObj_CountObjects = on_address("FPDFFormObj_CountObjects")
        self.FPDFPageObj_GetType = on_address("FPDFPageObj_GetType")
        self.FPDFPageObj_GetMatrix = on_address("FPDFPageObj_GetMatrix")
        self.FPDFPageObj_GetMatrix.argtypes = [ctypes.c_void_p, ctypes.c_void_p]  # into ``matrix`` below
        self.FPDFPath_CountSegments = on_address("FPDFPath_CountSegments")
        self.FPDFPathSegment_GetPoint = on_address("FPDFPathSegment_GetPoint")
        self.FPDFPathSegment_GetType = on_address("FPDFPathSegment_GetType")
        self.FPDFPathSegment_GetClose = on_address("FPDFPathSegment_GetClose")

        def unconverted(name: str, restype: Any) -> Any:
            # pdfium's function called as it is, without ctypes converting each argument (a third to half of
            # a call's cost, paid per character): handles go in as ctypes pointers, indexes as Python ints (C int)
            function = lib[name]
            function.restype = restype
            return function

        self.char_object = unconverted("FPDFText_GetTextObject", ctypes.c_void_p)  # (text page, index) → address
        self.char_box = unconverted("FPDFText_GetLooseCharBox", ctypes.c_int)  # (text page, index, FS_RECTF*)
        self.char_generated = unconverted("FPDFText_IsGenerated", ctypes.c_int)  # (text page, index)
        self.char_matrix = unconverted("FPDFText_GetMatrix", ctypes.c_int)  # (text page, index, FS_MATRIX*)
        self.object_at = unconverted("FPDFPage_GetObject", ctypes.c_void_p)  # (page, index) → address
        self.object_font = unconverted("FPDFTextObj_GetFont", ctypes.c_void_p)  # (object) → address
        self.object_font_size = unconverted("FPDFTextObj_GetFontSize", ctypes.c_int)  # (object, float*)
        self.object_matrix = unconverted("FPDFPageObj_GetMatrix", ctypes.c_int)  # (object, FS_MATRIX*)
        self.object_bounds = unconverted("FPDFPageObj_GetBounds", ctypes.c_int)  # (object, 4 × float*)
        self.box = (ctypes.c_float * 6)()  # out-parameter of the unconverted calls per object: matrices, bounds
        self.box_ref = ctypes.byref(self.box)
        self.box_refs = tuple(ctypes.byref(self.box, 4 * k) for k in range(4))  # left, bottom, right, top


_FLOATS_4 = struct.Struct("4f").unpack_from  # a ctypes float array as Python floats (faster than slicing it)
_FLOATS_6 = struct.Struct("6f").unpack_from


_PDFIUM: _Pdfium | None = None


def _pdfium() -> _Pdfium:
    global _PDFIUM
    if _PDFIUM is None:
        _PDFIUM = _Pdfium()
    return _PDFIUM


def _font_name(api: _Pdfium, font: int | None) -> str:
    """The base font name of a pdfium font handle ("" when there is none)."""
    if not font:
        return ""
    buffer = ctypes.create_string_buffer(256)
    size = api.font_name(font, buffer, 256)
    return _decode_font_name(buffer.raw[: max(size - 1, 0)])


def _decode_font_name(name: bytes) -> str:
    for encoding in ("utf-8", "gbk"):
        try:
            return name.decode(encoding)
        except UnicodeDecodeError:
            continue
    return name.decode("latin-1")


_SURROGATE_RE = re.compile("[\ud800-\udfff]")


def _page_text(api: _Pdfium, textpage: Any, count: int) -> str:
    """The text of every character of a text page, one character per index (bulk where pdfium allows it)."""
    c = api.c
    buffer = ctypes.create_string_buffer(2 * (count + 1))
    c.FPDFText_GetText(textpage, 0, count, ctypes.cast(buffer, ctypes.POINTER(ctypes.c_ushort)))
    text = buffer.raw[: 2 * count].decode("utf-16-le", "surrogatepass")
    if len(text) == count and not _SURROGATE_RE.search(text):
        return text.replace("\ufffe", "-")  # pdfium's mark for a hyphen ending a line
    # Characters outside the BMP come as surrogate pairs: ask for each one
    return "".join(chr(c.FPDFText_GetUnicode(textpage, i)) for i in range(count)).replace("\ufffe", "-")


@dataclass
class _PageObjects:
    """What a page draws besides text: ruling edges, images, curves, and its text objects' boxes."""

    edges: list[Edge] = field(default_factory=list)
    images: int = 0
    curves: int = 0
    texts: list[int] = field(default_factory=list)  # text objects drawn on the page itself


_MAX_SEGMENTS = 20_000  # path segments read per page for ruling lines (a map or a chart draws more)
_MAX_FORM_DEPTH = 8


def page_objects(api: _Pdfium, page: Any, top: float, left: float) -> _PageObjects:
    """Walk a page's objects (into form XObjects) for ruling edges, images, curves and text boxes."""
    found = _PageObjects()
    handle = page.raw
    count = api.FPDFPage_CountObjects(handle)
    budget = [_MAX_SEGMENTS]
    object_at = api.object_at
    _walk_objects(api, [object_at(handle, i) for i in range(count)], _IDENTITY, 0, top, left, found, budget)
    return found


_IDENTITY = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)
_TEXT, _PATH, _IMAGE, _FORM = 1, 2, 3, 5
_BEZIER, _CLOSE_NONE = 1, 0


def _object_matrix(api: _Pdfium, obj: int) -> tuple[float, ...]:
    api.FPDFPageObj_GetMatrix(obj, api.matrix_ref)
    return _FLOATS_6(api.matrix)


def _compose(inner: tuple[float, ...], outer: tuple[float, ...]) -> tuple[float, ...]:
    a, b, c, d, e, f = inner
    A, B, C, D, E, F = outer
    return (a * A + b * C, a * B + b * D, c * A + d * C, c * B + d * D, e * A + f * C + E, e * B + f * D + F)


def _walk_objects(
    api: _Pdfium,
    objects: list[int],
    outer: tuple[float, ...],
    depth: int,
    top: float,
    left: float,
    found: _PageObjects,
    budget: list[int],
) -> None:
    get_type, text = api.FPDFPageObj_GetType, found.texts.append
    for obj in objects:
        if not obj:
            continue
        kind = get_type(obj)
        if kind == _TEXT:
            text(obj)
        elif kind == _IMAGE:
            found.images += 1
        elif kind == _PATH:
            _path_edges(api, obj, outer, top, left, found, budget)
        elif kind == _FORM and depth < _MAX_FORM_DEPTH:
            inner = _compose(_object_matrix(api, obj), outer)
            n = api.FPDFFormObj_CountObjects(obj)
            children = [api.form_object(obj, i) for i in range(max(n, 0))]
            _walk_objects(api, children, inner, depth + 1, top, left, found, budget)


def _path_edges(
    api: _Pdfium, obj: int, outer: tuple[float, ...], top: float, left: float, found: _PageObjects, budget: list[int]
) -> None:
    """The horizontal and vertical line segments of one path, as pdfplumber edges (origin top left).

    A path no more than 2 pt thick is one rule (its bounds say where) and its segments are not read.
    """
    x0, y0, x1, y1 = _transform_box(_bounds(api, obj), outer)
    width, height = x1 - x0, y1 - y0
    if width < 2 or height < 2:
        if width < 2 <= height:
            middle = (x0 + x1) / 2 - left
            found.edges.append(_edge("v", middle, top - y1, middle, top - y0))
        elif height < 2 <= width:
            middle = top - (y0 + y1) / 2
            found.edges.append(_edge("h", x0 - left, middle, x1 - left, middle))
        return
    n = api.FPDFPath_CountSegments(obj)
    if n <= 0 or budget[0] <= 0:
        return
    budget[0] -= n
    a, b, c, d, e, f = _compose(_object_matrix(api, obj), outer)
    x, y = ctypes.c_float(), ctypes.c_float()
    points: list[tuple[float, float, bool]] = []  # (x, y, starts a subpath)
    curved = False
    start: tuple[float, float] | None = None
    for i in range(min(n, budget[0] + n)):
        segment = api.path_segment(obj, i)
        kind = api.FPDFPathSegment_GetType(segment)
        api.FPDFPathSegment_GetPoint(segment, x, y)
        px, py = a * x.value + c * y.value + e - left, top - (b * x.value + d * y.value + f)
        curved |= kind == _BEZIER
        moved = kind == 2  # FPDF_SEGMENT_MOVETO
        points.append((px, py, moved))
        if moved:
            start = (px, py)
        elif api.FPDFPathSegment_GetClose(segment) and start is not None:
            points.append((start[0], start[1], False))
    found.curves += curved
    for (x0, y0, _), (x1, y1, moved) in pairwise(points):
        if moved:
            continue
        if abs(x0 - x1) < 0.1:
            found.edges.append(_edge("v", x0, min(y0, y1), x0, max(y0, y1)))
        elif abs(y0 - y1) < 0.1:
            found.edges.append(_edge("h", min(x0, x1), y0, max(x0, x1), y0))


def _transform_box(box: tuple[float, float, float, float], m: tuple[float, ...]) -> tuple[float, float, float, float]:
    if m == _IDENTITY:
        return box
    a, b, c, d, e, f = m
    xs, ys = [], []
    for x, y in ((box[0], box[1]), (box[0], box[3]), (box[2], box[1]), (box[2], box[3])):
        xs.append(a * x + c * y + e)
        ys.append(b * x + d * y + f)
    return min(xs), min(ys), max(xs), max(ys)


def _edge(orientation: str, x0: float, top: float, x1: float, bottom: float) -> Edge:
    return {
        "x0": x0,
        "x1": x1,
        "top": top,
        "bottom": bottom,
        "width": x1 - x0,
        "height": bottom - top,
        "orientation": orientation,
        "object_type": "edge",
    }


def page_chars(
    api: _Pdfium,
    textpage: Any,
    count: int,
    box: tuple[float, float, float, float],
    fonts: dict[int | None, tuple[bool, bool]],
) -> tuple[list[Char], list[int], list[int]]:
    """The page's characters (origin top left), the indexes of unreadable ones, and each one's text object.

    Generated characters (spaces and line ends pdfium adds) are left out. Boxes are pdfium's loose
    boxes (from the font's descent and advance), cut to the font size in height (a font's ascent may be
    far taller and merge lines); on a turned page the glyph's own box.
    Font cues are looked up once per text object.
    """
    text = _page_text(api, textpage, count)
    left, _, _, top = box
    turn = _text_turn(api, textpage, count)
    handle = ctypes.cast(textpage, ctypes.c_void_p).value
    get_object, get_box, map_error, text_font = api.char_object, api.char_box, api.map_error, api.object_font
    rect = (ctypes.c_float * 4)()  # FS_RECTF: left, top, right, bottom
    rect_ref = ctypes.byref(rect)
    pointer = ctypes.c_void_p
    chars: list[Char] = []
    bad: list[int] = []
    owners: list[int] = []
    seen: dict[int, tuple[bool, float, bool, bool]] = {}
    append, own = chars.append, owners.append
    last: int | None = None  # the text object of the last character, and its cues
    bold, size, ask, slow = False, 0.0, False, False
    for i in range(count):
        obj = get_object(textpage, i)
        if obj != last:
            if not obj:  # generated by pdfium: a space for a gap between text objects, a line end
                if text[i] == " " and chars:
                    prev = chars[-1]
                    append(Char(" ", prev.x1, prev.x1, prev.top, prev.bottom, prev.size, False))
                    own(0)
                continue
            cues = seen.get(obj)
            if cues is None:
                ref = pointer(obj)
                font = text_font(ref)
                face = fonts.get(font)
                if face is None:
                    # A font without a Unicode map shows it on its first character; only the
                    # characters of such a font are asked one by one.
                    face = fonts[font] = (font_is_bold(_font_name(api, font)), bool(map_error(handle, i)))
                size, tilted = _object_font_size(api, ref)
                cues = seen[obj] = (face[0], size, face[1], bool(turn) or tilted)
            bold, size, ask, slow = cues
            last = obj
        if slow:
            x0, x1, y0, y1 = _tight_box(api.c, textpage, i)
        else:
            get_box(textpage, i, rect_ref)
            x0, y1, x1, y0 = _FLOATS_4(rect)
            if size:
                y1 = y0 + size  # as tall as the font size, as pdfminer's boxes were
        if ask and map_error(handle, i):
            bad.append(len(chars))
        append(Char(text[i], x0 - left, x1 - left, top - y1, top - y0, size, bold))
        own(obj)
    if turn:
        chars = turn_upright(chars, turn, box[2] - box[0], box[3] - box[1])
    return chars, bad, owners


def _object_font_size(api: _Pdfium, obj: ctypes.c_void_p) -> tuple[float, bool]:
    """A text object's font size in points on the page, to half a point, and whether its text is tilted.

    The size is the ``Tf`` size scaled by the height of the object's matrix (as pdfminer's character
    height was); tilted text (turned within an upright page) needs the glyph boxes, pdfium's loose
    boxes do not follow the turn.
    """
    if not api.object_font_size(obj, api.size_ref):
        return 0.0, False
    api.object_matrix(obj, api.box_ref)
    a, b, c, d, _, _ = _FLOATS_6(api.box)
    if b == 0.0 and c == 0.0:  # upright: the common case
        return round(api.size.value * abs(d) * 2) / 2, False
    tilted = abs(b) + abs(c) > 0.01 * (abs(a) + abs(d))
    return round(api.size.value * (c * c + d * d) ** 0.5 * 2) / 2, tilted


def _tight_box(c: Any, textpage: Any, i: int) -> tuple[float, float, float, float]:
    """The glyph box of a character (on a turned page, where pdfium's loose box is not turned)."""
    left, right, bottom, top = ctypes.c_double(), ctypes.c_double(), ctypes.c_double(), ctypes.c_double()
    c.FPDFText_GetCharBox(textpage, i, left, right, bottom, top)
    return left.value, right.value, bottom.value, top.value


def _text_turn(api: _Pdfium, textpage: Any, count: int) -> int:
    """How far (0, 90, 180, 270 degrees) most text on the page is turned, from the glyph matrices."""
    turns: Counter[int] = Counter()
    generated, matrix, matrix_ref = api.char_generated, api.box, api.box_ref
    for i in range(0, count, max(1, count // 50)):
        if generated(textpage, i) or not api.char_matrix(textpage, i, matrix_ref):
            continue
        a, b = matrix[0], matrix[1]
        turns[(0 if a > 0 else 180) if abs(a) >= abs(b) else (90 if b < 0 else 270)] += 1
    turn, n = turns.most_common(1)[0] if turns else (0, 0)
    return turn if n * 5 >= sum(turns.values()) * 3 else 0


def turn_upright(chars: list[Char], turn: int, width: float, height: float) -> list[Char]:
    """Characters of a page shown turned (``/Rotate``) in the coordinates they were written in."""
    out = []
    for c in chars:
        x0, x1, top, bottom = c.x0, c.x1, c.top, c.bottom
        if turn == 90:
            box = (top, bottom, height - x1, height - x0)
        elif turn == 180:
            box = (width - x1, width - x0, height - bottom, height - top)
        else:
            box = (height - bottom, height - top, x0 + height - width, x1 + height - width)
        out.append(Char(c.text, box[0], box[1], box[2], box[3], c.size, c.bold))
    return out


def _on_page(chars: list[Char], width: float, height: float) -> list[Char]:
    """Characters placed where the page shows them (not off the edges, where hidden text hides)."""
    inside = [c for c in chars if c.x1 > 0 and c.x0 < width and c.bottom > 0 and c.top < height]
    return inside if len(inside) < len(chars) else chars


def _overprinted_objects(api: _Pdfium, objects: _PageObjects, seen: set[int]) -> set[int]:
    """Text objects pdfium dropped as a second drawing of another (fake bold): the ones they repeat.

    pdfium leaves out a text object drawn again at (almost) the same place as one shortly before it;
    pdfplumber kept both, and the double drawing is a bold cue. Each unseen object is matched against
    the few seen ones drawn just before it.
    """
    texts = objects.texts
    doubled: set[int] = set()
    for k, obj in enumerate(texts):
        if obj in seen:
            continue
        left, bottom, right, top = _bounds(api, obj)
        if right - left <= 0.5:
            continue
        reach = 0.25 * max(top - bottom, 1.0)
        for other in [o for o in texts[max(0, k - _TWIN_WINDOW) : k] if o in seen][::-1]:
            box = _bounds(api, other)
            if (
                abs(box[0] - left) < reach
                and abs(box[1] - bottom) < reach
                and abs((box[2] - box[0]) - (right - left)) < reach
            ):
                doubled.add(other)
                break
    return doubled


_TWIN_WINDOW = 8  # text objects before a dropped one where its first drawing is looked for


def _bounds(api: _Pdfium, obj: int) -> tuple[float, float, float, float]:
    """An object's box (left, bottom, right, top) in the space of what holds it."""
    if not api.object_bounds(ctypes.c_void_p(obj), *api.box_refs):
        return (0.0, 0.0, 0.0, 0.0)
    return _FLOATS_4(api.box)


# ---------------------------------------------------------------- the reader


def _drop_unreadable(chars: list[Char], page: int, damage: _Damage) -> list[Char]:
    """Remove characters whose text is not readable, counting them for the problem report."""
    damage.total += len(chars)
    text = "".join(c.text for c in chars)  # one code point per character
    if not _UNREADABLE_RE.search(text):
        return chars
    kept: list[Char] = []
    symbols = 0
    for c, t in zip(chars, text, strict=True):
        if not _UNREADABLE_RE.match(t):
            kept.append(c)
            continue
        symbols += bool(_SYMBOL_GLYPH_RE.match(t))
        if kept and abs(kept[-1].top - c.top) < 0.5 * c.size and kept[-1].x1 < c.x1:
            kept[-1].x1 = c.x1  # the dropped glyph's room is not a word space
    damage.dropped += len(chars) - len(kept)
    damage.symbols += symbols
    damage.pages.append(page)
    if len(chars) - len(kept) > symbols:
        damage.lost_pages.append(page)
    if symbols:
        damage.symbol_pages.append(page)
    return kept


@dataclass
class _Reading:
    """What reading the pages of one document keeps across pages."""

    api: _Pdfium
    config: Config
    damage: _Damage = field(default_factory=_Damage)
    fonts: dict[int | None, tuple[bool, bool]] = field(default_factory=dict)  # font handle → bold, unmapped


def read_page(page: Any, number: int, reading: _Reading) -> PageLayout:
    """One page's lines in reading order."""
    config, api = reading.config, reading.api
    left, bottom, right, top = page.get_mediabox()
    width, height = right - left, top - bottom
    textpage = page.get_textpage()
    try:
        count = textpage.count_chars()
        if count > config.max_page_chars:
            raise LimitExceeded(
                f"PDF 第 {number} 页有 {count} 个字符，超过每页 {config.max_page_chars} 的上限", code="too-large"
            )
        objects = page_objects(api, page, top, left)
        chars, bad, owners = page_chars(api, textpage.raw, count, (left, bottom, right, top), reading.fonts)
    finally:
        textpage.close()
    for i in bad:
        chars[i].text = "\ufffd"  # no Unicode mapping: pdfium gives the character code instead
    doubled = _overprinted_objects(api, objects, set(owners))
    if doubled:
        for ch, owner in zip(chars, owners, strict=True):
            ch.bold |= owner in doubled
    chars = _drop_unreadable(_on_page(chars, width, height), number, reading.damage)
    tables = find_ruled_tables(objects.edges)
    rows, chars = tables_to_rows(tables, chars, number) if tables else ([], chars)
    ruled = bool(rows) or has_vertical_rules(objects.edges, width)
    gutter = None if ruled else find_gutter(chars, width)  # a ruled table is not two columns of text
    lines = chars_to_lines(chars, number, gutter)
    if gutter is not None:
        lines = order_columns(lines) if _reads_as_columns(lines) else chars_to_lines(chars, number)
    if rows:
        lines = sorted(lines + rows, key=lambda ln: (ln.top, ln.x0))
    layout = measure_page(PageLayout(number, width, height, lines))
    layout.pictured = number not in reading.damage.pages and is_picture_page(objects, layout)
    return layout


def has_vertical_rules(edges: list[Edge], width: float) -> bool:
    """Whether the middle of the page has vertical ruling lines (table borders)."""
    lo, hi = width * 0.25, width * 0.75
    return any(e["orientation"] == "v" and e["height"] > 20 and lo <= e["x0"] <= hi for e in edges)


_OUTLINED_TEXT_CURVES = 200  # a page drawn with this many curves and no text is text turned into outlines


def is_picture_page(objects: _PageObjects, layout: PageLayout) -> bool:
    """A page that shows something (images, or text turned into outlines) but has at most a few lines of text."""
    if len(layout.lines) > _EDGE_LINES * 2:
        return False
    return objects.images > 0 or objects.curves >= _OUTLINED_TEXT_CURVES


def read_pages(pdf: Any, n_pages: int, config: Config) -> tuple[list[PageLayout], _Damage]:
    """All pages as line layouts, with the damage found."""
    reading = _Reading(_pdfium(), config)
    layouts: list[PageLayout] = []
    for index in range(n_pages):
        page = pdf[index]
        try:
            layouts.append(read_page(page, index + 1, reading))
        finally:
            page.close()
    return layouts, reading.damage


def pages_without_text(pages: list[PageLayout], damage: _Damage) -> list[int]:
    """Pages that show a picture and, once headers and page numbers are gone, no text.

    When no page of the file has any text at all (and none was unreadable), every page counts.
    """
    if not damage.dropped and not any(layout.lines for layout in pages):
        return [layout.number for layout in pages]
    return [layout.number for layout in pages if layout.pictured and not layout.lines]


def ocr_pages(
    pdf: Any, pages: list[PageLayout], numbers: list[int], config: Config
) -> tuple[list[int], list[tuple[int, list[OcrLine]]]]:
    """Read pages without a text layer by OCR, when it is installed.

    Returns the pages left without text and, for each recognised page, its number and OCR lines.
    """
    if not numbers:
        return [], []
    from .ocr import ocr_pdf_page

    left: list[int] = []
    recognised: list[tuple[int, list[OcrLine]]] = []
    for number in numbers:
        page = pdf[number - 1]
        try:
            found = ocr_pdf_page(page, config)
        except MissingDependency:
            return left + [n for n in numbers if n >= number], recognised
        finally:
            page.close()
        recognised.append((number, list(found)))
        layout = pages[number - 1]
        lines = ocr_rows([o for o in found if o.text.strip()], number)
        layout.lines = [ln for ln in lines if not is_page_number(ln, layout.height)]
        layout.edges, layout.sure = {}, True
        measure_page(layout)
        if not layout.lines:
            left.append(number)
    return left, recognised


def ocr_rows(found: Sequence[OcrLine], number: int) -> list[Line]:
    """Recognised boxes of a page as lines in reading order: column by column (a page set in columns), top to
    bottom, and the boxes of one row (a table's cells, a label and its value) joined left to right into one line
    with a space, its wide gaps counted as a text-layer line counts them (``cell_gaps``). Sorting the boxes by
    their tops alone put a row's right cell before its left one whenever it sat a pixel higher."""
    from .layout import PlacedLine, assign_columns, reading_order

    placed = [PlacedLine(o.text, o.x0, o.top, o.x1, o.bottom, o.bottom - o.top, confidence=o.confidence) for o in found]
    lines: list[Line] = []
    for o in reading_order(assign_columns(placed)):
        prev = lines[-1] if lines else None
        if prev is not None and prev.column == o.column and _same_ocr_row(prev, o):
            em = 0.8 * min(prev.bottom - prev.top, o.bottom - o.top) or 1.0
            gap = o.x0 - prev.x1
            chars = prev.chars + len(o.text)
            confidence = ((prev.confidence or 0.0) * prev.chars + (o.confidence or 0.0) * len(o.text)) / max(1, chars)
            lines[-1] = Line(
                f"{prev.text} {o.text}",
                number,
                prev.x0,
                o.x1,
                min(prev.top, o.top),
                max(prev.bottom, o.bottom),
                prev.size,
                0,
                chars,
                prev.column,
                prev.cell_gaps + (gap >= 2 * em),
                confidence=confidence,
            )
            continue
        size = round(o.bottom - o.top)
        lines.append(
            Line(o.text, number, o.x0, o.x1, o.top, o.bottom, size, 0, len(o.text), o.column, confidence=o.confidence)
        )
    return lines


def _same_ocr_row(prev: Line, box: Any) -> bool:
    """Whether a recognised box continues ``prev``'s row: middles within half the lower one's height, to its right."""
    middle, prev_middle = (box.top + box.bottom) / 2, (prev.top + prev.bottom) / 2
    height = min(box.bottom - box.top, prev.bottom - prev.top)
    return abs(middle - prev_middle) <= 0.5 * height and box.x0 >= prev.x1 - 0.5 * height


def _problems(damage: _Damage, imageonly: list[int], n_pages: int) -> tuple[Problem, ...]:
    problems: list[Problem] = []
    if imageonly:
        pages = "、".join(str(p) for p in imageonly)
        problems.append(
            Problem(
                code="no-text-layer",
                message=f"第 {pages} 页没有可读取的文字层（可能是扫描件、图片或已转为曲线的文字），这些页的内容未能读取；请提交可复制文字的版本",
                pages=tuple(imageonly),
                share=len(imageonly) / n_pages if n_pages else None,
            )
        )
    lost = damage.dropped - damage.symbols
    if lost:
        share = lost / damage.total
        pages = "、".join(str(p) for p in damage.lost_pages)
        problems.append(
            Problem(
                code="unreadable-text",
                message=f"第 {pages} 页有 {lost} 个字符（占 {share:.1%}）无法解码为文字（字体缺少编码映射），已略去；请核对原件",
                pages=tuple(damage.lost_pages),
                share=share,
            )
        )
    if damage.symbols:
        pages = "、".join(str(p) for p in damage.symbol_pages)
        problems.append(
            Problem(
                code="symbols-dropped",
                message=f"第 {pages} 页有 {damage.symbols} 个符号字体字符（项目符号、勾选框、公式括号等）无法转为文字，已略去；正文文字未受影响",
                pages=tuple(damage.symbol_pages),
                share=damage.symbols / damage.total,
            )
        )
    return tuple(problems)


# ---------------------------------------------------------------- bookmarks: the outline a word processor exported

MAX_BOOKMARKS = 5000
MAX_BOOKMARK_DEPTH = 9  # Word's outline levels 1-9
MIN_OUTLINE_BOOKMARKS = 3  # bookmarks naming blocks that make an outline (one or two mark a page, a header)


@dataclass(frozen=True)
class Bookmark:
    """One entry of a PDF's outline (bookmarks): its depth (0 = top), title and 1-based page, if it has one."""

    level: int
    title: str
    page: int | None


def bookmarks(pdf: Any) -> list[Bookmark]:
    """The outline entries of an open PDF, in order (none when it has no outline or pdfium cannot read it).

    Word, WPS and LibreOffice export the document's headings as bookmarks, one level per heading level: the
    same outline levels a .docx gives its heading paragraphs, which the page's text layer has lost.
    """
    out: list[Bookmark] = []
    try:
        for item in pdf.get_toc(max_depth=MAX_BOOKMARK_DEPTH):
            if len(out) >= MAX_BOOKMARKS:
                break
            dest = item.get_dest()
            index = dest.get_index() if dest is not None else None
            title = item.get_title() or ""
            out.append(Bookmark(int(item.level), title, index + 1 if index is not None and index >= 0 else None))
    except Exception:  # pdfium: a broken or circular outline; the text does not depend on it
        return []
    return out


def _squeezed_title(text: str) -> str:
    import unicodedata

    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))


# a heading number: 一、 （一） 1. 1、 第一章 …, and decimal numbers without a dot after them (1 引言, 2.3.1 需求)
_NUMBERED_RE = re.compile(rf"{_MARKER_RE.pattern}|^\s*\d{{1,2}}(?:[.．]\d{{1,2}})*\s*(?=[^\d\s.．,，%])")


def bookmarked_levels(blocks: Sequence[Block], marks: Sequence[Bookmark]) -> tuple[Block, ...]:
    """Blocks whose whole text is a bookmark's title (on its page or the next) get its depth as their outline
    level, as a heading paragraph of a .docx has: a part numbered ``1.`` stays apart from a body list numbered
    the same way, and unnumbered parts are headings. Bookmarks are matched in order, each block once; a bookmark
    naming no block (a page, a figure, a hand-made mark) changes nothing. A depth is relative (a file whose
    headings start at Heading 2 has them at depth 0) and an unnumbered bookmarked line is as often a cover line
    or an abstract's label as a part, so an unnumbered block takes one level deeper than its depth (it ranks
    under ``一、`` of the body, over its items), and the document's title (centered, larger than every other
    bookmarked line) none. Blocks read by OCR and table rows are left alone."""
    if not marks:
        return tuple(blocks)
    keys = [_squeezed_title(b.text) if b.kind == "paragraph" and not b.ocr else "" for b in blocks]
    levels: dict[int, int] = {}
    cursor = 0
    for mark in marks:
        title = _squeezed_title(mark.title)
        if not title:
            continue
        hit = _find_bookmarked(blocks, keys, title, mark.page, cursor, levels)
        if hit is None and cursor:  # out of order (a bookmark tree sorted by hand): look from the start
            hit = _find_bookmarked(blocks, keys, title, mark.page, 0, levels)
        if hit is not None:
            levels[hit] = mark.level + (0 if _NUMBERED_RE.match(blocks[hit].text) else 1)
            cursor = hit + 1
    if len(levels) < MIN_OUTLINE_BOOKMARKS:  # a lone bookmark (the issuer's header, 会议纪要) is no outline
        return tuple(blocks)
    for i in [i for i in levels if _bookmarked_title(blocks, i, levels)]:
        del levels[i]
    from dataclasses import replace

    return tuple(
        replace(b, outline_level=levels[i]) if i in levels and b.outline_level is None else b
        for i, b in enumerate(blocks)
    )


def _bookmarked_title(blocks: Sequence[Block], i: int, levels: dict[int, int]) -> bool:
    """An unnumbered, centered bookmarked block in a larger size than every other bookmarked one: the document's
    title (Word's Title style, which some exports bookmark too), not a part of it."""
    b = blocks[i]
    if _NUMBERED_RE.match(b.text) or not b.centered or b.font_size is None:
        return False
    others = [blocks[j].font_size or 0.0 for j in levels if j != i]
    return bool(others) and b.font_size > max(others)


def _find_bookmarked(
    blocks: Sequence[Block], keys: list[str], title: str, page: int | None, start: int, taken: dict[int, int]
) -> int | None:
    for i in range(start, len(blocks)):
        if keys[i] != title or i in taken:
            continue
        where = blocks[i].page
        if page is None or where is None or page <= where <= page + 1:
            return i
    return None


def read_pdf(data: bytes, config: Config) -> ReaderOutput:
    """Read a PDF's text layer into paragraph blocks with font size, bold, centering and page."""
    check_inflation(data, config)
    pdf = _open_pdf(data)
    try:
        try:
            n_pages = len(pdf)
            if n_pages <= 0:
                raise _no_pages(data)
            if n_pages > config.max_pdf_pages:
                raise LimitExceeded(f"PDF 有 {n_pages} 页，超过 {config.max_pdf_pages} 页的上限", code="too-large")
            layouts, damage = read_pages(pdf, n_pages, config)
            title = _metadata_title(pdf)
            running = running_keys(layouts)
            layouts = strip_running_lines(layouts, running)
            imageonly, recognised = ocr_pages(pdf, layouts, pages_without_text(layouts, damage), config)
            # a scanned page between text pages: OCR reads their running header too
            strip_running_lines([layouts[n - 1] for n, _ in recognised], running)
            marks = bookmarks(pdf)
        except CxzyError:
            raise
        except Exception as exc:  # pdfium: a page it cannot load
            raise unreadable_file(data, exc) from None
    finally:
        pdf.close()
    problems = _problems(damage, imageonly, len(layouts))
    if recognised:
        from .image import confidence_problems

        # a page OCR found nothing on stays a no-text-layer page; it is not also a low-confidence one
        problems += confidence_problems([(n, lines) for n, lines in recognised if n not in imageonly])
    blocks, repaired = repair_blocks(lines_to_blocks(settle_edges(layouts)), "PDF 文档")
    blocks = bookmarked_levels(blocks, marks)
    return ReaderOutput(blocks=tuple(blocks), problems=problems + repaired, pages=len(layouts), title=title)


__all__ = ["font_is_bold", "is_page_number", "read_pdf"]
