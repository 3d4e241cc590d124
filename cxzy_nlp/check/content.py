"""Content rules reviewers ask first: measurable goals, an owner per task, a date per step."""

from __future__ import annotations

from collections.abc import Iterator

from ..chinese.markers import LEADING_MARKER
from ..chinese.sentences import CLAUSE_STOPS, stop_class
from ..model import Finding, Section, Span
from . import knowledge
from .context import Context

_ITEM_SPLIT = stop_class(CLAUSE_STOPS + ";\n")


def _items(ctx: Context, span: Span) -> Iterator[tuple[Span, str]]:
    """Sentences and list items inside ``span``, with absolute spans."""
    start = span[0]
    piece = ctx.text[span[0] : span[1]]
    pos = 0
    for m in _ITEM_SPLIT.finditer(piece + "\n"):
        raw = piece[pos : m.start()]
        lead = len(raw) - len(raw.lstrip())
        item = raw.strip()
        if item:
            yield (start + pos + lead, start + pos + lead + len(item)), item
        pos = m.end()


def _goal_problem(text: str) -> str | None:
    """Why a goal is vague, or None when it is measurable."""
    cue = knowledge.cues()
    if cue["measure"].search(text):
        return None
    hedge = cue["hedge"].search(text)
    if hedge:
        return f"用“{hedge.group(0)}”留有余地，又没有数量、比例或时限"
    verb = cue["empty_verbs"].search(text)
    if verb:
        return f"只有“{verb.group(0)}”之类的表述，没有数量、比例或时限"
    return "没有数量、比例或完成时限"


def _goal_candidates(ctx: Context) -> list[tuple[Span, str, str | None]]:
    """Unmeasurable goals from the extractor inside 目标 sections (anywhere when there are none),
    else the items of 目标 sections; goals under 指导思想/要求 and the like are exempt."""
    goal_labels = set(ctx.setting("vague-goal", "labels", ["goals"]))
    exempt = set(ctx.setting("vague-goal", "exempt_labels", []))
    has_goal_section = bool(ctx.labelled(tuple(goal_labels)))
    if ctx.doc.goals:
        out = []
        for g in ctx.doc.goals:
            labels = ctx.labels_at(g.span[0])
            if g.measurable or labels & exempt or (has_goal_section and not labels & goal_labels):
                continue
            out.append((g.span, g.text, g.section))
        return out
    candidates: list[tuple[Span, str, str | None]] = []
    for section in ctx.main_sections(tuple(goal_labels)):
        for span, item in _items(ctx, section.body_span):
            if ctx.labels_at(span[0]) & exempt:
                continue
            inner = ctx.section_at(span[0])
            candidates.append((span, item, inner.id if inner else section.id))
    return candidates


def vague_goal(ctx: Context) -> Iterator[Finding]:
    """Goals without a number, share or deadline; stock phrases of 指导思想/要求 are exempt."""
    min_chars = int(ctx.setting("vague-goal", "min_chars", 6))
    for span, text, _section in _goal_candidates(ctx):
        text = LEADING_MARKER.sub("", text)
        if len(text) < min_chars:
            continue
        why = _goal_problem(text)
        if why:
            yield ctx.finding_at(
                "vague-goal", span, f"目标“{_short(text.rstrip('。；;'))}”{why}，请写明做到多少、何时完成"
            )


def _short(text: str, limit: int = 30) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[:limit] + "…"


def task_no_owner(ctx: Context) -> Iterator[Finding]:
    """Task sections naming no 牵头/责任单位/责任人, unless a 分工 section assigns them."""
    for owners in ctx.labelled(ctx.setting("task-no-owner", "owner_labels", ["division"])):
        if knowledge.cues()["owner"].search(ctx.text[owners.span[0] : owners.span[1]]):
            return
    for section in ctx.main_sections(ctx.setting("task-no-owner", "labels", ["tasks"])):
        if knowledge.cues()["owner"].search(ctx.text[section.body_span[0] : section.body_span[1]]):
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


def _untimed_steps(ctx: Context, section: Section) -> list[tuple[Span, str]]:
    phases = [p for p in ctx.doc.schedule if section.span[0] <= p.span[0] < section.span[1]]
    if phases:
        return [
            (p.span, p.phase)
            for p in phases
            if p.start is None
            and p.end is None
            and not knowledge.cues()["time"].search(ctx.text[p.span[0] : p.span[1]])
        ]
    if section.children:
        return [
            (c.span, c.number + c.heading)
            for c in section.children
            if not knowledge.cues()["time"].search(ctx.text[c.span[0] : c.span[1]])
        ]
    return []


def step_no_time(ctx: Context) -> Iterator[Finding]:
    for section in ctx.main_sections(ctx.setting("step-no-time", "labels", ["steps"])):
        body = ctx.text[section.body_span[0] : section.body_span[1]]
        untimed = _untimed_steps(ctx, section)
        if not knowledge.cues()["time"].search(body):
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
