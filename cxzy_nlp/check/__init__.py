"""Review checks: a document and a profile in, findings out.

>>> doc = check(doc, normal, profile="implementation_plan")  # doctest: +SKIP
"""

from __future__ import annotations

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
    chosen = resolve_profile(profile, doc.doc_type, doc.title)
    ctx = make_context(doc, normal.text, chosen, tuple(problems), normal)
    found = restyle(doc.findings, chosen, ctx) + run_rules(ctx)
    return replace(doc, findings=tuple(sorted(found, key=_position)))


def _position(finding: Finding) -> int:
    """Findings read in the order of the text; those about the whole document first."""
    return finding.span[0] if finding.span else -1


__all__ = ["RULES", "Profile", "builtin_names", "catalogue", "check", "load_profile", "resolve_profile"]
