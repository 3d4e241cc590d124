"""The checks reviewers missed (issue 15): table-driven cases that fire and look-alikes that do not.

Every document here is written for the test (no text of ../shared); each positive case has a negative twin.
"""

from __future__ import annotations

import pytest
from test_check_rules import PLAN, run


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
