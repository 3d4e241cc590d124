"""False alarms a blind reviewer sent back on documents that are not government plans (issue 15, realdocs2).

Table-driven look-alikes written for these tests: each case that must not fire has a twin that differs
only in the point at issue and must fire, so every test can fail.
"""

from __future__ import annotations

from dataclasses import replace

import pytest
from test_check_rules import PLAN, build_doc, run

from cxzy_nlp.check import check
from cxzy_nlp.config import DEFAULT_CONFIG
from cxzy_nlp.model import Document, Finding, Goal, NormalText, Owner, Period, Problem, Zone
from cxzy_nlp.read.pdf import Char, _Damage, _drop_unreadable, _problems
from cxzy_nlp.read.txt import read_txt


def _rule(findings: list[Finding] | tuple[Finding, ...], rule: str) -> list[Finding]:
    return [f for f in findings if f.rule == rule]


def _checked(doc: Document, normal: NormalText, problems: tuple[Problem, ...] = ()) -> tuple[Finding, ...]:
    return check(doc, normal, problems=problems).findings


# ------------------------------------------------------------------ personal data: kind and role

# fmt: off
PERSONAL_CASES = [
    # (appended text, doc_type, findings as (severity, masked evidence))
    ("联系人：王某某，联系电话：13812345678。", "notice", []),                       # the organiser's contact line
    ("咨询电话：13812345678（工作日）。", "notice", []),
    ("姓名\t学校\t联系电话\n张某某\t青溪一中\t13812345678\n李某某\t青溪二中\t13912345678", "notice", []),  # a 电话 column
    ("获奖学生：张某某 13812345678。", "notice", [("warn", "138****5678")]),        # no contact role: a leak
    ("申请人身份证号：11010519491231002X。", "notice", [("warn", "110***********002X")]),
    ("申请人身份证号：11010519491231002X。", "application_form", [("info", "110***********002X")]),  # submitted form
    ("获奖学生：张某某 13812345678。", "application_form", []),                     # a form's fields are filled
]
# fmt: on


@pytest.mark.parametrize(("text", "doc_type", "expected"), PERSONAL_CASES)
def test_personal_data_depends_on_the_kind_of_document_and_the_role_of_the_number(
    text: str, doc_type: str, expected: list[tuple[str, str]]
) -> None:
    found = run(PLAN + "\n" + text, "personal-data", doc_type=doc_type)
    assert [(f.severity, f.evidence) for f in found] == expected, [f.message for f in found]
    for f in found:
        assert "13812345678" not in f.message and "11010519491231002X" not in f.message


def test_a_contact_heading_makes_its_numbers_contacts() -> None:
    listed = PLAN + "\n五、联系方式\n王某某 13812345678"
    assert run(listed, "personal-data", doc_type="notice") == []
    assert len(run(listed.replace("联系方式", "获奖名单"), "personal-data", doc_type="notice")) == 1


# ------------------------------------------------------------------ 文号: the document's own, not citations

# fmt: off
DOCNUM_CASES = [
    # (markup, (severity of each finding))
    (PLAN.replace("实施方案\n", "实施方案\n青教发[2024]3号\n"), ("warn",)),                 # its own 文号, in the 版头
    (PLAN.replace("实施方案\n", "实施方案\n青教发〔2024〕3号\n"), ()),
    (PLAN + "\n根据财税[2019]13号文件规定执行。", ("info",)),                               # a citation: noted only
    (PLAN + "\n按厦体改（1993）006号文件批准设立。", ("info",)),
    (PLAN + "\n根据财税〔2019〕13号文件规定执行。", ()),
]
# fmt: on


@pytest.mark.parametrize(("markup", "severities"), DOCNUM_CASES)
def test_only_the_documents_own_number_is_held_to_the_standard(markup: str, severities: tuple[str, ...]) -> None:
    assert tuple(f.severity for f in run(markup, "docnum-format")) == severities


def test_a_number_alone_in_the_signature_zone_is_the_documents_own() -> None:
    markup = PLAN + "\n" + "\n".join(["各单位认真落实。"] * 40) + "\n青教发[2024]3号"
    doc, normal = build_doc(markup)
    start = normal.text.rindex("青教发")
    signed = replace(doc, zones=(Zone("body", (0, start)), Zone("signature", (start, len(normal.text)))))
    assert [f.severity for f in _rule(_checked(signed, normal), "docnum-format")] == ["warn"]
    assert [f.severity for f in _rule(_checked(doc, normal), "docnum-format")] == ["info"]  # no 落款 zone: a citation


# ------------------------------------------------------------------ date-logic: a range is not a wrong year

# fmt: off
RANGE_CASES = [
    # (period start, end, fires) for a 2024 plan
    ("2024-01-01", "2026-12-31", False),   # 2024—2026年 three-year action plan
    ("2023-01-01", "2027-12-31", False),   # a term running for years around the plan year
    ("2018-01-01", "2020-12-31", True),    # ended years before the plan
    ("2027-01-01", "2029-12-31", True),    # starts years after it
    ("2026-12-31", "2026-12-31", True),    # a single date two years off
]
# fmt: on


@pytest.mark.parametrize(("start", "end", "fires"), RANGE_CASES)
def test_a_stated_period_is_judged_as_a_range(start: str, end: str, fires: bool) -> None:
    found = [
        f for f in run(PLAN, "date-logic", period=Period(start, end, (0, 5), "stated")) if "文件年度相差" in f.message
    ]
    assert bool(found) == fires, [f.message for f in found]


# ------------------------------------------------------------------ era: a meeting announced in the future tense

# fmt: off
TENSE_CASES = [
    ("今年将召开党的二十大，是党和国家政治生活中的一件大事。", 0),
    ("党的二十大召开前，各单位要做好稳定工作。", 0),
    ("深入学习贯彻党的二十大精神。", 1),            # cited as guidance before it met
]
# fmt: on


@pytest.mark.parametrize(("sentence", "count"), TENSE_CASES)
def test_a_future_meeting_is_not_cited_before_it_met(sentence: str, count: int) -> None:
    markup = PLAN.replace("2024年", "2022年") + "\n" + sentence
    found = run(markup, "outdated-reference", date="2022-03-01")
    assert len(found) == count, [f.message for f in found]


# ------------------------------------------------------------------ placeholders and site residue

# fmt: off
TEMPLATE_CASES = [
    ("placeholder", "/** 获取光标位置函数 */", 0),            # a code comment
    ("placeholder", "负责人：**，联系人：**。", 1),
    ("scrape-residue", "此方法在本项目难以实现，仅供参考。", 0),   # the author's own remark
    ("scrape-residue", "本文档仅供参考，如有侵权请联系删除。", 1),
]
# fmt: on


@pytest.mark.parametrize(("rule", "sentence", "count"), TEMPLATE_CASES)
def test_code_comments_and_an_authors_remark_are_not_template_traces(rule: str, sentence: str, count: int) -> None:
    assert len(run(PLAN + "\n" + sentence, rule)) == count


# ------------------------------------------------------------------ reading: symbols lose no text


def _chars(text: str) -> list[Char]:
    return [Char(t, i * 10.0, i * 10.0 + 9, 0.0, 10.0, 10.0, False) for i, t in enumerate(text)]


# fmt: off
GLYPH_CASES = [
    # (page text, problem codes): U+F06C a Wingdings bullet, U+F8F1 a Symbol brace piece, U+FFFD a lost character
    ("\uf06c组织机构\uf06c", ["symbols-dropped"]),
    ("公式\uf8f1\uf8f2\uf8f3", ["symbols-dropped"]),
    ("组织\ufffd构", ["unreadable-text"]),
    ("组织\ufffd构\uf06c", ["unreadable-text", "symbols-dropped"]),
    ("组织机构", []),
]
# fmt: on


@pytest.mark.parametrize(("text", "codes"), GLYPH_CASES)
def test_glyphs_of_symbol_fonts_are_told_apart_from_lost_text(text: str, codes: list[str]) -> None:
    damage = _Damage()
    kept = _drop_unreadable(_chars(text), 3, damage)
    assert "".join(c.text for c in kept) == "".join(t for t in text if t not in "\uf06c\uf8f1\uf8f2\uf8f3\ufffd")
    problems = _problems(damage, [], 5)
    assert [p.code for p in problems] == codes
    assert all(p.pages == (3,) for p in problems)


@pytest.mark.parametrize(("code", "severity"), [("symbols-dropped", "info"), ("unreadable-text", "error")])
def test_dropped_symbols_are_a_note_and_lost_text_an_error(code: str, severity: str) -> None:
    found = run(PLAN, "unreadable-text", problems=(Problem(code, "第1页有2个字符无法转为文字", pages=(1,)),))
    assert [(f.rule, f.severity) for f in found] == [("unreadable-text", severity)]


@pytest.mark.parametrize(
    ("data", "unreadable"),
    [
        (("流程：申报\ue000审核\ue000公示" * 10).encode("utf-8"), False),  # private-use arrows a UTF-8 author wrote
        (("流程：申报审核公示" * 10).encode("utf-8") + b"\x81\n", True),  # a byte that decodes to nothing
    ],
)
def test_private_use_characters_of_a_utf8_text_are_not_unreadable(data: bytes, unreadable: bool) -> None:
    out = read_txt(data, DEFAULT_CONFIG)
    assert any(p.code == "unreadable-text" for p in out.problems) == unreadable


# ------------------------------------------------------------------ task-no-owner: a task part surely named so

TASKS = """
# 2024年社区服务提升实施方案
一、工作目标 [goals]
到2024年底，社区服务站覆盖率达到95%。
二、{heading} [tasks]
（一）建设服务站 [tasks]
2024年6月底前建成10个服务站。
（二）开展便民服务 [tasks]
2024年全年开展便民服务活动。
"""


def _tasks_doc(heading: str, confidence: float | None = None, **fields: object) -> tuple[Document, NormalText]:
    doc, normal = build_doc(TASKS.format(heading=heading), **fields)
    top = doc.sections[1]
    sections = (doc.sections[0], replace(top, label_confidence=confidence))
    return replace(doc, sections=sections), normal


# fmt: off
OWNER_CASES = [
    # (heading, label confidence, owners, fires)
    ("主要任务", 1.0, (), True),
    ("主要任务", None, (), True),                           # a label given by hand counts as sure
    ("参赛资料", 0.35, (), False),                          # the tasks prior: a guess, not a task part
    ("活动基本信息", 0.6, (), False),                        # a keyword in the heading
    ("完成移动端首页面主体和侧边导航栏的编写，修改首页品牌部分的样式", 0.9, (), False),  # a list item's sentence
    ("提高认识，统筹安排好各项重点任务", 0.8, (), True),         # a 公文 heading of two clauses is still a heading
    ("主要任务", 1.0, (Owner("综合部", (0, 3), "column"),), False),   # a 负责 column assigns the tasks
    ("主要任务", 1.0, (Owner("狗汪", (1, 3), "cue"),), False),        # the opening names who does the work
    ("主要任务", 1.0, (Owner("社区服务", (5, 9), "subject"),), True),  # a subject in the opening assigns nothing
]
# fmt: on


@pytest.mark.parametrize(("heading", "confidence", "owners", "fires"), OWNER_CASES)
def test_task_no_owner_judges_only_task_parts_and_finds_owners_where_a_reviewer_does(
    heading: str, confidence: float | None, owners: tuple[Owner, ...], fires: bool
) -> None:
    doc, normal = _tasks_doc(heading, confidence, owners=owners)
    assert bool(_rule(_checked(doc, normal), "task-no-owner")) == fires


def test_an_owner_in_the_parts_lead_in_assigns_its_tasks() -> None:
    doc, normal = build_doc(
        TASKS.format(heading="主要任务").replace("[tasks]\n（一）", "[tasks]\n街道办统筹以下工作：\n（一）", 1)
    )
    lead = normal.text.index("街道办")
    item = normal.text.index("便民服务活动")
    assert _rule(_checked(doc, normal), "task-no-owner")
    owned = replace(doc, owners=(Owner("街道办", (lead, lead + 3), "subject"),))
    assert _rule(_checked(owned, normal), "task-no-owner") == []
    in_an_item = replace(doc, owners=(Owner("便民服务", (item, item + 4), "subject"),))  # a subject deep in an item
    assert _rule(_checked(in_an_item, normal), "task-no-owner")


# ------------------------------------------------------------------ vague-goal: what is not a goal to measure

STAGES = """
# 图书管理系统工作计划
一、项目阶段 [steps]
（一）需求分析阶段 [steps]
{when}
目标：明确项目需求，编写需求文档。
"""


@pytest.mark.parametrize(("when", "fires"), [("时间：第1周", False), ("时间：待定", True)])
def test_a_stages_goal_takes_the_stages_time(when: str, fires: bool) -> None:
    markup = STAGES.format(when=when)
    doc, normal = build_doc(markup)
    stage = doc.sections[0].children[0]
    start = normal.text.index("明确项目需求")
    goal = Goal("明确项目需求，编写需求文档", (start, start + 13), stage.id, measurable=False)
    assert bool(run(markup, "vague-goal", goals=(goal,))) == fires


# fmt: off
GOAL_CASES = [
    # (heading of the 目标 part, goal sentence, fires)
    ("工作目标", "持续改善社区环境面貌", True),
    ("策划目的", "持续改善社区环境面貌", False),                       # a statement of purpose
    ("工作目标", "如有相似项目，须找出功能上的不同点和提升部分", False),   # a rule clause
    ("与同学们分享学习方法、竞赛介绍与经验，帮助大家掌握方法", "持续改善社区环境面貌", False),  # a list item's sentence
]
# fmt: on


@pytest.mark.parametrize(("heading", "sentence", "fires"), GOAL_CASES)
def test_purposes_rules_and_list_items_are_not_vague_goals(heading: str, sentence: str, fires: bool) -> None:
    markup = PLAN.replace(
        "一、工作目标 [goals]\n到2024年底，社区服务站覆盖率达到95%。", f"一、{heading} [goals]\n{sentence}。"
    )
    doc, normal = build_doc(markup)
    part = doc.sections[0]
    goal_doc = replace(doc, sections=(replace(part, label_confidence=0.8), *doc.sections[1:]))
    start = normal.text.index(sentence)
    goal = Goal(sentence, (start, start + len(sentence)), part.id, measurable=False)
    found = _rule(_checked(replace(goal_doc, goals=(goal,)), normal), "vague-goal")
    assert bool(found) == fires, [f.message for f in found]


# ------------------------------------------------------------------ step-no-time: weekly, clock and week-number times

# fmt: off
TIME_CASES = [
    ("每周例会：每周五下午3点，讨论本周工作进展。", False),
    ("集结与合影（18:20-18:30），全员拍摄合影。", False),
    ("需求评审：第1周末，评审需求文档。", False),
    ("集结与合影，全员拍摄合影。", True),
]
# fmt: on


@pytest.mark.parametrize(("line", "fires"), TIME_CASES)
def test_weekly_clock_and_week_number_times_are_times(line: str, fires: bool) -> None:
    markup = PLAN.replace(
        "三、实施步骤 [steps]\n（一）准备阶段（2024年1月至3月） [steps]\n摸清底数，制定计划。\n（二）实施阶段（2024年4月至11月） [steps]\n全面推进建设。",
        f"三、会议安排 [steps]\n{line}",
    )
    assert "会议安排" in markup
    assert bool(run(markup, "step-no-time")) == fires


def test_a_guessed_steps_part_is_not_judged() -> None:
    markup = PLAN.replace("三、实施步骤", "三、销售计划").replace(
        "（一）准备阶段（2024年1月至3月） [steps]\n摸清底数，制定计划。\n（二）实施阶段（2024年4月至11月） [steps]\n全面推进建设。",
        "建立合作伙伴关系，开展线上线下宣传。",
    )
    doc, normal = build_doc(markup)
    assert _rule(_checked(doc, normal), "step-no-time")
    steps = doc.sections[2]
    guessed = replace(doc, sections=(*doc.sections[:2], replace(steps, label_confidence=0.62), *doc.sections[3:]))
    assert _rule(_checked(guessed, normal), "step-no-time") == []


@pytest.mark.parametrize(("heading", "fires"), [("系统试运行阶段", True), ("销售推广方式", False)])
def test_a_stage_names_itself_whatever_the_labels_confidence(heading: str, fires: bool) -> None:
    markup = PLAN.replace(
        "三、实施步骤 [steps]\n（一）准备阶段（2024年1月至3月） [steps]\n摸清底数，制定计划。\n"
        "（二）实施阶段（2024年4月至11月） [steps]\n全面推进建设。",
        f"三、{heading} [steps]\n编制测试计划，组织试运行。",
    )
    doc, normal = build_doc(markup)
    steps = doc.sections[2]
    weak = replace(doc, sections=(*doc.sections[:2], replace(steps, label_confidence=0.46), *doc.sections[3:]))
    assert bool(_rule(_checked(weak, normal), "step-no-time")) == fires


def test_cited_numbers_are_noted_once_with_their_count() -> None:
    markup = PLAN + "\n根据财税[2019]13号、财企[2012]16号和证监许可[2015]3117号文件执行。"
    found = run(markup, "docnum-format")
    assert [(f.severity, "等3处" in f.message) for f in found] == [("info", True)]


# ------------------------------------------------------------------ duplicate-passage: a point restated in a long report

_SHORT = "各单位要把服务群众的实事办好，切实解决群众最关心的问题。"  # 26 characters of key
_LONG = "各单位要把服务群众的实事办好，切实解决群众最关心最直接最现实的利益问题，把每一件民生实事都落到实处，让群众看得见、摸得着、得实惠，不断增强群众的获得感和幸福感。"
_FILLER = "服务群众办实事。" * 3000  # makes the document long; its sentences are too short to count as passages

# fmt: off
RESTATED_CASES = [
    # (repeated sentence, long document, severity of the finding)
    (_SHORT, False, "warn"),   # a short document: a paste worth sending back
    (_SHORT, True, "info"),    # a long report restating a point
    (_LONG, True, "warn"),     # a long passage twice, even in a long report
]
# fmt: on


@pytest.mark.parametrize(("sentence", "long", "severity"), RESTATED_CASES)
def test_a_short_sentence_restated_in_a_long_report_is_no_paste(sentence: str, long: bool, severity: str) -> None:
    markup = PLAN + ("\n" + _FILLER if long else "") + f"\n{sentence}\n中间一句。\n{sentence}"
    found = run(markup, "duplicate-passage")
    assert [f.severity for f in found] == [severity], [(f.severity, f.evidence) for f in found]


def test_a_short_repeat_from_the_same_pasted_block_is_part_of_the_paste() -> None:
    first, again = f"{_LONG}\n第一处的过渡句。\n{_SHORT}", f"{_LONG}\n第二处换了过渡句。\n{_SHORT}"
    markup = PLAN + "\n" + _FILLER + f"\n{first}\n五、其他 [other]\n{again}"
    found = run(markup, "duplicate-passage")
    assert [f.severity for f in found] == ["warn", "warn"], [(f.severity, f.evidence) for f in found]
    alone = PLAN + "\n" + _FILLER + f"\n{_SHORT}\n五、其他 [other]\n{_SHORT}"  # control: the short repeat alone
    assert [f.severity for f in run(alone, "duplicate-passage")] == ["info"]
