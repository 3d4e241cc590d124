"""CSV output of `cxzy check`: one row per finding (and one per unreadable file)."""

from __future__ import annotations

import csv
from typing import IO

from ..model import Analysis

CSV_COLUMNS = (
    "path",
    "document",
    "title",
    "rule",
    "severity",
    "section",
    "start",
    "end",
    "line",
    "message",
    "evidence",
)


def csv_writer(out: IO[str]):  # type: ignore[no-untyped-def]
    """A csv writer on ``out`` with the header already written."""
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    return writer


def analysis_rows(analysis: Analysis) -> list[list[object]]:
    rows: list[list[object]] = []
    path = analysis.source.path
    for err in analysis.errors:
        rows.append([path, "", "", err.get("code", "error"), "error", "", "", "", "", err.get("message", ""), ""])
    if not analysis.documents:
        for problem in analysis.problems:
            rows.append([path, "", "", problem.code, "error", "", "", "", "", problem.message, ""])
    for i, doc in enumerate(analysis.documents, 1):
        for f in doc.findings:
            start, end = f.span if f.span else ("", "")
            line = analysis.text.count("\n", 0, f.span[0]) + 1 if f.span else ""
            rows.append(
                [
                    path,
                    i,
                    doc.title or "",
                    f.rule,
                    f.severity,
                    f.section or "",
                    start,
                    end,
                    line,
                    f.message,
                    f.evidence or "",
                ]
            )
    return rows
