"""Word-boundary matching: a listed word counts only where it is a word of the sentence.

``范文`` inside ``规范文明`` or ``本报告`` inside ``成本报告`` is no match. The segmenter (jieba, with the
domain dictionary, loaded once by :mod:`cxzy_nlp.extract.nlp`) is imported only when a short match has
to be judged, so a check that needs no segmentation pays nothing for it.
"""

from __future__ import annotations

import re

from ..model import Span

_HAN = re.compile(r"[\u4e00-\u9fff]+")
CONTEXT_CHARS = 12  # characters on each side the segmenter sees
SHORT_WORD = 3  # longer matches carry their own context and are taken as written


def is_word(text: str, span: Span) -> bool:
    """Whether ``text[span]`` begins and ends on word boundaries of its surroundings."""
    start, end = span
    piece = text[start:end]
    if len(piece) > SHORT_WORD or not _HAN.fullmatch(piece):
        return True
    lo, hi = max(0, start - CONTEXT_CHARS), min(len(text), end + CONTEXT_CHARS)
    from ..extract.nlp import words

    bounds = {lo}
    at = lo
    for word in words(text[lo:hi]):
        found = text.find(word, at, hi)
        if found < 0:
            return True  # the segmenter changed the text: do not judge
        at = found + len(word)
        bounds.update((found, at))
    return start in bounds and end in bounds


__all__ = ["is_word"]
