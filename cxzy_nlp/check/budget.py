"""Budget rule: the items of a budget add up to its total."""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..model import Finding, Span
from .context import Context

AMOUNT = re.compile(r"(?P<n>\d+(?:,\d{3})*(?:\.\d+)?)\s*(?P<unit>亿|万|千)?\s*(?:元|人民币|块)")
TOTAL_CUE = re.compile(r"(?:总计|合计|共计|总额|总预算|预算总|共需|总投入|总经费|共投入|总计为|一共)[^。；\n\d]{0,8}$")
UNITS = {"亿": 1e8, "万": 1e4, "千": 1e3, None: 1.0}
TOLERANCE = 0.005  # relative difference accepted as rounding


def _yuan(m: re.Match[str]) -> float:
    return float(m["n"].replace(",", "")) * UNITS[m["unit"]]


def _wan(value: float) -> str:
    return f"{value / 1e4:g}万元" if value >= 1e4 else f"{value:g}元"


def _budget_from_text(ctx: Context) -> tuple[float, list[float], Span] | None:
    """(total, items, span) read from a 经费预算 section when the extractor gave no budget."""
    for section in ctx.main_sections(["budget"]):
        lo, hi = section.body_span
        total: float | None = None
        items: list[float] = []
        for m in AMOUNT.finditer(ctx.text, lo, hi):
            if total is None and TOTAL_CUE.search(ctx.text[max(lo, m.start() - 12) : m.start()]):
                total = _yuan(m)
            else:
                items.append(_yuan(m))
        if total is not None and len(items) >= 2:
            return total, items, section.span
    return None


def budget_mismatch(ctx: Context) -> Iterator[Finding]:
    budget = ctx.doc.budget
    if budget is not None:
        if budget.total is None or not budget.items or budget.adds_up is True:
            return  # the extractor's own verdict wins when it gave one
        total, items, span = budget.total, [i.amount for i in budget.items], budget.span or budget.items[0].span
        if budget.adds_up is False and budget.items_sum is not None:
            items = [budget.items_sum]
    else:
        found = _budget_from_text(ctx)
        if found is None:
            return
        total, items, span = found
    summed = sum(items)
    count = len(budget.items) if budget is not None else len(items)
    if abs(summed - total) > TOLERANCE * max(total, 1.0):
        yield ctx.finding_at(
            "budget-mismatch",
            span,
            f"经费总额为{_wan(total)}，但{count}个分项合计{_wan(summed)}，相差{_wan(abs(summed - total))}，请核对预算",
            evidence=ctx.quote(span),
        )
