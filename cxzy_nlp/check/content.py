"""Content rules reviewers ask first: measurable goals, an owner per task, a date per step.

Whether a goal is measurable and where a plan names an owner or a time are extract's facts
(``Goal.measurable``, ``Document.owner_mentions``, ``Document.time_mentions``); these rules judge them.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..chinese.markers import LEADING_MARKER
from ..model import Finding, Goal, Section, Span
from . import knowledge
from .context import Context


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
    goals under 指导思想/要求 and the like, and aims (为…, 推动…), are exempt."""
    goal_labels = set(ctx.setting("vague-goal", "labels", ["goals"]))
    exempt = set(ctx.setting("vague-goal", "exempt_labels", []))
    has_goal_section = bool(ctx.labelled(tuple(goal_labels)))
    out = []
    for goal in ctx.doc.goals:
        labels = ctx.labels_at(goal.span[0])
        if goal.aim or goal.measurable or labels & exempt or (has_goal_section and not labels & goal_labels):
            continue
        out.append(goal)
    return out


def vague_goal(ctx: Context) -> Iterator[Finding]:
    """Goals without a number, share or deadline; stock phrases of 指导思想/要求 are exempt."""
    min_chars = int(ctx.setting("vague-goal", "min_chars", 6))
    for goal in _goal_candidates(ctx):
        text = LEADING_MARKER.sub("", goal.text)
        if len(text) >= min_chars:
            why = _vague_because(text)
            yield ctx.finding_at(
                "vague-goal", goal.span, f"目标“{_short(text.rstrip('。；;'))}”{why}，请写明做到多少、何时完成"
            )


def _short(text: str, limit: int = 30) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[:limit] + "…"


def task_no_owner(ctx: Context) -> Iterator[Finding]:
    """Task sections naming no 牵头/责任单位/责任人, unless a 分工 section assigns them."""
    owners = ctx.doc.owner_mentions
    for division in ctx.labelled(ctx.setting("task-no-owner", "owner_labels", ["division"])):
        if _names_any(owners, division.span):
            return
    for section in ctx.main_sections(ctx.setting("task-no-owner", "labels", ["tasks"])):
        if _names_any(owners, section.body_span):
            continue
        tasks = [a for a in ctx.doc.activities if a.span[0] >= section.span[0] and a.span[1] <= section.span[1]]
        count = len(tasks) or len(section.children)
        counted = f"{count}项任务" if count else "任务"
        yield ctx.finding(
            "task-no-owner",
            f"在{ctx.section_name(section)}中，{counted}都没有写明牵头单位、责任单位或责任人，请逐项明确责任到人",
            span=section.heading_span,
            section=section.id,
            evidence=ctx.quote(tasks[0].span) if tasks else ctx.quote(section.heading_span),
        )


def _names_any(mentions: tuple[Span, ...], span: Span) -> bool:
    """Whether one of the mentions extract found lies inside ``span``."""
    return any(span[0] <= a and b <= span[1] for a, b in mentions)


def _untimed_steps(ctx: Context, section: Section) -> list[tuple[Span, str]]:
    phases = [p for p in ctx.doc.schedule if section.span[0] <= p.span[0] < section.span[1]]
    if phases:
        return [
            (p.span, p.phase)
            for p in phases
            if p.start is None and p.end is None and not _names_any(ctx.doc.time_mentions, p.span)
        ]
    if section.children:
        return [
            (c.span, c.number + c.heading) for c in section.children if not _names_any(ctx.doc.time_mentions, c.span)
        ]
    return []


def step_no_time(ctx: Context) -> Iterator[Finding]:
    for section in ctx.main_sections(ctx.setting("step-no-time", "labels", ["steps"])):
        untimed = _untimed_steps(ctx, section)
        if not _names_any(ctx.doc.time_mentions, section.body_span):
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
