"""The date finder's shared work: its patterns run through ``patternscan`` (``_sre`` skipping to the characters a
match can open with) and give the matches ``re`` gives; a date is judged part of a quoted name once per text, and
a span's answer is kept, however many readers ask."""

from __future__ import annotations

import random
import re
from collections.abc import Iterator
from typing import Any

import pytest

from cxzy_nlp import patternscan
from cxzy_nlp.chinese.dates import ANCHOR_RE, DOT_DAY_RANGE, POINT_RE, TERM_RE
from cxzy_nlp.extract import dates

# invented lines, written for this test
_LINES = [
    "2024年3月1日至3月15日：召开动员会，部署全年工作。",
    "请各单位于2024年6月底前报送总结材料，“2023年科技创新大赛”征集系统同步开放。",
    "6.11—6.14 组织现场观摩；7月1日：开展主题党日活动",
    "国庆节前夕组织慰问，“七一”前后走访老党员，3—5月完成调研，2025—2027年全面推进。",
    "2023-2024学年第一学期开展读书活动，2024年暑假组织社会实践。",
    "第二阶段（2024年7月—12月）：总结提高，共30天。",
    "附件：1.2024年重点项目推荐汇总表",
    "各部门要高度重视，认真组织，确保取得实效。",
]


def _forget() -> None:
    for kept in (dates._find_dates, dates._own_dates, dates._in_name_kept):
        kept.forget()  # type: ignore[attr-defined]


def _spans(text: str, seed: int, count: int = 150) -> list[tuple[int, int]]:
    rng = random.Random(seed)
    cuts = sorted({0, len(text), *(i + 1 for i, c in enumerate(text) if c == "\n")})
    out = []
    for _ in range(count):
        pool = cuts if rng.random() < 0.5 else range(len(text) + 1)
        a, b = sorted(rng.sample(pool, 2))
        out.append((a, b))
    return out


def _answers(text: str) -> list[Any]:
    _forget()
    return [
        dates.find_dates(text, span, year, names=names)
        for span in _spans(text, 11)
        for year, names in ((None, False), (2024, False), (2024, True))
    ]


@pytest.mark.parametrize(
    "regex", [ANCHOR_RE, POINT_RE, TERM_RE, DOT_DAY_RANGE, dates._festival_re(), dates._START_FIELD]
)
def test_every_pattern_of_the_date_scan_has_a_gated_twin(regex: re.Pattern[str]) -> None:
    assert patternscan._twin(regex) is not None


def test_the_date_scan_runs_its_patterns_through_patternscan(monkeypatch: pytest.MonkeyPatch) -> None:
    used: list[str] = []
    scanned: list[re.Pattern[str]] = []
    search, finditer = dates._gated_search, dates._gated_finditer

    def counted_search(regex: re.Pattern[str], *args: Any) -> Any:
        used.append("search")
        return search(regex, *args)

    def counted_finditer(regex: re.Pattern[str], *args: Any) -> Iterator[re.Match[str]]:
        used.append("finditer")
        scanned.append(regex)
        return finditer(regex, *args)

    monkeypatch.setattr(dates, "_gated_search", counted_search)
    monkeypatch.setattr(dates, "_gated_finditer", counted_finditer)
    _forget()
    text = "\n".join(_LINES)
    assert dates.find_dates(text, (0, len(text)), 2024)
    assert used.count("search") >= 10  # each anchor and each point
    assert used.count("finditer") >= 3  # festivals, terms, dotted ranges
    used.clear()
    form = "\n".join(_FORM)
    assert dates.field_period(form, (0, len(form)), 2021) is not None
    assert dates._START_FIELD in scanned  # the start fields of a form


def test_gated_and_plain_patterns_find_the_same_dates(monkeypatch: pytest.MonkeyPatch) -> None:
    text = "\n".join(_LINES)
    gated = _answers(text)
    monkeypatch.setattr(dates, "_gated_search", lambda regex, text, *args: regex.search(text, *args))
    monkeypatch.setattr(dates, "_gated_finditer", lambda regex, text, *args: regex.finditer(text, *args))
    plain = _answers(text)
    _forget()
    assert gated == plain
    assert sum(map(len, gated)) > 300  # the spans hold dates: the comparison says something


def _counting_verdicts(monkeypatch: pytest.MonkeyPatch) -> list[tuple[int, int]]:
    """The spans ``in_name`` judges (each verdict looks at the attachment list first, once)."""
    asked: list[tuple[int, int]] = []
    look = dates._in_attachment_list

    def counted(text: str, span: tuple[int, int]) -> bool:
        asked.append(span)
        return look(text, span)

    monkeypatch.setattr(dates, "_in_attachment_list", counted)
    return asked


def test_a_date_is_judged_part_of_a_name_once_per_text(monkeypatch: pytest.MonkeyPatch) -> None:
    asked = _counting_verdicts(monkeypatch)
    _forget()
    text = "\n".join(_LINES)
    lines = []
    pos = 0
    for line in _LINES:  # each line, then the whole text, then parts of lines: one verdict per date
        lines.append((pos, pos + len(line)))
        pos += len(line) + 1
    for span in [*lines, (0, len(text)), *((a, b - 1) for a, b in lines)]:
        dates.find_dates(text, span, 2024)
    assert asked  # control: the verdicts are asked for
    assert len(asked) == len(set(asked))


def test_a_span_asked_again_is_answered_from_memory(monkeypatch: pytest.MonkeyPatch) -> None:
    _forget()
    text = "\n".join(_LINES)
    first = dates.find_dates(text, (0, len(text)), 2024)
    dates._in_name_kept.forget()  # type: ignore[attr-defined]
    asked = _counting_verdicts(monkeypatch)
    again = dates.find_dates(text, (0, len(text)), 2024)
    assert again == first and again is not first
    assert asked == []  # the span's answer was kept: no verdict asked again
    dates.find_dates(text, (0, len(text)), 2025)  # control: another question is answered anew
    assert asked


# invented form rows, written for this test: fields of the project's time, on one row and on two, and an event's
_FORM = [
    "项目名称\t社区读书角建设\n开始时间\t2019年5月\t结束时间\t2020年4月",
    "申报单位：第三中学\n起始日期：2021年3月1日\n截止日期：2021年12月31日\n联系人：王老师",
    "报名开始时间：2022年6月1日\n报名截止时间：2022年6月10日",
    "\t实施开始时间\t2023年1月\t实施结束时间\t2023年6月",
]


def test_a_form_period_is_found_alike_with_the_gated_scan(monkeypatch: pytest.MonkeyPatch) -> None:
    text = "\n".join(_FORM)
    spans = [(0, len(text)), *_spans(text, 5, 60)]

    def periods() -> list[Any]:
        _forget()
        return [dates.field_period(text, span, year) for span in spans for year in (None, 2021)]

    gated = periods()
    monkeypatch.setattr(dates, "_gated_finditer", lambda regex, text, *args: regex.finditer(text, *args))
    plain = periods()
    _forget()
    assert gated == plain
    assert sum(p is not None for p in gated) >= 4  # control: the texts hold such periods
