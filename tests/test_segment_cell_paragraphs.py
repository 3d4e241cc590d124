"""A table cell whose paragraphs the reader joined with spaces (a .doc form's cell, a meeting record's 会议内容 cell,
issue 14): a paragraph that is a heading — a number, a short phrase, then the space that ended its paragraph — is
a heading when its family is numbered in order within the cell; list items that run on as sentences are not.
All texts are written for these tests."""

from __future__ import annotations

from conftest import normal_text

from cxzy_nlp.model import Block
from cxzy_nlp.segment import segment

RECORD = [
    Block("会议主题\t校园导览小程序联调", kind="table_row"),
    Block("参会人员\t王一、李二、张三", kind="table_row"),
    Block(
        "会议内容\t1、上周进展和遇到的问题 地图页面已经完成，可以显示各楼栋位置，但搜索结果还不能跳转。"
        " 2、本周分工： 王一：完善搜索跳转 李二：整理楼栋介绍 张三：编写测试用例"
        " 3、小结 大家确认了本周任务，下次例会检查完成情况。",
        kind="table_row",
    ),
]
FORM_CELL = [
    Block("二、申请理由", kind="table_row"),
    Block(
        "1.团队简介 我们团队共四人，分别负责前端、后端、算法和测试，成员都参加过课程设计。"
        " 2.国内外研究现状 近年来校园服务类小程序发展很快，相关研究主要集中在以下方面："
        " （1）导航类应用 这类应用提供室内外路线规划，已有较成熟的方案。"
        " （2）信息服务类应用 这类应用提供通知和活动信息，但更新往往不及时。"
        " 3.应用前景 本项目的成果可以推广到其他校区。",
        kind="table_row",
    ),
]


def _outline(blocks: list[Block]) -> list[tuple[int, str]]:
    docs = segment(normal_text(blocks))
    return [(s.level, s.heading.rstrip("：")) for d in docs for s in d.all_sections()]


def test_numbered_paragraphs_of_a_record_cell_are_its_headings() -> None:
    assert [h for _, h in _outline(RECORD)] == ["上周进展和遇到的问题", "本周分工", "小结"]


def test_the_ladder_inside_a_form_cell() -> None:
    outline = _outline(FORM_CELL)
    assert ("国内外研究现状" in [h for _, h in outline]) and ("应用前景" in [h for _, h in outline]), outline
    levels = dict((h, lvl) for lvl, h in outline)
    assert levels["团队简介"] == levels["国内外研究现状"] == levels["应用前景"]
    assert levels["导航类应用"] == levels["信息服务类应用"] == levels["团队简介"] + 1


def test_control_items_that_run_on_as_sentences_are_no_headings() -> None:
    cell = (
        "项目预期成果\t1.完成小程序的全部功能，并在两个校区试运行； 2.撰写使用说明一份，供新生入学时使用；"
        " 3.在校级以上刊物发表论文一篇，总结本项目的设计方法和经验。"
    )
    assert _outline([Block(cell, kind="table_row")]) == []
