"""PDF (pdfplumber): characters to lines to paragraphs, with running headers and page numbers removed.

The chain reads ``chars_to_lines → order_columns → strip_running_lines → settle_edges → lines_to_blocks``.
Each page's characters are taken once from ``page.chars``; there is no second pass
through ``extract_text``. Ruled tables (found only on pages that draw vertical rules)
become ``table_row`` blocks whose cells are joined by tabs, as the other readers do. Characters that do not decode to real text (``(cid:N)``,
U+FFFD, private use, control characters) are dropped and reported as a
:class:`~cxzy_nlp.model.Problem`, as are pages that carry images but no text layer.
"""

from __future__ import annotations

import base64
import io
import re
import statistics
import zlib
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from itertools import pairwise
from typing import Any

from ..config import Config
from ..errors import CxzyError, LimitExceeded, ReadError
from ..model import Block, Problem
from .base import ReaderOutput

# ---------------------------------------------------------------- characters

# What a character's text must not be: unmapped glyphs, replacement, private use, C0/C1 controls
# (tab, line feed and carriage return are whitespace, not damage).
_UNREADABLE_RE = re.compile(r"\(cid:\d+\)|[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffd\ue000-\uf8ff]")
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


def chars_to_lines(
    chars: Sequence[dict[str, Any]], page: int, bold_fonts: dict[str, bool], gutter: float | None = None
) -> list[Line]:
    """Group a page's characters into lines (by vertical overlap), each sorted left to right.

    With a ``gutter``, a line that does not cross it is cut in two (left and right column).
    """
    lines: list[Line] = []
    for group in _char_rows(chars):
        for column, part in _split_at_gutter(group, gutter):
            line = _make_line(part, page, bold_fonts, column)
            if line is not None:
                lines.append(line)
    lines.sort(key=lambda ln: (ln.top, ln.x0))
    return lines


def _char_rows(chars: Sequence[dict[str, Any]]) -> Iterator[list[dict[str, Any]]]:
    """Characters (by vertical middle) that overlap the row's first one by half the smaller height.

    Overlap rather than distance keeps superscripts (footnote marks) in their line.
    """
    current: list[dict[str, Any]] = []
    row_top = row_bottom = 0.0
    for ch in sorted(chars, key=_char_middle):
        top, bottom = ch["top"], ch["bottom"]
        if current:
            overlap = min(bottom, row_bottom) - max(top, row_top)
            if overlap >= 0.5 * max(min(bottom - top, row_bottom - row_top), 0.5):
                current.append(ch)
                continue
            yield current
        current = [ch]
        row_top, row_bottom = top, bottom
    if current:
        yield current


def _split_at_gutter(row: list[dict[str, Any]], gutter: float | None) -> list[tuple[int, list[dict[str, Any]]]]:
    if gutter is None:
        return [(0, row)]
    if any(c["x0"] < gutter < c["x1"] for c in row):
        return [(FULL_WIDTH, row)]
    left = [c for c in row if c["x1"] <= gutter]
    right = [c for c in row if c["x0"] >= gutter]
    return [(i, part) for i, part in ((0, left), (1, right)) if part]


def _char_middle(ch: dict[str, Any]) -> float:
    return float(ch["top"] + ch["bottom"]) * 0.5


def _make_line(chars: list[dict[str, Any]], page: int, bold_fonts: dict[str, bool], column: int) -> Line | None:
    chars.sort(key=lambda c: c["x0"])
    parts: list[str] = []
    prev: dict[str, Any] | None = None
    pending_space = False
    sizes: Counter[float] = Counter()
    bold = count = cell_gaps = 0
    prev_bold = False
    x0 = x1 = top = bottom = 0.0
    for ch in chars:
        text = ch["text"]
        if not text.strip():
            pending_space = prev is not None
            continue
        if prev is not None and text == prev["text"] and _overprinted(prev, ch):
            bold += not prev_bold  # drawn twice, slightly offset: the poor man's bold
            prev_bold = True
            continue
        if prev is None:
            x0, top, bottom = ch["x0"], ch["top"], ch["bottom"]
        else:
            if pending_space or _needs_space(prev, ch):
                parts.append(" ")
                cell_gaps += ch["x0"] - prev["x1"] >= 2 * (min(prev["size"], ch["size"]) or 1.0)
            top = min(top, ch["top"])
            bottom = max(bottom, ch["bottom"])
        pending_space = False
        parts.append(text)
        x1 = ch["x1"]
        fontname = ch["fontname"]
        is_bold = bold_fonts.get(fontname)
        if is_bold is None:
            is_bold = bold_fonts[fontname] = font_is_bold(fontname)
        bold += is_bold
        prev_bold = is_bold
        count += 1
        sizes[round(ch["size"] * 2) / 2] += 1
        prev = ch
    if prev is None:
        return None
    size = sizes.most_common(1)[0][0]
    return Line(_visible_hyphens("".join(parts)), page, x0, x1, top, bottom, size, bold, count, column, cell_gaps)


def _visible_hyphens(text: str) -> str:
    """A soft hyphen (U+00AD) shown inside a line is a printed hyphen; only one ending a line is hyphenation."""
    if "\u00ad" not in text:
        return text
    body, end = (text[:-1], text[-1]) if text.endswith("\u00ad") else (text, "")
    return body.replace("\u00ad", "-") + end


def _overprinted(prev: dict[str, Any], ch: dict[str, Any]) -> bool:
    """The same glyph drawn again almost on top of the last one (by less than a quarter of its width)."""
    reach = 0.25 * max(ch["x1"] - ch["x0"], 0.1)
    return ch["x0"] - prev["x0"] < reach and abs(ch["top"] - prev["top"]) < reach


def _needs_space(prev: dict[str, Any], ch: dict[str, Any]) -> bool:
    """A gap wide enough to be a word space (Latin) or a column gap (between Chinese characters)."""
    gap = ch["x0"] - prev["x1"]
    size = min(prev["size"], ch["size"]) or 1.0
    if gap <= 0.15 * size:  # glyphs that touch: the common case, decided without looking at them
        return False
    cjk_before, cjk_after = _is_cjk(prev["text"][-1]), _is_cjk(ch["text"][0])
    if cjk_before and cjk_after:
        return gap > 1.5 * size  # letter-spaced labels (填 表 说 明) stay together; table cells part
    if cjk_before or cjk_after:
        return gap > 0.5 * size  # typesetters put about a quarter em between 2019 and 年: layout, not a space
    return True


# ---------------------------------------------------------------- ruled tables


def find_ruled_tables(page: Any) -> list[Any]:
    """Tables drawn with ruling lines (pdfplumber's ``find_tables``), looked for only on pages with vertical rules."""
    try:
        if not any(e["orientation"] == "v" for e in page.edges):
            return []
        return [t for t in page.find_tables() if len(t.cells) >= 2]  # one cell: a page frame or a box
    except Exception:
        return []


def tables_to_rows(
    tables: list[Any], chars: list[dict[str, Any]], page: int, bold_fonts: dict[str, bool]
) -> tuple[list[Line], list[dict[str, Any]]]:
    """One line per table row (cells read top to bottom, joined by tabs) and the characters outside tables."""
    rows: list[Line] = []
    for table in tables:
        inside, chars = _partition(chars, table.bbox)
        for row in table.rows:
            line = _row_to_line(row, inside, page, bold_fonts)
            if line is not None:
                rows.append(line)
    return rows, chars


def _partition(chars: list[dict[str, Any]], bbox: tuple[float, float, float, float]) -> tuple[list, list]:
    x0, top, x1, bottom = bbox
    inside: list[dict[str, Any]] = []
    outside: list[dict[str, Any]] = []
    for c in chars:
        cx, cy = (c["x0"] + c["x1"]) * 0.5, (c["top"] + c["bottom"]) * 0.5
        (inside if x0 <= cx <= x1 and top <= cy <= bottom else outside).append(c)
    return inside, outside


def _row_to_line(row: Any, chars: list[dict[str, Any]], page: int, bold_fonts: dict[str, bool]) -> Line | None:
    texts: list[str] = []
    lines: list[Line] = []
    for bbox in row.cells:
        if bbox is None:  # covered by a merged cell that starts in an earlier row or column
            continue
        cell_chars, _ = _partition(chars, bbox)
        cell_lines = chars_to_lines(cell_chars, page, bold_fonts)
        texts.append(_cell_text(cell_lines))
        lines.extend(cell_lines)
    if not lines:
        return None
    x0, top, x1, bottom = row.bbox
    count = sum(ln.chars for ln in lines)
    size = Counter({ln.size: ln.chars for ln in lines}).most_common(1)[0][0]
    bold = sum(ln.bold_chars for ln in lines)
    return Line("\t".join(texts), page, x0, x1, top, bottom, size, bold, count, cells=tuple(texts))


def _cell_text(lines: list[Line]) -> str:
    """A cell's lines as one text: wrapped lines re-joined, a space before numbered items."""
    out = ""
    for ln in lines:
        out = f"{out} {ln.text}" if out and _MARKER_RE.match(ln.text) else _glue(out, ln.text)
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


def find_gutter(chars: Sequence[dict[str, Any]], width: float) -> float | None:
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
    left = sum(1 for c in chars if c["x1"] <= best)
    return None if min(left, len(chars) - left) * 4 < len(chars) else float(best)


def _gutter_in(chars: Sequence[dict[str, Any]], width: float) -> int | None:
    cover = [0] * (int(width) + 2)
    last = len(cover) - 1
    for c in chars:
        cover[min(max(int(c["x0"]), 0), last)] += 1
        cover[min(max(int(c["x1"]), 0), last)] -= 1
    running = 0
    for x, delta in enumerate(cover):
        running += delta
        cover[x] = running
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


def strip_running_lines(pages: list[PageLayout]) -> list[PageLayout]:
    """Drop page numbers and lines repeated at the same page edge on several pages.

    Digits are masked when comparing, so ``第3页`` and ``第4页`` count as the same footer.
    A line at the top of only one page (a real heading) is kept, and so is a line set
    larger than the body text (the title of a form repeated on every page).
    """
    body = body_size(pages)
    seen: dict[tuple[str, str], list[tuple[int, float]]] = {}
    for p, layout in enumerate(pages):
        for zone, _, ln in _edge_lines(layout):
            if ln.size <= body + 0.5:
                seen.setdefault(_running_key(zone, ln), []).append((p, ln.top))
    running = {key for key, hits in seen.items() if _repeats(hits, len(pages))}
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


def starts_paragraph(prev: Line, prev_layout: PageLayout, line: Line, layout: PageLayout) -> bool:
    """Whether ``line`` opens a new paragraph after ``prev`` (font, indent, marker, short line, gap)."""
    if abs(prev.size - line.size) > 0.75 or prev.bold != line.bold:
        return True
    if prev.cells is not None or line.cells is not None:  # a ruled table row stands alone
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
        if gap > layout.line_gap + 0.6 * line.size:
            return True
    return False


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
    return Block(
        text=join_lines(lines),
        kind="table_row" if lines[0].cells is not None else "paragraph",
        page=lines[0].page,
        paragraph=index,
        bold=chars > 0 and bold_chars * 10 >= chars * 9,
        font_size=sizes.most_common(1)[0][0],
        centered=None
        if lines[0].cells is not None
        else _is_centered(lines[-1], paragraph.layout)
        and all(_evenly_placed(ln, paragraph.layout) for ln in lines if ln.page == lines[0].page),
    )


# ---------------------------------------------------------------- opening the file and its limits


def check_inflation(data: bytes, config: Config) -> None:
    """Bound what Flate streams inflate to before pdfminer inflates them without a limit.

    Image streams are skipped: text extraction never decodes them.
    """
    budget = config.max_inflated_bytes
    total = 0
    for match in _STREAM_RE.finditer(data):
        header = data[max(0, match.start() - 4096) : match.start()].rsplit(b"obj", 1)[-1]
        if not _FLATE_RE.search(header) or _IMAGE_RE.search(header):
            continue
        end = data.find(b"endstream", match.end())
        raw = data[match.end() : len(data) if end < 0 else end]
        if _A85_RE.search(header):
            raw = _ascii85(raw)
        total += _inflated_size(raw, budget - total + 1)
        if total > budget:
            raise LimitExceeded(f"PDF 数据流解压后超过 {budget} 字节上限（疑似压缩炸弹），已停止读取", code="too-large")


_STREAM_RE = re.compile(rb"(?<!end)stream\r?\n")
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


def _open_pdf(data: bytes) -> Any:
    import pdfplumber

    try:
        return pdfplumber.open(io.BytesIO(data))
    except Exception as exc:
        raise unreadable_file(data, exc) from None


def unreadable_file(data: bytes, exc: BaseException) -> ReadError:
    """The ReadError for an exception pdfminer raised: encrypted, truncated or corrupt."""
    from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect

    cause = exc.args[0] if exc.args and isinstance(exc.args[0], BaseException) else exc  # pdfplumber wraps
    if isinstance(cause, (PDFPasswordIncorrect, PDFEncryptionError)):
        return ReadError("PDF 已加密（设有打开密码），无法读取；请提交未加密的版本", code="encrypted")
    reason = f"{type(cause).__name__}: {cause}"[:200]
    if b"%%EOF" not in data[-2048:]:
        return ReadError("PDF 文件不完整（被截断，缺少文件尾），无法读取", code="truncated", detail=reason)
    return ReadError("PDF 文件已损坏或格式错误，无法读取", code="corrupt", detail=reason)


def _page_count(pdf: Any) -> int:
    from pdfminer.pdftypes import resolve1

    try:
        count = resolve1(resolve1(pdf.doc.catalog["Pages"])["Count"])
        if isinstance(count, int) and count >= 0:
            return count
    except Exception:
        pass
    return len(pdf.pages)


# Metadata titles that name a file, a program's default or a form label rather than the document.
_NOT_A_TITLE_RE = re.compile(r"(?i)^(microsoft word|untitled$|无标题|附件|文档\d*$)|\.(docx?|wps|pdf)$|[:：]$")


def _metadata_title(pdf: Any) -> str | None:
    """The document title from the PDF metadata, unless it is a file name or a default."""
    title = pdf.metadata.get("Title") if isinstance(pdf.metadata, dict) else None
    if not isinstance(title, str):
        return None
    title = re.sub(r"\s+", " ", title).strip()
    return None if not title or _NOT_A_TITLE_RE.search(title) else title


# ---------------------------------------------------------------- the reader


def _drop_unreadable(chars: list[dict[str, Any]], page: int, damage: _Damage) -> list[dict[str, Any]]:
    """Remove characters whose text is not readable, counting them for the problem report."""
    damage.total += len(chars)
    if not _UNREADABLE_RE.search("".join(c["text"] for c in chars)):
        return chars
    kept = [c for c in chars if not _UNREADABLE_RE.search(c["text"])]
    damage.dropped += len(chars) - len(kept)
    damage.pages.append(page)
    return kept


def read_page(page: Any, number: int, config: Config, damage: _Damage, bold_fonts: dict[str, bool]) -> PageLayout:
    """One page's lines in reading order."""
    chars = page.chars
    if len(chars) > config.max_page_chars:
        raise LimitExceeded(
            f"PDF 第 {number} 页有 {len(chars)} 个字符，超过每页 {config.max_page_chars} 的上限", code="too-large"
        )
    width, height = float(page.width), float(page.height)
    chars = _drop_unreadable(_on_page(turn_upright(chars, width, height), width, height), number, damage)
    tables = find_ruled_tables(page)
    rows, chars = tables_to_rows(tables, chars, number, bold_fonts) if tables else ([], chars)
    gutter = find_gutter(chars, width)
    if gutter is not None and (rows or has_vertical_rules(page)):
        gutter = None  # a ruled table, not two columns of text
    lines = chars_to_lines(chars, number, bold_fonts, gutter)
    if gutter is not None:
        lines = order_columns(lines) if _reads_as_columns(lines) else chars_to_lines(chars, number, bold_fonts)
    if rows:
        lines = sorted(lines + rows, key=lambda ln: (ln.top, ln.x0))
    return measure_page(PageLayout(number, width, height, lines))


def _text_turn(chars: list[dict[str, Any]]) -> int:
    """How far (0, 90, 180, 270 degrees) most text on the page is turned, from the glyph matrices."""
    turns: Counter[int] = Counter()
    for c in chars[:: max(1, len(chars) // 50)]:
        a, b = c["matrix"][0], c["matrix"][1]
        turns[(0 if a > 0 else 180) if abs(a) >= abs(b) else (90 if b < 0 else 270)] += 1
    turn, n = turns.most_common(1)[0] if turns else (0, 0)
    return turn if n * 5 >= sum(turns.values()) * 3 else 0


def turn_upright(chars: list[dict[str, Any]], width: float, height: float) -> list[dict[str, Any]]:
    """Characters of a page shown turned (``/Rotate``) in the coordinates they were written in."""
    turn = _text_turn(chars)
    if turn == 0:
        return chars
    out = []
    for c in chars:
        x0, x1, top, bottom = c["x0"], c["x1"], c["top"], c["bottom"]
        if turn == 90:
            box = (top, bottom, height - x1, height - x0)
        elif turn == 180:
            box = (width - x1, width - x0, height - bottom, height - top)
        else:
            box = (height - bottom, height - top, x0 + height - width, x1 + height - width)
        out.append({**c, "x0": box[0], "x1": box[1], "top": box[2], "bottom": box[3]})
    return out


def _on_page(chars: list[dict[str, Any]], width: float, height: float) -> list[dict[str, Any]]:
    """Characters placed where the page shows them (not off the edges, where hidden text hides)."""
    inside = [c for c in chars if c["x1"] > 0 and c["x0"] < width and c["bottom"] > 0 and c["top"] < height]
    return inside if len(inside) < len(chars) else chars


def has_vertical_rules(page: Any) -> bool:
    """Whether the middle of the page has vertical ruling lines (table borders)."""
    lo, hi = float(page.width) * 0.25, float(page.width) * 0.75
    try:
        edges = page.edges
    except Exception:
        return False
    return any(e["orientation"] == "v" and e["height"] > 20 and lo <= e["x0"] <= hi for e in edges)


_OUTLINED_TEXT_CURVES = 200  # a page drawn with this many curves and no text is text turned into outlines


def is_picture_page(page: Any, layout: PageLayout) -> bool:
    """A page that shows something (images, or text turned into outlines) but has at most a few lines of text."""
    if len(layout.lines) > _EDGE_LINES * 2:
        return False
    try:
        return bool(page.images) or len(page.curves) >= _OUTLINED_TEXT_CURVES
    except Exception:
        return False


def read_pages(pdf: Any, config: Config) -> tuple[list[PageLayout], _Damage]:
    """All pages as line layouts, with the damage found."""
    damage = _Damage()
    bold_fonts: dict[str, bool] = {}
    layouts: list[PageLayout] = []
    for number, page in enumerate(pdf.pages, start=1):
        layout = read_page(page, number, config, damage, bold_fonts)
        layout.pictured = number not in damage.pages and is_picture_page(page, layout)
        layouts.append(layout)
        page.close()
    return layouts, damage


def pages_without_text(pages: list[PageLayout], damage: _Damage) -> list[int]:
    """Pages that show a picture and, once headers and page numbers are gone, no text.

    When no page of the file has any text at all (and none was unreadable), every page counts.
    """
    if not damage.dropped and not any(layout.lines for layout in pages):
        return [layout.number for layout in pages]
    return [layout.number for layout in pages if layout.pictured and not layout.lines]


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
    if damage.dropped:
        share = damage.dropped / damage.total
        pages = "、".join(str(p) for p in damage.pages)
        problems.append(
            Problem(
                code="unreadable-text",
                message=f"第 {pages} 页有 {damage.dropped} 个字符（占 {share:.1%}）无法解码为文字（字体缺少编码映射），已略去；请核对原件",
                pages=tuple(damage.pages),
                share=share,
            )
        )
    return tuple(problems)


def read_pdf(data: bytes, config: Config) -> ReaderOutput:
    """Read a PDF's text layer into paragraph blocks with font size, bold, centering and page."""
    check_inflation(data, config)
    pdf = _open_pdf(data)
    try:
        try:
            n_pages = _page_count(pdf)
            if n_pages > config.max_pdf_pages:
                raise LimitExceeded(f"PDF 有 {n_pages} 页，超过 {config.max_pdf_pages} 页的上限", code="too-large")
            layouts, damage = read_pages(pdf, config)
            title = _metadata_title(pdf)
        except CxzyError:
            raise
        except Exception as exc:
            raise unreadable_file(data, exc) from None
    finally:
        try:
            pdf.close()
        except Exception:
            pass
    layouts = strip_running_lines(layouts)
    problems = _problems(damage, pages_without_text(layouts, damage), len(layouts))
    blocks = lines_to_blocks(settle_edges(layouts))
    return ReaderOutput(blocks=blocks, problems=problems, pages=len(layouts), title=title)


__all__ = ["font_is_bold", "is_page_number", "read_pdf"]
