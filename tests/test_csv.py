"""CSV of `cxzy check`: UTF-8 BOM for Excel, --encoding gbk with a count of replaced characters, and
cells that would start a formula neutralised (OWASP), checked through LibreOffice."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from test_xlsx import soffice_convert
from typer.testing import CliRunner

from cxzy_nlp.cli import app
from cxzy_nlp.report.csvout import CSV_COLUMNS, CsvOut, neutralised

PLAN = "=1+2工作方案\n一、工作目标\n做好XXX工作😀。\n二、工作任务\n@张三负责，-1+2 项目🚀。\n"

# fmt: off
CELLS = [
    ("=1+2", "'=1+2"),
    ("+1+2", "'+1+2"),
    ("-1+2", "'-1+2"),
    ("@SUM(A1)", "'@SUM(A1)"),
    ("\t=1+2", "'\t=1+2"),
    ("\r=1+2", "'\r=1+2"),
    ("工作方案=1+2", "工作方案=1+2"),
    ("", ""),
    (-1, -1),  # a number is no formula
    (3, 3),
]
# fmt: on


@pytest.mark.parametrize(("value", "safe"), CELLS)
def test_neutralised(value: object, safe: object) -> None:
    assert neutralised(value) == safe


@pytest.fixture()
def inbox(tmp_path: Path) -> Path:
    folder = tmp_path / "=收文" / "=教育局"
    folder.mkdir(parents=True)
    (folder / "=1+2方案.txt").write_text(PLAN, encoding="utf-8")
    return tmp_path / "=收文"


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, ["check", "--no-cache", "--fail-on", "never", "-f", "csv", *args])
    return result.exit_code, result.stdout, result.stderr


def test_csv_file_has_a_bom_and_stdout_has_none(inbox: Path, tmp_path: Path) -> None:
    code, _, _ = run(str(inbox), "-o", str(tmp_path / "r.csv"))
    assert code == 0
    data = (tmp_path / "r.csv").read_bytes()
    assert data.startswith(b"\xef\xbb\xbfpath,")
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    assert tuple(rows[0]) == CSV_COLUMNS
    code, out, _ = run(str(inbox))
    assert out.startswith("path,")  # a pipe gets no BOM


def test_formula_cells_are_neutralised(inbox: Path, tmp_path: Path) -> None:
    run(str(inbox), "-o", str(tmp_path / "r.csv"))
    rows = list(csv.reader(io.StringIO((tmp_path / "r.csv").read_text(encoding="utf-8-sig"))))[1:]
    assert rows
    cells = [c for row in rows for c in row]
    assert not [c for c in cells if c.startswith(("=", "+", "-", "@", "\t", "\r"))]
    assert {r[2] for r in rows} == {"'=1+2工作方案"}
    assert all("=教育局" in r[0] for r in rows)
    assert "缺少必备章节" in {r[CSV_COLUMNS.index("rule_name")] for r in rows}


def test_gbk_replaces_and_says_how_many_once(inbox: Path, tmp_path: Path) -> None:
    run(str(inbox), "-o", str(tmp_path / "utf8.csv"))
    text = (tmp_path / "utf8.csv").read_text(encoding="utf-8-sig")
    unencodable = sum(1 for ch in text if not _gbk(ch))
    assert unencodable >= 2  # the emoji in the quoted text: the test can fail
    code, _, err = run(str(inbox), "-o", str(tmp_path / "gbk.csv"), "--encoding", "gbk")
    assert code == 0
    data = (tmp_path / "gbk.csv").read_bytes()
    assert not data.startswith(b"\xef\xbb\xbf")
    decoded = data.decode("gbk")  # strict: every byte is GBK
    assert decoded.replace("\r\n", "\n") == "".join(ch if _gbk(ch) else "?" for ch in text).replace("\r\n", "\n")
    assert err.count("无法用 gbk 编码") == 1 and f"有 {unencodable} 个字符" in err


def test_gbk_without_replacements_says_nothing(tmp_path: Path) -> None:
    folder = tmp_path / "in" / "教育局"
    folder.mkdir(parents=True)
    (folder / "方案.txt").write_text(PLAN.replace("😀", "").replace("🚀", ""), encoding="utf-8")
    code, _, err = run(str(tmp_path / "in"), "-o", str(tmp_path / "gbk.csv"), "--encoding", "gbk")
    assert code == 0 and "无法用" not in err


def test_encoding_is_checked_before_the_run(inbox: Path, tmp_path: Path) -> None:
    code, _, err = run(str(inbox), "-o", str(tmp_path / "r.csv"), "--encoding", "klingon")
    assert code == 2 and "不支持的编码" in err and not (tmp_path / "r.csv").exists()
    result = CliRunner().invoke(app, ["check", "--no-cache", "-f", "json", "--encoding", "gbk", str(inbox)])
    assert result.exit_code == 2 and "只用于 CSV" in result.stderr


def test_text_stream_without_buffer() -> None:
    out = io.StringIO()
    writer = CsvOut(out, "gbk", bom=True)  # no BOM in GBK
    writer.writerow(["a😀", "=x", 1])
    assert out.getvalue().splitlines()[1] == "a?,'=x,1" and writer.replaced == 1
    assert out.getvalue().startswith("path,")


def _gbk(ch: str) -> bool:
    try:
        ch.encode("gbk")
    except UnicodeEncodeError:
        return False
    return True


# ------------------------------------------------------------------ LibreOffice


UTF8_CSV = "--infilter=CSV:44,34,76"  # comma, double quote, UTF-8 (headless LibreOffice ignores the BOM)


def _html_cells(path: Path) -> list[str]:
    import re

    html = path.read_text(encoding="utf-8", errors="replace")
    return [re.sub(r"<[^>]+>", "", c).strip() for c in re.findall(r"<td[^>]*>(.*?)</td>", html, flags=re.S)]


@pytest.mark.libreoffice
def test_libreoffice_shows_the_literal_text(inbox: Path, tmp_path: Path) -> None:
    run(str(inbox), "-o", str(tmp_path / "r.csv"))
    cells = _html_cells(soffice_convert(tmp_path / "r.csv", "html", tmp_path, UTF8_CSV))
    assert "'=1+2工作方案" in cells
    assert "3工作方案" not in cells and "#NAME?" not in cells


@pytest.mark.libreoffice
def test_control_libreoffice_computes_a_raw_formula_cell(tmp_path: Path) -> None:
    (tmp_path / "raw.csv").write_text("a,b\n=1+2,'=1+2\n", encoding="utf-8")
    cells = _html_cells(soffice_convert(tmp_path / "raw.csv", "html", tmp_path, UTF8_CSV))
    assert cells[2:4] == ["3", "'=1+2"]
