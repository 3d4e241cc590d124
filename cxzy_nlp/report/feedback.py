"""The feedback pack of one department: an A4 审阅意见单 (.docx) and the annotated copies, zipped.

Rendering only: :mod:`cxzy_nlp.corpus.feedback` runs the check over the submitted files, groups
them by department and calls these functions. The Word documents are A4 with the margins of
GB/T 9704—2012 (top 37 mm, bottom 35 mm, left 28 mm, right 26 mm) and 公文 fonts set in the
styles: body 仿宋, level-1 headings 黑体, level-2 headings 楷体, title 宋体 (bold).
"""

from __future__ import annotations

import io
import re
import unicodedata
import zipfile
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path, PurePath
from typing import TYPE_CHECKING, Any

from ..model import Analysis, Document, Finding
from .summary import SEVERITY_ZH, finding_section_name

if TYPE_CHECKING:
    from ..corpus.board import Board

__all__ = [
    "BODY_FONT",
    "HEADING_FONTS",
    "MARGINS_MM",
    "SheetFile",
    "advice_of",
    "board_document",
    "gongwen_document",
    "opinion_sheet",
    "rule_name",
    "safe_name",
    "write_zip",
]

BODY_FONT = "仿宋"
HEADING_FONTS = {1: "黑体", 2: "楷体"}
TITLE_FONT = "宋体"
LATIN_FONT = "Times New Roman"
MARGINS_MM = {"top": 37, "bottom": 35, "left": 28, "right": 26}  # GB/T 9704—2012 §5.2.1
A4_MM = (210, 297)


# ------------------------------------------------------------------ names


_FORBIDDEN = re.compile(r'[\x00-\x1f\x7f<>:"/\\|?*\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff\ud800-\udfff]')
_RESERVED = re.compile(r"^(con|prn|aux|nul|com\d|lpt\d)(\..*)?$", re.IGNORECASE)


def safe_name(text: str, limit: int = 80) -> str:
    """A file name made from ``text`` that is safe on Windows, macOS and Linux and inside a zip.

    Separators, wildcards, control and invisible characters become ``_``; leading and trailing
    dots and spaces go; reserved device names (CON, NUL…) get a leading ``_``; at most
    ``limit`` characters; an empty result is ``未命名``.
    """
    name = _FORBIDDEN.sub("_", unicodedata.normalize("NFC", text or ""))
    name = name.strip(" .")[:limit].strip(" .")
    if _RESERVED.match(name):
        name = "_" + name
    return name or "未命名"


def unique_names(names: Iterable[str]) -> list[str]:
    """The names with a （2）, （3）… suffix (before the extension) where one repeats, case-insensitively."""
    seen: set[str] = set()
    out = []
    for name in names:
        stem, dot, ext = name.rpartition(".") if "." in name else (name, "", "")
        candidate, n = name, 2
        while candidate.lower() in seen:
            candidate = f"{stem}（{n}）{dot}{ext}"
            n += 1
        seen.add(candidate.lower())
        out.append(candidate)
    return out


# ------------------------------------------------------------------ words


def rule_name(rule: str) -> str:
    """The rule's Chinese name from the catalogue (the id itself for a rule the catalogue lacks)."""
    from ..check.knowledge import catalogue

    info = catalogue().get(rule)
    return info.name if info is not None and info.name else rule


_ADVICE = re.compile(r"[，；。,;]\s*((?:请|建议|应当|应)[^，；。]*(?:[，；][^，；。]*)*)[。.]?$")


def advice_of(finding: Finding) -> tuple[str, str]:
    """(the reason, the suggested fix) of a finding's message: its closing “请…/建议…” clause is the fix.

    A message without such a clause is all reason and the fix is empty.
    """
    message = finding.message.strip()
    match = _ADVICE.search(message)
    if match is None or match.start() == 0:
        return message, ""
    return message[: match.start()].rstrip("，；,; "), match.group(1).rstrip("。.")


def _place(finding: Finding) -> str:
    from ..locate import describe

    return describe(finding.location, section=False)


# ------------------------------------------------------------------ the Word document


def _set_fonts(style: Any, east_asia: str, size_pt: float, *, bold: bool = False) -> None:
    """Fonts written in the style itself (eastAsia and Latin), theme fonts and colours removed."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Pt, RGBColor

    rpr = style.element.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for theme in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        fonts.attrib.pop(qn(theme), None)
    fonts.set(qn("w:ascii"), LATIN_FONT)
    fonts.set(qn("w:hAnsi"), LATIN_FONT)
    fonts.set(qn("w:eastAsia"), east_asia)
    fonts.set(qn("w:cs"), LATIN_FONT)
    style.font.size = Pt(size_pt)
    style.font.bold = bold
    style.font.italic = False
    style.font.color.rgb = RGBColor(0, 0, 0)


def gongwen_document() -> Any:
    """An empty python-docx document: A4, GB/T 9704 margins, 公文 fonts in its styles."""
    import docx
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Mm, Pt

    document = docx.Document()
    for section in document.sections:
        section.page_width, section.page_height = Mm(A4_MM[0]), Mm(A4_MM[1])
        section.top_margin, section.bottom_margin = Mm(MARGINS_MM["top"]), Mm(MARGINS_MM["bottom"])
        section.left_margin, section.right_margin = Mm(MARGINS_MM["left"]), Mm(MARGINS_MM["right"])
    styles = document.styles
    _set_fonts(styles["Normal"], BODY_FONT, 14)  # 四号: a working list, not a 公文 body (三号)
    styles["Normal"].paragraph_format.line_spacing = Pt(24)
    _set_fonts(styles["Title"], TITLE_FONT, 22, bold=True)  # 二号
    title = styles["Title"].paragraph_format
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    title.space_after = Pt(12)
    _title_without_border(styles["Title"])
    for level, font in HEADING_FONTS.items():
        _set_fonts(styles[f"Heading {level}"], font, 16 if level == 1 else 15)  # 三号 / 小三
        styles[f"Heading {level}"].paragraph_format.space_before = Pt(12)
        styles[f"Heading {level}"].paragraph_format.space_after = Pt(6)
    return document


def _title_without_border(style: Any) -> None:
    from docx.oxml.ns import qn

    ppr = style.element.pPr
    if ppr is not None:
        for border in ppr.findall(qn("w:pBdr")):
            ppr.remove(border)


def _table(
    document: Any, header: Sequence[str], rows: Sequence[Sequence[object]], weights: Sequence[float] = ()
) -> Any:
    """A grid table in 五号 type; ``weights`` share the text width between the columns."""
    from docx.shared import Pt

    table = document.add_table(rows=1, cols=len(header))
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, header, strict=True):
        cell.text = ""
        run = cell.paragraphs[0].add_run(text)
        run.bold = True
    for row in rows:
        cells = table.add_row().cells
        for cell, value in zip(cells, row, strict=True):
            cell.text = "" if value is None else str(value)
    for row in table.rows:
        for cell in row.cells:
            for para in cell.paragraphs:
                para.paragraph_format.line_spacing = Pt(18)
                for run in para.runs:
                    run.font.size = Pt(10.5)  # 五号 in tables
    if weights:
        section = document.sections[-1]
        width = section.page_width - section.left_margin - section.right_margin
        table.autofit = False
        for column, weight in zip(table.columns, weights, strict=True):
            share = int(width * weight / sum(weights))
            column.width = share
            for cell in column.cells:
                cell.width = share
    return table


def _to_bytes(document: Any) -> bytes:
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _labelled(document: Any, label: str, text: str) -> None:
    para = document.add_paragraph()
    para.add_run(f"{label}：").bold = True
    para.add_run(text)


# ------------------------------------------------------------------ the 审阅意见单


@dataclass(frozen=True)
class SheetFile:
    """One submitted file as the sheet shows it: its name, its analysis, and what became of its copy."""

    name: str  # as the department knows it (file name, or path below the department's folder)
    analysis: Analysis
    copy: str | None = None  # the annotated copy's name inside the pack
    copy_error: str | None = None  # why no annotated copy could be made


def _doc_groups(document: Document) -> list[tuple[str, list[Finding]]]:
    """The document's findings grouped by section: whole-document ones first, then sections in text order."""
    groups: dict[str, list[Finding]] = {}
    starts: dict[str, int] = {}
    for finding in document.findings:
        name = finding_section_name(document, finding) if finding.section else ""
        groups.setdefault(name, []).append(finding)
        section = document.section_by_id(finding.section) if finding.section else None
        start = section.span[0] if section is not None else -1
        starts[name] = min(starts.get(name, start), start)
    order = sorted(groups, key=lambda name: (starts[name], name))
    return [(name, sorted(groups[name], key=lambda f: f.span[0] if f.span else -1)) for name in order]


def finding_entry(number: int, finding: Finding) -> str:
    """The first line of a finding's entry: "问题3 【错误】缺少必备章节（第3页）"."""
    where = _place(finding)
    severity = SEVERITY_ZH.get(finding.severity, finding.severity)
    return f"问题{number} 【{severity}】{rule_name(finding.rule)}" + (f"（{where}）" if where else "")


def opinion_sheet(
    department: str,
    files: Sequence[SheetFile],
    *,
    reviewer: str = "",
    date: str = "",
    missing: Sequence[str] = (),
) -> bytes:
    """The department's 审阅意见单 as .docx bytes: summary, then each document's findings by section.

    Each finding is one entry: its place, the quote (原文), the reason (Chinese rule name and
    message) and the suggested fix. ``missing`` are files the manifest expects and nobody sent.
    """
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    document = gongwen_document()
    document.core_properties.title = f"{department}审阅意见单"
    document.core_properties.author = reviewer or "cxzy"
    document.add_paragraph("审阅意见单", style="Title")
    _labelled(document, "报送单位", department)
    _labelled(document, "审阅人", reviewer or "（未署名）")
    _labelled(document, "审阅日期", date)

    findings = [f for sf in files for d in sf.analysis.documents for f in d.findings]
    counts = Counter(f.severity for f in findings)
    unreadable = [sf for sf in files if sf.analysis.errors and not sf.analysis.documents]
    documents = sum(len(sf.analysis.documents) for sf in files)
    document.add_heading("一、总体情况", level=1)
    document.add_paragraph(
        f"共审阅报送材料 {len(files)} 份（{documents} 篇文档），发现问题 {len(findings)} 条："
        f"错误 {counts['error']} 条、警告 {counts['warn']} 条、提示 {counts['info']} 条。"
        + (f"其中 {len(unreadable)} 份材料无法读取，请重新报送。" if unreadable else "")
        + ("“错误”类问题请修改后重新报送；“警告”“提示”类问题请核实。" if findings else "")
    )
    rules = Counter(rule_name(f.rule) for f in findings)
    if rules:
        document.add_paragraph("问题分布：" + "、".join(f"{name} {n} 条" for name, n in rules.most_common()))
    if missing:
        document.add_paragraph("清单中未报送的材料：" + "、".join(missing) + "。")
    _table(
        document,
        ("材料", "文档", "错误", "警告", "提示", "批注稿"),
        [
            (
                sf.name,
                len(sf.analysis.documents),
                *(sum(f.severity == s for d in sf.analysis.documents for f in d.findings) for s in SEVERITY_ZH),
                sf.copy or ("无法读取" if sf in unreadable else "未生成"),
            )
            for sf in files
        ],
        weights=(5, 1, 1, 1, 1, 5),
    )

    document.add_heading("二、具体意见", level=1)
    number = 0
    ordinal = 0
    for sf in files:
        for err in sf.analysis.errors:
            ordinal += 1
            document.add_heading(f"（{_zh_number(ordinal)}）{sf.name}", level=2)
            document.add_paragraph(f"无法读取：{err.get('message', '')}（{err.get('code', '')}）")
        for i, doc in enumerate(sf.analysis.documents):
            ordinal += 1
            title = doc.title or PurePath(sf.name).stem
            suffix = f"，第{i + 1}篇" if len(sf.analysis.documents) > 1 else ""
            document.add_heading(f"（{_zh_number(ordinal)}）《{title}》（{sf.name}{suffix}）", level=2)
            if sf.copy_error:
                document.add_paragraph(f"未能生成批注稿：{sf.copy_error}")
            if not doc.findings:
                document.add_paragraph("未发现问题。")
                continue
            for section, group in _doc_groups(doc):
                para = document.add_paragraph()
                para.add_run(f"章节：{section}" if section else "全文").bold = True
                for finding in group:
                    number += 1
                    entry = document.add_paragraph()
                    entry.add_run(finding_entry(number, finding)).bold = True
                    reason, fix = advice_of(finding)
                    if finding.evidence:
                        _labelled(document, "原文", f"“{_short(finding.evidence)}”")
                    _labelled(document, "问题", f"{rule_name(finding.rule)}。{reason}")
                    _labelled(document, "修改建议", fix or "请按上述问题核实修改。")
    if not files:
        document.add_paragraph("本单位未报送材料。")
    closing = document.add_paragraph(f"审阅人：{reviewer or '（未署名）'}　　{date}")
    closing.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    return _to_bytes(document)


def _short(text: str, limit: int = 200) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


_DIGITS = "零一二三四五六七八九"


def _zh_number(n: int) -> str:
    """一, 二 … 九十九 (and digits beyond): the ordinal of a （一） heading."""
    if n < 10:
        return _DIGITS[n]
    if n < 100:
        tens, ones = divmod(n, 10)
        return ("" if tens == 1 else _DIGITS[tens]) + "十" + (_DIGITS[ones] if ones else "")
    return str(n)


# ------------------------------------------------------------------ the board as Word


def board_document(board: Board, *, reviewer: str = "", date: str = "", title: str = "收文审阅汇总") -> bytes:
    """The submission board as an A4 .docx (the 汇总 of the feedback folder)."""
    from docx.enum.section import WD_ORIENT

    document = gongwen_document()
    section = document.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = section.page_height, section.page_width
    document.core_properties.title = title
    document.add_paragraph(title, style="Title")
    totals = board.totals
    document.add_paragraph(
        f"涉及单位 {len(board.rows)} 个：已报送 {board.count('已报送')} 个，未报送 {board.count('未报送')} 个，"
        f"读取失败 {board.count('读取失败')} 个；共 {totals.files} 份材料，发现错误 {totals.errors} 条、"
        f"警告 {totals.warnings} 条、提示 {totals.infos} 条。"
    )
    _table(document, board.columns, [r.cells() for r in board.rows], weights=(4, 1.6, 1.4, 1, 1, 1, 1, 1.4, 4))
    if reviewer or date:
        document.add_paragraph(f"审阅人：{reviewer or '（未署名）'}　　{date}")
    return _to_bytes(document)


# ------------------------------------------------------------------ the zip


def write_zip(path: str | Path, members: Sequence[tuple[str, bytes | Path]]) -> Path:
    """Write ``members`` (name inside the archive, content or file) to a zip, names flagged UTF-8.

    The archive is written beside ``path`` and moved into place, so a failure leaves no half zip.
    """
    import os
    import tempfile
    import time

    stamp = time.localtime()[:6]
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=".cxzy-", suffix=".zip", dir=target.parent)
    try:
        with os.fdopen(fd, "wb") as fh, zipfile.ZipFile(fh, "w", zipfile.ZIP_DEFLATED) as archive:
            for name, content in members:
                info = zipfile.ZipInfo(name, date_time=stamp)
                info.compress_type = zipfile.ZIP_DEFLATED
                info.flag_bits |= 0x800  # the name is UTF-8 (APPNOTE 6.3.0 bit 11), also for ASCII names
                data = content.read_bytes() if isinstance(content, Path) else content
                archive.writestr(info, data)
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)  # as an ordinary new file, not mkstemp's 0600
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return target
