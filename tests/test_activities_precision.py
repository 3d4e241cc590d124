"""Activities are things to do: not the things, places, people or deliverables a task part lists (issue 16).

Project-written look-alike text; each vector says what must and must not come out.
"""

from __future__ import annotations

import pytest

from cxzy_nlp.extract import extract
from cxzy_nlp.extract.activities import names_work, table_activities
from cxzy_nlp.model import Document, Section

# fmt: off
NAMES = [
    # (name, names work)
    ("开展入户走访", True),
    ("网络拓扑设计", True),
    ("技能比武", True),           # jieba takes 比武 for a person's name: still work
    ("经验交流", True),           # no thing ending: kept whatever jieba says
    ("趣味运动会", True),
    ("红色故事宣讲团", True),
    ("建立考核信息系统", True),    # a system ending, but a verb before it
    ("教学楼网络", False),
    ("重点产品", False),
    ("软件环境", False),
    ("用户界面", False),
    ("近3年知识产权材料", False),
    ("Web服务器", False),
    ("学生宿舍网络", False),
]
# fmt: on


@pytest.mark.parametrize(("name", "work"), NAMES)
def test_a_name_says_whether_it_is_work(name: str, work: bool) -> None:
    assert names_work(name) is work


def _task_doc(text: str, heading: str, labels: tuple[str, ...]) -> Document:
    start = text.index(heading)
    section = Section(
        id="s1",
        number="一、",
        heading=heading[2:],
        level=1,
        span=(start, len(text)),
        heading_span=(start, start + len(heading)),
        labels=labels,
    )
    return Document(title="某方案", span=(0, len(text)), title_span=(0, 3), sections=(section,))


SERVICES = (
    "一、建设内容\n"
    "1.教学楼网络：提供教室内的网络接入。\n"
    "2.图书馆网络：提供馆内检索服务。\n"
    "3.数据中心机房改造：更换空调与配电。\n"
    "4.无线网络覆盖：部署无线接入点。\n"
)


def test_items_naming_things_are_no_activities() -> None:
    doc = extract(_task_doc(SERVICES, "一、建设内容", ("tasks",)), SERVICES)
    names = [a.name for a in doc.activities]
    assert "教学楼网络" not in names and "图书馆网络" not in names
    assert "数据中心机房改造" in names and "无线网络覆盖" in names  # control: work in the same list stays


def test_a_dated_or_owned_thing_stays_an_activity() -> None:
    t = "一、工作任务\n1.重点产品：2024年3月底前完成抽检。\n2.重点问题：责任单位：市场监管局。\n3.重点人群：老人和儿童。\n"
    names = [a.name for a in extract(_task_doc(t, "一、工作任务", ("tasks",)), t).activities]
    assert names == ["重点产品", "重点问题"]  # the third names people, with no date and no owner


# fmt: off
TABLES = [
    # (table rows below a steps heading, first cells that must come out, first cells that must not)
    ("硬件环境\t服务器 客户端\n软件界面\t运行于常见操作系统\n", [], ["硬件环境", "软件界面"]),
    ("宣传组\t张三\t队长\t设计问卷\n文案组\t李四\t队员\t撰写新闻稿\n", [], ["宣传组", "文案组"]),
    ("准备阶段\t制定方案\n第二步\t组织实施\n", ["准备阶段", "第二步"], []),
    ("8:30-9:00\t开幕式\n9:00-12:00\t分组答辩\n", ["8:30-9:00", "9:00-12:00"], []),
    ("7月16日\t参观与采访\n硬件环境\t服务器\n", ["7月16日"], ["硬件环境"]),
    ("时间\t内容\n\t布置会场\n", [""], []),  # under a time column an undated row (empty time cell) still counts
]
# fmt: on


@pytest.mark.parametrize(("rows", "kept", "dropped"), TABLES)
def test_rows_of_a_steps_table_are_activities_only_when_they_say_when(
    rows: str, kept: list[str], dropped: list[str]
) -> None:
    t = "三、实施步骤\n" + rows
    firsts = [a.text.split("\t")[0] for a in table_activities(t, (0, len(t)), "s1", 2024)]
    assert all(k in firsts for k in kept)
    assert not any(d in firsts for d in dropped)
