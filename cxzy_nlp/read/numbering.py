"""Word automatic numbering: numbering.xml definitions, list counters and labels as Word shows them.

Three layers, each usable alone:

- :func:`format_number` renders one counter value in an ECMA-376 ``ST_NumberFormat``
  (``decimal``, ``chineseCounting``, ``chineseCountingThousand``, ``ideographTraditional``,
  ``decimalEnclosedCircle``, roman, letters ...).
- :class:`NumberingDefinitions` holds ``w:abstractNum`` / ``w:num`` (with ``w:lvlOverride``)
  parsed from ``word/numbering.xml``.
- :class:`ListCounters` walks paragraphs in reading order and returns each numbered
  paragraph's :class:`Label` (``"一、"``, ``"（二）"``, ``"1.2"``), with restarts.

Where ECMA-376 is silent, labels follow what Word displays (documented next to each rule):

- ``chineseCounting``: 1–99 in counting form (十, 十一, 二十一), from 100 digit by digit
  with ``○`` (101 → 一○一), as Word does.
- ``chineseCountingThousand``: full counting form with ``〇`` for skipped places
  (100 → 一百, 101 → 一百〇一, 110 → 一百一十, 10011 → 一万〇一十一).
- ``ideographTraditional`` (甲乙丙…癸), ``ideographZodiac`` and ``decimalEnclosedCircle`` (①…⑳)
  fall back to decimal past the end of their set.
- ``w:num`` instances that point at the same ``w:abstractNum`` share one set of counters (they
  continue one list). A ``w:startOverride`` restarts its level once, at the first paragraph of
  that instance on that level; other levels keep counting (Word shows ``4.`` at level 2 of a new
  instance that only overrides level 1).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from lxml import etree

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
MAX_LEVELS = 9

# ---------------------------------------------------------------- number formats

_ROMAN = (
    (1000, "M"),
    (900, "CM"),
    (500, "D"),
    (400, "CD"),
    (100, "C"),
    (90, "XC"),
    (50, "L"),
    (40, "XL"),
    (10, "X"),
    (9, "IX"),
    (5, "V"),
    (4, "IV"),
    (1, "I"),
)
_STEMS = "甲乙丙丁戊己庚辛壬癸"
_BRANCHES = "子丑寅卯辰巳午未申酉戌亥"
_FULLWIDTH_DIGITS = "０１２３４５６７８９"


@dataclass(frozen=True)
class _CountingSystem:
    """An East Asian counting system: digits, place units, myriad units, zero handling."""

    digits: str  # index 0..9; index 0 is the zero written between places
    units: tuple[str, str, str, str] = ("", "十", "百", "千")
    myriads: tuple[str, ...] = ("", "万", "亿")
    write_zero: bool = True  # write one zero for skipped places (一百〇一)
    elide_one: bool = False  # Japanese: 百一, not 一百一
    bare_ten: bool = True  # 10–19 written 十, 十一 … (not 一十)


_CHINESE_THOUSAND = _CountingSystem(digits="〇一二三四五六七八九")
_TAIWANESE_THOUSAND = _CountingSystem(digits="零一二三四五六七八九", myriads=("", "萬", "億"))
_JAPANESE = _CountingSystem(digits="〇一二三四五六七八九", myriads=("", "万", "億"), write_zero=False, elide_one=True)
_CHINESE_LEGAL = _CountingSystem(digits="零壹贰叁肆伍陆柒捌玖", units=("", "拾", "佰", "仟"), bare_ten=False)
_TRADITIONAL_LEGAL = _CountingSystem(
    digits="零壹貳參肆伍陸柒捌玖", units=("", "拾", "佰", "仟"), myriads=("", "萬", "億"), bare_ten=False
)


def _myriad_group(group: int, system: _CountingSystem) -> str:
    """One group of up to four places (0 < group < 10000), zeros collapsed to one."""
    out: list[str] = []
    pending_zero = False
    for place in (3, 2, 1, 0):
        digit = group // 10**place % 10
        if digit == 0:
            pending_zero = pending_zero or bool(out)
            continue
        if pending_zero and system.write_zero:
            out.append(system.digits[0])
        pending_zero = False
        if not (system.elide_one and digit == 1 and place > 0):
            out.append(system.digits[digit])
        out.append(system.units[place])
    return "".join(out)


def _counting(n: int, system: _CountingSystem) -> str:
    """``n`` in a grouped counting system (一百〇一, 一万〇一十一, 壹佰零贰)."""
    if n <= 0 or n >= 10 ** (4 * len(system.myriads)):
        return str(n)
    groups: list[int] = []
    while n:
        groups.append(n % 10000)
        n //= 10000
    out = ""
    gap = False
    for index in reversed(range(len(groups))):
        group = groups[index]
        if group == 0:
            gap = True
            continue
        if out and (gap or group < 1000) and system.write_zero:
            out += system.digits[0]
        out += _myriad_group(group, system) + system.myriads[index]
        gap = False
    if system.bare_ten and out.startswith(system.digits[1] + system.units[1]):
        out = out[1:]
    return out


def _chinese_counting(n: int) -> str:
    """Word's ``chineseCounting``: 十一, 九十九, then digit by digit from 100 (一○○)."""
    digits = "○一二三四五六七八九"
    if n < 0:
        return str(n)
    if n < 10:
        return digits[n]
    if n < 100:
        tens, ones = divmod(n, 10)
        return ("" if tens == 1 else digits[tens]) + "十" + (digits[ones] if ones else "")
    return "".join(digits[int(c)] for c in str(n))


def _digit_by_digit(n: int, digits: str) -> str:
    return "".join(digits[int(c)] for c in str(n)) if n >= 0 else str(n)


def _roman(n: int) -> str:
    if not 0 < n < 4000:
        return str(n)
    out = []
    for value, numeral in _ROMAN:
        count, n = divmod(n, value)
        out.append(numeral * count)
    return "".join(out)


def _letter(n: int) -> str:
    """A … Z, AA, BB … ZZZ… (Word repeats the letter; it does not count in base 26).

    Past 780 (thirty Zs) the label falls back to decimal, so a hostile ``w:start``
    cannot blow a label up.
    """
    if not 0 < n <= 780:
        return str(n)
    repeats, index = divmod(n - 1, 26)
    return chr(ord("A") + index) * (repeats + 1)


def _from_set(symbols: str | tuple[str, ...]) -> Callable[[int], str]:
    """A bounded symbol set (甲…癸, ①…⑳) that falls back to decimal past its end."""

    def render(n: int) -> str:
        return symbols[n - 1] if 1 <= n <= len(symbols) else str(n)

    return render


def _ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


_ENCLOSED_CIRCLE = "".join(chr(c) for c in range(0x2460, 0x2474))  # ①…⑳
_ENCLOSED_PAREN = "".join(chr(c) for c in range(0x2474, 0x2488))  # ⑴…⒇
_ENCLOSED_FULLSTOP = "".join(chr(c) for c in range(0x2488, 0x249C))  # ⒈…⒛

_FORMATTERS: dict[str, Callable[[int], str]] = {
    "decimal": str,
    "decimalHalfWidth": str,
    "decimalZero": lambda n: f"0{n}" if 0 <= n <= 9 else str(n),
    "decimalFullWidth": lambda n: _digit_by_digit(n, _FULLWIDTH_DIGITS),
    "decimalFullWidth2": lambda n: _digit_by_digit(n, _FULLWIDTH_DIGITS),
    "decimalEnclosedCircle": _from_set(_ENCLOSED_CIRCLE),
    "decimalEnclosedCircleChinese": _from_set(_ENCLOSED_CIRCLE),
    "decimalEnclosedParen": _from_set(_ENCLOSED_PAREN),
    "decimalEnclosedFullstop": _from_set(_ENCLOSED_FULLSTOP),
    "upperRoman": _roman,
    "lowerRoman": lambda n: _roman(n).lower(),
    "upperLetter": _letter,
    "lowerLetter": lambda n: _letter(n).lower(),
    "ordinal": _ordinal,
    "chineseCounting": _chinese_counting,
    "taiwaneseCounting": _chinese_counting,
    "chineseCountingThousand": lambda n: _counting(n, _CHINESE_THOUSAND),
    "taiwaneseCountingThousand": lambda n: _counting(n, _TAIWANESE_THOUSAND),
    "chineseLegalSimplified": lambda n: _counting(n, _CHINESE_LEGAL),
    "ideographLegalTraditional": lambda n: _counting(n, _TRADITIONAL_LEGAL),
    "japaneseCounting": lambda n: _counting(n, _JAPANESE),
    "ideographDigital": lambda n: _digit_by_digit(n, "〇一二三四五六七八九"),
    "taiwaneseDigital": lambda n: _digit_by_digit(n, "〇一二三四五六七八九"),
    "japaneseDigitalTenThousand": lambda n: _digit_by_digit(n, "〇一二三四五六七八九"),
    "ideographTraditional": _from_set(_STEMS),
    "ideographZodiac": _from_set(_BRANCHES),
    "ideographZodiacTraditional": lambda n: _STEMS[(n - 1) % 10] + _BRANCHES[(n - 1) % 12] if n >= 1 else str(n),
    "none": lambda n: "",
}

SUPPORTED_FORMATS = frozenset([*_FORMATTERS, "bullet"])


def format_number(n: int, num_fmt: str) -> str:
    """Counter value ``n`` rendered in the ``ST_NumberFormat`` ``num_fmt`` (unknown formats: decimal)."""
    return _FORMATTERS.get(num_fmt, str)(n)


# Bullets set in Symbol/Wingdings use private-use code points; show the glyph Word draws.
_SYMBOL_BULLETS = {
    "\uf0b7": "•",
    "\uf06c": "●",
    "\uf0a7": "▪",
    "\uf06e": "■",
    "\uf075": "◆",
    "\uf076": "❖",
    "\uf0d8": "➢",
    "\uf0fc": "✓",
    "\uf0a8": "◇",
    "\uf0b2": "◇",
    "\uf071": "❑",
    "\uf0e8": "➔",
    "\uf0d2": "●",
    "\uf09f": "•",
    "\uf02d": "-",
    "\uf06f": "□",
}


def bullet_glyph(text: str) -> str:
    """The visible bullet for a level's ``lvlText``; symbol-font code points mapped to Unicode."""
    out = []
    for ch in text:
        if "\ue000" <= ch <= "\uf8ff":
            out.append(_SYMBOL_BULLETS.get(ch, "•"))
        else:
            out.append(ch)
    return "".join(out)


# ---------------------------------------------------------------- definitions


@dataclass(frozen=True)
class Level:
    """One ``w:lvl`` of a list definition."""

    ilvl: int
    num_fmt: str = "decimal"
    lvl_text: str = ""
    start: int = 1
    restart: int | None = None  # w:lvlRestart (1-based level); None = after any higher level; 0 = never
    is_lgl: bool = False
    suffix: str = "tab"  # tab, space, nothing
    p_style: str | None = None


@dataclass(frozen=True)
class AbstractNum:
    abstract_id: str
    levels: dict[int, Level] = field(default_factory=dict)
    num_style_link: str | None = None  # levels live in the list style's definition


@dataclass(frozen=True)
class NumInstance:
    """One ``w:num``: an abstract definition plus per-level overrides."""

    num_id: str
    abstract_id: str
    start_overrides: dict[int, int] = field(default_factory=dict)
    level_overrides: dict[int, Level] = field(default_factory=dict)


def _int(value: str | None, default: int) -> int:
    try:
        return int(value) if value is not None else default
    except ValueError:
        return default


def _on(el: etree._Element | None, w: str) -> bool:
    """An OOXML on/off property: present and not val=false/0/off."""
    if el is None:
        return False
    return el.get(f"{w}val", "true").lower() not in ("false", "0", "off")


def parse_level(lvl: etree._Element, ns: str = W_NS) -> Level:
    """A ``w:lvl`` element as a :class:`Level`."""
    w = f"{{{ns}}}"

    def val(child: str) -> str | None:
        el = lvl.find(w + child)
        return None if el is None else el.get(w + "val")

    restart = val("lvlRestart")
    text_el = lvl.find(w + "lvlText")
    lvl_text = "" if text_el is None else text_el.get(w + "val", "")
    return Level(
        ilvl=_int(lvl.get(w + "ilvl"), 0),
        num_fmt=val("numFmt") or "decimal",
        lvl_text=lvl_text,
        start=_int(val("start"), 1),
        restart=None if restart is None else _int(restart, 0),
        is_lgl=_on(lvl.find(w + "isLgl"), w),
        suffix=val("suff") or "tab",
        p_style=val("pStyle"),
    )


class NumberingDefinitions:
    """The list definitions of one document (``word/numbering.xml``).

    ``style_num_id`` maps a numbering style id to the ``numId`` in its ``w:numPr``, which is
    how ``w:numStyleLink`` reaches the definition that holds the levels.
    """

    def __init__(
        self,
        abstracts: dict[str, AbstractNum],
        nums: dict[str, NumInstance],
        style_num_id: Callable[[str], str | None] | None = None,
    ):
        self.abstracts = abstracts
        self.nums = nums
        self._style_num_id = style_num_id or (lambda style_id: None)

    @classmethod
    def empty(cls) -> NumberingDefinitions:
        return cls({}, {})

    @classmethod
    def from_xml(
        cls, root: etree._Element | None, ns: str = W_NS, style_num_id: Callable[[str], str | None] | None = None
    ) -> NumberingDefinitions:
        """Parse the root of ``word/numbering.xml`` (None gives no lists)."""
        if root is None:
            return cls({}, {}, style_num_id)
        w = f"{{{ns}}}"
        abstracts: dict[str, AbstractNum] = {}
        for an in root.iterchildren(w + "abstractNum"):
            aid = an.get(w + "abstractNumId", "")
            levels: dict[int, Level] = {}
            for lvl in an.iterchildren(w + "lvl"):
                level = parse_level(lvl, ns)
                levels.setdefault(level.ilvl, level)
            link = an.find(w + "numStyleLink")
            abstracts[aid] = AbstractNum(aid, levels, None if link is None else link.get(w + "val"))
        nums: dict[str, NumInstance] = {}
        for num in root.iterchildren(w + "num"):
            nid = num.get(w + "numId", "")
            ref = num.find(w + "abstractNumId")
            starts: dict[int, int] = {}
            overrides: dict[int, Level] = {}
            for ov in num.iterchildren(w + "lvlOverride"):
                ilvl = _int(ov.get(w + "ilvl"), 0)
                so = ov.find(w + "startOverride")
                if so is not None:
                    starts[ilvl] = _int(so.get(w + "val"), 1)
                lvl = ov.find(w + "lvl")
                if lvl is not None:
                    overrides[ilvl] = parse_level(lvl, ns)
            nums[nid] = NumInstance(nid, "" if ref is None else ref.get(w + "val", ""), starts, overrides)
        return cls(abstracts, nums, style_num_id)

    def abstract_for(self, num_id: str) -> AbstractNum | None:
        """The abstract definition holding the levels of ``num_id`` (follows ``numStyleLink``)."""
        num = self.nums.get(num_id)
        seen: set[str] = set()
        while num is not None and num.num_id not in seen:
            seen.add(num.num_id)
            abstract = self.abstracts.get(num.abstract_id)
            if abstract is None:
                return None
            if abstract.num_style_link is None or abstract.levels:
                return abstract
            linked = self._style_num_id(abstract.num_style_link)
            num = self.nums.get(linked) if linked else None
        return None

    def level(self, num_id: str, ilvl: int) -> Level | None:
        """The effective level ``ilvl`` of list ``num_id`` (override first), or None."""
        num = self.nums.get(num_id)
        if num is None:
            return None
        if ilvl in num.level_overrides:
            return num.level_overrides[ilvl]
        abstract = self.abstract_for(num_id)
        return None if abstract is None else abstract.levels.get(ilvl)

    def level_for_style(self, num_id: str, style_id: str) -> int | None:
        """The level whose ``w:pStyle`` names ``style_id`` (style-linked numbering without ilvl)."""
        abstract = self.abstract_for(num_id)
        if abstract is None:
            return None
        for level in abstract.levels.values():
            if level.p_style == style_id:
                return level.ilvl
        return None


# ---------------------------------------------------------------- counters and labels


@dataclass(frozen=True)
class Label:
    """A rendered list label and how Word separates it from the paragraph text."""

    text: str  # "一、", "（二）", "1.2", "•"
    suffix: str  # tab, space, nothing
    num_id: str
    ilvl: int

    def joined_with(self, body: str) -> str:
        """Label and paragraph text as one line.

        Word puts a tab or space after the label (``w:suff``). A tab is shown as nothing
        when the label already ends in Chinese punctuation (``一、``, ``（一）``), otherwise as
        one space, so ``一、总则``, ``第一章 总则`` and ``1. 总则`` read as a person sees them.
        """
        if not self.text:
            return body
        if self.suffix == "nothing" or not body or self.text[-1] in _CLOSING_PUNCT:
            return self.text + body
        return f"{self.text} {body}"


_CLOSING_PUNCT = frozenset("、）)】］〕」』．。：:，,；;")


class ListCounters:
    """Counters of every list in one document, advanced paragraph by paragraph in reading order."""

    def __init__(self, definitions: NumberingDefinitions):
        self.definitions = definitions
        self._counters: dict[str, list[int | None]] = {}
        self._overrides_applied: set[tuple[str, int]] = set()

    def _list_key(self, num_id: str) -> str:
        abstract = self.definitions.abstract_for(num_id)
        return abstract.abstract_id if abstract else self.definitions.nums[num_id].abstract_id

    def _start(self, num_id: str, ilvl: int) -> int:
        level = self.definitions.level(num_id, ilvl)
        return level.start if level is not None else 1

    def advance(self, num_id: str, ilvl: int) -> Label | None:
        """Count one paragraph at ``ilvl`` of list ``num_id``; its label, or None if not a list."""
        if num_id in ("", "0") or num_id not in self.definitions.nums:
            return None
        ilvl = min(max(ilvl, 0), MAX_LEVELS - 1)
        level = self.definitions.level(num_id, ilvl)
        if level is None:
            return None
        counters = self._counters.setdefault(self._list_key(num_id), [None] * MAX_LEVELS)
        overrides = self.definitions.nums[num_id].start_overrides
        if ilvl in overrides and (num_id, ilvl) not in self._overrides_applied:
            self._overrides_applied.add((num_id, ilvl))
            counters[ilvl] = overrides[ilvl]
        else:
            current = counters[ilvl]
            counters[ilvl] = self._start(num_id, ilvl) if current is None else current + 1
        self._restart_below(num_id, ilvl, counters)
        return Label(self._render(num_id, level, counters), level.suffix, num_id, ilvl)

    def _restart_below(self, num_id: str, ilvl: int, counters: list[int | None]) -> None:
        for deeper in range(ilvl + 1, MAX_LEVELS):
            level = self.definitions.level(num_id, deeper)
            restart = None if level is None else level.restart
            if restart == 0:
                continue  # w:lvlRestart 0: never restarts
            if restart is None or ilvl <= restart - 1:
                counters[deeper] = None

    def _render(self, num_id: str, level: Level, counters: list[int | None]) -> str:
        if level.num_fmt == "bullet":
            return bullet_glyph(level.lvl_text)
        text = level.lvl_text
        out: list[str] = []
        i = 0
        while i < len(text):
            ch = text[i]
            if ch == "%" and i + 1 < len(text) and text[i + 1] in "123456789":
                ref = int(text[i + 1]) - 1
                out.append(self._render_counter(num_id, ref, counters, level.is_lgl))
                i += 2
                continue
            out.append(ch)
            i += 1
        return "".join(out)

    def _render_counter(self, num_id: str, ilvl: int, counters: list[int | None], legal: bool) -> str:
        value = counters[ilvl]
        if value is None:
            value = self._start(num_id, ilvl)
        ref_level = self.definitions.level(num_id, ilvl)
        fmt = ref_level.num_fmt if ref_level is not None else "decimal"
        if legal and fmt not in ("none", "bullet"):
            fmt = "decimal"  # w:isLgl: every level shown in Arabic numerals
        if fmt == "bullet":
            return ""
        return format_number(value, fmt)


__all__ = [
    "SUPPORTED_FORMATS",
    "AbstractNum",
    "Label",
    "Level",
    "ListCounters",
    "NumInstance",
    "NumberingDefinitions",
    "bullet_glyph",
    "format_number",
    "parse_level",
]
