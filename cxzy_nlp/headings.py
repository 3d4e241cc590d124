"""Heading markers of Chinese plans: the 公文 ladder and its variants, where a heading ends.

A *marker* is the number as written (``一、``, ``（一）``, ``1.``, ``（1）``, ``①``, ``第一章``,
``1.1``, ``1、``, ``(1)``, ``1)``, ``a.``). Markers of the same *family* share a level in one
document; the segmenter infers levels from the order families appear. Where a heading glued to
its body ends is decided with the taxonomy lexicon (``二、活动目标1.提升…`` → ``活动目标``).
"""

from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources
from itertools import pairwise
from typing import Any

from .chinese.markers import GB_LADDER, MARKER_RE, MIDLINE_CN, Marker, marker_from_match
from .chinese.numerals import SMALL, cn_numeral, numeral_value
from .chinese.sentences import FULL_STOPS, HEADING_STOPS
from .datacache import load_yaml

CN_NUMERALS = SMALL

_FORM_PART_MAX = 12  # ``A 基本情况``, ``1 引言``: a number without punctuation only heads a short line
_STOPS = HEADING_STOPS
_CLAUSE_STOPS = re.compile(f"[{_STOPS}]")
_ANY_PUNCT = re.compile(r"[，,。！？；：:;!?、]")
_HAS_DIGIT = re.compile(r"\d")
_TRAILING = "。.，,；;：: \t"
_PERIOD_PAREN = re.compile(r"[（(][^（）()]{0,30}\d{1,4}\s*[年月日][^（）()]{0,30}[）)]")
_PERIOD_HEADING_MAX = 50  # a stage name and its bracketed dates
_SLOGAN_WORD_TAIL = 3  # characters a word may run on after the lexicon's match (统一思想|认识)
_SLOGAN_CLAUSE = 24  # longest second clause of a slogan heading


@lru_cache(maxsize=1)
def taxonomy() -> dict[str, Any]:
    """The package taxonomy (``data/taxonomy.yaml``), loaded once."""
    text = resources.files("cxzy_nlp").joinpath("data/taxonomy.yaml").read_text(encoding="utf-8")
    data: dict[str, Any] = load_yaml(text)  # libyaml when present, kept between runs by the command line
    return data


def match_marker(text: str, pos: int, end: int) -> Marker | None:
    """The marker starting exactly at ``pos`` (before ``end``), if any, with text after it."""
    m = MARKER_RE.match(text, pos, end)
    if m is None:
        return None
    marker = marker_from_match(m, text)
    if marker.end >= end or text[marker.end] in "，,。、）)":
        return None  # a bare number, or a number inside a sentence (建党89、90周年)
    if marker.family in ("form_part", "arabic_space") and (
        end - marker.end > _FORM_PART_MAX or _ANY_PUNCT.search(text, marker.end, end)
    ):
        return None  # ``A 基本情况``, ``1 引言``: only a short line without punctuation
    return marker


# ------------------------------------------------------------------ the heading lexicon


def _alternation(words: list[str]) -> str:
    longest_first = sorted(set(words), key=lambda w: (-len(w), w))  # ties in a fixed order: one pattern every run
    return "|".join(re.escape(w) for w in longest_first)


@lru_cache(maxsize=1)
def lexicon_re() -> re.Pattern[str]:
    """A heading made of taxonomy terms: ``(活动)?背景(与目标)*``, longest first."""
    tax = taxonomy()
    terms: list[str] = []
    for section in tax["sections"]:
        terms.extend(section.get("synonyms", []))
    for stems in tax.get("heading_stems", {}).values():
        terms.extend(stems)
    prefix = _alternation(tax.get("heading_prefixes", []))
    joiner = _alternation(tax.get("joiners", []))
    term = f"(?:(?:{prefix})?(?:{_alternation(terms)}))"
    return re.compile(f"{term}(?:(?:{joiner}){term})*")


def lexicon_heading_end(text: str, pos: int, end: int) -> int | None:
    """End of a heading made of taxonomy terms starting at ``pos``, if one starts there."""
    m = lexicon_re().match(text, pos, end)
    return m.end() if m else None


def _ends_heading(text: str, pos: int, lex: int, stop: int) -> bool:
    """Whether a lexicon match ends the heading: at a boundary, or long enough to be glued to its body."""
    if lex >= stop:
        return True
    nxt = text[lex]
    if nxt in "，,、的":
        return False  # 加强领导，确保… is a slogan heading; 组织的… is a sentence
    if not ("\u4e00" <= nxt <= "\u9fff"):
        return True
    return lex - pos >= 4


def _repeated_word_end(text: str, pos: int, end: int) -> int | None:
    """``创新竞赛设立创新竞赛…`` → end of the first ``创新竞赛`` (a heading repeated in its body)."""
    for size in (6, 5, 4, 3):
        word = text[pos : pos + size]
        if len(word) < size or _ANY_PUNCT.search(word) or _HAS_DIGIT.search(word):
            continue
        window = text[pos + size : min(end, pos + 2 * size + 4)]
        if word in window[1:]:
            return pos + size
    return None


@lru_cache(maxsize=1)
def _body_opener_re() -> re.Pattern[str]:
    return re.compile(_alternation(taxonomy().get("body_openers", [])))


def _slogan_sentence_end(text: str, lex: int, stop: int) -> int | None:
    """``统一思想认识，切实把握…的重要意义。正文``: taxonomy words that go on into a two-clause slogan.

    The lexicon stops inside a word (``统一思想|认识``); a comma a few characters on and one full
    stop soon after make the whole sentence the heading.
    """
    if lex >= stop or not ("\u4e00" <= text[lex] <= "\u9fff"):
        return None
    comma = text.find("，", lex, min(stop, lex + _SLOGAN_WORD_TAIL + 1))
    if comma < 0 or _ANY_PUNCT.search(text, lex, comma):
        return None
    reach = min(stop, comma + _SLOGAN_CLAUSE + 1)
    m = _CLAUSE_STOPS.search(text, comma + 1, reach)
    end = m.start() if m else stop
    if (m is None and reach < stop) or (m is not None and text[end] != "。") or "，" in text[comma + 1 : end]:
        return None
    return end


def _period_end(text: str, pos: int, stop: int) -> int | None:
    """``准备阶段（2024年5月1日—6月30日）按照方案要求…``: a heading that ends with its period in brackets."""
    m = _PERIOD_PAREN.search(text, pos, min(stop, pos + _PERIOD_HEADING_MAX))
    if m is None or m.end() >= stop or _ANY_PUNCT.search(text, pos, m.start()):
        return None
    return m.end() if "\u4e00" <= text[m.end()] <= "\u9fff" else None


def _glued_slogan_end(text: str, pos: int, stop: int) -> int | None:
    """``健全工作机构，强化统筹协调为加强…``: a two-clause slogan heading glued to its body."""
    comma = text.find("，", pos, min(stop, pos + 20))
    if comma < 0:
        return None
    m = _body_opener_re().search(text, comma + 4, min(stop, comma + 14))
    if m is None or _CLAUSE_STOPS.search(text, comma + 1, m.start()) or "，" in text[comma + 1 : m.start()]:
        return None
    return m.start()


def heading_end(text: str, pos: int, limit: int) -> tuple[int, int]:
    """Where the heading text that starts at ``pos`` ends, and where its body starts.

    ``limit`` is the end of the line or the start of the next heading on the same line.
    Returns ``(text_end, body_start)``; ``body_start`` skips a colon after the heading.
    """
    rest = text[pos:limit].rstrip()
    stop = pos + len(rest)
    if not rest:
        return pos, pos
    if len(rest) <= 12 and not _ANY_PUNCT.search(rest) and not _HAS_DIGIT.search(rest):
        return _trim(text, pos, stop)
    lex = lexicon_heading_end(text, pos, stop)
    slogan = _slogan_sentence_end(text, lex, stop) if lex is not None else None
    if slogan is not None:
        return _with_colon(text, slogan, stop)
    if lex is not None and _ends_heading(text, pos, lex, stop):
        return _with_colon(text, lex, stop)
    if not _CLAUSE_STOPS.search(rest) and len(rest) <= 45:
        return _trim(text, pos, stop)
    rep = _repeated_word_end(text, pos, stop) or _glued_slogan_end(text, pos, stop) or _period_end(text, pos, stop)
    if rep is not None:
        return rep, rep
    m = _CLAUSE_STOPS.search(text, pos, stop)
    cut = m.start() if m else stop
    return _with_colon(text, cut, stop)


def _trim(text: str, pos: int, stop: int) -> tuple[int, int]:
    end = stop
    while end > pos and text[end - 1] in _TRAILING:
        end -= 1
    return end, stop


def _with_colon(text: str, end: int, stop: int) -> tuple[int, int]:
    body = end
    if body < stop and text[body] in "：:":
        body += 1
    elif body < stop and text[body] in "。.":
        body += 1
    return end, body


def midline_level1_markers(text: str, start: int, end: int) -> list[Marker]:
    """``…开干！一、活动背景…``, ``…12月31日五、活动内容``: chinese-numeral headings inside a line.

    Only a marker after a full stop, or followed by a heading of taxonomy terms, counts
    (``十七届三、四中全会`` does not).
    """
    out: list[Marker] = []
    for m in MIDLINE_CN.finditer(text, start + 1, end):
        after = m.end()
        after_sentence = text[m.start() - 1] in FULL_STOPS and after < end and "\u4e00" <= text[after] <= "\u9fff"
        if not after_sentence and lexicon_heading_end(text, after, end) is None:
            continue
        mm = MARKER_RE.match(text, m.start(), end)
        if mm is None or not mm.group("cn"):
            continue
        out.append(marker_from_match(mm, text))
    return out


# A line this long that holds a whole ladder is a text that lost its line breaks.
FLAT_LINE_MIN = 200
FLAT_TOP_LEAST = 2  # 第一章 第二章 in order
_FLAT_TOP: tuple[re.Pattern[str], ...] = (
    re.compile(rf"第[{SMALL}]{{1,3}}部分"),
    re.compile(rf"第[{SMALL}]{{1,3}}章"),
)
_FLAT_FAMILIES: tuple[tuple[str, re.Pattern[str], int], ...] = (
    ("cn", re.compile(rf"(?<![{SMALL}\d第])[{SMALL}]{{1,3}}、(?=[\u4e00-\u9fff“《])"), 3),
    ("cn_paren", re.compile(rf"[（(][{SMALL}]{{1,3}}[）)](?=[\u4e00-\u9fff“《])"), 2),
    ("arabic", re.compile(r"(?<![\d.．\w])\d{1,2}[.．、](?=[\u4e00-\u9fff“《])"), 2),
)


def flattened_markers(text: str, start: int, end: int) -> list[Marker]:
    """Headings inside a line that lost its breaks (``…一、总体要求…（一）指导思想…二、主要任务…``).

    Only a consistent ladder counts: ``一、二、三、`` in order from ``一、`` (at least three), and under each
    of them ``（一）（二）`` then ``1. 2.`` chains that start at one (at least two). ``十七届三、四中全会`` or a
    lone ``3.`` never make a chain.
    """
    if end - start < FLAT_LINE_MIN:
        return []
    out: list[Marker] = []
    parents = [(start, end)]
    for top in _FLAT_TOP:  # 第一部分 / 第一章 over the whole text, when they chain
        chapters = _chain(text, top, start, end, FLAT_TOP_LEAST)
        if chapters:
            out.extend(chapters)
            parents = [(m.end, nxt.start) for m, nxt in pairwise(chapters)] + [(chapters[-1].end, end)]
            break
    for _family, pattern, least in _FLAT_FAMILIES:
        found: list[Marker] = []
        for lo, hi in parents:
            found.extend(_chain(text, pattern, lo, hi, least))
        if not found:
            continue
        out.extend(found)
        cuts = sorted({m.start for m in out} | {end})
        parents = [(m.end, next(c for c in cuts if c > m.start)) for m in found]
    return sorted(out, key=lambda m: m.start)


def _chain(text: str, pattern: re.Pattern[str], lo: int, hi: int, least: int) -> list[Marker]:
    """Markers numbered 1, 2, 3… in text order between ``lo`` and ``hi``, if at least ``least`` of them."""
    chain: list[Marker] = []
    for m in pattern.finditer(text, lo, hi):
        mm = MARKER_RE.match(text, m.start(), hi)
        if mm is None:
            continue
        marker = marker_from_match(mm, text)
        if marker.value == len(chain) + 1:
            chain.append(marker)
    return chain if len(chain) >= least else []


# A table cell whose paragraphs a reader joined with spaces (a .doc's cell: ``…实际成果。 2.国内外发展动态 随着…``):
# a paragraph that is a heading is a marker after a space, a short phrase and the space that ended its paragraph.
CELL_PARAGRAPHS_MIN = 100  # characters of a cell long enough to hold paragraphs of its own
CELL_HEAD_MAX = 24  # characters of a heading paragraph in a cell
CELL_CHAIN_LEAST = 2  # headings of one family in order (1. 2., （1）（2）) that show the cell's own ladder
_CELL_FAMILIES = frozenset({"cn", "cn_paren", "arabic", "paren_arabic"})
_CELL_HEAD = re.compile(rf"[^\s。；;！!？?]{{1,{CELL_HEAD_MAX}}}(?=[ \u3000])")


def cell_paragraph_markers(text: str, start: int, end: int) -> list[tuple[Marker, int]]:
    """Headings that stood as paragraphs of their own in one table cell whose paragraphs were joined by spaces:
    ``(marker, end of its heading)``, each at the cell's start or right after a space, its words running to the
    space that ended its paragraph, and numbered in order within its family (1. 2. 3., restarting at 1 under a
    new parent) with at least ``CELL_CHAIN_LEAST`` of them."""
    if end - start < CELL_PARAGRAPHS_MIN:
        return []
    found: list[tuple[Marker, int]] = []
    pos = start
    while pos < end:
        if pos == start or text[pos - 1] in " \u3000":
            mm = MARKER_RE.match(text, pos, end)
            if mm is not None:
                marker = marker_from_match(mm, text)
                head = _CELL_HEAD.match(text, marker.end, end) if marker.family in _CELL_FAMILIES else None
                words = head.group(0) if head is not None else ""
                balanced = words.count("（") + words.count("(") == words.count("）") + words.count(")")
                if head is not None and balanced and marker.end == mm.end():  # words after the number at once
                    found.append((marker, head.end()))
                    pos = head.end()
                    continue
        nxt = text.find(" ", pos + 1, end)
        pos = nxt + 1 if nxt >= 0 else end
    out: list[tuple[Marker, int]] = []
    for family in {m.family for m, _ in found}:
        chained: list[tuple[Marker, int]] = []
        for marker, head_end in found:
            if marker.family == family and (
                marker.value == 1 or (chained and marker.value == chained[-1][0].value + 1)
            ):
                chained.append((marker, head_end))
        if len(chained) >= CELL_CHAIN_LEAST and any(m.value >= 2 for m, _ in chained):
            out.extend(chained)
    return sorted(out, key=lambda x: x[0].start)


# How high a marker family usually sits in a plan (lower is higher); used only to let a strong
# family that appears after weaker ones (一、 after a list of 1. notes) take the top level.
FAMILY_RANKS = {
    "attachment": -1,
    "part": 0,
    "chapter": 0,
    "cn": 1,
    "form_part": 1,
    "jie": 2,
    "cn_paren": 2,
    "decimal2": 3,
    "decimal3": 4,
    "decimal4": 5,
    "arabic": 3,
    "arabic_space": 3,
    "article": 3,
    "paren_arabic": 4,
    "half_paren": 5,
    "circled": 5,
    "latin": 6,
    "layout": 1,
    "label": 1,
    "label_rep": 2,
    "label_list": 1,
    "stage": 2,
    "place": 0,  # ``Page 12``, ``P3：``: the place in a draft or a deck the text under it is about
}


def family_rank(family: str) -> float:
    """Rank of a family: its marker's rung; a Heading 1 ranks just above ``一、``.

    An unnumbered Word heading of outline level N ranks just above the N+1-th rung. A numbered
    line styled Heading 1 outranks ``一、`` written as body text; deeper styles do not (``(1)``
    styled Heading 2 stays under a ``1、总体要求。…`` paragraph), and decimal numbers carry their
    depth themselves (``2.1`` stays under ``2.``). Families that all carry outline levels are
    ordered by those levels (:func:`family_outranks`).
    """
    outline = outline_of(family)
    base = FAMILY_RANKS.get(base_family(family), 9)
    if outline is None:
        return base
    if family.startswith("outline"):
        return outline + 0.5
    if outline == 0 and not family.startswith("decimal"):
        return min(base, 0.5)
    return base


def outline_of(family: str) -> int | None:
    """The Word outline level a family carries (``arabic#o1``, ``outline1`` → 1), if any."""
    if family.startswith("outline"):
        return int(family[7:] or 0)
    _, _, outline = family.partition("#o")
    return int(outline) if outline else None


def family_outranks(family: str, top: str) -> bool:
    """Whether ``family`` sits above ``top``: by Word outline levels when both carry one, else by rank."""
    a, b = outline_of(family), outline_of(top)
    if a is not None and b is not None:
        return a < b
    return family_rank(family) < family_rank(top)


def base_family(family: str) -> str:
    """The marker family without its outline-level evidence (``arabic#o0`` → ``arabic``)."""
    return family.partition("#o")[0]


def suggest_number(level: int, value: int) -> str:
    """The GB/T 9704 marker for ``value`` at ``level`` (1-based)."""
    if level > len(GB_LADDER):
        return f"（{value}）"
    if level in (1, 2) and 0 <= value < 100:  # ``一一一.`` read as 111 has no marker of the ladder's form
        numeral = cn_numeral(value)
        return f"{numeral}、" if level == 1 else f"（{numeral}）"
    return f"{value}." if level == 3 else f"（{value}）"


__all__ = [
    "FAMILY_RANKS",
    "GB_LADDER",
    "MARKER_RE",
    "Marker",
    "base_family",
    "cell_paragraph_markers",
    "cn_numeral",
    "family_outranks",
    "family_rank",
    "flattened_markers",
    "heading_end",
    "lexicon_heading_end",
    "lexicon_re",
    "match_marker",
    "midline_level1_markers",
    "numeral_value",
    "outline_of",
    "suggest_number",
    "taxonomy",
]
