"""Tracked changes (修订): corrections the tool is certain of, written as ``w:del`` + ``w:ins`` with author and date.

Two sources, both decided elsewhere: the :class:`~cxzy_nlp.model.Fix` a rule attaches to its
finding (〔〕 in a 文号, a dotted or zero-padded date), and the ASCII marks in Chinese text that
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

from ..model import Analysis, Finding
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

    def replace(self, runs: Sequence[Any], new_text: str) -> bool:
        """Mark ``runs`` deleted and ``new_text`` inserted after them; False when the runs are not adjacent siblings."""
        from docx.oxml.ns import qn

        if not runs:
            return False
        elements = [r._r for r in runs]
        parent = elements[0].getparent()
        if any(e.getparent() is not parent for e in elements) or not all(_simple_run(r) for r in runs):
            return False
        if parent.tag not in (qn("w:p"), qn("w:hyperlink"), qn("w:smartTag")):
            return False  # inside an earlier revision, a field or a content control: left as it is
        for a, b in itertools.pairwise(elements):
            if a.getnext() is not b:
                return False
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


def fix_docx(
    reviser: Reviser, units: list[list[Any]], analysis: Analysis, findings: Sequence[Finding]
) -> list[Finding]:
    """Write each finding's fix into the paragraph its location names; the findings whose fix was written."""
    done = []
    for finding in findings:
        fix, location = finding.fix, finding.location
        if fix is None or location is None or location.paragraph is None:
            continue
        if not 1 <= location.paragraph <= len(units):
            continue
        old = analysis.text[fix.span[0] : fix.span[1]]
        if not old or "\n" in old or old == fix.text:
            continue
        hit = fix_in_unit(units[location.paragraph - 1], old, fix.span[0] - _block_start(analysis, fix.span[0]))
        if hit is None:
            continue
        para, at = hit
        runs = runs_for_range(para, at, at + len(old))
        if "".join(r.text for r in runs) == old and reviser.replace(runs, fix.text):
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
        fix = finding.fix
        if fix is None:
            continue
        covered = [r for r in runs if fix.span[0] <= r.start and r.end <= fix.span[1]]
        if not covered or covered[0].start != fix.span[0] or covered[-1].end != fix.span[1]:
            continue
        if len({id(r.paragraph) for r in covered}) != 1:
            continue
        if reviser.replace([r.run for r in covered], fix.text):
            done.append(finding)
    return done


__all__ = ["Reviser", "fix_copy", "fix_docx", "fix_in_unit", "punctuation_docx", "shown_runs"]
