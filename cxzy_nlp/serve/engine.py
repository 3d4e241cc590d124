"""The workbench's one door into the library: every call into the pipeline, batch, reports and copy detector.

Keeping them here lets the rest of :mod:`cxzy_nlp.serve` stay the same when those modules move.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any

from ..config import Config
from ..model import Analysis, Document

# the formats the readers take, as file suffixes (the upload form and folder scan accept these)
from ..read import SUPPORTED_SUFFIXES  # noqa: F401  (re-exported for the workbench)


def iter_inputs(folder: str | os.PathLike[str]) -> Iterator[str]:
    """Readable files under a folder, sorted, each once."""
    from ..corpus.batch import iter_inputs as _iter

    return (p for p in _iter([folder]) if not p.skip)  # files outside the folder suffixes are not listed


_warm = threading.Lock()
_warmed = False


def warm_up() -> None:
    """Load the pipeline's modules, dictionaries and models once in this process.

    The batch forks its workers from here, so every later worker starts with them loaded
    instead of loading them again for each upload.
    """
    global _warmed
    with _warm:
        if not _warmed:
            from ..pipeline import analyse_text

            analyse_text(
                "工作方案\n一、工作目标\n到2024年底完成3项任务。\n二、实施步骤\n1.准备阶段（1月）。", "warm-up.txt"
            )
            _warmed = True


def analyse_paths(paths: Sequence[str], config: Config) -> Iterator[Analysis]:
    """Analyse files in worker processes under the batch's time and memory limits (as they finish)."""
    from ..corpus.batch import run_batch

    return run_batch(list(paths), config, stages="check")


def analysis_record(analysis: Analysis) -> dict[str, Any]:
    """The output contract's JSON record of one file."""
    from ..jsonio import analysis_to_dict

    return analysis_to_dict(analysis)


def highlighted_html(analysis: Analysis, doc: Document, key: str, copied: Sequence[tuple[int, int]] = ()) -> str:
    """The document's text as escaped HTML with sections, goals, activities, findings and copies marked."""
    from ..report.html import highlighted_text

    return highlighted_text(analysis.text, doc, key, copied)


def section_name(label: str) -> str:
    from ..report.summary import section_name as _name

    return _name(label)


def finding_place(doc: Document, finding: Any) -> str:
    from ..report.summary import finding_section_name

    return finding_section_name(doc, finding)


def rule_names() -> dict[str, str]:
    """The catalogue's Chinese description of each rule id."""
    from ..check.knowledge import catalogue

    return {rule_id: info.zh for rule_id, info in catalogue().items()}


def read_manifest(path: str | os.PathLike[str]) -> dict[str, dict[str, str]]:
    from ..corpus.owners import read_manifest as _read

    manifest = _read(path)  # the one manifest rule of the corpus layer
    base = Path(path).resolve().parent
    rows: dict[str, dict[str, str]] = {}
    for full, owner in manifest.by_path.items():
        rel = os.path.relpath(full, base)
        row = {"file": rel, "department": owner.department or "", "year": str(owner.year or "")}
        rows[rel] = row
        rows.setdefault(Path(full).name, row)
    return rows


def _keys(analyses: Sequence[Analysis]) -> dict[tuple[str, int], str]:
    return {(a.source.path, j): f"d{i}-{j + 1}" for i, a in enumerate(analyses, 1) for j in range(len(a.documents))}


def copy_links(analyses: Sequence[Analysis]) -> tuple[list[Any], dict[str, float]]:
    """Text shared between the documents (the copy detector), keyed as :func:`summarise` keys its rows."""
    from ..corpus.report import report_links

    return report_links(analyses, _keys(analyses))


def summarise(
    analyses: Sequence[Analysis], departments: Mapping[str, str], copies: tuple[list[Any], dict[str, float]]
) -> Any:
    """The comparison tables (coverage, findings by rule, copy links); rows keyed ``d<file>-<document>``."""
    from ..report.summary import summarise as _summarise

    links, shares = copies
    return _summarise(analyses, dict(departments), {}, links, shares)


def write_annotated(source: str | os.PathLike[str], analysis: Analysis, out: str | os.PathLike[str]) -> Path:
    """The reviewed Word copy (a comment per finding) of one file."""
    from ..report.annotate import annotate

    target, _analysis, _placed = annotate(source, out, analysis=analysis)
    return target


def submission_board(files: Sequence[tuple[Analysis, str]], listed: Sequence[tuple[str | None, str]]) -> Any:
    """The submission board (:mod:`cxzy_nlp.corpus.board`) of the checked files against the manifest rows."""
    from ..corpus.board import submission_board as _board

    return _board(files, listed)


def write_feedback_pack(
    department: str,
    files: Sequence[tuple[str, Path, Analysis]],
    out: str | os.PathLike[str],
    *,
    reviewer: str = "",
    missing: Sequence[str] = (),
) -> None:
    """One department's feedback pack (审阅意见单 + annotated copies) as a zip: (shown name, stored file, analysis)."""
    from ..corpus.feedback import Submission, write_department_pack

    submissions = [Submission(name, stored, analysis) for name, stored, analysis in files]
    write_department_pack(out, department, submissions, reviewer=reviewer, missing=missing)


def timeline_svg(summary: Any) -> str:
    """Plan periods on one time axis (an inline SVG with every text escaped)."""
    from ..report.html import svg_timeline

    return svg_timeline(list(summary.docs))


def write_workbook(summary: Any, out: str | os.PathLike[str]) -> None:
    from ..report.xlsx import write_xlsx

    write_xlsx(summary, out)


def render_report(summary: Any, title: str) -> str:
    from ..report.html import render_html

    return render_html(summary, title)


def severity_names() -> dict[str, str]:
    from ..report.summary import SEVERITY_ZH

    return dict(SEVERITY_ZH)


def doc_type_name(doc_type: str | None) -> str:
    from ..report.summary import DOC_TYPE_ZH

    return DOC_TYPE_ZH.get(doc_type or "", doc_type or "未识别")
