"""Synthetic plan documents with gold annotations, for training and testing every stage.

``generate_plan(seed)`` writes one plan (or a notice wrapping one, or a compilation of several)
whose text is what the readers and :func:`cxzy_nlp.normalise.normalise` give back for a txt
rendering, with its section tree, items (goals, activities, phases, budget, leaders, references)
and planted faults, all as exact spans. ``render`` writes it as .txt, .docx (Word automatic
numbering) or .pdf. ``generate_copy_family`` makes plans that copy each other (another unit's
plan with names swapped and edits, last year's plan recycled, a template site's text) with the
copied paragraphs aligned, for the copy detector.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path

from .compose import DOC_TYPES, FAULT_RULES, compose_plan
from .copies import SCENARIOS, CopyFamily, CopyLink, generate_copy_family
from .gold import GoldItem, GoldSection, PlantedFault, SynthPlan
from .numbering import STYLES


def generate_plan(
    seed: int,
    *,
    doc_type: str | None = None,
    department: str | None = None,
    year: int | None = None,
    style: str | None = None,
    faults: bool | float | Iterable[str] = True,
    wrapper: str | None = None,
    size: int = 2,
    theme: str | None = None,
) -> SynthPlan:
    """One synthetic plan; the same arguments always give the same plan.

    ``style`` is a numbering style of :data:`STYLES`; ``faults`` is False (clean), True (default
    rate), a rate per rule, or the exact rule ids to plant; ``wrapper`` is plain, notice or
    compilation; ``size`` scales goals, tasks, leaders and paragraphs (1–40; about 100 sentences
    at 7); ``theme`` is a theme id of ``data/themes.yaml``.
    """
    return compose_plan(
        seed,
        doc_type=doc_type,
        department=department,
        year=year,
        style=style,
        faults=faults,
        wrapper=wrapper,
        size=size,
        theme=theme,
    )


def generate_corpus(n: int, seed: int = 0, **kw: object) -> list[SynthPlan]:
    """``n`` plans with seeds derived from ``seed``; keyword arguments as :func:`generate_plan`."""
    return list(iter_plans(n, seed, **kw))


def iter_plans(n: int, seed: int = 0, **kw: object) -> Iterator[SynthPlan]:
    """The plans of :func:`generate_corpus` one at a time (10,000 long plans need not sit in memory)."""
    for i in range(n):
        yield generate_plan(seed * 1_000_003 + i, **kw)  # type: ignore[arg-type]


def render(plan: SynthPlan, fmt: str, path: str | Path) -> Path:
    """Write ``plan`` as ``fmt`` to ``path``: txt, txt-wrapped (hard line breaks every 36 characters,
    as text copied out of a PDF), docx or pdf."""
    from .renderers import render as _render

    return _render(plan, fmt, Path(path))


__all__ = [
    "DOC_TYPES",
    "FAULT_RULES",
    "SCENARIOS",
    "STYLES",
    "CopyFamily",
    "CopyLink",
    "GoldItem",
    "GoldSection",
    "PlantedFault",
    "SynthPlan",
    "generate_copy_family",
    "generate_corpus",
    "generate_plan",
    "iter_plans",
    "render",
]
