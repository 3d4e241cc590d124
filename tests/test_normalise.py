"""Normalisation: Chinese typographic conventions kept, junk removed, idempotent, spans map back."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cxzy_nlp.model import Block, ReadResult, SourceInfo
from cxzy_nlp.normalise import normalise, normalise_text, rejoin_lines

# fmt: off
CASES = [
    # (raw, expected)
    ("活动时间,2024年1月1日", "活动时间，2024年1月1日"),           # comma beside CJK folds to full width
    ("经费2,000元", "经费2,000元"),                               # thousands separator stays
    ("格式:doc", "格式：doc"),                                   # colon after CJK
    ("见http://example.org/a", "见http://example.org/a"),        # URL untouched
    ("１２３ＡＢＣ", "123ABC"),                                   # full-width digits and letters fold
    ("（1）工作实践", "（1）工作实践"),                             # full-width parentheses kept
    ("(1)工作实践", "(1)工作实践"),                                # ASCII numbering marker kept as written
    ("召开(动员)大会", "召开（动员）大会"),                          # parentheses around Chinese fold
    ('主题是"携手创新"。', "主题是“携手创新”。"),                   # straight quotes around Chinese
    ("完成任务.", "完成任务。"),                                   # sentence period after Chinese
    ("1.提升素质", "1.提升素质"),                                  # numbering dot kept
    ("一.工作目标", "一.工作目标"),                                # a Chinese-numeral marker keeps its dot
    ("１．提升素质", "1.提升素质"),                                # full-width dot after digit
    ("零\u200b宽\ufeff字符", "零宽字符"),                          # zero-width removed
    ("控制\x07字符\x0b", "控制字符"),                              # control characters removed
    ("\u3000\u3000首行缩进", "首行缩进"),                          # ideographic indentation stripped
    ("年\u3000\u3000月\u3000\u3000日", "年 月 日"),               # blank date kept as a single-space blank
    ("多个   空格", "多个 空格"),
    ("单元格A\t \t单元格B", "单元格A\t单元格B"),                    # table cells keep one tab
    ("⼀、总体要求", "一、总体要求"),                                # Kangxi radical from PDFs folds
    ("是吗?好!", "是吗？好！"),
]
# fmt: on


@pytest.mark.parametrize(("raw", "expected"), CASES)
def test_normalise_text_table(raw: str, expected: str) -> None:
    assert normalise_text(raw) == expected


@settings(max_examples=300, deadline=None)
@given(
    st.text(
        alphabet=st.sampled_from(list('一二三、，。,.:;()（）"“” \t\u3000\u200b１Ａa1年月日XＸ_\x07⼀?!')), max_size=40
    )
)
def test_normalise_is_idempotent(raw: str) -> None:
    once = normalise_text(raw)
    assert normalise_text(once) == once


def _result(lines: list[str], fmt: str = "txt") -> ReadResult:
    blocks = tuple(Block(text=t, paragraph=i, page=1 + i // 3) for i, t in enumerate(lines))
    return ReadResult(source=SourceInfo(path="x." + fmt, format=fmt, sha256="", size=0), blocks=blocks)


@settings(max_examples=100, deadline=None)
@given(st.lists(st.text(alphabet=st.sampled_from(list("一二三、，。 \t工作目标1.")), max_size=30), max_size=12))
def test_block_spans_map_back(lines: list[str]) -> None:
    normal = normalise(_result(lines, fmt="docx"))
    for bs in normal.blocks:
        assert normal.text[bs.start : bs.end] == bs.block.text
        assert normal.block_at(bs.start) is bs
        assert normal.location(bs.start) == (bs.block.page, bs.block.paragraph)
    assert "\n\n" not in normal.text


def test_rejoin_wrapped_plain_text_lines() -> None:
    long_line = "全体党员干部要充分认识开展这项活动的重要性，进一步提高认识，保持和"
    lines = ["一、提高认识，把握总体要求", long_line, "发展党的先进性。", "二、工作安排", "具体目标如下："]
    blocks = rejoin_lines(tuple(Block(text=t, paragraph=i) for i, t in enumerate(lines)))
    texts = [b.text for b in blocks]
    assert texts == ["一、提高认识，把握总体要求", long_line + "发展党的先进性。", "二、工作安排", "具体目标如下："]
    # the joined block keeps the source location of its first line
    assert blocks[1].paragraph == 1


def test_rejoin_never_glues_a_heading() -> None:
    lines = ["本单位各项工作成绩显著，围绕中心服务大局事迹突出并且成效明显的单位", "三、方法步骤"]
    blocks = rejoin_lines(tuple(Block(text=t, paragraph=i) for i, t in enumerate(lines)))
    assert len(blocks) == 2


@pytest.mark.parametrize(
    ("nxt", "joined"),
    [
        ("附件：1．参赛报名表", False),  # an attachment list opens on its own line
        ("附件 2. 名额分配表", False),
        ("附：评分细则", False),
        ("附件2。各单位按时报送。", True),  # 详见附件2。: the sentence goes on
    ],
)
def test_rejoin_never_glues_an_attachment_line(nxt: str, joined: bool) -> None:
    prev = "请各单位认真组织，于规定时间内将有关材料报送至活动组委会办公室，逾期不予受理，详见"
    lines = [prev, nxt, *["正文" * 18] * 9]
    blocks = rejoin_lines(tuple(Block(text=t, paragraph=i) for i, t in enumerate(lines)))
    assert (blocks[0].text == prev + nxt) is joined


def test_rejoin_wrapped_list_item_but_not_a_short_heading() -> None:
    width = 36
    item = "1.提升教师信息化教学能力，全年组织专题培训不少于四次，参训率"  # exactly fills the line
    item = item + "达" * (width - len(item))
    lines = ["一、工作目标", item, "达到百分之九十五以上。", "二、主要任务", *["正文" * 18] * 9]
    blocks = rejoin_lines(tuple(Block(text=t, paragraph=i) for i, t in enumerate(lines)))
    texts = [b.text for b in blocks]
    assert texts[0] == "一、工作目标"
    assert texts[1] == item + "达到百分之九十五以上。"
    assert texts[2] == "二、主要任务"
