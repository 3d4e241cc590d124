"""Zones at a document's edges: the 落款 and the attachment list above it, a cover above a plan's title (issue 14)."""

from __future__ import annotations

from cxzy_nlp.model import Document
from cxzy_nlp.pipeline import analyse_text


def _zones(doc: Document, text: str) -> list[tuple[str, str]]:
    return [(z.kind, text[z.span[0] : z.span[1]].split("\n")[0]) for z in doc.zones]


NOTICE = (
    "关于开展校园安全月活动的通知\n各学院：\n为做好校园安全工作，现将有关事项通知如下。\n一、活动时间\n4月全月。\n"
    "二、活动内容\n开展消防演练。\n附件：校园安全月活动安排表\n校保卫处\n2024年3月20日\n"
)


def test_an_attachment_list_above_the_signature_is_its_own_zone() -> None:
    analysis = analyse_text(NOTICE, stages="segment")
    zones = _zones(analysis.documents[0], analysis.text)
    assert ("attachment_list", "附件：校园安全月活动安排表") in zones
    assert ("signature", "校保卫处") in zones


def test_a_short_attachment_mark_is_an_attachment_list() -> None:
    text = NOTICE.replace("附件：校园安全月活动安排表", "附：\n1. 活动安排表\n2. 报名表")
    analysis = analyse_text(text, stages="segment")
    assert ("attachment_list", "附：") in _zones(analysis.documents[0], analysis.text)


def test_control_without_an_attachment_list_the_signature_is_unchanged() -> None:
    text = NOTICE.replace("附件：校园安全月活动安排表\n", "")
    analysis = analyse_text(text, stages="segment")
    zones = _zones(analysis.documents[0], analysis.text)
    assert not any(kind == "attachment_list" for kind, _ in zones)
    assert ("signature", "校保卫处") in zones


PLAN = (
    "图书管理系统\n开发小组\n图书管理系统软件开发计划\n1 引言\n本计划说明系统的开发安排。\n2 项目概述\n"
    "系统分为借阅、归还、查询三个模块。\n3 进度安排\n九月完成需求分析，十月完成编码。\n"
)


def test_short_lines_above_a_plans_title_are_its_cover() -> None:
    analysis = analyse_text(PLAN, stages="segment")
    (doc,) = analysis.documents
    assert _zones(doc, analysis.text)[:2] == [("cover", "图书管理系统"), ("body", "图书管理系统软件开发计划")]


def test_control_a_sentence_above_the_title_is_no_cover() -> None:
    text = PLAN.replace("开发小组\n", "本文件由开发小组编写，供评审使用。\n")
    analysis = analyse_text(text, stages="segment")
    assert not any(kind == "cover" for kind, _ in _zones(analysis.documents[0], analysis.text))


BOUND = (
    "学生信息管理系统\n实施方案\n团队名称：星火队\n目录\n一、概述\t3\n二、实施步骤\t4\n三、系统验收\t5\n"
    "一、概述\n本方案说明系统的实施安排。\n二、实施步骤\n分三步实施。\n三、系统验收\n由老师组织验收。\n"
)


def test_short_lines_above_a_contents_page_are_a_cover() -> None:
    analysis = analyse_text(BOUND, stages="segment")
    kinds = [kind for kind, _ in _zones(analysis.documents[0], analysis.text)]
    assert kinds[:3] == ["cover", "contents", "body"]


def test_control_a_sentence_above_the_contents_page_is_no_cover() -> None:
    text = BOUND.replace("团队名称：星火队\n", "本方案由星火队编写，请老师审阅。\n")
    analysis = analyse_text(text, stages="segment")
    assert "cover" not in [kind for kind, _ in _zones(analysis.documents[0], analysis.text)]


def test_control_a_short_document_without_contents_has_no_cover() -> None:
    analysis = analyse_text(
        "读书节活动方案\n一、活动目标\n人均读书五本。\n二、活动内容\n开展共读。\n", stages="segment"
    )
    (doc,) = analysis.documents
    assert [s.heading for s in doc.sections] == ["活动目标", "活动内容"]
    assert "cover" not in [kind for kind, _ in _zones(doc, analysis.text)]


LISTED = NOTICE.replace(
    "附件：校园安全月活动安排表", "附件：1.校园安全月活动安排表\n2.消防演练报名表\n3.各学院联系人名单"
)


def test_a_numbered_attachment_list_holds_no_sections() -> None:
    analysis = analyse_text(LISTED, stages="segment")
    (doc,) = analysis.documents
    assert ("attachment_list", "附件：1.校园安全月活动安排表") in _zones(doc, analysis.text)
    headings = [s.heading for top in doc.sections for s in top.walk()]
    assert headings == ["活动时间", "活动内容"], headings
    assert not doc.findings, doc.findings


def test_control_the_same_items_without_the_attachment_mark_are_a_list() -> None:
    text = LISTED.replace("附件：1.", "应准备：1.")
    analysis = analyse_text(text, stages="segment")
    headings = [s.heading for top in analysis.documents[0].sections for s in top.walk()]
    assert "消防演练报名表" in headings, headings
