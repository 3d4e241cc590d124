"""Extraction on ../shared/realdocs: figures checked by reading dev documents, and span laws on every plan-like file.

Held-back files (tests/golden/real/heldout) appear only in the span laws, which hold for any document; no figure
read from a held-back file is asserted here (the calendar-table and stage-line shapes those files showed are tested
on project-written text in test_extract_shapes.py and test_extract_stage.py).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from cxzy_nlp.model import Document
from cxzy_nlp.pipeline import analyse

pytestmark = pytest.mark.realdocs

PLAN_LIKE = [
    "doc005.txt",
    "doc008.txt",
    "doc009.txt",
    "doc010.txt",
    "doc017.txt",
    "doc022.txt",
    "doc023.txt",
    "doc024.txt",
    "doc025.txt",
    "doc027.txt",
    "doc028.txt",
    "doc042.txt",
    "doc044.txt",
    "doc046.txt",
    "doc048.txt",
    "doc052.txt",
]


def _documents(realdocs: Path, name: str) -> tuple[str, tuple[Document, ...]]:
    analysis = analyse(realdocs / name, stages="extract")
    assert analysis.ok, analysis.errors
    return analysis.text, analysis.documents


@pytest.mark.parametrize("name", PLAN_LIKE)
def test_items_lie_in_their_document(realdocs: Path, name: str) -> None:
    text, documents = _documents(realdocs, name)
    for doc in documents:
        items = [
            *doc.goals,
            *doc.activities,
            *doc.schedule,
            *doc.leaders,
            *doc.references,
            *(doc.budget.items if doc.budget else ()),
        ]
        for item in items:
            assert doc.span[0] <= item.span[0] <= item.span[1] <= doc.span[1]
        for goal in doc.goals:
            assert text[goal.span[0] : goal.span[1]] == goal.text
        for activity in doc.activities:
            assert text[activity.span[0] : activity.span[1]] == activity.text


def test_state_council_pilot_plan(realdocs: Path) -> None:
    _, documents = _documents(realdocs, "doc008.txt")
    doc = max(documents, key=lambda d: len(d.goals))
    assert doc.year == 2018
    assert any(g.measurable and g.deadline == "2019-12-31" for g in doc.goals)
    # the five tasks and the three dated steps (制定实施方案, 组织开展试点, 总结经验做法: activities in the dev golden),
    # the target's own deadline sentence, and the one measure of the 保障措施 part that sets a deadline (开展考核评估
    # holds the 验收总结 due by 2020年4月, in the dev golden; the undated 加强组织领导, 强化运维保障 are not activities)
    assert len(doc.activities) == 10
    assert any(a.end == "2020-04-30" and "验收" in a.text for a in doc.activities)
    assert [p.end for p in doc.schedule] == ["2018-12-31", None, "2019-12-31"]
