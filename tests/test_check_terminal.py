"""`cxzy check` in the terminal (issue 17): findings in the order of the text with their page/段, the whole
summary table when redirected, and a last line saying why the exit status is what it is."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from cxzy_nlp.check.knowledge import catalogue
from cxzy_nlp.cli import app
from cxzy_nlp.model import Document, Finding, Location, Section
from cxzy_nlp.report.text import CheckStats, by_position, exit_reason, make_console, place_of, write_summary

PLAN = """2024年社区服务提升实施方案
一、工作目标
到2024年底，社区服务站覆盖率达到95%。
二、主要任务
（一）建设服务站。由XX单位牵头，2024年6月底前建成10个服务站。
（二）培训服务人员。由民政科负责，2024年9月底前培训200人次。
三、实施步骤
（一）准备阶段（2024年1月至3月）。摸清底数，制定计划。
（二）实施阶段（2024年4月至11月）。全面推进建设。
（三）总结阶段（2024年12月）。总结经验，形成报告。
四、保障措施
街道办负责统筹协调，财政所保障经费。联系人：XX单位。
上一篇：关于做好春节值班的通知
"""


def _check(tmp_path: Path, text: str, *args: str) -> tuple[int, str, str]:
    path = tmp_path / "plan.txt"
    path.write_text(text, encoding="utf-8")
    result = CliRunner().invoke(app, ["check", str(path), "--no-cache", *args])
    return result.exit_code, result.stdout, result.stderr


def test_findings_are_listed_in_the_order_of_the_text_with_their_lines(tmp_path: Path) -> None:
    code, out, _ = _check(tmp_path, PLAN)
    lines = [int(n) for n in re.findall(r"第(\d+)行", out)]
    assert code == 1 and len(lines) >= 3
    assert lines == sorted(lines)


def test_by_position_sorts_and_a_finding_without_location_names_its_section() -> None:
    late, early, whole = (
        Finding("a", "warn", "x", span=(50, 52)),
        Finding("b", "warn", "y", span=(3, 4)),
        Finding("c", "warn", "z"),
    )
    assert by_position((late, early, whole)) == [whole, early, late]
    section = Section(id="s1", number="二、", heading="主要任务", level=1, span=(0, 60), heading_span=(0, 6))
    doc = Document(title="t", span=(0, 60), sections=(section,))
    unplaced = Finding("a", "warn", "x", span=(50, 52), section="s1")
    assert place_of(unplaced, "\n" * 60, doc) == "二、"  # not a line of the extracted text
    assert place_of(Finding("a", "warn", "x", location=Location(page=3)), "", doc) == "第3页"  # control


def test_the_summary_table_is_whole_when_redirected(tmp_path: Path) -> None:
    _, out, _ = _check(tmp_path, PLAN)
    assert catalogue()["placeholder"].zh in out and "模板占位符未填" in out  # no cut at 80 columns
    from rich.console import Console

    stats = CheckStats()
    stats.by_rule["placeholder"] = 1
    stats.rule_severity["placeholder"] = "error"
    narrow = io.StringIO()
    write_summary(Console(file=narrow, width=80), stats)
    assert catalogue()["placeholder"].zh not in narrow.getvalue()  # control: 80 columns do cut it
    wide = io.StringIO()
    write_summary(make_console(wide, colour=False), stats)
    assert catalogue()["placeholder"].zh in wide.getvalue()


@pytest.mark.parametrize(
    ("text", "args", "code", "last"),
    [
        (PLAN, [], 1, "退出码 1：发现 3 条错误级问题（--fail-on error）"),
        (PLAN, ["--fail-on", "never"], 0, "退出码 0：没有达到 --fail-on never 的问题"),
        (PLAN.replace("XX单位", "街道办").replace("上一篇：关于做好春节值班的通知\n", ""), [], 0, "退出码 0"),
    ],
)
def test_the_last_line_says_why_the_exit_status_is_what_it_is(
    tmp_path: Path, text: str, args: list[str], code: int, last: str
) -> None:
    got, _, err = _check(tmp_path, text, *args)
    assert got == code
    assert err.strip().splitlines()[-1].startswith(last), err


def test_the_exit_reason_counts_each_level_that_reaches_fail_on() -> None:
    stats = CheckStats()
    stats.by_severity.update({"error": 2, "warn": 3, "info": 4})
    assert exit_reason(stats, "warn") == "退出码 1：发现 2 条错误级、3 条警告级问题（--fail-on warn）"
    assert exit_reason(stats, "error", unreadable=1).endswith("另有 1 个文件无法读取（不影响退出码），见上方记录")
    assert exit_reason(CheckStats(), "error").startswith("退出码 0")
