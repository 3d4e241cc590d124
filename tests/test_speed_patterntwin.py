"""The gated scan handed to ``_sre`` (``patternscan._twin``): the pattern compiled again with its gate as the
code's character-set prefix (one character: a one-character prefix) gives the matches, groups and spans of the
scan in Python (``patternscan._finditer``) and of ``re`` itself, for the package's gated patterns, on a
generated plan and on drawn texts; a twin whose set misses a first character finds fewer (the control)."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from test_check_scan import PATTERNS as RULE_PATTERNS
from test_check_scan import _alphabet as rule_alphabet

from cxzy_nlp import patternscan
from cxzy_nlp.extract.patterns import patterns
from cxzy_nlp.synth import generate_plan

pytestmark = pytest.mark.skipif(patternscan._p is None, reason="no re._parser on this Python")

EXTRACTION = [
    patterns().time_words,
    patterns().owner_words,
    patterns().goal_cue,
    patterns().aim_statement,
    patterns().target_figure,
]
GATED = [p for p in [*EXTRACTION, *RULE_PATTERNS] if patternscan._gate(p) is not None]
PLAN = "\n".join(generate_plan(seed, size=3).text for seed in range(4))


def _found(matches: object) -> list[tuple[tuple[int, int], tuple[str | None, ...]]]:
    return [(m.span(), m.groups()) for m in matches]  # type: ignore[attr-defined]


def _plain(regex: re.Pattern[str], text: str, pos: int, end: int) -> list[tuple[tuple[int, int], tuple]]:
    return _found(m for m in regex.finditer(text, pos, end) if m.end() > m.start())


def test_gated_patterns_are_scanned_by_their_twin() -> None:
    assert len(GATED) >= 40
    twins = [patternscan._twin(p) for p in GATED]
    assert all(t is not None for t in twins)
    regex = patterns().time_words
    found = list(patternscan.finditer(regex, PLAN))
    assert found and all(m.re is patternscan._twin(regex) for m in found)  # not a loop in Python
    one = re.compile(r"某某")  # a one-character gate: the prefix form
    assert patternscan._twin_entry(one)[0] & re.UNICODE  # type: ignore[index]
    import array

    code = array.array("I", patternscan._twin_entry(one)[1]).tolist()  # type: ignore[index]
    assert code[2] == re._constants.SRE_INFO_PREFIX  # type: ignore[attr-defined]


def test_twins_equal_the_python_scan_and_re_on_a_generated_plan() -> None:
    for regex in GATED:
        twin = patternscan._twin(regex)
        assert twin is not None
        for pos, end in ((0, len(PLAN)), (17, len(PLAN) // 2), (len(PLAN) // 3, len(PLAN))):
            want = _plain(regex, PLAN, pos, end)
            assert _found(twin.finditer(PLAN, pos, end)) == want, regex.pattern
            assert _found(patternscan._finditer(regex, PLAN, pos, end)) == want, regex.pattern
            first = regex.search(PLAN, pos, end)
            got = patternscan.search(regex, PLAN, pos, end)
            assert (got and got.span()) == (first and first.span()), regex.pattern


@settings(max_examples=40, deadline=None)
@given(st.data())
def test_twins_equal_re_on_drawn_texts(data: st.DataObject) -> None:
    for regex in GATED[:: max(1, len(GATED) // 25)]:
        text = data.draw(st.text(alphabet=rule_alphabet(regex) + "0123456789１.-年月日 \n", max_size=40))
        pos = data.draw(st.integers(0, len(text)))
        end = data.draw(st.integers(pos, len(text)))
        assert _found(patternscan.finditer(regex, text, pos, end)) == _plain(regex, text, pos, end), regex.pattern


def test_control_a_twin_missing_a_first_character_finds_fewer() -> None:
    regex = re.compile(r"目标是|力争")
    text = "总体目标是到年底力争完成"
    wrong = patternscan.pattern_from(regex.pattern, patternscan._twin_entry(regex, frozenset("力")))
    right = patternscan._twin(regex)
    assert right is not None
    assert _found(wrong.finditer(text)) != _plain(regex, text, 0, len(text))
    assert _found(right.finditer(text)) == _plain(regex, text, 0, len(text))


# patterns that open where a clause opens: a twin consumes the character before the match, then the rest
def _after_patterns() -> list[re.Pattern[str]]:
    from cxzy_nlp.extract import owners

    found = [patterns().owner_subject, owners._IN_CHARGE, owners._UNIT_DUTY, owners._PERSON_DUTY]
    found += [re.compile(r"(?:^|(?<=[\n。；，]))[ \t]*(?P<o>[^，。；\n]{2,8}?)负责")]
    found += [re.compile(r"(?:^|(?<=[\u4e00-\u9fff][ \u3000]))\d+"), re.compile(r"(?<=\s)\d+天")]
    return found


def test_clause_opening_patterns_have_a_twin_and_it_finds_what_re_finds() -> None:
    text = PLAN + "\n1. 总则\n2、2024年\n一、各单位负责，县局负责 3天\n  二、 第5 7天。镇政府负责落实；组 10"
    twinned = 0
    for regex in _after_patterns():
        if patternscan._gate(regex) is None:  # a first-character gate goes first
            assert patternscan._after_twin(regex) is not None, regex.pattern
            twinned += 1
        for pos, end in ((0, len(text)), (5, len(text) - 3), (len(text) // 2, len(text))):
            assert _found(patternscan.finditer(regex, text, pos, end)) == _plain(regex, text, pos, end), regex.pattern
            first = regex.search(text, pos, end)
            got = patternscan.search(regex, text, pos, end)
            assert (got and got.span()) == (first and first.span()), regex.pattern
    assert twinned >= 5


def test_control_an_after_twin_missing_a_character_misses_matches() -> None:
    regex = re.compile(r"(?:^|(?<=[\n。；，]))[ \t]*(?P<o>[^，。；\n]{2,8}?)负责")
    text = "一、各单位负责，县局负责。镇政府负责落实"
    begins, _gate = patternscan._after_gate(regex)  # type: ignore[misc]
    wrong = patternscan.pattern_from(regex.pattern, patternscan._after_twin_entry(regex, frozenset("\n。")))
    right = patternscan._after_twin(regex)
    assert right is not None
    assert _found(patternscan._after_scan(regex, begins, wrong, text, 0, len(text))) != _plain(
        regex, text, 0, len(text)
    )
    assert _found(patternscan._after_scan(regex, begins, right, text, 0, len(text))) == _plain(
        regex, text, 0, len(text)
    )
