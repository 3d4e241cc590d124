"""Structure rules: required sections, empty sections, 文种 consistency, length."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import replace
from functools import lru_cache
from itertools import pairwise

from ..chinese.markers import MARKER_RE, Marker, marker_from_match
from ..chinese.sentences import CLAUSE_STOPS, stop_class
from ..classify import Labelling, for_doc_type, written_parts
from ..headings import taxonomy
from ..model import Finding, Section, Span
from . import knowledge
from .content import SURE_LABEL, SURE_MODEL
from .context import Context
from .words import is_word

_WHITESPACE = re.compile(r"\s+")
_PUNCT_SPACE = re.compile(r"[\s，。、；：！？“”‘’（）《》〔〕【】,.;:!?()\-—…·]+")

_SELF_REFERENCE = re.compile(r"本(方案|计划|意见|总结|报告|要点|办法|规划|安排)|提出(?:如下|以下)(?:实施)?(意见)")


def _counts_for_presence(section: Section) -> bool:
    """Top-level sections count, and deeper ones whose heading (not a numbered sentence) named the part."""
    return section.level == 1 or (
        section.label_source in ("rule", "model") and len(section.heading) <= HEADING_MAX_CHARS
    )


MIN_PARTS = 2  # a document with fewer top-level headings naming a part is not laid out in parts
PART_NAME_CONFIDENCE = 0.35  # a label surer than the tasks prior (an unnamed work area) means the heading names a part
_WRITTEN_ZONES = frozenset({"body", "form", "attachment"})  # where a part may be written (not cover or contents)


COVER_MAX_CHARS = 100  # a document without sections, shorter than this and with no sentence is a cover page
_COVER_SENTENCE = re.compile(r"[。！？；，]")


def missing_section(ctx: Context) -> Iterator[Finding]:
    """Required families found nowhere: no section labelled for them at any depth (a numbered sentence of a
    list does not count as one), no line, table cell or lead (``目标：``) naming them, no ``inline`` form."""
    if (
        not ctx.doc.sections
        and len("".join(ctx.body.split())) < COVER_MAX_CHARS
        and not _COVER_SENTENCE.search(ctx.body)
    ):
        return  # a cover page (title, unit, date; no sentence) split off from the plan that follows it
    if _problem_list(ctx):
        return  # a summary written as a list of its problems (and what to do about them) is that part alone
    present = {label for s in ctx.sections if _counts_for_presence(s) for label in s.labels}
    written: dict[str, Span] | None = None
    unparted = _unparted(ctx)
    for family in ctx.profile.required_sections:
        if present.intersection(family.labels) or (family.inline and re.search(family.inline, ctx.body)):
            continue
        if family.activities is not None and len(ctx.doc.activities) >= family.activities:
            continue  # the activities are written (a dated 流程安排), under whatever heading
        if family.lines and _mostly(ctx, family.lines):
            continue  # the text is itself the part: a third of its lines tell problems (导致…, 无法…)
        if set(family.labels) & TIMELINE_PARTS and _years_dated(ctx) >= TIMELINE_YEARS:
            continue  # a multi-year plan dates its work in its targets (到2022年…, 从2019年开始…), not in phases
        if ctx.one_day and set(family.labels) & ONE_DAY_NEEDLESS:
            continue  # a one-day event has no phases to date: its 活动内容 is its order of the day
        if written is None:
            written = _written_parts(ctx)
        if written.keys() & set(family.labels) or (unparted and _mentioned(ctx, family.labels)):
            continue
        parts = _part_names(family.labels, ctx.doc.doc_type)
        looked = (
            f"全文未分部分列出标题，正文中也未提到{parts}，请补写相应内容"
            if unparted
            else f"已查看各级标题、表格栏目和“{_part_name(family.labels[0])}：”一类的引导语，均未见{parts}，请增设相应章节"
        )
        yield ctx.finding(
            "missing-section",
            f"缺少“{family.name}”部分：{_kind_name(ctx)}应当写明这一内容；{looked}",
            span=ctx.doc.title_span,
            evidence=ctx.doc.title,
        )


PROBLEM_PARTS = frozenset({"sum_problems"})  # the parts of a text that lists its problems
REMEDY_PARTS = frozenset({"next_steps"})  # ... and the measures it sets against them


def _problem_list(ctx: Context) -> bool:
    """A text laid out as a list of problems met (八个问题, each a part: 用户培训不到位, 外部系统错误导致BUG), maybe with
    the measures set against them: every top-level part, two or more, a problem or a measure, at least half of them
    problems. It is a report of its problems; a reviewer does not ask it for the achievements or plans a
    department's summary sets out."""
    top = ctx.doc.sections
    problems = sum(1 for s in top if PROBLEM_PARTS & set(s.labels))
    return (
        len(top) >= MIN_PARTS
        and all((PROBLEM_PARTS | REMEDY_PARTS) & set(s.labels) for s in top)
        and problems * 2 >= len(top)
    )


def _unparted(ctx: Context) -> bool:
    """A text not laid out in parts: fewer than ``MIN_PARTS`` top-level headings name a part (a reflection, a
    memo of numbered points); what it holds is read from its words instead."""
    named = [
        s
        for s in ctx.doc.sections
        if s.labels and (s.label_confidence is None or s.label_confidence > PART_NAME_CONFIDENCE)  # None: given
    ]
    return len(named) < MIN_PARTS


def _mentioned(ctx: Context, labels: tuple[str, ...]) -> bool:
    """Whether the text speaks of one of the parts in the words the taxonomy gives it (问题, 今后, 成效…)."""
    words = [w for sec in taxonomy()["sections"] if sec["id"] in labels for w in sec.get("keywords", [])]
    return any(w in ctx.body for w in words)


def _written_parts(ctx: Context) -> dict[str, Span]:
    """Parts the document writes without a section of their own (a line, a table cell, a lead such as 目标：)."""
    zones = [z.span for z in ctx.doc.zones if z.kind in _WRITTEN_ZONES] or [ctx.doc.span]
    skip = {s.heading_span[0] for s in ctx.sections}
    if ctx.doc.title_span is not None:
        skip.add(ctx.doc.title_span[0])
    return written_parts(ctx.text, tuple(zones), ctx.doc.doc_type, frozenset(skip))


def _part_names(labels: tuple[str, ...], doc_type: str | None) -> str:
    """The parts a family stands for, in a reviewer's words and as this kind calls them (“工作目标”、“活动主题”)."""
    said = for_doc_type(Labelling(labels, 1.0, "rule"), doc_type).labels
    return "、".join(f"“{_part_name(label)}”" for label in said)


def _part_name(label: str) -> str:
    return _section_names().get(label, label)


@lru_cache(maxsize=1)
def _section_names() -> dict[str, str]:
    return {sec["id"]: sec["zh"] for sec in taxonomy()["sections"]}


def _kind_name(ctx: Context) -> str:
    """The document's kind in words a reviewer uses (never a profile's internal name)."""
    return ctx.profile.zh if ctx.profile.title_words else "这类文件"


def _own_text(ctx: Context, section: Section) -> str:
    """The section's body before its first child."""
    end = section.children[0].span[0] if section.children else section.span[1]
    return ctx.text[section.heading_span[1] : end]


def _substance(text: str) -> str:
    return _PUNCT_SPACE.sub("", text)


_SENTENCE_MARK = stop_class(CLAUSE_STOPS + ";")
HEADING_MAX_CHARS = 30
_QUESTION = re.compile(r"[？?]$|吗$|呢$|什么|哪些|怎样|如何")


def looks_like_heading(ctx: Context, section: Section) -> bool:
    """A real heading, not a numbered sentence of a list (long, or closed by 。 with nothing under it)."""
    if len(section.heading) > HEADING_MAX_CHARS:
        return False
    heading = ctx.text[section.heading_span[0] : section.heading_span[1]].rstrip()
    if _QUESTION.search(heading):
        return False  # a numbered question of a questionnaire
    has_body = bool(_substance(ctx.text[section.heading_span[1] : section.span[1]]))
    return has_body or not _SENTENCE_MARK.search(heading[-1:])


def _leaves_with_inherited_labels(
    sections: tuple[Section, ...], inherited: frozenset[str] = frozenset()
) -> Iterator[tuple[Section, frozenset[str], tuple[Section, ...]]]:
    """Sections without children, with the labels of their ancestors and their siblings."""
    for section in sections:
        labels = inherited | frozenset(section.labels)
        if section.children:
            yield from _leaves_with_inherited_labels(section.children, labels)
        else:
            yield section, labels, sections


def _has_body(ctx: Context, section: Section) -> bool:
    return bool(section.children) or bool(_substance(ctx.text[section.heading_span[1] : section.span[1]]))


_ITEM_SENTENCE = re.compile(r"[，,；;。=＝]")  # a numbered sentence or formula of a list, not a heading
_LIST_FAMILIES = ("circled", "half_paren", "paren_arabic", "latin", "arabic_space", "form_part")
_FIGURE_TITLE = re.compile(
    r"(?:图|表|图表|清单|名单|照片|截图|队徽|徽标|会徽|标志|海报|[Ll][Oo][Gg][Oo]|组织结构|组织架构|项目组织)"
    r"(?:[（(][^）)]{0,12}[）)])?$"
)  # a figure or table's title, or a part that is a picture (队徽, 海报, the 项目组织 chart): the text cannot hold it
_NONE_ANSWER = re.compile(r"^(?:暂?无|没有|暂缺|不涉及|不适用|无此项|略)$")


def _is_parent_of_next(ctx: Context, section: Section) -> bool:
    """A parent heading followed directly by its first child, read as a sibling: 2.2 then 2.2.1, or a list
    that starts again at one right under it (七、参赛队伍信息 then 一、大学生组)."""
    here = _marker(ctx, section)
    after = [s for s in ctx.sections if s.span[0] >= section.span[1]]
    if here is None or not after:
        return False
    nxt = min(after, key=lambda s: s.span[0])
    first = _marker(ctx, nxt)
    if first is not None and first.value == 1 and not ctx.text[section.heading_span[1] : nxt.heading_span[0]].strip():
        return True
    if not here.family.startswith(("decimal", "arabic")):
        return False
    base = here.number.rstrip(".．、")
    return ctx.text.startswith(base + ".", nxt.heading_span[0]) and ctx.text[nxt.heading_span[0] :].startswith(
        nxt.number
    )


def _is_list_item(ctx: Context, section: Section, siblings: tuple[Section, ...]) -> bool:
    """A numbered item of a list (a sentence, a formula, a marker lists use, or a list of one)."""
    heading = ctx.text[section.heading_span[0] : section.heading_span[1]].strip()
    if _ITEM_SENTENCE.search(heading.rstrip("。；;：:")) or _line_of(ctx, section).endswith(("；", ";", "。")):
        return True  # a sentence of a list (呈…同志阅示；), not a heading
    here = _marker(ctx, section)
    if here is None:
        return False
    if (
        here.family in _LIST_FAMILIES
        or _after_lead_in(ctx, section, siblings)
        or _under_outline(ctx, section)
        or _list_started_inline(ctx, section, here)
    ):
        return True
    same = [s for s in siblings if (m := _marker(ctx, s)) and m.family == here.family]
    return here.value == 1 and len(same) == 1


def _line_of(ctx: Context, section: Section) -> str:
    """The whole line the heading stands on, as written."""
    end = ctx.text.find("\n", section.heading_span[0])
    return ctx.text[section.heading_span[0] : end if end >= 0 else len(ctx.text)].strip()


def _list_started_inline(ctx: Context, section: Section, here: Marker) -> bool:
    """An item whose predecessor is written inside the line before (附件：1.…通知 then 2.…指引): a list."""
    if here.value <= 1:
        return False
    line_end = ctx.text.rfind("\n", ctx.doc.span[0], section.heading_span[0])
    if line_end < 0:
        return False
    line_start = ctx.text.rfind("\n", ctx.doc.span[0], line_end) + 1
    lead = ctx.text.find("：", line_start, line_end)
    return lead >= 0 and _written_between(ctx, lead, line_end, here.family, range(here.value - 1, here.value))


def _is_title_line(ctx: Context, section: Section) -> bool:
    """A heading that is only the document's title or a 文种 (会议纪要 set above its table), not a part."""
    heading = _substance(section.heading)
    return heading == _substance(ctx.doc.title or "") or heading in _genre_words()


@lru_cache(maxsize=1)
def _genre_words() -> frozenset[str]:
    return frozenset(w for kind in taxonomy()["doc_types"].values() for w in kind.get("title_words", []))


def _after_lead_in(ctx: Context, section: Section, siblings: tuple[Section, ...]) -> bool:
    """Items of a list opened by a lead-in line (主路径：/ 包括以下内容：) that is not itself a heading."""
    first = min(siblings, key=lambda s: s.span[0])
    line_end = ctx.text.rfind("\n", ctx.doc.span[0], first.heading_span[0])
    if line_end < 0:
        return False
    line_start = ctx.text.rfind("\n", ctx.doc.span[0], line_end) + 1
    before = ctx.text[line_start:line_end].strip()
    if not before.endswith(("：", ":")):
        return False
    return not any(s.heading_span[0] == line_start for s in ctx.sections)


def _under_outline(ctx: Context, section: Section) -> bool:
    """A 1、/1. item directly under an outline heading (6.14.3), with text of its own: the outline would go on
    as 6.14.3.1, so these are items of a list in the parent's text."""
    here = _marker(ctx, section)
    parent = next((s for s in ctx.sections if section in s.children), None)
    if here is None or parent is None or not here.family.startswith("arabic"):
        return False
    above = _marker(ctx, parent)
    if above is None or not above.family.startswith("decimal"):
        return False
    return bool(_substance(ctx.text[parent.heading_span[1] : parent.children[0].span[0]]))


_OUTLINE_NUMBER = re.compile(r"(?<![\d.])\d{1,2}(?:\.\d{1,2})+\s*[\u4e00-\u9fff]")
FLAT_CONTENTS_NUMBERS = 3  # outline numbers on one line that make it a contents list run together
FLAT_CONTENTS_REACH = 4  # lines either side of an empty heading looked at for such a line


def _beside_flat_contents(ctx: Context, section: Section) -> bool:
    """Whether an empty heading is a line of a contents list run together (2. 总体要求 2.1 总体功能要求 2.2 …):
    a line a few lines before or after it holds three or more outline numbers."""
    start = section.heading_span[0]
    before = ctx.text[max(ctx.doc.span[0], start - 2000) : start].split("\n")[-FLAT_CONTENTS_REACH - 1 :]
    after = ctx.text[section.heading_span[1] : min(ctx.doc.span[1], section.heading_span[1] + 2000)].split("\n")
    return any(
        len(_OUTLINE_NUMBER.findall(line)) >= FLAT_CONTENTS_NUMBERS
        for line in before + after[: FLAT_CONTENTS_REACH + 1]
    )


MOSTLY_SHARE, MOSTLY_LINES = 3, 3  # a third of the lines, and at least three, make the text that part


def _mostly(ctx: Context, pattern: str) -> bool:
    """Whether a third or more of the document's lines (three at least) match ``pattern``."""
    lines = [line for line in ctx.body.splitlines() if line.strip()]
    hits = sum(1 for line in lines if re.search(pattern, line))
    return hits >= MOSTLY_LINES and hits * MOSTLY_SHARE >= len(lines)


TIMELINE_PARTS = frozenset({"steps"})  # parts a plan may write as dated targets instead of phases
TIMELINE_YEARS = 3  # years the text dates explicitly that make its timeline


def _years_dated(ctx: Context) -> int:
    """How many different years the document's own dates name (written, not inferred; lengths left out)."""
    return len(
        {
            (m.start or m.end or "")[:4]
            for m in ctx.doc.dates
            if (m.start or m.end) and not m.year_inferred and m.kind != "duration"
        }
    )


ONE_DAY_NEEDLESS = frozenset({"steps"})  # parts a one-day event does without


def _outline_numbered(ctx: Context, section: Section) -> bool:
    """Whether a heading carries an outline number (6.13.4, 1.5): a part of a template (a 软件开发计划's
    outline) the writer kept and left unwritten. A bare 1./（二）/一、 line with nothing under it that names no
    known part is as often a list item, a label over a picture or table the reading lost, or a parent whose
    parts follow: reported at info."""
    here = _marker(ctx, section)
    return here is not None and here.family.startswith("decimal")


_ASIDE = re.compile(r"[（(][^）)]*[）)]")
NAMED_PART_CHARS = 12  # a heading naming a known part of the kind (实施阶段, 保障措施) is no longer than this


def _named_part(section: Section) -> bool:
    """Whether a heading names a part the document's kind knows (labelled surely: 实施阶段, 资源计划), not an item."""
    name = _ASIDE.sub("", section.heading).strip()  # 实施阶段（2024年4月至11月）: the part's name before its aside
    confidence = 1.0 if section.label_confidence is None else section.label_confidence
    sure = SURE_MODEL if section.label_source == "model" else SURE_LABEL
    return bool(section.labels) and confidence >= sure and len(name) <= NAMED_PART_CHARS


def empty_section(ctx: Context) -> Iterator[Finding]:
    """Headings with no body, or whose body is stock formulas only (fine under 指导思想/要求).

    A "无"/"暂无" answer is content where the part may well be empty (术语, 引用文档…); a parent followed
    by its first child, a numbered item of a list, a heading that introduces a table and a line of a
    contents list run together are not empty. An empty heading that neither carries an outline number
    (6.13.4) nor surely names a part is reported at info: as often an item or a label over a lost picture.
    """
    min_chars = int(ctx.setting("empty-section", "min_chars", 1))
    stock_share = float(ctx.setting("empty-section", "stock_share", 0.8))
    stock_ok = set(ctx.setting("empty-section", "stock_ok", []))
    none_ok = knowledge.cues()["none_ok"]
    for section, labels, siblings in _leaves_with_inherited_labels(ctx.doc.sections):
        if not looks_like_heading(ctx, section) or ctx.is_contents_line(section):
            continue
        content = _substance(ctx.text[section.heading_span[1] : section.span[1]])
        answered_none = bool(_NONE_ANSWER.match(content)) and not none_ok.search(section.heading)
        if len(content) < min_chars or answered_none:
            others = [s for s in siblings if s is not section]
            if (
                _is_list_item(ctx, section, siblings)
                or _is_parent_of_next(ctx, section)
                or _is_title_line(ctx, section)
                or _beside_flat_contents(ctx, section)
                or _FIGURE_TITLE.search(section.heading.rstrip("：: "))
                or (
                    section.level > 1
                    and not answered_none
                    and (
                        2 * sum(_has_body(ctx, s) for s in others) <= len(others)
                        or ctx.text[section.heading_span[0] : section.heading_span[1]].rstrip().endswith(("：", ":"))
                    )
                )
            ):
                continue  # a list of short items, or a label introducing a table, not a heading left empty
            said = f"只写了“{content}”" if answered_none else "只有标题没有内容"
            finding = ctx.finding(
                "empty-section",
                f"{ctx.section_name(section)}{said}，请补写具体内容或删去该标题",
                span=section.heading_span,
                section=section.id,
            )
            sure = answered_none or _outline_numbered(ctx, section) or _named_part(section)
            yield finding if sure else replace(finding, severity="info")
            continue
        if stock_ok.intersection(labels):
            continue
        stock = _substance("".join(m.group(0) for m in knowledge.stock_regex().finditer(content)))
        if len(stock) >= stock_share * len(content):
            yield ctx.finding(
                "empty-section",
                f"{ctx.section_name(section)}的内容只有套话，没有实际安排，请写明具体做什么、做到什么程度",
                span=section.span,
                section=section.id,
            )


def doctype_mismatch(ctx: Context) -> Iterator[Finding]:
    titles = re.findall("|".join(knowledge.genres()), ctx.doc.title or "")
    if not titles:
        return
    genre = titles[-1]
    agreeing = knowledge.genres().get(genre, (genre,))
    for span, found in ctx.finditer(_SELF_REFERENCE):
        m = _SELF_REFERENCE.fullmatch(found)
        said = (m.group(1) or m.group(2)) if m else found
        if said in agreeing or genre in knowledge.genres().get(said, ()):
            continue
        if not is_word(ctx.text, span):  # (asked last: the segmenter loads on first use)
            continue  # 本报告 inside 成本报告
        yield ctx.finding_at(
            "doctype-mismatch",
            span,
            f"标题文种为“{genre}”，正文却自称“{found}”，请统一文种（疑似套用其他文件）",
            evidence=ctx.quote(ctx.sentence_at(span)),
        )
        return


def length(ctx: Context) -> Iterator[Finding]:
    limit = int(ctx.setting("length", "max_chars", 5000))
    size = len(_WHITESPACE.sub("", ctx.body))
    if size > limit:
        yield ctx.finding(
            "length",
            f"全文约{size}字，超过{limit}字的精简文件要求，请压缩篇幅、删去套话和重复内容",
            span=ctx.doc.title_span,
            evidence=ctx.doc.title,
        )


# ------------------------------------------------------------------ heading-sequence, judged as a reviewer would

_DEEPER = re.compile(r"\.?\d")
_UNPUNCTUATED = ("arabic_space", "form_part")  # ``7 进度表``, ``B 活动网络图``: weak markers, often misread


def _marker(ctx: Context, section: Section) -> Marker | None:
    m = MARKER_RE.match(ctx.text, section.heading_span[0])
    return marker_from_match(m, ctx.text) if m else None


def _siblings_of(ctx: Context, target: Section) -> tuple[Section, ...]:
    def search(group: tuple[Section, ...]) -> tuple[Section, ...] | None:
        for s in group:
            if s is target or s.id == target.id:
                return group
            found = search(s.children)
            if found is not None:
                return found
        return None

    return search(ctx.doc.sections) or ()


BARE_LIST_MIN = 4  # items in a run of bodiless numbered lines that make it a list, not headings


def _bare_list(ctx: Context, run: list[Section]) -> bool:
    """Whether a run of numbered "headings" of one family is a list: four or more, none with children
    or any text under its line (a list of names or units appended to a 公文 is not an outline)."""
    if len(run) < BARE_LIST_MIN:
        return False
    return all(not s.children and not ctx.text[s.heading_span[1] : s.span[1]].strip() for s in run)


def _prefix(number: str) -> str:
    return number.rstrip(".．").rpartition(".")[0]


def _written_between(ctx: Context, start: int, end: int, family: str, values: range) -> bool:
    """Whether a marker of ``family`` with one of ``values`` is written (inside a line) between two headings."""
    wanted = set(values)
    for m in MARKER_RE.finditer(ctx.text, start, end):
        marker = marker_from_match(m, ctx.text)
        if marker.family == family and marker.value in wanted:
            return True
    return False


_OPTION_LINE = re.compile(r"\s*[A-Ha-h][.．、]\s*\S")  # the first option of a question (A. 是)
STRIDE_MIN = 4  # numbers of one list all the same step (≥ 2) apart: a pattern of the reading, not a gap


def _strided(values: list[int]) -> bool:
    """Whether a list's numbers go up by one step of two or more every time (1, 3, 5, 7)."""
    steps = {b - a for a, b in pairwise(values)}
    return len(values) >= STRIDE_MIN and len(steps) == 1 and min(steps) >= 2


def sequence_holds(ctx: Context, finding: Finding) -> bool:
    """Whether a ``heading-sequence`` finding of the segmenter is a numbering fault the department must fix.

    A list that starts again at 1 is a new list (unless it restarts right after a sibling heading with
    nothing written under it: a numbering slip); a first heading not numbered 1, a contents line, an
    unpunctuated number and an outline number under another parent are readings to doubt, not faults;
    a skipped number written inside the text before is not missing.
    """
    section = next((s for s in ctx.sections if s.id == finding.section), None)
    if section is None:
        return True
    here = _marker(ctx, section)
    if here is None or here.family in _UNPUNCTUATED or ctx.is_contents_line(section):
        return False
    if _OPTION_LINE.match(ctx.text, section.heading_span[1] + 1):
        return False  # a questionnaire's question (A. … B. … under it): its numbers are not the outline
    if here.family.startswith("decimal") and _DEEPER.match(ctx.text, section.heading_span[0] + len(here.number)):
        return False  # 5.1.2.3.2: an outline number deeper than the grammar reads
    siblings = _siblings_of(ctx, section)
    earlier = [s for s in siblings if s.span[0] < section.span[0]]
    prev_section = next((s for s in reversed(earlier) if (m := _marker(ctx, s)) and m.family == here.family), None)
    if prev_section is None:
        return False
    if _bare_list(ctx, [s for s in siblings if (m := _marker(ctx, s)) and m.family == here.family]):
        return False  # a numbered list of names or units read as headings: nothing is written under any item
    if here.value == 1:
        # a new list, unless it starts again right after a sibling title with nothing under it: a slip
        # (items written as whole sentences, 1.本方案自印发之日起施行。, are a list of their own)
        sentences = any(
            "，" in x.heading
            or ctx.text[x.heading_span[1] - 1 : x.heading_span[1] + 1].strip()[-1:] in ("。", "；", "！", "？")
            for x in (prev_section, section)
        )
        return not sentences and not ctx.text[prev_section.heading_span[1] : prev_section.span[1]].strip()
    prev = _marker(ctx, prev_section)
    assert prev is not None
    if here.family.startswith("decimal") and _prefix(here.number) != _prefix(prev.number):
        return False
    run = [m.value for s in siblings if (m := _marker(ctx, s)) and m.family == here.family]
    if _strided(run):
        return False  # ①③⑤⑦: every other number lost in reading (each item's wrapped line took one), not a gap
    same_before = [m.value for s in earlier if (m := _marker(ctx, s)) and m.family == here.family]
    if prev.value < max(same_before) and here.value == max(same_before) + 1:
        return False  # 3、内容：1、… 2、… 4、: the list goes on after a nested list read at its level
    if here.value <= prev.value and _written_between(
        ctx,
        prev_section.heading_span[0] + len(prev.number),
        section.heading_span[0],
        here.family,
        range(here.value - 1, here.value),
    ):
        return False  # 3、内容：1、…⏎2、…: a nested list opened inside the line before goes on
    if here.value > prev.value + 1:
        same = [m.value for s in earlier if (m := _marker(ctx, s)) and m.family == here.family]
        if len(same) != len(set(same)) and here.value == len(same) + 1:
            return False  # right by its place: the number before it was used twice (7、7、9、), reported there
        return not _written_between(
            ctx, prev_section.heading_span[1], section.heading_span[0], here.family, range(prev.value + 1, here.value)
        )
    return True
