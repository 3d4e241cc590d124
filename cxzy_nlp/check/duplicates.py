"""The same passage twice in one document (paste errors, stitched compilations)."""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator
from dataclasses import dataclass, replace
from functools import cached_property

from ..chinese.sentences import CLAUSE_STOPS, sentence_pattern
from ..model import Finding, Span
from .context import Context

_PARAGRAPH = re.compile(r"[^\n]+")
_SENTENCE = sentence_pattern(CLAUSE_STOPS + "\n", "?")
_NOISE_CHARS = r"\s\d，。、；：！？“”‘’（）《》,.;:!?()\-—…·"
_NOISE = re.compile(f"[{_NOISE_CHARS}]")
_KEPT_RUN = re.compile(f"[^{_NOISE_CHARS}]+")  # the complement of _NOISE: passage_key(s) == "".join(runs)
# In a long document (an annual report, a business plan) a short sentence said twice is a point restated;
# only a passage this long (characters of its key) is a paste a reviewer sends back.
LONG_DOCUMENT_CHARS = 20_000
LONG_DOCUMENT_MIN_KEY = 60
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

    def starts(self, key: str) -> list[int]:
        """Where each occurrence of ``key`` starts in the text (occurrences not overlapping)."""
        text, offsets = self._kept
        found: list[int] = []
        at = text.find(key)
        while at >= 0:
            found.append(offsets[at])
            at = text.find(key, at + len(key))
        return found

    def earlier(self, key: str, before: int) -> Span | None:
        """Where ``key`` first occurs wholly before offset ``before``, if it does."""
        _, offsets = self._kept
        limit = bisect.bisect_left(offsets, before)
        at = self._find(key, limit)
        if at < 0:
            return None
        return offsets[at], offsets[at + len(key) - 1] + 1

    @cached_property
    def _grams(self) -> dict[str, list[int]]:
        """Where each gram of ``_GRAM`` characters starts, for grams starting at multiples of ``_STEP``."""
        text, _ = self._kept
        index: dict[str, list[int]] = {}
        for at in range(0, len(text) - _GRAM + 1, _STEP):
            index.setdefault(text[at : at + _GRAM], []).append(at)
        return index

    def _find(self, key: str, limit: int) -> int:
        """``text.find(key)`` within ``text[:limit]``, through the gram index when the text is long.

        An occurrence at ``p`` holds, for the ``j < _STEP`` with ``p + j`` a multiple of ``_STEP``, the
        indexed grams ``key[j + m * _STEP :][:_GRAM]`` at ``p + j + m * _STEP``: for each ``j`` the rarest
        of the first ``_PROBES`` gives the candidates, checked in order of position.
        """
        text, _ = self._kept
        if len(text) <= _SCAN_CHARS or len(key) < _GRAM + _STEP - 1:
            at = text.find(key, 0, limit)
            return at if at >= 0 and at + len(key) <= limit else -1
        grams = self._grams
        last = limit - len(key)  # the last position an occurrence may start at
        best = -1
        for j in range(_STEP):
            shift, rarest = j, None
            for at in range(j, min(len(key) - _GRAM + 1, j + _PROBES * _STEP), _STEP):
                found = grams.get(key[at : at + _GRAM])
                if found is None:
                    rarest = None
                    break
                if rarest is None or len(found) < len(rarest):
                    shift, rarest = at, found
            if rarest is None:
                continue
            for at in rarest[bisect.bisect_left(rarest, shift) : bisect.bisect_right(rarest, last + shift)]:
                if best >= 0 and at - shift >= best:
                    break
                if text.startswith(key, at - shift):
                    best = at - shift
                    break
        return best


_GRAM, _STEP = 12, 8  # keys of at least 19 characters are looked up through the index
_PROBES = 3  # grams of a key looked up for each position modulo _STEP (the rarest gives the candidates)
_SCAN_CHARS = 20_000  # below this, str.find over the whole text is cheaper than building the index


class _Reported:
    """Spans already reported by one pass, disjoint and added in order of position."""

    def __init__(self) -> None:
        self.starts: list[int] = []
        self.ends: list[int] = []

    def add(self, span: Span) -> None:
        self.starts.append(span[0])
        self.ends.append(span[1])

    def holds(self, span: Span) -> bool:
        """Whether a reported span holds ``span``: only the last one starting at or before it can."""
        i = bisect.bisect_right(self.starts, span[0]) - 1
        return i >= 0 and span[1] <= self.ends[i]

    def near(self, offset: int, slack: int) -> bool:
        """Whether a reported span reaches within ``slack`` of ``offset`` (the last one starting
        before ``offset + slack`` ends latest, the spans being disjoint and in order)."""
        i = bisect.bisect_right(self.starts, offset + slack) - 1
        return i >= 0 and offset - slack <= self.ends[i]


def _without_heading(span: Span, starts: list[int], ends: list[int]) -> Span:
    """The unit minus a short heading it opens with (二、工作目标到2024年…): headings are not passages."""
    i = bisect.bisect_right(starts, span[0]) - 1
    if i >= 0 and span[0] - 8 <= starts[i] and ends[i] > span[0]:
        return (min(ends[i], span[1]), span[1])
    return span


_DIGITS = re.compile(r"\d+")
_CLAUSE = re.compile(r"[，。；,;！？]")


_QUOTING = re.compile(r"(?:具体为|即为|如前所述|如上所述|前文所述|见上文|同上)[：:，,]?\s*.{0,2}$")
QUOTING_REACH = 12  # characters before a repeat looked at for words that announce a quotation
CODE_SHARE = 0.3  # Latin letters, quotes and braces making up this share of a passage: code or data
TABLE_ROWS_BETWEEN = 3  # table rows between two copies of a note in one part: a note to each table
FORMULA_COPIES = 3  # a single sentence said this often, in as many parts, is the document's formula, not a paste
_SENTENCE_STOP = re.compile(r"[。！？；!?;]")
# A part that sums up the document (摘要, 内容提要): restating the body there is its purpose, not a paste.
_SUMMARY_HEADING = re.compile(r"^[\W\d]*(?:内容)?(?:摘\s*要|提\s*要|概\s*要|abstract)[\W]*$", re.IGNORECASE)


def _line(ctx: Context, span: Span) -> str:
    start = ctx.text.rfind("\n", 0, span[0]) + 1
    end = ctx.text.find("\n", span[1])
    return ctx.text[start : end if end >= 0 else len(ctx.text)]


def _code_like(passage: str) -> bool:
    """Whether a passage is code or data (``"type":“其它类型梯”, #电梯类型``) rather than prose."""
    marks = sum(1 for ch in passage if ch.isascii() and (ch.isalpha() or ch in '"{}[]#_=<>/'))
    return marks >= CODE_SHARE * max(1, len(passage.strip()))


def _table_between(ctx: Context, earlier: Span, span: Span) -> bool:
    """Whether both copies lie in one section with table rows between them."""
    a, b = ctx.section_at(span[0]), ctx.section_at(earlier[0])
    if a is None or a is not b:
        return False
    between = ctx.text[earlier[1] : span[0]]
    return sum(1 for line in between.split("\n") if "\t" in line) >= TABLE_ROWS_BETWEEN


def _deliberate(ctx: Context, span: Span, earlier: Span) -> bool:
    """Repetition a writer means: rows that differ in their figures (2018年：…800公里 / 2019年：…900公里),
    a table row or a name without a sentence in it (a form and the plan attached to it), a sentence in a
    table's cell, code or data (an API's fields restated for each call), a question asked again, a quotation
    announced (具体为：…), the same note under two tables
    of one part, and the same passage under two parts with the same heading (the rules of 初赛 and of 决赛)."""
    here, there = ctx.text[span[0] : span[1]], ctx.text[earlier[0] : earlier[1]]
    if _DIGITS.findall(here) != _DIGITS.findall(there):
        return True
    if "\t" in here or not _CLAUSE.search(here.rstrip("。；;，,")):
        return True
    if "\t" in _line(ctx, span) or "\t" in _line(ctx, earlier) or _code_like(here):
        return True  # a table's cell (a note repeated on each row), a field list of an API or a program
    if _QUOTING.search(ctx.text, max(ctx.doc.span[0], span[0] - QUOTING_REACH), span[0]):
        return True  # 采用第三条模式中的1.2，具体为…: the writer quotes the item named
    if here.rstrip().endswith(("？", "?")):
        return True  # a question asked again (each answerer's list of questions in a Q&A plan)
    if _table_between(ctx, earlier, span):
        return True  # the same note under each of two tables of one part (合并报表 / 母公司报表)
    a, b = ctx.section_at(span[0]), ctx.section_at(earlier[0])
    return (
        a is not None
        and b is not None
        and a is not b
        and a.heading.strip() == b.heading.strip()
        and not a.heading_span[0] <= span[0] < a.heading_span[1]  # the passage is not the heading itself
    )


def _formula(ctx: Context, keyed: KeyText, span: Span, key: str) -> bool:
    """A single sentence that ends (or opens) each of several parallel parts: 该项活动由校团委组织，负责… under
    each of three special projects is the writer's formula for each part, said on purpose."""
    here = ctx.text[span[0] : span[1]]
    if _SENTENCE_STOP.search(here.strip().rstrip("。！？；!?;")):
        return False
    return len({_section_id(ctx, at) for at in keyed.starts(key)}) >= FORMULA_COPIES


def _in_summary(ctx: Context, offset: int) -> bool:
    section = ctx.section_at(offset)
    return section is not None and bool(_SUMMARY_HEADING.match(section.heading.strip()))


def _section_id(ctx: Context, offset: int) -> str | None:
    section = ctx.section_at(offset)
    return section.id if section is not None else None


def duplicate_passage(ctx: Context) -> Iterator[Finding]:
    """Paragraphs, then sentences, found earlier in the document; a run of repeats is reported once.

    A goal restated as the heading of its task is not a repeat (headings are left out), and neither is
    deliberate repetition (see :func:`_deliberate`).
    """
    min_chars = int(ctx.setting("duplicate-passage", "min_chars", 24))
    headings = sorted(s.heading_span for s in ctx.sections if len(s.heading) <= HEADING_MAX_CHARS)
    starts, ends = [h[0] for h in headings], [h[1] for h in headings]
    keyed = KeyText(ctx)
    long_document = len(keyed.key(ctx.doc.span)) > LONG_DOCUMENT_CHARS
    pasted: set[tuple[str | None, str | None]] = set()  # (section here, section there) of the pastes reported
    passes = [_Reported(), _Reported()]  # each pass's spans are disjoint and come in order
    for unit, reported in zip((_PARAGRAPH, _SENTENCE), passes, strict=True):
        for whole, _passage in ctx.finditer(unit):
            title = ctx.doc.title_span
            if title and whole[0] < title[1] and title[0] < whole[1]:
                continue  # a plan's title repeats the notice that sends it
            span = _without_heading(whole, starts, ends)
            key = keyed.key(span)
            if len(key) < min_chars or any(r.holds(span) for r in passes):
                continue
            earlier = keyed.earlier(key, span[0])
            if earlier is None or _deliberate(ctx, span, earlier) or _formula(ctx, keyed, span, key):
                continue
            continues = any(r.near(span[0], 2) for r in passes)
            reported.add(span)
            if continues:
                continue  # right after a passage already reported
            where, _ = ctx.place_at(earlier[0])
            between = (_section_id(ctx, span[0]), _section_id(ctx, earlier[0]))
            if _in_summary(ctx, earlier[0]) or _in_summary(ctx, span[0]):
                yield replace(  # the abstract restates the body it sums up: a matter of style
                    ctx.finding_at(
                        "duplicate-passage",
                        span,
                        f"这段文字与前文（{where}）相同：摘要复述正文属常见写法，如系照抄，可改为概括性表述",
                    ),
                    severity="info",
                )
                continue
            finding = ctx.finding_at(
                "duplicate-passage", span, f"这段文字与前文（{where}）重复，请删去重复部分或核对是否拼接了其他文件"
            )
            if long_document and len(key) < LONG_DOCUMENT_MIN_KEY and between not in pasted:
                finding = replace(finding, severity="info")  # a point restated in a long report, not a paste
            else:
                pasted.add(between)  # more of the same block (here from there) is part of this paste
            yield finding
