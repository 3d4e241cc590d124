"""A reviewed Word copy: each finding becomes a Word comment (批注) anchored at its text.

For a .docx input the submitted file is kept as it is (runs are split at finding boundaries,
never rewritten) and comments are added; for other formats a .docx is built from the
extracted text with the same comments.
"""

from __future__ import annotations

import copy
import itertools
import os
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..model import Analysis, Document, Finding
from .summary import SEVERITY_ZH, finding_section_name

AUTHOR = "cxzy"
INITIALS = "CX"


@dataclass(frozen=True)
class Placed:
    """Where one comment went: the paragraph text it is anchored on and the quoted text."""

    finding: Finding
    paragraph_text: str
    anchored_text: str


def comment_text(doc: Document, finding: Finding) -> str:
    where = finding_section_name(doc, finding)
    head = f"【{SEVERITY_ZH.get(finding.severity, finding.severity)}·{finding.rule}】"
    return head + finding.message + (f"（位置：{where}）" if where and where not in finding.message else "")


def summary_text(analysis: Analysis) -> str:
    findings = [f for d in analysis.documents for f in d.findings]
    counts = Counter(f.severity for f in findings)
    lines = [
        f"cxzy 审阅意见：共 {len(findings)} 条（错误 {counts['error']}、警告 {counts['warn']}、提示 {counts['info']}）。"
    ]
    for doc in analysis.documents:
        if len(analysis.documents) > 1:
            lines.append(f"《{doc.title or '未命名文档'}》：")
        for f in doc.findings:
            if f.span is None:  # findings about the whole document (e.g. a missing section) are listed here
                lines.append(f"· {comment_text(doc, f)}")
    rules = Counter(f.rule for f in findings)
    if rules:
        lines.append("问题分布：" + "、".join(f"{r}×{n}" for r, n in rules.most_common()))
    if analysis.errors:
        lines.extend(f"读取问题：[{e['code']}] {e['message']}" for e in analysis.errors)
    return "\n".join(lines)


# ------------------------------------------------------------------ run surgery


def _split_run(run: Any, offset: int) -> Any:
    """Split a run at ``offset`` characters; returns the new right-hand run (same formatting)."""
    from docx.text.run import Run

    text = run.text
    right_el = copy.deepcopy(run._r)
    run._r.addnext(right_el)
    right = Run(right_el, run._parent)
    run.text = text[:offset]
    right.text = text[offset:]
    return right


def _simple_run(run: Any) -> bool:
    """A run whose children are only properties and text (safe to split and re-set)."""
    from docx.oxml.ns import qn

    return all(child.tag in (qn("w:rPr"), qn("w:t")) for child in run._r)


def runs_for_range(paragraph: Any, start: int, end: int) -> list[Any]:
    """The paragraph's runs covering characters ``start:end`` of ``paragraph.text``, split to fit."""
    runs = list(paragraph.runs)
    if not runs or "".join(r.text for r in runs) != paragraph.text:
        return runs  # hyperlinks or fields inside: anchor on the whole paragraph
    pos = 0
    chosen: list[Any] = []
    for run in runs:
        r_start, r_end = pos, pos + len(run.text)
        pos = r_end
        if r_end <= start or r_start >= end or r_start == r_end:
            continue
        if not _simple_run(run):
            chosen.append(run)
            continue
        if r_start < start:
            run = _split_run(run, start - r_start)
            r_start = start
        if r_end > end:
            _split_run(run, end - r_start)
        chosen.append(run)
    return chosen or runs


def iter_paragraphs(document: Any) -> Iterator[Any]:
    """Body paragraphs in reading order, table cells included (each merged cell once)."""
    for unit in counted_paragraphs(document):
        yield from unit


def _shown_text(el: Any) -> str:
    """Text Word shows in a paragraph or cell: tracked insertions in, deletions and text boxes out."""
    return "".join(el.xpath(".//w:t[not(ancestor::w:txbxContent)]/text()"))


def counted_paragraphs(document: Any) -> list[list[Any]]:
    """The paragraphs a :class:`~cxzy_nlp.model.Location` counts, each as its list of python-docx paragraphs.

    Item ``n - 1`` is paragraph ``n``: a non-empty body paragraph, or a non-empty table cell
    (all its paragraphs, nested tables included), in document order; content controls are
    looked through; headers, footers and text boxes are not part of the body.
    """
    from docx.oxml.ns import qn
    from docx.table import Table, _Cell
    from docx.text.paragraph import Paragraph

    p_tag, tbl_tag, tr_tag, tc_tag = qn("w:p"), qn("w:tbl"), qn("w:tr"), qn("w:tc")
    wrappers = (qn("w:sdt"), qn("w:sdtContent"), qn("w:customXml"))

    def children(el: Any, tags: tuple[str, ...]) -> Iterator[Any]:
        for child in el:
            if child.tag in tags:
                yield child
            elif child.tag in wrappers:
                yield from children(child, tags)

    def cell_paragraphs(tc: Any, parent: Any) -> list[Any]:
        return [Paragraph(p, parent) for p in tc.iter(p_tag)]

    units: list[list[Any]] = []
    parent = document._body
    for el in children(document.element.body, (p_tag, tbl_tag)):
        if el.tag == p_tag:
            if _shown_text(el).strip():
                units.append([Paragraph(el, parent)])
            continue
        table = Table(el, parent)
        for tr in children(el, (tr_tag,)):
            for tc in children(tr, (tc_tag,)):
                if _shown_text(tc).strip():
                    units.append(cell_paragraphs(tc, _Cell(tc, table)))
    return units


# ------------------------------------------------------------------ anchoring


def _needle(analysis: Analysis, finding: Finding) -> str:
    """The text to look for in the located paragraph: the span's first line, else the evidence's."""
    from ..normalise import normalise_text

    raw = analysis.text[finding.span[0] : finding.span[1]] if finding.span else ""
    raw = raw.strip() or (finding.evidence or "")
    first = raw.strip().split("\n")[0].split("\t")[0]
    return normalise_text(first)[:60]


def _find_in(unit: list[Any], needle: str) -> tuple[Any, int] | None:
    """(paragraph, offset in its text) of ``needle`` in the paragraphs of one counted unit.

    A rendered list label ("一、", "（二）") is part of the extracted text but not of the
    paragraph's own text, so a few leading characters may be dropped from ``needle``.
    """
    from ..normalise import normalise_text

    for cut in range(0, min(6, max(0, len(needle) - 2)) + 1):
        part = needle[cut:]
        for para in unit:
            at = para.text.find(part)
            if at >= 0:
                return para, at
            if part in normalise_text(para.text):
                return para, -1  # found only after normalisation: anchor on the paragraph
    return None


def anchor_runs(units: list[list[Any]], analysis: Analysis, finding: Finding) -> tuple[Any, list[Any]] | None:
    """The paragraph and runs to comment for ``finding``: those of its location's paragraph."""
    location = finding.location
    if location is None or location.paragraph is None or not 1 <= location.paragraph <= len(units):
        return None
    unit = units[location.paragraph - 1]
    needle = _needle(analysis, finding)
    hit = _find_in(unit, needle) if needle else None
    if hit is None:  # the place is known even when the words differ: comment the whole paragraph
        para = next((p for p in unit if p.runs), None)
        return (para, list(para.runs)) if para is not None else None
    para, at = hit
    runs = runs_for_range(para, at, at + len(needle)) if at >= 0 else list(para.runs)
    return (para, runs) if runs else None


def _located(analysis: Analysis) -> tuple[Document, ...]:
    """The documents, locating findings made without a location (by hand, across files) through the map."""
    from dataclasses import replace

    from ..locate import analysis_located, places_of

    if not analysis.places and analysis.normal is not None:
        analysis = replace(analysis, places=places_of(analysis.normal, analysis.source.format))
    return analysis_located(analysis).documents


def annotate_docx(source: str | os.PathLike[str], analysis: Analysis, out: str | os.PathLike[str]) -> list[Placed]:
    """Add one comment per finding to a copy of the submitted .docx, plus a summary comment at the start.

    Each comment goes to the paragraph its finding's location names (the paragraph numbering of
    :mod:`cxzy_nlp.locate`); the text is not searched for elsewhere.
    """
    import docx

    document = docx.Document(os.fspath(source))
    units = counted_paragraphs(document)
    placed: list[Placed] = []
    for doc in _located(analysis):
        for finding in doc.findings:
            if finding.span is None:
                continue
            anchor = anchor_runs(units, analysis, finding)
            if anchor is None:
                continue
            para, runs = anchor
            document.add_comment(runs, text=comment_text(doc, finding), author=AUTHOR, initials=INITIALS)
            placed.append(Placed(finding, para.text, "".join(r.text for r in runs)))
    first = next((p for unit in units for p in unit if p.runs and p.text.strip()), None)
    if first is not None:
        document.add_comment(list(first.runs), text=summary_text(analysis), author=AUTHOR, initials=INITIALS)
    Path(out).parent.mkdir(parents=True, exist_ok=True)
    document.save(os.fspath(out))
    return placed


def annotate_text(analysis: Analysis, out: str | os.PathLike[str]) -> list[Placed]:
    """Build a .docx from the extracted text (one paragraph per source block) with the comments."""
    import docx

    normal = analysis.normal
    document = docx.Document()
    blocks = [(bs.start, bs.end) for bs in normal.blocks] if normal else [(0, len(analysis.text))]
    anchored = [(doc, f) for doc in analysis.documents for f in doc.findings if f.span]
    placed: list[Placed] = []
    summary_run = None
    for b_start, b_end in blocks:
        text = analysis.text[b_start:b_end]
        here = [(doc, f) for doc, f in anchored if f.span and b_start <= f.span[0] < b_end]
        cuts = sorted(
            {
                0,
                len(text),
                *(max(0, f.span[0] - b_start) for _, f in here if f.span),
                *(min(len(text), f.span[1] - b_start) for _, f in here if f.span),
            }
        )
        para = document.add_paragraph()
        runs = {}
        for a, b in itertools.pairwise(cuts):
            runs[a] = para.add_run(text[a:b])
        if summary_run is None and runs:
            summary_run = next(iter(runs.values()))
        for doc, f in here:
            assert f.span is not None
            s, e = f.span[0] - b_start, min(len(text), f.span[1] - b_start)
            chosen = [r for a, r in runs.items() if s <= a < e] or list(runs.values())
            document.add_comment(chosen, text=comment_text(doc, f), author=AUTHOR, initials=INITIALS)
            placed.append(Placed(f, text, "".join(r.text for r in chosen)))
    if summary_run is not None:
        document.add_comment([summary_run], text=summary_text(analysis), author=AUTHOR, initials=INITIALS)
    Path(out).parent.mkdir(parents=True, exist_ok=True)
    document.save(os.fspath(out))
    return placed


def annotate(
    path: str | os.PathLike[str],
    out: str | os.PathLike[str] | None = None,
    *,
    profile: str | None = None,
    analysis: Analysis | None = None,
) -> tuple[Path, Analysis, list[Placed]]:
    """Analyse ``path`` (unless given) and write the reviewed copy; returns (output path, analysis, placements)."""
    from ..pipeline import analyse

    analysis = analysis or analyse(path, profile=profile)
    target = Path(out) if out else default_output(path)
    if analysis.source.format == "docx" and not analysis.errors:
        placed = annotate_docx(path, analysis, target)
    else:
        placed = annotate_text(analysis, target)
    return target, analysis, placed


def default_output(path: str | os.PathLike[str]) -> Path:
    p = Path(path)
    return p.with_name(f"{p.stem}.审阅.docx")
