"""Blocks to one normalised text with a map back to the source blocks.

Normalisation keeps Chinese typographic conventions: full-width ，。：；（）“” in Chinese
text, half-width digits and Latin letters. It removes zero-width and control characters,
cleans whitespace and, for plain text, re-joins lines broken in the middle of a sentence; a Word line break
before a numbered heading starts a line of its own.
``normalise_text(normalise_text(s)) == normalise_text(s)`` for every string.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import replace
from functools import lru_cache

from .chinese.docnumber import DOC_NUMBER_LINE
from .chinese.markers import LINE_START_MARKER
from .chinese.sentences import PARAGRAPH_ENDS
from .doctitle import title_kind
from .model import Block, BlockSpan, NormalText, ReadResult

# Full-width ASCII variants (digits, letters) fold to half-width; punctuation is decided by context.
_FW_ALNUM = {
    cp: cp - 0xFEE0 for cp in list(range(0xFF10, 0xFF1A)) + list(range(0xFF21, 0xFF3B)) + list(range(0xFF41, 0xFF5B))
}
_ZERO_WIDTH = "\u200b\u200c\u200d\u2060\ufeff\u00ad\u180e"
_SPACES = "\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u205f\u3000"
_TRANSLATE: dict[int, int | str | None] = dict(_FW_ALNUM)
_TRANSLATE.update({ord(c): None for c in _ZERO_WIDTH})
_TRANSLATE.update({ord(c): " " for c in _SPACES})
_TRANSLATE.update({cp: None for cp in range(0x00, 0x20) if cp not in (0x09, 0x0A)})
_TRANSLATE.update({cp: None for cp in range(0x7F, 0xA0)})
_TRANSLATE[0x0D] = None
_TRANSLATE[0xFF0E] = "．"  # kept; folded to "." after digits below

_CJK = r"\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u3000-\u303f\uff00-\uffef"
_CJK_CHAR = f"[{_CJK}]"
_COMMA_RE = re.compile(rf"(?<={_CJK_CHAR}),|,(?={_CJK_CHAR})")
_COLON_RE = re.compile(rf"(?<={_CJK_CHAR}):(?!//)")
_SEMI_RE = re.compile(rf"(?<={_CJK_CHAR});|;(?={_CJK_CHAR})")
_QMARK_RE = re.compile(rf"(?<={_CJK_CHAR})\?")
_EXCL_RE = re.compile(rf"(?<={_CJK_CHAR})!")
# a sentence-final "." after Chinese becomes "。", but not the dot of a marker such as "一.工作目标"
_PERIOD_RE = re.compile(r"(?<=[\u4e00-\u9fff）”])(?<![一二三四五六七八九十百零〇])\.(?=$|[\u4e00-\u9fff“（])")
_PAREN_RE = re.compile(rf"\(([^()\n]*{_CJK_CHAR}[^()\n]*)\)")
_DQUOTE_RE = re.compile(rf'"([^"\n]*{_CJK_CHAR}[^"\n]*)"')
_FW_DOT_AFTER_DIGIT = re.compile(r"(?<=\d)．")
_SPACE_RUN = re.compile(r"[ \t]*\t[ \t]*|  +")
_RADICALS = re.compile("[\u2e80-\u2eff\u2f00-\u2fdf]")


def _fold_radical(m: re.Match[str]) -> str:
    return unicodedata.normalize("NFKC", m.group(0))


# Each ASCII-mark regex needs its mark in the text; a block without any of them skips the loop.
_ASCII_MARK_FOLDS = (
    (",", _COMMA_RE, "，"),
    (":", _COLON_RE, "："),
    (";", _SEMI_RE, "；"),
    ("?", _QMARK_RE, "？"),
    ("!", _EXCL_RE, "！"),
    (".", _PERIOD_RE, "。"),
    ("(", _PAREN_RE, r"（\1）"),
    ('"', _DQUOTE_RE, r"“\1”"),
)
_ASCII_MARKS = frozenset(mark for mark, _, _ in _ASCII_MARK_FOLDS)


# ------------------------------------------------------------------ traditional characters


def fold_traditional(text: str) -> str:
    """Traditional characters folded to simplified, one character for one, for matching only.

    The text a reviewer sees stays as written; the segmenter and the classifier match their lexicons
    against this folded copy, whose offsets are the same. Uses OpenCC (``opencc``, Apache-2.0) when
    installed; without it the text is returned unchanged.
    """
    converter = _t2s()
    if converter is None or text.isascii():
        return text
    out: str = converter.convert(text)  # type: ignore[attr-defined]
    if out == text or len(out) == len(text):
        return out if out != text else text
    # a phrase conversion changed the length: fold character by character
    return "".join(_fold_char(converter, ch) for ch in text)


def _fold_char(converter: object, ch: str) -> str:
    folded: str = converter.convert(ch)  # type: ignore[attr-defined]
    return folded if len(folded) == 1 else ch


@lru_cache(maxsize=1)
def _t2s() -> object | None:
    try:
        import opencc
    except ImportError:
        return None
    return opencc.OpenCC("t2s")


def _tidy_spaces(s: str) -> str:
    """Runs of spaces to one space, runs holding a tab to one tab."""
    if "\t" not in s and "  " not in s:
        return s
    return _SPACE_RUN.sub(lambda m: "\t" if "\t" in m.group(0) else " ", s)


def _fold_ascii_marks(s: str) -> str:
    """ASCII marks in Chinese context to full-width ones, to a fixed point.

    A folded mark is itself Chinese context for its neighbour ("一::"), so fold until nothing
    changes; each pass only turns ASCII marks into full-width ones, so this ends.
    """
    previous = None
    while previous != s:
        previous = s
        for mark, regex, replacement in _ASCII_MARK_FOLDS:
            if mark in s:
                s = regex.sub(replacement, s)
    return s


def normalise_text(text: str) -> str:
    """Normalise one block's text (no newlines expected; they become spaces)."""
    s = text.translate(_TRANSLATE).replace("\n", " ")
    s = _RADICALS.sub(_fold_radical, s)
    if "．" in s:
        s = _FW_DOT_AFTER_DIGIT.sub(".", s)
    s = _tidy_spaces(s).strip(" \t")
    if not _ASCII_MARKS.isdisjoint(s):
        s = _fold_ascii_marks(s)
    return _tidy_spaces(s).strip(" \t")


# A line that starts like a heading or list item must not be glued to the line before it.
_MARKER_START = LINE_START_MARKER
_TERMINAL = tuple(PARAGRAPH_ENDS)
# 各二级团组织：, 各街道办事处，区直各部门： under a …通知 title: a line of its own
_ADDRESSEE = re.compile(r"\s*各[^。；;\n]{1,80}[：:]\s*$")
# 附件：1．…, 附件 2. …, 附：…: an attachment line opens a list of its own, never the tail of the sentence above
# (详见\n附件2。 does continue it: no colon, dot or space after the number)
_ATTACHMENT_START = re.compile(
    r"\s*(?:附件\s*[：:]|附件\s*[0-9０-９一二三四五六七八九十]{1,2}\s*[：:．.、 　\t]|附\s*[：:])"
)


def _ends_a_title(line: str) -> bool:
    """Whether a line ends with a 文种 word (…的通知, 关于印发…方案的通知): a title, never wrapped into the 主送 line
    below it."""
    found = title_kind(line, unwrap=False)  # a 印发 notice's own 文种 ends its line, not its plan's
    return found is not None and line.rstrip().endswith(found[1])


def _should_join(prev: str, nxt: str, typical: int) -> bool:
    """Whether ``nxt`` continues the sentence of ``prev`` (a line wrapped at the page edge)."""
    if not prev or not nxt:
        return False
    if prev.endswith(_TERMINAL):
        return False
    if _MARKER_START.match(nxt) or _ATTACHMENT_START.match(nxt) or (_ADDRESSEE.match(nxt) and _ends_a_title(prev)):
        return False
    if DOC_NUMBER_LINE.fullmatch(nxt.strip()) or DOC_NUMBER_LINE.fullmatch(prev.strip()):
        return False  # a 文号 (某教发〔2024〕12号) is a line of its own
    if _MARKER_START.match(prev):
        # a numbered line is a heading unless it fills the whole line width (a wrapped list item)
        return len(prev) >= max(20, typical)
    # only lines that reach the usual width were wrapped by layout
    return len(prev) >= max(20, int(typical * 0.8))


def rejoin_lines(blocks: tuple[Block, ...]) -> tuple[Block, ...]:
    """Join plain-text lines that were wrapped mid-sentence (``服\\n务群众``)."""
    lengths = sorted(len(b.text) for b in blocks if b.text)
    if not lengths:
        return blocks
    typical = lengths[int(len(lengths) * 0.9) - 1] if len(lengths) >= 10 else lengths[-1]
    out: list[Block] = []
    last_line = -2  # source line of the last block appended or joined
    for block in blocks:
        adjacent = block.paragraph == last_line + 1  # a blank line between two lines ends a paragraph
        if (
            out
            and adjacent
            and block.kind == "paragraph"
            and out[-1].kind == "paragraph"
            and _should_join(out[-1].text, block.text, typical)
        ):
            out[-1] = replace(out[-1], text=out[-1].text + block.text)
        else:
            out.append(block)
        last_line = block.paragraph
    return tuple(out)


def _normalised_block(block: Block) -> Block:
    text = normalise_text(block.text)
    return block if text == block.text else replace(block, text=text)


def split_breaks(block: Block) -> list[Block]:
    """A paragraph whose line break (Word's Shift+Enter) puts a numbered heading on its own line
    (``…达到标准要求。<br>二．工作感悟``): one block up to the break, one from the heading on. Other breaks
    stay inside the paragraph (they become spaces). The heading's part keeps no numbering, style or outline
    level of the paragraph."""
    if block.kind != "paragraph" or "\n" not in block.text:
        return [block]
    parts: list[str] = []
    for piece in block.text.split("\n"):
        if parts and not (_MARKER_START.match(piece) and parts[-1].strip()):
            parts[-1] = f"{parts[-1]}\n{piece}"
        else:
            parts.append(piece)
    if len(parts) == 1:
        return [block]
    rest = [replace(block, text=p, auto_number=None, style=None, outline_level=None) for p in parts[1:]]
    return [replace(block, text=parts[0]), *rest]


def normalise(result: ReadResult) -> NormalText:
    """One normalised text for a read file, blocks joined by newlines, with the block map."""
    read = result.blocks
    if result.source.format != "pdf":  # a PDF's breaks are the page's width, not the writer's
        read = tuple(piece for block in read for piece in split_breaks(block))
    blocks = tuple(b for b in map(_normalised_block, read) if b.text)
    if result.source.format in ("txt", "md"):
        blocks = rejoin_lines(blocks)
    parts: list[str] = []
    spans: list[BlockSpan] = []
    pos = 0
    for block in blocks:
        if parts:
            pos += 1  # the joining newline
        spans.append(BlockSpan(start=pos, end=pos + len(block.text), block=block))
        parts.append(block.text)
        pos += len(block.text)
    return NormalText(text="\n".join(parts), blocks=tuple(spans))


__all__ = ["fold_traditional", "normalise", "normalise_text", "rejoin_lines", "split_breaks"]
