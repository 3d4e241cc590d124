"""Kinds of forms and of documents with no cue (cxzy_nlp.kinds, cxzy_nlp.doctitle): project-written texts."""

from __future__ import annotations

import pytest

from cxzy_nlp.doctitle import form_word_line, title_continues
from cxzy_nlp.kinds import NO_CUE
from cxzy_nlp.pipeline import analyse_text

FIELDS = "项目名称：校园导航小程序\n项目负责人：张明\n指导教师：李华\n起止年月：2024年5月至2025年4月\n"


def _kinds(text: str) -> list[tuple[str | None, str | None]]:
    return [(d.doc_type, d.title) for d in analyse_text(text, stages="segment").documents]


# fmt: off
COVERS = [
    # (cover title lines, kind, title)
    ("大学生创新创业训练计划项目\n合 同 书\n", "application_form", "大学生创新创业训练计划项目合同书"),
    ("大学生创业（训练、实践）计划\n项目申报书\n", "application_form", "大学生创业（训练、实践）计划项目申报书"),
    ("2024年度科研计划项目\n任务书\n", "application_form", "2024年度科研计划项目任务书"),
    ("大学生创新创业训练计划项目中期检查报告\n", "application_form", "大学生创新创业训练计划项目中期检查报告"),
]
# fmt: on


@pytest.mark.parametrize(("cover", "kind", "title"), COVERS, ids=["contract", "application", "task", "midterm"])
def test_a_forms_title_whose_kind_stands_on_its_own_line(cover: str, kind: str, title: str) -> None:
    assert _kinds(cover + FIELDS) == [(kind, title)]


def test_control_a_title_line_followed_by_other_short_lines_keeps_its_own_kind() -> None:
    # a plan's title over a heading or a line that names no form: no form, no joined title
    assert _kinds("2024年志愿服务工作计划\n进度安排\n3月启动，6月总结。\n") == [
        ("work_schedule", "2024年志愿服务工作计划")
    ]
    assert _kinds("大学生创新创业训练计划项目\n" + FIELDS)[0][0] != "application_form"


@pytest.mark.parametrize(
    ("line", "form"),
    [
        ("合 同 书", True),
        ("项目申报书", True),
        ("任务书", True),
        ("进度计划", False),
        ("一、申报书", False),
        ("本项目的详细申报书", False),
        ("申报书：", False),
    ],
)
def test_a_line_that_is_a_forms_kind(line: str, form: bool) -> None:
    assert form_word_line(line) is form
    assert title_continues("大学生创新创业训练计划项目", line) is form


def test_a_document_with_no_cue_is_other_with_its_evidence() -> None:
    (doc,) = analyse_text("两个问题\n6月1日到6月5日：熟悉产品操作。\n", stages="segment").documents
    assert (doc.doc_type, doc.doc_type_evidence, doc.profile) == ("other", NO_CUE, None)
    # control: a cue gives its kind, not other
    (plan,) = analyse_text("读书节活动方案\n一、活动内容\n开展共读。\n", stages="segment").documents
    assert plan.doc_type == "activity_plan" and plan.doc_type_evidence != NO_CUE


RECORD = "二月党员大会暨主题党日记录表\n会议时间：2024年2月26日\n{fields}\n一、会议议题\n学习党章。\n二、会议记录\n支部书记传达上级精神。\n"


def test_a_meeting_record_is_known_by_its_attendance_fields() -> None:
    (doc,) = analyse_text(RECORD.format(fields="应到人数：30 实到人数：26\n记录人：王芳"), stages="segment").documents
    assert doc.doc_type == "minutes"
    # control: without its attendance fields the record names no kind
    (bare,) = analyse_text(RECORD.format(fields="地点：会议室"), stages="segment").documents
    assert bare.doc_type == "other"


def test_a_web_pages_headline_glued_to_its_breadcrumbs_is_its_title() -> None:
    body = "\n某部办公厅\n各有关单位：\n现将有关事项通知如下。\n一、申报范围\n各类企业均可申报。\n"
    head = "某部办公厅关于开展2024年示范项目申报工作的通知"
    (doc,) = analyse_text(head + "首页>某部>文件发布发文机关：" + body, stages="segment").documents
    assert (doc.title, doc.doc_type_evidence) == (head, "标题文种“通知”")
    # control: the headline glued to a sentence of the text is no title line
    (glued,) = analyse_text(head + "要求各单位认真组织" + body, stages="segment").documents
    assert glued.doc_type_evidence != "标题文种“通知”"
