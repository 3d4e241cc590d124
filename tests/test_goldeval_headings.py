"""Heading matching of cxzy_nlp.goldeval: a heading's marker is left out, unless the heading is nothing but that
number (a dated entry ``2019.10.20``), which then is its text."""

from __future__ import annotations

from cxzy_nlp.goldeval import headings_match, norm_heading


def test_a_heading_that_is_all_number_matches_itself() -> None:
    assert norm_heading("2019.10.20") != ""
    assert headings_match("2019.10.20", "2019.10.20")
    assert not headings_match("2019.10.20", "2019.10.27")


def test_markers_are_still_left_out() -> None:
    # control: a numbered heading matches its words without the number
    assert norm_heading("1.1 编写目的") == "编写目的"
    assert headings_match("一、总体要求", "总体要求")
