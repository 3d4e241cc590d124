"""A phase's time is when it runs, not a year of history told in its words (judged false alarm, fifth round)."""

from __future__ import annotations

import pytest

from cxzy_nlp.extract.items import Item
from cxzy_nlp.extract.schedule import make_phase

# fmt: off
CASES = [
    # (item text, document year, start, end)
    ("（一）青年实习计划\n该计划于2019年起开始实施，今年继续组织学生赴基层实习。", 2020, None, None),  # history
    ("（二）社区服务\n本项目2018年首次举办，今年7月10日至20日开展。", 2020, "2020-07-10", "2020-07-20"),
    ("（三）试点推广\n2020年起在全市推广。", 2020, "2020-01-01", None),        # control: this year is no history
    ("（四）试点推广\n2021年起在全市推广。", 2020, "2021-01-01", None),        # control: a later year is planned
    ("（五）青年实习计划\n该计划于2019年起开始实施。", None, "2019-01-01", None),  # control: no year to compare
    ("（六）专项整治\n2019年6月1日前完成整改。", 2020, None, "2019-06-01"),  # control: a day is no history by year
]
# fmt: on


@pytest.mark.parametrize(("text", "year", "start", "end"), CASES)
def test_a_phase_runs_when_it_runs_not_when_its_programme_began(
    text: str, year: int | None, start: str | None, end: str | None
) -> None:
    phase = make_phase(text, Item(span=(0, len(text)), heading=text.split("\n")[0][3:]), year)
    assert (phase.start, phase.end) == (start, end)
