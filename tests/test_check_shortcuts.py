"""Shortcuts of the check stage keep the laws of the code they replaced: ``Context.sentence_at``
(string searches, not a walk per character) and ``KeyText.key`` (a slice, not a regex per passage)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from cxzy_nlp.check.context import Context
from cxzy_nlp.check.duplicates import KeyText, passage_key
from cxzy_nlp.check.profile import builtin_profile
from cxzy_nlp.model import Document, Span

MARKS = "。！？；\n"


def walked(text: str, doc: Span, span: Span) -> Span:
    lo, hi = doc
    start = span[0]
    while start > lo and text[start - 1] not in MARKS:
        start -= 1
    end = span[1]
    while end < hi and text[end] not in MARKS:
        end += 1
    return (start, min(hi, end + 1))


def context(text: str, doc: Span) -> Context:
    return Context(doc=Document(title=None, span=doc), text=text, profile=builtin_profile("default"))


CASES = [  # text, document span, span asked about, sentence
    ("开展自查。整改落实到位！", (0, 12), (5, 7), (5, 12)),
    ("开展自查。整改落实到位！", (0, 12), (0, 2), (0, 5)),
    ("前文。本文第一句；第二句\n下一行", (3, 16), (9, 10), (9, 13)),
    ("前文。本文第一句；第二句\n下一行", (3, 16), (3, 4), (3, 9)),
    ("没有句末标点的一段文字", (2, 9), (4, 5), (2, 9)),
    ("。。。", (0, 3), (1, 2), (1, 3)),
]


def test_sentence_table() -> None:
    for text, doc, span, expected in CASES:
        assert context(text, doc).sentence_at(span) == expected, (text, span)
        assert walked(text, doc, span) == expected


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="甲乙丙。！？；\n，", max_size=30), st.data())
def test_sentence_at_agrees_with_the_walk(text: str, data: st.DataObject) -> None:
    lo = data.draw(st.integers(0, len(text)))
    hi = data.draw(st.integers(lo, len(text)))
    start = data.draw(st.integers(lo, hi))
    end = data.draw(st.integers(start, hi))
    assert context(text, (lo, hi)).sentence_at((start, end)) == walked(text, (lo, hi), (start, end))


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="甲乙丙。，、1２ \t\n“”（）-—…·abc,.", max_size=40), st.data())
def test_passage_key_cut_from_the_kept_text_equals_the_key_of_the_slice(text: str, data: st.DataObject) -> None:
    lo = data.draw(st.integers(0, len(text)))
    hi = data.draw(st.integers(lo, len(text)))
    start = data.draw(st.integers(lo, hi))
    end = data.draw(st.integers(start, hi))
    keyed = KeyText(context(text, (lo, hi)))
    assert keyed.key((start, end)) == passage_key(text[start:end])
