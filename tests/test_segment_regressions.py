"""Regressions of the segmenter found by property tests (one test per bug)."""

from __future__ import annotations

from cxzy_nlp.headings import suggest_number
from cxzy_nlp.pipeline import analyse_text


def test_a_chinese_marker_read_as_a_number_over_99_gets_a_suggestion() -> None:
    # ``一一一.`` is read as 111: the GB ladder's Chinese numerals stop at 99, the suggestion is arabic
    assert "111" in suggest_number(1, 111)
    assert suggest_number(1, 3) == "三、" and suggest_number(2, 12) == "（十二）"  # control: the ladder's own forms
    (doc,) = analyse_text("一一一.一", stages="segment").documents
    assert doc.span == (0, len("一一一.一"))
