"""``finditer`` that only tries a pattern where one of its possible first characters stands.

Python's ``re`` skips ahead quickly only for patterns that open with a literal or a plain
character class; the rule and extraction patterns (alternations opening with lookbehinds or
groups) are instead tried at every position of the text. :func:`first_chars` reads the parsed
pattern and returns every character a non-empty match can start with (None when that cannot be
told: classes such as ``\\d``, ``.``, negated sets, case folding, or a pattern that can match the
empty string). :func:`finditer` then jumps between those characters with a one-class search and
tries the pattern only there (:func:`search` finds the first match so); its gate may also hold the
digit and space classes (``\\d``, ``\\s``, under the pattern's own ASCII flag), which are few in
Chinese text. A match found there is the one ``re.finditer`` finds: a match must consume its first
character at its start, lookarounds still see the whole string (before ``pos`` too, as with ``re``),
and the scan resumes at the end of each (non-empty) match, as ``re.finditer`` does.

That jump need not be made in Python: ``_sre`` itself skips to the characters of a set before trying a pattern
when the pattern's code opens with a character-set prefix (``SRE_INFO_CHARSET``), which ``re`` writes only for a
pattern that opens with a plain class or literals. :func:`_twin` compiles the same pattern with its gate written
there, so ``finditer`` and ``search`` hand the whole scan to ``_sre``: the same matches at the same places (the
gate holds the first character of every match, and a gated pattern matches no empty string), without two calls
and a loop step in Python per candidate. The twin's code is kept between runs beside the gates; where ``re`` is
not built the way this module knows, the scan in Python stands.
"""

from __future__ import annotations

import re
import zlib
from array import array
from collections.abc import Callable, Iterator
from functools import lru_cache
from pathlib import Path
from typing import Any

from .patterncache import derived, pattern_from

try:  # Python 3.11+
    from re import _constants as _c  # type: ignore[attr-defined]
    from re import _parser as _p  # type: ignore[attr-defined]
except ImportError:  # pragma: no cover - older Pythons: no shortcut
    _c = _p = None

_MAX_RANGE = 256  # a wider class is no useful gate
_ZERO_WIDTH = () if _c is None else (_c.ASSERT, _c.ASSERT_NOT, _c.AT)
_REPEATS = (
    ()
    if _c is None
    else tuple(getattr(_c, name) for name in ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT") if hasattr(_c, name))
)


_CATEGORIES = {} if _c is None else {_c.CATEGORY_DIGIT: "\\d", _c.CATEGORY_SPACE: "\\s"}


class _Unknown(Exception):
    """The first characters of this piece cannot be listed."""


def _class_chars(items: list[tuple[Any, Any]]) -> set[str]:
    chars: set[str] = set()
    for op, av in items:
        if op is _c.LITERAL:
            chars.add(chr(av))
        elif op is _c.RANGE and av[1] - av[0] < _MAX_RANGE:
            chars.update(map(chr, range(av[0], av[1] + 1)))
        elif op is _c.CATEGORY and av in _CATEGORIES:
            chars.add(_CATEGORIES[av])  # a class escape: a gate can hold it, a list of characters cannot
        else:  # NEGATE, CATEGORY \w and the negated ones, a wide range
            raise _Unknown
    return chars


def _first(items: Any, chars: set[str]) -> bool:
    """Add the possible first consumed characters of the sequence ``items``; True if it can be empty."""
    for op, av in items:
        if op in _ZERO_WIDTH:
            continue
        if op is _c.LITERAL:
            chars.add(chr(av))
            return False
        if op is _c.IN:
            chars |= _class_chars(av)
            return False
        if op is _c.BRANCH:
            nullable = False
            for alternative in av[1]:
                nullable |= _first(alternative, chars)
        elif op is _c.SUBPATTERN:
            _group, add_flags, _del_flags, inner = av
            if add_flags & re.IGNORECASE:
                raise _Unknown
            nullable = _first(inner, chars)
        elif op in _REPEATS:
            low, _high, inner = av
            nullable = _first(inner, chars) or low == 0
        elif op is getattr(_c, "ATOMIC_GROUP", None):
            nullable = _first(av, chars)
        else:  # ANY, NOT_LITERAL, GROUPREF, CATEGORY ...
            raise _Unknown
        if not nullable:
            return False
    return True


def _gate_items(regex: re.Pattern[str]) -> frozenset[str] | None:
    """The first characters of a non-empty match, with ``\\d``/``\\s`` standing for their class."""
    if _p is None or regex.flags & re.IGNORECASE:
        return None
    chars: set[str] = set()
    try:
        parsed = _p.parse(regex.pattern, regex.flags)
        if parsed.state.flags & re.IGNORECASE or _first(parsed.data, chars):
            return None  # case folding, or a pattern that can match the empty string
    except (_Unknown, re.error, RecursionError):
        return None
    return frozenset(chars)


def first_chars(regex: re.Pattern[str]) -> frozenset[str] | None:
    """Every character a non-empty match of ``regex`` can start with; None when not known."""
    chars = _gate_items(regex)
    if chars is None or any(len(c) > 1 for c in chars):
        return None
    return chars


@lru_cache(maxsize=1)
def _code_version() -> int:
    """A checksum of this module's source: gates kept by an earlier version of it are not used."""
    try:
        return zlib.crc32(Path(__file__).read_bytes())
    except OSError:  # pragma: no cover - no source beside the bytecode
        return 0


def _class_source(items: frozenset[str]) -> str:
    """A one-class pattern of characters and class escapes (``\\d``, ``\\s``)."""
    return "[" + "".join(c if len(c) > 1 else re.escape(c) for c in sorted(items)) + "]"


def _gate_source(regex: re.Pattern[str]) -> str | None:
    items = _gate_items(regex)
    return _class_source(items) if items else None


@lru_cache(maxsize=1024)
def _gate(regex: re.Pattern[str]) -> re.Pattern[str] | None:
    # worked out once per pattern, and kept between runs of the command line (parsing a pattern again is dear)
    source = derived(("gate", _code_version(), regex.pattern, regex.flags), lambda: _gate_source(regex))
    # the class escapes mean what they mean in the pattern (``regex.flags`` holds its inline flags too)
    return None if source is None else re.compile(source, regex.flags & re.ASCII)


def _twin_entry(regex: re.Pattern[str], items: frozenset[str] | None = None) -> tuple[Any, ...] | None:
    """What ``_sre.compile`` takes (as :mod:`patterncache` keeps it) for ``regex`` with its gate (or ``items``, a
    test's) as the code's character-set prefix; None when it has no gate or ``re`` is not built the way this
    function knows."""
    items = _gate_items(regex) if items is None else items
    if not items:
        return None
    try:
        import _sre
        from re import _compiler as _k  # type: ignore[attr-defined]

        parsed = _p.parse(regex.pattern, regex.flags)
        flags = parsed.state.flags | regex.flags
        low, high = parsed.getwidth()
        if low == 0:
            return None
        code = [_c.INFO, 0, _c.SRE_INFO_CHARSET, min(low, _k.MAXCODE), min(high, _k.MAXCODE)]
        (only,) = items if len(items) == 1 else ("",)
        if len(only) == 1:  # one character: a one-character prefix, which _sre looks for in a tighter loop
            code[2] = _c.SRE_INFO_PREFIX
            code += [1, 0, ord(only), 0]  # its length, none of the body skipped, the character, its overlap table
        else:
            categories = {"\\d": _c.CATEGORY_DIGIT, "\\s": _c.CATEGORY_SPACE}
            charset = [(_c.CATEGORY, categories[c]) if len(c) > 1 else (_c.LITERAL, ord(c)) for c in sorted(items)]
            charset, cased = _k._optimize_charset(charset)
            if cased:
                return None
            _k._compile_charset(charset, flags, code)
        code[1] = len(code) - 1
        _k._compile(code, parsed.data, flags)
        code.append(_c.SUCCESS)
        groupindex = dict(parsed.state.groupdict)
        indexgroup: list[str | None] = [None] * parsed.state.groups
        for name, number in groupindex.items():
            indexgroup[number] = name
        kind = next(t for t in ("I", "L", "H") if array(t).itemsize == _sre.CODESIZE)
        return (flags, array(kind, code).tobytes(), parsed.state.groups - 1, groupindex, tuple(indexgroup))
    except Exception:  # another Python's re: no twin, the scan in Python
        return None


@lru_cache(maxsize=1024)
def _twin(regex: re.Pattern[str]) -> re.Pattern[str] | None:
    """``regex`` compiled with its gate as the code's character-set prefix, so ``_sre`` skips to the gate's
    characters itself; None when there is no gate or the twin cannot be made."""
    return _compiled_twin("twin", regex, _twin_entry)


def _after_items(regex: re.Pattern[str]) -> tuple[bool, frozenset[str]] | None:
    """For a pattern that opens where a clause opens (``(?:^|(?<=[\\n。；，]))…``): whether a match may open the
    text, and the characters one of which stands just before any other match (the last character of each
    lookbehind; a line break for a multi-line ``^``). None when a match may open elsewhere or be empty."""
    if _p is None or regex.flags & re.IGNORECASE:
        return None
    try:
        parsed = _p.parse(regex.pattern, regex.flags)
        if parsed.state.flags & re.IGNORECASE or parsed.getwidth()[0] == 0 or not len(parsed.data):
            return None
        op, av = parsed.data[0]
        alternatives = av[1] if op is _c.BRANCH else [[(op, av)]]
        begins, chars = False, set()
        for alternative in alternatives:
            if len(alternative) != 1:
                return None
            op, av = alternative[0]
            line_start = av is _c.AT_BEGINNING_LINE or (av is _c.AT_BEGINNING and parsed.state.flags & re.MULTILINE)
            if op is _c.AT and av in (_c.AT_BEGINNING, _c.AT_BEGINNING_STRING) and not line_start:
                begins = True
            elif op is _c.AT and line_start:  # ^ under re.MULTILINE
                begins = True
                chars.add("\n")
            elif op is _c.ASSERT and av[0] == -1 and len(av[1]):  # a lookbehind: its last character
                last_op, last_av = av[1][-1]
                if last_op is _c.LITERAL:
                    chars.add(chr(last_av))
                elif last_op is _c.IN:
                    chars |= _class_chars(last_av)
                else:
                    return None
            else:
                return None
    except (_Unknown, re.error, RecursionError, TypeError, ValueError):
        return None
    return begins, frozenset(chars)


def _after_source(regex: re.Pattern[str]) -> tuple[bool, str] | None:
    found = _after_items(regex)
    if found is None or not found[1]:
        return None
    return found[0], _class_source(found[1])


@lru_cache(maxsize=1024)
def _after_gate(regex: re.Pattern[str]) -> tuple[bool, re.Pattern[str]] | None:
    found = derived(("after", _code_version(), regex.pattern, regex.flags), lambda: _after_source(regex))
    return None if found is None else (found[0], re.compile(found[1], regex.flags & re.ASCII))


def _after_twin_entry(regex: re.Pattern[str], items: frozenset[str] | None = None) -> tuple[Any, ...] | None:
    """For a pattern that opens where a clause opens: the code of a pattern that consumes one of the characters
    that stand before a match (``items``, a test's, or those of :func:`_after_items`) and then matches the rest
    of ``regex`` (all but its opening lookbehinds), as :mod:`patterncache` keeps it; ``_sre`` skips to those
    characters itself and tries the rest only there. None when ``regex`` is not of that shape."""
    found = _after_items(regex)
    if found is None or not found[1]:
        return None
    items = found[1] if items is None else items
    try:
        import _sre
        from re import _compiler as _k  # type: ignore[attr-defined]

        parsed = _p.parse(regex.pattern, regex.flags)
        flags = parsed.state.flags | regex.flags
        rest = list(parsed.data[1:])
        if not rest:
            return None
        categories = {"\\d": _c.CATEGORY_DIGIT, "\\s": _c.CATEGORY_SPACE}
        charset = [(_c.CATEGORY, categories[c]) if len(c) > 1 else (_c.LITERAL, ord(c)) for c in sorted(items)]
        code = _k._code(_p.SubPattern(parsed.state, [(_c.IN, charset), *rest]), flags)
        groupindex = dict(parsed.state.groupdict)
        indexgroup: list[str | None] = [None] * parsed.state.groups
        for name, number in groupindex.items():
            indexgroup[number] = name
        kind = next(t for t in ("I", "L", "H") if array(t).itemsize == _sre.CODESIZE)
        return (flags, array(kind, code).tobytes(), parsed.state.groups - 1, groupindex, tuple(indexgroup))
    except Exception:  # another Python's re: the scan in Python
        return None


@lru_cache(maxsize=1024)
def _after_twin(regex: re.Pattern[str]) -> re.Pattern[str] | None:
    return _compiled_twin("after-twin", regex, _after_twin_entry)


def _compiled_twin(kind: str, regex: re.Pattern[str], make: Callable[[re.Pattern[str]], Any]) -> re.Pattern[str] | None:
    """The twin of ``kind`` made by ``make`` (its code kept between runs in the derived cache), None when there is
    none or ``_sre`` refuses its code: the scan in Python then."""
    entry = derived((kind, _code_version(), regex.pattern, regex.flags), lambda: make(regex))
    if entry is None:
        return None
    try:
        return pattern_from(regex.pattern, entry)
    except Exception:
        return None


def _after_scan(
    regex: re.Pattern[str], begins: bool, gate: re.Pattern[str], text: str, pos: int, end: int
) -> Iterator[re.Match[str]]:
    """The non-empty matches of ``regex`` tried only at the text's opening and after a hit of ``gate`` (a hit at
    ``s``: try at ``s + 1``).

    ``gate`` is the one-class pattern of :func:`_after_gate`, or better the twin of :func:`_after_twin`, whose
    candidates ``_sre`` finds itself: a hit at ``s`` says a gate character stands at ``s`` and the rest of the
    pattern matches from ``s + 1``; ``regex`` itself, matched there, checks the whole lookbehind (the gate holds
    its last character only) and gives the match object. Python then steps once per hit, not per gate character."""
    match = regex.match
    if begins and pos == 0 and (m := match(text, 0, end)) is not None:
        yield m
        pos = m.end()
    look = max(pos - 1, 0)  # the character before ``pos`` may open a match at ``pos``
    find = gate.search
    while (candidate := find(text, look, end)) is not None:
        at = candidate.start() + 1
        m = match(text, at, end) if at >= pos else None
        if m is None:
            look = at
            continue
        yield m
        pos = m.end()
        look = pos - 1


def finditer(regex: re.Pattern[str], text: str, pos: int = 0, endpos: int | None = None) -> Iterator[re.Match[str]]:
    """The matches ``regex.finditer(text, pos, endpos)`` gives that are not empty, found faster when possible."""
    twin = _twin(regex)
    if twin is not None:
        return twin.finditer(text, pos, len(text) if endpos is None else endpos)
    return _finditer(regex, text, pos, endpos)


def _finditer(regex: re.Pattern[str], text: str, pos: int = 0, endpos: int | None = None) -> Iterator[re.Match[str]]:
    end = len(text) if endpos is None else endpos
    gate = _gate(regex)
    if gate is None:
        after = _after_gate(regex)
        if after is not None:
            yield from _after_scan(regex, after[0], _after_twin(regex) or after[1], text, pos, end)
            return
        yield from (m for m in regex.finditer(text, pos, end) if m.end() > m.start())
        return
    search, match = gate.search, regex.match
    while (candidate := search(text, pos, end)) is not None:
        at = candidate.start()
        m = match(text, at, end)
        if m is None:
            pos = at + 1
            continue
        yield m
        pos = m.end()


def search(regex: re.Pattern[str], text: str, pos: int = 0, endpos: int | None = None) -> re.Match[str] | None:
    """The match ``regex.search(text, pos, endpos)`` gives, found faster when possible.

    With a gate the pattern cannot match the empty string, so its leftmost match starts on a gate character:
    the first of those where the pattern matches."""
    end = len(text) if endpos is None else endpos
    twin = _twin(regex)
    if twin is not None:
        return twin.search(text, pos, end)
    gate = _gate(regex)
    if gate is None:
        after = _after_gate(regex)
        if after is not None:
            return next(_after_scan(regex, after[0], _after_twin(regex) or after[1], text, pos, end), None)
        return regex.search(text, pos, end)
    find, match = gate.search, regex.match
    while (candidate := find(text, pos, end)) is not None:
        m = match(text, candidate.start(), end)
        if m is not None:
            return m
        pos = candidate.start() + 1
    return None


__all__ = ["finditer", "first_chars", "search"]
