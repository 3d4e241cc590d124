"""step-no-time lets an undated steps part pass only when another steps part dates several points, not one deadline."""

from __future__ import annotations

from cxzy_nlp.pipeline import analyse_text

PLAN = """关于开展社区读书活动的实施方案
一、工作目标
全年组织读书分享会十二场。
二、主要任务
组织读书分享会，建设流动书屋。
三、{elsewhere}
{elsewhere_body}
四、实施步骤
先开展调研，再组织分享会，最后总结评比。
五、保障措施
各单位加强领导。
"""


def _raised(elsewhere: str, body: str) -> bool:
    text = PLAN.format(elsewhere=elsewhere, elsewhere_body=body)
    [doc] = analyse_text(text, profile="implementation_plan").documents
    return any(f.rule == "step-no-time" and "实施步骤" in f.message for f in doc.findings)


def test_one_deadline_elsewhere_does_not_date_the_steps() -> None:
    assert _raised("完成期限", "全部工作于2024年12月底前完成。")


def test_a_dated_schedule_elsewhere_does() -> None:  # control: several points in time
    assert not _raised("进度安排", "2024年3月启动调研；2024年6月组织分享会；2024年11月总结评比。")
