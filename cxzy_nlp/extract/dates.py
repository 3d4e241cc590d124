"""Date and time expressions: absolute, relative and festival forms, normalised to ISO dates.

``find_dates(text, span, year)`` is the one finder, built on the patterns of
:mod:`cxzy_nlp.chinese.dates`. :func:`document_dates` keeps every expression of a document on
``Document.dates`` with its validity (``9月31日`` does not exist), its non-standard written forms
and a length stated after a range, for the date checks to judge.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date
from functools import lru_cache

from ..chinese.dates import (
    ANCHOR_RE,
    DAY_ONLY_RE,
    DEADLINE_BEFORE,
    DOT_DAY_RANGE,
    DOT_HINT,
    DURATION_RE,
    HINT_RE,
    MONTH_SPAN_RE,
    OPEN_RANGE_SEP,
    POINT_RE,
    RANGE_SEP,
    STATED_DURATION,
    TERM_RE,
    YEAR_SPAN_RE,
    add_duration,
    check_day,
    date_style,
    last_day,
    month_range,
    next_year,
    part_range,
    term_range,
)
from ..chinese.numerals import numeral_value, to_int, year_digits
from ..chinese.sentences import FULL_STOPS, sentence_span
from ..model import AnniversaryMention, DateMention, Span
from ..patternscan import finditer as _gated_finditer
from ..patternscan import search as _gated_search
from ..textmemo import per_text
from .patterns import era_anniversaries, patterns

_BEFORE_ANCHOR = 14  # longest text before the anchor: 2024/12/31 or 〇 digits of a year
_AFTER_ANCHOR = 60  # longest expression after it: a range with a duration
_OPENS = ("起", "开始")  # 2017年11月1日起至11月30日: a start that a range may follow

DateExpr = DateMention  # the name extract has always used


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


def _year_of(m: re.Match[str], year: int | None) -> tuple[int | None, bool]:
    raw = m.group("y") or m.group("yy")
    if raw:
        return year_digits(raw), False
    return year, year is not None


def _dotted_point(m: re.Match[str], rel: str | None) -> _Point:
    """``2017.7.10`` or ``2017-07-10``."""
    y, mo, d = int(m.group("dy")), int(m.group("dm")), int(m.group("dd"))
    note = check_day(y, mo, d)
    day = None if note else date(y, mo, d)
    return _Point(day, day, "day", note is None, note, False, mo, y, rel)


def _point(m: re.Match[str], year: int | None) -> _Point:
    rel = m.group("rel")
    if m.group("dy"):
        return _dotted_point(m, rel)
    if m.group("ny"):
        ny, nm = int(m.group("ny")), int(m.group("nm"))
        s, e = month_range(ny, nm, None)
        return _Point(s, e, "month", True, None, False, nm, ny, rel)
    y, inferred = _year_of(m, year)
    if m.group("part"):
        if y is None:
            return _Point(None, None, "part", True, None, False, None, None, rel)
        s, e = part_range(y, m.group("part"))
        return _Point(s, e, "part", True, None, inferred, None, y, rel)
    if m.group("m"):
        mo = to_int(m.group("m")) or 0
        d = to_int(m.group("d")) if m.group("d") else None
        note = check_day(y, mo, d)
        if note or y is None:
            return _Point(None, None, "day" if d else "month", note is None, note, False, mo, y, rel)
        if d is not None:
            return _Point(date(y, mo, d), date(y, mo, d), "day", True, None, inferred, mo, y, rel)
        s, e = month_range(y, mo, m.group("mq"))
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


def _explicit_year(m: re.Match[str]) -> bool:
    return bool(m.group("y") or m.group("yy") or m.group("dy") or m.group("ny"))


def _range_end(second: re.Match[str], first: _Point, year: int | None) -> _Point:
    """The second point of a range inherits the year (and month) of the first."""
    inherit_year = first.year if first.year is not None else year
    p = _point(second, inherit_year)
    if p.year is None and first.year is not None:
        p = _point(second, first.year)
    if (
        not (second.group("y") or second.group("yy") or second.group("dy") or second.group("ny"))
        and first.year is not None
    ):
        p = _Point(p.start, p.end, p.kind, p.valid, p.note, first.year_inferred, p.month, first.year, p.rel)
    return p


@lru_cache(maxsize=1)
def _festival_re() -> re.Pattern[str]:
    names = "|".join(sorted(map(re.escape, patterns().festivals), key=len, reverse=True))
    return re.compile(rf"(?:“(?P<q>{names})”|(?P<b>{names})节)(?P<rel>前夕|前后|前|期间|之际)?")


def find_anniversary(text: str, lo: int, hi: int) -> tuple[int, str] | None:
    """(year, words) of the first ``建党90周年``-like mention in ``text[lo:hi]``: 1921 + 90 = 2011."""
    first = min(
        (m for m in find_event_anniversaries(text, (lo, hi)) if m.years),
        key=lambda m: m.span,
        default=None,
    )
    return (first.years[0], first.text) if first else None


def _festival_exprs(text: str, base: int, year: int | None) -> list[DateExpr]:
    """“七一”前夕, 国庆节: the festival's day in the document year, or in the year of an anniversary
    named in the same sentence (“七一”前夕…纪念建党90周年 → 2011)."""
    fests = patterns().festivals
    out: list[DateExpr] = []
    for m in _gated_finditer(_festival_re(), text):  # ``_sre`` skips to a name's first character or a “
        name = m.group("q") or m.group("b")
        mm, dd = (int(x) for x in fests[name].split("-"))
        found = find_anniversary(text, *sentence_span(text, (m.start(), m.start()), stops=FULL_STOPS + "\n"))
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


def find_dates(text: str, span: Span | None = None, year: int | None = None, *, names: bool = False) -> list[DateExpr]:
    """Every time expression in ``text[span]``, in order; spans index ``text``.

    Years left out (``9月1日``) are taken from ``year`` (the document year), and a range's
    second half from its first (``2024年1月1日至12月31日``). A date that is part of a quoted name or a
    cited title (“2023年…征集系统”, 《…计划（2021-2023年）》) is no time of the text's own and is left
    out unless ``names``.
    """
    lo, hi = span if span else (0, len(text))
    return list(_find_dates(text, (lo, hi), year) if names else _own_dates(text, (lo, hi), year))


@per_text  # asked again and again of one span, as _find_dates is: the quoted names are judged once
def _own_dates(text: str, span: Span, year: int | None) -> tuple[DateExpr, ...]:
    """The expressions of ``_find_dates`` that are not part of a quoted name or a cited title."""
    return tuple(e for e in _find_dates(text, span, year) if e.kind == "festival" or not _in_name_kept(text, e.span))


@per_text  # the same line or part is read again by several readers of one document
def _find_dates(text: str, span: Span, year: int | None) -> tuple[DateExpr, ...]:
    lo, hi = span
    chunk = text[lo:hi]
    out: list[DateExpr] = []
    if not HINT_RE.search(chunk):
        return ()
    dotted = [d for d in _dot_day_ranges(chunk, lo, year) if not _section_range(text, d[0].text)]
    dotted += _terms(chunk, lo)
    out.extend(e for e, _ in dotted)
    pos = 0
    while True:
        anchor = _gated_search(ANCHOR_RE, chunk, pos)  # the same match, ``_sre`` skipping to its first characters
        if anchor is None:
            break
        inside = next((b for a, b in (x for _, x in dotted) if a <= anchor.start() < b), None)
        if inside is not None:
            pos = inside
            continue
        # the full pattern only runs in a window around a 年/月/季 or a dotted date: much faster on long text
        m = _gated_search(POINT_RE, chunk, max(pos, anchor.start() - _BEFORE_ANCHOR), anchor.end() + _AFTER_ANCHOR)
        if m is None or m.start() > anchor.end():
            pos = anchor.end()
            continue
        months = _months_around(chunk, m)
        years = _years_before(chunk, m) if not months else None
        if months:
            expr, pos = _month_span(months, lo, year), months.end()
        elif years:
            expr, pos = _year_span(years, lo), m.end()
        else:
            expr, pos = _expression_at(chunk, m, lo, year)
        out.append(expr)
    out.extend(_festival_exprs(chunk, lo, year))
    out.sort(key=lambda e: e.span)
    return tuple(out)


_NAME_MARKS = (("“", "”"), ("《", "》"), ("「", "」"))
_NAME_REACH = 40  # farthest a quote mark may stand from the date it encloses
_CJK = re.compile(r"[\u4e00-\u9fff]")


def in_name(text: str, span: Span) -> bool:
    """Whether ``text[span]`` stands inside a quoted name or a cited title on its line, with words of the
    name beside it (“2023年物联网…征集系统”, 《…行动计划（2021-2023年）》), or in the title of an attachment
    listed under 附件 (附件：1.2024年重点项目推荐汇总表); a quoted date alone is a date."""
    if _in_attachment_list(text, span):
        return True
    lo = max(text.rfind("\n", 0, span[0]) + 1, span[0] - _NAME_REACH)
    newline = text.find("\n", span[1])
    hi = min(len(text) if newline < 0 else newline, span[1] + _NAME_REACH)
    for opening, closing in _NAME_MARKS:
        i = text.rfind(opening, lo, span[0])
        if i < 0 or text.find(closing, i + 1, span[0]) >= 0:
            continue
        j = text.find(closing, span[1], hi)
        if j >= 0 and len(_CJK.findall(text[i + 1 : span[0]] + text[span[1] : j])) >= 2:
            return True
    return False


_in_name_kept = per_text(in_name)  # a date of a line is judged once, whichever span it was found in


_ATTACHMENT_LINE = re.compile(r"[ \t]*附\s*件\s*(?:\d{1,2}|[一二三四五六七八九十]{1,2})?[ \t]*[：:.．、]?")
_LIST_MARKER = re.compile(r"[ \t]*(?:\d{1,2}|[（(]\d{1,2}[）)])[ \t]*[.．、：:]?[ \t]*")
_LIST_TITLE_MAX = 60  # characters of a line that names an attached paper
_LIST_REACH = 12  # lines from an attachment's title up to the 附件 line of its list


def _in_attachment_list(text: str, span: Span) -> bool:
    """Whether ``text[span]`` lies in the title of a paper listed under 附件 at the end of a notice: on the 附件
    line itself or on a title line below it (numbered or not, no sentence marks), with words beside the date
    (a line that is only a date is the 成文日期 after the list)."""
    lo = text.rfind("\n", 0, span[0]) + 1
    hi = text.find("\n", span[1])
    hi = len(text) if hi < 0 else hi
    words = text[lo : span[0]] + text[span[1] : hi]
    if len(_CJK.findall(words)) < 2 or not _plain_title(text[lo:hi]):
        return False
    for _ in range(_LIST_REACH):
        if _ATTACHMENT_LINE.match(text, lo):
            return True
        if lo == 0:
            return False
        up = text.rfind("\n", 0, lo - 1) + 1
        line = text[up : lo - 1]
        if line.strip() and not _plain_title(line):
            return False
        lo = up
    return False


_PAPER_END = re.compile(
    r"(?:表|书|单|录|册|函|指引|指南|要点|方案|办法|细则|规则|标准|说明|模板|样表|格式|计划|规划|通知|意见|报告|[)）])$"
)


def _plain_title(line: str) -> bool:
    """A line that names a paper (…推荐汇总表, …建设指引（2024版）) with no sentence marks, or a bare list number."""
    body = line.strip()
    if _LIST_MARKER.fullmatch(body) or _ATTACHMENT_LINE.fullmatch(body):
        return True
    return len(body) <= _LIST_TITLE_MAX and not re.search(r"[，,。；;！!？?]", body) and bool(_PAPER_END.search(body))


def _dot_day_ranges(chunk: str, base: int, year: int | None) -> list[tuple[DateExpr, tuple[int, int]]]:
    """``6.11—6.14``, ``16.10.1-16.10.5``: ranges of days written with dots (spans local to ``chunk``)."""
    out: list[tuple[DateExpr, tuple[int, int]]] = []
    if not DOT_HINT.search(chunk):
        return out
    for m in _gated_finditer(DOT_DAY_RANGE, chunk):
        if "/" in m.group(0) and len(m.group("y1") or "") != 4:  # 1/2-3/4, 6/11-6/14: figures as likely as days
            continue
        y1 = _short_year(m.group("y1")) or year
        y2 = _short_year(m.group("y2")) or y1
        m1, d1 = int(m.group("m1")), int(m.group("d1"))
        m2, d2 = int(m.group("m2") or m1), int(m.group("d2"))
        note = check_day(y1, m1, d1) or check_day(y2, m2, d2)
        start = end = None
        if note is None and y1 and y2:
            start, end = date(y1, m1, d1), date(y2, m2, d2)
            if end < start and not m.group("y2"):
                end = next_year(end)
            if end < start:
                start = end = None
                note = f"{m1}月{d1}日在{m2}月{d2}日之后"
        expr = DateExpr(
            m.group(0),
            (base + m.start(), base + m.end()),
            _iso(start),
            _iso(end),
            "range",
            note is None,
            note,
            not m.group("y1") and year is not None,
        )
        out.append((expr, m.span()))
    return out


def _terms(chunk: str, base: int) -> list[tuple[DateExpr, tuple[int, int]]]:
    """``2023-2024学年第一学期``, ``2013年 夏``: school terms and seasons (spans local to ``chunk``)."""
    out: list[tuple[DateExpr, tuple[int, int]]] = []
    if "学期" not in chunk and "学年" not in chunk and not re.search("[春夏秋冬暑寒]", chunk):
        return out
    for m in _gated_finditer(TERM_RE, chunk):
        start, end = term_range(m)
        span = (base + m.start(), base + m.end())
        out.append((DateExpr(m.group(0), span, _iso(start), _iso(end), "range", True, None, False), m.span()))
    return out


_DOT_ENDS = re.compile(r"(\d{1,2}\.\d{1,2})\s*(?:—+|-|－|~|～|至|到)\s*(\d{1,2}\.\d{1,2})$")


def _section_range(text: str, written: str) -> bool:
    """Whether ``6.2-6.6`` names parts of the document (both numbers open headings of it: 6.2 软件需求…), not days."""
    m = _DOT_ENDS.match(written.strip())
    if m is None:
        return False
    return all(re.search(rf"(?m)^[ \t]*{re.escape(n)}[ \t]*[\u4e00-\u9fff]", text) for n in (m.group(1), m.group(2)))


def _short_year(raw: str | None) -> int | None:
    if not raw:
        return None
    return int(raw) if len(raw) == 4 else 2000 + int(raw)


def _years_before(chunk: str, m: re.Match[str]) -> re.Match[str] | None:
    """``2025—2027年`` ending with the year just found."""
    if not m.group("yy") or m.group("yq") or m.group("rel"):
        return None
    back = YEAR_SPAN_RE.search(chunk, max(0, m.start() - 8), m.end())
    return back if back and back.end() == m.end() else None


def _year_span(m: re.Match[str], base: int) -> DateExpr:
    y1, y2 = int(m.group("y1")), int(m.group("y2"))
    note = None if y1 <= y2 else f"{y1}年在{y2}年之后"
    return DateExpr(
        m.group(0),
        (base + m.start(), base + m.end()),
        f"{y1:04d}-01-01" if note is None else None,
        f"{y2:04d}-12-31" if note is None else None,
        "range",
        note is None,
        note,
        False,
    )


def _months_around(chunk: str, m: re.Match[str]) -> re.Match[str] | None:
    """A month span (``2024年3—5月``, ``3—5月``) holding the point just found, if any."""
    if m.group("yy") and not (m.group("yq") or m.group("rel")):  # “2024年” followed by “3-5月”
        return MONTH_SPAN_RE.match(chunk, m.start())
    if m.group("m") and not (m.group("y") or m.group("d")):  # “5月” ending “3-5月”
        back = MONTH_SPAN_RE.search(chunk, max(0, m.start() - 6), m.end())
        return back if back and back.end() == m.end() and not back.group("my") else None
    return None


def _month_span(m: re.Match[str], base: int, year: int | None) -> DateExpr:
    """``3—5月``: from the first day of the first month to the last day of the second."""
    if m.group("my"):
        year = int(m.group("my"))
    m1, m2 = to_int(m.group("m1")) or 0, to_int(m.group("m2")) or 0
    note = check_day(year, m1, None) or check_day(year, m2, None) or (None if m1 <= m2 else f"{m1}月在{m2}月之后")
    start = date(year, m1, 1) if year and note is None else None
    end = last_day(year, m2) if year and note is None else None
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


def _samemonth_range(chunk: str, m: re.Match[str], day_only: re.Match[str], first: _Point, base: int) -> DateExpr:
    """``3月1日至15日``: the second day in the month of the first."""
    d = to_int(day_only.group("d")) or 0
    mo = first.month or 0
    note = first.note or check_day(first.year, mo, d)
    end = date(first.year, mo, d) if first.year and note is None else None
    start = first.start if note is None else None
    expr = DateExpr(
        chunk[m.start() : day_only.end()],
        (base + m.start(), base + day_only.end()),
        _iso(start),
        _iso(end),
        "range",
        note is None,
        note,
        first.year_inferred,
    )
    return _with_stated(expr, chunk, base, first.kind == "day")


def _with_stated(expr: DateExpr, chunk: str, base: int, days: bool) -> DateExpr:
    """A range of days with the length stated right after it (``6月1日至30日，共30天``)."""
    found = STATED_DURATION.match(chunk, expr.span[1] - base) if days else None
    if found is None:
        return expr
    n = to_int(found.group("n")) or 0
    return replace(expr, stated=(n, found.group("u")), stated_span=(expr.span[0], base + found.end()))


# a form's pair of fields for the time of the project: 开始时间<tab>2019年5月<tab>结束时间<tab>2020年4月, or the same on
# two rows (起始日期 ↵ 截止日期); a field of another event (报名开始时间) is not the project's
_FIELD_OWNER = r"(?:项目|研究|实施|执行|计划|工作|建设|课题)?"
_START_FIELD = re.compile(
    rf"(?:^|(?<=[\t\n]))[ \t]*{_FIELD_OWNER}(?:开始|起始|启动)(?:时间|日期|年月)[ \t]*[：:\t][ \t]*(?P<v>[^\t\n]{{4,24}})"
)
_END_FIELD = re.compile(
    rf"[\t\n][ \t]*{_FIELD_OWNER}(?:结束|截止|完成|终止|结题)(?:时间|日期|年月)[ \t]*[：:\t][ \t]*(?P<v>[^\t\n]{{4,24}})"
)
_FIELD_GAP = 80  # characters from the start field to the end field


def field_period(text: str, span: Span, year: int | None) -> DateExpr | None:
    """The time a form gives its project in a 开始时间 field and the 结束时间 field after it, as one range."""
    for m in _gated_finditer(_START_FIELD, text, span[0], span[1]):  # tried only at a line's or a cell's start
        end = _END_FIELD.search(text, m.end("v"), min(span[1], m.end("v") + _FIELD_GAP))
        if end is None:
            continue
        first = [e for e in find_dates(text, m.span("v"), year) if e.valid and e.start]
        last = [e for e in find_dates(text, end.span("v"), year) if e.valid and e.end]
        if first and last and str(first[0].start) < str(last[0].end):
            where = (first[0].span[0], last[0].span[1])
            return DateExpr(text[where[0] : where[1]], where, first[0].start, last[0].end, "range", True, None, False)
    return None


def find_event_anniversaries(text: str, span: Span) -> tuple[AnniversaryMention, ...]:
    """Every ``<event>…N周年`` of ``data/era.yaml`` in ``text[span]``, event by event, in order."""
    if text.find("周年", span[0], span[1]) < 0:
        return ()  # every match ends so: the events' patterns need not even be compiled
    out = []
    for name, regex, base in era_anniversaries():
        for m in regex.finditer(text, span[0], span[1]):
            numbers = [numeral_value(n) for n in re.split(r"[、和]", m["ns"])]
            years = tuple(base + n for n in numbers if n > 0)
            out.append(AnniversaryMention(m.group(0), m.span(), name, base, years))
    return tuple(out)


def document_dates(text: str, span: Span, year: int | None) -> tuple[DateMention, ...]:
    """Every time expression of a document, with its non-standard written forms (for the checks)."""
    return tuple(
        replace(e, styles=styles) if (styles := date_style(e.text)) else e
        for e in find_dates(text, span, year, names=True)
    )


def _expression_at(chunk: str, m: re.Match[str], base: int, year: int | None) -> tuple[DateExpr, int]:
    first = _point(m, year)
    end_pos = m.end()
    if first.rel:  # 5月1日起至6月30日 is a range; 5月1日前 ends none
        sep = OPEN_RANGE_SEP.match(chunk, end_pos) if first.rel in _OPENS else None
    else:
        sep = RANGE_SEP.match(chunk, end_pos)
    second = POINT_RE.match(chunk, sep.end()) if sep else None
    if sep and second is None and first.month is not None:
        day_only = DAY_ONLY_RE.match(chunk, sep.end())
        if day_only:
            return _samemonth_range(chunk, m, day_only, first, base), day_only.end()
    if second is not None and second.group(0):
        last = _range_end(second, first, year)
        valid = first.valid and last.valid
        note = first.note or last.note
        start, end = (first.start, last.end) if valid else (None, None)
        if start and end and end < start and not _explicit_year(second):  # 12月20日至1月5日, 12月至次年2月
            end = next_year(end)
        end_pos = second.end()
        text = chunk[m.start() : end_pos]
        days = first.kind == "day" and last.kind == "day"
        return _with_stated(
            DateExpr(
                text,
                (base + m.start(), base + end_pos),
                _iso(start),
                _iso(end),
                "range",
                valid,
                note,
                first.year_inferred or last.year_inferred,
            ),
            chunk,
            base,
            days,
        ), end_pos
    dur = DURATION_RE.match(chunk, end_pos)
    if dur and first.start is not None:
        n = to_int(dur.group("n")) or 0
        end = add_duration(first.start, n, dur.group("u"))
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
    if DEADLINE_BEFORE.search(chunk[max(0, m.start() - 8) : m.start()]) and end is not None:
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


__all__ = ["DateExpr", "document_dates", "field_period", "find_anniversary", "find_dates", "find_event_anniversaries"]
