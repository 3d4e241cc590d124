"""The submission board: one row per department, from the checked files and the manifest."""

from __future__ import annotations

from pathlib import Path

import pytest

from cxzy_nlp.corpus.board import BOARD_COLUMNS, Board, submission_board
from cxzy_nlp.corpus.owners import read_manifest
from cxzy_nlp.model import Analysis, Document, Finding, SourceInfo
from cxzy_nlp.report.summary import summarise


def analysis(path: str, *severities: str, failed: bool = False, documents: int = 1) -> Analysis:
    source = SourceInfo(path=path, format="docx", sha256="0" * 64, size=1)
    if failed:
        return Analysis(source=source, text="", errors=({"code": "corrupt", "message": "文件损坏"},))
    findings = tuple(Finding(rule="placeholder", severity=s, message="未填写") for s in severities)  # type: ignore[arg-type]
    docs = tuple(Document(title=f"方案{i}", span=(0, 1), findings=findings if i == 0 else ()) for i in range(documents))
    return Analysis(source=source, text="x", documents=docs)


def cells(board: Board) -> list[tuple[object, ...]]:
    return [row.cells() for row in board.rows]


# fmt: off
CASES = [
    # (results as (path, department, severities, failed), manifest rows, expected cells)
    pytest.param(
        [("a/教育局/1.docx", "教育局", ("error", "warn", "warn"), False),
         ("a/教育局/2.docx", "教育局", (), True),
         ("a/卫健委/3.docx", "卫健委", ("info",), False)],
        [],
        [("卫健委", "已报送", 1, 1, 0, 0, 1, 0, ""),
         ("教育局", "已报送", 2, 1, 1, 2, 0, 1, "")],
        id="no-manifest",
    ),
    pytest.param(
        [("a/教育局/1.docx", "教育局", ("error",), False)],
        [("教育局/1.docx", "教育局"), ("民政局/9.docx", "民政局"), (None, "财政局")],
        [("教育局", "已报送", 1, 1, 1, 0, 0, 0, ""),
         ("民政局", "未报送", 0, 0, 0, 0, 0, 0, "9.docx"),
         ("财政局", "未报送", 0, 0, 0, 0, 0, 0, "")],
        id="manifest-rows-without-file",
    ),
    pytest.param(
        [("x/交通局/1.docx", "交通局", (), True), ("x/交通局/2.pdf", "交通局", (), True)],
        [("交通局/1.docx", "交通局"), ("交通局/2.pdf", "交通局")],
        [("交通局", "读取失败", 2, 0, 0, 0, 0, 2, "")],
        id="all-unreadable",
    ),
    pytest.param(
        [("x/教育局/1.docx", "教育局", ("warn",), False)],
        [("教育局/1.docx", "教育局"), ("教育局/2.docx", "教育局")],
        [("教育局", "已报送", 1, 1, 0, 1, 0, 0, "2.docx")],
        id="some-files-missing",
    ),
    pytest.param(
        [("x/1.docx", "", (), False), ("x/教育局/1.docx", "教育局", (), False), ("x/=SUM/1.docx", "=SUM", (), False)],
        [],
        [("=SUM", "已报送", 1, 1, 0, 0, 0, 0, ""),
         ("教育局", "已报送", 1, 1, 0, 0, 0, 0, ""),
         ("（未分组）", "已报送", 1, 1, 0, 0, 0, 0, "")],
        id="ungrouped-last",
    ),
]
# fmt: on


@pytest.mark.parametrize(("results", "manifest", "expected"), CASES)
def test_board_table(results, manifest, expected) -> None:
    pairs = [(analysis(p, *sev, failed=failed), dept) for p, dept, sev, failed in results]
    board = submission_board(pairs, manifest)
    assert cells(board) == expected
    assert len(BOARD_COLUMNS) == len(expected[0])


def test_board_order_does_not_depend_on_input_order() -> None:
    pairs = [(analysis(f"x/{d}/1.docx", "warn"), d) for d in ("乙局", "甲局", "丙局", "（未分组）")]
    manifest = [(None, "丁局"), ("x/甲局/1.docx", "甲局")]
    one = submission_board(pairs, manifest)
    other = submission_board(list(reversed(pairs)), list(reversed(manifest)))
    assert one == other
    assert one.rows[-1].department == "（未分组）"


def test_board_from_summary_and_manifest_csv(tmp_path: Path) -> None:
    """The Summary of `cxzy report` and a manifest CSV as `cxzy report --manifest` reads it."""
    for dept in ("教育局", "卫健委"):
        (tmp_path / dept).mkdir()
        (tmp_path / dept / "plan.docx").write_bytes(b"")
    manifest = tmp_path / "清单.csv"
    manifest.write_text(
        "文件,部门\n教育局/plan.docx,教育局\n卫健委/plan.docx,卫健委\n民政局/plan.docx,民政局\n,财政局\n",
        encoding="utf-8",
    )
    analyses = [
        analysis(str(tmp_path / "教育局" / "plan.docx"), "error", "error"),
        analysis(str(tmp_path / "卫健委" / "plan.docx"), failed=True),
    ]
    departments = {a.source.path: a.source.path.split("/")[-2] for a in analyses}
    summary = summarise(analyses, departments)
    board = submission_board(summary, manifest)
    assert [(r.department, r.status, r.errors, r.missing) for r in board.rows] == [
        ("卫健委", "读取失败", 0, ()),
        ("教育局", "已报送", 2, ()),
        ("民政局", "未报送", 0, ("plan.docx",)),
        ("财政局", "未报送", 0, ()),
    ]
    assert read_manifest(manifest).expected == ("财政局",)
    assert board.count("未报送") == 2
    totals = board.totals
    assert (totals.files, totals.errors, totals.unreadable, totals.missing) == (2, 2, 1, ("plan.docx",))
    # the same board from a Manifest object
    assert submission_board(summary, read_manifest(manifest)) == board


def test_stray_unread_files_outside_departments_are_no_submissions() -> None:
    skipped = analysis("x/manifest.csv", failed=True)
    skipped = Analysis(source=skipped.source, text="", errors=({"code": "skipped", "message": "未读取"},))
    board = submission_board([(skipped, ""), (analysis("x/甲局/1.docx"), "甲局")])
    assert [r.department for r in board.rows] == ["甲局"]
    # control: the same record inside a department is a file the department sent and nobody could read
    board = submission_board([(skipped, "乙局"), (analysis("x/甲局/1.docx"), "甲局")])
    assert [(r.department, r.status) for r in board.rows] == [("乙局", "读取失败"), ("甲局", "已报送")]


def test_board_counts_every_document_of_a_file() -> None:
    board = submission_board([(analysis("x/1.docx", "error", documents=3), "甲局")])
    row = board.row("甲局")
    assert row is not None and (row.documents, row.errors, row.findings) == (3, 1, 1)
    assert board.row("乙局") is None


def test_report_summary_carries_the_board(tmp_path: Path) -> None:
    """`cxzy report` works the board out once; the HTML report and the workbook render ``summary.board``."""
    from cxzy_nlp.corpus.report import report_summary

    (tmp_path / "教育局").mkdir()
    (tmp_path / "教育局" / "plan.txt").write_text(
        "关于开展读书活动的实施方案\n一、活动目标\n提高阅读量。\n", encoding="utf-8"
    )
    manifest = tmp_path / "清单.csv"
    manifest.write_text("文件,部门\n教育局/plan.txt,教育局\n民政局/plan.txt,民政局\n", encoding="utf-8")
    summary = report_summary([tmp_path / "教育局"], manifest=manifest)
    assert summary.board is not None
    assert [(r.department, r.status) for r in summary.board.rows] == [("教育局", "已报送"), ("民政局", "未报送")]
