"""Owners of a team's plan (issue 16, stop 9): persons named after their role on a line of their own (项目经理：张明),
a name run on into the next field of a form line, a role before a person who takes on work, a role column beside
the names. Project-written text (invented names); cases that must not give an owner."""

from __future__ import annotations

import pytest

from cxzy_nlp.extract.owners import find_owners

# fmt: off
ROLES = [
    # text, owners that must be found
    ("8.1 项目组织\n项目经理：张明\n需求分析：李华\n程序设计：王强、赵敏\n", ["张明", "李华", "王强", "赵敏"]),
    ("五、人员分工\n摄影：王强\n", ["王强"]),
    ("负责人：周子明学号：20190001\n", ["周子明"]),
    ("项目负责人：张明联系电话：13800000000\n", ["张明"]),
    ("本小组共4人，组长高嘉伟负责整体协调。\n", ["高嘉伟"]),
    ("角色\t姓名\n项目经理\t张明\n测试工程师\t李华\n", ["张明", "李华"]),
    ("课程名称\t软件工程\n任课教师\t张明\n", ["张明"]),
    ("主办：某某大学校团委\n承办：某某学院学生会\n", ["某某大学校团委", "某某学院学生会"]),  # 主办 without 单位
    ("指导单位：某某市教育局\n", ["某某市教育局"]),  # a calendar's or a course form's teacher
    ("姓名\t性别\t工作\t优势\n张明\t女\t软件开发计划\tJava\n", ["张明"]),  # 工作: each member's share
]
NOT_OWNERS = [
    # text, a name that must not be found
    ("时间：周五\n", "周五"),  # a field and its value: jieba takes 周五 for no person
    ("地点：高楼\n", "高楼"),
    ("填表人：张明\n", "张明"),  # who filled in the paper carries no task
    ("审核人：李华\n", "李华"),
    ("责任编辑：王强\n", "王强"),  # a reposted page's editor
    ("项目经理：负责统筹\n", "负责统筹"),  # a duty, not a name
    ("赛事主办：详见附件\n", "详见附件"),
]
# fmt: on


@pytest.mark.parametrize(("text", "expected"), ROLES)
def test_persons_named_after_their_role_are_owners(text: str, expected: list[str]) -> None:
    names = [o.name for o in find_owners(text, (0, len(text)))]
    assert set(expected) <= set(names)


@pytest.mark.parametrize(("text", "name"), NOT_OWNERS)
def test_fields_and_the_paper_s_own_roles_give_no_owner(text: str, name: str) -> None:
    assert name not in [o.name for o in find_owners(text, (0, len(text)))]
