"""What a plan's period is and is not, beyond the sentences and sections that state it (:mod:`.schedule`):
a project's final deadline, a start and an end written in two clauses, dates of a table's end column, ranges that
recur every year, and the kinds of document that have no period of their own (README of tests/golden/real,
"Period")."""

from __future__ import annotations

import re
from datetime import date, timedelta

from ..chinese.numerals import to_int
from ..chinese.sentences import FULL_STOPS, sentence_span
from ..model import Period, Span
from .dates import DateExpr, find_dates
from .money import statement_words

# the time a project must be delivered by (GB 8567 项目开发计划: 完成项目的最迟期限; 软件开发计划: 最后交付期限)
_FINAL = re.compile(
    r"最迟(?:完成|交付)?(?:期限|日期|时间)|最后交付(?:期限|日期|时间)|最终交付(?:期限|日期|时间)?|完成期限"
)


def final_deadline(text: str, span: Span, year: int | None) -> DateExpr | None:
    """The date a project's final deadline names, in its sentence or, under a heading that names it, on the next
    line (此项目完成的最迟期限为2021年6月18号 / 2.5 完成项目的最迟期限 ↵ 2016年12月25日前交付)."""
    for m in _FINAL.finditer(text, span[0], span[1]):
        end = _line_end(text, m.end(), span[1])
        found = [e for e in find_dates(text, (m.start(), end), year) if e.valid and e.end]
        if not found and end < span[1]:  # a heading: its first line of body
            found = [e for e in find_dates(text, (end, _line_end(text, end + 1, span[1])), year) if e.valid and e.end]
        if len(found) == 1:  # several dates are the deliverables' own deadlines, not one final one
            return found[0]
    return None


def _line_end(text: str, pos: int, hi: int) -> int:
    nl = text.find("\n", pos, hi)
    return hi if nl < 0 else nl


# a start and an end in two clauses of one sentence about the work as a whole: 本项目计划于2016年10月中旬开始，
# 2016年12月底结束
_WHOLE = re.compile(r"(?:本|该|此|整个)?(?:项目|计划|工程|课题|研究|活动|工作|开发|系统开发)")
_OPENS = ("开始", "起")  # a date that ends so has taken the word of the start
_STARTS = re.compile(r"\s*(?:正式)?(?:开始|启动|开工|开展|起)")
_ENDS = re.compile(r"\s*(?:前|之前)?\s*(?:全部|正式)?(?:结束|完成|完工|结题|截止|止|交付|验收)")


def start_end(text: str, span: Span, year: int | None) -> Period | None:
    """The period of a sentence that gives the work as a whole a start and an end in two clauses (…于X开始，Y结束)."""
    for m in re.finditer(r"[^。；\n]+", text[span[0] : span[1]]):
        lo, hi = span[0] + m.start(), span[0] + m.end()
        dates = [e for e in find_dates(text, (lo, hi), year) if e.valid]
        first = next(
            (e for e in dates if e.start and (_STARTS.match(text, e.span[1], hi) or e.text.endswith(_OPENS))), None
        )
        last = next(
            (e for e in dates if first and e.span[0] > first.span[1] and _ENDS.match(text, e.span[1], hi)), None
        )
        if first and last and last.end and str(first.start) < str(last.end) and _WHOLE.search(text, lo, first.span[0]):
            return Period(first.start, last.end, (first.span[0], last.span[1]))
    return None


_RECURRING = re.compile(r"(?:每|各)(?:年|学年|学期|月|季度|周)(?:度)?\s*(?:的|都|均)?\s*(?:自|从|于)?\s*$")


def recurring(text: str, span: Span) -> bool:
    """Whether a range recurs (每年自1月1日起至12月31日止: an accounting year, 每学期第1周): no period of one plan."""
    return bool(_RECURRING.search(text[max(0, span[0] - 8) : span[0]]))


_END_COLUMN = re.compile(r"(?:结束|完成|截止|交付|提交)(?:时间|日期)|截止")
_START_COLUMN = re.compile(r"开始|起始|起止|起讫|启动|^\s*(?:时间|日期)\s*$")


def end_column(text: str, span: Span) -> bool:
    """Whether ``span`` is a row of a table whose dates stand under an end column only (交付物 | 预计结束时间): the
    row's date is when a piece is due, not when work on it starts."""
    line_start = text.rfind("\n", 0, span[0]) + 1
    if "\t" not in text[line_start : _line_end(text, line_start, len(text))]:
        return False
    header = line_start
    while header > 0:  # up to the first row of the table
        above = text.rfind("\n", 0, header - 1) + 1
        if "\t" not in text[above : header - 1]:
            break
        header = above
    cells = text[header : _line_end(text, header, len(text))].split("\t")
    return any(_END_COLUMN.search(c) for c in cells) and not any(_START_COLUMN.search(c) for c in cells)


_START_CELL = re.compile(r"(?:计划|预计|实际)?(?:开始|起始)(?:时间|日期)")
_END_CELL = re.compile(r"(?:计划|预计|实际)?(?:结束|完成|截止)(?:时间|日期)")
# a day written as month and day in a table's date cell: 10.15, 10/15 (no year, no unit)
_MONTH_DAY = re.compile(r"\s*(?P<m>1[0-2]|0?[1-9])\s*[./／]\s*(?P<d>3[01]|[12]\d|0?[1-9])\s*")
_TABLE_ROWS_MIN = 2  # dated rows that make a schedule


def schedule_table(text: str, span: Span, year: int | None) -> Period | None:
    """The span of a schedule table with a start and an end column (阶段 | 开始时间 | 结束时间): its first start to
    its last end, cells read as dates also when written as month and day alone (10.15, 10/15) in the year of the
    document; a row running past December ends in the next year. Else a calendar of weeks dated by the day its
    first week opens (:func:`week_calendar`)."""
    lines = text[span[0] : span[1]].split("\n")
    for i, line in enumerate(lines):
        cells = line.split("\t")
        starts = [j for j, c in enumerate(cells) if _START_CELL.search(c)]
        ends = [j for j, c in enumerate(cells) if _END_CELL.search(c)]
        if not starts or not ends or "\t" not in line:
            continue
        first: list[str] = []
        last: list[str] = []
        for row in lines[i + 1 :]:
            if "\t" not in row:
                break
            cells = row.split("\t")
            if max(starts[0], ends[0]) >= len(cells):
                continue
            a, b = _cell_day(cells[starts[0]], year), _cell_day(cells[ends[0]], year)
            if a and b:
                if b < a and int(b[5:7]) < int(a[5:7]):  # 12.20 to 1.5
                    b = f"{int(b[:4]) + 1}{b[4:]}"
                first.append(a)
                last.append(b)
        if len(first) >= _TABLE_ROWS_MIN:
            return Period(min(first), max(last), None, source="derived")
    return week_calendar(text, span, year)


# a calendar of teaching weeks: 第1周, 第2-3周, 第十六周 (not 每周, not 每学期第1周 that recurs)
_WEEK = re.compile(
    r"(?<![每各])第\s*(?P<a>\d{1,2}|[一二三四五六七八九十]{1,3})\s*(?:[-—－~～至到]\s*(?P<b>\d{1,2}|[一二三四五六七八九十]{1,3})\s*)?周"
)
_TERM_OPENS = re.compile(r"开学|第\s*[1一]\s*周")
_WEEKS_MIN = 2  # week numbers that make a calendar
_WEEKS_MAX = 30  # more weeks than a school year has: a count of something else


def week_calendar(text: str, span: Span, year: int | None) -> Period | None:
    """The span of a calendar of numbered weeks (第1周 … 第16周) when the text dates its first week (2月26日开学,
    开学时间：9月2日, 第1周（9月2日—9月8日）): from that day to the Sunday that ends its last week. Weeks with no
    date to count from are no period (README of tests/golden/real, "Period and budget")."""
    weeks: list[int] = []
    for m in _WEEK.finditer(text, span[0], span[1]):
        if recurring(text, m.span()):
            continue
        weeks += [n for n in (to_int(m.group("a")), to_int(m.group("b")) if m.group("b") else None) if n]
    if len(set(weeks)) < _WEEKS_MIN or max(weeks) > _WEEKS_MAX:
        return None
    for m in _TERM_OPENS.finditer(text, span[0], span[1]):
        lo, hi = sentence_span(text, m.span(), stops=FULL_STOPS + "；，,\n")
        days = [e for e in find_dates(text, (lo, hi), year) if e.valid and e.start and e.kind in ("day", "range")]
        if not days:
            continue
        first = date.fromisoformat(str(days[0].start))
        end = first + timedelta(days=7 * max(weeks) - 1 - first.weekday())  # week 1 is the week of that day
        return Period(first.isoformat(), end.isoformat(), None, source="derived")
    return None


def _cell_day(cell: str, year: int | None) -> str | None:
    found = [e for e in find_dates(cell, None, year) if e.valid and e.start]
    if found:
        return str(found[0].start)
    m = _MONTH_DAY.fullmatch(cell)
    if m is None or year is None:
        return None
    month, day = int(m.group("m")), int(m.group("d"))
    try:
        return date(year, month, day).isoformat()
    except ValueError:
        return None


_YEAR_WRITTEN = re.compile(r"(?<!\d)(?:19|20)\d{2}\s*[年./-]\s*\d")


def dated_row(text: str, span: Span) -> bool:
    """Whether ``span`` opens a table row whose dates are written with their year (2016.10.15, 2016年10月15日)."""
    line_start = text.rfind("\n", 0, span[0]) + 1
    line = text[line_start : _line_end(text, line_start, len(text))]
    return "\t" in line and bool(_YEAR_WRITTEN.search(line))


_ACCOUNTS_MIN = 6  # different words of a financial statement that make a document a company's accounts


def accounts(text: str, span: Span, year: int | None = None) -> bool:
    """Whether a document's own dates set no period, so that only its title names the time it covers: a company's
    accounts or annual report (货币资金, 应收账款, 净利润 … throughout; a bond's or a loan's 期限 is no plan's), or a
    notice that only sets due dates (:func:`due_dates_only`)."""
    return statement_words(text, span) >= _ACCOUNTS_MIN or due_dates_only(text, span, year)


# handing something in by a date: 申报截止时间为…, 于…前寄送/报送/提交/确认推荐名单, 制定实施方案
_HAND_IN = re.compile(
    r"申报|推荐|报送|上报|提交|寄送|邮寄|报名|填报|上传|确认|递交|交回|报至|报给|发送至"
    r"|制定[^。；，\n]{0,20}(?:方案|办法|细则|计划|措施)"
)
_STOPS = FULL_STOPS + "；\n"
_FROM_TODAY = re.compile(r"即日起?\s*(?:至|到)\s*$")
# a step of the issuer's that follows the submissions: 组织评审、公示, 将遴选并公布名单, 进行测评
_LATER_STEP = re.compile(
    r"(?:组织|将|进行|开展|经)[^。；\n]{0,20}?(?:评审|遴选|评选|公示|公布|测评|审核|审定|认定|验收|择优|发布[^。；\n]{0,6}名单)"
)
# a year written as a target or a deadline (到2027年, 2025年底前), not a year naming a campaign (开展2024年…征集)
_TARGET_BEFORE = re.compile(r"(?:到|至|于|在)\s*$")
_TARGET_AFTER = re.compile(r"\s*(?:年)?(?:底|末|前|内|以前|之前)")
_WORK_KINDS = frozenset({"day", "range", "duration", "month", "festival"})


def due_dates_only(text: str, span: Span, year: int | None) -> bool:
    """Whether a notice gives only due dates and no time of its own work (README of tests/golden/real, "Period and
    budget"): no day, month or range of work is set (the 成文日期 and dates alone on a line do not count), and
    either one date is given in all and the document is no plan (请于5月10日前报送: a due date, no span of work; a
    plan's one deadline ends its own schedule), or the dates are deadlines for handing things in and the issuer's
    own steps that follow them (组织评审、公示, 遴选并公布名单) have no date, so the work runs on past every date
    the notice gives. A notice whose dates close its work (报名截止
    5月10日，材料寄送截止5月20日 and nothing after) keeps the period from its 成文日期 to the last of them."""
    if year is None:  # the year of the 成文日期 (a date alone on its line) for the dates written without one
        signed = [e for e in find_dates(text, span) if e.valid and e.start and _alone(text, e.span)]
        year = int(str(signed[-1].start)[:4]) if signed else None
    dues: list[DateExpr] = []
    for e in find_dates(text, span, year):
        if not e.valid or not (e.start or e.end) or recurring(text, e.span) or _alone(text, e.span):
            continue
        if e.start is None and _FROM_TODAY.search(text, max(0, e.span[0] - 8), e.span[0]):
            return False  # 自即日起至11月15日: a range of work from the day of writing
        if e.start is None:
            dues.append(e)
        elif e.kind in _WORK_KINDS:
            return False  # a day, a month or a range of work: the notice sets a time of its own
        elif not e.year_inferred and _target(text, e.span):
            dues.append(e)  # 到2027年: a target year the work runs to
    if len(dues) == 1:  # one paper to hand in, or one target year: no span of work (a deadline to finish work is)
        one = dues[0]
        asks = one.kind in ("year", "part") or _HAND_IN.search(text, *sentence_span(text, one.span, stops=_STOPS))
        return bool(asks) and not _plan(text, span)
    if len(dues) < 2 or any(e.kind in ("year", "part") for e in dues):
        return False
    last = max(dues, key=lambda e: (str(e.end), e.span))
    lo, hi = sentence_span(text, last.span, stops=_STOPS)
    if not _HAND_IN.search(text, lo, hi):
        return False
    return any(_undated(text, m.span()) for m in _LATER_STEP.finditer(text, span[0], span[1]))


def _undated(text: str, span: Span) -> bool:
    """Whether the sentence of ``span`` gives no date (a step set for no time)."""
    lo, hi = sentence_span(text, span, stops=FULL_STOPS + "；\n")
    return not any(e.valid and (e.start or e.end) for e in find_dates(text, (lo, hi)))


# the date a paper was written or put out (发布时间：2024-05-06 17:20 under a page's headline), not a time of work
_PAPER_DATE = re.compile(r"(?:发布|成文|印发|签发|发文|更新|录入)(?:时间|日期)\s*[：:]?\s*$")


_PLAN_WORDS = re.compile(r"方案|计划|规划|要点|策划|进度|安排")
_NOTICE_END = re.compile(r"(?:通知|意见|通告|公告|函)\s*$")
_HEAD_LINES = 4  # non-empty lines at the top of a document among which its title stands
_TITLE_MAX = 40  # characters of a title line; a longer line, or one with sentence marks, is text


def _plan(text: str, span: Span) -> bool:
    """Whether a document is a plan by its title (…工作方案, …活动计划): its one deadline ends its own schedule, which
    the reader dates from when it is written; a notice (…的通知, …的意见, even 关于印发…方案的通知) is not one."""
    lines = [ln.strip() for ln in text[span[0] : span[1]].split("\n", 12) if ln.strip()][:_HEAD_LINES]
    lines = [ln for ln in lines if len(ln) <= _TITLE_MAX and not re.search(r"[，。；！？,;]", ln)]
    if any(_NOTICE_END.search(ln) for ln in lines):
        return False
    return any(_PLAN_WORDS.search(ln) for ln in lines)


def _alone(text: str, span: Span) -> bool:
    """A date that is all of its line (the 成文日期 under the signature, a page's 发布日期 field below its label)
    or the value of a field giving when the paper was put out (发布时间：…)."""
    lo = text.rfind("\n", 0, span[0]) + 1
    if _PAPER_DATE.search(text, lo, span[0]):
        return True
    return not text[lo : span[0]].strip(" \t：:") and not text[span[1] : _line_end(text, span[1], len(text))].strip()


def _target(text: str, span: Span) -> bool:
    return bool(_TARGET_BEFORE.search(text[max(0, span[0] - 3) : span[0]]) or _TARGET_AFTER.match(text, span[1]))


# kinds whose dates are not the time of a plan: a record of a meeting has its meeting's date; a summary or a
# report looks back, its dates are what was done (its title may still name the time it covers)
NO_PERIOD_KINDS = frozenset({"minutes"})
NO_DERIVED_KINDS = frozenset({"minutes", "work_summary", "report"})
# a summary tells the money applied for and spent (原申请经费8000元，实际使用…): no budget of work to come
NO_BUDGET_KINDS = frozenset({"work_summary"})


__all__ = [
    "NO_BUDGET_KINDS",
    "NO_DERIVED_KINDS",
    "NO_PERIOD_KINDS",
    "accounts",
    "dated_row",
    "due_dates_only",
    "end_column",
    "final_deadline",
    "recurring",
    "schedule_table",
    "start_end",
    "week_calendar",
]
