"""Budget shapes that hold on unseen documents (issue 16, stop 11), on project-written text with controls: the unit
in brackets after the figure (3500（元）, 1.2（万元）; a year heading a column is no amount), and a rate, a price or a
pay (500元/课时, 300元/晚, 单价, 月工资) that is not what a plan will spend, so is neither taken alone as its
total nor summed into one; a clause that opens with the event's money and gives its sum (活动经费预算为3000元) is
the budget stated in passing."""

from __future__ import annotations

import pytest

from cxzy_nlp.extract.money import find_amounts
from cxzy_nlp.pipeline import analyse_text

# fmt: off
AMOUNTS = [
    # (text, amounts in yuan)
    ("总计 3500（元）", [3500.0]),                       # the unit in brackets after the figure
    ("预算 1.2（万元）", [12000.0]),
    ("共 1,200(元)", [1200.0]),                           # half-width brackets, a thousands comma
    ("项目\t2024（万元）\t2025（万元）", []),              # control: years heading the columns
    ("金额（元）", []),                                   # control: a header, no figure
    ("共计3500元", [3500.0]),                             # control: the unit written after the figure
]
# fmt: on


@pytest.mark.parametrize(("text", "yuan"), AMOUNTS)
def test_the_unit_in_brackets_after_the_figure(text: str, yuan: list[float]) -> None:
    assert [a.yuan for a in find_amounts(text)] == yuan


def _plan(*budget: str) -> str:
    return "\n".join(
        [
            "某某社区读书节活动方案",
            "一、活动时间",
            "2024年5月1日至5月31日",
            "二、活动内容",
            "开展读书分享和图书漂流活动。",
            *budget,
            "某某社区居委会",
            "2024年4月1日",
        ]
    )


# fmt: off
BUDGETS = [
    # (text, budget total or None)
    (_plan("三、活动经费", "1.宣传海报 500（元）", "2.奖品 3000（元）", "总计 3500（元）"), 3500.0),
    (_plan("三、活动经费", "1.宣传海报 500元", "2.奖品 3000元", "总计 3500元"), 3500.0),      # control
    (_plan("三、经费预算", "1.宣传费 0.2（万元）", "2.奖品 0.3（万元）"), 5000.0),               # summed
    (_plan("三、经费预算", "讲课费500元/课时。"), None),                          # a rate, alone
    (_plan("三、经费预算", "1.讲课费500元/课时", "2.住宿费300元/晚"), None),       # rates, not summed
    (_plan("三、经费预算", "1.讲课费500元", "2.住宿费300元"), 800.0),              # control: sums
    (_plan("三、经费预算", "1.志愿者月工资2000元", "2.组长月工资3000元"), None),   # pay by the month
    (_plan("三、经费预算", "1.志愿者工资2000元", "2.组长工资3000元"), 5000.0),     # control: wages spent
    (_plan("三、经费预算", "购书单价50元。"), None),                                              # a price
    (_plan("三、经费预算", "购书费用50元。"), 50.0),                                              # control
]
# fmt: on


@pytest.mark.parametrize(("text", "total"), BUDGETS)
def test_a_budget_and_what_is_no_budget(text: str, total: float | None) -> None:
    doc = analyse_text(text).documents[0]
    assert (doc.budget.total if doc.budget else None) == total


def _in_passing(*words: str) -> str:
    return "\n".join(
        [
            "某某社区读书节活动方案",
            "一、活动时间",
            "2024年5月1日至5月31日",
            "二、活动内容",
            "开展读书分享和图书漂流活动。",
            "三、保障措施",
            *words,
            "某某社区居委会",
            "2024年4月1日",
        ]
    )


# fmt: off
IN_PASSING = [
    # (text, budget total or None): the event's money stated in a sentence, no budget section
    (_in_passing("活动经费预算为3000元，由社区承担。"), 3000.0),
    (_in_passing("活动经费共计3000（元），由社区承担。"), 3000.0),
    (_in_passing("活动所需资金1.5万元由街道拨付。"), 15000.0),
    (_in_passing("本次活动所需经费约5000元，由社区承担。"), 5000.0),   # control: 本次 named
    (_in_passing("活动经费为每人20元，由社区承担。"), None),            # control: a rate
    (_in_passing("上级下拨专项资金3000元用于图书更新。"), None),        # control: not the event's own money
]
# fmt: on


@pytest.mark.parametrize(("text", "total"), IN_PASSING)
def test_a_budget_stated_in_a_sentence(text: str, total: float | None) -> None:
    doc = analyse_text(text).documents[0]
    assert (doc.budget.total if doc.budget else None) == total
