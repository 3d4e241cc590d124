"""The spaCy pipeline of the extraction stage: blank Chinese with the jieba segmenter and the domain
user dictionary (``data/userdict.txt``: ``word frequency part-of-speech`` per line), loaded once per process.

Segmenting a whole plan with jieba costs about 3 µs per character (≈25 ms for a 10-page plan), more
than extraction's share of the time budget, so the rules run on the raw text and the pipeline is used
only on the short phrases where words matter: splitting ``县教育局党组成员张伟`` into title and name
when no known title ending does it.
"""

from __future__ import annotations

import logging
from functools import lru_cache
from importlib import resources
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.language import Language


@lru_cache(maxsize=1)
def load_nlp() -> Language:
    """``spacy.blank("zh")`` segmenting with jieba, the domain terms added to jieba's dictionary."""
    import jieba
    import spacy

    jieba.setLogLevel(logging.WARNING)
    nlp = spacy.blank("zh", config={"nlp": {"tokenizer": {"segmenter": "jieba"}}})
    with resources.as_file(resources.files("cxzy_nlp").joinpath("data/userdict.txt")) as path:
        jieba.load_userdict(str(path))
    return nlp


def words(phrase: str) -> list[str]:
    """The jieba words of a short phrase, domain terms kept whole."""
    return [t.text for t in load_nlp()(phrase) if not t.is_space]


__all__ = ["load_nlp", "words"]
