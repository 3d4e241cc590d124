"""Document text in the HTML report: highlighted spans, the excerpt around a finding, and the full
text packed inline (deflate + base64, expanded by the page's script with ``DecompressionStream``)."""

from __future__ import annotations

import base64
import html
import itertools
import zlib
from collections import Counter
from collections.abc import Iterable

from ..model import Document, Finding

EXCERPT_CONTEXT = 30  # characters shown on each side of a finding
EXCERPT_SPAN = 120  # a longer finding is shown by its beginning
PACKED_TYPE = "application/x-cxzy-deflate"  # a script block the browser never runs


def _e(value: object) -> str:
    return html.escape("" if value is None else str(value))


def _marks(doc: Document, link_passages: Iterable[tuple[int, int]]) -> list[tuple[int, int, str, str | None]]:
    """(start, end, css class, anchor id) for every highlighted span of a document."""
    marks: list[tuple[int, int, str, str | None]] = []
    for section in doc.all_sections():
        marks.append((*section.heading_span, "hl-h", None))
    for i, g in enumerate(doc.goals, 1):
        marks.append((*g.span, "hl-g", f"g{i}"))
    for i, a in enumerate(doc.activities, 1):
        marks.append((*a.span, "hl-a", f"a{i}"))
    for i, f in enumerate(doc.findings, 1):
        if f.span:
            marks.append((*f.span, f"hl-f-{f.severity}", f"f{i}"))
    for p_start, p_end in link_passages:
        marks.append((p_start, p_end, "hl-c", None))
    return [m for m in marks if m[1] > m[0]]


def shown_text(text: str, doc: Document) -> str:
    """The text as the report shows it: personal data masked (same length), as in the findings."""
    if not any(f.rule == "personal-data" for f in doc.findings):
        return text
    from ..check.privacy import masked_text

    start, end = doc.span
    return text[:start] + masked_text(text[start:end]) + text[end:]


def highlighted_text(
    text: str,
    doc: Document,
    key: str,
    copied: Iterable[tuple[int, int]] = (),
    *,
    anchors: str = "gaf",
) -> str:
    """The document's text as HTML, each character carrying the classes of the spans over it.

    ``anchors`` names the kinds that get an ``id`` (``{key}-g1``, ``-a1``, ``-f1``): g goals,
    a activities, f findings.
    """
    start, end = doc.span
    text = shown_text(text, doc)
    marks = [(max(s, start), min(e, end), c, a) for s, e, c, a in _marks(doc, copied) if e > start and s < end]
    cuts = sorted({start, end, *(m[0] for m in marks), *(m[1] for m in marks)})
    ids: dict[int, list[str]] = {}
    for m_start, _m_end, _cls, anchor_id in marks:
        if anchor_id and anchor_id[0] in anchors:
            ids.setdefault(m_start, []).append(f"{key}-{anchor_id}")
    # sweep the cuts once, keeping a count of the marks open over each piece
    opening: dict[int, list[str]] = {}
    closing: dict[int, list[str]] = {}
    for m_start, m_end, cls, _ in marks:
        opening.setdefault(m_start, []).append(cls)
        closing.setdefault(m_end, []).append(cls)
    active: Counter[str] = Counter()
    out: list[str] = []
    for a, b in itertools.pairwise(cuts):
        active.subtract(closing.get(a, ()))
        active.update(opening.get(a, ()))
        for anchor in ids.get(a, []):
            out.append(f'<a id="{anchor}"></a>')
        classes = sorted(cls for cls, n in active.items() if n > 0)
        piece = _e(text[a:b])
        out.append(f'<span class="{" ".join(classes)}">{piece}</span>' if classes else piece)
    return "".join(out)


def excerpt(text: str, doc: Document, finding: Finding, anchor: str) -> str:
    """The finding's text with a little context on each side, as HTML; "" without a span.

    The marked piece carries ``id=anchor`` so the findings table can link to it.
    """
    if not finding.span:
        return ""
    lo, hi = doc.span
    s, e = max(finding.span[0], lo), min(finding.span[1], hi)
    if e <= s:
        return ""
    shown_end = min(e, s + EXCERPT_SPAN)  # a long finding: its beginning
    before_start = max(lo, s - EXCERPT_CONTEXT)
    after_end = min(hi, shown_end + EXCERPT_CONTEXT) if shown_end == e else shown_end
    return (
        ("…" if before_start > lo else "")
        + _e(text[before_start:s])
        + f'<span class="hl-f-{finding.severity}" id="{anchor}">{_e(text[s:shown_end])}</span>'
        + _e(text[shown_end:after_end])
        + ("…" if after_end < hi else "")
    )


def packed(fragment: str) -> str:
    """An HTML fragment deflated (zlib) and base64-encoded, for a ``<script type=PACKED_TYPE>`` block."""
    return base64.b64encode(zlib.compress(fragment.encode("utf-8"), 9)).decode("ascii")


def unpacked(payload: str) -> str:
    """The fragment :func:`packed` packed (what the page's script does in the browser)."""
    return zlib.decompress(base64.b64decode(payload)).decode("utf-8")
