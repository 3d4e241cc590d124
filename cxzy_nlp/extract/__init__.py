"""Extraction: goals, activities, time, money, leadership and references, each tied to its span.

``extract(doc, text)`` fills the extraction fields of a :class:`~cxzy_nlp.model.Document`.
Rules run on the raw text (regular expressions and the lists of ``data/extract_patterns.yaml``);
sections come from the segmenter's labels, or from headings found here when it gave none.
"""

from __future__ import annotations

import re
from dataclasses import replace

from ..chinese.docnumber import find_doc_number_forms
from ..doctitle import find_date_line
from ..model import (
    Activity,
    Budget,
    DocNumberMention,
    Document,
    Goal,
    Leader,
    Period,
    Phase,
    Reference,
    Section,
    Span,
)
from ..patternscan import finditer as gated_finditer
from .activities import (
    assignments,
    bare_heading,
    calendar_lines,
    committed_work,
    deadline_sentences,
    duty_rows,
    inline_calendar,
    is_work,
    make_activity,
    names_work,
    ordinal_items,
    sets_deadline,
    stage_lines,
    table_activities,
)
from .dates import DateExpr, document_dates, find_dates, find_event_anniversaries
from .goals import find_goals, names_goal_part, part_leads, section_goals
from .items import Item, leaf_items, section_item
from .leaders import find_leaders
from .money import (
    Amount,
    amounts_budget,
    budget_from,
    find_amounts,
    form_total,
    inline_sum,
    label_lines_budget,
    stated_total,
    summed_total,
    table_total,
    total_after,
)
from .owners import find_owners
from .patterns import patterns
from .period import (
    NO_BUDGET_KINDS,
    NO_DERIVED_KINDS,
    NO_PERIOD_KINDS,
    accounts,
    final_deadline,
    schedule_table,
    start_end,
)
from .quantities import quantities
from .references import find_references
from .schedule import derive_period, find_period, inline_phases, make_phase, title_period
from .workwords import holds_doing_word
from .year import infer_year, year_clues
from .zones import Zone, heading_says, zone_items, zones


def _elsewhere(doc: Document, text: str, task_zones: list[Zone]) -> list[Span]:
    """Zones whose items are not activities even inside a task section (a nested 预算 or 活动时间).

    Inside a task section the heading words must say so too: item labels are less sure than section labels.
    """
    out = []
    for z in zones(doc, text, "not_activities"):
        nested = any(t.whole[0] <= z.whole[0] and z.whole[1] <= t.whole[1] for t in task_zones)
        if not nested or heading_says(z.heading, "not_activities"):
            out.append(z.whole)
    return out


def _foreign_parts(zone: Zone) -> list[Span]:
    """Child sections of a task section that carry only labels of another kind (背景, 预期效果, 团队组成)."""
    if zone.section is None:
        return []
    foreign = set(patterns().labels["not_task_parts"])
    tasks = set(patterns().labels["activities"])
    rules = patterns().not_activity_headings
    verbs = work_verbs()
    return [
        s.span
        for s in zone.section.walk()
        if s is not zone.section
        and (
            (s.labels and set(s.labels) <= foreign and not tasks & set(s.labels) and not s.heading.startswith(verbs))
            or rules.search(s.heading)
            or describes(s.heading)
        )
    ]


_DESCRIPTION_MAX = 14  # characters: the name of a description is a short noun phrase


# parts that tell what something is or can do, whatever the words before: the functions of a system (主要功能,
# 具体功能), a business plan's selling (市场营销, 促销手段), the materials to hand in (报送材料, 提交材料)
_DESCRIBED = re.compile(r"(?:功能|营销|促销手段|(?:报送|提交|上报|递交)(?:的)?(?:材料|资料))[：:]?$")
# a research form's parts on what is studied and what is known (研究内容, 国内外研究现状与趋势), their heading
# glued to the words after it by a lost line break (3、项目主要研究内容本课题拟分三步开展…)
_RESEARCH_PART = re.compile(r"^(?:项目|本项目|课题)?(?:主要)?(?:研究内容|国内外研究(?:现状|概况))")


def _describes_whole(heading: str) -> bool:
    """A part, whatever its label, that tells what a thing is or can do (市场营销, 主要功能, 研究内容…)."""
    words = heading.strip()
    return bool(_RESEARCH_PART.match(words) or (len(words) <= _DESCRIPTION_MAX and _DESCRIBED.search(words)))


def describes(heading: str) -> bool:
    """A heading naming a description (软件开发方法, 市场需求, SWOT分析, 项目定位), not a piece of work: its part
    lists no activities. One opening with a verb of work (完善标准体系, 建立评审机制) is work."""
    words = heading.strip()
    p = patterns()
    if _RESEARCH_PART.match(words):
        return True
    if len(words) > _DESCRIPTION_MAX:  # 对守信纳税人提供更多便利和机会: a long heading says what is done
        return False
    return bool(p.description_headings.search(words) or _DESCRIBED.search(words)) and not words.startswith(
        (*work_verbs(), *p.lead_verbs, *p.activity_body_verbs)
    )


def work_verbs() -> tuple[str, ...]:
    """Verbs that open a piece of work (强化…, 开展…): a part so headed under a task section is a task, whatever
    its nouns (强化安全保障 is work, not a 保障措施 part)."""
    from ..headings import taxonomy

    return tuple(taxonomy().get("work_verbs", []))


def _activities(doc: Document, text: str, year: int | None) -> list[Activity]:
    found: list[Activity] = []
    rules = patterns().not_activity_headings
    task_zones = [  # 评选条件 sets rules, 市场分析 describes
        z for z in zones(doc, text, "activities") if not rules.search(z.heading) and not describes(z.heading)
    ]
    task_zones = [z for z in _rejoined(doc, task_zones) if not _field(text, z)]
    task_zones += _work_list(doc, task_zones)
    skip = _elsewhere(doc, text, task_zones)
    for zone in task_zones:
        skip_here = skip + _foreign_parts(zone)
        rows = table_activities(text, zone.span, zone.section_id, year, require_header=True)  # a 日程 table
        found.extend(rows)
        items = [
            _before_table(text, i) if rows else i
            for i in _items_before_end(zone, text, [z.span for z in doc.zones if z.kind in _NOT_WORK_ZONES])
            if not any(a <= i.span[0] < b for a, b in skip_here)
            and not any(_within(i.span, r.span) for r in rows)
            and not (i.heading is not None and _table_or_nothing(text, _part_body(text, i)))
        ]
        if not items and not rows and zone.section in doc.sections and not zone.section.children:  # top level
            items = _whole_part(text, zone.section)
        found.extend(a for a in (make_activity(text, item, year, zone.section_id) for item in items) if is_work(a))
    step_zones = zones(doc, text, "steps")
    for zone in step_zones:  # the rows of a schedule, and the items of a dated 实施步骤/程序, are activities too
        found.extend(table_activities(text, zone.span, zone.section_id, year))
        steps = [make_activity(text, item, year, zone.section_id) for item in _non_table(zone, text)]
        if not steps:  # a schedule table flattened into one line of dated entries
            found.extend(inline_calendar(text, zone.span, year, zone.section_id))
        if not task_zones:
            found.extend(steps)
        elif _dated_timeline(steps):  # beside a task section the stages themselves (准备阶段…) stay phases
            found.extend(a for a in steps if not _STAGE_NAME.search(a.name))
    found.extend(_measures(doc, text, year, found))
    committing = [*zones(doc, text, "measures"), *zones(doc, text, "leaders"), *_checking_parts(doc)]
    for zone in committing:  # 成立…小组, 举办…论坛, 实施“…”专项, 省政府将对…开展抽查
        for given in committed_work(text, zone.span, year):
            if not any(given.span[0] < a.span[1] and a.span[0] < given.span[1] for a in found):
                found.append(given)
    found.extend(_next_steps(doc, text, year, found))
    if not task_zones and not step_zones:  # a calendar table with no section around it
        found.extend(table_activities(text, doc.span, None, year, require_header=True))
    not_here = [z.whole for z in zones(doc, text, "not_calendar")]
    for zone in [*step_zones, *task_zones]:  # 启动阶段：… 实施阶段：… 交付阶段：… lines of a steps or task part
        for line in stage_lines(text, zone.span, year, zone.section_id):
            if not any(_within(line.span, a.span) or _within(a.span, line.span) for a in found) and not any(
                a <= line.span[0] < b for a, b in [*not_here, *skip]
            ):
                found.append(line)
    given_all = assignments(text, doc.span, year)  # 张某：技术说明书、测试  李某：用户手册
    # a part found as one activity that holds two or more persons' assignments (a 任务分配 part of a record) is
    # their list, not one piece of work: the assignments are the activities
    holders = {id(a) for a in found if sum(_within(g.span, a.span) for g in given_all) >= 2}
    found = [a for a in found if id(a) not in holders]
    for given in given_all:
        if not any(_within(given.span, a.span) or _within(a.span, given.span) for a in found):
            found.append(given)
    no_deadlines = [z.whole for z in zones(doc, text, "not_deadlines")]
    for given in ordinal_items(text, doc.span, year):  # 部署了9个方面重点任务。一是…。二是…。
        if not any(given.span[0] < a.span[1] and a.span[0] < given.span[1] for a in found) and not any(
            a <= given.span[0] < b for a, b in [*no_deadlines, *not_here]
        ):
            found.append(given)
    for due in deadline_sentences(text, doc.span, year):  # 各省份要于2019年6月底前出台实施方案
        if (
            not any(due.span[0] < a.span[1] and a.span[0] < due.span[1] for a in found)
            and not any(a <= due.span[0] < b for a, b in no_deadlines)
            and not _STAGE_LEAD.match(text, due.span[0], due.span[1])  # 3.总结阶段（4月底前）: a phase
        ):
            found.append(due)
    for line in [  # a day-by-day calendar written as dated lines, a schedule flattened into a form's cell
        *calendar_lines(text, doc.span, year),
        *inline_calendar(text, doc.span, year),
        *duty_rows(text, doc.span),  # 姓名 | … | 项目分工 rows of a members table
    ]:
        if not any(line.span[0] < a.span[1] and a.span[0] < line.span[1] for a in found) and not any(
            a <= line.span[0] < b for a, b in not_here
        ):
            found.append(line)
    # the last part runs on to the end of the document: the names of an attachment list (附件：1．…申报书), a 落款 or
    # page furniture below it are no work of that part (as for the phases of _schedule)
    outside = [z.span for z in doc.zones if z.kind in _NOT_WORK_ZONES]
    outside += [  # 市场营销 and its 销售计划: how it sells; 主要功能: what it can do
        s.span for s in doc.all_sections() if (s.children or s.level == 1) and _describes_whole(s.heading)
    ]
    return [
        a
        for a in _unique(found)
        if not _NOTE.match(text, text.rfind("\n", 0, a.span[0]) + 1, a.span[0] + 1)
        and not bare_heading(a.text)
        and not any(lo <= a.span[0] < hi for lo, hi in outside)
    ]


_NOT_WORK_ZONES = frozenset({"attachment_list", "signature", "approval", "furniture"})


# a list opened by 注： or 备注： under a form (注：1．此合同一式三份…) explains the paper, it sets no work
_NOTE = re.compile(r"[ \t　]*(?:注|备注|附注)[：:]")


_CHECKING = "evaluation"
_TECHNICAL = "technical_plan"


def _checking_parts(doc: Document) -> list[Zone]:
    """The outermost parts labelled as checks and assessment (重点抽查, 考核评估): they state how work is judged,
    and the checks the issuer commits to run there (省政府将对…开展抽查) are work of the plan."""
    if _TECHNICAL in (doc.doc_type, doc.profile):
        return []  # a technical plan's 评审 and 质量保证 parts set procedures, not work (README, technical plans)
    found = [s for s in doc.all_sections() if _CHECKING in s.labels]
    return [
        Zone(s.body_span, s, s.heading)
        for s in found
        if not any(p is not s and p.span[0] <= s.span[0] and s.span[1] <= p.span[1] for p in found)
    ]


def _measures(doc: Document, text: str, year: int | None, found: list[Activity]) -> list[Activity]:
    """The measures of a 保障措施 part headed by a verb of work that set a deadline (开展考核评估。…2020年4月底前完成):
    work the plan commits to like its tasks. An undated measure (加强组织领导, 强化资源保障) says how the plan is
    upheld, not a thing done; its other items (经费保障, 组长：…) are not work at all."""
    verbs = (*work_verbs(), *patterns().lead_verbs)
    out: list[Activity] = []
    for zone in zones(doc, text, "measures"):
        for item in zone_items(zone, text):
            name = (item.heading or text[item.span[0] : item.span[1]]).strip()
            if not name.startswith(verbs) or any(item.span[0] < a.span[1] and a.span[0] < item.span[1] for a in found):
                continue
            if sets_deadline(text, item.span, year):
                out.append(make_activity(text, item, year, zone.section_id))
    return out


def _next_steps(doc: Document, text: str, year: int | None, found: list[Activity]) -> list[Activity]:
    """The entries of a 下一步/未来计划 list (功能扩展：…, 继续优化…): work the writer commits to; a part written
    as prose gives none."""
    out: list[Activity] = []
    for zone in zones(doc, text, "next_steps"):
        foreign = _goal_children(zone)  # 阶段目标 under 未来展望: aims, not work
        for item in zone_items(zone, text):
            if any(item.span[0] < a.span[1] and a.span[0] < item.span[1] for a in found):
                continue
            if any(lo <= item.span[0] < hi for lo, hi in foreign):
                continue
            activity = make_activity(text, item, year, zone.section_id)
            if is_work(activity):
                out.append(activity)
    return out


def _goal_children(zone: Zone) -> list[Span]:
    """Child sections of a part that carry only goal labels (阶段目标 under 未来展望): the aims of what comes next."""
    if zone.section is None:
        return []
    aims = set(patterns().labels["goals"])
    return [s.span for s in zone.section.walk() if s is not zone.section and s.labels and set(s.labels) <= aims]


_WHOLE_PART = 200  # a task part without a list up to this length is one activity
_NOTHING = re.compile(r"\s*(?:无|暂无|没有|不涉及|不适用|略)[。.]?\s*$")


def _table_or_nothing(text: str, body: Span) -> bool:
    """Whether the body of a part holds a table (its rows are read as rows, the part is not one activity) or
    says there is nothing (可重用的软件产品：无)."""
    return "\t" in text[body[0] : body[1]] or bool(_NOTHING.match(text[body[0] : body[1]]))


def _part_body(text: str, item: Item) -> Span:
    """The words of a child part after its heading line."""
    nl = text.find("\n", item.span[0], item.span[1])
    return (item.span[1], item.span[1]) if nl < 0 else (nl + 1, item.span[1])


_MIN_DETAIL = 2  # ... when it says something under its heading


def _whole_part(text: str, section: Section) -> list[Item]:
    """A short task part with neither sub-parts nor a list is one activity (1. 后台表单化 + a line of detail);
    a longer one is prose about the work, not a thing to do."""
    lo, hi = section.body_span
    if len(text[lo:hi].strip()) < _MIN_DETAIL or _table_or_nothing(text, (lo, hi)):  # a bare heading, a table
        return []
    if hi - lo > _WHOLE_PART:  # prose about the work: only a heading naming the work itself says what is done
        end = _first_sentence_end(text, (lo, hi))
        if not _names_own_work(section) or end is None:
            return []
        return [
            section_item(
                text, section.number, section.heading, section.id, (section.span[0], end), section.heading_span[0]
            )
        ]
    return [section_item(text, section.number, section.heading, section.id, section.span, section.heading_span[0])]


_SURE_NAME = 0.9  # a rule label this sure means the heading is a part's name (主要任务), not a piece of work
_OWN_WORK_MIN = 4  # characters: a heading naming a piece of work (整治占道经营行为) is no shorter
_SENTENCE_END = re.compile(r"[。！？!?；;]")


def _names_own_work(section: Section) -> bool:
    """Whether a part's heading names a piece of work of its own (排查老旧管网隐患, 整治占道经营行为) rather
    than the part (主要任务, 工作内容: a sure name): the heading, with the sentence after it, is the activity."""
    heading = section.heading.strip(" 。：:")
    sure_name = section.label_source == "rule" and (section.label_confidence or 0) >= _SURE_NAME
    return (
        not sure_name
        and len(heading) >= _OWN_WORK_MIN
        and not _SENTENCE_END.search(heading)
        and names_work(heading)
        and holds_doing_word(heading)
    )


def _first_sentence_end(text: str, body: Span) -> int | None:
    m = _SENTENCE_END.search(text, body[0], body[1])
    return m.end() if m else None


_FIELD_NAME = 3  # characters: a field's name (项目：, 内容：) is this short
_FIELD_VALUE = 40  # ... and its value one line this short, no sentence


def _field(text: str, zone: Zone) -> bool:
    """A part that is a field of a form (项目： ↵ 基于…的学习规划): a bare name over one short line of no sentence,
    the name of the thing, not work; the plan's work is in its other parts (流程：…)."""
    section = zone.section
    if section is None or section.children or len(section.heading.strip(" ：:")) > _FIELD_NAME:
        return False
    value = text[zone.span[0] : zone.span[1]].strip()
    return 0 < len(value) <= _FIELD_VALUE and "\n" not in value and not _SENTENCE_MARKS.search(value)


_SENTENCE_MARKS = re.compile(r"[。；;，,！？!?]")


def _items_before_end(zone: Zone, text: str, outside: list[Span]) -> list[Item]:
    """The entries of a zone, less those in an attachment list or 落款 below its last part: a last entry whose
    sub-items were only the attachment list's lines (3、“…”摄影展 ↵ 附件：1．…) is the entry itself, cut there."""
    items = zone_items(zone, text)
    kept = [i for i in items if not any(lo <= i.span[0] < hi for lo, hi in outside)]
    if len(kept) == len(items) or zone.section is None:
        return items
    for leaf in [s for s in zone.section.walk() if not s.children and s is not zone.section]:
        if any(leaf.span[0] <= i.span[0] < leaf.span[1] for i in kept):
            continue
        cut = min((lo for lo, _ in outside if leaf.span[0] < lo < leaf.span[1]), default=None)
        if cut is None or not text[leaf.heading_span[0] : cut].strip():
            continue
        kept.append(section_item(text, leaf.number, leaf.heading, leaf.id, (leaf.span[0], cut), leaf.heading_span[0]))
    return sorted(kept, key=lambda i: i.span)


def _rejoined(doc: Document, have: list[Zone]) -> list[Zone]:
    """A part of two kinds (宣传专项任务: tasks, publicity) is taken apart into its children that carry the task
    label; when every child does, the children are the entries of one list of work, and the part is read whole
    (each child one activity, its heading with its words), as any task part is."""
    out = list(have)
    for parent in doc.all_sections():
        kids = parent.children
        if len(kids) < 2 or any(z.section is parent for z in out):
            continue
        if all(any(z.section is k for z in out) for k in kids) and all(not k.children for k in kids):
            out = [z for z in out if z.section not in kids]
            out.append(Zone(parent.body_span, parent, parent.heading))
    return sorted(out, key=lambda z: z.span)


def _work_list(doc: Document, have: list[Zone]) -> list[Zone]:
    """A plan that is one list of work (1. 后台表单化 2. 日志化… or 阶段一、… 阶段八、): when its top-level parts
    carry only task or step labels or none, and at least one a task label, the unlabelled ones are tasks too."""
    top = doc.sections
    work = set(patterns().labels["activities"]) | set(patterns().labels["steps"])
    if len(top) < _WORK_LIST_MIN or not any(set(s.labels) & set(patterns().labels["activities"]) for s in top):
        return []
    if any(s.labels and not set(s.labels) <= work for s in top):
        return []
    return [Zone(s.body_span, s, s.heading) for s in top if not s.labels and not any(z.section is s for z in have)]


_WORK_LIST_MIN = 3
_DATED_SHARE = 0.5  # steps most of which carry a date of their own are a timeline of things to do


def _dated_timeline(steps: list[Activity]) -> bool:
    """Whether most steps carry a calendar date (not a festival): then they are deadlines to meet, not
    the stages of a method."""
    dated = sum(1 for a in steps if a.when and (a.start or a.end) and not _FESTIVAL_ONLY.search(a.when))
    return bool(steps) and dated >= _DATED_SHARE * len(steps)


_STAGE_NAME = re.compile(r"阶段(?:时间|安排)?$")
_STAGE_LEAD = re.compile(
    r"(?:[\d一二三四五六七八九十]{1,2}[、.．]|[（(][\d一二三四五六七八九十]{1,2}[)）])?\s*[\u4e00-\u9fff]{2,8}阶段"
)
_FESTIVAL_ONLY = re.compile(r"^[“”\"]?[\u4e00-\u9fff]{1,3}[”\"]?(?:节)?(?:前夕|前后|前|期间|之际)?$")


def _before_table(text: str, item: Item) -> Item:
    """An item cut before a table that follows it in the same section (the table's rows are read apart)."""
    lo, hi = item.span
    pos = text.find("\n", lo, hi)
    while 0 <= pos < hi:
        nxt = text.find("\n", pos + 1, hi)
        line_end = hi if nxt < 0 else nxt
        if "\t" in text[pos + 1 : line_end]:
            return replace(item, span=(lo, pos)) if pos > lo else item
        pos = nxt
    return item


def _within(a: Span, b: Span) -> bool:
    return b[0] <= a[0] and a[1] <= b[1]


def _non_table(zone: Zone, text: str) -> list[Item]:
    return [i for i in zone_items(zone, text, leaves=False) if "\t" not in text[i.span[0] : i.span[1]]]


def _unique(activities: list[Activity]) -> list[Activity]:
    """One activity per place: two found by different paths (a line and the same line less its marker, a table row
    read twice) that share at least half of the longer are one activity, and the one telling more (a date, an
    owner, then the longer) is kept; a short one inside a long one (a clause of a task) stays its own."""
    out: list[Activity] = []
    for a in sorted(activities, key=lambda a: a.span):
        if out and _same_place(out[-1].span, a.span):
            if _tells(a) > _tells(out[-1]):
                out[-1] = a
            continue
        out.append(a)
    return out


def _same_place(a: Span, b: Span) -> bool:
    longer = max(a[1] - a[0], b[1] - b[0])
    return longer > 0 and min(a[1], b[1]) - max(a[0], b[0]) >= longer / 2


def _tells(a: Activity) -> tuple[bool, bool, int]:
    return (a.start is not None or a.end is not None, a.owner is not None, a.span[1] - a.span[0])


def _schedule(doc: Document, text: str, year: int | None) -> list[Phase]:
    phases: list[Phase] = []
    for zone in zones(doc, text, "steps"):
        items = _non_table(zone, text)
        phases.extend(make_phase(text, item, year) for item in items)
        if not items:
            phases.extend(inline_phases(text, zone.span, year, zone.section_id))
    # the last part's span runs on to the end of the document: the names of an attachment list (附件：1．…) or a
    # 落款 below it are no phases of its work
    outside = [z.span for z in doc.zones if z.kind in _NOT_WORK_ZONES]
    phases = [p for p in phases if not any(a <= p.span[0] < b for a, b in outside)]
    return sorted(phases, key=lambda p: p.span)


def _budget(doc: Document, text: str) -> Budget | None:
    if doc.doc_type in NO_BUDGET_KINDS:  # 本项目原申请了经费8000元，实际使用了…: a summary tells money applied for
        return None
    for zone in zones(doc, text, "budget"):
        budget = budget_from(text, zone.span, leaf_items(text, zone.span, zone.section_id))
        if budget is None:  # 10.3 成本估算 / 素材寻找：200 / 代码编写：3000
            budget = label_lines_budget(text, zone.whole)
        if budget is not None and budget.total is None:
            budget = summed_total(_with_total(budget, text, zone.span), text)
        if budget is not None:
            return budget
    for find in (stated_total, table_total, form_total, inline_sum):
        found = find(text, doc.span)
        if found is not None:
            return found
    for section in _main_sections(doc, "budget"):
        budget = amounts_budget(text, section.body_span, section.span)
        if budget is not None:
            return budget
    return None


def _with_total(budget: Budget, text: str, span: Span) -> Budget:
    """A budget list without a total: the 合计 line right after it, or a sum written inline (a+b=c元)."""
    after = total_after(text, span[1], min(len(text), span[1] + 200))
    total = after.yuan if after else None
    if total is None:
        summed = inline_sum(text, span)
        if summed is not None and summed.total and summed.total >= max((i.amount for i in budget.items), default=0):
            return summed
        return budget
    adds_up = None if budget.items_sum is None else abs(budget.items_sum - total) < 0.5
    return replace(budget, total=total, adds_up=adds_up)


def _main_sections(doc: Document, label: str) -> list[Section]:
    """The outermost sections labelled ``label``, at the shallowest level where one occurs."""
    found: list[Section] = []

    def visit(section: Section) -> None:
        if label in section.labels:
            found.append(section)
            return
        for child in section.children:
            visit(child)

    for top in doc.sections:
        visit(top)
    top_level = min((s.level for s in found), default=0)
    return [s for s in found if s.level == top_level]


_OPENING = 400  # characters of a document with no sections read as its opening


def _opening(doc: Document) -> Span:
    """The text before the first section (the preface), where a plan says what it is for."""
    if doc.preface_span:
        return doc.preface_span
    first = doc.sections[0].span[0] if doc.sections else doc.span[0] + _OPENING
    return (doc.span[0], min(first, doc.span[1]))


def _nested_goal_parts(doc: Document, have: list[Zone]) -> list[Zone]:
    """Goal sections inside a task or steps section (3.2 预期成果 under 2 实践内容, 比赛宗旨 under 大赛介绍):
    goals, though a lone step headed as an action (明确目标, 制定目标) stays a step."""
    wanted = set(patterns().labels["goals"])
    actions = (*patterns().lead_verbs, *patterns().activity_body_verbs, "明确")
    found = [
        s
        for s in doc.all_sections()
        if s.labels
        and set(s.labels) <= wanted
        and (s.children or not s.heading.startswith(actions))
        and not any(z.whole[0] <= s.span[0] < z.whole[1] for z in have)
    ]
    return [
        Zone(s.body_span, s, s.heading) for s in found if not any(p is not s and p in found for p in _parents(doc, s))
    ]


def _stated_targets(doc: Document, text: str, have: list[Zone]) -> list[Zone]:
    """Parts headed as what the work must reach (验收标准, 最后交付期限) or named as a goal part (活动目的, 项目目标,
    预期效果, 比赛宗旨, 目的与意义) outside goal parts: goals whatever their label, so a part the labeller read
    otherwise, or one nested in a task part, still gives its goals. The outermost such part is read (its
    children are its items)."""
    headings = patterns().goal_headings
    found = [
        s
        for s in doc.all_sections()
        if (headings.search(s.heading.strip()) or (names_goal_part(s.heading) and "theme" not in s.labels))
        and not any(z.whole[0] <= s.span[0] < z.whole[1] or s.span[0] <= z.whole[0] < s.span[1] for z in have)
    ]
    out = [Zone(s.body_span, s, s.heading) for s in found if not any(p in found for p in _parents(doc, s))]
    for heading, span in [] if doc.sections else _goal_lines(text, doc.span):  # where the segmenter found none
        if not any(z.whole[0] <= span[0] < z.whole[1] for z in [*have, *out]):
            out.append(Zone(span, None, heading))
    return out


# a heading naming the part that sets the spirit and aims of the work: 指导思想, 总体要求, 总体思路, 工作思路
_AIM_PART = re.compile(
    r"^(?:[一二三四五六七八九十\d]+[、.．]|[（(][一二三四五六七八九十\d]+[)）])?\s*(?:指导思想|(?:总体|基本|工作)(?:要求|思路))(?:[和与及、][\u4e00-\u9fff]{1,6})?\s*[：:。]?$"
)


def _aim_parts(doc: Document, text: str, have: list[Zone]) -> list[Zone]:
    """The 指导思想 / 总体要求 parts whose aims are goals: those labelled so, those the heading names whatever
    label the labeller gave (a part read as background or principles still states the plan's aims), and those
    whose heading line the segmenter did not take for a section (（一）指导思想。以…, a line of its own)."""
    extra = [
        Zone(s.body_span, s, s.heading)
        for s in doc.all_sections()
        if _AIM_PART.match(s.heading.strip()) and not any(z.whole[0] <= s.span[0] < z.whole[1] for z in have)
    ]
    found = have + [z for z in extra if not any(o is not z and o.whole[0] <= z.whole[0] < o.whole[1] for o in extra)]
    for span in [] if doc.sections else _aim_lines(text, doc.span):  # where the segmenter found no sections
        if not any(z.whole[0] <= span[0] < z.whole[1] for z in found):
            found.append(Zone(span, None, ""))
    return found


_AIM_LINE = re.compile(
    r"(?m)^[ \t\u3000]*(?:[一二三四五六七八九十]{1,2}[、.．]|[（(][一二三四五六七八九十\d]{1,2}[)）]|\d{1,2}[、.．])?[ \t\u3000]*"
    r"(?:指导思想|总体要求|总体思路)[ \t\u3000]*(?:[：:。．.][ \t\u3000]*|$)"
)
_LINE_MARKER = re.compile(
    r"[ \t\u3000]*(?:[一二三四五六七八九十]{1,2}[、.．]|[（(][一二三四五六七八九十\d]{1,2}[)）]|\d{1,2}[、.．](?!\d)|第[一二三四五六七八九十]+[章节部分])"
)
_LEADER = re.compile(r"[ \t\u3000]*(?:[.．…·_\-—]{3,}|\d+[ \t]*$)")
_AIM_REACH = 800  # characters of a part read after its heading line


def _aim_lines(text: str, span: Span) -> list[Span]:
    """The words of each 指导思想 / 总体要求 part found by its heading line (see :func:`_part_lines`)."""
    return [body for _, body in _part_lines(text, span, _AIM_LINE)]


# a line opening with a goal part's name, numbered or closed by a colon (（二）工作目标。…, 活动目的：…, 预期效果)
_GOAL_LINE = re.compile(
    r"(?m)^[ \t\u3000]*(?P<n>[一二三四五六七八九十]{1,2}[、.．]|[（(][一二三四五六七八九十\d]{1,2}[)）]|\d{1,2}(?:[.．]\d{1,2}){1,3}(?![\d.．])|\d{1,2}[、.．](?!\d))?"
    r"[ \t\u3000]*(?P<h>[\u4e00-\u9fff]{2,12})[ \t\u3000]*(?:(?P<c>[：:])|(?(n)[。．.]|(?!)))?[ \t\u3000]*"
)


def _goal_lines(text: str, span: Span) -> list[tuple[str, Span]]:
    """Goal parts found by their heading line where the segmenter made no section of it: numbered (（二）工作目标。到…)
    or closed by a colon (活动目的：…), or alone on its line; with the words of each."""
    return [(h, body) for h, body in _part_lines(text, span, _GOAL_LINE) if names_goal_part(h)]


def _part_lines(text: str, span: Span, heading: re.Pattern[str]) -> list[tuple[str, Span]]:
    """Each part found by its heading line, with its words: the rest of the line when the words run on after the
    heading (（一）指导思想。以…), else the lines below up to the next numbered line or blank line."""
    out: list[tuple[str, Span]] = []
    for m in heading.finditer(text, span[0], span[1]):
        words = m.groupdict().get("h") or ""
        end = text.find("\n", m.end(), span[1])
        end = span[1] if end < 0 else end
        if _LEADER.match(text, m.end(), end):  # 3.2预期成果……-12-: an entry of a contents page
            continue
        if text[m.end() : end].strip():
            if "h" not in m.groupdict() or m.group("n"):  # a run-in part is numbered…
                out.append((words, (m.end(), end)))
            elif m.group("c"):  # …or labelled, the label read with its words (目标：完成…)
                out.append((words, (m.start("h"), end)))
            continue
        last = _part_below(text, end + 1, min(span[1], end + 1 + _AIM_REACH))
        if last > end + 1:
            out.append((words, (end + 1, last)))
    return out


_FAMILIES = (  # the kinds of list number: an item of a list is numbered as the first one
    re.compile(r"[ \t\u3000]*[一二三四五六七八九十]{1,2}[、.．]"),
    re.compile(r"[ \t\u3000]*[（(][一二三四五六七八九十]{1,2}[)）]"),
    re.compile(r"[ \t\u3000]*[（(]\d{1,2}[)）]"),
    re.compile(r"[ \t\u3000]*\d{1,2}(?:[.．]\d{1,2}){1,3}(?![\d.．])"),
    re.compile(r"[ \t\u3000]*\d{1,2}[、.．](?!\d)"),
    re.compile(r"[ \t\u3000]*[①-⑳]"),
)
_STOPS = "。；;！？!?："
_PAGE_LINE = re.compile(r"[ \t\u3000]*(?:[-—–]\s*)?\d{1,3}(?:\s*[-—–])?[ \t\u3000]*$")


def _family(text: str, lo: int, hi: int) -> int | None:
    return next((i for i, f in enumerate(_FAMILIES) if f.match(text, lo, hi)), None)


def _part_below(text: str, pos: int, hi: int) -> int:
    """Where the words below a heading line end: a paragraph runs to the next numbered or blank line; a list (its
    first line numbered) runs over the lines numbered as its first and their wrapped lines, across a page break
    (a blank or page-number line followed by its next item)."""
    lines = []
    while pos < hi:
        nl = text.find("\n", pos, hi)
        stop = hi if nl < 0 else nl
        lines.append((pos, stop))
        pos = stop + 1
    if not lines:
        return pos
    kind = _family(text, *lines[0])
    end = lines[0][0]
    k = 0
    while k < len(lines):
        lo, stop = lines[k]
        blank = not text[lo:stop].strip() or bool(_PAGE_LINE.match(text, lo, stop))
        family = None if blank else _family(text, lo, stop)
        if blank:
            nxt = next(
                (
                    j
                    for j in range(k + 1, len(lines))
                    if text[lines[j][0] : lines[j][1]].strip() and not _PAGE_LINE.match(text, *lines[j])
                ),
                None,
            )
            if kind is None or nxt is None or _family(text, *lines[nxt]) != kind:
                break
            k = nxt
            continue
        if family is not None and (kind is None or family != kind) and k > 0:
            break
        if family is None and k > 0 and kind is not None and text[lines[k - 1][1] - 1] in _STOPS:
            break  # an item closed by a stop, then a line with no number: the list has ended
        end = stop
        k += 1
    return end


def _parents(doc: Document, section: Section) -> list[Section]:
    return [p for p in doc.all_sections() if p is not section and p.span[0] <= section.span[0] < p.span[1]]


_REPORTED = {"sum_achievements", "sum_problems"}  # parts telling work done


def _forward_spans(doc: Document, text: str) -> list[Span]:
    """Parts that set the work of the plan's own time, where a clause reaching a figure is a target: task and
    next-step parts, and the parts a labeller may read as steps or division of the same work (今年工作安排)."""
    kinds = ("forward_targets", "activities", "steps")
    return sorted({z.span for kind in kinds for z in zones(doc, text, kind)})


def _goals(doc: Document, text: str, year: int | None) -> list[Goal]:
    goal_zones = zones(doc, text, "goals")
    named = _stated_targets(doc, text, goal_zones)
    goal_zones += named
    nested = _nested_goal_parts(doc, goal_zones)
    # a part found by its name only (活动目的, 比赛宗旨, 预期效果, 项目目标 read otherwise, or a heading line with no
    # section): aims a reader lists, not targets the vague-goal check should hold to a figure — the part is not sure
    purposes = [z for z in named if not patterns().goal_headings.search(z.heading.strip())]
    back = [z.whole for z in zones(doc, text, "looking_back")]
    found = find_goals(
        text,
        doc.span,
        goal_zones + nested,
        year,
        _aim_parts(doc, text, zones(doc, text, "aims")),
        _opening(doc),
        zones(doc, text, "purposes"),
        back,
        part_leads(text, doc.sections),
        _forward_spans(doc, text),
        [z.whole for z in zones(doc, text, "looking_back") if z.section and _REPORTED & set(z.section.labels)],
    )
    # expected effects inside a task part (预期效果, 比赛宗旨) are aims the plan states, not targets to measure
    found = [
        replace(g, aim=True) if any(z.span[0] <= g.span[0] < z.span[1] for z in [*nested, *purposes]) else g
        for g in found
    ]
    if doc.doc_type in _LOOKING_BACK_KINDS and _SUMMARY_TITLE.search(doc.title or ""):
        return _ahead_only(doc, text, found)
    return found or section_goals(text, _main_sections(doc, "goals"), doc.all_sections(), year)


# kinds that tell work done: what they aimed at (a finished project's 目的, figures reached) is told, not set
_LOOKING_BACK_KINDS = frozenset({"work_summary"})
# a title naming a paper that tells work done: the kind alone (read from body cues when the title names none) is not
# sure enough to drop a plan's goals
_SUMMARY_TITLE = re.compile(r"总结|述职|小结|周报|月报|回顾|汇报|心得|体会|感悟|工作报告")
# words of a sentence that looks ahead in a summary: 下一步, 今后, 明年, 计划, 争取, 目标就是, 还要多读书…
_AHEAD = re.compile(
    r"下一步|今后|以后|未来|明年|来年|新的一年|下(?:一|个)?(?:年|学期|阶段)|计划|打算|争取|力争|希望|(?:目标|方向)(?:是|就是)"
    r"|(?:这一|这个|此)目标|意向|努力方向|(?:还|仍)(?:得|要|需|须)|(?:将|要|会)(?:继续|进一步|不断|努力|加强|朝着|向着)"
)


def _ahead_only(doc: Document, text: str, goals: list[Goal]) -> list[Goal]:
    """The goals of a summary: those of its 下一步/打算 parts and sentences looking ahead (今后要…, 我的目标就是…);
    the aims of the finished work (its 目的 part, 旨在…) and the figures it reached are told, not set."""
    ahead = [z.whole for z in zones(doc, text, "next_steps")]
    return [g for g in goals if any(a <= g.span[0] < b for a, b in ahead) or _AHEAD.search(_sentence_of(text, g.span))]


def _sentence_of(text: str, span: Span) -> str:
    """The sentence around a goal (a goal may be a clause of it)."""
    lo = max(text.rfind(c, 0, span[0]) for c in "。！？\n") + 1
    ends = [i for i in (text.find(c, span[1]) for c in "。！？\n") if i >= 0]
    return text[lo : min(ends, default=len(text))]


def _mentions(regex: re.Pattern[str], text: str, span: Span) -> tuple[Span, ...]:
    return tuple(m.span() for m in gated_finditer(regex, text, span[0], span[1]))  # non-empty matches


def _leaders(doc: Document, text: str) -> list[Leader]:
    org = zones(doc, text, "leaders")
    found = [x for z in org for x in find_leaders(text, z.span, in_organization=True)]
    inside = [z.span for z in org]
    for x in find_leaders(text, doc.span):
        if not any(a <= x.span[0] < b for a, b in inside):
            found.append(x)
    return sorted(found, key=lambda x: x.span)


def _references(doc: Document, text: str) -> list[Reference]:
    return find_references(text, doc.span, own_number=doc.doc_number, own_title=doc.title)


def _doc_numbers(doc: Document, text: str) -> tuple[DocNumberMention, ...]:
    return tuple(
        DocNumberMention(f.text, f.span, f.brackets, f.year, f.di, f.seq)
        for f in find_doc_number_forms(text, doc.span[0], doc.span[1])
    )


def facts(doc: Document, text: str) -> Document:
    """The document with the facts the checks read: year (with its reason) and its own year clues,
    dates, anniversaries, 文号 as written, goals (measurable or not), budget arithmetic, and where it
    names owners and times. A year, goals or budget already on ``doc`` are kept."""
    year, reason = (doc.year, doc.year_reason) if doc.year else infer_year(doc, text)
    dates = document_dates(text, doc.span, year)
    return replace(
        doc,
        year=year,
        year_reason=reason,
        year_clues=year_clues(doc, text),
        dates=dates,
        quantities=quantities(text, doc.span, dates, doc.title),
        doc_numbers=_doc_numbers(doc, text),
        goals=doc.goals or tuple(_goals(doc, text, year)),
        budget=doc.budget if doc.budget is not None else _budget(doc, text),
        anniversaries=find_event_anniversaries(text, doc.span),
        owner_mentions=_mentions(patterns().owner_words, text, doc.span),
        time_mentions=_mentions(patterns().time_words, text, doc.span),
    )


def _own_span(doc: Document) -> Span:
    """The document up to its first attachment: an attached contract, questionnaire or rules state their own terms,
    not the period of the plan they are attached to."""
    starts = [z.span[0] for z in doc.zones if z.kind == "attachment" and z.span[0] > doc.span[0]]
    return (doc.span[0], min(starts, default=doc.span[1]))


def _signed_date(doc: Document, text: str) -> str | None:
    """The date line of a signature zone when the document's 成文日期 was not found (attachments after it)."""
    for zone in doc.zones:
        if zone.kind == "signature":
            found = find_date_line(text, zone.span[0], zone.span[1])
            if found:
                return found[0]
            days = [e.start for e in find_dates(text, zone.span) if e.kind == "day" and not e.year_inferred]
            if days and days[-1]:  # 黄某 ↵ 2009.6.3: a date written with dots
                return days[-1]
    return None


_HEAD_LINE = 40  # characters of an untitled document's first line read as its title (2022下半年工作内容总结:)


def _head_line(text: str, span: Span) -> str | None:
    """The first line of a document the segmenter found no title for, when it is short enough to be one."""
    lo = span[0]
    while lo < span[1] and text[lo].isspace():
        lo += 1
    end = text.find("\n", lo, span[1])
    line = text[lo : span[1] if end < 0 else end].strip()
    return line if 0 < len(line) <= _HEAD_LINE else None


def _period(
    doc: Document, text: str, year: int | None, today: str | None, schedule: list[Phase], activities: list[Activity]
) -> Period | None:
    """The plan's own period: stated in a field, a time section, the preface, a sentence or the title; else a
    project's final deadline with the start its schedule sets, if any; else derived from its phases, activities and
    deadlines. A record of a meeting has none, and a summary or a report none derived from the dates it tells."""
    if doc.doc_type in NO_PERIOD_KINDS:
        return None
    own = _own_span(doc)
    if accounts(text, doc.span):
        return title_period(doc.title or _head_line(text, doc.span), doc.title_span, year)
    looking_back = doc.doc_type in NO_DERIVED_KINDS
    stated = (
        find_period(
            text,
            own,
            [z for z in zones(doc, text, "period") if z.span[0] < own[1]],
            None if looking_back else _opening(doc),
            year,
            today,
        )
        or (None if looking_back else start_end(text, own, year))  # 本项目于…启动 in a summary is history
        or title_period(doc.title or _head_line(text, doc.span), doc.title_span, year)
    )
    if stated is not None or looking_back:
        return stated
    table = schedule_table(text, own, year)  # 阶段 | 开始时间 | 结束时间, its cells 10.15 alone too
    if table is not None:
        return table
    deadline = final_deadline(text, own, year)
    derived = derive_period(
        today, year, schedule, activities, list(doc.goals), doc.dates, text, open_start=deadline is not None
    )
    if deadline is not None and deadline.end and (derived is None or derived.start is None):
        return Period(None, deadline.end, deadline.span)  # 最迟期限为2016年12月20日, no start set
    return derived


def extract(doc: Document, text: str) -> Document:
    """The document with activities, period, schedule, leaders, references and the :func:`facts` filled in."""
    doc = facts(doc, text)
    year = doc.year
    activities = _activities(doc, text, year)
    schedule = _schedule(doc, text, year)
    today = doc.date or _signed_date(doc, text)
    period = _period(doc, text, year, today, schedule, activities)
    doc = replace(
        doc,
        activities=tuple(activities),
        period=period,
        schedule=tuple(schedule),
        leaders=tuple(_leaders(doc, text)),
        owners=find_owners(text, doc.span, activities),
        references=tuple(_references(doc, text)),
    )
    from .spancat import active_model, with_model  # opt-in (--model); spaCy is imported only then

    return with_model(doc, text) if active_model() else doc


__all__ = [
    "Amount",
    "DateExpr",
    "extract",
    "facts",
    "find_amounts",
    "find_dates",
    "find_leaders",
    "find_references",
    "infer_year",
    "names_goal_part",
]
