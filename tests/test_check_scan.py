"""``scan.finditer`` (try a pattern only at its possible first characters) gives exactly the
non-empty matches of ``re.finditer``: for hand-picked patterns, for every pattern the check rules
use, on texts dense in the characters those patterns start with."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cxzy_nlp.check import dates, era, knowledge, scan, structure, template
from cxzy_nlp.chinese.sentences import CLAUSE_STOPS, stop_class


def plain(regex: re.Pattern[str], text: str) -> list[tuple[int, int, str]]:
    return [(m.start(), m.end(), m.group(0)) for m in regex.finditer(text) if m.end() > m.start()]


def gated(regex: re.Pattern[str], text: str) -> list[tuple[int, int, str]]:
    return [(m.start(), m.end(), m.group(0)) for m in scan.finditer(regex, text)]


FIRST_CHARS = [  # pattern, first characters (None: no gate)
    ("方案|计划", "方计"),
    ("(?<![一-龥])篇\\d+", "篇"),
    ("(?:以|在)思想|[*＊]{3}", "以在*＊"),
    ("x?y+", "xy"),
    ("x*", None),  # can match the empty string
    ("\\d+年", None),  # \d: too many characters
    ("(?i)ab", None),  # case folding
    ("[^a]b", None),
    (".b", None),
    ("(?=甲)甲乙|丙", "甲丙"),
]


@pytest.mark.parametrize(("pattern", "expected"), FIRST_CHARS)
def test_first_chars(pattern: str, expected: str | None) -> None:
    chars = scan.first_chars(re.compile(pattern))
    assert chars == (None if expected is None else frozenset(expected))


def rule_patterns() -> Iterator[re.Pattern[str]]:
    yield from knowledge.residue().values()
    yield from (p.regex for p in knowledge.placeholders())
    yield from knowledge.cues().values()
    for module in (dates, era, structure, template):
        yield from (v for v in vars(module).values() if isinstance(v, re.Pattern))
    yield stop_class(CLAUSE_STOPS + "\n")  # where Context.sentence_at ends a sentence
    yield from (re.compile(found) for found in _yaml_patterns(knowledge.era()))


def _yaml_patterns(node: object) -> Iterator[str]:
    """Every ``pattern`` string in the era data (formulas, campaigns, chained names ...)."""
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "pattern" and isinstance(value, str):
                yield value
            else:
                yield from _yaml_patterns(value)
    elif isinstance(node, list):
        for item in node:
            yield from _yaml_patterns(item)


PATTERNS = list(dict.fromkeys(rule_patterns()))
GATED = [p for p in PATTERNS if scan.first_chars(p)]


def test_most_rule_patterns_have_a_gate() -> None:
    assert len(GATED) >= 5


def _alphabet(regex: re.Pattern[str]) -> str:
    literals = "".join(sorted(set(re.sub(r"\\.|[\[\]()?*+{}|^$:!<=]", "", regex.pattern))))
    return literals + "年月日12０ 。，\n"


@settings(max_examples=60, deadline=None)
@given(st.data())
def test_gated_scan_equals_finditer_on_every_rule_pattern(data: st.DataObject) -> None:
    for regex in GATED:
        text = data.draw(st.text(alphabet=_alphabet(regex), max_size=40))
        assert gated(regex, text) == plain(regex, text), regex.pattern


@pytest.mark.parametrize("pattern", [p for p, _ in FIRST_CHARS])
def test_gated_scan_on_a_fixed_text(pattern: str) -> None:
    regex = re.compile(pattern)
    text = "篇12方案以思想甲乙丙***x yyy ab AB 2024年 篇3计划在思想＊＊＊"
    assert gated(regex, text) == plain(regex, text)
