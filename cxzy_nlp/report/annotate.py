"""A reviewed Word copy: every finding reaches the department as a Word comment (批注) or a summary entry.

Library entry point (``cxzy annotate`` and ``cxzy feedback`` call it)::

    annotate_file(src, dst, analysis=None, *, author="cxzy", initials=None, fix=False,
                  force=False, profile=None) -> Annotated

- ``src``: the submitted file (a zip member as ``a.zip!folder/x.docx``); it is only read.
- ``dst``: the .docx to write; never ``src`` itself, an existing file only with ``force``.
- ``analysis``: the checked :class:`~cxzy_nlp.model.Analysis` of ``src`` (analysed now when None).
- ``author`` / ``initials``: the reviewer named on the comments and revisions.
- ``fix``: write the corrections the rules are certain of as tracked changes (修订).

A .docx is copied as it is and commented in place: each finding's comment goes on its text in
the paragraph its location names (numbered paragraphs, table cells and text boxes included).
Other formats get a 公文-styled copy built from the extracted text (:mod:`.docx_copy`). A finding
without a span, or whose paragraph cannot be found, is an entry of the one summary comment at
the top, so the copy holds exactly one comment or entry per finding.

Raises :class:`~cxzy_nlp.errors.ReadError` for an input that is missing, empty or unreadable and
:class:`~cxzy_nlp.errors.ConfigError` for an output that is the input or exists already; nothing
is written then. The copy is written to a temporary file beside ``dst`` and renamed into place.
"""

from __future__ import annotations

import io
import os
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from ..errors import ConfigError, ReadError
from ..model import Analysis, Document, Finding
from .docx_comments import (
    ENTRY_MARK,
    Placed,
    anchor_runs,
    comment_text,
    counted_paragraphs,
    iter_paragraphs,
    runs_for_range,
    shown_runs,
    summary_text,
)

AUTHOR = "cxzy"
INITIALS = "CX"
SUFFIX = ".审阅.docx"


@dataclass(frozen=True)
class Annotated:
    """What :func:`annotate_file` wrote: the copy, the analysis, the comments placed and the summary entries."""

    path: Path
    analysis: Analysis
    placed: tuple[Placed, ...] = ()
    listed: tuple[Finding, ...] = ()  # findings given as entries of the summary comment
    fixed: tuple[Finding, ...] = ()  # findings whose correction was written as a revision
    revisions: int = 0  # every revision written (fixes and punctuation)

    @property
    def reached(self) -> int:
        """Findings that reached the copy (a comment each, or a summary entry)."""
        return len(self.placed) + len(self.listed)


def initials_of(author: str) -> str:
    """Initials for Word's comment balloon: the first two characters of a Chinese name, else the capitals."""
    name = author.strip()
    if not name or name == AUTHOR:
        return INITIALS
    capitals = "".join(w[0] for w in name.split() if w[:1].isascii() and w[:1].isalpha()).upper()
    return capitals[:3] if capitals and name.isascii() else name[:2]


# ------------------------------------------------------------------ guards


def same_file(a: str | os.PathLike[str], b: str | os.PathLike[str]) -> bool:
    """Whether two paths name one file (links and ``..`` resolved); a missing path is compared by name."""
    try:
        return os.path.samefile(a, b)
    except OSError:
        return Path(a).resolve() == Path(b).resolve()


def _source_file(src: str | os.PathLike[str]) -> str:
    """The file on disk behind ``src`` (the archive of a zip member)."""
    from ..read.archive import split_member_path

    inside = split_member_path(src)
    return inside[0] if inside and not os.path.exists(src) else os.fspath(src)


def check_paths(src: str | os.PathLike[str], dst: str | os.PathLike[str], *, force: bool = False) -> None:
    """Refuse a missing input, an output that is the input, and an existing output unless ``force``."""
    source = _source_file(src)
    if not os.path.exists(source):
        raise ReadError(f"送审文件不存在：{src}", code="not-found")
    if os.path.isdir(source):
        raise ReadError(f"送审路径是一个文件夹，不是文件：{src}", code="not-regular-file")
    if same_file(source, dst) or Path(dst).resolve() == Path(source).resolve():
        raise ConfigError(f"输出文件不能与送审文件相同，否则会覆盖原件：{dst}", code="output-is-input")
    if os.path.isdir(dst):
        raise ConfigError(f"输出路径是一个文件夹，请给出 .docx 文件名：{dst}", code="output-is-folder")
    if os.path.exists(dst) and not force:
        raise ConfigError(f"输出文件已存在：{dst}（如需覆盖请加 --force）", code="output-exists")


def check_analysis(src: str | os.PathLike[str], analysis: Analysis) -> None:
    """A file that could not be read (or holds no text) gives no copy: a :class:`ReadError` instead."""
    if analysis.errors:
        err = analysis.errors[0]
        raise ReadError(f"无法生成审阅稿：{err.get('message', '')}", code=err.get("code", "corrupt"))
    if not analysis.text.strip():
        raise ReadError(f"无法生成审阅稿：{src} 中没有读出任何文字", code="no-text")


def _save(document: Any, dst: str | os.PathLike[str]) -> None:
    """Write to a temporary file beside ``dst`` and rename it into place (never a half-written copy)."""
    target = Path(dst)
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=".cxzy-", suffix=".docx", dir=target.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            document.save(fh)
        os.chmod(tmp, 0o666 & ~_umask())  # as an ordinary new file, not mkstemp's 0600
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


# ------------------------------------------------------------------ the two kinds of copy


def _located(analysis: Analysis) -> Analysis:
    """The analysis with findings made without a location (by hand, across files) located through the map."""
    from ..locate import analysis_located, places_of

    if not analysis.places and analysis.normal is not None:
        analysis = replace(analysis, places=places_of(analysis.normal, analysis.source.format))
    return analysis_located(analysis)


def _pairs(analysis: Analysis) -> list[tuple[Document, Finding]]:
    return [(doc, f) for doc in analysis.documents for f in doc.findings]


def _open_docx(src: str | os.PathLike[str]) -> Any:
    import docx

    from ..read.archive import split_member_path

    if split_member_path(src) and not os.path.exists(src):
        from ..read.archive import read_member

        data, _name = read_member(src)
        return docx.Document(io.BytesIO(data))
    with open(src, "rb") as fh:
        return docx.Document(io.BytesIO(fh.read()))


def _summarise(
    document: Any,
    first_runs: list[Any],
    analysis: Analysis,
    listed: list[tuple[Document, Finding]],
    *,
    placed: int,
    revisions: int,
    author: str,
    initials: str,
) -> None:
    if not first_runs:
        para = document.paragraphs[0] if document.paragraphs else document.add_paragraph()
        first_runs = [para.add_run("")]
    text = summary_text(analysis, listed, placed=placed, revisions=revisions)
    document.add_comment(first_runs, text=text, author=author, initials=initials)


def comment_docx(
    source: str | os.PathLike[str],
    analysis: Analysis,
    out: str | os.PathLike[str],
    *,
    author: str = AUTHOR,
    initials: str | None = None,
    fix: bool = False,
) -> Annotated:
    """Comment a copy of the submitted .docx in place: one comment per finding, a summary comment at the start."""
    from .docx_revise import Reviser, fix_docx, punctuation_docx

    analysis = _located(analysis)
    document = _open_docx(source)
    units = counted_paragraphs(document)
    initials = initials or initials_of(author)
    placed: list[Placed] = []
    listed: list[tuple[Document, Finding]] = []
    for doc, finding in _pairs(analysis):
        anchor = anchor_runs(units, analysis, finding)
        if anchor is None:
            listed.append((doc, finding))
            continue
        para, runs = anchor
        document.add_comment(runs, text=comment_text(doc, finding), author=author, initials=initials)
        placed.append(Placed(finding, para.text, "".join(r.text for r in runs)))
    fixed: list[Finding] = []
    revisions = 0
    if fix:
        reviser = Reviser(document, author)
        fixed = fix_docx(reviser, units, analysis, [f for _, f in _pairs(analysis)])
        punctuation_docx(reviser, list(iter_paragraphs(document)))
        revisions = reviser.count
    first = next((p for unit in units for p in unit if shown_runs(p)), None)
    _summarise(
        document,
        shown_runs(first) if first is not None else [],
        analysis,
        listed,
        placed=len(placed),
        revisions=revisions,
        author=author,
        initials=initials,
    )
    _save(document, out)
    return Annotated(Path(out), analysis, tuple(placed), tuple(f for _, f in listed), tuple(fixed), revisions)


def build_text_copy(
    analysis: Analysis,
    out: str | os.PathLike[str],
    *,
    author: str = AUTHOR,
    initials: str | None = None,
    fix: bool = False,
) -> Annotated:
    """Build a 公文-styled .docx from the extracted text, with one comment per finding on its text."""
    from .docx_copy import build_copy
    from .docx_revise import Reviser, fix_copy

    analysis = _located(analysis)
    pairs = _pairs(analysis)
    initials = initials or initials_of(author)
    cuts = {p for _, f in pairs if f.span for p in f.span}
    if fix:
        cuts |= {p for _, f in pairs if f.fix for edit in f.fix.edits() for p in edit.span}
    document, runs = build_copy(analysis, cuts)
    placed: list[Placed] = []
    listed: list[tuple[Document, Finding]] = []
    for doc, finding in pairs:
        chosen = _copy_runs(runs, finding)
        if not chosen:
            listed.append((doc, finding))
            continue
        document.add_comment([r.run for r in chosen], text=comment_text(doc, finding), author=author, initials=initials)
        placed.append(Placed(finding, chosen[0].paragraph.text, "".join(r.run.text for r in chosen)))
    fixed: list[Finding] = []
    revisions = 0
    if fix:
        reviser = Reviser(document, author)
        fixed = fix_copy(reviser, runs, [f for _, f in pairs])
        revisions = reviser.count
    _summarise(
        document,
        [runs[0].run] if runs else [],
        analysis,
        listed,
        placed=len(placed),
        revisions=revisions,
        author=author,
        initials=initials,
    )
    _save(document, out)
    return Annotated(Path(out), analysis, tuple(placed), tuple(f for _, f in listed), tuple(fixed), revisions)


def annotate_docx(source: str | os.PathLike[str], analysis: Analysis, out: str | os.PathLike[str]) -> list[Placed]:
    """The comments of :func:`comment_docx` (no guards: ``out`` is replaced)."""
    return list(comment_docx(source, analysis, out).placed)


def annotate_text(analysis: Analysis, out: str | os.PathLike[str]) -> list[Placed]:
    """The comments of :func:`build_text_copy` (no guards: ``out`` is replaced)."""
    return list(build_text_copy(analysis, out).placed)


def _copy_runs(runs: Sequence[Any], finding: Finding) -> list[Any]:
    """The runs of the copy a finding's comment covers: those of its span in the paragraph where it starts.

    A span starting between lines (on a line break) starts on the next line.
    """
    if finding.span is None:
        return []
    start, end = finding.span
    first = next((r for r in runs if r.end > start), None)
    if first is None:
        return []
    return [r for r in runs if r.paragraph is first.paragraph and r.start < max(end, first.end) and r.end > start] or [
        first
    ]


def annotate_file(
    src: str | os.PathLike[str],
    dst: str | os.PathLike[str] | None = None,
    analysis: Analysis | None = None,
    *,
    author: str = AUTHOR,
    initials: str | None = None,
    fix: bool = False,
    force: bool = False,
    profile: str | None = None,
) -> Annotated:
    """Write the reviewed Word copy of ``src`` to ``dst`` (default: beside it, ``名称.审阅.docx``)."""
    target = Path(dst) if dst is not None else default_output(src)
    check_paths(src, target, force=force)
    if analysis is None:
        from ..pipeline import analyse

        analysis = analyse(src, profile=profile)
    check_analysis(src, analysis)
    author = author.strip() or AUTHOR
    if analysis.source.format == "docx":
        return comment_docx(src, analysis, target, author=author, initials=initials, fix=fix)
    return build_text_copy(analysis, target, author=author, initials=initials, fix=fix)


def annotate(
    path: str | os.PathLike[str],
    out: str | os.PathLike[str] | None = None,
    *,
    profile: str | None = None,
    analysis: Analysis | None = None,
) -> tuple[Path, Analysis, list[Placed]]:
    """Analyse ``path`` (unless given) and write the reviewed copy, replacing an older copy; (output path, analysis, placements)."""
    done = annotate_file(path, out, analysis, profile=profile, force=True)
    return done.path, done.analysis, list(done.placed)


def default_output(path: str | os.PathLike[str]) -> Path:
    """``名称.审阅.docx`` beside the file (beside the archive for a zip member)."""
    from ..read.archive import split_member_path

    inside = split_member_path(path)
    if inside and not os.path.exists(path):
        archive, member = inside
        return Path(archive).parent / f"{Path(member).stem}{SUFFIX}"
    p = Path(path)
    return p.with_name(f"{p.stem}{SUFFIX}")


__all__ = [
    "AUTHOR",
    "ENTRY_MARK",
    "Annotated",
    "Placed",
    "annotate",
    "annotate_docx",
    "annotate_file",
    "annotate_text",
    "build_text_copy",
    "check_paths",
    "comment_docx",
    "comment_text",
    "counted_paragraphs",
    "default_output",
    "iter_paragraphs",
    "runs_for_range",
    "summary_text",
]
