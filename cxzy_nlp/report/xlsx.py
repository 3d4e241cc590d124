"""The Excel workbook: overview, coverage matrix, findings, goals, activities, copied passages."""

from __future__ import annotations

import os
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from ..locate import describe
from .feedback import rule_name
from .summary import SEVERITY_ZH, Summary, finding_section_name, section_name

if TYPE_CHECKING:
    from ..corpus.board import Board

SHEETS = ("收文情况", "概览", "章节覆盖", "问题清单", "目标", "活动", "雷同段落", "无法读取")
SEVERITY_FILL = {"error": "FFCDD2", "warn": "FFE0B2", "info": "BBDEFB"}  # red, amber, blue as in the HTML report
STATUS_FILL = {"未报送": "FFCDD2", "读取失败": "FFE0B2", "已报送": "C8E6C9"}
PERCENT = "0.0%"


def _fill(colour: str) -> Any:
    from openpyxl.styles import PatternFill

    return PatternFill("solid", fgColor=colour)


def _sheet(
    wb: Any,
    name: str,
    header: Sequence[str],
    rows: Sequence[Sequence[Any]],
    widths: Sequence[int],
    *,
    wrap: Sequence[str] = (),
    percent: Sequence[str] = (),
) -> Any:
    """A sheet with a bold header row repeated on every printed page, frozen, filtered, A4 landscape.

    Text cells are always strings, never formulas (a title beginning with “=” stays text);
    ``wrap`` columns wrap their text, ``percent`` columns show ratios as percentages.
    """
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    ws = wb.create_sheet(name)
    ws.append(list(header))
    for row in rows:
        ws.append(["" if v is None else v for v in row])
    for row_cells in ws.iter_rows():
        for cell in row_cells:
            if isinstance(cell.value, str) and cell.data_type != "s":
                cell.data_type = "s"  # openpyxl takes a leading “=” for a formula: store the text itself
    bold = Font(bold=True)
    fill = _fill("ECEFF1")
    for cell in ws[1]:
        cell.font = bold
        cell.fill = fill
        cell.alignment = Alignment(vertical="center", wrap_text=True)
    top_wrap = Alignment(vertical="top", wrap_text=True)
    top = Alignment(vertical="top")
    for i, title in enumerate(header, start=1):
        column = get_column_letter(i)
        for cell in ws[column][1:]:
            cell.alignment = top_wrap if title in wrap else top
        if title in percent:
            for cell in ws[column][1:]:
                cell.number_format = PERCENT
    for i, width in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(i)].width = width
    _fit_rows(ws, [i for i, title in enumerate(header) if title in wrap], widths)
    ws.freeze_panes = "A2"
    if rows:
        ws.auto_filter.ref = f"A1:{get_column_letter(len(header))}{len(rows) + 1}"
    _page_setup(ws)
    return ws


def _text_width(text: str) -> int:
    """Width in Excel's character units: a CJK or full-width character counts two."""
    import unicodedata

    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _fit_rows(ws: Any, columns: Sequence[int], widths: Sequence[int], line_points: float = 15.0) -> None:
    """Row heights for the wrapped columns' text (neither LibreOffice nor every Excel re-measures on opening)."""
    if not columns:
        return
    for row in ws.iter_rows(min_row=2):
        lines = 1
        for i in columns:
            value = row[i].value
            if isinstance(value, str) and value:
                width = max(1, widths[i] - 1) if i < len(widths) else 10
                lines = max(lines, sum(-(-max(1, _text_width(part)) // width) for part in value.split("\n")))
        if lines > 1:
            ws.row_dimensions[row[0].row].height = min(409.0, lines * line_points)  # Excel's largest row height


def _page_setup(ws: Any) -> None:
    """A4 landscape, fitted to the page width, the header row printed on every page."""
    ws.page_setup.orientation = ws.ORIENTATION_LANDSCAPE
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_title_rows = "1:1"
    ws.print_options.gridLines = True
    ws.page_margins.left = ws.page_margins.right = 0.5
    ws.page_margins.top = ws.page_margins.bottom = 0.6


def _colour_column(ws: Any, header: Sequence[str], title: str, fills: dict[str, str]) -> None:
    """Fill the cells of one column by their text (severity, status)."""
    from openpyxl.utils import get_column_letter

    column = get_column_letter(list(header).index(title) + 1)
    by_text = {text: _fill(colour) for text, colour in fills.items()}
    for cell in ws[column][1:]:
        if cell.value in by_text:
            cell.fill = by_text[cell.value]


def board_sheet(wb: Any, board: Board, name: str = "收文情况") -> Any:
    """The submission board as a sheet (status coloured)."""
    header = board.columns
    ws = _sheet(
        wb,
        name,
        header,
        [row.cells() for row in board.rows],
        [20, 10, 10, 8, 8, 8, 8, 10, 40],
        wrap=("未报送文件",),
    )
    _colour_column(ws, header, "状态", STATUS_FILL)
    return ws


def write_xlsx(summary: Summary, path: str | os.PathLike[str]) -> None:
    """Write the workbook; every sheet has frozen headers, filters, Chinese column names and an A4 page setup.

    The submission board (``summary.board``) is the first sheet when the summary has one.
    """
    from openpyxl import Workbook
    from openpyxl.styles import Font, PatternFill

    wb = Workbook()
    assert wb.active is not None
    wb.remove(wb.active)
    if summary.board is not None:
        board_sheet(wb, summary.board)

    overview = [
        (
            d.department,
            d.files,
            d.documents,
            "、".join(f"{t}×{n}" for t, n in d.doc_types.most_common()),
            d.goals,
            d.measurable,
            d.activities,
            d.budget or None,
            d.findings["error"],
            d.findings["warn"],
            d.findings["info"],
            d.copied_share,
            d.failed,
        )
        for d in summary.departments
    ]
    _sheet(
        wb,
        "概览",
        [
            "部门",
            "文件数",
            "文档数",
            "文种",
            "目标数",
            "可量化目标",
            "活动数",
            "经费合计（元）",
            "错误",
            "警告",
            "提示",
            "最高雷同比例",
            "无法读取",
        ],
        overview,
        [18, 8, 8, 24, 8, 10, 8, 14, 8, 8, 8, 12, 10],
        wrap=("文种",),
        percent=("最高雷同比例",),
    )

    labels = summary.labels
    cov_rows = []
    for d in summary.docs:
        cells = ["缺" if lab in d.missing else ("✓" if lab in d.labels else "") for lab in labels]
        cov_rows.append([d.department, d.path, d.title, d.doc_type_zh, *cells])
    ws = _sheet(
        wb,
        "章节覆盖",
        ["部门", "文件", "文档", "文种", *[section_name(lab) for lab in labels]],
        cov_rows,
        [16, 30, 36, 10, *([10] * len(labels))],
    )
    red = PatternFill("solid", fgColor="FFCDD2")
    green = PatternFill("solid", fgColor="C8E6C9")
    for row in ws.iter_rows(min_row=2, min_col=5):
        for cell in row:
            if cell.value == "缺":
                cell.fill = red
                cell.font = Font(bold=True, color="B71C1C")
            elif cell.value == "✓":
                cell.fill = green

    finding_rows = [
        (
            d.department,
            d.path,
            d.title,
            finding_section_name(d.document, f),
            rule_name(f.rule),
            SEVERITY_ZH.get(f.severity, f.severity),
            f.message,
            f.evidence,
            f.location.page if f.location else None,
            f.location.paragraph if f.location else None,
            describe(f.location, section=False) or None,
            f.rule,
        )
        for d in summary.docs
        for f in d.document.findings
    ]
    header = ["部门", "文件", "文档", "章节", "规则", "级别", "说明", "原文", "页", "段", "位置", "规则编号"]
    ws = _sheet(
        wb,
        "问题清单",
        header,
        finding_rows,
        [14, 20, 24, 18, 16, 6, 50, 30, 5, 5, 10, 14],
        wrap=("文档", "章节", "说明", "原文"),
    )
    _colour_column(ws, header, "级别", {SEVERITY_ZH[k]: v for k, v in SEVERITY_FILL.items()})

    goal_rows = [
        (
            d.department,
            d.title,
            _section_label(d, g.section),
            g.text,
            "是" if g.measurable else "否",
            "、".join(g.indicators),
            g.deadline,
            describe(g.location, section=False) or None,
        )
        for d in summary.docs
        for g in d.document.goals
    ]
    _sheet(
        wb,
        "目标",
        ["部门", "文档", "章节", "目标", "可量化", "指标", "期限", "位置"],
        goal_rows,
        [16, 30, 20, 70, 8, 24, 12, 14],
        wrap=("章节", "目标"),
    )

    act_rows = [
        (
            d.department,
            d.title,
            _section_label(d, a.section),
            a.name,
            a.text,
            a.when,
            a.start,
            a.end,
            a.owner,
            a.participants,
            describe(a.location, section=False) or None,
        )
        for d in summary.docs
        for a in d.document.activities
    ]
    _sheet(
        wb,
        "活动",
        ["部门", "文档", "章节", "活动", "内容", "时间", "开始", "结束", "责任单位", "参与对象", "位置"],
        act_rows,
        [16, 30, 20, 24, 60, 16, 12, 12, 20, 16, 14],
        wrap=("活动", "内容"),
    )

    copy_rows = []
    for link in summary.links:
        da, db = summary.doc(link.a), summary.doc(link.b)
        if da is None or db is None:
            continue
        for _sa, _sb, ta, tb in link.passages:
            copy_rows.append(
                (
                    da.department,
                    da.title,
                    db.department,
                    db.title,
                    "套话/模板" if link.boilerplate else "雷同",
                    link.share,
                    ta,
                    tb,
                )
            )
    _sheet(
        wb,
        "雷同段落",
        ["部门", "文档", "来源部门", "来源文档", "类型", "比例", "本文段落", "来源段落"],
        copy_rows,
        [16, 30, 16, 30, 10, 8, 60, 60],
        wrap=("本文段落", "来源段落"),
        percent=("比例",),
    )

    err_rows = [
        (f.department, f.path, e.get("code"), e.get("message")) for f in summary.files for e in f.analysis.errors
    ]
    _sheet(wb, "无法读取", ["部门", "文件", "错误代码", "说明"], err_rows, [16, 40, 16, 60], wrap=("说明",))
    wb.save(os.fspath(path))


def _section_label(row: Any, sid: str | None) -> str:
    if not sid:
        return ""
    s = row.document.section_by_id(sid)
    return f"{s.number}{s.heading}" if s else ""
