"""The Excel workbook: overview, coverage matrix, findings, goals, activities, copied passages."""

from __future__ import annotations

import os
from collections.abc import Sequence
from typing import Any

from ..locate import describe
from .summary import SEVERITY_ZH, Summary, finding_section_name, section_name

SHEETS = ("概览", "章节覆盖", "问题清单", "目标", "活动", "雷同段落", "无法读取")


def _sheet(wb: Any, name: str, header: Sequence[str], rows: Sequence[Sequence[Any]], widths: Sequence[int]) -> Any:
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    ws = wb.create_sheet(name)
    ws.append(list(header))
    for row in rows:
        ws.append(["" if v is None else v for v in row])
    bold = Font(bold=True)
    fill = PatternFill("solid", fgColor="ECEFF1")
    for cell in ws[1]:
        cell.font = bold
        cell.fill = fill
        cell.alignment = Alignment(vertical="center", wrap_text=True)
    for i, width in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(i)].width = width
    ws.freeze_panes = "A2"
    if rows:
        ws.auto_filter.ref = f"A1:{get_column_letter(len(header))}{len(rows) + 1}"
    return ws


def write_xlsx(summary: Summary, path: str | os.PathLike[str]) -> None:
    """Write the workbook; every sheet has frozen headers, filters and Chinese column names."""
    from openpyxl import Workbook
    from openpyxl.styles import Font, PatternFill

    wb = Workbook()
    assert wb.active is not None
    wb.remove(wb.active)

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
            round(d.copied_share, 3) if d.copied_share is not None else None,
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
            f.rule,
            SEVERITY_ZH.get(f.severity, f.severity),
            f.message,
            f.evidence,
            f.span[0] if f.span else None,
            f.span[1] if f.span else None,
            describe(f.location, section=False) or None,
        )
        for d in summary.docs
        for f in d.document.findings
    ]
    _sheet(
        wb,
        "问题清单",
        ["部门", "文件", "文档", "章节", "规则", "级别", "说明", "原文", "起", "止", "位置"],
        finding_rows,
        [16, 30, 30, 20, 18, 8, 60, 40, 8, 8, 14],
    )

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
                    round(link.share, 3),
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
    )

    err_rows = [
        (f.department, f.path, e.get("code"), e.get("message")) for f in summary.files for e in f.analysis.errors
    ]
    _sheet(wb, "无法读取", ["部门", "文件", "错误代码", "说明"], err_rows, [16, 40, 16, 60])
    wb.save(os.fspath(path))


def _section_label(row: Any, sid: str | None) -> str:
    if not sid:
        return ""
    s = row.document.section_by_id(sid)
    return f"{s.number}{s.heading}" if s else ""
