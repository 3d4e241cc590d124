"""The document year every era and date rule assumes, and the reason given for it."""

from __future__ import annotations

import re
from collections import Counter

from ..model import Document

_YEAR_IN_TITLE = re.compile(r"((?:19|20)\d{2})\s*(?:年|—|-|～|~|至)")
_BRACKET_YEAR = re.compile(r"〔((?:19|20)\d{2})〕")
_TEXT_YEAR = re.compile(r"((?:19|20)\d{2})年")
_PARTY_ANNIVERSARY = re.compile(r"建党(\d{2,3})(?:、\d{2,3})*周年")


def infer_year(doc: Document, text: str) -> tuple[int | None, str | None]:
    """(year, reason): the extractor's answer when it gave one, else the first clue that holds.

    Clues in order of trust: title year, 成文日期, the document's own 文号, a 文号 cited in
    the text, the most frequent year written in the text, 建党N周年 (N + 1921).
    """
    if doc.year is not None:
        return doc.year, doc.year_reason or "抽取阶段推断"
    body = text[doc.span[0] : doc.span[1]]
    for clue in (_from_title, _from_date, _from_doc_number, _from_cited_number, _from_text_years, _from_anniversary):
        found = clue(doc, body)
        if found is not None:
            return found
    return None, None


def _from_title(doc: Document, body: str) -> tuple[int, str] | None:
    m = _YEAR_IN_TITLE.search(doc.title or "")
    return (int(m.group(1)), f"标题中的“{m.group(1)}年”") if m else None


def _from_date(doc: Document, body: str) -> tuple[int, str] | None:
    if doc.date and doc.date[:4].isdigit():
        return int(doc.date[:4]), f"成文日期{doc.date}"
    return None


def _from_doc_number(doc: Document, body: str) -> tuple[int, str] | None:
    m = _BRACKET_YEAR.search(doc.doc_number or "")
    return (int(m.group(1)), f"发文字号{doc.doc_number}") if m else None


def _from_cited_number(doc: Document, body: str) -> tuple[int, str] | None:
    m = _BRACKET_YEAR.search(body)
    if not m:
        return None
    start = max(0, m.start() - 6)
    number = re.search(r"[\u4e00-\u9fff]{0,6}〔\d{4}〕\d*号?", body[start : m.end() + 6])
    quoted = number.group(0) if number else m.group(0)
    return int(m.group(1)), f"正文所引文号“{quoted}”"


def _from_text_years(doc: Document, body: str) -> tuple[int, str] | None:
    years = Counter(int(y) for y in _TEXT_YEAR.findall(body))
    if not years:
        return None
    year, count = years.most_common(1)[0]
    return year, f"正文中出现最多的年份“{year}年”（{count}次）"


def _from_anniversary(doc: Document, body: str) -> tuple[int, str] | None:
    m = _PARTY_ANNIVERSARY.search(body)
    if not m:
        return None
    n = int(m.group(1))
    return 1921 + n, f"“建党{n}周年”（1921+{n}）"
