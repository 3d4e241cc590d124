"""The 落款 (issue 14): every unit of a joint 公文 signs, however many; a date line may carry the place it was signed
at; units right above a date that closes a 落款 inside a page's text sign too; a long 主送 line of a joint 公文
still opens its body."""

from __future__ import annotations

from cxzy_nlp.pipeline import analyse_text
from cxzy_nlp.zones import is_dated_line, issuer_units

UNITS = [
    "某省教育厅",
    "某省科学技术厅",
    "某省财政厅",
    "某省人力资源和社会保障厅",
    "某省卫生健康委员会",
    "某省体育局",
    "共青团某省委员会",
]
BODY = (
    "关于开展青少年科技创新活动的通知\n"
    "各市教育局：\n"
    "为激发青少年创新热情，现就开展科技创新活动有关事项通知如下。\n"
    "一、活动内容\n开展科技作品征集和展示活动。\n"
    "二、工作要求\n各地要认真组织，按时报送作品。\n"
)


def _zone_at(text: str, line: str) -> str:
    (doc,) = analyse_text(text, "n.txt", stages="segment").documents
    at = text.index(line + "\n")
    return next(z.kind for z in doc.zones if z.span[0] <= at < z.span[1])


def test_all_units_of_a_joint_notice_sign() -> None:
    text = BODY + "\n".join(UNITS) + "\n2024年3月1日\n"
    assert [_zone_at(text, u) for u in UNITS] == ["signature"] * len(UNITS)


def test_a_short_line_of_text_far_above_the_date_does_not_sign() -> None:
    # control: beyond the usual reach, a line that names no unit stays in the body
    text = BODY + "请按时报送作品\n" + "\n".join(UNITS) + "\n2024年3月1日\n"
    assert _zone_at(text, "请按时报送作品") == "body"


def test_a_date_line_with_the_place() -> None:
    assert is_dated_line("2015年2月6日 苏州")
    assert not is_dated_line("2015年2月6日 召开全体会议并讨论")  # a date heading a sentence
    text = BODY + "某省教育厅\n2024年3月1日 杭州\n"
    assert _zone_at(text, "某省教育厅") == "signature"


def test_units_above_a_date_inside_the_text_sign() -> None:
    text = (
        BODY
        + "附件：1.作品登记表\n某省教育厅\n某省科学技术厅\n2024年3月1日\n本站编辑部\n为方便读者，本页另附往期活动回顾。\n"
    )
    assert _zone_at(text, "某省科学技术厅") == "signature"
    assert _zone_at(text, "某省教育厅") == "signature"


def test_units_and_names() -> None:
    assert issuer_units("市场监督管理总局  工业和信息化部")
    assert not issuer_units("张学务 李龙真")
    assert not issuer_units("请按时报送作品")


def test_a_long_addressee_line_opens_the_body_of_a_web_copy() -> None:
    addressee = (
        "各省、自治区、直辖市及计划单列市" + "、".join(u.replace("某省", "") + "主管部门" for u in UNITS) + "：\n"
    )
    page = (
        "关于开展青少年科技创新活动的通知\n首页\n>\n文件发布\n发文机关：\n某省教育厅\n发文字号：\n某教发〔2024〕3号\n"
        "成文日期：\n2024-03-01\n发布机构：\n办公室\n"
        "关于开展青少年科技创新活动的通知\n发布时间：2024-03-02 10:00\n某教发〔2024〕3号\n"
        + addressee
        + BODY.split("\n", 2)[2]
        + "某省教育厅\n2024年3月1日\n"
    )
    assert len(addressee) > 85  # longer than the 80 characters a 主送 line was allowed
    assert _zone_at(page, "发文机关：") == "furniture"


RECORD = (
    "项目组例会记录\n"
    "会议时间：2024年3月5日\n会议地点：实验楼302\n参会人员：王一、李二、张三\n"
    "一、上周进展\n地图页面完成，搜索功能还在调试。\n"
    "二、本周安排\n王一负责搜索跳转，李二整理楼栋介绍。\n"
    "{close}\n"
)


def test_a_records_line_of_blank_fields_for_its_writer_and_checker_is_its_signature() -> None:
    for close in ("整理： 审核：", "记录人： 组长复核："):
        text = RECORD.format(close=close)
        assert _zone_at(text, close) == "signature", close


def test_control_a_field_with_its_value_or_a_label_of_the_text_is_no_sign_off() -> None:
    from cxzy_nlp.zones import is_sign_off

    assert not is_sign_off("下一步工作：")  # a label heading the text below it
    assert not is_sign_off("记录人：张三 时间：2024年3月5日")  # filled fields
    assert is_sign_off("整理： 审核：")
