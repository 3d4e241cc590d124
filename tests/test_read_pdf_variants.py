"""What a PDF printed from a Word file keeps that its text layer alone does not: the heading outline in its
bookmarks, and the paragraphs of a table cell. Found by scoring the dev gold on LibreOffice renderings of the
dev files (``cxzy eval --variants pdf``); the documents here are written for the tests."""

from __future__ import annotations

import io

import pytest
from pdf_factory import SONG, register_fonts

from cxzy_nlp.config import DEFAULT_CONFIG
from cxzy_nlp.model import Block
from cxzy_nlp.pipeline import analyse_result
from cxzy_nlp.read import read_bytes
from cxzy_nlp.read.pdf import Bookmark, bookmarked_levels, read_pdf


def _outlined_pdf(with_bookmarks: bool) -> bytes:
    """A plan whose parts are numbered 1. 2. and whose first part lists items numbered 1. 2. as well; the
    parts are bookmarked (two levels) as a word processor exports its headings."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen.canvas import Canvas

    register_fonts()
    buf = io.BytesIO()
    c = Canvas(buf, pagesize=A4, invariant=1)
    lines = [
        ("1. 工作概述", 18, 0),
        ("1.1 工作范围", 15, 1),
        ("本计划覆盖东湖街道的三个社区，服务对象为辖区内的全体居民和驻区单位。", 12, None),
        ("1. 宣传栏：展示近期的社区活动与通知。", 12, None),
        ("2. 议事厅：居民提出意见，反馈对社区服务的满意程度。", 12, None),
        ("1.2 工作依据", 15, 1),
        ("依据街道年度重点工作安排和社区居民议事会决定制定本计划。", 12, None),
        ("2. 进度安排", 18, 0),
        ("三月完成调研，六月完成建设，九月完成验收并总结经验。", 12, None),
    ]
    y = 780.0
    for n, (text, size, level) in enumerate(lines):
        c.setFont(SONG, size)
        c.drawString(72, y, text)
        if with_bookmarks and level is not None:
            key = f"h{n}"
            c.bookmarkHorizontal(key, 72, y + size)
            c.addOutlineEntry(text, key, level=level)
        y -= size * 2.2
    c.showPage()
    c.save()
    return buf.getvalue()


def test_bookmark_tree_of_a_printed_word_file_is_read_as_outline_levels():
    out = read_pdf(_outlined_pdf(True), DEFAULT_CONFIG)
    levels = {b.text: b.outline_level for b in out.blocks}
    assert levels["1. 工作概述"] == 0 and levels["2. 进度安排"] == 0
    assert levels["1.1 工作范围"] == 1 and levels["1.2 工作依据"] == 1
    assert levels["1. 宣传栏：展示近期的社区活动与通知。"] is None  # a body list, not bookmarked
    bare = read_pdf(_outlined_pdf(False), DEFAULT_CONFIG)
    assert all(b.outline_level is None for b in bare.blocks)


def test_bookmarked_parts_stay_apart_from_a_body_list_numbered_the_same_way():
    result = read_bytes(_outlined_pdf(True), "plan.pdf")
    analysis = analyse_result(result, stages="segment")
    tops = [s.heading for d in analysis.documents for s in d.sections]
    assert tops == ["工作概述", "进度安排"], tops
    below = [(s.heading, s.level) for d in analysis.documents for s in d.all_sections()]
    assert below[:2] == [("工作概述", 1), ("工作范围", 2)], below


def test_bookmarks_match_whole_blocks_in_order_on_their_page():
    blocks = (
        Block("社区服务提升计划", page=1, centered=True, font_size=22.0),  # the title: bookmarked, not a part
        Block("目录", page=1),
        Block("一、总体要求", page=1),  # a contents entry of the same words, before the part itself
        Block("工作背景", page=2, font_size=16.0),  # an unnumbered part: one level deeper than its depth
        Block("一、总体要求", page=3, font_size=16.0),
        Block("二、主要任务", page=4, kind="table_row"),  # a table row is never a heading by bookmark
        Block("二、主要任务", page=5, font_size=16.0),
        Block("三、保障措施是本方案的最后一部分", page=6),  # the title is only the start of the block
    )
    marks = [
        Bookmark(0, "社区服务提升计划", 1),
        Bookmark(0, "工作背景", 2),
        Bookmark(0, "一、 总体要求", 3),
        Bookmark(0, "二、主要任务", 5),
        Bookmark(0, "三、保障措施", 6),
        Bookmark(1, "图表一览", None),
    ]
    got = [b.outline_level for b in bookmarked_levels(blocks, marks)]
    assert got == [None, None, None, 1, 0, None, 0, None]
    assert bookmarked_levels(blocks, []) == blocks
    # one or two bookmarks naming blocks (the issuer's header line, the kind of paper) are no outline
    assert bookmarked_levels(blocks, marks[2:4]) == blocks
    assert [b.outline_level for b in bookmarked_levels(blocks, marks[1:4])] == [None, None, None, 1, 0, None, 0, None]


def _table_pdf() -> bytes:
    """A ruled two-column table whose right cell holds a short heading line, then a paragraph, then a
    schedule of dated lines (each its own paragraph in the Word file)."""
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Table, TableStyle

    register_fonts()
    style = ParagraphStyle("cjk", fontName=SONG, fontSize=11, leading=15, wordWrap="CJK")
    cell = [
        Paragraph("1.研究内容", style),
        Paragraph(
            "本项目先收集社区图书借阅的数据，再按读者年龄和兴趣分组整理，最后形成一份面向全体居民的推荐书目。",
            style,
        ),
        Paragraph("2031.3 调研与准备", style),
        Paragraph("2031.4-2031.6 数据整理", style),
    ]
    table = Table([[Paragraph("项目方案", style), cell]], colWidths=[80, 300])
    table.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.8, "black"), ("VALIGN", (0, 0), (-1, -1), "TOP")]))
    buf = io.BytesIO()
    SimpleDocTemplate(buf, pagesize=A4, invariant=1).build([table])
    return buf.getvalue()


def test_paragraphs_of_a_table_cell_are_kept_apart_by_a_space():
    rows = [b.text for b in read_pdf(_table_pdf(), DEFAULT_CONFIG).blocks if b.kind == "table_row"]
    assert len(rows) == 1, rows
    cells = rows[0].split("\t")
    assert cells[0] == "项目方案"
    text = cells[1]
    assert text.startswith("1.研究内容 本项目"), text
    assert "推荐书目。 2031.3 调研与准备 2031.4-2031.6 数据整理" in text, text
    # the wrapped lines of the one long paragraph are still joined without a space
    assert "本项目先收集社区图书借阅的数据，再按读者年龄和兴趣分组整理，最后形成一份面向全体居民的推荐书目。" in text


@pytest.mark.parametrize("room", [0.0, 1.0])
def test_a_cell_line_that_fills_the_cell_is_a_wrap_not_a_paragraph_end(room):
    from cxzy_nlp.read.pdf import Line, _cell_text

    size = 10.0
    first = Line("社区图书借阅的数据按读者", 1, 0.0, 120.0 - room * size, 0.0, 12.0, size, 0, 12)
    second = Line("年龄分组整理。", 1, 0.0, 70.0, 14.0, 26.0, size, 0, 7)
    longest = Line("并形成推荐书目面向全体居", 1, 0.0, 120.0, 28.0, 40.0, size, 0, 12)
    assert _cell_text([first, second]) == "社区图书借阅的数据按读者年龄分组整理。"
    assert _cell_text([longest, second, first]) == "并形成推荐书目面向全体居年龄分组整理。 社区图书借阅的数据按读者"


# ------------------------------------------------------------------ scanned pages: recognised boxes to paragraphs
# Found by scoring the dev gold on image-only scans of the dev files (``cxzy eval --variants scan``).


def _box(text: str, x0: float, top: float, x1: float, height: float = 15.0, confidence: float = 0.98):
    from cxzy_nlp.read.ocr import OcrLine

    return OcrLine(text, x0, top, x1, top + height, confidence)


def _ocr_blocks(boxes: list) -> list[str]:
    """The paragraph blocks the PDF reader makes of one page recognised as ``boxes`` (an A4 page)."""
    from cxzy_nlp.read.pdf import PageLayout, lines_to_blocks, measure_page, ocr_rows, settle_edges

    layout = PageLayout(1, 595.0, 842.0, ocr_rows(boxes, 1))
    measure_page(layout)
    return [b.text for b in lines_to_blocks(settle_edges([layout]))]


def test_the_cells_of_a_recognised_table_row_are_one_line_left_to_right():
    # the right cell's box sits two points higher than the left one's: sorting by tops put it first
    boxes = [
        _box("一、报名安排", 90.0, 100.0, 200.0),
        _box("社区读书角建设", 90.0, 140.0, 220.0),
        _box("街道文化站", 300.0, 138.0, 390.0),
        _box("三月底", 450.0, 139.0, 500.0),
        _box("亲子共读活动", 90.0, 170.0, 210.0),
        _box("各社区居委会", 300.0, 171.0, 410.0),
        _box("五月", 450.0, 169.0, 490.0),
    ]
    assert _ocr_blocks(boxes) == ["一、报名安排", "社区读书角建设 街道文化站 三月底", "亲子共读活动 各社区居委会 五月"]


def test_a_recognised_paragraph_wraps_across_wide_line_spacing_and_uneven_box_heights():
    # three lines of one paragraph, set with double spacing; the boxes are 14 to 16 points high
    boxes = [
        _box("为推动全民阅读，营造书香社区氛围，街道文化站决定于今年春季举办社区读书", 116.0, 270.0, 505.0, 15.0),
        _box("节，请各社区居委会认真组织，广泛发动辖区居民积极参加，并于三月底前报送", 90.0, 302.0, 505.0, 16.0),
        _box("活动安排。", 90.0, 334.0, 170.0, 14.0),
        _box("一、活动时间", 90.0, 380.0, 190.0, 15.0),
        _box("三月一日至六月三十日。", 116.0, 412.0, 300.0, 15.0),
        _box("二、活动内容", 90.0, 444.0, 190.0, 15.0),
        _box("好书推荐、亲子共读和读书分享会。", 116.0, 476.0, 380.0, 15.0),
    ]
    blocks = _ocr_blocks(boxes)
    assert blocks[0].startswith("为推动全民阅读") and blocks[0].endswith("报送活动安排。"), blocks
    assert blocks[1:] == ["一、活动时间", "三月一日至六月三十日。", "二、活动内容", "好书推荐、亲子共读和读书分享会。"]
