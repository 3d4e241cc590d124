"""Reports built from generated plans of several departments, through the command line.

The generator plants known faults (a missing 实施步骤 section, an unfilled ``____年``); the
report must show them where a reviewer looks: the coverage matrix, the findings sheet, and a
Word comment on the paragraph that holds the placeholder.
"""

from __future__ import annotations

import re
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from cxzy_nlp.report.summary import section_name
from cxzy_nlp.synth import generate_plan, render

CXZY = [sys.executable, "-m", "cxzy_nlp"]
DEPARTMENTS = ("县教育局", "县卫生健康局", "县市场监督管理局")


@pytest.fixture(scope="module")
def submissions(tmp_path_factory: pytest.TempPathFactory) -> dict[str, object]:
    root = tmp_path_factory.mktemp("收文")
    plans = {}
    for i, dept in enumerate(DEPARTMENTS):
        folder = root / dept
        folder.mkdir()
        faults = ["missing-section"] if i == 1 else (["placeholder"] if i == 2 else [])
        plan = generate_plan(
            100 + i, doc_type="implementation_plan", department=dept, year=2024, faults=faults, style="gbt"
        )
        fmt = ("docx", "txt", "docx")[i]
        path = render(plan, fmt, folder / f"方案.{fmt}")
        plans[dept] = (plan, path)
    (root / DEPARTMENTS[0] / "坏文件.pdf").write_bytes(b"%PDF-1.4 truncated")
    return {"root": root, "plans": plans}


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([*CXZY, *args], capture_output=True, text=True, timeout=600)


def test_html_report_marks_the_missing_section(submissions: dict, tmp_path: Path) -> None:  # type: ignore[type-arg]
    out = tmp_path / "report.html"
    proc = _run("report", str(submissions["root"]), "-o", str(out))
    assert proc.returncode == 0, proc.stderr
    page = out.read_text(encoding="utf-8")
    matrix = page[page.index("id='coverage-matrix'") :]
    matrix = matrix[: matrix.index("</table>")]
    header = re.findall(r"<th>(.*?)</th>", matrix)
    rows = {
        re.search(r"<td>(.*?)</td>", r).group(1): r  # type: ignore[union-attr]
        for r in re.findall(r"<tr data-doc='d\d+-\d+'>(.*?)</tr>", matrix)
    }
    assert set(rows) == set(DEPARTMENTS)
    plan = submissions["plans"]["县卫生健康局"][0]
    missing = next(f.note for f in plan.faults if f.rule == "missing-section")  # the label the generator left out
    col = header.index(section_name(missing))
    cells = {dept: re.findall(r"<td[^>]*>", row) for dept, row in rows.items()}
    assert "cov-miss" in cells["县卫生健康局"][col], (missing, cells["县卫生健康局"])
    assert "cov-yes" in cells["县教育局"][col]
    assert "坏文件.pdf" in page  # the broken file is listed, not fatal


def test_xlsx_findings_sheet_has_the_planted_placeholder(submissions: dict, tmp_path: Path) -> None:  # type: ignore[type-arg]
    from openpyxl import load_workbook

    out = tmp_path / "report.xlsx"
    proc = _run("report", str(submissions["root"]), "-o", str(out))
    assert proc.returncode == 0, proc.stderr
    wb = load_workbook(out)
    rows = list(wb["问题清单"].iter_rows(values_only=True))[1:]
    placeholders = [r for r in rows if r[11] == "placeholder"]  # 规则编号; 规则 holds the Chinese name
    assert placeholders and all(r[0] == "县市场监督管理局" for r in placeholders)
    plan = submissions["plans"]["县市场监督管理局"][0]
    planted = next(plan.text[f.span[0] : f.span[1]] for f in plan.faults if f.rule == "placeholder")
    assert any(planted in (r[7] or "") for r in placeholders), (planted, placeholders)
    missing = [r for r in rows if r[11] == "missing-section"]
    assert any(r[0] == "县卫生健康局" for r in missing)
    overview = {r[0]: r for r in list(wb["概览"].iter_rows(values_only=True))[1:]}
    assert set(DEPARTMENTS) <= set(overview)
    assert overview["县教育局"][12] == 1  # one unreadable file for that department


def test_annotated_docx_comment_sits_on_the_placeholder(submissions: dict, tmp_path: Path) -> None:  # type: ignore[type-arg]
    plan, path = submissions["plans"]["县市场监督管理局"]
    out = tmp_path / "方案.审阅.docx"
    proc = _run("annotate", str(path), "-o", str(out))
    assert proc.returncode == 0, proc.stderr
    xml = zipfile.ZipFile(out).read("word/document.xml").decode("utf-8")
    comments = zipfile.ZipFile(out).read("word/comments.xml").decode("utf-8")
    assert "placeholder" in comments and "cxzy" in comments
    paragraphs = re.findall(r"<w:p[ >].*?</w:p>", xml, flags=re.S)
    anchored = [p for p in paragraphs if "commentRangeStart" in p]
    texts = ["".join(re.findall(r"<w:t[^>]*>([^<]*)</w:t>", p)) for p in anchored]
    planted = next(plan.text[f.span[0] : f.span[1]] for f in plan.faults if f.rule == "placeholder")
    assert any(planted in t for t in texts), (planted, texts)
    # the submitted text is unchanged: the same paragraphs read back from both files
    original = zipfile.ZipFile(path).read("word/document.xml").decode("utf-8")

    def strip(x: str) -> list[str]:
        return [
            "".join(re.findall(r"<w:t[^>]*>([^<]*)</w:t>", p)) for p in re.findall(r"<w:p[ >].*?</w:p>", x, flags=re.S)
        ]

    assert strip(xml) == strip(original)
