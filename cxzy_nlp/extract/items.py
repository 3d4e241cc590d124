"""Numbered items and sentences inside a section body, each with its exact span.

Markers are recognised at the start of a line or glued after a sentence end (scraped
text often runs ``…。2.提高…`` together). Items of one list share a marker style and
count up from 1, so a stray ``89、`` in running text does not open a list.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..chinese.markers import LIST_MARKERS
from ..chinese.numerals import to_int
from ..chinese.sentences import ASCII_STOPS, CLAUSE_STOPS, sentence_pattern
from ..model import Span

_BOUNDARY = r"(?:(?<=^)|(?<=\n)|(?<=[。！？；：:;!?”]))[ \t]*"
# a digit may follow 1、 (1、7月8日-7月14日，报名…): only after 1. or 1． does it make a figure (1.5)
_MARKERS = tuple((k, r"(?P<v>\d{1,2})(?:、|[.．](?!\d))" if k == "arabic" else rx) for k, rx in LIST_MARKERS)
_ALTERNATIVES = "(?:" + "|".join(f"(?P<{k}>{rx.replace('?P<v>', f'?P<v_{k}>')})" for k, rx in _MARKERS) + ")"
_MARKER_RE = re.compile(_BOUNDARY + _ALTERNATIVES, re.M)
_MARKER_AT = re.compile(r"[ \t]*" + _ALTERNATIVES)
_SENTENCE_RE = sentence_pattern(CLAUSE_STOPS + ASCII_STOPS + "\n", "?")
_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"


@dataclass(frozen=True)
class Item:
    """One list item (or sentence): its span, the marker as written and, from a child section, its heading."""

    span: Span
    marker: str = ""
    heading: str | None = None
    section: str | None = None
    body_start: int | None = None  # where the words after the marker begin

    @property
    def start_of_words(self) -> int:
        return self.body_start if self.body_start is not None else self.span[0]


@dataclass(frozen=True)
class _Marker:
    kind: str
    value: tuple[int, ...]
    start: int
    end: int


def _value(kind: str, raw: str) -> tuple[int, ...]:
    if kind == "decimal":
        return tuple(int(x) for x in raw.split("."))
    if kind == "circled":
        return (_CIRCLED.index(raw) + 1,)
    if kind == "latin":
        return (ord(raw) - ord("a") + 1,)
    if kind == "dash":
        return (0,)
    return (to_int(raw) or 0,)


def skip_marker(text: str, pos: int, end: int) -> int:
    """Where the words start when a list marker (（二）, 1., -) opens ``text[pos:end]``."""
    m = _MARKER_AT.match(text, pos, end)
    return m.end() if m else pos


def find_markers(text: str, span: Span) -> list[_Marker]:
    """List markers in ``text[span]``: at a line start, after a sentence end, or at the very start of the span."""
    out = []
    first = _MARKER_AT.match(text, span[0], span[1])
    found = [first] if first else []
    found.extend(m for m in _MARKER_RE.finditer(text, span[0], span[1]) if not first or m.start() > first.start())
    for m in found:
        kind = m.lastgroup or ""
        out.append(_Marker(kind, _value(kind, m.group(f"v_{kind}")), m.start(kind), m.end(kind)))
    return out


def _follows(kind: str, prev: tuple[int, ...], cur: tuple[int, ...]) -> bool:
    if kind == "dash":
        return True
    if kind == "decimal":
        return cur == (prev[0], prev[1] + 1) or cur == (prev[0] + 1, 1)
    return cur[0] == prev[0] + 1


def _opens(kind: str, value: tuple[int, ...]) -> bool:
    return kind in ("dash", "decimal") or value[0] == 1


def list_markers(text: str, span: Span) -> list[_Marker]:
    """The markers of the outermost list in ``text[span]``: one style, counting up from 1."""
    markers = find_markers(text, span)
    first = next((m for m in markers if _opens(m.kind, m.value)), None)
    if first is None:
        return []
    chain = [first]
    for m in markers:
        if m.start > chain[-1].start and m.kind == first.kind and _follows(m.kind, chain[-1].value, m.value):
            chain.append(m)
    return chain


def _trim(text: str, start: int, end: int) -> Span:
    while start < end and text[start] in " \t\n":
        start += 1
    while end > start and text[end - 1] in " \t\n":
        end -= 1
    return (start, end)


def list_items(text: str, span: Span, section: str | None = None) -> list[Item]:
    """The items of the outermost list in ``text[span]``."""
    chain = list_markers(text, span)
    out = []
    for i, m in enumerate(chain):
        end = chain[i + 1].start if i + 1 < len(chain) else span[1]
        words = _trim(text, m.end, end)
        if words[1] > words[0]:
            out.append(Item(words, text[m.start : m.end], None, section, words[0]))
    return out


def section_item(text: str, number: str, heading: str, sid: str, span: Span, heading_start: int) -> Item:
    """A child section as an item: its words after the number, trailing blanks trimmed."""
    start = heading_start
    if number and text.startswith(number, start):
        start += len(number)
    words = _trim(text, start, span[1])
    return Item(words, number, heading, sid, words[0])


# a lead that opens a list of points to check or watch (跟踪检查如下情况：, 重点检查以下内容：, 注意以下几点：): its items are
# the checks of one piece of work, not pieces of work
_CHECKS_LEAD = re.compile(
    r"(?:检查|核查|观察|跟踪|注意|关注|查看)[^。；;\n]{0,8}?(?:如下|以下)[^。；;\n]{0,6}?[：:]\s*$"
)


def opens_checks(text: str, lead: Span) -> bool:
    """Whether the words of ``lead`` end by announcing points to check (跟踪检查如下情况：)."""
    return bool(_CHECKS_LEAD.search(text, lead[0], lead[1]))


def checks_lead(text: str, span: Span) -> bool:
    """Whether the list of ``text[span]`` follows a lead naming points to check (跟踪检查如下情况：（1）…)."""
    chain = list_markers(text, span)
    return bool(chain) and opens_checks(text, (span[0], chain[0].start))


def leaf_items(text: str, span: Span, section: str | None = None, depth: int = 0) -> list[Item]:
    """List items with sub-items replaced by those sub-items (the concrete entries); a list of checks under a
    lead (检查如下情况：…) gives none: the work it checks is the entry."""
    out: list[Item] = []
    if checks_lead(text, span):
        return out
    for item in list_items(text, span, section):
        subs = leaf_items(text, item.span, section, depth + 1) if depth < 3 else []
        out.extend(subs or [item])
    return out


def sentences(text: str, span: Span, section: str | None = None) -> list[Item]:
    """Sentences of ``text[span]`` (split at 。！？； and line ends)."""
    out = []
    for m in _SENTENCE_RE.finditer(text, span[0], span[1]):
        s = _trim(text, m.start(), m.end())
        if s[1] - s[0] >= 2:
            out.append(Item(s, "", None, section, s[0]))
    return out


__all__ = [
    "Item",
    "checks_lead",
    "leaf_items",
    "list_items",
    "list_markers",
    "opens_checks",
    "section_item",
    "sentences",
    "skip_marker",
]
