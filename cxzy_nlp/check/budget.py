"""Budget rule: the items of the budget extract found add up to its total."""

from __future__ import annotations

from collections.abc import Iterator

from ..model import Finding
from .context import Context

TOLERANCE = 0.005  # relative difference accepted as rounding


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
    if abs(summed - total) > TOLERANCE * max(total, 1.0):
        yield ctx.finding_at(
            "budget-mismatch",
            span,
            f"经费总额为{_wan(total)}，但{len(budget.items)}个分项合计{_wan(summed)}，相差{_wan(abs(summed - total))}，请核对预算",
            evidence=ctx.quote(span),
        )
