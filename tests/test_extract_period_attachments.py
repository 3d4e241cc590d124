"""A plan's period is its own: the term of a contract, a questionnaire or rules attached after it is not the plan's
period (judged false alarm, fifth round: an attached agreement's 合作时间 checked the plan's schedule)."""

from __future__ import annotations

import pytest

from cxzy_nlp.pipeline import analyse_text

PLAN = """某某学院读书分享活动方案
一、活动目的
丰富校园文化生活，提高学生阅读兴趣。
二、活动内容
（一）好书推荐
各班推选好书并在班会上分享。
（二）读书沙龙
邀请教师与学生交流读书心得。
三、工作要求
各班认真组织，确保活动取得实效。
{own}
某某学院团委
2024年3月1日
附件：合作协议
合作协议
甲乙双方经友好协商，现就合作事宜达成一致，协议如下：
一、合作说明
合作时间：2024年5月10日-2027年5月10日。由签约日计算。
二、双方权利
甲方负责场地，乙方负责图书。
"""


@pytest.mark.parametrize(
    ("own", "period"),
    [
        ("", None),  # only the attached agreement states a term: no stated period for the plan
        ("活动时间：2024年3月10日至4月30日。", ("2024-03-10", "2024-04-30")),  # control: the plan's own time
    ],
)
def test_an_attached_agreements_term_is_not_the_plans_period(own: str, period: tuple[str, str] | None) -> None:
    doc = analyse_text(PLAN.format(own=own), "plan.txt").documents[0]
    stated = doc.period if doc.period and doc.period.source == "stated" else None
    assert ((stated.start, stated.end) if stated else None) == period, (doc.period, [z.kind for z in doc.zones])
