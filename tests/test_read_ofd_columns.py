"""OFD text columns under a lead-in (issue 14, a minimal reader change): a magazine page opens with a lead-in and a
title set across its three columns in other sizes; the gutters are found from the rows of the running text's size,
so the columns read one after another instead of row by row across the page."""

from __future__ import annotations

from cxzy_nlp.read.layout import reading_order
from cxzy_nlp.read.ofd import Glyph, glyphs_to_lines

BODY, LEAD = 3.2, 3.5  # millimetres: 9 pt body, 10 pt lead-in
COLUMN_CHARS, GUTTER = 15, 2 * BODY


def _row(text: str, x: float, y: float, size: float) -> list[Glyph]:
    return [Glyph(ch, x + k * size, y, size, size, False) for k, ch in enumerate(text)]


def _page(lead_size: float) -> list[Glyph]:
    glyphs: list[Glyph] = []
    y = 20.0
    for n in range(8):  # the lead-in across the page
        glyphs += _row(f"导语第{n}行" + "甲" * 40, 10.0, y, lead_size)
        y += 6.0
    for r in range(12):  # three columns side by side
        for c in range(3):
            x = 10.0 + c * (COLUMN_CHARS * BODY + GUTTER)
            glyphs += _row(f"第{c}栏{r:02d}" + "乙" * (COLUMN_CHARS - 5), x, y, BODY)
        y += 5.0
    return glyphs


def test_columns_under_a_lead_in_in_another_size_read_one_after_another() -> None:
    lines = reading_order(glyphs_to_lines(_page(LEAD)))
    body = [ln.text[:5] for ln in lines if ln.text.startswith("第")]
    assert body == [f"第{c}栏{r:02d}" for c in range(3) for r in range(12)]


def test_a_lead_in_in_the_body_size_hides_the_columns() -> None:
    # control: the same page with the lead-in in the body's size (its rows cross the gutters): read row by row
    lines = reading_order(glyphs_to_lines(_page(BODY)))
    assert not any(ln.text.startswith("第1栏") for ln in lines)  # the columns' pieces run together on one line
