"""Goal shapes of documents the project was not tuned on (issue 16, stop 9): a PDF sentence that opens on the line
above its cue, figures set in the clauses of a task part, size bounds and performance targets of a technical plan.
Project-written text; each table has cases that must not give a goal."""

from __future__ import annotations

import pytest

from cxzy_nlp.extract import extract
from cxzy_nlp.model import Document, Section


def _goals(text: str) -> list[str]:
    doc = Document(title="某某", span=(0, len(text)), title_span=(0, 2))
    return [text[g.span[0] : g.span[1]] for g in extract(doc, text).goals]


# ------------------------------------------------------------------ a PDF's wrapped lines, read backwards

# the first line is long and cut off mid-sentence: the sentence holding 力争 opens on it
WRAPPED = "某某\n某某工作取得新进展。加快推进社区养老服务站点改造升级，今明两年\n要解决好老人助餐难题，力争全面覆盖某某地区。\n"
# the same words with the first line closed by a stop: the sentence opens on the second line
CLOSED = "某某\n某某工作取得新进展。加快推进社区养老服务站点改造升级，今明两年。\n要解决好老人助餐难题，力争全面覆盖某某地区。\n"


def test_a_goal_sentence_wrapped_by_a_pdf_opens_on_the_line_above() -> None:
    assert _goals(WRAPPED) == [
        "加快推进社区养老服务站点改造升级，今明两年\n要解决好老人助餐难题，力争全面覆盖某某地区。"
    ]


def test_a_line_closed_by_a_stop_is_no_part_of_the_next_sentence() -> None:
    assert _goals(CLOSED) == ["要解决好老人助餐难题，力争全面覆盖某某地区。"]


# a Word title line above a long paragraph: shorter than it, so no wrapped line of the paragraph
TITLE = "某某\n“某某杯”少数民族学生暑期社会实践专项活动立项申报工作安排\n为加强民族团结进步教育，引导同学们在实践中铸牢共同体意识，厚植学生家国情怀，学校将力争覆盖全部学院。\n"


def test_a_title_line_above_a_paragraph_is_no_part_of_its_first_sentence() -> None:
    assert all(not g.startswith("“某某杯”") for g in _goals(TITLE))
    assert any(g.startswith("为加强民族团结") for g in _goals(TITLE))


# ------------------------------------------------------------------ figures set in the clauses of a task part

# fmt: off
TASK_FIGURES = [
    # (a paragraph of the part, the goal it gives or None)
    ("紧扣发展战略，加快实施一批重点项目。完成铁路投资8000亿元、公路水运投资1.8万亿元。",
     "完成铁路投资8000亿元、公路水运投资1.8万亿元。"),
    ("推进土地整治，大力改造中低产田，新增高效节水灌溉面积2000万亩。",
     "推进土地整治，大力改造中低产田，新增高效节水灌溉面积2000万亩。"),
    ("降低大病保险起付线，报销比例由50%提高到60%。", "降低大病保险起付线，报销比例由50%提高到60%。"),
    ("今年各部门要带头精简会议、坚决把文件压减三分之一以上。", "今年各部门要带头精简会议、坚决把文件压减三分之一以上。"),
    ("分层次推进质量评价，在800家以上企业推行能力评价。", "分层次推进质量评价，在800家以上企业推行能力评价。"),
    ("该公司的国内市场占有率也达70%以上。", None),
    ("制定了五年建设规划，组织了10个直属单位共同参与。", None),  # 了: done, not set  # a state described, no floor set for the work
    # controls: a figure reached (looking back), a verb that opens no clause, no figure at all
    ("去年完成铁路投资8000亿元。", None),
    ("组织开展面向教师的培训课程，内容丰富。", None),
    ("完善铁路投资管理制度，规范项目审批。", None),
]
# fmt: on


def _part_goals(body: str, label: str) -> list[str]:
    """Goals of a document whose one part, labelled ``label``, holds ``body``."""
    text = f"某某报告\n一、今年的工作\n{body}\n"
    start = text.index("一、")
    heading = (start, start + len("一、今年的工作"))
    part = Section("s1", "一、", "今年的工作", 1, (start, len(text)), heading, labels=(label,))
    doc = Document(title="某某报告", span=(0, len(text)), title_span=(0, 4), sections=(part,))
    return [text[g.span[0] : g.span[1]] for g in extract(doc, text).goals]


@pytest.mark.parametrize(("body", "goal"), TASK_FIGURES)
def test_a_figure_set_in_a_task_clause_is_a_goal(body: str, goal: str | None) -> None:
    found = _part_goals(body, "tasks")
    if goal is None:
        assert found == []
    else:
        assert goal in found


def test_the_same_figure_in_a_part_looking_back_is_no_goal() -> None:
    body = "加快实施一批重点项目，完成铁路投资8000亿元。"
    assert _part_goals(body, "tasks") == [body]
    assert _part_goals(body, "sum_achievements") == []  # 工作回顾: the figure was reached


# ------------------------------------------------------------------ size bounds and performance targets

# fmt: off
TECHNICAL = [
    ("某某\n10.1 规模估算\n代码总量控制在5000行以内，文档总字数不超过6万字。\n",
     "代码总量控制在5000行以内，文档总字数不超过6万字。"),
    ("某某\n4.1 需求和约束\n系统应支持至少200个并发用户，平均响应时间小于3秒。\n",
     "系统应支持至少200个并发用户，平均响应时间小于3秒。"),
    ("某某\n性能要求：查询结果的准确率不低于95%。\n", "性能要求：查询结果的准确率不低于95%。"),
    # controls: a rule of entry is no size bound, a requirement with no figure no target
    ("某某\n每队人数不超过5人，须为在校学生。\n", None),
    ("某某\n响应时间的要求见附表。\n", None),
]
# fmt: on


@pytest.mark.parametrize(("text", "goal"), TECHNICAL)
def test_a_size_bound_or_a_performance_target_is_a_goal(text: str, goal: str | None) -> None:
    found = _goals(text)
    if goal is None:
        assert found == []
    else:
        assert goal in found


# ------------------------------------------------------------------ what a contest, a course design or a plan is for

# fmt: off
PURPOSES = [
    ("某某\n二、比赛内容\n本次比赛的目的是选拔优秀讲解人才，推动科普事业发展。\n",
     "本次比赛的目的是选拔优秀讲解人才，推动科普事业发展。"),
    ("某某\n课程设计的目的是使学生掌握网络编程的基本方法。\n", "课程设计的目的是使学生掌握网络编程的基本方法。"),
    # control: the purpose of something else is no aim of the plan
    ("某某\n该技术的目的是明显的。\n", None),
]
# fmt: on


@pytest.mark.parametrize(("text", "goal"), PURPOSES)
def test_what_the_work_is_for_is_a_goal_wherever_it_stands(text: str, goal: str | None) -> None:
    found = _goals(text)
    if goal is None:
        assert found == []
    else:
        assert goal in found


# ------------------------------------------------------------------ a reviewer's remark run into a goal heading


def _headed_goals(heading: str) -> list[str]:
    """Goals of a document whose one unlabelled part is headed ``3.5 heading`` and states a deadline."""
    text = f"某某计划\n3.5{heading}\n此项目完成的最迟期限为2016年12月20日\n"
    start = text.index("3.5")
    head = (start, start + 3 + len(heading))
    part = Section("s1", "3.5", heading, 1, (start, len(text)), head)
    doc = Document(title="某某计划", span=(0, len(text)), title_span=(0, 4), sections=(part,))
    return [text[g.span[0] : g.span[1]] for g in extract(doc, text).goals]


@pytest.mark.parametrize(
    ("heading", "is_goal_part"),
    [
        ("最后交付期限", True),
        ("最后交付期限此处请写到具体日期", True),
        ("验收标准 太笼统，请逐项写明", True),
        ("交付期限管理办法", False),
        ("验收标准的制定", False),
    ],
)
def test_a_goal_heading_with_a_remark_run_into_it_still_heads_goals(heading: str, is_goal_part: bool) -> None:
    goals = _headed_goals(heading)
    assert ("此项目完成的最迟期限为2016年12月20日" in goals) is is_goal_part
