"""Table-driven tests for each expression form the extraction stage reads."""

from __future__ import annotations

import pytest

from cxzy_nlp.extract import find_amounts, find_dates, find_leaders, find_references
from cxzy_nlp.extract.goals import make_goal
from cxzy_nlp.extract.names import name_of

# fmt: off
DATES = [
    # text, year, (start, end), valid
    ("2024年1月1日至12月31日", None, ("2024-01-01", "2024-12-31"), True),
    ("从2022年9月1日开始，为期3个月", None, ("2022-09-01", "2022-11-30"), True),
    ("6月底前完成", 2023, (None, "2023-06-30"), True),
    ("上半年", 2024, ("2024-01-01", "2024-06-30"), True),
    ("下半年", 2024, ("2024-07-01", "2024-12-31"), True),
    ("第三季度", 2024, ("2024-07-01", "2024-09-30"), True),
    ("“七一”前夕", 2011, (None, "2011-07-01"), True),
    ("二〇一〇年五月", None, ("2010-05-01", "2010-05-31"), True),
    ("2022年7月-2022年8月", None, ("2022-07-01", "2022-08-31"), True),
    ("9月31日", 2024, (None, None), False),
    ("2023年2月29日", None, (None, None), False),
    ("3月1日至15日", 2024, ("2024-03-01", "2024-03-15"), True),
    ("2024年底前", None, (None, "2024-12-31"), True),
    ("2017.7.10", None, ("2017-07-10", "2017-07-10"), True),
    ("十二月三十一日", 2020, ("2020-12-31", "2020-12-31"), True),
    ("2021年6月1日至2021年12月31日", None, ("2021-06-01", "2021-12-31"), True),
    ("推荐截止时间：8月6日", 2023, (None, "2023-08-06"), True),
    ("3—5月份开展", 2024, ("2024-03-01", "2024-05-31"), True),
    ("9-12月", 2021, ("2021-09-01", "2021-12-31"), True),
    ("2023年3-5月", 2021, ("2023-03-01", "2023-05-31"), True),
    ("即日起至2017年11月15日", None, (None, "2017-11-15"), True),
    ("2016/10/01-2016/10/10", None, ("2016-10-01", "2016-10-10"), True),
    ("2016/11/31", None, (None, None), False),
    ("国庆节前", 2019, (None, "2019-10-01"), True),
    ("2017年 12月 18日", None, ("2017-12-18", "2017-12-18"), True),
    ("6.11—6.14", 2019, ("2019-06-11", "2019-06-14"), True),
    ("6.11-14开展", 2019, ("2019-06-11", "2019-06-14"), True),
    ("2016/10/01", None, ("2016-10-01", "2016-10-01"), True),
    ("16.10.1-16.10.5", None, ("2016-10-01", "2016-10-05"), True),
    ("2019.07.16—07.22", None, ("2019-07-16", "2019-07-22"), True),
    ("12.28-1.3", 2019, ("2019-12-28", "2020-01-03"), True),
    ("6.31-7.2", 2019, (None, None), False),
    ("6月3日（星期五）至6月5日（周日）", 2016, ("2016-06-03", "2016-06-05"), True),
    ("2016年11月24日 星期四", None, ("2016-11-24", "2016-11-24"), True),
    ("2023年12月1日至2024年1月5日", None, ("2023-12-01", "2024-01-05"), True),
    ("2023年12月至次年2月", None, ("2023-12-01", "2024-02-29"), True),
    ("12月20日至1月5日", 2016, ("2016-12-20", "2017-01-05"), True),
    ("2017年12月30日-1月2日", None, ("2017-12-30", "2018-01-02"), True),
    ("2018.12—2020.02", None, ("2018-12-01", "2020-02-29"), True),
    ("（2025—2027年）", None, ("2025-01-01", "2027-12-31"), True),
    ("时间：6.11—6.14", 2019, ("2019-06-11", "2019-06-14"), True),
    ("2017年11月1日起至11月30日", None, ("2017-11-01", "2017-11-30"), True),
    ("自2024年5月起至2024年12月", None, ("2024-05-01", "2024-12-31"), True),
    ("3月1日开始至4月15日", 2022, ("2022-03-01", "2022-04-15"), True),
    ("5月1日起", 2022, ("2022-05-01", None), True),
    ("2024年春季学期", None, ("2024-02-01", "2024-07-31"), True),
    ("2023年秋季学期开展", None, ("2023-09-01", "2024-01-31"), True),
    ("2019年暑期社会实践", None, ("2019-07-01", "2019-08-31"), True),
    ("2023-2024学年工作计划", None, ("2023-09-01", "2024-07-31"), True),
    ("本次活动从2024年5月1日开始，到5月31日结束", None, ("2024-05-01", "2024-05-31"), True),
    ("自2024年5月1日起，至5月31日止", None, ("2024-05-01", "2024-05-31"), True),
    ("2024年5月1日8:00—5月3日17:00", None, ("2024-05-01", "2024-05-03"), True),
    ("2024年5月1日上午—5月3日下午", None, ("2024-05-01", "2024-05-03"), True),
    ("5月1日8:30-9:30", 2024, ("2024-05-01", "2024-05-01"), True),  # a span of hours inside one day
    ("2020年寒假期间", None, ("2020-01-01", "2020-02-29"), True),
    ("2024年5月1日（初赛）至5月30日（决赛）", None, ("2024-05-01", "2024-05-30"), True),
]
NOT_DATES = [
    "为期3个月", "建党89、90周年", "共7个月", "七个一活动", "每月总结一次", "1.5-2.5万元", "见第3.1-3.5条",
    "增长6.5%", "版本2.1",
]
MONEY = [
    ("总计100万人民币", 1_000_000), ("30万元", 300_000), ("1.5亿元", 150_000_000), ("￥2,000", 2000),
    ("2000元", 2000), ("五万元", 50_000), ("¥3.5万", 35_000),
    ("壹万贰仟元整", 12_000), ("一万五千元", 15_000), ("1万5千元", 15_000), ("约2万余元", 20_000),
    ("RMB 3000", 3000), ("三点五万元", 35_000),
]
NOT_MONEY = ["100万人次", "30个单位", "1.5亿人口", "单位：万元"]
LEADERS = [
    ("成立领导小组。政协副主席张启贵为组长。", [("组长", "张启贵", "政协副主席")]),
    ("成立工作领导小组。组长：张三（局长）", [("组长", "张三", "局长")]),
    ("成立领导小组，由局长任组长，分管副局长任副组长", [("组长", None, "局长"), ("副组长", None, "分管副局长")]),
    ("成立活动领导小组，赵超、齐玉侠为小组成员", [("成员", "赵超", None), ("成员", "齐玉侠", None)]),
    ("领导小组下设办公室，办公室设在机关党支部，负责日常工作", [("办公室", None, "机关党支部")]),
    ("成立筹备组。组长：欧阳明（县文化、旅游局局长），副组长：萧伟（队长）、潘华（办公室主任）",
     [("组长", "欧阳明", "县文化、旅游局局长"), ("副组长", "萧伟", "队长"), ("副组长", "潘华", "办公室主任")]),
    ("成立工作小组，组长由分管副秘书长担任，成员由教育部、民政部等部门负责同志组成",
     [("组长", None, "分管副秘书长"), ("成员", None, "教育部、民政部等部门负责同志")]),
]
NOT_LEADERS = ["组长和成员要团结协作", "小组讨论后推选组长"]
REFERENCES = [
    ("根据《关于开展创建活动的实施意见》（福发〔2021〕9号）精神", "《关于开展创建活动的实施意见》", "福发〔2021〕9号"),
    ("按照《某方案》(京政办发[2021]3号)", "《某方案》", "京政办发[2021]3号"),
    ("依据《某某管理办法》（某发（2020）12号）", "《某某管理办法》", "某发（2020）12号"),
    ("见国发【2019】4号文件", None, "国发【2019】4号"),
]
NAMES = [
    ("“党性教育”活动。", "党性教育"), ("党员“五比五看齐”活动。", "五比五看齐"), ("创新竞赛设立创新竞赛，鼓励员工", "创新竞赛"),
    ("技能培训针对不同岗位，开展培训", "技能培训"), ("工作实践：员工根据自己的工作", "工作实践"),
    ("组织党员干部开展理论研讨活动，提高水平", "组织党员干部开展理论研讨活动"), ("定期与不定期相结合：定期举办", "定期与不定期相结合"),
    ("选手参赛均以集中形式开展，差旅费自理", "选手参赛均以集中形式开展"),
    (".调研前：准备问卷", "调研前"),
    ("启动会集中部署“创先争优”活动，宣传方案", "启动会"), ("推行“先学一技”政策，鼓励学习", "推行“先学一技”政策"),
]
# fmt: on


@pytest.mark.parametrize(("text", "year", "expected", "valid"), DATES)
def test_date_forms(text: str, year: int | None, expected: tuple[str | None, str | None], valid: bool) -> None:
    found = find_dates(text, year=year)
    assert found, text
    first = found[0]
    assert (first.start, first.end) == expected
    assert first.valid is valid
    if not valid:
        assert first.note and "没有" in first.note


def test_festival_takes_the_year_of_an_anniversary_in_its_sentence() -> None:
    (expr,) = find_dates("将在“七一”前夕举行大会，隆重纪念建党90周年。", year=2010)
    assert (expr.end, expr.note) == ("2011-07-01", "据同句“建党90周年”推算为2011年")


def test_invalid_date_says_why() -> None:
    (expr,) = find_dates("活动于9月31日结束", year=2024)
    assert expr.text == "9月31日" and expr.note == "9月没有31日"


@pytest.mark.parametrize("text", NOT_DATES)
def test_not_dates(text: str) -> None:
    assert find_dates(text, year=2024) == []


@pytest.mark.parametrize(("text", "yuan"), MONEY)
def test_money_forms(text: str, yuan: float) -> None:
    (amount,) = find_amounts(text)
    assert amount.yuan == yuan
    assert text[amount.span[0] : amount.span[1]] == amount.text


@pytest.mark.parametrize("text", NOT_MONEY)
def test_not_money(text: str) -> None:
    assert find_amounts(text) == []


@pytest.mark.parametrize(("text", "expected"), LEADERS)
def test_leader_forms(text: str, expected: list[tuple[str, str | None, str | None]]) -> None:
    found = find_leaders(text, (0, len(text)))
    assert [(x.role, x.name, x.title) for x in found] == expected


@pytest.mark.parametrize("text", NOT_LEADERS)
def test_roles_without_a_group_are_not_leaders(text: str) -> None:
    assert find_leaders(text, (0, len(text))) == []


@pytest.mark.parametrize(("text", "title", "number"), REFERENCES)
def test_reference_forms(text: str, title: str | None, number: str) -> None:
    (ref,) = find_references(text, (0, len(text)))
    assert (ref.title, ref.doc_number) == (title, number)
    assert number in text[ref.span[0] : ref.span[1]]


def test_own_title_in_covering_notice_is_not_a_reference() -> None:
    text = "现将《某区读书月活动方案》印发给你们。"
    assert find_references(text, (0, len(text)), own_title="某区读书月活动方案") == []


def test_a_periodical_is_not_a_reference() -> None:
    text = "充分利用《政协简讯》等宣传媒介"
    assert find_references(text, (0, len(text))) == []


INDICATORS = [
    ("全年培训200人次，覆盖率达到95%", ("200人次", "95%")),
    ("每季度召开两次推进会", ("两次",)),
    ("覆盖率达百分之九十", ("百分之九十",)),
    ("建成三十所示范校", ("三十所",)),
    ("争创“五个好”，践行“三个代表”", ()),
    ("培养一支高素质队伍", ()),
    ("开展“七个一”活动", ()),
]


@pytest.mark.parametrize(("words", "indicators"), INDICATORS)
def test_goal_indicators(words: str, indicators: tuple[str, ...]) -> None:
    goal = make_goal(words, (0, len(words)), None, 2024)
    assert goal.indicators == indicators
    assert goal.measurable is bool(indicators)


@pytest.mark.parametrize(("words", "name"), NAMES)
def test_activity_names(words: str, name: str) -> None:
    assert name_of(words) == name
