"""Parsed styles and numbering are shared between files only when their bytes are the same.

``read_docx`` keeps the parsed ``styles.xml`` and ``numbering.xml`` of recent files, keyed by
the parts' bytes. A second file from the same template must read exactly as it would cold, and
a file whose styles differ by one attribute must not be served the other file's styles.
"""

from __future__ import annotations

import pytest
from docx_factory import DocxBuilder, Lvl

from cxzy_nlp.config import Config
from cxzy_nlp.model import Block
from cxzy_nlp.read import docx as docx_reader
from cxzy_nlp.read.docx import read_docx

CONFIG = Config()


def _forget_parsed_parts() -> None:
    docx_reader._stylesheets.clear()
    docx_reader._numberings.clear()


def _plan(heading_size: float, list_format: str) -> bytes:
    """A short plan whose heading style and list format are the knobs."""
    b = DocxBuilder()
    b.add_style("PlanHeading", "Plan Heading", outline=0, bold=True, size=heading_size)
    num = b.add_list(Lvl(fmt=list_format, text="%1、"))
    b.paragraph("总体要求", style="PlanHeading")
    b.paragraph("摸清底数", num=num)
    b.paragraph("建立台账", num=num)
    return b.to_bytes()


def _blocks(data: bytes) -> tuple[Block, ...]:
    return read_docx(data, CONFIG).blocks


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ((16.0, "chineseCounting"), (16.0, "chineseCounting")),  # same template: parts shared
        ((16.0, "chineseCounting"), (22.0, "chineseCounting")),  # other heading size in styles.xml
        ((16.0, "chineseCounting"), (16.0, "decimal")),  # other list format in numbering.xml
    ],
)
def test_a_warm_read_equals_a_cold_read(first: tuple[float, str], second: tuple[float, str]) -> None:
    warm_up, data = _plan(*first), _plan(*second)
    _forget_parsed_parts()
    cold = _blocks(data)
    _forget_parsed_parts()
    _blocks(warm_up)
    assert _blocks(data) == cold


def test_cold_reads_see_what_the_styles_say() -> None:
    _forget_parsed_parts()
    small, large = _blocks(_plan(16.0, "decimal")), _blocks(_plan(22.0, "chineseCounting"))
    assert (small[0].font_size, large[0].font_size) == (16.0, 22.0)
    assert (small[1].auto_number, large[1].auto_number) == ("1、", "一、")


def test_one_template_is_parsed_once() -> None:
    _forget_parsed_parts()
    data = _plan(16.0, "decimal")
    _blocks(data)
    _blocks(data)
    assert (len(docx_reader._stylesheets), len(docx_reader._numberings)) == (1, 1)


def test_the_kept_parts_are_bounded() -> None:
    _forget_parsed_parts()
    for size in range(10, 10 + docx_reader._PARSED_PARTS_KEPT + 3):
        _blocks(_plan(float(size), "decimal"))
    assert len(docx_reader._stylesheets) == docx_reader._PARSED_PARTS_KEPT


def test_styles_are_parsed_when_used_and_the_first_declaration_wins() -> None:
    b = DocxBuilder()
    b.add_style("Twice", "Twice", outline=0, size=18.0)
    b.add_style("Twice", "Twice again", outline=2, size=12.0)
    b.paragraph("总体要求", style="Twice")
    _forget_parsed_parts()
    [block] = _blocks(b.to_bytes())
    assert (block.style, block.outline_level, block.font_size) == ("Twice", 0, 18.0)
    [sheet] = docx_reader._stylesheets.values()
    assert "Twice" in sheet.styles and len(sheet.styles) > 100  # the template's styles, declared
    assert len(sheet.styles._parsed) < 10  # type: ignore[attr-defined]  # but only the used ones parsed
