"""Rich Text Format: a small tokenizer and group-state machine, code-page aware.

Text bytes (``\\'hh`` and raw 8-bit text, as WPS writes) are decoded with the code page of
the current font (``\\fcharset134`` → GBK) or the document's ``\\ansicpg``; ``\\uN`` is
Unicode with ``\\ucN`` fallback characters skipped. Font, colour and style tables, document
info, pictures, headers, footnotes, field instructions and every ``\\*`` destination are
skipped (the font table, stylesheet and title are still read for what they define); field
results are kept, hidden text (``\\v``) and tracked deletions (``\\deleted``) are not.
``\\par`` ends a paragraph, ``\\cell``/``\\row`` build table rows, ``\\listtext`` gives the
list number shown before a paragraph, heading styles give outline levels.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from ..config import Config
from ..errors import LimitExceeded, ReadError
from ..model import Block, Problem
from .base import ReaderOutput
from .codepages import codepage_codec
from .doc import looks_like_gbk
from .numbering import Label, bullet_glyph
from .txt import unreadable_problems

SYMBOL_CODEC = "symbol"  # Symbol/Wingdings: byte b is the glyph at U+F000+b (as Word maps it)
# \fcharset values to Python codecs (Windows code pages).
CHARSET_CODEC = {
    0: "cp1252",
    1: None,
    2: SYMBOL_CODEC,
    77: "mac_roman",
    128: "cp932",
    129: "cp949",
    134: "gb18030",
    136: "big5",
    161: "cp1253",
    162: "cp1254",
    163: "cp1258",
    177: "cp1255",
    178: "cp1256",
    186: "cp1257",
    204: "cp1251",
    222: "cp874",
    238: "cp1250",
    255: "cp437",
}
# Destinations whose content is not document text (besides every {\* ...} group).
SKIPPED_DESTINATIONS = frozenset(
    {
        "fonttbl",
        "colortbl",
        "stylesheet",
        "info",
        "pict",
        "objdata",
        "objclass",
        "header",
        "headerl",
        "headerr",
        "headerf",
        "footer",
        "footerl",
        "footerr",
        "footerf",
        "footnote",
        "annotation",
        "atnid",
        "atnauthor",
        "atndate",
        "fldinst",
        "xe",
        "tc",
        "rxe",
        "bkmkstart",
        "bkmkend",
        "pn",
        "pnseclvl",
        "pntxta",
        "pntxtb",
        "listtable",
        "listoverridetable",
        "revtbl",
        "rsidtbl",
        "filetbl",
        "generator",
        "themedata",
        "colorschememapping",
        "latentstyles",
        "datastore",
        "xmlnstbl",
        "mmathPr",
        "docvar",
        "userprops",
        "nonshppict",
        "shpinst",
        "template",
        "private",
        "field-instruction",
        "txe",
        "falt",
        "panose",
        "fname",
        "operator",
        "author",
        "company",
    }
)
INFO_FIELDS = frozenset({"title"})
# Rendered list labels ("1.", "一、") that Word writes before a numbered paragraph.
LIST_TEXT_DESTINATIONS = frozenset({"listtext", "pntext"})
SYMBOLS = {
    "tab": "\t",
    "emdash": "—",
    "endash": "–",
    "bullet": "•",
    "lquote": "‘",
    "rquote": "’",
    "ldblquote": "“",
    "rdblquote": "”",
    "emspace": " ",
    "enspace": " ",
    "qmspace": " ",
    "line": "\n",
    "nestcell": " ",
}
CONTROL_SYMBOLS = {
    "~": "\u00a0",
    "-": "",
    "_": "-",
    "{": "{",
    "}": "}",
    "\\": "\\",
    "\n": "",
    "\r": "",
    "|": "",
    ":": "",
}
PARAGRAPH_ENDS = frozenset({"par", "sect", "page"})
MAX_GROUP_DEPTH = 2000
# Skipped destinations that are still read for what they define (font code pages, style names, title).
PARSED_DESTINATIONS = frozenset({"fonttbl", "stylesheet", "info"})

_TOKEN = re.compile(
    r"\\([a-zA-Z]{1,32})(-?\d{1,10})? ?"  # control word with optional parameter and delimiter
    r"|\\'([0-9a-fA-F]{2})"  # hex byte
    r"|\\(.)"  # control symbol
    r"|([{}])"  # group
    r"|[\r\n]+"  # line ends carry no meaning
    r"|([^\\{}\r\n]+)",  # text
    re.S,
)


_GROUP_CHARS = re.compile(r"[\\{}]")
_BIN = re.compile(r"bin(\d{1,10}) ?")


def skip_group(source: str, pos: int) -> int:
    """Offset just after the ``}`` closing the group that ``pos`` is inside (escapes and \\bin data skipped).

    Past the end (``len(source) + 1``) when the group never closes: the file is cut off.
    """
    depth = 1
    while depth:
        match = _GROUP_CHARS.search(source, pos)
        if match is None:
            return len(source) + 1
        pos = match.end()
        if match.group() == "\\":
            binary = _BIN.match(source, pos)
            pos = binary.end() + int(binary.group(1)) if binary else pos + 1
        else:
            depth += 1 if match.group() == "{" else -1
    return pos


@dataclass
class GroupState:
    """Properties that a ``{`` saves and a ``}`` restores."""

    skip: bool = False
    capture: str | None = None  # "title" (document info) or "label" (a list label), collected apart
    uc: int = 1
    codec: str | None = None  # codec of the current font
    in_font_table: bool = False
    in_style_table: bool = False
    style: str | None = None
    in_table: bool = False
    invisible: bool = False  # \v hidden text or a \deleted tracked change
    outline_level: int | None = None
    centered: bool = False


@dataclass
class TextRun:
    """Text being collected; runs of bytes are decoded together so double-byte characters stay whole."""

    parts: list[str] = field(default_factory=list)
    pending: bytearray = field(default_factory=bytearray)
    pending_codec: str = "cp1252"

    def add_bytes(self, data: bytes, codec: str) -> None:
        if self.pending and codec != self.pending_codec:
            self.flush()
        self.pending.extend(data)
        self.pending_codec = codec

    def add_text(self, text: str) -> None:
        self.flush()
        self.parts.append(text)

    def flush(self) -> None:
        if self.pending:
            codec = self.pending_codec
            if codec == SYMBOL_CODEC:
                self.parts.append("".join(chr(0xF000 + b) for b in self.pending))
                self.pending.clear()
                return
            if codec == "cp1252" and looks_like_gbk(bytes(self.pending)):
                codec = "gb18030"  # Chinese bytes under a Western font, as some writers produce
            self.parts.append(bytes(self.pending).decode(codec, errors="replace"))
            self.pending.clear()

    def take(self) -> str:
        self.flush()
        text = _fix_surrogates("".join(self.parts)).strip()
        self.parts.clear()
        return text

    def __bool__(self) -> bool:
        return bool(self.parts or self.pending)


@dataclass
class RtfText:
    """Accumulates blocks while the tokens stream by."""

    default_codec: str = "cp1252"
    font_codecs: dict[int, str | None] = field(default_factory=dict)
    font_being_defined: int | None = None
    default_font: int | None = None
    style_names: dict[int, bytearray] = field(default_factory=dict)
    style_being_defined: int | None = None
    blocks: list[Block] = field(default_factory=list)
    line: TextRun = field(default_factory=TextRun)
    title: TextRun = field(default_factory=TextRun)
    label: TextRun = field(default_factory=TextRun)
    cells: list[str] = field(default_factory=list)
    cell_parts: list[str] = field(default_factory=list)

    def style_name(self, number: int) -> str | None:
        raw = self.style_names.get(number)
        if raw is None:
            return None
        return bytes(raw).decode(self.default_codec, errors="replace").split(";")[0].strip() or None

    def take_line(self) -> str:
        return self.line.take()

    def run_for(self, state: GroupState) -> TextRun:
        if state.capture == "title":
            return self.title
        return self.label if state.capture == "label" else self.line

    def labelled_line(self) -> tuple[str, str]:
        """The paragraph's text with its list label in front, and the label."""
        text, label = self.take_line(), bullet_glyph(self.label.take())
        if label and text:
            text = Label(label, "tab", "", 0).joined_with(text)
        return text, label

    def end_paragraph(self, state: GroupState) -> None:
        text, label = self.labelled_line()
        if state.in_table:
            self.cell_parts.append(text)
            return
        self.close_row()
        if text:
            self.blocks.append(
                Block(
                    text=text,
                    paragraph=len(self.blocks),
                    outline_level=state.outline_level,
                    centered=state.centered,
                    style=state.style,
                    auto_number=label or None,
                )
            )

    def end_cell(self) -> None:
        self.cells.append(" ".join(p for p in [*self.cell_parts, self.labelled_line()[0]] if p))
        self.cell_parts.clear()

    def close_row(self) -> None:
        if self.cell_parts or self.line:
            if self.cells or self.cell_parts:
                self.end_cell()
        if self.cells:
            if any(self.cells):
                self.blocks.append(Block(text="\t".join(self.cells), kind="table_row", paragraph=len(self.blocks)))
            self.cells.clear()


def _fix_surrogates(text: str) -> str:
    """Join UTF-16 surrogate pairs written as two ``\\uN`` words."""
    if not any("\ud800" <= ch <= "\udfff" for ch in text):
        return text
    return text.encode("utf-16-le", "surrogatepass").decode("utf-16-le", errors="replace")


_HEADING_STYLE = re.compile(r"^(?:heading|标题)\s*([1-9])$", re.I)


def heading_level(style: str | None) -> int | None:
    """0-based outline level of a built-in heading style name ("heading 2", "标题 2")."""
    match = _HEADING_STYLE.match(style or "")
    return int(match.group(1)) - 1 if match else None


# ---------------------------------------------------------------- the state machine


def read_rtf(data: bytes, config: Config) -> ReaderOutput:
    """Read an RTF document into paragraph and table-row blocks."""
    source = data.decode("latin-1")
    if not source.lstrip("\ufeff\xef\xbb\xbf \t\r\n").startswith("{\\rtf"):
        raise ReadError("RTF 文件头无效，文件可能已损坏", code="corrupt")
    parser = RtfParser(source)
    doc = parser.run()
    title = doc.title.take() or None
    problems = unreadable_problems(doc.blocks, "RTF 文档")
    if not doc.blocks and _TEXT_MARKS.search(_without_header_groups(source)):
        raise ReadError("RTF 文件已损坏：含有正文标记，但未能读出文字（分组括号可能被破坏）", code="corrupt")
    if parser.unclosed:
        problems += (
            Problem(
                code="truncated",
                message=f"RTF 文件不完整（有 {parser.unclosed} 个分组未闭合，可能被截断），后面的内容可能已丢失",
            ),
        )
    return ReaderOutput(blocks=tuple(doc.blocks), title=title, problems=problems)


_TEXT_MARKS = re.compile(r"\\par\b|\\'[0-9a-f]{2}|\\u-?\d+", re.I)
_HEADER_GROUP = re.compile(r"\{\\(?:fonttbl|colortbl|stylesheet|info|\*)")


def _without_header_groups(source: str) -> str:
    """The source without its font table, colour table, style sheet, info and ignorable groups, whose
    escaped font and style names are not body text (an empty document is not a broken one); a group left
    open to the end is kept."""
    out, pos = [], 0
    for m in _HEADER_GROUP.finditer(source):
        if m.start() < pos:
            continue
        out.append(source[pos : m.start()])
        depth, i = 0, m.start()
        while i < len(source):
            ch = source[i]
            if ch == "\\":
                i += 2
                continue
            depth += ch == "{"
            depth -= ch == "}"
            i += 1
            if depth == 0:
                break
        if depth:  # a header group that never closes has swallowed the body: keep it, its marks count
            return "".join(out) + source[m.start() :]
        pos = i
    out.append(source[pos:])
    return "".join(out)


class RtfParser:
    """Feeds the tokens of one RTF source through the group states into an :class:`RtfText`."""

    def __init__(self, source: str):
        self.source = source
        self.pos = 0
        self.doc = RtfText()
        self.stack: list[GroupState] = []
        self.state = GroupState()
        self.group_start = False  # the next control word is the first in its group (a destination)
        self.ignorable = False  # a \* was seen at the start of this group
        self.skip_chars = 0  # fallback characters still to skip after \uN
        self.unclosed = 0  # groups still open at the end of the file

    def run(self) -> RtfText:
        while self.pos < len(self.source):
            match = _TOKEN.match(self.source, self.pos)
            if match is None:  # a lone backslash at the very end
                break
            self.pos = match.end()
            word, param, hexbyte, symbol, brace, text = match.group(1, 2, 3, 4, 5, 6)
            if brace is not None:
                self.brace(brace)
            elif self.skipping_fallback(word, hexbyte, symbol):
                continue
            elif symbol == "*":
                self.ignorable = self.group_start
            elif word is not None:
                self.control_word(word, int(param) if param is not None else None)
            else:
                self.group_start = False
                self.content(hexbyte, symbol, text)
        self.doc.end_paragraph(GroupState())
        self.doc.close_row()
        self.unclosed = len(self.stack)  # the outermost {\rtf1 ...} closes too in a whole file
        return self.doc

    def brace(self, brace: str) -> None:
        if brace == "{":
            if len(self.stack) >= MAX_GROUP_DEPTH:
                raise LimitExceeded("RTF 文件的分组嵌套过深，疑似恶意文件", code="limit")
            self.stack.append(self.state)
            self.state = replace(self.state)
            self.group_start = True
        else:
            self.close_group()
            self.group_start = False
        self.ignorable, self.skip_chars = False, 0

    def close_group(self) -> None:
        if self.stack:
            self.state = self.stack.pop()

    def skipping_fallback(self, word: str | None, hexbyte: str | None, symbol: str | None) -> bool:
        """Count one fallback character of a preceding \\uN; True when this token is consumed."""
        if not self.skip_chars or not (hexbyte or symbol or word):
            return False
        self.skip_chars -= 1
        return word != "bin"  # \bin data must still be jumped over

    def control_word(self, word: str, number: int | None) -> None:
        state, at_start = self.state, self.group_start
        self.group_start = False
        if word == "bin":
            self.pos += max(number or 0, 0)
        elif at_start and word in INFO_FIELDS:
            state.skip, state.capture = True, word
        elif at_start and word in LIST_TEXT_DESTINATIONS:
            state.capture = "label"
        elif at_start and (self.ignorable or word in SKIPPED_DESTINATIONS):
            self.enter_skipped(word)
        elif state.in_font_table:
            _font_table_word(self.doc, state, word, number)
        elif state.in_style_table:
            if word == "s" and number is not None and at_start:
                self.doc.style_being_defined = number
                self.doc.style_names[number] = bytearray()
        elif not state.skip or state.capture:
            self.skip_chars = _control_word(self.doc, state, word, number)

    def enter_skipped(self, word: str) -> None:
        """A destination that is not text: parsed for what it defines, or jumped over."""
        if word not in PARSED_DESTINATIONS:  # pictures, objects, headers...: straight to the closing brace
            self.pos = skip_group(self.source, self.pos)
            self.close_group()
            return
        self.state.skip, self.state.capture = True, None
        self.state.in_font_table = word == "fonttbl"
        self.state.in_style_table = word == "stylesheet"

    def content(self, hexbyte: str | None, symbol: str | None, text: str | None) -> None:
        doc, state = self.doc, self.state
        if state.in_style_table and text is not None and doc.style_being_defined is not None:
            doc.style_names[doc.style_being_defined].extend(text.encode("latin-1"))
        if state.in_font_table or (state.skip and not state.capture):
            return
        if hexbyte is not None:
            _emit_bytes(doc, state, bytes([int(hexbyte, 16)]))
        elif symbol is not None:
            _emit_text(doc, state, CONTROL_SYMBOLS.get(symbol, ""))
        elif text is not None:
            if self.skip_chars:
                text, self.skip_chars = text[self.skip_chars :], max(0, self.skip_chars - len(text))
            if text:
                _emit_bytes(doc, state, text.encode("latin-1"))


def _emit_bytes(doc: RtfText, state: GroupState, data: bytes) -> None:
    if state.invisible:
        return
    doc.run_for(state).add_bytes(data, state.codec or doc.default_codec)


def _emit_text(doc: RtfText, state: GroupState, text: str) -> None:
    if state.invisible:
        return
    doc.run_for(state).add_text(text)


def _font_table_word(doc: RtfText, state: GroupState, word: str, number: int | None) -> None:
    """Inside {\\fonttbl}: remember each font's character set."""
    if word == "f" and number is not None:
        doc.font_codecs.setdefault(number, None)
        doc.font_being_defined = number
    elif word == "fcharset" and number is not None and doc.font_being_defined is not None:
        doc.font_codecs[doc.font_being_defined] = CHARSET_CODEC.get(number)


def _control_word(doc: RtfText, state: GroupState, word: str, number: int | None) -> int:
    """Apply one control word of the text body; returns how many fallback characters to skip."""
    if word == "u" and number is not None:
        _emit_text(doc, state, chr(number % 65536))
        return state.uc
    if word == "uc" and number is not None:
        state.uc = max(number, 0)
    elif word == "ansicpg" and number is not None:
        doc.default_codec = codepage_codec(number, "cp1252")
    elif word in ("mac", "pc", "pca"):
        doc.default_codec = {"mac": "mac_roman", "pc": "cp437", "pca": "cp850"}[word]
    elif word == "deff" and number is not None:
        doc.default_font = number
    elif word == "f" and number is not None:
        state.codec = doc.font_codecs.get(number)
    elif word == "plain":
        state.codec = doc.font_codecs.get(doc.default_font) if doc.default_font is not None else None
        state.invisible = False
    elif word in ("v", "deleted"):
        state.invisible = number != 0
    elif word in SYMBOLS:
        _emit_text(doc, state, SYMBOLS[word])
    elif word in PARAGRAPH_ENDS:
        doc.end_paragraph(state)
    elif word == "pard":
        state.in_table, state.outline_level, state.centered, state.style = False, None, False, None
    elif word == "s" and number is not None:
        state.style = doc.style_name(number)
        level = heading_level(state.style)
        if level is not None:
            state.outline_level = level
    elif word == "intbl":
        state.in_table = True
    elif word == "cell":
        doc.end_cell()
    elif word == "row":
        doc.close_row()
    elif word == "outlinelevel" and number is not None:
        state.outline_level = number if 0 <= number < 9 else None
    elif word == "qc":
        state.centered = True
    elif word in ("ql", "qr", "qj", "qd"):
        state.centered = False
    return 0
