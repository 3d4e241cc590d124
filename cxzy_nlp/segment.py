"""Text to documents and section trees (placeholder: one document per file, no sections).

Replaced by the full segmenter (issue 3).
"""

from __future__ import annotations

from .model import Document, NormalText


def segment(normal: NormalText, title_hint: str | None = None) -> list[Document]:
    """One document spanning the whole text, titled by its first line."""
    text = normal.text
    if not text:
        return []
    first = normal.blocks[0]
    return [Document(title=first.block.text[:200], span=(0, len(text)), title_span=(first.start, first.end))]
