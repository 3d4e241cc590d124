"""Saved web pages (.html) and single-file web archives (.mht), via lxml.html and the email package.

Scripts, styles and navigation-like noise (nav, menus, breadcrumbs, side bars, page
footers, short link bars) are dropped; block elements become paragraphs, ``<br>`` breaks a
paragraph, headings carry their outline level and table rows become ``table_row`` blocks.
List numbers a reader sees (``<ol>`` items, Word's "save as web page" list labels) become
``auto_number``.
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from email.message import Message
from typing import Any

from ..config import Config
from ..errors import ReadError
from ..model import Block, Problem
from .base import ReaderOutput
from .mojibake import repair_blocks
from .numbering import Label, format_number
from .txt import legacy_encoding, unreadable_problems

NOISE_TAGS = frozenset(
    {
        "script",
        "style",
        "noscript",
        "template",
        "svg",
        "iframe",
        "object",
        "embed",
        "canvas",
        "nav",
        "aside",
        "footer",
        "button",
        "select",
        "input",
        "textarea",
        "head",
        "map",
        "audio",
        "video",
    }
)
# id/class words that mark site chrome rather than the article.
NOISE_MARKERS = re.compile(
    r"(?:^|[\s_-])(?:nav|navbar|navigation|menu|breadcrumbs?|crumbs?|sidebar|footer|copyright|share|"
    r"toolbar|pagination|pager|login|search)(?:$|[\s_\d-])",
    re.I,
)
BLOCK_TAGS = frozenset(
    {
        "p",
        "div",
        "section",
        "article",
        "main",
        "header",
        "li",
        "ul",
        "ol",
        "dl",
        "dt",
        "dd",
        "blockquote",
        "pre",
        "address",
        "figure",
        "figcaption",
        "form",
        "fieldset",
        "center",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "hr",
        "caption",
        "body",
        "html",
        "table",
        "tbody",
        "thead",
        "tfoot",
    }
)
HEADING_TAGS = {f"h{n}": n - 1 for n in range(1, 7)}
# A block with at least MIN_LINKS links that make up LINK_SHARE of its (short) text is a link bar.
LINK_LIST_TAGS = frozenset({"div", "ul", "ol", "p", "section", "table", "dl", "span", "td"})
MIN_LINKS = 3
LINK_SHARE = 0.8
MAX_LINK_LIST_CHARS = 400
MAX_DEPTH = 400
_CHARSET_META = re.compile(rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)
_XML_DECL = re.compile(r"^\s*<\?xml[^>]*\?>")
_SPACES = re.compile(r"[ \t\r\n\f\v]+")
_CENTER_STYLE = re.compile(r"text-align\s*:\s*center", re.I)
_NO_LIST_STYLE = re.compile(r"list-style(?:-type)?\s*:\s*none", re.I)
_WORD_LIST_LABEL = re.compile(r"mso-list\s*:\s*ignore", re.I)
CHARSET_ALIASES = {
    "gb2312": "gb18030",
    "gbk": "gb18030",
    "x-gbk": "gb18030",
    "cp936": "gb18030",
    "big5": "big5",
    "unicode": "utf-16",
}


# ---------------------------------------------------------------- charset


def html_charset(data: bytes, declared: str | None = None) -> str:
    """Codec for an HTML byte string: BOM, then the declared or meta charset if it decodes, then detection."""
    if data.startswith(b"\xef\xbb\xbf"):
        return "utf-8-sig"
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "utf-16"
    meta = _CHARSET_META.search(data[:8192])
    for name in (declared, meta.group(1).decode("ascii") if meta else None):
        codec = _codec(name)
        if codec and _decodes(data, codec):
            return codec
    if _decodes(data, "utf-8"):
        return "utf-8"
    return legacy_encoding(data)


def _codec(name: str | None) -> str | None:
    if not name:
        return None
    name = CHARSET_ALIASES.get(name.strip().lower(), name.strip().lower())
    try:
        info = codecs.lookup(name)  # b"".decode(name) does not look the name up
    except (LookupError, ValueError):
        return None
    if not getattr(info, "_is_text_encoding", True):  # "base64", "zlib", "rot13": not a charset
        return None
    return name


def _decodes(data: bytes, codec: str) -> bool:
    try:
        data.decode(codec)
    except UnicodeDecodeError:
        return False
    return True


# ---------------------------------------------------------------- tree to blocks


@dataclass
class BlockBuilder:
    """Collects inline text and cuts it into blocks at block boundaries."""

    blocks: list[Block] = field(default_factory=list)
    parts: list[str] = field(default_factory=list)
    label: str | None = None  # number of an ordered-list item, put before its first text

    def text(self, value: str | None) -> None:
        if value:
            self.parts.append(value)

    def cut(self, *, outline_level: int | None = None, style: str | None = None, centered: bool | None = None) -> None:
        text = collapse("".join(self.parts))
        self.parts.clear()
        if text:
            label, self.label = self.label, None
            if label:
                text = Label(label, "tab", "", 0).joined_with(text)
            self.blocks.append(
                Block(
                    text=text,
                    paragraph=len(self.blocks),
                    outline_level=outline_level,
                    style=style,
                    centered=centered,
                    auto_number=label,
                )
            )

    def row(self, cells: list[str]) -> None:
        self.cut()
        if any(cells):
            self.blocks.append(Block(text="\t".join(cells), kind="table_row", paragraph=len(self.blocks)))


def collapse(text: str) -> str:
    return _SPACES.sub(" ", text).strip()


def is_noise(element: Any) -> bool:
    """Page chrome: scripts and the like, elements marked as navigation, and short lists of links."""
    tag = (element.tag if isinstance(element.tag, str) else "").lower()
    if tag in NOISE_TAGS:
        return True
    marker = f"{element.get('id') or ''} {element.get('class') or ''} {element.get('role') or ''}"
    if marker.strip() and NOISE_MARKERS.search(marker):
        return True
    return tag in LINK_LIST_TAGS and is_link_list(element)


def is_link_list(element: Any) -> bool:
    """A short block that is almost all links (menus, friendly-link bars, "上一篇/下一篇")."""
    links = element.findall(".//a")
    if len(links) < MIN_LINKS:
        return False
    words = _word_chars(element.text_content())  # separators such as "|" and "·" do not count
    if not words or words > MAX_LINK_LIST_CHARS:
        return False
    return sum(_word_chars(a.text_content()) for a in links) >= LINK_SHARE * words


def _word_chars(text: str) -> int:
    return sum(ch.isalnum() for ch in text)


def is_centered(element: Any) -> bool:
    return (element.get("align") or "").lower() == "center" or bool(_CENTER_STYLE.search(element.get("style") or ""))


def walk(element: Any, out: BlockBuilder, depth: int = 0) -> None:
    """Depth-first: inline text accumulates, block elements cut, tables become rows."""
    for child in element:
        tag = child.tag.lower() if isinstance(child.tag, str) else ""
        if not tag or is_noise(child):  # comments and processing instructions, or page chrome
            out.text(child.tail)
            continue
        if tag == "br":
            out.cut()
        elif _WORD_LIST_LABEL.search(child.get("style") or ""):  # Word "save as web page": the list number
            out.label = collapse(child.text_content()) or None
        elif tag == "table":
            for cells in table_rows(child):
                out.row(cells)
        elif depth >= MAX_DEPTH:
            out.text(" ".join(child.itertext()))
        elif tag in BLOCK_TAGS:
            out.cut()
            if tag == "li":
                out.label = ordered_item_label(child)
            out.text(child.text)
            walk(child, out, depth + 1)
            level = HEADING_TAGS.get(tag)
            out.cut(outline_level=level, style=tag if level is not None else None, centered=is_centered(child))
        else:
            out.text(child.text)
            walk(child, out, depth + 1)
        out.text(child.tail)


_OL_TYPES = {"1": "decimal", "a": "lowerLetter", "A": "upperLetter", "i": "lowerRoman", "I": "upperRoman"}


def ordered_item_label(item: Any) -> str | None:
    """The number a browser shows before an ``<li>`` of an ``<ol>`` ("3.", "c."), honouring start/value/type."""
    parent = item.getparent()
    if parent is None or not isinstance(parent.tag, str) or parent.tag.lower() != "ol":
        return None
    if any(_NO_LIST_STYLE.search(el.get("style") or "") for el in (item, parent)):
        return None
    number = _int_attr(parent.get("start"), 1)
    for sibling in parent:
        if not isinstance(sibling.tag, str) or sibling.tag.lower() != "li":
            continue
        number = _int_attr(sibling.get("value"), number)
        if sibling is item:
            break
        number += 1
    return format_number(number, _OL_TYPES.get(parent.get("type") or "1", "decimal")) + "."


def _int_attr(value: str | None, default: int) -> int:
    try:
        return int(value) if value is not None else default
    except ValueError:
        return default


def table_rows(table: Any) -> Iterator[list[str]]:
    """Cell texts of each row of ``table`` (nested tables flattened into their cell)."""
    for row in table.iter("tr"):
        if _owning_table(row) is not table:
            continue
        cells = [c for c in row if isinstance(c.tag, str) and c.tag.lower() in ("td", "th")]
        yield [collapse(" ".join(t for t in _visible_text(cell))) for cell in cells]


def _owning_table(row: Any) -> Any:
    parent = row.getparent()
    while parent is not None and parent.tag != "table":
        parent = parent.getparent()
    return parent


def _visible_text(element: Any) -> Iterator[str]:
    for node in element.iter():
        if isinstance(node.tag, str) and node is not element and is_noise(node):
            continue
        if isinstance(node.tag, str) and node.text and not _inside_noise(node, element):
            yield node.text
        if node is not element and node.tail and not _inside_noise(node.getparent(), element):
            yield node.tail


def _inside_noise(node: Any, stop: Any) -> bool:
    while node is not None and node is not stop:
        if isinstance(node.tag, str) and is_noise(node):
            return True
        node = node.getparent()
    return False


# ---------------------------------------------------------------- entry points


def html_to_output(text: str) -> ReaderOutput:
    """Blocks and title of an HTML document given as text."""
    import lxml.html
    from lxml import etree

    text = _XML_DECL.sub("", text, count=1)
    if not text.strip():
        raise ReadError("网页文件没有内容", code="empty")
    try:
        # huge_tree lifts libxml2's 256-level depth limit, past which content is silently dropped
        root = lxml.html.document_fromstring(text, parser=lxml.html.HTMLParser(huge_tree=True))
    except (etree.ParserError, ValueError) as exc:
        raise ReadError("网页文件无法解析，可能已损坏", code="corrupt", detail=str(exc)) from None
    title_el = root.find(".//title")
    title = collapse(title_el.text_content()) if title_el is not None else None
    body = root.find("body")
    out = BlockBuilder()
    walk(body if body is not None else root, out)
    out.cut()
    blocks, problems = repair_blocks(out.blocks, "网页")  # a page declared Latin-1 that is GBK
    if not blocks and visible_chars(text) >= MIN_LOST_CHARS:
        raise ReadError("网页文件已损坏：有文字内容，但未能读出正文（标签结构可能被破坏）", code="corrupt")
    if looks_truncated(text):
        problems += (
            Problem(
                code="truncated",
                message="网页文件不完整（结尾的 </body>、</html> 缺失，可能被截断），后面的内容可能已丢失",
            ),
        )
    return ReaderOutput(blocks=blocks, title=title or None, problems=problems + unreadable_problems(blocks, "网页"))


MIN_LOST_CHARS = 20  # visible characters outside tags that an empty reading must not lose
_TAG = re.compile(r"<!--.*?-->|<(script|style)\b.*?</\1\s*>|<[^>]*>", re.S | re.I)
_OPENS = re.compile(r"<\s*(html|body)\b", re.I)
_CLOSES = re.compile(r"</\s*(html|body)\s*>", re.I)


def visible_chars(text: str) -> int:
    """Word characters outside tags, comments, scripts and styles."""
    return sum(ch.isalnum() for ch in _TAG.sub(" ", text))


def looks_truncated(text: str) -> bool:
    """An HTML page that opens ``<html>`` or ``<body>`` and closes neither (the end of the file is lost)."""
    return bool(_OPENS.search(text[:65536])) and not _CLOSES.search(text[-65536:])


def read_html(data: bytes, config: Config, charset: str | None = None) -> ReaderOutput:
    """Read a saved web page; ``charset`` is a hint from an enclosing MIME part."""
    codec = html_charset(data, charset)
    return html_to_output(data.decode(codec, errors="replace"))


def read_mht(data: bytes, config: Config) -> ReaderOutput:
    """Read a MIME web archive (.mht/.mhtml): its first text/html part, or failing that text/plain."""
    import email
    from email import policy

    try:
        message = email.message_from_bytes(data, policy=policy.compat32)
    except Exception as exc:  # the email package is lenient; this is a last resort
        raise ReadError("MHT 网页归档无法解析，可能已损坏", code="corrupt", detail=str(exc)) from None
    html_part: Message | None = None
    plain_part: Message | None = None
    for part in message.walk():
        content_type = part.get_content_type()
        if content_type == "text/html" and html_part is None:
            html_part = part
        elif content_type == "text/plain" and plain_part is None:
            plain_part = part
    chosen = html_part or plain_part
    if chosen is None:
        raise ReadError("MHT 网页归档中没有网页或文本内容", code="corrupt")
    payload = chosen.get_payload(decode=True)
    if not isinstance(payload, bytes) or not payload.strip():
        raise ReadError("MHT 网页归档中的网页内容为空", code="empty")
    charset = chosen.get_content_charset()
    if chosen is html_part:
        return read_html(payload, config, charset)
    from .txt import read_txt

    return read_txt(payload, config)
