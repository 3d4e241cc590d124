"""Reviewed Word copies of many files: the library function behind ``cxzy annotate 收文/ -o 审阅/``.

Every input (files named, files under folders, members of zip archives) gets one copy, its
findings those ``cxzy check`` gives it (``cxzy.toml`` filters included). With an output folder
the folder structure of each input folder is mirrored there (a zip member goes to
``<archive name>/<path inside>``); without one each copy is written beside its file. Copies
already made (``*.审阅.docx``) and anything under the output folder are not inputs again.
Outputs are all decided and checked before any file is read: an output that would replace an
input, or an existing one without ``force``, refuses the whole run (:class:`ConfigError`).
A file that cannot be annotated is a record with its error; the batch goes on.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from ..config import DEFAULT_CONFIG, Config
from ..errors import ConfigError, CxzyError
from ..model import Analysis
from ..report.annotate import AUTHOR, SUFFIX, Annotated, annotate_file, same_file
from .batch import iter_inputs


@dataclass(frozen=True)
class Job:
    """One input and the copy it is to get."""

    source: str
    target: Path
    skip: str = ""  # why a file found in a folder is not read ("" when it is)


@dataclass(frozen=True)
class Outcome:
    """The result for one input: the copy written, or the error that kept it from being written."""

    source: str
    target: Path
    done: Annotated | None = None
    error: dict[str, str] | None = None
    skipped: str = ""


_UNSAFE = re.compile(r'[\x00-\x1f<>:"|?*\\]')


def _safe_parts(name: str) -> list[str]:
    """A member path as folder names that stay inside the output folder (no ``..``, no absolute parts)."""
    parts = [_UNSAFE.sub("_", p).strip(" .") for p in PurePosixPath(name.replace("\\", "/")).parts]
    return [p for p in parts if p and p not in ("/", "..")] or ["未命名"]


def _relative(path: str, roots: Sequence[Path]) -> tuple[Path, list[str]]:
    """(the folder the copy is mirrored from, the parts of its path below it) for one input."""
    from ..read.archive import split_member_path

    inside = split_member_path(path) if not os.path.exists(path) else None
    disk = Path(inside[0] if inside else path)
    base = disk.parent
    parts = [disk.name]
    for root in roots:
        if root.is_dir():
            try:
                parts = list(disk.resolve().relative_to(root.resolve()).parts)
                base = root
                break
            except ValueError:
                continue
    if inside:
        parts = [*parts[:-1], Path(parts[-1]).stem, *_safe_parts(inside[1])]
    return base, parts


def plan_outputs(paths: Sequence[str | os.PathLike[str]], output: str | os.PathLike[str] | None) -> list[Job]:
    """Each input and its copy: mirrored under ``output`` (a folder), else beside the file."""
    roots = [Path(p) for p in paths]
    if len(roots) == 1 and output is not None and _names_a_copy(roots[0], Path(output)):
        return [Job(os.fspath(roots[0]), Path(output))]
    out_dir = Path(output) if output is not None else None
    jobs: list[Job] = []
    taken: set[str] = set()
    for item in iter_inputs(paths):
        path = str(item)
        if path.endswith(SUFFIX) or (out_dir is not None and _under(path, out_dir)):
            continue  # a copy made before, or one of this run's outputs
        base, parts = _relative(path, roots)
        folder = (out_dir if out_dir is not None else base).joinpath(*parts[:-1])
        name = Path(parts[-1])
        target = folder / f"{name.stem}{SUFFIX}"
        if str(target) in taken:  # 方案.doc and 方案.pdf side by side
            target = folder / f"{name.stem}_{name.suffix.lstrip('.')}{SUFFIX}"
        taken.add(str(target))
        jobs.append(Job(path, target, getattr(item, "skip", "")))
    return jobs


def _names_a_copy(source: Path, output: Path) -> bool:
    """Whether ``output`` is the .docx of one file (not a folder to mirror into)."""
    from ..read.archive import is_archive

    if source.is_dir() or is_archive(source) or output.is_dir() or str(output).endswith(("/", os.sep)):
        return False
    return output.suffix.lower() == ".docx"


def _under(path: str, folder: Path) -> bool:
    try:
        Path(path).resolve().relative_to(folder.resolve())
        return True
    except ValueError:
        return False


def check_outputs(jobs: Sequence[Job], *, force: bool = False) -> None:
    """Refuse the run when a copy would replace an input, or an existing file without ``force``."""
    from ..read.archive import split_member_path

    sources = []
    for job in jobs:
        inside = split_member_path(job.source) if not os.path.exists(job.source) else None
        sources.append(inside[0] if inside else job.source)
    for job in jobs:
        if job.skip:
            continue
        if any(same_file(s, job.target) for s in sources):
            raise ConfigError(f"审阅稿 {job.target} 会覆盖送审文件，请换一个输出位置", code="output-is-input")
        if job.target.is_dir():
            raise ConfigError(f"审阅稿的位置已是一个文件夹：{job.target}", code="output-is-folder")
    existing = [j.target for j in jobs if not j.skip and j.target.exists()]
    if existing and not force:
        more = f" 等 {len(existing)} 个文件" if len(existing) > 1 else ""
        raise ConfigError(f"审阅稿已存在：{existing[0]}{more}（如需覆盖请加 --force）", code="output-exists")


def annotate_files(
    paths: Sequence[str | os.PathLike[str]],
    output: str | os.PathLike[str] | None = None,
    *,
    author: str | None = None,
    fix: bool = False,
    force: bool = False,
    profile: str | None = None,
    config: Config = DEFAULT_CONFIG,
    progress: Callable[[Outcome], None] | None = None,
) -> list[Outcome]:
    """A reviewed copy of every input, in input order (see the module docstring)."""
    from ..check.settings import apply_settings, settings_for
    from .check import check_files

    if not paths:
        raise ConfigError("没有给出要审阅的文件或文件夹")
    jobs = plan_outputs(paths, output)
    if not jobs:
        raise ConfigError("没有找到可审阅的文件")
    check_outputs(jobs, force=force)
    settings = settings_for(paths, profile)
    author = (author or settings.reviewer or AUTHOR).strip() or AUTHOR
    outcomes: dict[str, Outcome] = {}
    todo = [j for j in jobs if not j.skip]
    by_source = {j.source: j for j in todo}
    for job in jobs:
        if job.skip:
            outcomes[job.source] = Outcome(job.source, job.target, skipped=job.skip)
    if todo:
        run = check_files([j.source for j in todo], config, profile=settings.profile)
        for analysis in run.results:
            mine = by_source.get(analysis.source.path)
            if mine is None:
                continue
            outcome = _annotate_one(mine, apply_settings(analysis, settings), author=author, fix=fix, force=force)
            outcomes[mine.source] = outcome
            if progress is not None:
                progress(outcome)
    return [outcomes[j.source] for j in jobs if j.source in outcomes]


def _annotate_one(job: Job, analysis: Analysis, *, author: str, fix: bool, force: bool) -> Outcome:
    try:
        done = annotate_file(job.source, job.target, analysis, author=author, fix=fix, force=force)
    except CxzyError as exc:
        return Outcome(job.source, job.target, error=exc.to_record())
    except OSError as exc:
        return Outcome(job.source, job.target, error={"code": "write-failed", "message": f"写入失败：{exc}"})
    return Outcome(job.source, job.target, done=done)


def summary_line(outcomes: Sequence[Outcome]) -> str:
    """One Chinese line: copies written, findings as comments and entries, files that failed or were skipped."""
    written = [o.done for o in outcomes if o.done is not None]
    failed = sum(1 for o in outcomes if o.error is not None)
    skipped = sum(1 for o in outcomes if o.skipped)
    comments = sum(len(d.placed) for d in written)
    entries = sum(len(d.listed) for d in written)
    revisions = sum(d.revisions for d in written)
    line = f"已生成 {len(written)} 份审阅稿：{comments + entries} 条问题（{comments} 条批注在原文处，{entries} 条列入汇总批注）"
    if revisions:
        line += f"，{revisions} 处修订"
    if failed:
        line += f"；{failed} 个文件未能生成审阅稿"
    if skipped:
        line += f"；跳过 {skipped} 个非送审格式的文件"
    return line + "。"


__all__ = ["Job", "Outcome", "annotate_files", "check_outputs", "plan_outputs", "summary_line"]
