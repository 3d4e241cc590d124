"""`cxzy feedback`: check the submitted files and write one feedback pack per department.

``<output>/<department>.zip`` holds the department's 审阅意见单 (.docx) and the annotated copy of
each of its files; ``<output>/收文审阅汇总.docx`` is the submission board. A department the
manifest names but that sent nothing gets no zip and appears on the board as 未报送. Files are
never overwritten unless ``force``; an unreadable file is a record in its department's sheet.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path, PurePath

from ..config import DEFAULT_CONFIG, Config
from ..errors import ConfigError
from ..model import Analysis
from ..report.feedback import SheetFile, board_document, opinion_sheet, safe_name, unique_names, write_zip
from .board import UNGROUPED, Board, submission_board

SUMMARY_NAME = "收文审阅汇总.docx"
SHEET_NAME = "审阅意见单"
COPIES_FOLDER = "审阅稿"


class OutputExists(ConfigError):
    """The feedback folder already holds files the run would write (and ``force`` was not given)."""


@dataclass(frozen=True)
class Submission:
    """One submitted file for a pack: the name the department knows, where its bytes are, its analysis."""

    name: str
    source: str | os.PathLike[str]
    analysis: Analysis


@dataclass(frozen=True)
class DepartmentPack:
    """What was written for one department."""

    department: str
    path: Path  # the zip
    files: int
    findings: int
    copies: int  # annotated copies in the zip
    copy_errors: tuple[tuple[str, str], ...] = ()  # (file, why) of files without a copy


@dataclass(frozen=True)
class FeedbackResult:
    output: Path
    board: Board
    summary: Path  # the board as .docx
    packs: tuple[DepartmentPack, ...]
    analyses: tuple[Analysis, ...]


def today_zh(day: dt.date | None = None) -> str:
    """A date as a 公文 writes it: 2024年5月1日."""
    day = day or dt.date.today()
    return f"{day.year}年{day.month}月{day.day}日"


def pack_names(departments: Sequence[str]) -> dict[str, str]:
    """Each department's zip file name: safe, unique (case-insensitively), ``.zip``."""
    ordered = sorted(set(departments))
    names = unique_names(f"{safe_name(d)}.zip" for d in ordered)
    return dict(zip(ordered, names, strict=True))


def _member_name(path: str) -> str:
    """The name a department knows its file by: the last part of a path or of a zip member path."""
    return PurePath(path.replace("\\", "/").split("!")[-1]).name or path


def annotated_copy(path: str, analysis: Analysis, target: Path, reviewer: str) -> None:
    """Write the annotated copy of one file (the one call of the annotate library function)."""
    from ..report.annotate import AUTHOR, annotate_file

    annotate_file(path, target, analysis, author=reviewer or AUTHOR, force=True)


def feedback_files(
    paths: Sequence[str | os.PathLike[str]],
    output: str | os.PathLike[str],
    *,
    manifest: str | os.PathLike[str] | None = None,
    reviewer: str = "",
    date: str | None = None,
    profile: str | None = None,
    config: Config = DEFAULT_CONFIG,
    force: bool = False,
    progress: Callable[[Analysis], None] | None = None,
) -> FeedbackResult:
    """Check the files under ``paths`` and write the feedback folder (see the module docstring).

    cxzy.toml beside the files (``profile``, ``select``…) and the reviewer's baseline (dismissed
    findings) apply as in ``cxzy check``; ``reviewer`` empty takes cxzy.toml's ``reviewer``.
    """
    from .. import baseline as reviewed
    from ..check.settings import apply_settings, settings_for
    from .batch import analyse_files, iter_inputs
    from .check import validate_profile
    from .escape import displayed, printable
    from .owners import read_manifest, resolve_owners

    settings = settings_for(paths, profile)
    validate_profile(settings.profile)
    reviewer = reviewer or settings.reviewer or ""
    date = date or today_zh()
    listed = read_manifest(manifest) if manifest is not None else None
    skip = {str(Path(manifest).resolve())} if manifest is not None else set()
    found = [i for i in iter_inputs(paths) if str(Path(i).resolve()) not in skip]
    owners = resolve_owners(found, paths, listed)
    # a file of no format cxzy reads and of no department (a manifest, cxzy.toml) is no submission
    inputs = [i for i in found if not (i.skip and not owners[i].department)]
    if not inputs:
        raise ConfigError("没有找到报送材料")
    departments: dict[str, str] = {p: printable(owners[p].department or "") or UNGROUPED for p in inputs}

    out = Path(output)
    names = pack_names(list(departments.values()))
    _refuse_overwrite(out, [*names.values(), SUMMARY_NAME], force)

    analyses = analyse_files(inputs, config, stages="check", profile=settings.profile, progress=progress)
    baseline_file = reviewed.default_path(paths[0]) if paths else None
    decisions = reviewed.load(baseline_file) if baseline_file is not None and baseline_file.is_file() else None
    analyses = [apply_settings(a, settings) for a in analyses]
    if decisions is not None:
        analyses = reviewed.apply(analyses, decisions)

    by_dept: dict[str, list[Analysis]] = {}
    for analysis in analyses:
        by_dept.setdefault(departments.get(analysis.source.path, UNGROUPED), []).append(analysis)
    board = submission_board([(displayed(a), departments.get(a.source.path, UNGROUPED)) for a in analyses], listed)

    out.mkdir(parents=True, exist_ok=True)
    packs = []
    for department in sorted(by_dept):
        row = board.row(department)
        files = by_dept[department]
        shown = unique_names(_member_name(a.source.path) for a in files)
        packs.append(
            write_department_pack(
                out / names[department],
                department,
                [Submission(name, a.source.path, a) for name, a in zip(shown, files, strict=True)],
                reviewer=reviewer,
                date=date,
                missing=row.missing if row else (),
            )
        )
    summary = out / SUMMARY_NAME
    _write_bytes(summary, board_document(board, reviewer=reviewer, date=date))
    return FeedbackResult(out, board, summary, tuple(packs), tuple(analyses))


def _refuse_overwrite(out: Path, names: Sequence[str], force: bool) -> None:
    if out.exists() and not out.is_dir():
        raise ConfigError(f"输出位置 {out} 已存在且不是文件夹")
    if force or not out.is_dir():
        return
    taken = [n for n in names if (out / n).exists()]
    if taken:
        shown = "、".join(taken[:3]) + ("等" if len(taken) > 3 else "")
        raise OutputExists(f"输出文件夹 {out} 中已有 {shown}（{len(taken)} 个文件）；如需覆盖请加 --force")


def _write_bytes(path: Path, data: bytes) -> None:
    tmp = path.with_name(f".{path.name}.tmp")
    tmp.write_bytes(data)
    os.replace(tmp, path)


def write_department_pack(
    target: str | os.PathLike[str],
    department: str,
    submissions: Sequence[Submission],
    *,
    reviewer: str = "",
    date: str | None = None,
    missing: Sequence[str] = (),
) -> DepartmentPack:
    """Write one department's zip: its 审阅意见单 and the annotated copy of each readable file.

    A file whose copy cannot be made is named in the sheet (and in ``copy_errors``), never a crash.
    """
    import tempfile

    from .escape import displayed

    date = date or today_zh()
    analyses = [s.analysis for s in submissions]
    shown = unique_names(s.name for s in submissions)
    copy_names = unique_names(f"{COPIES_FOLDER}/{safe_name(PurePath(n).stem)}.审阅.docx" for n in shown)
    sheet_files: list[SheetFile] = []
    members: list[tuple[str, bytes | Path]] = []
    errors: list[tuple[str, str]] = []
    with tempfile.TemporaryDirectory(prefix="cxzy-feedback-") as tmp:
        for i, (submission, name, copy_name) in enumerate(zip(submissions, shown, copy_names, strict=True)):
            analysis = submission.analysis
            if analysis.errors and not analysis.documents:
                sheet_files.append(SheetFile(name, displayed(analysis)))
                continue
            copy_path = Path(tmp) / f"{i}.docx"
            try:
                annotated_copy(os.fspath(submission.source), analysis, copy_path, reviewer)
            except Exception as exc:  # a file python-docx cannot rewrite: a record, never a crashed batch
                why = getattr(exc, "message", None) or str(exc) or type(exc).__name__
                errors.append((name, why))
                sheet_files.append(SheetFile(name, displayed(analysis), copy_error=why))
                continue
            members.append((copy_name, copy_path))
            sheet_files.append(SheetFile(name, displayed(analysis), copy=copy_name))
        sheet = opinion_sheet(department, sheet_files, reviewer=reviewer, date=date, missing=missing)
        members.insert(0, (f"{SHEET_NAME}_{safe_name(department)}.docx", sheet))
        write_zip(Path(target), members)
    return DepartmentPack(
        department=department,
        path=Path(target),
        files=len(analyses),
        findings=sum(len(d.findings) for a in analyses for d in a.documents),
        copies=len(members) - 1,
        copy_errors=tuple(errors),
    )


__all__ = [
    "DepartmentPack",
    "FeedbackResult",
    "OutputExists",
    "Submission",
    "feedback_files",
    "pack_names",
    "today_zh",
    "write_department_pack",
]
