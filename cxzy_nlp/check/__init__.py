"""Review checks: a document and a profile in, findings out.

>>> doc = check(doc, normal, profile="implementation_plan")  # doctest: +SKIP
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import replace

from ..model import Document, Finding, NormalText, Problem
from .engine import RULES, make_context, restyle, run_rules
from .knowledge import catalogue
from .profile import Profile, builtin_names, load_profile, resolve_profile


def check(
    doc: Document, normal: NormalText, problems: tuple[Problem, ...] = (), profile: str | Profile | None = None
) -> Document:
    """The document with the findings of every enabled rule appended to those already there.

    ``profile`` is a built-in name, a YAML path or a :class:`Profile`; by default the
    built-in profile of the document's type. Findings of earlier stages (heading-sequence,
    heading-style) keep their place and take the profile's severity, or go if switched off.
    The rules judge the facts extract worked out (year, dates, goals, budget, owners…): pass a
    document that went through :func:`cxzy_nlp.extract.extract` (or at least ``extract.facts``).
    """
    chosen = resolve_profile(profile, doc.doc_type, doc.title, doc.profile)
    ctx = make_context(doc, normal.text, chosen, tuple(problems), normal)
    found = restyle(doc.findings, chosen, ctx) + run_rules(ctx)
    return replace(doc, findings=tuple(named(f) for f in merge_repeats(sorted(found, key=_position))))


def _position(finding: Finding) -> int:
    """Findings read in the order of the text; those about the whole document first."""
    return finding.span[0] if finding.span else -1


_PLACE = re.compile(r"^(?:在“[^”]*”中|在标题中|在正文(?:开头部分|中))，")


def _problem(finding: Finding) -> tuple[str, str | None, str, str] | None:
    """What makes two findings one problem: the rule, the section, the evidence and the wording."""
    if not finding.evidence:
        return None
    return finding.rule, finding.section, " ".join(finding.evidence.split()), finding.message


def merge_repeats(findings: Iterable[Finding]) -> list[Finding]:
    """One problem, one finding: repeats of the same rule, evidence and wording in one section merge into the
    first, whose message gets the count (共N处); its evidence is the evidence of every instance. Repeats in
    other sections stay findings of their own, so each place gets its comment in the reviewed copy."""
    groups: dict[tuple[str, str | None, str, str], list[Finding]] = {}
    order: list[Finding | tuple[str, str | None, str, str]] = []
    for finding in findings:
        key = _problem(finding)
        if key is None:
            order.append(finding)
        elif key in groups:
            groups[key].append(finding)
        else:
            groups[key] = [finding]
            order.append(key)
    merged: list[Finding] = []
    for item in order:
        if isinstance(item, Finding):
            merged.append(item)
            continue
        first, *more = groups[item]
        merged.append(replace(first, message=f"{first.message}（共{len(more) + 1}处）") if more else first)
    return merged


def named(finding: Finding) -> Finding:
    """The finding whose message opens with the rule's Chinese name: 【模板占位符未填】在“三、…”中，…"""
    info = catalogue().get(finding.rule)
    if info is None or not info.name or finding.message.startswith("【"):
        return finding
    return replace(finding, message=f"【{info.name}】{finding.message}")


__all__ = ["RULES", "Profile", "builtin_names", "catalogue", "check", "load_profile", "resolve_profile"]
