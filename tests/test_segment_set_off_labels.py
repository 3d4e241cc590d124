"""Parts set off by size over their lists (issue 14): an article whose parts are unnumbered lines set larger than
the body (``三大优势，值得推广``), each opening with a paragraph before its 1. 2. list: those lines are the parts,
the lists their children. A line in the body's own size is no such part."""

from __future__ import annotations

from cxzy_nlp.model import Block, BlockSpan, NormalText
from cxzy_nlp.segment import segment

ARTICLE = [
    ("三大优势，值得推广", 10.0),
    ("学校在课后服务方面积累了不少经验，主要体现在以下方面。", 9.0),
    ("1.课程丰富", 9.0),
    ("开设了二十多门兴趣课程，学生自主选择。", 9.0),
    ("2.师资稳定", 9.0),
    ("教师轮流值守，并邀请家长志愿者参与。", 9.0),
    ("两项经验，形成共识", 10.0),
    ("经过一年的实践，学校总结出两条经验。", 9.0),
    ("- 2 -", 9.0),  # page furniture between the paragraph and the list
    ("1.统筹安排", 9.0),
    ("由教务处统一排课。", 9.0),
    ("2.家校协同", 9.0),
    ("定期召开家长座谈会听取意见。", 9.0),
]


def _outline(rows: list[tuple[str, float]]) -> list[tuple[int, str]]:
    text = "\n".join(t for t, _ in rows)
    spans, at = [], 0
    for t, size in rows:
        spans.append(BlockSpan(at, at + len(t), Block(t, font_size=size)))
        at += len(t) + 1
    return [(s.level, s.heading) for d in segment(NormalText(text, tuple(spans))) for s in d.all_sections()]


def test_larger_lines_over_an_opening_paragraph_and_a_list_are_the_parts() -> None:
    assert _outline(ARTICLE) == [
        (1, "三大优势，值得推广"),
        (2, "课程丰富"),
        (2, "师资稳定"),
        (1, "两项经验，形成共识"),
        (2, "统筹安排"),
        (2, "家校协同"),
    ]


def test_lines_in_the_body_size_are_no_parts() -> None:
    # control: the same article with the part lines set in the body's size
    flat = [(t, 9.0) for t, _ in ARTICLE]
    assert (1, "三大优势，值得推广") not in _outline(flat)


def _doc_title(rows: list[tuple[str, float]]) -> str | None:
    text = "\n".join(t for t, _ in rows)
    spans, at = [], 0
    for t, size in rows:
        spans.append(BlockSpan(at, at + len(t), Block(t, font_size=size)))
        at += len(t) + 1
    return segment(NormalText(text, tuple(spans)))[0].title


MAGAZINE = [
    ("编者按：本刊推出课后服务专题，介绍各地学校的做法，从不同角度展示经验，供大家学习借鉴，欢迎来稿交流。", 10.0),
    ("课后服务", 26.0),
    ("让每个孩子都有收获", 26.0),
    ("文/某某小学", 8.5),
    *ARTICLE,
]


def test_a_display_headline_under_a_lead_in_is_the_title() -> None:
    assert _doc_title(MAGAZINE) == "课后服务 让每个孩子都有收获"
    # control: the same lines in the body's size name nothing
    assert _doc_title([(t, 9.0) for t, _ in MAGAZINE]) is None
