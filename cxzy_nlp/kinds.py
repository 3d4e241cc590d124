"""Document kinds: what a document is (实施方案, 通知, 申报书 form, 教学日历 …) and the evidence for it.

The kind comes from the strongest cue there is, in this order: the 文种 word its title ends with
(:func:`~cxzy_nlp.doctitle.title_kind`), the words of its opening or its close (``特此通知``,
``总结如下``, a 主送机关 line ``各…：``), its opening's 文种 word (``特制定此方案``), then its layout
(many table rows with a box to sign: a form). No cue: ``None`` (the contract's ``other``). Ids and
their words are data (``doc_types`` of ``data/taxonomy.yaml``).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache
from typing import Protocol

from .doctitle import title_kind
from .headings import taxonomy
from .model import Block
from .zones import is_sign_box

ACTIVITY_REACH = (
    600  # an organiser (主办单位) named this soon after an untitled plan's opening makes it an activity plan
)
_ADDRESSEE = re.compile(r"(?m)^[ \t]*各[^\n，。；]{1,60}[：:][ \t]*$")
ADDRESSEE_REACH = 400  # the 主送机关 line comes within this many characters of the start
BODY_HEAD = 300  # characters of an untitled document's opening read for its kind words
BODY_TAIL = 400  # ... and of its close
FORM_MIN_ROWS = 8  # table rows that, with a box to sign, make an untitled document a form
KindEvidence = tuple[str | None, str | None]


class LineLike(Protocol):
    """A line of the text with the block it came from (the segmenter's and the zoner's lines)."""

    @property
    def start(self) -> int: ...

    @property
    def end(self) -> int: ...

    @property
    def block(self) -> Block: ...


def document_kind(
    text: str,
    span: tuple[int, int],
    title: str | None,
    meta_end: int,
    lines: Sequence[LineLike],
    *,
    found_kind: str | None = None,
    wraps_next: bool = False,
) -> KindEvidence:
    """The document's kind and the evidence for it: the title's 文种, then the body's words, then its layout.

    ``found_kind``: the kind the title finder read off the title line (it may see a compilation's inner
    title); ``wraps_next``: the document is a 关于印发 notice whose plan follows as a document of its own.
    """
    start, end = span
    if title:
        named = title_kind(title, unwrap=not wraps_next)
        if named is not None:
            kind, word = named
            if found_kind and not wraps_next and found_kind != kind:
                return found_kind, f"标题文种“{word}”"
            return kind, f"标题文种“{word}”"
    found = body_kind(text, start, end, meta_end)
    if found is not None:
        return found
    if form_layout(text, span, lines):
        return "application_form", "版式：多行表格栏目（填表、签字盖章）"
    return None, None


def body_kind(text: str, start: int, end: int, meta_end: int) -> tuple[str, str] | None:
    """The kind of an untitled document from the words of its opening or its close (``特此通知``)."""
    head = text[start : max(meta_end, min(end, start + BODY_HEAD))]
    tail = text[max(start, end - BODY_TAIL) : end]
    for kind, spec in taxonomy()["doc_types"].items():
        for word in spec.get("body_words", []):
            if word in head or word in tail:
                return kind, f"正文“{word}”"
    plan = opening_kind(text, start, meta_end)
    if plan is not None:
        return plan, "正文开头的文种词"
    m = _ADDRESSEE.search(text, start, min(end, start + ADDRESSEE_REACH))
    if m is not None:
        return "notice", f"主送机关“{m.group(0).strip()[:12]}”"  # an untitled 公文 sent to 各…： is a notice
    return None


def opening_kind(text: str, start: int, end: int) -> str | None:
    """The kind of an untitled document from its opening words (``特制定此方案``)."""
    head = text[start:end]
    for word, type_id in (("总结", "work_summary"), ("方案", "implementation_plan"), ("计划", "work_schedule")):
        if word in head:
            if type_id == "implementation_plan" and names_an_activity(text, start, end):
                return "activity_plan"
            return type_id
    return None


def names_an_activity(text: str, start: int, end: int) -> bool:
    """An activity word in the opening, or an organiser (主办单位) soon after it."""
    tax = taxonomy()
    head = text[start:end]
    if any(w in head for w in tax.get("activity_title_words", [])):
        return True
    near = text[start : end + ACTIVITY_REACH]
    return any(w in near for w in tax.get("activity_body_words", []))


def form_layout(text: str, span: tuple[int, int], lines: Sequence[LineLike]) -> bool:
    """Many table rows with fields to fill or sign: a form."""
    start, end = span
    rows = [ln for ln in lines if start <= ln.start < end and ln.block.kind == "table_row"]
    if len(rows) < FORM_MIN_ROWS:
        return False
    signs = sum(1 for ln in rows if is_sign_box(text[ln.start : ln.end]) or "签字" in text[ln.start : ln.end])
    return signs >= 1 and len(rows) * 3 >= sum(1 for ln in lines if start <= ln.start < end)


def is_form(kind: str | None) -> bool:
    """Whether documents of this kind are forms (cover, fields, 审核意见 boxes)."""
    return bool(kind and taxonomy()["doc_types"].get(kind, {}).get("form"))


def is_official(kind: str | None) -> bool:
    """Whether documents of this kind are 公文 (通知, 通报, 意见, 批复/函, 纪要): a 版头 above the title."""
    return bool(kind and taxonomy()["doc_types"].get(kind, {}).get("official"))


@lru_cache(maxsize=1)
def plan_types() -> frozenset[str]:
    """The kinds that are plans (a 关于印发 notice wrapping one gives it the plan's kind)."""
    return frozenset(k for k, v in taxonomy()["doc_types"].items() if v.get("plan"))


__all__ = [
    "KindEvidence",
    "LineLike",
    "body_kind",
    "document_kind",
    "form_layout",
    "is_form",
    "is_official",
    "names_an_activity",
    "opening_kind",
    "plan_types",
]
