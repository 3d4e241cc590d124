"""Section labels for kinds of documents the project was not tuned on: the public outlines of software development
plans (GB/T 8567, IEEE 1058), research proposals and forms, summaries that list their problems.
Project-written headings; each table has controls the rules must not label so."""

from __future__ import annotations

import pytest

from cxzy_nlp.classify import (
    Labelling,
    classify,
    kind_labels,
    rule_labels,
    states_problem,
)
from cxzy_nlp.model import Document, Section


def _tree(doc_type: str | None, rows: list[tuple[int, str]], profile: str | None = None) -> tuple[Document, str]:
    """A document of ``doc_type`` whose outline is ``rows`` (level, heading), each heading followed by one body line."""
    text = "项目计划\n"
    flat: list[tuple[int, str, int, int]] = []
    for level, heading in rows:
        start = len(text)
        text += f"{heading}\n本节写明有关安排。\n"
        flat.append((level, heading, start, start + len(heading)))

    def build(i: int, level: int) -> tuple[list[Section], int]:
        out: list[Section] = []
        while i < len(flat) and flat[i][0] >= level:
            lv, heading, start, end = flat[i]
            kids, j = build(i + 1, lv + 1)
            stop = flat[j][2] if j < len(flat) else len(text)
            out.append(Section(f"s{i}", "", heading, lv, (start, stop), (start, end), tuple(kids)))
            i = j
        return out, i

    sections, _ = build(0, 1)
    return Document(
        title="项目计划", span=(0, len(text)), doc_type=doc_type, profile=profile, sections=tuple(sections)
    ), text


def _labels(doc_type: str | None, rows: list[tuple[int, str]], profile: str | None = None) -> list[tuple[str, ...]]:
    doc, text = _tree(doc_type, rows, profile)
    return [s.labels for s in classify(doc, text, use_model=False).all_sections()]


# fmt: off
# The parts of the public software-plan outlines, as a technical plan names them (README "Section labels").
TECHNICAL = [
    ("主要参加人员", ("organization",)),  # the team of the project
    ("关键问题", ("risk_safety",)),  # the problems the project may founder on
    ("人员计划", ("organization",)),
]
# fmt: on


@pytest.mark.parametrize(("heading", "labels"), TECHNICAL)
def test_public_outline_parts_in_a_technical_plan(heading: str, labels: tuple[str, ...]) -> None:
    assert kind_labels(heading, "technical_plan") == Labelling(labels, 1.0, "rule")
    assert kind_labels(heading, "activity_plan") is None  # control: an activity's 主要参加人员 are its participants


def test_a_plan_recognised_as_a_software_project_names_its_parts_as_a_technical_plan() -> None:
    assert kind_labels("软件开发过程", "work_schedule", "technical_plan") == Labelling(("steps",), 1.0, "rule")
    assert kind_labels("软件开发过程", "work_schedule") is None  # control: a plan of no technical profile
    assert kind_labels("软件开发过程", "work_schedule", "personal_plan") is None  # control: another profile


def test_profile_reaches_the_labels_of_a_whole_document() -> None:
    rows = [(1, "开发工作"), (2, "软件开发过程"), (2, "项目计划和监督")]
    assert _labels("work_schedule", rows, "technical_plan")[1:] == [("steps",), ("steps",)]
    assert _labels("work_schedule", rows)[1:] == [("tasks",), ("tasks",)]  # control: without the profile, work


# fmt: off
NAMED = [
    ("工作任务的分解与人员分工", ("division",)),  # 工作任务的分解 is 任务分解, with 的 between its words
    ("项目的人员分配", ("division",)),
    ("重点抽查", ("evaluation",)),
    ("考核指标体系", ("evaluation",)),
    ("会议议题", ("tasks",)),
    ("坚持问题导向", ("principles",)),
    ("坚持试点先行", ("principles",)),
]
# Controls: words near the ones above that must not be read so.
NOT_NAMED = [
    ("活动目的", ("goals",)),  # the 的 of 目的 is part of the word
    ("坚持创新引领发展，培育壮大新动能", ("principles",)),  # a sentence led by 坚持 is a piece of work
    ("工作内容的流程", ("steps",)),  # 的 at the edge of a part joins nothing
]
# fmt: on


@pytest.mark.parametrize(("heading", "labels"), NAMED)
def test_headings_of_proposals_plans_and_minutes(heading: str, labels: tuple[str, ...]) -> None:
    found = rule_labels(heading)
    assert found is not None and found.labels == labels, found


@pytest.mark.parametrize(("heading", "labels"), NOT_NAMED)
def test_controls_near_those_headings(heading: str, labels: tuple[str, ...]) -> None:
    found = rule_labels(heading)
    if heading == "活动目的":
        assert found is not None and found.labels == labels
    else:
        assert found is None or found.labels != labels, found


def test_a_form_reads_its_application_scenes_as_background() -> None:
    assert kind_labels("应用场景", "application_form") == Labelling(("background",), 1.0, "rule")
    found = rule_labels("丰富应用场景")  # control: an opinion's work of widening the scenes is no background
    assert found is None or "background" not in found.labels


def test_a_report_ends_with_what_it_proposes() -> None:
    assert kind_labels("乡村学校图书室建设的建议", "report") == Labelling(("next_steps",), 0.8, "rule")
    assert kind_labels("乡村学校图书室建设的建议", "implementation_plan") is None  # control: a plan's 建议


# fmt: off
PROBLEMS = ["用户培训不到位、增加沟通时间", "外部接口错误逻辑导致BUG", "项目管理混乱、人员离职不交接", "报表系统bug",
            "对接需求有始无终", "接口异步需求，无人跟进"]
REMEDIES = ["解决培训不到位的问题", "加强培训，弥补不足", "全年完成培训十二场", "改进措施"]
# fmt: on


@pytest.mark.parametrize("heading", PROBLEMS)
def test_a_summary_heading_stating_a_problem_is_one_of_its_problems(heading: str) -> None:
    assert states_problem(heading)
    assert _labels("work_summary", [(1, heading)]) == [("sum_problems",)]


@pytest.mark.parametrize("heading", REMEDIES)
def test_control_remedies_and_work_done_are_no_problems(heading: str) -> None:
    assert not states_problem(heading)


def test_control_a_plan_heading_naming_a_shortage_is_no_summary_problem() -> None:
    assert _labels("implementation_plan", [(1, "用户培训不到位")]) != [("sum_problems",)]


def test_a_project_overview_without_sub_headings_also_names_the_aim_it_states() -> None:
    aim = "项目计划\n项目概述\n本项目旨在为社区老人开发一套健康档案管理软件。\n"
    plain = "项目计划\n项目概述\n社区现有老人三千余名，健康档案以纸质保存。\n"
    for text, labels in ((aim, ("background", "goals")), (plain, ("background",))):  # control: no aim stated
        start = text.index("项目概述")
        section = Section("s1", "", "项目概述", 1, (start, len(text)), (start, start + 4))
        doc = Document(title="项目计划", span=(0, len(text)), doc_type="work_schedule", sections=(section,))
        assert classify(doc, text, use_model=False).sections[0].labels == labels
