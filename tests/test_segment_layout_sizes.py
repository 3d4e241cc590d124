"""Layout headings in two sizes or more (a Markdown/Typora PDF: 22pt parts, 17pt sub-parts, issue 14): the larger
heads the smaller, and a part heading right over its first sub-heading is still a heading."""

from __future__ import annotations

from conftest import normal_text

from cxzy_nlp.model import Block
from cxzy_nlp.segment import segment

BODY = 10.5


def _note(part_size: float, sub_size: float) -> list[Block]:
    blocks = [Block("本说明介绍校园报修小程序各页面的功能与接口约定，供开发与测试参考。", font_size=BODY)]
    for part, subs in (("前端-小程序", ("报修-提交", "报修-查询")), ("后台-管理", ("工单-派发", "工单-统计"))):
        blocks.append(Block(part, bold=True, font_size=part_size))
        for sub in subs:
            blocks.append(Block(sub, bold=True, font_size=sub_size))
            blocks.append(Block("页面显示工单列表，点击进入详情，可按时间和状态筛选。", font_size=BODY))
            blocks.append(Block("接口返回分页数据，每页二十条，按提交时间倒序排列。", font_size=BODY))
    return blocks


def _outline(blocks: list[Block]) -> list[tuple[int, str]]:
    (doc,) = segment(normal_text(blocks))
    return [(s.level, s.heading) for s in doc.all_sections()]


def test_larger_layout_headings_head_the_smaller_ones() -> None:
    assert _outline(_note(22.0, 17.0)) == [
        (1, "前端-小程序"),
        (2, "报修-提交"),
        (2, "报修-查询"),
        (1, "后台-管理"),
        (2, "工单-派发"),
        (2, "工单-统计"),
    ]


def test_control_headings_of_one_size_are_one_level() -> None:
    # the part lines stand right over lines set alike: a run of bold lines, no headings over a body
    outline = _outline(_note(17.0, 17.0))
    assert all(level == 1 for level, _ in outline)
    assert (1, "前端-小程序") not in outline
