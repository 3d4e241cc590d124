"""Plain text and Markdown: encoding detection, mixed-encoding recovery, one block per line.

Order of trust: a BOM; UTF-16 told by its NUL pattern; strict UTF-8 (unless GB18030 gives
far more common characters, as for short GBK texts that happen to be valid UTF-8); Chinese
UTF-16 without BOM or NULs; then line by line (a UTF-8 file with some GBK lines pasted in
keeps both); a file with no UTF-8 lines at all is decoded as one legacy encoding, GB18030
unless the bytes only make sense as Big5. Text that still decodes to garbage is refused.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

from ..config import Config
from ..errors import LimitExceeded, ReadError
from ..model import Block, Problem
from .base import ReaderOutput

BOMS: tuple[tuple[bytes, str], ...] = (
    (b"\xef\xbb\xbf", "utf-8-sig"),
    (b"\xff\xfe", "utf-16-le"),
    (b"\xfe\xff", "utf-16-be"),
)
BIG5_NAMES = ("big5", "cp950", "big5hkscs")
# Simplified Chinese text read as GB18030 is almost all GB2312 level-1 hanzi and punctuation.
SIMPLIFIED_COMMON_SHARE = 0.6
# Above this share of unreadable characters a file is garbage, below it a reading problem.
GARBAGE_SHARE = 0.3
CONTROL_SHARE = 0.05
# Larger text files are refused before decoding (about 1.4 million Chinese characters; the longest real plan is 0.36 MB).
MAX_TEXT_BYTES = 4 * 1024 * 1024
MIN_UTF16_GUESS = 4  # characters needed before guessing UTF-16 without BOM or NULs
_MD_HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")
_MD_TABLE_RULE = re.compile(r"^\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)*\|?\s*$")


# ---------------------------------------------------------------- encodings


def utf16_without_bom(data: bytes) -> str | None:
    """``utf-16-le``/``utf-16-be`` when NULs sit on one side of the byte pairs (ASCII-rich UTF-16)."""
    sample = data[:4096]
    if len(sample) < 4 or len(data) % 2:
        return None
    even, odd = sample[0::2].count(0), sample[1::2].count(0)
    if odd > len(sample) // 8 and even <= odd // 4:
        return "utf-16-le"
    if even > len(sample) // 8 and odd <= even // 4:
        return "utf-16-be"
    return None


def chinese_utf16(data: bytes) -> str | None:
    """``utf-16-le``/``-be`` for Chinese UTF-16 without BOM: it decodes to mostly common ideographs.

    GB18030 or UTF-8 bytes read as UTF-16 land in Hangul, private use and surrogates instead.
    """
    if len(data) % 2 or len(data) < 4:
        return None
    for encoding in ("utf-16-le", "utf-16-be"):
        try:
            text = data[:8192].decode(encoding)
        except UnicodeDecodeError:
            continue
        visible = [ch for ch in text if not ch.isspace()]
        if len(visible) < MIN_UTF16_GUESS:
            continue
        ideographs = sum("\u4e00" <= ch <= "\u9fff" for ch in visible)
        plausible = sum(_common_in_chinese_text(ch) for ch in visible)
        if ideographs >= 0.3 * len(visible) and plausible >= 0.95 * len(visible):
            return encoding
    return None


def _common_in_chinese_text(ch: str) -> bool:
    """Stricter than :func:`_plausible_char`: what a Chinese UTF-16 text is made of almost entirely."""
    return (
        "\u4e00" <= ch <= "\u9fff"
        or " " <= ch <= "~"
        or "\u3000" <= ch <= "\u303f"
        or "\uff00" <= ch <= "\uffef"
        or "\u2010" <= ch <= "\u2027"
    )


def legacy_encoding(data: bytes) -> str:
    """The Chinese legacy encoding of bytes that are not UTF-8: GB18030 unless they only make sense as Big5."""
    if _decodes(data, "gb18030") and common_share(data.decode("gb18030")) >= SIMPLIFIED_COMMON_SHARE:
        return "gb18030"
    if _decodes(data, "big5") and (not _decodes(data, "gb18030") or _detected(data) in BIG5_NAMES):
        return "big5"
    return "gb18030"


def common_share(text: str) -> float:
    """Share of non-ASCII characters that are common simplified characters or CJK punctuation."""
    wide = [ch for ch in text if not ch.isascii() and not ch.isspace()]
    return sum(_is_common(ch) for ch in wide) / len(wide) if wide else 1.0


def _decodes(data: bytes, encoding: str) -> bool:
    try:
        data.decode(encoding)
    except UnicodeDecodeError:
        return False
    return True


def _detected(data: bytes) -> str | None:
    from charset_normalizer import from_bytes

    best = from_bytes(data[:65536]).best()
    return best.encoding if best is not None else None


def decode_lines(data: bytes) -> tuple[list[str], str]:
    """The file's lines (without line ends) and a description of the encoding(s) used."""
    for bom, encoding in BOMS:
        if data.startswith(bom):
            return _split(data.decode(encoding, errors="replace").lstrip("\ufeff")), encoding
    utf16 = utf16_without_bom(data)
    if utf16:
        return _split(data.decode(utf16, errors="replace")), utf16
    if data.isascii():
        return _split(data.decode("ascii")), "ascii"
    if not _decodes(data, "utf-8"):
        utf16 = chinese_utf16(data)
        if utf16:
            return _split(data.decode(utf16, errors="replace")), utf16
    raw_lines = re.split(rb"\r\n|\r|\n", data)
    utf8_lines = lines_in_utf8(raw_lines)
    if all(utf8_lines):
        return _split(data.decode("utf-8")), "utf-8"
    if not any(u and not line.isascii() for u, line in zip(utf8_lines, raw_lines, strict=True)):
        encoding = legacy_encoding(data)
        return _split(data.decode(encoding, errors="replace")), encoding
    lines = [
        line.decode("utf-8") if u else line.decode("gb18030", errors="replace")
        for u, line in zip(utf8_lines, raw_lines, strict=True)
    ]
    return lines, "utf-8+gb18030"


def lines_in_utf8(raw_lines: list[bytes]) -> list[bool]:
    """For each line, whether it is UTF-8 (True) or GB18030 (False).

    A line that only one of them decodes is settled. Short GBK lines are sometimes valid
    UTF-8 by chance (the famous 联通) and UTF-8 Chinese often decodes as GB18030 too; such
    a line goes to the decoding with more common characters, the file's majority winning ties.
    """
    kinds = [_line_kind(line) for line in raw_lines]
    prefer_utf8 = kinds.count("utf-8") >= kinds.count("gb18030")
    margin = 1 if prefer_utf8 else -1
    out = []
    for line, kind in zip(raw_lines, kinds, strict=True):
        if kind == "both":
            utf8_score, gb_score = _common_score(line.decode("utf-8")), _common_score(line.decode("gb18030"))
            out.append(utf8_score + margin > gb_score if prefer_utf8 else utf8_score + margin >= gb_score)
        else:
            out.append(kind != "gb18030")
    return out


def _line_kind(line: bytes) -> str:
    if line.isascii():
        return "ascii"
    utf8, gb = _decodes(line, "utf-8"), _decodes(line, "gb18030")
    if utf8 and gb:
        return "both"
    return "utf-8" if utf8 else "gb18030"


def _common_score(text: str) -> int:
    """+1 per common character (GB2312 level-1 hanzi, CJK punctuation), -1 per uncommon one (mojibake)."""
    score = 0
    for ch in text:
        if not ch.isascii():
            score += 1 if _is_common(ch) else (0 if _is_gb2312_hanzi(ch) else -1)
    return score


def _is_common(ch: str) -> bool:
    try:
        code = ch.encode("gb2312")
    except UnicodeEncodeError:
        return False
    return 0xB0 <= code[0] <= 0xD7 or 0xA1 <= code[0] <= 0xA3


def _is_gb2312_hanzi(ch: str) -> bool:
    try:
        return ch.encode("gb2312")[0] >= 0xB0
    except UnicodeEncodeError:
        return False


def _split(text: str) -> list[str]:
    return re.split(r"\r\n|\r|\n", text)


# ---------------------------------------------------------------- garbage


# Code point ranges a Chinese office text is made of (besides ASCII): ideographs, CJK and
# full-width punctuation, general punctuation, Latin-1 letters, Greek and Cyrillic, number forms,
# circled numbers, box drawing and shapes, kana and Hangul.
_PLAUSIBLE_RANGES = (
    (0x4E00, 0x9FFF),
    (0x3000, 0x303F),
    (0xFF00, 0xFFEF),
    (0x2000, 0x206F),
    (0x00A0, 0x024F),
    (0x0370, 0x04FF),
    (0x2150, 0x218F),
    (0x2190, 0x21FF),
    (0x2200, 0x22FF),
    (0x2460, 0x24FF),
    (0x2500, 0x25FF),
    (0x2600, 0x26FF),
    (0x3040, 0x30FF),
    (0xAC00, 0xD7AF),
    (0x3200, 0x33FF),
)


_IMPLAUSIBLE_RE = re.compile(
    "[^\\s\x20-\x7e" + "".join(f"{chr(lo)}-{chr(hi)}" for lo, hi in _PLAUSIBLE_RANGES).replace("-", "\\-", 0) + "]"
)
_SPACE_RE = re.compile(r"\s")
_CONTROL_RE = re.compile("[\x00-\x08\x0a-\x0b\x0d-\x1f\x7f-\x9f]")


def _visible_count(text: str) -> int:
    return len(text) - len(_SPACE_RE.findall(text))


def control_share(lines: Iterable[str]) -> float:
    """Share of characters that are control codes other than tab and form feed (binary data)."""
    text = "".join(lines)
    return len(_CONTROL_RE.findall(text)) / len(text) if text else 0.0


def implausible_share(lines: Iterable[str]) -> float:
    """Share of visible characters outside what Chinese office texts are made of (garbage measure)."""
    text = "".join(lines)
    visible = _visible_count(text)
    return len(_IMPLAUSIBLE_RE.findall(text)) / visible if visible else 0.0


def unreadable_share(lines: Iterable[str], private_use_ok: bool = False) -> float:
    """Share of visible characters that are replacement marks, stray controls or unassigned code points.

    With ``private_use_ok`` (text decoded as valid UTF-8) private-use characters are what the author
    wrote (a symbol font's arrows and bullets): nothing was lost in decoding them.
    """
    text = "".join(lines)
    visible = _visible_count(text)
    if not visible:
        return 0.0
    categories = ("Cc", "Cn", "Cs") if private_use_ok else ("Cc", "Co", "Cn", "Cs")
    # categories are looked up once per distinct character, not once per character
    bad = {ch for ch in set(text) if ch == "\ufffd" or unicodedata.category(ch) in categories}
    return sum(text.count(ch) for ch in bad if not ch.isspace()) / visible


def unreadable_problems(blocks: Iterable[Block], where: str) -> tuple[Problem, ...]:
    """An ``unreadable-text`` problem when some block characters could not be decoded (U+FFFD)."""
    visible = [ch for b in blocks for ch in b.text if not ch.isspace()]
    share = visible.count("\ufffd") / len(visible) if visible else 0.0
    if share <= 0:
        return ()
    return (
        Problem(
            code="unreadable-text", message=f"{where}中约 {share:.2%} 的字符无法识别，已用替换符号标出", share=share
        ),
    )


# ---------------------------------------------------------------- blocks


def repair_lines(lines: list[str], where: str) -> tuple[list[str], Problem | None]:
    """Lines with provable mojibake repaired (:mod:`.mojibake`), and the problem to record, if any."""
    from .mojibake import garbled_share, mojibake_problem, repair

    text, verdict = repair("\n".join(lines))
    share = round(garbled_share(text), 4) if verdict == "unreadable" else None
    return text.split("\n"), mojibake_problem(where, verdict, share)


def line_to_block(line: str, index: int, markdown: bool, page: int | None = None) -> Block | None:
    """A block for one non-blank line; Markdown headings lose their hashes and gain an outline level."""
    text = line.strip()
    if not text:
        return None
    if markdown:
        heading = _MD_HEADING.match(text)
        if heading:
            level = len(heading.group(1))
            return Block(
                text=heading.group(2), paragraph=index, page=page, outline_level=level - 1, style=f"heading {level}"
            )
        if text.startswith("|") and text.endswith("|") and len(text) > 1:
            if _MD_TABLE_RULE.match(text):
                return None
            cells = [cell.strip() for cell in text[1:-1].split("|")]
            return Block(text="\t".join(cells), kind="table_row", paragraph=index, page=page)
    return Block(text=text, paragraph=index, page=page)


def line_pages(lines: list[str]) -> list[int | None]:
    """1-based page of each line when the text has form feeds (text saved from a PDF), else None."""
    if not any("\f" in line for line in lines):
        return [None] * len(lines)
    pages: list[int | None] = []
    breaks = 0
    for line in lines:
        leading = len(line) - len(line.lstrip("\f"))
        pages.append(1 + breaks + leading)
        breaks += line.count("\f")
    return pages


def looks_like_markdown(lines: list[str]) -> bool:
    """True when some line is an ATX heading or a pipe-table rule (the registry sends .md here too)."""
    return any(_MD_HEADING.match(line.strip()) or _MD_TABLE_RULE.match(line.strip()) for line in lines if line.strip())


def read_txt(data: bytes, config: Config, *, markdown: bool | None = None) -> ReaderOutput:
    """Decode a plain-text (or Markdown) file into one block per non-blank line.

    ``markdown=None`` decides from the text (headings ``#`` or pipe tables).
    """
    if len(data) > MAX_TEXT_BYTES:  # refused before decoding: no plan is this long, and the stages after
        raise LimitExceeded(  # reading grow with the text (50 MB of text ran past two minutes and 700 MB)
            f"文本文件有 {len(data) / 1048576:.1f} MB，超过文本文件 {MAX_TEXT_BYTES // 1048576} MB 的上限",
            code="too-large",
        )
    lines, encoding = decode_lines(data)
    if markdown is None:
        markdown = looks_like_markdown(lines)
    garbage = implausible_share(lines)
    if garbage > GARBAGE_SHARE or control_share(lines) > CONTROL_SHARE:
        raise ReadError(
            f"文本文件无法识别编码，约 {garbage:.0%} 的字符是乱码；请确认文件为 UTF-8、GB18030 或 Big5 编码的文本",
            code="corrupt",
            detail=f"best guess {encoding}",
        )
    problems: tuple[Problem, ...] = ()
    lines, encoding_problem = repair_lines(lines, "文本文件")
    if encoding_problem is not None:
        problems = (encoding_problem,)
    unicode_file = encoding.startswith("utf-") and "+" not in encoding  # not the mixed utf-8+gb18030
    share = unreadable_share(lines, private_use_ok=unicode_file)
    if share > 0:
        problems += (
            Problem(
                code="unreadable-text",
                message=f"部分字符（约 {share:.2%}）无法按 {encoding} 编码识别，已用替换符号或原样保留",
                share=share,
            ),
        )
    pages = line_pages(lines)
    blocks = tuple(
        b
        for i, (line, page) in enumerate(zip(lines, pages, strict=True))
        if (b := line_to_block(line, i, markdown, page)) is not None
    )
    page_count = max((p for p in pages if p is not None), default=None)
    return ReaderOutput(blocks=blocks, problems=problems, pages=page_count)


def read_md(data: bytes, config: Config) -> ReaderOutput:
    """Markdown: like plain text, with headings and pipe tables recognised."""
    return read_txt(data, config, markdown=True)
