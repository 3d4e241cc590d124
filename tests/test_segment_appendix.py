"""Attachments numbered in Chinese (附件一：…) or called 附录 (附录二 访谈提纲) start attachment zones like 附件2：…
(cxzy_nlp.segment.appendix_title, issue 14); a sentence opening with those characters does not."""

from __future__ import annotations

import pytest

from cxzy_nlp.pipeline import analyse_text

BODY = "场地位于社区活动中心二楼，可容纳五十人，配有投影和音响设备。" * 8
PLAN = (
    "社区读书节活动方案\n一、活动内容\n开展共读活动，每周一次。\n二、活动安排\n五月启动，六月总结。\n{line}\n"
    + BODY
    + "\n"
)


def _zones(line: str) -> list[str]:
    analysis = analyse_text(PLAN.format(line=line), stages="segment")
    return [z.kind for d in analysis.documents for z in d.zones]


@pytest.mark.parametrize("line", ["附件一：场地说明", "附录二 场地说明", "附件2：场地说明", "附录三"])
def test_numbered_attachments_and_appendices(line: str) -> None:
    assert _zones(line)[-1] == "attachment"


@pytest.mark.parametrize("line", ["附录一背景修改为“微观”。", "附件三个月内完成。"])
def test_control_sentences_opening_with_those_words(line: str) -> None:
    assert "attachment" not in _zones(line)
