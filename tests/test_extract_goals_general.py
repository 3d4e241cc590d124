"""Goals found by their shape, not by a section label (issue 16, stop 10): a table's 目标值 column, an aim stated as
达到…的目的, a share (满意度, 参与度) set to reach a figure, a 计划 followed by a verb of reaching, a part headed as
the targets (工作目标, 建设目标) that the labeller did not call goals; and a person's name that is no word of the
language. Project-written text; each table has cases that must not give a goal."""

from __future__ import annotations

import pytest

from cxzy_nlp.classify import person_shares
from cxzy_nlp.extract import extract
from cxzy_nlp.extract.leaders import is_person_name
from cxzy_nlp.model import Document, Section


def _goals(text: str, sections: tuple[Section, ...] = ()) -> list[str]:
    doc = Document(title="某某", span=(0, len(text)), title_span=(0, 2), sections=sections)
    return [text[g.span[0] : g.span[1]] for g in extract(doc, text).goals]


# ------------------------------------------------------------------ a table with a column of values to reach

INDICATORS = "某某\n一级指标\t指标名称\t目标值\n产出指标\t培训人次\t不少于300人次\n效益指标\t学员满意度\t≥90%\n\n说明：按年度填写。\n"
# the same rows under a header with no column of targets: a list of facts, no goal
FACTS = "某某\n一级指标\t指标名称\t备注\n产出指标\t培训人次\t不少于300人次\n效益指标\t学员满意度\t≥90%\n\n说明：按年度填写。\n"


def test_each_filled_row_of_a_target_column_is_a_goal() -> None:
    assert _goals(INDICATORS) == ["产出指标\t培训人次\t不少于300人次", "效益指标\t学员满意度\t≥90%"]


def test_a_table_without_a_target_column_gives_no_goal() -> None:
    assert _goals(FACTS) == []


# ------------------------------------------------------------------ aims and targets stated in a sentence

# fmt: off
SENTENCES = [
    # (a sentence of a plan, whether it states a goal)
    ("通过组织系列讲座，达到普及急救知识、提高自救能力的目的。", True),
    ("参训教师满意度达到95%以上。", True),
    ("各班学生参与度不低于80%。", True),
    ("本学期计划招募志愿者40名。", True),
    ("力求做到人人参与、个个受益。", True),
    ("努力实现本年度消防安全工作目标。", True),
    ("各班晨练参与率95%以上。", True),
    # controls: an aim reached (looking back), a degree that is a measure of the weather, a plan as a noun
    ("上学期的讲座达到了普及急救知识的目的。", False),
    ("当天温度达到35摄氏度。", False),
    ("学校的工作计划，组织了40名志愿者。", False),
    ("该平台能够实现数据共享的目标。", False),
    ("为达到以上目标，学校将组织三项活动。", False),
    ("上月晨练参与率为95%。", False),
]
# fmt: on


@pytest.mark.parametrize(("sentence", "goal"), SENTENCES)
def test_a_sentence_stating_an_aim_or_a_target_is_a_goal(sentence: str, goal: bool) -> None:
    found = _goals(f"某某\n{sentence}\n")
    assert (found == [sentence]) is goal, found


# ------------------------------------------------------------------ a part headed as the targets, labelled otherwise


def _part(heading: str, body: str) -> tuple[str, tuple[Section, ...]]:
    text = f"某某\n一、{heading}\n{body}\n二、工作要求\n各单位按时报送材料。\n"
    start = text.index("一、")
    end = text.index("二、")
    head = (start, start + len(heading) + 2)
    later = text.index("工作要求")
    return text, (
        Section("s1", "一、", heading, 1, (start, end), head, labels=("tasks",)),
        Section("s2", "二、", "工作要求", 1, (end, len(text)), (end, later + 4), labels=("safeguards",)),
    )


@pytest.mark.parametrize("heading", ["工作目标", "建设目标", "年度目标"])
def test_a_part_headed_as_targets_gives_goals_whatever_its_label(heading: str) -> None:
    text, sections = _part(heading, "建成一支稳定的骨干教师队伍。")
    assert _goals(text, sections) == ["建成一支稳定的骨干教师队伍。"]


def test_a_task_part_with_another_heading_gives_no_goal_from_its_plain_sentences() -> None:
    text, sections = _part("主要任务", "建成一支稳定的骨干教师队伍。")
    assert _goals(text, sections) == []


# ------------------------------------------------------------------ a person's name is no word of the language


@pytest.mark.parametrize(("word", "name"), [("程序", False), ("文档", False), ("安全", False), ("张晓明", True)])
def test_a_name_opens_with_a_surname_and_is_no_common_word(word: str, name: bool) -> None:
    assert is_person_name(word) is name


def _headed(*headings: str) -> tuple[Section, ...]:
    return tuple(Section(f"s{i}", "", h, 2, (i * 10, i * 10 + 9), (i * 10, i * 10 + 3)) for i, h in enumerate(headings))


def test_parts_headed_by_common_nouns_are_no_persons_shares() -> None:
    # a technical plan's division by work (程序：…, 文档：…) is not a division by people; two names are
    assert person_shares(_headed("程序", "文档"), "work_plan") == frozenset()
    assert person_shares(_headed("张晓明", "李青"), "work_plan") == frozenset({"s0", "s1"})


# ------------------------------------------------------------------ a PDF's wrapped line cutting a target in two

# the long first line fills the page width and is cut off mid-word: the target (今年…减少…3000吨) runs over it
PDF = (
    "某某\n推进节能改造工作，是既利当前又利长远的举措，各地抓紧落实。今年全市各类企\n"
    "业减少标准煤消耗量3000吨左右，各县分头落实。\n"
)
# the same words with the first line closed by a stop: the will (今年) is in another paragraph, no target
CUT = "某某\n推进节能改造工作，是既利当前又利长远的举措，各地抓紧落实。今年全市各类企。\n业减少标准煤消耗量3000吨左右，各县分头落实。\n"


def test_a_target_cut_by_a_wrapped_line_is_read_whole() -> None:
    assert _goals(PDF) == ["今年全市各类企\n业减少标准煤消耗量3000吨左右，各县分头落实。"]


def test_a_paragraph_closed_by_a_stop_is_not_joined_to_the_next() -> None:
    assert _goals(CUT) == []
