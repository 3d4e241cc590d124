"""Owners named by the shape of a whole paper (issue 16, stop 11): a bracketed carrier after a task, the units a
paper is handed to for carrying out, a subject with an aside before its duty, a name the paper gives the units doing
its work, the addressee of a reply told to act, and the issuer when it gives itself a step. Project-written text;
each shape has a control where the same names carry no task."""

from __future__ import annotations

import pytest

from cxzy_nlp.extract.owners import find_owners

# fmt: off
CASES = [
    # (text, an owner that must be found)
    ("二、建立行业交流平台（赵立新  副会长负责落实）\n", "赵立新"),
    ("以上事项已经研究同意，请转发各地区、各单位遵照执行。\n", "各地区"),
    ("为做好汛期值守，各地区、各单位尤其是沿江各县，要加强巡查。\n", "各地区"),
    ("各市教育局或有关学会（以下统称申报单位）统一报送，向我厅申请。\n", "申报单位"),
    ("某区人民政府：\n你区报来的请示收悉。请你区抓紧完成配套道路建设。\n", "某区人民政府"),
    ("某某局办公室关于征集优秀教学案例的通知\n各有关单位：\n我局将组织专家对报送案例进行评审。\n", "某某局办公室"),
]
# the same names where they carry no task
CONTROLS = [
    ("二、建立行业交流平台（赵立新  副会长）\n", "赵立新"),
    ("以上事项已经研究同意，特此报告。各地区、各单位名单附后。\n", "各地区"),
    ("各市教育局或有关学会（以下统称申报单位）的名单见附件。\n", "申报单位"),
    ("某区人民政府：\n你区报来的请示收悉。经研究，同意该项目立项。\n", "某区人民政府"),
    ("某某局办公室关于征集优秀教学案例的通知\n各有关单位：\n报送材料由各单位自行留存。\n", "某某局办公室"),
]
# fmt: on


def _names(text: str) -> list[str]:
    return [o.name for o in find_owners(text, (0, len(text)))]


@pytest.mark.parametrize(("text", "owner"), CASES)
def test_an_owner_named_by_the_shape_of_the_paper(text: str, owner: str) -> None:
    assert owner in _names(text)


@pytest.mark.parametrize(("text", "owner"), CONTROLS)
def test_the_same_name_carrying_no_task_is_no_owner(text: str, owner: str) -> None:
    assert owner not in _names(text)


def test_a_unit_after_the_preposition_jing_is_no_owner() -> None:
    assert _names("为丰富职工文化生活，经公司研究决定，举办运动会。") == []
    assert _names("经信局负责协调数据共享。") == ["经信局"]  # 经 opening a unit's name
