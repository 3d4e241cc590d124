"""Date expressions: the patterns of years, months, days, parts of a year and ranges, and the
calendar arithmetic that turns them into ISO dates.

:func:`cxzy_nlp.extract.dates.find_dates` is the one finder built on these pieces; the
formal 成文日期 of a notice (:mod:`cxzy_nlp.doctitle`) and the written-form checks
(:func:`date_style`) use the same ones.
"""

from __future__ import annotations

import calendar
import re
from datetime import date, timedelta

from .numerals import DIGITS, numeral_value, year_digits

CN_NUM = DIGITS + "○十两"  # characters of a month, day or count written in Chinese
_YEAR_DIGITS = f"[{DIGITS}○]{{4}}"
# 2022年; 2022下半年, 2020第一季度: a half or a quarter after the year's digits may leave 年 out
YEAR = rf"(?P<y>(?:19|20)\d{{2}}|{_YEAR_DIGITS})(?:\s*年度?|(?=\s*(?:上半年|下半年|第?[一二三四1-4]季度)))"
PART = r"(?P<part>上半年|下半年|全年|年内|年底|年末|年初|第?[一二三四1-4]季度)"
MONTH = r"(?<![\d.])(?P<m>\d{1,2}|十[一二]?|[一二三四五六七八九])\s*月份?"
DAY = r"(?P<d>\d{1,2}|[一二三]?十[一二三四五六七八九]?|[一二三四五六七八九])\s*[日号]"
MONTH_QUAL = r"(?P<mq>底|末|初|上旬|中旬|下旬)"
YEAR_QUAL = r"(?P<yq>底|末|初)"
# a space may follow each dot (2024. 5. 6, as a PDF lays it out)
DOTTED = r"(?<!\d)(?P<dy>(?:19|20)\d{2})(?:[./-]|\.\s)(?P<dm>\d{1,2})(?:[./-]|\.\s)(?P<dd>\d{1,2})(?![\d.])"
# 2018.12 or 2019-05: a year and a month, not followed by a day, a unit or another digit
DOTTED_MONTH = r"(?<![\d.])(?P<ny>(?:19|20)\d{2})[./](?P<nm>1[0-2]|0?[1-9])(?![\d./]|\s*[万亿千元%％个])"
# （星期五）, 周日, 礼拜三 written after a day: part of the date, carrying nothing
WEEKDAY = r"(?:\s*[（(]?(?:星期|周|礼拜)[一二三四五六日天1-7][)）]?)?"
RELATION = r"(?P<rel>前夕|以前|之前|前|起|开始|以后)?"
POINT_RE = re.compile(
    rf"(?:{DOTTED}{WEEKDAY}|{DOTTED_MONTH}|(?:{YEAR}\s*)?(?:{PART}|{MONTH}(?:\s*{DAY}{WEEKDAY})?{MONTH_QUAL}?)"
    rf"|{YEAR.replace('?P<y>', '?P<yy>')}{YEAR_QUAL}?){RELATION}"
)
# A range of days written with dots, the year left out or in two digits: 6.11—6.14, 16.10.1-16.10.5,
# 6.11-14. Only as a range: a lone 6.11 is as likely a figure. Not a range of figures (1.5-2.5万元).
# Written with slashes (2024/6/11—6/14) only after a year of four digits: 1/2-3/4 is a figure (see _dot_day_ranges).
_MD = r"(?:(?P<{y}>(?:19|20)?\d{{2}})[./])?(?P<{m}>1[0-2]|0?[1-9])[./](?P<{d}>3[01]|[12]\d|0?[1-9])"
DOT_DAY_RANGE = re.compile(
    r"(?<![\d./第])(?<!\d[:：])" + _MD.format(y="y1", m="m1", d="d1") + WEEKDAY + r"\s*(?:—+|-|－|~|～|至|到)\s*"
    r"(?:(?:(?P<y2>(?:19|20)?\d{2})[./])?(?P<m2>1[0-2]|0?[1-9])[./])?(?P<d2>3[01]|[12]\d|0?[1-9])"
    + WEEKDAY
    + r"(?![\d./:：]|\s*[万亿千百元%％倍个米分秒节条章])"  # 8.25-8:30 is a clock time
)
# between the two ends of a range; a short note or a time of day may follow the first (5月1日（初赛）至5月30日,
# 5月1日8:00—5月3日17:00, 5月1日上午—3日下午)
RANGE_SEP = re.compile(
    r"\s*(?:[（(][^（）()\d]{1,8}[）)])?\s*(?:上午|下午|晚上|早上|中午)?\s*(?:\d{1,2}[:：]\d{2})?"
    r"\s*(?:至|到|—+|-|－|~|～|－)\s*(?:次年)?"
)
# after a start (5月1日起, 5月1日开始): 至/到 opens the end, a comma may come first (5月1日开始，到5月31日结束)
OPEN_RANGE_SEP = re.compile(r"\s*[，,]?\s*(?:至|到)\s*")
DURATION_RE = re.compile(
    rf"(?:开始)?[，,]?\s*(?:为期|历时|持续)\s*(?P<n>\d+|[{CN_NUM}]+)\s*(?P<u>个月|个星期|周|天|日|年)"
)
# a length stated after a range of days: 6月1日至6月30日，共30天
STATED_DURATION = re.compile(
    r"[^。；\n]{0,12}?(?:共|为期|历时|计)\s*(?P<n>\d+|[一二两三四五六七八九十]+)\s*(?P<u>个月|天|日|周)"
)
DAY_ONLY_RE = re.compile(DAY)
MONTH_SPAN_RE = re.compile(
    r"(?:(?P<my>(?:19|20)\d{2})\s*年\s*)?(?<![\d.])(?P<m1>1[0-2]|0?[1-9])\s*[-—－～~至到]\s*"
    r"(?P<m2>1[0-2]|0?[1-9])\s*月份?"
)
# 2025—2027年: a span of years with 年 written once
YEAR_SPAN_RE = re.compile(r"(?<!\d)(?P<y1>(?:19|20)\d{2})\s*(?:—+|-|－|~|～|至|到)\s*(?P<y2>(?:19|20)\d{2})\s*年")
DEADLINE_BEFORE = re.compile(r"(?:(?:截止|截至|不晚于|最迟)(?:时间|日期)?[：:为于到至]?|即日起[至到])\s*$")
# A school year (2023-2024学年: September to July), a term (2023-2024学年第一学期: September to January;
# 第二学期: February to July) and a season after its year (2013年 夏, 2020年秋季: a quarter of three months;
# winter runs into the next year); a term named by its season (2024年春季学期: February to July; 秋季学期: September to January); a school holiday
# (2019年暑假: July and August; 2020年寒假: January and February).
TERM_RE = re.compile(
    r"(?<!\d)(?P<ty1>(?:19|20)\d{2})\s*(?:—+|-|－|~|～|至)\s*(?P<ty2>(?:19|20)\d{2})\s*学年\s*"
    r"(?:第\s*(?P<tn>[一二12])\s*学期|(?P<th>[上下])学期|(?P<whole>(?!第|[上下]学期)))"
    r"|(?<!\d)(?P<hy>(?:19|20)\d{2})\s*年\s*(?P<holiday>暑假|暑期|寒假)"
    r"|(?<!\d)(?P<sy>(?:19|20)\d{2})\s*年\s*(?P<season>[春夏秋冬])(?:(?P<sterm>季?学期)|(?:季|天)?(?![\u4e00-\u9fff]))"
)
SEASON_MONTHS = {"春": (3, 5), "夏": (6, 8), "秋": (9, 11), "冬": (12, 2)}


def term_range(m: re.Match[str]) -> tuple[date, date]:
    """First and last day of the school term or season matched by :data:`TERM_RE`."""
    if m.group("holiday"):  # 2019年暑假: July and August; 2020年寒假: January and February
        y = int(m.group("hy"))
        return (date(y, 7, 1), date(y, 8, 31)) if m.group("holiday") != "寒假" else (date(y, 1, 1), last_day(y, 2))
    if m.group("season"):
        y = int(m.group("sy"))
        if m.group("sterm") and m.group("season") in "春秋":  # 2024年春季学期: February to July; 秋季: to January
            return (date(y, 2, 1), last_day(y, 7)) if m.group("season") == "春" else (date(y, 9, 1), last_day(y + 1, 1))
        first, last = SEASON_MONTHS[m.group("season")]
        return date(y, first, 1), last_day(y + (last < first), last)
    y1 = int(m.group("ty1"))
    if m.group("whole") is not None:  # 2023-2024学年: September to July
        return date(y1, 9, 1), last_day(y1 + 1, 7)
    if (m.group("tn") or "") in ("一", "1") or m.group("th") == "上":
        return date(y1, 9, 1), last_day(y1 + 1, 1)
    return date(y1 + 1, 2, 1), last_day(y1 + 1, 7)


ANCHOR_RE = re.compile(rf"[\d{CN_NUM}]\s*[年月]|[上下全]半?年|年[内底末初]|季度|(?:19|20)\d\d(?:[./-]|\.\s)\d")
DOT_HINT = re.compile(r"\d[./]\d{1,2}(?:[（(]?(?:星期|周|礼拜).[)）]?)?\s*(?:—|-|－|~|～|至|到)")
HINT_RE = re.compile(r"[年月季节“]|\d(?:[./-]|\.\s)\d")  # cheap test before the full patterns
QUARTERS = {"一": 1, "二": 2, "三": 3, "四": 4, "1": 1, "2": 2, "3": 3, "4": 4}

WRITTEN_YEAR = re.compile(r"((?:19|20)\d{2})年")  # 2024年 as written in running text
# A year in a title: 2024年, 2024—2025, 二〇二四年.
TITLE_YEAR = re.compile(rf"((?:19|20)\d{{2}}|[{DIGITS}]{{4}})\s*(?:年|—|-|～|~|至)")
# The 成文日期 of a notice, on a line of its own: 2021年6月1日 or 二〇二一年六月一日.
FORMAL_DATE_ARABIC = re.compile(r"(?P<y>(?:19|20)\d{2})\s*年\s*(?P<m>\d{1,2})\s*月\s*(?P<d>\d{1,2})\s*日")
FORMAL_DATE_CN = re.compile(
    rf"(?P<y>{_YEAR_DIGITS})年(?P<m>[一二三四五六七八九十]{{1,2}})月(?P<d>[一二三四五六七八九十]{{1,3}})日"
)
FORMAL_DATE_LINE = re.compile(
    rf"^\s*[\d{DIGITS}○十]{{4}}\s*年\s*[\d一二三四五六七八九十]{{1,2}}\s*月\s*[\d一二三四五六七八九十]{{1,3}}\s*日\s*$"
)

# Written forms GB/T 9704-2012 asks to avoid.
_CN_YEAR = re.compile(rf"{_YEAR_DIGITS}年")
_ISO_DATE = re.compile(r"(?<![\d.])(?:19|20)\d{2}([-/.])\d{1,2}\1\d{1,2}(?![\d.])")
_PADDED = re.compile(r"(?:19|20)\d{2}年0\d月|(?<=月)0\d日")
DATE_STYLES = (("cn-year", _CN_YEAR), ("dotted", _ISO_DATE), ("padded", _PADDED))


def date_style(text: str) -> tuple[str, ...]:
    """The non-standard written forms in a date expression: ``cn-year`` (二〇二一年),
    ``dotted`` (2021-06-01, 2021.6.1), ``padded`` (06月01日)."""
    return tuple(name for name, regex in DATE_STYLES if regex.search(text))


def formal_iso(m: re.Match[str]) -> str | None:
    """ISO date of a :data:`FORMAL_DATE_ARABIC` or :data:`FORMAL_DATE_CN` match; None when it cannot exist."""
    y, mo, d = m.group("y"), m.group("m"), m.group("d")
    if not y.isdigit():
        y, mo, d = str(year_digits(y) or 0), str(numeral_value(mo)), str(numeral_value(d))
    year, month, day = int(y), int(mo), int(d)
    if not (1 <= month <= 12 and 1 <= day <= 31):
        return None
    return f"{year:04d}-{month:02d}-{day:02d}"


def last_day(y: int, m: int) -> date:
    return date(y, m, calendar.monthrange(y, m)[1])


def check_day(y: int | None, m: int, d: int | None) -> str | None:
    """Chinese reason when month/day cannot exist, else None (2月29日 passes when no year is known)."""
    if not 1 <= m <= 12:
        return f"不存在{m}月"
    if d is None:
        return None
    days = calendar.monthrange(y if y else 2000, m)[1]
    if not 1 <= d <= days:
        return f"{m}月没有{d}日" if y or m != 2 or d != 29 else None
    return None


def valid_day(y: int | None, m: int, d: int | None) -> bool:
    return check_day(y, m, d) is None


def part_range(y: int, part: str) -> tuple[date, date]:
    """First and last day of 上半年, 第三季度, 年底…"""
    if part == "上半年":
        return date(y, 1, 1), date(y, 6, 30)
    if part == "下半年":
        return date(y, 7, 1), date(y, 12, 31)
    if part in ("年底", "年末"):
        return date(y, 12, 1), date(y, 12, 31)
    if part == "年初":
        return date(y, 1, 1), date(y, 1, 31)
    if part.endswith("季度"):
        q = QUARTERS[part.strip("第")[0]]
        return date(y, 3 * q - 2, 1), last_day(y, 3 * q)
    return date(y, 1, 1), date(y, 12, 31)  # 全年, 年内


def month_range(y: int, mo: int, qual: str | None) -> tuple[date, date]:
    """First and last day of a month or of its 上旬/中旬/下旬/底/初."""
    last = last_day(y, mo)
    if qual in ("底", "末"):
        return date(y, mo, max(1, last.day - 9)), last
    if qual in ("初", "上旬"):
        return date(y, mo, 1), date(y, mo, 10)
    if qual == "中旬":
        return date(y, mo, 11), date(y, mo, 20)
    if qual == "下旬":
        return date(y, mo, 21), last
    return date(y, mo, 1), last


def next_year(d: date) -> date:
    """The same day a year later; the last day of a month stays the last day (28 February → 29 February)."""
    days = calendar.monthrange(d.year + 1, d.month)[1]
    at_end = d.day == calendar.monthrange(d.year, d.month)[1]
    return date(d.year + 1, d.month, days if at_end else min(d.day, days))


def add_duration(start: date, n: int, unit: str) -> date:
    """The last day of ``n`` units starting on ``start`` (为期3个月)."""
    if unit in ("天", "日"):
        return start + timedelta(days=n - 1)
    if unit in ("周", "个星期"):
        return start + timedelta(days=7 * n - 1)
    months = n * 12 if unit == "年" else n
    total = start.month - 1 + months
    y, mo = start.year + total // 12, total % 12 + 1
    day = min(start.day, calendar.monthrange(y, mo)[1])
    return date(y, mo, day) - timedelta(days=1)


__all__ = [
    "ANCHOR_RE",
    "CN_NUM",
    "DATE_STYLES",
    "DOT_DAY_RANGE",
    "DOT_HINT",
    "FORMAL_DATE_ARABIC",
    "FORMAL_DATE_CN",
    "FORMAL_DATE_LINE",
    "POINT_RE",
    "STATED_DURATION",
    "TERM_RE",
    "TITLE_YEAR",
    "WRITTEN_YEAR",
    "YEAR_SPAN_RE",
    "add_duration",
    "check_day",
    "date_style",
    "formal_iso",
    "last_day",
    "month_range",
    "next_year",
    "part_range",
    "term_range",
    "valid_day",
]
