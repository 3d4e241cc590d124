"""Word comments (批注) for findings: their Chinese text, and where they go in a submitted .docx.

A comment begins with the rule's Chinese name (its id follows in brackets), then the place
(section, 第N页/第N段), the problem and the suggested fix. A finding that cannot be anchored on
its text becomes an entry (a paragraph beginning with :data:`ENTRY_MARK`) of the one summary
comment at the top, so every finding reaches the department exactly once.
"""

from __future__ import annotations

import copy
import re
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from ..locate import describe
from ..model import Analysis, Document, Finding
from .summary import SEVERITY_ZH, finding_section_name

ENTRY_MARK = "◆"  # each entry of the summary comment starts with it (one finding each)
SUMMARY_HEAD = "审阅意见汇总"


@dataclass(frozen=True)
class Placed:
    """Where one comment went: the paragraph text it is anchored on and the quoted text."""

    finding: Finding
    paragraph_text: str
    anchored_text: str


@lru_cache(maxsize=1)
def _rule_names() -> dict[str, str]:
    from ..check.knowledge import catalogue

    return {rule_id: info.name or info.zh for rule_id, info in catalogue().items()}


def rule_name(rule: str) -> str:
    """The rule's Chinese name (缺少必备章节); a rule outside the catalogue is 其他问题."""
    return _rule_names().get(rule) or "其他问题"


_ASK = re.compile(r"[，；。,;]\s*((?:请|应|建议|宜|可)[^，；。]*(?:[，；][^，；。]*)*)[。]?$")


def split_fix(message: str) -> tuple[str, str]:
    """The message as (problem, fix): the closing "请核对…" clause is the fix, when there is one."""
    m = _ASK.search(message)
    if m is None or m.start() == 0:
        return message, ""
    return message[: m.start()], m.group(1)


def place_text(doc: Document, finding: Finding) -> str:
    """The place in words: section, then 第N页 / 第N段 / 第N行; 全文 when nothing narrower is known."""
    section = finding_section_name(doc, finding)
    where = describe(finding.location, section=False)
    if not section and finding.location is not None and finding.location.section_number:
        section = f"{finding.location.section_number}{finding.location.section_heading or ''}"
    parts = [p for p in (section, where) if p]
    return "，".join(parts) if parts else "全文"


def comment_lines(doc: Document, finding: Finding) -> list[str]:
    """The comment of one finding: name (id, severity), place, problem, fix."""
    problem, fix = split_fix(finding.message)
    if finding.fix is not None:
        texts = [f"“{edit.text}”" for edit in finding.fix.edits()]
        said = f"改为{texts[0]}" if len(texts) == 1 else f"依次改为{''.join(texts[:6])}{'等' if len(texts) > 6 else ''}"
        fix = said + (f"；{fix}" if fix else "")
    lines = [
        f"{rule_name(finding.rule)}（{finding.rule}，{SEVERITY_ZH.get(finding.severity, finding.severity)}）",
        f"位置：{place_text(doc, finding)}",
        f"问题：{problem}",
    ]
    if fix:
        lines.append(f"建议：{fix}")
    return lines


def comment_text(doc: Document, finding: Finding) -> str:
    return "\n".join(comment_lines(doc, finding))


def entry_text(doc: Document, finding: Finding) -> str:
    """One entry of the summary comment (a single paragraph)."""
    head, *rest = comment_lines(doc, finding)
    return f"{ENTRY_MARK}{head}｜" + "｜".join(rest)


def summary_text(
    analysis: Analysis, listed: Sequence[tuple[Document, Finding]], *, placed: int = 0, revisions: int = 0
) -> str:
    """The summary comment: counts, the rules in Chinese, then one entry per finding without a comment."""
    findings = [f for d in analysis.documents for f in d.findings]
    counts = Counter(f.severity for f in findings)
    lines = [
        f"{SUMMARY_HEAD}（cxzy）：共 {len(findings)} 条问题（错误 {counts['error']}、警告 {counts['warn']}、"
        f"提示 {counts['info']}），{placed} 条以批注标在原文相应位置，{len(listed)} 条列在下面。"
    ]
    if not findings:
        lines[0] = f"{SUMMARY_HEAD}（cxzy）：未发现问题。"
    rules = Counter(rule_name(f.rule) for f in findings)
    if rules:
        lines.append("问题分布：" + "、".join(f"{r}×{n}" for r, n in rules.most_common()))
    if revisions:
        lines.append(f"另有 {revisions} 处确定无误的文字更正以修订（修订模式）标出，可逐条或一次全部接受。")
    several = len(analysis.documents) > 1
    current: Document | None = None
    for doc, finding in listed:
        if several and doc is not current:
            lines.append(f"《{doc.title or '未命名文档'}》：")
            current = doc
        lines.append(entry_text(doc, finding))
    for problem in analysis.problems:
        lines.append(f"读取提示：{problem.message}")
    return "\n".join(lines)


# ------------------------------------------------------------------ paragraphs of a .docx


def _shown_text(el: Any) -> str:
    """Text Word shows in a paragraph or cell: tracked insertions in, deletions and text boxes out."""
    return "".join(el.xpath(".//w:t[not(ancestor::w:txbxContent)]/text()"))


def counted_paragraphs(document: Any) -> list[list[Any]]:
    """The paragraphs a :class:`~cxzy_nlp.model.Location` counts, each as its list of python-docx paragraphs.

    Item ``n - 1`` is paragraph ``n``: a non-empty body paragraph, or a non-empty table cell
    (all its paragraphs, nested tables included), in document order; content controls are
    looked through; headers, footers and text boxes are not part of the body. The paragraphs
    of a text box follow those of the paragraph anchoring it (the reader gives them its number).
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

    def boxed(p: Any, parent: Any) -> list[Any]:
        return [Paragraph(x, parent) for x in p.xpath(".//w:txbxContent//w:p[not(.//w:txbxContent)]")]

    units: list[list[Any]] = []
    parent = document._body
    for el in children(document.element.body, (p_tag, tbl_tag)):
        if el.tag == p_tag:
            if _shown_text(el).strip():
                units.append([Paragraph(el, parent), *boxed(el, parent)])
            elif units:
                units[-1].extend(boxed(el, parent))
            continue
        table = Table(el, parent)
        for tr in children(el, (tr_tag,)):
            for tc in children(tr, (tc_tag,)):
                if _shown_text(tc).strip():
                    units.append([Paragraph(p, _Cell(tc, table)) for p in tc.iter(p_tag)])
    return units


def iter_paragraphs(document: Any) -> Iterator[Any]:
    """Body paragraphs in reading order, table cells and text boxes included (each merged cell once)."""
    for unit in counted_paragraphs(document):
        yield from unit


# ------------------------------------------------------------------ runs


def shown_runs(paragraph: Any) -> list[Any]:
    """The runs of a paragraph a reader sees, hyperlinks and fields included, deletions and text boxes out."""
    from docx.text.run import Run

    p = paragraph._p
    return [
        Run(r, paragraph)
        for r in p.xpath(
            "./w:r | ./w:hyperlink/w:r | ./w:ins/w:r | ./w:smartTag/w:r | ./w:fldSimple/w:r"
            " | ./w:sdt/w:sdtContent/w:r | ./w:customXml/w:r"
        )
    ]


def paragraph_text(paragraph: Any) -> str:
    return "".join(r.text for r in shown_runs(paragraph))


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
    """The paragraph's runs covering characters ``start:end`` of its shown text, split to fit."""
    runs = shown_runs(paragraph)
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


# ------------------------------------------------------------------ anchoring


def needle(analysis: Analysis, finding: Finding) -> str:
    """The text to look for in the located paragraph: the span's first line, else the evidence's."""
    from ..normalise import normalise_text

    raw = analysis.text[finding.span[0] : finding.span[1]] if finding.span else ""
    raw = raw.strip() or (finding.evidence or "")
    first = raw.strip().split("\n")[0].split("\t")[0]
    return normalise_text(first)[:60]


def find_in(unit: Sequence[Any], wanted: str) -> tuple[Any, int] | None:
    """(paragraph, offset in its text) of ``wanted`` in the paragraphs of one counted unit.

    A rendered list label ("一、", "（二）") is part of the extracted text but not of the
    paragraph's own text, so a few leading characters may be dropped from ``wanted``.
    """
    from ..normalise import normalise_text

    for cut in range(0, min(6, max(0, len(wanted) - 2)) + 1):
        part = wanted[cut:]
        for para in unit:
            text = paragraph_text(para)
            at = text.find(part)
            if at >= 0:
                return para, at
            if part in normalise_text(text):
                return para, -1  # found only after normalisation: anchor on the paragraph
    return None


def anchor_runs(units: list[list[Any]], analysis: Analysis, finding: Finding) -> tuple[Any, list[Any]] | None:
    """The paragraph and runs to comment for ``finding``: those of its location's paragraph.

    When the words are not found there, the paragraph of the location is commented as a whole;
    None when the finding has no span or its location names no paragraph of the file.
    """
    location = finding.location
    if finding.span is None or location is None or location.paragraph is None:
        return None
    if not 1 <= location.paragraph <= len(units):
        return None
    unit = units[location.paragraph - 1]
    wanted = needle(analysis, finding)
    hit = find_in(unit, wanted) if wanted else None
    if hit is None:  # the place is known even when the words differ: comment the whole paragraph
        para = next((p for p in unit if shown_runs(p)), None)
        return (para, shown_runs(para)) if para is not None else None
    para, at = hit
    runs = runs_for_range(para, at, at + len(wanted)) if at >= 0 else shown_runs(para)
    return (para, runs) if runs else None


__all__ = [
    "ENTRY_MARK",
    "Placed",
    "anchor_runs",
    "comment_text",
    "counted_paragraphs",
    "entry_text",
    "iter_paragraphs",
    "rule_name",
    "runs_for_range",
    "summary_text",
]
