"""Locations on ../shared/realdocs: every finding is placed, and Word paragraphs are the ones python-docx counts."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from cxzy_nlp.model import Analysis
from cxzy_nlp.normalise import normalise_text
from cxzy_nlp.pipeline import analyse

pytestmark = pytest.mark.realdocs

WORD = {"docx", "doc", "wps", "wordml"}
# Word files without tracked changes or text boxes in their body: python-docx's Paragraph.text
# (which leaves tracked insertions out) then shows the same words Word does.
PYTHON_DOCX_FILES = ["doc027.docx", "doc052.docx", "doc053.docx"]


def _inputs(realdocs: Path) -> list[Path]:
    import csv

    with (realdocs / "MANIFEST.tsv").open(encoding="utf-8") as fh:
        return [realdocs / row["file"] for row in csv.DictReader(fh, delimiter="\t")]


@pytest.fixture(scope="module")
def checked(realdocs: Path) -> list[Analysis]:
    return [analyse(path) for path in _inputs(realdocs)]


def test_every_finding_has_a_page_for_pdfs_and_a_paragraph_for_word_files(checked: list[Analysis]) -> None:
    formats: set[str] = set()
    findings = 0
    for analysis in checked:
        fmt = analysis.source.format
        formats.add(fmt)
        for doc in analysis.documents:
            for f in doc.findings:
                findings += 1
                loc = f.location
                assert loc is not None, (analysis.source.path, f.rule)
                if fmt == "pdf":
                    assert loc.page is not None and loc.page >= 1, (analysis.source.path, f.rule)
                    assert analysis.source.pages is None or loc.page <= analysis.source.pages
                elif fmt in WORD:
                    assert loc.paragraph is not None and loc.paragraph >= 1, (analysis.source.path, f.rule)
                else:
                    assert loc.line is not None or loc.page is not None, (analysis.source.path, f.rule)
    # the test saw what it is about (97 findings on 2026-12-07, 79 on 2026-12-08 after false alarms went)
    assert {"pdf", "docx", "doc"} <= formats and findings > 60


def python_docx_paragraphs(path: Path) -> list[str]:
    """Texts of the counted paragraphs, by python-docx: non-empty body paragraphs, each non-empty cell once."""
    import docx
    from docx.oxml.ns import qn
    from docx.table import Table, _Cell
    from docx.text.paragraph import Paragraph

    def cell_text(cell: Any) -> str:
        parts = []
        for item in cell.iter_inner_content():
            if isinstance(item, Paragraph):
                parts.append(item.text)
            else:
                parts.extend(" ".join(cell_text(_Cell(tc, item)) for tc in row._tr.tc_lst) for row in item.rows)
        return "\n".join(parts)

    def walk(element: Any, parent: Any) -> Iterator[str]:
        for child in element:
            if child.tag == qn("w:p"):
                yield Paragraph(child, parent).text
            elif child.tag == qn("w:tbl"):
                table = Table(child, parent)
                for row in table.rows:
                    yield from (cell_text(_Cell(tc, table)) for tc in row._tr.tc_lst)  # merged cells once
            elif child.tag in (qn("w:sdt"), qn("w:sdtContent")):
                yield from walk(child, parent)

    document = docx.Document(str(path))
    return [normalise_text(t) for t in walk(document.element.body, document._body) if t.strip()]


def _first_words(analysis: Analysis, span: tuple[int, int]) -> str:
    """The first words of a span, without a rendered list label (python-docx does not see those)."""
    assert analysis.normal is not None
    start = span[0]
    block = analysis.normal.block_at(start)
    if block is not None and block.block.auto_number and start == block.start:
        start += len(block.block.auto_number)
    raw = analysis.text[start : span[1]]
    return raw.split("\n")[0].split("\t")[0].strip()[:12]


def _mismatches(analysis: Analysis, paragraphs: list[str], shift: int = 0) -> tuple[int, list[str]]:
    checked, wrong = 0, []
    for doc in analysis.documents:
        located = [(i.span, i.location) for i in (*doc.findings, *doc.goals, *doc.activities)]
        located += [(s.heading_span, s.location) for s in doc.all_sections()]  # headings are located the same way
        for span, location in located:
            if span is None or location is None or location.paragraph is None:
                continue
            words = _first_words(analysis, span)
            if not words:
                continue
            checked += 1
            n = location.paragraph + shift
            if not (1 <= n <= len(paragraphs) and words in paragraphs[n - 1]):
                wrong.append(f"{n}: {words}")
    return checked, wrong


@pytest.mark.parametrize("name", PYTHON_DOCX_FILES)
def test_reported_paragraph_is_the_one_python_docx_counts(realdocs: Path, name: str) -> None:
    path = realdocs / name
    analysis = analyse(path)
    paragraphs = python_docx_paragraphs(path)
    checked, wrong = _mismatches(analysis, paragraphs)
    assert checked >= 5 and wrong == []  # headings, findings, goals and activities located in the file
    # control: one paragraph off is caught
    _, off = _mismatches(analysis, paragraphs, shift=1)
    assert len(off) > checked // 2


def _pdf_pages(path: Path) -> list[str]:
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(str(path))
    try:
        return [re.sub(r"\s", "", normalise_text(page.get_textpage().get_text_range())) for page in pdf]
    finally:
        pdf.close()


def test_reported_page_holds_the_words_on_every_pdf(checked: list[Analysis]) -> None:
    seen = wrong = shifted = 0
    for analysis in checked:
        if analysis.source.format != "pdf":
            continue
        pages = _pdf_pages(Path(analysis.source.path))
        for doc in analysis.documents:
            for item in (*doc.findings, *doc.goals, *doc.activities):
                if item.span is None or item.location is None or item.location.page is None:
                    continue
                words = re.sub(r"\s", "", analysis.text[item.span[0] : item.span[1]])[:8]
                if len(words) < 4:
                    continue
                seen += 1
                page = item.location.page
                wrong += words not in pages[page - 1]
                shifted += not (page < len(pages) and words in pages[page])  # control: the next page
    # Known misses (10 of 209 when written): a paragraph that crosses a page break carries its first page (the
    # reader joins it into one block), and table cells read in another order than pdfium's page text.
    assert seen >= 20 and wrong <= seen // 20, (wrong, seen)
    assert shifted > seen // 2
