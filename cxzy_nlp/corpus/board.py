"""The submission board (收文情况): who submitted, who did not, what the check found, per department.

One library function, :func:`submission_board`, that the HTML report, the workbook, the feedback
pack and the web workbench all render. Pure data; no rendering here.

* ``results``: the checked files with their department: a :class:`~cxzy_nlp.report.summary.Summary`
  (its ``files``), or any objects with ``path``, ``department`` and ``analysis`` (``FileRow``), or
  ``(analysis, department)`` pairs.
* ``manifest``: who was expected to submit what: a :class:`~cxzy_nlp.corpus.owners.Manifest`, the
  path of a manifest CSV (see :mod:`cxzy_nlp.corpus.owners`), or ``(file, department)`` pairs
  (``file`` empty or None: the department is expected without a named file).

A department's status: 已报送 when one of its files was read, 读取失败 when it submitted files
and none could be read, 未报送 when the manifest names it and no file of it was checked (a
manifest row without a file). Manifest files not found are listed on the row (``missing``) even
when the department submitted others.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path, PurePath
from typing import TYPE_CHECKING, Any, Literal

from ..model import Analysis

if TYPE_CHECKING:
    from ..report.summary import Summary
    from .owners import Manifest

__all__ = [
    "BOARD_COLUMNS",
    "STATUSES",
    "UNGROUPED",
    "Board",
    "BoardRow",
    "Status",
    "submission_board",
]

Status = Literal["已报送", "读取失败", "未报送"]
STATUSES: tuple[Status, ...] = ("已报送", "读取失败", "未报送")
UNGROUPED = "（未分组）"  # the department of a file no rule assigns one (as in the comparison tables)
BOARD_COLUMNS = ("部门", "状态", "报送文件", "文档", "错误", "警告", "提示", "无法读取", "未报送文件")


@dataclass(frozen=True)
class BoardRow:
    """One department on the board."""

    department: str
    status: Status
    files: int  # files checked for the department (read or not)
    documents: int
    errors: int
    warnings: int
    infos: int
    unreadable: int  # files that could not be read
    paths: tuple[str, ...] = ()  # the files checked, sorted
    missing: tuple[str, ...] = ()  # files the manifest lists that were not among them, sorted

    @property
    def findings(self) -> int:
        return self.errors + self.warnings + self.infos

    def cells(self) -> tuple[str | int, ...]:
        """The row's values in the order of :data:`BOARD_COLUMNS`."""
        return (
            self.department,
            self.status,
            self.files,
            self.documents,
            self.errors,
            self.warnings,
            self.infos,
            self.unreadable,
            "、".join(self.missing),
        )


@dataclass(frozen=True)
class Board:
    """Every department known from the results and the manifest, sorted by name (未分组 last)."""

    rows: tuple[BoardRow, ...]

    @property
    def columns(self) -> tuple[str, ...]:
        """Chinese column names of :meth:`BoardRow.cells` (:data:`BOARD_COLUMNS`), for renderers."""
        return BOARD_COLUMNS

    def row(self, department: str) -> BoardRow | None:
        return next((r for r in self.rows if r.department == department), None)

    def count(self, status: Status) -> int:
        """How many departments have ``status``."""
        return sum(1 for r in self.rows if r.status == status)

    @property
    def totals(self) -> BoardRow:
        """The sum over departments (status: 已报送 when any department's file was read)."""
        read = any(r.status == "已报送" for r in self.rows)
        failed = any(r.status == "读取失败" for r in self.rows)
        status: Status = "已报送" if read else ("读取失败" if failed else "未报送")
        return BoardRow(
            department="合计",
            status=status,
            files=sum(r.files for r in self.rows),
            documents=sum(r.documents for r in self.rows),
            errors=sum(r.errors for r in self.rows),
            warnings=sum(r.warnings for r in self.rows),
            infos=sum(r.infos for r in self.rows),
            unreadable=sum(r.unreadable for r in self.rows),
            missing=tuple(sorted(m for r in self.rows for m in r.missing)),
        )


# ------------------------------------------------------------------ inputs


@dataclass(frozen=True)
class _Submitted:
    path: str
    department: str
    analysis: Analysis


def _submitted(results: Any) -> list[_Submitted]:
    files = getattr(results, "files", results)  # a Summary gives its FileRows
    out = []
    for item in files:
        if isinstance(item, tuple):
            analysis, department = item
            found = _Submitted(analysis.source.path, department or UNGROUPED, analysis)
        else:
            found = _Submitted(str(item.path), item.department or UNGROUPED, item.analysis)
        if not _stray(found):
            out.append(found)
    return out


def _stray(found: _Submitted) -> bool:
    """A file of a format cxzy does not read lying outside any department (the manifest, cxzy.toml): no submission."""
    codes = {e.get("code") for e in found.analysis.errors}
    return found.department == UNGROUPED and codes == {"skipped"} and not found.analysis.documents


def _listed(
    manifest: Manifest | str | os.PathLike[str] | Iterable[tuple[str | None, str]] | None,
) -> list[tuple[str | None, str]]:
    """(file or None, department) of every manifest row that names a department."""
    if manifest is None:
        return []
    if isinstance(manifest, str | os.PathLike):
        from .owners import read_manifest

        manifest = read_manifest(manifest)
    by_path = getattr(manifest, "by_path", None)
    if by_path is not None:
        rows: list[tuple[str | None, str]] = [
            (path, owner.department) for path, owner in by_path.items() if owner.department
        ]
        rows += [(None, d) for d in getattr(manifest, "expected", ())]
        return rows
    return [(file or None, department) for file, department in manifest if department]  # type: ignore[union-attr]


def _found(file: str, department: str, paths: set[str], names: dict[str, set[str]]) -> bool:
    """A listed file was checked: the same path, or a file of that name in the department."""
    if file in paths or _resolved(file) in paths:
        return True
    return department in names.get(PurePath(file.replace("\\", "/")).name, set())


def _resolved(path: str) -> str:
    try:
        return str(Path(path).resolve())
    except (OSError, ValueError):
        return path


# ------------------------------------------------------------------ the board


def submission_board(
    results: Summary | Iterable[Any],
    manifest: Manifest | str | os.PathLike[str] | Iterable[tuple[str | None, str]] | None = None,
) -> Board:
    """The submission board of checked files against the manifest (see the module docstring)."""
    submitted = _submitted(results)
    by_dept: dict[str, list[_Submitted]] = {}
    for s in submitted:
        by_dept.setdefault(s.department, []).append(s)
    paths = {s.path for s in submitted} | {_resolved(s.path) for s in submitted}
    names: dict[str, set[str]] = {}
    for s in submitted:
        names.setdefault(PurePath(s.path.replace("\\", "/")).name, set()).add(s.department)

    missing: dict[str, set[str]] = {}
    for file, department in _listed(manifest):
        wanted = missing.setdefault(department, set())
        if file is not None and not _found(file, department, paths, names):
            wanted.add(PurePath(file).name)

    rows = [_row(d, by_dept.get(d, ()), missing.get(d, set())) for d in set(by_dept) | set(missing)]
    rows.sort(key=lambda r: (r.department == UNGROUPED, r.department))
    return Board(tuple(rows))


def _row(department: str, files: Sequence[_Submitted], missing: set[str]) -> BoardRow:
    severities = [f.severity for s in files for doc in s.analysis.documents for f in doc.findings]
    unreadable = sum(1 for s in files if s.analysis.errors)
    status: Status = "未报送" if not files else ("读取失败" if unreadable == len(files) else "已报送")
    return BoardRow(
        department=department,
        status=status,
        files=len(files),
        documents=sum(len(s.analysis.documents) for s in files),
        errors=severities.count("error"),
        warnings=severities.count("warn"),
        infos=severities.count("info"),
        unreadable=unreadable,
        paths=tuple(sorted(s.path for s in files)),
        missing=tuple(sorted(missing)),
    )
