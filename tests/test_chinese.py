"""The Chinese-text basics every stage shares: numerals, sentence stops, markers, 文号, date forms."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cxzy_nlp.chinese import (
    MARKER_RE,
    bracket_year,
    check_day,
    cn_numeral,
    date_style,
    find_doc_number_forms,
    marker_from_match,
    numeral_value,
    sentence_pattern,
    sentence_span,
    to_int,
    to_number,
    year_digits,
)
from cxzy_nlp.chinese.dates import FORMAL_DATE_ARABIC, FORMAL_DATE_CN, formal_iso
from cxzy_nlp.chinese.sentences import CLAUSE_STOPS, FULL_STOPS

# fmt: off
NUMERALS = [
    ("十二", 12), ("二十一", 21), ("九十", 90), ("一百", 100), ("一百零五", 105), ("两", 2), ("〇", 0), ("89", 89),
]
YEARS = [("2024", 2024), ("二〇一〇", 2010), ("二零二一", 2021), ("二○一○", 2010), ("二〇一x", None), ("", None)]
AMOUNTS = [("12", 12.0), ("1.5", 1.5), ("2,000", 2000.0), ("一百五十", 150.0), ("两千", 2000.0), ("不详", None)]
STYLES = [
    ("二〇二一年六月一日", ("cn-year",)),
    ("二○一九年", ("cn-year",)),
    ("2021-06-01", ("dotted",)),
    ("2018.11.14～2018.11.19", ("dotted",)),
    ("2024年03月01日", ("padded",)),
    ("2021年6月1日", ()),
    ("v1.2021.1.1", ()),  # a version number, not a date
]
MARKERS = [
    ("一、目标", "cn", 1, True), ("（三）任务", "cn_paren", 3, True), ("(三)任务", "cn_paren", 3, False),
    ("2.措施", "arabic", 2, True), ("（4）步骤", "paren_arabic", 4, True), ("⑤检查", "circled", 5, True),
    ("第十二章 附则", "chapter", 12, True), ("1.2 范围", "decimal2", 2, False), ("b.细则", "latin", 2, False),
]
DOC_NUMBERS = [
    ("国发〔2019〕4号", True, ""), ("某办发[2021]9号", False, "[]"), ("某发〔21〕9号", False, "〔〕"),
    ("某发〔2021〕第9号", False, "〔〕"), ("某发〔2021〕009号", False, "〔〕"),
]
# fmt: on


@pytest.mark.parametrize(("written", "value"), NUMERALS)
def test_numeral_value(written: str, value: int) -> None:
    assert numeral_value(written) == value


@settings(deadline=None)
@given(st.integers(min_value=1, max_value=199))
def test_numeral_value_reads_what_cn2an_writes(n: int) -> None:
    cn2an = pytest.importorskip("cn2an")
    assert numeral_value(cn2an.an2cn(n)) == n


@given(st.integers(min_value=0, max_value=99))
def test_cn_numeral_and_numeral_value_are_inverse(n: int) -> None:
    assert numeral_value(cn_numeral(n)) == n


@pytest.mark.parametrize(("written", "year"), YEARS)
def test_year_digits(written: str, year: int | None) -> None:
    assert year_digits(written) == year


@pytest.mark.parametrize(("written", "value"), AMOUNTS)
def test_to_number(written: str, value: float | None) -> None:
    assert to_number(written) == value
    assert to_int(written) == (int(value) if value is not None and value == int(value) else None)


@pytest.mark.parametrize(("written", "styles"), STYLES)
def test_date_style(written: str, styles: tuple[str, ...]) -> None:
    assert date_style(written) == styles


@pytest.mark.parametrize(
    ("year", "month", "day", "ok"),
    [(2024, 2, 29, True), (2023, 2, 29, False), (None, 2, 29, True), (None, 9, 31, False), (2024, 13, None, False)],
)
def test_check_day(year: int | None, month: int, day: int | None, ok: bool) -> None:
    assert (check_day(year, month, day) is None) is ok


@pytest.mark.parametrize(
    ("line", "iso"),
    [("2021年6月1日", "2021-06-01"), ("二〇二一年六月一日", "2021-06-01"), ("二○一○年十二月三十一日", "2010-12-31")],
)
def test_formal_date(line: str, iso: str) -> None:
    m = FORMAL_DATE_ARABIC.search(line) or FORMAL_DATE_CN.search(line)
    assert m is not None and formal_iso(m) == iso


@pytest.mark.parametrize(("line", "family", "value", "standard"), MARKERS)
def test_marker_families(line: str, family: str, value: int, standard: bool) -> None:
    m = MARKER_RE.match(line)
    assert m is not None
    marker = marker_from_match(m, line)
    assert (marker.family, marker.value, marker.standard) == (family, value, standard)


@pytest.mark.parametrize(("number", "standard", "brackets"), DOC_NUMBERS)
def test_doc_number_forms(number: str, standard: bool, brackets: str) -> None:
    text = f"根据{number}文件"
    forms = find_doc_number_forms(text)
    if standard:
        assert [f.standard for f in forms] == [True]
    else:
        assert len(forms) == 1 and not forms[0].standard
        assert forms[0].brackets == brackets
    assert forms[0].text.endswith("号") and forms[0].text in text


def test_bracket_year() -> None:
    assert bracket_year("国发〔2019〕4号") == 2019
    assert bracket_year("某发[2021]9号") == 2021
    assert bracket_year("某发[2021]9号", standard_only=True) is None
    assert bracket_year(None) is None


def test_sentence_span_is_the_sentence_with_its_stop() -> None:
    text = "第一句。第二句有日期；第三句\n第四句"
    at = text.index("日期")
    assert text[slice(*sentence_span(text, (at, at + 2)))] == "第二句有日期；"
    assert text[slice(*sentence_span(text, (at, at + 2), stops=FULL_STOPS))] == "第二句有日期；第三句\n第四句"


def test_sentence_pattern_keeps_the_stops_it_is_asked_to() -> None:
    text = "甲。乙！！\n丙"
    assert [m.group() for m in sentence_pattern(CLAUSE_STOPS + "\n", "?").finditer(text)] == ["甲。", "乙！", "丙"]
    assert [m.group() for m in sentence_pattern(CLAUSE_STOPS + "\n", "*").finditer(text)] == ["甲。", "乙！！\n", "丙"]
    assert [m.group() for m in sentence_pattern(CLAUSE_STOPS + "\n", "").finditer(text)] == ["甲", "乙", "丙"]
