"""Budget rule: the items of the budget extract found add up to its total."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace

from ..model import Finding
from .context import Context

TOLERANCE = 0.005  # relative difference accepted as rounding
# A sum within this factor of its total is a slip a department made (an item left out, a digit mistyped);
# one further off means the items were misread (part of a table, a monthly figure, a count): info only.
CLOSE_RATIO = 4 / 3


def _wan(value: float) -> str:
    return f"{value / 1e4:g}万元" if value >= 1e4 else f"{value:g}元"


def budget_mismatch(ctx: Context) -> Iterator[Finding]:
    budget = ctx.doc.budget
    if budget is None or budget.total is None or not budget.items or budget.adds_up is True:
        return  # the extractor's own verdict wins when it gave one
    total, span = budget.total, budget.span or budget.items[0].span
    summed = (
        budget.items_sum
        if budget.adds_up is False and budget.items_sum is not None
        else sum(i.amount for i in budget.items)
    )
    if abs(summed - total) <= TOLERANCE * max(total, 1.0):
        return
    finding = ctx.finding_at(
        "budget-mismatch",
        span,
        f"经费总额为{_wan(total)}，但{len(budget.items)}个分项合计{_wan(summed)}，相差{_wan(abs(summed - total))}，请核对预算",
        evidence=ctx.quote(span),
    )
    ratio = float(ctx.setting("budget-mismatch", "close_ratio", CLOSE_RATIO))
    if total <= 0 or summed <= 0 or not 1 / ratio <= summed / total <= ratio:
        finding = replace(
            finding,
            severity="info",
            message=finding.message.replace("请核对预算", "两者相差过大，可能是分项未读全或读错，请人工核对预算"),
        )
    yield finding
