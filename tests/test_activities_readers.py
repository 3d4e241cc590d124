"""Activities as a reader lists them (issue 16, stop 7): what a plan says will be done, not how it is upheld, what
its terms mean or what is read. Project-written text; every mechanism with a control that must not fire."""

from __future__ import annotations

import pytest

from cxzy_nlp.extract import extract
from cxzy_nlp.extract.activities import defines, inline_calendar, is_work
from cxzy_nlp.model import Activity, Document, Section

# ------------------------------------------------------------------ the measures of a 保障措施 part

MEASURES = (
    "某某意见\n六、保障措施\n（一）加强组织领导。各部门要密切配合，形成合力。\n"
    "（二）强化考核评估。各地要于2024年11月底前报送年度工作总结。\n"
    "（三）营造良好氛围。加大宣传力度。\n"
)


def _activities(text: str, *sections: Section) -> list[str]:
    doc = Document(title="某某意见", span=(0, len(text)), title_span=(0, 4), sections=sections)
    return [text[a.span[0] : a.span[1]] for a in extract(doc, text).activities]


def _top(text: str, number: str, heading: str, labels: tuple[str, ...]) -> Section:
    start = text.index(number + heading)
    return Section(
        id="s1",
        number=number,
        heading=heading,
        level=1,
        span=(start, len(text)),
        heading_span=(start, start + len(number + heading)),
        labels=labels,
    )


def test_a_measure_is_an_activity_only_when_it_sets_a_deadline() -> None:
    found = _activities(MEASURES, _top(MEASURES, "六、", "保障措施", ("safeguards",)))
    assert any(f.startswith("强化考核评估") for f in found)
    assert not any(f.startswith("加强组织领导") for f in found)  # how the plan is upheld: no thing done
    assert not any(f.startswith("营造良好氛围") for f in found)


def test_the_date_a_closing_measure_runs_into_sets_no_deadline() -> None:
    text = "某某意见\n六、保障措施\n（一）加强组织领导。各部门要密切配合。\n（二）深化交流合作。鼓励走出去。\n某某部\n2024年1月18日\n"
    assert _activities(text, _top(text, "六、", "保障措施", ("safeguards",))) == []


# ------------------------------------------------------------------ a schedule table a PDF ran into one line

# fmt: off
GLUED = [
    # cells run together, each date after the words of the row before it and a blank before its own words
    ("表2 进度安排2023.3 文献调研2023.4-2023.6 采集样本，清洗数据2023.7 撰写结题报告\n",
     ["文献调研", "采集样本", "撰写结题报告"]),
    # the date in the second column, the line ending with the last one: each entry runs up to its own date
    ("2进度安排文献调研2023.3采集样本，清洗数据2023.4-2023.6撰写结题报告2023.7\n",
     ["文献调研", "采集样本", "撰写结题报告"]),
    # controls: dates inside a sentence, a line that ends in words, two entries only
    ("项目于2023.3启动，2023.4完成采集，2023.7结题。\n", []),
    ("文献调研2023.3采集样本2023.4-2023.6撰写结题报告2023.7完成\n", []),
    ("文献调研2023.3采集样本2023.4-2023.6\n", []),
]
# fmt: on


@pytest.mark.parametrize(("body", "names"), GLUED)
def test_a_schedule_table_run_into_one_line_gives_its_rows(body: str, names: list[str]) -> None:
    got = inline_calendar(body, (0, len(body)), 2023)
    assert [a.name for a in got] == names
    assert all(body[a.span[0] : a.span[1]] == a.text and a.start for a in got)


# ------------------------------------------------------------------ an item that says what its subject is

# fmt: off
DEFINITIONS = [
    ("库存管理", "库存管理\n库存管理（Inventory Management）是指对库存物资进行计划与控制。", True),
    ("地推宣传", "地推宣传\n地推宣传作为一种成本较低的推广手段，适合校园市场。", True),
    ("术语抽取", "术语抽取：术语是用于描述一个领域的词语集合。", True),
    ("实体链接", "实体链接：本项目将实体链接定义为把文中名称对应到知识库条目；", True),
    # controls: the item says what is done
    ("库存管理", "库存管理\n每月盘点一次库存，及时补货。", False),
    ("数据采集", "数据采集 网络爬虫（Web Crawler），是按照规则抓取网页的程序，本项目用它采集数据。", False),
    ("宣传发动", "宣传发动：是本次活动的重点，要广泛宣传。", False),
]
# fmt: on


@pytest.mark.parametrize(("name", "text", "definition"), DEFINITIONS)
def test_an_item_defining_its_subject_is_a_description(name: str, text: str, definition: bool) -> None:
    assert defines(name, text) is definition
    assert is_work(Activity(name=name, text=text, span=(0, len(text)), section=None)) is not definition


# ------------------------------------------------------------------ the title of a text read or studied

# fmt: off
TITLES = [
    ("《某某理论文选》第一卷", False),
    ("《某某思想学习纲要（2025年版）》；", False),
    ("学习专题片《某某纪实》", True),      # controls: reading or watching it is the work
    ("修订《某某管理办法》", True),
    ("《某某测试方案》：开展单元测试和集成测试。", True),  # a deliverable with the work that makes it
]
# fmt: on


@pytest.mark.parametrize(("item", "work"), TITLES)
def test_an_item_that_is_the_title_of_a_text_alone_names_no_work(item: str, work: bool) -> None:
    name = item.split("：")[0].rstrip("；")
    assert is_work(Activity(name=name, text=item, span=(0, len(item)), section=None)) is work


# ------------------------------------------------------------------ a members table with a duty column

# fmt: off
MEMBERS = [
    # (table, duties with their owners)
    ("姓名\t性别\t学号\t项目分工\n张某某\t男\t2017001\t数据采集与清洗\n李某\t女\t2017002\t界面设计\n",
     [("数据采集与清洗", "张某某"), ("界面设计", "李某")]),
    ("姓名\t职责\n王某\t负责接口联调\n", [("负责接口联调", "王某")]),
    # controls: who wrote which part of the document itself; a table without a duty column; an empty duty cell
    ("学号\t姓名\t本文档中承担的任务\n001\t张某\t需求分析章节\n", []),
    ("姓名\t性别\t学号\n张某\t男\t2017001\n", []),
    ("姓名\t性别\t项目分工\n张某\t男\t\n", []),
    ("姓名\t分工\n张某\t信息员\n", []),                                   # a role, not a duty
    ("姓名\t项目分工\n张某\t数据采集\n\n经费预算如下：\n项目\t第一年\n差旅\t3000\n",  # the header names its own table
     [("数据采集", "张某")]),
    ("工作任务\t主要负责人\n需求分析\t张某\n", []),                     # no 姓名 column: read as a table of tasks
]
# fmt: on


@pytest.mark.parametrize(("table", "duties"), MEMBERS)
def test_the_duties_of_a_members_table_are_activities_of_their_members(
    table: str, duties: list[tuple[str, str]]
) -> None:
    from cxzy_nlp.extract.activities import duty_rows

    got = duty_rows(table, (0, len(table)))
    assert [(a.text, a.owner) for a in got] == duties
    assert all(table[a.span[0] : a.span[1]] == a.text for a in got)


def test_a_schedule_flattened_into_a_form_cell_gives_its_rows() -> None:
    text = (
        "某某项目合同书\n项目组成员\t张某，李某\n"
        "项目进行的计划\t时间 计划 地点 2023.3 文献调研 图书馆 2023.4-2023.6 采集样本 实验室 2023.7 撰写结题报告 教室\n"
    )
    doc = Document(title="某某项目合同书", span=(0, len(text)), title_span=(0, 7), sections=())
    found = [a.when for a in extract(doc, text).activities]
    assert found == ["2023.3", "2023.4-2023.6", "2023.7"]
