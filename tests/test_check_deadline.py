"""deadline-passed (issue 15): a deadline the document sets that falls before its own 成文日期.

Table-driven: each sentence that fires has a twin that does not; the documents are written for the test."""

from __future__ import annotations

import pytest
from test_check_rules import PLAN, run

NOTICE = PLAN.replace("# 2024年社区服务提升实施方案", "# 关于开展社区服务提升工作的通知")
ISSUED = {"doc_type": "notice", "date": "2024-03-10"}

# fmt: off
CASES = [
    # (sentence added to the notice, fires)
    ("请各社区于2024年3月1日前将工作方案报送街道办。", True),
    ("请各社区于2024年3月31日前将工作方案报送街道办。", False),          # after the 成文日期
    ("报名截止时间：2024年2月28日，逾期不再受理。", True),
    ("报名截止时间：2024年4月28日，逾期不再受理。", False),
    ("各社区已于2024年3月1日前完成摸底。", False),                        # tells what was done
    ("截至2023年底，全街道共建成服务站12个。", False),                     # 截至: a point of the statistics
    ("2024年3月1日前，全街道共建成服务站12个。", False),                   # no one is asked to do anything
    ("请各社区于3月1日前将工作方案报送街道办。", False),                   # the year is assumed, not written
]
# fmt: on


@pytest.mark.parametrize(("sentence", "fires"), CASES)
def test_a_deadline_before_the_date_of_issue(sentence: str, fires: bool) -> None:
    found = run(NOTICE + "\n" + sentence, "deadline-passed", **ISSUED)
    assert bool(found) == fires, [f.message for f in found]
    for f in found:
        assert "2024-03-10" in f.message and f.severity == "warn"


def test_kinds_that_set_no_deadlines_are_not_asked() -> None:
    sentence = "请各社区于2024年3月1日前将工作方案报送街道办。"
    assert run(NOTICE + "\n" + sentence, "deadline-passed", doc_type="minutes", date="2024-03-10") == []
    assert run(NOTICE + "\n" + sentence, "deadline-passed", **ISSUED)  # control: the same under a 通知
