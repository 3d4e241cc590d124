"""Extraction mechanisms for shapes met in several real documents (issue 16, stop 5), each on project-written
text with a control that must not fire."""

from __future__ import annotations

import pytest

from cxzy_nlp.extract import extract
from cxzy_nlp.extract.money import form_total
from cxzy_nlp.extract.schedule import derive_period
from cxzy_nlp.model import Document, Goal, Section


def _section(sid: str, text: str, heading: str, labels: tuple[str, ...]) -> Section:
    """A level-1 section from its heading to the next blank line."""
    start = text.index(heading)
    head_end = start + len(heading)
    end = text.find("\n\n", head_end)
    end = len(text) if end < 0 else end
    return Section(
        id=sid,
        number="",
        heading=heading,
        level=1,
        span=(start, end),
        heading_span=(start, head_end),
        labels=labels,
    )


def _goals(text: str, *sections: Section) -> list[str]:
    doc = Document(title="某某方案", span=(0, len(text)), title_span=(0, 4), sections=sections)
    return [text[g.span[0] : g.span[1]] for g in extract(doc, text).goals]


# ------------------------------------------------------------------ goals: the paragraph before a goal list

MAIN_GOAL = (
    "某某方案\n主要目标\n到2026年，全区数字经济核心产业增加值占比达到12%。具体目标如下：\n"
    "1.培育示范企业30家；\n2.建设公共服务平台2个。\n\n重点任务\n推进企业上云。\n"
)


def test_the_paragraph_before_the_list_of_a_goal_part_states_goals_too() -> None:
    goals = _goals(MAIN_GOAL, _section("s1", MAIN_GOAL, "主要目标", ("goals",)))
    assert any("增加值占比达到12%" in g for g in goals)  # dropped before: only the list items were taken
    assert any("培育示范企业30家" in g for g in goals)
    assert any("建设公共服务平台2个" in g for g in goals)


def test_a_lead_announcing_the_list_is_no_goal() -> None:
    goals = _goals(MAIN_GOAL, _section("s1", MAIN_GOAL, "主要目标", ("goals",)))
    assert not any(g.startswith("具体目标如下") for g in goals)
    assert not any("推进企业上云" in g for g in goals)


# ------------------------------------------------------------------ goals: parts headed as indicators or outcomes

# fmt: off
INDICATORS = [
    ("考核指标", True),
    ("预期成果", True),
    ("绩效目标", True),
    ("考核办法", False),   # how the work is judged, not what it must reach
    ("成果运用", False),
]
# fmt: on


@pytest.mark.parametrize(("heading", "goal"), INDICATORS)
def test_a_part_headed_as_indicators_or_outcomes_gives_goals(heading: str, goal: bool) -> None:
    text = f"某某申报书\n{heading}\n1.样机一台\n2.论文一篇\n\n其他\n无。\n"
    goals = _goals(text, _section("s1", text, heading, ()), _section("s2", text, "其他", ()))
    assert any("样机一台" in g for g in goals) is goal


# ------------------------------------------------------------------ budget: a form field written label：figure

# fmt: off
FIELDS = [
    ("项目名称\t某某研究\n审批经费：8000\n详细预算：\n", 8000),
    ("申请经费：2.5万元\t起止年月\t2024年5月至2025年4月\n", 25000),
    ("项目经费：3000元\n", 3000),
    ("审批经费：8000元/队\n", None),           # a rate, not the total
    ("本次活动经费：由学院统一承担\n", None),   # no figure
]
# fmt: on


@pytest.mark.parametrize(("text", "total"), FIELDS)
def test_a_budget_field_written_with_a_colon_gives_the_total(text: str, total: int | None) -> None:
    found = form_total(text, (0, len(text)))
    assert (found.total if found else None) == total


# ------------------------------------------------------------------ period: derived with no date to start from


def _goal(deadline: str) -> Goal:
    return Goal(text="年底前完成", span=(0, 5), section=None, measurable=True, deadline=deadline)


def test_a_derived_period_with_no_start_starts_with_the_year_of_the_document() -> None:
    period = derive_period(None, 2025, [], [], [_goal("2025-12-31")])
    assert period is not None and (period.start, period.end) == ("2025-01-01", "2025-12-31")


def test_the_date_of_writing_still_starts_a_derived_period() -> None:
    period = derive_period("2025-03-10", 2025, [], [], [_goal("2025-12-31")])
    assert period is not None and period.start == "2025-03-10"


def test_without_a_year_the_start_stays_unknown() -> None:
    period = derive_period(None, None, [], [], [_goal("2025-12-31")])
    assert period is not None and period.start is None


# ------------------------------------------------------------------ activities: a form row setting when work is due

# fmt: off
FORM_ROWS = [
    ("中期报告\t本项目在2024年11月15日至20日内向学院提交中期报告。\n", "提交中期报告"),
    ("结题\t请于2025年4月20日前提交结题材料。\n", "提交结题材料"),
    ("起止年月\t2024年5月至2025年4月\n", None),   # the period of the project, no work due
    ("序号\t中期报告\t本项目在2024年11月15日至20日内提交\t学院\n", None),  # a row of a many-column table
]
# fmt: on


@pytest.mark.parametrize(("row", "work"), FORM_ROWS)
def test_a_form_row_setting_when_work_is_due_is_an_activity(row: str, work: str | None) -> None:
    from cxzy_nlp.extract.activities import deadline_sentences

    text = "某某项目合同书\n" + row
    found = [text[a.span[0] : a.span[1]] for a in deadline_sentences(text, (0, len(text)), 2024)]
    assert any(work in f and "\t" not in f for f in found) if work else not found


def test_a_window_in_running_text_sets_a_due_date_but_a_plain_range_does_not() -> None:
    from cxzy_nlp.extract.activities import deadline_sentences

    text = "某某方案\n各组在2024年6月1日至10日内完成作品提交工作。\n活动于2024年6月1日至10日举行全部比赛项目。\n"
    found = [text[a.span[0] : a.span[1]] for a in deadline_sentences(text, (0, len(text)), 2024)]
    assert any("完成作品提交" in f for f in found)
    assert not any("举行全部比赛" in f for f in found)  # control: a range without 内 is no deadline


# ------------------------------------------------------------------ activities: a note under a form sets no work

NOTE = "某某合同书\n一、主要任务\n1.完成样机的设计与制作工作\n2.撰写研究报告并提交学院\n\n注：1.本合同一式三份，一份由项目负责人保存，按照合同报销经费。\n"


def test_the_note_under_a_form_is_no_activity() -> None:
    tasks = _section("s1", NOTE, "一、主要任务", ("tasks",))
    note_start = NOTE.index("1.本合同")
    note = Section(
        id="s2",
        number="1.",
        heading="本合同一式三份",
        level=1,
        span=(note_start, len(NOTE)),
        heading_span=(note_start, note_start + len("1.本合同一式三份")),
        labels=("tasks",),
    )
    doc = Document(title="某某合同书", span=(0, len(NOTE)), title_span=(0, 5), sections=(tasks, note))
    found = [NOTE[a.span[0] : a.span[1]] for a in extract(doc, NOTE).activities]
    assert any("完成样机的设计" in f for f in found)  # control: the tasks stay
    assert not any("一式三份" in f for f in found)


# ------------------------------------------------------------------ activities: a business plan's descriptions

# fmt: off
BUSINESS_PARTS = [
    ("商业模式", True),
    ("营销策略", True),
    ("成本结构", True),
    ("竞争", True),
    ("目标市场", True),
    ("技术支持", True),
    ("开展市场调研", False),    # a verb of work opens it: work
    ("加快应用新技术", False),
    ("组织技能竞赛", False),
]
# fmt: on


@pytest.mark.parametrize(("heading", "description"), BUSINESS_PARTS)
def test_the_parts_of_a_business_plan_describe_and_list_no_work(heading: str, description: bool) -> None:
    from cxzy_nlp.extract import describes

    assert describes(heading) is description


# ------------------------------------------------------------------ activities: a part holding a table or nothing

PARTS = "某某开发计划\n五、开发活动\n可重用的软件产品\n无\n培训计划\n第一课时\t讲解用户手册\n第二课时\t培训管理员\n组织用户培训\n对用户进行两次操作培训。\n"


def _child(sid: str, heading: str, end: str | None) -> Section:
    start = PARTS.index(heading)
    stop = PARTS.index(end) if end else len(PARTS)
    return Section(
        id=sid,
        number="",
        heading=heading,
        level=2,
        span=(start, stop),
        heading_span=(start, start + len(heading)),
        labels=("tasks",),
    )


def test_a_part_holding_a_table_or_saying_none_is_no_activity() -> None:
    children = (
        _child("s2", "可重用的软件产品", "培训计划"),
        _child("s3", "培训计划", "组织用户培训"),
        _child("s4", "组织用户培训", None),
    )
    top = Section(
        id="s1",
        number="五、",
        heading="开发活动",
        level=1,
        span=(PARTS.index("五、"), len(PARTS)),
        heading_span=(PARTS.index("五、"), PARTS.index("五、") + 6),
        labels=("tasks",),
        children=children,
    )
    doc = Document(title="某某开发计划", span=(0, len(PARTS)), title_span=(0, 6), sections=(top,))
    found = [PARTS[a.span[0] : a.span[1]] for a in extract(doc, PARTS).activities]
    assert any("两次操作培训" in f for f in found)  # control: a part of work stays one activity
    assert not any(f.startswith("可重用的软件产品") for f in found)
    assert not any(f.startswith("培训计划") for f in found)


# ------------------------------------------------------------------ activities: 一是…二是… after a lead naming tasks

# fmt: off
ORDINALS = [
    ("方案部署了三个方面重点任务。一是完善社区服务设施。二是培育志愿服务队伍。三是开展邻里互助活动。",
     ["完善社区服务设施", "培育志愿服务队伍", "开展邻里互助活动"]),
    ("今年重点做好以下工作：一是修订管理制度；二是组织业务培训。", ["修订管理制度", "组织业务培训"]),
    ("一年来，我们主要做了以下工作。一是完善社区服务设施。二是培育志愿服务队伍。", []),  # work done
    ("工作目标如下。一是群众满意度明显提高。二是服务设施全面达标。", []),                    # aims
    ("要把握好以下几点。一是坚持稳中求进。二是坚持问题导向。", []),                          # principles
    ("方案部署了重点任务。一是完善社区服务设施。", []),                                      # one alone is no list
    # circled items run together in a paragraph (minutes, reports): each runs to the next marker
    ("会议确定今年的主要工作任务如下：①年内举办培训班2期；②修订评审细则，报委员会审定；③筹建质控中心。",
     ["举办培训班2期", "修订评审细则，报委员会审定", "筹建质控中心"]),
    ("委员会去年主要完成了以下工作任务：①举办培训班2期；②修订评审细则。", []),            # work done
    ("会议讨论了以下几个问题：①评审指标应细化；②现场核查应规范。", []),                      # no work named
]
# fmt: on


@pytest.mark.parametrize(("paragraph", "works"), ORDINALS)
def test_work_enumerated_after_a_lead_naming_tasks_gives_activities(paragraph: str, works: list[str]) -> None:
    from cxzy_nlp.extract.activities import ordinal_items

    text = "某某工作要点\n" + paragraph + "\n"
    found = [a.text for a in ordinal_items(text, (0, len(text)), 2025)]
    assert len(found) == len(works)
    assert all(w in f for w, f in zip(works, found, strict=True))


def test_enumerated_tasks_reach_the_document_activities() -> None:
    text = (
        "某某工作要点\n方案部署了三个方面重点任务。一是完善社区服务设施。二是培育志愿服务队伍。三是开展邻里互助活动。\n"
    )
    doc = Document(title="某某工作要点", span=(0, len(text)), title_span=(0, 6))
    found = [a.text for a in extract(doc, text).activities]
    assert any("培育志愿服务队伍" in f for f in found)


# ------------------------------------------------------------------ activities: a teaching calendar's date column

CALENDAR = "教学日历\n周次\t日期\t教学内容\t学时\n1\t9.5-9.9\t软件工程概述\t2\n2\t9.12-9.16\t需求分析\t2\n"


def test_the_date_column_of_a_teaching_calendar_gives_when_not_the_week_number() -> None:
    from cxzy_nlp.extract.activities import table_activities

    rows = table_activities(CALENDAR, (0, len(CALENDAR)), None, 2016, require_header=True)
    assert [a.when for a in rows] == ["9.5-9.9", "9.12-9.16"]
    assert [a.start for a in rows] == ["2016-09-05", "2016-09-12"]


def test_a_week_column_alone_still_gives_when() -> None:
    text = CALENDAR.replace("\t日期", "\t地点").replace("9.5-9.9", "教室").replace("9.12-9.16", "机房")
    from cxzy_nlp.extract.activities import table_activities

    rows = table_activities(text, (0, len(text)), None, 2016, require_header=True)
    assert [a.when for a in rows] == ["1", "2"]  # control: with no date column the week stays the time


# ------------------------------------------------------------------ goals: a 零事故 target

# fmt: off
ZERO = [
    ("外出实践做好个人防护，确保实践活动“零感染”。", True),
    ("全年力争实现安全生产零事故。", True),
    ("零事故的经验值得各单位学习。", False),   # a 零 figure named, no aim set
    ("确保信息安全。", False),               # 确保 with no figure to reach
]
# fmt: on


@pytest.mark.parametrize(("sentence", "goal"), ZERO)
def test_a_zero_incident_target_is_a_goal(sentence: str, goal: bool) -> None:
    from cxzy_nlp.extract.goals import goal_statements

    text = "某某方案\n" + sentence + "\n"
    assert bool(goal_statements(text, (0, len(text)), [])) is goal


# ------------------------------------------------------------------ owners: a name, a comma, then 负责…

# fmt: off
TAKERS = [
    ("组长：王五，负责统筹协调。", ["王五"]),
    ("组员：赵六，负责宣传报道；钱七，负责后勤保障。", ["赵六", "钱七"]),
    ("本次活动，负责单位另行通知。", []),     # no person opens the clause
]
# fmt: on


@pytest.mark.parametrize(("line", "names"), TAKERS)
def test_a_person_named_before_the_work_taken_on_is_an_owner(line: str, names: list[str]) -> None:
    from cxzy_nlp.extract.owners import person_owners

    text = "某某方案\n人员分工\n" + line + "\n"
    found = {o.name for o in person_owners(text, (0, len(text)))}
    assert set(names) <= found
    assert not found - set(names)


# ------------------------------------------------------------------ activities: requirements and notes are no work

# fmt: off
PROPERTIES = [
    ("软件系统应是模块化结构。", False),
    ("系统应不依赖于具体的运行环境。", False),
    ("界面应具有统一的风格。", False),
    ("各地应加强组织领导。", True),         # 应 before a verb of work: a task
    ("开展用户满意度调查。", True),
]
# fmt: on


@pytest.mark.parametrize(("item", "work"), PROPERTIES)
def test_an_item_saying_what_something_must_be_is_no_work(item: str, work: bool) -> None:
    from cxzy_nlp.extract.activities import is_work
    from cxzy_nlp.model import Activity

    assert is_work(Activity(name=item.rstrip("。"), text=item, span=(0, len(item)), section=None)) is work


@pytest.mark.parametrize(("heading", "note"), [("注解", True), ("备注：", True), ("工作任务", False)])
def test_a_notes_part_lists_no_work(heading: str, note: bool) -> None:
    from cxzy_nlp.extract.patterns import patterns

    assert bool(patterns().not_activity_headings.search(heading)) is note


# ------------------------------------------------------------------ activities: the measures of a 保障措施 part

MEASURES = (
    "某某意见\n六、保障措施\n（一）加强组织领导。各部门要密切配合。\n（二）经费保障。所需经费于6月底前列入预算。\n"
    "（三）强化督促落实。于2024年12月底前开展督查。\n"
)


def test_the_dated_measures_of_a_safeguards_part_headed_by_a_verb_of_work_are_activities() -> None:
    top = Section(
        id="s1",
        number="六、",
        heading="保障措施",
        level=1,
        span=(MEASURES.index("六、"), len(MEASURES)),
        heading_span=(MEASURES.index("六、"), MEASURES.index("六、") + 6),
        labels=("safeguards",),
    )
    doc = Document(title="某某意见", span=(0, len(MEASURES)), title_span=(0, 4), sections=(top,))
    found = [MEASURES[a.span[0] : a.span[1]] for a in extract(doc, MEASURES).activities]
    assert any(f.startswith("强化督促落实") for f in found)
    assert not any(f.startswith("加强组织领导") for f in found)  # control: undated, it says how the plan is upheld
    assert not any(f.startswith("经费保障") for f in found)  # control: a measure named as a thing is not work


# ------------------------------------------------------------------ activities: dated entries run into one paragraph

# fmt: off
JOINED_DAYS = [
    # a day-by-day plan whose lines a PDF ran together: parted at each ；that opens a date
    ("7月16日：材料准备，参观省档案馆；7月17日：走访社区；7月18日：撰写调研报告。",
     ["7月16日：材料准备，参观省档案馆", "7月17日：走访社区", "7月18日：撰写调研报告。"]),
    # a ；inside one day's entry does not part it
    ("7月16日：材料准备；参观省档案馆\n7月17日：走访社区\n",
     ["7月16日：材料准备；参观省档案馆", "7月17日：走访社区"]),
    ("7月16日：材料准备；参观省档案馆。", []),   # one dated entry is no calendar
]
# fmt: on


@pytest.mark.parametrize(("paragraph", "entries"), JOINED_DAYS)
def test_dated_entries_run_into_one_paragraph_are_a_calendar(paragraph: str, entries: list[str]) -> None:
    from cxzy_nlp.extract.activities import calendar_lines

    text = "某某实践计划\n" + paragraph + "\n"
    assert [a.text for a in calendar_lines(text, (0, len(text)), 2019)] == entries


# ------------------------------------------------------------------ activities: the list of a summary's next steps

SUMMARY = (
    "某某年度工作总结\n主要成绩\n1.完成平台改版；\n2.举办培训3期。\n\n"
    "下一步工作计划\n1.继续优化平台性能；\n2.建立用户反馈机制。\n\n"
    "展望\n我们相信在各方支持下，平台会越办越好，服务更多用户。\n"
)


def test_the_list_of_a_summary_next_steps_gives_activities() -> None:
    done = _section("s1", SUMMARY, "主要成绩", ("sum_achievements",))
    plan = _section("s2", SUMMARY, "下一步工作计划", ("next_steps",))
    prose = _section("s3", SUMMARY, "展望", ("next_steps",))
    doc = Document(title="某某年度工作总结", span=(0, len(SUMMARY)), title_span=(0, 8), sections=(done, plan, prose))
    found = [SUMMARY[a.span[0] : a.span[1]] for a in extract(doc, SUMMARY).activities]
    assert any("继续优化平台性能" in f for f in found)  # missed before: next steps were never read
    assert any("建立用户反馈机制" in f for f in found)
    assert not any("完成平台改版" in f for f in found)  # control: work done is no activity
    assert not any("越办越好" in f for f in found)  # control: prose gives none


# ------------------------------------------------------------------ activities: rows under a merged stage cell

# fmt: off
STAGE_TABLES = [
    # the merged cell dropped from the rows below it (a .docx table read row by row)
    ("阶段\t具体任务\t任务描述\t输出项\n一阶段\t立项\t分析用户需求\t立项报告\n项目计划\t编写项目计划，报主管审定\t计划书\n"
     "二阶段\t开发\t编写代码\t源代码\n联调\t联合调试各模块\t测试记录\n",
     ["立项", "项目计划", "开发", "联调"]),
    # ... or kept as an empty cell
    ("阶段\t具体任务\t任务描述\n一阶段\t立项\t分析用户需求\n\t项目计划\t编写项目计划\n", ["立项", "项目计划"]),
    # control: a table of things has no stage or time column
    ("设备\t型号\t用途\n服务器\tR740\t部署系统\n交换机\tS5720\t组网\n", []),
]
# fmt: on


@pytest.mark.parametrize(("table", "names"), STAGE_TABLES)
def test_rows_under_a_merged_stage_cell_are_activities(table: str, names: list[str]) -> None:
    from cxzy_nlp.extract.activities import table_activities

    text = "3.2 具体任务\n各阶段任务分解如下。\n" + table
    rows = table_activities(text, (0, len(text)), None, 2020, require_header=True)
    assert [a.name for a in rows] == names


# ------------------------------------------------------------------ goals: a part that is background and goals

BACKGROUND_AND_GOALS = (
    "读书月活动方案\n一、活动背景和目的\n读书月是一项旨在推动全员阅读、提升职工素养的重要活动。本次活动的背景是"
    "我单位为了丰富职工文化生活，特举办此次读书月活动。活动目的如下：\n"
    "1.营造全员读书氛围\n通过读书分享，带动职工养成阅读习惯。\n2.提升职工业务素养\n通过专题阅读，提高业务水平。\n"
    "二、活动内容\n开展读书分享会。\n"
)


def _background_and_goals(with_children: bool) -> Document:
    t = BACKGROUND_AND_GOALS
    start, end = t.index("一、"), t.index("二、")
    children: tuple[Section, ...] = ()
    if with_children:
        a, b = t.index("1.营造"), t.index("2.提升")
        children = (
            Section("s2", "1.", "营造全员读书氛围", 2, (a, b), (a, a + 10), labels=("goals",)),
            Section("s3", "2.", "提升职工业务素养", 2, (b, end), (b, b + 10), labels=("goals",)),
        )
    part = Section(
        "s1", "一、", "活动背景和目的", 1, (start, end), (start, start + 9), children, ("background", "goals")
    )
    tasks = Section("s4", "二、", "活动内容", 1, (end, len(t)), (end, end + 6), labels=("tasks",))
    return Document(title="读书月活动方案", span=(0, len(t)), title_span=(0, 7), sections=(part, tasks))


@pytest.mark.parametrize("with_children", [True, False])
def test_a_background_and_goals_part_opens_with_background_not_goals(with_children: bool) -> None:
    t = BACKGROUND_AND_GOALS
    goals = [t[g.span[0] : g.span[1]] for g in extract(_background_and_goals(with_children), t).goals]
    assert any("营造全员读书氛围" in g for g in goals)
    assert any("提升职工业务素养" in g for g in goals)
    assert not any("是一项旨在" in g or "提升职工素养的重要活动" in g for g in goals)  # a definition, before
    assert not any("丰富职工文化生活" in g for g in goals)  # the background's 为了…, before


def test_a_goal_part_alone_still_keeps_its_opening_target() -> None:
    goals = _goals(MAIN_GOAL, _section("s1", MAIN_GOAL, "主要目标", ("goals",)))
    assert any("增加值占比达到12%" in g for g in goals)  # control: not background, the lead is a goal


# ------------------------------------------------------------------ goals: the closing aims of a 指导思想 sentence

# fmt: off
GUIDING_AIMS = [
    ("以新发展理念为指导，坚持质量第一，实施卓越质量工程，为加快推进新型工业化提供有力支撑。",
     "为加快推进新型工业化提供有力支撑"),
    ("深入贯彻有关精神，明确功能定位，持续提升政府网上履职能力，努力建设人民满意的网上政府。",
     "持续提升政府网上履职能力"),
    ("以新发展理念为指导，坚持质量第一，实施卓越质量工程。", None),   # no aim stated
    ("坚持稳中求进，为群众办实事。", None),                             # 为 with no 提供/奠定…: no aim clause
]
# fmt: on


@pytest.mark.parametrize(("sentence", "aim"), GUIDING_AIMS)
def test_the_closing_aims_of_a_guiding_ideology_are_goals(sentence: str, aim: str | None) -> None:
    text = f"某某工作方案\n指导思想\n{sentence}\n\n重点任务\n推进企业上云。\n"
    goals = _goals(
        text, _section("s1", text, "指导思想", ("guiding_ideology",)), _section("s2", text, "重点任务", ("tasks",))
    )
    if aim is None:
        assert not goals
    else:
        assert aim in goals  # missed before: neither 为…提供 nor 持续 opened an aim clause


# ------------------------------------------------------------------ goals: the purpose clause of a notice's opening

# fmt: off
OPENINGS = [
    ("为深入贯彻有关部署，加快推动人工智能赋能制造业，工业和信息化部组织开展创新任务揭榜工作。有关事项通知如下：",
     "加快推动人工智能赋能制造业"),   # the issuer named before 组织开展: missed before
    ("为加快推动物联网产业创新发展，现组织开展案例征集工作。", "加快推动物联网产业创新发展"),
    ("工业和信息化部组织开展创新任务揭榜工作。有关事项通知如下：", None),   # no purpose stated
]
# fmt: on


@pytest.mark.parametrize(("opening", "aim"), OPENINGS)
def test_the_purpose_clause_of_an_opening_is_a_goal(opening: str, aim: str | None) -> None:
    text = f"关于开展某某工作的通知\n{opening}\n一、任务内容\n推进企业上云。\n"
    tasks = _section("s1", text, "一、任务内容", ("tasks",))
    goals = _goals(text, tasks)
    assert any(aim in g for g in goals) if aim else not goals


# ------------------------------------------------------------------ goals: the paragraph under a label line

# fmt: off
LABEL_LINES = [
    ("背景：\n新生对校园环境不熟悉。\n\n目标：\n帮助新生了解自我，熟悉学校。\n\n过程\n优势测试\n", "帮助新生了解自我"),
    ("背景：\n新生对校园环境不熟悉。\n\n活动目的\n增进新生之间的交流。\n", "增进新生之间的交流"),
    ("背景：\n新生对校园环境不熟悉。\n\n编写目的\n本文档说明系统的设计。\n", None),   # what a document is for
    ("背景：\n新生对校园环境不熟悉。\n\n过程\n优势测试\n", None),                        # no label line
]
# fmt: on


@pytest.mark.parametrize(("text", "goal"), LABEL_LINES)
def test_the_paragraph_under_a_goal_label_line_states_goals(text: str, goal: str | None) -> None:
    goals = _goals(text)
    assert any(goal in g for g in goals) if goal else not goals  # missed before: the label line was no heading


# fmt: off
YEARLESS_DAYS = [
    # a plan that prints no year: its dated lines are still a calendar (missed before: no ISO date, no entry)
    ("6月28日到7月2日：熟悉产品操作\n7月5日到7月9日：学习技术实现\n", ["熟悉产品操作", "学习技术实现"]),
    ("6:30：起床洗漱\n7:00：早餐\n", []),   # clock times open no calendar line
]
# fmt: on


@pytest.mark.parametrize(("lines", "names"), YEARLESS_DAYS)
def test_dated_lines_without_a_year_are_a_calendar_in_a_document_without_one(lines: str, names: list[str]) -> None:
    from cxzy_nlp.extract.activities import calendar_lines

    text = "两周任务\n" + lines
    assert [a.name for a in calendar_lines(text, (0, len(text)), None)] == names
