"""A contents page that opens the file, then the title (issue 14): the title line after the last paged entry is the
document's title, not one more entry of the contents."""

from __future__ import annotations

from cxzy_nlp.pipeline import analyse_text

REPORT = (
    "目录\n1调研背景\t3\n1.1方言概况\t3\n2问卷结果\t4\n3保护建议\t6\n"
    "乡音何处寻——家乡方言使用情况调研报告\n"
    "摘要：本文记录了寒假期间小组对家乡方言使用情况的调查，并提出保护建议。\n"
    "1调研背景\n方言是地方文化的载体。\n1.1方言概况\n本地方言属吴语。\n"
    "2问卷结果\n共回收问卷一百二十份。\n3保护建议\n建议学校开设方言兴趣课。\n"
)


def test_the_title_after_an_opening_contents_page() -> None:
    (doc,) = analyse_text(REPORT, "r.txt", stages="segment").documents
    assert doc.title == "乡音何处寻——家乡方言使用情况调研报告"
    assert doc.doc_type == "report"
    contents = next(z for z in doc.zones if z.kind == "contents")
    assert REPORT[contents.span[0] : contents.span[1]].rstrip().endswith("3保护建议\t6")


def test_an_entry_without_its_page_among_unpaged_entries_stays_in_the_contents() -> None:
    # control: contents whose entries give no pages at all: every short line up to the body is an entry
    text = REPORT.replace("\t3", "").replace("\t4", "").replace("\t6", "")
    (doc,) = analyse_text(text, "r.txt", stages="segment").documents
    contents = next(z for z in doc.zones if z.kind == "contents")
    assert "3保护建议\n" in text[contents.span[0] : contents.span[1]]


def test_an_entry_wrapped_onto_its_paged_line_stays_in_the_contents() -> None:
    # control: a long entry wrapped before its page number, then more entries: no title, the contents go on
    text = REPORT.replace("3保护建议\t6\n", "3保护方言的建议和\n措施\t6\n", 1)
    (doc,) = analyse_text(text, "r.txt", stages="segment").documents
    contents = next(z for z in doc.zones if z.kind == "contents")
    assert "措施\t6" in text[contents.span[0] : contents.span[1]]


def test_an_unpaged_line_that_is_no_title_stays_in_the_contents() -> None:
    # control: a part's name without a page (附录) after paged entries is still an entry
    text = REPORT.replace("3保护建议\t6\n", "3保护建议\t6\n附录\n附录一 问卷\t8\n", 1)
    (doc,) = analyse_text(text, "r.txt", stages="segment").documents
    contents = next(z for z in doc.zones if z.kind == "contents")
    assert "附录一 问卷\t8" in text[contents.span[0] : contents.span[1]]


def test_a_budget_table_with_zero_amounts_is_no_contents_page() -> None:
    # amounts of 0 in a form's budget table (材料费<tab>0) read like page numbers that never go down
    text = (
        "大学生科研项目立项申请表\n一、项目简介\n本项目研究校园二手书的流转，开发一个小程序。\n二、经费预算\n"
        "科目\t预算（元）\n1、设备费\t3000\n2、材料费\t0\n3、差旅费\t0\n4、印刷费\t0\n5、资料费\t400\n6、办公用品费\t300\n"
        "合计\t3700\n项目负责人签字： 年 月 日\n"
    )
    analysis = analyse_text(text, stages="segment")
    (doc,) = analysis.documents
    assert "contents" not in [z.kind for z in doc.zones]
