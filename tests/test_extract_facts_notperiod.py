"""What is no period (issue 16, stop 9; README of tests/golden/real, "Period and budget"): the date of the meeting a
record reports, the dates a summary tells about work done, a range that recurs every year. Project-written texts,
each with a control that keeps the period."""

from __future__ import annotations

import pytest

from cxzy_nlp.pipeline import analyse_text

MINUTES = "\n".join(
    [
        "某某学院教学工作会议纪要",
        "会议时间：2019年4月17日",
        "会议地点：行政楼三楼会议室",
        "参会人员：张某、李某、王某",
        "会议内容：",
        "一、通报本学期教学检查情况。",
        "二、部署期末考试工作，各系于2019年6月20日前报送试卷。",
        "记录人：赵某",
        "",
    ]
)
SUMMARY = "\n".join(
    [
        "某某系统开发总结",
        "一、项目概况",
        "本项目于2019年4月22日启动，6月26日完成验收。",
        "二、开发过程",
        "阶段\t开始时间\t结束时间\t负责人",
        "需求分析\t2019.4.22\t2019.5.10\t张某",
        "编码实现\t2019.5.11\t2019.6.10\t李某",
        "系统测试\t2019.6.11\t2019.6.26\t王某",
        "三、经验与不足",
        "团队协作有待加强。",
        "",
    ]
)
ACCOUNTS = "\n".join(
    [
        "某某公司审计报告",
        "一、公司基本情况",
        "某某公司成立于2005年。",
        "二、会计政策",
        "1. 会计期间",
        "本公司会计期间采用公历年度，即每年自1月1日起至12月31日止。",
        "2. 记账本位币",
        "人民币。",
        "",
    ]
)
REPORT = "\n".join(
    [
        "关于某某工作会议情况的报告",
        "市人民政府：",
        "我局于2019年3月5日至8日召开全市某某工作会议，现将有关情况报告如下。",
        "一、会议主要内容",
        "会议总结了去年工作，分析了当前形势。",
        "二、下一步打算",
        "加强督促检查，确保各项工作落实。",
        "某某市某某局",
        "2019年3月20日",
        "",
    ]
)
PLAN = "某某读书活动方案\n一、活动时间\n2019年5月1日至5月31日\n二、活动内容\n开展读书活动。\n"

# fmt: off
CASES = [
    # (text, the kind the segmenter gives it, the period)
    (MINUTES, "minutes", None),                                              # the meeting's date is the record's
    (MINUTES.replace("会议纪要", "会议方案"), None, ("2019-04-17", "2019-04-17")),  # control: a plan for the meeting
    (SUMMARY, "work_summary", None),                                         # the dates of work done
    (SUMMARY.replace("某某系统开发总结", "某某系统2019年度开发总结"), "work_summary",
     ("2019-01-01", "2019-12-31")),                                          # control: the year its title covers
    (SUMMARY.replace("开发总结", "开发计划").replace("三、经验与不足\n团队协作有待加强。\n", ""), None,
     ("2019-04-22", "2019-06-26")),                                          # control: the same dates in a plan
    (REPORT, "report", None),                                                # a meeting the report tells of
    (REPORT.replace("情况的报告", "的实施方案").replace("现将有关情况报告如下", "现制定本方案"), None,
     ("2019-03-05", "2019-03-08")),                                          # control: the plan's opening
    (ACCOUNTS, None, None),                                                  # an accounting year recurs
    (PLAN, None, ("2019-05-01", "2019-05-31")),                              # control: a range of its own
    (PLAN.replace("2019年5月1日至5月31日", "每年5月1日至5月31日"), None, None),
]
# fmt: on


@pytest.mark.parametrize(("text", "kind", "period"), CASES)
def test_what_is_no_period(text: str, kind: str | None, period: tuple[str, str] | None) -> None:
    doc = analyse_text(text).documents[0]
    if kind:
        assert doc.doc_type == kind
    assert (doc.period and (doc.period.start, doc.period.end)) == period


# ------------------------------------------------------------------ money a summary tells is no budget

SPENT = "某某项目研究总结报告\n一、研究进展\n完成了平台搭建。\n二、经费使用\n本项目原申请经费8000元，实际使用6500元。\n"


def test_the_money_a_summary_tells_is_no_budget() -> None:
    doc = analyse_text(SPENT).documents[0]
    assert doc.doc_type == "work_summary"
    assert doc.budget is None
    plan = SPENT.replace("研究总结报告", "研究计划书").replace("经费使用", "经费预算")
    budget = analyse_text(plan.replace("原申请经费8000元，实际使用6500元", "申请经费8000元")).documents[0].budget
    assert budget is not None and budget.total == 8000  # control: a plan's 经费 part


# ------------------------------------------------------------------ a company's accounts state terms, not a period

BOND = "本次发行的债券期限为自2016年1月5日起，至2022年1月4日止。"
ANNUAL = "\n".join(
    [
        "某某股份有限公司2016年年度报告",
        "一、主要会计数据",
        "项目\t本期金额\t上期金额",
        "营业收入\t1,200.00\t1,100.00",
        "营业成本\t800.00\t700.00",
        "净利润\t300.00\t280.00",
        "二、财务报表附注",
        "货币资金期末余额较期初余额增加，应收账款略有下降。",
        "三、应付债券",
        BOND,
        "",
    ]
)


def test_a_term_stated_in_a_companys_accounts_is_no_period() -> None:
    doc = analyse_text(ANNUAL).documents[0]
    assert doc.period is not None and (doc.period.start, doc.period.end) == ("2016-01-01", "2016-12-31")  # title
    plan = (
        "某某设备更新项目方案\n一、项目概况\n"
        + BOND.replace("本次发行的债券", "本项目")
        + "\n二、主要内容\n更新设备。\n"
    )
    found = analyse_text(plan).documents[0].period
    assert found is not None and (found.start, found.end) == ("2016-01-05", "2022-01-04")  # control: a plan's term
