"""The shortcuts of ``normalise_text`` (regexes skipped when their mark is absent) change nothing.

The reference below applies every substitution unconditionally, as the function did before the
shortcuts; both must agree on any string, in particular on strings dense in the marks concerned.
"""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from cxzy_nlp import normalise as n
from cxzy_nlp.model import Block, ReadResult, SourceInfo


def _spaces(s: str) -> str:
    return n._SPACE_RUN.sub(lambda m: "\t" if "\t" in m.group(0) else " ", s)


def reference(text: str) -> str:
    s = text.translate(n._TRANSLATE).replace("\n", " ")
    s = n._RADICALS.sub(n._fold_radical, s)
    s = n._FW_DOT_AFTER_DIGIT.sub(".", s)
    s = _spaces(s).strip(" \t")
    previous = None
    while previous != s:
        previous = s
        for regex, replacement in (
            (n._COMMA_RE, "，"),
            (n._COLON_RE, "："),
            (n._SEMI_RE, "；"),
            (n._QMARK_RE, "？"),
            (n._EXCL_RE, "！"),
            (n._PERIOD_RE, "。"),
            (n._PAREN_RE, r"（\1）"),
            (n._DQUOTE_RE, r"“\1”"),
        ):
            s = regex.sub(replacement, s)
    return _spaces(s).strip(" \t")


MARKY = st.text(alphabet=list(',:;?!.()"．\t \n一二十中文会”（）“1２Ａa\u2f00\u2e8b\u3000\u200b/'), max_size=24)

CASES = [
    "一::工作目标",
    "做好“两个结合”,推进落实.",
    "（1).第一阶段:  6．1至6．30",
    '开展"安全月"(六月)活动!',
    "http://example.org 见附件",
    "\u2f00\u2e8b\t\t 全文",
    "",
]


def test_table_of_marked_strings() -> None:
    for text in CASES:
        assert n.normalise_text(text) == reference(text), text


@settings(max_examples=400, deadline=None)
@given(MARKY)
def test_shortcuts_agree_with_the_unconditional_passes(text: str) -> None:
    assert n.normalise_text(text) == reference(text)


def test_unchanged_blocks_are_kept_and_changed_ones_rewritten() -> None:
    clean, dirty = (
        Block(text="已经规范的文字。", kind="paragraph", paragraph=0),
        Block(text="需要 ,  处理", kind="paragraph", paragraph=1),
    )
    result = ReadResult(source=SourceInfo(path="x.docx", format="docx", sha256="", size=0), blocks=(clean, dirty))
    normal = n.normalise(result)
    assert normal.blocks[0].block is clean
    assert normal.text == "已经规范的文字。\n" + reference(dirty.text)
    assert re.fullmatch(r"[^\n]+\n[^\n]+", normal.text)
