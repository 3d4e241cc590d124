"""Analyses of many files to the tables reviewers compare: per document, per department, coverage.

Shared by the HTML and Excel reports so both show the same figures.
"""

from __future__ import annotations

import csv
import os
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

from ..model import Analysis, Document, Finding

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


def section_name(label: str) -> str:
    for s in taxonomy_sections():
        if s["id"] == label:
            return str(s.get("zh", label))
    return label


def required_groups(doc_type: str | None) -> list[tuple[str, ...]]:
    """Required section labels for a doc type; members of one family count as one requirement."""
    groups: dict[str, list[str]] = {}
    for s in taxonomy_sections():
        if doc_type and doc_type in (s.get("required_for") or []):
            key = s.get("family") or s["id"]
            groups.setdefault(key, []).append(s["id"])
    # a family is required as soon as one member is; accept any member
    for s in taxonomy_sections():
        fam = s.get("family")
        if fam and fam in groups and s["id"] not in groups[fam]:
            groups[fam].append(s["id"])
    return [tuple(v) for v in groups.values()]


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
    missing: tuple[str, ...]  # required labels (first of each group) absent
    copied_share: float | None = None

    @property
    def title(self) -> str:
        return self.document.title or Path(self.path).name

    @property
    def doc_type_zh(self) -> str:
        return DOC_TYPE_ZH.get(self.document.doc_type or "", self.document.doc_type or "未识别")

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
        required = {lab for d in self.docs for g in required_groups(d.document.doc_type) for lab in g[:1]}
        return [s["id"] for s in taxonomy_sections() if s["id"] in seen | required]


# ------------------------------------------------------------------ departments


def departments_by_folder(paths: Iterable[str], roots: Sequence[str | os.PathLike[str]] = ()) -> dict[str, str]:
    """Department of each file: its first folder below the given root, else its parent folder's name."""
    out: dict[str, str] = {}
    root_paths = [Path(r).resolve() for r in roots if Path(r).is_dir()]
    for p in paths:
        rp = Path(p).resolve()
        dept = rp.parent.name or "（未分组）"
        for root in root_paths:
            try:
                rel = rp.relative_to(root)
            except ValueError:
                continue
            dept = rel.parts[0] if len(rel.parts) > 1 else root.name
            break
        out[p] = dept
    return out


def read_manifest(path: str | os.PathLike[str]) -> dict[str, dict[str, str]]:
    """Rows of a manifest CSV keyed by file (as written, and by base name): department, year.

    Column names may be English (file, department, year) or Chinese (文件, 部门, 年份).
    """
    aliases = {"文件": "file", "部门": "department", "单位": "department", "年份": "year", "年度": "year"}
    rows: dict[str, dict[str, str]] = {}
    with open(path, encoding="utf-8-sig", newline="") as fh:
        for raw in csv.DictReader(fh):
            row = {aliases.get(k.strip(), k.strip()): (v or "").strip() for k, v in raw.items() if k}
            name = row.get("file", "")
            if name:
                rows[name] = row
                rows.setdefault(Path(name).name, row)
    return rows


def departments_from_manifest(paths: Iterable[str], manifest: dict[str, dict[str, str]]) -> dict[str, str]:
    out = {}
    for p in paths:
        row = manifest.get(p) or manifest.get(Path(p).name)
        out[p] = row.get("department", "") if row else ""
        out[p] = out[p] or "（未登记）"
    return out


# ------------------------------------------------------------------ summary


def _present_labels(doc: Document) -> frozenset[str]:
    return frozenset(label for s in doc.all_sections() for label in s.labels)


def _missing(doc: Document, labels: frozenset[str]) -> tuple[str, ...]:
    return tuple(g[0] for g in required_groups(doc.doc_type) if not labels.intersection(g))


def summarise(
    analyses: Sequence[Analysis],
    departments: dict[str, str] | None = None,
    years: dict[str, int | None] | None = None,
    links: Sequence[CopyLink] = (),
    copied_share: dict[str, float] | None = None,
) -> Summary:
    """Build the comparison tables from finished analyses (files in the given order)."""
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
            row = DocRow(
                key=key,
                path=path,
                department=dept,
                year=years.get(path) or doc.year,
                index=j - 1,
                document=doc,
                labels=labels,
                missing=_missing(doc, labels),
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
