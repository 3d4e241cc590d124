"""Chinese text decoded with the wrong codec ("mojibake"): detected, and repaired when provable.

Two accidents are common in submitted files: GBK (or UTF-8) bytes read as Latin-1/cp1252,
which gives runs such as ``Ò»¡¢×ÜÌå``, and UTF-8 bytes read as GBK, which gives rare
characters such as ``涓€銆佹€讳綋``. A repair is taken only when it is provable: the text
maps back to bytes exactly, those bytes decode strictly in the other codec, and what comes
out is ordinary Chinese (mostly common characters) where the input was not. Text that still
looks garbled is reported as ``unreadable-text``.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import replace
from typing import Literal

from ..model import Block, Problem

Verdict = Literal["clean", "repaired", "unreadable"]
MIN_RUN = 4  # characters of a Latin-1 run worth repairing (two Chinese characters)
COMMON_SHARE = 0.8  # share of common characters a repair must reach
GARBLED_SHARE = 0.3  # share of garbled characters above which text is unreadable

# cp1252's characters at 0x80-0x9F, by code point; the five undefined bytes stay C1 controls (as Latin-1 gives them)
_CP1252_HIGH = {ch: b for b in range(0x80, 0xA0) if (ch := bytes([b]).decode("cp1252", errors="ignore"))}
_LATIN_CLASS = "\u0080-\u00ff" + "".join(re.escape(ch) for ch in _CP1252_HIGH)
_LATIN_RUN = re.compile(f"[{_LATIN_CLASS}](?:[{_LATIN_CLASS}\x20-\x7e]*[{_LATIN_CLASS}])?")
_HAN = re.compile(r"[\u3400-\u9fff]")


def _gb2312_common(ch: str) -> bool:
    try:
        code = ch.encode("gb2312")
    except UnicodeEncodeError:
        return False
    return len(code) == 2 and (0xB0 <= code[0] <= 0xD7 or 0xA1 <= code[0] <= 0xA3)


_COMMON: dict[str, bool] = {}  # each character encoded once per process (the PDF reader asks ~2,000 a page)
_COMMON_KEPT = 30_000  # characters remembered (a hostile text of every code point does not fill the memory)


def _is_common(ch: str) -> bool:
    """GB2312 level-1 hanzi and CJK punctuation: what ordinary Chinese text is mostly made of."""
    known = _COMMON.get(ch)
    if known is None:
        known = _gb2312_common(ch)
        if len(_COMMON) < _COMMON_KEPT:
            _COMMON[ch] = known
    return known


# a non-ASCII character that is not white space (``\s`` is ``str.isspace``)
_WIDE = re.compile(r"[^\x00-\x7f\s]")


def _count(chars: list[str], keep: bool) -> int:
    """How many of ``chars`` are common characters (``keep``) or not, each distinct character judged once."""
    return sum(n for ch, n in Counter(chars).items() if _is_common(ch) is keep)


def common_share(text: str) -> float:
    """Share of non-ASCII visible characters that are common Chinese characters or punctuation (1.0 if none)."""
    wide = _WIDE.findall(text)
    return _count(wide, True) / len(wide) if wide else 1.0


def _to_bytes(run: str) -> bytes | None:
    """The bytes a Latin-1/cp1252 decoding turned into ``run``, or None when it cannot have."""
    out = bytearray()
    for ch in run:
        code = ord(ch)
        if code < 0x100:
            out.append(code)
        elif ch in _CP1252_HIGH:
            out.append(_CP1252_HIGH[ch])
        else:
            return None
    return bytes(out)


def _repair_latin_run(run: str) -> str | None:
    """A run of Latin-1 letters as the Chinese it was, when its bytes decode strictly to common Chinese."""
    raw = _to_bytes(run)
    if raw is None or raw.isascii():
        return None
    for codec in ("utf-8", "gb18030"):
        try:
            text = raw.decode(codec)
        except UnicodeDecodeError:
            continue
        if _HAN.search(text) and common_share(text) >= COMMON_SHARE:
            return text
    return None


def _repair_gbk_read_utf8(line: str) -> str | None:
    """A line of rare hanzi that is UTF-8 read as GBK, back as the UTF-8 text it was."""
    for codec in ("cp936", "gb18030"):  # Windows' GBK maps byte 0x80 to €, GB18030 has no single 0x80
        try:
            text = line.encode(codec).decode("utf-8")
        except (UnicodeEncodeError, UnicodeDecodeError):
            continue
        if _HAN.search(text) and common_share(text) >= COMMON_SHARE:
            return text
    return None


def garbled_share(text: str) -> float:
    """Share of non-ASCII visible characters that look like mojibake: Latin-1 letters in runs
    (a lone ``°`` or ``×`` is a symbol, four in a row are not), or rare hanzi when they dominate."""
    wide = len(_WIDE.findall(text))
    if not wide:
        return 0.0
    latin = 0
    for m in _LATIN_RUN.finditer(text):
        run = m.group(0)
        wide_in_run = sum(1 for ch in run if not ch.isascii())
        if wide_in_run >= MIN_RUN and wide_in_run * 2 >= len(run.replace(" ", "")):  # dense, not French accents
            latin += wide_in_run
    han = _HAN.findall(text)
    rare = _count(han, False)
    if len(han) >= MIN_RUN and rare * 2 > len(han):
        latin += rare
    return latin / wide


def repair(text: str) -> tuple[str, Verdict]:
    """``text`` with provable mojibake repaired, and whether it was ``clean``, ``repaired`` or still ``unreadable``."""
    changed = False

    def fix_run(match: re.Match[str]) -> str:
        nonlocal changed
        run = match.group(0)
        if len(run) < MIN_RUN:
            return run
        fixed = _repair_latin_run(run)
        if fixed is None:
            return run
        changed = True
        return fixed

    lines = text.split("\n")
    out = []
    for line in lines:
        if _LATIN_RUN.search(line):
            line = _LATIN_RUN.sub(fix_run, line)
        han = _HAN.findall(line)
        if len(han) >= 2 and common_share(line) < 0.5:
            fixed = _repair_gbk_read_utf8(line)
            if fixed is not None:
                line, changed = fixed, True
        out.append(line)
    result = "\n".join(out)
    if garbled_share(result) > GARBLED_SHARE:
        return result, "unreadable"
    return result, "repaired" if changed else "clean"


def detect(text: str) -> Verdict:
    """``clean``, ``repaired`` (mojibake that :func:`repair` can undo) or ``unreadable``."""
    return repair(text)[1]


def mojibake_problem(where: str, verdict: Verdict, share: float | None = None) -> Problem | None:
    """The problem to record for a text's verdict: repaired text is said so, unreadable text is flagged."""
    if verdict == "clean":
        return None
    if verdict == "repaired":
        return Problem(
            code="encoding-repaired",
            message=f"{where}中的文字曾按错误编码解读（乱码），已自动还原；请对照原件核对",
            share=share,
        )
    return Problem(
        code="unreadable-text",
        message=f"{where}中的文字是乱码（编码错误，无法可靠还原），这些文字未被检查，请提供正确编码的文件",
        share=share,
    )


def repair_blocks(blocks: Sequence[Block], where: str) -> tuple[tuple[Block, ...], tuple[Problem, ...]]:
    """Blocks with provable mojibake repaired, and the problem to record (``encoding-repaired`` or
    ``unreadable-text``); ``where`` names the source in the message (网页, PDF 文档)."""
    fixed, verdict = repair("\n".join(b.text.replace("\n", " ") for b in blocks))
    if verdict == "clean":
        return tuple(blocks), ()
    out = tuple(replace(b, text=t) for b, t in zip(blocks, fixed.split("\n"), strict=True))
    problem = mojibake_problem(where, verdict, round(garbled_share(fixed), 4) if verdict == "unreadable" else None)
    return out, (problem,) if problem else ()


__all__ = ["Verdict", "common_share", "detect", "garbled_share", "mojibake_problem", "repair", "repair_blocks"]
