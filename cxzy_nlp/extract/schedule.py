"""The plan's period (活动时间) and its phases in order (准备阶段, 动员部署, 实施阶段, 总结阶段…)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from ..chinese.sentences import FULL_STOPS, sentence_span
from ..model import Activity, DateMention, Goal, Period, Phase, Span
from .dates import DateExpr, field_period, find_dates
from .items import Item
from .names import item_name
from .period import dated_row, end_column, recurring
from .zones import Zone

_EVENT = r"(?:活动|实施|工作|执行|起止|起讫|开展|实践|调研|比赛|竞赛|大赛|培训|项目|研究|举办|服务|会议)"
# 执行期：2019年1月至2021年12月, 起止年限: the time of the whole work (not 有效期, a paper's own validity)
_PERIOD_CUE = re.compile(
    rf"即日起|{_EVENT}(?:时间|日期)|时间安排|为期|周期|期限|时间为|时间[：:\t]|学\s*期[：:]"
    r"|(?:执行|实施|建设)期|(?:活动|项目|实施)期间|(?:起止|实施|执行)年限"
)
# a label that names the time of the whole event: one day after it is the period (活动时间：5月6日)
_DAY_CUE = re.compile(rf"(?:{_EVENT}(?:时间|日期)|^时间)[：:\t]?\s*$")
_TRAILING_TIME = re.compile(r"(?:时间|安排)$")
_INLINE_PHASE = re.compile(  # 准备阶段（…）, not 分三个阶段 or 各阶段
    r"(?<![各每该此本这分个])(?P<name>(?:(?![个分几各每该此本这])[\u4e00-\u9fff]){2,6}?阶段)(?=[（(：:\s\d]|[一二三四五六七八九十]+月)"
)
_TIME_HEADING = re.compile(r"时间|日期|期限|周期|时段")
_FROM_TODAY = re.compile(r"(?:自|从)?即日起?\s*(?:至|到|开始至)\s*$")  # 即日起至…: from the day of writing
_STATED_SPANS = ("range", "duration")  # outside 活动时间 sections a bare “2022年” is not the plan's period


def _from_today(text: str, at: int) -> bool:
    return bool(_FROM_TODAY.search(text[max(0, at - 12) : at]))


def _spanning(
    exprs: list[DateExpr], kinds: tuple[str, ...] | None = None, text: str = "", today: str | None = None
) -> DateExpr | None:
    """The first expression with both a start and an end that covers more than one day; ``即日起至6月30日``
    runs from ``today`` (the 成文日期) when it is known."""
    for e in exprs:
        if e.valid and e.start is None and e.end and today and today < e.end and _from_today(text, e.span[0]):
            return replace(e, start=today, kind="range")
        if e.valid and e.start and e.end and e.start != e.end and (kinds is None or e.kind in kinds):
            return e
    return None


def find_period(
    text: str,
    doc_span: Span,
    logistics: list[Zone],
    preface: Span | None,
    year: int | None,
    today: str | None = None,
) -> Period | None:
    """The time the whole plan runs: from a form's 开始时间/结束时间 fields, 活动时间 sections, else the preface,
    else a 时间 sentence, else a term its title names without a year (:func:`this_term`)."""

    def dates_in(span: Span) -> list[DateExpr]:  # a range that recurs every year is no one plan's period
        return [e for e in find_dates(text, span, year) if not recurring(text, e.span)]

    fields = field_period(text, doc_span, year)
    if fields is not None:
        return Period(fields.start, fields.end, fields.span)
    for zone in logistics:  # a 活动时间 section may say just “2024年”; a 活动地点 section must give a range
        timed = bool(_TIME_HEADING.search(zone.heading))
        found = dates_in(zone.span)
        if timed and (whole := _envelope(found)) is not None:
            return whole
        e = _spanning(found, None if timed else _STATED_SPANS, text, today)
        if e:
            return Period(e.start, e.end, e.span)
    if preface:
        e = _spanning(dates_in(preface), _STATED_SPANS, text, today)
        if e:
            return Period(e.start, e.end, e.span)
    for m in _PERIOD_CUE.finditer(text, doc_span[0], doc_span[1]):
        line_end = text.find("\n", m.end(), doc_span[1])
        found = dates_in((m.start(), doc_span[1] if line_end < 0 else line_end))
        e = _spanning(found, _STATED_SPANS, text, today)
        if e is None and found and _DAY_CUE.search(text[max(doc_span[0], found[0].span[0] - 12) : found[0].span[0]]):
            e = _one_day(found[:1])
        if e:
            return Period(e.start, e.end, e.span)
    return this_term(text, doc_span, today)


# a term named without its year in a document's title: 本学期, 本学年, 秋季学期 (not 2024年秋季学期, read as a date)
_THIS_TERM = re.compile(r"(?<![\d年])(?:本(?P<which>学期|学年)|(?P<season>[春秋])季学期)")
_TITLE_LINES = 3  # non-empty lines at the top of a document where its title stands
_TITLE_LINE_MAX = 40  # characters of a title line
_TERM_OPENS = 8  # August: the autumn term about to open is the one a paper written then speaks of


def this_term(text: str, span: Span, today: str | None) -> Period | None:
    """The term the title of a plan or summary names without its year (某某班本学期工作计划, 秋季学期工作总结,
    本学年), dated by the day the document was written: the term that day falls in (autumn: September to January;
    spring: February to July; a school year: September to July), a paper of August speaking of the term about to
    open and a 春季学期 plan written in the autumn of the next spring."""
    if not today:
        return None
    head = [ln for ln in text[span[0] : span[1]].split("\n", 8) if ln.strip()][:_TITLE_LINES]
    titled = [ln for ln in head if len(ln) <= _TITLE_LINE_MAX and _TITLE_PLAN_END.search(ln)]
    m = next((m for ln in titled if (m := _THIS_TERM.search(ln))), None)
    if m is None:
        return None
    year, month = int(today[:4]), int(today[5:7])
    autumn = year if month >= _TERM_OPENS else year - 1  # the autumn term (and school year) that day falls in
    if m.group("which") == "学年":
        return Period(f"{autumn}-09-01", f"{autumn + 1}-07-31", None)
    if m.group("season") == "春":  # the spring term of that year, or of the next when written in its autumn
        spring = year + 1 if month >= _TERM_OPENS else year
        return Period(f"{spring}-02-01", f"{spring}-07-31", None)
    if m.group("which") and 2 <= month < _TERM_OPENS:
        return Period(f"{year}-02-01", f"{year}-07-31", None)
    return Period(f"{autumn}-09-01", f"{autumn + 1}-01-31", None)


def _envelope(exprs: list[DateExpr]) -> Period | None:
    """A time section's days and ranges taken together (报名：3月1日—10日；决赛：4月20日 → 3月1日 to 4月20日);
    none when they lie more than a year apart (a date of another kind slipped in)."""
    timed = [e for e in exprs if e.valid and e.start and e.end]
    if not timed:
        return None
    start, end = min(str(e.start) for e in timed), max(str(e.end) for e in timed)
    if int(end[:4]) - int(start[:4]) > 1 and not any(e.start == start and e.end == end for e in timed):
        return None
    return Period(start, end, (timed[0].span[0], timed[-1].span[1]))


def _one_day(exprs: list[DateExpr]) -> DateExpr | None:
    """The first whole day given (活动时间：2024年5月6日下午), when a time section names no span."""
    return next((e for e in exprs if e.valid and e.kind == "day" and e.start and e.start == e.end), None)


# the year (or half, or quarter) a plan sets or a summary looks back on (2022下半年工作总结: the time summarised)
_TITLE_YEAR_PLAN = re.compile(
    r"要点|计划|规划|行动方案|工作报告|工作意见|工作安排|工作思路|工作打算|总结|述职|年报|年度报告|季度报告"
)
# a notice deploying a year's work (关于做好2024年…质量工作的通知, 关于开展 2023 年…品牌建设工作的通知), not a
# campaign held within it (…案例征集工作)
_TITLE_YEAR_WORK = re.compile(
    r"(?:做好|部署|安排|落实|推进|开展)\s*(?:19|20)\d{2}\s*年度?(?P<what>[^，。“”《》]{0,30}?)工作"
)
_CAMPAIGN = re.compile(
    r"征集|申报|评选|遴选|推荐|揭榜|认定|评审|评估|招生|考试|竞赛|大赛|比赛|活动|会议|培训|检查|验收|暑期|寒假"
)
_HORIZON = 10  # years after the document year a derived period may reach


# the paper a notice puts out or passes on (关于印发《2024年…工作要点》的通知, 转发某某局关于…的报告的通知): its title
_FORWARDED = re.compile(r"(?:印发|转发|颁发|下发|发布)\s*(?P<inner>[^，。]{4,}?)\s*(?:的)?(?:通知|函)?\s*$")
_NOTICE_END = re.compile(r"(?:通知|函)\s*$")
# what a title ends with after its head word: a bracket (（2025—2027年）, （试行）, (全文)), a table (…计划表), a colon
_TITLE_TAIL = r"(?:\s*[（(][^（）()]{0,20}[)）]|表|一览表|安排表|分解表|明细表)*[\s:：.。]*$"
_TITLE_PLAN_END = re.compile(rf"(?:{_TITLE_YEAR_PLAN.pattern}){_TITLE_TAIL}")
# a whole year's plan of work (某某公司2024年度安全生产工作方案): 年度 written out, the title a 方案
_TITLE_SCHEME_END = re.compile(rf"方案{_TITLE_TAIL}")


def title_period(title: str | None, title_span: Span | None, year: int | None) -> Period | None:
    """The period a title states: ``2025—2027年…行动方案``, or the year (half, quarter) of a 工作要点/计划 or
    of a summary (``2025年…工作要点``, ``2022下半年工作总结``), of a 方案 for a whole 年度
    (``2024年度…工作方案``) or of a notice deploying that year's work (``关于做好2024年…工作的通知``). The title
    is what the document is: its plan word ends it (``关于2024年…工作意见的报告`` is a report). A notice that
    puts out or passes on a paper (关于印发《2024年…工作要点》的通知) has none: the paper, a document of its own,
    has the time its title names; a headline telling that a paper was put out (某某印发《2025年…工作要点》) takes
    the time that paper's title names, if it names one."""
    if not title:
        return None
    forwarded = _FORWARDED.search(title)
    if forwarded is not None and _NOTICE_END.search(title):
        return None  # a notice passing a paper on: the paper, its own document, has the time
    if forwarded is not None:
        inner = re.sub(r"[《》〈〉]", "", forwarded.group("inner"))
        return title_period(re.sub(r"^.{0,20}?关于", "", inner), title_span, year)
    exprs = [e for e in find_dates(title, None, year) if e.valid and e.start and e.end]
    span = title_span
    for e in exprs:  # 2025—2027年, 2019年暑期, 2024年5月10日至12日: a range the title names is the period
        if e.kind == "range" and e.start and e.end:
            return Period(e.start, e.end, span)
    for e in exprs:
        whole_year = e.kind == "year" and "年度" in e.text and _TITLE_SCHEME_END.search(title)
        if e.kind in ("year", "part") and (_TITLE_PLAN_END.search(title) or whole_year or _year_work(title)):
            return Period(e.start, e.end, span)
    return None


def _year_work(title: str) -> bool:
    m = _TITLE_YEAR_WORK.search(title)
    return bool(m and not _CAMPAIGN.search(m.group("what")))


def derive_period(
    doc_date: str | None,
    year: int | None,
    phases: list[Phase],
    activities: list[Activity],
    goals: list[Goal],
    dates: Sequence[DateMention] = (),
    text: str = "",
    open_start: bool = False,
) -> Period | None:
    """The period no sentence states: from the first start the plan sets (else the 成文日期) to the last end or deadline
    of the phases, activities and goals, and of the deadlines the text sets (``2020年12月底前完成``) after
    the 成文日期, within the years of the document. A plan with a calendar of dated events ends with its last
    event's year: a target year it cites (到2020年如期脱贫) is not when its own work ends. With no date to start
    from, the period starts with the document's year, unless ``open_start`` (a project whose final deadline is
    stated and whose start is not). A table row's date under an end column only (预计完成时间) is no start. With no
    calendar, goals whose target years reach past a plan's term (:func:`_vision`) give no period."""

    def inside(iso: str | None) -> bool:
        return bool(iso) and (year is None or year <= int(str(iso)[:4]) <= year + _HORIZON)

    # a one-day item on the 成文日期 took the signature's date (a last part running on into the 落款), no event's
    every: list[Phase | Activity] = [*phases, *activities]
    timed = [x for x in every if not (doc_date and x.start == x.end == doc_date)]
    starts = [str(x.start) for x in timed if inside(x.start) and not (text and end_column(text, x.span))]
    ends = [str(x.end) for x in timed if inside(x.end) and not (text and _review(text, x.span))]  # 验收 comes after
    more = [str(g.deadline) for g in goals if inside(g.deadline)]
    more += [
        str(e.end)
        for e in dates
        if _deadline(e) and inside(e.end) and (not doc_date or str(e.end) > doc_date) and not _review(text, e.span)
    ]
    if starts and ends:  # a calendar of events: targets and deadlines count within its last year
        more = [x for x in more if x[:4] <= max(ends)[:4]]
    elif _vision(goals, year):
        return None  # targets that reach past a plan's term (到2035年): a long-range guide, no period of work
    ends += more
    if not ends:
        return None
    if doc_date and inside(doc_date):  # nothing the plan sets starts before it is written (每年6月 is no start)
        # the work starts when the plan says it does (申报起始时间为3月30日); the 成文日期 only when it says not
        # … but a schedule table's row dated with its year starts when it says (a plan signed after its first stage)
        written = {str(x.start) for x in timed if text and x.start and dated_row(text, x.span)}
        starts = [x for x in starts if x >= doc_date or x in written] or ([] if open_start else [doc_date])
    start = min(starts, default=None)
    end = max(ends)
    if start is None or start > end:
        start = None
    if start is None and not open_start and year is not None and year <= int(end[:4]):  # 2025年…要点, deadlines only
        start = f"{year}-01-01"  # the plan's year is when its work starts, as a reader takes it
    return Period(start, end, None, source="derived")


_TERM = 5  # years of a plan's term (a 五年规划: the year it is written in and the four that follow)


def _vision(goals: list[Goal], year: int | None) -> bool:
    """Whether a goal's target year lies beyond a plan's term from the document's year (到2030年 in a paper of
    2025, 到2035年): the targets are a horizon, not the end of the document's own work (README of
    tests/golden/real, "Period and budget")."""
    return year is not None and any(g.deadline and int(str(g.deadline)[:4]) - year >= _TERM for g in goals)


def _deadline(e: DateMention) -> bool:
    """A date the text sets work to be done by: ``6月底前``, ``截止时间：8月6日`` (an end and no start)."""
    return e.valid and e.start is None and e.end is not None and e.kind != "festival"


_REVIEW = re.compile(r"对[^。；，]{0,20}(?:进行|开展|组织)\s*(?:验收|评估|总结|督查|检查|考核)")


def _review(text: str, span: Span) -> bool:
    """A deadline for judging the work after it is done (将于2020年4月底前组织对试点工作进行验收)."""
    lo, hi = sentence_span(text, span, stops=FULL_STOPS + "；\n")
    return bool(_REVIEW.search(text, lo, hi))


def _history(d: DateExpr, year: int | None) -> bool:
    """A year alone, before the document's year, told in a phase's words: when a programme began or was last
    held (该计划于2019年起开始实施, written in 2020), not when this phase runs."""
    when = d.end or d.start
    return year is not None and d.kind == "year" and when is not None and int(when[:4]) < year


def make_phase(text: str, item: Item, year: int | None) -> Phase:
    """A phase of the schedule (an item of a steps section) with its first dates."""
    name = _TRAILING_TIME.sub("", item_name(text, item)) or item_name(text, item)
    dates = find_dates(text, item.span, year)
    start, end = _when([d for d in dates if d.valid and (d.start or d.end) and not _history(d, year)])
    return Phase(phase=name, start=start, end=end, span=item.span, section=item.section)


def _when(dates: list[DateExpr]) -> tuple[str | None, str | None]:
    """A phase's time: its first date, or a day it opens on up to the deadline that follows
    (起始时间为3月30日，截止时间为4月21日)."""
    if not dates:
        return None, None
    start, end = dates[0].start, dates[0].end
    if start and start == end:
        closing = next((d.end for d in dates[1:] if d.start is None and d.end and d.end > start), None)
        end = closing or end
    return start, end


def inline_phases(text: str, span: Span, year: int | None, section: str | None = None) -> list[Phase]:
    """Phases named in running text: 分三个阶段：准备阶段（3月1日—15日），实施阶段（3月16日—5月31日）…"""
    out = []
    for m in _INLINE_PHASE.finditer(text, span[0], span[1]):
        clause = (m.start("name"), _clause_end(text, m.end("name"), span[1]))
        start, end = _when([d for d in find_dates(text, clause, year) if d.valid and (d.start or d.end)])
        if start or end:
            out.append(Phase(phase=m.group("name"), start=start, end=end, span=clause, section=section))
    return out


def _clause_end(text: str, pos: int, hi: int) -> int:
    """End of the clause at ``pos``: the next ，；。 or line end outside brackets."""
    depth = 0
    for i in range(pos, hi):
        ch = text[i]
        if ch in "（(":
            depth += 1
        elif ch in "）)":
            depth = max(0, depth - 1)
        elif depth == 0 and ch in "，,；;。\n":
            return i
    return hi


__all__ = ["derive_period", "find_period", "inline_phases", "make_phase", "this_term", "title_period"]
