"""The year a document was written for, inferred once, with the reason in Chinese.

One ordered list of clues, most trusted first: the title, the document's own 文号, its
成文日期, the dates written in its text, an anniversary (建党90周年), a 文号 it cites, and
last the year written most often. The first clue that holds gives the year; the document's
own clues (title, 文号, 成文日期) are also kept, so a check can see when they disagree.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable

from ..chinese.dates import TITLE_YEAR, WRITTEN_YEAR
from ..chinese.docnumber import CITED_NUMBER, HEX_BRACKET_YEAR, bracket_year
from ..chinese.numerals import year_digits
from ..model import Document, YearClue
from .dates import find_anniversary, find_dates
from .patterns import patterns
from .references import find_doc_numbers

_HEAD_CHARS = 400

Clue = Callable[[Document, str], "YearClue | None"]


def _from_title(doc: Document, text: str) -> YearClue | None:
    m = TITLE_YEAR.search(doc.title or "")
    year = year_digits(m.group(1)) if m else None
    return YearClue(year, "title", f"标题中的{year}年") if year else None


def _own_number(doc: Document, text: str) -> str | None:
    if doc.doc_number:
        return doc.doc_number
    head = text[doc.span[0] : min(doc.span[1], doc.span[0] + _HEAD_CHARS)]
    for line in head.split("\n"):
        m = patterns().doc_number.fullmatch(line.strip())
        if m:
            return m.group(0)
    return None


def _from_number(doc: Document, text: str) -> YearClue | None:
    number = _own_number(doc, text)
    year = bracket_year(number)
    return YearClue(year, "number", f"文号{number}") if year and number else None


def _from_date(doc: Document, text: str) -> YearClue | None:
    if doc.date and doc.date[:4].isdigit():
        return YearClue(int(doc.date[:4]), "date", f"成文日期{doc.date}")
    return None


def _from_signature(doc: Document, text: str) -> YearClue | None:
    """The date of the 落款 when no formal 成文日期 was read (黄某 ↵ 2009.6.3): the year it was written."""
    for zone in doc.zones:
        if zone.kind != "signature":
            continue
        days = [e for e in find_dates(text, zone.span) if e.kind == "day" and e.start and not e.year_inferred]
        if days:
            return YearClue(int(str(days[-1].start)[:4]), "signature", f"落款日期{days[-1].start}")
    return None


def _from_text_dates(doc: Document, text: str) -> YearClue | None:
    years = Counter(
        int(e.start[:4])
        for e in find_dates(text, doc.span, names=True)
        if e.start and not e.year_inferred and e.kind != "festival"
    )
    if not years:
        return None
    year, count = years.most_common(1)[0]
    return YearClue(year, "text-dates", f"正文日期中出现{count}次的{year}年")


def _from_anniversary(doc: Document, text: str) -> YearClue | None:
    found = find_anniversary(text, doc.span[0], doc.span[1])
    return YearClue(found[0], "anniversary", f"“{found[1]}”推算为{found[0]}年") if found else None


def _from_cited_number(doc: Document, text: str) -> YearClue | None:
    numbers = find_doc_numbers(text, doc.span)
    if numbers:
        number = text[numbers[0][0] : numbers[0][1]]
        year = bracket_year(number)
        if year:
            return YearClue(year, "cited-number", f"所引文件文号{number}推断（不早于{year}年）")
    m = HEX_BRACKET_YEAR.search(text, doc.span[0], doc.span[1])  # a bracketed year without a whole 文号 around it
    if not m:
        return None
    around = CITED_NUMBER.search(text[max(doc.span[0], m.start() - 6) : min(doc.span[1], m.end() + 6)])
    quoted = around.group(0) if around else m.group(0)
    return YearClue(int(m.group(1)), "cited-number", f"正文所引文号“{quoted}”")


def _from_text_years(doc: Document, text: str) -> YearClue | None:
    years = Counter(int(y) for y in WRITTEN_YEAR.findall(text, doc.span[0], doc.span[1]))
    if not years:
        return None
    year, count = years.most_common(1)[0]
    return YearClue(year, "text-years", f"正文中出现最多的年份“{year}年”（{count}次）")


CLUES: tuple[Clue, ...] = (
    _from_title,
    _from_number,
    _from_date,
    _from_signature,
    _from_text_dates,
    _from_anniversary,
    _from_cited_number,
    _from_text_years,
)
OWN_CLUES: tuple[Clue, ...] = (_from_title, _from_date, _from_number)  # what the document says of itself


def year_clues(doc: Document, text: str) -> tuple[YearClue, ...]:
    """The document's own year clues that hold: title, 成文日期, own 文号 (in that order)."""
    return tuple(c for clue in OWN_CLUES if (c := clue(doc, text)) is not None)


def infer_year(doc: Document, text: str) -> tuple[int | None, str | None]:
    """(year, reason): the first clue of :data:`CLUES` that holds."""
    for clue in CLUES:
        found = clue(doc, text)
        if found:
            return found.year, "据" + found.what
    return None, None


__all__ = ["CLUES", "infer_year", "year_clues"]
