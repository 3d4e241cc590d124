"""Section labels of compound and annotated headings: a topic and its head word (宣传目标, 安全要求), a trailing
note (a score, a word count), a heading that means a part in one kind of document only. Project-written headings."""

from __future__ import annotations

import pytest

from cxzy_nlp.classify import Labelling, classify, kind_labels, list_item_labels, rule_labels, without_note
from cxzy_nlp.model import Section
from cxzy_nlp.pipeline import analyse_text

# fmt: off
HEADED = [
    # (heading, labels): a light head takes its topic's part, a content head keeps its own and adds the topic's
    ("宣传措施", ("publicity",)),
    ("奖励措施", ("evaluation",)),
    ("安全要求", ("risk_safety",)),
    ("经费管理", ("budget",)),
    ("监督管理", ("evaluation",)),
    ("宣传目标", ("goals", "publicity")),
    ("考核程序", ("steps", "evaluation")),
    ("总体验收阶段", ("steps", "evaluation")),  # a prefix (总体) before the topic
    ("宣传专项目标", ("goals", "publicity")),  # a filler (专项) between topic and head
    ("需求分析阶段", ("steps",)),  # a term that is no topic before a content head: the head names the heading
]
HEADED_CONTROLS = [
    # (heading, labels the rules gave before and still give): synonyms and slogans are read as before
    ("安全保障", ("risk_safety",)),
    ("风险评估", ("risk_safety",)),
    ("工作目标", ("goals",)),
    ("活动流程安排", ("steps",)),
    # a publicity part named as work: the plan's work (tasks, so extract still reads it) and publicity (README)
    ("宣传专项任务", ("tasks", "publicity")),
]
HEADS = [
    # (heading, labels): words a heading ends with, in general office and project vocabulary
    ("成就与不足", ("sum_achievements", "sum_problems")),  # a summary's two halves, each a head word alone
    ("实际开发结果", ("sum_achievements",)),
    ("经验与教训", ("sum_achievements", "sum_problems")),  # experience gained and lessons: both halves
    ("预期结果", ("goals",)),  # longest head wins over 结果
    ("考核成绩", ("evaluation",)),  # 成绩 after a topic is a light head
    ("项目的人员分配", ("division",)),
    ("组织委员会", ("organization",)),
    ("项目成本", ("budget",)),
    ("申报简表", ("logistics",)),
]
NOTED = [
    # (heading with a note, labels)
    ("媒体报道（12分+3分）", ("publicity",)),
    ("推广宣传（15分，包括视频、海报等）", ("publicity",)),
    ("项目进度安排（查阅资料、开题报告、中期检查", ("steps",)),  # a note cut at the end of the line
    ("项目方案（包括研究的主要内容）", ("tasks",)),  # the heading says nothing without it: the note is read
]
# fmt: on


@pytest.mark.parametrize(("heading", "labels"), HEADED + HEADED_CONTROLS + HEADS + NOTED)
def test_compound_and_noted_headings(heading: str, labels: tuple[str, ...]) -> None:
    found = rule_labels(heading)
    assert found is not None and found.labels == labels, found


@pytest.mark.parametrize("heading", ["加强宣传，明确目标", "风险识别程序", "考核结果运用"])
def test_sentences_and_unknown_modifiers_are_no_compounds(heading: str) -> None:
    found = rule_labels(heading)
    assert found is None or len(found.labels) == 1, found


def test_note_is_left_out_only_when_something_is_left() -> None:
    assert without_note("媒体报道（12分+3分）") == "媒体报道"
    assert without_note("申请理由（1000字左右，包括团队条件") == "申请理由"
    assert without_note("（说明）") == "（说明）"  # control: nothing left, the heading stays
    assert without_note("活动背景") == "活动背景"


FORM = """大学生社会实践项目申报书
A 基本情况
项目名称：乡村小学支教。负责人：王明。实践时间：2024年7月。
B 实践计划
一、前期准备
联系学校，确定课程。
"""
PLAN = """社区读书月活动方案
一、基本情况
本社区有居民三千余人，阅读氛围有待提高。
二、活动内容
组织读书分享会。
"""


def _labels_of(text: str, heading: str) -> tuple[str, ...]:
    for doc in analyse_text(text, stages="classify").documents:
        for s in doc.all_sections():
            if s.heading == heading:
                return s.labels
    raise AssertionError(f"no heading {heading}")


def test_form_basic_facts_are_logistics_but_a_plan_keeps_background() -> None:
    assert kind_labels("基本情况", "application_form") == Labelling(("logistics",), 1.0, "rule")
    assert kind_labels("基本情况", "activity_plan") is None
    assert kind_labels("基本情况", None) is None
    assert _labels_of(PLAN, "基本情况") == ("background",)  # control: the same heading in a plan
    assert _labels_of(FORM, "基本情况") == ("logistics",)


def test_list_entry_takes_only_the_list_part_of_its_parent() -> None:
    parent = Labelling(("steps", "evaluation"), 0.8, "rule")
    entry = Section(id="s2", number="（一）", heading="医院自查自评", level=2, span=(0, 10), heading_span=(0, 10))
    found = list_item_labels(entry, parent)
    assert found is not None and found.labels == ("steps",)
    plain = list_item_labels(entry, Labelling(("steps",), 0.8, "rule"))
    assert plain is not None and plain.labels == ("steps",)


def test_classify_reads_compounds_in_a_document() -> None:
    text = "校园安全月活动方案\n一、宣传目标\n让每位同学知道安全常识。\n二、安全要求\n活动期间注意交通安全。\n"
    analysis = analyse_text(text, stages="segment")
    doc = classify(analysis.documents[0], analysis.text)
    assert [s.labels for s in doc.sections] == [("goals", "publicity"), ("risk_safety",)]


def test_a_head_word_alone_is_a_joined_part() -> None:
    found = rule_labels("总结和展望")
    assert found is not None and found.labels == ("sum_achievements", "next_steps"), found
    assert rule_labels("总结和其他") is None or "next_steps" not in rule_labels("总结和其他").labels  # control


TASK_LIST = Labelling(("tasks",), 0.6, "rule")


def _entry(heading: str) -> Section:
    return Section(id="s3", number="1.", heading=heading, level=3, span=(0, 10), heading_span=(0, 10))


@pytest.mark.parametrize(
    ("heading", "labels"),
    [
        ("加强宣传推介", ("tasks", "publicity")),
        ("开展服务能力评价", ("tasks", "evaluation")),
        ("推进信息公开，强化政策解读", ("tasks", "publicity")),
        ("完善服务网点建设", ("tasks",)),  # control: an entry about no other part stays a task
        ("组织各单位认真学习有关文件并由区委宣传部统一部署后续的各项工作", ("tasks",)),  # a sentence: no topic
    ],
)
def test_task_entry_names_its_topic(heading: str, labels: tuple[str, ...]) -> None:
    found = list_item_labels(_entry(heading), TASK_LIST)
    assert found is not None and found.labels == labels, found


def test_entries_of_other_lists_take_no_topic() -> None:
    found = list_item_labels(_entry("开展服务能力评价"), Labelling(("goals",), 0.6, "rule"))
    assert found is not None and found.labels == ("goals",)
