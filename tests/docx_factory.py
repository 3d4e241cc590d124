"""Build .docx fixtures at test time: python-docx for the package, lxml for what it cannot write.

Numbering is written as real ``numbering.xml`` definitions (``w:abstractNum`` levels with
``numFmt``/``lvlText``/``start``/``lvlRestart``/``isLgl``/``suff``, ``w:num`` with
``w:lvlOverride``), so the reader is tested against the same structures Word saves.
All text is written for the tests; nothing comes from real documents.
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass

from docx import Document
from docx.oxml import parse_xml
from docx.shared import Pt
from docx.text.paragraph import Paragraph
from lxml import etree

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NAMESPACES = {
    "w": W,
    "mc": "http://schemas.openxmlformats.org/markup-compatibility/2006",
    "wps": "http://schemas.microsoft.com/office/word/2010/wordprocessingShape",
    "wp": "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing",
    "a": "http://schemas.openxmlformats.org/drawingml/2006/main",
    "v": "urn:schemas-microsoft-com:vml",
    "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
}
_DECLS = " ".join(f'xmlns:{prefix}="{uri}"' for prefix, uri in NAMESPACES.items())


def q(tag: str) -> str:
    """``w:numId`` → ``{namespace}numId``."""
    prefix, local = tag.split(":")
    return f"{{{NAMESPACES[prefix]}}}{local}"


def xml(fragment: str) -> etree._Element:
    """One element from WordprocessingML text written with the usual prefixes (w:, mc:, wps:, v: ...)."""
    element: etree._Element = parse_xml(_with_decls(fragment))
    return element


def _with_decls(fragment: str) -> str:
    fragment = fragment.strip()
    end = fragment.index(">")
    if fragment[end - 1] == "/":
        end -= 1
    return fragment[:end] + " " + _DECLS + fragment[end:]


def run(text: str, *, bold: bool = False, size: float | None = None) -> str:
    """A ``w:r`` with text (``xml:space`` preserved)."""
    props = ("<w:b/>" if bold else "") + (f'<w:sz w:val="{int(size * 2)}"/>' if size else "")
    rpr = f"<w:rPr>{props}</w:rPr>" if props else ""
    return f'<w:r>{rpr}<w:t xml:space="preserve">{text}</w:t></w:r>'


@dataclass(frozen=True)
class Lvl:
    """One list level as numbering.xml declares it."""

    fmt: str = "decimal"
    text: str = "%1."
    start: int | None = 1
    restart: int | None = None
    is_lgl: bool = False
    suffix: str | None = None
    p_style: str | None = None

    def to_xml(self, ilvl: int) -> str:
        parts = [f'<w:lvl w:ilvl="{ilvl}">']
        if self.start is not None:
            parts.append(f'<w:start w:val="{self.start}"/>')
        parts.append(f'<w:numFmt w:val="{self.fmt}"/>')
        if self.restart is not None:
            parts.append(f'<w:lvlRestart w:val="{self.restart}"/>')
        if self.p_style:
            parts.append(f'<w:pStyle w:val="{self.p_style}"/>')
        if self.is_lgl:
            parts.append("<w:isLgl/>")
        if self.suffix:
            parts.append(f'<w:suff w:val="{self.suffix}"/>')
        parts.append(f'<w:lvlText w:val="{self.text}"/><w:lvlJc w:val="left"/></w:lvl>')
        return "".join(parts)


# The ladder of Chinese official documents: 一、 （一） 1. （1）
GONGWEN = (
    Lvl("chineseCountingThousand", "%1、"),
    Lvl("chineseCountingThousand", "（%2）"),
    Lvl("decimal", "%3."),
    Lvl("decimal", "（%4）"),
)


class DocxBuilder:
    """A document under construction; :meth:`to_bytes` gives the .docx file."""

    def __init__(self) -> None:
        self.doc = Document()
        self.body = self.doc.element.body
        self.numbering = self.doc.part.numbering_part.element
        self._next_abstract = 900
        self._next_num = 900

    # -- numbering definitions

    def add_abstract(
        self, levels: tuple[Lvl, ...] | list[Lvl], *, num_style_link: str | None = None, style_link: str | None = None
    ) -> str:
        aid = str(self._next_abstract)
        self._next_abstract += 1
        inner = "".join(level.to_xml(i) for i, level in enumerate(levels))
        links = (f'<w:styleLink w:val="{style_link}"/>' if style_link else "") + (
            f'<w:numStyleLink w:val="{num_style_link}"/>' if num_style_link else ""
        )
        element = xml(
            f'<w:abstractNum w:abstractNumId="{aid}"><w:multiLevelType w:val="multilevel"/>{links}{inner}</w:abstractNum>'
        )
        nums = self.numbering.findall(q("w:num"))
        if nums:
            nums[0].addprevious(element)
        else:
            self.numbering.append(element)
        return aid

    def add_num(
        self,
        abstract_id: str,
        *,
        start_overrides: dict[int, int] | None = None,
        level_overrides: dict[int, Lvl] | None = None,
    ) -> str:
        nid = str(self._next_num)
        self._next_num += 1
        overrides = []
        for ilvl in sorted(set(start_overrides or {}) | set(level_overrides or {})):
            inner = ""
            if start_overrides and ilvl in start_overrides:
                inner += f'<w:startOverride w:val="{start_overrides[ilvl]}"/>'
            if level_overrides and ilvl in level_overrides:
                inner += level_overrides[ilvl].to_xml(ilvl)
            overrides.append(f'<w:lvlOverride w:ilvl="{ilvl}">{inner}</w:lvlOverride>')
        self.numbering.append(
            xml(f'<w:num w:numId="{nid}"><w:abstractNumId w:val="{abstract_id}"/>{"".join(overrides)}</w:num>')
        )
        return nid

    def add_list(self, *levels: Lvl) -> str:
        """A new list (abstract definition and one instance); returns its ``numId``."""
        return self.add_num(self.add_abstract(levels))

    # -- styles

    def add_style(
        self,
        style_id: str,
        name: str,
        *,
        num_id: str | None = None,
        ilvl: int | None = None,
        based_on: str | None = None,
        outline: int | None = None,
        bold: bool = False,
        size: float | None = None,
        kind: str = "paragraph",
        centered: bool = False,
    ) -> None:
        ppr = ""
        if num_id is not None:
            ilvl_xml = f'<w:ilvl w:val="{ilvl}"/>' if ilvl is not None else ""
            ppr += f'<w:numPr>{ilvl_xml}<w:numId w:val="{num_id}"/></w:numPr>'
        if centered:
            ppr += '<w:jc w:val="center"/>'
        if outline is not None:
            ppr += f'<w:outlineLvl w:val="{outline}"/>'
        rpr = ("<w:b/>" if bold else "") + (f'<w:sz w:val="{int(size * 2)}"/>' if size else "")
        element = xml(
            f'<w:style w:type="{kind}" w:styleId="{style_id}"><w:name w:val="{name}"/>'
            + (f'<w:basedOn w:val="{based_on}"/>' if based_on else "")
            + (f"<w:pPr>{ppr}</w:pPr>" if ppr else "")
            + (f"<w:rPr>{rpr}</w:rPr>" if rpr else "")
            + "</w:style>"
        )
        self.doc.styles.element.append(element)

    # -- content

    def paragraph(
        self,
        text: str = "",
        *,
        num: str | None = None,
        ilvl: int | None = 0,
        style: str | None = None,
        bold: bool = False,
        size: float | None = None,
        centered: bool = False,
    ) -> Paragraph:
        """A paragraph; ``style`` is a style id, ``num`` attaches it to a list (``"0"`` switches numbering off)."""
        para = self.doc.add_paragraph()
        if style:
            para._p.get_or_add_pPr().insert(0, xml(f'<w:pStyle w:val="{style}"/>'))
        if num is not None:
            ppr = para._p.get_or_add_pPr()
            ilvl_xml = f'<w:ilvl w:val="{ilvl}"/>' if ilvl is not None else ""
            ppr.append(xml(f'<w:numPr>{ilvl_xml}<w:numId w:val="{num}"/></w:numPr>'))
        if centered:
            para._p.get_or_add_pPr().append(xml('<w:jc w:val="center"/>'))
        if text:
            r = para.add_run(text)
            r.bold = bold or None
            if size:
                r.font.size = Pt(size)
        return para

    def raw_paragraph(self, inner: str, *, ppr: str = "") -> None:
        """A ``w:p`` whose runs are written as XML (fields, tracked changes, text boxes)."""
        self.raw_block(f"<w:p>{f'<w:pPr>{ppr}</w:pPr>' if ppr else ''}{inner}</w:p>")

    def raw_block(self, fragment: str) -> None:
        """Any block-level element (``w:sdt``, ``w:tbl`` ...) written as XML, appended to the body."""
        self.body.find(q("w:sectPr")).addprevious(xml(fragment))

    def table(self, rows: list[list[str]]) -> None:
        table = self.doc.add_table(rows=len(rows), cols=max(len(r) for r in rows))
        for r, cells in enumerate(rows):
            for c, text in enumerate(cells):
                table.cell(r, c).text = text

    def set_title(self, title: str) -> None:
        self.doc.core_properties.title = title

    def to_bytes(self) -> bytes:
        out = io.BytesIO()
        self.doc.save(out)
        return out.getvalue()


def text_box(text: str) -> str:
    """A run anchoring a text box, as Word 2010+ saves it: DrawingML choice plus a VML fallback."""
    inner = f"<w:txbxContent><w:p>{run(text)}</w:p></w:txbxContent>"
    return (
        "<w:r><mc:AlternateContent>"
        '<mc:Choice Requires="wps"><w:drawing><wp:anchor><a:graphic><a:graphicData>'
        f"<wps:wsp><wps:txbx>{inner}</wps:txbx></wps:wsp>"
        "</a:graphicData></a:graphic></wp:anchor></w:drawing></mc:Choice>"
        f"<mc:Fallback><w:pict><v:shape><v:textbox>{inner}</v:textbox></v:shape></w:pict></mc:Fallback>"
        "</mc:AlternateContent></w:r>"
    )


def field(instruction: str, result: str) -> str:
    """A complex field: begin, instruction, separate, result, end."""
    return (
        '<w:r><w:fldChar w:fldCharType="begin"/></w:r>'
        f'<w:r><w:instrText xml:space="preserve"> {instruction} </w:instrText></w:r>'
        '<w:r><w:fldChar w:fldCharType="separate"/></w:r>'
        f"{run(result)}"
        '<w:r><w:fldChar w:fldCharType="end"/></w:r>'
    )


def rezip(
    data: bytes,
    *,
    replace: dict[str, bytes] | None = None,
    add: dict[str, bytes] | None = None,
    drop: tuple[str, ...] = (),
) -> bytes:
    """The package ``data`` with parts replaced, added or dropped (for hostile variants)."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            if info.filename in drop:
                continue
            body = (replace or {}).get(info.filename, src.read(info.filename))
            dst.writestr(info.filename, body)
        for name, body in (add or {}).items():
            dst.writestr(name, body)
    return out.getvalue()


def simple_docx(text: str = "工作方案正文。") -> bytes:
    builder = DocxBuilder()
    builder.paragraph(text)
    return builder.to_bytes()


# ---------------------------------------------------------------- a password-protected .docx

_FREE, _END, _FAT = 0xFFFFFFFF, 0xFFFFFFFE, 0xFFFFFFFD


def _dir_entry(
    name: str, kind: int, *, child: int = _FREE, right: int = _FREE, start: int = _END, size: int = 0
) -> bytes:
    import struct

    raw = name.encode("utf-16-le") + b"\x00\x00"
    return (
        raw.ljust(64, b"\x00")
        + struct.pack("<HBB", len(raw), kind, 1)
        + struct.pack("<III", _FREE, right, child)
        + b"\x00" * 16
        + b"\x00" * 4
        + b"\x00" * 16
        + struct.pack("<IQ", start, size)
    )


def encrypted_docx() -> bytes:
    """What Word writes for a .docx with an open password: an OLE compound file holding
    ``EncryptionInfo`` and ``EncryptedPackage`` streams (contents are filler here)."""
    import struct

    sector = 512
    stream_sectors = 8  # 4096 bytes each: at the mini-stream cutoff, so they live in regular sectors
    fat = [_FAT, _END]
    for first in (2, 2 + stream_sectors):
        fat += [first + i + 1 for i in range(stream_sectors - 1)] + [_END]
    fat += [_FREE] * (sector // 4 - len(fat))
    header = (
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
        + b"\x00" * 16
        + struct.pack("<HHHHH", 0x3E, 3, 0xFFFE, 9, 6)
        + b"\x00" * 6
        + struct.pack("<IIIIIIIII", 0, 1, 1, 0, 4096, _END, 0, _END, 0)
        + struct.pack("<I", 0)
        + struct.pack("<I", _FREE) * 108
    )
    directory = (
        _dir_entry("Root Entry", 5, child=1)
        + _dir_entry("EncryptionInfo", 2, right=2, start=2, size=4096)
        + _dir_entry("EncryptedPackage", 2, start=2 + stream_sectors, size=4096)
        + _dir_entry("", 0, start=0)
    )
    body = struct.pack(f"<{len(fat)}I", *fat) + directory + b"\x04\x00\x04\x00" + b"\x00" * 4092 + b"\x11" * 4096
    return header + body
