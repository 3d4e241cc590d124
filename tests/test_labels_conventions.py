"""Section labels that follow the conventions of tests/golden/real/README.md ("Section labels"). Project-written headings."""

from __future__ import annotations

import pytest

from cxzy_nlp.classify import Labelling, classify, kind_labels, rule_labels
from cxzy_nlp.model import Document, Section
from cxzy_nlp.pipeline import analyse_text

# fmt: off
CONVENTIONS = [
    # (heading, labels): leadership and coordination are organization, not a safeguard
    ("加强组织领导和统筹协调", ("organization",)),
    ("加强组织协调", ("organization",)),
    ("强化统筹协调", ("organization",)),
    # resources and policy support for those doing the work are safeguards
    ("拟利用资源", ("safeguards",)),
    ("强化资源保障", ("safeguards",)),
    ("加大政策激励", ("safeguards",)),
    ("强化政策支持", ("safeguards",)),
    # the reward side of an assessment stays evaluation
    ("充分运用考核结果", ("evaluation",)),
    ("激励约束", ("evaluation",)),
    # a project's span is its time
    ("项目周期", ("logistics",)),
    # a summary's lessons are what the work yielded
    ("工作感悟", ("sum_achievements",)),
    ("心得体会", ("sum_achievements",)),
    ("经验与教训", ("sum_achievements", "sum_problems")),
    # control: a head word still names the heading's part (人力资源 is no synonym outside a software plan)
    ("人力资源风险", ("risk_safety",)),
]
# fmt: on


@pytest.mark.parametrize(("heading", "labels"), CONVENTIONS)
def test_conventions_of_the_golden_readme(heading: str, labels: tuple[str, ...]) -> None:
    found = rule_labels(heading)
    assert found is not None and found.labels == labels, found


@pytest.mark.parametrize(("heading", "labels"), [("项目资源", ("safeguards",)), ("人力资源", ("organization",))])
def test_resources_of_a_software_plan(heading: str, labels: tuple[str, ...]) -> None:
    assert kind_labels(heading, "technical_plan") == Labelling(labels, 1.0, "rule")
    assert kind_labels(heading, "work_plan") is None  # control: a plan's 人力资源 may be a piece of its work


def _plan(doc_type: str, headings: list[str]) -> tuple[Document, str]:
    """A document of ``doc_type`` whose level-1 sections are ``headings``, each followed by one body line."""
    sections: list[Section] = []
    body = "迎新晚会分工\n"
    for i, heading in enumerate(headings):
        start = len(body)
        line = f"{heading}：\n"
        body += line + "负责节目彩排和场地布置。\n"
        sections.append(
            Section(
                id=f"s{i + 1}",
                number="",
                heading=heading,
                level=1,
                span=(start, len(body)),
                heading_span=(start, start + len(heading)),
            )
        )
    return Document(title="迎新晚会分工", span=(0, len(body)), doc_type=doc_type, sections=tuple(sections)), body


def test_sections_of_a_plan_headed_by_names_are_each_persons_share() -> None:
    doc, text = _plan("work_schedule", ["王红", "李明", "赵小军"])
    assert [s.labels for s in classify(doc, text, use_model=False).sections] == [("division",)] * 3


@pytest.mark.parametrize(
    ("doc_type", "headings"),
    [
        ("work_schedule", ["王红", "活动时间"]),  # one name alone may be a word
        ("work_summary", ["王红", "李明"]),  # a summary's people recount their work: no division
    ],
)
def test_control_one_name_or_a_summary_gives_no_division(doc_type: str, headings: list[str]) -> None:
    doc, text = _plan(doc_type, headings)
    assert ("division",) not in [s.labels for s in classify(doc, text, use_model=False).sections]


ASSURANCE = """城区绿化提升实施方案
一、强化组织实施
成立工作专班，统筹推进。
二、保障措施
（一）加强组织实施
区政府负总责。
（二）加强组织策划
由园林局牵头。
"""


def test_an_entry_of_an_assurance_part_naming_the_leadership_is_the_leadership() -> None:
    analysis = analyse_text(ASSURANCE, stages="segment")
    doc = classify(analysis.documents[0], analysis.text, use_model=False)
    top, measures = doc.sections
    assert set(top.labels) == {"organization", "safeguards"}  # control: a part of its own names both
    assert [c.labels for c in measures.children] == [("organization",), ("organization",)]


@pytest.mark.parametrize(
    ("heading", "labels"),
    [("国内外研究现状及发展趋势", ("background",)), ("营造良好氛围", ("publicity",)), ("营造浓厚氛围", ("publicity",))],
)
def test_trends_are_background_and_a_good_atmosphere_is_publicity(heading: str, labels: tuple[str, ...]) -> None:
    found = rule_labels(heading)
    assert found is not None and found.labels == labels, found


WORK_ENTRIES = """规范行政执法实施方案
一、全面推行重大执法决定法制审核制度
（一）明确审核机构
由司法局负责。
（二）明确审核范围
凡重大执法决定均须审核。
（三）强化安全保障
做好数据安全防护。
二、组织保障
（一）审核机构
司法局。
"""


def test_verb_led_entries_of_a_work_area_are_pieces_of_its_work() -> None:
    analysis = analyse_text(WORK_ENTRIES, stages="segment")
    doc = classify(analysis.documents[0], analysis.text, use_model=False)
    work, assurance = doc.sections
    assert [c.labels for c in work.children] == [("tasks",), ("tasks",), ("tasks", "risk_safety")]
    assert assurance.children[0].labels == ("organization",)  # control: a part's name outside a work list keeps it


def test_a_summarys_analysis_of_causes_is_its_problems() -> None:
    assert kind_labels("出错原因的分析", "work_summary") == Labelling(("sum_problems",), 0.8, "rule")
    assert kind_labels("出错原因的分析", "implementation_plan") is None  # control: a plan's analysis is no problem


# fmt: off
HEAD_WORDS = [
    # (heading, labels): a team is who does the work; what a project stands on is its background
    ("创业团队", ("organization",)),
    ("项目研究基础", ("background",)),
    # a compound of topic and head after a verb of work: the topic's part
    ("强化安全治理", ("risk_safety",)),
    ("加强经费管理", ("budget",)),
    # controls: a verb-led heading with no topic, a background word taken as work
    ("加强队伍建设", None),
    ("强化制度治理", None),
    ("着手组建营销团队", None),  # a piece of work, not the team (a step of a 发展计划 stays a step)
]
# fmt: on


@pytest.mark.parametrize(("heading", "labels"), HEAD_WORDS)
def test_teams_foundations_and_compounds_after_a_verb(heading: str, labels: tuple[str, ...] | None) -> None:
    found = rule_labels(heading)
    assert (found.labels if found else None) == labels, found
