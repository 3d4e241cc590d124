"""Word 97-2003 binary documents (.doc, and .wps files that are Word-binary OLE), in pure Python.

Follows [MS-DOC] 2.4.1 "Retrieving Text": the FIB locates the CLX in the table stream,
the CLX's piece table maps character positions to UTF-16LE or 8-bit runs of the
WordDocument stream (8-bit runs are cp1252 per the spec, GBK when the bytes say so).
Only the main document story (``ccpText``) is read; headers, footnotes, comments and
text boxes are left out, and so are tracked deletions and hidden text (CHPX). Field
instructions are dropped and field results kept. Paragraph properties (table cells and
rows, styles and outline levels, centring) come from the PAPX FKPs and the stylesheet;
list numbers are rendered from the list tables (LSTF/LVL/LFO) with :mod:`.numbering`.
"""

from __future__ import annotations

import io
import re
import struct
from bisect import bisect_right
from collections.abc import Iterator
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from ..config import Config
from ..errors import LimitExceeded, ReadError
from ..model import Block
from .base import ReaderOutput
from .codepages import codepage_codec
from .txt import common_share, unreadable_problems

if TYPE_CHECKING:
    from .numbering import Label, Level, ListCounters, NumberingDefinitions, NumInstance

WORD_IDENT = 0xA5EC
FIB_FLAG_ENCRYPTED = 0x0100
FIB_FLAG_WHICH_TABLE = 0x0200
FIB_FLAG_OBFUSCATED = 0x8000
NFIB_WORD95 = 0x0068  # Word 6.0 and 95 write 0x0065..0x0068; their FIB has another layout

# Index of each (fc, lcb) pair in FibRgFcLcb97.
FC_STSHF = 1
FC_PLCF_BTE_CHPX = 12
FC_PLCF_BTE_PAPX = 13
FC_CLX = 33
FC_PLF_LST = 73
FC_PLF_LFO = 74

# Characters with a meaning in the text stream ([MS-DOC] 2.8.x "special characters").
PARAGRAPH_MARK = "\r"
CELL_MARK = "\x07"
LINE_BREAK = "\x0b"
PAGE_BREAK = "\x0c"
FIELD_BEGIN = "\x13"
FIELD_SEPARATOR = "\x14"
FIELD_END = "\x15"
DROPPED = {
    "\x01": "",
    "\x08": "",
    "\x02": "",
    "\x05": "",
    "\x1e": "-",
    "\x1f": "",
    LINE_BREAK: "\n",
}  # \n as the docx reader

# Paragraph sprms we read from PAPX.
SPRM_P_JC80 = 0x2403
SPRM_P_FIN_TABLE = 0x2416
SPRM_P_FTTP = 0x2417
SPRM_P_OUTLVL = 0x2640
SPRM_P_JC = 0x2461
SPRM_P_ITAP = 0x6649
SPRM_P_ILFO = 0x460B
SPRM_P_ILVL = 0x260A
SPRM_P_CHG_TABS = 0xC615
SPRM_T_DEF_TABLE = 0xD608
# Character sprms that hide text: a deleted revision (tracked change) and hidden text.
SPRM_C_RMARK_DEL = 0x0800
SPRM_C_VANISH = 0x083C
TOGGLE_ON = (0x01, 0x81)  # true, or "opposite of the style" (styles are not hidden)
JC_CENTER = 1

# Built-in style indexes 1..9 are "heading 1".."heading 9" in every Word stylesheet.
HEADING_ISTDS = range(1, 10)


# Stories stored after the main text, in character-position order ([MS-DOC] 2.4.1).
STORIES = ("footnotes", "headers", "macros", "comments", "endnotes", "text_boxes", "header_text_boxes")


# ---------------------------------------------------------------- file structure


@dataclass(frozen=True)
class Fib:
    """The parts of the File Information Block this reader needs."""

    nfib: int
    lids: frozenset[int]  # language ids of the document (lid, lidFE)
    encrypted: bool
    obfuscated: bool
    table_stream: str
    ccp_text: int
    fc_clx: int
    lcb_clx: int
    fc_papx: int
    lcb_papx: int
    story_lengths: tuple[int, ...] = ()  # ccp of each story after the main text, in STORIES order
    stylesheet: tuple[int, int] = (0, 0)  # (fc, lcb) in the table stream
    chpx: tuple[int, int] = (0, 0)
    lists: tuple[int, int] = (0, 0)
    list_overrides: tuple[int, int] = (0, 0)


@dataclass(frozen=True)
class Piece:
    """One run of the piece table: characters ``[cp_start, cp_end)`` stored at byte ``fc``."""

    cp_start: int
    cp_end: int
    fc: int
    compressed: bool


@dataclass(frozen=True)
class ParagraphProps:
    """The paragraph properties this reader turns into block cues."""

    istd: int = 0
    in_table: bool = False
    row_end: bool = False
    outline_level: int | None = None
    centered: bool = False
    ilfo: int = 0  # 1-based list instance (LFO), 0 = not in a list
    ilvl: int = 0
    style: str | None = None


def _u16(data: bytes, offset: int) -> int:
    return int(struct.unpack_from("<H", data, offset)[0])


def _u32(data: bytes, offset: int) -> int:
    return int(struct.unpack_from("<I", data, offset)[0])


def parse_fib(word: bytes) -> Fib:
    """Read FibBase and the variable-length FIB arrays up to FibRgFcLcb97."""
    if len(word) < 34 or _u16(word, 0) != WORD_IDENT:
        raise ReadError("Word 文档头（FIB）无效，文件可能已损坏", code="corrupt")
    nfib = _u16(word, 2)
    flags = _u16(word, 10)
    csw = _u16(word, 32)
    pos = 34 + 2 * csw
    if pos + 2 > len(word):
        raise ReadError("Word 文档头（FIB）不完整，文件可能被截断", code="truncated")
    cslw = _u16(word, pos)
    rglw = pos + 2
    pos = rglw + 4 * cslw
    if pos + 2 > len(word) or cslw < 4:
        raise ReadError("Word 文档头（FIB）不完整，文件可能被截断", code="truncated")
    ccp_text = _u32(word, rglw + 12)
    # FibRgLw97: ccpFtn, ccpHdd, ccpMcr (reserved), ccpAtn, ccpEdn, ccpTxbx, ccpHdrTxbx follow ccpText
    story_lengths = tuple(_u32(word, rglw + 16 + 4 * i) for i in range(len(STORIES))) if cslw >= 11 else ()
    cb_rg_fc_lcb = _u16(word, pos)
    rg = pos + 2
    if cb_rg_fc_lcb <= FC_CLX or rg + 8 * min(cb_rg_fc_lcb, FC_PLF_LFO + 1) > len(word):
        raise ReadError("Word 文档头（FIB）不完整，文件可能被截断", code="truncated")

    def pair(index: int) -> tuple[int, int]:
        if index >= cb_rg_fc_lcb:
            return (0, 0)
        return _u32(word, rg + 8 * index), _u32(word, rg + 8 * index + 4)

    fc_clx, lcb_clx = pair(FC_CLX)
    fc_papx, lcb_papx = pair(FC_PLCF_BTE_PAPX)
    lid_fe = _u16(word, 34 + 2 * 13) if csw >= 14 else 0
    return Fib(
        nfib=nfib,
        lids=frozenset((_u16(word, 6), lid_fe)),
        encrypted=bool(flags & FIB_FLAG_ENCRYPTED),
        obfuscated=bool(flags & FIB_FLAG_OBFUSCATED),
        table_stream="1Table" if flags & FIB_FLAG_WHICH_TABLE else "0Table",
        ccp_text=ccp_text,
        fc_clx=fc_clx,
        lcb_clx=lcb_clx,
        fc_papx=fc_papx,
        lcb_papx=lcb_papx,
        story_lengths=story_lengths,
        stylesheet=pair(FC_STSHF),
        chpx=pair(FC_PLCF_BTE_CHPX),
        lists=pair(FC_PLF_LST),
        list_overrides=pair(FC_PLF_LFO),
    )


def parse_piece_table(table: bytes, fib: Fib) -> list[Piece]:
    """The PlcPcd inside the CLX (skipping any leading Prc records)."""
    if fib.lcb_clx == 0 or fib.fc_clx + fib.lcb_clx > len(table):
        raise ReadError("Word 文档的文本索引（CLX）缺失或越界，文件可能已损坏", code="corrupt")
    clx = table[fib.fc_clx : fib.fc_clx + fib.lcb_clx]
    pos = 0
    while pos < len(clx) and clx[pos] == 0x01:  # Prc: clxt, cbGrpprl, grpprl
        if pos + 3 > len(clx):
            break
        pos += 3 + _u16(clx, pos + 1)
    if pos + 5 > len(clx) or clx[pos] != 0x02:
        raise ReadError("Word 文档的分段表（Pcdt）缺失，文件可能已损坏", code="corrupt")
    lcb = _u32(clx, pos + 1)
    plc = clx[pos + 5 : pos + 5 + lcb]
    if len(plc) < lcb or lcb < 16 or (lcb - 4) % 12:
        raise ReadError("Word 文档的分段表（PlcPcd）长度不对，文件可能已损坏", code="corrupt")
    count = (lcb - 4) // 12
    cps = [_u32(plc, 4 * i) for i in range(count + 1)]
    pieces = []
    for i in range(count):
        fc_compressed = _u32(plc, 4 * (count + 1) + 8 * i + 2)
        compressed = bool(fc_compressed & 0x40000000)
        fc = fc_compressed & 0x3FFFFFFF
        pieces.append(Piece(cps[i], cps[i + 1], fc // 2 if compressed else fc, compressed))
    return pieces


# ---------------------------------------------------------------- text of the pieces


def decode_compressed(raw: bytes, chinese_document: bool = True) -> tuple[str, list[int]]:
    """An 8-bit piece: cp1252 per the spec, but Chinese files often carry GBK bytes there.

    Returns the text and the byte offset (within ``raw``) of each character.
    """
    if raw.isascii():
        return raw.decode("ascii"), list(range(len(raw)))
    if looks_like_gbk(raw, chinese_document):
        return _decode_gbk(raw)
    text = "".join(chr(b) if b in _CP1252_UNDEFINED else bytes([b]).decode("cp1252") for b in raw)
    return text, list(range(len(raw)))


_CP1252_UNDEFINED = frozenset((0x81, 0x8D, 0x8F, 0x90, 0x9D))
# Share of GB2312 common characters a GBK reading must reach to beat cp1252.
GBK_SHARE_CHINESE_DOC = 0.6
GBK_SHARE_OTHER_DOC = 0.9
CHINESE_LIDS = frozenset((0x0804, 0x0404, 0x0C04, 0x1004, 0x1404))


def looks_like_gbk(raw: bytes, chinese_document: bool = True) -> bool:
    """True when the bytes decode strictly as GBK into mostly common Chinese characters and punctuation.

    A document whose language is Chinese needs less evidence than a Western one.
    """
    try:
        text = raw.decode("gbk")
    except UnicodeDecodeError:
        return False
    share = common_share(text)
    if chinese_document:
        return share >= GBK_SHARE_CHINESE_DOC
    return share >= GBK_SHARE_OTHER_DOC and any("\u4e00" <= ch <= "\u9fff" for ch in text)


def _decode_gbk(raw: bytes) -> tuple[str, list[int]]:
    chars: list[str] = []
    offsets: list[int] = []
    pos = 0
    while pos < len(raw):
        width = 1 if raw[pos] < 0x80 else 2
        chars.append(raw[pos : pos + width].decode("gbk", errors="replace"))
        offsets.append(pos)
        pos += width
    return "".join(chars), offsets


def piece_text(word: bytes, piece: Piece, limit_cp: int, chinese_document: bool = True) -> tuple[str, list[int]]:
    """Characters of ``piece`` up to ``limit_cp`` (exclusive) and each one's stream offset."""
    n = min(piece.cp_end, limit_cp) - piece.cp_start
    if n <= 0:
        return "", []
    if piece.compressed:
        text, offsets = decode_compressed(word[piece.fc : piece.fc + n], chinese_document)
        return text, [piece.fc + off for off in offsets]
    raw = word[piece.fc : piece.fc + 2 * n]
    text = raw[: len(raw) // 2 * 2].decode("utf-16-le", errors="replace")
    return text, [piece.fc + 2 * i for i in range(len(text))]


def main_text(
    word: bytes, pieces: list[Piece], ccp_text: int, config: Config, chinese_document: bool = True
) -> tuple[str, list[int]]:
    """The main story text and, for each character, its byte offset in the WordDocument stream."""
    if ccp_text > config.max_inflated_bytes // 2:
        raise LimitExceeded(f"Word 文档声明的正文长度 {ccp_text} 字符超过上限", code="too-large")
    chars: list[str] = []
    fcs: list[int] = []
    for piece in sorted(pieces, key=lambda p: p.cp_start):
        if piece.cp_start >= ccp_text:
            break
        text, offsets = piece_text(word, piece, ccp_text, chinese_document)
        chars.append(text)
        fcs.extend(offsets)
    return "".join(chars), fcs


# ---------------------------------------------------------------- paragraph properties (PAPX)


def _sprm_operand_size(sprm: int, grpprl: bytes, pos: int) -> int:
    spra = sprm >> 13
    fixed = {0: 1, 1: 1, 2: 2, 3: 4, 4: 2, 5: 2, 7: 3}
    if spra in fixed:
        return fixed[spra]
    if sprm == SPRM_T_DEF_TABLE:
        return 2 + _u16(grpprl, pos) - 1 if pos + 2 <= len(grpprl) else len(grpprl)
    if pos >= len(grpprl):
        return 0
    if sprm == SPRM_P_CHG_TABS and grpprl[pos] == 255:
        return len(grpprl) - pos  # rare long form; stop here
    return 1 + grpprl[pos]


def iter_sprms(grpprl: bytes) -> Iterator[tuple[int, bytes]]:
    """(sprm, operand) pairs of a grpprl, stopping at the first malformed one."""
    pos = 0
    while pos + 2 <= len(grpprl):
        sprm = _u16(grpprl, pos)
        pos += 2
        size = _sprm_operand_size(sprm, grpprl, pos)
        if size <= 0 or pos + size > len(grpprl):
            return
        yield sprm, grpprl[pos : pos + size]
        pos += size


def apply_sprms(props: ParagraphProps, grpprl: bytes) -> ParagraphProps:
    """``props`` with the paragraph sprms of ``grpprl`` applied on top."""
    changes: dict[str, object] = {}
    for sprm, operand in iter_sprms(grpprl):
        if sprm == SPRM_P_FIN_TABLE:
            changes["in_table"] = bool(operand[0])
        elif sprm == SPRM_P_ITAP and len(operand) == 4 and _u32(operand, 0) > 0:
            changes["in_table"] = True
        elif sprm == SPRM_P_FTTP:
            changes["row_end"] = bool(operand[0])
        elif sprm in (SPRM_P_JC, SPRM_P_JC80):
            changes["centered"] = operand[0] == JC_CENTER
        elif sprm == SPRM_P_OUTLVL:
            changes["outline_level"] = operand[0] if operand[0] < 9 else None
        elif sprm == SPRM_P_ILFO and len(operand) == 2:
            changes["ilfo"] = _u16(operand, 0)
        elif sprm == SPRM_P_ILVL:
            changes["ilvl"] = min(operand[0], 8)
    return replace(props, **changes) if changes else props  # type: ignore[arg-type]


def props_from_papx(grpprl_with_istd: bytes, styles: Stylesheet | None = None) -> ParagraphProps:
    """Paragraph properties from a GrpPrlAndIstd: the style's, then the direct sprms."""
    if len(grpprl_with_istd) < 2:
        return ParagraphProps()
    istd = _u16(grpprl_with_istd, 0)
    base = styles.paragraph(istd) if styles is not None else _builtin_style(istd)
    return apply_sprms(base, grpprl_with_istd[2:])


def _builtin_style(istd: int) -> ParagraphProps:
    if istd in HEADING_ISTDS:
        return ParagraphProps(istd=istd, outline_level=istd - 1, style=f"heading {istd}")
    return ParagraphProps(istd=istd)


@dataclass(frozen=True)
class StyleDef:
    """One paragraph style of the STSH: name, base style and its own paragraph sprms."""

    name: str
    sti: int
    base: int
    grpprl: bytes


class Stylesheet:
    """Paragraph styles by istd, with properties resolved through ``istdBase``."""

    def __init__(self, styles: dict[int, StyleDef]):
        self.styles = styles
        self._resolved: dict[int, ParagraphProps] = {}

    def paragraph(self, istd: int) -> ParagraphProps:
        if istd not in self._resolved:
            self._resolved[istd] = self._resolve(istd, depth=0)
        return self._resolved[istd]

    def _resolve(self, istd: int, depth: int) -> ParagraphProps:
        style = self.styles.get(istd)
        if style is None:
            return _builtin_style(istd)
        base = ParagraphProps()
        if style.base != ISTD_NIL and style.base != istd and depth < 11:
            base = self._resolve(style.base, depth + 1)
        props = apply_sprms(replace(base, istd=istd, style=style.name, row_end=False), style.grpprl)
        if props.outline_level is None and style.sti in HEADING_ISTDS:
            props = replace(props, outline_level=style.sti - 1)
        return props


ISTD_NIL = 0x0FFF
STK_PARAGRAPH = 1


def parse_stylesheet(table: bytes, fib: Fib) -> Stylesheet | None:
    """The STSH's paragraph styles; None when it cannot be read (built-in heading styles are assumed)."""
    fc, lcb = fib.stylesheet
    if lcb < 6 or fc + lcb > len(table):
        return None
    stsh = table[fc : fc + lcb]
    cb_stshi = _u16(stsh, 0)
    if cb_stshi < 4 or 2 + cb_stshi > len(stsh):
        return None
    count, cb_base = _u16(stsh, 2), _u16(stsh, 4)
    styles: dict[int, StyleDef] = {}
    pos = 2 + cb_stshi
    for istd in range(count):
        if pos + 2 > len(stsh):
            break
        cb_std = _u16(stsh, pos)
        std = stsh[pos + 2 : pos + 2 + cb_std]
        pos += 2 + cb_std
        style = _parse_std(std, cb_base) if cb_std >= 10 else None
        if style is not None:
            styles[istd] = style
    return Stylesheet(styles)


def _parse_std(std: bytes, cb_base: int) -> StyleDef | None:
    sti = _u16(std, 0) & 0x0FFF
    stk, base = _u16(std, 2) & 0x000F, _u16(std, 2) >> 4
    cupx = _u16(std, 4) & 0x000F
    if stk != STK_PARAGRAPH or cb_base + 2 > len(std):
        return None
    cch = _u16(std, cb_base)
    name = std[cb_base + 2 : cb_base + 2 + 2 * cch].decode("utf-16-le", errors="replace")
    pos = cb_base + 2 + 2 * cch + 2
    grpprl = b""
    if cupx >= 1:
        pos += pos % 2
        if pos + 2 <= len(std):
            cb_upx = _u16(std, pos)
            upx = std[pos + 2 : pos + 2 + cb_upx]
            grpprl = upx[2:]  # UpxPapx: istd, then the grpprl
    return StyleDef(name=name, sti=sti, base=base, grpprl=grpprl)


@dataclass(frozen=True)
class PapxMap:
    """Paragraph properties looked up by the stream offset of a paragraph's last character."""

    starts: tuple[int, ...]
    ends: tuple[int, ...]
    props: tuple[ParagraphProps, ...]

    def at(self, fc: int) -> ParagraphProps | None:
        i = bisect_right(self.starts, fc) - 1
        if i < 0 or fc >= self.ends[i]:
            return None
        return self.props[i]


def parse_papx(word: bytes, table: bytes, fib: Fib, styles: Stylesheet | None = None) -> PapxMap:
    """Walk PlcBtePapx and its 512-byte FKPs; an unreadable part just yields fewer entries."""
    starts: list[int] = []
    ends: list[int] = []
    props: list[ParagraphProps] = []
    lcb = fib.lcb_papx
    if lcb < 12 or (lcb - 4) % 8 or fib.fc_papx + lcb > len(table):
        return PapxMap((), (), ())
    plc = table[fib.fc_papx : fib.fc_papx + lcb]
    count = (lcb - 4) // 8
    for i in range(count):
        pn = _u32(plc, 4 * (count + 1) + 4 * i) & 0x3FFFFF
        page = word[pn * 512 : pn * 512 + 512]
        if len(page) < 512:
            continue
        for start, end, prop in _fkp_entries(page, styles):
            starts.append(start)
            ends.append(end)
            props.append(prop)
    order = sorted(range(len(starts)), key=starts.__getitem__)
    return PapxMap(tuple(starts[i] for i in order), tuple(ends[i] for i in order), tuple(props[i] for i in order))


def _fkp_entries(page: bytes, styles: Stylesheet | None) -> Iterator[tuple[int, int, ParagraphProps]]:
    crun = page[511]
    if 4 * (crun + 1) + 13 * crun > 511:
        return
    rgfc = [_u32(page, 4 * i) for i in range(crun + 1)]
    for i in range(crun):
        b_offset = page[4 * (crun + 1) + 13 * i] * 2
        prop = styles.paragraph(0) if styles is not None else ParagraphProps()
        if b_offset:
            cb = page[b_offset]
            if cb == 0 and b_offset + 1 < 511:
                length, body = 2 * page[b_offset + 1], b_offset + 2
            else:
                length, body = 2 * cb - 1, b_offset + 1
            prop = props_from_papx(page[body : min(body + length, 511)], styles)
        yield rgfc[i], rgfc[i + 1], prop


# ---------------------------------------------------------------- character properties (CHPX)


@dataclass(frozen=True)
class HiddenRuns:
    """Stream ranges ``[start, end)`` whose characters Word does not show: tracked deletions, hidden text."""

    starts: tuple[int, ...] = ()
    ends: tuple[int, ...] = ()

    def hides(self, fc: int) -> bool:
        i = bisect_right(self.starts, fc) - 1
        return i >= 0 and fc < self.ends[i]


def parse_hidden_runs(word: bytes, table: bytes, fib: Fib) -> HiddenRuns:
    """Walk PlcBteChpx and its FKPs, keeping the runs marked deleted or hidden."""
    fc, lcb = fib.chpx
    if lcb < 12 or (lcb - 4) % 8 or fc + lcb > len(table):
        return HiddenRuns()
    plc = table[fc : fc + lcb]
    count = (lcb - 4) // 8
    runs: list[tuple[int, int]] = []
    for i in range(count):
        pn = _u32(plc, 4 * (count + 1) + 4 * i) & 0x3FFFFF
        page = word[pn * 512 : pn * 512 + 512]
        if len(page) == 512:
            runs.extend(_hidden_in_chpx_fkp(page))
    runs.sort()
    return HiddenRuns(tuple(r[0] for r in runs), tuple(r[1] for r in runs))


def _hidden_in_chpx_fkp(page: bytes) -> Iterator[tuple[int, int]]:
    crun = page[511]
    if 5 * crun + 4 > 511:
        return
    rgfc = [_u32(page, 4 * i) for i in range(crun + 1)]
    for i in range(crun):
        offset = page[4 * (crun + 1) + i] * 2
        if not offset:
            continue
        grpprl = page[offset + 1 : min(offset + 1 + page[offset], 511)]
        if _hides_text(grpprl):
            yield rgfc[i], rgfc[i + 1]


_HIDING_OPCODES = tuple(struct.pack("<H", sprm) for sprm in (SPRM_C_RMARK_DEL, SPRM_C_VANISH))


def _hides_text(grpprl: bytes) -> bool:
    """Whether a character grpprl marks its run deleted or hidden (most runs carry neither opcode)."""
    if not any(opcode in grpprl for opcode in _HIDING_OPCODES):
        return False
    return any(
        sprm in (SPRM_C_RMARK_DEL, SPRM_C_VANISH) and operand[0] in TOGGLE_ON for sprm, operand in iter_sprms(grpprl)
    )


def drop_hidden(text: str, fcs: list[int], hidden: HiddenRuns) -> tuple[str, list[int]]:
    """Characters Word shows (an accept-all-changes view), with their stream offsets."""
    if not hidden.starts:
        return text, fcs
    keep = [i for i, fc in enumerate(fcs) if not hidden.hides(fc)]
    return "".join(text[i] for i in keep), [fcs[i] for i in keep]


# ---------------------------------------------------------------- fields and paragraphs


def strip_fields(text: str) -> tuple[str, list[int]]:
    """Drop field instructions (TOC, HYPERLINK, PAGEREF ...), keep field results; nested fields allowed.

    Returns the kept text and, for each kept character, its index in ``text``.
    """
    parts: list[str] = []
    index: list[int] = []
    stack: list[bool] = []  # per open field: True once its separator has been seen
    in_instruction = 0  # open fields still in their instruction part
    start = 0
    for mark in _FIELD_MARKS.finditer(text):
        if not in_instruction:  # the run before this mark is visible
            parts.append(text[start : mark.start()])
            index.extend(range(start, mark.start()))
        ch = mark.group()
        if ch == FIELD_BEGIN:
            stack.append(False)
            in_instruction += 1
        elif ch == FIELD_SEPARATOR and stack and not stack[-1]:
            stack[-1] = True
            in_instruction -= 1
        elif ch == FIELD_END and stack and not stack.pop():
            in_instruction -= 1
        start = mark.end()
    if not in_instruction:
        parts.append(text[start:])
        index.extend(range(start, len(text)))
    return "".join(parts), index


_FIELD_MARKS = re.compile("[\x13\x14\x15]")
_PARAGRAPH_ENDS = re.compile("[\r\x07\x0c]")


def clean_run(text: str) -> str:
    """Replace the remaining special characters inside one paragraph; symbol-font glyphs become Unicode."""
    out = "".join(DROPPED.get(ch, ch) for ch in text).strip()
    if any("\uf020" <= ch <= "\uf0ff" for ch in out):
        from .numbering import bullet_glyph

        out = "".join(bullet_glyph(ch) if "\uf020" <= ch <= "\uf0ff" else ch for ch in out)
    return out


@dataclass(frozen=True)
class RawParagraph:
    text: str
    mark: str  # "\r", "\x07", "\x0c" (page or section break), or "" when the story ends without one
    props: ParagraphProps | None


def split_paragraphs(text: str, fcs: list[int], papx: PapxMap) -> Iterator[RawParagraph]:
    """Cut the field-free text at paragraph and cell marks, attaching each paragraph's PAPX."""
    start = 0
    for mark in _PARAGRAPH_ENDS.finditer(text):
        i, ch = mark.start(), mark.group()
        segment = text[start:i]
        # a page break opening a paragraph belongs to that paragraph: no properties (and no list number) of its own
        lookup = i < len(fcs) and not (ch == PAGE_BREAK and not segment.strip())
        yield RawParagraph(segment, ch, papx.at(fcs[i]) if lookup else None)
        start = i + 1
    if start < len(text):
        yield RawParagraph(text[start:], "", None)


def paragraphs_to_blocks(
    paragraphs: Iterator[RawParagraph], has_papx: bool, lists: ListCounters | None = None
) -> list[Block]:
    """Group cells into ``table_row`` blocks, number list paragraphs, keep the others as they are."""
    blocks: list[Block] = []
    cells: list[str] = []
    cell_parts: list[str] = []
    previous_mark = ""
    counted = 0  # non-empty paragraphs and table cells so far (see cxzy_nlp.locate)

    def add(block_text: str, **cues: object) -> None:
        nonlocal counted
        if block_text:
            blocks.append(Block(text=block_text, paragraph=counted, **cues))  # type: ignore[arg-type]
            counted += 1

    def add_row(row: list[str]) -> None:
        nonlocal counted
        if any(row):  # a row takes the number of its first non-empty cell; each non-empty cell counts
            blocks.append(Block(text="\t".join(row).strip("\t"), kind="table_row", paragraph=counted))
            counted += sum(1 for c in row if c)

    for para in paragraphs:
        text = clean_run(para.text)
        props = para.props
        label = list_label(lists, props)
        if label is not None and text:
            text = label.joined_with(text)
        if para.mark == CELL_MARK:
            row_end = props.row_end if has_papx and props else (previous_mark == CELL_MARK and not text)
            if row_end:
                add_row(cells)
                cells, cell_parts = [], []
            else:
                cells.append(" ".join(p for p in [*cell_parts, text] if p))
                cell_parts = []
        elif props is not None and props.in_table:
            cell_parts.append(text)
        else:
            if cells or cell_parts:  # a table that never closed its row
                add_row([*cells, *cell_parts])
                cells, cell_parts = [], []
            add(text, auto_number=label.text if label is not None and label.text else None, **_cues(props))
        previous_mark = para.mark
    if cells or cell_parts:
        add_row([*cells, *cell_parts])
    return blocks


def list_label(lists: ListCounters | None, props: ParagraphProps | None) -> Label | None:
    """Advance the list counters for a numbered paragraph and return its label."""
    if lists is None or props is None or not 0 < props.ilfo < ILFO_SPECIAL:
        return None
    return lists.advance(str(props.ilfo), props.ilvl)


def _cues(props: ParagraphProps | None) -> dict[str, object]:
    if props is None:
        return {}
    return {"centered": props.centered, "outline_level": props.outline_level, "style": props.style}


# ---------------------------------------------------------------- list numbering (LSTF, LVL, LFO)

# [MS-DOC] 2.2.1.3 MSONFC: number format codes to their ECMA-376 ST_NumberFormat names.
NFC_FORMATS = {
    0x00: "decimal",
    0x01: "upperRoman",
    0x02: "lowerRoman",
    0x03: "upperLetter",
    0x04: "lowerLetter",
    0x05: "ordinal",
    0x0A: "ideographDigital",
    0x0B: "japaneseCounting",
    0x0E: "decimalFullWidth",
    0x0F: "decimalHalfWidth",
    0x11: "japaneseDigitalTenThousand",
    0x12: "decimalEnclosedCircle",
    0x13: "decimalFullWidth2",
    0x16: "decimalZero",
    0x17: "bullet",
    0x1A: "decimalEnclosedFullstop",
    0x1B: "decimalEnclosedParen",
    0x1C: "decimalEnclosedCircleChinese",
    0x1E: "ideographTraditional",
    0x1F: "ideographZodiac",
    0x20: "ideographZodiacTraditional",
    0x21: "taiwaneseCounting",
    0x22: "ideographLegalTraditional",
    0x23: "taiwaneseCountingThousand",
    0x24: "taiwaneseDigital",
    0x25: "chineseCounting",
    0x26: "chineseLegalSimplified",
    0x27: "chineseCountingThousand",
    0x28: "decimal",
    0xFF: "none",
}
FOLLOW_CHARS = {0: "tab", 1: "space", 2: "nothing"}
LVLF_SIZE = 28
LSTF_SIZE = 28
LFO_SIZE = 16
ILFO_SPECIAL = 0x07FF  # larger values mark "numbering removed" (0xF801 and up)


def parse_lvl(data: bytes, pos: int, ilvl: int) -> tuple[Level | None, int]:
    """One LVL (LVLF, grpprlPapx, grpprlChpx, xst) at ``pos``; the level and the offset after it."""
    from .numbering import Level

    if pos + LVLF_SIZE > len(data):
        return None, len(data)
    start = int(struct.unpack_from("<i", data, pos)[0])
    nfc, flags, follow = data[pos + 4], data[pos + 5], data[pos + 15]
    cb_chpx, cb_papx, restart_limit = data[pos + 24], data[pos + 25], data[pos + 26]
    pos += LVLF_SIZE + cb_papx + cb_chpx
    if pos + 2 > len(data):
        return None, len(data)
    cch = _u16(data, pos)
    xst = data[pos + 2 : pos + 2 + 2 * cch].decode("utf-16-le", errors="replace")
    pos += 2 + 2 * cch
    level = Level(
        ilvl=ilvl,
        num_fmt=NFC_FORMATS.get(nfc, "decimal"),
        lvl_text="".join(f"%{ord(ch) + 1}" if ord(ch) < 9 else ch for ch in xst),
        start=start,
        restart=restart_limit if flags & 0x08 else None,  # fNoRestart: restart only after ilvlRestartLim
        is_lgl=bool(flags & 0x04),
        suffix=FOLLOW_CHARS.get(follow, "tab"),
    )
    return level, pos


def parse_lists(table: bytes, fib: Fib) -> NumberingDefinitions | None:
    """List definitions (PlfLst and the LVLs after it) and instances (PlfLfo); None when absent or damaged."""
    from .numbering import AbstractNum, NumberingDefinitions

    fc, lcb = fib.lists
    if lcb < 2 or fc + lcb > len(table):
        return None
    count = min(_u16(table, fc), (lcb - 2) // LSTF_SIZE)
    lstfs = [(_u32(table, fc + 2 + LSTF_SIZE * i), table[fc + 2 + LSTF_SIZE * i + 26] & 1) for i in range(count)]
    pos = fc + 2 + LSTF_SIZE * count
    abstracts: dict[str, AbstractNum] = {}
    for lsid, simple in lstfs:
        levels: dict[int, Level] = {}
        for ilvl in range(1 if simple else 9):
            level, pos = parse_lvl(table, pos, ilvl)
            if level is None:
                return None
            levels[ilvl] = level
        abstracts[str(lsid)] = AbstractNum(str(lsid), levels)
    return NumberingDefinitions(abstracts, parse_list_instances(table, fib))


def parse_list_instances(table: bytes, fib: Fib) -> dict[str, NumInstance]:
    """LFOs by 1-based index, with their start-at and formatting overrides."""
    from .numbering import NumInstance

    fc, lcb = fib.list_overrides
    if lcb < 4 or fc + lcb > len(table):
        return {}
    count = min(_u32(table, fc), (lcb - 4) // LFO_SIZE)
    lfos = [(_u32(table, fc + 4 + LFO_SIZE * i), table[fc + 4 + LFO_SIZE * i + 12]) for i in range(count)]
    pos = fc + 4 + LFO_SIZE * count
    instances: dict[str, NumInstance] = {}
    for index, (lsid, override_count) in enumerate(lfos, start=1):
        starts: dict[int, int] = {}
        overrides: dict[int, Level] = {}
        pos += 4  # LfoData.cp
        for _ in range(min(override_count, 9)):
            if pos + 8 > len(table):
                break
            start_at = int(struct.unpack_from("<i", table, pos)[0])
            flags = _u32(table, pos + 4)
            ilvl = flags & 0x0F
            pos += 8
            if flags & 0x10:
                starts[ilvl] = start_at
            if flags & 0x20:
                level, pos = parse_lvl(table, pos, ilvl)
                if level is not None:
                    overrides[ilvl] = level
        instances[str(index)] = NumInstance(str(index), str(lsid), starts, overrides)
    return instances


# ---------------------------------------------------------------- entry point


def _open_streams(data: bytes) -> tuple[bytes, dict[str, bytes], str | None]:
    """The WordDocument stream, the table streams present, and the metadata title."""
    import olefile

    try:
        ole = olefile.OleFileIO(io.BytesIO(data))
    except Exception as exc:  # olefile raises OSError and others on damaged containers
        raise ReadError("Word 文档的 OLE 容器已损坏或被截断，无法读取", code="corrupt", detail=str(exc)) from None
    try:
        if not ole.exists("WordDocument"):
            raise ReadError("文件不含 WordDocument 流，不是 Word 97-2003 文档", code="type-mismatch")
        streams = {name: _read_stream(ole, name) for name in ("WordDocument", "0Table", "1Table") if ole.exists(name)}
        return streams["WordDocument"], streams, _metadata_title(ole)
    finally:
        ole.close()


def _metadata_title(ole: object) -> str | None:
    """The SummaryInformation title (often a template's leftover: a hint, not the truth)."""
    try:
        meta = ole.get_metadata()  # type: ignore[attr-defined]
    except Exception:  # a damaged property set only loses the title
        return None
    raw = meta.title
    if isinstance(raw, bytes):
        raw = raw.decode(codepage_codec(meta.codepage, "gb18030"), errors="replace")
    if not isinstance(raw, str):
        return None
    title = " ".join(raw.split("\x00", 1)[0].split())
    return title or None


def _read_stream(ole: object, name: str) -> bytes:
    try:
        with ole.openstream(name) as stream:  # type: ignore[attr-defined]
            return bytes(stream.read())
    except ReadError:
        raise
    except Exception as exc:
        raise ReadError(f"Word 文档的 {name} 流损坏或被截断，无法读取", code="truncated", detail=str(exc)) from None


def read_doc(data: bytes, config: Config) -> ReaderOutput:
    """Read the main text of a Word 97-2003 binary document into paragraph and table-row blocks."""
    word, streams, title = _open_streams(data)
    fib = parse_fib(word)
    if fib.encrypted or fib.obfuscated:
        raise ReadError("Word 文档已加密（设有打开密码），无法读取；请提交未加密的版本", code="encrypted")
    if fib.nfib <= NFIB_WORD95:
        raise ReadError(
            "这是 Word 6.0/95 或更早版本的文档，暂不支持；请另存为 .docx 后再提交", code="unsupported-format"
        )
    table = streams.get(fib.table_stream)
    if table is None:
        raise ReadError(f"Word 文档缺少 {fib.table_stream} 流，文件可能已损坏", code="corrupt")
    pieces = parse_piece_table(table, fib)
    text, fcs = main_text(word, pieces, fib.ccp_text, config, chinese_document=bool(fib.lids & CHINESE_LIDS))
    text, fcs = drop_hidden(text, fcs, parse_hidden_runs(word, table, fib))
    kept, index = strip_fields(text)
    papx = parse_papx(word, table, fib, parse_stylesheet(table, fib))
    kept_fcs = [fcs[i] if i < len(fcs) else -1 for i in index]
    definitions = parse_lists(table, fib)
    lists = None
    if definitions is not None:
        from .numbering import ListCounters

        lists = ListCounters(definitions)
    blocks = paragraphs_to_blocks(split_paragraphs(kept, kept_fcs, papx), bool(papx.starts), lists)
    return ReaderOutput(blocks=tuple(blocks), title=title, problems=unreadable_problems(blocks, "Word 文档"))


def read_stories(data: bytes, config: Config) -> dict[str, str]:
    """The text of the stories :func:`read_doc` leaves out (comments, text boxes, headers...), fields stripped."""
    word, streams, _ = _open_streams(data)
    fib = parse_fib(word)
    table = streams.get(fib.table_stream)
    if fib.encrypted or fib.obfuscated or table is None or not fib.story_lengths:
        return {}
    end = fib.ccp_text + sum(fib.story_lengths)
    text, _ = main_text(word, parse_piece_table(table, fib), end, config)
    stories: dict[str, str] = {}
    start = fib.ccp_text
    for name, length in zip(STORIES, fib.story_lengths, strict=True):
        if length:
            stories[name] = strip_fields(text[start : start + length])[0]
        start += length
    return stories
