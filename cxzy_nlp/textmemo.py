"""Answers kept for the text being analysed: a function of ``(text, ...)`` asked the same question of the same
text twice answers the second time from memory.

Extraction asks the same questions of one document again and again: the dates of a line are read by the
day-by-day calendar reader and again by the flattened-table reader, those of the whole document by the date
facts and again by the deadline reader. :func:`per_text` keeps a function's answers for the few latest texts
only (a document's text, and the title or table cell read between two questions about it), told apart by
identity: a look-up compares no characters, and a text equal to a kept one but another object is only a miss.
The function must depend on its arguments alone (patterns and data loaded once) and return something
immutable (a tuple of frozen records), since every caller shares the one answer.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Hashable
from typing import Any, Concatenate, ParamSpec, TypeVar

P = ParamSpec("P")
R = TypeVar("R")


_TEXTS = 4  # texts kept: the document's and the short ones asked about between its questions


class _Held:
    """A text and the answers found for it, kept and dropped as one object (so a thread that still holds a
    dropped pair writes into that pair, never into the answers of another text)."""

    __slots__ = ("answers", "text")

    def __init__(self, text: str | None) -> None:
        self.text = text
        self.answers: dict[Hashable, Any] = {}


def per_text(fn: Callable[Concatenate[str, P], R]) -> Callable[Concatenate[str, P], R]:
    """``fn`` with its answers kept for the latest few ``text`` (its first argument); ``.forget()`` drops them."""
    latest: list[_Held] = []  # most recent first

    @functools.wraps(fn)
    def kept(text: str, *args: P.args, **kwargs: P.kwargs) -> R:
        for held in latest:  # a loop, not a generator: this runs hundreds of times a document
            if held.text is text:
                break
        else:
            held = _Held(text)
            latest[:] = [held, *latest[: _TEXTS - 1]]
        key = (args, tuple(kwargs.items())) if kwargs else args
        try:
            return held.answers[key]  # type: ignore[no-any-return]
        except KeyError:
            pass
        except TypeError:  # an argument that cannot be a key (a list): no memory
            return fn(text, *args, **kwargs)
        answer = held.answers[key] = fn(text, *args, **kwargs)
        return answer

    def forget() -> None:
        latest.clear()

    kept.forget = forget  # type: ignore[attr-defined]
    return kept


__all__ = ["per_text"]
