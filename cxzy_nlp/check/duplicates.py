"""The same passage twice in one document (paste errors, stitched compilations)."""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..model import Finding, Span
from .context import Context

_PARAGRAPH = re.compile(r"[^\n]+")
_SENTENCE = re.compile(r"[^。！？；\n]+[。！？；]?")
_NOISE = re.compile(r"[\s\d，。、；：！？“”‘’（）《》,.;:!?()\-—…·]+")


def passage_key(passage: str) -> str:
    """A passage reduced to what makes it the same: no spaces, punctuation or digits."""
    return _NOISE.sub("", passage)


def _repeats(ctx: Context, unit: re.Pattern[str], min_chars: int, headings: set[int]) -> Iterator[tuple[Span, Span]]:
    """(later, earlier) spans of units whose keys repeat; a unit opening a heading is skipped."""
    first_seen: dict[str, Span] = {}
    for span, passage in ctx.finditer(unit):
        key = passage_key(passage)
        if len(key) < min_chars:
            continue
        earlier = first_seen.setdefault(key, span)
        if earlier is span or earlier[1] > span[0] or _starts_heading(span, headings):
            continue  # a goal restated as the heading of its task is not a paste error
        yield span, earlier


def _starts_heading(span: Span, headings: set[int]) -> bool:
    return any(span[0] - 8 <= h <= span[0] for h in headings)


def duplicate_passage(ctx: Context) -> Iterator[Finding]:
    """Repeated paragraphs, then repeated sentences outside them; a run of repeats is reported once."""
    min_chars = int(ctx.setting("duplicate-passage", "min_chars", 24))
    headings = {s.heading_span[0] for s in ctx.sections}
    reported: list[Span] = []
    for unit in (_PARAGRAPH, _SENTENCE):
        for span, earlier in _repeats(ctx, unit, min_chars, headings):
            if any(a - 2 <= span[0] <= b + 2 for a, b in reported):
                reported.append(span)  # inside or right after a passage already reported
                continue
            reported.append(span)
            where, _ = ctx.place_at(earlier[0])
            yield ctx.finding_at("duplicate-passage", span,
                                 f"这段文字与前文（{where}）重复，请删去重复部分或核对是否拼接了其他文件")
