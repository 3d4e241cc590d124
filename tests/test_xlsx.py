"""The workbook: percentages, wrapping, severity colours, Chinese rule names, page/段, page setup, the board,
and no formula from a title or department name that begins with = + - @."""

from __future__ import annotations

import csv
import io
import shutil
import subprocess
from dataclasses import replace
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook

from cxzy_nlp.corpus.board import submission_board
from cxzy_nlp.model import Analysis, Document, Finding, Location, Section, SourceInfo
from cxzy_nlp.report.summary import CopyLink, summarise
from cxzy_nlp.report.xlsx import write_xlsx

HOSTILE = ("=1+2", "+1+2", "-1+2", "@SUM(1+2)", '=HYPERLINK("http://x","y")')


def _analysis(path: str, title: str, findings: tuple[Finding, ...]) -> Analysis:
    section = Section(
        id="s1", number="一、", heading="工作目标", level=1, labels=("goals",), span=(0, 20), heading_span=(0, 6)
    )
    doc = Document(title=title, span=(0, 40), sections=(section,), findings=findings)
    return Analysis(
        source=SourceInfo(path=path, format="docx", sha256="0" * 64, size=1), text="x" * 40, documents=(doc,)
    )


@pytest.fixture(scope="module")
def workbook(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[str]]:
    findings = (
        Finding("placeholder", "error", "模板占位符“XX”未填写，请填入实际内容", (3, 5), "s1", "-XX-", Location(page=3)),
        Finding("vague-goal", "warn", "=目标没有数量", (6, 9), "s1", "@提升", Location(paragraph=41)),
        Finding("length", "info", "+篇幅过短", None, None, None, None),
    )
    analyses = [
        _analysis(f"/in/{dept}/plan{i}.docx", f"{dept}方案", findings if i == 0 else ())
        for i, dept in enumerate(HOSTILE)
    ]
    departments = {a.source.path: dept for a, dept in zip(analyses, HOSTILE, strict=True)}
    link = CopyLink(a="d1-1", b="d2-1", share=0.3241, passages=(((0, 5), (0, 5), "=共同段落", "=共同段落"),))
    summary = summarise(analyses, departments, links=[link], copied_share={"d1-1": 0.3241})
    board = submission_board(summary, [(None, "=未报送局")])
    out = tmp_path_factory.mktemp("xlsx") / "报告.xlsx"
    write_xlsx(replace(summary, board=board), out)
    return out, [*HOSTILE, "=未报送局"]


def test_no_cell_is_a_formula(workbook) -> None:
    path, names = workbook
    wb = load_workbook(path)
    formulas = [
        (ws.title, c.coordinate) for ws in wb.worksheets for row in ws.iter_rows() for c in row if c.data_type == "f"
    ]
    assert formulas == []
    board = [r[0] for r in wb["收文情况"].iter_rows(min_row=2, values_only=True)]
    assert sorted(board) == sorted(names)  # the names themselves, not neutralised copies
    titles = {r[2] for r in wb["问题清单"].iter_rows(min_row=2, values_only=True)}
    assert titles == {"=1+2方案"}


def test_control_openpyxl_makes_a_formula_of_a_raw_equals_string(tmp_path: Path) -> None:
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.append(["=1+2"])
    assert ws["A1"].data_type == "f"  # what write_xlsx must undo


def test_findings_sheet_columns(workbook) -> None:
    wb = load_workbook(workbook[0])
    ws = wb["问题清单"]
    header = [c.value for c in ws[1]]
    assert header == ["部门", "文件", "文档", "章节", "规则", "级别", "说明", "原文", "页", "段", "位置", "规则编号"]
    rows = {r[11]: r for r in ws.iter_rows(min_row=2, values_only=True)}
    assert rows["placeholder"][4] == "模板占位符未填" and rows["placeholder"][8] == 3
    assert rows["vague-goal"][9] == 41 and rows["vague-goal"][10] == "第41段"
    assert rows["placeholder"][3] == "一、工作目标"
    colours = {ws.cell(row=i, column=6).value: ws.cell(row=i, column=6).fill.fgColor.rgb for i in range(2, 5)}
    assert colours == {"错误": "00FFCDD2", "警告": "00FFE0B2", "提示": "00BBDEFB"}
    assert all(ws.cell(row=i, column=7).alignment.wrap_text for i in range(2, 5))  # 说明 wraps
    assert not ws.cell(row=2, column=1).alignment.wrap_text


def test_ratios_are_percentages(workbook) -> None:
    wb = load_workbook(workbook[0])
    overview = wb["概览"]
    column = [c.value for c in overview[1]].index("最高雷同比例") + 1
    cell = next(
        overview.cell(row=i, column=column)
        for i in range(2, overview.max_row + 1)
        if overview.cell(row=i, column=column).value
    )
    assert cell.value == pytest.approx(0.3241) and cell.number_format == "0.0%"
    copies = wb["雷同段落"]
    column = [c.value for c in copies[1]].index("比例") + 1
    assert copies.cell(row=2, column=column).number_format == "0.0%"


def test_page_setup_prints_on_a4_landscape_with_the_header_repeated(workbook) -> None:
    wb = load_workbook(workbook[0])
    assert wb.sheetnames[0] == "收文情况"
    for ws in wb.worksheets:
        assert ws.page_setup.orientation == "landscape", ws.title
        assert str(ws.page_setup.paperSize) == "9", ws.title  # A4
        assert ws.print_title_rows == "$1:$1", ws.title
        assert ws.freeze_panes == "A2", ws.title
        assert ws.sheet_properties.pageSetUpPr.fitToPage and ws.page_setup.fitToWidth == 1


def test_board_sheet_colours_status(workbook) -> None:
    ws = load_workbook(workbook[0])["收文情况"]
    header = [c.value for c in ws[1]]
    assert header[:2] == ["部门", "状态"]
    status = {
        ws.cell(row=i, column=1).value: (ws.cell(row=i, column=2).value, ws.cell(row=i, column=2).fill.fgColor.rgb)
        for i in range(2, ws.max_row + 1)
    }
    assert status["=未报送局"] == ("未报送", "00FFCDD2")
    assert status["=1+2"] == ("已报送", "00C8E6C9")


# ------------------------------------------------------------------ LibreOffice reads the values


def soffice_convert(source: Path, target: str, tmp: Path, *options: str) -> Path:
    """``source`` converted by LibreOffice (its own profile); the path of the result."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None or not Path("/usr/lib/libreoffice/program/libsclo.so").exists():
        pytest.skip("LibreOffice Calc (libreoffice-calc-nogui) is not installed")
    out = tmp / f"lo-{source.stem}"
    subprocess.run(
        [
            soffice,
            f"-env:UserInstallation={(tmp / 'profile').as_uri()}",
            "--headless",
            *options,
            "--convert-to",
            target,
            "--outdir",
            str(out),
            str(source),
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )
    (made,) = out.iterdir()
    return made


@pytest.mark.libreoffice
def test_libreoffice_shows_the_literal_names(workbook, tmp_path: Path) -> None:
    """The first sheet (the board) exported to CSV by LibreOffice: the department names as written."""
    made = soffice_convert(workbook[0], "csv", tmp_path)
    cells = [c for row in csv.reader(io.StringIO(made.read_text(encoding="utf-8", errors="replace"))) for c in row]
    for name in HOSTILE:
        assert name in cells
    assert "3" not in cells[cells.index("=1+2") : cells.index("=1+2") + 2]


@pytest.mark.libreoffice
def test_control_libreoffice_computes_a_real_formula(tmp_path: Path) -> None:
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.append(["=1+2", "text"])
    wb.save(tmp_path / "control.xlsx")
    made = soffice_convert(tmp_path / "control.xlsx", "csv", tmp_path)
    assert made.read_text(encoding="utf-8").splitlines()[0] == "3,text"


def test_rows_with_wrapped_text_are_tall_enough(tmp_path: Path) -> None:
    """A long 说明 gets a row height for its lines (LibreOffice does not re-measure rows on opening)."""
    long = "在“一、工作目标”中，" + "目标没有数量、比例或时限，" * 12
    summary = summarise(
        [_analysis("/in/甲局/a.docx", "甲局方案", (Finding("vague-goal", "warn", long, (0, 1), "s1"),))]
    )
    write_xlsx(summary, tmp_path / "r.xlsx")
    ws = load_workbook(tmp_path / "r.xlsx")["问题清单"]
    assert ws.row_dimensions[2].height >= 15 * 6  # ≈ 330 width units over a 50-unit column: at least 6 lines
    assert ws.row_dimensions[1].height is None  # the header keeps Excel's own height
