"""A record served from the result cache is read back lazily: findings at once, the sections, goals, activities and
other large parts of each document only when something reads them; the analysis equals, hashes and converts as the
one ``analysis_from_dict`` builds."""

from __future__ import annotations

import copy
import json
import pickle
from dataclasses import FrozenInstanceError, replace
from pathlib import Path
from typing import Any

import pytest

from cxzy_nlp import jsonio
from cxzy_nlp.config import Config
from cxzy_nlp.corpus.batch import run_batch
from cxzy_nlp.corpus.cache import ResultCache
from cxzy_nlp.jsonio import analysis_from_dict, analysis_to_dict, stored_analysis
from cxzy_nlp.synth import generate_plan, render


@pytest.fixture(scope="module")
def plans(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("plans")
    for seed, fmt in ((4, "txt"), (5, "docx")):
        render(generate_plan(seed), fmt, folder / f"plan{seed}.{fmt}")
    return folder


@pytest.fixture(scope="module")
def records(plans: Path) -> list[dict[str, Any]]:
    out = []
    for analysis in run_batch(sorted(str(p) for p in plans.iterdir()), Config(isolate=False)):
        out.append(json.loads(json.dumps(analysis_to_dict(analysis), ensure_ascii=False)))
    assert all(r["documents"] and r["documents"][0]["sections"] for r in out)
    return out


def _counting(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    built: list[str] = []
    section, spanned = jsonio.section_from_dict, jsonio._spanned

    def counted_section(d: dict[str, Any]) -> Any:
        built.append("section")
        return section(d)

    def counted_spanned(cls: Any, items: list[dict[str, Any]]) -> Any:
        built.append(cls.__name__)
        return spanned(cls, items)

    places = jsonio._places_from_list

    def counted_places(items: list[list[Any]]) -> Any:
        built.append("places")
        return places(items)

    monkeypatch.setattr(jsonio, "section_from_dict", counted_section)
    monkeypatch.setattr(jsonio, "_spanned", counted_spanned)
    monkeypatch.setattr(jsonio, "_places_from_list", counted_places)
    return built


def test_a_cached_rerun_builds_findings_only(plans: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    cache = ResultCache(tmp_path / "cache.sqlite")
    paths = sorted(str(p) for p in plans.iterdir())
    try:
        fresh = {a.source.path: a for a in run_batch(paths, Config(isolate=False), cache=cache)}
        built = _counting(monkeypatch)
        again = list(run_batch(paths, Config(isolate=False), cache=cache))
        findings = [f for a in again for d in a.documents for f in d.findings]  # what a check's summary reads
    finally:
        cache.close()
    assert findings
    assert set(built) == {"Finding"}  # no section, goal, activity, owner, place… built
    built.clear()
    for analysis in again:  # control: asked for, they are built, and are what the first run found
        expected = fresh[analysis.source.path]
        assert [d.sections for d in analysis.documents] == [d.sections for d in expected.documents]
        assert [d.goals for d in analysis.documents] == [d.goals for d in expected.documents]
        assert analysis.places == expected.places
        assert analysis == analysis_from_dict(analysis_to_dict(expected))  # the contract's part of it
    assert {"section", "Goal", "places"} <= set(built)


def test_stored_analysis_equals_the_one_built_at_once(records: list[dict[str, Any]]) -> None:
    for record in records:
        eager = analysis_from_dict(copy.deepcopy(record))
        lazy = stored_analysis(copy.deepcopy(record))
        assert type(lazy.documents[0]) is not type(eager.documents[0])  # the lazy kind indeed
        assert type(lazy) is not type(eager) and hash(lazy.places) == hash(eager.places)
        assert lazy == eager and eager == lazy
        for a, b in zip(lazy.documents, eager.documents, strict=True):
            assert a == b and b == a and hash(a) == hash(b)
        assert analysis_to_dict(lazy) == record
        assert pickle.loads(pickle.dumps(stored_analysis(copy.deepcopy(record)))) == eager
        assert copy.deepcopy(stored_analysis(copy.deepcopy(record))) == eager


def test_a_stored_document_stays_frozen_and_replace_keeps_its_parts(records: list[dict[str, Any]]) -> None:
    record = records[0]
    doc = stored_analysis(copy.deepcopy(record)).documents[0]
    eager = analysis_from_dict(copy.deepcopy(record)).documents[0]
    with pytest.raises(FrozenInstanceError):
        doc.sections = ()  # type: ignore[misc]
    changed = replace(doc, findings=())
    assert changed.findings == () and changed.sections == eager.sections and changed.goals == eager.goals
    assert changed != eager  # control: the findings did change
    assert replace(changed, findings=eager.findings) == eager
