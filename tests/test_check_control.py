"""The reviewer in control: --select/--ignore/--min-severity, cxzy.toml, Chinese profile names,
`cxzy rules ID`, -h, and the baseline of reviewed findings (a re-run raises only what is new)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from cxzy_nlp import baseline
from cxzy_nlp.check import load_profile
from cxzy_nlp.check.settings import find_config, load_settings, settings_for
from cxzy_nlp.cli import app
from cxzy_nlp.errors import ConfigError
from cxzy_nlp.pipeline import analyse

PLAN = """某区社区服务提升工作方案

一、工作目标
到2024年底，社区服务站覆盖率达到95%。
二、主要任务
1.建设服务站。由街道办牵头，2024年6月底前建成10个服务站。
2.培训人员。由民政办负责，2024年9月底前培训200人。
4.开展评估。由区政府督查室负责，2024年12月底前完成评估。
三、实施步骤
（一）准备阶段（2024年1月至3月）
摸清底数，制定计划。
（二）实施阶段（2024年4月至11月）
全面推进建设。
四、保障措施
街道办负责统筹，财政所保障经费。
"""


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    sub = tmp_path / "submissions"
    sub.mkdir()
    (sub / "plan.txt").write_text(PLAN, encoding="utf-8")
    return sub


def _findings(args: list[str]) -> list[tuple[str, str]]:
    result = CliRunner().invoke(app, ["check", "--no-cache", "-f", "json", *args])
    assert result.exit_code in (0, 1), result.output
    data: list[dict[str, Any]] = json.loads(result.stdout)
    return [(f["rule"], f["severity"]) for a in data for d in a["documents"] for f in d["findings"]]


def test_select_ignore_and_min_severity(folder: Path) -> None:
    everything = _findings([str(folder)])
    assert ("heading-sequence", "warn") in everything and any(s == "info" for _, s in everything)
    assert {r for r, _ in _findings([str(folder), "--select", "heading-sequence"])} == {"heading-sequence"}
    assert "heading-sequence" not in {r for r, _ in _findings([str(folder), "--ignore", "标题序号不连续"])}
    assert all(s != "info" for _, s in _findings([str(folder), "--min-severity", "warn"]))


def test_cxzy_toml_is_found_in_a_parent_folder_and_the_command_line_wins(folder: Path) -> None:
    (folder.parent / "cxzy.toml").write_text(
        'reviewer = "张三"\nprofile = "实施方案"\nmin-severity = "warn"\n[severity]\nheading-sequence = "error"\n',
        encoding="utf-8",
    )
    assert find_config([folder / "plan.txt"]) == folder.parent / "cxzy.toml"
    settings = load_settings(folder.parent / "cxzy.toml")
    assert settings.reviewer == "张三" and settings.profile == "实施方案"
    assert _findings([str(folder)]) == [("heading-sequence", "error")]
    assert any(s == "info" for _, s in _findings([str(folder), "--min-severity", "info"]))


@pytest.mark.parametrize(
    ("content", "quoted"),
    [
        ('min-severity = "fatal"\n', "fatal"),
        ('ignore = ["no-such-rule"]\n', "no-such-rule"),
        ("colour = 1\n", "colour"),
    ],
)
def test_a_bad_cxzy_toml_is_refused_quoting_the_value(tmp_path: Path, content: str, quoted: str) -> None:
    (tmp_path / "cxzy.toml").write_text(content, encoding="utf-8")
    with pytest.raises(ConfigError, match=quoted):
        settings_for([tmp_path])


def test_profile_names_in_chinese() -> None:
    assert load_profile("工作计划").name == "work_schedule"
    assert load_profile("实施方案").name == "implementation_plan"


def test_rules_explains_one_rule_by_id_or_chinese_name() -> None:
    runner = CliRunner()
    for name in ("placeholder", "模板占位符未填"):
        out = runner.invoke(app, ["rules", name])
        assert out.exit_code == 0, out.output
        assert "依据" in out.stdout and "会触发" in out.stdout and "不会触发" in out.stdout
    assert runner.invoke(app, ["rules", "no-such-rule"]).exit_code == 2


@pytest.mark.parametrize("command", ["check", "rules"])
def test_short_help_flag(command: str) -> None:
    out = CliRunner().invoke(app, [command, "-h"])
    assert out.exit_code == 0 and "Usage" in out.stdout


def test_a_rerun_raises_only_what_is_new(folder: Path) -> None:
    analysis = analyse(folder / "plan.txt")
    doc = analysis.documents[0]
    seq = next(f for f in doc.findings if f.rule == "heading-sequence")
    reviewed = baseline.Baseline(path=folder / baseline.BASELINE_NAME)
    reviewed.decide(baseline.make_decision(seq, doc, analysis, "dismissed", "编号为原文如此", "张三"))
    assert ("heading-sequence", "warn") in _findings([str(folder)])  # before the file exists
    baseline.save(reviewed)
    assert "heading-sequence" not in {r for r, _ in _findings([str(folder)])}  # found beside the folder
    elsewhere = folder.parent / "other.json"
    assert ("heading-sequence", "warn") in _findings([str(folder), "--baseline", str(elsewhere)])
