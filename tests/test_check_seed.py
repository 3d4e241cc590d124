"""Golden review findings on the seed page, run through the whole pipeline."""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Any

import pytest
import yaml

from cxzy_nlp.extract.year import infer_year
from cxzy_nlp.model import Analysis, Document
from cxzy_nlp.pipeline import analyse

GOLDEN = Path(__file__).parent / "golden" / "seed_check.yaml"


@pytest.fixture(scope="module")
def golden() -> dict[str, Any]:
    return yaml.safe_load(GOLDEN.read_text(encoding="utf-8"))  # type: ignore[no-any-return]


@pytest.fixture(scope="module")
def seed_analysis(seed_path: Path) -> Analysis:
    return analyse(seed_path)


def _rules(doc: Document) -> set[str]:
    return {f.rule for f in doc.findings}


OPENING_CHARS = 120


def _document(analysis: Analysis, word: str) -> Document:
    """The one document whose title or opening lines hold ``word``."""
    matches = [
        d
        for d in analysis.documents
        if word in (d.title or "") or word in analysis.text[d.span[0] : d.span[0] + OPENING_CHARS]
    ]
    assert len(matches) == 1, (word, [d.title for d in analysis.documents])
    return matches[0]


def test_golden_file_is_present_and_well_formed(golden: dict[str, Any]) -> None:
    assert golden["file"]["must"] and golden["documents"]


def test_file_level_findings(seed_analysis: Analysis, golden: dict[str, Any]) -> None:
    expected = golden["file"]
    found = set().union(*(_rules(d) for d in seed_analysis.documents))
    assert set(expected["must"]) <= found, set(expected["must"]) - found
    assert not set(expected["must_not"]) & found, set(expected["must_not"]) & found
    for rule, fragment in expected["evidence"].items():
        quotes = [f.evidence or "" for d in seed_analysis.documents for f in d.findings if f.rule == rule]
        assert any(fragment in q for q in quotes), (rule, quotes)
    per_rule = Counter(rule for d in seed_analysis.documents for rule in _rules(d))
    for rule, at_least in expected["documents_with"].items():
        assert per_rule[rule] >= at_least, (rule, per_rule[rule])


def test_document_findings(seed_analysis: Analysis, golden: dict[str, Any]) -> None:
    for expected in golden["documents"]:
        doc = _document(seed_analysis, expected["opening_contains"])
        rules = _rules(doc)
        label = expected["opening_contains"]
        assert set(expected.get("must", [])) <= rules, (label, set(expected.get("must", [])) - rules)
        assert not set(expected.get("must_not", [])) & rules, (label, set(expected.get("must_not", [])) & rules)
        for rule, words in expected.get("messages", {}).items():
            assert any(words in f.message for f in doc.findings if f.rule == rule), (label, rule)
        if "year" in expected:
            assert infer_year(doc, seed_analysis.text)[0] == expected["year"], label


def test_era_findings_say_which_year_was_assumed_and_why(seed_analysis: Analysis) -> None:
    era = [
        f
        for d in seed_analysis.documents
        for f in d.findings
        if f.rule in ("outdated-reference", "era-formula", "campaign-window", "anniversary") and "依据" in f.message
    ]
    assert era
    assert all("按文件年度" in f.message for f in era)


def test_every_finding_quotes_text_inside_its_document(seed_analysis: Analysis) -> None:
    for doc in seed_analysis.documents:
        for f in doc.findings:
            assert f.message
            if f.span is not None:
                assert doc.span[0] <= f.span[0] <= f.span[1] <= doc.span[1], f
