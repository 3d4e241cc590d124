"""Date rules: impossible or inconsistent dates, 文号 and date formats (GB/T 9704-2012)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import replace
from datetime import date
from itertools import combinations

from ..model import DateMention, DocNumberMention, Finding, Fix, Phase, Span
from .context import Context


def _impossible_dates(ctx: Context) -> Iterator[Finding]:
    for mention in ctx.doc.dates:
        if not mention.valid:
            assumed = ctx.year_note() if mention.year_inferred else ""
            yield ctx.finding_at("date-logic", mention.span, f"日期“{mention.text}”不存在{assumed}，请核对")


def _missing_month(ctx: Context) -> Iterator[Finding]:
    for span, written in ctx.doc.quantities.misdated:
        guess = written.replace("年", "月", 1)
        yield ctx.finding_at(
            "date-logic", span, f"日期“{written}”缺少月份（年份后直接是日），疑为“{guess}”之误，请核对"
        )


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
    for mention in ctx.doc.dates:
        a, b = _iso(mention.start), _iso(mention.end)
        if mention.stated is None or mention.stated_span is None or a is None or b is None:
            continue
        n, unit = mention.stated[0], mention.stated[1].replace("日", "天")
        span = mention.stated_span
        found = ctx.text[span[0] : span[1]]
        assumed = ctx.year_note() if mention.year_inferred else ""
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


def planned_phases(ctx: Context) -> list[Phase]:
    """Phases inside 步骤/时间 sections (all of them when the plan has no such section)."""
    if not ctx.labelled(tuple(TIMELINE_LABELS)):
        return list(ctx.doc.schedule)
    return [p for p in ctx.doc.schedule if ctx.labels_at(p.span[0]) & TIMELINE_LABELS]


def _phase_order(ctx: Context) -> Iterator[Finding]:
    previous: tuple[date, str] | None = None
    for phase in planned_phases(ctx):
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


def _planned_ranges(ctx: Context) -> Iterator[tuple[Span, date, date, str]]:
    """Stretches of the plan's own timeline: its period and its phases, each as first and last day
    (a single date is a stretch of one day); history told in the text is not part of it."""
    doc = ctx.doc
    stretches: list[tuple[Span, str | None, str | None, str]] = []
    if doc.period and doc.period.source == "stated":  # a derived period repeats the phases' own dates
        stretches.append((doc.period.span or doc.span, doc.period.start, doc.period.end, "实施期限"))
    stretches += [(p.span, p.start, p.end, f"“{p.phase}”") for p in planned_phases(ctx)]
    for span, start, end, what in stretches:
        first, last = _iso(start), _iso(end)
        if first or last:
            yield span, first or last, last or first, what  # type: ignore[misc]


def _outside_year(ctx: Context) -> Iterator[Finding]:
    """A stretch of the timeline that does not reach the document year: a range (2025—2027年, a
    three-year plan; a term running for years) is wrong only when the year lies outside it."""
    if ctx.year is None:
        return
    tolerance = int(ctx.setting("date-logic", "year_tolerance", 1))
    reported: set[int] = set()
    for span, first, last, what in _planned_ranges(ctx):
        if first.year - tolerance <= ctx.year <= last.year + tolerance:
            continue
        d = last if last.year < ctx.year else first
        if d.year in reported:
            continue
        reported.add(d.year)
        shown = d.isoformat() if first == last else f"{first.isoformat()}至{last.isoformat()}"
        yield ctx.finding_at(
            "date-logic",
            span,
            f"{what}的日期{shown}与文件年度相差{abs(d.year - ctx.year)}年{ctx.year_note()}，请核对年份",
        )


def _year_conflicts(ctx: Context) -> Iterator[Finding]:
    """Title year, 成文日期 and the document's own 文号 that disagree by more than a year."""
    doc = ctx.doc
    tolerance = int(ctx.setting("date-logic", "year_tolerance", 1))
    for (y1, what1), (y2, what2) in combinations([(c.year, c.what) for c in doc.year_clues], 2):
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
    yield from _missing_month(ctx)
    yield from _durations(ctx)
    yield from _phase_order(ctx)
    yield from _outside_year(ctx)


STYLE_ADVICE = {
    "cn-year": "年份用汉字书写（2012年以前的旧格式，提示可能套用旧模板），应使用阿拉伯数字",
    "dotted": "日期应写作“2021年6月1日”的形式",
    "padded": "月、日不应补零（如“6月1日”而非“06月01日”）",
}


def date_format(ctx: Context) -> Iterator[Finding]:
    limit = int(ctx.setting("date-format", "max_findings", 5))
    count = 0
    fixed: set[Span] = set()
    for style, advice in STYLE_ADVICE.items():
        for mention in _styled(ctx.doc.dates, style):
            if count >= limit:
                return
            count += 1
            found = ctx.finding_at("date-format", mention.span, f"日期“{mention.text}”写法不规范：{advice}")
            fix = _date_fix(ctx.text, mention) if mention.span not in fixed else None
            if fix is not None:
                fixed.add(mention.span)
                found = replace(found, fix=fix)
            yield found


_WRITTEN = frozenset("0123456789.．/-年月日")
_CODE = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789._/-\\")


def _date_fix(text: str, mention: DateMention) -> Fix | None:
    """``2024.5.1`` / ``2024年05月01日`` → ``2024年5月1日``: a whole day extract dated, written out on its own.

    The new text comes from the date extract worked out (``mention.start``); the text only says
    where the written date ends (its numbers must be that date's) and that it is no part of a code.
    """
    if mention.kind != "day" or not mention.valid or mention.year_inferred or not mention.start:
        return None
    start = mention.span[0]
    end = start
    while end < mention.span[1] and text[end] in _WRITTEN:
        end += 1
    while end > start and text[end - 1] in ".．/-":
        end -= 1
    numbers = "".join(c if c.isdigit() else " " for c in text[start:end]).split()
    if [int(n) for n in numbers] != [int(n) for n in mention.start.split("-")]:
        return None
    if text[start - 1 : start] in _CODE or text[end : end + 1] in _CODE:
        return None  # part of a code or a number (A2016-10-10-19), not a date written out
    y, mo, d = (int(n) for n in numbers)
    return narrowed_fix(text, (start, end), f"{y}年{mo}月{d}日")


def narrowed_fix(text: str, span: Span, new: str) -> Fix | None:
    """The :class:`Fix` turning ``text[span]`` into ``new``, narrowed to the characters that change."""
    old = text[span[0] : span[1]]
    if old == new:
        return None
    a = 0
    while a < min(len(old), len(new)) - 1 and old[a] == new[a]:
        a += 1
    b = 0
    while b < min(len(old), len(new)) - a - 1 and old[-1 - b] == new[-1 - b]:
        b += 1
    return Fix((span[0] + a, span[1] - b), new[a : len(new) - b])


def _styled(dates: tuple[DateMention, ...], style: str) -> Iterator[DateMention]:
    return (d for d in dates if style in d.styles)


def _doc_number_problems(number: DocNumberMention) -> list[str]:
    problems = []
    if number.brackets != "〔〕":
        problems.append(f"年份应使用六角括号“〔〕”而非“{number.brackets}”")
    if len(number.year) != 4:
        problems.append("年份应写全四位")
    if number.di:
        problems.append("序号前不加“第”")
    if number.seq.startswith("0"):
        problems.append("序号不编虚位（不补零）")
    return problems


OWN_NUMBER_ZONES = frozenset({"cover", "signature"})
HEAD_CHARS = 400  # a 文号 standing alone on a line this near the top is the document's own (版头)
LINE_EXTRA = 6  # characters besides the number a 文号 line may hold (文号：, 签发人 is on its own line)


def is_own_number(ctx: Context, number: DocNumberMention) -> bool:
    """Whether ``number`` is the document's own 发文字号: the 文号 segment found, or one standing alone on
    its line in the 版头 (the first lines, the cover) or the 落款; a 文号 quoted in a sentence is a citation."""
    doc = ctx.doc
    if doc.doc_number and number.text.endswith(doc.doc_number):
        return True
    start = ctx.text.rfind("\n", doc.span[0], number.span[0]) + 1
    end = ctx.text.find("\n", number.span[1], doc.span[1])
    line = ctx.text[max(start, doc.span[0]) : end if end >= 0 else doc.span[1]]
    if len(line.strip()) > len(number.text) + LINE_EXTRA:
        return False
    head = number.span[0] - doc.span[0] < HEAD_CHARS
    return head or any(z.kind in OWN_NUMBER_ZONES and z.span[0] <= number.span[0] < z.span[1] for z in doc.zones)


def docnum_format(ctx: Context) -> Iterator[Finding]:
    """The document's own 文号 against GB/T 9704; 文号 cited from other bodies are written as their issuers
    wrote them, so their form is only noted (info), once for all of them."""
    cited: list[tuple[DocNumberMention, str]] = []
    for number in ctx.doc.doc_numbers:
        problems = _doc_number_problems(number)
        if not problems:
            continue
        advice = f"{'；'.join(problems)}，应为“代字〔年份〕序号号”，如“某发〔2021〕9号”"
        if is_own_number(ctx, number):
            found = ctx.finding_at("docnum-format", number.span, f"发文字号“{number.text}”不规范：{advice}")
            yield replace(found, fix=_doc_number_fix(ctx.text, number))
        else:
            cited.append((number, advice))
    if cited:
        number, advice = cited[0]
        more = f"等{len(cited)}处" if len(cited) > 1 else ""
        finding = ctx.finding_at(
            "docnum-format",
            number.span,
            f"所引文号“{number.text}”{more}写法与公文格式不一致（{advice}）；如系照录原件，可不修改",
        )
        yield replace(finding, severity="info", fix=_doc_number_fix(ctx.text, number))  # the first one only


_OPEN = re.compile(r"\s*[〔\[［【(（]")


def _doc_number_fix(text: str, number: DocNumberMention) -> Fix | None:
    """``青发[2024]第09号`` → ``青发〔2024〕9号``; none when the year is not written in full (which year is unsure)."""
    if len(number.year) != 4 or text[number.span[0] : number.span[1]] != number.text:
        return None
    opening = _OPEN.search(number.text)
    if opening is None:
        return None
    seq = number.seq.lstrip("0") or "0"
    return narrowed_fix(text, number.span, f"{number.text[: opening.start()]}〔{number.year}〕{seq}号")


# ------------------------------------------------------------------ deadline-passed

_BY = re.compile(r"\s*(?:以前|之前|前|为止|止)")  # 2024年3月1日前 / …为止: the date is a deadline
_CLOSING = re.compile(r"截止(?:时间|日期)?(?:为|是|：|:)?\s*$")  # 截止时间：2024年3月1日 (截至 is "as of")
_ASKED = re.compile(r"报送|上报|提交|报名|申报|反馈|完成|报至|发送|寄送|交回|交至|确定|推荐")
_DONE = re.compile(r"已|了|过")  # 已于…前完成 tells what happened, asks nothing
DONE_ZONES = frozenset({"signature", "furniture", "attachment"})


def deadline_passed(ctx: Context) -> Iterator[Finding]:
    """A deadline the document sets (…前报送, 截止时间：…) that falls before its own 成文日期: the units it
    addresses cannot meet it. Only dates written with their year, outside the 落款 and attachments."""
    issued = _iso(ctx.doc.date)
    if issued is None:
        return
    for mention in ctx.doc.dates:
        due = _iso(mention.end or mention.start)
        if due is None or due >= issued or mention.year_inferred or not mention.valid or mention.kind == "year":
            continue
        if any(z.kind in DONE_ZONES and z.span[0] <= mention.span[0] < z.span[1] for z in ctx.doc.zones):
            continue
        clause = ctx.sentence_at(mention.span)
        before, after = ctx.text[clause[0] : mention.span[0]], ctx.text[mention.span[1] : clause[1]]
        by = mention.start is None and mention.end is not None  # extract read it as "by": 2024年3月1日前
        if not (by or _BY.match(after) or _CLOSING.search(before)) or not _ASKED.search(before + after):
            continue
        if _DONE.search(before + after):
            continue
        yield ctx.finding_at(
            "deadline-passed",
            mention.span,
            f"“{ctx.quote(clause, 40)}”规定的期限{due.isoformat()}早于本文件的成文日期{issued.isoformat()}，"
            "收文单位无法按期办理，请核对期限或成文日期",
            evidence=ctx.quote(clause),
        )
        return  # one passed deadline says the dates need checking; the rest follow
