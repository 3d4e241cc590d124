"""Precision of the findings raised today on ../shared/realdocs (issue 15), from every verdict there is.

A finding is judged by the reviewer's audit (``../shared/audit/findings_judged.tsv``, judged on an older version)
or, when the audit does not cover it, by the third blind round (``tests/golden/judged/realdocs_dev.tsv``, see the
README there). The matching is the one of ``tests/test_judged_realdocs2.py``. This is development data: the findings
work may read both. The figures: ``python -m pytest -q tests/test_judged_realdocs.py -s``.
"""

from __future__ import annotations

import pytest
from conftest import ROOT, SHARED
from test_judged_realdocs2 import _successors, measure

from cxzy_nlp.goldeval import load_judged
from cxzy_nlp.model import Analysis

FOLDER = SHARED / "realdocs"
AUDIT = SHARED / "audit" / "findings_judged.tsv"
ROUND3 = ROOT / "tests" / "golden" / "judged" / "realdocs_dev.tsv"
# 2026-12-07: at main 64892eb 65 raised, T 30, F 23, D 12: 0.566; after the findings work of this stop (rules judging
# only where their facts hold) 48 raised, T 30, F 9, D 9, unjudged 0: 0.769; median 0 per document; after the
# eleventh stop's findings work (a sentence ending each parallel part is a formula…) 46 raised, T 30, F 7, D 9: 0.811
FLOOR = 0.80


@pytest.mark.slow
@pytest.mark.realdocs
def test_precision_on_realdocs_does_not_fall_below_what_is_reached() -> None:
    if not FOLDER.is_dir() or not AUDIT.is_file():
        pytest.skip(f"{FOLDER} or {AUDIT} is absent (the shared real documents are not part of the project)")
    from cxzy_nlp.pipeline import analyse

    judged = load_judged(AUDIT) + load_judged(ROUND3)
    names = sorted({j.file for j in judged})
    analyses: dict[str, Analysis | None] = {n: analyse(FOLDER / n) if (FOLDER / n).is_file() else None for n in names}
    figures = measure(judged, analyses, _successors())
    print(figures.line("realdocs"))
    assert figures.precision >= FLOOR, figures.line("realdocs")
