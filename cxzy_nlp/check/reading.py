"""Reading problems reported by the readers, as findings so reviewers see what was not read."""

from __future__ import annotations

from collections.abc import Iterator

from ..model import Finding, Problem
from .context import Context

READING_RULES = ("unreadable-text", "no-text-layer")
_FIRST_DOCUMENT_SLACK = 200  # characters of preamble allowed before the first document


def _concerns(ctx: Context, problem: Problem) -> bool:
    """Whether ``problem`` is reported on this document: the one on its pages, else the first one."""
    if problem.pages:
        return any(page in problem.pages for page in ctx.pages)
    return len(ctx.text[:ctx.doc.span[0]].strip()) < _FIRST_DOCUMENT_SLACK


def _pages_text(problem: Problem) -> str:
    if not problem.pages:
        return ""
    shown = "、".join(str(p) for p in problem.pages[:10])
    more = "等" if len(problem.pages) > 10 else ""
    return f"（第{shown}{more}页）"


def _reading_rule(ctx: Context, rule: str, advice: str) -> Iterator[Finding]:
    for problem in ctx.problems:
        if problem.code == rule and _concerns(ctx, problem):
            share = f"，约占{problem.share:.0%}" if problem.share else ""
            yield ctx.finding(rule, f"{problem.message}{_pages_text(problem)}{share}；{advice}")


def unreadable_text(ctx: Context) -> Iterator[Finding]:
    yield from _reading_rule(ctx, "unreadable-text", "这些文字未被检查，请对照原件核对")


def no_text_layer(ctx: Context) -> Iterator[Finding]:
    yield from _reading_rule(ctx, "no-text-layer", "扫描页未被检查，请提供带文字层的文件或人工审阅")
