"""Lists of names appended to a notice (获奖名单, 试点单位名单) are entries, not a ladder of headings (issue 14)."""

from __future__ import annotations

import pytest

from cxzy_nlp.model import Section
from cxzy_nlp.pipeline import analyse_text
from cxzy_nlp.zones import name_list_lines, names_entry


def _headings(sections: tuple[Section, ...]) -> list[str]:
    out: list[str] = []
    for s in sections:
        out.append(s.heading)
        out.extend(_headings(s.children))
    return out


def _notice(entries: list[str]) -> str:
    return (
        "关于公布校园科技节获奖名单的通知\n各学院：\n校园科技节已圆满结束，现将获奖名单公布如下。\n"
        "一、一等奖\n" + "".join(f"{i}. {e}\n" for i, e in enumerate(entries, 1)) + "二、有关要求\n"
        "请各学院做好表彰工作。\n校团委\n2024年5月20日\n"
    )


PEOPLE = ["张明 计算机学院", "李华 机械工程学院", "王芳 外国语学院", "赵强 理学院", "刘洋 经济管理学院"]
UNITS = ["市第一人民医院", "城南区妇幼保健院", "江东县人民医院", "河口镇卫生院", "市疾病预防控制中心"]
PARTS = ["加强组织领导", "开展专题培训", "组织现场观摩", "推进经验交流", "做好总结评估"]


# fmt: off
ENTRIES = [
    ("张明 计算机学院", True),
    ("李华（机械工程学院）", True),
    ("市第一人民医院", True),
    ("王芳 副教授 85.5", True),
    ("加强组织领导", False),   # a part of the work
    ("指导思想", False),
    ("时间安排", False),       # 时 is a surname, but four characters name no person here
    ("张明负责宣传", False),
    ("省医学会会长", True),          # a unit's office holder
    ("市卫生局：张明局长", True),    # 单位：姓名 职务
    ("时间：2024年5月", False),
    ("会议规模：", False),
]
# fmt: on


@pytest.mark.parametrize(("entry", "expected"), ENTRIES)
def test_an_entry_names_persons_or_units(entry: str, expected: bool) -> None:
    assert names_entry(entry) is expected


@pytest.mark.parametrize("entries", [PEOPLE, UNITS])
def test_a_list_of_names_gives_no_headings(entries: list[str]) -> None:
    analysis = analyse_text(_notice(entries), stages="check")
    (doc,) = analysis.documents
    assert _headings(doc.sections) == ["一等奖", "有关要求"]
    assert not [f for f in doc.findings if f.rule in ("heading-sequence", "heading-style")]


def test_control_a_list_of_parts_of_the_work_stays_headings() -> None:
    analysis = analyse_text(_notice(PARTS), stages="segment")
    assert _headings(analysis.documents[0].sections)[1:6] == PARTS


def test_control_names_with_text_under_them_stay_headings() -> None:
    lines = [f"{i}. {e}" for i, e in enumerate(PEOPLE, 1)]
    assert name_list_lines(lines) == set(range(5))
    spaced = [x for line in lines for x in (line, "该同学在竞赛中表现突出，获评优秀。")]
    assert name_list_lines(spaced) == set()


def test_a_short_run_is_no_list() -> None:
    assert name_list_lines([f"{i}. {e}" for i, e in enumerate(PEOPLE[:3], 1)]) == set()


def test_interleaved_columns_of_names_are_one_list() -> None:
    lines = ["1、张明", "4、王芳", "2、李华", "5、赵强", "3、刘洋", "6、陈静"]
    assert name_list_lines(lines) == set(range(6))


def test_a_list_of_guests_with_units_roles_and_an_unnumbered_entry_is_one_list() -> None:
    lines = [
        "（1）市卫生局：张明局长",
        "市医院管理中心：李华主任",
        "（2）市医学会会长：王芳",
        "（3）市医师协会：赵强",
        "（4）市中医院：刘洋院长",
    ]
    assert name_list_lines(lines) == {0, 2, 3, 4}
    assert name_list_lines([*lines[:1], "本单位负责会务，请提前一天报到。", *lines[2:]]) == set()  # text under an entry
