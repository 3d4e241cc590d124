"""The spaCy pipeline of the extraction stage: blank Chinese with the jieba segmenter and the domain
user dictionary (``data/userdict.txt``: ``word frequency part-of-speech`` per line), loaded once per process.

Segmenting a whole plan with jieba costs about 3 µs per character (≈25 ms for a 10-page plan), more
than extraction's share of the time budget, so the rules run on the raw text and the segmenter is used
only on the short phrases where words matter: splitting ``县教育局党组成员张伟`` into title and name
when no known title ending does it. :func:`words` calls jieba itself, as spaCy's Chinese tokenizer
does, so a phrase to segment costs jieba's dictionary (loaded once, on first use) and not spaCy's import
(about 1 s of CPU, which a one-file ``cxzy check`` cannot afford).

jieba's own start (``Tokenizer.initialize``) unmarshals its whole prefix dictionary, about 500,000 words and
prefixes, into a dict (≈0.5 s of CPU), paid again by every process (and every worker of
``--jobs``) that meets a phrase to segment, though one phrase looks up a few dozen of them; importing
``jieba.posseg`` reads all of dict.txt's 350,000 lines again for their tags (≈0.3 s); the two were ≈5 G of the
≈5.6 G instructions of the first file that needed jieba. :class:`Stored` stands in
for both dicts: the same words, frequencies and tags, kept sorted in one string beside jieba's own cache
(written once, from the dictionary jieba built the plain way) and found by bisection when asked, each answer
then kept in the dict itself. Every key jieba asks about gets the value the plain dict gives, so the
segmentation and the tags are the same.
"""

from __future__ import annotations

import io
import logging
import marshal
import os
import sys
import tempfile
from array import array
from collections.abc import Iterator
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

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


STORE_VERSION = 2
_NONE = 0xFFFFFFFF  # in a store's values: this key has none there (a bare prefix has no part-of-speech tag)
_MISSING = object()


class Stored(dict):  # type: ignore[type-arg]
    """A dict of jieba's (the prefix dictionary ``Tokenizer.FREQ``: word or prefix → frequency, 0 for a bare
    prefix; or posseg's ``word_tag_tab``: word → tag) read on demand from a sorted store: ``words`` (the keys
    sorted, each followed by a line break), ``offsets`` (where each key starts, and one past the last),
    ``values`` (one a key, ``_NONE`` for none) and ``names`` (when given, values are indexes into it). A key
    found is kept in the dict itself, one not found in a set; keys jieba adds (the user dictionary) go into the
    dict and win. Walking it (``items``, ``len`` …) reads every stored key first, so it then holds what the
    plain dict holds."""

    def __init__(
        self, words: str, offsets: array[int], values: array[int], names: tuple[str, ...] | None = None
    ) -> None:
        super().__init__()
        self._words, self._offsets, self._values, self._names = words, offsets, values, names
        self._absent: set[str] = set()
        self.lookups = 0  # bisections made (a test counts them)

    def _stored(self, key: object) -> Any:
        if not isinstance(key, str):
            return _MISSING
        self.lookups += 1
        words, offsets = self._words, self._offsets
        lo, hi = 0, len(self._values)
        while lo < hi:
            mid = (lo + hi) // 2
            word = words[offsets[mid] : offsets[mid + 1] - 1]
            if word < key:
                lo = mid + 1
            elif word > key:
                hi = mid
            else:
                value = self._values[mid]
                if value == _NONE:
                    return _MISSING
                return value if self._names is None else self._names[value]
        return _MISSING

    def _look(self, key: object) -> bool:
        """Whether ``key`` is a key, reading it from the store (and keeping the answer) when not asked before."""
        if dict.__contains__(self, key):
            return True
        if key in self._absent:
            return False
        value = self._stored(key)
        if value is _MISSING:
            self._absent.add(key)  # type: ignore[arg-type]
            return False
        dict.__setitem__(self, key, value)
        return True

    def __contains__(self, key: object) -> bool:
        return self._look(key)

    def __bool__(self) -> bool:  # without reading every stored key, as len() would
        return dict.__len__(self) > 0 or len(self._values) > 0

    def __missing__(self, key: object) -> Any:
        if self._look(key):
            return dict.__getitem__(self, key)
        raise KeyError(key)

    def get(self, key: object, default: Any = None) -> Any:
        return dict.__getitem__(self, key) if self._look(key) else default

    def __setitem__(self, key: str, value: Any) -> None:
        self._absent.discard(key)
        dict.__setitem__(self, key, value)

    def __delitem__(self, key: str) -> None:
        self._look(key)
        dict.__delitem__(self, key)
        self._absent.add(key)

    def _read_all(self) -> None:
        words, offsets, values, names = self._words, self._offsets, self._values, self._names
        for i in range(len(values)):
            if values[i] == _NONE:
                continue
            word = words[offsets[i] : offsets[i + 1] - 1]
            if word not in self._absent and not dict.__contains__(self, word):
                dict.__setitem__(self, word, values[i] if names is None else names[values[i]])
        self._values, self._offsets = array("I"), array("I", [0])  # every stored key is in the dict now

    def __len__(self) -> int:
        self._read_all()
        return dict.__len__(self)

    def __iter__(self) -> Iterator[str]:
        self._read_all()
        return dict.__iter__(self)

    def keys(self) -> Any:
        self._read_all()
        return dict.keys(self)

    def values(self) -> Any:
        self._read_all()
        return dict.values(self)

    def items(self) -> Any:
        self._read_all()
        return dict.items(self)


def _store_key(tokenizer: Any) -> tuple[Any, ...] | None:
    """What the store of ``tokenizer``'s dictionary must match: jieba's version and its dictionary file's size and
    time. None for a tokenizer with a dictionary of its own (only jieba's default one is stored)."""
    import jieba

    if tokenizer.dictionary != jieba.DEFAULT_DICT:
        return None
    try:
        stat = os.stat(Path(jieba.__file__).with_name(jieba.DEFAULT_DICT_NAME))
    except (OSError, AttributeError, TypeError):
        return None
    return (STORE_VERSION, jieba.__version__, sys.version, stat.st_size, stat.st_mtime_ns)


def store_path(tokenizer: Any) -> Path:
    """The store beside jieba's own cache (its ``tmp_dir``, else the system's temporary folder)."""
    return Path(tokenizer.tmp_dir or tempfile.gettempdir()) / "cxzy-jieba.marshal"


def write_store(tokenizer: Any, path: Path, tags: dict[str, str] | None = None) -> bool:
    """The prefix dictionary of an initialised ``tokenizer`` (before any word is added), and posseg's ``tags`` of
    its words when given, written to ``path``."""
    key = _store_key(tokenizer)
    if key is None or not tokenizer.initialized:
        return False
    freq = tokenizer.FREQ
    words = sorted(freq)
    offsets, freqs, at = array("I"), array("I"), 0
    names: tuple[str, ...] | None = None
    codes = array("I")
    try:  # a frequency or an offset past 2**32 - 2 (not in jieba's dictionary): no store
        for word in words:
            offsets.append(at)
            at += len(word) + 1
        offsets.append(at)
        freqs.extend(freq[w] for w in words)
        if max(freqs, default=0) >= _NONE or at >= _NONE:
            return False
        if tags is not None and all(w in freq for w in tags):
            names = tuple(sorted(set(tags.values())))
            index = {name: i for i, name in enumerate(names)}
            codes.extend(index[tags[w]] if w in tags else _NONE for w in words)
    except OverflowError:
        return False
    blob = marshal.dumps(
        (key, tokenizer.total, "\n".join(words) + "\n", offsets.tobytes(), freqs.tobytes(), names, codes.tobytes())
    )
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        temporary = path.with_name(f"{path.name}.{os.getpid()}.tmp")
        temporary.write_bytes(blob)
        os.replace(temporary, path)
    except OSError:
        return False
    return True


def read_store(tokenizer: Any, path: Path) -> Stored | bool:
    """Give a tokenizer not yet initialised its prefix dictionary from the store at ``path``: False (nothing
    changed) when the store is missing, damaged or of another jieba or dictionary; else the tags of posseg read
    on demand (a :class:`Stored`), or True when the store holds none."""
    key = _store_key(tokenizer)
    if key is None or tokenizer.initialized:
        return False
    try:
        stored_key, total, words, offset_bytes, freq_bytes, names, code_bytes = marshal.loads(path.read_bytes())
        offsets, freqs, codes = array("I"), array("I"), array("I")
        offsets.frombytes(offset_bytes)
        freqs.frombytes(freq_bytes)
        codes.frombytes(code_bytes)
    except (OSError, EOFError, ValueError, TypeError):
        return False
    if stored_key != key or not isinstance(words, str) or not isinstance(total, int):
        return False
    if len(offsets) != len(freqs) + 1 or (len(freqs) and offsets[-1] != len(words)):
        return False
    tags: Stored | None = None
    if isinstance(names, tuple) and len(codes) == len(freqs):
        tags = Stored(words, offsets, codes, names)
    with tokenizer.lock:
        tokenizer.FREQ, tokenizer.total = Stored(words, offsets, freqs), total
        tokenizer.initialized = True
    return True if tags is None else tags


def _import_posseg(tokenizer: Any, tags: Stored) -> None:
    """Import ``jieba.posseg`` with its tag table (``word_tag_tab``) read on demand from the store: while it is
    imported, ``tokenizer`` hands posseg an empty dictionary file instead of reading all of dict.txt's lines."""
    tokenizer.get_dict_file = lambda: io.BytesIO(b"")
    try:
        import jieba.posseg as pseg
    finally:
        del tokenizer.get_dict_file
    if pseg.dt.tokenizer is tokenizer:
        pseg.dt.word_tag_tab = tags


def _start(tokenizer: Any) -> None:
    """Initialise jieba's tokenizer from the store, or the plain way (then writing the store for the next
    process); posseg's tags read on demand too when nothing imported posseg yet."""
    if tokenizer.initialized:
        return
    path = store_path(tokenizer)
    found = read_store(tokenizer, path)
    if isinstance(found, Stored):
        if "jieba.posseg" not in sys.modules:
            _import_posseg(tokenizer, found)
        return
    if found:
        return
    tokenizer.check_initialized()
    import jieba.posseg as pseg  # its tags, for the store (the user dictionary is not loaded yet)

    write_store(tokenizer, path, pseg.dt.word_tag_tab if pseg.dt.tokenizer is tokenizer else None)


@lru_cache(maxsize=1)
def load_jieba() -> ModuleType:
    """jieba with the domain terms added to its dictionary (once per process). Call it before importing
    ``jieba.posseg``: importing that first would import jieba the costly way (and read all its tags)."""
    jieba = _import_jieba()

    jieba.setLogLevel(logging.WARNING)
    _start(jieba.dt)
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
