"""Recall floor (issue 15): each real problem reviewers found that the tool used to miss has a look-alike
document written for the test, and the tool finds it at error or warn level, run end to end (read → check).

The documents are the project's own; they mimic the kind of file where the problem was seen (an application
form, a plan with a budget table, a notice copied from a web page, a student's report with comments left in).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from cxzy_nlp.model import Finding
from cxzy_nlp.pipeline import analyse

PLAN = """青溪县2024年美丽乡村建设实施方案

一、工作目标
到2024年底，全镇共有11个行政村完成人居环境整治，群众满意率达到90%。
二、主要任务
（一）垃圾治理。由镇环卫所牵头，2024年6月底前配齐收运设施。
（二）污水治理。由镇建设办负责，2024年9月底前完成管网铺设。
三、实施步骤
（一）准备阶段（2024年3月）。摸清底数，制定计划。
（二）实施阶段（2024年4月至11月）。全面推进整治。
（三）总结阶段（2024年12月）。总结经验，形成报告。
四、组织领导
成立青溪县美丽乡村建设工作领导小组，镇长任组长，负责统筹协调。
{extra}
"""

# fmt: off
MISSED = [
    # (the problem as reviewers saw it, text added to the plan, rule expected, words its message must hold)
    ("a 合计 over items that add up to more", "五、经费预算\n项目\t金额（元）\n垃圾收运车\t500\n宣传展板\t344\n培训\t500\n合计\t1254",
     ("budget-mismatch", "total-mismatch"), ["1254", "1344"]),
    ("the same count twice with two figures", "五、整治村名单\n乡镇\t村数\n青溪镇\t22", ("quantity-conflict",), ["11", "22"]),
    ("a 领导小组 named after another project", "成立青溪县食品安全专项整治工作领导小组，负责督查。",
     ("group-name-mismatch",), ["食品安全"]),
    ("待定 left in", "五、其他\n验收时间待定。", ("placeholder",), ["待定"]),
    ("待补充 left in", "五、其他\n经费来源：待补充。", ("placeholder",), ["待补充"]),
    ("TBC left in", "五、其他\n验收专家：TBC", ("placeholder",), ["TBC"]),
    ("question marks left in", "五、其他\n联系人：？？", ("placeholder",), ["？？"]),
    ("an ID-card number printed", "五、联系人\n李青，身份证号：11010519491231002X", ("personal-data",), ["110***********002X"]),
    ("a mobile number printed", "五、获奖名单\n李青 13812345678 青溪县实验小学", ("personal-data",), ["138****5678"]),
    ("website navigation", "当前位置：首页 > 政务公开 > 通知公告\n上一篇：关于春节值班的通知", ("scrape-residue",), ["当前位置"]),
    ("a hit counter", "发布时间：2024-03-01 浏览次数：356", ("scrape-residue",), ["浏览次数"]),
    ("a copyright line", "版权所有：青溪县人民政府 地址：青溪县府前路1号", ("scrape-residue",), ["版权所有"]),
    ("a teacher's comment left in the body", "五、其他\n指导教师评语：目标不够具体，请修改。", ("placeholder",), ["指导教师评语"]),
    ("11年24日", "五、其他\n11年24日前完成验收。", ("date-logic",), ["11年24日"]),
    ("a weekday that does not match its date", "五、其他\n2024年5月2日（星期三）召开推进会。", ("weekday-mismatch",), ["星期四"]),
    ("machine-generated text", "以上是一个基本的美丽乡村建设方案，希望对您有所帮助。", ("machine-generated",), ["以上是一个基本的"]),
]
# fmt: on


def _findings(tmp_path: Path, extra: str) -> list[Finding]:
    path = tmp_path / "plan.txt"
    path.write_text(PLAN.format(extra=extra), encoding="utf-8")
    return [f for d in analyse(path).documents for f in d.findings if f.severity in ("error", "warn")]


def test_the_plan_alone_raises_none_of_them(tmp_path: Path) -> None:
    """The control: without the added problem, none of the rules below fires."""
    rules = {r for *_, rules, _ in MISSED for r in rules}
    assert [f.message for f in _findings(tmp_path, "") if f.rule in rules] == []


@pytest.mark.parametrize(("problem", "extra", "rules", "words"), MISSED, ids=[m[0] for m in MISSED])
def test_each_missed_problem_is_found(
    tmp_path: Path, problem: str, extra: str, rules: tuple[str, ...], words: list[str]
) -> None:
    found = [f for f in _findings(tmp_path, extra) if f.rule in rules]
    assert found, problem
    assert any(all(w in f.message + (f.evidence or "") for w in words) for f in found), [f.message for f in found]
