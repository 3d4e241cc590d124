"""Date rules: impossible or inconsistent dates, 文号 and date formats (GB/T 9704-2012)."""

from __future__ import annotations

import calendar
import re
from collections.abc import Iterator
from datetime import date
from itertools import combinations

from ..model import Finding, Phase, Span
from .context import Context

CN_DIGITS = "〇零一二三四五六七八九十"
_DAY = r"(?:(?P<{p}y>(?:19|20)\d{{2}})年)?(?P<{p}m>\d{{1,2}})月(?P<{p}d>\d{{1,2}})日"
DAY_DATE = re.compile(r"(?:(?P<y>(?:19|20)\d{2})年)?(?P<m>\d{1,2})月(?P<d>\d{1,2})[日号]")
MONTH_OF_YEAR = re.compile(r"(?P<y>(?:19|20)\d{2})年(?P<m>\d{1,2})月")
DURATION = re.compile(
    _DAY.format(p="a")
    + r"\s*(?:至|到|—|－|-|～|~)\s*"
    + _DAY.format(p="b")
    + r"[^。；\n]{0,12}?(?:共|为期|历时|计)\s*(?P<n>\d+|[一二两三四五六七八九十]+)\s*(?P<unit>个月|天|日|周)"
)
CN_YEAR = re.compile(r"[〇零○一二三四五六七八九]{4}年")
ISO_DATE = re.compile(r"(?<![\d.])(?:19|20)\d{2}([-/.])\d{1,2}\1\d{1,2}(?![\d.])")
PADDED = re.compile(r"(?:19|20)\d{2}年0\d月|(?<=月)0\d日")
DOC_NUMBER = re.compile(  # 代字 is looked for behind the bracket, so the scan starts at brackets only
    r"(?<=[\u4e00-\u9fff])\s*(?P<open>[〔\[［【(（])\s*(?P<year>(?:19|20)?\d{2})\s*(?P<close>[〕\]］】)）])"
    r"\s*(?P<di>第?)\s*(?P<seq>\d+)\s*号"
)
_ISSUER_CODE = re.compile(r"[\u4e00-\u9fff]{1,10}$")
_CN_NUMBER = {c: i for i, c in enumerate("零一二三四五六七八九")} | {"两": 2, "〇": 0}


def _cn_to_int(text: str) -> int:
    """Small Chinese or Arabic numbers (up to 99)."""
    if text.isdigit():
        return int(text)
    if "十" in text:
        tens, _, units = text.partition("十")
        return (_CN_NUMBER.get(tens, 1) if tens else 1) * 10 + (_CN_NUMBER.get(units, 0) if units else 0)
    return _CN_NUMBER.get(text, 0)


def _valid_day(year: int | None, month: int, day: int) -> bool:
    if not 1 <= month <= 12:
        return False
    return 1 <= day <= calendar.monthrange(year or 2000, month)[1]  # 2000: 2月29日 allowed without a year


def _impossible_dates(ctx: Context) -> Iterator[Finding]:
    for span, found in ctx.finditer(DAY_DATE):
        m = DAY_DATE.fullmatch(found)
        if m and not _valid_day(int(m["y"]) if m["y"] else None, int(m["m"]), int(m["d"])):
            yield ctx.finding_at("date-logic", span, f"日期“{found}”不存在，请核对")
    for span, found in ctx.finditer(MONTH_OF_YEAR):
        m = MONTH_OF_YEAR.fullmatch(found)
        if m and not 1 <= int(m["m"]) <= 12:
            yield ctx.finding_at("date-logic", span, f"日期“{found}”不存在，请核对")


def _months_between(a: date, b: date) -> set[int]:
    """Plausible month counts for a..b: calendar months touched, and days/30 rounded."""
    touched = (b.year - a.year) * 12 + b.month - a.month + 1
    return {touched, round(((b - a).days + 1) / 30.44)}


def _stated_duration_agrees(a: date, b: date, n: int, unit: str) -> bool:
    days = (b - a).days + 1
    if unit == "个月":
        return n in _months_between(a, b)
    if unit == "周":
        return abs(days / 7 - n) <= 1
    return abs(days - n) <= 1


def _durations(ctx: Context) -> Iterator[Finding]:
    for span, found in ctx.finditer(DURATION):
        m = DURATION.fullmatch(found)
        if m is None:
            continue
        year_a = int(m["ay"]) if m["ay"] else ctx.year
        year_b = int(m["by"]) if m["by"] else year_a
        if year_a is None or year_b is None:
            continue
        try:
            a = date(year_a, int(m["am"]), int(m["ad"]))
            b = date(year_b, int(m["bm"]), int(m["bd"]))
        except ValueError:
            continue  # reported as an impossible date
        n, unit = _cn_to_int(m["n"]), m["unit"].replace("日", "天")
        assumed = "" if m["ay"] else ctx.year_note()
        if b < a:
            yield ctx.finding_at("date-logic", span, f"“{found}”的结束日期早于开始日期{assumed}，请核对")
        elif not _stated_duration_agrees(a, b, n, unit):
            yield ctx.finding_at(
                "date-logic",
                span,
                f"“{found}”写明共{n}{unit}，但起止日期相距{(b - a).days + 1}天{assumed}，请核对时长或日期",
            )


def _iso(value: str | None) -> date | None:
    if not value or len(value) < 10:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


TIMELINE_LABELS = frozenset({"steps", "logistics"})


def _planned_phases(ctx: Context) -> list[Phase]:
    """Phases inside 步骤/时间 sections (all of them when the plan has no such section)."""
    if not ctx.labelled(tuple(TIMELINE_LABELS)):
        return list(ctx.doc.schedule)
    return [p for p in ctx.doc.schedule if ctx.labels_at(p.span[0]) & TIMELINE_LABELS]


def _phase_order(ctx: Context) -> Iterator[Finding]:
    previous: tuple[date, str] | None = None
    for phase in _planned_phases(ctx):
        start, end = _iso(phase.start), _iso(phase.end)
        if start and end and end < start:
            yield ctx.finding_at("date-logic", phase.span, f"“{phase.phase}”的结束日期{end}早于开始日期{start}，请核对")
        if start and previous and start < previous[0]:
            yield ctx.finding_at(
                "date-logic",
                phase.span,
                f"“{phase.phase}”（{start}开始）排在“{previous[1]}”（{previous[0]}开始）之后，阶段顺序颠倒，请核对",
            )
        if start:
            previous = (start, phase.phase)


def _planned_dates(ctx: Context) -> Iterator[tuple[Span, date, str]]:
    """Dates of the plan's own timeline: its period and its phases (history told in the text is not)."""
    doc = ctx.doc
    if doc.period:
        for value in (doc.period.start, doc.period.end):
            d = _iso(value)
            if d:
                yield doc.period.span or doc.span, d, "实施期限"
    for phase in _planned_phases(ctx):
        for value in (phase.start, phase.end):
            d = _iso(value)
            if d:
                yield phase.span, d, f"“{phase.phase}”"


def _outside_year(ctx: Context) -> Iterator[Finding]:
    if ctx.year is None:
        return
    tolerance = int(ctx.setting("date-logic", "year_tolerance", 1))
    reported: set[int] = set()
    for span, d, what in _planned_dates(ctx):
        if abs(d.year - ctx.year) > tolerance and d.year not in reported:
            reported.add(d.year)
            yield ctx.finding_at(
                "date-logic",
                span,
                f"{what}的日期{d.isoformat()}与文件年度相差{abs(d.year - ctx.year)}年{ctx.year_note()}，请核对年份",
            )


_TITLE_YEAR = re.compile(r"((?:19|20)\d{2})年")
_BRACKET_YEAR = re.compile(r"〔((?:19|20)\d{2})〕")


def _year_conflicts(ctx: Context) -> Iterator[Finding]:
    """Title year, 成文日期 and the document's own 文号 that disagree by more than a year."""
    doc = ctx.doc
    clues: list[tuple[int, str]] = []
    if m := _TITLE_YEAR.search(doc.title or ""):
        clues.append((int(m.group(1)), f"标题中的{m.group(0)}"))
    if doc.date and doc.date[:4].isdigit():
        clues.append((int(doc.date[:4]), f"成文日期{doc.date}"))
    if m := _BRACKET_YEAR.search(doc.doc_number or ""):
        clues.append((int(m.group(1)), f"发文字号{doc.doc_number}"))
    tolerance = int(ctx.setting("date-logic", "year_tolerance", 1))
    for (y1, what1), (y2, what2) in combinations(clues, 2):
        if abs(y1 - y2) > tolerance:
            yield ctx.finding(
                "date-logic",
                f"{what1}与{what2}相差{abs(y1 - y2)}年，文件年度前后矛盾，请核对",
                span=doc.title_span,
                evidence=doc.title,
            )
            return


def date_logic(ctx: Context) -> Iterator[Finding]:
    yield from _year_conflicts(ctx)
    yield from _impossible_dates(ctx)
    yield from _durations(ctx)
    yield from _phase_order(ctx)
    yield from _outside_year(ctx)


def date_format(ctx: Context) -> Iterator[Finding]:
    limit = int(ctx.setting("date-format", "max_findings", 5))
    checks = (
        (CN_YEAR, "年份用汉字书写（2012年以前的旧格式，提示可能套用旧模板），应使用阿拉伯数字"),
        (ISO_DATE, "日期应写作“2021年6月1日”的形式"),
        (PADDED, "月、日不应补零（如“6月1日”而非“06月01日”）"),
    )
    count = 0
    for regex, advice in checks:
        for span, found in ctx.finditer(regex):
            if count >= limit:
                return
            count += 1
            yield ctx.finding_at("date-format", span, f"日期“{found}”写法不规范：{advice}")


def _doc_number_problems(m: re.Match[str]) -> list[str]:
    problems = []
    if m["open"] != "〔" or m["close"] != "〕":
        problems.append(f"年份应使用六角括号“〔〕”而非“{m['open']}{m['close']}”")
    if len(m["year"]) != 4:
        problems.append("年份应写全四位")
    if m["di"]:
        problems.append("序号前不加“第”")
    if m["seq"].startswith("0"):
        problems.append("序号不编虚位（不补零）")
    return problems


def docnum_format(ctx: Context) -> Iterator[Finding]:
    lo, hi = ctx.doc.span
    for m in DOC_NUMBER.finditer(ctx.text, lo, hi):
        problems = _doc_number_problems(m)
        if not problems:
            continue
        code = _ISSUER_CODE.search(ctx.text[max(lo, m.start() - 10) : m.start()])
        span = (m.start() - len(code.group(0)) if code else m.start(), m.end())
        found = ctx.text[span[0] : span[1]]
        yield ctx.finding_at(
            "docnum-format",
            span,
            f"发文字号“{found}”不规范：{'；'.join(problems)}，应为“代字〔年份〕序号号”，如“某发〔2021〕9号”",
        )
