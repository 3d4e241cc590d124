"""Goal shapes met in several real documents (issue 16, stop 7): aims stated outside goal parts, the result
cells of forms, the list under a label line naming the goals. Project-written text; each table has cases that
must not give a goal."""

from __future__ import annotations

import pytest

from cxzy_nlp.extract import extract
from cxzy_nlp.model import Document, Section


def _goals(text: str) -> list[tuple[str, bool]]:
    """(goal text, aim) of a document with no sections."""
    doc = Document(title="某某", span=(0, len(text)), title_span=(0, 2))
    return [(text[g.span[0] : g.span[1]], g.aim) for g in extract(doc, text).goals]


def _texts(text: str) -> list[str]:
    return [words for words, _ in _goals(text)]


# ------------------------------------------------------------------ aims stated wherever they stand

# fmt: off
AIMS = [
    # (document text, the sentence that is an aim, or None)
    ("某某\n一、项目方案\n本项目拟构建某学科课程的知识图谱，并实现关键词联想。\n",
     "本项目拟构建某学科课程的知识图谱，并实现关键词联想。"),
    ("某某\n项目简介\t项目意义在于整合某学科知识，为学习者提供一个可视化工具。\n",
     "项目意义在于整合某学科知识，为学习者提供一个可视化工具。"),
    ("某某\n专家在总结时指出：过去两年工作取得进展，未来要进一步扩大规模。\n",
     "专家在总结时指出：过去两年工作取得进展，未来要进一步扩大规模。"),
    ("某某\n1.2系统概述\n本系统开发的目的是方便师生借阅图书。\n", "本系统开发的目的是方便师生借阅图书。"),
    ("某某\n做开发总要有个方向，我的目标就是往后端开发方向发展。\n",
     "做开发总要有个方向，我的目标就是往后端开发方向发展。"),
    ("某某\n请各地立即开展自查，确保各项政策措施落实到位。\n",
     "请各地立即开展自查，确保各项政策措施落实到位。"),
    ("某某\n经过5年左右时间，全市基本建成某某服务体系。\n", "经过5年左右时间，全市基本建成某某服务体系。"),
    ("某某\n通过三年努力，使某某知识普及率明显提高。\n", "通过三年努力，使某某知识普及率明显提高。"),
    # controls: what was done, and a method the project takes, are no aims
    ("某某\n经过一年的努力，我们圆满完成了项目任务。\n", None),
    ("某某\n过去两年已经取得进展，今后要进一步巩固。\n", "过去两年已经取得进展，今后要进一步巩固。"),
    ("某某\n今后已经不必进一步讨论。\n", None),
    ("某某\n本项目拟采用分布式爬虫获取数据。\n", None),
    ("某某\n该技术的意义是明显的。\n", None),
]
# fmt: on


@pytest.mark.parametrize(("text", "aim"), AIMS)
def test_an_aim_stated_outside_a_goal_part_is_a_goal(text: str, aim: str | None) -> None:
    found = _goals(text)
    if aim is None:
        assert found == []
    else:
        assert (aim, True) in found  # an aim: the vague-goal check leaves it alone


# ------------------------------------------------------------------ the batch a top part's lead aims at

LEAD = "面向某某重点方向，发掘培育一批技术先进的优势单位，加快新技术落地应用。"


def _notice_goals(lead: str) -> list[tuple[str, bool]]:
    """Goals of a notice whose task part opens with ``lead`` and lists one item (遴选一批典型案例…)."""
    text = f"某某通知\n一、任务内容\n{lead}\n（一）开展评价\n遴选一批典型案例，编制案例集。\n二、推荐条件\n申报单位须在境内注册。\n"

    def part(sid: str, heading: str, level: int, children: tuple[Section, ...] = ()) -> Section:
        start = text.index(heading)
        span = (start, text.index("二、推荐条件"))
        head = (start, start + len(heading))
        return Section(sid, "", heading, level, span, head, children=children, labels=("tasks",))

    first = part("s1", "一、任务内容", 1, (part("s1.1", "（一）开展评价", 2),))
    doc = Document(title="某某通知", span=(0, len(text)), title_span=(0, 4), sections=(first,))
    return [(text[g.span[0] : g.span[1]], g.aim) for g in extract(doc, text).goals]


def test_the_batch_a_top_part_opens_with_is_an_aim_but_not_that_of_its_items() -> None:
    # control inside: the 一批 of the item under the lead (遴选一批典型案例) is the work itself, no aim
    assert _notice_goals(LEAD) == [(LEAD, True)]


@pytest.mark.parametrize("lead", ["全市已培育一批示范单位，成效明显。", "去年培育了一批示范单位。"])
def test_a_lead_reporting_a_batch_reached_is_no_aim(lead: str) -> None:
    assert _notice_goals(lead) == []


# ------------------------------------------------------------------ the result cell of a form

# fmt: off
RESULT_CELLS = [
    # (form row, the goal it gives, or None)
    ("实践预期成果\t理论成果包括调研报告和实践日志", "理论成果包括调研报告和实践日志"),
    ("提 供 成 果 及 成 果 形 式\t成果 形式 数量 某某工具 软件 1", "成果 形式 数量 某某工具 软件 1"),
    ("考核指标\t完成系统原型一套，发表论文一篇", "完成系统原型一套，发表论文一篇"),
    ("研究目标\t建成某某知识库", "建成某某知识库"),
    # controls: other fields of the form, and a row whose cell says too little
    ("项目名称\t某某知识图谱构建工具", None),
    ("成果名称\t某某知识图谱构建工具", None),
    ("负责人\t张某某", None),
    ("预期成果\t无", None),
]
# fmt: on


@pytest.mark.parametrize(("row", "goal"), RESULT_CELLS)
def test_the_cell_beside_a_form_label_naming_results_is_a_goal(row: str, goal: str | None) -> None:
    found = _texts(f"某某申报书\n{row}\n")
    if goal is None:
        assert found == []
    else:
        assert found == [goal]


# ------------------------------------------------------------------ the list under a label line

LABEL_LIST = (
    "某某\n个人计划\n软件目标：\n1、熟悉某开发环境。\n2、熟悉某系统接口。\n3、建立系统化的知识体系。\n业务知识\n"
)


def test_each_item_of_the_list_under_a_goal_label_is_a_goal() -> None:
    assert _texts(LABEL_LIST) == ["熟悉某开发环境。", "熟悉某系统接口。", "建立系统化的知识体系。"]


def test_the_list_ends_at_the_first_line_with_no_number() -> None:
    text = "某某\n目标：\n1、熟悉某开发环境。\n随后的说明文字不是目标。\n2、另一个列表的项。\n"
    assert _texts(text) == ["熟悉某开发环境。"]


def test_a_paragraph_under_a_label_line_gives_only_its_own_sentences() -> None:
    text = "某某\n活动目的：\n帮助新生了解自我。\n1、报名方式为线上。\n"
    assert _texts(text) == ["帮助新生了解自我。"]  # the paragraph is no list: the numbered line after it is not read


# ------------------------------------------------------------------ a goal sentence over a PDF's wrapped lines

WRAPPED = [
    # (page text, the goal sentence as found)
    (
        "某某\n第一阶段预计持续三个月。目标：完成软件开发及上线准备，与至少\n100家单位签订合作协议。\n",
        "目标：完成软件开发及上线准备，与至少\n100家单位签订合作协议。",
    ),
    # controls: a short line is a heading or a list entry; a line after a cut-off one opens an item; a table row
    ("某某\n目标：完成软件开发及上线准备\n联系方式\n", "目标：完成软件开发及上线准备"),
    (
        "某某\n第一阶段预计持续三个月。目标：完成软件开发及上线准备，与至少\n1、软件研发\n",
        "目标：完成软件开发及上线准备，与至少",
    ),
    (
        "某某\n阶段\t目标：完成软件开发及上线准备，与至少一百家单位签约\n第二阶段\n",
        "目标：完成软件开发及上线准备，与至少一百家单位签约",
    ),
]


@pytest.mark.parametrize(("text", "goal"), WRAPPED)
def test_a_goal_sentence_runs_on_over_a_wrapped_line(text: str, goal: str) -> None:
    assert _texts(text) == [goal]
