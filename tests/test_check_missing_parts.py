"""missing-section trusts what the document shows (issue 15): an activity plan whose activities are written
out (a dated 流程安排) has its content, and a cover page split off as a document of its own holds no parts to
ask for. Each case has a twin that differs only in the point at issue."""

from __future__ import annotations

import pytest
from test_check_rules import run

from cxzy_nlp.model import Activity

ACTIVITY_PLAN = """
# 校园读书月活动策划书
一、活动目的 [goals]
到2024年5月底，全校借阅量比去年同期提高20%。
二、活动流程安排 [steps]
{flow}
三、注意事项 [safeguards]
各班安全员负责活动期间的安全提醒。
四、活动时间地点 [logistics]
2024年4月1日至4月30日，校图书馆。
"""
FLOW = "2024年4月1日，由学生会在图书馆举行读书月启动仪式。\n2024年4月10日，由各班班长组织好书推荐会。\n2024年4月20日，由语文组举办读书征文比赛。"


def _activities(count: int) -> tuple[Activity, ...]:
    names = ("启动仪式", "好书推荐会", "读书征文比赛")
    return tuple(Activity(name=n, text=n, span=(0, 2), section=None) for n in names[:count])


@pytest.mark.parametrize(("count", "reported"), [(3, False), (2, True)])
def test_activities_written_out_are_the_content_of_an_activity_plan(count: int, reported: bool) -> None:
    markup = ACTIVITY_PLAN.format(flow=FLOW)
    found = run(markup, "missing-section", doc_type="activity_plan", activities=_activities(count))
    found = [f for f in found if "活动内容" in f.message]
    assert bool(found) == reported, [f.message for f in found]


@pytest.mark.parametrize(
    ("cover", "reported"),
    [
        ("# 策划书\n某某学院\n2017年6月10日", False),
        ("# 策划书\n" + "某某学院组织学生到企业参观调研，了解新能源汽车产业的发展现状。" * 4, True),
    ],
)
def test_a_cover_page_alone_is_not_asked_for_parts(cover: str, reported: bool) -> None:
    found = run(cover, "missing-section", doc_type="activity_plan")
    assert bool(found) == reported, [f.message for f in found]
