"""Tracked changes (修订): corrections the tool is certain of, written as ``w:del`` + ``w:ins`` with author and date.

Two sources, both decided elsewhere: the :class:`~cxzy_nlp.model.Fix` a rule attaches to its
finding (〔〕 in a 文号, a dotted or zero-padded date, typed heading numbers put on the GB/T 9704
ladder: one revision per heading of the level, all or none), and the ASCII marks in Chinese text that
the normaliser turns full-width (:func:`cxzy_nlp.normalise.normalise_text`). A correction is
written only where its old text is found exactly where the finding says; otherwise it is left
to the comment. Accepting every revision gives the corrected text; rejecting them gives the
submitted text back.
"""

from __future__ import annotations

import copy
import datetime as dt
import itertools
from collections.abc import Iterator, Sequence
from typing import Any

from ..model import Analysis, Finding, Fix
from .docx_comments import _simple_run, paragraph_text, runs_for_range, shown_runs


class Reviser:
    """Writes revisions into one document, numbering them after any already there."""

    def __init__(self, document: Any, author: str, date: dt.datetime | None = None):
        self.author = author
        self.date = (date or dt.datetime.now(dt.UTC)).strftime("%Y-%m-%dT%H:%M:%SZ")
        ids = [int(x) for x in document.element.xpath("//w:ins/@w:id | //w:del/@w:id") if str(x).isdigit()]
        self.next_id = max(ids, default=0) + 1000
        self.count = 0

    def _mark(self, tag: str) -> Any:
        from docx.oxml import OxmlElement
        from docx.oxml.ns import qn

        el = OxmlElement(tag)
        el.set(qn("w:id"), str(self.next_id))
        el.set(qn("w:author"), self.author)
        el.set(qn("w:date"), self.date)
        self.next_id += 1
        return el

    @staticmethod
    def can_replace(runs: Sequence[Any]) -> bool:
        """Whether :meth:`replace` would write: simple runs, adjacent siblings, outside revisions and fields."""
        from docx.oxml.ns import qn

        if not runs:
            return False
        elements = [r._r for r in runs]
        parent = elements[0].getparent()
        if any(e.getparent() is not parent for e in elements) or not all(_simple_run(r) for r in runs):
            return False
        if parent.tag not in (qn("w:p"), qn("w:hyperlink"), qn("w:smartTag")):
            return False  # inside an earlier revision, a field or a content control: left as it is
        return all(a.getnext() is b for a, b in itertools.pairwise(elements))

    def replace(self, runs: Sequence[Any], new_text: str) -> bool:
        """Mark ``runs`` deleted and ``new_text`` inserted after them; False when the runs are not adjacent siblings."""
        from docx.oxml.ns import qn

        if not self.can_replace(runs):
            return False
        elements = [r._r for r in runs]
        deleted = self._mark("w:del")
        elements[0].addprevious(deleted)
        for e in elements:
            deleted.append(e)
            for t in e.findall(qn("w:t")):
                t.tag = qn("w:delText")
        inserted = self._mark("w:ins")
        new_run = copy.deepcopy(elements[0])
        for child in list(new_run):
            if child.tag != qn("w:rPr"):
                new_run.remove(child)
        from docx.oxml import OxmlElement

        text = OxmlElement("w:t")
        text.text = new_text
        text.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
        new_run.append(text)
        inserted.append(new_run)
        deleted.addnext(inserted)
        self.count += 1
        return True


def _block_start(analysis: Analysis, offset: int) -> int:
    from bisect import bisect_right

    starts = [s for s, _ in analysis.places]
    i = bisect_right(starts, offset) - 1
    return starts[i] if i >= 0 else 0


def _occurrences(text: str, old: str) -> Iterator[int]:
    at = text.find(old)
    while at >= 0:
        yield at
        at = text.find(old, at + 1)


def fix_in_unit(unit: Sequence[Any], old: str, relative: int) -> tuple[Any, int] | None:
    """Where ``old`` stands in a counted paragraph, ``relative`` characters after its start (as extracted).

    A fix at the very start of the extracted paragraph must be at the start of the Word
    paragraph (a number Word renders from its numbering is not text and is never changed);
    elsewhere the occurrence must be the only one or lie within a few characters of the place.
    """
    hits = [(p, at) for p in unit for at in _occurrences(paragraph_text(p), old)]
    if relative == 0:
        return next(((p, at) for p, at in hits if at == 0 and p is unit[0]), None)
    if len(hits) == 1:
        return hits[0]
    near = sorted(hits, key=lambda h: abs(h[1] - relative))
    return near[0] if near and abs(near[0][1] - relative) <= 8 else None


def _edit_place(
    units: list[list[Any]], analysis: Analysis, edit: Fix, paragraph: int | None
) -> tuple[Any, int, int] | None:
    """The Word paragraph, start and end of one edit's old text, with its runs split to fit; None when it is
    not there as plain, revisable text (a number Word renders, a field, text the normaliser changed)."""
    if paragraph is None or not 1 <= paragraph <= len(units):
        return None
    old = analysis.text[edit.span[0] : edit.span[1]]
    if not old or "\n" in old or old == edit.text:
        return None
    hit = fix_in_unit(units[paragraph - 1], old, edit.span[0] - _block_start(analysis, edit.span[0]))
    if hit is None:
        return None
    para, at = hit
    runs = runs_for_range(para, at, at + len(old))
    if "".join(r.text for r in runs) != old or not Reviser.can_replace(runs):
        return None
    return para, at, at + len(old)


def fix_docx(
    reviser: Reviser, units: list[list[Any]], analysis: Analysis, findings: Sequence[Finding]
) -> list[Finding]:
    """Write each finding's fix into the paragraphs its edits fall in; the findings whose fix was written.

    A fix of several edits (every heading of a level renumbered) is written whole or not at all, one
    revision per edit, so the copy never mixes old and new numbers.
    """
    from ..locate import Locator

    locator = Locator(analysis.places)
    done = []
    for finding in findings:
        fix, location = finding.fix, finding.location
        if fix is None or location is None or location.paragraph is None:
            continue
        places = []
        for edit in fix.edits():
            paragraph = location.paragraph if edit.span == fix.span else locator.place(edit.span[0]).paragraph
            place = _edit_place(units, analysis, edit, paragraph)
            if place is None:
                break
            places.append((place, edit.text))
        else:
            if len({(id(p), a) for (p, a, _), _ in places}) != len(places):
                continue  # two edits on one place: not certain
            for (para, start, end), text in reversed(places):  # right to left: earlier offsets stay valid
                reviser.replace(runs_for_range(para, start, end), text)
            done.append(finding)
    return done


def punctuation_docx(reviser: Reviser, paragraphs: Sequence[Any]) -> int:
    """ASCII marks in Chinese text turned full-width, as the normaliser reads them; the number written."""
    from ..normalise import _fold_ascii_marks

    written = 0
    for para in paragraphs:
        text = paragraph_text(para)
        folded = _fold_ascii_marks(text)
        if folded == text or len(folded) != len(text):
            continue
        changed = [i for i, (a, b) in enumerate(zip(text, folded, strict=True)) if a != b]
        for i in reversed(changed):  # right to left: earlier offsets stay valid
            runs = runs_for_range(para, i, i + 1)
            if "".join(r.text for r in runs) == text[i] and reviser.replace(runs, folded[i]):
                written += 1
    return written


def fix_copy(reviser: Reviser, runs: Sequence[Any], findings: Sequence[Finding]) -> list[Finding]:
    """Fixes in a built copy, whose runs were cut at every fix boundary (``runs``: :class:`CopyRun`)."""
    done = []
    for finding in findings:
        if finding.fix is None:
            continue
        chosen = []
        for edit in finding.fix.edits():
            covered = [r for r in runs if edit.span[0] <= r.start and r.end <= edit.span[1]]
            if not covered or covered[0].start != edit.span[0] or covered[-1].end != edit.span[1]:
                break
            if len({id(r.paragraph) for r in covered}) != 1 or not Reviser.can_replace([r.run for r in covered]):
                break
            chosen.append((covered, edit.text))
        else:  # every edit in place: all written (one revision each), else none
            for covered, text in chosen:
                reviser.replace([r.run for r in covered], text)
            done.append(finding)
    return done


__all__ = ["Reviser", "fix_copy", "fix_docx", "fix_in_unit", "punctuation_docx", "shown_runs"]
