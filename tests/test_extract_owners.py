"""Owners: table columns, cue words, sentence subjects; and what is not an owner."""

from __future__ import annotations

import re

import pytest

from cxzy_nlp.extract import extract
from cxzy_nlp.extract.owners import find_owners
from cxzy_nlp.jsonio import document_from_dict, document_to_dict
from cxzy_nlp.model import Document

# fmt: off
OWNERS = [
    # text, owners that must be found (with how)
    ("地方各级人民政府要认真制定治理工作方案。", [("地方各级人民政府", "subject")]),
    ("各地以县为单位开展摸底排查。", [("各地", "subject")]),
    ("二、校团委负责活动的统筹协调；各学院要做好宣传。", [("校团委", "subject"), ("各学院", "subject")]),
    ("教育部门负责统筹，发展改革部门负责立项。", [("教育部门", "subject"), ("发展改革部门", "subject")]),
    ("该专项活动由校学工部负责组织。", [("校学工部", "cue")]),
    ("1.开展排查（牵头单位：市教育局、市民政局）", [("市教育局", "cue"), ("市民政局", "cue")]),
    ("责任人：张三", [("张三", "cue")]),
    ("加快推进试点（商务部、发展改革委等按职责分工负责）。", [("商务部", "cue"), ("发展改革委", "cue")]),
    ("序号\t工作任务\t牵头单位\t完成时限\n1\t摸底排查\t县教育局\t6月底\n2\t整改\t县住建局、县自然资源局\t9月底\n",
     [("县教育局", "column"), ("县住建局", "column"), ("县自然资源局", "column")]),
    ("姓名\t学院\t分工\n王小明\t计算机学院\t软件研发\n李华\t管理学院\t市场推广\n", [("王小明", "column"), ("李华", "column")]),
    ("1.建立协调机制。成立城镇小区配套幼儿园治理工作小组，组长由副秘书长担任。", [("城镇小区配套幼儿园治理工作小组", "cue")]),
    ("学校成立由校内外专家组成的专家委员会。", [("专家委员会", "cue")]),
    ("② 任务分配\n刘郡晟：软件研发及运营\n赵满刚：市场营销\n", [("刘郡晟", "cue"), ("赵满刚", "cue")]),
    ("开发人员：狗汪\n", [("狗汪", "cue")]),
    ("各省份于2019年11月底前完成考核。", [("各省份", "subject")]),
    ("预计花五天完成本阶段工作，主要由周余承担。", [("周余", "cue")]),
    ("由刘宏鑫、周余和文华一同承担。", [("刘宏鑫", "cue"), ("周余", "cue"), ("文华", "cue")]),
    # a division table: letter-spaced names closed up; rows under a merged 组别 cell are shifted left
    ("组别\t姓名\t职务\t具体任务\n宣传组\t顾 卜铵\t队长\t设计问卷\n郭 慧娜\t队员\n",
     [("顾卜铵", "column"), ("郭慧娜", "column")]),
    ("具体安排由就业指导中心另行通知。", [("就业指导中心", "cue")]),
    # units listed one a line under their label; a label alone on its line with a name below it
    ("赛区主办单位:\n 某某大学创新创业教育中心\n 某某大学智能制造研究院\n赛区协办单位：\n 某省自动化学会\n",
     [("某某大学创新创业教育中心", "cue"), ("某某大学智能制造研究院", "cue")]),
    ("1、指导老师：\n李海鹏 能源科学与工程学院 博士\n2、队员：\n", [("李海鹏", "cue")]),
    ("   主 持 人：          文华\n   所在学院：   计算机系", [("文华", "cue")]),
    # form rows, members and working groups by name, persons taking on work
    ("项目负责人\t张明\t学号\t2019001\n指导教师\t李强\t职称\t教授\n", [("张明", "cue"), ("李强", "cue")]),
    ("团队成员：张明、李强、王芳", [("张明", "cue"), ("李强", "cue"), ("王芳", "cue")]),
    ("宣传组：张明、李强\n后勤组：王芳\n", [("张明", "cue"), ("李强", "cue"), ("王芳", "cue")]),
    ("张明负责联系场地，李强主要负责购买物资。", [("张明", "subject"), ("李强", "subject")]),
    ("项目成员\n姓名\t学院\t专业\n张明\t计算机学院\t软件工程\n", [("张明", "column")]),
    # other labels and lead-ins; a unit with a bracketed note; a subject after a run-in heading
    ("主办方：某某大学学生会\n", [("某某大学学生会", "cue")]),
    ("组织单位：共青团某市委员会", [("共青团某市委员会", "cue")]),
    ("活动由学生会主办，各班级协办。", [("学生会", "cue")]),
    ("主要负责人：张明（组长）", [("张明", "cue")]),
    ("各乡镇（街道）要切实加强组织领导。", [("各乡镇（街道）", "subject")]),
    ("试点地区政府办公厅（室）要加强统筹。", [("试点地区政府办公厅（室）", "subject")]),
    ("四、工作要求 各地有关部门要提高政治站位", [("各地有关部门", "subject")]),
    ("项目组编制《测试计划》。", [("项目组", "subject")]),
    ("1.开展摸底排查。（县教育局牵头，县财政局、县民政局配合）",
     [("县教育局", "subject"), ("县财政局", "subject"), ("县民政局", "subject")]),
]
NOT_OWNERS = [
    "引导三级公立医院要坚持公益性。",  # an action, not a unit
    "全部要在月底前完成。",
    "姓名\t学院\t联系方式\n王小明\t计算机学院\t138\n",  # persons without a duty column: a roster
    "通过实地调研，掌握情况。",
    "备注：需要盖章\n",  # a label line whose head is no surname
    "组别\t姓名\t职务\t具体任务\n宣传组\t顾卜铵\t队长\t设计问卷\n安全员\t队员\n",  # a role is no name
    "主办单位：\n本次活动旨在掌握情况。\n",  # a sentence below a label is no unit
    "项目负责人\t全部\n",  # a form cell that is no name
]
# fmt: on


@pytest.mark.parametrize(("text", "expected"), OWNERS)
def test_owner_forms(text: str, expected: list[tuple[str, str]]) -> None:
    found = {(o.name, o.how) for o in find_owners(text, (0, len(text)))}
    assert set(expected) <= found
    for o in find_owners(text, (0, len(text))):
        assert re.sub(r"\s", "", text[o.span[0] : o.span[1]]) == o.name  # as written, letter spacing closed


@pytest.mark.parametrize("text", NOT_OWNERS)
def test_not_owners(text: str) -> None:
    names = [o.name for o in find_owners(text, (0, len(text)))]
    assert not [n for n in names if n in ("引导三级公立医院", "全部", "王小明", "掌握情况", "备注", "安全员", "队员")]


def test_owners_reach_the_document_and_its_json() -> None:
    text = "某工作方案\n各县区人民政府要加强组织领导。\n"
    doc = extract(Document(title="某工作方案", span=(0, len(text)), title_span=(0, 5)), text)
    assert [o.name for o in doc.owners] == ["各县区人民政府"]
    assert document_from_dict(document_to_dict(doc)).owners == doc.owners
