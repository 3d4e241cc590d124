"""Reading problems reported by the readers, as findings so reviewers see what was not read."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace

from ..model import Finding, Problem
from .context import Context

READING_RULES = (
    "unreadable-text",
    "no-text-layer",
    "ocr-low-confidence",
    "truncated",
    "encoding-repaired",
    "text-as-paths",
)
SYMBOLS_DROPPED = "symbols-dropped"  # the reader's code for glyphs of symbol fonts left out
_EDGE_SLACK = 200  # characters of preamble (or trailer) allowed around the first (or last) document


def _concerns(ctx: Context, problem: Problem) -> bool:
    """Whether ``problem`` is reported on this document.

    A problem on pages goes to the document spanning them; pages before the first document or
    after the last (a scanned cover or annex has no text to place it) go to that document; a
    problem without pages goes to the first document.
    """
    first = len(ctx.text[: ctx.doc.span[0]].strip()) < _EDGE_SLACK
    if not problem.pages or not ctx.pages:
        return first
    low, high = min(ctx.pages), max(ctx.pages)
    last = len(ctx.text[ctx.doc.span[1] :].strip()) < _EDGE_SLACK
    return any(low <= p <= high or (first and p < low) or (last and p > high) for p in problem.pages)


def _pages_text(problem: Problem) -> str:
    shown = "、".join(str(p) for p in problem.pages[:10])
    more = "等" if len(problem.pages) > 10 else ""
    return f"（第{shown}{more}页）"


def _reading_rule(ctx: Context, rule: str, advice: str) -> Iterator[Finding]:
    """The reader's own message (it usually names pages and share), with the reviewer's next step."""
    for problem in ctx.problems:
        if problem.code != rule or not _concerns(ctx, problem):
            continue
        message = problem.message
        if problem.pages and "页" not in message:
            message += _pages_text(problem)
        if problem.share and "%" not in message:
            message += f"，约占{problem.share:.0%}"
        yield ctx.finding(rule, message if "请" in message else f"{message}；{advice}")


def unreadable_text(ctx: Context) -> Iterator[Finding]:
    yield from _reading_rule(ctx, "unreadable-text", "这些文字未被检查，请对照原件核对")
    # Glyphs of symbol fonts (bullets, check boxes, formula braces) lose no text: a note, not a problem to fix.
    for finding in _reading_rule(ctx, SYMBOLS_DROPPED, "如需核对勾选项或公式，请查看原件"):
        yield replace(finding, rule="unreadable-text", severity="info")


def no_text_layer(ctx: Context) -> Iterator[Finding]:
    yield from _reading_rule(ctx, "no-text-layer", "扫描页未被检查，请提供带文字层的文件或人工审阅")


def ocr_low_confidence(ctx: Context) -> Iterator[Finding]:
    yield from _reading_rule(ctx, "ocr-low-confidence", "请对照原件核对这些页的识别结果")


def truncated(ctx: Context) -> Iterator[Finding]:
    yield from _reading_rule(ctx, "truncated", "文件可能不完整，请报送单位重新导出或重新上传")


def encoding_repaired(ctx: Context) -> Iterator[Finding]:
    yield from _reading_rule(ctx, "encoding-repaired", "已按原编码还原文字，请核对")


def text_as_paths(ctx: Context) -> Iterator[Finding]:
    yield from _reading_rule(ctx, "text-as-paths", "这些页的文字已转为曲线，已用文字识别读取，请核对")
