"""Structure as reviewers receive documents: traditional characters, zones, layout headings, forms (issue 14)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from pdf_factory import Para, build_pdf

from cxzy_nlp.chinese.markers import LINE_START_MARKER
from cxzy_nlp.goldeval import align
from cxzy_nlp.normalise import fold_traditional
from cxzy_nlp.pipeline import analyse, analyse_result, analyse_text
from cxzy_nlp.read import read_bytes
from cxzy_nlp.synth import generate_corpus


@pytest.fixture(scope="module")
def opencc() -> Any:
    return pytest.importorskip("opencc", reason="opencc (traditional → simplified folding) is not installed")


def _outline(text: str) -> list[tuple[str | None, list[tuple[str, int, str, tuple[str, ...]]]]]:
    out = []
    for doc in analyse_text(text, stages="segment").documents:
        rows = [(s.number, s.level, fold_traditional(s.heading), s.labels) for s in doc.all_sections()]
        out.append((doc.doc_type, rows))
    return out


def test_fold_keeps_offsets_and_leaves_simplified_text_alone(opencc: Any) -> None:
    assert fold_traditional("關於印發《實施方案》的通知\n一、組織領導") == "关于印发《实施方案》的通知\n一、组织领导"
    text = "一、组织领导\n成立工作专班。"
    assert fold_traditional(text) is text


def test_traditional_rendering_of_generated_plans_gives_the_same_outline_and_labels(opencc: Any) -> None:
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


def test_traditional_text_is_kept_as_written(opencc: Any) -> None:
    text = "城區綠化提升實施方案\n一、工作目標\n新增綠地十處。\n二、組織領導\n成立領導小組。"
    analysis = analyse_text(text, stages="segment")
    (doc,) = analysis.documents
    assert analysis.text == text
    assert doc.title == "城區綠化提升實施方案" and doc.doc_type == "implementation_plan"
    assert [(s.heading, s.labels) for s in doc.sections] == [("工作目標", ("goals",)), ("組織領導", ("organization",))]


def test_control_without_folding_traditional_plans_lose_labels(opencc: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    import cxzy_nlp.classify as classify_mod
    import cxzy_nlp.segment as segment_mod

    plan = generate_corpus(1, seed=1414)[0]
    traditional = opencc.OpenCC("s2t").convert(plan.text)
    monkeypatch.setattr(segment_mod, "fold_traditional", lambda s: s)
    monkeypatch.setattr(classify_mod, "fold_traditional", lambda s: s)
    assert _outline(traditional) != _outline(plan.text)


# ------------------------------------------------------------------ texts that lost their line breaks


def _top_headings(docs: Any) -> list[str]:
    return [s.heading for d in docs for s in d.sections]


@pytest.mark.parametrize("seed", [77, 78])
def test_a_flattened_generated_plan_gets_its_sections(seed: int) -> None:
    for plan in generate_corpus(6, seed=seed, wrapper="plain"):  # one plan (a flattened 汇编 mixes ladders)
        gold = [s.heading for s in plan.sections]
        flat = plan.text.replace("\n", "")
        found = _top_headings(analyse_text(flat, stages="segment").documents)
        assert len(align(gold, found)) == len(gold), (gold, found)


def test_control_a_short_line_with_stray_numbers_is_no_ladder() -> None:
    text = "学习贯彻十七届三、四中全会精神，做好一、二季度工作。"
    assert _top_headings(analyse_text("学习方案\n" + text * 12, stages="segment").documents) == []


# ------------------------------------------------------------------ headings from layout


def _unnumbered_pdf(seed: int) -> tuple[bytes, list[str]]:
    """A generated plan typeset with its top-level headings bold and larger, no numbers anywhere."""
    plan = generate_corpus(1, seed=seed)[0]
    items = [Para(plan.title or "工作方案", size=18, bold=True, center=True)]
    gold = []
    for section in plan.sections:
        gold.append(section.heading)
        items.append(Para(section.heading, size=15, bold=True, indent=False, space_before=6))
        body = plan.text[section.heading_span[1] : section.span[1]]
        for line in body.split("\n"):  # sub-headings become body text: the numbers go
            if line.strip():
                items.append(Para(LINE_START_MARKER.sub("", line).strip() + "。"))
    return build_pdf(items), gold


@pytest.mark.parametrize("seed", [5, 6])
def test_an_unnumbered_heading_pdf_gets_its_sections(seed: int) -> None:
    data, gold = _unnumbered_pdf(seed)
    analysis = analyse_result(read_bytes(data, "plan.pdf"), stages="segment")
    found = _top_headings(analysis.documents)
    assert len(align(gold, found)) == len(gold), (gold, found)
    assert all(s.number == "" for d in analysis.documents for s in d.sections)


def test_control_a_pdf_all_in_bold_has_no_layout_headings() -> None:
    items = [Para("工作方案", size=18, bold=True, center=True)]
    for i in range(6):
        items += [Para(f"第{i}项工作安排", bold=True, indent=False), Para("按时完成各项任务并报送材料", bold=True)]
    analysis = analyse_result(read_bytes(build_pdf(items), "plan.pdf"), stages="segment")
    assert _top_headings(analysis.documents) == []


# ------------------------------------------------------------------ zones on real documents


@pytest.mark.realdocs
def test_doc031_contents_lines_never_become_headings(realdocs: Path) -> None:
    analysis = analyse(realdocs / "doc031.pdf", stages="segment")
    form, plan = analysis.documents
    assert form.doc_type == "application_form"
    assert [s.number for s in form.sections] == ["A", "B"]  # C 项目审核意见 is an approval zone
    assert "approval" in [z.kind for z in form.zones] and "contents" in [z.kind for z in plan.zones]
    contents = [z.span for d in analysis.documents for z in d.zones if z.kind == "contents"]
    heads = [s for d in analysis.documents for s in d.all_sections()]
    assert heads and not any(a <= s.heading_span[0] < b for s in heads for a, b in contents)
    assert [s.heading for s in plan.sections][:2] == ["指导思想", "实践课题的基本内容"]
    assert plan.title != "目录"
    assert all(s.level == 1 for s in plan.sections)


@pytest.mark.realdocs
@pytest.mark.parametrize("name", ["realdocs2/rd001.doc", "realdocs2/rd111.pdf"])
def test_task_and_application_forms_have_their_parts_at_level_one(realdocs: Path, name: str) -> None:
    path = realdocs.parent / name
    if not path.is_file():
        pytest.skip(f"{name} is not present on this machine")
    (doc,) = analyse(path, stages="segment").documents
    assert doc.doc_type == "application_form"
    assert doc.zones[0].kind == "cover"
    top = [s for s in doc.sections if s.level == 1]
    assert len(top) >= 4 and all(s.number for s in top)
    cover = doc.zones[0].span
    assert not any(cover[0] <= s.heading_span[0] < cover[1] for s in doc.all_sections())


def test_a_sub_heading_naming_nothing_takes_the_section_its_parent_names() -> None:
    text = "读书节活动方案\n一、宣传发动\n（一）海报\n在校门口张贴海报。\n（二）经费预算\n共计五千元。\n二、活动内容\n开展读书分享。"
    (doc,) = analyse_text(text, stages="segment").documents
    publicity = doc.sections[0]
    assert publicity.labels == ("publicity",)
    assert [c.labels for c in publicity.children] == [("publicity",), ("budget",)]  # a name of its own wins
    poster = publicity.children[0]
    assert poster.label_confidence is not None and publicity.label_confidence is not None
    assert poster.label_confidence < publicity.label_confidence


# ------------------------------------------------------------------ format parity


def _structure(path: Path) -> tuple[list[Any], list[tuple[str, str, int]]]:
    docs = analyse(path, stages="segment").documents
    return [(d.doc_type, d.parent) for d in docs], [
        (s.number, s.heading, s.level) for d in docs for s in d.all_sections()
    ]


def test_the_same_generated_plan_has_one_outline_in_every_format(tmp_path: Path) -> None:
    from cxzy_nlp.synth import render

    for i, plan in enumerate(generate_corpus(4, seed=31)):
        seen = {fmt: _structure(render(plan, fmt, tmp_path / f"p{i}.{fmt}")) for fmt in ("txt", "docx", "pdf")}
        assert seen["txt"][1], plan.title
        assert seen["docx"] == seen["txt"] and seen["pdf"] == seen["txt"], plan.title


@pytest.mark.realdocs
@pytest.mark.parametrize(
    ("first", "second"), [("rd001.doc", "rd015.pdf"), ("rd029.docx", "rd030.pdf"), ("rd006.doc", "rd117.pdf")]
)
def test_format_pairs_of_realdocs2_have_the_same_top_headings(realdocs: Path, first: str, second: str) -> None:
    folder = realdocs.parent / "realdocs2"
    if not (folder / first).is_file() or not (folder / second).is_file():
        pytest.skip("../shared/realdocs2 is not present on this machine")
    kinds_a, heads_a = _structure(folder / first)
    kinds_b, heads_b = _structure(folder / second)
    top_a = [h for _, h, level in heads_a if level == 1]
    top_b = [h for _, h, level in heads_b if level == 1]
    assert kinds_a == kinds_b
    assert len(top_a) >= 2 and len(align(top_a, top_b)) == len(top_a) == len(top_b)


# ------------------------------------------------------------------ numbering that restarts


def test_a_list_restarting_inside_a_section_is_a_child_list() -> None:
    text = (
        "评优工作方案\n一、评选范围\n全体在校学生。\n二、评选条件\n具体条件如下：\n一、思想品德优秀\n二、学习成绩优良\n"
        "三、组织实施\n由学院组织评选。"
    )
    (doc,) = analyse_text(text, stages="segment").documents
    assert [(s.heading, s.level) for s in doc.all_sections()] == [
        ("评选范围", 1),
        ("评选条件", 1),
        ("思想品德优秀", 2),
        ("学习成绩优良", 2),
        ("组织实施", 1),
    ]
    # control: a restart right after a sibling heading is a numbering slip, kept on its level (and reported)
    slip = analyse_text("工作方案\n一、总体要求\n（一）甲\n（二）乙\n（一）丙", stages="check").documents[0]
    assert [s.level for s in slip.all_sections()] == [1, 2, 2, 2]
    assert any(f.rule == "heading-sequence" for f in slip.findings)


def test_a_long_list_is_not_cut_after_fifty_items() -> None:
    items = "".join(f"{i}.第{i}项检查内容\n按要求逐项落实。\n" for i in range(1, 66))
    (doc,) = analyse_text(
        "检查工作方案\n一、检查内容\n" + items + "二、工作要求\n按时报送。", stages="segment"
    ).documents
    first, second = doc.sections
    assert [c.number for c in first.children][-1] == "65." and len(first.children) == 65
    assert second.heading == "工作要求"
