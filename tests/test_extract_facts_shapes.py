"""Period, budget and owner shapes met in several real documents (issue 16, stop 6), each on project-written
text with a control that must not fire."""

from __future__ import annotations

import pytest

from cxzy_nlp.extract.dates import find_dates, in_name
from cxzy_nlp.extract.items import Item
from cxzy_nlp.extract.owners import find_owners
from cxzy_nlp.extract.schedule import derive_period, make_phase, title_period
from cxzy_nlp.model import Goal, Phase

# ------------------------------------------------------------------ dates: a year inside a quoted name is no time

# fmt: off
NAMES = [
    # (text, the date written in it, inside a name)
    ("申报单位登录“2023年某某典型案例征集系统”填写信息。", "2023年", True),
    ("按照《某某三年行动计划（2021-2023年）》部署。", "2021-2023年", True),
    ("活动定于“2024年5月1日”举行。", "2024年5月1日", False),    # a quoted date alone is a date
    ("申报起始时间为2023年3月30日。", "2023年3月30日", False),
    ("“七一”前夕开展走访。", "七一", False),                      # a festival in quotes is its day
]
# fmt: on


@pytest.mark.parametrize(("text", "written", "named"), NAMES)
def test_a_date_inside_a_quoted_name_is_part_of_the_name(text: str, written: str, named: bool) -> None:
    at = text.index(written)
    assert in_name(text, (at, at + len(written))) is named


def test_find_dates_leaves_out_dates_of_names_unless_asked() -> None:
    text = "申报单位登录“2023年某某征集系统”，申报起始时间为2023年3月30日。"
    own = [text[e.span[0] : e.span[1]] for e in find_dates(text, None, 2023)]
    every = [text[e.span[0] : e.span[1]] for e in find_dates(text, None, 2023, names=True)]
    assert own == ["2023年3月30日"]
    assert every == ["2023年", "2023年3月30日"]  # control: the checks still see every written date


# ------------------------------------------------------------------ phases: a start and the deadline after it

PHASES = [
    # (item text, start, end)
    (
        "（一）网上填报\n申报单位登录“2023年某某征集系统”填写信息。申报起始时间为2023年3月30日，截止时间为2023年4月21日。",
        "2023-03-30",
        "2023-04-21",
    ),
    ("（二）材料报送\n推荐单位于2023年5月5日前报送材料。", None, "2023-05-05"),
    ("（三）实施阶段\n2023年4月1日至6月30日，各地组织实施。", "2023-04-01", "2023-06-30"),
    ("（四）启动\n2023年4月1日召开动员会。", "2023-04-01", "2023-04-01"),
]


@pytest.mark.parametrize(("text", "start", "end"), PHASES)
def test_a_phase_runs_from_its_start_to_the_deadline_it_sets(text: str, start: str | None, end: str | None) -> None:
    phase = make_phase(text, Item(span=(0, len(text)), heading=text.split("\n")[0][3:]), 2023)
    assert (phase.start, phase.end) == (start, end)


# ------------------------------------------------------------------ derived period: the plan's start, not its issue


def _phase(start: str | None, end: str | None) -> Phase:
    return Phase(phase="某阶段", start=start, end=end, span=(0, 1))


def test_a_derived_period_starts_when_the_plan_says_the_work_starts() -> None:
    phases = [_phase("2023-03-30", "2023-04-21"), _phase(None, "2023-05-05")]
    period = derive_period("2023-03-20", 2023, phases, [], [])
    assert period is not None and (period.start, period.end) == ("2023-03-30", "2023-05-05")


def test_a_derived_period_with_deadlines_only_starts_on_the_date_of_writing() -> None:
    period = derive_period("2023-03-20", 2023, [_phase(None, "2023-04-30"), _phase(None, "2023-05-05")], [], [])
    assert period is not None and (period.start, period.end) == ("2023-03-20", "2023-05-05")  # control


def test_a_start_before_the_date_of_writing_does_not_start_the_period() -> None:
    period = derive_period("2023-03-20", 2023, [_phase("2023-01-01", "2023-05-05")], [], [])
    assert period is not None and period.start == "2023-03-20"


# ------------------------------------------------------------------ title: a notice deploying a year's work

# fmt: off
TITLES = [
    ("关于做好2024年工业质量工作的通知", ("2024-01-01", "2024-12-31")),
    ("关于部署2025年度安全生产工作的通知", ("2025-01-01", "2025-12-31")),
    ("关于组织开展2023年某某典型案例征集工作的通知", None),   # a campaign held within the year
    ("关于做好2024年暑期社会实践宣传工作的通知", ("2024-07-01", "2024-08-31")),  # the season, not the year
    ("关于开展2024年某某检查的通知", None),
]
# fmt: on


@pytest.mark.parametrize(("title", "period"), TITLES)
def test_a_notice_deploying_a_years_work_runs_that_year(title: str, period: tuple[str, str] | None) -> None:
    found = title_period(title, (0, len(title)), None)
    assert (found and (found.start, found.end)) == period


def test_a_one_day_item_on_the_date_of_writing_is_the_signature_not_an_event() -> None:
    goals = [Goal(text="到2027年，某某", span=(0, 5), section=None, measurable=True, deadline="2027-12-31")]
    signed = derive_period("2025-06-07", 2025, [_phase("2025-06-07", "2025-06-07")], [], goals)
    assert signed is not None and (signed.start, signed.end) == ("2025-06-07", "2027-12-31")
    event = derive_period("2025-06-07", 2025, [_phase("2025-06-20", "2025-06-20")], [], goals)
    assert event is not None and event.end == "2025-06-20"  # control: a calendar of events ends with its last event


# ------------------------------------------------------------------ owners: units named by level, partner, entrusted

# fmt: off
OWNER_CASES = [
    # (text, owners that must be found, names that must not)
    ("各级网信部门应加强督促指导。", ["各级网信部门"], []),
    ("各级卫生健康部门、中医药主管部门应指导医院。", ["各级卫生健康部门", "中医药主管部门"], []),
    ("网站平台应完善资质认证。", ["网站平台"], []),
    ("某某总局会同工业和信息化部加强监督管理。", ["某某总局", "工业和信息化部"], ["工业", "信息化部"]),
    ("申报材料的汇总工作委托某某研究所承担。", ["某某研究所"], []),
    ("项目由社会团体自愿申请。", ["社会团体"], []),
    ("运行经费主要由依托单位自筹解决。", ["依托单位"], []),
    ("县教育局和县财政局负责督查。", ["县教育局", "县财政局"], []),
    ("各级要高度重视。", [], ["各级"]),                      # a level alone is no unit
    ("各级各类学校要落实。", [], ["各级各类学校"]),
]
# fmt: on


@pytest.mark.parametrize(("text", "must", "must_not"), OWNER_CASES)
def test_owner_shapes(text: str, must: list[str], must_not: list[str]) -> None:
    names = [o.name for o in find_owners(text, (0, len(text)))]
    assert set(must) <= set(names), names
    assert not set(must_not) & set(names), names


# fmt: off
MORE_OWNERS = [
    ("某市人民政府办公室是本地区政务公开工作的主管单位，负责统筹。", ["某市人民政府办公室"], []),
    ("校团委是本次活动的责任主体。", ["校团委"], []),
    ("申报单位登录申报系统填写信息。", ["申报单位"], []),
    ("本次活动是全校师生的节日。", [], ["本次活动"]),              # no unit in charge
]
# fmt: on


@pytest.mark.parametrize(("text", "must", "must_not"), MORE_OWNERS)
def test_owner_in_charge_and_duty_verbs(text: str, must: list[str], must_not: list[str]) -> None:
    test_owner_shapes(text, must, must_not)


# fmt: off
LISTED_OWNERS = [
    ("各省、自治区、直辖市工业和信息化主管部门负责组织推荐。", ["各省、自治区、直辖市工业和信息化主管部门"], ["各省", "自治区"]),
    ("各县（市、区）人民政府是本地区工作的责任主体。", ["各县（市、区）人民政府"], ["各县", "区）人民政府"]),
    ("牵头单位：市发展改革委；配合单位：市财政局、市统计局", ["市发展改革委", "市财政局", "市统计局"], []),
    ("教务处、学生处按职责分工负责。", ["教务处", "学生处"], []),
    ("学生会负责具体组织。", ["学生会"], []),
    ("请各学院于5月10日前报送材料。", ["各学院"], ["请各学院"]),
    ("市财政局、县民政局配合。", ["市财政局", "县民政局"], []),      # control: a list of units still splits
    ("此处要注意安全。", [], ["此处"]),                             # control: 处 ends a unit only after a name
]
# fmt: on


@pytest.mark.parametrize(("text", "must", "must_not"), LISTED_OWNERS)
def test_owner_lists_regions_and_school_units(text: str, must: list[str], must_not: list[str]) -> None:
    test_owner_shapes(text, must, must_not)


# fmt: off
DIVISION_OWNERS = [
    ("1. 张三：负责需求分析。", ["张三"], []),
    ("（1）李四：负责前端开发。", ["李四"], []),
    ("2.县财政局：负责资金保障。", ["县财政局"], []),
    ("王小明、李四、赵六负责布置会场。", ["王小明", "李四", "赵六"], []),
    ("项目组成员：刘一（组长）、陈二、张三", ["刘一", "陈二", "张三"], ["刘一（组长）"]),
    ("成员：孙八、周九", ["孙八", "周九"], ["成员"]),
    ("2.工作内容：负责文档编写。", [], ["工作内容"]),               # control: a label is no unit
    ("任务：完成报告。", [], ["任务"]),                             # control: 任 opens a word, not a name
]
# fmt: on


@pytest.mark.parametrize(("text", "must", "must_not"), DIVISION_OWNERS)
def test_owners_of_a_division_list(text: str, must: list[str], must_not: list[str]) -> None:
    test_owner_shapes(text, must, must_not)


# fmt: off
NAME_LINES = [
    ("最终分工\n张晓明：\n主要回答：\n招生政策\n李青：\n主要回答：\n学习经验\n", ["张晓明", "李青"], ["主要回答"]),
    ("活动安排\n时间：\n5月6日\n宗旨：\n服务同学\n", [], ["时间", "宗旨"]),   # control: labels, not names
    ("分工\n张晓明：\n主要回答招生政策\n", [], ["张晓明"]),                    # control: one line may be a label
]
# fmt: on


@pytest.mark.parametrize(("text", "must", "must_not"), NAME_LINES)
def test_names_heading_their_duties_on_their_own_lines(text: str, must: list[str], must_not: list[str]) -> None:
    test_owner_shapes(text, must, must_not)
