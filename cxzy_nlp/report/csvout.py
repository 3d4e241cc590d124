"""CSV output of `cxzy check`: one row per finding (and one per unreadable file).

``line``, ``page``, ``paragraph`` and ``section_number`` are the finding's location (see
:mod:`cxzy_nlp.locate`); ``place`` says it in words ("第3页 · 二、（三）"); ``start``/``end``
are offsets into the normalised text of the JSON record; ``rule_name`` is the rule's Chinese name.

Written for Excel on Chinese Windows: UTF-8 with a BOM by default (without it Excel reads GBK
and shows mojibake), or ``gbk``/``gb18030`` on request, with what the encoding cannot hold
replaced by “?” and counted. A cell that a spreadsheet would take for a formula (beginning with
``=``, ``+``, ``-``, ``@``, a tab or a carriage return) is written with a leading ``'``, as the
OWASP advice on CSV injection says.
"""

from __future__ import annotations

import codecs
import csv
import io
from collections.abc import Iterable, Sequence
from typing import IO

from ..errors import ConfigError
from ..model import Analysis, Location
from .feedback import rule_name
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
    "rule_name",
)
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def starts_formula(text: str) -> bool:
    """Whether a spreadsheet would read ``text`` as a formula (or DDE command)."""
    return text.startswith(FORMULA_STARTS)


def neutralised(value: object) -> object:
    """``value`` safe in a CSV cell: text that would start a formula gets a leading ``'``."""
    return "'" + value if isinstance(value, str) and starts_formula(value) else value


class CsvOut:
    """Rows to a text stream as CSV in one encoding, header first (UTF-8 with BOM by default).

    ``replaced`` counts the characters the encoding could not hold (each written as “?”).
    With a stream that has a byte buffer (a file, stdout) the bytes are written there.
    """

    def __init__(self, out: IO[str], encoding: str = "utf-8", *, bom: bool = True) -> None:
        try:
            codec = codecs.lookup(encoding)
        except LookupError:
            raise ConfigError(f"不支持的编码：{encoding!r}（可用 utf-8、gbk、gb18030）") from None
        self.out = out
        self.codec = codec.name
        self.replaced = 0
        if bom and self.codec == "utf-8":
            self._write("\ufeff")
        self.writerow(CSV_COLUMNS)

    def writerow(self, row: Sequence[object]) -> None:
        self.writerows([row])

    def writerows(self, rows: Iterable[Sequence[object]]) -> None:
        text = io.StringIO()
        csv.writer(text, lineterminator="\r\n").writerows([neutralised(v) for v in row] for row in rows)
        self._write(text.getvalue())

    def _write(self, text: str) -> None:
        try:
            data = text.encode(self.codec)
        except UnicodeEncodeError:
            data = self._replace(text)
        buffer = getattr(self.out, "buffer", None)
        if buffer is None:
            self.out.write(data.decode(self.codec))
            return
        self.out.flush()
        buffer.write(data)

    def _replace(self, text: str) -> bytes:
        out = bytearray()
        for ch in text:
            try:
                out += ch.encode(self.codec)
            except UnicodeEncodeError:
                out += b"?"
                self.replaced += 1
        return bytes(out)


def csv_writer(out: IO[str], encoding: str = "utf-8", *, bom: bool = True) -> CsvOut:
    """A CSV writer on ``out`` with the header already written."""
    return CsvOut(out, encoding, bom=bom)


def _blank(value: int | None) -> object:
    return "" if value is None else value


def analysis_rows(analysis: Analysis) -> list[list[object]]:
    rows: list[list[object]] = []
    path = analysis.source.path
    for err in analysis.errors:
        code = err.get("code", "error")
        unread = "未读取" if code == "skipped" else "无法读取"
        rows.append([path, "", "", code, "error", *[""] * 8, err.get("message", ""), "", unread])
    if not analysis.documents:
        for problem in analysis.problems:
            rows.append([path, "", "", problem.code, "error", *[""] * 8, problem.message, "", "无法读取"])
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
                    rule_name(f.rule),
                ]
            )
    return rows
