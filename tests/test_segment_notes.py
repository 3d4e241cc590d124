"""Lines that are never headings: a list of notes under 注： (cxzy_nlp.zones.note_list_lines) and a bold field line
(项目负责人： 张明) among layout headings (issue 14)."""

from __future__ import annotations

import pytest
from conftest import normal_text

from cxzy_nlp.model import Block
from cxzy_nlp.pipeline import analyse_text
from cxzy_nlp.segment import segment
from cxzy_nlp.zones import note_list_lines

PLAN = (
    "社区读书节活动方案\n一、活动内容\n开展共读活动，每周一次。\n二、活动安排\n五月启动，六月总结。\n"
    "{notes}\n2．本方案报街道备案。\n3．未尽事宜另行通知。\n"
)


def _headings(text: str) -> list[str]:
    return [s.heading for d in analyse_text(text, stages="segment").documents for s in d.all_sections()]


@pytest.mark.parametrize("notes", ["注：1．此表一式两份，社区留存一份。", "备注：\n1．此表一式两份，社区留存一份。"])
def test_a_list_of_notes_gives_no_headings(notes: str) -> None:
    assert _headings(PLAN.format(notes=notes)) == ["活动内容", "活动安排"]


def test_control_the_same_list_without_its_label_is_numbered_text() -> None:
    found = _headings(PLAN.format(notes="1．此表一式两份，社区留存一份。"))
    assert "本方案报街道备案" in found  # without 注： the items are taken as numbered headings


def test_note_list_lines() -> None:
    lines = [
        "注：1．一式三份。",
        "2．双面打印。",
        "3．按时提交。",
        "四、其他",
        "说明：本表由学院填写。",
        "1．不是注的续行",
    ]
    assert note_list_lines(lines) == {0, 1, 2}
    assert note_list_lines(["注：2．续前页", "3．其他"]) == set()  # a list that does not open at 1


def test_a_bold_field_with_its_value_is_no_layout_heading() -> None:
    body = Block("本部分介绍项目的来龙去脉，内容较长，供评审参考。", bold=False)
    blocks = [Block("校园导航项目总结", bold=False), Block("项目负责人： 张明", bold=True), body]
    blocks += [Block("项目背景", bold=True), body, Block("项目成果", bold=True), body]
    (doc,) = segment(normal_text(blocks))
    assert [s.heading for s in doc.sections] == ["项目背景", "项目成果"]
    # control: a bold heading that ends with its colon is still a heading
    blocks[1] = Block("项目团队：", bold=True)
    (doc,) = segment(normal_text(blocks))
    assert [s.heading for s in doc.sections] == ["项目团队", "项目背景", "项目成果"]
