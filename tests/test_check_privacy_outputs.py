"""Personal data (issue 15): the 身份证号 and 手机号 a finding reports are masked in every output a reviewer
forwards: the terminal, SARIF, CSV, the findings of JSON/JSONL, the Excel workbook and the HTML report (whose
document text shows them masked too). JSON keeps the document's own text (the contract's ``text``)."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pytest
from typer.testing import CliRunner

from cxzy_nlp.check.privacy import mask, masked_text
from cxzy_nlp.cli import app

ID_NUMBER, MOBILE = "11010519491231002X", "13812345678"
# a list published for comment (a form to submit may carry its applicant's numbers: see check/privacy.py)
FORM = f"""关于青溪县2024年创业补贴拟发放名单的公示
一、拟补贴人员
李青，身份证号：{ID_NUMBER}，手机：{MOBILE}。
二、公示期
公示期为5个工作日，如有异议请向县人社局反映。
"""


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("forms")
    (path / "form.txt").write_text(FORM, encoding="utf-8")
    return path


def _check(folder: Path, fmt: str) -> str:
    result = CliRunner().invoke(app, ["check", str(folder / "form.txt"), "--no-cache", "--format", fmt])
    return result.stdout


def test_masking_keeps_length_and_only_valid_numbers() -> None:
    assert mask(ID_NUMBER) == "110***********002X" and len(masked_text(FORM)) == len(FORM)
    assert ID_NUMBER not in masked_text(FORM) and MOBILE not in masked_text(FORM)
    assert "110105194912310021" in masked_text("编号110105194912310021")  # check digit wrong: not an ID


@pytest.mark.parametrize("fmt", ["text", "sarif", "csv"])
def test_reports_of_findings_never_print_the_numbers(folder: Path, fmt: str) -> None:
    out = _check(folder, fmt)
    assert "110***********002X" in out and "138****5678" in out
    assert ID_NUMBER not in out and MOBILE not in out


@pytest.mark.parametrize("fmt", ["json", "jsonl"])
def test_json_findings_are_masked_though_the_text_is_the_documents(folder: Path, fmt: str) -> None:
    out = _check(folder, fmt)
    records = json.loads(out) if fmt == "json" else [json.loads(line) for line in out.splitlines() if line]
    findings = [f for r in records for d in r["documents"] for f in d["findings"] if f["rule"] == "personal-data"]
    assert len(findings) == 2
    shown = json.dumps(findings, ensure_ascii=False)
    assert ID_NUMBER not in shown and MOBILE not in shown
    assert ID_NUMBER in records[0]["text"]  # control: the number is there to be found


@pytest.mark.parametrize("suffix", [".html", ".xlsx"])
def test_the_report_shows_the_numbers_masked(folder: Path, tmp_path: Path, suffix: str) -> None:
    out = tmp_path / f"report{suffix}"
    result = CliRunner().invoke(app, ["report", str(folder), "-o", str(out)])
    assert result.exit_code == 0, result.output
    if suffix == ".html":
        content = out.read_text(encoding="utf-8")
    else:
        with zipfile.ZipFile(out) as book:
            content = "".join(book.read(n).decode("utf-8") for n in book.namelist() if n.endswith(".xml"))
    assert "110***********002X" in content
    assert ID_NUMBER not in content and MOBILE not in content
