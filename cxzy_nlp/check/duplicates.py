"""The same passage twice in one document (paste errors, stitched compilations)."""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cached_property

from ..chinese.sentences import CLAUSE_STOPS, sentence_pattern
from ..model import Finding, Span
from .context import Context

_PARAGRAPH = re.compile(r"[^\n]+")
_SENTENCE = sentence_pattern(CLAUSE_STOPS + "\n", "?")
_NOISE_CHARS = r"\s\d，。、；：！？“”‘’（）《》,.;:!?()\-—…·"
_NOISE = re.compile(f"[{_NOISE_CHARS}]")
_KEPT_RUN = re.compile(f"[^{_NOISE_CHARS}]+")  # the complement of _NOISE: passage_key(s) == "".join(runs)
HEADING_MAX_CHARS = 30  # longer "headings" are body text glued to a heading and take part in the comparison


def passage_key(passage: str) -> str:
    """A passage reduced to what makes it the same: no spaces, punctuation or digits."""
    return _NOISE.sub("", passage)


@dataclass(frozen=True)
class KeyText:
    """The document with noise removed, and where each kept character came from."""

    ctx: Context

    @cached_property
    def _kept(self) -> tuple[str, list[int]]:
        lo, hi = self.ctx.doc.span
        pieces: list[str] = []
        offsets: list[int] = []
        for m in _KEPT_RUN.finditer(self.ctx.text, lo, hi):
            pieces.append(m.group(0))
            offsets.extend(range(m.start(), m.end()))
        return "".join(pieces), offsets

    def key(self, span: Span) -> str:
        """``passage_key`` of the text at ``span`` (inside the document), cut from the kept text."""
        text, offsets = self._kept
        return text[bisect.bisect_left(offsets, span[0]) : bisect.bisect_left(offsets, span[1])]

    def earlier(self, key: str, before: int) -> Span | None:
        """Where ``key`` occurs wholly before offset ``before``, if it does."""
        text, offsets = self._kept
        limit = bisect.bisect_left(offsets, before)
        at = text.find(key, 0, limit)
        if at < 0 or at + len(key) > limit:
            return None
        return offsets[at], offsets[at + len(key) - 1] + 1


def _without_heading(span: Span, starts: list[int], ends: list[int]) -> Span:
    """The unit minus a short heading it opens with (二、工作目标到2024年…): headings are not passages."""
    i = bisect.bisect_right(starts, span[0]) - 1
    if i >= 0 and span[0] - 8 <= starts[i] and ends[i] > span[0]:
        return (min(ends[i], span[1]), span[1])
    return span


_DIGITS = re.compile(r"\d+")
_CLAUSE = re.compile(r"[，。；,;！？]")


def _deliberate(ctx: Context, span: Span, earlier: Span) -> bool:
    """Repetition a writer means: rows that differ in their figures (2018年：…800公里 / 2019年：…900公里),
    a table row or a name without a sentence in it (a form and the plan attached to it), and the same
    passage under two parts with the same heading (the rules of 初赛 and of 决赛)."""
    here, there = ctx.text[span[0] : span[1]], ctx.text[earlier[0] : earlier[1]]
    if _DIGITS.findall(here) != _DIGITS.findall(there):
        return True
    if "\t" in here or not _CLAUSE.search(here.rstrip("。；;，,")):
        return True
    a, b = ctx.section_at(span[0]), ctx.section_at(earlier[0])
    return (
        a is not None
        and b is not None
        and a is not b
        and a.heading.strip() == b.heading.strip()
        and not a.heading_span[0] <= span[0] < a.heading_span[1]  # the passage is not the heading itself
    )


def duplicate_passage(ctx: Context) -> Iterator[Finding]:
    """Paragraphs, then sentences, found earlier in the document; a run of repeats is reported once.

    A goal restated as the heading of its task is not a repeat (headings are left out), and neither is
    deliberate repetition (see :func:`_deliberate`).
    """
    min_chars = int(ctx.setting("duplicate-passage", "min_chars", 24))
    headings = sorted(s.heading_span for s in ctx.sections if len(s.heading) <= HEADING_MAX_CHARS)
    starts, ends = [h[0] for h in headings], [h[1] for h in headings]
    keyed = KeyText(ctx)
    reported: list[Span] = []
    for unit in (_PARAGRAPH, _SENTENCE):
        for whole, _passage in ctx.finditer(unit):
            title = ctx.doc.title_span
            if title and whole[0] < title[1] and title[0] < whole[1]:
                continue  # a plan's title repeats the notice that sends it
            span = _without_heading(whole, starts, ends)
            key = keyed.key(span)
            if len(key) < min_chars or any(a <= span[0] and span[1] <= b for a, b in reported):
                continue
            earlier = keyed.earlier(key, span[0])
            if earlier is None or _deliberate(ctx, span, earlier):
                continue
            continues = any(a - 2 <= span[0] <= b + 2 for a, b in reported)
            reported.append(span)
            if continues:
                continue  # right after a passage already reported
            where, _ = ctx.place_at(earlier[0])
            yield ctx.finding_at(
                "duplicate-passage", span, f"这段文字与前文（{where}）重复，请删去重复部分或核对是否拼接了其他文件"
            )
