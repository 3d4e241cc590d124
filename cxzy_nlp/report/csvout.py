"""CSV output of `cxzy check`: one row per finding (and one per unreadable file).

``line``, ``page``, ``paragraph`` and ``section_number`` are the finding's location (see
:mod:`cxzy_nlp.locate`); ``place`` says it in words ("第3页 · 二、（三）"); ``start``/``end``
are offsets into the normalised text of the JSON record.
"""

from __future__ import annotations

import csv
from typing import IO

from ..model import Analysis, Location
from .text import place_of

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
    "page",
    "paragraph",
    "section_number",
    "place",
    "message",
    "evidence",
)


def csv_writer(out: IO[str]):  # type: ignore[no-untyped-def]
    """A csv writer on ``out`` with the header already written."""
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    return writer


def _blank(value: int | None) -> object:
    return "" if value is None else value


def analysis_rows(analysis: Analysis) -> list[list[object]]:
    rows: list[list[object]] = []
    path = analysis.source.path
    for err in analysis.errors:
        rows.append([path, "", "", err.get("code", "error"), "error", *[""] * 8, err.get("message", ""), ""])
    if not analysis.documents:
        for problem in analysis.problems:
            rows.append([path, "", "", problem.code, "error", *[""] * 8, problem.message, ""])
    for i, doc in enumerate(analysis.documents, 1):
        for f in doc.findings:
            start, end = f.span if f.span else ("", "")
            loc = f.location or Location()
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
                    _blank(loc.line),
                    _blank(loc.page),
                    _blank(loc.paragraph),
                    loc.section_number or "",
                    place_of(f, analysis.text),
                    f.message,
                    f.evidence or "",
                ]
            )
    return rows
