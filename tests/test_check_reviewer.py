"""Rules that reason as a reviewer does (issue 15): table-driven cases that must and must not fire.

Each negative case has a positive twin that differs only in the point at issue, so every test can fail.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from test_check_rules import PLAN, run

from cxzy_nlp.check.words import is_word
from cxzy_nlp.model import Finding
from cxzy_nlp.pipeline import analyse

TECH = """
# 图书管理系统开发计划
一、引言
本计划说明图书管理系统的开发安排，供项目组使用。
二、术语和缩略词
{terms}
三、资源计划
{resources}
四、进度计划
2016年10月1日至10月10日完成需求分析，10月11日至11月30日完成开发。
"""

# fmt: off
EMPTY_CASES = [
    # (terms, resources, fires, message fragment)
    ("无。", "项目组四人，每人每周投入20小时，使用实验室服务器一台。", False, ""),
    ("无。", "暂无", True, "只写了“暂无”"),
    ("本计划所用术语均为通用术语，不另作说明。", "", True, "只有标题没有内容"),
]
# fmt: on


@pytest.mark.parametrize(("terms", "resources", "fires", "fragment"), EMPTY_CASES)
def test_a_none_answer_is_content_where_the_part_may_be_empty(
    terms: str, resources: str, fires: bool, fragment: str
) -> None:
    found = run(TECH.format(terms=terms, resources=resources), "empty-section")
    assert bool(found) == fires, [f.message for f in found]
    assert all(fragment in f.message for f in found)
    assert not any("术语" in f.message for f in found)


def _analyse(tmp_path: Path, text: str) -> list[Finding]:
    path = tmp_path / "plan.txt"
    path.write_text(text, encoding="utf-8")
    return [f for d in analyse(path).documents for f in d.findings if f.severity in ("error", "warn")]


SEQUENCE = """某区社区服务提升工作方案

一、工作目标
到2024年底，社区服务站覆盖率达到95%。
二、主要任务
1.建设服务站。由街道办牵头，2024年6月底前建成10个服务站。
2.培训人员。由民政办负责，2024年9月底前培训200人。{inline}
4.开展评估。由区政府督查室负责，2024年12月底前完成评估。
三、实施步骤
（一）准备阶段（2024年1月至3月）
摸清底数，制定计划。
（二）实施阶段（2024年4月至11月）
全面推进建设。
四、保障措施
街道办负责统筹，财政所保障经费。
五、工作要求
1.各单位要高度重视，认真落实。
2.加强宣传，营造氛围。
1.本方案自印发之日起施行。
2.本方案由区民政局负责解释。
"""


@pytest.mark.parametrize(("inline", "gap_reported"), [("", True), ("3.开展督查，区督查室负责。", False)])
def test_heading_sequence_a_skipped_number_unless_written_inline(
    tmp_path: Path, inline: str, gap_reported: bool
) -> None:
    found = [f for f in _analyse(tmp_path, SEQUENCE.format(inline=inline)) if f.rule == "heading-sequence"]
    assert any("4.开展评估" in (f.evidence or "") for f in found) == gap_reported, [f.message for f in found]
    assert not any("本方案自印发" in (f.evidence or "") for f in found)  # a new list starting at 1


# fmt: off
WORD_CASES = [
    # (text, word, is a word)
    ("指导执法人员规范文明开展音像记录", "范文", False),
    ("创先争优活动方案标准范文一、活动背景", "范文", True),
    ("成本报告需定期输出各分量的成本信息", "本报告", False),
    ("本报告所称社区服务站是指", "本报告", True),
]
# fmt: on


@pytest.mark.parametrize(("text", "word", "expected"), WORD_CASES)
def test_listed_words_match_on_word_boundaries(text: str, word: str, expected: bool) -> None:
    at = text.index(word)
    assert is_word(text, (at, at + len(word))) == expected


@pytest.mark.parametrize(
    ("sentence", "fires"), [("执法人员规范文明开展音像记录。", False), ("本文为标准范文，仅供参考。", True)]
)
def test_scrape_residue_does_not_match_inside_a_word(sentence: str, fires: bool) -> None:
    found = run(PLAN + sentence, "scrape-residue")
    assert any("范文" in f.message for f in found) == fires


@pytest.mark.parametrize(("sentence", "fires"), [("成本报告按月报送。", False), ("本报告自印发之日起施行。", True)])
def test_doctype_self_reference_on_word_boundaries(sentence: str, fires: bool) -> None:
    assert bool(run(PLAN + sentence, "doctype-mismatch")) == fires


# fmt: off
PLACEHOLDER_CASES = [
    ("审核意见：同意。负责人签字：年 月 日", False),
    ("请于年 月 日前报送区民政局。", True),
    ("学院意见（盖章）：年  月  日", False),
]
# fmt: on


@pytest.mark.parametrize(("sentence", "fires"), PLACEHOLDER_CASES)
def test_a_blank_date_in_a_signature_box_is_no_placeholder(sentence: str, fires: bool) -> None:
    assert bool(run(PLAN + sentence, "placeholder")) == fires


@pytest.mark.parametrize(
    ("sentence", "fires"),
    [("尊敬的各位领导、亲爱的同事们：大家好！", False), ("亲爱的同事们，今天给大家分享一下。", True)],
)
def test_a_salutation_is_not_informal_voice(sentence: str, fires: bool) -> None:
    title, body = PLAN.strip().split("\n", 1)
    assert bool(run(f"{title}\n{sentence}\n{body}", "informal-voice")) == fires


STEPS = """
# 2024年社区服务提升实施方案
一、工作目标 [goals]
到2024年底，社区服务站覆盖率达到95%。
二、主要任务 [tasks]
由街道办牵头，2024年6月底前建成10个服务站。
三、过程安排 [steps]
（一）调研 [steps]
摸清底数。
（二）建设 [steps]
全面推进建设。
四、进度计划 [steps]
{dates}
五、保障措施 [safeguards]
街道办负责统筹。
"""


@pytest.mark.parametrize(
    ("dates", "fires"), [("2024.01.01—2024.03.31调研；2024.04.01—2024.11.30建设。", False), ("另行通知。", True)]
)
def test_steps_dated_in_another_part_are_not_untimed(dates: str, fires: bool) -> None:
    found = run(STEPS.format(dates=dates), "step-no-time")
    assert any("过程安排" in f.message for f in found) == fires, [f.message for f in found]


BOUNDED = """
# 2024年社区服务提升实施方案
一、工作目标 [goals]
到2024年底，社区服务站覆盖率达到95%。
二、实施步骤 [steps]
（一）准备阶段 [steps]
2024年1月至3月，摸清底数。
（二）推进阶段 [steps]
全面推进建设。
（三）总结阶段 [steps]
{last}
三、保障措施 [safeguards]
街道办负责统筹。
"""


@pytest.mark.parametrize(("last", "fires"), [("2024年12月，总结验收。", False), ("总结验收。", True)])
def test_a_step_between_two_dated_steps_is_bounded(last: str, fires: bool) -> None:
    assert bool(run(BOUNDED.format(last=last), "step-no-time")) == fires


@pytest.mark.parametrize(("title", "fires"), [("某某情况材料", False), ("社区服务提升实施方案", True)])
def test_an_unknown_kind_is_never_asked_for_sections(title: str, fires: bool) -> None:
    markup = PLAN.replace("2024年社区服务提升实施方案", title).replace("[steps]", "").replace("实施步骤", "其他安排")
    assert bool(run(markup, "missing-section")) == fires


REPEAT = """
# 2024年社区服务提升实施方案
一、工作目标 [goals]
到2024年底，社区服务站覆盖率达到95%。
二、{first} [tasks]
{row1}
三、{second} [tasks]
{row2}
四、保障措施 [safeguards]
街道办负责统筹。
"""
SENTENCE = "各社区要组织志愿者开展入户走访，摸清独居老人的基本情况和服务需求，建立台账"

# fmt: off
REPEAT_CASES = [
    # (first heading, second heading, first row, second row, reported)
    ("初赛", "决赛", f"{SENTENCE}，走访不少于30户。", f"{SENTENCE}，走访不少于50户。", False),  # figures differ
    ("初赛", "决赛", f"{SENTENCE}，走访不少于30户。", f"{SENTENCE}，走访不少于30户。", True),
    ("评分规则", "评分规则", f"{SENTENCE}。", f"{SENTENCE}。", False),  # the same part for two rounds
    ("调查内容", "单位简介", f"{SENTENCE}。", f"{SENTENCE}。", True),
    ("初赛", "决赛", "青溪县社区服务中心便民服务进小区志愿服务项目团队", "青溪县社区服务中心便民服务进小区志愿服务项目团队", False),
]
# fmt: on


@pytest.mark.parametrize(
    ("goal", "fires"), [("例如，提高服务质量、优化工作流程等", False), ("提高服务质量、优化工作流程", True)]
)
def test_an_example_is_not_a_goal(goal: str, fires: bool) -> None:
    doc_markup = PLAN
    from test_check_rules import build_doc

    from cxzy_nlp.model import Goal

    doc, _ = build_doc(doc_markup)
    goals = (Goal(goal, doc.sections[0].body_span, doc.sections[0].id, measurable=False),)
    assert bool(run(doc_markup, "vague-goal", goals=goals)) == fires


@pytest.mark.parametrize(("first", "second", "row1", "row2", "reported"), REPEAT_CASES)
def test_deliberate_repetition_is_not_pasting(first: str, second: str, row1: str, row2: str, reported: bool) -> None:
    markup = REPEAT.format(first=first, second=second, row1=row1, row2=row2)
    assert bool(run(markup, "duplicate-passage")) == reported


def test_findings_are_listed_in_the_order_of_the_text() -> None:
    markup = PLAN.replace("摸清底数，制定计划。", "XX单位摸清底数。") + "\n下载本文档\n嘿，朋友们。"
    found = run(markup)
    starts = [f.span[0] if f.span else -1 for f in found]
    assert len(found) >= 3 and starts == sorted(starts), [(f.rule, f.span) for f in found]


# fmt: off
PERSONAL_CASES = [
    ("申请人身份证号：11010519491231002X。", 1, "110***********002X"),
    ("申请人身份证号：110105194912310021。", 0, ""),  # check digit wrong: not an ID number
    ("获奖人员：张某某 13812345678，地址：青溪县。", 1, "138****5678"),
    ("联系电话：13812345678，地址：青溪县。", 0, ""),  # an official contact line
    ("联系电话：0731-88888888。", 0, ""),
    ("服务站编号20240601001234。", 0, ""),
]
# fmt: on


@pytest.mark.parametrize(("sentence", "count", "masked"), PERSONAL_CASES)
def test_personal_data_is_found_and_masked_in_every_output(sentence: str, count: int, masked: str) -> None:
    found = run(PLAN + sentence, "personal-data")
    assert len(found) == count
    for f in found:
        assert f.evidence == masked and masked in f.message
        assert "11010519491231002X" not in f.message + (f.evidence or "") and "13812345678" not in f.message


USE_CASES = """图书管理系统开发计划
一、引言
本计划说明图书管理系统的开发安排，供项目组使用。
二、用例描述
（一）注册登录
用例目标：用户注册并登录系统。
{lead}
1. 用户输入账号和密码
2. 系统校验账号，若不合法则提示重新输入
成功后件：保存账号。
三、配置管理
3.1配置状态统计
配置状态统计用于跟踪对软件的更改，保证变更得到记录。
{items}
3.2软件移交计划
四、进度计划
2016年10月1日至10月10日完成需求分析，10月11日至11月30日完成开发。
"""

# fmt: off
LIST_ITEM_CASES = [
    # (lead-in line, items under an outline heading, headings reported empty)
    ("主路径：", "1、配置状态记录\n2、编制配置状态报告：写明配置项的状态", {"3.2软件移交计划"}),
    ("", "1、配置状态记录\n2、编制配置状态报告：写明配置项的状态", {"3.2软件移交计划"}),  # 1. 用户输入…: info, below
    ("主路径：", "3.1.1配置状态记录\n3.1.2编制配置状态报告：写明配置项的状态", {"3.1.1配置状态记录", "3.2软件移交计划"}),
]
# fmt: on


@pytest.mark.parametrize(("lead", "items", "reported"), LIST_ITEM_CASES)
def test_items_of_a_list_are_not_empty_sections(tmp_path: Path, lead: str, items: str, reported: set[str]) -> None:
    """Items after a lead-in line (主路径：) or 1、 items in an outline heading's text are a list; a heading of
    the outline itself (3.1.1, 3.2) with nothing under it is still empty."""
    found = _analyse(tmp_path, USE_CASES.format(lead=lead, items=items))
    assert {f.evidence for f in found if f.rule == "empty-section"} == reported


def test_a_bare_item_without_its_lead_in_is_told_at_info(tmp_path: Path) -> None:
    """The control of the lead-in case: without 主路径： the bare 1. item is reported, at info (it names no part)."""
    items = "1、配置状态记录\n2、编制配置状态报告：写明配置项的状态"
    path = tmp_path / "plan.txt"

    def told(lead: str) -> set[str | None]:
        path.write_text(USE_CASES.format(lead=lead, items=items), encoding="utf-8")
        found = [f for d in analyse(path).documents for f in d.findings if f.rule == "empty-section"]
        return {f.evidence for f in found if f.severity == "info"}

    assert "1. 用户输入账号和密码" in told("")
    assert "1. 用户输入账号和密码" not in told("主路径：")


@pytest.mark.parametrize(("line", "documents"), [("《系统详细设计说明书模板》", 1), ("系统详细设计说明书模板", 2)])
def test_a_cited_work_in_a_reference_list_is_not_a_new_document(tmp_path: Path, line: str, documents: int) -> None:
    """A line in 《》 in a list of references cites a work; the same words without 《》 are a new title (under a
    first title of no known kind: a technical plan keeps the titles of its reference list in itself)."""
    text = (
        "图书管理系统开发安排\n1.引言\n本计划说明图书管理系统的开发安排。\n2.引用文件\n《计算机软件文档编制规范》\n"
        f"{line}\n"
        "《某某开发文档》——某某公司\n3. 交付产品\n3.1程序\n本系统供全校师生借阅图书使用。\n4.进度计划\n2016年10月完成需求分析。\n"
    )
    path = tmp_path / "plan.txt"
    path.write_text(text, encoding="utf-8")
    assert len(analyse(path).documents) == documents


def test_one_problem_one_finding_with_a_count() -> None:
    repeated = PLAN.replace("街道办负责统筹，", "联系人：XX单位。\n街道办负责统筹，") + "联系人：XX单位。\n"
    once = PLAN.replace("街道办负责统筹，", "联系人：XX单位。\n街道办负责统筹，")
    found = run(repeated, "placeholder")
    assert len(found) == 1 and found[0].message.endswith("（共2处）") and found[0].evidence == "联系人：XX单位。"
    assert [f.message for f in run(once, "placeholder")] == [found[0].message.removesuffix("（共2处）")]  # control
    elsewhere = repeated.replace("\n联系人：XX单位。\n", "\n（一）其他 [tasks]\n联系人：XX单位。\n")
    assert len(run(elsewhere, "placeholder")) == 2  # another section: its own finding (its own comment)


def test_every_message_opens_with_the_rules_chinese_name() -> None:
    from cxzy_nlp.check import catalogue

    found = run(PLAN.replace("由街道办牵头，", "由XX单位牵头，") + "\n以上是一个基本的方案，希望对您有所帮助。")
    assert found and all(f.message.startswith(f"【{catalogue()[f.rule].name}】") for f in found)
