"""Section labels of entries and heading shapes, as tests/golden/real/README.md ("Section labels") reads them.

Project-written headings; each case has a control that keeps today's reading.
"""

from __future__ import annotations

import pytest

from cxzy_nlp.classify import Labelling, classify, kind_labels, rule_labels
from cxzy_nlp.pipeline import analyse_text

# fmt: off
SHAPES = [
    # (heading, labels): a short heading led by 坚持 is a principle
    ("坚持质量为先", ("principles",)),
    ("坚持统筹兼顾", ("principles",)),
    # a term written with 的 between its words reads as the term (风险的评估 is a 风险评估, not an 评估)
    ("风险的评估", ("risk_safety",)),
    # a part of a compound ending with a head word (研究概况) names that head's part; parallel modifiers before one
    # head word share it (组织风险 and 管理风险: fails with the shared head taken out, organization and risk_safety)
    ("研究概况与目标", ("background", "goals")),
    ("组织和管理风险", ("risk_safety",)),
    # a spot check is the assessment
    ("重点抽查", ("evaluation",)),
    # coordination is the organisation
    ("工作协调机制", ("organization",)),
    # a 组织保障 part names the leadership and the assurance
    ("组织保障", ("organization", "safeguards")),
    # controls: a 坚持 sentence is a piece of work, not a principle; 目的 keeps its 的; a compound of two parts
    ("坚持创新引领，培育新的增长点", None),
    ("目的与意义", ("goals", "background")),
    ("组织机构和职责", None),
    ("背景与目标", ("background", "goals")),
]
# fmt: on


@pytest.mark.parametrize(("heading", "labels"), SHAPES)
def test_heading_shapes(heading: str, labels: tuple[str, ...] | None) -> None:
    found = rule_labels(heading)
    got = found.labels if found else None
    if labels is None:
        assert got != ("principles",), found  # a control names some other part or none
    else:
        assert got == labels, found


ASSURANCE = """社区养老服务提升实施方案
一、主要任务
（一）建设服务质量评价中心
由民政局负责。
（二）开展服务质量评价
每年一次。
二、保障措施
（一）加强组织领导
区政府负总责。
（二）强化督促落实
民政局定期通报。
（三）增加财政资金投入
区财政统筹安排。
（四）健全工作制度
完善各项制度。
"""


def test_entries_take_the_parts_their_words_touch() -> None:
    analysis = analyse_text(ASSURANCE, stages="segment")
    doc = classify(analysis.documents[0], analysis.text, use_model=False)
    work, assurance = doc.sections
    # a part's word before a name (评价中心) adds nothing; control: the same word as the work's object adds its part
    assert [c.labels for c in work.children] == [("tasks",), ("tasks", "evaluation")]
    assert [c.labels for c in assurance.children] == [
        ("organization",),  # control: the leadership by name
        ("safeguards", "evaluation"),
        ("safeguards", "budget"),
        ("safeguards",),  # control: a measure touching no part
    ]


def test_a_reports_proposals_are_its_next_steps() -> None:
    assert kind_labels("对古村落保护的建议", "report") == Labelling(("next_steps",), 0.8, "rule")
    assert kind_labels("对古村落保护的建议", "implementation_plan") is None  # control: a plan's 建议 is no next step


@pytest.mark.parametrize(("heading", "labels"), [("主要参加人员", ("organization",)), ("关键问题", ("risk_safety",))])
def test_a_plan_with_the_technical_profile_names_its_parts_as_a_technical_plan(
    heading: str, labels: tuple[str, ...]
) -> None:
    assert kind_labels(heading, "work_plan", "technical_plan") == Labelling(labels, 1.0, "rule")
    assert kind_labels(heading, "work_plan", None) is None  # control: a plan of no technical profile


OVERVIEW = """校园导览小程序开发计划
一、项目概述
本项目旨在为新生提供校园导览服务，上线后覆盖全部教学楼。
二、项目背景
学校占地面积较大。
"""


def test_an_overview_without_sub_headings_also_names_the_aim_it_states() -> None:
    analysis = analyse_text(OVERVIEW, stages="segment")
    doc = classify(analysis.documents[0], analysis.text, use_model=False)
    overview, background = doc.sections
    assert set(overview.labels) == {"background", "goals"}
    assert background.labels == ("background",)  # control: a background states no aim


YEAR_PLAN = """某县2025年工作报告
一、2024年工作回顾
全县经济平稳运行。
二、2025年工作总体部署
今年全县发展的主要预期目标是：地区生产总值增长6%左右。
三、2025年工作总体思路
以高质量发展为主线，统筹发展和安全。
"""


def test_an_umbrella_heading_named_for_its_year_takes_the_targets_it_sets() -> None:
    analysis = analyse_text(YEAR_PLAN, stages="segment")
    doc = classify(analysis.documents[0], analysis.text, use_model=False)
    _, deployment, approach = doc.sections
    assert set(deployment.labels) == {"guiding_ideology", "goals"}
    assert approach.labels == ("guiding_ideology",)  # control: an umbrella whose body sets no target
