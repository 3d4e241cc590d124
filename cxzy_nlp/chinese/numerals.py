"""Chinese and Arabic numerals to numbers and back.

Two readers with different jobs: :func:`numeral_value` reads the small numbers of markers,
ordinals and anniversaries (``十二``, ``二十一``, ``一百``) by hand, fast and without imports;
:func:`to_number` reads any amount (``一百五十点五``, ``2,000``) with cn2an, imported on first use (numbers
up to 九十九 written plainly, as markers write them, it reads from a table: cn2an costs ≈0.1 s to import).
"""

from __future__ import annotations

from functools import lru_cache

DIGITS = "〇零一二三四五六七八九"  # the characters of a year written digit by digit (○ too)
SMALL = "一二三四五六七八九十"  # the characters of a marker number (一、 （十二）)
CN_DIGITS = "〇零一二三四五六七八九两壹贰叁肆伍陆柒捌玖拾佰仟十百千万亿点"  # anything cn2an may read
SMALL_NUMBER = r"(?:\d{1,3}|[一二三四五六七八九十百零〇]{1,5})"  # a pattern: a count of up to 999 (90, 九十)
_DIGIT_VALUE = {"零": 0, "〇": 0, "○": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4}
_DIGIT_VALUE |= {"五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_WRITTEN = "零一二三四五六七八九"


def numeral_value(numeral: str) -> int:
    """A small Chinese or Arabic number: ``十二`` → 12, ``二十一`` → 21, ``一百`` → 100, ``〇`` → 0."""
    if numeral.isdigit():
        return int(numeral)
    if "百" in numeral:
        head, _, tail = numeral.partition("百")
        return (_DIGIT_VALUE.get(head, 1) if head else 1) * 100 + (numeral_value(tail.lstrip("零〇")) if tail else 0)
    if "十" in numeral:
        head, _, tail = numeral.partition("十")
        return (_DIGIT_VALUE.get(head, 1) if head else 1) * 10 + (_DIGIT_VALUE.get(tail, 0) if tail else 0)
    value = 0
    for ch in numeral:
        value = value * 10 + _DIGIT_VALUE.get(ch, 0)
    return value


def cn_numeral(value: int) -> str:
    """The Chinese numeral for 0..99 as a marker writes it: 1 → 一, 12 → 十二, 21 → 二十一."""
    if value < 10:
        return _WRITTEN[value]
    tens, ones = divmod(value, 10)
    return ("" if tens == 1 else _WRITTEN[tens]) + "十" + (_WRITTEN[ones] if ones else "")


@lru_cache(maxsize=4096)
def to_number(s: str) -> float | None:
    """``"12"``, ``"1.5"``, ``"2,000"``, ``"十二"``, ``"三十一"``, ``"一百五十"`` → number; None if unreadable."""
    s = s.strip().replace(",", "").replace("，", "")
    if not s:
        return None
    try:
        return float(s)
    except ValueError:
        pass
    s = s.replace("两", "二")
    if s in _CANONICAL:  # 一 … 九十九 as cn_numeral writes them: what cn2an reads them as, without importing it
        return float(_CANONICAL[s])
    import cn2an

    try:
        value = cn2an.cn2an(s, "smart")
    except (ValueError, KeyError, IndexError, TypeError):
        return None
    return float(value)


_CANONICAL = {cn_numeral(v): v for v in range(100)}  # 零, 一 … 十, 十一 … 九十九 (markers' 一是, 二是)


def to_int(s: str) -> int | None:
    """:func:`to_number` when it is a whole number, else None."""
    value = to_number(s)
    if value is None or value != int(value):
        return None
    return int(value)


def year_digits(s: str) -> int | None:
    """A year written digit by digit: ``"2024"``, ``"二〇一〇"``, ``"二零二一"``, ``"二○一○"``."""
    if s.isdigit():
        return int(s)
    if s and all(c in DIGITS or c == "○" for c in s):
        return int("".join(str(_DIGIT_VALUE[c]) for c in s))
    return None


__all__ = [
    "CN_DIGITS",
    "DIGITS",
    "SMALL",
    "SMALL_NUMBER",
    "cn_numeral",
    "numeral_value",
    "to_int",
    "to_number",
    "year_digits",
]
