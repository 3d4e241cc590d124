"""The spaCy pipeline of the extraction stage: blank Chinese with the jieba segmenter and the domain
user dictionary (``data/userdict.txt``: ``word frequency part-of-speech`` per line), loaded once per process.

Segmenting a whole plan with jieba costs about 3 µs per character (≈25 ms for a 10-page plan), more
than extraction's share of the time budget, so the rules run on the raw text and the segmenter is used
only on the short phrases where words matter: splitting ``县教育局党组成员张伟`` into title and name
when no known title ending does it. :func:`words` calls jieba itself, as spaCy's Chinese tokenizer
does, so a phrase to segment costs jieba's dictionary (loaded once, on first use) and not spaCy's import
(about 1 s of CPU, which a one-file ``cxzy check`` cannot afford).
"""

from __future__ import annotations

import logging
import sys
from functools import lru_cache
from importlib import resources
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from types import ModuleType

    from spacy.language import Language


def _import_jieba() -> ModuleType:
    """jieba, imported without ``pkg_resources`` when nothing loaded that yet.

    jieba's ``_compat`` imports ``pkg_resources`` (about 0.1 s of CPU, with its vendored packaging) only to open
    jieba's own data files, and opens them by their path when the import fails: the same files, the same bytes.
    So the import is made to fail for as long as jieba is being imported, and allowed again at once."""
    if "jieba" in sys.modules or "pkg_resources" in sys.modules:
        import jieba

        return jieba
    sys.modules["pkg_resources"] = None  # type: ignore[assignment]  # `import pkg_resources` raises ImportError
    try:
        import jieba
    finally:
        if "pkg_resources" in sys.modules and sys.modules["pkg_resources"] is None:
            del sys.modules["pkg_resources"]
    return jieba


@lru_cache(maxsize=1)
def load_jieba() -> ModuleType:
    """jieba with the domain terms added to its dictionary (once per process). Call it before importing
    ``jieba.posseg``: importing that first would import jieba the costly way."""
    jieba = _import_jieba()

    jieba.setLogLevel(logging.WARNING)
    with resources.as_file(resources.files("cxzy_nlp").joinpath("data/userdict.txt")) as path:
        jieba.load_userdict(str(path))
    return jieba


@lru_cache(maxsize=1)
def load_nlp() -> Language:
    """``spacy.blank("zh")`` segmenting with jieba, the domain terms added to jieba's dictionary."""
    import spacy

    load_jieba()
    return spacy.blank("zh", config={"nlp": {"tokenizer": {"segmenter": "jieba"}}})


def words(phrase: str) -> list[str]:
    """The jieba words of a short phrase, domain terms kept whole (spaCy's Chinese tokens, spaces left out)."""
    return [w for w in load_jieba().cut(phrase, cut_all=False) if w and not w.isspace()]


__all__ = ["load_jieba", "load_nlp", "words"]
