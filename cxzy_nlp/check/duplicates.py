"""The same passage twice in one document (paste errors, stitched compilations)."""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..model import Finding, Span
from .context import Context

_SENTENCE = re.compile(r"[^。！？；\n]+[。！？；]?")
_NOISE = re.compile(r"[\s\d，。、；：！？“”‘’（）《》,.;:!?()\-—…·]+")


def sentence_key(sentence: str) -> str:
    """A sentence reduced to what makes it the same passage: no spaces, punctuation or digits."""
    return _NOISE.sub("", sentence)


def _starts_heading(ctx: Context, span: Span, headings: set[int]) -> bool:
    return any(span[0] - 8 <= h <= span[0] for h in headings)


def duplicate_passage(ctx: Context) -> Iterator[Finding]:
    min_chars = int(ctx.setting("duplicate-passage", "min_chars", 20))
    headings = {s.heading_span[0] for s in ctx.sections}
    first_seen: dict[str, Span] = {}
    last_reported_end = -1
    for span, sentence in ctx.finditer(_SENTENCE):
        key = sentence_key(sentence)
        if len(key) < min_chars:
            continue
        earlier = first_seen.setdefault(key, span)
        if earlier is span or earlier[1] > span[0] or _starts_heading(ctx, span, headings):
            continue  # a goal restated as the heading of its task is not a paste error
        if span[0] <= last_reported_end + 2:  # the continuation of a passage already reported
            last_reported_end = span[1]
            continue
        last_reported_end = span[1]
        where, _ = ctx.place_at(earlier[0])
        yield ctx.finding_at("duplicate-passage", span,
                             f"这段文字与前文（{where}）重复，请删去重复部分或核对是否拼接了其他文件")
