"""Section labels from the heading words (issue 14): summary, technical and form parts; a verb-led heading
is a piece of work; parts written without a section of their own (a line, a table cell, a lead ``目标：``).

Every case is project-written; each table holds cases that must and must not give a label.
"""

from __future__ import annotations

import pytest

from cxzy_nlp.classify import Labelling, classify, rule_labels, written_parts
from cxzy_nlp.pipeline import analyse_text

# fmt: off
HEADING_LABELS = [
    # (heading, labels): whole names and the words a heading ends with
    ("项目成果", ("sum_achievements",)),
    ("经验总结", ("sum_achievements",)),
    ("实践过程", ("sum_achievements",)),
    ("未来计划", ("next_steps",)),
    ("下周计划", ("next_steps",)),
    ("后续工作", ("next_steps",)),
    ("遇到的问题", ("sum_problems",)),
    ("评审规则", ("evaluation",)),
    ("验收标准", ("evaluation",)),
    ("软件质量保证", ("evaluation",)),
    ("系统验收", ("evaluation",)),
    ("申报条件", ("logistics",)),
    ("参赛队伍食宿安排", ("logistics",)),
    ("团队分工", ("division",)),
    ("成立项目组", ("organization",)),
    ("交付期限", ("steps",)),
    ("活动流程安排", ("steps",)),  # two steps terms run on, no joiner
    ("宣传海报", ("publicity",)),
    ("开展本次实践的目的", ("goals",)),  # a short synonym on word boundaries
    ("团队成员", ("organization",)),
    ("市场风险与规避", ("risk_safety",)),
    ("研究总结", ("sum_achievements",)),
    ("执行总结", ("background",)),  # a business plan's executive summary is its overview
    ("项目难点", ("sum_problems",)),
    ("支持条件", ("safeguards",)),
]
# Headings whose words must not give these labels.
NOT_LABELS = [
    ("培训目标", {"tasks"}),  # a head after words that are no topic: the head alone (培训 names no part)
    ("其他安排", {"sum_achievements", "next_steps"}),
    ("项目背景", {"sum_achievements"}),
    ("项目的阶段划分", {"goals"}),  # 目的 across the words 项目 + 的 is no synonym
    ("项目的人员分配", {"goals"}),
    ("营造良好环境", {"background"}),  # words read in the wider corpus: these end in no part's name
    ("拟解决关键问题", {"sum_problems"}),
    ("提出意见建议", {"next_steps"}),
]
# fmt: on


@pytest.mark.parametrize(("heading", "labels"), HEADING_LABELS)
def test_heading_words_name_their_part(heading: str, labels: tuple[str, ...]) -> None:
    found = rule_labels(heading)
    assert found is not None and found.labels == labels, found


@pytest.mark.parametrize(("heading", "wrong"), NOT_LABELS)
def test_heading_words_do_not_name_another_part(heading: str, wrong: set[str]) -> None:
    found = rule_labels(heading)
    assert found is None or not wrong & set(found.labels), found


WORK_AREAS = """2024年社区治理工作要点
一、完善居民议事激励和评议监督机制
居民议事会每季度召开一次。
二、加强消防安全和应急能力建设
每个小区配备一支志愿消防队。
三、考核奖励
年终评选十户文明家庭。
"""


def _top_labels(text: str) -> dict[str, tuple[str, ...]]:
    (doc,) = analyse_text(text, stages="classify").documents
    return {s.heading: s.labels for s in doc.sections}


def test_a_verb_led_heading_is_a_piece_of_work_whatever_its_keywords() -> None:
    labels = _top_labels(WORK_AREAS)
    assert labels["完善居民议事激励和评议监督机制"] == ("tasks",)
    assert labels["加强消防安全和应急能力建设"] == ("tasks",)
    assert labels["考核奖励"] == ("evaluation",)  # control: a name, not a piece of work, keeps its part


def test_control_without_the_work_area_guard_keywords_label_the_heading(monkeypatch: pytest.MonkeyPatch) -> None:
    import cxzy_nlp.classify as classify_mod

    monkeypatch.setattr(classify_mod, "names_work_area", lambda heading: False)
    classify_mod.rule_labels.cache_clear()
    try:
        labels = _top_labels(WORK_AREAS)
    finally:
        classify_mod.rule_labels.cache_clear()
    assert labels["完善居民议事激励和评议监督机制"] != ("tasks",)


def test_summary_parts_under_other_names_are_labelled_in_a_summary() -> None:
    text = "2024年项目工作总结\n一、项目概述\n本项目开发一套预约系统。\n二、项目成果\n系统已上线。\n三、未来计划\n增加统计功能。\n"
    assert _top_labels(text) == {
        "项目概述": ("background",),
        "项目成果": ("sum_achievements",),
        "未来计划": ("next_steps",),
    }


# fmt: off
WRITTEN = [
    # (text, doc_type, labels that must be found, labels that must not)
    ("第一阶段\n目标：完成需求文档。\n任务：\n1.访谈用户", "work_schedule", {"goals", "tasks"}, set()),
    ("学习计划\n软件目标：\n1、学会调试", "work_schedule", {"goals"}, set()),
    ("• 目标：上线预约功能", "work_schedule", {"goals"}, set()),
    ("本周完成登录模块。\n下周计划\n完成统计模块。", "work_summary", {"next_steps"}, set()),
    ("序号\t工作目标\t完成时间\n1\t建成站点\t6月", "work_schedule", {"goals"}, set()),
    ("任务：整理台账", "work_summary", {"sum_achievements"}, {"tasks"}),  # a summary's tasks are its work done
    # sentences and fragments are not names of parts
    ("全年目标是建成十个站点，任务很重。", "work_schedule", set(), {"goals", "tasks"}),
    ("其他安排\n按计划推进。", "work_schedule", set(), {"steps"}),
    ("加强居民议事监督机制建设：每季度召开", "work_schedule", set(), {"evaluation"}),
]
# fmt: on


@pytest.mark.parametrize(("text", "doc_type", "found", "absent"), WRITTEN)
def test_parts_written_without_a_section(text: str, doc_type: str, found: set[str], absent: set[str]) -> None:
    parts = written_parts(text, ((0, len(text)),), doc_type)
    assert found <= parts.keys(), parts
    assert not absent & parts.keys(), parts
    for start, end in parts.values():
        assert 0 <= start < end <= len(text)


def test_headings_already_labelled_are_not_read_again() -> None:
    text = "三、工作目标\n建成站点。"
    assert "goals" in written_parts(text, ((0, len(text)),))
    assert "goals" not in written_parts(text, ((0, len(text)),), skip=frozenset({0}))
    assert "goals" not in written_parts(text, ((7, len(text)),))  # only the spans given are read


def test_labels_of_a_classified_document_are_rule_labels() -> None:
    (doc,) = analyse_text("2024年项目工作总结\n一、经验总结\n按周复盘。\n", stages="segment").documents
    labelled = classify(doc, "2024年项目工作总结\n一、经验总结\n按周复盘。\n")
    assert labelled.sections[0].labels == ("sum_achievements",)
    assert isinstance(rule_labels("经验总结"), Labelling)


REPORT = """2017年政府工作报告
一、2016年工作回顾
全年经济平稳运行。
二、2017年重点工作任务
（一）深化重要领域改革
推进简政放权。
（二）扩大对外开放
办好进出口博览会。
"""


def test_a_report_looks_back_and_ahead_as_its_headings_say() -> None:
    (doc,) = analyse_text(REPORT, stages="classify").documents
    assert doc.doc_type == "report"
    assert [(s.heading, s.labels) for s in doc.all_sections()] == [
        ("2016年工作回顾", ("sum_achievements",)),
        ("2017年重点工作任务", ("tasks",)),
        ("深化重要领域改革", ("tasks",)),
        ("扩大对外开放", ("tasks",)),
    ]


@pytest.mark.parametrize(("title", "labels"), [("个人工作总结", ("sum_achievements",)), ("某某情况材料", ())])
def test_an_unnamed_top_item_of_a_summary_is_work_done(title: str, labels: tuple[str, ...]) -> None:
    text = f"{title}\n（1）知识与技能方面\n学会了团队协作。\n（2）个人综合素质方面\n更有耐心。\n"
    (doc,) = analyse_text(text, stages="classify").documents
    assert {s.labels for s in doc.sections} == {labels}, (doc.doc_type, [s.labels for s in doc.sections])
