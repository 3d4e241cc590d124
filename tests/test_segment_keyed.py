"""Keyed entries (issue 14): lines that are only a place in a deck or a draft (``P3、P4：``, ``Page 12``), each over
its text, are the parts of a script or of review comments; an overall part set on its own line before the first
place is one more; a place at a page's edge is the page's number, and a place run into its paragraph is no heading."""

from __future__ import annotations

from cxzy_nlp.model import Block, BlockSpan, NormalText
from cxzy_nlp.pipeline import analyse_text
from cxzy_nlp.segment import segment

# a slide-by-slide script written for this test
SCRIPT = (
    "P1：\n各位老师好，我们的项目是校园二手书平台。\n"
    "P2、P3：\n首先介绍项目背景。旧书积压在宿舍里。\n"
    "P4-P6：\n接下来是系统设计，分为三层。\n"
    "P7：\n最后是经费使用情况。\n"
)
# review comments on a draft guide, keyed by page
REVIEW = (
    "修改意见\n总体意见\n\n"
    "Page 2-3\n目录层级太深\n建议合并小节。\n"
    "Page 5\n增加报到流程图。\n"
    "Page 9 \n1 图书馆开放时间有误\n2 校车站点缺失\n"
    "Page 12\n"
)


def _outline(text: str) -> list[tuple[int, str]]:
    return [(s.level, s.heading) for d in analyse_text(text, stages="segment").documents for s in d.all_sections()]


def test_slide_cues_on_lines_of_their_own_are_the_parts() -> None:
    assert _outline(SCRIPT) == [(1, "P1："), (1, "P2、P3："), (1, "P4-P6："), (1, "P7：")]


def test_page_keys_and_the_overall_part_before_them() -> None:
    outline = _outline(REVIEW)
    assert [h for level, h in outline if level == 1] == ["总体意见", "Page 2-3", "Page 5", "Page 9", "Page 12"]
    assert (2, "图书馆开放时间有误") in outline  # a numbered list under a page is that page's items


def test_cues_run_into_their_paragraph_are_no_headings() -> None:
    # control: the same script with each cue at the head of its paragraph
    run_in = SCRIPT.replace("：\n", "：")
    assert _outline(run_in) == []


def test_fewer_than_three_keys_are_no_structure() -> None:
    two = "P1：\n各位老师好。\nP2：\n谢谢大家。\n"
    assert _outline(two) == []


def test_a_page_number_at_a_page_edge_is_no_entry() -> None:
    # a paged source: each ``Page N`` line ends its page (a footer), then the next page's text
    rows: list[tuple[str, int]] = []
    for page in range(1, 5):
        rows += [("本页的正文写在这里，内容较长。", page), (f"Page {page}", page)]
    text = "\n".join(r for r, _ in rows) + "\n"
    spans, at = [], 0
    for row, page in rows:
        spans.append(BlockSpan(at, at + len(row), Block(row, page=page)))
        at += len(row) + 1
    headings = [s.heading for d in segment(NormalText(text, tuple(spans))) for s in d.all_sections()]
    assert headings == []
    # control: the same lines without pages are keyed entries
    flat = tuple(BlockSpan(b.start, b.end, Block(b.block.text)) for b in spans)
    assert [s.heading for d in segment(NormalText(text, flat)) for s in d.all_sections()][:2] == ["Page 1", "Page 2"]
