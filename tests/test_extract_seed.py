"""Golden test on the seed compilation (expectations in tests/golden/seed_extract.yaml) and a realdocs run."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from cxzy_nlp.model import Document
from cxzy_nlp.pipeline import analyse

GOLDEN = Path(__file__).parent / "golden" / "seed_extract.yaml"


@pytest.fixture(scope="module")
def seed_documents(seed_path: Path) -> tuple[str, tuple[Document, ...]]:
    analysis = analyse(seed_path, stages="extract")
    return analysis.text, analysis.documents


def _plan(documents: tuple[Document, ...], title_has: str) -> Document:
    matching = [d for d in documents if d.title and title_has in d.title]
    assert matching, f"no document titled with {title_has}: {[d.title for d in documents]}"
    return matching[0]


def _plans() -> list[dict[str, Any]]:
    data: dict[str, Any] = yaml.safe_load(GOLDEN.read_text(encoding="utf-8"))
    return list(data["plans"])


@pytest.mark.parametrize("expected", _plans(), ids=lambda e: e["title_has"])
def test_seed_plan(seed_documents: tuple[str, tuple[Document, ...]], expected: dict[str, Any]) -> None:
    text, documents = seed_documents
    doc = _plan(documents, expected["title_has"])
    if "year" in expected:
        assert doc.year == expected["year"] and doc.year_reason
    if "goals_start" in expected:
        assert [g.text[: len(w)] for g, w in zip(doc.goals, expected["goals_start"], strict=False)] == expected[
            "goals_start"
        ]
        assert len(doc.goals) == len(expected["goals_start"])
    if "goals_count" in expected:
        assert len(doc.goals) == expected["goals_count"]
    if "activities" in expected:
        assert [a.name for a in doc.activities] == expected["activities"]
    if "schedule_count" in expected:
        assert len(doc.schedule) == expected["schedule_count"]
    if "schedule_ends" in expected:
        assert [p.end for p in doc.schedule] == [str(d) if d else None for d in expected["schedule_ends"]]
    if "schedule_first" in expected:
        first = doc.schedule[0]
        want = expected["schedule_first"]
        assert (first.phase, first.start, first.end) == (want["phase"], str(want["start"]), str(want["end"]))
    if "period" in expected:
        assert doc.period is not None
        assert (doc.period.start, doc.period.end) == tuple(str(d) for d in expected["period"])
    if "budget" in expected:
        budget = doc.budget
        assert budget is not None
        assert budget.total == expected["budget"]["total"]
        assert [i.amount for i in budget.items] == expected["budget"]["items"]
        assert budget.adds_up is expected["budget"]["adds_up"]
    if "leaders" in expected:
        got = [{k: getattr(x, k) for k in want} for x, want in zip(doc.leaders, expected["leaders"], strict=False)]
        assert got == expected["leaders"]
    if "references" in expected:
        assert [r.doc_number for r in doc.references] == [r["doc_number"] for r in expected["references"]]
    for item in (*doc.goals, *doc.activities, *doc.schedule, *doc.leaders, *doc.references):
        assert doc.span[0] <= item.span[0] <= item.span[1] <= doc.span[1]
    for goal in doc.goals:
        assert text[goal.span[0] : goal.span[1]] == goal.text


def test_golden_file_is_present() -> None:
    assert GOLDEN.is_file()
    assert len(_plans()) >= 4
