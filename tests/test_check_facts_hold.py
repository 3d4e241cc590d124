"""Rules judge only where the fact they rely on holds (issue 15, the eleventh stop's findings work).

Each case has a twin that differs only in the point at issue, so every test can fail: a sentence each of three
parallel items ends with is the document's formula, said twice it is a paste; an abstract restates the body;
a sample name listed among real names in a filled form is a name, not a blank.
"""

from __future__ import annotations

import pytest
from test_check_rules import PLAN, run

_OWNER = "该项活动由校团委组织，负责项目立项、实施、考核和评优等工作。"


def _items(count: int) -> str:
    topics = ["社区义诊", "支教助学", "乡村调研", "文化宣讲"]
    return "\n".join(
        f"（{'一二三四'[i]}）{topics[i]}专项 [tasks]\n围绕{topics[i]}组建{i + 5}支团队开展实践。{_OWNER}"
        for i in range(count)
    )


@pytest.mark.parametrize(("count", "found"), [(2, 1), (3, 0), (4, 0)])
def test_a_sentence_each_parallel_item_ends_with_is_a_formula(count: int, found: int) -> None:
    markup = PLAN + "\n五、专项活动 [tasks]\n" + _items(count)
    hits = [f for f in run(markup, "duplicate-passage") if f.severity != "info"]
    assert len(hits) == found, [(f.severity, f.evidence) for f in hits]


# fmt: off
LISTED_CASES = [
    # (the line of a filled 收文处理单, whether the specimen names are taken for unfilled slots)
    ("拟办意见：1、呈张三、李四同志阅示；2、呈王五同志阅处。", True),              # only specimens: slots
    ("拟办意见：1、呈刘洋、张三、陈静、李四同志阅示；2、呈王五同志阅处。", False),  # among real names: names
]
# fmt: on


@pytest.mark.parametrize(("line", "slots"), LISTED_CASES)
def test_specimen_names_listed_among_names_are_names(line: str, slots: bool) -> None:
    markup = PLAN + "\n五、办理意见 [other]\n收文日期：2024年3月5日。登记人：周敏。\n" + line
    found = run(markup, "placeholder")
    assert bool(found) == slots, [f.message for f in found]


_OPENING = (
    "为深入了解乡村学校的办学条件，我们组织十名同学走访了三所村小，记录了师资、课程和设施的现状，并与当地教师座谈。"
)


@pytest.mark.parametrize(("heading", "severity"), [("摘要", "info"), ("实践背景", "warn")])
def test_an_abstract_restating_the_body_is_no_paste(heading: str, severity: str) -> None:
    markup = PLAN + f"\n五、{heading} [other]\n{_OPENING}\n六、实践过程 [other]\n{_OPENING}\n随后整理了走访记录。"
    found = run(markup, "duplicate-passage")
    assert [f.severity for f in found] == [severity], [(f.severity, f.evidence) for f in found]


_FIELDS = PLAN.replace("由街道办牵头，2024年6月底前建成10个服务站。", "2024年6月底前建成10个服务站。{field}")


@pytest.mark.parametrize(
    ("field", "fires"), [("责任科室：社区事务科、规划科。", False), ("完成时限：2024年6月底。", True)]
)
def test_an_owner_field_in_the_items_names_their_owner(field: str, fires: bool) -> None:
    found = run(_FIELDS.format(field=field), "task-no-owner")
    assert bool(found) == fires, [f.message for f in found]


def test_a_placeholder_message_names_the_slot_once() -> None:
    markup = PLAN + "\n五、联系方式 [other]\n联系人：XXX，电话：由XX单位另行通知。"
    found = run(markup, "placeholder")
    assert found and all("（“" not in f.message and "“XXX”" in f.message for f in found), [f.message for f in found]


_ITEMS_PLAN = """关于开展2024年全民阅读月活动的实施方案
一、活动目标
到2024年5月底，全县中小学生人均阅读图书不少于5本。
二、活动内容
（一）校级初选。{first}于4月10日前完成本校读书笔记初选，每校推荐作品不少于5篇。
（二）乡镇展评。4月11日至4月20日，{second}组织展评，每场展评不少于2小时。
（三）全县评选。4月28日在县图书馆集中评选，评出一等奖3个、二等奖6个。
三、实施步骤
（一）准备阶段（2024年3月）。制定方案。
（二）实施阶段（2024年4月）。组织评选。
四、工作要求
各校要高度重视，精心组织。
"""


@pytest.mark.parametrize(
    ("first", "second", "message"),
    [
        ("各学校", "各乡镇中心校", None),  # each item opens with its unit, but the third: one item named
        ("学生", "展评", "都没有写明"),  # no unit opens an item: all unowned
    ],
)
def test_an_item_opening_with_its_unit_is_owned(first: str, second: str, message: str | None) -> None:
    from cxzy_nlp.pipeline import analyse_text

    text = _ITEMS_PLAN.format(first=first, second=second)
    found = [f for d in analyse_text(text, "plan.txt").documents for f in d.findings if f.rule == "task-no-owner"]
    if message is None:
        assert all("都没有写明" not in f.message for f in found), [f.message for f in found]
    else:
        assert found and message in found[0].message, [f.message for f in found]
