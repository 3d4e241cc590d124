"""Write a synthetic plan as .txt, .docx (Word automatic numbering for headings) or .pdf (reportlab).

Every rendering reads back, through the project's readers and normalisation, as ``plan.text``:
the docx keeps heading numbers in numbering.xml (so they are absent from the runs) and the pdf
wraps long paragraphs at the page edge, as real files do.
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from .gold import GoldSection, SynthPlan

FORMATS = ("txt", "txt-wrapped", "docx", "pdf")
WRAP_WIDTH = 36  # characters per line of a hard-wrapped text (copied out of a PDF or a web page)


@dataclass(frozen=True)
class Line:
    """One paragraph of the plan with what the renderers need to know about it."""

    text: str
    start: int
    level: int = 0  # heading level, 0 for body text
    number: str = ""  # the heading marker at the line start
    glued: bool = False  # body text follows the heading on the same line
    title: bool = False
    budget: bool = False  # a budget item line (a table row in some docx renderings)


def plan_lines(plan: SynthPlan) -> list[Line]:
    """The plan's paragraphs with heading level and marker of each heading line."""
    heads: dict[int, GoldSection] = {sec.span[0]: sec for sec in plan.all_sections()}
    titles = {it.span[0] for it in plan.items if it.kind in ("title", "notice_title")}
    budget_starts = {it.span[0] for it in plan.items if it.kind == "budget_item"}
    out = []
    pos = 0
    for text in plan.text.split("\n"):
        sec = heads.get(pos)
        if sec is not None:
            marker_end = sec.heading_span[0] - pos
            glued = sec.heading_span[1] - pos < len(text)
            out.append(Line(text, pos, sec.level, text[:marker_end], glued))
        else:
            out.append(Line(text, pos, title=pos in titles, budget=pos in budget_starts))
        pos += len(text) + 1
    return out


def render(plan: SynthPlan, fmt: str, path: Path) -> Path:
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}; known: {', '.join(FORMATS)}")
    path.parent.mkdir(parents=True, exist_ok=True)
    if fmt == "txt":
        path.write_text(plan.text + "\n", encoding="utf-8")
    elif fmt == "txt-wrapped":
        path.write_text(wrapped_text(plan.text) + "\n", encoding="utf-8")
    elif fmt == "docx":
        path.write_bytes(docx_bytes(plan))
    else:
        path.write_bytes(pdf_bytes(plan))
    return path


def wrapped_text(text: str, width: int = WRAP_WIDTH) -> str:
    """Every paragraph broken into lines of ``width`` characters (never inside a number or Latin word)."""
    out: list[str] = []
    for para in text.split("\n"):
        while len(para) > width:
            cut = width
            while (
                0 < cut < len(para)
                and para[cut - 1].isascii()
                and para[cut - 1].isalnum()
                and para[cut].isascii()
                and para[cut].isalnum()
            ):
                cut -= 1
            cut = cut or width
            out.append(para[:cut])
            para = para[cut:]
        out.append(para)
    return "\n".join(out)


# ---------------------------------------------------------------- docx

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
# Word list levels per numbering style for heading levels 1 and 2: (numFmt, lvlText, suffix, restarts).
# ``restarts`` False keeps counting across higher levels (articles 第N条 run on across chapters).
WordLevel = tuple[str, str, str, bool]
_WORD_LEVELS: dict[str, tuple[WordLevel, WordLevel]] = {
    "gbt": (("chineseCounting", "%1、", "nothing", True), ("chineseCounting", "（%2）", "nothing", True)),
    "gbt_two": (("chineseCounting", "%1、", "nothing", True), ("decimal", "%2.", "nothing", True)),
    "chapter": (("chineseCounting", "第%1章", "space", True), ("chineseCounting", "第%2条", "space", False)),
    "part": (("chineseCounting", "第%1部分", "space", True), ("chineseCounting", "%2、", "nothing", True)),
    "dun": (("decimal", "%1、", "nothing", True), ("decimal", "(%2)", "nothing", True)),
    "mixed": (("chineseCounting", "%1、", "nothing", True), ("decimal", "%2、", "nothing", True)),
}
_ABSTRACT_ID = 90


def _auto_numbered(style: str, level: int) -> bool:
    return style in _WORD_LEVELS and 1 <= level <= 2


def _add_abstract_num(numbering, style: str, abstract_id: int) -> None:
    from docx.oxml import parse_xml

    lvls = []
    for ilvl, (fmt, text, suffix, restarts) in enumerate(_WORD_LEVELS[style]):
        restart = "" if restarts else '<w:lvlRestart w:val="0"/>'
        lvls.append(
            f'<w:lvl w:ilvl="{ilvl}"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/>{restart}'
            f'<w:suff w:val="{suffix}"/><w:lvlText w:val="{text}"/><w:lvlJc w:val="left"/>'
            f'<w:pPr><w:ind w:left="0" w:firstLine="640"/></w:pPr></w:lvl>'
        )
    xml = f'<w:abstractNum xmlns:w="{W}" w:abstractNumId="{abstract_id}"><w:multiLevelType w:val="multilevel"/>{"".join(lvls)}</w:abstractNum>'
    first_num = numbering.find(f"{{{W}}}num")
    el = parse_xml(xml)
    if first_num is not None:
        first_num.addprevious(el)
    else:
        numbering.append(el)


def _add_num(numbering, num_id: int, abstract_id: int) -> None:
    """A list instance; each document gets its own abstract list, so numbering restarts without overrides."""
    from docx.oxml import parse_xml

    numbering.append(
        parse_xml(f'<w:num xmlns:w="{W}" w:numId="{num_id}"><w:abstractNumId w:val="{abstract_id}"/></w:num>')
    )


def _set_num(paragraph, num_id: int, ilvl: int) -> None:
    num_pr = paragraph._p.get_or_add_pPr().get_or_add_numPr()  # keeps the schema order of pPr children
    num_pr.get_or_add_ilvl().val = ilvl
    num_pr.get_or_add_numId().val = num_id


def _east_asian(run, font: str) -> None:
    from docx.oxml.ns import qn

    r_pr = run._r.get_or_add_rPr()
    r_fonts = r_pr.find(qn("w:rFonts"))
    if r_fonts is None:
        r_fonts = r_pr.makeelement(qn("w:rFonts"), {})
        r_pr.insert(0, r_fonts)
    r_fonts.set(qn("w:eastAsia"), font)


def docx_variant(plan: SynthPlan) -> dict[str, bool]:
    """How a plan's .docx is laid out, fixed by its seed: Word numbering or typed numbers, heading
    styles or bold direct formatting, budget lines in a table."""
    return {
        "auto_numbering": plan.seed % 10 < 7,
        "heading_styles": plan.seed % 4 != 0,
        "budget_table": plan.seed % 3 == 0,
    }


def docx_bytes(plan: SynthPlan) -> bytes:
    """The plan as a .docx; in auto-numbering styles the first two heading levels use numbering.xml."""
    import docx
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt

    document = docx.Document()
    document.core_properties.title = plan.title
    document.core_properties.author = plan.department
    stamp = datetime(plan.year, 1, 1)
    document.core_properties.created = stamp
    document.core_properties.modified = stamp
    document.core_properties.last_modified_by = plan.department
    document.core_properties.revision = 1
    styles_per_doc = plan.style.get("numbering_per_document") or [plan.style.get("numbering", "gbt")]
    numbering = document.part.numbering_part.element
    auto_styles = {s for s in styles_per_doc if s in _WORD_LEVELS}
    run_on = any(sec.span[0] > 0 and plan.text[sec.span[0] - 1] != "\n" for sec in plan.all_sections())
    if len(auto_styles) > 1 or run_on or not docx_variant(plan)["auto_numbering"]:  # typed numbers, as many writers do
        auto_styles = set()  # (a heading run on mid-paragraph cannot be a list item, so Word would count wrong)
    variant = docx_variant(plan)
    budget_table = variant["budget_table"]
    table = None
    doc_index = -1
    num_id = 0
    doc_starts = [d[0] for d in plan.documents]
    for line in plan_lines(plan):
        while doc_index + 1 < len(doc_starts) and line.start >= doc_starts[doc_index + 1]:
            doc_index += 1
            if auto_styles:
                num_id = 900 + doc_index
                _add_abstract_num(numbering, next(iter(auto_styles)), _ABSTRACT_ID + doc_index)
                _add_num(numbering, num_id, _ABSTRACT_ID + doc_index)
        style = styles_per_doc[max(doc_index, 0)] if styles_per_doc else "gbt"
        if line.budget and budget_table:
            table = table or document.add_table(rows=0, cols=1)
            table.add_row().cells[0].text = line.text
            continue
        table = None
        text = line.text
        auto = bool(line.level and auto_styles and _auto_numbered(style, line.level) and style in auto_styles)
        if auto:
            text = text[len(line.number) :].lstrip(" ")
        styled = bool(line.level and not line.glued and variant["heading_styles"])
        paragraph = document.add_paragraph(style=f"Heading {min(line.level, 3)}" if styled else None)
        bold_heading = line.level == 1 and not line.glued and not styled  # direct formatting, no heading style
        run = paragraph.add_run(text)
        if auto:
            _set_num(paragraph, num_id, line.level - 1)
        if line.title:
            paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
            run.bold = True
            run.font.size = Pt(22)
            _east_asian(run, "方正小标宋简体")
        elif line.level == 1:
            run.bold = True if bold_heading else None
            _east_asian(run, "黑体")
        elif line.level == 2:
            _east_asian(run, "楷体")
        else:
            _east_asian(run, "仿宋")
    buffer = io.BytesIO()
    document.save(buffer)
    return _fixed_zip(buffer.getvalue())


def _fixed_zip(data: bytes) -> bytes:
    """Rewrite a zip with fixed entry timestamps so the same plan gives the same bytes."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=(1980, 1, 1, 0, 0, 0))
            fixed.compress_type = zipfile.ZIP_DEFLATED
            dst.writestr(fixed, src.read(info.filename))
    return out.getvalue()


# ---------------------------------------------------------------- pdf

_FONT = "STSong-Light"
_PAGE_W, _PAGE_H = 595.27, 841.89  # A4 in points
_MARGIN_X, _MARGIN_TOP, _MARGIN_BOTTOM = 80.0, 90.0, 80.0
_SIZES = {"title": 20.0, 1: 15.0, 2: 14.0}
_BODY = 13.0


def _wrap(text: str, size: float, width: float, indent: float) -> list[str]:
    """Break a paragraph into lines that fit ``width`` (CJK text breaks between any two characters)."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    lines: list[str] = []
    current = ""
    room = width - indent
    for ch in text:
        if current and stringWidth(current + ch, _FONT, size) > room:
            carry = ""
            while ch.isascii() and ch.isalnum() and current and current[-1].isascii() and current[-1].isalnum():
                carry = current[-1] + carry  # never break inside a number or a Latin word
                current = current[:-1]
            if not current:
                current, carry = carry, ""
            lines.append(current)
            current = carry
            room = width
        current += ch
    lines.append(current)
    return lines


def pdf_bytes(plan: SynthPlan) -> bytes:
    """The plan as an A4 PDF in STSong-Light: justified lines, first lines indented two characters,
    headings larger and stroked bold, pages numbered “— N —”."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(UnicodeCIDFont(_FONT))
    buffer = io.BytesIO()
    c = canvas.Canvas(buffer, pagesize=(_PAGE_W, _PAGE_H), invariant=1, pageCompression=0)
    c.setTitle(plan.title)
    c.setAuthor(plan.department)
    width = _PAGE_W - 2 * _MARGIN_X
    y = _PAGE_H - _MARGIN_TOP
    page = 1

    def new_page() -> float:
        nonlocal page
        c.setFont(_FONT, 11)
        c.drawCentredString(_PAGE_W / 2, 40, f"— {page} —")
        c.showPage()
        page += 1
        return _PAGE_H - _MARGIN_TOP

    for line in plan_lines(plan):
        kind: str | int = "title" if line.title else (line.level if line.level in (1, 2) and not line.glued else 0)
        size = _SIZES.get(kind, _BODY)
        indent = 0.0 if kind == "title" else 2 * size
        leading = size * 1.6
        chunks = _wrap(line.text, size, width, indent)
        for i, chunk in enumerate(chunks):
            if y < _MARGIN_BOTTOM:
                y = new_page()
            text = c.beginText()
            text.setFont(_FONT, size)
            text.setTextRenderMode(2 if kind in ("title", 1) else 0)
            if kind == "title":
                x = (_PAGE_W - pdfmetrics.stringWidth(chunk, _FONT, size)) / 2
            else:
                x = _MARGIN_X + (indent if i == 0 else 0)
                if i + 1 < len(chunks) and len(chunk) > 1:  # justified, as Word sets Chinese text
                    room = width - (indent if i == 0 else 0) - pdfmetrics.stringWidth(chunk, _FONT, size)
                    text.setCharSpace(max(0.0, min(room / (len(chunk) - 1), size / 2)))
            text.setTextOrigin(x, y)
            text.textOut(chunk)
            c.drawText(text)
            y -= leading
        if kind == "title":
            y -= size * 0.5
    c.setFont(_FONT, 11)
    c.drawCentredString(_PAGE_W / 2, 40, f"— {page} —")
    c.showPage()
    c.save()
    return buffer.getvalue()
