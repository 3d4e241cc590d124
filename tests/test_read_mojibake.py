"""Mis-encoded Chinese: repaired where provable, reported where not; truncated and broken RTF/HTML reported."""

from __future__ import annotations

import pytest

from cxzy_nlp.config import DEFAULT_CONFIG
from cxzy_nlp.errors import ReadError
from cxzy_nlp.read import read_bytes
from cxzy_nlp.read.html import read_html
from cxzy_nlp.read.mojibake import detect, garbled_share, repair
from cxzy_nlp.read.rtf import read_rtf

PLAN = "一、总体要求\n各部门要高度重视，2024年12月底前完成。\n（一）加强组织领导"


def _utf8_read_as_gbk() -> str:
    """A plan line whose UTF-8 bytes happen to decode strictly as GBK (so the accident is lossless)."""
    for line in ("中文", "加强组织领导", "工作要求", "二、工作措施", "总体要求", "实施步骤", "完成时限"):
        try:
            return line.encode("utf-8").decode("cp936")
        except UnicodeDecodeError:
            continue
    pytest.skip("no sample line decodes losslessly")


# fmt: off
CASES = [
    # (text, verdict, repaired text or None)
    (PLAN, "clean", PLAN),
    (PLAN.encode("gbk").decode("latin-1"), "repaired", PLAN),
    (PLAN.encode("gbk").decode("cp1252", errors="ignore"), None, None),  # cp1252 drops undefined bytes: not provable
    (PLAN.encode("utf-8").decode("latin-1"), "repaired", PLAN),
    (PLAN.encode("utf-8").decode("gbk", errors="replace"), "unreadable", None),
    ("温度 25°C × 3 · 张三·李四 ±5%", "clean", "温度 25°C × 3 · 张三·李四 ±5%"),
    ("Café déjà vu, naïve façade", "clean", "Café déjà vu, naïve façade"),
]
# fmt: on


@pytest.mark.parametrize(("text", "verdict", "expected"), CASES)
def test_repair_table(text, verdict, expected):
    fixed, got = repair(text)
    if verdict is not None:
        assert got == verdict
    if expected is not None:
        assert fixed == expected
    if verdict == "clean":
        assert fixed == text


def test_cp1252_mojibake_of_the_issue_is_repaired():
    garbled = "一、总体".encode("gbk").decode("cp1252")
    assert garbled.startswith("Ò»¡¢×ÜÌå")
    assert repair(garbled) == ("一、总体", "repaired")


def test_utf8_read_as_gbk_is_repaired_when_lossless():
    garbled = _utf8_read_as_gbk()
    fixed, verdict = repair(garbled)
    assert verdict == "repaired" and fixed.encode("utf-8").decode("cp936") == garbled


def test_a_repair_keeps_good_text_around_it():
    mixed = "标题：" + "工作方案".encode("gbk").decode("latin-1") + "（2024）"
    assert repair(mixed) == ("标题：工作方案（2024）", "repaired")


def test_garbled_share_separates_mojibake_from_symbols():
    assert garbled_share(PLAN.encode("gbk").decode("latin-1")) > 0.9
    assert garbled_share("25°C × 3") == 0.0
    assert detect("涓枃鏂囦欢鍐呭锟斤拷锟斤拷") == "unreadable"


def test_text_file_with_latin1_mojibake_saved_as_utf8_is_repaired():
    data = b"\xef\xbb\xbf" + PLAN.encode("gbk").decode("latin-1").encode("utf-8")  # BOM: read as UTF-8
    result = read_bytes(data, "plan.txt")
    assert [b.text for b in result.blocks] == PLAN.split("\n")
    assert [p.code for p in result.problems] == ["encoding-repaired"]
    control = read_bytes(PLAN.encode("utf-8"), "plan.txt")
    assert control.problems == ()


def test_html_declared_latin1_but_gbk_is_repaired():
    body = "<p>一、工作目标</p><p>全面提升服务水平。</p>"
    data = f'<html><head><meta charset="iso-8859-1"></head><body>{body}</body></html>'.encode("gbk")
    out = read_html(data, DEFAULT_CONFIG)
    assert [b.text for b in out.blocks] == ["一、工作目标", "全面提升服务水平。"]
    assert [p.code for p in out.problems] == ["encoding-repaired"]


def test_truncated_html_is_reported():
    whole = "<html><body><p>一、工作目标</p><p>全面提升服务水平。</p></body></html>".encode()
    assert read_html(whole, DEFAULT_CONFIG).problems == ()
    cut = read_html(whole[: whole.index(b"</p><p>") + 4], DEFAULT_CONFIG)
    assert [p.code for p in cut.problems] == ["truncated"]
    assert cut.blocks[0].text == "一、工作目标"


def test_html_whose_text_is_lost_by_a_flipped_byte_is_an_error():
    whole = "<html><body><p>一、工作目标：全面提升服务水平，确保各项任务落实到位。</p></body></html>"
    flipped = whole.replace("<p>", "<!--p>", 1)  # one byte turned the body into an open comment
    assert read_html(whole.encode(), DEFAULT_CONFIG).blocks  # control
    with pytest.raises(ReadError) as info:
        read_html(flipped.encode(), DEFAULT_CONFIG)
    assert info.value.code == "corrupt"


RTF = rb"{\rtf1\ansi\ansicpg936{\fonttbl{\f0\fcharset134 SimSun;}}\f0 \'d2\'bb\'a1\'a2\'b9\'a4\'d7\'f7\'c4\'bf\'b1\'ea\par \'c8\'ab\'c3\'e6\'cc\'e1\'c9\'fd\par}"


def test_rtf_control_reads_whole():
    out = read_rtf(RTF, DEFAULT_CONFIG)
    assert [b.text for b in out.blocks] == ["一、工作目标", "全面提升"]
    assert out.problems == ()


def test_truncated_rtf_is_reported():
    out = read_rtf(RTF[: RTF.rindex(b"\\par")], DEFAULT_CONFIG)
    assert [b.text for b in out.blocks] == ["一、工作目标", "全面提升"]
    assert [p.code for p in out.problems] == ["truncated"]


def test_rtf_whose_text_is_swallowed_by_a_flipped_brace_is_an_error():
    flipped = RTF.replace(b"SimSun;}}", b"SimSun;}{", 1)  # the font table now holds the whole body
    with pytest.raises(ReadError) as info:
        read_rtf(flipped, DEFAULT_CONFIG)
    assert info.value.code == "corrupt"


def test_repair_blocks_for_the_pdf_reader():
    from cxzy_nlp.model import Block
    from cxzy_nlp.read.mojibake import repair_blocks

    garbled = [
        Block(text=line.encode("gbk").decode("cp1252", errors="strict"), page=1)
        for line in ("一、总体要求", "（一）加强领导")
    ]
    blocks, problems = repair_blocks(garbled, "PDF 文档")
    assert [b.text for b in blocks] == ["一、总体要求", "（一）加强领导"] and blocks[0].page == 1
    assert [p.code for p in problems] == ["encoding-repaired"]
    clean = [Block(text="一、总体要求")]
    assert repair_blocks(clean, "PDF 文档") == (tuple(clean), ())


def test_common_characters_remembered_agree_with_gb2312():
    """The memo of ``_is_common`` (speed) answers as the encoding does, the first time and from memory."""
    from cxzy_nlp.read.mojibake import _gb2312_common, _is_common

    chars = [chr(c) for c in range(0x3000, 0xA000, 3)] + list("abc °×€中，。")
    expected = [_gb2312_common(ch) for ch in chars]
    assert [_is_common(ch) for ch in chars] == expected
    assert [_is_common(ch) for ch in chars] == expected
    assert 1000 < sum(expected) < len(chars)  # control: both kinds of character are there


def test_wide_characters_are_counted_as_isascii_and_isspace_tell():
    """The regular expression that counts visible non-ASCII characters agrees with ``str`` on every code point."""
    from cxzy_nlp.read.mojibake import _WIDE

    wide = "".join(_WIDE.findall("".join(map(chr, range(0x110000)))))
    assert wide == "".join(c for c in map(chr, range(0x110000)) if not c.isascii() and not c.isspace())
    assert "\u3000" not in wide and "好" in wide  # ideographic space is white space; a hanzi is counted
