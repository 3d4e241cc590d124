"""The public API mirrors the CLI: each function on examples/ returns what the command writes as JSON."""

from __future__ import annotations

import json
import subprocess
import sys
from dataclasses import asdict
from pathlib import Path
from typing import Any

import pytest
from conftest import ROOT
from typer.testing import CliRunner

import cxzy_nlp
from cxzy_nlp.cli import app
from cxzy_nlp.jsonio import analysis_to_dict, document_to_dict

EXAMPLES = ROOT / "examples"


def cli(*args: str) -> str:
    result = CliRunner().invoke(app, list(args))
    assert result.exit_code in (0, 1), result.stderr
    return result.stdout


@pytest.fixture(scope="module")
def examples() -> str:
    if not any(EXAMPLES.glob("*.docx")):
        pytest.skip("examples/ holds no documents")
    return str(EXAMPLES)


def test_extract_equals_the_cli_json(examples: str) -> None:
    from_cli = json.loads(cli("extract", examples, "-f", "json"))
    assert [analysis_to_dict(a) for a in cxzy_nlp.extract(examples)] == from_cli
    assert len(from_cli) >= 5 and all(r["schema_version"] == "2" for r in from_cli)


def test_check_equals_the_cli_json(examples: str) -> None:
    from_cli = json.loads(cli("check", examples, "--no-cache", "-f", "json", "--fail-on", "never"))
    records = [analysis_to_dict(a) for a in cxzy_nlp.check(examples)]
    assert records == from_cli
    findings = [f for r in records for d in r["documents"] for f in d["findings"]]
    assert findings and all(f["location"] for f in findings)


def test_outline_equals_the_cli_json(examples: str) -> None:
    from_cli = [json.loads(line) for line in cli("outline", examples, "-f", "json").splitlines()]
    mine = [
        {"path": a.source.path, "documents": [document_to_dict(d) for d in a.documents]}
        for a in cxzy_nlp.outline(examples)
    ]
    assert mine == from_cli


def test_dedup_equals_the_cli_json(examples: str) -> None:
    from cxzy_nlp.dedup.render import result_to_dict

    def untimed(record: dict[str, Any]) -> dict[str, Any]:
        stats = {k: v for k, v in record["stats"].items() if not k.startswith("seconds_")}
        return {**record, "stats": stats}

    from_cli = json.loads(cli("dedup", examples, "-f", "json"))
    mine = result_to_dict(cxzy_nlp.dedup(examples))
    assert untimed(mine) == untimed(from_cli)
    passages = [p for pair in mine["pairs"] for p in pair["passages"]]
    assert passages and all(p["location_a"] and p["location_b"] for p in passages)


def test_rules_equal_the_cli_json() -> None:
    from_cli = json.loads(cli("rules", "--profile", "work_plan", "-f", "json"))
    assert [asdict(r) for r in cxzy_nlp.rules("work_plan")] == from_cli


def test_report_and_annotate_write_what_the_cli_writes(examples: str, tmp_path: Path) -> None:
    from openpyxl import load_workbook

    cli("report", examples, "-o", str(tmp_path / "cli.xlsx"))
    summary = cxzy_nlp.report(examples, tmp_path / "api.xlsx")
    assert summary.docs
    sheets = [
        {ws.title: list(ws.iter_rows(values_only=True)) for ws in load_workbook(tmp_path / name).worksheets}
        for name in ("cli.xlsx", "api.xlsx")
    ]
    assert sheets[0] == sheets[1]

    import docx

    source = next(EXAMPLES.glob("*.docx"))
    cli("annotate", str(source), "-o", str(tmp_path / "cli.docx"))
    target, _analysis, placed = cxzy_nlp.annotate(source, tmp_path / "api.docx")
    assert target == tmp_path / "api.docx" and placed
    comments = [[c.text for c in docx.Document(str(tmp_path / n)).comments] for n in ("cli.docx", "api.docx")]
    assert comments[0] == comments[1] and len(comments[1]) == len(placed) + 1  # and the summary


def test_index_functions_equal_the_cli(examples: str, tmp_path: Path) -> None:
    index = tmp_path / "index.sqlite"
    every = cxzy_nlp.index_add(examples, index, year=2023)
    added = [a for a in every if Path(a.path).suffix != ".csv"]  # the folder's manifest gets a skipped record
    assert added and all(a.id is not None for a in added)
    assert [a.id for a in every if a not in added] == [None]
    listed = cxzy_nlp.index_list(index)
    assert sorted(s.path for s in listed) == sorted(a.path for a in added)
    shown = cli("index", "list", "--index", str(index))
    assert all(Path(s.path).name in shown for s in listed)
    assert cxzy_nlp.index_rm([str(listed[0].id)], index) == {str(listed[0].id): 1}
    assert len(cxzy_nlp.index_list(index)) == len(listed) - 1


# fmt: off
WRONG_ARGUMENTS = [
    (lambda: cxzy_nlp.check(EXAMPLES, profile="no-such-profile"), "no-such-profile"),
    (lambda: cxzy_nlp.rules("no-such-profile"), "no-such-profile"),
    (lambda: cxzy_nlp.analyse_text("一、目标", stages="chek"), "chek"),
    (lambda: cxzy_nlp.analyse(EXAMPLES / "manifest.csv", stages="chek"), "chek"),
    (lambda: cxzy_nlp.report(EXAMPLES, "报告.pdf"), "报告.pdf"),
    (lambda: cxzy_nlp.annotate(EXAMPLES / "x.docx", "out.pdf"), "out.pdf"),
    (lambda: cxzy_nlp.extract([]), ""),
]
# fmt: on


@pytest.mark.parametrize(("call", "quoted"), WRONG_ARGUMENTS)
def test_wrong_arguments_raise_a_clear_error(call, quoted: str) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(cxzy_nlp.ConfigError) as info:
        call()
    assert quoted in str(info.value)
    assert isinstance(info.value, cxzy_nlp.CxzyError)


def test_control_right_arguments_do_not_raise() -> None:
    assert cxzy_nlp.rules("default") and cxzy_nlp.analyse_text("一、工作目标\n完成培训。", stages="segment")


def test_import_and_help_stay_light() -> None:
    code = (
        "import sys, cxzy_nlp; cxzy_nlp.__all__; "
        "heavy = [m for m in ('cxzy_nlp.api', 'cxzy_nlp.pipeline', 'spacy', 'sklearn', 'jieba', 'docx') if m in sys.modules]; "
        "print(heavy)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True).stdout
    assert out.strip() == "[]"
    assert set(cxzy_nlp.__all__) >= {"extract", "check", "outline", "dedup", "report", "annotate", "rules", "index_add"}
    assert all(callable(getattr(cxzy_nlp, name)) for name in cxzy_nlp.__all__ if name != "__version__")
