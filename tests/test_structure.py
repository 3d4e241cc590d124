"""Structure as reviewers receive documents: traditional characters, zones, layout headings, forms (issue 14)."""

from __future__ import annotations

import pytest

from cxzy_nlp.normalise import fold_traditional
from cxzy_nlp.pipeline import analyse_text
from cxzy_nlp.synth import generate_corpus

opencc = pytest.importorskip("opencc", reason="opencc (traditional → simplified folding) is not installed")


def _outline(text: str) -> list[tuple[str | None, list[tuple[str, int, str, tuple[str, ...]]]]]:
    out = []
    for doc in analyse_text(text, stages="segment").documents:
        rows = [(s.number, s.level, fold_traditional(s.heading), s.labels) for s in doc.all_sections()]
        out.append((doc.doc_type, rows))
    return out


def test_fold_keeps_offsets_and_leaves_simplified_text_alone() -> None:
    assert fold_traditional("關於印發《實施方案》的通知\n一、組織領導") == "关于印发《实施方案》的通知\n一、组织领导"
    text = "一、组织领导\n成立工作专班。"
    assert fold_traditional(text) is text


def test_traditional_rendering_of_generated_plans_gives_the_same_outline_and_labels() -> None:
    to_traditional = opencc.OpenCC("s2t")
    checked = 0
    for plan in generate_corpus(12, seed=1414):
        traditional = to_traditional.convert(plan.text)
        if traditional == plan.text:
            continue
        simplified = _outline(plan.text)
        assert simplified and any(rows for _, rows in simplified)
        assert _outline(traditional) == simplified
        checked += 1
    assert checked >= 10


def test_traditional_text_is_kept_as_written() -> None:
    text = "城區綠化提升實施方案\n一、工作目標\n新增綠地十處。\n二、組織領導\n成立領導小組。"
    analysis = analyse_text(text, stages="segment")
    (doc,) = analysis.documents
    assert analysis.text == text
    assert doc.title == "城區綠化提升實施方案" and doc.doc_type == "implementation_plan"
    assert [(s.heading, s.labels) for s in doc.sections] == [("工作目標", ("goals",)), ("組織領導", ("organization",))]


def test_control_without_folding_traditional_plans_lose_labels(monkeypatch: pytest.MonkeyPatch) -> None:
    import cxzy_nlp.classify as classify_mod
    import cxzy_nlp.segment as segment_mod

    plan = generate_corpus(1, seed=1414)[0]
    traditional = opencc.OpenCC("s2t").convert(plan.text)
    monkeypatch.setattr(segment_mod, "fold_traditional", lambda s: s)
    monkeypatch.setattr(classify_mod, "fold_traditional", lambda s: s)
    assert _outline(traditional) != _outline(plan.text)
