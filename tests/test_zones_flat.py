"""Zones of a web page flattened onto one line (a scraped 公文): header, text, 落款, footer (cxzy_nlp.zones)."""

from __future__ import annotations

from cxzy_nlp.pipeline import analyse_text
from cxzy_nlp.zones import FLAT_LINE_MIN, flat_page_pieces

HEADLINE = "某市教育局关于做好暑期学生安全工作的通知"
TEXT = (
    "各区教育局： 现将暑期学生安全工作通知如下。 一、加强安全宣传 各校要在放假前召开安全教育大会，"
    "向学生讲清防溺水、防交通事故、防电信诈骗等安全知识，并通过家长会、告家长书等方式提醒家长履行监护责任。 "
    "二、落实值班制度 暑期实行领导带班和二十四小时值班制度，值班人员要保持通讯畅通，遇有突发事件及时报告，"
    "不得迟报、漏报、瞒报。 三、开展安全检查 各区要在开学前组织一次校舍、食堂和消防设施的全面检查，"
    "发现隐患立即整改，整改情况于八月二十日前报市教育局安全科。"
)
PAGE = (
    f"{HEADLINE}_某市教育局网站 设为首页 加入收藏 当前位置： 首页 > 通知公告 > 正文 "
    f"{HEADLINE} 2024年07月01日 09:30 来源： 某市教育局 【打印】 【关闭】 "
    f"{HEADLINE} {TEXT} 某市教育局 某市公安局 2024年6月28日 （此件公开发布） "
    "关闭 某市教育局 版权所有 联系我们 京ICP备12345678号 返回顶部\n"
)


def _zones(text: str) -> list[tuple[str, str]]:
    analysis = analyse_text(text, stages="segment")
    (doc,) = analysis.documents
    return [(z.kind, analysis.text[z.span[0] : z.span[1]].strip()[:8]) for z in doc.zones]


def test_a_flattened_page_has_its_header_text_signature_and_footer() -> None:
    assert len(PAGE) >= FLAT_LINE_MIN
    assert _zones(PAGE) == [
        ("furniture", HEADLINE[:8]),
        ("body", HEADLINE[:8]),  # the last copy of the headline opens the text
        ("signature", "某市教育局 某市"),
        ("furniture", "（此件公开发布）"),  # and the footer after it (关闭 … 版权所有): one run of furniture
    ]
    (doc,) = analyse_text(PAGE, stages="segment").documents
    assert doc.sections and doc.sections[0].heading.startswith("加强安全宣传")  # the text holds sections again


def test_control_a_long_line_with_no_page_header_is_left_whole() -> None:
    line = f"{HEADLINE} {TEXT} 某市教育局 某市公安局 2024年6月28日\n"
    assert flat_page_pieces(line.strip()) == []
    # and a page header alone, on a short line, is page furniture as before
    assert (
        _zones(f"当前位置： 首页 > 通知公告\n{HEADLINE}\n各区教育局：\n现将有关事项通知如下。\n")[0][0] == "furniture"
    )


def test_a_date_inside_a_sentence_is_no_signature() -> None:
    page = PAGE.replace("某市教育局 某市公安局 2024年6月28日", "请于2024年6月28日前报送")
    assert "signature" not in [kind for kind, _ in _zones(page)]
