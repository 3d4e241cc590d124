"""Section labels of shapes seen in real documents: the unnamed items of a notice, and more. Project-written headings."""

from __future__ import annotations

from dataclasses import replace

import pytest

from cxzy_nlp.classify import Labelling, classify, kind_labels, rule_labels
from cxzy_nlp.model import Document, Section
from cxzy_nlp.pipeline import analyse_text


def _doc(doc_type: str, text: str, headings: list[str]) -> tuple[Document, str]:
    """A document of ``doc_type`` whose level-1 sections are ``headings``, each followed by one body line."""
    sections: list[Section] = []
    body = text
    for i, heading in enumerate(headings):
        start = len(body)
        line = f"{'一二三四五六七八九'[i]}、{heading}\n"
        body += line + "请各单位确保对象范围准确、时间地点落实、经费到位。\n"
        sections.append(
            Section(
                id=f"s{i + 1}",
                number=f"{'一二三四五六七八九'[i]}、",
                heading=heading,
                level=1,
                span=(start, len(body)),
                heading_span=(start + 2, start + len(line) - 1),
            )
        )
    return Document(title="t", span=(0, len(body)), doc_type=doc_type, sections=tuple(sections)), body


# Unnamed top items of a notice or an opinion are the work it directs; the first sentence's keywords
# (对象, 时间, 经费 above) do not name the item.
DIRECTED = ["分类核查账号资质", "认真做好材料核验", "严禁违规变相收费"]


def test_unnamed_top_items_of_a_notice_are_its_tasks() -> None:
    for doc_type in ("notice", "opinion", "implementation_plan"):
        doc, text = _doc(doc_type, "关于规范账号管理的通知\n", DIRECTED)
        labelled = classify(doc, text, use_model=False)
        assert [s.labels for s in labelled.sections] == [("tasks",)] * 3, doc_type


def test_control_named_items_of_a_notice_keep_their_names() -> None:
    doc, text = _doc("notice", "关于举办运动会的通知\n", ["活动时间", "参加对象", "工作要求"])
    labelled = classify(doc, text, use_model=False)
    assert [s.labels for s in labelled.sections] == [("logistics",), ("logistics",), ("safeguards",)]


def test_control_a_report_gets_no_tasks_prior_and_reads_the_first_sentence() -> None:
    doc, text = _doc("report", "调研报告\n", DIRECTED)
    labelled = classify(doc, text, use_model=False)
    assert [s.labels for s in labelled.sections] == [("safeguards",)] * 3  # 确保 opens the first sentence


# fmt: off
PLAN_WORDS = [
    # (heading, labels): a heading ending with 计划 is a schedule; after a topic, the topic's part
    ("培训计划", ("steps",)),
    ("销售计划", ("steps",)),
    ("资金使用计划", ("budget",)),
    ("考核计划", ("evaluation",)),
    ("工作计划", ("next_steps",)),  # control: a synonym keeps its section
    ("经验与教训", ("sum_achievements", "sum_problems")),
    # chapter names of a software development plan (GB/T 8567)
    ("所需工作概述", ("tasks",)),
    ("监督和控制机制", ("safeguards",)),
    ("管理预留", ("risk_safety",)),
    ("进度表和活动网络图", ("steps",)),
    ("工作量估算", ("steps",)),  # effort, planned over time; 成本估算 stays a budget
    ("成本估算", ("budget",)),
    ("拟利用资源", ("safeguards",)),  # the labs and equipment a form's project will use: conditions of the work
]
# fmt: on


@pytest.mark.parametrize(("heading", "labels"), PLAN_WORDS)
def test_plan_words_and_software_plan_chapters(heading: str, labels: tuple[str, ...]) -> None:
    found = rule_labels(heading)
    assert found is not None and found.labels == labels, found


@pytest.mark.parametrize(
    ("heading", "labels"),
    [("实施整个软件开发活动的计划", ("tasks",)), ("软件开发过程", ("steps",)), ("项目计划和监督", ("steps",))],
)
def test_chapters_of_a_software_plan_by_kind(heading: str, labels: tuple[str, ...]) -> None:
    assert kind_labels(heading, "technical_plan") == Labelling(labels, 1.0, "rule")
    assert kind_labels(heading, "implementation_plan") is None  # control: only in a technical plan


@pytest.mark.parametrize(
    ("heading", "labels"),
    [
        ("个人发展规划", ("next_steps",)),
        ("方言传承保护的建议", ("next_steps",)),
        ("总结和展望", ("sum_achievements", "next_steps")),  # control: a compound's parts speak
        ("项目进度安排", ("steps",)),  # control: a schedule written up in a summary stays a schedule
    ],
)
def test_a_summary_heading_about_what_comes_next_is_next_steps(heading: str, labels: tuple[str, ...]) -> None:
    doc, text = _doc("work_summary", "年度工作总结\n", [heading])
    assert classify(doc, text, use_model=False).sections[0].labels == labels


def test_control_in_a_plan_a_development_plan_is_no_next_step() -> None:
    doc, text = _doc("activity_plan", "活动方案\n", ["个人发展规划"])
    assert classify(doc, text, use_model=False).sections[0].labels != ("next_steps",)


WORK_LIST = """城区绿化提升实施方案
一、补种行道树
（一）统筹制定补种计划
（二）加强宣传推介
（三）完善养护台账
"""


def test_entries_of_an_unnamed_work_area_are_tasks_and_their_topics() -> None:
    analysis = analyse_text(WORK_LIST, stages="segment")
    doc = classify(analysis.documents[0], analysis.text, use_model=False)
    entries = {s.heading: s.labels for s in doc.sections[0].children}
    assert entries == {
        "统筹制定补种计划": ("tasks",),  # a piece of work, whatever its head word (计划)
        "加强宣传推介": ("tasks", "publicity"),
        "完善养护台账": ("tasks",),  # control: no topic word
    }


# fmt: off
JOINED = [
    # (heading, labels): parts of a compound, neighbours read together when together they are a term
    ("评选原则、程序和时间", ("principles", "steps")),  # 程序和时间 is one term
    ("申报程序和要求", ("steps", "safeguards")),  # a short part named by its head word (程序)
    ("活动背景与目标", ("background", "goals")),  # control: every part a term of its own
    ("质量协同服务推进", None),  # 推进 ends a piece of work, it names no schedule
    ("相关材料报送", ("steps",)),  # handing in is a step
    ("发展规划", ("steps",)),
]
# fmt: on


@pytest.mark.parametrize(("heading", "labels"), JOINED)
def test_joined_parts_and_head_words(heading: str, labels: tuple[str, ...] | None) -> None:
    found = rule_labels(heading)
    assert (found.labels if found else None) == labels, found


def test_scope_of_a_technical_plan_is_its_work() -> None:
    assert kind_labels("项目范围", "technical_plan") == Labelling(("tasks",), 1.0, "rule")
    assert rule_labels("项目范围") is not None and rule_labels("项目范围").labels == ("logistics",)  # control


CONTACTS = """关于开展案例征集工作的通知
一、征集方向
（一）行业应用领域
二、推荐条件
三、联系方式
（一）工作咨询
（二）技术咨询
"""


def test_a_contact_block_names_no_part_and_passes_nothing_on() -> None:
    analysis = analyse_text(CONTACTS, stages="segment")
    doc = replace(analysis.documents[0], doc_type="notice")
    labels = {s.heading: s.labels for s in classify(doc, analysis.text, use_model=False).all_sections()}
    assert labels["联系方式"] == () and labels["工作咨询"] == () and labels["技术咨询"] == ()
    assert labels["征集方向"] == ("tasks",) and labels["行业应用领域"] == ("tasks",)  # control: an unnamed item
    assert labels["推荐条件"] == ("logistics",)
