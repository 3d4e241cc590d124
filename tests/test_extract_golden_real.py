"""Extraction on the dev split of the real golden files: floors under the figures measured for issue 16.

The held-back split is reported, never used as a floor here (it must not be tuned against).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import SHARED

from cxzy_nlp.goldeval import evaluate_folder

DEV = Path(__file__).parent / "golden" / "real" / "dev"

# measured 2026-12-06 (rules alone) with the structure work merged: goals 0.671, activities 0.429/0.234,
# period 0.375, budget 1.0, owners 0.831. (Activity precision fell from 0.350 when the structure work split
# notices from their plans and forms from bound plans: more gold documents are paired, and with them more
# extracted items that the gold does not list; to investigate.)
FLOORS = {
    "goals_recall": 0.65,
    "activities_recall": 0.40,
    "activities_precision": 0.22,
    "period_exact": 0.35,
    "budget_exact": 0.80,
    "owners_recall": 0.80,
}


@pytest.fixture(scope="module")
def dev_figures() -> dict[str, float | None]:
    if not (SHARED / "realdocs").is_dir() or not (SHARED / "realdocs2").is_dir():
        pytest.skip("../shared/realdocs and realdocs2 are not present on this machine")
    total, absent = evaluate_folder(DEV, SHARED)
    assert not absent, f"golden files without their source: {absent}"
    return total.figures()


@pytest.mark.parametrize(("field", "floor"), sorted(FLOORS.items()))
def test_dev_extraction_figure_holds(dev_figures: dict[str, float | None], field: str, floor: float) -> None:
    value = dev_figures[field]
    assert value is not None and value >= floor, f"{field} fell to {value} (floor {floor})"
