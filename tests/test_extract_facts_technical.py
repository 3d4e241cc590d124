"""Period and budget of technical plans (issue 16, stop 9): software development plans after the public outline of
GB 8567 / GB/T 8567 (项目开发计划: 完成项目的最迟期限, 进度, 预算; 软件开发计划: 进度表, 项目估算 / 成本估算), and
the cost estimates written there. Every text is project-written; each shape has a control."""

from __future__ import annotations

import pytest

from cxzy_nlp.extract.period import schedule_table
from cxzy_nlp.pipeline import analyse_text

COVER = "\n".join(
    [
        "某某选课系统软件开发计划",
        "版本变更历史",
        "版本\t提交日期\t主要编制人\t审核人\t版本说明",
        "V1.0\t2016.10.12\t张某\t李某\t初版",
        "V1.1\t2016.10.20\t张某\t李某\t修改进度",
        "1 引言",
        "1.1 标识",
        "本文档适用于某某选课系统。",
        "1.2 系统概述",
        "某某选课系统是一个面向学生的选课网站。",
        "2 项目概述",
        "2.1 工作内容",
        "完成需求分析、设计、编码和测试。",
        "",
    ]
)


def _budget(body: str) -> float | None:
    budget = analyse_text(COVER + body).documents[0].budget
    return budget.total if budget else None


# ------------------------------------------------------------------ cost estimates

# fmt: off
COSTS = [
    # (the 成本估算 part, the total in yuan)
    ("9 项目估算\n9.3 成本估算\n人力成本：4人×3个月×2000元=24000元。\n10 风险管理\n", 24000),   # the arithmetic's result
    ("9 项目估算\n9.3 成本估算\n人力成本：6人月×3000元/人月=18000元。\n设备租用：1000元。\n资料费：500元。\n"
     "10 风险管理\n", 19500),                                                     # a result among items, no total
    ("9 项目估算\n9.3 成本估算\n人力成本：每人月3000元。\n设备租用：1000元。\n资料费：500元。\n10 风险管理\n",
     None),                                                                        # control: a rate is not summed
    ("9 项目估算\n9.3 成本估算\n本项目总成本约为2.4万元，其中人力成本2万元，设备费0.4万元。\n10 风险管理\n",
     24000),                                                                       # 总成本 is the total, not an item
    ("9 项目估算\n9.3 成本估算\n开发人员按每人月5000元计算，共需12人月。\n10 风险管理\n", None),  # a rate before 共需
    ("9 项目估算\n9.3 成本估算\n本项目预算共需5000元。\n10 风险管理\n", 5000),              # control: after the cue
    ("9 项目估算\n9.3 成本估算\n人员\t工作量（人月）\t单价（元/人月）\t金额（元）\n项目经理\t1\t8000\t8000\n"
     "开发人员\t3\t6000\t18000\n合计\t4\t\t26000\n10 风险管理\n", 26000),                # a 人月 × rate table
    ("9 项目估算\n9.3 成本估算\n本项目为课程项目，无人力成本，服务器使用实验室资源。\n10 风险管理\n", None),
]
# fmt: on


@pytest.mark.parametrize(("body", "total"), COSTS)
def test_the_total_of_a_cost_estimate(body: str, total: float | None) -> None:
    assert _budget(body) == total


# ------------------------------------------------------------------ the period of a technical plan

DEADLINE = "2.2 完成项目的最迟期限\n本项目最迟于2016年12月25日完成交付。\n"
APPROVED = "2.3 本计划的批准者和批准日期\n批准者：王老师　批准日期：2016年10月15日\n"
STARTS_AND_ENDS = "\n".join(
    [
        "3 实施计划",
        "3.1 进度",
        "阶段\t开始时间\t结束时间\t负责人",
        "需求分析\t2016.10.15\t2016.10.31\t张某",
        "概要设计\t2016.11.1\t2016.11.20\t李某",
        "编码实现\t2016.11.21\t2016.12.10\t王某",
        "系统测试\t2016.12.11\t2016.12.25\t赵某",
        "",
    ]
)
DUE_ONLY = "\n".join(
    [
        "3 实施计划",
        "3.1 进度",
        "交付物\t预计完成时间",
        "需求规格说明书\t2016.10.31",
        "设计说明书\t2016.11.20",
        "测试报告\t2016.12.25",
        "",
    ]
)
SIGNED = "\n某某大学某某小组\n2016年10月20日\n"


def _period(body: str) -> tuple[str | None, str | None] | None:
    period = analyse_text(COVER + body).documents[0].period
    return (period.start, period.end) if period else None


# fmt: off
PERIODS = [
    # (the parts after the cover and its version table, the period)
    (DEADLINE + APPROVED, (None, "2016-12-25")),                    # a final deadline, no start set: none invented
    (DEADLINE + DUE_ONLY, (None, "2016-12-25")),                    # the due dates of deliverables are no starts
    (DEADLINE + STARTS_AND_ENDS, ("2016-10-15", "2016-12-25")),     # control: the schedule sets the start
    (STARTS_AND_ENDS, ("2016-10-15", "2016-12-25")),                # control: the version table's dates are no period
    (STARTS_AND_ENDS + SIGNED, ("2016-10-15", "2016-12-25")),       # a plan signed after its first stage began
    ("2.4 进度\n本项目计划于2016年10月中旬开始，2016年12月底结束。\n", ("2016-10-11", "2016-12-31")),
    ("2.4 进度\n报名于2016年10月中旬开始，2016年12月底结束。\n", None),  # control: not the work as a whole
]
# fmt: on


@pytest.mark.parametrize(("body", "period"), PERIODS)
def test_the_period_of_a_technical_plan(body: str, period: tuple[str | None, str | None] | None) -> None:
    assert _period(body) == period


# ------------------------------------------------------------------ words that name the time of the whole work

# fmt: off
CUES = [
    ("执行期：", ("2019-01-01", "2021-12-31")),
    ("建设期为", ("2019-01-01", "2021-12-31")),
    ("起止年限：", ("2019-01-01", "2021-12-31")),
    ("项目期间：", ("2019-01-01", "2021-12-31")),
    ("研究期限：", ("2019-01-01", "2021-12-31")),     # control: a cue known before
    ("有效期：", None),                               # control: a paper's validity is no period of work
    ("“十四五”规划期间：", None),                      # control: a cited plan's years
]
# fmt: on


@pytest.mark.parametrize(("cue", "period"), CUES)
def test_words_that_name_the_time_of_the_work(cue: str, period: tuple[str, str] | None) -> None:
    text = f"某某建设项目方案\n一、项目概况\n本项目由某某单位承担。{cue}2019年1月至2021年12月。\n二、建设内容\n建设平台。\n"
    found = analyse_text(text).documents[0].period
    assert (found and (found.start, found.end)) == period


# ------------------------------------------------------------------ a schedule table's start and end columns

# fmt: off
TABLES = [
    ("阶段\t开始时间\t结束时间\n需求分析\t10.15\t10.31\n概要设计\t11.1\t11.20\n系统测试\t12.11\t12.25\n",
     ("2016-10-15", "2016-12-25")),                                   # month and day alone, in the document's year
    ("阶段\t开始时间\t结束时间\n需求分析\t10/15\t10/31\n系统测试\t12/11\t1/5\n", ("2016-10-15", "2017-01-05")),
    ("阶段\t开始日期\t完成日期\n需求分析\t2016年10月15日\t2016年10月31日\n系统测试\t2016年12月11日\t2016年12月25日\n",
     ("2016-10-15", "2016-12-25")),                                   # control: full dates
    ("阶段\t时间\n需求分析\t10.15\n系统测试\t12.25\n", None),           # control: no start and end columns
    ("版本\t日期\t修改人\nV1.0\t10.12\t张某\nV1.1\t10.20\t李某\n", None),   # control: a version history
]
# fmt: on


@pytest.mark.parametrize(("table", "period"), TABLES)
def test_the_span_of_a_schedule_table(table: str, period: tuple[str, str] | None) -> None:
    found = schedule_table(table, (0, len(table)), 2016)
    assert (found and (found.start, found.end)) == period


def test_a_technical_plan_runs_over_its_schedule_table_of_days_without_year() -> None:
    body = "3 实施计划\n3.1 进度\n" + TABLES[0][0]
    assert _period(body) == ("2016-10-15", "2016-12-25")
