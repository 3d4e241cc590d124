"""Rules that reason only where their facts hold (issue 15, findings on documents not tuned to).

Each case has a twin that differs only in the point at issue, so every test can fail: a rule that presumes
a written plan leaves a form alone; a form's blanks are slots; an empty bare item is info, an empty named
part a warning; a first step bounded by dated ones, a step said to run 期间, a one-day event's programme;
an older document's title cited, a section about last year, counts of one paragraph's stages, a table's
cells and code repeated on purpose; heading numbers read as strided or nested lists.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from test_check_rules import _NOTICE, PLAN, build_doc, run

from cxzy_nlp.check import check
from cxzy_nlp.model import Finding, Period, Phase, Zone
from cxzy_nlp.pipeline import analyse

NO_STEPS = PLAN.replace("（2024年1月至3月）", "").replace("（2024年4月至11月）", "")
NO_OWNER = PLAN.replace("由街道办牵头，", "")
NO_PHASES = (
    PLAN.replace("三、实施步骤 [steps]", "三、其他安排")
    .replace("[steps]", "")
    .replace("（2024年1月至3月）", "")
    .replace("（2024年4月至11月）", "")
)
_LENGTH = len(build_doc(PLAN)[1].text)
_FORM_NOTES = {"zones": (Zone("form_notes", (0, 12)), Zone("body", (12, _LENGTH)))}
_BODY_ONLY = {"zones": (Zone("body", (0, _LENGTH)),)}
_ONE_DAY = {"period": Period("2024-06-01", "2024-06-01", span=None, source="stated")}
_YEAR = Period("2023-09-01", "2024-07-31", span=None, source="stated")  # a 学年 stated
JUDGING = PLAN.replace("摸清底数，制定计划。", "各社区初评并公示。")
BUILDING = PLAN.replace("摸清底数，制定计划。", "各社区推进建设。")


def _after_the_year(markup: str, words: str) -> Phase:
    """A phase three months after the stated year, whose own words are ``words``."""
    at = build_doc(markup)[1].text.find(words)
    return Phase("即日起至2024年11月15日", "2024-11-15", "2024-11-15", span=(at, at + len(words)))


_SPAN = {"period": Period("2024-06-01", "2024-11-30", span=None, source="stated")}


def _raised(found: list[Finding]) -> list[Finding]:
    return [f for f in found if f.severity in ("error", "warn")]


# fmt: off
CASES: list[tuple[str, str, int, dict[str, Any]]] = [
    # (rule, markup, error/warn findings expected, document fields)
    # a form (填表说明 zone): the rules that presume a written plan leave it alone
    ("step-no-time", NO_STEPS, 0, _FORM_NOTES),
    ("step-no-time", NO_STEPS, 1, _BODY_ONLY),
    ("task-no-owner", NO_OWNER, 0, _FORM_NOTES),
    ("task-no-owner", NO_OWNER, 1, _BODY_ONLY),
    ("missing-section", PLAN.replace("三、实施步骤 [steps]", "三、其他安排").replace("[steps]", ""), 0, _FORM_NOTES),
    ("missing-section", PLAN.replace("三、实施步骤 [steps]", "三、其他安排").replace("[steps]", ""), 1, _BODY_ONLY),
    # …and a form's blanks are slots the filer fills on paper
    ("placeholder", PLAN + "\n填报人：________", 0, _FORM_NOTES),
    ("placeholder", PLAN + "\n填报人：________", 1, _BODY_ONLY),
    # （待定） says on purpose that a thing is not decided yet; a field left 待定 is a gap
    ("placeholder", PLAN + "\n第二轮评审安排（待定）：视第一轮结果另行通知。", 0, {}),
    ("placeholder", PLAN + "\n第二轮评审地点：待定。", 1, {}),
    ("placeholder", PLAN + "\n第二轮是否评审，目前待定。", 0, {}),
    # a questionnaire's write-in option is the respondent's slot
    ("placeholder", PLAN + "\n您对活动的意见：A.满意 B.一般 C.不满意 D.________", 0, {}),
    ("placeholder", PLAN + "\n您对活动的意见：满意。联系人________", 1, {}),
    # steps headings with nothing under them are empty, not undated
    ("step-no-time", NO_STEPS.replace("摸清底数，制定计划。", "").replace("全面推进建设。", ""), 0, {}),
    ("step-no-time", NO_STEPS.replace("摸清底数，制定计划。", "").replace("全面推进建设。", "3、"), 0, {}),
    ("step-no-time", NO_STEPS, 1, {}),
    # an empty bare item names no part: info; an empty named part is a gap
    ("empty-section", PLAN.replace("全面推进建设。", "").replace("（二）实施阶段（2024年4月至11月） [steps]", "（二）界面与配色"), 0, {}),
    ("empty-section", PLAN.replace("全面推进建设。", ""), 1, {}),
    # a part that is a picture (队徽, 海报, an org chart) has content the text cannot hold
    ("empty-section", PLAN.replace("全面推进建设。", "").replace("（二）实施阶段（2024年4月至11月） [steps]", "（二）服务队队徽 [steps]"), 0, {}),
    ("empty-section", PLAN.replace("全面推进建设。", "").replace("（二）实施阶段（2024年4月至11月） [steps]", "（二）服务队队规 [steps]"), 1, {}),
    # an empty heading among a contents list run together is a contents line, not an empty part
    ("empty-section", PLAN.replace("全面推进建设。", "").replace("保障经费。", "保障经费。\n参照：2.1 总体要求 2.2 平台要求 2.3 实施要求"), 0, {}),
    ("empty-section", PLAN.replace("全面推进建设。", "").replace("保障经费。", "保障经费。\n参照：总体要求、平台要求、实施要求"), 1, {}),
    # a first step without a time, bounded by the dated ones after it; a step said to run 期间
    ("step-no-time", PLAN.replace("（2024年1月至3月）", ""), 0, {}),
    ("step-no-time", PLAN.replace("（2024年4月至11月）", ""), 1, {}),
    ("step-no-time", PLAN.replace("（2024年4月至11月）", "（活动期间）"), 0, {}),
    ("step-no-time", PLAN.replace("（2024年4月至11月）", "").replace("全面推进建设。", "准备阶段结束后全面推进建设。"), 0, {}),
    # a field and its value (项目：⏎ a project's name) is no task part
    ("task-no-owner", PLAN.replace("（一）建设服务站 [tasks]\n由街道办牵头，2024年6月底前建成10个服务站。", "社区服务站建设项目"), 0, {}),
    ("task-no-owner", PLAN.replace("（一）建设服务站 [tasks]\n由街道办牵头，2024年6月底前建成10个服务站。", "建设社区服务站，完善服务设施。"), 1, {}),
    # a multi-year plan dates its work in its targets, not in phases
    ("missing-section", NO_PHASES.replace("到2024年底，", "到2026年底，") + "\n从2024年开始试点，2025年全面推开。", 0, {}),
    ("missing-section", NO_PHASES + "\n从今年开始试点，明年全面推开。", 1, {}),
    # a one-day event: its holder runs every item of its programme, which has no phases to date
    ("task-no-owner", NO_OWNER, 0, _ONE_DAY),
    ("task-no-owner", NO_OWNER, 1, _SPAN),
    ("missing-section", PLAN.replace("三、实施步骤 [steps]", "三、其他安排").replace("[steps]", ""), 0, _ONE_DAY),
    ("missing-section", PLAN.replace("三、实施步骤 [steps]", "三、其他安排").replace("[steps]", ""), 1, _SPAN),
    # a general goal followed by its measurable targets is made measurable there
    ("vague-goal", PLAN.replace("到2024年底，社区服务站覆盖率达到95%。", "进一步提升社区服务水平，完善服务体系。\n具体指标：到2024年底，社区服务站覆盖率达到95%。"), 0, {}),
    ("vague-goal", PLAN.replace("到2024年底，社区服务站覆盖率达到95%。", "进一步提升社区服务水平，完善服务体系。"), 1, {}),
    # a phase judging the year just past falls after it on purpose (评优 of the 学年 stated)
    ("date-outside-period", JUDGING, 0, {"period": _YEAR, "schedule": (_after_the_year(JUDGING, "各社区初评并公示"),)}),
    ("date-outside-period", BUILDING, 1, {"period": _YEAR, "schedule": (_after_the_year(BUILDING, "各社区推进建设"),)}),
    # an older document's title cited is not this document's words
    ("era-formula", PLAN + "\n根据《关于“十二五”期间加强社区建设的意见》要求制定本方案。", 0, {}),
    ("era-formula", PLAN + "\n根据“十二五”期间加强社区建设的要求制定本方案。", 1, {}),
    # counts of one paragraph's stages are of different sets; the same whole told twice is a conflict
    ("quantity-conflict", PLAN + "\n全街道共有8个社区提出申请，经审核最后共有5个社区入选。", 0, {}),
    ("quantity-conflict", PLAN + "\n全街道共有8个社区提出申请。\n全街道共有5个社区。", 1, {}),
    # a table's cells and code repeat on purpose; a sentence pasted twice does not
    ("duplicate-passage", PLAN + '\n"type":"lift_type", #电梯类型 扶梯、升降梯，其它类型默认\n中间一句。\n"type":"lift_type", #电梯类型 扶梯、升降梯，其它类型默认', 0, {}),
    ("duplicate-passage", PLAN + "\n服务站\t各单位要把服务群众的实事办好，切实解决群众最关心的问题。\n中间一句。\n服务点\t各单位要把服务群众的实事办好，切实解决群众最关心的问题。", 0, {}),
    ("duplicate-passage", PLAN + "\n各单位要把服务群众的实事办好，切实解决群众最关心的问题。\n中间一句。\n各单位要把服务群众的实事办好，切实解决群众最关心的问题。", 1, {}),
    ("duplicate-passage", PLAN + "\n各单位怎样把服务群众的实事办好，切实解决群众最关心的问题？\n中间一句。\n各单位怎样把服务群众的实事办好，切实解决群众最关心的问题？", 0, {}),
    ("duplicate-passage", PLAN + "\n各单位要把服务群众的实事办好，切实解决群众最关心的问题。\n中间一句。\n本项措施采用上述第一条，具体为：\n各单位要把服务群众的实事办好，切实解决群众最关心的问题。", 0, {}),
]
# fmt: on


@pytest.mark.parametrize("case", CASES, ids=[f"{c[0]}-{i}" for i, c in enumerate(CASES)])
def test_rules_judge_only_where_their_facts_hold(case: tuple[str, str, int, dict[str, Any]]) -> None:
    rule, markup, count, fields = case
    found = _raised(run(markup, rule, profile="implementation_plan", **fields))
    assert len(found) == count, [f.message for f in found]


def test_an_empty_bare_item_is_still_shown_at_info() -> None:
    markup = PLAN.replace("全面推进建设。", "").replace("（二）实施阶段（2024年4月至11月） [steps]", "（二）界面与配色")
    found = run(markup, "empty-section", profile="implementation_plan")
    assert [f.severity for f in found] == ["info"]


def test_a_title_naming_a_form_makes_it_a_form() -> None:
    markup = NO_STEPS.replace("# 2024年社区服务提升实施方案", "# 2024年社区服务提升项目申报表")
    doc, normal = build_doc(markup)
    assert (
        _raised([f for f in check(doc, normal, profile="implementation_plan").findings if f.rule == "step-no-time"])
        == []
    )
    doc, normal = build_doc(NO_STEPS)
    assert (
        len(
            _raised([f for f in check(doc, normal, profile="implementation_plan").findings if f.rule == "step-no-time"])
        )
        == 1
    )


def test_a_regulation_sets_a_procedure_not_a_schedule() -> None:
    assert _raised(run(NO_STEPS, "step-no-time", profile="regulation")) == []
    assert len(_raised(run(NO_STEPS, "step-no-time", profile="notice"))) == 1


REPORT = """
# 2019年社区工作报告
一、2018年工作回顾 [sum_achievements]
我们隆重庆祝改革开放40周年，各项工作稳步推进。
二、2019年工作安排 [next_steps]
{line}
"""


def test_a_section_about_last_year_may_name_last_years_anniversary() -> None:
    assert _raised(run(REPORT.format(line="抓好各项工作落实。"), "anniversary", profile="work_summary")) == []
    moved = REPORT.replace("我们隆重庆祝改革开放40周年，", "").format(line="今年迎来改革开放40周年。")
    assert len(_raised(run(moved, "anniversary", profile="work_summary"))) == 1


# ------------------------------------------------------------------ heading-sequence through the pipeline

STRIDED = """社区志愿服务队管理办法
一、队员资格
队员有下列情形之一的，取消资格或变更级别：
{a} “见习队员”在见习期内未完成分配任务者，将
取消队员资格。
{b} 正式队员连续三次未完成分配任务者，取消队员资格。
{c} 严重影响服务队正常工作秩序者，取消队员资格。
{d} 自愿退出服务队并经队长同意者，办理退出手续。
{e} “见习队员”在见习期内圆满完成任务者，转为正式队员。
二、附则
本办法自印发之日起施行。
"""

NESTED = """社区服务提升会议纪要
一、如何组织好服务提升大会
1、时间：2024年9月中下旬
2、地点：社区活动中心
3、内容：{inline}社区服务提升启动仪式
2、社区服务经验交流会
4、会议规模：居民代表共200人左右
5、邀请嘉宾：街道办负责同志
二、会议经费
由街道办统筹解决。
"""


def _sequence(tmp_path: Path, text: str) -> list[Finding]:
    path = tmp_path / "doc.txt"
    path.write_text(text, encoding="utf-8")
    return [
        f
        for d in analyse(path).documents
        for f in d.findings
        if f.rule == "heading-sequence" and f.severity in ("error", "warn")
    ]


def test_a_strided_list_is_a_pattern_of_the_reading_not_gaps(tmp_path: Path) -> None:
    assert _sequence(tmp_path, STRIDED.format(a="①", b="③", c="⑤", d="⑦", e="⑨")) == []
    assert len(_sequence(tmp_path, STRIDED.format(a="①", b="②", c="③", d="⑤", e="⑥"))) == 1  # one real gap


def test_a_list_nested_inside_a_line_goes_on_without_a_fault(tmp_path: Path) -> None:
    assert _sequence(tmp_path, NESTED.format(inline="1、")) == []
    assert _sequence(tmp_path, NESTED.format(inline=""))  # without the nested 1、 the 2、 restarts the list


ACTIVITY = """
# 社区邻里文化节活动方案
一、活动背景 [background]
{opening}
二、活动内容 [tasks]
由社区居委会牵头，组织文艺演出、书画展览和亲子游戏。
三、活动时间 [logistics]
2024年6月1日至6月2日。
四、活动流程 [steps]
6月1日上午开幕，6月2日下午闭幕。
五、工作要求 [safeguards]
各网格员做好安全保障。
"""


def test_a_paragraph_opening_with_a_purpose_clause_states_the_purpose() -> None:
    def purpose_missing(opening: str) -> bool:
        found = run(ACTIVITY.format(opening=opening), "missing-section", profile="activity_plan")
        return any("活动目的" in f.message for f in found)

    assert not purpose_missing("为丰富社区居民文化生活，增进邻里交流，特举办本次活动。")
    assert purpose_missing("社区居民文化生活较为单一，邻里之间交流不多。")


def test_a_dated_notice_without_a_name_is_left_to_its_seal() -> None:
    dated = run(_NOTICE, "missing-signoff", doc_type="notice", date="2024-03-01")
    assert [f.severity for f in dated] == ["info"] and "印章" in dated[0].message
    assert [f.severity for f in run(_NOTICE, "missing-signoff", doc_type="notice")] == ["warn"]  # neither: a gap


QUESTIONNAIRE = """社区服务满意度调查工作方案
一、调查目的
了解居民对社区服务的评价，改进服务工作。
二、调查问卷
1. 您的年龄段
{a}
2. 您多久参加一次社区活动
{b}
3. 您最常使用哪项服务
{c}
3. 您对服务站的开放时间是否满意
{d}
5. 您希望增加哪些服务
{e}
三、结果运用
调查结果在居民会议上通报。
"""


def test_a_questionnaires_numbers_are_not_the_outline(tmp_path: Path) -> None:
    options = [
        "A. 30岁以下\nB. 30岁以上",
        "A. 每周\nB. 每月",
        "A. 文体活动\nB. 便民服务",
        "A. 满意\nB. 不满意",
        "A. 托育\nB. 助餐",
    ]
    answers = [
        "多数为30岁以上居民。",
        "多数居民每月参加一次。",
        "便民服务使用最多。",
        "多数居民表示满意。",
        "托育和助餐呼声最高。",
    ]
    assert _sequence(tmp_path, QUESTIONNAIRE.format(**dict(zip("abcde", options, strict=True)))) == []
    assert _sequence(
        tmp_path, QUESTIONNAIRE.format(**dict(zip("abcde", answers, strict=True)))
    )  # an outline: 3、3、5、


SUMMARY = """
# 技术部工作总结
一、工作回顾 [sum_achievements]
{lines}
二、下一步打算 [next_steps]
明年完成接口改造。
"""


def test_a_summary_that_lists_its_problems_has_written_them() -> None:
    def problems_missing(lines: str) -> bool:
        found = run(SUMMARY.format(lines=lines), "missing-section", profile="work_summary")
        return any("存在问题" in f.message for f in found)

    problems = "接口需求不清，导致状态没有回传。\n合同流程无法确定，漏加回传逻辑。\n外部系统传错值，导致流程发起错误。\n全年上线两个系统。"
    achievements = "接口需求按期完成，状态及时回传。\n合同流程顺利上线。\n外部系统对接完成。\n全年上线两个系统。"
    assert not problems_missing(problems)
    assert problems_missing(achievements)
