"""Word heading styles and numbers the marker grammar alone refuses (issue 14)."""

from __future__ import annotations

import pytest
from docx_factory import DocxBuilder

from cxzy_nlp.pipeline import analyse_result
from cxzy_nlp.read import read_bytes

HEADINGS = ["1 引言", "2 项目概述", "3 实施整个软件开发活动的详细计划", "4 项目组织和资源", "5 项目估算"]


def _top(style: str | None) -> list[tuple[str, str, int]]:
    builder = DocxBuilder()
    builder.paragraph("图书管理系统软件开发计划")
    for heading in HEADINGS:
        builder.paragraph(heading, style=style)
        builder.paragraph("本节说明有关安排，供项目组成员遵照执行。")
    analysis = analyse_result(read_bytes(builder.to_bytes(), "plan.docx"), stages="segment")
    return [(s.number, s.heading, s.level) for d in analysis.documents for s in d.sections]


def test_numbered_word_headings_keep_their_numbers_and_level() -> None:
    top = _top("Heading1")
    assert [number for number, _, _ in top] == ["1", "2", "3", "4", "5"]
    assert {level for _, _, level in top} == {1}
    assert top[3][1] == "项目组织和资源"


@pytest.mark.parametrize("style", [None])
def test_control_without_the_heading_style_long_and_counting_lines_are_no_headings(style: str | None) -> None:
    numbers = [number for number, _, _ in _top(style)]
    assert "3" not in numbers  # 3 …详细计划 is too long for a heading without the style
    assert "4" in numbers  # 4 项目组织和资源: 项目 is a word, not a count (test_segment_numbers.py has the count)


RESTART_UNDER_OTHER = (
    "创业项目计划书\n1. 项目概述\n本项目提供在线服务。\n2. 市场分析\na) 行业现状\n1. 市场规模大\n2. 增速快\n"
    "b) 竞争态势\n竞争者较少。\n3. 管理团队\n团队共五人。\n"
)


def test_a_list_restarting_right_under_a_heading_of_another_ladder_is_its_child() -> None:
    from cxzy_nlp.pipeline import analyse_text

    (doc,) = analyse_text(RESTART_UNDER_OTHER, stages="segment").documents
    assert [s.heading for s in doc.sections] == ["项目概述", "市场分析", "管理团队"]


def test_control_a_restart_right_after_its_own_ladder_is_a_numbering_slip() -> None:
    from cxzy_nlp.pipeline import analyse_text

    text = "创业项目计划书\n1. 项目概述\n本项目提供在线服务。\n2. 市场分析\n1. 管理团队\n团队共五人。\n"
    (doc,) = analyse_text(text, stages="segment").documents
    assert [(s.heading, s.level) for s in doc.sections][-1] == ("管理团队", 1)
