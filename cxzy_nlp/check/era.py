"""Era rules: congresses, plenums, formulas, campaigns and anniversaries against the document year."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from ..chinese.numerals import numeral_value
from ..model import Finding, Span
from . import knowledge
from .context import Context


def _year(value: Any) -> int:
    return int(str(value)[:4])


@dataclass(frozen=True)
class Mention:
    """A congress or plenum named in the text: which Central Committee term and when it met."""

    term: int
    name: str
    year: int
    span: Span
    date: str = ""  # ISO date (or year-month) the meeting opened


CONGRESS = re.compile(r"(?:党的)?(?P<n>十[六七八九]|二十一?)(?:次全国代表)?大(?!学|会堂|队|楼|街|道|厦|赛|项)")
PLENUM = re.compile(
    r"(?P<term>十[六七八九]|二十)届(?P<ords>(?:[一二三四五六七]中(?:全会)?[、和及与]?)+)(?:全会|全体会议)?"
)


@lru_cache(maxsize=1)
def _congress_years() -> dict[int, int]:
    return {c["number"]: _year(c["start"]) for c in knowledge.era()["congresses"]}


@lru_cache(maxsize=1)
def _congress_dates() -> dict[int, str]:
    return {c["number"]: str(c["start"]) for c in knowledge.era()["congresses"]}


@lru_cache(maxsize=1)
def _plenum_dates() -> dict[tuple[int, int], str]:
    return {(p["term"], p["ordinal"]): str(p["date"]) for p in knowledge.era()["plenums"]}


def _mentions(ctx: Context) -> Iterator[Mention]:
    congresses = _congress_years()
    for span, found in ctx.finditer(CONGRESS):
        m = CONGRESS.fullmatch(found)
        if m:
            n = numeral_value(m["n"])
            if n in congresses:
                yield Mention(n, f"{m['n']}大", congresses[n], span, _congress_dates()[n])
    plenums = _plenum_dates()
    for span, found in ctx.finditer(PLENUM):
        m = PLENUM.fullmatch(found)
        if not m:
            continue
        term = numeral_value(m["term"])
        ordinals = [numeral_value(o) for o in re.findall(r"([一二三四五六七])中", m["ords"])]
        known = sorted(plenums[(term, o)] for o in ordinals if (term, o) in plenums)
        if known:
            yield Mention(term, found.rstrip("、和及与"), _year(known[-1]), span, known[-1])


def _forward(ctx: Context, span: Span) -> bool:
    """Whether a later congress is mentioned as an upcoming event (向十八大献礼)."""
    window = ctx.text[max(ctx.doc.span[0], span[0] - 12) : min(ctx.doc.span[1], span[1] + 8)]
    return any(cue in window for cue in knowledge.era()["forward_cues"])


def _historical(ctx: Context, span: Span) -> bool:
    """Whether a congress is named as the start of a period (党的十八大以来), not as current guidance."""
    after = ctx.text[span[1] : span[1] + 4]
    return any(after.startswith(cue) for cue in knowledge.era()["history_cues"])


def _written_by(ctx: Context) -> tuple[str, str]:
    """The date the plan was written by: its 成文日期, else the start of its own timeline."""
    if ctx.doc.date:
        return ctx.doc.date, "成文日期"
    starts = [p.start for p in ctx.doc.schedule if p.start]
    if ctx.doc.period and ctx.doc.period.start:
        starts.append(ctx.doc.period.start)
    return (min(starts), "方案实施开始日期") if starts else ("", "")


def outdated_reference(ctx: Context) -> Iterator[Finding]:
    if ctx.year is None:
        return
    congresses = _congress_years()
    reported: set[str] = set()
    for mention in _mentions(ctx):
        if mention.name in reported:
            continue
        following = congresses.get(mention.term + 1)
        written, what = _written_by(ctx)
        before_meeting = bool(written) and written[: len(mention.date)] < mention.date[: len(written)]
        if before_meeting and not _forward(ctx, mention.span):
            message = f"引用“{mention.name}”（{mention.date}召开），但{what}为{written}，会议尚未召开，请核对日期或引用"
        elif mention.year > ctx.year and not _forward(ctx, mention.span):
            message = f"引用“{mention.name}”（{mention.year}年召开），晚于文件年度{ctx.year_note()}，请核对年份或引用"
        elif following is not None and following < ctx.year and not _historical(ctx, mention.span):
            message = (
                f"引用“{mention.name}”，但此后{following}年已召开第{mention.term + 1}次全国代表大会，"
                f"文件年度与之不符{ctx.year_note()}，疑似套用旧文，请改为引用现行精神"
            )
        else:
            continue
        reported.add(mention.name)
        yield ctx.finding_at(
            "outdated-reference", mention.span, message, evidence=ctx.quote(ctx.sentence_at(mention.span))
        )


def _out_of_era(year: int, start: int | None, until: int | None) -> str | None:
    if start is not None and year < start:
        return f"{start}年以后才使用"
    if until is not None and year > until:
        return f"通行于{until}年以前"
    return None


def era_formula(ctx: Context) -> Iterator[Finding]:
    facts = knowledge.era()
    for item in facts["misattributions"]:
        for span, found in ctx.finditer(_compiled(item["pattern"])):
            yield ctx.finding_at("era-formula", span, f"“{found}”表述有误：{item['zh']}，请更正")
    if ctx.year is None:
        return
    for formula in facts["formulas"]:
        why = _out_of_era(ctx.year, formula["from"], formula["until"])
        if why is None:
            continue
        for span, _found in ctx.finditer(_compiled(formula["pattern"])):
            if _completed(ctx, formula, span):
                continue
            yield ctx.finding_at(
                "era-formula",
                span,
                f"“{formula['name']}”{why}，与文件年度不符{ctx.year_note()}，疑似套用旧文，请改用当前表述",
                evidence=ctx.quote(ctx.sentence_at(span)),
            )
            break
    for plan in facts["five_year_plans"]:
        why = _out_of_era(ctx.year, plan["start"] - 1, plan["end"] + 1)
        if why is None:
            continue
        for span, found in ctx.finditer(_compiled(f"“?{plan['name']}”?(?:规划|时期|期间)")):
            if _in_cited_title(ctx, span):
                continue  # 《关于“十二五”期间实施…的意见》: the title of an older document cited, not this one's words
            yield ctx.finding_at(
                "era-formula",
                span,
                f"“{found}”（{plan['start']}—{plan['end']}年）与文件年度不符{ctx.year_note()}，请核对",
            )
            break


def _completed(ctx: Context, formula: dict[str, Any], span: Span) -> bool:
    """A formula kept current by the word its era added in the same sentence (…，深入贯彻落实科学发展观)."""
    word = formula.get("or_with")
    if not word or ctx.year is None or ctx.year > formula.get("with_until", 0):
        return False
    sentence = ctx.sentence_at(span)
    return word in ctx.text[sentence[0] : sentence[1]]


@lru_cache(maxsize=256)
def _compiled(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern)


def _chained(ctx: Context) -> Iterator[Finding]:
    """A sentence presenting one campaign as part of another that came years later."""
    facts = knowledge.era()
    campaigns = facts["campaigns"]
    cues = facts["chain_cues"]
    seen: set[Span] = set()
    for first in campaigns:
        for span, _found in ctx.finditer(_compiled(first["pattern"])):
            sentence = ctx.sentence_at(span)
            if sentence in seen:
                continue
            text = ctx.text[sentence[0] : sentence[1]]
            if not any(cue in text for cue in cues):
                continue
            for other in campaigns:
                if other is first or not _compiled(other["pattern"]).search(text):
                    continue
                if _year(other["start"]) > _year(first["end"] or 9999):
                    seen.add(sentence)
                    yield ctx.finding_at(
                        "campaign-window",
                        span,
                        f"把“{first['name']}”（{_year(first['start'])}年开展）说成“{other['name']}”"
                        f"（{_year(other['start'])}年开展）的一部分，时间先后不符，请核对",
                        evidence=ctx.quote(sentence),
                    )
                    break


def campaign_window(ctx: Context) -> Iterator[Finding]:
    yield from _chained(ctx)
    if ctx.year is None:
        return
    for campaign in knowledge.era()["campaigns"]:
        start = _year(campaign["start"])
        end = _year(campaign["end"]) if campaign["end"] else None
        late = end is not None and ctx.year > end + int(campaign.get("slack", 1))
        if not (ctx.year < start or late):
            continue
        for span, _found in ctx.finditer(_compiled(campaign["pattern"])):
            window = f"{start}—{end}年" if end else f"{start}年起"
            yield ctx.finding_at(
                "campaign-window",
                span,
                f"“{campaign['name']}”开展于{window}，与文件年度不符{ctx.year_note()}，疑似套用旧文，请核对",
                evidence=ctx.quote(ctx.sentence_at(span)),
            )
            break


def _in_cited_title(ctx: Context, span: Span) -> bool:
    """Whether ``span`` lies inside a 《…》 title on its line."""
    line_start = ctx.text.rfind("\n", 0, span[0]) + 1
    opened = ctx.text.rfind("《", line_start, span[0])
    if opened < 0 or ctx.text.find("》", opened, span[0]) >= 0:
        return False
    line_end = ctx.text.find("\n", span[1])
    return ctx.text.find("》", span[1], line_end if line_end >= 0 else len(ctx.text)) >= 0


def _about_year(ctx: Context, year: int, offset: int) -> bool:
    """Whether a section holding ``offset`` names ``year`` in its heading (一、2018年工作回顾): its text is about that year."""
    said = f"{year}年"
    return any(
        s.span[0] <= offset < s.span[1] and said in ctx.text[s.heading_span[0] : s.heading_span[1]]
        for s in ctx.sections
    )


def _anniversary_fits(ctx: Context, year: int, span: Span) -> bool:
    """The anniversary falls in the document year, or in the year the section holding it is about (a report's
    review of last year), or next year when the sentence looks forward to it."""
    assert ctx.year is not None
    if year == ctx.year or _about_year(ctx, year, span[0]):
        return True
    sentence = ctx.sentence_at(span)
    ahead = any(cue in ctx.text[sentence[0] : sentence[1]] for cue in knowledge.era()["anniversary_forward_cues"])
    return year == ctx.year + 1 and ahead


def anniversary(ctx: Context) -> Iterator[Finding]:
    if ctx.year is None:
        return
    for mention in ctx.doc.anniversaries:
        if mention.years and not any(_anniversary_fits(ctx, y, mention.span) for y in mention.years):
            expected = ctx.year - mention.base
            yield ctx.finding_at(
                "anniversary",
                mention.span,
                f"“{mention.text}”对应{mention.years[0]}年，而文件年度应为{mention.event}{expected}周年"
                f"{ctx.year_note()}，请核对",
            )
