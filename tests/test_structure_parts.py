"""missing-section finds a part wherever it is written; empty-section treats lists, tables and title lines
as what they are (issue 15). Each negative case has a positive twin that differs only in the point at issue.
"""

from __future__ import annotations

import pytest
from test_check_rules import PLAN, run

NO_STEPS = PLAN.replace("三、实施步骤 [steps]", "三、其他安排").replace("[steps]", "")

# fmt: off
MISSING_CASES = [
    # (markup, fires): the steps part written as a lead, a table column, a bare line; and the controls
    (NO_STEPS, True),
    (NO_STEPS.replace("摸清底数，制定计划。", "进度安排：1月摸清底数，2月制定计划。"), False),
    (NO_STEPS.replace("摸清底数，制定计划。", "序号\t事项\t进度安排\n1\t摸底\t1月"), False),
    (NO_STEPS.replace("摸清底数，制定计划。", "时间安排\n1月摸清底数，2月制定计划。"), False),
    (NO_STEPS.replace("摸清底数，制定计划。", "摸清底数，按进度安排制定计划。"), True),  # a word in a sentence
    (NO_STEPS.replace("摸清底数，制定计划。", "备注：1月摸清底数。"), True),  # a lead naming no part
]
# fmt: on


@pytest.mark.parametrize(("markup", "fires"), MISSING_CASES)
def test_a_part_counts_wherever_it_is_written(markup: str, fires: bool) -> None:
    assert bool(run(markup, "missing-section")) == fires


def test_the_message_says_what_was_looked_for() -> None:
    (finding,) = run(NO_STEPS, "missing-section")
    assert "实施步骤" in finding.message and "各级标题" in finding.message and "表格栏目" in finding.message
    assert "引导语" in finding.message


@pytest.mark.parametrize(("title", "fires"), [("进度安排", True), ("2024年社区服务提升实施方案", True)])
def test_the_document_title_is_not_a_part(title: str, fires: bool) -> None:
    markup = NO_STEPS.replace("2024年社区服务提升实施方案", title)
    assert bool(run(markup, "missing-section", profile="implementation_plan")) == fires


END = PLAN.replace("全面推进建设。", "全面推进建设。\n（三）{heading}\n{body}")

# fmt: off
EMPTY_CASES = [
    # (a part appended to the steps, its body, headings reported empty)
    ("参与单位", "（一）街道组\n东街道12人。", set()),  # a list starting again at one right under it
    ("参与单位", "（五）街道组\n东街道12人。", {"（三）参与单位"}),  # control: the next heading is no first child
    ("呈王明同志阅示；", "（四）总结阶段\n总结验收。", set()),  # an item closed by ；is a sentence of a list
    ("呈王明同志阅示", "（四）总结阶段\n总结验收。", {"（三）呈王明同志阅示"}),  # control
    ("实施方案", "", set()),  # a 文种 line set apart from its table (会议纪要 above the form it heads)
    ("联系方式", "", {"（三）联系方式"}),  # control: a part's name left empty
    ("组织架构图", "", set()),  # the title of a picture or table the text does not hold
    ("服务站点一览表（2024年）", "", set()),
    ("联系方式", "报送材料：1.服务站名单\n2.活动日程\n3.联系人\n见附表。", set()),  # a list begun inside a line
    ("联系方式", "报送材料：服务站名单\n2.活动日程\n3.联系人\n见附表。", {"2.活动日程"}),  # control: no 1. above
]
# fmt: on


@pytest.mark.parametrize(("heading", "body", "reported"), EMPTY_CASES)
def test_lists_items_and_title_lines_are_not_empty_sections(heading: str, body: str, reported: set[str]) -> None:
    found = run(END.format(heading=heading, body=body), "empty-section")
    assert {f.evidence for f in found} == reported, [f.message for f in found]


UNPARTED = "# 2024年社区服务工作总结\n全年建成服务站10个，成效明显。{problems}明年再建5个。\n"


@pytest.mark.parametrize(
    ("problems", "missing"),
    [("部分站点人手不足。", set()), ("", {"存在问题"}), ("部分站点人手有待充实。", {"存在问题"})],
)
def test_a_text_not_laid_out_in_parts_is_read_for_its_words(problems: str, missing: set[str]) -> None:
    found = run(UNPARTED.format(problems=problems), "missing-section")
    assert {f.message.split("“")[1].split("”")[0] for f in found} == missing, [f.message for f in found]
    assert all("全文未分部分" in f.message for f in found)


def test_control_a_plan_laid_out_in_parts_is_not_read_for_words() -> None:
    words = NO_STEPS.replace("摸清底数，制定计划。", "摸清底数，分步骤推进。")  # 步骤 in a sentence
    assert run(words, "missing-section")
