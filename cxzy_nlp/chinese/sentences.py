"""Where a sentence ends: the one list of stop characters, one pattern builder and one finder.

``FULL_STOPS`` end a sentence; ``CLAUSE_STOPS`` also end a clause of a list (；). Each caller
picks a set and whether line ends count; the characters are defined here only.
"""

from __future__ import annotations

import re
from functools import lru_cache

FULL_STOPS = "。！？"
CLAUSE_STOPS = "。！？；"
ASCII_STOPS = "!?;"  # half-width forms, in the same order as the full-width ones (no ".": 1.5, 3.1节)
HEADING_STOPS = CLAUSE_STOPS + "：:;!?"  # a heading glued to its text ends at one of these
PARAGRAPH_ENDS = "。！？；：…”’）)」』】!?;:"  # a line ending in one of these ends its paragraph (no re-joining)


@lru_cache(maxsize=64)
def stop_class(stops: str) -> re.Pattern[str]:
    """A one-character class of ``stops`` (``[。！？；\\n]``)."""
    return re.compile(f"[{re.escape(stops)}]")


@lru_cache(maxsize=64)
def sentence_pattern(stops: str = CLAUSE_STOPS + "\n", closing: str = "?") -> re.Pattern[str]:
    """A sentence and the stops that close it: ``[^stops]+[stops]{closing}``.

    ``closing`` is a quantifier for the stops kept after the text: ``"?"`` one at most (a line
    end is not kept), ``"*"`` all of them (line ends too), ``""`` none.
    """
    body = re.escape(stops)
    if not closing:
        return re.compile(f"[^{body}]+")
    kept = re.escape(stops.replace("\n", "")) if closing == "?" else body
    return re.compile(f"[^{body}]+[{kept}]{closing}")


def sentence_span(
    text: str, span: tuple[int, int], lo: int = 0, hi: int | None = None, stops: str = CLAUSE_STOPS + "\n"
) -> tuple[int, int]:
    """The sentence around ``span`` inside ``text[lo:hi]``: from just after the last stop before it
    to the first stop after it, that stop included."""
    hi = len(text) if hi is None else hi
    start = span[0]
    if start > lo:
        last = max(text.rfind(mark, lo, start) for mark in stops)
        start = last + 1 if last >= 0 else lo
    end = span[1]
    if end < hi:
        found = stop_class(stops).search(text, end, hi)
        end = found.start() if found else hi
    return (start, min(hi, end + 1))


__all__ = [
    "ASCII_STOPS",
    "CLAUSE_STOPS",
    "FULL_STOPS",
    "HEADING_STOPS",
    "PARAGRAPH_ENDS",
    "sentence_pattern",
    "sentence_span",
    "stop_class",
]
