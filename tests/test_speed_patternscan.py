"""``patternscan.finditer`` with digit and space classes in its gate, and with ``pos``/``endpos``:
the same non-empty matches as ``re.finditer`` on texts dense in digits, for hand-picked patterns and
for the extraction patterns routed through it; a wrong gate (ASCII digits for a Unicode ``\\d``) is
caught by the same comparison (the control)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from test_check_scan import PATTERNS as RULE_PATTERNS
from test_check_scan import _alphabet as rule_alphabet

from cxzy_nlp import patternscan
from cxzy_nlp.extract.patterns import patterns


# what a real gate is compared with: an exact copy of finditer with a gate given by hand
def _scan_with(gate: re.Pattern[str], regex: re.Pattern[str], text: str, pos: int, end: int) -> list[tuple[int, int]]:
    out = []
    while (candidate := gate.search(text, pos, end)) is not None:
        m = regex.match(text, candidate.start(), end)
        if m is None:
            pos = candidate.start() + 1
            continue
        out.append(m.span())
        pos = m.end()
    return out


def plain(regex: re.Pattern[str], text: str, pos: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    end = len(text) if end is None else end
    return [m.span() for m in regex.finditer(text, pos, end) if m.end() > m.start()]


def gated(regex: re.Pattern[str], text: str, pos: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    return [m.span() for m in patternscan.finditer(regex, text, pos, end)]


DIGIT_PATTERNS = [
    r"(?<![\d.])\d{1,2}\.\d{1,2}(?![\d.])",
    r"(?<![\d年月])(?:19|20)?\d{2}年[1-9]日",
    r"\s*[为共]\d+天",
    r"(?a)\d+年",
    r"第\d+周|\d{4}年|[一二三]月",
]
TEXT = "2024年3月 12.5—12.8 十二月 第3周 １２年 ２０２４年 16年4日 共 10天 为30天 1.2.3 5.6"


@pytest.mark.parametrize("pattern", DIGIT_PATTERNS)
def test_digit_classes_give_a_gate(pattern: str) -> None:
    regex = re.compile(pattern)
    assert patternscan._gate(regex) is not None
    assert patternscan.first_chars(regex) is None  # no list of characters can stand for \d


@pytest.mark.parametrize("pattern", DIGIT_PATTERNS)
def test_gated_scan_with_digits_equals_finditer(pattern: str) -> None:
    regex = re.compile(pattern)
    assert gated(regex, TEXT) == plain(regex, TEXT)
    for pos, end in ((3, len(TEXT)), (5, 30), (0, 12), (20, 21)):
        assert gated(regex, TEXT, pos, end) == plain(regex, TEXT, pos, end)


def test_an_ascii_gate_for_a_unicode_digit_would_be_caught() -> None:
    regex = re.compile(r"\d+年")
    wrong = re.compile("[0-9]")  # misses full-width digits, which \d matches
    assert _scan_with(wrong, regex, TEXT, 0, len(TEXT)) != plain(regex, TEXT)
    assert gated(regex, TEXT) == plain(regex, TEXT)
    # under (?a) the gate is ASCII too: full-width digits are no candidates and no matches
    ascii_regex = re.compile(r"(?a)\d+年")
    assert patternscan._gate(ascii_regex).flags & re.ASCII  # type: ignore[union-attr]
    assert gated(ascii_regex, "１２年") == plain(ascii_regex, "１２年") == []


def test_lookbehind_sees_before_pos() -> None:
    regex = re.compile(r"(?<![\d.])\d{1,2}\.\d{1,2}")
    text = "x12.5"
    assert plain(regex, text, 2) == [] == gated(regex, text, 2)  # the 1 before pos still blocks the match
    assert plain(regex, text, 1) == [(1, 5)] == gated(regex, text, 1)


EXTRACTION = [patterns().time_words, patterns().owner_words]


def test_the_extraction_patterns_have_gates() -> None:
    assert all(patternscan._gate(p) is not None for p in EXTRACTION)


@settings(max_examples=60, deadline=None)
@given(st.data())
def test_gated_scan_equals_finditer_on_the_extraction_patterns(data: st.DataObject) -> None:
    alphabet = "0123456789１２.年月日天周一二三上下午:：至-—负责牵头单位要七一国庆第每星期 \n"
    for regex in EXTRACTION:
        text = data.draw(st.text(alphabet=alphabet, max_size=40))
        pos = data.draw(st.integers(0, len(text)))
        end = data.draw(st.integers(pos, len(text)))
        assert gated(regex, text, pos, end) == plain(regex, text, pos, end), regex.pattern


DIGIT_GATED_RULES = [
    p for p in RULE_PATTERNS if patternscan._gate(p) is not None and patternscan.first_chars(p) is None
]


def test_some_rule_patterns_are_gated_by_digits() -> None:
    assert len(DIGIT_GATED_RULES) >= 3


@settings(max_examples=60, deadline=None)
@given(st.data())
def test_gated_scan_equals_finditer_on_the_rule_patterns_gated_by_digits(data: st.DataObject) -> None:
    for regex in DIGIT_GATED_RULES:
        text = data.draw(st.text(alphabet=rule_alphabet(regex) + "0123456789１.-", max_size=40))
        assert gated(regex, text) == plain(regex, text), regex.pattern


# search: the first match regex.search finds, for the goal readers' patterns (searched from each position in turn)
GOAL_PATTERNS = [patterns().goal_cue, patterns().aim_statement, patterns().target_figure]


def _first(regex: re.Pattern[str], text: str, pos: int, end: int) -> tuple[int, int] | None:
    m = regex.search(text, pos, end)
    return m.span() if m else None


def _gated_first(regex: re.Pattern[str], text: str, pos: int, end: int) -> tuple[int, int] | None:
    m = patternscan.search(regex, text, pos, end)
    return m.span() if m else None


def test_the_goal_patterns_have_gates() -> None:
    assert all(patternscan._gate(p) is not None for p in GOAL_PATTERNS)


@settings(max_examples=80, deadline=None)
@given(st.data())
def test_gated_search_equals_search(data: st.DataObject) -> None:
    for regex in [*GOAL_PATTERNS, *EXTRACTION, *DIGIT_GATED_RULES]:
        text = data.draw(st.text(alphabet=rule_alphabet(regex) + "0123456789１.-", max_size=50))
        pos = data.draw(st.integers(0, len(text)))
        end = data.draw(st.integers(pos, len(text)))
        assert _gated_first(regex, text, pos, end) == _first(regex, text, pos, end), regex.pattern


def test_gated_search_equals_search_on_real_texts(realdocs: Path) -> None:
    texts = sorted(realdocs.glob("*.txt"))[:12]
    assert texts
    compared = 0
    for path in texts:
        text = path.read_text(encoding="utf-8", errors="replace")
        for regex in GOAL_PATTERNS:
            for pos in range(0, len(text), 97):
                end = min(len(text), pos + 3000)
                assert _gated_first(regex, text, pos, end) == _first(regex, text, pos, end), (path.name, pos)
                compared += 1
    assert compared > 500


def test_control_a_gate_missing_a_first_character_finds_a_later_match() -> None:
    regex = re.compile(r"目标是|力争")
    wrong = re.compile("[力]")  # 目 left out of the gate
    text = "总体目标是到年底力争完成"

    def first_with(gate: re.Pattern[str]) -> tuple[int, int] | None:
        found = _scan_with(gate, regex, text, 0, len(text))
        return found[0] if found else None

    assert first_with(wrong) != _first(regex, text, 0, len(text))
    assert _gated_first(regex, text, 0, len(text)) == _first(regex, text, 0, len(text))


# patterns that open where a clause opens (^ or a lookbehind): tried only at the text's opening and after
# a character that may close the lookbehind
def _owner_patterns() -> list[re.Pattern[str]]:
    from cxzy_nlp.extract import owners

    return [
        patterns().owner_subject,
        owners._IN_CHARGE,
        owners._UNIT_DUTY,
        owners._PERSON_DUTY,
        owners._PERSON_TAKES,
    ]


AFTER_PATTERNS = [
    r"(?:^|(?<=[\n。；，]))[ \t]*(?P<o>[^，。；\n]{2,8}?)负责",
    r"(?m)^\d+[.、]",
    r"(?:^|(?<=[\u4e00-\u9fff][ \u3000]))\d+",
    r"(?:^|(?<=\n))[ \t]*[一二三]、",
    r"(?<=\s)\d+天",
]
AFTER_TEXT = "1. 总则\n2、2024年\n一、各单位负责，县局负责 3天\n  二、 第5 7天。镇政府负责落实；组 10"


@pytest.mark.parametrize("pattern", AFTER_PATTERNS)
def test_clause_opening_patterns_get_an_after_gate(pattern: str) -> None:
    assert patternscan._after_gate(re.compile(pattern)) is not None


def test_patterns_that_may_open_anywhere_get_no_after_gate() -> None:
    for pattern in (r"(?:^|x)\d", r"(?<![\d.])\d", r"(?:^|(?<=[^，]))a", r"(?<=\w)a", r"(?:^|(?<=\n))\s*", r"^\d+年"):
        assert patternscan._after_gate(re.compile(pattern)) is None, pattern


def test_the_owner_patterns_have_after_gates() -> None:
    assert all(patternscan._gate(p) is None and patternscan._after_gate(p) is not None for p in _owner_patterns())


def _after(regex: re.Pattern[str], text: str, pos: int, end: int) -> list[tuple[int, int]]:
    """The after-gated scan itself (finditer prefers a first-character gate where the pattern has one)."""
    begins, gate = patternscan._after_gate(regex)  # type: ignore[misc]
    return [m.span() for m in patternscan._after_scan(regex, begins, gate, text, pos, end)]


@pytest.mark.parametrize("pattern", AFTER_PATTERNS)
def test_after_gated_scan_equals_finditer(pattern: str) -> None:
    regex = re.compile(pattern)
    for pos in range(len(AFTER_TEXT) + 1):
        for end in (pos, min(len(AFTER_TEXT), pos + 9), len(AFTER_TEXT)):
            assert _after(regex, AFTER_TEXT, pos, end) == plain(regex, AFTER_TEXT, pos, end), (pos, end)
            assert gated(regex, AFTER_TEXT, pos, end) == plain(regex, AFTER_TEXT, pos, end), (pos, end)
            assert _gated_first(regex, AFTER_TEXT, pos, end) == _first(regex, AFTER_TEXT, pos, end), (pos, end)


@settings(max_examples=80, deadline=None)
@given(st.data())
def test_after_gated_scan_equals_finditer_on_random_texts(data: st.DataObject) -> None:
    for regex in [*map(re.compile, AFTER_PATTERNS), *_owner_patterns()]:
        text = data.draw(st.text(alphabet=rule_alphabet(regex) + "县局负责要一二、 \n，。；", max_size=50))
        pos = data.draw(st.integers(0, len(text)))
        end = data.draw(st.integers(pos, len(text)))
        assert _after(regex, text, pos, end) == plain(regex, text, pos, end), regex.pattern
        assert gated(regex, text, pos, end) == plain(regex, text, pos, end), regex.pattern
        assert _gated_first(regex, text, pos, end) == _first(regex, text, pos, end), regex.pattern


def test_after_gated_scan_equals_finditer_on_real_texts(realdocs: Path) -> None:
    texts = sorted(realdocs.glob("*.txt"))[:12]
    assert texts
    found = 0
    for path in texts:
        text = path.read_text(encoding="utf-8", errors="replace")
        for regex in _owner_patterns():
            for pos, end in ((0, len(text)), (len(text) // 3, len(text) // 3 * 2)):
                got = gated(regex, text, pos, end)
                assert got == plain(regex, text, pos, end), (path.name, regex.pattern[:30])
                found += len(got)
    assert found > 20


def test_control_an_after_gate_missing_a_lookbehind_character_misses_matches() -> None:
    regex = re.compile(AFTER_PATTERNS[0])
    begins, _right = patternscan._after_gate(regex)  # type: ignore[misc]
    wrong = re.compile("[\n。；]")  # ， left out
    missed = [m.span() for m in patternscan._after_scan(regex, begins, wrong, AFTER_TEXT, 0, len(AFTER_TEXT))]
    assert missed != plain(regex, AFTER_TEXT)
    assert _after(regex, AFTER_TEXT, 0, len(AFTER_TEXT)) == plain(regex, AFTER_TEXT)


# gates are kept between runs of the command line, beside the compiled patterns (patterncache.derived)
_GATES_PROBE = """
import json
from cxzy_nlp import patterncache
patterncache.install()
from cxzy_nlp import patternscan
from cxzy_nlp.extract.patterns import patterns
p = patterns()
regexes = [p.goal_cue, p.owner_subject, p.time_words]
def shown(r):
    g, a = patternscan._gate(r), patternscan._after_gate(r)
    return [g.pattern if g else None, [a[0], a[1].pattern] if a else None]
fresh = [[patternscan._gate_source(r), list(s) if (s := patternscan._after_source(r)) else None] for r in regexes]
print(json.dumps({"gates": [shown(r) for r in regexes], "fresh": fresh, "kept": len(patterncache._derived["kept"] or {}),
                  "file": str(patterncache.derived_file())}))
"""


def _gates_run(cache: Path) -> dict:
    import json
    import os
    import subprocess
    import sys

    from conftest import ROOT

    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env.update(PYTHONPATH=str(ROOT), XDG_CACHE_HOME=str(cache))
    run = subprocess.run(
        [sys.executable, "-c", _GATES_PROBE], env=env, capture_output=True, text=True, check=False, cwd=ROOT
    )
    assert run.returncode == 0, run.stderr[-800:]
    return json.loads(run.stdout.strip().splitlines()[-1])  # type: ignore[no-any-return]


def test_gates_are_kept_between_runs_and_equal_those_worked_out(tmp_path: Path) -> None:
    first = _gates_run(tmp_path)
    assert first["kept"] == 0 and first["gates"] == first["fresh"]
    second = _gates_run(tmp_path)
    assert second["kept"] >= 6  # read from the file the first run wrote
    assert second["gates"] == second["fresh"]
    assert second["gates"][1][0] is None and second["gates"][1][1] is not None  # owner_subject: an after-gate


def test_control_a_kept_gate_is_what_the_scan_uses(tmp_path: Path) -> None:
    import marshal

    first = _gates_run(tmp_path)
    path = Path(first["file"])
    data = marshal.loads(path.read_bytes())
    altered = 0
    for key in data["entries"]:
        if key[0] == "after" and data["entries"][key] is not None:
            data["entries"][key] = (True, "[x]")
            altered += 1
    assert altered
    path.write_bytes(marshal.dumps(data))
    second = _gates_run(tmp_path)
    assert second["gates"][1][1] == [True, "[x]"]  # served from the file: a wrong file would be believed
    assert second["gates"] != second["fresh"]
