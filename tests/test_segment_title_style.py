"""A paragraph in Word's Title style (标题 in a Chinese Word, Title in an English one) names the document: some
templates give the style outline level 0, but it heads no part of the document (issue 14); ``标题 1`` is a heading."""

from __future__ import annotations

from conftest import normal_text

from cxzy_nlp.model import Block
from cxzy_nlp.segment import segment


def _blocks(style: str) -> list[Block]:
    return [
        Block("一、本周进展", style="标题 1", outline_level=0),
        Block("登录页面完成了联调，数据导入还差两个字段。"),
        Block("二、下周安排", style="标题 1", outline_level=0),
        Block("完成数据导入，开始编写测试用例。"),
        Block("项目组例会记录", style=style, outline_level=0, centered=True),
    ]


def test_a_title_styled_line_heads_no_part() -> None:
    for style in ("标题", "Title"):
        (doc,) = segment(normal_text(_blocks(style)))
        assert [s.heading for s in doc.all_sections()] == ["本周进展", "下周安排"], style


def test_control_heading_styles_still_head_parts() -> None:
    (doc,) = segment(normal_text(_blocks("标题 1")))
    assert [s.heading for s in doc.all_sections()] == ["本周进展", "下周安排", "项目组例会记录"]
