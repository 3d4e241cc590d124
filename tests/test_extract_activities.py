"""Activities come from where plans put them, and only from there (issue 16, precision first)."""

from __future__ import annotations

import re
from dataclasses import replace

from cxzy_nlp.extract import extract
from cxzy_nlp.extract.dates import find_dates
from cxzy_nlp.model import Document, Section


def _section(sid: str, text: str, heading: str, labels: tuple[str, ...], *children: Section, level: int = 1) -> Section:
    """A section from its heading line in ``text`` to the next line that opens a heading of its level or above."""
    start = text.index(heading)
    head_end = start + len(heading)
    ends = [text.find("\n" + c, head_end) for c in ("一、", "二、", "三、", "四、")]
    if level > 1:
        ends += [text.find("\n" + c, head_end) for c in ("2.1", "2.2", "2.3", "2.4")]
    end = min([e for e in ends if e > 0] or [len(text)])
    marker = re.match(r"\d+(?:\.\d+)*\s+|[一二三四五六七八九十]+、|\d+、", heading)
    number = marker.group(0).strip() if marker else ""
    return Section(
        id=sid,
        number=number,
        heading=heading[marker.end() :] if marker else heading,
        level=level,
        span=(start, end),
        heading_span=(start, head_end),
        labels=labels,
        children=children,
    )


def _doc(text: str, title: str, *sections: Section) -> Document:
    return Document(title=title, span=(0, len(text)), title_span=(0, len(title)), sections=sections)


ITINERARY = (
    "一、实地调研时间安排\n"
    "日期\t时间段\t具体行程安排\n"
    "2019年7月16日星期二\t8:25-8:30\t校门集合\n"
    "9:00-12:00\t参观省能源局\n"
    "14:00-17:00\t举行座谈会\n"
    "2019年7月17日星期三\t8:30-10:00\t前往市政府\n"
    "10:00-12:30\t参观市能源局\n"
    "2019年8月\t全面完成报告\n"
)


def test_an_hour_by_hour_itinerary_gives_one_activity_per_day() -> None:
    doc = extract(
        _doc(ITINERARY, "某调研方案", _section("s1", ITINERARY, "一、实地调研时间安排", ("steps",))), ITINERARY
    )
    days = [(a.name, a.start) for a in doc.activities]
    assert days == [("校门集合", "2019-07-16"), ("前往市政府", "2019-07-17"), ("全面完成报告", "2019-08-01")]
    first = doc.activities[0]
    assert "举行座谈会" in first.text and "前往市政府" not in first.text


def test_rows_of_full_width_each_stay_an_activity() -> None:
    """Control: rows that each carry their own date cell are not merged."""
    t = "一、日程安排\n日期\t时间段\t事项\n7月16日\t8:25-8:30\t校门集合\n7月17日\t9:00-12:00\t参观省能源局\n"
    doc = extract(_doc(t, "2019年某方案", _section("s1", t, "一、日程安排", ("steps",))), t)
    assert [a.name for a in doc.activities] == ["校门集合", "参观省能源局"]


TASKS_WITH_BACKGROUND = (
    "一、指导思想\n服务乡村振兴。\n"
    "二、实践内容\n"
    "2.1 实践背景\n1、能源局简介\n省能源局是主管部门。\n2、光伏扶贫简介\n光伏扶贫是一种方式。\n"
    "2.2 实践目的\n1、了解政策落实情况。\n"
    "2.3 实践安排\n1、实地走访\n进入能源局走访。\n2、问卷调查\n在村里发放问卷。\n"
    "三、经费\n无。\n"
)


def _tasks_document(labels_of_background: tuple[str, ...]) -> Document:
    t = TASKS_WITH_BACKGROUND
    background = _section("s3", t, "2.1 实践背景", labels_of_background, level=2)
    aims = _section("s4", t, "2.2 实践目的", ("goals",), level=2)
    ways = _section("s5", t, "2.3 实践安排", ("tasks",), level=2)
    tasks = _section("s2", t, "二、实践内容", ("tasks",), background, aims, ways)
    return extract(_doc(t, "某调研方案", _section("s1", t, "一、指导思想", ("guiding_ideology",)), tasks), t)


def test_parts_of_a_task_section_that_say_something_else_hold_no_activities() -> None:
    names = [a.name for a in _tasks_document(("background",)).activities]
    assert names == ["实地走访", "问卷调查"]


def test_an_unlabelled_part_of_a_task_section_still_counts() -> None:
    """Control: the same part without a label of another kind is read as before."""
    names = [a.name for a in _tasks_document(()).activities]
    assert "能源局简介" in names and "实地走访" in names


def test_a_clock_time_is_not_a_dotted_date() -> None:
    assert find_dates("8.25-8:30\t会议室集合", None, 2019) == []
    (day_range,) = find_dates("6.11—6.14\t集中培训", None, 2019)  # control: the dotted form still reads
    assert (day_range.start, day_range.end) == ("2019-06-11", "2019-06-14")


RULES_AS_TASKS = (
    "一、评选条件\n1、具有良好的学术道德。\n2、通过英语六级考试。\n二、工作内容\n1、组织初评。\n2、公示名单。\n"
)


def test_a_part_that_sets_conditions_holds_no_activities_even_labelled_as_tasks() -> None:
    t = RULES_AS_TASKS
    conditions = _section("s1", t, "一、评选条件", ("tasks",))
    work = _section("s2", t, "二、工作内容", ("tasks",))
    doc = extract(_doc(t, "某评选通知", conditions, work), t)
    assert [a.name for a in doc.activities] == ["组织初评", "公示名单"]


def test_a_task_heading_that_only_mentions_a_rule_word_midway_still_counts() -> None:
    """Control: 信用承诺制, 建设标准 or 原则、程序和时间 name work, not rules."""
    t = RULES_AS_TASKS.replace("评选条件", "实施信用承诺制和建设标准")
    first = _section("s1", t, "一、实施信用承诺制和建设标准", ("tasks",))
    doc = extract(_doc(t, "某评选通知", first, _section("s2", t, "二、工作内容", ("tasks",))), t)
    assert len(doc.activities) == 4


NESTED_GOALS = (
    "一、实践内容\n"
    "2.1 调研方式\n1、实地走访\n进入能源局走访。\n"
    "2.2 预期效果\n1、掌握政策落实情况。\n2、撰写调研报告。\n"
    "二、实施步骤\n"
    "2.3 明确目标\n确定调研对象。\n"
)


def test_a_goal_list_inside_a_task_section_gives_goals_but_a_lone_step_headed_goal_does_not() -> None:
    t = NESTED_GOALS
    ways = _section("s2", t, "2.1 调研方式", ("tasks",), level=2)
    effect_items = (
        _section("s4", t, "1、掌握政策落实情况。", ("goals",), level=3),
        _section("s5", t, "2、撰写调研报告。", ("goals",), level=3),
    )
    effects = _section("s3", t, "2.2 预期效果", ("goals",), *effect_items, level=2)
    step = _section("s7", t, "2.3 明确目标", ("goals",), level=2)  # a step, no list of its own
    tasks = _section("s1", t, "一、实践内容", ("tasks",), ways, effects)
    steps = _section("s6", t, "二、实施步骤", ("steps",), step)
    doc = extract(_doc(t, "2019年某调研方案", tasks, steps), t)
    goals = [g.text for g in doc.goals]
    assert any("掌握政策落实情况" in g for g in goals) and any("撰写调研报告" in g for g in goals)
    assert not any("确定调研对象" in g for g in goals)


# fmt: off
TERMS = [
    ("学年学期：2023-2024学年第一学期", ("2023-09-01", "2024-01-31")),
    ("2019-2020学年第二学期", ("2020-02-01", "2020-07-31")),
    ("2013年 夏", ("2013-06-01", "2013-08-31")),
    ("2020年冬季", ("2020-12-01", "2021-02-28")),
]
# fmt: on


def test_school_terms_and_seasons_are_ranges() -> None:
    for words, (start, end) in TERMS:
        (expr,) = find_dates(words, None, None)
        assert (expr.start, expr.end, expr.kind) == (start, end, "range"), words


def test_a_festival_or_a_word_with_a_season_in_it_is_no_season() -> None:
    """Control: 2021年春节 is a year and a festival, not spring; 夏令营 after a month is no summer."""
    assert [e.kind for e in find_dates("2021年春节", None, None)] == ["year"]
    assert [e.kind for e in find_dates("2019年7月夏令营", None, None)] == ["month"]


def test_the_period_of_a_plan_without_sections_stated_at_its_head() -> None:
    t = "某开发工作计划\n开发人员：张三\n2013年 夏\n1、学会使用代码仓库\n2、网页去重\n"
    doc = extract(_doc(t, "某开发工作计划"), t)
    assert doc.period is not None and (doc.period.start, doc.period.end) == ("2013-06-01", "2013-08-31")


def test_a_derived_period_starts_on_the_signed_date_when_attachments_follow() -> None:
    from cxzy_nlp.model import Zone

    t = (
        "某意见\n一、工作任务\n（一）2019年9月底前完成自查。\n（二）2019年6月底前出台方案。\n某办公厅\n2019年1月16日\n附件\n指标表\n"
        + "指标\n" * 80
    )
    sign = t.index("某办公厅")
    zones = (
        Zone("body", (0, sign)),
        Zone("signature", (sign, t.index("附件"))),
        Zone("attachment", (t.index("附件"), len(t))),
    )
    doc = Document(
        title="某意见",
        span=(0, len(t)),
        title_span=(0, 3),
        zones=zones,
        sections=(_section("s1", t, "一、工作任务", ("tasks",)),),
    )
    period = extract(doc, t).period
    assert period is not None and (period.start, period.end, period.source) == ("2019-01-16", "2019-09-30", "derived")
    unsigned = extract(replace(doc, zones=()), t).period  # control: without the signature, only the year starts it
    assert unsigned is not None and unsigned.start == "2019-01-01"


def test_budget_lines_of_a_form_inside_a_schedule_are_no_activities() -> None:
    t = "一、实践计划\n交通费\t425\n合 计\t2965\n7月16日\t省能源局\t参观与采访\n准备阶段\t制定方案\n"
    doc = extract(_doc(t, "2019年某申报书", _section("s1", t, "一、实践计划", ("steps",))), t)
    names = [a.text.split("\t")[0] for a in doc.activities]
    assert "交通费" not in names and "合 计" not in names
    assert "7月16日" in names and "准备阶段" in names  # control: dated rows and undated worded rows stay


def test_a_purpose_part_inside_a_task_section_gives_goals() -> None:
    t = (
        "一、大赛介绍\n2.1 比赛宗旨\n引导和激励高校学生勇于创新，搭建交流平台。\n2.2 组织机构\n主办单位：某联盟\n"
        "二、参赛目标\n参赛队伍达到100支。\n"
    )
    aims = _section("s2", t, "2.1 比赛宗旨", ("goals",), level=2)
    org = _section("s3", t, "2.2 组织机构", ("organization",), level=2)
    intro = _section("s1", t, "一、大赛介绍", ("tasks",), aims, org)
    doc = extract(_doc(t, "某参赛手册", intro, _section("s4", t, "二、参赛目标", ("goals",))), t)
    assert any("引导和激励高校学生勇于创新" in g.text for g in doc.goals)


WORK_LIST = "某工作计划\n1. 后台表单化\n表单改为配置。\n2. 日志化，单元测试\n补齐日志。\n3. 张工接口\n对接接口。\n"


def _work_list_document(labels: tuple[tuple[str, ...], ...]) -> Document:
    t = WORK_LIST
    heads = ("1. 后台表单化", "2. 日志化，单元测试", "3. 张工接口")
    secs = []
    for i, (head, lab) in enumerate(zip(heads, labels, strict=True)):
        start = t.index(head)
        end = t.index(heads[i + 1]) - 1 if i + 1 < len(heads) else len(t)
        secs.append(Section(f"s{i}", head[:2], head[3:], 1, (start, end), (start, start + len(head)), labels=lab))
    return extract(_doc(t, "某工作计划", *secs), t)


def test_a_plan_that_is_one_list_of_work_gives_each_part_as_an_activity() -> None:
    doc = _work_list_document(((), (), ("tasks",)))
    assert [a.name for a in doc.activities] == ["后台表单化", "日志化", "张工接口"]


def test_parts_beside_a_part_of_another_kind_are_not_a_work_list() -> None:
    """Control: with a 背景 part among them the unlabelled parts stay out; the task part still counts."""
    doc = _work_list_document((("background",), (), ("tasks",)))
    assert [a.name for a in doc.activities] == ["张工接口"]
