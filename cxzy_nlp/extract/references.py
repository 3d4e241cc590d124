"""Documents a plan cites: 《…》 titles and their 文号 (also the wrong forms [2021] (2021) 【2021】)."""

from __future__ import annotations

import re

from ..model import Reference
from .patterns import patterns

_TITLE_RE = re.compile(r"《([^《》\n]{2,100})》")
_NUMBER_GAP = re.compile(r"[\s（(]{0,2}")
_LEADING_WORDS = re.compile(r"^(?:根据|按照|依据|依照|参照|结合|印发|转发|见|据|按|和|及|与|的|是|在|以|文)+")


def find_references(
    text: str, span: tuple[int, int], own_number: str | None = None, own_title: str | None = None
) -> list[Reference]:
    """Cited documents in ``text[span]``: a title with the 文号 right after it, or a 文号 alone.

    The plan's own title quoted in its covering notice (现将《…方案》印发给你们) is not a citation.
    """
    kinds = re.compile(rf"(?:{patterns().reference_kinds})(?:（[^）]*）)?$")
    number_re = patterns().doc_number
    out: list[Reference] = []
    used: list[tuple[int, int]] = []
    for m in _TITLE_RE.finditer(text, span[0], span[1]):
        if not kinds.search(m.group(1)) or (own_title and m.group(1) in own_title):
            continue
        gap = _NUMBER_GAP.match(text, m.end(), span[1])
        num = number_re.match(text, gap.end() if gap else m.end(), span[1])
        end = num.end() if num else m.end()
        if num and end < span[1] and text[end] in "）)":
            end += 1
        out.append(Reference(title=m.group(0), doc_number=num.group(0) if num else None, span=(m.start(), end)))
        if num:
            used.append(num.span())
    for num_span in find_doc_numbers(text, span):
        number = text[num_span[0] : num_span[1]]
        if num_span in used or number == own_number:
            continue
        lead = _LEADING_WORDS.match(number)
        start = num_span[0] + (lead.end() if lead else 0)
        if num_span[1] - start >= 6:
            out.append(Reference(title=None, doc_number=text[start : num_span[1]], span=(start, num_span[1])))
    out.sort(key=lambda r: r.span)
    return out


def find_doc_numbers(text: str, span: tuple[int, int]) -> list[tuple[int, int]]:
    """Spans of every 文号 in ``text[span]``: found by its year-and-serial tail, issuer read backwards."""
    p = patterns()
    out = []
    for tail in p.doc_number_tail.finditer(text, span[0], span[1]):
        issuer = p.doc_number_issuer.search(text, max(span[0], tail.start() - 12), tail.start())
        if issuer:
            out.append((issuer.start(), tail.end()))
    return out


__all__ = ["find_doc_numbers", "find_references"]
