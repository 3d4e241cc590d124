"""Aims a plan states besides its goals part: purpose sentences of the opening and of 背景/目的意义 parts (issue 16).

Project-written look-alike text.
"""

from __future__ import annotations

import pytest

from cxzy_nlp.extract import extract
from cxzy_nlp.extract.goals import purpose_sentences
from cxzy_nlp.model import Document, Section


def _doc(text: str, heading: str, labels: tuple[str, ...]) -> Document:
    start = text.index(heading)
    end = text.find("\n二、", start)
    end = len(text) if end < 0 else end
    sec = Section(
        id="s1",
        number="一、",
        heading=heading[2:],
        level=1,
        span=(start, end),
        heading_span=(start, start + len(heading)),
        labels=labels,
    )
    return Document(title="某活动方案", span=(0, len(text)), title_span=(0, 5), sections=(sec,))


# fmt: off
PURPOSES = [
    # (a background part's body, whether it holds an aim of the plan)
    ("本次活动旨在激发同学们的阅读兴趣，营造书香校园。", True),
    ("通过此次比赛，使参赛学生熟悉项目申报流程。", True),
    ("我们希望借此机会了解乡村电商的现状。", True),
    ("本项目利用图谱技术整理课程知识，以期为初学者提供参考。", True),
    ("针对其研究旨在开发更有力的信息获取工具。", False),       # someone else's work, not the plan's
    ("为了对研究有更深入的帮助，问卷进一步调查了受访者。", False),
    ("近年来，各地积极探索，积累了一些经验。", False),           # no purpose word
]
# fmt: on


@pytest.mark.parametrize(("body", "aim"), PURPOSES)
def test_purpose_sentences_speak_of_the_plan(body: str, aim: bool) -> None:
    assert bool(purpose_sentences(body, [(0, len(body))])) is aim


def test_a_purpose_sentence_of_a_background_part_is_an_aim() -> None:
    t = "某活动方案\n一、活动背景\n读书风气有待加强。通过此次活动，使同学们养成阅读习惯。\n二、活动内容\n1.举办读书分享会。\n"
    doc = extract(_doc(t, "一、活动背景", ("background",)), t)
    assert [(g.text, g.aim) for g in doc.goals] == [("通过此次活动，使同学们养成阅读习惯。", True)]


def test_the_aims_of_a_purpose_part_are_goals_but_not_those_of_a_plain_background() -> None:
    body = "为丰富校园文化生活，特举办本次活动，进一步增强班级凝聚力，提升同学们的综合素质。\n"
    t = "某活动方案\n一、目的意义\n" + body
    goals = [g.text for g in extract(_doc(t, "一、目的意义", ("background",)), t).goals]
    assert "丰富校园文化生活" in goals and "提升同学们的综合素质" in goals
    t = "某活动方案\n一、基本情况\n" + body  # control: the same words under a heading that states no purpose
    assert extract(_doc(t, "一、基本情况", ("background",)), t).goals == ()
