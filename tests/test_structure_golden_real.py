"""Structure on the dev split of the real golden files: floors under the figures measured for issue 14.

The held-back split is reported by ``cxzy eval``, never used as a floor here (it must not be tuned against).
"""

from __future__ import annotations

import pytest

# measured 2026-12-07, seventh stop, on the 106 dev files (69 + 37 written blind during the stop): top-level F1
# 0.926 (P 0.912, R 0.940), child recall 0.937, labels 0.831, kinds 0.905, documents per file 0.972, zones 0.787.
# The floors sit just under those, so a change that loses structure on real documents fails here.
# Labels: the label conventions of tests/golden/real/README.md moved the dev gold (same tool 0.831 → 0.855), and the
# label mechanisms of the same stop brought it to 0.891: floor 0.87.
# Eighth stop, 124 dev files (18 more written blind, mostly not plans: minutes, records, summaries, forms, a report,
# an OFD article): top-level F1 0.921, child 0.938, labels 0.880, kinds 0.896, documents 0.984, zones 0.794 (the 18
# alone, unchanged by the stop's work: top F1 0.568, labels 0.548, kinds 0.632). Floors unchanged.
# Ninth stop (structure of non-plans, same 124 files): top-level F1 0.957, child 0.939, labels 0.872 (new headings of
# slide scripts and review comments carry labels the gold does not give), kinds 0.948, documents 0.992, zones 0.842.
# Floors raised for top F1, kinds, documents and zones.
# Tenth stop (same 124 files): top-level F1 0.956, child 0.938, labels 0.890, kinds 0.970, documents 0.992, zones 0.872
# (held-back as printed: kinds 0.865 → 0.811 over the stop, zones 0.740 → 0.748). Floors raised for labels, kinds
# and zones.
FLOORS = {
    "top_f1": 0.94,
    "child_recall": 0.92,
    "label_accuracy": 0.88,
    "kind_accuracy": 0.95,
    "documents_exact": 0.98,
    "zone_recall": 0.85,
}


@pytest.mark.parametrize(("field", "floor"), sorted(FLOORS.items()))
def test_dev_structure_figure_holds(dev_golden_figures: dict[str, float | None], field: str, floor: float) -> None:
    value = dev_golden_figures[field]
    assert value is not None and value >= floor, f"{field} fell to {value} (floor {floor})"
