"""Content rules reviewers ask first: measurable goals, an owner per task, a date per step.

Whether a goal is measurable and where a plan names an owner or a time are extract's facts
(``Goal.measurable``, ``Document.owner_mentions``, ``Document.time_mentions``); these rules judge them.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..chinese.markers import LEADING_MARKER
from ..model import Finding, Goal, Section, Span
from . import knowledge
from .context import Context

_EXAMPLE = re.compile(r"(?:例如|比如|譬如|举例|如)[，,：:]")
SURE_LABEL = 0.75  # a rule label this sure means the heading names the part (synonym, term, compound, contained name)
SURE_MODEL = 0.7  # the section model's probability for a part it is sure of
HEADING_CHARS = 24  # a longer "heading" is a list item's sentence
# Heading endings that name the part whatever the label's confidence (a stage is a step).
PART_ENDINGS: dict[str, list[str]] = {"step-no-time": ["阶段", "步骤", "进度安排", "时间安排", "日程安排"]}


def sure_part(ctx: Context, section: Section, rule: str) -> bool:
    """Whether a section is surely the part its label says: its heading names it (a rule label of at least
    ``min_confidence``, a model label of at least ``SURE_MODEL``, a label given without a confidence, or
    a heading ending in one of the rule's ``part_endings``), and the heading is a name, not a list item's
    sentence that happens to hold a keyword. A guess (the tasks prior, a keyword, a weak model score) is
    no part to judge."""
    heading = section.heading.strip()
    if len(heading) > HEADING_CHARS:
        return False
    confidence = 1.0 if section.label_confidence is None else section.label_confidence
    sure = SURE_MODEL if section.label_source == "model" else SURE_LABEL
    if confidence >= float(ctx.setting(rule, "min_confidence", sure)):
        return True
    ends = ctx.setting(rule, "part_endings", PART_ENDINGS.get(rule, []))  # 试运行阶段: a stage names itself
    return any(heading.rstrip("：:").endswith(word) for word in ends)


def _vague_because(text: str) -> str:
    """Why a goal extract found not measurable is vague."""
    cue = knowledge.cues()
    hedge = cue["hedge"].search(text)
    if hedge:
        return f"用“{hedge.group(0)}”留有余地，又没有数量、比例或时限"
    verb = cue["empty_verbs"].search(text)
    if verb:
        return f"只有“{verb.group(0)}”之类的表述，没有数量、比例或时限"
    return "没有数量、比例或完成时限"


def _goal_candidates(ctx: Context) -> list[Goal]:
    """Goals extract found not measurable inside 目标 sections (anywhere when there are none);
    goals under 指导思想/要求 and the like, and aims (为…, 推动…), are exempt, and so are goals
    of a dated stage (时间：第1周 beside 目标：…), statements of purpose (a 目的/意义 part), rule
    clauses and list items that merely mention 目标."""
    goal_labels = set(ctx.setting("vague-goal", "labels", ["goals"]))
    exempt = set(ctx.setting("vague-goal", "exempt_labels", []))
    has_goal_section = bool(ctx.labelled(tuple(goal_labels)))
    out = []
    for goal in ctx.doc.goals:
        labels = ctx.labels_at(goal.span[0])
        if goal.aim or goal.measurable or labels & exempt or (has_goal_section and not labels & goal_labels):
            continue
        if _not_a_target(ctx, goal, goal_labels):
            continue
        out.append(goal)
    return out


def _not_a_target(ctx: Context, goal: Goal, goal_labels: set[str]) -> bool:
    """A goal a reviewer would not ask to measure: it is one field of a dated stage or item (时间：第1周 /
    目标：…), its part states a purpose (目的, 意义) rather than targets, its 目标 part is a list item's
    sentence, measurable targets follow it in its paragraph or the next, or the sentence is a rule clause
    (须…, …的，取消…)."""
    section = ctx.section_at(goal.span[0])
    if section is not None:
        in_goal_part = bool(goal_labels.intersection(section.labels))
        # 目标：… as one field of a stage or item beside its 时间：…: the stage's deadline is the goal's
        if not in_goal_part and not section.children and ctx.dated(section.body_span):
            return True
        if in_goal_part:
            purpose = ctx.setting("vague-goal", "purpose_words", ["目的", "意义", "宗旨"])
            heading = section.heading
            if any(w in heading for w in purpose) and "目标" not in heading:
                return True
            if not any(
                goal_labels.intersection(s.labels) and sure_part(ctx, s, "vague-goal") for s in _enclosing(ctx, section)
            ):
                return True  # no 目标 part holds it, only a list item whose sentence mentions 目标
    if _targets_follow(ctx, goal):
        return True
    rule_clause = knowledge.cues().get("rule_clause")
    return bool(rule_clause and rule_clause.search(goal.text))


def _targets_follow(ctx: Context, goal: Goal) -> bool:
    """Whether measurable targets stand in the goal's paragraph or the next one (总体目标… ⏎ 具体指标：到2022年，
    建设50所…): the general statement is made measurable right there."""
    end = goal.span[1]
    for _ in range(2):
        found = ctx.text.find("\n", end + 1, ctx.doc.span[1])
        end = found if found >= 0 else ctx.doc.span[1]
    return any(g.measurable and goal.span[1] <= g.span[0] < end for g in ctx.doc.goals)


def vague_goal(ctx: Context) -> Iterator[Finding]:
    """Goals without a number, share or deadline; stock phrases of 指导思想/要求 are exempt."""
    min_chars = int(ctx.setting("vague-goal", "min_chars", 6))
    for goal in _goal_candidates(ctx):
        text = LEADING_MARKER.sub("", goal.text)
        if len(text) >= min_chars and not _EXAMPLE.match(text):  # 例如，提高…: an example, not a goal
            why = _vague_because(text)
            yield ctx.finding_at(
                "vague-goal", goal.span, f"目标“{_short(text.rstrip('。；;'))}”{why}，请写明做到多少、何时完成"
            )


def _enclosing(ctx: Context, section: Section) -> list[Section]:
    """The section and the sections holding it."""
    return [s for s in ctx.sections if s.span[0] <= section.span[0] and section.span[1] <= s.span[1]]


def _short(text: str, limit: int = 30) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[:limit] + "…"


def task_no_owner(ctx: Context) -> Iterator[Finding]:
    """Task parts naming no 牵头/责任单位/责任人, unless a 分工 section or a 负责 column assigns them, or
    the owner is named in the part's heading or lead-in or in the document's opening (the author's team).
    Only a part surely about tasks is judged: not a guess, nor a list item that holds a keyword."""
    if ctx.one_day:
        return  # one day's event: its holder (the 党支部 of the opening) runs every item of the programme
    owners = ctx.doc.owner_mentions
    for division in ctx.labelled(ctx.setting("task-no-owner", "owner_labels", ["division"])):
        if _names_any(owners, division.span):
            return
    if any(o.how == "column" for o in ctx.doc.owners) or _opening_names_owner(ctx):
        return
    for section in ctx.main_sections(ctx.setting("task-no-owner", "labels", ["tasks"])):
        if not sure_part(ctx, section, "task-no-owner") or _field_value(ctx, section):
            continue
        lead_in = _lead_in(ctx, section)
        if _OWNER_FIELD.search(ctx.text, *section.body_span):
            continue  # 责任科室：门诊部 — the items name their owners in a field
        if _names_any(owners, section.body_span) or any(lead_in[0] <= o.span[0] < lead_in[1] for o in ctx.doc.owners):
            continue
        tasks = [a for a in ctx.doc.activities if a.span[0] >= section.span[0] and a.span[1] <= section.span[1]]
        unowned = [a for a in tasks if not _item_owned(ctx, a.span)]
        if tasks and not unowned:
            continue  # each item opens with the unit that carries it (各乡镇于1月15日前完成…)
        if len(unowned) < len(tasks):
            example = _short(ctx.quote(unowned[0].span) or "", 16)
            counted = f"{len(tasks)}项任务中有{len(unowned)}项（如“{example}”）"
            tasks, said = unowned, "没有写明"
        else:
            count = len(tasks) or len(section.children)
            counted, said = (f"{count}项任务" if count else "任务"), "都没有写明"
        yield ctx.finding(
            "task-no-owner",
            f"在{ctx.section_name(section)}中，{counted}{said}牵头单位、责任单位或责任人，请逐项明确责任到人",
            span=section.heading_span,
            section=section.id,
            evidence=ctx.quote(tasks[0].span) if tasks else ctx.quote(section.heading_span),
        )


# A field naming who carries an item (责任科室：门诊部、信息科 / 牵头单位：区民政局).
_OWNER_FIELD = re.compile(
    r"(?:责任|牵头|主责|承办|负责|配合|协办|实施)(?:单位|部门|科室|处室|股室|科|处|领导|人)[：:]\s*[^\s，。；,;]"
)
# A unit's name (各乡镇, 区民政局, 门诊部) opening an item's sentence makes it the item's owner; a subject deep
# in a sentence, or one that names no unit (便民服务), assigns nothing.
_UNIT_END = re.compile(r"(?:乡镇|街道|社区|村|局|委|办|厅|部|处|科|室|中心|站|所|院|校|队|公司|小组)$")
_CLAUSE_START = re.compile(r"(?:^|[。；;：:，,\n])\s*$")


def _item_owned(ctx: Context, span: Span) -> bool:
    for owner in ctx.doc.owners:
        if not span[0] <= owner.span[0] < span[1]:
            continue
        if owner.how != "subject":
            return True
        opens = (
            _CLAUSE_START.search(ctx.text, max(span[0], owner.span[0] - 3), owner.span[0]) or owner.span[0] == span[0]
        )
        if opens and _UNIT_END.search(owner.name):
            return True
    return False


FIELD_LINES, FIELD_CHARS = 3, 40  # the most lines, and characters a line, of a field's value
_SENTENCE_MARK = re.compile(r"[。，；;！？,]")


def _field_value(ctx: Context, section: Section) -> bool:
    """Whether a "part" is a field and its value (项目：⏎基于知识图谱的学习规划⏎流程：): a few short lines, no sentence."""
    lines = [line.strip() for line in ctx.text[section.heading_span[1] : section.span[1]].splitlines() if line.strip()]
    return (
        not section.children
        and len(lines) <= FIELD_LINES
        and all(len(line) <= FIELD_CHARS and not _SENTENCE_MARK.search(line) for line in lines)
    )


def _lead_in(ctx: Context, section: Section) -> Span:
    """The heading and the lead-in of a part: up to its first item, or its first sentence when it has none."""
    if section.children:
        return section.heading_span[0], section.children[0].span[0]
    start, end = section.body_span
    piece = ctx.text[start:end]
    start += len(piece) - len(piece.lstrip())
    return section.heading_span[0], ctx.sentence_at((start, start))[1] if start < end else end


def _opening_names_owner(ctx: Context) -> bool:
    """Whether the text before the first section names who carries the work in a field or a cue
    (开发人员：…, 由…负责); a sentence's subject there is no assignment."""
    start = ctx.doc.span[0]
    end = ctx.doc.sections[0].span[0] if ctx.doc.sections else ctx.doc.span[1]
    return any(start <= o.span[0] < end and o.how in ("cue", "column") for o in ctx.doc.owners)


def _names_any(mentions: tuple[Span, ...], span: Span) -> bool:
    """Whether one of the mentions extract found lies inside ``span``."""
    return any(span[0] <= a and b <= span[1] for a, b in mentions)


def _steps_of(ctx: Context, section: Section) -> list[tuple[Span, str, bool]]:
    """The phases (or sub-headings) of a steps section in order: span, name, whether a time is given."""
    phases = [p for p in ctx.doc.schedule if section.span[0] <= p.span[0] < section.span[1]]
    if phases:
        return [(p.span, p.phase, p.start is not None or p.end is not None or ctx.dated(p.span)) for p in phases]
    return [(c.span, c.number + c.heading, ctx.dated(c.span)) for c in section.children]


def _untimed(steps: list[tuple[Span, str, bool]]) -> list[tuple[Span, str]]:
    """Steps without a time, leaving out one that lies between two dated steps (its time is bounded), and a
    first step alone without one when every later step is dated (it ends where the next, dated one begins)."""
    out = []
    for i, (span, name, timed) in enumerate(steps):
        bounded = 0 < i < len(steps) - 1 and steps[i - 1][2] and steps[i + 1][2]
        if not timed and not bounded:
            out.append((span, name))
    if len(out) == 1 and len(steps) > 1 and out[0][0] == steps[0][0] and steps[1][2]:
        return []  # only the first step is undated, and the next one is dated: it ends where that one begins
    return out


STEPS_TEXT_MIN = 12  # characters under a steps heading (list numbers left out) below which nothing is written


def _written_under(ctx: Context, section: Section) -> str:
    """The text under a section's own heading, list numbers and white space left out."""
    text = ctx.text[section.heading_span[1] : section.span[1]]
    return "".join(LEADING_MARKER.sub("", line).strip() for line in text.splitlines())


def _throughout(ctx: Context, steps: list[tuple[Span, str, bool]]) -> list[tuple[Span, str, bool]]:
    """The steps, each that says it runs the whole time (专项行动期间, 常态化) or follows the end of the one
    before (调研活动结束后) counted as timed."""
    words = ctx.setting("step-no-time", "throughout", [])
    if not words:
        return steps
    said = re.compile("|".join(re.escape(w) for w in words))
    return [(span, name, timed or bool(said.search(ctx.text, *span))) for span, name, timed in steps]


def step_no_time(ctx: Context) -> Iterator[Finding]:
    """Steps sections without times; a section without any is let pass when the plan dates its steps
    in another steps section or a schedule table (a 过程计划 beside a dated 进度计划)."""
    sections = [
        s
        for s in ctx.main_sections(ctx.setting("step-no-time", "labels", ["steps"]))
        if not ctx.is_contents_line(s) and sure_part(ctx, s, "step-no-time")
    ]
    labels = set(ctx.setting("step-no-time", "labels", ["steps"]))
    every_steps = [s for s in ctx.sections if labels.intersection(s.labels) and not ctx.is_contents_line(s)]
    for section in sections:
        if len(_written_under(ctx, section)) < STEPS_TEXT_MIN:
            continue  # a heading or two with nothing written under them: empty, not undated (empty-section's part)
        steps = _throughout(ctx, _steps_of(ctx, section))
        untimed = _untimed(steps)
        dated_elsewhere = any(  # a schedule elsewhere dates several points; one deadline (最后期限) dates no step
            ctx.dated(other.body_span, at_least=2)
            for other in every_steps
            if other.span[1] <= section.span[0] or other.span[0] >= section.span[1]
        )
        if dated_elsewhere and 2 * len(untimed) >= len(steps):
            continue  # a description of the work; its schedule is the other, dated part
        if not ctx.dated(section.body_span):
            yield ctx.finding(
                "step-no-time",
                f"在{ctx.section_name(section)}中，各阶段都没有时间节点，请为每个阶段写明起止时间或完成时限",
                span=section.heading_span,
                section=section.id,
                evidence=ctx.quote(untimed[0][0]) if untimed else ctx.quote(section.heading_span),
            )
        elif untimed:
            names = "、".join(f"“{_short(name, 16)}”" for _, name in untimed[:3])
            more = "等" if len(untimed) > 3 else ""
            yield ctx.finding(
                "step-no-time",
                f"在{ctx.section_name(section)}中，{names}{more}{len(untimed)}个阶段没有时间节点，请补写起止时间",
                span=untimed[0][0],
                section=section.id,
            )
