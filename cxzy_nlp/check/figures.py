"""Figures that disagree: a 合计 and its items, a whole counted twice, a weekday and its date, a date
outside the stated period. The figures are extract's (:mod:`cxzy_nlp.extract.quantities`); these rules judge."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, timedelta

from ..model import CountMention, Finding, Span, TotalCheck
from . import knowledge
from .context import Context
from .dates import planned_phases

TOLERANCE = 0.005  # relative difference accepted as rounding
WEEKDAYS = "一二三四五六日"


def _figure(value: float) -> str:
    return f"{value:,.2f}".rstrip("0").rstrip(".") if value != int(value) else f"{int(value):,}"


def _overlaps(a: Span | None, b: Span) -> bool:
    return a is not None and a[0] < b[1] and b[0] < a[1]


def _budget_reported(ctx: Context, total: TotalCheck) -> bool:
    """The budget rule already reports this total (the extractor found the budget does not add up)."""
    budget = ctx.doc.budget
    return budget is not None and budget.adds_up is False and _overlaps(budget.span, total.span)


def total_mismatch(ctx: Context) -> Iterator[Finding]:
    """A 合计/总计/小计 that differs from the sum of its items; both figures and the difference in the message."""
    for total in ctx.doc.quantities.totals:
        diff = abs(total.items_sum - total.total)
        if diff <= max(TOLERANCE * max(total.total, 1.0), 0.01) or _budget_reported(ctx, total):
            continue
        unit = total.unit
        where = f"表格“{total.column}”一栏" if total.column else ("表格中" if ctx.text.count("\t", *total.span) else "")
        yield ctx.finding_at(
            "total-mismatch",
            total.span,
            f"{where}{total.label}为{_figure(total.total)}{unit}，但{total.items}个分项相加为"
            f"{_figure(total.items_sum)}{unit}，相差{_figure(diff)}{unit}，请核对{total.label}或分项数字",
            evidence=ctx.quote(total.span),
        )


def quantity_conflict(ctx: Context) -> Iterator[Finding]:
    """The same whole (村, 学校, 企业…) counted twice with two figures: one finding per counted noun. Two counts
    in one paragraph are a story of stages or subsets (申请34家, 进入核查18家), not one whole told twice."""
    first: dict[str, CountMention] = {}
    reported: set[str] = set()
    for count in ctx.doc.quantities.counts:
        seen = first.setdefault(count.noun, count)
        if seen.value == count.value or count.noun in reported:
            continue
        if "\n" not in ctx.text[seen.span[1] : count.span[0]]:
            continue  # one paragraph telling stages (34家申请…最后18家进入核查): counts of different sets
        reported.add(count.noun)
        where_seen = "表格中" if seen.in_table else "正文"
        said, said_before = " ".join(count.text.split()), " ".join(seen.text.split())
        yield ctx.finding_at(
            "quantity-conflict",
            count.span,
            f"“{said}”与{where_seen}“{said_before}”所说{count.noun}的数量不一致（{count.value}与{seen.value}），请核对后统一",
            evidence=f"{said_before}／{said}",
        )


def weekday_mismatch(ctx: Context) -> Iterator[Finding]:
    """A weekday written beside a date that falls on another day; with an assumed year, only when no
    neighbouring year would make it right (then the year, not the weekday, is in doubt)."""
    for mention in ctx.doc.quantities.weekdays:
        if mention.written == mention.actual:
            continue
        day = date.fromisoformat(mention.date)
        if mention.year_inferred and any(_shifted(day, years).weekday() == mention.written for years in (-1, 1)):
            continue
        assumed = ctx.year_note() if mention.year_inferred else ""
        yield ctx.finding_at(
            "weekday-mismatch",
            mention.span,
            f"“{mention.text}”写的是星期{WEEKDAYS[mention.written]}，但{day.year}年{day.month}月{day.day}日"
            f"是星期{WEEKDAYS[mention.actual]}{assumed}，请核对日期或星期",
        )


def _shifted(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 2月29日
        return day - timedelta(days=1)


def _iso(value: str | None) -> date | None:
    try:
        return date.fromisoformat(value[:10]) if value and len(value) >= 10 else None
    except ValueError:
        return None


def date_outside_period(ctx: Context) -> Iterator[Finding]:
    """Phases of the plan's timeline (in its 步骤/时间 parts) that fall outside the period it states for itself;
    history told elsewhere (公司概况, 背景) is not planned."""
    period = ctx.doc.period
    if period is None or period.source != "stated":
        return
    start, end = _iso(period.start), _iso(period.end)
    if start is None or end is None or end < start:
        return
    stated = ctx.quote(period.span) if period.span else f"{start}至{end}"
    planned = [(p.phase, p.start, p.end, p.span) for p in planned_phases(ctx)]
    seen: set[Span] = set()
    cues = knowledge.cues()
    slack = timedelta(days=int(ctx.setting("date-outside-period", "slack_days", 15)))
    for name, a, b, span in sorted(planned, key=lambda x: x[3]):
        first, last = _iso(a) or _iso(b), _iso(b) or _iso(a)
        if first is None or last is None or span in seen or _overlaps(period.span, span):
            continue
        said = f"{name} {ctx.text[span[0] : span[1]]}"  # the phase's name and its own words (…：各学院初评并公示)
        if (last < start and cues["before_period"].search(said)) or (first > end and cues["after_period"].search(said)):
            continue  # preparing before the period, closing (or judging) it after
        if last < start - slack or first > end + slack:
            seen.add(span)
            when = "早于" if last < start else "晚于"
            yield ctx.finding_at(
                "date-outside-period",
                span,
                f"“{name[:20]}”安排在{first.isoformat()}至{last.isoformat()}，{when}文件写明的实施期限"
                f"“{stated}”（{start.isoformat()}至{end.isoformat()}），请核对日期或期限",
            )
