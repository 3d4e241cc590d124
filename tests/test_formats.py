"""One registry of output formats: --format choices and -o suffixes of every command come from it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from cxzy_nlp.cli import app
from cxzy_nlp.errors import ConfigError
from cxzy_nlp.formats import COMMAND_FORMATS, FORMATS, format_help, resolve_format

PLAN = "某县2024年工作方案\n一、工作目标\n由XX单位负责，____年完成。\n"

# fmt: off
RESOLVED = [
    # (command, --format, -o, expected format)
    ("check",   None,    None,               "text"),
    ("check",   "sarif", None,               "sarif"),
    ("check",   "SARIF", None,               "sarif"),
    ("check",   None,    "out/r.sarif",      "sarif"),
    ("check",   None,    "r.sarif.json",     "sarif"),   # the longer suffix wins
    ("check",   None,    "r.json",           "json"),
    ("check",   None,    "r.csv",            "csv"),
    ("check",   None,    "r.log",            "text"),    # not a format's suffix: the default
    ("check",   "json",  "r.txt",            "json"),    # --format wins over the suffix
    ("extract", None,    "r.jsonl",          "jsonl"),
    ("outline", "plain", None,               "text"),    # the old name still works
    ("dedup",   None,    "r.html",           "html"),
    ("report",  None,    "报告.xlsx",         "xlsx"),
    ("report",  None,    "报告.HTM",          "html"),
    ("annotate", None,   "审阅.docx",         "docx"),
]
REFUSED = [
    ("check",   "xml",   None,               "xml"),
    ("check",   None,    "r.xlsx",           "r.xlsx"),  # a format check does not write
    ("report",  None,    "报告.pdf",          "报告.pdf"),  # report writes files only: the suffix must be one of its
    ("annotate", None,   "审阅.txt",          "审阅.txt"),
    ("nosuch",  None,    None,               "nosuch"),
]
# fmt: on


@pytest.mark.parametrize(("command", "name", "output", "expected"), RESOLVED)
def test_resolve_format(command: str, name: str | None, output: str | None, expected: str) -> None:
    assert resolve_format(command, name, output).name == expected


@pytest.mark.parametrize(("command", "name", "output", "quoted"), REFUSED)
def test_unknown_formats_and_suffixes_are_refused(
    command: str, name: str | None, output: str | None, quoted: str
) -> None:
    with pytest.raises(ConfigError) as info:
        resolve_format(command, name, output)
    assert quoted in info.value.message


def test_the_registry_holds_the_formats_of_the_issue_and_every_command_uses_it() -> None:
    assert {"text", "json", "jsonl", "sarif", "csv", "html", "xlsx", "docx"} <= set(FORMATS)
    assert {n for names in COMMAND_FORMATS.values() for n in names} <= set(FORMATS)
    for command, names in COMMAND_FORMATS.items():
        if command in ("report", "annotate"):
            continue  # no --format: -o's suffix decides
        result = CliRunner().invoke(app, [command, "--help"])
        help_text = " ".join(result.stdout.split())
        assert format_help(command) in help_text, command
        assert all(n in help_text for n in names)


@pytest.fixture()
def plan(tmp_path: Path) -> Path:
    path = tmp_path / "plan.txt"
    path.write_text(PLAN, encoding="utf-8")
    return path


def test_check_writes_the_format_the_output_suffix_names(plan: Path, tmp_path: Path) -> None:
    runner = CliRunner()
    for suffix in (".sarif", ".json", ".csv"):
        out = tmp_path / f"r{suffix}"
        result = runner.invoke(app, ["check", str(plan), "--no-cache", "--fail-on", "never", "-o", str(out)])
        assert result.exit_code == 0, result.stderr
        text = out.read_text(encoding="utf-8-sig")  # a CSV file starts with a BOM (for Excel on Chinese Windows)
        if suffix == ".sarif":
            assert json.loads(text)["version"] == "2.1.0"
        elif suffix == ".json":
            assert json.loads(text)[0]["schema_version"] == "2"
        else:
            assert text.startswith("path,document,title,rule")


def test_a_wrong_format_is_a_usage_error_naming_the_choices(plan: Path) -> None:
    result = CliRunner().invoke(app, ["check", str(plan), "--no-cache", "-f", "xml"])
    assert result.exit_code == 2 and "xml" in result.stderr and "sarif" in result.stderr
    control = CliRunner().invoke(app, ["check", str(plan), "--no-cache", "-f", "sarif", "--fail-on", "never"])
    assert control.exit_code == 0
