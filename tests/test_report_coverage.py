"""The coverage matrix and the ``missing-section`` findings agree, document by document.

The ✗ cells come from the findings and the profile the check used, so on every file of examples/
and ../shared/realdocs the matrix (HTML and Excel) shows one ✗ per missing family the check reports,
named as the finding names it, and no other.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import REALDOCS, ROOT

from cxzy_nlp.model import Analysis, Document, Finding
from cxzy_nlp.report.html import render_html
from cxzy_nlp.report.summary import Summary, missing_families, summarise

EXAMPLES = ROOT / "examples"
QUOTED = re.compile(r"“([^”]+)”")


def _files(folder: Path) -> list[Path]:
    """Each submitted file once: a reference .txt beside a binary of the same name is left out."""
    if not folder.is_dir():
        return []
    files = sorted(
        p
        for p in folder.iterdir()
        if p.is_file() and p.suffix.lower() not in (".tsv", ".csv") and not p.name.startswith(("README", "MANIFEST"))
    )
    stems = {p.stem for p in files if p.suffix.lower() != ".txt"}
    return [p for p in files if not (p.suffix.lower() == ".txt" and p.stem in stems)]


def _cases() -> list[object]:
    cases: list[object] = [pytest.param(p, id=f"examples/{p.name}") for p in _files(EXAMPLES)]
    real = _files(REALDOCS)
    if real:
        cases += [pytest.param(p, id=f"realdocs/{p.name}") for p in real]
    else:
        cases.append(pytest.param(None, id="realdocs", marks=pytest.mark.skip(reason="../shared/realdocs is absent")))
    return cases


def _matrix_cells(summary: Summary) -> dict[str, list[str]]:
    """Per document row key, the family names in the titles of its ✗ cells of the HTML matrix."""
    page = render_html(summary, "覆盖")
    start = page.index("id='coverage-matrix'")
    matrix = page[start : page.index("</table>", start)]
    cells: dict[str, list[str]] = {}
    for key, row in re.findall(r"<tr data-doc='(d\d+-\d+)'>(.*?)</tr>", matrix):
        titles = re.findall(r'class="cov-miss" title="缺少必备部分：([^"]*)"', row)
        cells[key] = [name for t in titles for name in t.split("、") if name] if titles else []
    return cells


def _reported(doc: Document) -> list[str]:
    """The family each missing-section finding names (its first “…” quote)."""
    out = []
    for f in doc.findings:
        if f.rule == "missing-section":
            quoted = QUOTED.search(f.message)
            assert quoted, f.message
            out.append(quoted.group(1))
    return out


def _agree(analysis: Analysis) -> None:
    summary = summarise([analysis])
    cells = _matrix_cells(summary)
    for row in summary.docs:
        reported = _reported(row.document)
        # family names may hold 、 (组织领导、保障措施或工作要求): compare the joined names
        assert "、".join(sorted(cells[row.key])) == "、".join(sorted(n for r in reported for n in r.split("、")))
        assert sorted(row.missing_names) == sorted(set(reported))
        assert len(row.missing) == len(set(reported))


@pytest.mark.parametrize("path", _cases())
def test_coverage_matrix_agrees_with_missing_section(path: Path | None) -> None:
    from cxzy_nlp.pipeline import analyse

    assert path is not None
    _agree(analyse(path))


def test_control_a_finding_the_matrix_does_not_show_is_caught() -> None:
    doc = Document(
        title="某某工作方案",
        span=(0, 6),
        doc_type="work_plan",
        findings=(Finding(rule="missing-section", severity="error", message="缺少“工作目标”部分"),),
    )
    analysis = Analysis(source=_source(), text="某某工作方案", documents=(doc,))
    _agree(analysis)
    assert missing_families(doc) == (("工作目标", "goals"),)
    unknown = Finding(rule="missing-section", severity="error", message="缺少“经费预算”部分")  # no such family
    with pytest.raises(AssertionError):
        _agree(Analysis(source=_source(), text="某某工作方案", documents=(_with(doc, unknown),)))


def _source():  # type: ignore[no-untyped-def]
    from cxzy_nlp.model import SourceInfo

    return SourceInfo(path="x.txt", format="txt", sha256="0" * 64, size=1)


def _with(doc: Document, finding: Finding) -> Document:
    from dataclasses import replace

    return replace(doc, findings=(*doc.findings, finding))
