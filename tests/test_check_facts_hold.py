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
