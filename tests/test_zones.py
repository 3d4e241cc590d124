"""Zones at a document's edges: the 落款 and the attachment list above it, a cover above a plan's title (issue 14)."""

from __future__ import annotations

from cxzy_nlp.model import Block, BlockSpan, Document, NormalText
from cxzy_nlp.pipeline import analyse_text
from cxzy_nlp.segment import segment


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


# ------------------------------------------------------------------ edges of real documents (stop 26)

WEB_NOTICE = (
    "关于开展节约用水宣传周活动的通知\n首页\n>\n通知公告\n发文机关：\n市水务局\n成文日期：\n2024-03-01\n"
    "2024-03-02 09:15:20\n新闻来源：市水务局办公室\n各区水务部门，各有关单位：\n"
    "为增强节水意识，现将有关事项通知如下。\n一、活动时间\n3月下旬。\n二、活动内容\n开展进社区宣传。\n"
    "附件：1.宣传周活动安排表\n2.宣传材料清单\n市水务局\n2024年3月1日\n【关闭窗口】\n【打印本页】\n"
)


def test_a_web_copy_of_a_notice_has_its_page_furniture_and_its_signature() -> None:
    analysis = analyse_text(WEB_NOTICE, stages="segment")
    (doc,) = analysis.documents
    zones = _zones(doc, analysis.text)
    assert zones[0][0] == "furniture"  # the page's header and its fields, up to the 主送 line
    assert ("body", "各区水务部门，各有关单位：") in zones
    assert ("attachment_list", "附件：1.宣传周活动安排表") in zones
    assert ("signature", "市水务局") in zones
    assert zones[-1] == ("furniture", "【关闭窗口】")
    assert [s.heading for s in doc.sections] == ["活动时间", "活动内容"]


def test_an_attachment_list_broken_over_lines_stays_out_of_the_signature() -> None:
    # a page copy that prints each number on a line of its own, the name below it, and no colon after 附件
    text = WEB_NOTICE.replace(
        "附件：1.宣传周活动安排表\n2.宣传材料清单\n", "附件 1.\n宣传周活动安排表\n2.\n宣传材料清单\n"
    )
    analysis = analyse_text(text, stages="segment")
    (doc,) = analysis.documents
    zones = _zones(doc, analysis.text)
    assert ("attachment_list", "附件 1.") in zones, zones
    assert ("signature", "市水务局") in zones, zones  # not the last attachment's name
    assert [s.heading for s in doc.sections] == ["活动时间", "活动内容"]


def test_an_editors_note_on_a_line_of_its_own_is_page_furniture() -> None:
    for note in ("（网络配图）", "（本文有删减）"):
        text = WEB_NOTICE.replace("开展进社区宣传。\n", f"开展进社区宣传。\n{note}\n")
        analysis = analyse_text(text, stages="segment")
        (doc,) = analysis.documents
        assert ("furniture", note) in _zones(doc, analysis.text), note


def test_control_a_plans_fields_before_its_text_are_still_a_cover() -> None:
    text = "节水宣传活动方案\n编号：2024-01\n申报单位：市水务局\n一、活动时间\n3月下旬。\n二、活动内容\n开展宣传。\n"
    analysis = analyse_text(text, stages="segment")
    assert _zones(analysis.documents[0], analysis.text)[0][0] == "cover"


def test_the_signature_above_an_attachment_list_keeps_its_issuer() -> None:
    text = NOTICE.replace(
        "附件：校园安全月活动安排表\n校保卫处\n2024年3月20日\n",
        "校保卫处\n2024年3月20日\n附件1：活动安排表\n附件2：报名表\n",
    )
    analysis = analyse_text(text, stages="segment")
    zones = _zones(analysis.documents[0], analysis.text)
    assert ("signature", "校保卫处") in zones
    assert ("attachment_list", "附件1：活动安排表") in zones


MASTHEAD = "市教育局文件\n市教发〔2024〕5号\n关于做好春季开学工作的通知\n各学校：\n现就开学工作通知如下。\n一、做好返校准备\n清扫校园。\n二、加强安全管理\n排查隐患。\n市教育局\n2024年2月1日\n"


def test_a_notices_masthead_is_page_furniture() -> None:
    analysis = analyse_text(MASTHEAD, stages="segment")
    zones = _zones(analysis.documents[0], analysis.text)
    assert zones[:2] == [("furniture", "市教育局文件"), ("body", "关于做好春季开学工作的通知")]


def test_control_the_lines_above_a_plans_title_are_its_cover() -> None:
    text = MASTHEAD.replace("关于做好春季开学工作的通知", "春季开学工作实施方案").replace(
        "市教发〔2024〕5号\n", "第一小组\n"
    )
    analysis = analyse_text(text, stages="segment")
    assert _zones(analysis.documents[0], analysis.text)[0] == ("cover", "市教育局文件")


CLOSING_LIST = (
    "校园创新项目管理办法\n第一条 为规范项目管理，制定本办法。\n第二条 本办法由教务处负责解释。\n附件：\n"
    "1、项目申报书\n2、项目中期检查表\n3、项目结题报告\n教务处\n2024年3月8日\n"
)


def test_an_attachment_mark_over_names_and_the_signature_is_a_list_not_an_attachment() -> None:
    analysis = analyse_text(CLOSING_LIST, stages="segment")
    (doc,) = analysis.documents
    zones = _zones(doc, analysis.text)
    assert ("attachment_list", "附件：") in zones
    assert ("signature", "教务处") in zones
    assert "attachment" not in [kind for kind, _ in zones]


def test_control_an_attachment_with_text_of_its_own_stays_an_attachment() -> None:
    text = CLOSING_LIST.replace(
        "教务处\n2024年3月8日\n", "项目申报书\n一、项目简介\n本项目研究校园节能。\n二、研究内容\n调查用电情况。\n"
    )
    analysis = analyse_text(text, stages="segment")
    kinds = [kind for d in analysis.documents for kind, _ in _zones(d, analysis.text)]
    assert "attachment_list" not in kinds


FORM = (
    "大学生创新训练项目申报书\n一、项目简介\n本项目研究校园节能。\n二、经费预算\n共计3000元。\n"
    "项目负责人签名： 年 月 日\n导师意见： 签名： 年 月 日\n学院评审意见： 单位（盖章）： 年 月 日\n"
)


def test_an_approval_box_whose_sign_fields_share_its_line_is_an_approval_zone() -> None:
    analysis = analyse_text(FORM, stages="segment")
    zones = _zones(analysis.documents[0], analysis.text)
    assert ("approval", "导师意见： 签名： 年 月 日") in zones


def test_control_an_opinion_heading_with_text_is_no_approval_box() -> None:
    text = FORM.replace("导师意见： 签名： 年 月 日", "导师意见： 同意申报，研究内容充实。").replace(
        "学院评审意见： 单位（盖章）： 年 月 日", "学院评审意见： 推荐立项，经费合理。"
    )
    analysis = analyse_text(text, stages="segment")
    assert "approval" not in [kind for kind, _ in _zones(analysis.documents[0], analysis.text)]


def test_a_filled_sign_line_is_a_signature() -> None:
    text = "项目验收意见表\n项目名称\t图书管理系统\n总体意见：功能完整，同意验收。\n项目验收组（签字） 第三小组（张明，李华，王芳，赵强，刘洋，陈静） 日期：2024.06.27\n"
    analysis = analyse_text(text, stages="segment")
    zones = _zones(analysis.documents[0], analysis.text)
    assert zones[-1] == (
        "signature",
        "项目验收组（签字） 第三小组（张明，李华，王芳，赵强，刘洋，陈静） 日期：2024.06.27",
    ), zones


REPORT_COVER = [
    "2024年暑期社会实践报告",
    "校园节水实践团",
    "第三实践小分队",
    "建筑2201 张明 22011018 建筑学院 指导教师：王芳 副教授 联系人",
    "软件2202 李华 22301043 软件学院 指导教师：赵强",
    "软件2205 刘洋 22301137 软件学院 指导教师：陈静",
    "交通2214 孙伟 22252035 交通学院 指导教师：周杰",
    "某某大学 建筑与艺术学院",
    "2024年9月",
    *["一、实践背景\t3", "二、实践过程\t4", "三、实践成果\t6"],
    *["一、实践背景", "校园用水偏多。", "二、实践过程", "走访各学院。", "三、实践成果", "节水一成。"],
]


def _paragraphs(lines: list[str]) -> tuple[Document, str]:
    spans, pos = [], 0
    for line in lines:
        spans.append(BlockSpan(pos, pos + len(line), Block(line)))
        pos += len(line) + 1
    text = "\n".join(lines)
    (doc,) = segment(NormalText(text, tuple(spans)))
    return doc, text


def test_the_lines_of_a_reports_cover_above_its_contents_page_are_a_cover() -> None:
    doc, text = _paragraphs(REPORT_COVER)
    assert [kind for kind, _ in _zones(doc, text)][:3] == ["cover", "contents", "body"]
    assert [s.heading for s in doc.sections] == ["实践背景", "实践过程", "实践成果"]


def test_control_a_sentence_among_the_lines_above_the_contents_is_no_cover() -> None:
    lines = [
        x if x != "某某大学 建筑与艺术学院" else "本报告由实践团全体成员共同完成，请老师审阅。" for x in REPORT_COVER
    ]
    doc, text = _paragraphs(lines)
    assert "cover" not in [kind for kind, _ in _zones(doc, text)]


MENU = "走进学院\n学院概况\n师资队伍\n招生就业\n党建工作\n学院党委于2020年成立，现有党员30名，组织生活规范，各项工作稳步推进。\n{{--\n--}}\n"


def test_a_web_pages_menu_above_its_text_and_its_template_marks_are_page_furniture() -> None:
    doc, text = _paragraphs(MENU.rstrip("\n").split("\n"))
    zones = _zones(doc, text)
    assert zones[0] == ("furniture", "走进学院")
    assert zones[1][0] == "body"
    assert zones[-1] == ("furniture", "{{--")


def test_control_short_lines_above_headings_are_no_menu() -> None:
    lines = ["社会实践报告", "第三小分队", "张明", "李华", "王芳", "一、实践背景", "校园用水偏多，需要节约。"]
    doc, text = _paragraphs(lines)
    assert "furniture" not in [kind for kind, _ in _zones(doc, text)]


def _rows(lines: list[str]) -> tuple[Document, str]:
    spans, pos = [], 0
    for line in lines:
        kind = "table_row" if "\t" in line else "paragraph"
        spans.append(BlockSpan(pos, pos + len(line), Block(line, kind=kind)))
        pos += len(line) + 1
    text = "\n".join(lines)
    (doc,) = segment(NormalText(text, tuple(spans)))
    return doc, text


MINUTES = [
    "项目组会议纪要",
    "会议主题\t系统功能测试",
    "参会人员\t张明、李华、王芳",
    "会议时间\t2024.6.24\t会议地点\t教学楼二楼",
    "1、反馈任务完成情况。页面框架已经完成，可以创建数据库并存入信息，但还不能查看数据，需要继续完善。",
    "2、任务分配。张明负责前端，李华负责后端。",
]


def test_a_table_of_fields_at_the_opening_is_a_form_zone() -> None:
    doc, text = _rows(MINUTES)
    zones = _zones(doc, text)
    assert ("form", "会议主题\t系统功能测试") in zones
    assert zones[-1][0] == "body"


def test_control_one_table_row_at_the_opening_is_no_form() -> None:
    doc, text = _rows([x for x in MINUTES if not x.startswith(("参会", "会议时间"))])
    assert "form" not in [kind for kind, _ in _zones(doc, text)]
