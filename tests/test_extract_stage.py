"""The extraction stage on Documents built by hand: sections, items, names, year, period, budget, tables."""

from __future__ import annotations

from dataclasses import replace

import pytest

from cxzy_nlp.extract import extract
from cxzy_nlp.extract.leaders import split_person
from cxzy_nlp.jsonio import document_from_dict, document_to_dict
from cxzy_nlp.model import Document, Section


def section(
    sid: str, text: str, number: str, heading: str, labels: tuple[str, ...], children: tuple[Section, ...] = ()
) -> Section:
    """A level-1 section found by its marker+heading in ``text``, running to the next 一、-style marker."""
    start = text.index(number + heading)
    head_end = start + len(number + heading)
    nxt = [text.find(m, head_end) for m in ("\n一、", "\n二、", "\n三、", "\n四、", "\n五、", "\n六、")]
    end = min([n for n in nxt if n > 0] or [len(text)])
    return Section(
        id=sid,
        number=number,
        heading=heading,
        level=1,
        span=(start, end),
        heading_span=(start, head_end),
        labels=labels,
        children=children,
    )


def document(text: str, title: str, *sections: Section) -> Document:
    return Document(title=title, span=(0, len(text)), title_span=(0, len(title)), sections=sections)


PLAN = """2023年社区读书月活动方案
为推动全民阅读，特制定本方案。
一、活动目标
1.全年举办读书分享会12场，参与居民达到500人次。
2.提升居民阅读兴趣。
二、活动时间
2023年4月1日至4月30日。
三、活动内容
1.“好书共读”活动。每周六在社区图书室开展共读，牵头单位：社区图书室。
2.亲子阅读：邀请家长和孩子共同参加，4月15日举行。参加对象：辖区小学生及家长。
四、实施步骤
1.准备阶段（3月20日至3月31日）：制定方案，布置场地。
2.实施阶段（4月1日至4月25日）：组织各项活动。
3.总结阶段（4月底前）：评选表彰，总结经验。
五、经费预算
本次活动经费共计1.2万元，具体如下：
1.图书采购：8000元。
2.宣传物料：4000元。
六、组织领导
成立读书月活动领导小组，社区党委书记王芳任组长，李强、陈静为成员。领导小组下设办公室，办公室设在社区居委会。
"""


@pytest.fixture(scope="module")
def reading_month() -> tuple[str, Document]:
    t = PLAN
    secs = (
        section("s1", t, "一、", "活动目标", ("goals",)),
        section("s2", t, "二、", "活动时间", ("logistics",)),
        section("s3", t, "三、", "活动内容", ("tasks",)),
        section("s4", t, "四、", "实施步骤", ("steps",)),
        section("s5", t, "五、", "经费预算", ("budget",)),
        section("s6", t, "六、", "组织领导", ("organization",)),
    )
    return t, extract(document(t, "2023年社区读书月活动方案", *secs), t)


def test_goals_with_indicators(reading_month: tuple[str, Document]) -> None:
    _, doc = reading_month
    assert [(g.measurable, g.aim) for g in doc.goals] == [(False, True), (True, False), (False, False)]
    assert doc.goals[0].text == "推动全民阅读"  # the aim of the opening (为推动全民阅读，特制定本方案)
    targets = [g for g in doc.goals if not g.aim]
    assert targets[0].indicators == ("12场", "500人次")
    assert all(g.section == "s1" for g in targets)


def test_activities_with_names_owners_and_dates(reading_month: tuple[str, Document]) -> None:
    _, doc = reading_month
    assert [a.name for a in doc.activities] == ["好书共读", "亲子阅读"]
    assert doc.activities[0].owner == "社区图书室"
    assert (doc.activities[1].when, doc.activities[1].start) == ("4月15日", "2023-04-15")
    assert doc.activities[1].participants == "辖区小学生及家长"


OWNERS = [
    ("推进网点建设。（商务部、农业农村部等和各有关省级人民政府负责）", "商务部、农业农村部等和各有关省级人民政府"),
    ("完善培训制度，由县人社局牵头。", "县人社局"),
    ("开展专项检查。牵头单位：县市场监管局；责任单位：各乡镇。", "县市场监管局"),
    ("开展宣传。（牵头单位：团县委，配合单位：县妇联）", "团县委"),
    ("开展宣传月活动。", None),
]


@pytest.mark.parametrize(("words", "owner"), OWNERS)
def test_activity_owner_forms(words: str, owner: str | None) -> None:
    t = "一、主要任务\n1." + words + "\n"
    doc = extract(document(t, "某方案", section("s1", t, "一、", "主要任务", ("tasks",))), t)
    (activity,) = doc.activities
    assert activity.owner == owner


def test_period_and_phases(reading_month: tuple[str, Document]) -> None:
    _, doc = reading_month
    assert doc.year == 2023 and doc.year_reason == "据标题中的2023年"
    assert doc.period is not None and (doc.period.start, doc.period.end) == ("2023-04-01", "2023-04-30")
    assert [(p.phase, p.start, p.end) for p in doc.schedule] == [
        ("准备阶段", "2023-03-20", "2023-03-31"),
        ("实施阶段", "2023-04-01", "2023-04-25"),
        ("总结阶段", None, "2023-04-30"),
    ]


def test_stated_period_says_so(reading_month: tuple[str, Document]) -> None:
    _, doc = reading_month
    assert doc.period is not None and doc.period.source == "stated"


def test_period_derived_from_phases_when_none_is_stated() -> None:
    t = "一、实施步骤\n1.准备阶段（3月1日至3月15日）：制定方案。\n2.总结阶段：6月底前完成总结。\n"
    doc = extract(document(t, "2022年某活动方案", section("s1", t, "一、", "实施步骤", ("steps",))), t)
    assert doc.period is not None
    assert (doc.period.start, doc.period.end, doc.period.source) == ("2022-03-01", "2022-06-30", "derived")


def test_derived_period_starts_on_the_date_of_writing_and_ignores_past_years() -> None:
    t = "一、工作任务\n1.摸底排查。2019年4月底前完成。\n2.全面整改。2020年12月底前完成。2007年曾开展试点。\n"
    doc = replace(
        document(t, "关于开展某治理工作的通知", section("s1", t, "一、", "工作任务", ("tasks",))), date="2019-01-09"
    )
    doc = extract(doc, t)
    assert doc.period is not None
    assert (doc.period.start, doc.period.end, doc.period.source) == ("2019-01-09", "2020-12-31", "derived")


def test_a_derived_period_starts_no_earlier_than_the_date_of_writing() -> None:
    t = "一、工作任务\n1.各地于每年6月报送进展。\n2.2025年12月底前完成验收准备。\n"
    doc = replace(document(t, "关于某工作的通知", section("s1", t, "一、", "工作任务", ("tasks",))), date="2025-11-10")
    doc = extract(doc, t)
    assert doc.period is not None
    assert (doc.period.start, doc.period.end) == ("2025-11-10", "2025-12-31")


def test_a_calendar_of_events_ends_with_its_last_event_not_a_target_year_it_cites() -> None:
    t = (
        "一、实践目的\n为确保农村贫困人口到2020年如期脱贫，开展调研。\n"
        "二、日程安排\n1.集合出发（7月16日）。\n2.返校（7月20日）。\n3.完成报告（8月）。\n"
    )
    doc = extract(
        document(
            t,
            "2019年某调研活动策划书",
            section("s1", t, "一、", "实践目的", ("goals",)),
            section("s2", t, "二、", "日程安排", ("steps",)),
        ),
        t,
    )
    assert doc.period is not None
    assert (doc.period.start, doc.period.end) == ("2019-07-16", "2019-08-31")


def test_a_deadline_in_running_text_ends_a_derived_period_but_a_later_review_does_not() -> None:
    t = (
        "一、总体要求\n各地要于2019年12月底前完成集约化工作。\n"
        "二、组织实施\n上级将于2020年4月底前组织对试点工作进行验收总结。\n"
    )
    doc = replace(
        document(
            t,
            "关于开展某试点工作的通知",
            section("s1", t, "一、", "总体要求", ("guiding_ideology",)),
            section("s2", t, "二、", "组织实施", ("organization",)),
        ),
        date="2018-10-27",
    )
    doc = extract(doc, t)
    assert doc.period is not None
    assert (doc.period.start, doc.period.end, doc.period.source) == ("2018-10-27", "2019-12-31", "derived")


@pytest.mark.parametrize(
    ("heading", "body", "expected"),
    [
        ("活动时间", "2024年5月6日（星期一）下午14:00", ("2024-05-06", "2024-05-06")),  # one day under a time heading
        ("活动安排", "比赛时间：2024年5月10日", ("2024-05-10", "2024-05-10")),  # one day after an explicit label
        ("活动安排", "报名截止：2024年5月10日", None),  # a deadline is no period
        ("活动安排", "实践时间\t2019.7.16-2019.7.22", ("2019-07-16", "2019-07-22")),  # a form field
        ("活动地点", "图书馆（2024年5月6日开放）", None),  # a day outside a time section
        # the days and ranges of a time section taken together
        ("活动时间", "报名：2024年3月1日至3月10日\n初赛：3月15日\n决赛：4月20日", ("2024-03-01", "2024-04-20")),
    ],
)
def test_period_of_one_day_and_of_labels(heading: str, body: str, expected: tuple[str, str] | None) -> None:
    t = f"一、{heading}\n{body}\n"
    doc = extract(document(t, "某活动方案", section("s1", t, "一、", heading, ("logistics",))), t)
    stated = (doc.period.start, doc.period.end) if doc.period and doc.period.source == "stated" else None
    assert stated == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("自即日起至2017年11月15日，在全校开展评选。", ("2017-11-01", "2017-11-15")),
        ("活动时间：即日起至11月15日。", ("2017-11-01", "2017-11-15")),
        ("请于2017年11月15日前报送。", None),  # a deadline, not a stated period (a derived one ends there)
    ],
)
def test_a_period_from_the_day_of_writing(sentence: str, expected: tuple[str, str] | None) -> None:
    t = "一、评选办法\n" + sentence + "\n"
    doc = replace(
        document(t, "关于开展某评选活动的通知", section("s1", t, "一、", "评选办法", ("tasks",))), date="2017-11-01"
    )
    doc = extract(doc, t)
    stated = (doc.period.start, doc.period.end) if doc.period and doc.period.source == "stated" else None
    assert stated == expected


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("某市数字乡村建设行动方案（2025—2027年）", ("2025-01-01", "2027-12-31")),
        ("2025年数字乡村发展工作要点", ("2025-01-01", "2025-12-31")),
        ("2019年暑期社会实践活动方案", ("2019-07-01", "2019-08-31")),
        ("关于开展2025年读书月活动的通知", None),  # a year in a notice's title is not its period
    ],
)
def test_period_stated_in_the_title(title: str, expected: tuple[str, str] | None) -> None:
    t = title + "\n一、总体要求\n坚持问题导向。\n"
    doc = extract(document(t, title, section("s1", t, "一、", "总体要求", ("guiding_ideology",))), t)
    got = (doc.period.start, doc.period.end) if doc.period else None
    assert got == expected
    assert doc.period is None or doc.period.source == "stated"


def test_phases_named_in_running_text() -> None:
    t = "一、实施步骤\n活动分三个阶段：准备阶段（3月1日至3月15日），组织实施阶段（3月16日—5月31日），总结阶段：6月底前完成。\n"
    doc = extract(document(t, "2022年某活动方案", section("s1", t, "一、", "实施步骤", ("steps",))), t)
    assert [(p.phase, p.start, p.end) for p in doc.schedule] == [
        ("准备阶段", "2022-03-01", "2022-03-15"),
        ("组织实施阶段", "2022-03-16", "2022-05-31"),
        ("总结阶段", None, "2022-06-30"),
    ]


def test_budget_adds_up(reading_month: tuple[str, Document]) -> None:
    _, doc = reading_month
    assert doc.budget is not None
    assert (doc.budget.total, doc.budget.items_sum, doc.budget.adds_up) == (12000, 12000, True)
    assert [(i.purpose, i.amount) for i in doc.budget.items] == [("图书采购", 8000), ("宣传物料", 4000)]


def test_leaders_and_office(reading_month: tuple[str, Document]) -> None:
    text, doc = reading_month
    assert [(x.role, x.name, x.title) for x in doc.leaders] == [
        ("组长", "王芳", "社区党委书记"),
        ("成员", "李强", None),
        ("成员", "陈静", None),
        ("办公室", None, "社区居委会"),
    ]
    assert [text[x.span[0] : x.span[1]] for x in doc.leaders[1:3]] == ["李强", "陈静"]


def test_a_year_in_a_place_description_is_not_the_period() -> None:
    t = "一、实践地点\n某县人口约98万（2013年末）。\n"
    doc = extract(document(t, "2019年调研方案", section("s1", t, "一、", "实践地点", ("logistics",))), t)
    assert doc.period is None


def test_budget_that_does_not_add_up() -> None:
    t = "一、经费预算\n活动总预算5万元。\n1.场地费：2万元。\n2.餐费：2万元。\n"
    doc = extract(document(t, "某活动方案", section("s1", t, "一、", "经费预算", ("budget",))), t)
    assert doc.budget is not None and doc.budget.adds_up is False and doc.budget.items_sum == 40000


def test_budget_stated_in_passing() -> None:
    t = "一、活动内容\n举办运动会。本次活动经费共计3.5万元，由工会列支。\n"
    doc = extract(document(t, "某活动方案", section("s1", t, "一、", "活动内容", ("tasks",))), t)
    assert doc.budget is not None and doc.budget.total == 35000 and doc.budget.items == ()
    assert doc.budget.adds_up is None


def test_a_budget_quoted_from_elsewhere_is_not_the_plans() -> None:
    t = "一、背景\n国家安排新建项目补贴预算总额度为30亿元。\n"
    doc = extract(document(t, "某调研方案", section("s1", t, "一、", "背景", ("background",))), t)
    assert doc.budget is None


def test_budget_table_in_ten_thousands() -> None:
    t = "一、经费预算\n项目\t金额（万元）\n设备购置\t2.5\n人员培训\t1.5\n合计\t4\n"
    doc = extract(document(t, "某方案", section("s1", t, "一、", "经费预算", ("budget",))), t)
    assert doc.budget is not None
    assert [i.amount for i in doc.budget.items] == [25000, 15000] and doc.budget.total == 40000


@pytest.mark.parametrize(
    ("body", "total", "items"),
    [
        # a total and its parts in one sentence
        ("本次活动预计总费用约2万元，其中：场地费5000元，物料费8000元，奖品7000元。", 20000, [5000, 8000, 7000]),
        ("预算总额：5000元（其中宣传费2000元，奖品3000元）", 5000, [2000, 3000]),
        # the one sum a budget section names is its total; a sum per person is not
        ("活动所需经费约壹万贰仟元整，由社区工作经费列支。", 12000, []),
        ("参赛选手每人补助交通费200元。", None, [200]),
        # the grand total, not the 合计 of one item's parts
        ("1. 注册费用：合计300元，具体如下：\n2. 推广费用：1000元\n合计：1300元", 1300, [300, 1000]),
        # a total in the same sentence as its parts
        ("学校资助2000元，学院配套1000元，共计3000元。", 3000, [2000, 1000]),
        ("项目所需经费5万元，用于设备购置3万元、人员培训2万元。", 50000, [30000, 20000]),
        # a total without 元: a PDF's spaced table row in the header's unit, 万 said once
        ("科目 预算（元） 备注\n1、设备费 7300\n2、资料费 700\n合计 8000\n", 8000, []),
        ("本项目总预算：5万，主要用于设备购置。", 50000, []),
        ("合计 120\n", None, None),  # a bare figure with no money in sight is no total
        # a table of days is no budget
        ("序号\t工作内容\t工作量估算（天）\n1\t立项\t1\n2\t开发\t39\n总计（天）\t40\n", None, None),
    ],
)
def test_budget_section_forms(body: str, total: float | None, items: list[float] | None) -> None:
    t = "一、经费预算\n" + body + "\n"
    doc = extract(document(t, "某活动方案", section("s1", t, "一、", "经费预算", ("budget",))), t)
    if items is None:
        assert doc.budget is None
        return
    assert doc.budget is not None
    assert (doc.budget.total, [i.amount for i in doc.budget.items]) == (total, items)
    assert doc.budget.adds_up is (None if total is None or not items else True)


@pytest.mark.parametrize(
    ("text", "total"),
    [
        ("项目名称\t乡村调研\n经费预算\t3000元\n指导教师\t李四\n", 3000),  # a form field
        ("申请经费（元）：2500\n", 2500),
        ("申请经费（元） 8000\n项目周期 一年\n", 8000),  # a PDF's spaces
        ("经费预算\t每人50元\n", None),  # a sum per person
        ("物品\t数量\t单价（元）\t总价（元）\n矿泉水\t40\t2\t80\n零食\t40\t12\t480\n合计\t\t\t560\n", 560),
    ],
)
def test_budget_outside_a_budget_section(text: str, total: float | None) -> None:
    t = "一、活动准备\n" + text
    doc = extract(document(t, "某活动方案", section("s1", t, "一、", "活动准备", ("logistics",))), t)
    assert (doc.budget.total if doc.budget else None) == total


def test_budget_table_rows() -> None:
    t = "一、经费预算\n项目\t金额（元）\n场地租赁\t3000\n印刷资料\t1500\n合计\t4500\n"
    doc = extract(document(t, "某活动方案", section("s1", t, "一、", "经费预算", ("budget",))), t)
    assert doc.budget is not None
    assert [(i.purpose, i.amount) for i in doc.budget.items] == [("场地租赁", 3000), ("印刷资料", 1500)]
    assert doc.budget.total == 4500 and doc.budget.adds_up is True


def test_month_schedule_table_rows_are_activities() -> None:
    t = "一、月份安排\n月份\t活动内容\t负责人\n3月\t植树活动\t团委\n5月\t歌咏比赛\t工会\n"
    doc = extract(document(t, "2022年工作计划", section("s1", t, "一、", "月份安排", ("steps",))), t)
    assert [(a.name, a.when, a.start, a.owner) for a in doc.activities] == [
        ("植树活动", "3月", "2022-03-01", "团委"),
        ("歌咏比赛", "5月", "2022-05-01", "工会"),
    ]


def test_calendar_table_outside_sections_crosses_the_year() -> None:
    t = "2016年课程教学日历\n序号\t日期\t教 学 内 容\n1\t11月3日\t需求分析\n2\t12月29日\t软件测试\n3\t1月5日\t总结交流\n4\t\t\n"
    doc = extract(Document(title="2016年课程教学日历", span=(0, len(t))), t)
    assert [(a.name, a.start) for a in doc.activities] == [
        ("需求分析", "2016-11-03"),
        ("软件测试", "2016-12-29"),
        ("总结交流", "2017-01-05"),
    ]


def test_goal_statements_outside_goal_sections() -> None:
    t = "一、主要任务\n推进老旧小区改造。力争到2025年底完成改造80个小区。\n"
    doc = extract(document(t, "某方案", section("s1", t, "一、", "主要任务", ("tasks",))), t)
    (goal,) = doc.goals
    assert goal.text == "力争到2025年底完成改造80个小区。"
    assert goal.measurable and goal.deadline == "2025-12-31" and goal.indicators == ("80个",)


def test_goal_statement_without_its_list_marker() -> None:
    t = "一、主要任务\n（二）到2025年底，建成示范点10个。\n"
    doc = extract(document(t, "某方案", section("s1", t, "一、", "主要任务", ("tasks",))), t)
    assert [g.text for g in doc.goals] == ["到2025年底，建成示范点10个。"]


def test_counted_goals() -> None:
    t = (
        "总体要求：努力实现三个目标：\n队伍更强。\n加强教育培训，提升党员干部的理论水平和业务能力。\n作风更实。\n"
        "深入基层调查研究，切实解决群众反映强烈的突出问题。\n服务更优。\n主要内容：略。\n"
    )
    doc = extract(Document(title="某方案", span=(0, len(t))), t)
    assert [g.text.split("\n")[0] for g in doc.goals] == ["队伍更强。", "作风更实。", "服务更优。"]
    assert doc.goals[0].text.endswith("业务能力。")


def test_headings_without_sections_are_found() -> None:
    t = "2021年某活动方案\n一、活动目标\n1.提高技能。\n2.增进交流。\n二、活动内容\n1.技能比武：岗位练兵。\n2.经验交流：座谈分享。\n"
    doc = extract(Document(title="2021年某活动方案", span=(0, len(t))), t)
    assert [g.text for g in doc.goals] == ["提高技能。", "增进交流。"]
    assert [a.name for a in doc.activities] == ["技能比武", "经验交流"]


# fmt: off
YEARS = [
    ("2024年某方案", "正文", 2024, "据标题中的2024年"),
    ("某方案", "某发〔2019〕3号\n正文", 2019, "据文号某发〔2019〕3号"),
    ("某方案", "迎接建党90周年", 2011, "据“建党90周年”推算为2011年"),
    ("某方案", "庆祝新中国成立75周年", 2024, "据“新中国成立75周年”推算为2024年"),
    ("某方案", "于2020年3月1日开始，2020年5月结束", 2020, "据正文日期中出现2次的2020年"),
    ("二〇一〇年工作计划", "正文", 2010, "据标题中的2010年"),
]
# fmt: on


@pytest.mark.parametrize(("title", "body", "year", "reason"), YEARS)
def test_document_year(title: str, body: str, year: int, reason: str) -> None:
    t = title + "\n" + body
    doc = extract(Document(title=title, span=(0, len(t))), t)
    assert (doc.year, doc.year_reason) == (year, reason)


def test_year_from_date_of_writing() -> None:
    t = "某方案\n正文"
    doc = extract(Document(title="某方案", span=(0, len(t)), date="2018-06-01"), t)
    assert (doc.year, doc.year_reason) == (2018, "据成文日期2018-06-01")


def test_title_and_name_split_by_words_when_no_title_ending_fits() -> None:
    assert split_person("县教育局党组成员张伟") == ("张伟", "县教育局党组成员")
    assert split_person("县妇联党组成员") == (None, "县妇联党组成员")
    assert split_person("分管副局长李明同志") == ("李明", "分管副局长")


def test_aims_of_the_guiding_ideology_are_goals() -> None:
    t = "一、总体要求\n坚持以人民为中心，聚焦突出问题开展治理，着力构建普惠性公共服务体系，推动信用体系建设迈上新台阶。\n"
    doc = extract(document(t, "某方案", section("s1", t, "一、", "总体要求", ("guiding_ideology",))), t)
    assert [g.text for g in doc.goals] == ["着力构建普惠性公共服务体系", "推动信用体系建设迈上新台阶"]
    assert all(g.aim and not g.measurable for g in doc.goals)


def test_purpose_clause_of_the_opening_is_a_goal() -> None:
    t = "关于开展文档互评的通知\n为进一步加强对课程知识的理解，提升实践能力，根据课程安排，现组织开展互评。\n一、时间安排\n略。\n"
    sec = section("s1", t, "一、", "时间安排", ("logistics",))
    doc = extract(replace(document(t, "关于开展文档互评的通知", sec), preface_span=(12, sec.span[0])), t)
    assert [(g.text, g.aim) for g in doc.goals] == [("进一步加强对课程知识的理解，提升实践能力", True)]


def test_a_purpose_clause_elsewhere_is_not_a_goal() -> None:
    t = "一、组织领导\n为确保活动顺利开展，经研究决定成立领导小组。\n"
    doc = extract(document(t, "某方案", section("s1", t, "一、", "组织领导", ("organization",))), t)
    assert doc.goals == ()


def test_targets_after_a_goal_lead_on_the_same_line() -> None:
    t = "工作要点明确了工作目标：到2025年底，发展圆满收官。全国行政村5G通达率超过90%，普及率稳步提升。 部署了9项任务。"
    doc = extract(Document(title=None, span=(0, len(t))), t)
    texts = [g.text for g in doc.goals]
    assert "全国行政村5G通达率超过90%，普及率稳步提升。" in texts
    assert not any("部署了" in x for x in texts)


def test_dated_steps_beside_tasks_are_activities_but_stages_and_method_steps_are_not() -> None:
    t = (
        "一、工作任务\n1.建设平台。\n二、实施步骤\n（一）制定方案。于2018年12月底前报送。\n（二）组织试点。按方案开展。\n"
        "（三）总结经验。于2019年12月底前总结。\n（四）验收阶段（2020年4月）。\n"
    )
    tasks = section("s1", t, "一、", "工作任务", ("tasks",))
    steps = section("s2", t, "二、", "实施步骤", ("steps",))
    doc = extract(document(t, "某试点方案", tasks, steps), t)
    assert [a.name for a in doc.activities] == ["建设平台", "制定方案", "组织试点", "总结经验"]
    undated = (
        t.replace("于2018年12月底前报送", "报送").replace("于2019年12月底前总结", "总结").replace("（2020年4月）", "")
    )
    tasks = section("s1", undated, "一、", "工作任务", ("tasks",))
    steps = section("s2", undated, "二、", "实施步骤", ("steps",))
    doc = extract(document(undated, "某试点方案", tasks, steps), undated)
    assert [a.name for a in doc.activities] == ["建设平台"]  # the steps of a method, not a timeline


def test_schedule_table_inside_a_task_section_gives_one_activity_per_row() -> None:
    t = "一、实践计划\n1.前期准备。检索文献。\n时间\t地点\t活动内容\n7.20-7.25\t线上\t开设账号\n7.25-8.10\t线上\t制作视频\n"
    doc = extract(document(t, "2020年某实践方案", section("s1", t, "一、", "实践计划", ("tasks",))), t)
    rows = [(a.name, a.start, a.end) for a in doc.activities if "\t" in a.text]
    assert rows == [("开设账号", "2020-07-20", "2020-07-25"), ("制作视频", "2020-07-25", "2020-08-10")]


@pytest.mark.parametrize(
    ("body", "labels", "total", "items_sum", "adds_up"),
    [
        # a 经费 table inside another section, its 合计 row letter-spaced
        ("一、实践计划\n经费预算\t用 途\t经费小计\n交通费\t0\n资料费\t100\n合 计\t100\n", ("tasks",), 100, 100, True),
        # a form field
        ("一、申报简表\n项目名称\t某项目\n申请经费（元）\t8000\t起止年月\t2019年5月\n", (), 8000, None, None),
        # a budget written as a sum, both figures kept
        ("一、活动内容\n经费：交通费800元+住宿费1200元+餐费255元=2255元。\n", ("tasks",), 2255, 2255, True),
        ("一、活动内容\n经费：800+1200+255=2265元。\n", ("tasks",), 2265, 2255, False),
        # a 合计 line that a list item ran on into
        ("一、成本预算\n① 软件开发：5000元\n② 兼职会计：500元\n合计：5500元\n", ("budget",), 5500, 5500, True),
    ],
)
def test_budget_totals_where_plans_put_them(
    body: str, labels: tuple[str, ...], total: float, items_sum: float | None, adds_up: bool | None
) -> None:
    heading = body.split("\n", 1)[0][2:]
    doc = extract(document(body, "某方案", section("s1", body, "一、", heading, labels)), body)
    assert doc.budget is not None
    assert (doc.budget.total, doc.budget.items_sum, doc.budget.adds_up) == (total, items_sum, adds_up)


def test_a_sum_that_is_not_money_is_no_budget() -> None:
    t = "一、活动内容\n参加人数：30+20=50人。\n"
    doc = extract(document(t, "某方案", section("s1", t, "一、", "活动内容", ("tasks",))), t)
    assert doc.budget is None


def test_goal_targets_and_activity_places_reach_the_json() -> None:
    t = "一、活动目标\n全年举办分享会12场，参与居民达到500人次。\n二、活动内容\n1.读书会。活动地点：社区图书室。\n"
    goals = section("s1", t, "一、", "活动目标", ("goals",))
    tasks = section("s2", t, "二、", "活动内容", ("tasks",))
    doc = extract(document(t, "2023年某方案", goals, tasks), t)
    (goal,) = doc.goals
    assert [(x.quantity, x.unit) for x in goal.targets] == [(12, "场"), (500, "人次")]
    (activity,) = doc.activities
    assert activity.where == "社区图书室"
    back = document_from_dict(document_to_dict(doc))
    assert back.goals == doc.goals and back.activities == doc.activities


def test_day_by_day_calendar_lines_are_activities_but_not_in_the_rules() -> None:
    t = (
        "一、活动安排\n7月16日：材料准备，参观省能源局\n7月17日：参观市能源局\n"
        "二、注意事项\n7月15日：提交安全承诺书\n7月18日：统一着装\n"
    )
    plan = section("s1", t, "一、", "活动安排", ())
    rules = section("s2", t, "二、", "注意事项", ("safeguards",))
    doc = extract(document(t, "2019年某实践方案", plan, rules), t)
    assert [(a.name, a.start) for a in doc.activities] == [("材料准备", "2019-07-16"), ("参观市能源局", "2019-07-17")]


@pytest.mark.parametrize(
    ("sentence", "is_goal"),
    [
        ("一场旨在提升团队凝聚力的活动应运而生。", False),  # 旨在 tells a purpose, not a target (seed golden)
        ("制作扶贫视频，各大平台累计观看量达10万。", True),
        ("全国行政村5G通达率超过90%。", True),
        ("各大平台开设账号，上传视频。", False),
        ("校园网项目旨在设计和实现一套校园网系统。", True),  # 旨在 as the predicate: the project's aim
        ("争取在数学上解释算法和模型。", True),
        ("积极争取上级资金支持。", False),  # securing funds is a means, not a target
        ("以建设一流学科为目标，整合资源。", True),
    ],
)
def test_goal_cues_in_running_text(sentence: str, is_goal: bool) -> None:
    t = "一、项目背景\n" + sentence + "\n"
    doc = extract(document(t, "某方案", section("s1", t, "一、", "项目背景", ("background",))), t)
    assert [g.text for g in doc.goals] == ([sentence] if is_goal else [])


def test_an_attachment_list_below_the_last_part_gives_no_phases() -> None:
    from cxzy_nlp.pipeline import analyse_text

    text = (
        "关于开展优秀案例征集工作的通知\n各有关单位：\n现将有关事项通知如下。\n一、征集范围\n本市各类企业。\n"
        "二、申报工作安排\n优秀案例申报材料的接收、整理和汇总等工作由市中心负责。\n联系人：张某\n"
        "附件：1.\n优秀案例汇总表\n2.\n优秀案例申报书\n市工业和信息化局\n2025年4月1日\n"
    )
    doc = analyse_text(text, "notice.txt", stages="extract").documents[-1]
    assert "attachment_list" in [z.kind for z in doc.zones], doc.zones
    assert "steps" in doc.sections[-1].labels  # the last part, whose span runs to the end of the text
    assert [p.phase for p in doc.schedule] == []  # the attached papers' names are no phases of its work
