"""Analyses of many files to the tables reviewers compare: per document, per department, coverage.

Shared by the HTML and Excel reports so both show the same figures.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..model import Analysis, Document, Finding

if TYPE_CHECKING:
    from ..corpus.board import Board

DOC_TYPE_ZH = {
    "implementation_plan": "实施方案",
    "work_plan": "工作方案",
    "activity_plan": "活动方案",
    "work_schedule": "工作计划",
    "work_summary": "工作总结",
    "notice": "通知",
    "opinion": "意见",
    "report": "报告",
    "other": "其他",
}
SEVERITY_ZH = {"error": "错误", "warn": "警告", "info": "提示"}


@lru_cache(maxsize=1)
def taxonomy_sections() -> tuple[dict[str, Any], ...]:
    """Section types of the package taxonomy (id, zh, required_for, family), in taxonomy order."""
    import yaml

    text = resources.files("cxzy_nlp").joinpath("data/taxonomy.yaml").read_text(encoding="utf-8")
    data = yaml.safe_load(text) or {}
    sections = data.get("sections", [])
    if isinstance(sections, dict):  # tolerate a mapping id -> spec
        sections = [{"id": k, **(v or {})} for k, v in sections.items()]
    return tuple(s for s in sections if isinstance(s, dict) and "id" in s)


@lru_cache(maxsize=1)
def _doc_type_names() -> dict[str, str]:
    """Chinese name of every document type of the package taxonomy (falling back on DOC_TYPE_ZH)."""
    import yaml

    text = resources.files("cxzy_nlp").joinpath("data/taxonomy.yaml").read_text(encoding="utf-8")
    types = (yaml.safe_load(text) or {}).get("doc_types") or {}
    named = {str(k): str(v["zh"]) for k, v in types.items() if isinstance(v, dict) and v.get("zh")}
    return {**DOC_TYPE_ZH, **named}


def doc_type_name(doc_type: str | None) -> str:
    """The document type's Chinese name (未识别 when there is none)."""
    return _doc_type_names().get(doc_type or "", doc_type or "未识别")


def section_name(label: str) -> str:
    for s in taxonomy_sections():
        if s["id"] == label:
            return str(s.get("zh", label))
    return label


def missing_families(doc: Document, profile: str | None = None) -> tuple[tuple[str, str], ...]:
    """(family name, first label) of each required family the document's ``missing-section`` findings name.

    The families are those of the profile the check used (the one given, else the built-in one of
    the document's type), so the coverage matrix and the findings agree by construction.
    """
    from ..check import resolve_profile

    findings = [f for f in doc.findings if f.rule == "missing-section"]
    if not findings:
        return ()
    families = resolve_profile(profile, doc.doc_type, doc.title, doc.profile).required_sections
    by_length = sorted(families, key=lambda fam: -len(fam.name))
    out: list[tuple[str, str]] = []
    for finding in findings:
        family = next((fam for fam in by_length if f"“{fam.name}”" in finding.message), None)
        family = family or next((fam for fam in by_length if fam.name in finding.message), None)
        if family is not None and (family.name, family.labels[0]) not in out:
            out.append((family.name, family.labels[0]))
    return tuple(out)


@dataclass(frozen=True)
class DocRow:
    """One document of one file, as a row of the comparison."""

    key: str  # anchor id in the HTML report, e.g. "d3-1"
    path: str
    department: str
    year: int | None
    index: int  # document index inside its file
    document: Document
    labels: frozenset[str]
    missing: tuple[str, ...]  # first label of each required family a missing-section finding names
    missing_names: tuple[str, ...] = ()  # those families' names, in the same order
    copied_share: float | None = None

    @property
    def title(self) -> str:
        return self.document.title or Path(self.path).name

    @property
    def doc_type_zh(self) -> str:
        return doc_type_name(self.document.doc_type)

    @property
    def measurable_goals(self) -> int:
        return sum(1 for g in self.document.goals if g.measurable)

    @property
    def budget_total(self) -> float | None:
        return self.document.budget.total if self.document.budget else None

    def findings_by_severity(self) -> Counter[str]:
        return Counter(f.severity for f in self.document.findings)


@dataclass(frozen=True)
class FileRow:
    path: str
    department: str
    analysis: Analysis


@dataclass
class DepartmentRow:
    department: str
    files: int = 0
    failed: int = 0
    documents: int = 0
    doc_types: Counter[str] = field(default_factory=Counter)
    goals: int = 0
    measurable: int = 0
    activities: int = 0
    budget: float = 0.0
    findings: Counter[str] = field(default_factory=Counter)
    rules: Counter[str] = field(default_factory=Counter)
    copied: list[float] = field(default_factory=list)

    @property
    def copied_share(self) -> float | None:
        return max(self.copied) if self.copied else None


@dataclass(frozen=True)
class CopyLink:
    """Text shared between two documents (from the copy detector), for the copying view."""

    a: str  # DocRow.key
    b: str
    share: float  # share of a's text found in b
    passages: tuple[tuple[tuple[int, int], tuple[int, int], str, str], ...] = ()  # (span_a, span_b, text_a, text_b)
    boilerplate: bool = False


@dataclass(frozen=True)
class Summary:
    files: tuple[FileRow, ...]
    docs: tuple[DocRow, ...]
    departments: tuple[DepartmentRow, ...]
    links: tuple[CopyLink, ...] = ()
    board: Board | None = None  # the submission board (cxzy_nlp.corpus.board), set by report_summary

    def doc(self, key: str) -> DocRow | None:
        for d in self.docs:
            if d.key == key:
                return d
        return None

    def analysis_of(self, row: DocRow) -> Analysis:
        for f in self.files:
            if f.path == row.path:
                return f.analysis
        raise KeyError(row.path)

    @property
    def labels(self) -> list[str]:
        """Columns of the coverage matrix: taxonomy order, only labels that are required or seen."""
        seen = set().union(*(d.labels for d in self.docs)) if self.docs else set()
        missing = {lab for d in self.docs for lab in d.missing}
        known = [str(s["id"]) for s in taxonomy_sections()]
        return [lab for lab in known if lab in seen | missing] + sorted(missing - set(known))


# ------------------------------------------------------------------ summary


def _present_labels(doc: Document) -> frozenset[str]:
    return frozenset(label for s in doc.all_sections() for label in s.labels)


def summarise(
    analyses: Sequence[Analysis],
    departments: dict[str, str] | None = None,
    years: dict[str, int | None] | None = None,
    links: Sequence[CopyLink] = (),
    copied_share: dict[str, float] | None = None,
    profile: str | None = None,
) -> Summary:
    """Build the comparison tables from finished analyses (files in the given order).

    ``departments`` and ``years`` map a file path to its owner; ``profile`` is the one the check used.
    """
    departments = departments or {}
    years = years or {}
    copied_share = copied_share or {}
    files: list[FileRow] = []
    docs: list[DocRow] = []
    depts: dict[str, DepartmentRow] = {}
    for i, analysis in enumerate(analyses, start=1):
        path = analysis.source.path
        dept = departments.get(path) or "（未分组）"
        files.append(FileRow(path=path, department=dept, analysis=analysis))
        drow = depts.setdefault(dept, DepartmentRow(department=dept))
        drow.files += 1
        if analysis.errors:
            drow.failed += 1
        for j, doc in enumerate(analysis.documents, start=1):
            key = f"d{i}-{j}"
            labels = _present_labels(doc)
            share = copied_share.get(key)
            missing = missing_families(doc, profile)
            row = DocRow(
                key=key,
                path=path,
                department=dept,
                year=years.get(path) or doc.year,
                index=j - 1,
                document=doc,
                labels=labels,
                missing=tuple(label for _, label in missing),
                missing_names=tuple(name for name, _ in missing),
                copied_share=share,
            )
            docs.append(row)
            drow.documents += 1
            drow.doc_types[row.doc_type_zh] += 1
            drow.goals += len(doc.goals)
            drow.measurable += row.measurable_goals
            drow.activities += len(doc.activities)
            drow.budget += row.budget_total or 0.0
            drow.findings.update(f.severity for f in doc.findings)
            drow.rules.update(f.rule for f in doc.findings)
            if share is not None:
                drow.copied.append(share)
    return Summary(
        files=tuple(files),
        docs=tuple(docs),
        departments=tuple(sorted(depts.values(), key=lambda d: d.department)),
        links=tuple(links),
    )


def finding_section_name(doc: Document, finding: Finding) -> str:
    if finding.section:
        s = doc.section_by_id(finding.section)
        if s is not None:
            return f"{s.number}{s.heading}"
    return ""


def format_money(amount: float | None) -> str:
    if amount is None:
        return ""
    if amount >= 10000 and amount % 100 == 0:
        return f"{amount / 10000:g}万元"
    return f"{amount:,.0f}元"
