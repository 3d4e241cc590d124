"""Heading numbers as real documents write them: ``1 项目背景`` and ``2项目背景`` glued by a PDF (issue 14)."""

from __future__ import annotations

from conftest import normal_text

from cxzy_nlp.model import Block
from cxzy_nlp.pipeline import analyse_text
from cxzy_nlp.segment import segment

SPACED = (
    "校园导航项目总结报告\n1 项目背景\n新生常常找不到教室。\n2 项目预期\n做出一个导航小程序。\n"
    "3 人员分工\n张明负责前端，李华负责后端。\n"
)


def test_a_number_and_a_space_before_a_word_of_项目_or_人员_opens_a_heading() -> None:
    (doc,) = analyse_text(SPACED, stages="segment").documents
    assert [(s.number, s.heading) for s in doc.sections] == [("1", "项目背景"), ("2", "项目预期"), ("3", "人员分工")]


def test_control_a_count_before_项_or_人_is_no_heading() -> None:
    text = "校园导航项目总结报告\n1 项工作已经完成\n新生常常找不到教室。\n2 人参加了测试\n做出一个导航小程序。\n"
    (doc,) = analyse_text(text, stages="segment").documents
    assert doc.sections == ()


def _glued(size: float | None, with_sections: bool) -> list[Block]:
    body = 12.0
    blocks = [Block("校园导航商业计划书", font_size=body)]
    for n, head, sub in ((1, "执行纲要", "项目概述"), (2, "项目背景", "行业现状"), (3, "营销策略", "推广渠道")):
        blocks.append(Block(f"{n}{head}", font_size=size))
        if with_sections:
            blocks.append(Block(f"{n}.1 {sub}", font_size=body))
        blocks.append(Block("本部分说明项目的有关情况，内容较长，供评审参考。", font_size=body))
    return blocks


def test_chapter_numbers_glued_to_their_headings_are_headings_over_their_sections() -> None:
    (doc,) = segment(normal_text(_glued(None, with_sections=True)))
    assert [(s.number, s.heading) for s in doc.sections] == [("1", "执行纲要"), ("2", "项目背景"), ("3", "营销策略")]
    assert [c.heading for c in doc.sections[1].children] == ["行业现状"]


def test_chapter_numbers_glued_to_larger_headings_are_headings() -> None:
    (doc,) = segment(normal_text(_glued(20.0, with_sections=False)))
    assert [s.heading for s in doc.sections] == ["执行纲要", "项目背景", "营销策略"]


def test_control_a_glued_number_in_body_type_without_sections_is_no_heading() -> None:
    (doc,) = segment(normal_text(_glued(12.0, with_sections=False)))
    assert doc.sections == ()


def _word_headings(headings: list[str]) -> list[tuple[str, str, int]]:
    from docx_factory import DocxBuilder

    from cxzy_nlp.pipeline import analyse_result
    from cxzy_nlp.read import read_bytes

    builder = DocxBuilder()
    builder.paragraph("苏州方言调研报告")
    for heading in headings:
        builder.paragraph(heading, style="Heading1")
        builder.paragraph("本节说明调研的有关情况，供读者参考。")
    analysis = analyse_result(read_bytes(builder.to_bytes(), "report.docx"), stages="segment")
    return [(s.number, s.heading, s.level) for d in analysis.documents for s in d.sections]


def test_word_headings_numbered_with_and_without_a_space_are_one_ladder() -> None:
    top = _word_headings(["1调研背景", "2 调查问卷分析", "3 保护的动因", "4现有保护措施"])
    assert top == [("1", "调研背景", 1), ("2", "调查问卷分析", 1), ("3", "保护的动因", 1), ("4", "现有保护措施", 1)]


def test_control_a_word_heading_opening_with_a_month_has_no_number() -> None:
    top = _word_headings(["3月工作安排", "4月工作安排"])
    assert [number for number, _, _ in top] == ["", ""]


def _summary(first_numbered: bool) -> list[Block]:
    body = Block("本部分回顾一年来的工作，内容较长，供老师参考。", bold=False)
    blocks = [Block("关于参加创新大赛的个人总结", bold=False)]
    if first_numbered:
        blocks += [Block("（1）前期准备", bold=False), body]
    blocks += [Block("团队角色", bold=True), body, Block("取得成就", bold=True)]
    blocks += [Block("（1）知识方面", bold=False), body, Block("（2）素质方面", bold=False), body]
    blocks += [Block("心得体会", bold=True), body]
    return blocks


def test_bold_parts_over_numbered_sub_headings_are_the_top_level() -> None:
    (doc,) = segment(normal_text(_summary(first_numbered=False)))
    assert [s.heading for s in doc.sections] == ["团队角色", "取得成就", "心得体会"]
    assert [c.heading for c in doc.sections[1].children] == ["知识方面", "素质方面"]


def test_control_numbered_headings_before_any_bold_line_stay_the_structure() -> None:
    (doc,) = segment(normal_text(_summary(first_numbered=True)))
    assert "团队角色" not in [s.heading for s in doc.all_sections()]


CIRCLED = (
    "暑期学习计划\n七月学习网页制作，每周完成一个练习。\n① 网页格式学习\n② 网页结构化\n八月学习数据库。\n"
    "① 建表练习\n② 查询练习\n"
)


def test_circled_numbers_alone_are_list_items_not_parts() -> None:
    (doc,) = analyse_text(CIRCLED, stages="segment").documents
    assert doc.sections == ()


def test_control_circled_items_under_a_ladder_stay_its_sub_headings() -> None:
    text = CIRCLED.replace("七月学习", "一、七月安排\n七月学习").replace("八月学习", "二、八月安排\n八月学习")
    (doc,) = analyse_text(text, stages="segment").documents
    assert [s.heading for s in doc.sections] == ["七月安排", "八月安排"]
    assert [c.heading for c in doc.sections[0].children] == ["网页格式学习", "网页结构化"]
