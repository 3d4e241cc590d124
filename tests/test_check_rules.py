"""Table-driven tests of every check rule: documents built by hand, positive and negative cases."""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cxzy_nlp.check import RULES, check, load_profile
from cxzy_nlp.check.knowledge import catalogue
from cxzy_nlp.check.reading import READING_RULES
from cxzy_nlp.extract import facts
from cxzy_nlp.model import (
    Block,
    BlockSpan,
    Budget,
    BudgetItem,
    Document,
    Finding,
    Goal,
    NormalText,
    Period,
    Phase,
    Problem,
    Section,
    Zone,
)

_HEADING = re.compile(
    r"^(?P<number>[一二三四五六七八九十]+、|（[一二三四五六七八九十]+）|\d+\.)(?P<heading>.*?)\s*(?:\[(?P<labels>[\w, ]+)\])?$"
)


def _level(number: str) -> int:
    if number.endswith("、"):
        return 1
    return 2 if number.startswith("（") else 3


def build_doc(markup: str, **fields: object) -> tuple[Document, NormalText]:
    """A document from a small markup: first line ``# title``; headings ``一、目标 [goals]``.

    Lines starting 一、 / （一） / 1. become sections of level 1 / 2 / 3 with the bracketed labels.
    """
    lines = [line.strip() for line in markup.strip().splitlines()]
    assert lines[0].startswith("# ")
    title = lines[0][2:]
    text_lines: list[str] = [title]
    heads: list[tuple[int, str, str, tuple[str, ...], int]] = []  # (level, number, heading, labels, line index)
    for line in lines[1:]:
        m = _HEADING.match(line)
        if m:
            labels = tuple(x.strip() for x in (m["labels"] or "").split(",") if x.strip())
            heads.append((_level(m["number"]), m["number"], m["heading"], labels, len(text_lines)))
            text_lines.append(m["number"] + m["heading"])
        else:
            text_lines.append(line)
    text = "\n".join(text_lines)
    starts, pos = [], 0
    for line in text_lines:
        starts.append(pos)
        pos += len(line) + 1
    blocks = tuple(
        BlockSpan(starts[i], starts[i] + len(line), Block(text=line, paragraph=i, page=1 + i // 40))
        for i, line in enumerate(text_lines)
    )

    counter = iter(range(1, 1000))

    def make(i: int) -> tuple[Section, int]:
        level, number, heading, labels, line = heads[i]
        sid = f"s{next(counter)}"
        children: list[Section] = []
        j = i + 1
        while j < len(heads) and heads[j][0] > level:
            child, j = make(j)
            children.append(child)
        end = starts[heads[j][4]] - 1 if j < len(heads) else len(text)
        start = starts[line]
        section = Section(
            id=sid,
            number=number,
            heading=heading,
            level=level,
            span=(start, end),
            heading_span=(start, start + len(text_lines[line])),
            children=tuple(children),
            labels=labels,
        )
        return section, j

    sections, i = [], 0
    while i < len(heads):
        section, i = make(i)
        sections.append(section)
    doc = Document(title=title, span=(0, len(text)), title_span=(0, len(title)), sections=tuple(sections))
    doc = replace(doc, **fields)  # type: ignore[arg-type]
    return facts(doc, text), NormalText(text=text, blocks=blocks)  # what extract works out for the checks


def run(
    markup: str,
    rule: str | None = None,
    profile: str | None = None,
    problems: tuple[Problem, ...] = (),
    **fields: object,
) -> list[Finding]:
    doc, normal = build_doc(markup, **fields)
    found = list(check(doc, normal, problems=problems, profile=profile).findings)
    return [f for f in found if rule is None or f.rule == rule]


PLAN = """
# 2024年社区服务提升实施方案
一、工作目标 [goals]
到2024年底，社区服务站覆盖率达到95%。
二、主要任务 [tasks]
（一）建设服务站 [tasks]
由街道办牵头，2024年6月底前建成10个服务站。
三、实施步骤 [steps]
（一）准备阶段（2024年1月至3月） [steps]
摸清底数，制定计划。
（二）实施阶段（2024年4月至11月） [steps]
全面推进建设。
四、保障措施 [safeguards]
街道办负责统筹，财政所保障经费。
"""


def test_a_sound_plan_has_no_error_or_warning() -> None:
    found = run(PLAN)
    assert [f for f in found if f.severity != "info"] == []


BUDGET_PLAN = (
    PLAN
    + """
五、经费预算 [budget]
本次活动预算总计为10万元，具体如下：宣传费3万元；奖励费5万元；其他{other}万元。
"""
)


# fmt: off
_PERIOD = Period("2024-03-01", "2024-12-31", span=None, source="stated")
_NOTICE = PLAN.replace("# 2024年社区服务提升实施方案", "# 关于开展社区服务提升工作的通知")
_STEP = build_doc(PLAN)[1].text.find("全面推进建设")  # inside 三、实施步骤
_LATE = Phase("推进阶段", "2025-03-01", "2025-03-31", span=(_STEP, _STEP + 6))
_IN_TIME = Phase("推进阶段", "2024-12-01", "2024-12-31", span=(_STEP, _STEP + 6))
_CLOSING = Phase("总结阶段", "2025-03-01", "2025-03-31", span=(_STEP, _STEP + 6))  # closing after it: fine

_CITED = PLAN + "\n请填写自查表（见附件3）。\n附件：1.自查表\n2.汇总表"
_LISTED = build_doc(_CITED)[1].text.index("附件：1.")
_LIST_ZONE = {"zones": (Zone("body", (0, _LISTED)), Zone("attachment_list", (_LISTED, len(build_doc(_CITED)[1].text))))}

CASES = [
    # (rule, markup, expected count, words the message must contain[, document fields])
    ("missing-section", PLAN.replace("三、实施步骤 [steps]", "三、其他安排").replace("[steps]", ""), 1, ["实施步骤"]),
    ("missing-section", PLAN.replace("四、保障措施 [safeguards]", "四、工作要求 [safeguards]"), 0, []),
    ("missing-section", PLAN.replace("四、保障措施 [safeguards]", "四、组织领导 [organization]"), 0, []),
    ("missing-section", PLAN.replace("一、工作目标 [goals]", "一、总体要求 [guiding_ideology]"), 1, ["工作目标"]),
    ("missing-section", PLAN.replace("一、工作目标 [goals]", "一、总体要求 [guiding_ideology]").replace("到2024年底", "具体目标：到2024年底"), 0, []),
    ("empty-section", PLAN.replace("全面推进建设。", ""), 1, ["实施阶段", "没有内容"]),
    ("empty-section", PLAN.replace("摸清底数，制定计划。", "高度重视，精心组织、周密部署，确保取得实效。"), 1, ["套话"]),
    ("empty-section", PLAN.replace("街道办负责统筹，财政所保障经费。", "高度重视，加强组织领导，务求实效。"), 0, []),
    ("empty-section", PLAN, 0, []),
    ("empty-section", PLAN.replace("全面推进建设。", "").replace("（二）实施阶段（2024年4月至11月）", "（二）您参加过哪些活动"), 0, []),
    ("empty-section", PLAN.replace("全面推进建设。", "").replace("（2024年4月至11月） [steps]", "（2024年4月至11月）： [steps]"), 0, []),
    ("empty-section", PLAN.replace("摸清底数，制定计划。", "1.摸清底数\n2.制定计划"), 0, []),
    ("vague-goal", PLAN.replace("到2024年底，社区服务站覆盖率达到95%。", "进一步加强社区服务工作。"), 1, ["进一步", "一、工作目标"]),
    ("vague-goal", PLAN.replace("到2024年底，社区服务站覆盖率达到95%。", "力争提高群众满意度。"), 1, ["力争"]),
    ("vague-goal", PLAN, 0, []),
    # a count in quotes is a slogan, not a target (extract's answer on measurability)
    ("vague-goal", PLAN.replace("到2024年底，社区服务站覆盖率达到95%。", "“一类一策”推进服务站建设。"), 1, ["推进"]),
    ("task-no-owner", PLAN.replace("由街道办牵头，", ""), 1, ["二、主要任务", "责任"]),
    ("task-no-owner", PLAN, 0, []),
    ("step-no-time", PLAN.replace("（2024年1月至3月）", "").replace("（2024年4月至11月）", ""), 1, ["三、实施步骤", "时间节点"]),
    ("step-no-time", PLAN.replace("（2024年4月至11月）", ""), 1, ["实施阶段"]),
    ("step-no-time", PLAN, 0, []),
    ("date-logic", PLAN + "\n活动于2024年9月31日举行。", 1, ["9月31日", "不存在"]),
    ("date-logic", PLAN + "\n活动于2024年2月29日举行。", 0, []),
    ("date-logic", PLAN + "\n活动时间为2021年6月1日至2021年12月31日，共5个月。", 1, ["5个月"]),
    ("date-logic", PLAN + "\n活动时间为6月1日至8月31日，共5个月。", 1, ["5个月", "按文件年度2024年"]),
    ("date-logic", PLAN + "\n活动时间为2021年6月1日至2021年12月31日，共7个月。", 0, []),
    ("date-logic", PLAN + "\n自2024年3月1日至2024年3月14日，为期两周。", 0, []),
    # dates come from extract: dotted and Chinese-numeral days are judged too; a month needs no digit before it
    ("date-logic", PLAN + "\n联调2024/11/31-2024/12/01。", 1, ["2024/11/31", "不存在"]),
    ("date-logic", PLAN + "\n活动于二〇二四年九月三十一日举行。", 1, ["九月三十一日", "不存在"]),
    ("date-logic", PLAN + "\n主教学楼2019月21日分组答辩。", 0, []),
    ("placeholder", PLAN + "\n____年XX单位", 1, ["“____”", "“XX”", "未填写"]),
    ("placeholder", PLAN + "\n队名按以下格式填写：某某大学×××学院实践团。", 0, []),
    ("placeholder", PLAN + "\n落款：【单位名称】", 1, ["【单位名称】"]),
    ("placeholder", PLAN + "\n印发日期：20xx年", 1, ["20xx"]),
    ("placeholder", PLAN + "\n年  月  日", 1, ["日期空白"]),
    ("placeholder", PLAN + "\n某某同志负责。", 1, ["某某"]),
    ("placeholder", PLAN + "\n文号：〔〕号", 1, ["〔〕"]),
    ("placeholder", PLAN, 0, []),
    ("scrape-residue", PLAN + "\n- 格式：doc\n- 文档页数：12", 1, ["文库", "格式：doc", "文档页数：12"]),  # one block, one finding
    ("scrape-residue", PLAN + "\n- 格式：doc\n本方案由街道办负责解释。\n- 文档页数：12", 2, ["文库"]),
    ("scrape-residue", PLAN + "\n下载本文档", 1, ["下载本文档"]),
    ("scrape-residue", PLAN + "\n社区服务方案精选5篇", 1, ["精选5篇"]),
    ("scrape-residue", PLAN + "\n本方案参照了一份范文。", 1, ["范文"]),
    ("scrape-residue", PLAN + "\n窗口公示申请材料示范文本。", 0, []),
    ("scrape-residue", PLAN, 0, []),
    ("censor-gap", PLAN + "\n紧密团结在以为核心的党中央周围。", 1, ["以为核心的党中央"]),
    ("censor-gap", PLAN + "\n紧密团结在以习近平同志为核心的党中央周围。", 0, []),
    ("personal-data", PLAN + "\n获奖人员：张某某 13812345678。", 1, ["138****5678"]),
    ("personal-data", PLAN + "\n联系电话：0731-88888888。", 0, []),
    ("informal-voice", PLAN + "\n嘿，朋友们，废话不多说。", 1, ["“嘿，朋友们”“废话不多说”"]),
    ("informal-voice", PLAN + "\n好啦，方案就分享到这里。\n希望对你有所帮助。", 2, ["口语化"]),
    ("informal-voice", PLAN + "\n作为一名写了十年材料的老司机，我来说几句。", 1, ["老司机"]),
    ("informal-voice", PLAN, 0, []),
    ("outdated-reference", PLAN + "\n认真贯彻落实党的十七大和十七届三中、四中全会精神。", 2, ["十七大", "2024年", "标题"]),
    ("outdated-reference", PLAN + "\n深入学习贯彻党的二十大和二十届三中全会精神。", 0, []),
    ("outdated-reference", PLAN + "\n党的十八大以来，社区治理取得长足进步。", 0, []),
    ("outdated-reference", PLAN + "\n学习贯彻二十届四中全会精神。", 1, ["晚于文件年度"]),
    ("outdated-reference", PLAN.replace("2024年社区", "2010年社区") + "\n以优异成绩向党的十八大献礼。", 0, []),
    ("era-formula", PLAN + "\n以邓小平理论和“三个代表”重要思想为指导。", 1, ["2007年以前"]),
    ("era-formula", PLAN.replace("2024年", "2010年") + "\n以邓小平理论和“三个代表”重要思想为指导，深入贯彻落实科学发展观。", 0, []),
    ("era-formula", PLAN.replace("2024年", "2010年") + "\n以邓小平理论和“三个代表”重要思想为指导。", 1, ["2007年以前"]),
    ("era-formula", PLAN + "\n为全面建设小康社会作贡献。", 1, ["全面建设小康社会"]),
    ("era-formula", PLAN + "\n落实党的十九大提出的新发展理念。", 1, ["十八届五中全会"]),
    ("era-formula", PLAN + "\n以习近平新时代中国特色社会主义思想为指导。", 0, []),
    ("campaign-window", PLAN + "\n深入开展创先争优活动。", 1, ["创先争优", "2010"]),
    ("campaign-window", PLAN + "\n创先争优是群众路线教育实践活动的重要组成部分。", 3, ["群众路线"]),
    ("campaign-window", PLAN.replace("2024年", "") + "\n创先争优是群众路线教育实践活动的重要组成部分。", 1, ["一部分"]),
    ("campaign-window", PLAN.replace("2024年社区", "2011年社区").replace("2024年", "2011年") + "\n深入开展创先争优活动。", 0, []),
    ("anniversary", PLAN + "\n迎接建党90周年。", 1, ["建党103周年"]),
    ("anniversary", PLAN + "\n庆祝新中国成立75周年。", 0, []),
    ("anniversary", PLAN + "\n纪念建党一百零三周年。", 0, []),
    ("doctype-mismatch", PLAN + "\n现提出以下实施意见。", 1, ["方案", "实施意见"]),
    ("doctype-mismatch", PLAN + "\n本方案自印发之日起施行。", 0, []),
    ("docnum-format", PLAN.replace("实施方案\n", "实施方案\n某发[2021]9号\n"), 1, ["〔〕"]),  # its own 文号
    ("docnum-format", PLAN.replace("实施方案\n", "实施方案\n某发〔2021〕第09号\n"), 1, ["第", "补零"]),
    ("docnum-format", PLAN + "\n根据《通知》（某发〔2021〕9号）", 0, []),
    ("date-format", PLAN + "\n二〇二四年三月一日", 1, ["阿拉伯数字"]),
    ("date-format", PLAN + "\n2024-03-01启动。", 1, ["2024-03-01"]),
    ("date-format", PLAN + "\n2024年03月01日启动。", 1, ["补零"]),  # one finding per date, not per padded part
    ("date-format", PLAN, 0, []),
    ("date-format", PLAN + "\n2018.11.14～2018.11.19评审。", 1, ["2018.11.14～2018.11.19"]),  # one per range
    ("duplicate-passage", PLAN + "\n各单位要把服务群众的实事办好，切实解决群众最关心的问题。\n中间一句。\n各单位要把服务群众的实事办好，切实解决群众最关心的问题。", 1, ["重复"]),
    ("duplicate-passage", PLAN + "\n各单位要把服务群众的实事办好，切实解决群众最关心的问题。", 0, []),
    ("budget-mismatch", BUDGET_PLAN.format(other="4"), 1, ["10万元", "12万元"]),
    ("budget-mismatch", BUDGET_PLAN.format(other="2"), 0, []),
    ("length", PLAN + "\n" + "服务群众办实事。" * 700, 1, ["5000"]),
    ("length", PLAN, 0, []),
    ("compliance-hint", PLAN.replace("社区服务提升", "区政协机关创先") + "\n给予一定物质奖励。", 1, ["物质奖励", "八项规定"]),
    ("compliance-hint", PLAN.replace("社区服务提升", "某科技公司团建") + "\n组织团队聚餐。", 0, []),
    ("machine-generated", PLAN + "\n以上是一个基本的社区服务方案，希望对您有所帮助。", 1, ["以上是一个基本的社区服务方案"]),
    ("machine-generated", PLAN + "\n以上工作请各单位抓好落实。", 0, []),
    ("total-mismatch", PLAN + "\n场地费200元、资料费300元，合计600元。", 1, ["600元", "500元", "相差100元"]),
    ("total-mismatch", PLAN + "\n场地费200元、资料费300元，合计500元。", 0, []),
    ("quantity-conflict", PLAN + "\n全街道共有8个社区。\n社区数：9", 1, ["8", "9"]),
    ("quantity-conflict", PLAN + "\n全街道共有8个社区。\n社区数：8", 0, []),
    ("weekday-mismatch", PLAN + "\n2024年6月3日（星期二）召开推进会。", 1, ["星期一"]),
    ("weekday-mismatch", PLAN + "\n2024年6月4日（星期二）召开推进会。", 0, []),
    ("date-outside-period", PLAN, 1, ["2025-03-01", "实施期限"], {"period": _PERIOD, "schedule": (_LATE,)}),
    ("date-outside-period", PLAN, 0, [], {"period": _PERIOD, "schedule": (_IN_TIME,)}),
    ("date-outside-period", PLAN, 0, [], {"period": _PERIOD, "schedule": (_CLOSING,)}),
    ("missing-signoff", _NOTICE, 1, ["落款", "成文日期"], {"doc_type": "notice"}),
    ("missing-signoff", _NOTICE, 1, ["成文日期"], {"doc_type": "notice", "issuer": "某某街道办事处"}),
    ("missing-signoff", _NOTICE, 0, [], {"doc_type": "notice", "issuer": "某某街道办事处", "date": "2024-03-01"}),
    ("missing-signoff", PLAN, 0, [], {"doc_type": "implementation_plan"}),
    ("missing-signoff", _NOTICE.replace("# 关于开展社区服务提升工作的通知", "# 各社区居委会："), 1, ["缺少标题"], {"doc_type": "notice", "title": None, "issuer": "某街道办", "date": "2024-03-01"}),
    ("missing-signoff", _NOTICE, 0, [], {"doc_type": "notice", "title": None, "issuer": "某街道办", "date": "2024-03-01"}),  # its first line is the title
    ("deadline-passed", _NOTICE + "\n请各社区于2024年3月1日前将工作方案报送街道办。", 1, ["2024-03-01", "2024-03-10"], {"doc_type": "notice", "date": "2024-03-10"}),
    ("deadline-passed", _NOTICE + "\n请各社区于2024年3月31日前将工作方案报送街道办。", 0, [], {"doc_type": "notice", "date": "2024-03-10"}),
    ("attachment-mismatch", _CITED, 1, ["附件3", "附件1、附件2"], _LIST_ZONE),
    ("attachment-mismatch", _CITED.replace("附件3", "附件2"), 0, [], _LIST_ZONE),
    ("group-name-mismatch", PLAN + "\n成立青溪县食品安全专项整治工作领导小组，负责统筹。", 1, ["食品安全", "套用"]),
    ("group-name-mismatch", PLAN + "\n成立青溪县社区服务提升工作领导小组，负责统筹。", 0, []),
    ("group-name-mismatch", PLAN + "\n成立食品安全工作领导小组，负责社区食堂食品安全和服务站食品检查。", 0, []),
]
# fmt: on


@pytest.mark.parametrize("case", CASES, ids=[f"{c[0]}-{i}" for i, c in enumerate(CASES)])
def test_rule_table(case: tuple[Any, ...]) -> None:
    rule, markup, count, words, *fields = case
    found = run(markup, rule, **(fields[0] if fields else {}))
    assert len(found) == count, [f.message for f in found]
    for finding in found:
        assert finding.severity == catalogue()[rule].severity
        text = finding.message + (finding.evidence or "")
        for word in words:
            assert word in text, (word, finding.message)


def test_every_rule_has_positive_and_negative_cases() -> None:
    rules_with = {(c[0], c[2] > 0) for c in CASES}
    untested = [
        r for r in RULES if r not in READING_RULES and not ((r, True) in rules_with and (r, False) in rules_with)
    ]
    assert untested == []


def test_every_engine_rule_is_in_the_catalogue() -> None:
    assert set(RULES) <= set(catalogue())


def test_messages_name_the_section_and_spans_quote_the_evidence() -> None:
    doc, normal = build_doc(PLAN.replace("由街道办牵头，", "由XX单位牵头，"))
    finding = next(f for f in check(doc, normal).findings if f.rule == "placeholder")
    assert finding.message.startswith("【模板占位符未填】在“（一）建设服务站”中")
    assert finding.section is not None and doc.section_by_id(finding.section).heading == "建设服务站"
    assert finding.span is not None and normal.text[finding.span[0] : finding.span[1]] == "XX"
    assert "XX单位" in (finding.evidence or "")


# ------------------------------------------------------------------ extracted data from the extractor


def test_a_title_repeating_its_covering_notice_is_not_a_duplicate() -> None:
    # a title long enough to hold a clause: a line without one is a name, never reported as pasted text
    title = "青溪县社区服务中心关于开展2024年社区服务能力提升行动，推进便民服务进小区的实施方案"
    markup = f"# 关于印发的通知\n现将《{title}》印发给你们。\n{title}\n" + PLAN.split("\n", 2)[2]
    doc, normal = build_doc(markup)
    start = normal.text.index(title, normal.text.index("》"))
    plan = replace(doc, title=title, title_span=(start, start + len(title)))
    assert [f for f in check(plan, normal).findings if f.rule == "duplicate-passage"] == []
    untitled = replace(doc, title_span=(0, 2))
    assert [f.rule for f in check(untitled, normal).findings if f.rule == "duplicate-passage"] == ["duplicate-passage"]


def test_budget_that_adds_up_gets_no_finding_and_one_that_does_not_does() -> None:
    items = (BudgetItem("宣传", 300000, (0, 2)), BudgetItem("奖励", 700000, (0, 2)))
    assert run(PLAN, "budget-mismatch", budget=Budget(total=1000000, items=items)) == []
    found = run(PLAN, "budget-mismatch", budget=Budget(total=1200000, items=items))
    assert len(found) == 1 and "120万元" in found[0].message and "2个分项合计100万元" in found[0].message
    # the extractor's verdict wins (it may know an item is a reserve, say)
    assert run(PLAN, "budget-mismatch", budget=Budget(total=1200000, items=items, adds_up=True)) == []
    found = run(PLAN, "budget-mismatch", budget=Budget(total=1000000, items=items, items_sum=900000, adds_up=False))
    assert len(found) == 1 and "90万元" in found[0].message


# fmt: off
BUDGET_RATIO_CASES = [
    # (total, items summed, severity): a sum close to its total is a slip; one far off is a misreading
    (1254, 1344, "warn"),     # an item added wrong: 7% apart
    (1200000, 1000000, "warn"),
    (5700, 3201, "info"),     # items misread (a per-line rate taken for an item)
    (7200, 394108, "info"),   # a per-month figure's total taken for the budget's
]
# fmt: on


@pytest.mark.parametrize(("total", "summed", "severity"), BUDGET_RATIO_CASES)
def test_budget_mismatch_is_sure_only_when_the_sum_is_close_to_its_total(
    total: int, summed: int, severity: str
) -> None:
    items = (BudgetItem("甲", summed - 1, (0, 2)), BudgetItem("乙", 1, (0, 2)))
    found = run(PLAN, "budget-mismatch", budget=Budget(total=total, items=items))
    assert [f.severity for f in found] == [severity]


@pytest.mark.parametrize(("other", "count"), [("2", 0), ("4", 1)])
def test_budget_read_from_text_by_extract(other: str, count: int) -> None:
    assert len(run(BUDGET_PLAN.format(other=other), "budget-mismatch")) == count


def test_phases_out_of_order_and_outside_the_year() -> None:
    steps = build_doc(PLAN)[0].sections[2].body_span  # 三、实施步骤
    phases = (
        Phase("准备阶段", "2024-05-01", "2024-05-31", steps),
        Phase("实施阶段", "2024-03-01", "2024-04-30", steps),
        Phase("总结阶段", "2019-12-01", "2019-12-31", steps),
    )
    found = run(PLAN, "date-logic", schedule=phases)
    assert any("顺序颠倒" in f.message for f in found)
    assert any("2019-12-01" in f.message and "2024年" in f.message for f in found)
    ordered = (
        Phase("准备阶段", "2024-01-01", "2024-03-31", steps),
        Phase("实施阶段", "2024-04-01", "2024-11-30", steps),
    )
    assert run(PLAN, "date-logic", schedule=ordered) == []
    history = (Phase("建校", "1964-05-01", None, (0, 2)),)  # a date told in the text, outside the timeline
    assert run(PLAN, "date-logic", schedule=ordered + history) == []


@pytest.mark.parametrize(
    ("fields", "count"),
    [
        ({"date": "2021-03-01"}, 1),
        ({"date": "2024-03-01"}, 0),
        ({"doc_number": "某发〔2019〕3号"}, 1),
        ({"doc_number": "某发〔2023〕3号", "date": "2024-01-05"}, 0),
    ],
)
def test_title_year_date_and_doc_number_must_agree(fields: dict[str, str], count: int) -> None:
    found = run(PLAN, "date-logic", **fields)
    assert len(found) == count, [f.message for f in found]
    assert all("标题中的2024年" in f.message for f in found)


def test_extracted_goals_are_judged_and_stock_phrases_of_the_guiding_section_are_exempt() -> None:
    markup = PLAN.replace("一、工作目标 [goals]", "一、指导思想 [guiding_ideology]")
    doc, _ = build_doc(markup)
    guiding = doc.sections[0]
    tasks = doc.sections[1]
    goals = (
        Goal("进一步加强党的建设", guiding.body_span, guiding.id, measurable=False),
        Goal("持续改善社区环境面貌", tasks.body_span, tasks.id, measurable=False),
        Goal("建成10个服务站", tasks.body_span, tasks.id, measurable=True),
    )
    found = run(markup, "vague-goal", goals=goals)
    assert len(found) == 1 and "持续改善社区环境面貌" in found[0].message
    assert found[0].section == tasks.id and "二、主要任务" in found[0].message
    # with a 目标 section, only goals inside it are judged
    doc, _ = build_doc(PLAN)
    in_tasks = Goal("持续改善社区环境面貌", doc.sections[1].body_span, doc.sections[1].id, measurable=False)
    in_goals = Goal("不断优化社区服务", doc.sections[0].body_span, doc.sections[0].id, measurable=False)
    assert [f.evidence for f in run(PLAN, "vague-goal", goals=(in_tasks, in_goals))] == [PLAN.split("\n")[3]]


@pytest.mark.parametrize(("date", "count"), [("2012-06-30", 1), ("2012-12-20", 0)])
def test_a_congress_cited_before_it_met_by_the_date_written(date: str, count: int) -> None:
    markup = PLAN.replace("2024年", "2012年") + "\n全面贯彻党的十八大精神。"
    found = run(markup, "outdated-reference", date=date)
    assert len(found) == count and all("尚未召开" in f.message for f in found)
    phases = (Phase("准备阶段", date, None, (0, 2)),)  # no 成文日期: the plan's own start tells
    assert len(run(markup, "outdated-reference", schedule=phases)) == count


def test_year_from_the_extractor_is_used_and_named() -> None:
    found = run(PLAN + "\n深入开展创先争优活动。", "campaign-window", year=2011, year_reason="成文日期2011年5月")
    assert found == []
    found = run(
        PLAN.replace("2024年社区", "社区") + "\n深入开展创先争优活动。",
        "campaign-window",
        year=2019,
        year_reason="成文日期2019年5月",
    )
    assert len(found) == 1 and "2019年" in found[0].message and "成文日期2019年5月" in found[0].message


def test_year_inferred_from_party_anniversary_when_nothing_else_says() -> None:
    markup = (
        PLAN.replace("2024年社区", "社区").replace("2024年", "")
        + "\n迎接建党89、90周年，向党的十八大献礼，贯彻十七大精神。"
    )
    assert run(markup, "outdated-reference") == []
    assert run(markup, "anniversary") == []


# ------------------------------------------------------------------ reading problems and earlier findings


def test_reading_problems_become_findings_on_their_pages() -> None:
    problems = (
        Problem("unreadable-text", "有乱码", pages=(1,), share=0.3),
        Problem("no-text-layer", "第9页没有文字层，请提交可复制文字的版本", pages=(9,)),
    )
    found = run(PLAN, problems=problems)  # PLAN lies on page 1 only, and is the last document
    reading = [f for f in found if f.rule in ("unreadable-text", "no-text-layer")]
    assert [f.rule for f in reading] == ["unreadable-text", "no-text-layer"]
    assert reading[0].severity == "error" and "30%" in reading[0].message and "第1页" in reading[0].message
    assert reading[1].message == "【扫描页未检查】第9页没有文字层，请提交可复制文字的版本"  # the reader's words, named
    later = PLAN + "\n" + "\n".join(["附件正文。"] * 60)  # a long text after: this document is not the last
    doc, normal = build_doc(later)
    short = replace(doc, span=(0, len(PLAN.strip()) - 2))
    assert [f.rule for f in check(short, normal, problems=problems[1:]).findings if f.rule == "no-text-layer"] == []


@pytest.mark.parametrize(
    ("code", "severity"),
    [("ocr-low-confidence", "info"), ("truncated", "warn"), ("encoding-repaired", "info"), ("text-as-paths", "info")],
)
def test_new_reader_problems_become_findings(code: str, severity: str) -> None:
    problem = Problem(code, "第1页的读取有问题", pages=(1,))
    found = [f for f in run(PLAN, problems=(problem,)) if f.rule == code]
    assert [(f.rule, f.severity) for f in found] == [(code, severity)] and "第1页" in found[0].message
    assert [f for f in run(PLAN) if f.rule == code] == []  # no problem, no finding


def test_segmenter_findings_are_kept_and_re_mapped_by_the_profile(tmp_path) -> None:  # type: ignore[no-untyped-def]
    earlier = (Finding("heading-sequence", "warn", "序号缺“三、”"), Finding("heading-style", "info", "序号写法"))
    doc, normal = build_doc(PLAN, findings=earlier)
    profile = tmp_path / "p.yaml"
    profile.write_text(
        "extends: implementation_plan\nrules:\n  heading-sequence: {severity: error}\n"
        "  heading-style: {enabled: false}\n",
        encoding="utf-8",
    )
    out = check(doc, normal, profile=str(profile)).findings
    assert out[0] == replace(earlier[0], severity="error", message="【标题序号不连续】序号缺“三、”")
    assert not any(f.rule == "heading-style" for f in out)
    assert [f.rule for f in check(doc, normal).findings[:2]] == [f.rule for f in earlier]


# ------------------------------------------------------------------ laws


_PIECES = [
    "嘿，朋友们。",
    "____年",
    "认真贯彻落实党的十七大精神。",
    "深入开展创先争优活动。",
    "2024年9月31日",
    "进一步加强领导。",
    "由街道办牵头负责。",
    "某某",
    "格式：doc",
    "建党90周年",
    "本方案",
    "实施意见",
    "2024-01-01",
    "（某发[2021]09号）",
]


@settings(max_examples=40, deadline=None)
@given(
    st.lists(st.sampled_from(_PIECES), max_size=12), st.sampled_from(["implementation_plan", "work_summary", "default"])
)
def test_findings_lie_inside_the_document_and_are_deterministic(pieces: list[str], profile: str) -> None:
    markup = PLAN + "\n" + "".join(pieces)
    doc, normal = build_doc(markup)
    first = check(doc, normal, profile=profile)
    assert check(doc, normal, profile=profile) == first
    known = load_profile(profile)
    for f in first.findings:
        assert known.enabled(f.rule)
        assert f.message and f.severity in ("error", "warn", "info")
        if f.span is not None:
            assert doc.span[0] <= f.span[0] <= f.span[1] <= doc.span[1]
        if f.section is not None:
            assert doc.section_by_id(f.section) is not None


def test_a_title_naming_a_period_agrees_with_a_date_in_its_first_year() -> None:
    """关于…2015-2017年…的通知 with 成文日期 2015: the title's year is where its period starts (one answer
    for the year, extract's), so title and date do not disagree."""
    markup = PLAN.replace("# 2024年社区服务提升实施方案", "# 关于组织申报2015-2017年社区服务项目的通知")
    assert run(markup, "date-logic", date="2015-09-23") == []
    assert run(markup.replace("2015-2017年", "2017年"), "date-logic", date="2015-09-23")  # control
