"""The year a document was written for, inferred once, with the reason in Chinese."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable

from ..model import Document
from .dates import find_anniversary, find_dates
from .numerals import year_digits
from .patterns import patterns
from .references import find_doc_numbers

_YEAR_IN_TITLE = re.compile(r"((?:19|20)\d{2}|[〇零一二三四五六七八九]{4})\s*(?:年|—|-|～|至)")
_BRACKET_YEAR = re.compile(r"[〔\[【（(]\s*((?:19|20)\d{2})\s*[〕\]】）)]")
_HEAD_CHARS = 400


def _from_title(doc: Document) -> tuple[int, str] | None:
    if not doc.title:
        return None
    m = _YEAR_IN_TITLE.search(doc.title)
    year = year_digits(m.group(1)) if m else None
    return (year, f"据标题中的{year}年") if year else None


def _own_number(doc: Document, text: str) -> str | None:
    if doc.doc_number:
        return doc.doc_number
    head = text[doc.span[0] : min(doc.span[1], doc.span[0] + _HEAD_CHARS)]
    for line in head.split("\n"):
        m = patterns().doc_number.fullmatch(line.strip())
        if m:
            return m.group(0)
    return None


def _from_number(doc: Document, text: str) -> tuple[int, str] | None:
    number = _own_number(doc, text)
    m = _BRACKET_YEAR.search(number) if number else None
    return (int(m.group(1)), f"据文号{number}") if m and number else None


def _from_date(doc: Document) -> tuple[int, str] | None:
    if doc.date and doc.date[:4].isdigit():
        return int(doc.date[:4]), f"据成文日期{doc.date}"
    return None


def _from_text_dates(doc: Document, text: str) -> tuple[int, str] | None:
    years = Counter(
        int(e.start[:4]) for e in find_dates(text, doc.span) if e.start and not e.year_inferred and e.kind != "festival"
    )
    if not years:
        return None
    year, count = years.most_common(1)[0]
    return year, f"据正文日期中出现{count}次的{year}年"


def _from_anniversary(doc: Document, text: str) -> tuple[int, str] | None:
    found = find_anniversary(text, doc.span[0], doc.span[1])
    return (found[0], f"据“{found[1]}”推算为{found[0]}年") if found else None


def _from_cited_number(doc: Document, text: str) -> tuple[int, str] | None:
    numbers = find_doc_numbers(text, doc.span)
    if not numbers:
        return None
    number = text[numbers[0][0] : numbers[0][1]]
    y = _BRACKET_YEAR.search(number)
    if y:
        return int(y.group(1)), f"据所引文件文号{number}推断（不早于{y.group(1)}年）"
    return None


def infer_year(doc: Document, text: str) -> tuple[int | None, str | None]:
    """(year, reason): from the title, the document's own 文号, 成文日期, dates in the text, anniversaries."""
    sources: tuple[Callable[[], tuple[int, str] | None], ...] = (
        lambda: _from_title(doc),
        lambda: _from_number(doc, text),
        lambda: _from_date(doc),
        lambda: _from_text_dates(doc, text),
        lambda: _from_anniversary(doc, text),
        lambda: _from_cited_number(doc, text),
    )
    for source in sources:
        found = source()
        if found:
            return found
    return None, None


__all__ = ["infer_year"]
