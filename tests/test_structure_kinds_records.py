"""Kinds of records and comments (issue 14): an untitled text that opens with when, where and who fields is a
record (minutes); a kind word inside a quotation is someone else's words, not the document's; a 修改意见 on a draft
is no 公文 意见."""

from __future__ import annotations

import pytest

from cxzy_nlp.kinds import record_header, said
from cxzy_nlp.pipeline import analyse_text


def _kind(text: str) -> str | None:
    (doc,) = analyse_text(text, stages="segment").documents
    return doc.doc_type


# a student's notes on a defence, written for this test
NOTES = (
    "时间：2024年4月10日 下午三点\n地点：实验楼305\n成员：甲、乙、丙\n评委：丁老师、戊老师\n\n"
    "我们提前半小时到了候场室，先把演示程序又过了一遍。\n"
    "轮到我们时，我先讲背景，乙讲系统设计。\n"
    "最后我说：“谢谢各位评委老师！”然后鞠躬下台。\n"
)


def test_a_record_header_makes_minutes() -> None:
    assert _kind(NOTES) == "minutes"


def test_a_quoted_salutation_makes_no_speech() -> None:
    assert not said("我说：“谢谢各位评委老师！”", "各位评委")
    assert said("各位评委老师，大家好！", "各位评委")


@pytest.mark.parametrize(
    "text",
    [
        # no who field: an activity's time and place (a plan's facts), not a record
        "时间：2024年4月10日\n地点：操场\n内容：拔河比赛\n",
        # the fields come after an opening sentence: a notice's details, not a record's head
        "请各班做好准备。\n时间：2024年4月10日\n地点：操场\n参加人员：各班班长\n",
    ],
)
def test_fields_that_are_no_record_header(text: str) -> None:
    assert record_header(text, 0, len(text)) is None


def test_the_control_header_is_one() -> None:
    assert record_header(NOTES, 0, len(NOTES)) == ("minutes", "正文开头的记录栏目（时间、地点、成员）")


def test_comments_on_a_draft_are_no_opinion() -> None:
    text = "修改意见\n第一部分的标题太长，建议缩短。\n第二部分缺少联系人。\n"
    assert _kind(text) == "other"
    # control: a 公文 意见 keeps its kind
    assert _kind("关于加强校园安全管理的意见\n一、总体要求\n确保安全。\n二、主要措施\n加强巡查。\n") == "opinion"


def test_a_company_periodic_report_is_a_report() -> None:
    text = "某某股份有限公司2024年第一季度报告\n一、重要提示\n公司董事会保证季度报告内容真实。\n二、公司基本情况\n营业收入增长。\n"
    (doc,) = analyse_text(text, stages="segment").documents
    assert (doc.doc_type, doc.profile) == ("report", "study_report")
    # control: a statement's notes name a table, not a report
    assert _kind("财务报表附注\n一、公司的基本情况\n公司成立于2001年。\n二、会计政策\n按准则执行。\n") == "other"


FORM = "某某学院经费情况说明书\n说明内容：\n承诺对说明事项真实性负责！\n经办人签字： 负责人签字：年 月 日\n"


def test_a_form_printed_twice_is_two_documents() -> None:
    docs = analyse_text(FORM + FORM, stages="segment").documents
    assert [(d.doc_type, d.title) for d in docs] == [("application_form", "某某学院经费情况说明书")] * 2
    # control: the title again without a box to sign before it is no second copy
    unsigned = FORM.replace("经办人签字： 负责人签字：年 月 日\n", "请如实填写。\n")
    assert len(analyse_text(unsigned + unsigned, stages="segment").documents) == 1
