"""The time a title names and the time targets do not (issue 16, stop 11), on project-written titles and text with
controls: the plan word must be what the document is (关于2024年…工作意见的报告 is a report); a notice that puts
out or passes on a paper (关于印发…的通知, 转发…的报告的通知) has no period of its own, while a headline telling
that a paper was put out (某某印发《2025年…工作要点》) takes the time the paper's title names; a 方案 for a whole
年度 runs that year; goals whose target years reach past a plan's term (到2035年) are a horizon, not the end of
the document's work; a term a title names without its year (本学期, 秋季学期) is dated by the day of writing."""

from __future__ import annotations

import pytest

from cxzy_nlp.extract.schedule import derive_period, title_period
from cxzy_nlp.model import Goal
from cxzy_nlp.pipeline import analyse_text

# fmt: off
TITLES = [
    # (title, period (start, end) or None)
    ("关于2023年某某形势和加强某某工作意见的报告", None),                    # a report, not the 工作意见
    ("某某区2024年教育工作意见", ("2024-01-01", "2024-12-31")),             # control: the 工作意见 itself
    ("某某厅转发某某局关于2023年某某工作意见报告的通知", None),               # passes on a report
    ("关于印发某某区2024年工作要点的通知", None),                              # the paper has it, not the notice
    ("关于印发《某某区2024年工作要点》的通知", None),
    ("某某部门印发《2025年某某发展工作要点》", ("2025-01-01", "2025-12-31")),   # a headline: the paper's time
    ("某某部门印发《某某行动方案（2025—2027年）》", ("2025-01-01", "2027-12-31")),
    ("某某部门印发《某某读书活动方案》", None),                                # control: the paper names no time
    ("某某公司2024年度安全生产工作方案", ("2024-01-01", "2024-12-31")),     # a 方案 for a whole 年度
    ("2024年某某杯篮球赛活动方案", None),                                     # control: a campaign in the year
    ("某某中学2024年工作计划（草案）", ("2024-01-01", "2024-12-31")),        # a bracket after the plan word
]
# fmt: on


@pytest.mark.parametrize(("title", "period"), TITLES)
def test_the_time_a_title_names_is_the_time_of_what_the_document_is(title: str, period: tuple[str, str] | None) -> None:
    found = title_period(title, (0, len(title)), 2024)
    assert (found and (found.start, found.end)) == period


def _goal(deadline: str) -> Goal:
    return Goal(text="到某年，建成某某体系", span=(0, 10), section=None, measurable=True, deadline=deadline)


# fmt: off
HORIZONS = [
    # (document year, targets, period (start, end) or None)
    (2024, ["2025-12-31", "2027-12-31"], ("2024-03-01", "2027-12-31")),  # within a plan's term
    (2022, ["2025-12-31", "2035-12-31"], None),                          # 到2035年: a long-range horizon
    (2025, ["2027-12-31", "2030-12-31"], None),                          # five years on: past the term
    (2021, ["2025-12-31"], ("2021-03-01", "2025-12-31")),                # control: a 五年规划 from its first year
]
# fmt: on


@pytest.mark.parametrize(("year", "targets", "period"), HORIZONS)
def test_target_years_past_a_plans_term_are_no_period(
    year: int, targets: list[str], period: tuple[str, str] | None
) -> None:
    found = derive_period(f"{year}-03-01", year, [], [], [_goal(t) for t in targets])
    assert (found and (found.start, found.end)) == period


def _term_plan(title: str, signed: str) -> str:
    return "\n".join(
        [
            title,
            "一、工作目标",
            "提高学生的阅读能力。",
            "二、主要工作",
            "1.开展读书活动。",
            "2.开展家访。",
            "某某班",
            signed,
        ]
    )


# fmt: off
TERMS = [
    # (title, date of writing, period (start, end) or None)
    ("某某班本学期工作计划", "2024年9月2日", ("2024-09-01", "2025-01-31")),       # the autumn term
    ("某某班本学期工作计划", "2024年2月20日", ("2024-02-01", "2024-07-31")),      # the spring term
    ("某某班本学期工作总结", "2025年1月10日", ("2024-09-01", "2025-01-31")),      # January closes the autumn
    ("某某小学春季学期工作计划", "2024年12月20日", ("2025-02-01", "2025-07-31")),  # the next spring
    ("某某中学本学年工作计划", "2024年8月25日", ("2024-09-01", "2025-07-31")),    # August: the year to open
    ("关于做好本学期期末考试工作的通知", "2024年12月2日", None),                  # control: no plan or summary
    ("某某班工作计划", "2024年9月2日", None),                                     # control: no term named
]
# fmt: on


@pytest.mark.parametrize(("title", "signed", "period"), TERMS)
def test_a_term_the_title_names_without_its_year_is_dated_by_the_day_of_writing(
    title: str, signed: str, period: tuple[str, str] | None
) -> None:
    doc = analyse_text(_term_plan(title, signed)).documents[0]
    assert (doc.period and (doc.period.start, doc.period.end)) == period
