"""Chinese and Arabic numerals to numbers (cn2an for the Chinese forms)."""

from __future__ import annotations

from functools import lru_cache

CN_DIGITS = "〇零一二三四五六七八九两壹贰叁肆伍陆柒捌玖拾佰仟十百千万亿点"
_DIGIT_BY_CHAR = {c: str(i) for i, c in enumerate("〇一二三四五六七八九")}
_DIGIT_BY_CHAR["零"] = "0"


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
    import cn2an

    try:
        value = cn2an.cn2an(s.replace("两", "二"), "smart")
    except (ValueError, KeyError, IndexError, TypeError):
        return None
    return float(value)


def to_int(s: str) -> int | None:
    value = to_number(s)
    if value is None or value != int(value):
        return None
    return int(value)


def year_digits(s: str) -> int | None:
    """A year written digit by digit: ``"2024"``, ``"二〇一〇"``, ``"二零二一"``."""
    if s.isdigit():
        return int(s)
    if all(c in _DIGIT_BY_CHAR for c in s):
        return int("".join(_DIGIT_BY_CHAR[c] for c in s))
    return None
