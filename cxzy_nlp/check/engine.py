"""The rule engine: one function per rule id, run under a profile over one document."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import replace

from ..model import Document, Finding, NormalText, Problem
from . import (
    attachments,
    budget,
    compliance,
    content,
    dates,
    duplicates,
    era,
    figures,
    formal,
    privacy,
    reading,
    structure,
    template,
)
from .context import Context
from .profile import Profile

Rule = Callable[[Context], Iterable[Finding]]

# Rule id → function; the order is the order findings are listed in.
RULES: dict[str, Rule] = {
    "unreadable-text": reading.unreadable_text,
    "no-text-layer": reading.no_text_layer,
    "ocr-low-confidence": reading.ocr_low_confidence,
    "truncated": reading.truncated,
    "encoding-repaired": reading.encoding_repaired,
    "text-as-paths": reading.text_as_paths,
    "scrape-residue": template.scrape_residue,
    "placeholder": template.placeholder,
    "censor-gap": template.censor_gap,
    "personal-data": privacy.personal_data,
    "informal-voice": template.informal_voice,
    "machine-generated": template.machine_generated,
    "missing-section": structure.missing_section,
    "empty-section": structure.empty_section,
    "doctype-mismatch": structure.doctype_mismatch,
    "missing-signoff": formal.missing_signoff,
    "attachment-mismatch": attachments.attachment_mismatch,
    "vague-goal": content.vague_goal,
    "task-no-owner": content.task_no_owner,
    "group-name-mismatch": formal.group_name_mismatch,
    "step-no-time": content.step_no_time,
    "date-logic": dates.date_logic,
    "deadline-passed": dates.deadline_passed,
    "weekday-mismatch": figures.weekday_mismatch,
    "date-outside-period": figures.date_outside_period,
    "budget-mismatch": budget.budget_mismatch,
    "total-mismatch": figures.total_mismatch,
    "quantity-conflict": figures.quantity_conflict,
    "outdated-reference": era.outdated_reference,
    "era-formula": era.era_formula,
    "campaign-window": era.campaign_window,
    "anniversary": era.anniversary,
    "docnum-format": dates.docnum_format,
    "date-format": dates.date_format,
    "duplicate-passage": duplicates.duplicate_passage,
    "length": structure.length,
    "compliance-hint": compliance.compliance_hint,
}


def _pages(doc: Document, normal: NormalText | None) -> frozenset[int]:
    if normal is None:
        return frozenset()
    return frozenset(
        bs.block.page
        for bs in normal.blocks
        if bs.block.page is not None and bs.start < doc.span[1] and bs.end > doc.span[0]
    )


def make_context(
    doc: Document, text: str, profile: Profile, problems: tuple[Problem, ...] = (), normal: NormalText | None = None
) -> Context:
    return Context(
        doc=doc,
        text=text,
        profile=profile,
        year=doc.year,
        year_reason=doc.year_reason or ("抽取阶段推断" if doc.year is not None else None),
        problems=problems,
        pages=_pages(doc, normal),
    )


# Earlier stages' findings that check judges again on the document it sees (rule id → judge).
REJUDGED: dict[str, Callable[[Context, Finding], bool]] = {"heading-sequence": structure.sequence_holds}


def restyle(findings: Iterable[Finding], profile: Profile, ctx: Context | None = None) -> tuple[Finding, ...]:
    """Earlier stages' findings under this profile: switched-off rules dropped, severities re-mapped,
    and (given the context) those a judge of :data:`REJUDGED` does not uphold dropped."""
    return tuple(
        replace(f, severity=profile.severity(f.rule))
        for f in findings
        if profile.enabled(f.rule) and (ctx is None or f.rule not in REJUDGED or REJUDGED[f.rule](ctx, f))
    )


def applies(ctx: Context, rule_id: str) -> bool:
    """Whether a rule judges this document: a rule that presumes a written plan (``forms: false`` in the
    profile) does not judge a form, whose parts are its fields (Context.form_like)."""
    return bool(ctx.setting(rule_id, "forms", True)) or not ctx.form_like


def run_rules(ctx: Context, only: Iterable[str] | None = None) -> tuple[Finding, ...]:
    """Findings of every enabled rule (or of ``only``) for the context's document."""
    wanted = set(only) if only is not None else None
    out: list[Finding] = []
    for rule_id, rule in RULES.items():
        if (wanted is None or rule_id in wanted) and ctx.profile.enabled(rule_id) and applies(ctx, rule_id):
            out.extend(rule(ctx))
    return tuple(out)
