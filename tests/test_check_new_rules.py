"""The checks reviewers missed (issue 15): table-driven cases that fire and look-alikes that do not.

Every document here is written for the test (no text of ../shared); each positive case has a negative twin.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from test_check_rules import PLAN, run

from cxzy_nlp.pipeline import analyse


def _with(sentence: str) -> str:
    """The sound plan of test_check_rules with ``sentence`` added to its 保障措施."""
    return PLAN.rstrip("\n") + "\n" + sentence + "\n"


# fmt: off
PLACEHOLDER_CASES = [
    ("活动地点待定，届时另行通知。", "待定"),
    ("经费来源待补充。", "待补充"),
    ("验收标准：TBC", "TBC"),
    ("联系人：？？", "？？"),
    ("（此处填写单位名称）负责组织实施。", "此处填写"),
    ("批注1：这一段数据需要核实。", "批注1："),
    ("指导教师评语：目标写得太空，请具体化。", "指导教师评语："),
    ("此项工作有待完善，要持续改进。", None),
    ("请各单位按时填写统计表。", None),
    ("为什么要开展这项工作？因为群众有需求。", None),
    ("TBC公司提供场地。", None),
    ("九、待定问题列表：见附件。", None),
    ("请张三、李四同志阅示。", "张三"),                    # two specimen names: slots left unfilled
    ("请张三同志负责联络。", None),                        # one: it may be a name
    ("比如，张三负责报表，李四负责审核。", None),          # an example
]
RESIDUE_CASES = [
    ("上一篇：关于做好春节值班的通知 下一篇：关于开展安全检查的通知", "scrape-residue", "上一篇"),
    ("发布时间：2024-03-01 点击数：128", "scrape-residue", "点击数"),
    ("版权所有：某某县人民政府办公室", "scrape-residue", "版权所有"),
    ("【打印本页】【关闭窗口】", "scrape-residue", "打印本页"),
    ("当前位置：首页 > 政务公开 > 通知公告", "scrape-residue", "当前位置"),
    ("以上是一个基本的社区服务工作方案，可根据实际情况调整。", "machine-generated", "以上是一个基本的社区服务工作方案"),
    ("作为一个AI语言模型，我无法获取最新数据。", "machine-generated", "作为一个AI语言模型"),
    ("下面是关于社区服务方案的中文回答。", "machine-generated", "的中文回答"),
    ("希望以上内容对您有所帮助！", "machine-generated", "希望以上内容对您有所帮助"),
    ("以上工作安排，请各单位抓好落实。", "machine-generated", None),
    ("希望各单位高度重视，确保取得实效。", "machine-generated", None),
    ("要点击数据大屏查看各村进度。", "scrape-residue", None),
    ("各单位要尊重知识产权，不得侵犯版权。", "scrape-residue", None),
    ("用户可以点击推送进行查看，并加入收藏。", "scrape-residue", None),
    ("新闻来源：某某市科技局", "scrape-residue", "新闻来源："),
    ("经费来源：区财政专项资金。", "scrape-residue", None),
]
# fmt: on


@pytest.mark.parametrize(("sentence", "slot"), PLACEHOLDER_CASES)
def test_placeholders_beyond_the_list(sentence: str, slot: str | None) -> None:
    found = run(_with(sentence), "placeholder")
    if slot is None:
        assert found == [], [f.message for f in found]
    else:
        assert len(found) == 1 and slot in found[0].message, [f.message for f in found]


@pytest.mark.parametrize(("sentence", "rule", "trace"), RESIDUE_CASES)
def test_web_page_residue_and_machine_generated_text(sentence: str, rule: str, trace: str | None) -> None:
    found = run(_with(sentence), rule)
    if trace is None:
        assert found == [], [f.message for f in found]
    else:
        assert len(found) == 1 and trace in found[0].message, [f.message for f in found]


def test_one_web_page_block_is_one_finding() -> None:
    block = "上一篇：关于春节值班的通知\n下一篇：关于安全检查的通知\n点击数：128 【打印本页】【关闭窗口】"
    found = run(_with(block), "scrape-residue")
    assert len(found) == 1 and "打印本页" in found[0].message


TABLE = "经费预算表\n序号\t项目\t金额（元）\n1\t场地费\t500\n2\t资料费\t344\n3\t宣传费\t500\n合计\t\t{total}"

# fmt: off
FIGURE_CASES = [
    # (added text, rule, fragments the message must hold; None: the rule must not fire)
    (TABLE.format(total=1254), "budget-mismatch", ["1254", "1344"]),
    (TABLE.format(total=1344), "budget-mismatch", None),
    ("参训人员统计\n单位\t男\t女\n一组\t12\t8\n二组\t10\t11\n合计\t24\t19", "total-mismatch", ["“男”一栏", "24", "22"]),
    ("参训人员统计\n单位\t男\t女\n一组\t12\t8\n二组\t10\t11\n合计\t22\t19", "total-mismatch", None),
    ("本次活动场地费200元、资料费300元，合计600元。", "total-mismatch", ["合计为600元", "相加为500元"]),
    ("本次活动场地费200元、资料费300元，合计500元。", "total-mismatch", None),
    ("共投入资金100万元，其中省级资金60万元、县级资金30万元。", "total-mismatch", ["100万元", "90万元"]),
    ("共培训300人，其中党员120人、女性80人。", "total-mismatch", None),
    ("全镇共有11个行政村。\n村数\t22", "quantity-conflict", ["11", "22"]),
    ("全镇共有11个行政村。\n村数\t11", "quantity-conflict", None),
    ("全镇共有11个行政村，其中第一批5个村。", "quantity-conflict", None),
    ("甲镇辖11个行政村，乙镇辖9个村。", "quantity-conflict", None),  # two places, each its own villages
    ("2024年5月2日（星期三）召开推进会。", "weekday-mismatch", ["星期三", "星期四"]),
    ("2024年5月1日（星期三）召开推进会。", "weekday-mismatch", None),
    ("5月2日（星期三）召开推进会。", "weekday-mismatch", ["星期四", "按文件年度2024年"]),
    ("11年24日前完成验收。", "date-logic", ["11年24日", "11月24日"]),
    ("11月24日前完成验收。", "date-logic", None),
    ("2月30日前完成验收。", "date-logic", ["2月30日"]),
]
# fmt: on


@pytest.mark.parametrize(("added", "rule", "fragments"), FIGURE_CASES)
def test_figures_that_disagree(added: str, rule: str, fragments: list[str] | None) -> None:
    found = run(_with(added), rule)
    if fragments is None:
        assert found == [], [f.message for f in found]
    else:
        assert len(found) == 1, [f.message for f in found]
        assert all(x in found[0].message for x in fragments), found[0].message


PERIOD_PLAN = """社区服务提升实施方案

一、工作目标
实施期限：2024年3月至2024年12月。到2024年底，社区服务站覆盖率达到95%。
二、实施步骤
（一）准备阶段（2024年3月至4月）
摸清底数，制定计划。
（二）{name}（{last}）
全面推进。
三、保障措施
街道办负责统筹，财政所保障经费。
"""


@pytest.mark.parametrize(
    ("name", "last", "fires"),
    [
        ("集中推进阶段", "2025年3月", True),
        ("集中推进阶段", "2024年12月", False),
        ("总结验收阶段", "2025年3月", False),  # closing after the period is expected
        ("集中推进阶段", "2025年1月5日至10日", False),  # within the 15 days' slack
    ],
)
def test_a_phase_outside_the_stated_period(tmp_path: Path, name: str, last: str, fires: bool) -> None:
    path = tmp_path / "plan.txt"
    path.write_text(PERIOD_PLAN.format(name=name, last=last), encoding="utf-8")
    found = [f for d in analyse(path).documents for f in d.findings if f.rule == "date-outside-period"]
    assert bool(found) == fires, [f.message for f in found]
    assert all("实施期限" in f.message and "2025-03" in f.message for f in found)


# fmt: off
UNDECIDED_CASES = [
    # (line added, profile, fires)
    ("项目\t预计竣工时间\t投资额\n三期厂房\t待定\t1200", "report", False),            # a report's answer
    ("项目\t预计竣工时间\t投资额\n三期厂房\t待定\t1200", "implementation_plan", True),  # a plan's gap
    ("决赛地点：待定。", "report", True),                                                # not a table cell
]
# fmt: on


@pytest.mark.parametrize(("line", "profile", "fires"), UNDECIDED_CASES)
def test_undecided_in_a_table_is_a_gap_only_in_a_plan(line: str, profile: str, fires: bool) -> None:
    found = run(_with(line), "placeholder", profile=profile)
    assert bool(found) == fires, [f.message for f in found]
