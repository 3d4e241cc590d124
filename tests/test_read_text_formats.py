"""Plain text, Markdown, RTF, HTML and MHT readers."""

from __future__ import annotations

import base64
import quopri
import re
from collections import Counter
from pathlib import Path

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from cxzy_nlp.config import DEFAULT_CONFIG
from cxzy_nlp.errors import CxzyError, ReadError
from cxzy_nlp.read import read_bytes, read_path
from cxzy_nlp.read.html import html_charset, read_html, read_mht
from cxzy_nlp.read.rtf import read_rtf
from cxzy_nlp.read.txt import decode_lines, read_txt

PLAN_LINES = [
    "关于开展冬季消防安全检查的工作方案",
    "",
    "一、检查范围",
    "辖区内所有商铺和出租屋。",
    "二、时间安排",
    "十二月一日至三十一日。",
]
PLAN_TEXT = "\n".join(PLAN_LINES) + "\n"


def block_texts(output) -> list[str]:  # type: ignore[no-untyped-def]
    return [b.text for b in output.blocks]


# ---------------------------------------------------------------- plain text


@pytest.mark.parametrize(
    ("encoding", "data"),
    [
        ("utf-8", PLAN_TEXT.encode("utf-8")),
        ("utf-8-sig", PLAN_TEXT.encode("utf-8-sig")),
        ("gb18030", PLAN_TEXT.encode("gb18030")),
        ("gbk crlf", PLAN_TEXT.replace("\n", "\r\n").encode("gbk")),
        ("utf-16 bom", PLAN_TEXT.encode("utf-16")),
        ("utf-16-le", PLAN_TEXT.encode("utf-16-le")),
        ("utf-16-be", PLAN_TEXT.encode("utf-16-be")),
    ],
)
def test_txt_encodings(encoding: str, data: bytes) -> None:
    out = read_txt(data, DEFAULT_CONFIG)
    assert block_texts(out) == [line for line in PLAN_LINES if line]
    assert [b.paragraph for b in out.blocks] == [0, 2, 3, 4, 5]  # line numbers, blank line skipped
    assert out.problems == ()


def test_txt_form_feeds_give_pages() -> None:
    data = "第一页标题\n正文\n\f第二页开头\n\n\f\n第三页\n".encode()
    out = read_bytes(data, "converted.txt")
    assert [(b.text, b.page) for b in out.blocks] == [("第一页标题", 1), ("正文", 1), ("第二页开头", 2), ("第三页", 3)]
    assert out.source.pages == 3
    assert read_txt("没有分页\n".encode(), DEFAULT_CONFIG).pages is None


def test_txt_big5() -> None:
    text = "繁體字的年度工作計畫\n請各單位依照辦理。\n"
    assert block_texts(read_txt(text.encode("big5"), DEFAULT_CONFIG)) == ["繁體字的年度工作計畫", "請各單位依照辦理。"]


def test_txt_prefers_gb18030_for_short_ambiguous_text() -> None:
    """联通 in GBK is famous for looking like UTF-8 or Big5 to detectors."""
    assert block_texts(read_txt("联通".encode("gbk"), DEFAULT_CONFIG)) == ["联通"]
    assert block_texts(read_txt("联通\n中文".encode("gbk"), DEFAULT_CONFIG)) == ["联通", "中文"]


def test_txt_mixed_encodings_recovered_line_by_line() -> None:
    data = (
        "第一行用统一码书写\n".encode()
        + "第二行是从旧系统粘贴的国标码\n".encode("gbk")
        + "第三行又回到统一码\n".encode()
        + "校\n".encode("gbk")
        + "注解\n".encode()
    )
    lines, encoding = decode_lines(data)
    assert encoding == "utf-8+gb18030"
    assert [line for line in lines if line] == [
        "第一行用统一码书写",
        "第二行是从旧系统粘贴的国标码",
        "第三行又回到统一码",
        "校",
        "注解",
    ]


def test_txt_markdown_headings_and_tables() -> None:
    md = "# 年度培训计划\n\n## 一、培训对象\n全体新入职人员。\n\n| 月份 | 内容 |\n|---|:---:|\n| 三月 | 岗前培训 |\n"
    out = read_bytes(md.encode(), "plan.md")
    assert [(b.kind, b.text, b.outline_level) for b in out.blocks] == [
        ("paragraph", "年度培训计划", 0),
        ("paragraph", "一、培训对象", 1),
        ("paragraph", "全体新入职人员。", None),
        ("table_row", "月份\t内容", None),
        ("table_row", "三月\t岗前培训", None),
    ]
    assert read_bytes(md.encode(), "plan.txt").blocks == out.blocks


def test_txt_plain_text_keeps_hash_when_not_markdown() -> None:
    out = read_txt("编号#3 的任务\n完成。\n".encode(), DEFAULT_CONFIG)
    assert block_texts(out) == ["编号#3 的任务", "完成。"]


def test_txt_garbage_is_corrupt() -> None:
    import random

    rng = random.Random(3)
    junk = bytes(rng.randrange(256) for _ in range(4000))
    with pytest.raises(ReadError) as info:
        read_txt(junk, DEFAULT_CONFIG)
    assert info.value.code == "corrupt" and "乱码" in info.value.message


def test_txt_few_bad_bytes_are_a_problem_not_an_error() -> None:
    data = ("正常的一行文字内容" * 20 + "\n").encode() + b"\x81\n"
    out = read_txt(data, DEFAULT_CONFIG)
    assert out.blocks[0].text.startswith("正常")
    assert [p.code for p in out.problems] == ["unreadable-text"]
    assert 0 < (out.problems[0].share or 0) < 0.05


_HANZI = "的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可也你" + "，。、；：“”（）"


@settings(max_examples=120, deadline=None)
@given(
    st.lists(st.text(alphabet=_HANZI + "abcXYZ 0123", min_size=1, max_size=30), min_size=1, max_size=6),
    st.sampled_from(["utf-8", "utf-8-sig", "gb18030", "utf-16", "utf-16-le", "utf-16-be"]),
)
def test_txt_round_trip_law(lines: list[str], encoding: str) -> None:
    """Decoding what was encoded gives the lines back, whatever the (supported) encoding."""
    lines = [line for line in lines if line.strip()]
    data = "\n".join(lines).encode(encoding)
    assume(lines and not data.isascii())  # a UTF-16 text whose bytes are all ASCII ("中" is "-N") is undecidable
    if encoding in ("utf-16-le", "utf-16-be"):  # without a BOM, a couple of characters cannot be told apart
        assume(sum("\u4e00" <= ch <= "\u9fff" for ch in "".join(lines)) >= 4)
    decoded, _ = decode_lines(data)
    assert decoded == lines


# ---------------------------------------------------------------- RTF


def gbk_escaped(text: str) -> str:
    return "".join(f"\\'{b:02x}" for b in text.encode("gbk"))


RTF_HEAD = (
    r"{\rtf1\ansi\ansicpg936\deff0{\fonttbl{\f0\fnil\fcharset134 "
    + gbk_escaped("宋体")
    + r";}{\f1\fswiss\fcharset0 Arial;}{\f3\ftech\fcharset2 Symbol;}}"
)

RTF_CASES = [
    ("hex bytes in code page 936", RTF_HEAD + gbk_escaped("一、工作任务") + r"\par}", ["一、工作任务"]),
    ("raw GBK bytes as WPS writes", RTF_HEAD + "全面推进".encode("gbk").decode("latin-1") + r"\par}", ["全面推进"]),
    ("unicode with fallback skipped", RTF_HEAD + r"\uc1\u25512?\u36827?\par}", ["推进"]),
    ("uc2 skips two fallback bytes", RTF_HEAD + r"{\uc2\u25512\'cd\'c6}\u36827?\par}", ["推进"]),
    ("uc0 skips nothing", RTF_HEAD + r"{\uc0\u25512}x\par}", ["推x"]),
    ("surrogate pair", RTF_HEAD + r"\u-10179?\u-8701?\par}", ["\U0001f603"]),
    ("western font bytes stay cp1252", RTF_HEAD + r"\f1 caf\'e9 \'80\par}", ["café €"]),
    (
        "Big5 font",
        r"{\rtf1\ansi{\fonttbl{\f2\fcharset136 MingLiU;}}\f2 "
        + "".join(f"\\'{b:02x}" for b in "計畫".encode("big5"))
        + r"\par}",
        ["計畫"],
    ),
    (
        "ignorable and skipped destinations",
        RTF_HEAD + r"{\colortbl;\red0;}{\*\generator Writer;}{\stylesheet{\s1 x;}}"
        r"{\info{\author y}}{\*\bkmkstart b}{\header " + gbk_escaped("页眉") + r"}" + gbk_escaped("正文") + r"\par}",
        ["正文"],
    ),
    (
        "field result kept, instruction dropped",
        RTF_HEAD + r'{\field{\*\fldinst HYPERLINK "http://a"}{\fldrslt ' + gbk_escaped("附件") + r"}}\par}",
        ["附件"],
    ),
    (
        "picture and binary data skipped",
        RTF_HEAD + r"{\pict\pngblip 89504e47}a{\bin3 {}}b\par}}",
        ["ab"],
    ),  # \bin3 takes "{}}"
    ("escaped symbols and tabs", RTF_HEAD + r"a\{b\}c\\d\tab e\~f\emdash g\line h\par}", ["a{b}c\\d\te\u00a0f—g\nh"]),
    (
        "deleted revision and hidden text dropped",
        RTF_HEAD
        + gbk_escaped("由区")
        + r"{\deleted "
        + gbk_escaped("暂定")
        + r"}{\revised "
        + gbk_escaped("统一")
        + r"}{\v "
        + gbk_escaped("备注")
        + r"}\v "
        + gbk_escaped("藏")
        + r"\v0 "
        + gbk_escaped("拨付")
        + r"\par}",
        ["由区统一拨付"],
    ),
    (
        "list label before the paragraph",
        RTF_HEAD
        + r"{\listtext\pard\plain "
        + gbk_escaped("一、")
        + r"\tab}"
        + gbk_escaped("目标")
        + r"\par{\listtext\f3 \'b7\tab}x\par}",
        ["一、目标", "• x"],
    ),
    (
        "table rows",
        RTF_HEAD
        + r"\trowd\cellx100\cellx200\pard\intbl "
        + gbk_escaped("甲")
        + r"\cell "
        + gbk_escaped("乙")
        + r"\cell\row\pard "
        + gbk_escaped("表后")
        + r"\par}",
        ["甲\t乙", "表后"],
    ),
]


@pytest.mark.parametrize(("case", "rtf", "expected"), RTF_CASES, ids=[c[0] for c in RTF_CASES])
def test_rtf_cases(case: str, rtf: str, expected: list[str]) -> None:
    assert block_texts(read_rtf(rtf.encode("latin-1"), DEFAULT_CONFIG)) == expected


def rtf_escape(text: str, style: str) -> str:
    """``text`` written the way RTF writers do: \\uN with a fallback, or GBK bytes as \\'hh."""
    out = []
    for ch in text:
        if ch in "{}\\":
            out.append("\\" + ch)
        elif ch.isascii():
            out.append(ch)
        elif style == "unicode":
            code = ord(ch)
            out.append(f"\\u{code - 65536 if code > 32767 else code}?")
        else:
            out.append(gbk_escaped(ch))
    return "".join(out)


@settings(max_examples=100, deadline=None)
@given(
    st.lists(st.text(alphabet=_HANZI + "abc XYZ 012{}\\;", min_size=1, max_size=25), min_size=1, max_size=5),
    st.sampled_from(["unicode", "gbk"]),
)
def test_rtf_round_trip_law(paragraphs: list[str], style: str) -> None:
    """What an RTF writer escapes, the reader gives back, paragraph by paragraph."""
    paragraphs = [p.strip() for p in paragraphs if p.strip()]
    rtf = RTF_HEAD + r"\f0 " + "".join(rtf_escape(p, style) + r"\par " for p in paragraphs) + "}"
    assert block_texts(read_rtf(rtf.encode("latin-1"), DEFAULT_CONFIG)) == paragraphs


def test_rtf_title_heading_style_and_kinds() -> None:
    rtf = (
        RTF_HEAD
        + r"{\stylesheet{\s0 Normal;}{\s2\sbasedon0 heading 2;}}{\info{\title "
        + gbk_escaped("年度计划")
        + r"}}\pard\s2\qc "
        + gbk_escaped("二、工作措施")
        + r"\par\pard\s0 "
        + gbk_escaped("加强督导")
        + r"\par\trowd\pard\intbl A\cell B\cell\row}"
    )
    out = read_bytes(rtf.encode("latin-1"), "plan.rtf")
    assert out.title == "年度计划"
    assert [(b.kind, b.text, b.outline_level, b.style, b.centered) for b in out.blocks] == [
        ("paragraph", "二、工作措施", 1, "heading 2", True),
        ("paragraph", "加强督导", None, "Normal", False),
        ("table_row", "A\tB", None, None, None),
    ]


def test_rtf_undecodable_bytes_are_a_problem() -> None:
    out = read_rtf((RTF_HEAD + r"\'81\'20" + gbk_escaped("正文内容") + r"\par}").encode("latin-1"), DEFAULT_CONFIG)
    assert block_texts(out) == ["\ufffd 正文内容"]
    assert [p.code for p in out.problems] == ["unreadable-text"]
    assert read_rtf((RTF_HEAD + gbk_escaped("正文") + r"\par}").encode("latin-1"), DEFAULT_CONFIG).problems == ()


def test_rtf_bad_header_and_deep_nesting() -> None:
    with pytest.raises(ReadError) as info:
        read_rtf(b"{\\rtx1 hello}", DEFAULT_CONFIG)
    assert info.value.code == "corrupt"
    with pytest.raises(ReadError) as info:
        read_rtf(b"{\\rtf1 " + b"{" * 5000, DEFAULT_CONFIG)
    assert info.value.code == "limit"


# ---------------------------------------------------------------- HTML


PAGE = """<!DOCTYPE html><html><head><meta http-equiv="Content-Type" content="text/html; charset=gb2312">
<title>防汛工作方案</title><style>p {color: red}</style><script>var menu = "首页";</script></head>
<body><div class="nav"><a href="/">首页</a><a href="/news">新闻</a></div>
<div id="content"><h1 align="center">防汛工作方案</h1><p>一、总体要求</p><p>坚持   预防为主，<b>防抗结合</b>。<br>确保安全度汛。</p>
<table><tr><th>职务</th><th>姓名</th></tr><tr><td>组长</td><td>李明<table><tr><td>兼</td></tr></table></td></tr></table>
<ul><li>加强值班</li><li>及时报告</li></ul></div>
<div class="footer">版权所有</div><footer>联系我们</footer></body></html>"""

EXPECTED_PAGE = [
    ("paragraph", "防汛工作方案", 0),
    ("paragraph", "一、总体要求", None),
    ("paragraph", "坚持 预防为主，防抗结合。", None),
    ("paragraph", "确保安全度汛。", None),
    ("table_row", "职务\t姓名", None),
    ("table_row", "组长\t李明 兼", None),
    ("paragraph", "加强值班", None),
    ("paragraph", "及时报告", None),
]


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("meta gb2312", PAGE.encode("gbk")),
        ("utf-8 BOM overrides meta", b"\xef\xbb\xbf" + PAGE.encode()),
        ("no meta, gbk bytes", PAGE.replace("; charset=gb2312", "").encode("gbk")),
        ("wrong meta, utf-8 bytes", PAGE.encode()),
        ("xml declaration", ('<?xml version="1.0" encoding="utf-8"?>' + PAGE).encode()),
    ],
)
def test_html_blocks_and_charsets(name: str, data: bytes) -> None:
    out = read_bytes(data, "page.html")
    assert out.source.format == "html"
    assert out.title == "防汛工作方案"
    assert [(b.kind, b.text, b.outline_level) for b in out.blocks] == EXPECTED_PAGE
    assert out.blocks[0].centered is True


def test_html_ordered_lists_show_their_numbers() -> None:
    page = (
        "<ol start=3><li>摸底</li><li value=7><p>整改</p></li><li>复查<ol type=a><li>抽查</li></ol></li></ol>"
        "<ul><li>备注</li></ul><ol style='list-style-type: none'><li>一、不显示编号</li></ol>"
    )
    out = read_html(page.encode(), DEFAULT_CONFIG)
    assert [(b.text, b.auto_number) for b in out.blocks] == [
        ("3. 摸底", "3."),
        ("7. 整改", "7."),
        ("8. 复查", "8."),
        ("a. 抽查", "a."),
        ("备注", None),
        ("一、不显示编号", None),
    ]


def test_html_link_bars_are_chrome_but_links_in_text_stay() -> None:
    page = (
        "<body><div><a href=/a>首页</a> | <a href=/b>机构</a> | <a href=/c>动态</a></div>"
        "<p>请于月底前报送<a href=/f>登记表</a>、<a href=/g>汇总表</a>和<a href=/h>说明</a>，逾期不再受理，"
        "各单位务必按时完成，确保数据真实准确。</p>"
        "<p><a href=/x>附件：检查清单.docx</a></p><table><tr><td><a href=/1>友情链接一</a></td>"
        "<td><a href=/2>友情链接二</a></td><td><a href=/3>友情链接三</a></td></tr></table></body>"
    )
    assert block_texts(read_html(page.encode(), DEFAULT_CONFIG)) == [
        "请于月底前报送登记表、汇总表和说明，逾期不再受理，各单位务必按时完成，确保数据真实准确。",
        "附件：检查清单.docx",
    ]


@pytest.mark.parametrize("depth", [10, 300, 1000])
def test_html_deep_nesting_keeps_text(depth: int) -> None:
    divs = "<div>" * depth + "深处的正文" + "</div>" * depth
    tables = "<table><tr><td>" * (depth // 3) + "表格里的正文" + "</td></tr></table>" * (depth // 3)
    assert block_texts(read_html(divs.encode(), DEFAULT_CONFIG)) == ["深处的正文"]
    assert block_texts(read_html(tables.encode(), DEFAULT_CONFIG)) == ["表格里的正文"]


def test_html_saved_from_word_keeps_list_labels() -> None:
    page = (
        "<body><p class=MsoListParagraph style='mso-list:l0 level1 lfo1'><![if !supportLists]>"
        "<span style='mso-list:Ignore'>一、<span style='font:7.0pt \"Times New Roman\"'>&nbsp;&nbsp; </span>"
        "</span><![endif]>工作目标<o:p></o:p></p><p style='mso-list:l1 level1 lfo2'><![if !supportLists]>"
        "<span lang=EN-US style='mso-list:Ignore'>1.<span>&nbsp; </span></span><![endif]>明确分工</p></body>"
    )
    out = read_html(page.encode(), DEFAULT_CONFIG)
    assert [(b.text, b.auto_number) for b in out.blocks] == [("一、工作目标", "一、"), ("1. 明确分工", "1.")]


def test_html_charset_order() -> None:
    assert html_charset("<meta charset='gbk'>中文".encode("gbk")) == "gb18030"
    assert html_charset("中文".encode("gbk"), declared="gb2312") == "gb18030"
    assert html_charset("中文".encode(), declared="iso-8859-1") == "iso-8859-1"
    assert html_charset("中文".encode()) == "utf-8"


def test_html_empty_page() -> None:
    with pytest.raises(ReadError) as info:
        read_html(b"   ", DEFAULT_CONFIG)
    assert info.value.code == "empty"
    assert read_html(b"<html><body><script>x()</script></body></html>", DEFAULT_CONFIG).blocks == ()


def _mht(html: bytes, charset: str, transfer: str) -> bytes:
    body = base64.encodebytes(html) if transfer == "base64" else quopri.encodestring(html)
    return (
        b"From: <Saved by Windows Internet Explorer>\r\nMIME-Version: 1.0\r\n"
        b'Content-Type: multipart/related; type="text/html"; boundary="----=_NextPart_000"\r\n\r\n'
        b'------=_NextPart_000\r\nContent-Type: text/html; charset="' + charset.encode() + b'"\r\n'
        b"Content-Transfer-Encoding: " + transfer.encode() + b"\r\n\r\n" + body + b"\r\n"
        b"------=_NextPart_000\r\nContent-Type: image/png\r\nContent-Transfer-Encoding: base64\r\n\r\niVBORw0KGgo=\r\n"
        b"------=_NextPart_000--\r\n"
    )


@pytest.mark.parametrize(
    ("charset", "transfer"),
    [("gb2312", "quoted-printable"), ("gb2312", "base64"), ("utf-8", "quoted-printable"), ("big5", "base64")],
)
def test_mht_parts(charset: str, transfer: str) -> None:
    html = "<html><body><h2>值班安排</h2><p>节假日实行双人值班。</p></body></html>"
    if charset == "big5":
        html = html.replace("值班安排", "值班安排表").replace("节假日实行双人值班", "節假日實行雙人值班")
    data = _mht(html.encode("gbk" if charset == "gb2312" else charset), charset, transfer)
    out = read_bytes(data, "page.mht")
    assert out.source.format == "mht"
    expected = ["值班安排", "节假日实行双人值班。"] if charset != "big5" else ["值班安排表", "節假日實行雙人值班。"]
    assert block_texts(out) == expected
    assert out.blocks[0].outline_level == 1


def test_mht_without_html_uses_plain_text_or_fails() -> None:
    plain = (
        b'MIME-Version: 1.0\r\nContent-Type: multipart/related; boundary="b"\r\n\r\n--b\r\n'
        b"Content-Type: text/plain; charset=utf-8\r\n\r\n" + "只有文本\n".encode() + b"\r\n--b--\r\n"
    )
    assert block_texts(read_mht(plain, DEFAULT_CONFIG)) == ["只有文本"]
    images = (
        b'MIME-Version: 1.0\r\nContent-Type: multipart/related; boundary="b"\r\n\r\n--b\r\n'
        b"Content-Type: image/png\r\n\r\nxx\r\n--b--\r\n"
    )
    with pytest.raises(ReadError) as info:
        read_mht(images, DEFAULT_CONFIG)
    assert info.value.code == "corrupt"


def chrome_text(html: bytes) -> str:
    """Text of the outermost elements the reader drops as page chrome (menus, link bars, footers)."""
    import lxml.html

    from cxzy_nlp.read.html import html_charset, is_noise

    root = lxml.html.document_fromstring(html.decode(html_charset(html), errors="replace"))
    body = root.find("body")
    parts = []
    for element in (body if body is not None else root).iter():
        if not isinstance(element.tag, str) or element.tag in ("script", "style"):
            continue
        if is_noise(element) and not any(is_noise(a) for a in element.iterancestors() if isinstance(a.tag, str)):
            parts.append(element.text_content())
    return "".join(parts)


@pytest.mark.realdocs
def test_realdocs_html_coverage(realdocs: Path) -> None:
    """The reference keeps the site's menus and link bars, which the reader drops as page chrome:
    those characters (found by the reader's own chrome test on the page) leave the reference first,
    and they must stay a small part of it."""
    page = (realdocs / "doc032.html").read_bytes()
    out = read_path(realdocs / "doc032.html")
    text = "".join(b.text for b in out.blocks)
    reference = Counter(ch for ch in (realdocs / "doc032.txt").read_text(encoding="utf-8") if not ch.isspace())
    chrome = Counter(ch for ch in chrome_text(page) if not ch.isspace())
    ours = Counter(ch for ch in text if not ch.isspace())
    content = reference - chrome
    assert sum(content.values()) >= 0.85 * sum(reference.values())
    assert sum((ours & content).values()) / sum(content.values()) >= 0.97
    assert out.title and not re.search(r"<|function\s*\(", text)


# ---------------------------------------------------------------- junk


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=2000), st.sampled_from(["x.txt", "x.md", "x.rtf", "x.html", "x.mht", "x.doc", "x.wps"]))
def test_junk_never_raises_anything_but_cxzy_error(junk: bytes, name: str) -> None:
    prefixes = {
        "x.rtf": b"{\\rtf1 ",
        "x.html": b"<html>",
        "x.mht": b"MIME-Version: 1.0\r\nContent-Type: multipart/related",
    }
    for data in (junk or b"x", prefixes.get(name, b"") + junk):
        try:
            read_bytes(data, name)
        except CxzyError:
            pass
    for reader in (read_txt, read_rtf, read_html, read_mht):
        try:
            reader(junk, DEFAULT_CONFIG)
        except CxzyError:
            pass


def test_rtf_without_body_text_is_empty_not_corrupt() -> None:
    """Escaped font names in the font table are not body text: an RTF with no paragraph is an empty
    document (hypothesis found it: a whitespace-only paragraph written as nothing)."""
    assert block_texts(read_rtf((RTF_HEAD + r"\f0 }").encode("latin-1"), DEFAULT_CONFIG)) == []
    # control: a body mark that yields no text is still a broken file
    with pytest.raises(ReadError):
        read_rtf((RTF_HEAD + r"\f0 {\par }}}{").encode("latin-1"), DEFAULT_CONFIG)
