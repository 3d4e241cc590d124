"""Date and time expressions: absolute, relative and festival forms, normalised to ISO dates.

``find_dates(text, span, year)`` is the one entry point; it is also used by the date-logic
checks, which read ``DateExpr.valid`` and ``DateExpr.note`` (``9月31日`` does not exist).
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache

from ..model import Span
from .numerals import to_int, year_digits
from .patterns import patterns

_CN_NUM = "〇零一二三四五六七八九十两"
_YEAR = r"(?P<y>(?:19|20)\d{2}|[〇零一二三四五六七八九]{4})\s*年"
_PART = r"(?P<part>上半年|下半年|全年|年内|年底|年末|年初|第?[一二三四1-4]季度)"
_MONTH = r"(?<![\d.])(?P<m>\d{1,2}|十[一二]?|[一二三四五六七八九])\s*月份?"
_DAY = r"(?P<d>\d{1,2}|[一二三]?十[一二三四五六七八九]?|[一二三四五六七八九])\s*[日号]"
_MONTH_QUAL = r"(?P<mq>底|末|初|上旬|中旬|下旬)"
_YEAR_QUAL = r"(?P<yq>底|末|初)"
_DOTTED = r"(?<!\d)(?P<dy>(?:19|20)\d{2})[./-](?P<dm>\d{1,2})[./-](?P<dd>\d{1,2})(?![\d.])"
_BEFORE = r"(?P<rel>前夕|以前|之前|前|起|开始|以后)?"
_POINT_RE = re.compile(
    rf"(?:{_DOTTED}|(?:{_YEAR}\s*)?(?:{_PART}|{_MONTH}(?:\s*{_DAY})?{_MONTH_QUAL}?)|{_YEAR.replace('?P<y>', '?P<yy>')}{_YEAR_QUAL}?){_BEFORE}"
)
_RANGE_SEP = re.compile(r"\s*(?:至|到|—+|-|－|~|～|－)\s*(?:次年)?")
_DURATION_RE = re.compile(
    rf"(?:开始)?[，,]?\s*(?:为期|历时|持续)\s*(?P<n>\d+|[{_CN_NUM}]+)\s*(?P<u>个月|个星期|周|天|日|年)"
)
_DAY_ONLY_RE = re.compile(rf"{_DAY}")
_MONTH_SPAN_RE = re.compile(
    r"(?:(?P<my>(?:19|20)\d{2})\s*年\s*)?(?<![\d.])(?P<m1>1[0-2]|0?[1-9])\s*[-—－～~至到]\s*"
    r"(?P<m2>1[0-2]|0?[1-9])\s*月份?"
)
_DEADLINE_BEFORE = re.compile(r"(?:(?:截止|截至|不晚于|最迟)(?:时间|日期)?[：:为于到至]?|即日起[至到])\s*$")
_ANCHOR_RE = re.compile(rf"[\d{_CN_NUM}]\s*[年月]|[上下全]半?年|年[内底末初]|季度|(?:19|20)\d\d[./-]\d")
_BEFORE_ANCHOR = 14  # longest text before the anchor: 2024/12/31 or 〇 digits of a year
_AFTER_ANCHOR = 60  # longest expression after it: a range with a duration
_HINT_RE = re.compile(r"[年月季节“]|\d[./-]\d")  # cheap test before the full patterns
_QUARTERS = {"一": 1, "二": 2, "三": 3, "四": 4, "1": 1, "2": 2, "3": 3, "4": 4}


@dataclass(frozen=True)
class DateExpr:
    """One time expression as written, with the ISO dates it stands for when known."""

    text: str
    span: Span
    start: str | None
    end: str | None
    kind: str  # "day" | "month" | "year" | "part" | "range" | "festival" | "duration"
    valid: bool = True
    note: str | None = None  # Chinese: why invalid, or how the year was inferred
    year_inferred: bool = False

    @property
    def is_deadline(self) -> bool:
        return self.start is None and self.end is not None


@dataclass(frozen=True)
class _Point:
    start: date | None
    end: date | None
    kind: str
    valid: bool
    note: str | None
    year_inferred: bool
    month: int | None = None
    year: int | None = None
    rel: str | None = None


def _last_day(y: int, m: int) -> date:
    return date(y, m, calendar.monthrange(y, m)[1])


def _check_day(y: int | None, m: int, d: int | None) -> str | None:
    """Chinese reason when month/day cannot exist, else None."""
    if not 1 <= m <= 12:
        return f"不存在{m}月"
    if d is None:
        return None
    days = calendar.monthrange(y if y else 2000, m)[1]
    if not 1 <= d <= days:
        return f"{m}月没有{d}日" if y or m != 2 or d != 29 else None
    return None


def _year_of(m: re.Match[str], year: int | None) -> tuple[int | None, bool]:
    raw = m.group("y") or m.group("yy")
    if raw:
        return year_digits(raw), False
    return year, year is not None


def _part_range(y: int, part: str) -> tuple[date, date]:
    if part == "上半年":
        return date(y, 1, 1), date(y, 6, 30)
    if part == "下半年":
        return date(y, 7, 1), date(y, 12, 31)
    if part in ("年底", "年末"):
        return date(y, 12, 1), date(y, 12, 31)
    if part == "年初":
        return date(y, 1, 1), date(y, 1, 31)
    if part.endswith("季度"):
        q = _QUARTERS[part.strip("第")[0]]
        return date(y, 3 * q - 2, 1), _last_day(y, 3 * q)
    return date(y, 1, 1), date(y, 12, 31)  # 全年, 年内


def _month_range(y: int, mo: int, qual: str | None) -> tuple[date, date]:
    last = _last_day(y, mo)
    if qual in ("底", "末"):
        return date(y, mo, max(1, last.day - 9)), last
    if qual in ("初", "上旬"):
        return date(y, mo, 1), date(y, mo, 10)
    if qual == "中旬":
        return date(y, mo, 11), date(y, mo, 20)
    if qual == "下旬":
        return date(y, mo, 21), last
    return date(y, mo, 1), last


def _dotted_point(m: re.Match[str], rel: str | None) -> _Point:
    """``2017.7.10`` or ``2017-07-10``."""
    y, mo, d = int(m.group("dy")), int(m.group("dm")), int(m.group("dd"))
    note = _check_day(y, mo, d)
    day = None if note else date(y, mo, d)
    return _Point(day, day, "day", note is None, note, False, mo, y, rel)


def _point(m: re.Match[str], year: int | None) -> _Point:
    rel = m.group("rel")
    if m.group("dy"):
        return _dotted_point(m, rel)
    y, inferred = _year_of(m, year)
    if m.group("part"):
        if y is None:
            return _Point(None, None, "part", True, None, False, None, None, rel)
        s, e = _part_range(y, m.group("part"))
        return _Point(s, e, "part", True, None, inferred, None, y, rel)
    if m.group("m"):
        mo = to_int(m.group("m")) or 0
        d = to_int(m.group("d")) if m.group("d") else None
        note = _check_day(y, mo, d)
        if note or y is None:
            return _Point(None, None, "day" if d else "month", note is None, note, False, mo, y, rel)
        if d is not None:
            return _Point(date(y, mo, d), date(y, mo, d), "day", True, None, inferred, mo, y, rel)
        s, e = _month_range(y, mo, m.group("mq"))
        return _Point(s, e, "month", True, None, inferred, mo, y, rel)
    if y is None:
        return _Point(None, None, "year", True, None, False, None, None, rel)
    qual = m.group("yq")
    if qual in ("底", "末"):
        return _Point(date(y, 12, 1), date(y, 12, 31), "year", True, None, False, None, y, rel)
    if qual == "初":
        return _Point(date(y, 1, 1), date(y, 1, 31), "year", True, None, False, None, y, rel)
    return _Point(date(y, 1, 1), date(y, 12, 31), "year", True, None, False, None, y, rel)


def _iso(d: date | None) -> str | None:
    return d.isoformat() if d else None


def _apply_relation(p: _Point) -> tuple[date | None, date | None]:
    if p.rel in ("前", "以前", "之前", "前夕"):
        return None, p.start if p.kind == "festival" else p.end
    if p.rel in ("起", "开始", "以后"):
        return p.start, None
    return p.start, p.end


def _add_duration(start: date, n: int, unit: str) -> date:
    if unit in ("天", "日"):
        return start + timedelta(days=n - 1)
    if unit in ("周", "个星期"):
        return start + timedelta(days=7 * n - 1)
    months = n * 12 if unit == "年" else n
    total = start.month - 1 + months
    y, mo = start.year + total // 12, total % 12 + 1
    day = min(start.day, calendar.monthrange(y, mo)[1])
    return date(y, mo, day) - timedelta(days=1)


def _range_end(second: re.Match[str], first: _Point, year: int | None) -> _Point:
    """The second point of a range inherits the year (and month) of the first."""
    inherit_year = first.year if first.year is not None else year
    p = _point(second, inherit_year)
    if p.year is None and first.year is not None:
        p = _point(second, first.year)
    if not (second.group("y") or second.group("yy") or second.group("dy")) and first.year is not None:
        p = _Point(p.start, p.end, p.kind, p.valid, p.note, first.year_inferred, p.month, first.year, p.rel)
    return p


@lru_cache(maxsize=1)
def _festival_re() -> re.Pattern[str]:
    names = "|".join(sorted(map(re.escape, patterns().festivals), key=len, reverse=True))
    return re.compile(rf"(?:“(?P<q>{names})”|(?P<b>{names})节)(?P<rel>前夕|前后|前|期间|之际)?")


@lru_cache(maxsize=1)
def _anniversary_re() -> re.Pattern[str]:
    names = "|".join(sorted(map(re.escape, patterns().anniversaries), key=len, reverse=True))
    return re.compile(rf"({names})\s*(\d{{1,3}})(?:[、，和]\d{{1,3}})*\s*周年")


def find_anniversary(text: str, lo: int, hi: int) -> tuple[int, str] | None:
    """(year, words) of the first ``建党90周年``-like mention in ``text[lo:hi]``: 1921 + 90 = 2011."""
    m = _anniversary_re().search(text, lo, hi)
    if not m:
        return None
    return patterns().anniversaries[m.group(1)] + int(m.group(2)), f"{m.group(1)}{m.group(2)}周年"


def _sentence_bounds(text: str, pos: int) -> tuple[int, int]:
    lo = max(text.rfind(c, 0, pos) for c in "。！？\n") + 1
    ends = [i for i in (text.find(c, pos) for c in "。！？\n") if i >= 0]
    return lo, min(ends) if ends else len(text)


def _festival_exprs(text: str, base: int, year: int | None) -> list[DateExpr]:
    """“七一”前夕, 国庆节: the festival's day in the document year, or in the year of an anniversary
    named in the same sentence (“七一”前夕…纪念建党90周年 → 2011)."""
    fests = patterns().festivals
    out: list[DateExpr] = []
    for m in _festival_re().finditer(text):
        name = m.group("q") or m.group("b")
        mm, dd = (int(x) for x in fests[name].split("-"))
        found = find_anniversary(text, *_sentence_bounds(text, m.start()))
        when, note = (found[0], f"据同句“{found[1]}”推算为{found[0]}年") if found else (year, None)
        day = date(when, mm, dd) if when else None
        start, end = (None, day) if m.group("rel") in ("前夕", "前") else (day, day)
        out.append(
            DateExpr(
                m.group(0),
                (base + m.start(), base + m.end()),
                _iso(start),
                _iso(end),
                "festival",
                True,
                note,
                when is not None,
            )
        )
    return out


def find_dates(text: str, span: Span | None = None, year: int | None = None) -> list[DateExpr]:
    """Every time expression in ``text[span]``, in order; spans index ``text``.

    Years left out (``9月1日``) are taken from ``year`` (the document year), and a range's
    second half from its first (``2024年1月1日至12月31日``).
    """
    lo, hi = span if span else (0, len(text))
    chunk = text[lo:hi]
    out: list[DateExpr] = []
    if not _HINT_RE.search(chunk):
        return out
    pos = 0
    while True:
        anchor = _ANCHOR_RE.search(chunk, pos)
        if anchor is None:
            break
        # the full pattern only runs in a window around a 年/月/季 or a dotted date: much faster on long text
        m = _POINT_RE.search(chunk, max(pos, anchor.start() - _BEFORE_ANCHOR), anchor.end() + _AFTER_ANCHOR)
        if m is None or m.start() > anchor.end():
            pos = anchor.end()
            continue
        months = _months_around(chunk, m)
        if months:
            expr, pos = _month_span(months, lo, year), months.end()
        else:
            expr, pos = _expression_at(chunk, m, lo, year)
        out.append(expr)
    out.extend(_festival_exprs(chunk, lo, year))
    out.sort(key=lambda e: e.span)
    return out


def _months_around(chunk: str, m: re.Match[str]) -> re.Match[str] | None:
    """A month span (``2024年3—5月``, ``3—5月``) holding the point just found, if any."""
    if m.group("yy") and not (m.group("yq") or m.group("rel")):  # “2024年” followed by “3-5月”
        return _MONTH_SPAN_RE.match(chunk, m.start())
    if m.group("m") and not (m.group("y") or m.group("d")):  # “5月” ending “3-5月”
        back = _MONTH_SPAN_RE.search(chunk, max(0, m.start() - 6), m.end())
        return back if back and back.end() == m.end() and not back.group("my") else None
    return None


def _month_span(m: re.Match[str], base: int, year: int | None) -> DateExpr:
    """``3—5月``: from the first day of the first month to the last day of the second."""
    if m.group("my"):
        year = int(m.group("my"))
    m1, m2 = to_int(m.group("m1")) or 0, to_int(m.group("m2")) or 0
    note = _check_day(year, m1, None) or _check_day(year, m2, None) or (None if m1 <= m2 else f"{m1}月在{m2}月之后")
    start = date(year, m1, 1) if year and note is None else None
    end = _last_day(year, m2) if year and note is None else None
    return DateExpr(
        m.group(0),
        (base + m.start(), base + m.end()),
        _iso(start),
        _iso(end),
        "range",
        note is None,
        note,
        not m.group("my") and year is not None,
    )


def _same_month_range(chunk: str, m: re.Match[str], day_only: re.Match[str], first: _Point, base: int) -> DateExpr:
    """``3月1日至15日``: the second day in the month of the first."""
    d = to_int(day_only.group("d")) or 0
    mo = first.month or 0
    note = first.note or _check_day(first.year, mo, d)
    end = date(first.year, mo, d) if first.year and note is None else None
    start = first.start if note is None else None
    return DateExpr(
        chunk[m.start() : day_only.end()],
        (base + m.start(), base + day_only.end()),
        _iso(start),
        _iso(end),
        "range",
        note is None,
        note,
        first.year_inferred,
    )


def _expression_at(chunk: str, m: re.Match[str], base: int, year: int | None) -> tuple[DateExpr, int]:
    first = _point(m, year)
    end_pos = m.end()
    sep = _RANGE_SEP.match(chunk, end_pos) if not first.rel else None
    second = _POINT_RE.match(chunk, sep.end()) if sep else None
    if sep and second is None and first.month is not None:
        day_only = _DAY_ONLY_RE.match(chunk, sep.end())
        if day_only:
            return _same_month_range(chunk, m, day_only, first, base), day_only.end()
    if second is not None and second.group(0):
        last = _range_end(second, first, year)
        valid = first.valid and last.valid
        note = first.note or last.note
        start, end = (first.start, last.end) if valid else (None, None)
        end_pos = second.end()
        text = chunk[m.start() : end_pos]
        return DateExpr(
            text,
            (base + m.start(), base + end_pos),
            _iso(start),
            _iso(end),
            "range",
            valid,
            note,
            first.year_inferred or last.year_inferred,
        ), end_pos
    dur = _DURATION_RE.match(chunk, end_pos)
    if dur and first.start is not None:
        n = to_int(dur.group("n")) or 0
        end = _add_duration(first.start, n, dur.group("u"))
        end_pos = dur.end()
        return DateExpr(
            chunk[m.start() : end_pos],
            (base + m.start(), base + end_pos),
            _iso(first.start),
            _iso(end),
            "duration",
            True,
            None,
            first.year_inferred,
        ), end_pos
    start, end = _apply_relation(first)
    if _DEADLINE_BEFORE.search(chunk[max(0, m.start() - 8) : m.start()]) and end is not None:
        start = None  # 截止时间：8月6日 is a deadline, not a day of work
    return DateExpr(
        m.group(0),
        (base + m.start(), base + end_pos),
        _iso(start),
        _iso(end),
        first.kind,
        first.valid,
        first.note,
        first.year_inferred,
    ), max(end_pos, m.start() + 1)


__all__ = ["DateExpr", "find_dates"]
