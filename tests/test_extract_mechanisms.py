"""Extraction mechanisms found on the dev split of the real golden files (issue 16), each on project-written text
with a control that must not fire."""

from __future__ import annotations

from dataclasses import replace

import pytest

from cxzy_nlp.extract import describes, extract
from cxzy_nlp.extract.activities import table_activities
from cxzy_nlp.extract.goals import find_goals, target_sentences
from cxzy_nlp.model import Document, Section


def _section(sid: str, text: str, heading: str, labels: tuple[str, ...], *children: Section, level: int = 1) -> Section:
    """A section from its heading to the end of its last child, or to the next blank line."""
    start = text.index(heading)
    head_end = start + len(heading)
    end = max([c.span[1] for c in children], default=0) or text.find("\n\n", head_end)
    end = len(text) if end < 0 else end
    return Section(
        id=sid,
        number="",
        heading=heading,
        level=level,
        span=(start, end),
        heading_span=(start, head_end),
        labels=labels,
        children=children,
    )


def _doc(text: str, *sections: Section) -> Document:
    return Document(title="某某方案", span=(0, len(text)), title_span=(0, 4), sections=sections)


# ------------------------------------------------------------------ goals: a 目标是： lead and its targets

LEAD = "某某方案\n今年的主要目标是：新建示范点12个；培训骨干教师300人次以上；群众满意度达到95%。\n其余工作照常。\n"


def test_a_goal_lead_with_a_colon_gives_each_target_after_it() -> None:
    goals = [LEAD[g.span[0] : g.span[1]] for g in find_goals(LEAD, (0, len(LEAD)), [], 2024)]
    assert any("培训骨干教师300人次以上" in g for g in goals)
    assert any("群众满意度达到95%" in g for g in goals)
    assert not any("其余工作" in g for g in goals)


def test_without_the_colon_only_the_sentence_of_the_cue_is_a_goal() -> None:
    text = LEAD.replace("目标是：", "目标是新建示范点12个。另外").replace("新建示范点12个；", "")
    goals = [text[g.span[0] : g.span[1]] for g in find_goals(text, (0, len(text)), [], 2024)]
    assert any("示范点12个" in g for g in goals)
    assert not any("培训骨干教师" in g for g in goals)


# ------------------------------------------------------------------ goals: figures to reach among the tasks

# fmt: off
TARGETS = [
    ("加快农村道路建设，今年要再新建通村公路120公里以上，方便群众出行。", True),
    ("力争年内培训新型职业农民500人次。", True),
    ("要深入推进改造工作，完成老旧小区改造30个。", True),
    ("去年完成老旧小区改造30个，群众反映良好。", False),      # looks back
    ("全年已新建通村公路120公里，超额完成任务。", False),     # looks back
    ("预计到2026年该市场规模将达到200亿元。", False),         # a forecast of others, not the plan's target
    ("要加强组织领导，确保各项工作落到实处。", False),        # no figure to reach
    ("现有示范点12个，覆盖全部乡镇。", False),                # a figure, but no will to reach it
]
# fmt: on


@pytest.mark.parametrize(("sentence", "target"), TARGETS)
def test_a_sentence_setting_a_figure_to_reach_is_a_target(sentence: str, target: bool) -> None:
    text = "二、重点任务\n" + sentence + "\n"
    assert bool(target_sentences(text, (0, len(text)), [])) is target


def test_figures_of_a_background_part_are_not_targets() -> None:
    text = "某某方案\n一、工作背景\n今年要再新建通村公路120公里以上。\n\n二、重点任务\n要完成老旧小区改造30个。\n"
    back = _section("s1", text, "一、工作背景", ("background",))
    tasks = _section("s2", text, "二、重点任务", ("tasks",))
    goals = extract(_doc(text, back, tasks), text).goals
    found = [text[g.span[0] : g.span[1]] for g in goals]
    assert any("老旧小区改造30个" in g for g in found)
    assert all("通村公路" not in g for g in found)
    assert all(g.measurable for g in goals if "老旧小区" in g.text)


# ------------------------------------------------------------------ activities: a header belongs to its table

SCHEDULE = (
    "三、进度安排\n"
    "任务\t日期\t负责人\n"
    "需求调研\t2024.3\t王某\n"
    "系统开发\t2024.4-2024.6\t李某\n"
    "表2 设备费用如下（单位：万元）：\n"
    "项目\t单价\t数量\t合计\n"
    "计算机\t0.4\t5\t2\n"
    "服务器\t0.6\t2\t1.2\n"
)


def test_rows_of_a_cost_table_after_a_schedule_are_no_activities() -> None:
    rows = table_activities(SCHEDULE, (0, len(SCHEDULE)), "s3", 2024, require_header=True)
    assert [a.name for a in rows] == ["需求调研", "系统开发"]


def test_a_wrapped_cell_between_rows_keeps_the_header() -> None:
    text = SCHEDULE.replace("表2 设备费用如下（单位：万元）：\n项目\t单价\t数量\t合计\n", "线上推广\n").replace(
        "计算机\t0.4\t5\t2\n服务器\t0.6\t2\t1.2\n", "上线宣传\t2024.7\t张某\n"
    )
    rows = table_activities(text, (0, len(text)), "s3", 2024, require_header=True)
    assert [a.name for a in rows] == ["需求调研", "系统开发", "上线宣传"]


# ------------------------------------------------------------------ activities: parts that describe


@pytest.mark.parametrize(
    ("heading", "description"),
    [
        ("软件开发方法", True),
        ("需方评审途径", True),
        ("市场需求", True),
        ("SWOT分析", True),
        ("优势", True),
        ("完善行业标准", False),  # a verb of work opens it
        ("开展需求分析", False),
        ("举办技能竞赛", False),  # names no description
        ("对守信纳税人提供更多便利和机会", False),  # a long heading says what is done
    ],
)
def test_a_heading_naming_a_description(heading: str, description: bool) -> None:
    assert describes(heading) is description


def test_parts_of_a_task_section_that_describe_hold_no_activities() -> None:
    text = (
        "某某方案\n"
        "三、项目实施\n"
        "软件开发方法\n本系统采用面向对象的方法，按瀑布模型推进。\n"
        "组织用户培训\n分两批培训管理员和普通用户，每批半天。\n"
        "\n"
    )
    method = _section("s2", text, "软件开发方法", ("tasks",), level=2)
    method = replace(method, span=(method.span[0], text.index("组织用户培训")))
    training = _section("s3", text, "组织用户培训", ("tasks",), level=2)
    part = _section("s1", text, "三、项目实施", ("tasks",), method, training)
    names = [a.name for a in extract(_doc(text, part), text).activities]
    assert any("组织用户培训" in n for n in names)
    assert not any("软件开发方法" in n for n in names)


# ------------------------------------------------------------------ budget: a cost list of label：figure lines

COSTS = (
    "八、项目估算\n"
    "8.1 工作量估算\n"
    "序号\t名称\t估计值（人天）\n"
    "1\t需求分析\t12\n"
    "2\t编码\t30\n"
    "8.2 成本估算\n"
    "按常用的方法估算如下：\n"
    "资料购买：300\n"
    "服务器：向学院借用，暂不计费\n"
    "宣传推广：1200\n"
    "其他：500\n"
    "九、风险管理\n"
)


def test_a_cost_list_of_bare_figures_is_the_budget_and_a_table_of_days_is_not() -> None:
    whole = _section("s8", COSTS, "八、项目估算", ("budget",))
    whole = replace(whole, span=(whole.span[0], COSTS.index("九、")))
    budget = extract(_doc(COSTS, whole), COSTS).budget
    assert budget is not None and budget.total == 2000
    assert [i.purpose for i in budget.items] == ["资料购买", "宣传推广", "其他"]


def test_label_lines_without_a_cost_lead_are_no_budget() -> None:
    text = COSTS.replace("成本估算", "人员安排").replace("按常用的方法估算如下", "分工如下")
    whole = _section("s8", text, "八、项目估算", ("budget",))
    whole = replace(whole, span=(whole.span[0], text.index("九、")))
    budget = extract(_doc(text, whole), text).budget
    assert budget is None or budget.total is None


# ------------------------------------------------------------------ period: the year of a 工作报告


def test_the_year_of_a_work_report_title_is_its_period() -> None:
    from cxzy_nlp.extract.schedule import title_period

    period = title_period("2017年政府工作报告", (0, 11), 2017)
    assert period is not None and (period.start, period.end) == ("2017-01-01", "2017-12-31")
    assert title_period("2017年调研报告", (0, 9), 2017) is None  # a report of findings sets no year of work


# ------------------------------------------------------------------ goals: 验收标准 and 最后交付期限 parts

ACCEPTANCE = (
    "三、交付产品\n"
    "3.1 程序\n可运行的网站一套。\n"
    "3.2 验收标准\n客户逐项检查全部功能，全部通过即为验收合格。\n"
    "3.3 最后交付期限\n本项目最迟于2024年6月30日交付。\n"
    "\n"
)


def test_acceptance_and_deadline_parts_state_goals() -> None:
    parts = [
        _section(f"s{i}", ACCEPTANCE, h, labels, level=2)
        for i, (h, labels) in enumerate(
            [("3.1 程序", ("tasks",)), ("3.2 验收标准", ("evaluation",)), ("3.3 最后交付期限", ("steps",))], 2
        )
    ]
    ends = [ACCEPTANCE.index("3.2"), ACCEPTANCE.index("3.3"), len(ACCEPTANCE) - 1]
    parts = [
        replace(p, span=(p.span[0], e), number=p.heading.split()[0], heading=p.heading.split()[1])
        for p, e in zip(parts, ends, strict=True)
    ]
    top = _section("s1", ACCEPTANCE, "三、交付产品", ("tasks",), *parts)
    goals = [g.text for g in extract(_doc(ACCEPTANCE, top), ACCEPTANCE).goals]
    assert any("全部通过即为验收合格" in g for g in goals)
    assert any("2024年6月30日交付" in g for g in goals)
    assert not any("可运行的网站" in g for g in goals)  # control: the part beside them states no goal


# ------------------------------------------------------------------ activities: stage lines of a steps part

STAGES = (
    "六、开发过程\n"
    "项目分三个阶段进行。\n"
    "准备阶段：调研用户需求，编写需求说明书。\n"
    "开发阶段（第3-8周）：完成编码和单元测试。\n"
    "验收阶段：组织用户试用，修改后交付。\n"
    "本阶段：另行通知。\n"
    "\n"
)


def test_lines_naming_the_stages_of_a_steps_part_are_activities() -> None:
    part = _section("s6", STAGES, "六、开发过程", ("steps",))
    names = [a.name for a in extract(_doc(STAGES, part), STAGES).activities]
    assert names == ["准备阶段", "开发阶段", "验收阶段"]


def test_a_lone_stage_line_is_no_list_of_stages() -> None:
    text = STAGES.replace("开发阶段（第3-8周）：完成编码和单元测试。\n验收阶段：组织用户试用，修改后交付。\n", "")
    part = _section("s6", text, "六、开发过程", ("steps",))
    assert not [a for a in extract(_doc(text, part), text).activities if a.name.endswith("阶段")]


# ------------------------------------------------------------------ items: 1、 followed by a date

DATED_STEPS = (
    "三、工作内容\n开展志愿服务。\n"
    "四、申报流程\n"
    "1、7月8日-7月14日，学生自行组队报名。\n"
    "2、7月15日，学院组织评审。\n"
    "3、7月20日之前，公布立项名单。\n"
    "\n"
)


def test_numbered_steps_that_open_with_a_date_are_items() -> None:
    tasks = _section("s1", DATED_STEPS, "三、工作内容", ("tasks",))
    tasks = replace(tasks, span=(tasks.span[0], DATED_STEPS.index("四、")))
    steps = _section("s2", DATED_STEPS, "四、申报流程", ("steps",))
    acts = extract(replace(_doc(DATED_STEPS, tasks, steps), year=2024), DATED_STEPS).activities
    dated = [(a.start or a.end) for a in acts if a.section == "s2"]
    assert dated == ["2024-07-08", "2024-07-15", "2024-07-20"]


def test_a_decimal_figure_opens_no_item() -> None:
    from cxzy_nlp.extract.items import list_items

    text = "经费1.5万元，用于培训。\n"
    assert list_items(text, (0, len(text))) == []


# ------------------------------------------------------------------ activities: work given to named people

MINUTES = (
    "会议纪要\n"
    "会议内容\t1、任务分配： 王晓明：需求文档、测试 李芳：用户手册、维护手册 陈刚：编写测试用例 2、总结 会议结束。\n"
    "会议时间：2024年5月6日 地点：教学楼201\n"
)


def test_work_given_to_named_people_gives_activities_with_owners() -> None:
    doc = extract(_doc(MINUTES), MINUTES)
    given = [(a.owner, a.name) for a in doc.activities]
    assert given == [("王晓明", "需求文档、测试"), ("李芳", "用户手册、维护手册"), ("陈刚", "编写测试用例")]
    assert {"王晓明", "李芳", "陈刚"} <= {o.name for o in doc.owners}


def test_field_labels_in_a_row_are_no_assignments() -> None:
    lone = MINUTES.replace("王晓明：需求文档、测试 李芳：用户手册、维护手册 ", "")  # one assignment is no list
    assert not extract(_doc(lone), lone).activities
    from cxzy_nlp.extract.activities import assignments

    text = "时间：5月6日 地点：教学楼201 联系人：王晓明\n"
    assert assignments(text, (0, len(text))) == []


# ------------------------------------------------------------------ activities: sentences that set a deadline

DEADLINES = (
    "某某方案\n"
    "一、工作背景\n去年已于2023年12月底前完成首批改造。\n\n"
    "二、组织实施\n各区要于2024年6月底前出台具体实施方案。市政府将于2025年3月底前组织对改造工作进行验收。\n\n"
)


def test_a_sentence_setting_a_deadline_is_an_activity_but_not_one_looking_back() -> None:
    back = _section("s1", DEADLINES, "一、工作背景", ("background",))
    org = _section("s2", DEADLINES, "二、组织实施", ("organization",))
    doc = extract(replace(_doc(DEADLINES, back, org), year=2024, date="2024-01-10"), DEADLINES)
    due = {a.end: a.text for a in doc.activities}
    assert "2024-06-30" in due and "出台具体实施方案" in due["2024-06-30"]
    assert "2023-12-31" not in due  # 已于…完成 looks back
    # the review after the work is an activity, but the plan's own period ends with the work
    assert "2025-03-31" in due
    assert doc.period is not None and doc.period.end == "2024-06-30"


# ------------------------------------------------------------------ goals: the purpose clause of an opening

# fmt: off
OPENINGS = [
    ("为丰富校园文化生活，提高同学们的安全意识，校团委将于5月举办安全知识竞赛。", "丰富校园文化生活，提高同学们的安全意识"),
    ("为加强学生管理，定于下周召开年级大会。", "加强学生管理"),
    ("为丰富学生课余生活，开展本次活动。", "丰富学生课余生活"),
    ("为便于联系，请各班报送名单。", None),  # a request, not the plan's aim
]
# fmt: on


@pytest.mark.parametrize(("opening", "aim"), OPENINGS)
def test_the_purpose_clause_before_what_the_plan_does_is_an_aim(opening: str, aim: str | None) -> None:
    from cxzy_nlp.extract.goals import aim_spans

    found = [opening[a:b] for a, b in aim_spans(opening, [], (0, len(opening)))]
    assert found == ([aim] if aim else [])


def test_a_purpose_part_labelled_as_theme_gives_aims() -> None:
    text = "某某方案\n一、活动宗旨\n通过本次活动，使同学们增强环保意识，养成节约习惯。\n\n二、活动时间\n5月\n"
    part = _section("s1", text, "一、活动宗旨", ("theme",))
    goals = [g.text for g in extract(_doc(text, part), text).goals]
    assert any("增强环保意识" in g for g in goals)
    plain = text.replace("通过本次活动，使同学们增强环保意识，养成节约习惯。", "青春心向党，建功新时代。")
    assert not extract(_doc(plain, _section("s1", plain, "一、活动宗旨", ("theme",))), plain).goals


@pytest.mark.parametrize(
    ("opening", "aim"),
    [
        (
            "根据上级通知精神，为进一步增强学生安全意识，提高自救能力，结合我校实际，特制定本方案。",
            "进一步增强学生安全意识，提高自救能力",
        ),
        ("按照县委要求，为切实做好防汛工作，现就有关事项通知如下。", "切实做好防汛工作"),
        ("根据工作需要，为群众提供便利服务。", None),  # 为 as a preposition: nothing the plan goes on to do
    ],
)
def test_the_purpose_clause_after_the_basis_is_an_aim(opening: str, aim: str | None) -> None:
    from cxzy_nlp.extract.goals import aim_spans

    assert [opening[a:b] for a, b in aim_spans(opening, [], (0, len(opening)))] == ([aim] if aim else [])


# ------------------------------------------------------------------ budget: a table's 合计 after its 小计 rows

BUDGET_TABLE = (
    "经费预算表\n"
    "类别\t项目\t金额（元）\n"
    "宣传\t海报\t300\n"
    "\t横幅\n"
    "\t200\n"
    "小计\t\t500\n"
    "奖品\t证书\t400\n"
    "小计\t\t400\n"
    "合计\t\t900\n"
    "以上经费由学院承担，据实报销，超支不补。\n"
)


def test_the_total_row_after_subtotals_and_wrapped_cells_is_the_total() -> None:
    from cxzy_nlp.extract.money import table_total

    budget = table_total(BUDGET_TABLE, (0, len(BUDGET_TABLE)))
    assert budget is not None and budget.total == 900


def test_subtotals_without_a_total_row_add_up() -> None:
    from cxzy_nlp.extract.money import table_total

    text = BUDGET_TABLE.replace("合计\t\t900\n", "")
    budget = table_total(text, (0, len(text)))
    assert budget is not None and budget.total == 900
