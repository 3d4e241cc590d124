"""One ladder written in two hands: ``6. 项目难点`` among ``5 项目实践情况`` / ``7 项目成果`` (issue 14)."""

from __future__ import annotations

from cxzy_nlp.pipeline import analyse_text

STRAY_DOT = (
    "校园导航项目总结报告\n1 项目背景\n新生常常找不到教室。\n2 项目预期\n做出一个导航小程序。\n"
    "3. 项目难点\n室内定位不准。\n4 项目成果\n小程序已经上线。\n"
)
SUB_LIST = (
    "校园导航项目总结报告\n1 项目背景\n新生常常找不到教室，原因如下。\n1. 教学楼多\n2. 路牌少\n"
    "2 项目预期\n做出一个导航小程序。\n"
)


def _outline(text: str) -> list[tuple[str, int]]:
    (doc,) = analyse_text(text, stages="segment").documents
    return [(s.heading, s.level) for s in doc.all_sections()]


def test_the_next_number_of_the_top_ladder_with_a_stray_dot_stays_on_the_top_ladder() -> None:
    assert _outline(STRAY_DOT) == [("项目背景", 1), ("项目预期", 1), ("项目难点", 1), ("项目成果", 1)]


def test_control_a_list_that_opens_at_one_under_a_heading_is_its_child() -> None:
    assert _outline(SUB_LIST) == [("项目背景", 1), ("教学楼多", 2), ("路牌少", 2), ("项目预期", 1)]
