"""THE heading-marker grammar: 一、（一）1.（1）① 第X章 1.1 1、(1) 1) a. and their families and values.

A *marker* is the number as written. Markers of the same *family* share a level in one
document; :mod:`cxzy_nlp.headings` and the segmenter infer levels from the order families
appear, extract reads list items with the same grammar.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .numerals import SMALL, numeral_value

# The GB/T 9704 form of each level, used to suggest a fix.
GB_LADDER = ("一、", "（一）", "1.", "（1）")

CN_VALUE = f"[{SMALL}]{{1,3}}"  # the number of 一、 and （一）
CHAPTER_KINDS = {"章": "chapter", "节": "jie", "条": "article", "部分": "part", "篇": "part"}

MARKER_RE = re.compile(
    r"(?P<chapter>第(?P<chv>[一二三四五六七八九十百零〇\d]{1,4})(?P<chk>章|节|条|部分|篇))[ \t]*"
    rf"|(?P<stage>(?:阶段|步骤|环节|专题|模块)(?P<stv>{CN_VALUE}|\d{{1,2}})(?:[、：:．.]|[ \t]+(?=[\u4e00-\u9fff])))[ \t]*"
    rf"|(?P<cnparen>[（(](?P<cpv>{CN_VALUE})[）)](?P<cpd>、)?)"
    rf"|(?P<cn>(?P<cnv>{CN_VALUE})(?P<cnp>[、.．])(?!、))"
    r"|(?P<pararabic>(?P<pao>[（(])(?P<pav>\d{1,2})[）)](?P<pad>、)?)"
    r"|(?P<circled>[①-⑳])"
    r"|(?P<decimal>(?P<dv>\d{1,2}(?:\.\d{1,2}){1,3})(?![\d%万元亿倍米])\.?)"
    r"|(?P<arabic>(?P<av>\d{1,2})(?P<ap>[、.．)）])"
    r"(?:(?=(?:19|20)\d\d年)|(?=\d{3,}(?![万元亿千百个人次名项岁%])[\u4e00-\u9fff])|(?![\d%.])))"
    r"|(?P<latin>(?P<lv>[a-hA-H])(?P<lp>[.、)）])(?![a-zA-Z.\d]))"
    r"|(?P<upper>(?P<uv>[A-H])[ \t]+(?=[\u4e00-\u9fff]))"
    r"|(?P<spaced>(?P<sv>\d{1,2})[ \t]+(?=[\u4e00-\u9fff])(?![年月日时分个天号万元次名岁周期级层套台件]|人(?!员)|项(?!目)))"
)
MIDLINE_CN = re.compile(rf"(?<![{SMALL}\d第]){CN_VALUE}、")  # 一、 inside a line
LEADING_MARKER = re.compile(rf"^\s*(?:[（(]?[{SMALL}\d]+[）)、.．]?\s*)")  # any list number opening an item
_SPACE_AFTER = re.compile(r"[ \t]*")

# The numbers of list items inside a section (extract), by family; ``v`` is the value as written.
LIST_MARKERS: tuple[tuple[str, str], ...] = (
    ("cn", rf"(?P<v>{CN_VALUE})[、.．]"),
    ("cn_paren", rf"[（(](?P<v>{CN_VALUE})[）)][、.．]?"),
    ("decimal", r"(?P<v>\d{1,2}\.\d{1,2})(?![万亿元千百%％倍个])(?=[ \t\u4e00-\u9fff“])"),
    ("arabic", r"(?P<v>\d{1,2})[、.．](?!\d)"),
    ("arabic_paren", r"[（(](?P<v>\d{1,2})[）)][、.．]?"),
    ("arabic_half", r"(?P<v>\d{1,2})[)）]"),
    ("circled", r"(?P<v>[①-⑳])"),
    ("latin", r"(?P<v>[a-h])[.、)．]"),
    ("dash", r"(?P<v>[-•·●▪◆■])(?=\s*[\u4e00-\u9fff“])"),
)
# A line that starts like a heading or list item (normalise keeps it off the line before).
LINE_START_MARKER = re.compile(
    rf"^\s*(?:[{SMALL}百]+[、.．]|[（(][{SMALL}\d]+[）)]|\d+(?:\.\d+)*[、.．)）]|"
    rf"第[{SMALL}百\d]+[章节条部分篇]|[①-⑳]|[a-zA-Z][.、)]|[-•·●■◆]\s)"
)
GLUED_CN = re.compile(rf"(?P<v>{CN_VALUE})、(?=[\u4e00-\u9fff])")  # 一、 glued to the text before it


@dataclass(frozen=True)
class Marker:
    """A heading number as written at ``start:end`` (``end`` after trailing spaces)."""

    start: int
    end: int
    number: str  # as written, stripped
    family: str  # cn, cn_paren, arabic, paren_arabic, half_paren, circled, decimalN, latin, chapter, stage...
    value: int
    standard: bool  # one of the GB/T 9704 forms (or 第X章/条 regulation style)


def marker_from_match(m: re.Match[str], text: str) -> Marker:
    """The marker described by a :data:`MARKER_RE` match."""
    end = _SPACE_AFTER.match(text, m.end()).end()  # type: ignore[union-attr]
    number = m.group(0).strip()
    if m.group("chapter"):
        kind = CHAPTER_KINDS[m.group("chk")]
        return Marker(m.start(), end, number, kind, numeral_value(m.group("chv")), True)
    if m.group("stage"):
        value = m.group("stv")
        return Marker(m.start(), end, number, "stage", int(value) if value.isdigit() else numeral_value(value), False)
    if m.group("cnparen"):
        std = m.group(0).startswith("（") and not m.group("cpd")
        return Marker(m.start(), end, number, "cn_paren", numeral_value(m.group("cpv")), std)
    if m.group("cn"):
        return Marker(m.start(), end, number, "cn", numeral_value(m.group("cnv")), m.group("cnp") == "、")
    if m.group("pararabic"):
        std = m.group("pao") == "（" and not m.group("pad")
        return Marker(m.start(), end, number, "paren_arabic", int(m.group("pav")), std)
    if m.group("circled"):
        return Marker(m.start(), end, number, "circled", ord(m.group("circled")) - ord("①") + 1, True)
    if m.group("decimal"):
        parts = m.group("dv").split(".")
        return Marker(m.start(), end, number, f"decimal{len(parts)}", int(parts[-1]), False)
    if m.group("arabic"):
        if m.group("ap") in ")）":
            return Marker(m.start(), end, number, "half_paren", int(m.group("av")), False)
        return Marker(m.start(), end, number, "arabic", int(m.group("av")), m.group("ap") == ".")
    if m.group("spaced"):
        return Marker(m.start(), end, number, "arabic_space", int(m.group("sv")), False)
    if m.group("upper"):
        return Marker(m.start(), end, number, "form_part", ord(m.group("uv")) - ord("A") + 1, False)
    letter = m.group("lv").lower()
    return Marker(m.start(), end, number, "latin", ord(letter) - ord("a") + 1, False)


__all__ = [
    "CHAPTER_KINDS",
    "CN_VALUE",
    "GB_LADDER",
    "GLUED_CN",
    "LEADING_MARKER",
    "LINE_START_MARKER",
    "LIST_MARKERS",
    "MARKER_RE",
    "MIDLINE_CN",
    "Marker",
    "marker_from_match",
]
