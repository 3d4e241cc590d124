"""A Word copy of a file that is not a .docx (.doc, .wps, .pdf, .txt, .ofd, .html), laid out as a 公文.

A4 paper with the GB/T 9704—2012 margins (top 37 mm, bottom 35 mm, left 28 mm, right 26 mm) and
the 公文 styles defined in the styles part: the title in 方正小标宋简体 二号 (宋体 as the fallback
named in the font table), body text in 仿宋_GB2312 三号 (仿宋), level-1 headings in 黑体, level-2
in 楷体_GB2312 (楷体), lower levels in 仿宋. One paragraph per line of the extracted text;
the document's headings (from its section tree) keep their numbering as text and take the
heading style of their level; runs of tab-separated lines become tables. Page numbers
(“— 1 —”) sit in the footer.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from ..model import Analysis

A4_MM = (210, 297)
MARGINS_MM = {"top": 37, "bottom": 35, "left": 28, "right": 26}  # GB/T 9704—2012 §5.2.1

# style id → (eastAsia font, fallback named in the font table, size in points, centred)
TITLE_FONT, BODY_FONT, HEADING1_FONT, HEADING2_FONT = "方正小标宋简体", "仿宋_GB2312", "黑体", "楷体_GB2312"
FALLBACK = {TITLE_FONT: "宋体", BODY_FONT: "仿宋", HEADING1_FONT: "SimHei", HEADING2_FONT: "楷体"}
LATIN_FONT = "Times New Roman"
BODY_PT = 16.0  # 三号
TITLE_PT = 22.0  # 二号
LINE_PT = 28.0  # 固定行距 (22 lines to the page)

STYLE_FONTS: dict[str, tuple[str, float, bool]] = {
    "Normal": (BODY_FONT, BODY_PT, False),
    "Title": (TITLE_FONT, TITLE_PT, True),
    "Heading 1": (HEADING1_FONT, BODY_PT, False),
    "Heading 2": (HEADING2_FONT, BODY_PT, False),
    "Heading 3": (BODY_FONT, BODY_PT, False),
    "Heading 4": (BODY_FONT, BODY_PT, False),
}


@dataclass(frozen=True)
class CopyRun:
    """A run of the copy and the characters of the normalised text it holds."""

    start: int
    end: int
    run: Any
    paragraph: Any


def _qn(tag: str) -> str:
    from docx.oxml.ns import qn

    return qn(tag)


def _set_fonts(rpr: Any, east_asia: str) -> None:
    from docx.oxml import OxmlElement

    for old in rpr.findall(_qn("w:rFonts")):
        rpr.remove(old)
    fonts = OxmlElement("w:rFonts")
    fonts.set(_qn("w:ascii"), LATIN_FONT)
    fonts.set(_qn("w:hAnsi"), LATIN_FONT)
    fonts.set(_qn("w:eastAsia"), east_asia)
    fonts.set(_qn("w:cs"), LATIN_FONT)
    fonts.set(_qn("w:hint"), "eastAsia")  # quotes and dashes of Chinese text in the Chinese font
    rpr.insert(0, fonts)


def define_styles(document: Any) -> None:
    """The 公文 paragraph styles, written into the styles part (fonts, sizes, spacing, no colours)."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
    from docx.shared import Pt, RGBColor

    for name, (east_asia, size, centred) in STYLE_FONTS.items():
        style = document.styles[name]
        element = style.element
        for old in element.findall(_qn("w:pPr")) + element.findall(_qn("w:rPr")):
            element.remove(old)
        font = style.font
        font.size = Pt(size)
        font.bold = False
        font.italic = False
        font.color.rgb = RGBColor(0, 0, 0)
        _set_fonts(element.get_or_add_rPr(), east_asia)
        fmt = style.paragraph_format
        fmt.space_before = Pt(0)
        fmt.space_after = Pt(0)
        fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
        fmt.line_spacing = Pt(LINE_PT if name != "Title" else 36)
        if centred:
            fmt.alignment = WD_ALIGN_PARAGRAPH.CENTER
            fmt.space_after = Pt(LINE_PT)  # a blank line under the title
        else:
            fmt.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
            fmt.first_line_indent = Pt(2 * BODY_PT)
    defaults = document.styles.element.find(_qn("w:docDefaults"))
    if defaults is not None:  # theme fonts of the template would win over nothing; name ours
        for rpr in defaults.iter(_qn("w:rPr")):
            _set_fonts(rpr, BODY_FONT)
    _name_fallbacks(document)


def _name_fallbacks(document: Any) -> None:
    """Each 公文 font in the font table, with the font Word and WPS use when it is not installed."""
    from docx.opc.constants import RELATIONSHIP_TYPE as RT
    from docx.oxml import OxmlElement

    try:
        part = document.part.part_related_by(RT.FONT_TABLE)
    except KeyError:
        return
    from lxml import etree

    root = etree.fromstring(part.blob)
    for name, alt in FALLBACK.items():
        for old in root.findall(_qn("w:font")):
            if old.get(_qn("w:name")) == name:
                root.remove(old)
        font = OxmlElement("w:font")
        font.set(_qn("w:name"), name)
        for tag, value in (("w:altName", alt), ("w:charset", "86"), ("w:family", "auto"), ("w:pitch", "variable")):
            child = OxmlElement(tag)
            child.set(_qn("w:val"), value)
            font.append(child)
        root.append(font)
    part._blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def set_page(document: Any) -> None:
    """A4 portrait, GB/T 9704 margins, page numbers “— N —” centred in the footer."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml import OxmlElement
    from docx.shared import Mm, Pt

    section = document.sections[0]
    section.page_width, section.page_height = Mm(A4_MM[0]), Mm(A4_MM[1])
    section.top_margin, section.bottom_margin = Mm(MARGINS_MM["top"]), Mm(MARGINS_MM["bottom"])
    section.left_margin, section.right_margin = Mm(MARGINS_MM["left"]), Mm(MARGINS_MM["right"])
    section.footer_distance = Mm(28 - 7)  # the page number 7 mm below the text block
    footer = section.footer.paragraphs[0]
    footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
    footer.paragraph_format.first_line_indent = Pt(0)
    footer.add_run("— ")
    field = OxmlElement("w:fldSimple")
    field.set(_qn("w:instr"), " PAGE ")
    run = OxmlElement("w:r")
    text = OxmlElement("w:t")
    text.text = "1"
    run.append(text)
    field.append(run)
    footer._p.append(field)
    footer.add_run(" —")
    for r in footer.runs:
        r.font.size = Pt(14)
        _set_fonts(r._r.get_or_add_rPr(), "宋体")


def _lines(text: str) -> Iterable[tuple[int, int]]:
    start = 0
    for line in text.split("\n"):
        end = start + len(line)
        if line.strip():
            yield start, end
        start = end + 1


def _line_styles(analysis: Analysis) -> dict[int, str]:
    """Line start → style name for titles and headings (the others are body text)."""
    starts = [s for s, _ in _lines(analysis.text)]
    from bisect import bisect_right

    def line_of(offset: int) -> int | None:
        i = bisect_right(starts, offset) - 1
        return starts[i] if i >= 0 else None

    styles: dict[int, str] = {}
    for doc in analysis.documents:
        for section in doc.all_sections():
            line = line_of(section.heading_span[0])
            if line is not None:
                styles.setdefault(line, f"Heading {min(section.level, 4)}")
        if doc.title_span is not None:
            for line in starts:
                if doc.title_span[0] <= line < doc.title_span[1] or line == line_of(doc.title_span[0]):
                    styles[line] = "Title"
    return styles


def _add_runs(paragraph: Any, text: str, start: int, end: int, cuts: list[int]) -> list[CopyRun]:
    from bisect import bisect_left, bisect_right

    inner = cuts[bisect_right(cuts, start) : bisect_left(cuts, end)]
    out = []
    for a, b in zip([start, *inner], [*inner, end], strict=True):
        if a < b:
            out.append(CopyRun(a, b, paragraph.add_run(text[a:b]), paragraph))
    return out


def build_copy(analysis: Analysis, cuts: Iterable[int] = ()) -> tuple[Any, list[CopyRun]]:
    """The 公文-styled document of ``analysis.text`` and its runs, split at every offset of ``cuts``."""
    import docx
    from docx.shared import Pt

    document = docx.Document()
    define_styles(document)
    set_page(document)
    text = analysis.text
    points = sorted(set(cuts))
    styles = _line_styles(analysis)
    runs: list[CopyRun] = []
    table_rows: list[tuple[int, int]] = []

    def flush_table() -> None:
        if not table_rows:
            return
        cells = [_cells(text, s, e) for s, e in table_rows]
        width = max(len(c) for c in cells)
        table = document.add_table(rows=len(cells), cols=width)
        table.style = document.styles["Table Grid"]
        for row, row_cells in zip(table.rows, cells, strict=True):
            for cell, (cs, ce) in zip(row.cells, row_cells, strict=False):
                para = cell.paragraphs[0]
                para.paragraph_format.first_line_indent = Pt(0)
                para.paragraph_format.line_spacing = 1.0
                runs.extend(_add_runs(para, text, cs, ce, points))
        table_rows.clear()

    for start, end in _lines(text):
        if "\t" in text[start:end] and start not in styles:
            table_rows.append((start, end))
            continue
        flush_table()
        paragraph = document.add_paragraph(style=styles.get(start, "Normal"))
        runs.extend(_add_runs(paragraph, text, start, end, points))
    flush_table()
    body = document.element.body
    first = body[0] if len(body) else None
    if first is not None and first.tag == _qn("w:p") and not first.xpath(".//w:t"):
        body.remove(first)  # the template's empty first paragraph, if any
    return document, runs


def _cells(text: str, start: int, end: int) -> list[tuple[int, int]]:
    out = []
    pos = start
    for part in text[start:end].split("\t"):
        out.append((pos, pos + len(part)))
        pos += len(part) + 1
    return out


__all__ = ["A4_MM", "MARGINS_MM", "STYLE_FONTS", "CopyRun", "build_copy", "define_styles", "set_page"]
