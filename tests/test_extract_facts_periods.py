"""Period, budget and owner shapes of issue 16 (stop 7), each on project-written text with a control: the titles of
papers listed under 附件 are names, not times of the plan; a summary's title gives the time it looks back on; a
company's accounts are no plan's budget; long lists of units that carry the work."""

from __future__ import annotations

import pytest

from cxzy_nlp.extract.dates import field_period, find_dates
from cxzy_nlp.extract.money import budget_from, form_total, table_total
from cxzy_nlp.extract.owners import find_owners
from cxzy_nlp.extract.schedule import title_period
from cxzy_nlp.goldeval import _period_ok
from cxzy_nlp.model import Period
from cxzy_nlp.pipeline import analyse_text

# ------------------------------------------------------------------ dates in the titles of attached papers

ATTACHED = "\n".join(
    [
        "各单位于2024年10月15日前报送材料。",
        "附件 1.",
        "某某平台建设指引（2024版）",
        "2.",
        "2024年重点平台推荐汇总表",
        "某某部办公厅",
        "2024年9月10日",
    ]
)

# fmt: off
LISTED = [
    # (text, dates that must be read as times of the text)
    (ATTACHED, ["2024年10月15日前", "2024年9月10日"]),                     # the 成文日期 after the list stays
    ("附件：2023年度项目申报书", []),                                        # on the 附件 line itself
    ("附件：1.2023年度项目申报书\n2.2023年度项目汇总表", []),
    ("附件：项目申报书\n一、活动时间\n2023年5月1日至6月1日举行比赛", ["2023年5月1日至6月1日"]),  # control: a heading
    ("附件：项目申报书\n2023年5月1日至6月1日，各队报名。", ["2023年5月1日至6月1日"]),  # control: a sentence
    ("2024年重点平台推荐汇总表", ["2024年"]),                                 # control: no 附件 above
]
# fmt: on


@pytest.mark.parametrize(("text", "own"), LISTED)
def test_a_date_in_the_title_of_an_attached_paper_is_part_of_the_name(text: str, own: list[str]) -> None:
    assert [e.text for e in find_dates(text, None, 2024)] == own
    assert len(find_dates(text, None, 2024, names=True)) >= len(own)  # the checks still see every date


NOTICE = "\n".join(
    [
        "某某部办公厅关于加快建设某某平台的通知",
        "各有关单位：",
        "为推动某某平台建设，现将有关事项通知如下。",
        "一、建设目标",
        "计划到2027年，培育建设一批某某平台。",
        "二、工作安排",
        "（一）各地主管部门于2024年10月15日前报送推荐名录。",
        "（二）某某部组织评估，择优认定。",
        "附件 1.",
        "某某平台建设指引（2024版）",
        "2.",
        "2024年重点平台推荐汇总表",
        "某某部办公厅",
        "2024年9月10日",
    ]
)


def test_a_notice_runs_to_the_target_year_it_sets_not_to_the_year_of_an_attached_form() -> None:
    doc = analyse_text(NOTICE).documents[0]
    assert doc.period is not None and doc.period.end == "2027-12-31"


# ------------------------------------------------------------------ the time a title names

# fmt: off
TITLES = [
    ("2022下半年工作内容总结", ("2022-07-01", "2022-12-31")),        # 年 left out before the half
    ("2021年度工作总结", ("2021-01-01", "2021-12-31")),               # a summary: the year summarised
    ("2019年上半年工作计划", ("2019-01-01", "2019-06-30")),
    ("某某公司2020第一季度报告", ("2020-01-01", "2020-03-31")),
    ("关于开展 2023 年某某质量提升与品牌建设工作的通知", ("2023-01-01", "2023-12-31")),
    ("某某区2024年教育工作意见", ("2024-01-01", "2024-12-31")),       # a year's 工作意见 or 工作安排
    ("关于2024年某某工作的意见", None),                                # control: an opinion on a matter
    ("关于开展2022年某某示范项目申报工作的通知", None),              # control: a campaign within the year
    ("2022年某某大赛参赛指南", None),                                   # control: no plan or summary word
]
# fmt: on


@pytest.mark.parametrize(("title", "period"), TITLES)
def test_the_time_a_title_names(title: str, period: tuple[str, str] | None) -> None:
    found = title_period(title, (0, len(title)), None)
    assert (found and (found.start, found.end)) == period


def test_a_year_without_its_character_is_read_only_before_a_half_or_a_quarter() -> None:
    assert [e.text for e in find_dates("共2022人参加，2022年3月举行。", None, 2022)] == ["2022年3月"]


# ------------------------------------------------------------------ a company's accounts are no budget

STATEMENT = "\n".join(
    [
        "合并资产负债表",
        "项目\t期末余额\t期初余额",
        "货币资金\t1,200.00\t1,100.00",
        "应收账款\t300.00\t250.00",
        "合计\t1,500.00\t1,350.00",
    ]
)
BUDGET_TABLE = "\n".join(["经费预算", "项目\t金额（元）", "交通费\t800", "住宿费\t1200", "合计\t2000"])


def test_a_financial_statement_is_no_budget_table() -> None:
    assert table_total(STATEMENT, (0, len(STATEMENT))) is None
    assert budget_from(STATEMENT, (0, len(STATEMENT)), []) is None
    budget = table_total(BUDGET_TABLE, (0, len(BUDGET_TABLE)))  # control: a plan's budget table
    assert budget is not None and budget.total == 2000


# ------------------------------------------------------------------ owners: long lists, regions in brackets

# fmt: off
OWNERS = [
    ("督查重点由所涉及的省政府办公厅、住房城乡建设厅、省发展改革委、环境保护厅、民政厅、文化厅、商务厅等省级主管部门"
     "（单位）牵头完成自查。", ["省政府办公厅", "住房城乡建设厅", "民政厅", "商务厅"], ["省级主管部门（单位）"]),
    ("由教育局、财政局、人社局负责。", ["教育局", "财政局", "人社局"], []),         # control: a short list
    ("各省（区、市）人民政府要建立统一的清单。", ["各省（区、市）人民政府"], ["各省"]),
    ("各县（市、区）教育局负责组织。", ["各县（市、区）教育局"], []),
    ("由学校统一安排。", ["学校"], []),                                   # control: one unit
    ("由学生会主席团统筹安排。", ["学生会主席团"], ["学生会主席团统筹"]),
    ("牵头领导：张某某\n责任单位：办公室", ["张某某", "办公室"], []),
    ("由于时间紧、任务重、要求高，各单位要抓紧。", [], ["于时间紧"]),      # control: 由于 is no 由
]
# fmt: on


@pytest.mark.parametrize(("text", "must", "must_not"), OWNERS)
def test_owner_lists_and_regions(text: str, must: list[str], must_not: list[str]) -> None:
    names = [o.name for o in find_owners(text, (0, len(text)))]
    assert set(must) <= set(names), names
    assert not set(must_not) & set(names), names


# ------------------------------------------------------------------ the scorer: an open start agrees with an open start


class _Doc:
    def __init__(self, period: Period | None) -> None:
        self.period = period


def test_a_gold_period_with_no_start_agrees_with_a_period_with_no_start() -> None:
    gold = {"start": None, "end": "2016-12-20"}
    assert _period_ok(gold, _Doc(Period(None, "2016-12-20")))  # type: ignore[arg-type]
    assert not _period_ok(gold, _Doc(Period("2016-06-02", "2016-12-20")))  # type: ignore[arg-type]
    assert not _period_ok({"start": None, "end": None}, _Doc(Period(None, None)))  # type: ignore[arg-type]


# ------------------------------------------------------------------ a form's field for the money asked

# fmt: off
FORM_FIELDS = [
    ("资助金额（万元）\t1.5", 15000),
    ("申请金额：5000元", 5000),
    ("申请金额（元）\t5000", 5000),
    ("经费预算：共计2000元", 2000),
    ("预算总额：1.2万元", 12000),
    ("项目总经费\t2.5万元", 25000),
    ("申请资助经费\t8000", 8000),                # a bare figure in the cell of the money asked: yuan
    ("项目经费预算\t8000", 8000),
    ("报名费\t50元", None),                        # control: a fee is no budget
    ("奖金金额\t500元", None),                     # control: a prize is no budget
    ("申请经费\t2", None),                         # control: a bare small figure says nothing
]
# fmt: on


@pytest.mark.parametrize(("text", "total"), FORM_FIELDS)
def test_the_money_a_form_asks_for(text: str, total: float | None) -> None:
    found = form_total(text, (0, len(text)))
    assert (found.total if found else None) == total


# ------------------------------------------------------------------ the year of a 落款 written with dots

SPEECH = "\n".join(
    [
        "在某某动员大会上的讲话",
        "同志们：",
        "今天我们召开动员大会，部署下一阶段工作。",
        "一、回顾前段工作",
        "对照《某某发展规划（2008年8月—2011年8月）》，各项工作稳步推进。",
        "二、部署下段工作",
        "各支部要于6月20日前完成分析检查报告。",
        "谢谢！",
        "",
        "黄某某",
        "2009.6.3",
    ]
)


def test_the_year_of_a_speech_is_the_year_of_its_dotted_signature_date() -> None:
    doc = analyse_text(SPEECH).documents[0]
    assert doc.year == 2009, doc.year_reason  # not 2008 of the cited plan's title


# ------------------------------------------------------------------ 6.2-6.6: parts of the document, not days

# fmt: off
SECTION_RANGES = [
    ("成员分工：需求分析（6.2-6.6）\n6.2 软件需求\n……\n6.6 测试要求\n", []),
    ("比赛时间（6.2-6.6）\n6.2 报名\n", ["6.2-6.6"]),        # control: only one end opens a heading
    ("比赛时间：6.2-6.6\n", ["6.2-6.6"]),                    # control: no headings so numbered
]
# fmt: on


@pytest.mark.parametrize(("text", "own"), SECTION_RANGES)
def test_a_range_of_the_documents_own_part_numbers_is_no_range_of_days(text: str, own: list[str]) -> None:
    assert [e.text for e in find_dates(text, None, 2016)] == own


def test_an_untitled_summary_takes_its_period_from_its_first_line() -> None:
    text = "2022下半年工作内容总结:\n1、完成某某模块开发上线\n2、完成脚本更新\n近期计划:\n1、优化构建流程\n"
    doc = analyse_text(text).documents[0]
    assert doc.period is not None and (doc.period.start, doc.period.end) == ("2022-07-01", "2022-12-31")
    plain = analyse_text(text.replace("2022下半年", "")).documents[0]
    assert plain.period is None  # control: no time in the first line, none invented


# ------------------------------------------------------------------ a form's 开始时间 and 结束时间 fields

# fmt: off
FIELDS = [
    ("开始时间\t2019年5月\t结束时间\t2020年4月\n", ("2019-05-01", "2020-04-30")),
    ("起始日期\t2019-05-01\n截止日期\t2020-04-30\n", ("2019-05-01", "2020-04-30")),     # on two rows
    ("项目开始时间：2019年5月1日\n项目结束时间：2020年4月30日\n", ("2019-05-01", "2020-04-30")),
    ("报名开始时间：5月1日\t报名截止时间：5月10日\n", None),      # control: the time of another event
    ("开始时间：2019年6月24日\t结束时间：2019年6月24日\n", None),  # control: one day is no span
    ("开始时间\t2019年5月\t学号\t2018001\n", None),                 # control: no end field
]
# fmt: on


@pytest.mark.parametrize(("text", "period"), FIELDS)
def test_a_forms_start_and_end_fields_give_its_period(text: str, period: tuple[str, str] | None) -> None:
    found = field_period(text, (0, len(text)), 2019)
    assert (found and (found.start, found.end)) == period


# ------------------------------------------------------------------ a budget list that prints no total

NO_TOTAL = "某某活动策划书\n一、活动主题\n读书\n二、经费预算\n1.宣传海报：200元\n2.奖品：500元\n3.饮用水：100元\n三、注意事项\n注意安全。\n"


def test_a_budget_list_without_a_total_adds_up_to_it() -> None:
    budget = analyse_text(NO_TOTAL).documents[0].budget
    assert budget is not None and budget.total == 800
    rates = analyse_text(NO_TOTAL.replace("2.奖品：500元", "2.餐费：每人50元")).documents[0].budget
    assert rates is not None and rates.total is None  # control: a rate is not summed into a total
