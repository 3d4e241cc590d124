"""Passages: sentence-to-paragraph pieces of a document's normalised text, and their shingle keys.

A passage is cut at 。！？； and newlines, short pieces are merged with their neighbours,
long ones are cut again. Its *key* is the passage with punctuation and whitespace removed,
so a changed comma or a re-wrapped line does not change the key; ``key_offsets`` maps each
key character back to its offset in the file's normalised text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..chinese.sentences import ASCII_STOPS, CLAUSE_STOPS, sentence_pattern
from ..model import Span

SENTENCE = sentence_pattern(CLAUSE_STOPS + ASCII_STOPS + "\n", "*")  # a sentence and the ends that close it
# Characters that carry content: CJK ideographs, letters and digits. Everything else is stripped.
CONTENT_CHAR = re.compile(r"[^\W_]")
NON_CONTENT = re.compile(r"[\W_]+")


@dataclass(frozen=True)
class PassageRules:
    """How text is cut into passages (sizes in characters, punctuation included; keys count content only)."""

    min_chars: int = 24  # a sentence shorter than this is merged with the next one
    max_chars: int = 240  # a passage longer than this is cut at the last sentence end before it
    min_key_chars: int = 12  # shorter passages (headings, lone numbers) are not compared


def content_length(text: str) -> int:
    """Content characters in ``text`` (letters, digits, ideographs)."""
    return len(NON_CONTENT.sub("", text))


def sentence_spans(text: str, span: Span) -> list[Span]:
    """Sentences of ``text[span[0]:span[1]]``, ending punctuation included, blank ones dropped."""
    return [m.span() for m in SENTENCE.finditer(text, span[0], span[1]) if not m.group().isspace()]


def merge_sentences(text: str, sentences: list[Span], rules: PassageRules) -> list[Span]:
    """Greedy merge of consecutive sentences into passages of min..max characters (punctuation included)."""
    out: list[Span] = []
    cur: Span | None = None
    cur_len = 0
    for s, e in sentences:
        n = e - s
        if cur is not None and cur_len + n > rules.max_chars and cur_len >= rules.min_chars:
            out.append(cur)
            cur, cur_len = None, 0
        cur = (cur[0], e) if cur is not None else (s, e)
        cur_len += n
        if cur_len >= rules.min_chars:
            out.append(cur)
            cur, cur_len = None, 0
    if cur is not None:
        if out and cur_len < rules.min_chars and out[-1][1] - out[-1][0] + cur_len <= rules.max_chars:
            out[-1] = (out[-1][0], cur[1])
        else:
            out.append(cur)
    return out


def passage_spans(text: str, span: Span, rules: PassageRules = PassageRules()) -> list[Span]:
    """The passages of one document: its span cut into sentences and merged."""
    return merge_sentences(text, sentence_spans(text, span), rules)


def passage_key(text: str, span: Span) -> tuple[str, list[int]]:
    """The content characters of ``text[span]`` and the offset of each in ``text``."""
    found = list(CONTENT_CHAR.finditer(text, span[0], span[1]))
    return "".join(m.group() for m in found), [m.start() for m in found]


def strip_key(text: str) -> str:
    """Content characters only: what shingles and alignment compare."""
    return NON_CONTENT.sub("", text)
