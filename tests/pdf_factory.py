"""Chinese PDF fixtures made with reportlab's built-in CID font ``STSong-Light``.

A small typesetter: paragraphs wrap at the right margin (Chinese anywhere, Latin words
whole), the first line is indented two characters, headings are bigger or bold, and every
page may carry a running header, a footer and a page number. All text here is written for
the tests; nothing is taken from real documents. Output is deterministic (``invariant=1``).
"""

from __future__ import annotations

import copy
import io
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import CIDFontInfo, UnicodeCIDFont
from reportlab.pdfgen.canvas import Canvas

SONG = "STSong-Light"
SONG_BOLD = "STSong-Light-Bold"  # same glyphs, a font name that says Bold (as 黑体/Bold faces do)


class _BoldNamedCIDFont(UnicodeCIDFont):
    """STSong-Light written under the name ``STSongStd-Light,Bold`` (Acrobat's synthetic-bold naming)."""

    def __init__(self) -> None:
        super().__init__(SONG)
        self.name = self.fontName = SONG_BOLD

    def addObjects(self, doc):  # reportlab's hook name
        internal = "F" + repr(len(doc.fontMapping) + 1)
        info = copy.deepcopy(CIDFontInfo[SONG])
        info["BaseFont"] = "/STSong-Light,Bold"
        info["DescendantFonts"][0]["BaseFont"] = "/STSong-Light,Bold"
        info["DescendantFonts"][0]["FontDescriptor"]["FontName"] = "/STSongStd-Light,Bold"
        info["Name"] = "/" + internal
        info["Encoding"] = "/" + self.encodingName
        from reportlab.pdfbase.cidfonts import structToPDF

        ref = doc.Reference(structToPDF(info), internal)
        doc.idToObject["BasicFonts"].dict[internal] = ref
        doc.fontMapping[self.name] = "/" + internal


def register_fonts() -> None:
    if SONG not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(UnicodeCIDFont(SONG))
    if SONG_BOLD not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(_BoldNamedCIDFont())


# ---------------------------------------------------------------- what to typeset


@dataclass(frozen=True)
class Para:
    """One paragraph to typeset."""

    text: str
    size: float = 12.0
    bold: bool = False
    indent: bool = True  # 首行缩进 two characters
    center: bool = False
    space_before: float = 0.0
    double: bool = False  # draw every line twice, 0.3 pt apart (bold faked by overprinting)


@dataclass(frozen=True)
class PageBreak:
    """Force the following paragraphs onto a new page."""


@dataclass(frozen=True)
class ImagePage:
    """A page holding only a picture (a scanned page): no text layer."""


@dataclass(frozen=True)
class RawText:
    """Raw bytes shown with a Helvetica font whose encoding maps 0x80..0x82 to U+E001, U+0002, U+FFFD.

    ``\\001`` has no glyph at all and decodes to ``(cid:1)``. ``ops`` is a PDF string body
    (escapes allowed), e.g. ``r"ok\\200\\201"``.
    """

    ops: str
    size: float = 12.0


Item = Para | PageBreak | ImagePage | RawText


@dataclass(frozen=True)
class Setup:
    """Page geometry and running elements; ``{n}`` and ``{total}`` are page numbers."""

    width: float = 595.0
    height: float = 842.0
    margin: float = 72.0
    leading: float = 1.5  # line height as a multiple of the font size
    header: str | None = None
    footer: str | None = None
    page_number: str | None = None
    columns: int = 1
    gutter: float = 24.0
    encrypt: str | None = None  # user password
    title: str | None = None
    extra: dict[int, Callable[[Canvas], None]] = field(default_factory=dict)


# ---------------------------------------------------------------- wrapping

_TOKEN_RE = re.compile(r"[A-Za-z0-9][A-Za-z0-9.\-]*|\s+|.", re.S)


def wrap(text: str, font: str, size: float, first_width: float, width: float) -> list[str]:
    """Break ``text`` into lines no wider than the given widths; Latin words are not split."""
    lines: list[str] = []
    current = ""
    limit = first_width
    for token in _TOKEN_RE.findall(text):
        candidate = current + token
        if current and pdfmetrics.stringWidth(candidate.rstrip(), font, size) > limit:
            lines.append(current.rstrip())
            current = token.lstrip()
            limit = width
        else:
            current = candidate
    if current.strip():
        lines.append(current.rstrip())
    return lines


# ---------------------------------------------------------------- the typesetter


class _Typesetter:
    def __init__(self, setup: Setup, total_pages: int) -> None:
        register_fonts()
        self.setup = setup
        self.total = total_pages
        self.buffer = io.BytesIO()
        encrypt = None
        if setup.encrypt is not None:
            from reportlab.lib.pdfencrypt import StandardEncryption

            encrypt = StandardEncryption(setup.encrypt, ownerPassword="owner-" + setup.encrypt, strength=128)
        self.canvas = Canvas(self.buffer, pagesize=(setup.width, setup.height), invariant=1, encrypt=encrypt)
        if setup.title:
            self.canvas.setTitle(setup.title)
        self.page = 1
        self.column = 0
        self.y = self._top()
        self.page_has_body = False

    # geometry
    def _top(self) -> float:
        return self.setup.height - self.setup.margin

    def _column_width(self) -> float:
        s = self.setup
        usable = s.width - 2 * s.margin
        return (usable - (s.columns - 1) * s.gutter) / s.columns

    def _column_left(self) -> float:
        return self.setup.margin + self.column * (self._column_width() + self.setup.gutter)

    # pages
    def _decorate(self) -> None:
        s, c = self.setup, self.canvas
        values = {"n": self.page, "total": self.total}
        if s.header:
            c.setFont(SONG, 9)
            c.drawCentredString(s.width / 2, s.height - s.margin / 2, s.header.format(**values))
        if s.footer:
            c.setFont(SONG, 9)
            c.drawString(s.margin, s.margin / 2, s.footer.format(**values))
        if s.page_number:
            c.setFont(SONG, 10)
            c.drawCentredString(s.width / 2, s.margin / 3, s.page_number.format(**values))
        hook = s.extra.get(self.page)
        if hook:
            hook(c)

    def new_page(self) -> None:
        self._decorate()
        self.canvas.showPage()
        self.page += 1
        self.column = 0
        self.y = self._top()
        self.page_has_body = False

    def _next_column(self) -> None:
        if self.column + 1 < self.setup.columns:
            self.column += 1
            self.y = self._top()
        else:
            self.new_page()

    # content
    def paragraph(self, para: Para) -> None:
        font = SONG_BOLD if para.bold else SONG
        width = self._column_width()
        indent = 2 * para.size if para.indent and not para.center else 0.0
        line_height = para.size * self.setup.leading
        if self.page_has_body:
            self.y -= para.space_before
        for i, text in enumerate(wrap(para.text, font, para.size, width - indent, width)):
            if self.y - line_height < self.setup.margin:
                self._next_column()
            self.y -= line_height
            self.canvas.setFont(font, para.size)
            left = self._column_left()
            for shift in (0.0, 0.3) if para.double else (0.0,):
                if para.center:
                    self.canvas.drawCentredString(left + width / 2 + shift, self.y, text)
                else:
                    self.canvas.drawString(left + (indent if i == 0 else 0.0) + shift, self.y, text)
            self.page_has_body = True

    def image_page(self) -> None:
        if self.page_has_body:
            self.new_page()
        from reportlab.lib.utils import ImageReader

        self.canvas.drawImage(ImageReader(_grey_picture()), 100, 300, width=300, height=300)
        self.page_has_body = True
        self.new_page()

    def raw_text(self, raw: RawText) -> None:
        name = self.canvas._doc.getInternalFontName(_odd_font())
        self.y -= raw.size * self.setup.leading
        self.canvas._code.append(f"BT {name} {raw.size} Tf {self._column_left()} {self.y} Td ({raw.ops}) Tj ET")
        self.page_has_body = True

    def finish(self) -> bytes:
        if self.page_has_body or self.page == 1:
            self._decorate()
            self.canvas.showPage()
        else:
            self.page -= 1
        self.canvas.save()
        return self.buffer.getvalue()


def _grey_picture():  # a PIL image; PIL ships with reportlab's image support
    from PIL import Image

    picture = Image.new("L", (64, 64), 200)
    for i in range(64):
        picture.putpixel((i, i), 0)
    return picture


def _odd_font() -> str:
    name = "Helvetica-Odd"
    if name not in pdfmetrics.getRegisteredFontNames():
        encoding = pdfmetrics.Encoding("CxzyOddEncoding", "WinAnsiEncoding")
        encoding[0x80] = "uniE001"
        encoding[0x81] = "controlSTX"
        encoding[0x82] = "uniFFFD"
        pdfmetrics.registerEncoding(encoding)
        pdfmetrics.registerFont(pdfmetrics.Font(name, "Helvetica", "CxzyOddEncoding"))
    return name


def _typeset(items: Sequence[Item], setup: Setup, total: int) -> tuple[bytes, int]:
    ts = _Typesetter(setup, total)
    for item in items:
        if isinstance(item, Para):
            ts.paragraph(item)
        elif isinstance(item, PageBreak):
            ts.new_page()
        elif isinstance(item, ImagePage):
            ts.image_page()
        else:
            ts.raw_text(item)
    data = ts.finish()
    return data, ts.page


def build_pdf(items: Sequence[Item], setup: Setup | None = None) -> bytes:
    """Typeset ``items`` into PDF bytes (two passes, so ``{total}`` is known)."""
    setup = setup or Setup()
    _, pages = _typeset(items, setup, 0)
    data, _ = _typeset(items, setup, pages)
    return data


def rotate_page(data: bytes, number: int, rotation: int) -> bytes:
    """The PDF with page ``number`` (1-based) shown turned by ``/Rotate``; its MediaBox and content unchanged.

    reportlab's ``setPageRotation`` also swaps the MediaBox, which leaves half the text outside the page.
    """
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(data)
    try:
        pdf[number - 1].set_rotation(rotation)
        out = io.BytesIO()
        pdf.save(out)
    finally:
        pdf.close()
    return out.getvalue()


def page_count(data: bytes) -> int:
    import pdfplumber

    with pdfplumber.open(io.BytesIO(data)) as pdf:
        return len(pdf.pages)


# ---------------------------------------------------------------- a plan written for the tests

PLAN_TITLE = "青禾社区二〇二五年读书月活动实施方案"
PLAN_SENTENCES = (
    "为丰富社区居民的精神文化生活，营造多读书、读好书的良好氛围，结合本社区实际，制定本方案。",
    "活动以家庭为单位组织开展，鼓励老人和孩子共同参与，每户至少推荐一本好书并写下推荐理由。",
    "社区图书角每周二、周四晚间开放，由志愿者轮流值守，负责图书登记、归还提醒和借阅记录整理。",
    "各网格员要提前摸清辖区内有阅读需求的住户名单，对行动不便的老人提供送书上门服务。",
    "活动经费由社区公益金列支，主要用于购置新书、制作宣传展板和奖励优秀读书家庭，严禁挪作他用。",
    "每月最后一个周六举办一次读书分享会，邀请居民讲述阅读心得，并评选月度阅读之星。",
    "活动结束后，社区居委会对各网格的组织情况进行总结，形成书面报告报街道办事处备案。",
    "宣传工作采取线上线下相结合的方式，通过社区公众号、楼栋公告栏和居民微信群及时发布活动信息。",
)
PLAN_HEADINGS = ("一、指导思想", "二、活动时间", "三、活动内容", "四、组织保障", "五、经费预算", "六、工作要求")


def plan_items(paragraphs_per_section: int = 3, sections: Sequence[str] = PLAN_HEADINGS) -> list[Item]:
    """A plan: centered title, numbered bold headings, body paragraphs made of the sentences above."""
    items: list[Item] = [Para(PLAN_TITLE, size=18, bold=True, center=True, space_before=0)]
    k = 0
    for heading in sections:
        items.append(Para(heading, size=14, bold=True, indent=False, space_before=6))
        for _ in range(paragraphs_per_section):
            body = "".join(PLAN_SENTENCES[(k + j) % len(PLAN_SENTENCES)] for j in range(3))
            items.append(Para(body))
            k += 1
    return items


def plan_texts(items: Sequence[Item]) -> list[str]:
    """The paragraph texts a faithful reader must give back, in order."""
    return [item.text for item in items if isinstance(item, Para)]
