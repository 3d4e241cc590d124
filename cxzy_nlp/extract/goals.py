"""Goals: the items of goals sections, counted goal lists (具体实现四个目标：…) and goal statements elsewhere."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from ..chinese.markers import LEADING_MARKER
from ..chinese.numerals import to_int
from ..chinese.sentences import ASCII_STOPS, CLAUSE_STOPS, stop_class
from ..model import Goal, Section, Span, Target
from ..patternscan import search as gated_search
from .dates import find_dates
from .items import Item, section_item, sentences, skip_marker
from .patterns import patterns
from .zones import Zone, zone_items

_INTRO_END = ("：", ":")
_ITEM_SPLIT = stop_class(CLAUSE_STOPS + ";\n")
_SENTENCE_ENDS = CLAUSE_STOPS + ASCII_STOPS + "\n"
_COUNTED_RE = re.compile(r"(?P<n>[一二三四五六七八九十两\d]{1,2})个(?:方面的)?(?:工作)?目标[：:]")
_SHORT_LINE = 15
_LABEL_LINE = re.compile(
    r"^[^，。：:]{2,8}[：:]|^\s*(?:[一二三四五六七八九十]+、|[（(][一二三四五六七八九十\d]+[）)]|\d+[、.．])"
)


_FIGURE = re.compile(r"(?P<q>\d+(?:\.\d+)?)\s*(?P<u>.*)")


def parse_targets(indicators: tuple[str, ...]) -> tuple[Target, ...]:
    """The figure and unit of each indicator written in digits (12场 → 12, 场; 90% → 90, %)."""
    out = []
    for words in indicators:
        m = _FIGURE.search(words)
        if m:
            out.append(Target(quantity=float(m.group("q")), unit=m.group("u").strip(), text=words))
    return tuple(out)


def make_goal(text: str, span: Span, section: str | None, year: int | None) -> Goal:
    """A goal with its indicators (numeric targets as written), measurability and deadline."""
    words = text[span[0] : span[1]]
    indicators = tuple(m.group(0) for m in patterns().indicator.finditer(words))
    dated = [d for d in find_dates(text, span, year) if d.end]
    deadline = dated[-1].end if dated else None
    return Goal(
        text=words,
        span=span,
        section=section,
        measurable=bool(indicators or dated or patterns().measure_words.search(LEADING_MARKER.sub("", words))),
        indicators=indicators,
        deadline=deadline,
        targets=parse_targets(indicators),
    )


def _zone_goal_items(zone: Zone, text: str) -> list[Item] | None:
    """The items of a goal part, and the sentences of the paragraph before them (主要目标：到2025年，…。 then a
    具体目标 list): a part that opens with its overall target and then lists the particular ones states both.
    A part that is background as well (活动背景和目的) opens with the background, not with a goal; nor is a
    sentence saying what something is (创先争优活动是一项…的活动) a goal. A part headed by the goal itself (1.强化
    团队合作意识, a child of 背景和目的) is one goal, heading and all. A part of prose that also holds the
    guiding ideas (总体要求 as one paragraph) gives ``None``: a reader marks the aims and targets its sentences
    state (read by their cues), not each of its sentences."""
    section = zone.section
    if section is not None and not section.children and _states_goal(section.heading):
        return [section_item(text, section.number, section.heading, section.id, section.span, section.heading_span[0])]
    items = zone_items(zone, text)
    if not items and _umbrella_prose(zone):
        return None
    if not items:
        found = _goal_sentences(text, zone.span, zone.section_id)
        return [s for s in found if not _DEFINES.match(text, s.span[0], s.span[1])]
    if section is not None and "background" in section.labels:
        return items
    first = section.children[0].span[0] if section is not None and section.children else items[0].span[0]
    lead_end = max(zone.span[0], text.rfind("\n", zone.span[0], first))
    lead = _goal_sentences(text, (zone.span[0], lead_end), zone.section_id)
    return [*(s for s in lead if not _DEFINES.match(text, s.span[0], s.span[1])), *items]


# a heading naming the part where a plan states its aims: 活动目的, 项目目标, 实践目的与意义, 预期效果, 比赛宗旨,
# 目标任务 — the goal word closes the name (目标市场, 目标客户, 在目标计算机上的测试 name other things)
_GOAL_PART = re.compile(
    r"^[\u4e00-\u9fff]{0,8}?(?:目标|目的|宗旨|预期(?:效果|成果|目标)?)(?:任务)?"
    r"(?:(?:与|和|及|、)[\u4e00-\u9fff]{1,6})?$"
)
# …but not one naming an act on goals (明确目标, 制定目标), the purpose of the paper itself (编写目的, 文档目的) or the
# management of targets (目标管理, 目标考核, 目标责任)
_NOT_GOAL_PART = re.compile(r"^(?:明确|制定|确定|确立|设定|分解|编写|文档|本文档|实现|达到|围绕)|管理|考核|责任")
_BRACKETED = re.compile(r"[（(][^）)]*[）)]?")


def names_goal_part(heading: str) -> bool:
    """Whether a heading names a goal part by its words (实践目的与意义, 项目预期成果（论文、软件等）), whatever label
    the labeller gave it."""
    words = re.sub(r"[\s\u3000：:。]+", "", _BRACKETED.sub("", heading))
    return bool(_GOAL_PART.match(words)) and not _NOT_GOAL_PART.search(words)


_UMBRELLA = {"guiding_ideology", "principles"}


def _umbrella_prose(zone: Zone) -> bool:
    """Whether a goal part with no list is an umbrella part (总体要求 labelled goals and guiding ideas too): its goals
    are the sentences that state aims or targets (README: the umbrella takes goals when it sets targets), not all
    of its sentences."""
    section = zone.section
    umbrella = section is not None and "goals" in section.labels and bool(_UMBRELLA & set(section.labels))
    return umbrella and section is not None and not names_goal_part(section.heading)  # 总体目标 is a goal part


# a sentence saying what something is: 创先争优活动是一项…的活动, 本次活动的背景是…
_DEFINES = re.compile(r"[^，。；：:\n]{2,24}?(?:是(?:一项|一个|一种|一次|一场|指)|的背景是|背景[：:])")
# words of a heading that names a goal part (总体目标, 活动目的, 预期效果) rather than stating a goal
_GOAL_PART_WORDS = re.compile(r"目标|目的|宗旨|意义|指标|成果|效果|效益|愿景|任务|要求|标准|期限|定位")
_GOAL_HEADING_MIN = 6  # characters: a shorter heading is a name, not a goal stated


def _states_goal(heading: str) -> bool:
    """Whether a heading is itself a goal (激发员工的工作积极性和创新力), not the name of a goal part."""
    words = heading.strip()
    return len(words) >= _GOAL_HEADING_MIN and not _GOAL_PART_WORDS.search(words)


def _goal_sentences(text: str, span: Span, section: str | None) -> list[Item]:
    """Sentences of a goal part; a lead ending in a colon (具体目标如下：) announces goals, it is none."""
    return [s for s in sentences(text, span, section) if not text[s.span[0] : s.span[1]].endswith(_INTRO_END)]


def _lines_after(text: str, pos: int, hi: int) -> list[Span]:
    out = []
    while pos < hi:
        nl = text.find("\n", pos, hi)
        end = hi if nl < 0 else nl
        if end > pos:
            out.append((pos, end))
        pos = end + 1
    return out


def counted_goals(text: str, span: Span) -> list[Span]:
    """``具体实现四个目标：`` followed by N short lines: each goal runs from its line to the next."""
    out: list[Span] = []
    for m in _COUNTED_RE.finditer(text, span[0], span[1]):
        n = to_int(m.group("n")) or 0
        lines = _lines_after(text, m.end(), span[1])
        heads = [i for i, (a, b) in enumerate(lines) if b - a <= _SHORT_LINE and not _LABEL_LINE.match(text[a:b])]
        if len(heads) < n or n < 2:
            continue
        heads = heads[:n]
        for k, i in enumerate(heads):
            last = heads[k + 1] - 1 if k + 1 < n else _last_line_of_goal(text, lines, i)
            out.append((lines[i][0], lines[last][1]))
    return out


def _last_line_of_goal(text: str, lines: list[Span], i: int) -> int:
    j = i
    while j + 1 < len(lines) and not _LABEL_LINE.match(text[lines[j + 1][0] : lines[j + 1][1]]):
        j += 1
        if lines[j][1] - lines[j][0] <= _SHORT_LINE:
            return j - 1
    return j


# a line that only names the goals (目标：, 活动目的, 预期目标：) with the goals on the lines below it
# (编写目的 of a software document says what the document is for)
_LABEL_GOALS = re.compile(
    r"(?m)^[ \t]*(?:(?!编写|文档)[\u4e00-\u9fff]{0,4}(?:目标|目的)|[\u4e00-\u9fff]{0,4}预期(?:效果|成果|目标))[ \t]*[：:]?[ \t]*$"
)
# a line opening with a list number (1、 （2） ③ •): an item of the list under a label line
_LIST_LINE = re.compile(
    r"[ \t]*(?:[（(][一二三四五六七八九十\d]{1,2}[）)]|[一二三四五六七八九十]{1,2}、|\d{1,2}[、.．](?!\d)|[①-⑳]|[•·●⚫▪■◆])"
)
_LIST_MAX = 12  # items read under one label line


def label_line_goals(text: str, span: Span, taken: Sequence[Span]) -> list[Span]:
    """The sentences of the paragraph under a line that only names the goals (目标：, then 帮助新生了解自我，…。):
    a label line the segmenter did not take for a heading still heads goals."""
    out: list[Span] = []
    for m in _LABEL_GOALS.finditer(text, span[0], span[1]):
        if any(a <= m.start() < b for a, b in taken):
            continue
        pos = m.end()
        while pos < span[1] and text[pos] in "\n \t\u3000":
            pos += 1
        end = text.find("\n", pos, span[1])
        end = span[1] if end < 0 else end
        if _LABEL_GOALS.match(text, pos, end) or end - pos < _MIN_AIM:
            continue
        for lo, hi in [(pos, end), *_list_after(text, pos, end, span[1])]:
            lo = skip_marker(text, lo, hi)
            out.extend(s.span for s in sentences(text, (lo, hi)) if s.span[1] - s.span[0] >= _MIN_AIM)
    return out


def _list_after(text: str, first: int, end: int, hi: int) -> list[Span]:
    """The further items of a list whose first item is the line ``first:end`` (软件目标：⏎1、…⏎2、…⏎3、…)."""
    out: list[Span] = []
    if not _LIST_LINE.match(text, first, end):
        return out
    pos = end + 1
    while pos < hi and len(out) < _LIST_MAX:
        nl = text.find("\n", pos, hi)
        stop = hi if nl < 0 else nl
        if not _LIST_LINE.match(text, pos, stop) or _LABEL_GOALS.match(text, pos, stop):
            break
        out.append((pos, stop))
        pos = stop + 1
    return out


_FORM_ROW = re.compile(
    r"(?m)^[ \t]*(?P<label>[\u4e00-\u9fff](?:[ \u3000]?[\u4e00-\u9fff]){1,20})[ \t]*[：:]?\t+(?P<c>[^\t\n][^\n]*)"
)


def result_fields(text: str, span: Span, taken: Sequence[Span]) -> list[Span]:
    """The cell beside a form row's label naming what the work yields or reaches (实践预期成果⇥理论成果主要包括…,
    提 供 成 果 及 成 果 形 式⇥…, 考核指标⇥…): the reader of a 申报书 or 任务书 finds its goals there."""
    found = patterns().result_field
    out: list[Span] = []
    for m in _FORM_ROW.finditer(text, span[0], span[1]):
        if not found.fullmatch(re.sub(r"[ \u3000]", "", m.group("label"))):
            continue
        a, b = m.span("c")
        while b > a and text[b - 1] in " \t\u3000":
            b -= 1
        if b - a >= _MIN_AIM and not any(x < b and a < y for x, y in taken):
            out.append((a, b))
    return out


# a table header cell naming the value each row must reach: 目标值, 指标值, 2025年目标, 预期目标, 年度目标任务
_TARGET_COLUMN = re.compile(
    r"(?:\d{4}年)?(?:年度|预期|计划|绩效|考核|总体|阶段|期末)?(?:目标值?|指标值|预期值|目标任务|目标数)(?:[（(][^）)]{0,10}[）)])?"
)
_HEADER_MAX = 12  # characters of a header cell
_ROWS_MAX = 40  # rows read under one header


def indicator_rows(text: str, span: Span, taken: Sequence[Span]) -> list[Span]:
    """The rows of a table with a 目标值 column (指标名称⇥目标值, then 服务人数⇥不少于500人): each row whose target cell
    is filled is a target the plan sets, wherever the table stands and whatever its part is labelled."""
    out: list[Span] = []
    col: int | None = None
    rows = 0
    pos = span[0]
    for line in text[span[0] : span[1]].split("\n"):
        row = (pos, pos + len(line))
        pos = row[1] + 1
        cells = [re.sub(r"[\s\u3000]+", "", c) for c in line.split("\t")]
        if len(cells) < 2:
            col = None  # a line without cells ends the table
            continue
        header = [i for i, c in enumerate(cells) if len(c) <= _HEADER_MAX and _TARGET_COLUMN.fullmatch(c)]
        if header and sum(1 for c in cells if c) >= 2:
            col, rows = header[0], 0
            continue
        if col is None or rows >= _ROWS_MAX:
            continue
        rows += 1
        if col < len(cells) and len(cells[col]) >= 1 and any(len(c) >= 2 for c in cells):
            a, b = row
            while a < b and text[a] in " \t\u3000":
                a += 1
            while b > a and text[b - 1] in " \t\u3000":
                b -= 1
            if b - a >= _MIN_AIM and not any(x < b and a < y for x, y in taken):
                out.append((a, b))
    return out


def part_leads(text: str, sections: Sequence[Section]) -> list[Span]:
    """The opening paragraph of each top part, before its first item or child (一、任务内容⏎面向…，发掘培育一批…)."""
    out = []
    for section in sections:
        lo, hi = section.body_span
        if section.children:
            hi = min(hi, section.children[0].span[0])
        while lo < hi and text[lo] in " \t\u3000\n":
            lo += 1
        end = text.find("\n", lo, hi)
        end = hi if end < 0 else end
        if end > lo and not _LIST_LINE.match(text, lo, end):
            out.append((lo, end))
    return out


def aim_statements(text: str, span: Span, taken: Sequence[Span], aim: re.Pattern[str] | None = None) -> list[Span]:
    """Sentences stating an aim wherever they stand (本项目拟构建…, 未来要进一步…, 确保…落实到位), or those of
    ``aim`` (发掘培育一批…, read in the leads of top parts); an aim whose clause looks back (已培育一批, 累计建成一批)
    reports, it aims at nothing (过去两年…，未来要… aims)."""
    p = patterns()
    cue = aim or p.aim_statement
    out: list[Span] = []
    pos = span[0]
    while (m := gated_search(cue, text, pos, span[1])) is not None:
        a, b = _sentence_around(text, m.start(), span)
        pos = max(b, m.end())
        clause = max(a, *(text.rfind(c, a, m.start()) + 1 for c in "，,：:"))
        if b - a < _MIN_AIM or (out and out[-1] == (a, b)) or p.aim_looking_back.search(text, clause, b):
            continue
        if not any(x < b and a < y for x, y in taken):
            out.append((a, b))
    return out


# words of a sentence aiming ahead: in a part that looks back (工作回顾, 背景) only such a sentence sets a goal
_AHEAD = re.compile(r"旨在|争取|力争|力求|目标|目的|到\d{4}年|确保|将|要|计划|拟")


def goal_statements(text: str, span: Span, taken: list[Span], back: Sequence[Span] = ()) -> list[Span]:
    """Sentences that state a target outside goals sections (目标是…, 力争…, 到2025年…达到…); after a
    lead ending in a colon (明确了工作目标：…) the sentences that follow on the same line too. In a part that
    looks back (``back``: 工作回顾, 成效), a figure reached (总产量突破1万亿斤) reports: only a sentence aiming
    ahead sets a goal there."""
    cue = patterns().goal_cue
    out: list[Span] = []
    pos = span[0]
    while (m := gated_search(cue, text, pos, span[1])) is not None:
        a, b = _sentence_around(text, m.start(), span)
        pos = max(b, m.start() + 1)
        if any(x <= a < y for x, y in back) and not _AHEAD.search(text, a, b):
            continue
        found = [(a, b)]
        if m.group(0).endswith(_INTRO_END) or text.startswith(_INTRO_END, m.end()):  # 目标是：A；B；C
            found += _sentences_after(text, b, span)
        elif _YEAR_LEAD.match(
            text, a
        ):  # 到2025年，建成…。突破…，形成…。: the year's targets run to the paragraph's end
            found += _sentences_after(text, b, span, _YEAR_LEAD)
        elif text[b - 1] in _CHAIN:  # 力争…；A；B。: the clauses the lead governs, to the sentence's full stop
            found += _chained(text, b, span)
        pos = max(pos, found[-1][1])
        for x, y in found:
            if (x, y) in out or any(x < q and p < y for p, q in taken):
                continue
            out.append((x, y))
    return out


# a sentence naming its own clauses as the aim (…，还要多读书，我会向着这一目标努力): the aim is told before
_POINTED_AIM = re.compile(
    r"[，,][^。，,；;\n]{0,8}(?:朝着|向着|为)(?:这一|这个|此|该)目标(?:而)?(?:迈进|前进|努力|奋斗|进发)"
)


def pointed_aims(text: str, span: Span, taken: Sequence[Span]) -> list[Span]:
    """Sentences whose last clause points back at the aim its first clauses state (…，向着这一目标努力)."""
    out: list[Span] = []
    for m in _POINTED_AIM.finditer(text, span[0], span[1]):
        a, b = _sentence_around(text, m.start(), span)
        if m.start() - a >= _MIN_AIM and not any(x < b and a < y for x, y in [*taken, *out]):
            out.append((a, b))
    return out


_YEAR_LEAD = re.compile(r"到\d{4}年(?:底|末)?[，,]")  # a sentence opening with the year its targets are for
_CHAIN = "；;"


def _chained(text: str, pos: int, span: Span) -> list[Span]:
    """The sentences after one ending in a semicolon, up to the first that does not (A；B；C。), on its line."""
    out: list[Span] = []
    limit = min(span[1], pos + _LEAD_REACH)
    while pos < limit and not text[pos].isspace():
        a, b = _sentence_around(text, pos, span)
        if b <= pos:
            break
        out.append((a, b))
        if text[b - 1] not in _CHAIN:
            break
        pos = b
    return out


_LEAD_REACH = 250  # characters after a 目标： lead still read as its targets


def target_sentences(text: str, span: Span, taken: Sequence[Span]) -> list[Span]:
    """Sentences that set a figure to reach in the plan's own time (今年要再压减钢铁产能5000万吨左右；到年底培训
    200人次；要新增就业岗位300个以上): measurable targets stated among the tasks. A sentence that looks back
    (去年, 已, 累计, 截至) reports what was done, not what is aimed at."""
    p = patterns()
    out: list[Span] = []
    pos = span[0]
    while (m := gated_search(p.target_figure, text, pos, span[1])) is not None:
        a, b = _sentence_around(text, m.start(), span)
        pos = max(b, m.end())
        if b - a < _MIN_AIM or p.looking_back.search(text, a, b) or (out and out[-1] == (a, b)):
            continue
        if any(x < b and a < y for x, y in taken):
            continue
        out.append((a, b))
    return out


_CLAUSE_OPEN = "，,；;。：:！？\n"


def task_figures(text: str, spans: Sequence[Span], taken: Sequence[Span]) -> list[Span]:
    """Clauses of a task part that open with a verb of reaching and set a figure (完成铁路投资8000亿元, 新增高效
    节水灌溉面积2000万亩), move a figure (报销比例由50%提高到60%) or set a floor (在800家以上企业推行…): in the
    work a plan or a report sets for its own time, such a clause is a target even with no 要/今年 before it. A
    sentence that looks back (去年, 已, 累计) reports."""
    p = patterns()
    out: list[Span] = []
    for lo, hi in spans:
        for m in p.task_figure.finditer(text, lo, hi):
            verb = m.start("v") if m.group("mv") is None else m.start()
            if m.group("mv") is None and verb > lo and text[verb - 1] not in _CLAUSE_OPEN + " \t\u3000":
                continue  # the verb opens no clause (…的培训200人次 is a noun phrase)
            if "了" in text[verb : m.end()]:
                continue  # 组织了10个单位参与: done, not set
            nl = text.find("\n", verb, m.end())
            if nl >= 0 and not _wrapped(text, nl, (lo, hi)):
                continue  # a figure on the next paragraph belongs to it
            a, b = _sentence_around(text, verb, (lo, hi))
            if b - a < _MIN_AIM or p.looking_back.search(text, a, b) or (out and out[-1] == (a, b)):
                continue
            if not any(x < b and a < y for x, y in [*taken, *out]):
                out.append((a, b))
    return out


def _sentences_after(text: str, pos: int, span: Span, stop: re.Pattern[str] | None = None) -> list[Span]:
    """The sentences after ``pos`` on its paragraph (up to one that ``stop`` opens: the next year's targets)."""
    out = []
    limit = min(span[1], pos + _LEAD_REACH)
    while pos < limit and not text[pos].isspace():  # a blank after a sentence ends the paragraph
        a, b = _sentence_around(text, pos, span)
        if b <= pos or (stop is not None and stop.match(text, a)):
            break
        out.append((a, b))
        pos = b
    return out


_WRAP_LINE = 24  # characters: a line this long cut off mid-sentence is a wrapped line of a PDF
_WRAPS = 2  # wrapped lines a sentence is followed over


def _wrapped(text: str, nl: int, span: Span) -> bool:
    """Whether the line ending at ``nl`` runs on into the next (a PDF's wrapped line: long, cut off with no stop
    or colon, no table cell, and the next line opens no item)."""
    start = text.rfind("\n", span[0], nl) + 1
    if nl - start < _WRAP_LINE or text[nl - 1] in _SENTENCE_ENDS + "：:、 " or "\t" in text[start:nl]:
        return False
    after = text[nl + 1 : nl + 2]
    return bool(after) and nl + 1 < span[1] and not after.isspace() and not _LIST_LINE.match(text, nl + 1, span[1])


_WRAP_SLACK = 4  # characters a wrapped line may fall short of the line below it (a PDF's lines fill the width)


def _wrapped_above(text: str, nl: int, span: Span) -> bool:
    """Whether the line ending at ``nl`` is a wrapped line running on into the next: as :func:`_wrapped`, and no
    shorter than the line below (a title above a Word paragraph is shorter than it; a PDF's wrapped lines fill the
    page width, the paragraph's last line is the short one)."""
    if not _wrapped(text, nl, span):
        return False
    start = text.rfind("\n", span[0], nl) + 1
    below = text.find("\n", nl + 1, span[1])
    below = span[1] if below < 0 else below
    return nl - start + _WRAP_SLACK >= below - nl - 1


_LINE_END = re.compile("\n")
_JOIN = "\u200b"  # stands for a wrapped line's end: no line end, no stop, no blank to the patterns


def unwrapped(text: str, span: Span) -> str:
    """``text`` with the ends of a PDF's wrapped lines inside ``span`` (see :func:`_wrapped_above`) joined: the
    same length, so spans agree, and a cue cut by a line end (全年减轻…负⏎担近2万亿元) is read whole."""
    ends = [m.start() for m in _LINE_END.finditer(text, span[0], span[1]) if _wrapped_above(text, m.start(), span)]
    if not ends:
        return text
    chars = list(text)
    for nl in ends:
        chars[nl] = _JOIN
    return "".join(chars)


def _sentence_around(text: str, pos: int, span: Span) -> Span:
    """The sentence holding ``pos`` (between 。！？；/line ends, followed over a PDF's wrapped lines both ways:
    a sentence that opens on the line above still opens there; in a form's cell, after its label), blanks
    trimmed."""
    a = pos
    for _ in range(_WRAPS + 1):
        while a > span[0] and text[a - 1] not in _SENTENCE_ENDS + "\t":  # a form's cell starts after its label
            a -= 1
        if not (a - 1 > span[0] and text[a - 1] == "\n" and _wrapped_above(text, a - 1, span)):
            break
        a -= 1  # the line above runs on into this one: the sentence opens there
    b = pos
    for _ in range(_WRAPS + 1):
        while b < span[1] and text[b] not in _SENTENCE_ENDS:
            b += 1
        if not (b < span[1] and text[b] == "\n" and _wrapped(text, b, span)):
            break
        b += 1
    if b < span[1] and text[b] != "\n":
        b += 1
    while a < b and text[a] in " \t":
        a += 1
    return (skip_marker(text, a, b), b)


def section_goals(text: str, goal_sections: list[Section], every: tuple[Section, ...], year: int | None) -> list[Goal]:
    """Each sentence or list item of goals sections, the last resort when nothing else gave goals;
    ``every`` section of the document tells the innermost one holding each goal."""
    out = []
    for section in goal_sections:
        lo, hi = section.body_span
        piece = text[lo:hi] + "\n"
        pos = 0
        for stop in _ITEM_SPLIT.finditer(piece):
            raw = piece[pos : stop.start()]
            item = raw.strip()
            if item:
                a = lo + pos + len(raw) - len(raw.lstrip())
                inner = [s for s in every if s.span[0] <= a < s.span[1]]
                sid = min(inner, key=lambda s: s.span[1] - s.span[0]).id if inner else section.id
                out.append(make_goal(text, (a, a + len(item)), sid, year))
            pos = stop.end()
    return out


def _inside(span: Span, taken: list[Span]) -> bool:
    return any(a <= span[0] and span[1] <= b for a, b in taken)


def aim_spans(text: str, aim_zones: list[Zone], opening: Span | None) -> list[Span]:
    """Aims stated where plans put them besides goal sections: the clauses of a 指导思想, 总体要求 or
    目的意义 part opening with an aim word (推动…迈上新台阶, 着力构建…), and the purpose clause of the
    opening or of such a part (为进一步加强…，提升…，根据… → 进一步加强…，提升…)."""
    p = patterns()
    out: list[Span] = []
    for zone in aim_zones:
        out.extend(m.span("a") for m in p.aim_clause.finditer(text, zone.span[0], zone.span[1]))
        out.extend(m.span("p") for m in p.purpose.finditer(text, zone.span[0], zone.span[1]))
    for lo, hi in [z.span for z in aim_zones] + ([opening] if opening is not None else []):
        out.extend(m.span("p") for m in p.purpose_after_basis.finditer(text, lo, hi))
    if opening is not None:
        out.extend(m.span("p") for m in p.purpose.finditer(text, opening[0], opening[1]))
        out.extend(x for x in opening_purposes(text, opening) if not any(a < x[1] and x[0] < b for a, b in out))
    return sorted(set(out))


# a sentence of the opening led by its purpose: 为切实做好…工作，保护…安全，各乡镇要… / 为了…，我们…
_PURPOSE_LEAD = re.compile(
    r"(?:^|(?<=[\n。；;：:]))[ \t\u3000]*为(?!期|止|主|准|由|此|例|宜|人|何|什么|便于|方便)(?:了|进一步|切实|更好地?|全面|深入|加快|有效)?(?=[\u4e00-\u9fff“])",
    re.M,
)
# a clause that opens the main clause after the purpose: its subject (各乡镇, 本次活动, 我们, 学校) or what is done
_MAIN_CLAUSE = re.compile(
    r"各[\u4e00-\u9fff]{1,10}?(?:要|应|须|务必|必须|[，,])|本(?:次|届|项|单位|中心|公司|校|院)|我(?:们|[校院局市县区部委厅司处])|全[校院市县区省]"
    r"|现|特|经|兹|根据|按照|依据|结合|决定|拟|定于|学校|公司|学院|[\u4e00-\u9fff]{1,12}?(?:要|将|决定|拟|定于)"
    r"|[\u4e00-\u9fff（）()]{0,20}?(?:联合|共同|研究)?(?:提出|印发|推出|召开)"
    r"|[\u4e00-\u9fff（）()]{0,20}?(?:联合|共同|研究)?(?:制定|举办|组织开展|开展|组织)"
    r"(?:如下|以下|本|此|了|[\u4e00-\u9fff]{0,12}?(?:活动|意见|方案|办法|通知|会议|工作|培训|比赛|大赛|评选))"
)
_PURPOSE_MAX = 120  # characters of purpose clauses


def opening_purposes(text: str, span: Span) -> list[Span]:
    """The purpose clauses of an opening sentence led by 为…, up to the clause where the main clause opens (its
    subject or what is done: 各乡镇要…, 本次活动…, 我们…, 学校决定…): the aim the document states for itself."""
    out: list[Span] = []
    for m in _PURPOSE_LEAD.finditer(text, span[0], span[1]):
        stop = next((i for i in range(m.end(), span[1]) if text[i] in "。；;！!？?\n"), span[1])
        pos, last = m.end(), None
        while pos < stop:
            comma = next((i for i in range(pos, stop) if text[i] in "，,"), None)
            if comma is None:
                last = stop  # the sentence is all purpose (为了…，提高…。)
                break
            last = comma
            nxt = comma + 1
            while nxt < stop and text[nxt] in " \t\u3000":
                nxt += 1
            if _MAIN_CLAUSE.match(text, nxt, stop):
                break
            pos = nxt
        else:
            last = None
        if last is not None and _MIN_AIM <= last - m.end() <= _PURPOSE_MAX:
            out.append((m.end(), last))
    return out


def purpose_sentences(text: str, spans: Sequence[Span]) -> list[Span]:
    """Sentences of an opening or of a 背景/目的意义 part that say what the plan is for (本次活动旨在…,
    通过此次活动，使同学们…, 为了丰富校园生活…): aims a reader counts among the goals. A sentence about
    someone else's work (针对其研究旨在…, 为了对研究有帮助，问卷…) is background: it must speak of the plan."""
    p = patterns()
    out: list[Span] = []
    for lo, hi in spans:
        for m in p.purpose_cue.finditer(text, lo, hi):
            a, b = _sentence_around(text, m.start(), (lo, hi))
            if b - a < _MIN_AIM or (out and out[-1] == (a, b)):
                continue
            if p.purpose_self.search(text, a, b):
                out.append((a, b))
    return out


_MIN_AIM = 6  # characters: shorter pieces are headings or fragments
_PURPOSE_HEADING = re.compile(r"目的|意义|宗旨|初衷")  # a background part headed so states the plan's aims


def find_goals(
    text: str,
    doc_span: Span,
    goal_zones: list[Zone],
    year: int | None,
    aim_zones: Sequence[Zone] = (),
    opening: Span | None = None,
    purpose_zones: Sequence[Zone] = (),
    looking_back: Sequence[Span] = (),
    leads: Sequence[Span] = (),
    task_spans: Sequence[Span] = (),
    reported: Sequence[Span] = (),
) -> list[Goal]:
    """Goals of goal parts, counted goal lists, goal and target sentences, result cells of forms, aims of
    指导思想 parts, aims stated anywhere or in the ``leads`` of top parts, figures set in the clauses of
    ``task_spans``, and purpose sentences of the opening; ``looking_back`` spans (背景, 工作回顾) hold no figures to reach
    by a sentence's will or figure alone, and in ``reported`` ones (成效, 问题: work done) a goal statement must look
    ahead (a 背景 may cite targets set elsewhere: those stay goals)."""
    goals: list[Goal] = []
    taken: list[Span] = []
    flat = unwrapped(text, doc_span)  # the cues are read across a PDF's wrapped lines
    for zone in goal_zones:
        items = _zone_goal_items(zone, text)
        for item in items or []:
            goals.append(make_goal(text, item.span, item.section or zone.section_id, year))
            taken.append(item.span)
        if items is not None:
            taken.append(zone.span)
    for span in counted_goals(text, doc_span):
        if not any(x <= span[0] < y for x, y in taken):
            goals.append(make_goal(text, span, None, year))
            taken.append(span)
    for span in goal_statements(flat, doc_span, taken, reported):
        goals.append(make_goal(text, span, None, year))
        taken.append(span)
    for span in pointed_aims(flat, doc_span, taken):
        goals.append(replace(make_goal(text, span, None, year), aim=True))
        taken.append(span)
    for span in label_line_goals(text, doc_span, taken):
        if not any(a < span[1] and span[0] < b for a, b in taken):
            goals.append(make_goal(text, span, None, year))
            taken.append(span)
    for span in target_sentences(flat, doc_span, [*taken, *looking_back]):
        goals.append(make_goal(text, span, None, year))
        taken.append(span)
    for span in task_figures(text, task_spans, taken):
        goals.append(make_goal(text, span, None, year))
        taken.append(span)
    for span in result_fields(text, doc_span, taken):
        goals.append(replace(make_goal(text, span, None, year), aim=True))
        taken.append(span)
    for span in indicator_rows(text, doc_span, taken):
        goals.append(make_goal(text, span, None, year))
        taken.append(span)
    aims = aim_statements(flat, doc_span, [*taken, *looking_back])
    aims += [x for lead in leads for x in aim_statements(text, lead, [*taken, *aims], patterns().lead_aim)]
    for span in sorted(aims):
        goals.append(replace(make_goal(text, span, None, year), aim=True))
        taken.append(span)
    # 目的意义, 活动意义; a 背景和目的 part that lists its goals in parts of their own opens with background
    stated = [
        z
        for z in purpose_zones
        if _PURPOSE_HEADING.search(z.heading) and not any(z.whole[0] <= g.span[0] < z.whole[1] for g in goal_zones)
    ]
    for span in aim_spans(text, [*aim_zones, *stated], opening):
        if not any(a < span[1] and span[0] < b for a, b in taken):
            goals.append(replace(make_goal(text, span, None, year), aim=True))
    where = ([opening] if opening is not None else []) + [z.span for z in purpose_zones]
    for span in purpose_sentences(flat, where):
        if not any(g.span[0] < span[1] and span[0] < g.span[1] for g in goals) and not _inside(span, taken):
            goals.append(replace(make_goal(text, span, None, year), aim=True))
    goals = [g for g in goals if _says_something(g.text)]
    goals.sort(key=lambda g: g.span)
    return goals


# a criterion of scoring: 参与率达到90%以上，得10分 / 作品质量优秀（20分） / 每缺一项扣2分
_SCORED = re.compile(r"[得扣加减计记]\s*\d+(?:\.\d+)?\s*分(?![钟析配别类期批工担])|[（(]\s*\d+(?:\.\d+)?\s*分[）)]")
_FIGURE_CHARS = re.compile(r"[\d,，.．%％\-+]")
_CJK = re.compile(r"[\u4e00-\u9fff]")


def _says_something(words: str) -> bool:
    """Whether a goal found is a goal a reader marks: not a criterion of scoring (…，得10分), nor a row of figures
    (营业利润⏎3,178,441,736.61⏎3,377,994,257.39: a statement's numbers outnumber its words)."""
    if _SCORED.search(words):
        return False
    return len(_FIGURE_CHARS.findall(words)) <= len(_CJK.findall(words))


__all__ = [
    "aim_spans",
    "aim_statements",
    "counted_goals",
    "find_goals",
    "indicator_rows",
    "make_goal",
    "names_goal_part",
    "part_leads",
    "pointed_aims",
    "purpose_sentences",
    "result_fields",
    "section_goals",
    "target_sentences",
    "task_figures",
    "unwrapped",
]
