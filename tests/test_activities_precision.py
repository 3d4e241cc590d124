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


# fmt: off
INLINE = [
    # (a steps body, names that must come out)
    ("进度安排 2023.3 文献调研 2023.4-2023.6 采集样本，清洗数据 2023.7 撰写结题报告\n",
     ["文献调研", "采集样本", "撰写结题报告"]),
    ("进度安排 2023.3 文献调研 2023.4-2023.6 采集样本\n", []),            # two entries: not a flattened table
    ("项目于2023.3启动，2023.4完成采集，2023.7结题。\n", []),             # dates inside sentences do not open entries
]
# fmt: on


@pytest.mark.parametrize(("body", "names"), INLINE)
def test_a_schedule_table_flattened_into_a_line_gives_its_rows(body: str, names: list[str]) -> None:
    from cxzy_nlp.extract.activities import inline_calendar

    got = inline_calendar(body, (0, len(body)), 2023)
    assert [a.name for a in got] == names
    assert all(body[a.span[0] : a.span[1]] == a.text and a.start for a in got)


def test_parts_listing_materials_features_or_pledges_give_no_activities() -> None:
    t = (
        "一、工作内容\n1. 申请材料\n（1）营业执照复印件；\n（2）近两年财务报表。\n"
        "2. 项目特色\n（1）首次将课程内容可视化；\n（2）界面友好。\n"
        "3. 组织培训\n（1）举办操作培训会；\n（2）开展现场答疑。\n"
    )
    heads = ["1. 申请材料", "2. 项目特色", "3. 组织培训"]
    starts = [t.index(h) for h in heads] + [len(t)]
    children = tuple(
        Section(
            id=f"s{i + 2}",
            number=h.split(" ")[0],
            heading=h.split(" ")[1],
            level=2,
            span=(starts[i], starts[i + 1]),
            heading_span=(starts[i], starts[i] + len(h)),
            labels=("tasks",),
        )
        for i, h in enumerate(heads)
    )
    top = Section(
        id="s1",
        number="一、",
        heading="工作内容",
        level=1,
        span=(0, len(t)),
        heading_span=(0, 5),
        labels=("tasks",),
        children=children,
    )
    doc = Document(title="某方案", span=(0, len(t)), title_span=(0, 3), sections=(top,))
    names = [a.name for a in extract(doc, t).activities]
    assert names == ["举办操作培训会", "开展现场答疑"]  # control: the items of the work part stay
