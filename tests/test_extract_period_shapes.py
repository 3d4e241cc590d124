"""Written forms of a plan's time (issue 16, stop 10), on project-written text with controls: a space after each dot
(2024. 5. 6, as a PDF lays it out), a range of days written with slashes after a four-digit year (2024/5/6~6/30),
a span of 年度 (2024年度至2025年度); figures written with slashes stay figures."""

from __future__ import annotations

import pytest

from cxzy_nlp.extract.dates import find_dates
from cxzy_nlp.extract.period import schedule_table

# fmt: off
SHAPES = [
    # (text, [(start, end)] of the times read)
    ("活动时间：2024. 5. 6-2024. 6. 30", [("2024-05-06", "2024-06-30")]),    # a space after each dot
    ("填表日期：2024. 05. 06", [("2024-05-06", "2024-05-06")]),
    ("2024.5.6-2024.6.30", [("2024-05-06", "2024-06-30")]),                   # control: no spaces
    ("实施时间：2024/5/6~6/30", [("2024-05-06", "2024-06-30")]),              # slashes, the year once
    ("2024/05/06—06/30开展培训", [("2024-05-06", "2024-06-30")]),
    ("占比由1/2-3/4不等", []),                                                # control: figures, no year
    ("执行期为2024年度至2025年度", [("2024-01-01", "2025-12-31")]),          # a span of 年度
    ("2024年度工作计划", [("2024-01-01", "2024-12-31")]),                     # control: one 年度
    ("比上年提高2.5-3.5个百分点", []),                                        # control: figures with dots
]
# fmt: on


@pytest.mark.parametrize(("text", "want"), SHAPES)
def test_written_forms_of_a_time(text: str, want: list[tuple[str, str]]) -> None:
    got = [(e.start, e.end) for e in find_dates(text, None, 2024) if e.valid]
    assert got == want


# ------------------------------------------------------------------ a calendar of weeks dated by its first week

# fmt: off
WEEKS = [
    # (text, period (start, end) or None)
    ("课程进度安排\n本学期于2024年2月26日开学。\n第1周\t课程介绍\n第2-3周\t基础知识\n第4-17周\t项目实践\n",
     ("2024-02-26", "2024-06-23")),                                                # to the Sunday of week 17
    ("第1周（2024年9月4日—9月8日）：动员\n第2-3周：设计\n第4-10周：编码\n",
     ("2024-09-04", "2024-11-10")),                                                # week 1 opens on a Wednesday
    ("第1周：需求分析\n第2-3周：设计\n第4-10周：编码\n", None),                    # control: weeks with no date
    ("每学期第1周召开例会。\n本学期于2024年9月2日开学。\n", None),                 # control: a week that recurs
]
# fmt: on


@pytest.mark.parametrize(("text", "period"), WEEKS)
def test_a_calendar_of_weeks_runs_from_the_day_its_first_week_opens(text: str, period: tuple[str, str] | None) -> None:
    found = schedule_table(text, (0, len(text)), 2024)
    got = (found.start, found.end) if found else None
    assert got == period
