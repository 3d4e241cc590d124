"""The PDF reader: reading order, paragraphs, running lines, cues, problems and hostile files."""

from __future__ import annotations

import base64
import io
import json
import re
import zlib
from collections import Counter
from pathlib import Path

import pdfplumber
import pytest
from conftest import SHARED
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pdf_factory import (
    PLAN_HEADINGS,
    PLAN_SENTENCES,
    ImagePage,
    PageBreak,
    Para,
    RawText,
    Setup,
    build_pdf,
    page_count,
    plan_items,
    plan_texts,
    rotate_page,
)

from cxzy_nlp.config import DEFAULT_CONFIG, Config
from cxzy_nlp.errors import CxzyError, LimitExceeded, ReadError
from cxzy_nlp.read import read_bytes
from cxzy_nlp.read.pdf import check_inflation, font_is_bold, is_page_number, read_pdf

HEADER = "青禾社区居委会 内部工作文件"
FOOTER = "本方案解释权归社区居委会"


@pytest.fixture(scope="module", autouse=True)
def _ocr_not_installed():
    """These tests are about the text layer: OCR behaves as when its extra is not installed
    (the tests of the hand-off to OCR patch in a fake; tests/test_read_ocr.py runs the real one)."""
    from cxzy_nlp.read import ocr

    def absent(page, config):
        raise ocr.missing()

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(ocr, "ocr_pdf_page", absent)
        yield


def texts(data: bytes, config: Config = DEFAULT_CONFIG) -> list[str]:
    return [b.text for b in read_pdf(data, config).blocks]


def page_lines(data: bytes) -> list[list[str]]:
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        return [(p.extract_text() or "").splitlines() for p in pdf.pages]


@pytest.fixture(scope="module")
def plan() -> tuple[list, bytes]:
    items = plan_items(4)
    setup = Setup(header=HEADER, footer=FOOTER + " 第{n}页", page_number="— {n} —", title="读书月活动实施方案")
    return items, build_pdf(items, setup)


# ---------------------------------------------------------------- paragraphs and running lines


def test_plan_reads_back_paragraph_by_paragraph(plan):
    items, data = plan
    assert page_count(data) >= 3
    assert texts(data) == plan_texts(items)


def test_fixture_has_a_paragraph_across_a_page_break(plan):
    """Guard for the test above: some page starts in the middle of a paragraph."""
    items, data = plan
    starts = {t[:10] for t in plan_texts(items)}
    first_body_lines = [lines[1] for lines in page_lines(data)[1:]]  # line 0 is the running header
    assert any(line[:10] not in starts for line in first_body_lines)


def test_running_header_footer_and_page_numbers_are_removed(plan):
    _, data = plan
    text = "\n".join(texts(data))
    assert HEADER not in text and "解释权" not in text and "—" not in text
    assert not re.search(r"第\s*\d+\s*页", text)


# fmt: off
PAGE_NUMBER_STYLES = [
    "— {n} —", "- {n} -", "-{n}-", "第{n}页 共{total}页", "第 {n} 页", "{n}/{total}", "{n}", "第{n}页/共{total}页", "Page {n} of {total}",
]
# fmt: on


@pytest.mark.parametrize("style", PAGE_NUMBER_STYLES)
def test_page_number_styles_are_removed(style):
    items = plan_items(3, PLAN_HEADINGS[:3])
    data = build_pdf(items, Setup(page_number=style))
    assert page_count(data) >= 2
    assert texts(data) == plan_texts(items)


def test_heading_at_the_top_of_one_page_is_kept():
    items = [
        *plan_items(2, PLAN_HEADINGS[:2]),
        PageBreak(),
        Para("七、附则", size=14, bold=True, indent=False),
        Para("本方案自印发之日起施行，由社区居委会负责解释。"),
    ]
    data = build_pdf(items, Setup(page_number="- {n} -"))
    assert page_lines(data)[1][0] == "七、附则"
    assert texts(data) == plan_texts(items)


def test_form_title_repeated_at_the_top_of_every_page_is_kept():
    form = [Para("志愿者报名表", size=16, bold=True, center=True), *(Para(s) for s in PLAN_SENTENCES[:3])]
    items = [*form, PageBreak(), *form, PageBreak(), *form]
    data = build_pdf(items, Setup(header=HEADER, page_number="- {n} -"))
    assert page_count(data) == 3
    assert texts(data) == plan_texts(items)


def test_header_repeated_only_on_some_pages_at_the_same_place_is_removed():
    items = plan_items(6)
    hooks = {
        n: (lambda c: (c.setFont("STSong-Light", 9), c.drawString(72, 800, "内部资料 请勿外传"))) for n in (2, 3, 4)
    }
    data = build_pdf(items, Setup(extra=hooks))
    assert page_count(data) >= 4
    assert texts(data) == plan_texts(items)


def test_latin_words_across_a_wrap_get_one_space_and_stay_whole():
    english = (
        "The community reading month uses shared spreadsheets, online forms and weekly reminders "
        "so that volunteers can record every loan, every return and every reader's comment without paper."
    )
    items = [Para("活动工具说明", size=14, bold=True, indent=False), Para(english), Para("以上工具由志愿者统一维护。")]
    data = build_pdf(items)
    assert len(page_lines(data)[0]) >= 4  # the English paragraph did wrap
    assert texts(data) == plan_texts(items)


def test_autospace_between_chinese_and_digits_is_not_a_space():
    pieces = ("活动于", "2025", "年", "3", "月启动，共", "12", "项。")  # Chinese and digits take turns

    def autospaced(c):  # digits in Helvetica, a quarter em from the Chinese (as Word and xeCJK set them)
        x = 72.0
        for i, piece in enumerate(pieces):
            font = "Helvetica" if i % 2 else "STSong-Light"
            c.setFont(font, 12)
            c.drawString(x, 700, piece)
            x += c.stringWidth(piece, font, 12) + 3.0

    assert texts(build_pdf([Para("说明：")], Setup(extra={1: autospaced}))) == ["说明：", "".join(pieces)]


def test_superscript_footnote_mark_stays_in_its_line():
    def footnoted(c):
        c.setFont("STSong-Light", 12)
        c.drawString(72, 700, "依据社区议事规则")
        c.setFont("STSong-Light", 7)
        c.drawString(72 + 8 * 12, 706, "1")
        c.setFont("STSong-Light", 12)
        c.drawString(72 + 8 * 12 + 4, 700, "制定本方案。")

    assert texts(build_pdf([Para("说明：")], Setup(extra={1: footnoted}))) == [
        "说明：",
        "依据社区议事规则1制定本方案。",
    ]


def test_soft_hyphen_inside_a_line_is_a_printed_hyphen():
    from cxzy_nlp.read.pdf import _visible_hyphens

    assert _visible_hyphens("2014\u00ad2020年") == "2014-2020年"
    assert _visible_hyphens("communi\u00ad") == "communi\u00ad"  # hyphenation at the line end: the normaliser drops it


def test_chinese_wrap_is_joined_without_space():
    body = "社区图书角每周二、周四晚间开放，" * 8
    data = build_pdf([Para(body)])
    assert len(page_lines(data)[0]) >= 3
    assert texts(data) == [body]


def test_two_column_page_reads_left_column_then_right():
    items = [Para("两栏排版的活动简报", size=16, bold=True, center=True), *plan_items(3)[1:]]
    data = build_pdf(items, Setup(columns=2))
    assert texts(data) == plan_texts(items)


def _grid(c, top: float, xs: tuple[float, ...], heights: list[float]) -> None:
    """Ruling lines of a table: ``xs`` column borders, one row per height, from ``top`` down."""
    bottom = top - sum(heights)
    for x in xs:
        c.line(x, top, x, bottom)
    y = top
    for h in [0.0, *heights]:
        y -= h
        c.line(xs[0], y, xs[-1], y)


def test_ruled_table_rows_become_table_row_blocks_with_tab_separated_cells():
    rows = [(f"第{i}周 活动准备与人员分工安排", f"负责人 志愿者服务队第{i}小组") for i in range(1, 15)]

    def draw_table(c):
        c.setFont("STSong-Light", 12)
        for i, (left, right) in enumerate(rows):
            c.drawString(80, 600 - i * 24, left)
            c.drawString(330, 600 - i * 24, right)
        _grid(c, 618, (72, 300, 523), [24.0] * len(rows))

    blocks = read_pdf(build_pdf([Para("活动分工如下表。")], Setup(extra={1: draw_table})), DEFAULT_CONFIG).blocks
    assert [(b.kind, b.text) for b in blocks] == [
        ("paragraph", "活动分工如下表。"),
        *(("table_row", f"{left}\t{right}") for left, right in rows),
    ]


def test_a_frame_around_the_page_is_not_a_table():
    items = plan_items(1, PLAN_HEADINGS[:2])
    data = build_pdf(items, Setup(extra={1: lambda c: c.rect(60, 60, 475, 722)}))
    assert texts(data) == plan_texts(items)


def test_a_ruled_form_row_above_the_text_is_a_table_row_and_the_rest_paragraphs():
    """Only the ruled region is a table; the text below it is read as paragraphs."""

    def form(c):
        c.setFont("STSong-Light", 12)
        c.drawString(80, 785, "编号：")
        c.drawString(330, 785, "填表日期：")
        c.rect(72, 778, 451, 24)
        c.line(300, 778, 300, 802)

    items = plan_items(1, PLAN_HEADINGS[:2])
    blocks = read_pdf(build_pdf(items, Setup(margin=80, extra={1: form})), DEFAULT_CONFIG).blocks
    assert (blocks[0].kind, blocks[0].text) == ("table_row", "编号：\t填表日期：")
    assert [b.text for b in blocks[1:]] == plan_texts(items)


def test_table_cells_are_read_top_to_bottom_and_a_tall_label_stays_whole():
    content = ["1、联系接收单位，确认实践时间和地点；", "2、准备调查问卷并完成试调查；", "3、整理资料，撰写调研报告。"]

    def draw_table(c):
        c.setFont("STSong-Light", 12)
        for i, ch in enumerate("主要内容"):  # a label written one character per line
            c.drawString(80, 590 - i * 18, ch)
        for i, text in enumerate(content):
            c.drawString(120, 590 - i * 18, text)
        _grid(c, 610, (72, 110, 523), [90.0])

    blocks = read_pdf(build_pdf([Para("活动安排如下。")], Setup(extra={1: draw_table})), DEFAULT_CONFIG).blocks
    assert [(b.kind, b.text) for b in blocks] == [
        ("paragraph", "活动安排如下。"),
        ("table_row", "主要内容\t" + " ".join(content)),
    ]


def test_vertical_gap_alone_separates_block_paragraphs():
    """No indent, no marker, the last line full: only the space between paragraphs tells."""
    full = "社区志愿者每周整理图书并登记借阅情况" * 4 + "完毕"  # 74 characters: two full lines of 37
    items = [
        Para(full, indent=False),
        Para(full, indent=False, space_before=12),
        Para("结束。", indent=False, space_before=12),
    ]
    data = build_pdf(items)
    assert [len(line) for line in page_lines(data)[0]] == [37, 37, 37, 37, 3]
    assert texts(data) == plan_texts(items)


@pytest.mark.parametrize("rotation", [90, 180, 270])
def test_page_shown_turned_reads_as_written(rotation):
    items = plan_items(2, PLAN_HEADINGS[:2])
    data = rotate_page(build_pdf(items, Setup(page_number="- {n} -")), 1, rotation)
    assert texts(data) == plan_texts(items)


_FULL_LINE = "社区志愿者每周整理图书并登记借阅情况" * 2 + "完"  # 37 characters: exactly one full line, no stop


# fmt: off
MARKERS = ["（一）", "(二)", "1.", "2．", "3、", "三、", "第三条", "①", "●", "□", "√"]
# fmt: on


@pytest.mark.parametrize("marker", MARKERS)
def test_numbering_or_bullet_opens_a_paragraph_after_a_full_line(marker):
    items = [Para(_FULL_LINE, indent=False), Para(marker + "落实责任分工", indent=False)]
    data = build_pdf(items)
    assert page_lines(data)[0][0] == _FULL_LINE
    assert texts(data) == plan_texts(items)


def test_without_a_marker_the_same_lines_read_as_one_wrapped_paragraph():
    """Control for the test above: nothing else tells these two lines apart."""
    items = [Para(_FULL_LINE, indent=False), Para("落实责任分工", indent=False)]
    assert texts(build_pdf(items)) == [_FULL_LINE + "落实责任分工"]


# Characters of the test plan's own sentences, minus those that could open a numbered item
# at the start of a wrapped line (一、 第…条 附件); paragraphs of them must read back unchanged.
_POOL = sorted(set("".join(PLAN_SENTENCES)) - set("、，。：；一二三四五六七八九十第附"))
_PARAGRAPHS = st.lists(
    st.text(alphabet=[*_POOL, "，"], min_size=1, max_size=150).map(lambda s: s.lstrip("，") + "。"),
    min_size=1,
    max_size=8,
)


@settings(max_examples=15, deadline=None)
@given(_PARAGRAPHS, st.sampled_from([None, "— {n} —", "第{n}页 共{total}页"]))
def test_typeset_paragraphs_read_back_unchanged(paragraphs, page_number):
    """Paragraphs after an opening one long enough to show the margins read back as typeset.

    Margins are inferred from the text (three lines must agree); a page of a few short
    indented lines does not show them. A running header is not part of this law either:
    on a one-page file nothing shows that it repeats.
    """
    opening = "".join(PLAN_SENTENCES[:3])
    items = [Para(text) for text in (opening, *paragraphs)]
    data = build_pdf(items, Setup(page_number=page_number))
    assert texts(data) == [opening, *paragraphs]


# ---------------------------------------------------------------- cues


def test_cues_for_title_headings_and_body(plan):
    _, data = plan
    blocks = read_pdf(data, DEFAULT_CONFIG).blocks
    title, heading, body = blocks[0], blocks[1], blocks[2]
    assert (title.bold, title.centered, title.font_size) == (True, True, 18.0)
    assert (heading.bold, heading.centered, heading.font_size) == (True, False, 14.0)
    assert (body.bold, body.centered, body.font_size) == (False, False, 12.0)
    assert [b.paragraph for b in blocks] == list(range(len(blocks)))
    pages = [b.page for b in blocks]
    assert pages[0] == 1 and pages == sorted(pages) and pages[-1] == page_count(data)


def test_centered_title_that_wraps_is_one_centered_block():
    title = "青禾社区关于开展二〇二五年全民阅读进家庭暨书香楼栋创建活动的实施方案"
    data = build_pdf([Para(title, size=18, bold=True, center=True), *plan_items(1)[1:]])
    assert len(page_lines(data)[0][0]) < len(title)  # the title did wrap
    first = read_pdf(data, DEFAULT_CONFIG).blocks[0]
    assert (first.text, first.centered, first.bold) == (title, True, True)


def test_overprinted_heading_reads_once_and_counts_as_bold():
    items = [Para("一、指导思想", size=14, indent=False, double=True), Para("正文第一段。")]
    blocks = read_pdf(build_pdf(items), DEFAULT_CONFIG).blocks
    assert [(b.text, b.bold) for b in blocks] == [("一、指导思想", True), ("正文第一段。", False)]


def test_dot_leaders_are_not_taken_for_overprinting():
    """Regression: a table of contents lost its leader dots (and coverage fell to 88 %)."""
    items = [Para("一、指导思想" + "." * 40 + "3", indent=False), Para("二、活动时间" + "…" * 20 + "4", indent=False)]
    assert texts(build_pdf(items)) == plan_texts(items)


def test_text_placed_off_the_page_is_not_read():
    def hidden(c):
        c.setFont("STSong-Light", 12)
        c.drawString(-400, 500, "页面之外看不见的文字")
        c.drawString(100, 1200, "页面上方看不见的文字")

    assert texts(build_pdf([Para("看得见的正文。")], Setup(extra={1: hidden}))) == ["看得见的正文。"]


def test_metadata_title_is_kept(plan):
    _, data = plan
    assert read_pdf(data, DEFAULT_CONFIG).title == "读书月活动实施方案"
    assert read_pdf(build_pdf([Para("正文。")]), DEFAULT_CONFIG).title is None  # reportlab's "untitled"


@pytest.mark.parametrize("title", ["Microsoft Word - 方案.docx", "附件二：      编号：", "文档1", "活动方案.pdf"])
def test_metadata_title_that_is_a_file_name_or_a_label_is_dropped(title):
    assert read_pdf(build_pdf([Para("正文。")], Setup(title=title)), DEFAULT_CONFIG).title is None


# fmt: off
BOLD_FONTS = [
    ("ABCDEF+SimHei", True), ("STSong-Light,Bold", True), ("TimesNewRomanPS-BoldMT", True), ("QBRDLN+FZHTK--GBK1-0", True),
    ("Arial-Black", True), ("#BA#DA#CC#E5", True),  # 黑体 in GBK escapes
    ("STSongStd-Light", False), ("ZMRBRZ+FZFSK--GBK1-0", False), ("TimesNewRomanPSMT", False), ("KaiTi_GB2312", False),
]
# fmt: on


@pytest.mark.parametrize(("fontname", "bold"), BOLD_FONTS)
def test_font_is_bold(fontname, bold):
    assert font_is_bold(fontname) is bold


# ---------------------------------------------------------------- problems (non-fatal)


def test_image_only_page_is_reported_as_no_text_layer():
    items = [*plan_items(1, PLAN_HEADINGS[:1]), ImagePage(), Para("附：活动照片见上页。")]
    out = read_pdf(build_pdf(items), DEFAULT_CONFIG)
    assert [b.text for b in out.blocks] == plan_texts(items)
    (problem,) = out.problems
    assert (problem.code, problem.pages) == ("no-text-layer", (2,))
    assert "2" in problem.message


def test_scanned_page_with_a_printed_page_number_has_no_text_layer():
    items = [*plan_items(2, PLAN_HEADINGS[:2]), ImagePage(), Para("以上为活动现场照片。")]
    out = read_pdf(build_pdf(items, Setup(page_number="- {n} -", header=HEADER)), DEFAULT_CONFIG)
    assert [b.text for b in out.blocks] == plan_texts(items)
    assert [(p.code, p.pages) for p in out.problems] == [("no-text-layer", (2,))]


def test_page_of_text_turned_into_outlines_has_no_text_layer():
    def outlines(c):
        for i in range(250):
            c.bezier(72 + i, 500, 80 + i, 520, 90 + i, 480, 100 + i, 500)

    data = build_pdf([Para("第一页正文。"), PageBreak(), PageBreak(), Para("第三页正文。")], Setup(extra={2: outlines}))
    assert page_count(data) == 3
    assert [(p.code, p.pages) for p in read_pdf(data, DEFAULT_CONFIG).problems] == [("no-text-layer", (2,))]


def test_document_of_blank_pages_reports_every_page_without_text():
    out = read_pdf(build_pdf([PageBreak(), PageBreak()]), DEFAULT_CONFIG)
    assert out.blocks == ()
    assert [(p.code, p.pages) for p in out.problems] == [("no-text-layer", (1, 2))]


def test_document_without_any_text_layer_gives_no_blocks_and_the_problem():
    out = read_bytes(build_pdf([ImagePage(), ImagePage()]), "scan.pdf")
    assert out.blocks == ()
    assert [(p.code, p.pages) for p in out.problems] == [("no-text-layer", (1, 2))]
    assert out.source.pages == 2


def test_unreadable_characters_are_dropped_and_reported():
    items = [Para("经费明细如下。"), RawText(r"A\200B\201C\202D\001E")]
    out = read_pdf(build_pdf(items), DEFAULT_CONFIG)
    text = "".join(b.text for b in out.blocks)
    assert "ABCDE" in text
    assert not re.search(r"\(cid:|[\ufffd\ue000-\uf8ff\x00-\x1f]", text)
    (problem,) = out.problems
    assert problem.code == "unreadable-text" and problem.pages == (1,)
    assert problem.share == pytest.approx(4 / 16)  # 7 Chinese + 9 raw glyphs, 4 of them unreadable


# ---------------------------------------------------------------- fatal errors


def test_password_protected_pdf_is_encrypted():
    data = build_pdf(plan_items(1), Setup(encrypt="s3cret"))
    with pytest.raises(ReadError) as err:
        read_bytes(data, "plan.pdf")
    assert err.value.code == "encrypted"


@pytest.mark.parametrize("keep", [0.2, 0.5, 0.8, 0.97])
def test_truncated_pdf_is_reported(plan, keep):
    _, data = plan
    with pytest.raises(ReadError) as err:
        read_pdf(data[: int(len(data) * keep)], DEFAULT_CONFIG)
    assert err.value.code in ("truncated", "corrupt")


def test_garbage_after_the_header_is_corrupt():
    data = b"%PDF-1.4\n" + bytes(range(256)) * 8 + b"\n%%EOF\n"
    with pytest.raises(ReadError) as err:
        read_pdf(data, DEFAULT_CONFIG)
    assert err.value.code == "corrupt"


def test_too_many_pages(plan):
    _, data = plan
    with pytest.raises(LimitExceeded) as err:
        read_pdf(data, Config(max_pdf_pages=2))
    assert err.value.code == "too-large"


def test_too_many_characters_on_a_page(plan):
    _, data = plan
    with pytest.raises(LimitExceeded) as err:
        read_pdf(data, Config(max_page_chars=100))
    assert err.value.code == "too-large"


def _pdf_with_stream(payload: bytes, filters: bytes = b"/FlateDecode", extra: bytes = b"") -> bytes:
    """A minimal one-page PDF whose content stream is ``payload`` (already encoded with ``filters``)."""
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>",
        b"<< /Length %d /Filter [%s] %s>>\nstream\n" % (len(payload), filters, extra) + payload + b"\nendstream",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for i, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % i + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


_BOMB = zlib.compress(b" " * 3_000_000, 9)
# fmt: off
BOMBS = [
    ("flate", _pdf_with_stream(_BOMB)),
    ("ascii85 over flate", _pdf_with_stream(base64.a85encode(_BOMB) + b"~>", b"/ASCII85Decode /FlateDecode")),
]
# fmt: on


@pytest.mark.parametrize(("kind", "bomb"), BOMBS)
def test_flate_bomb_is_stopped_before_pdfium_inflates_it(kind, bomb):
    assert len(bomb) < 20_000
    with pytest.raises(LimitExceeded) as err:
        read_pdf(bomb, Config(max_inflated_bytes=1_000_000))
    assert err.value.code == "too-large"
    assert read_pdf(bomb, DEFAULT_CONFIG).blocks == ()  # under the default limit it is just an empty page


def test_image_streams_do_not_count_against_the_inflation_limit():
    image = _pdf_with_stream(_BOMB, extra=b"/Subtype /Image ")
    assert read_pdf(image, Config(max_inflated_bytes=1_000_000)).blocks == ()


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.binary(max_size=2000))
def test_junk_bytes_raise_only_cxzy_errors(junk):
    try:
        read_pdf(b"%PDF-1.4\n" + junk, DEFAULT_CONFIG)
    except CxzyError:
        pass


_SMALL_PDF = build_pdf([Para("两段文字的小文件。"), Para("第二段。")])


@settings(max_examples=60, deadline=None)
@given(st.integers(0, len(_SMALL_PDF) - 1), st.binary(min_size=1, max_size=40))
def test_damaged_pdf_raises_only_cxzy_errors(at, junk):
    damaged = _SMALL_PDF[:at] + junk + _SMALL_PDF[at + len(junk) :]
    try:
        read_pdf(damaged, DEFAULT_CONFIG)
    except CxzyError:
        pass


# fmt: off
PAGE_NUMBER_LINES = [
    ("— 3 —", True), ("- 12 -", True), ("-7-", True), ("第1页 共10页", True), ("第 2 页", True), ("3/10", True),
    ("共10页 第3页", True), ("Page 2 of 9", True), ("ii", True),
    ("iv", True), ("— xii —", True),
    ("一、总体要求", False), ("2024年", False), ("第一条", False), ("- 活动安排 -", False), ("1．成立领导小组", False),
    ("mix", False), ("D", False), ("vi.", False), ("ivy", False),
]
# fmt: on


@pytest.mark.parametrize(("text", "expected"), PAGE_NUMBER_LINES)
def test_is_page_number(text, expected):
    from cxzy_nlp.read.pdf import Line

    line = Line(text, 1, 280.0, 300.0, 800.0, 810.0, 10.0, 0, len(text))
    assert is_page_number(line, 842.0) is expected


def test_bare_number_counts_as_page_number_only_in_the_margin():
    from cxzy_nlp.read.pdf import Line

    assert is_page_number(Line("12", 1, 280.0, 300.0, 800.0, 810.0, 10.0, 0, 2), 842.0)
    assert not is_page_number(Line("12", 1, 280.0, 300.0, 400.0, 410.0, 10.0, 0, 2), 842.0)


# ---------------------------------------------------------------- real documents

_REF_PAGE_NUMBER = re.compile(
    r"^\s*(?:[-—–]\s*\d+\s*[-—–]|第\s*\d+\s*页(?:\s*共\s*\d+\s*页)?|\d+\s*/\s*\d+|\d{1,3})\s*$"
)


def _reference_chars(ref: str) -> Counter[str]:
    """Characters of a reference extraction without the page-number and running-header lines we remove.

    The reference is pdfplumber ``extract_text`` per page, pages split by form feeds; it keeps
    page-number footers and running headers (a line repeated at the top of most pages).
    """
    pages = [[line for line in p.splitlines() if line.strip()] for p in ref.split("\f")]
    edges = Counter(line.strip() for p in pages for line in {*p[:1], *p[-1:]})
    running = {line for line, n in edges.items() if n >= 3 and n * 3 >= len(pages)}
    kept = [line for p in pages for line in p if not _REF_PAGE_NUMBER.match(line) and line.strip() not in running]
    return Counter(re.sub(r"\s", "", "".join(kept)))


@pytest.mark.realdocs
@pytest.mark.slow  # reads 121 real pages (three files): about 1 s on pdfium (6 s on pdfminer), more on a busy machine
def test_real_pdfs_read_and_cover_the_reference(realdocs: Path):
    pdfs = sorted(realdocs.glob("*.pdf"))
    assert pdfs
    for path in pdfs:
        result = read_bytes(path.read_bytes(), str(path))
        ours = Counter(re.sub(r"\s", "", "".join(b.text for b in result.blocks)))
        ref = _reference_chars(path.with_suffix(".txt").read_text(encoding="utf-8"))
        coverage = sum((ours & ref).values()) / sum(ref.values())
        # The issue asks for 97 %; with page numbers and running headers taken out of the
        # reference on both sides, what is left must be read almost entirely (measured: 99.95 % or more).
        assert coverage >= 0.99, f"{path.name}: {coverage:.4f}"


# ---------------------------------------------------------------- pdfium: damaged page trees


def _minimal_pdf(objects: list[bytes]) -> bytes:
    """A PDF of the given objects (1 is the catalog), with a correct cross-reference table."""
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for i, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % i + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


_CATALOG = b"<< /Type /Catalog /Pages 2 0 R >>"
_PAGE = b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>"
# fmt: off
PAGE_TREES = {
    "no pages": [_CATALOG, b"<< /Type /Pages /Kids [] /Count 0 >>"],
    "count without kids": [_CATALOG, b"<< /Type /Pages /Kids [] /Count 5 >>"],
    "tree is its own kid": [_CATALOG, b"<< /Type /Pages /Kids [2 0 R] /Count 1 >>"],
    "two nodes in a cycle": [_CATALOG, b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>", b"<< /Type /Pages /Parent 2 0 R /Kids [2 0 R] /Count 1 >>"],
    "a page and a cycle": [_CATALOG, b"<< /Type /Pages /Kids [3 0 R 2 0 R] /Count 2 >>", _PAGE],
    "catalog without pages": [b"<< /Type /Catalog >>"],
}
# fmt: on


@pytest.mark.parametrize("tree", PAGE_TREES)
def test_pdf_without_readable_pages_is_corrupt_not_empty(tree):
    with pytest.raises(ReadError) as err:
        read_pdf(_minimal_pdf(PAGE_TREES[tree]), DEFAULT_CONFIG)
    assert err.value.code == "corrupt"


def test_minimal_pdf_with_one_page_reads():
    """Control for the test above: the same builder with a sound page tree gives a page and no error."""
    out = read_pdf(_minimal_pdf([_CATALOG, b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>", _PAGE]), DEFAULT_CONFIG)
    assert out.pages == 1 and out.blocks == ()


def test_page_rotation_fixture_keeps_the_media_box():
    """Guard for the turned-page test: /Rotate is set, the MediaBox stays portrait, the text inside it."""
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(rotate_page(build_pdf([Para("正文。")]), 1, 90))
    assert pdf[0].get_rotation() == 90 and pdf[0].get_mediabox() == (0.0, 0.0, 595.0, 842.0)


# ---------------------------------------------------------------- OCR of pages without a text layer


def test_page_without_text_layer_goes_to_ocr_and_its_lines_become_ocr_blocks(monkeypatch):
    from cxzy_nlp.read import ocr

    seen = []

    def fake_ocr(page, config):
        seen.append(page.get_size())
        return [
            ocr.OcrLine("— 2 —", 280.0, 800.0, 320.0, 812.0, 0.99),  # a page number: dropped like the others
            ocr.OcrLine("照片说明：社区读书分享会现场", 72.0, 100.0, 252.0, 114.0, 0.91),
            ocr.OcrLine("志愿者为居民登记借阅图书", 72.0, 140.0, 228.0, 154.0, 0.87),
        ]

    monkeypatch.setattr(ocr, "ocr_pdf_page", fake_ocr)
    items = [*plan_items(1, PLAN_HEADINGS[:1]), ImagePage(), Para("附：活动照片见上页。")]
    out = read_pdf(build_pdf(items), DEFAULT_CONFIG)
    assert seen == [(595.0, 842.0)]  # the image page only, as a pypdfium2 page
    assert out.problems == ()
    scanned = [b for b in out.blocks if b.page == 2]
    assert [(b.text, b.ocr, b.ocr_confidence, b.bold) for b in scanned] == [
        ("照片说明：社区读书分享会现场", True, 0.91, None),
        ("志愿者为居民登记借阅图书", True, 0.87, None),
    ]
    assert not any(b.ocr for b in out.blocks if b.page != 2)


def test_ocr_page_loses_the_running_header_and_reports_low_confidence(monkeypatch):
    """A scanned page between text pages: OCR reads the running header printed on the scan too; it goes
    like on the other pages. A line read with low confidence gives ``ocr-low-confidence`` for that page."""
    from cxzy_nlp.read import ocr

    def fake_ocr(page, config):
        return [
            ocr.OcrLine(HEADER, 200.0, 30.0, 400.0, 40.0, 0.98),
            ocr.OcrLine("签到表：居民代表共二十人到会", 72.0, 100.0, 260.0, 114.0, 0.93),
            ocr.OcrLine("张三  李四", 72.0, 140.0, 160.0, 154.0, 0.41),  # handwriting
        ]

    monkeypatch.setattr(ocr, "ocr_pdf_page", fake_ocr)
    items = [*plan_items(2, PLAN_HEADINGS[:2]), ImagePage(), Para("附：签到表见上页。")]
    out = read_pdf(build_pdf(items, Setup(header=HEADER)), DEFAULT_CONFIG)
    scanned = [b.text for b in out.blocks if b.ocr]
    assert scanned and not any(HEADER in t for t in scanned)
    assert not any(HEADER in b.text for b in out.blocks)  # nor on the text pages
    low = [p for p in out.problems if p.code == "ocr-low-confidence"]
    assert len(low) == 1 and low[0].pages == (next(b.page for b in out.blocks if b.ocr),)


def test_ocr_page_without_running_lines_keeps_its_top_line(monkeypatch):
    """Control for the test above: with no running header in the file, the scan's top line is text."""
    from cxzy_nlp.read import ocr

    monkeypatch.setattr(ocr, "ocr_pdf_page", lambda page, config: [ocr.OcrLine(HEADER, 200.0, 30.0, 400.0, 40.0, 0.98)])
    out = read_pdf(build_pdf([*plan_items(2, PLAN_HEADINGS[:2]), ImagePage()]), DEFAULT_CONFIG)
    assert [b.text for b in out.blocks if b.ocr] == [HEADER]
    assert not any(p.code == "ocr-low-confidence" for p in out.problems)


def test_latin1_mojibake_in_a_pdf_is_repaired_and_reported():
    """Chinese text decoded as Latin-1 before it was typeset: repaired where provable, and said so."""
    from cxzy_nlp.read.mojibake import repair

    garbled = "一、总体要求".encode("gbk").decode("latin-1")
    assert repair(garbled)[1] == "repaired"  # the repair this test relies on
    out = read_pdf(build_pdf([Para(garbled)]), DEFAULT_CONFIG)
    assert "一、总体要求" in "".join(b.text for b in out.blocks)
    assert any(p.code in ("encoding-repaired", "unreadable-text") for p in out.problems)


def test_without_ocr_installed_the_page_is_reported_as_before():
    """Control for the test above: the placeholder OCR raises MissingDependency and the problem stays."""
    from cxzy_nlp.errors import MissingDependency
    from cxzy_nlp.read.ocr import ocr_pdf_page

    with pytest.raises(MissingDependency):
        ocr_pdf_page(None, DEFAULT_CONFIG)
    out = read_pdf(build_pdf([Para("正文。"), ImagePage()]), DEFAULT_CONFIG)
    assert [(p.code, p.pages) for p in out.problems] == [("no-text-layer", (2,))]


# ---------------------------------------------------------------- table geometry: pdfplumber's, made faster

_EDGE_POSITIONS = st.sampled_from([72.0, 72.5, 74.0, 100.0, 150.0, 151.5, 200.0, 300.0, 301.0])
_EDGES = st.lists(
    st.tuples(st.sampled_from(["v", "h"]), _EDGE_POSITIONS, _EDGE_POSITIONS, _EDGE_POSITIONS), max_size=14
)


def _edges(spec: list[tuple[str, float, float, float]]) -> list[dict]:
    from cxzy_nlp.read.pdf import _edge

    out = []
    for orientation, at, a, b in spec:
        lo, hi = min(a, b), max(a, b)
        out.append(_edge("v", at, lo, at, hi) if orientation == "v" else _edge("h", lo, at, hi, at))
    return out


@settings(max_examples=150, deadline=None)
@given(_EDGES)
def test_table_geometry_gives_what_pdfplumber_gives(spec):
    from pdfplumber.table import edges_to_intersections
    from pdfplumber.table import intersections_to_cells as plumber_cells
    from pdfplumber.table import merge_edges as plumber_merge

    from cxzy_nlp.read.pdf import intersections_to_cells, merge_edges

    edges = _edges(spec)

    def key(e):
        return (e["orientation"], round(e["x0"], 6), round(e["top"], 6), round(e["x1"], 6), round(e["bottom"], 6))

    theirs = plumber_merge(edges, 3, 3, 3, 3)
    assert sorted(map(key, merge_edges(edges, 3.0))) == sorted(map(key, theirs))
    crossings = edges_to_intersections(theirs, 3, 3)
    assert intersections_to_cells(crossings) == plumber_cells(crossings)


def test_table_geometry_finds_the_cells_of_a_grid():
    """Control for the law above: a 2 × 2 grid gives four cells (the comparison is not between two empties)."""
    from pdfplumber.table import edges_to_intersections

    from cxzy_nlp.read.pdf import intersections_to_cells, merge_edges

    grid = [("v", x, 100.0, 200.0) for x in (72.0, 150.0, 300.0)] + [
        ("h", y, 72.0, 300.0) for y in (100.0, 150.0, 200.0)
    ]
    assert len(intersections_to_cells(edges_to_intersections(merge_edges(_edges(grid), 3.0), 3, 3))) == 4


# ---------------------------------------------------------------- real documents against today's reader, frozen

GOLDEN = Path(__file__).parent / "golden" / "pdf_reference"
_REFERENCES = sorted(GOLDEN.glob("*.json"))


def test_the_frozen_reference_is_complete():
    """The reference is part of the repository: never skipped, 26 real PDFs (3 + 23)."""
    assert len(_REFERENCES) == 26


def coverage(ours: Counter[str], reference: Counter[str]) -> float:
    """Share of the reference's characters (a multiset, whitespace left out) that our text holds."""
    total = sum(reference.values())
    return sum((ours & reference).values()) / total if total else 1.0


def test_coverage_counts_each_character_as_often_as_the_reference_has_it():
    """Control for the test below: a missing repeat or a missing character lowers coverage."""
    assert coverage(Counter("方案方案"), Counter("方案方案")) == 1.0
    assert coverage(Counter("方案"), Counter("方案方案")) == 0.5
    assert coverage(Counter("方案方"), Counter("方案方案x")) == 0.6


@pytest.mark.realdocs
@pytest.mark.slow  # 26 files, 656 pages: about 6 s in all on one core
@pytest.mark.parametrize("reference", _REFERENCES, ids=lambda p: p.stem)
def test_real_pdf_reads_as_the_pdfplumber_reader_did(reference: Path):
    """Coverage ≥ 99.9 % of the characters the pdfplumber reader gave, the same problems, headers still removed.

    The reference holds counts only (tests/golden/pdf_reference/freeze.py wrote it before the reader
    moved to pdfium); ``freeze`` reads the file again with today's reader, counting what it strips.
    """
    import importlib.util

    expected = json.loads(reference.read_text(encoding="utf-8"))
    path = SHARED / expected["file"]
    if not path.is_file():
        pytest.skip(f"{path} is not present on this machine")
    spec = importlib.util.spec_from_file_location("freeze", GOLDEN / "freeze.py")
    assert spec is not None and spec.loader is not None
    freeze = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(freeze)
    actual = freeze.freeze(path)

    assert actual["pages"] == expected["pages"]
    assert actual["problems"] == expected["problems"]
    share = coverage(Counter(actual["chars"]), Counter(expected["chars"]))
    assert share >= 0.999, f"{expected['file']}: coverage {share:.5f}"
    extra = sum((Counter(actual["chars"]) - Counter(expected["chars"])).values())
    assert extra <= 0.001 * expected["total_chars"] + 2, f"{expected['file']}: {extra} characters the reference lacks"
    stripped = Counter((r["page"], r["edge"], r["page_number"]) for r in actual["removed_lines"])
    assert not Counter((r["page"], r["edge"], r["page_number"]) for r in expected["removed_lines"]) - stripped


_STREAM_KEYWORD = re.compile(rb"(?<!end)stream\r?\n")


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from([b"stream\n", b"stream\r\n", b"endstream\n", b"stream", b"x", b"\r", b"end", b"obj"])))
def test_streams_are_found_where_the_keyword_regex_finds_them(pieces):
    from cxzy_nlp.read.pdf import _streams

    data = b"".join(pieces)
    assert list(_streams(data)) == [(m.start(), m.end()) for m in _STREAM_KEYWORD.finditer(data)]


def test_a_bomb_after_a_stream_without_endstream_is_still_counted():
    """Regression guard: the stream search does not skip ahead past data it has not looked at."""
    bomb = _pdf_with_stream(_BOMB)
    damaged = bomb.replace(b"4 0 obj", b"9 0 obj\n<< /Length 5 >>\nstream\nabcde\nendobj\n4 0 obj", 1)
    with pytest.raises(LimitExceeded):
        check_inflation(damaged, Config(max_inflated_bytes=1_000_000))


def _flate_objects(streams: list[tuple[int, bool]]) -> bytes:
    """Flate streams of ``n`` spaces each (ASCII85-encoded over Flate when asked), as a PDF body holds them."""
    out = bytearray(b"%PDF-1.4\n")
    for i, (n, ascii85) in enumerate(streams, start=1):
        payload = zlib.compress(b" " * n, 9)
        filters = b"/ASCII85Decode /FlateDecode" if ascii85 else b"/FlateDecode"
        payload = base64.a85encode(payload) + b"~>" if ascii85 else payload
        out += b"%d 0 obj\n<< /Length %d /Filter [%s] >>\nstream\n" % (i, len(payload), filters)
        out += payload + b"\nendstream\nendobj\n"
    return bytes(out)


@settings(max_examples=60, deadline=None)
@given(
    st.lists(st.tuples(st.integers(0, 200_000), st.booleans()), max_size=6),
    st.integers(1, 800_000),
)
def test_a_file_is_refused_exactly_when_its_streams_inflate_past_the_limit(streams, budget):
    """The bound (a stream inflates to at most 1032 times its length) only spares work: the verdict is that
    of inflating every stream."""
    data = _flate_objects(streams)
    inflated = sum(n for n, _ in streams)
    if inflated > budget:
        with pytest.raises(LimitExceeded):
            check_inflation(data, Config(max_inflated_bytes=budget))
    else:
        check_inflation(data, Config(max_inflated_bytes=budget))


def test_streams_too_short_to_reach_the_limit_are_not_inflated(monkeypatch):
    from cxzy_nlp.read import pdf

    measured: list[int] = []
    real = pdf._inflated_size
    monkeypatch.setattr(pdf, "_inflated_size", lambda raw, cap: measured.append(len(raw)) or real(raw, cap))
    data = _flate_objects([(50_000, False), (3_000_000, False), (20_000, True)])
    check_inflation(data, DEFAULT_CONFIG)  # 200 MB: no stream here can inflate to that
    assert measured == []
    # control: a limit just under the sum of the bounds has the stream of the largest bound inflated, and only it
    lengths = [len(zlib.compress(b" " * n, 9)) + 1 for n in (50_000, 3_000_000)]  # + the line end before endstream
    encoded = len(base64.a85encode(zlib.compress(b" " * 20_000, 9)) + b"~>") + 1
    check_inflation(data, Config(max_inflated_bytes=(sum(lengths) + 4 * encoded) * 1032 - 1))
    assert measured == [lengths[1]]
