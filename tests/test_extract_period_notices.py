"""A notice's period (issue 16, stop 10): a notice that only sets due dates has none of its own — one due date
alone, or deadlines for handing things in after which the issuer's own steps (评审, 遴选, 公布) run with no date; a
notice whose deadlines close its work keeps the period from its 成文日期 to the last of them. Project-written text,
each case with a control."""

from __future__ import annotations

import pytest

from cxzy_nlp.extract.period import due_dates_only
from cxzy_nlp.pipeline import analyse_text


def _notice(*body: str, signed: str = "2024年4月1日", head: tuple[str, ...] = ()) -> str:
    return "\n".join([*head, "某某厅关于开展某某案例征集工作的通知", "各有关单位：", *body, "某某厅办公室", signed])


CALL = (
    "一、征集范围",
    "面向本省企业征集优秀应用案例。",
    "二、申报流程",
    "（一）申报单位登录申报系统填写材料，申报截止时间为2024年5月10日。",
    "（二）推荐单位于2024年5月20日前将推荐汇总表寄送至联系地址。",
)
LATER = ("（三）某某厅将组织专家评审，择优公布入选名单。",)
ONE_DUE = ("请各单位于2024年6月30日前报送本单位实施方案。", "联系人：某某")
PLAN = "\n".join(
    ["某某学院读书月活动方案", "一、活动内容", "各班于2024年6月30日前完成读书分享。", "某某学院", "2024年4月1日"]
)
ARTICLE = "\n".join(
    ["按照《某某事业发展规划》的部署，各地推进档案建设。", "扎实推进档案建设", "请于2024年6月30日前报送经验材料。"]
)
WORK = ("2024年5月1日至5月31日，各单位开展自查。",)


# fmt: off
CASES = [
    # (text, period (start, end) or None)
    (_notice(*CALL, *LATER), None),                                    # review and list follow, undated
    (_notice(*CALL), ("2024-04-01", "2024-05-20")),                    # control: the deadlines close the call
    (_notice(*ONE_DUE), None),                                         # one due date, no span of work
    (PLAN, ("2024-04-01", "2024-06-30")),                              # control: a plan's one deadline
    (ARTICLE, None),                                                   # a plan cited in a sentence: no plan
    (_notice(*WORK, *ONE_DUE), ("2024-05-01", "2024-05-31")),          # control: a range of work is set
    (_notice(*CALL, *LATER, head=("发布时间：2024-04-03 10:00",)), None),  # a page's 发布时间 is no day of work
]
# fmt: on


@pytest.mark.parametrize(("text", "period"), CASES)
def test_a_notice_that_only_sets_due_dates_has_no_period(text: str, period: tuple[str, str] | None) -> None:
    doc = analyse_text(text).documents[0]
    got = (doc.period.start, doc.period.end) if doc.period else None
    assert got == period


def test_due_dates_only_reads_the_year_of_the_signature_when_none_is_given() -> None:
    text = _notice("请各单位于6月30日前报送本单位实施方案。")
    assert due_dates_only(text, (0, len(text)), None)
    assert not due_dates_only(_notice(*CALL), (0, len(_notice(*CALL))), None)  # control: two deadlines, no step
