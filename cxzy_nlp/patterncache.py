"""Compiled regular expressions kept between runs, the way Python keeps compiled bytecode.

``re`` compiles a pattern in Python (parse, then code generation): the ≈500 patterns a one-file ``cxzy check``
compiles are about a third of its CPU time. :func:`install` (the command line calls it; importing the library
leaves ``re`` alone) has ``re`` look a pattern up first in a file of the user's cache folder
(``~/.cache/cxzy/patterns-<python>-<sre magic>.marshal``): the arguments ``re`` handed to ``_sre.compile`` for it
in an earlier run, handed over again, so the pattern is exactly the one ``re`` builds (same code, flags and groups;
tests/test_speed_patterncache.py compares every pattern of the package). Only the package's own patterns are kept
(the same strings every run; other libraries build some from hash-ordered sets). Patterns compiled anew are added to the
file when the process ends and after each file a batch worker analyses (:func:`save`); nothing is written where
Python writes no bytecode (``PYTHONDONTWRITEBYTECODE``, ``-B``). A damaged file is ignored and written anew (one
entry that ``_sre``'s own check refuses discards the whole file; that pattern is compiled by ``re`` as usual). On a Python whose ``re`` is built otherwise it does nothing.
"""

from __future__ import annotations

import marshal
import os
import re
import sys
import threading
from array import array
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path
from types import FrameType
from typing import Any

MAX_PATTERNS = 2048  # the package has about 500; beyond this the file starts again from what a run used
PACKAGE = __name__.partition(".")[0]  # only the package's own patterns are kept: they are the same every run
FILE_VERSION = 1
MAX_FILE_BYTES = 16 * 1024 * 1024  # a larger file is not read (the package's patterns take about 0.6 MB)

Key = tuple[str | bytes, int]  # (pattern, flags) as re._compile passes them
# what re handed to _sre.compile: (flags of the compiled pattern, code as bytes, groups - 1, groupindex, indexgroup)
Entry = tuple[int, bytes, int, dict[str, int], tuple[Any, ...]]

_state: dict[str, Any] = {
    "path": None,  # the cache file
    "kept": None,  # entries read from the file (None until the first pattern is compiled)
    "new": {},  # entries compiled by re in this process
    "used": set(),  # keys looked up in this process
    "hits": 0,
    "damaged": False,  # an entry of the file was refused: it is written anew
}


def cache_file(folder: Path | None = None) -> Path:
    """The file of this Python's compiled patterns, in ``folder`` (default: the user's cache folder for cxzy)."""
    import _sre

    if folder is None:
        if sys.platform.startswith("linux"):  # what platformdirs gives, without importing it
            base = os.environ.get("XDG_CACHE_HOME", "").strip() or os.path.expanduser("~/.cache")
            folder = Path(base) / "cxzy"
        else:  # pragma: no cover - other systems
            from platformdirs import user_cache_dir

            folder = Path(user_cache_dir("cxzy", appauthor=False))
    tag = sys.implementation.cache_tag or "python"
    return folder / f"patterns-{tag}-{_sre.MAGIC}.marshal"


@lru_cache(maxsize=1)
def _code_array() -> str:
    """The ``array`` type code of ``_sre``'s code words."""
    import _sre

    return next(t for t in ("I", "L", "H") if array(t).itemsize == _sre.CODESIZE)


def read_entries(path: Path, version: int) -> dict[Any, Any]:
    """The entries of a kept marshal file at ``path`` (this module's and :mod:`datacache`'s); none when it is missing,
    too large, of another ``version`` or Python, or damaged."""
    try:
        if path.stat().st_size > MAX_FILE_BYTES:
            return {}
        data = marshal.loads(path.read_bytes())
    except (OSError, EOFError, ValueError, TypeError, MemoryError):
        return {}
    if not isinstance(data, dict) or data.get("version") != version or data.get("python") != sys.version:
        return {}
    entries = data.get("entries")
    return entries if isinstance(entries, dict) else {}


def write_entries(path: Path, version: int, entries: dict[Any, Any]) -> None:
    """``entries`` written to ``path`` atomically (a temporary file beside it, then renamed); raises ``OSError``,
    ``ValueError`` or ``MemoryError``, which the callers turn into "not written"."""
    blob = marshal.dumps({"version": version, "python": sys.version, "entries": entries})
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f"{path.name}.{os.getpid()}.tmp")
    temporary.write_bytes(blob)
    os.replace(temporary, path)


def _read(path: Path) -> dict[Key, Entry]:
    """The entries of the file at ``path``; none when it is missing, of another version or damaged."""
    return read_entries(path, FILE_VERSION)


def pattern_from(pattern: str | bytes, entry: Entry) -> re.Pattern[Any]:
    """The compiled pattern an entry holds, made by ``_sre`` without parsing (which raises when it refuses it)."""
    import _sre

    final, code, groups, groupindex, indexgroup = entry
    return _sre.compile(pattern, final, array(_code_array(), code).tolist(), groups, dict(groupindex), indexgroup)


def _from_package() -> bool:
    """Whether the pattern being compiled comes from this package's code (the first caller outside ``re``)."""
    frame: FrameType | None = sys._getframe(2)
    while frame is not None and frame.f_globals.get("__name__", "").partition(".")[0] == "re":
        frame = frame.f_back
    return frame is not None and frame.f_globals.get("__name__", "").partition(".")[0] == PACKAGE


def install(path: Path | None = None) -> bool:
    """Have ``re`` keep the package's compiled patterns in ``path`` (default :func:`cache_file`) across runs;
    ``False`` when this Python's ``re`` is not built the way this module knows."""
    try:
        import _sre
        from re import _compiler  # type: ignore[attr-defined]
    except ImportError:  # pragma: no cover - Python 3.10 (sre_compile)
        return False
    compile_: Callable[..., Any] | None = getattr(_compiler, "compile", None)
    if compile_ is None or getattr(_compiler, "_sre", None) is not _sre or not hasattr(_sre, "compile"):
        return bool(compile_ is not None and getattr(compile_, "original", None))  # installed, or unknown ground
    _state["path"] = path or cache_file()
    at_hand = threading.local()  # the key of the pattern this thread is compiling

    class Recorder:
        """``_sre`` as ``re._compiler`` sees it: ``compile`` also notes its arguments for the pattern at hand."""

        def __getattr__(self, name: str) -> Any:
            return getattr(_sre, name)

        def compile(
            self, pattern: Any, flags: int, code: list[int], groups: int, groupindex: Any, indexgroup: Any
        ) -> Any:
            made = _sre.compile(pattern, flags, code, groups, groupindex, indexgroup)
            key = getattr(at_hand, "key", None)
            if key is not None and pattern == key[0]:
                _state["new"][key] = (flags, array(_code_array(), code).tobytes(), groups, dict(groupindex), indexgroup)
            return made

    def compiled(p: Any, flags: int = 0) -> Any:
        if type(p) not in (str, bytes) or flags & _compiler.SRE_FLAG_DEBUG or not _from_package():
            return compile_(p, flags)
        if _state["kept"] is None:
            _state["kept"] = _read(_state["path"])
        key = (p, int(flags))
        _state["used"].add(key)
        entry = _state["kept"].get(key) or _state["new"].get(key)
        if entry is not None:
            try:
                made = pattern_from(p, entry)
                _state["hits"] += 1
                return made
            except Exception:  # a damaged file (_sre's own check refused an entry): none of it is trusted
                _state["kept"], _state["damaged"] = {}, True
        at_hand.key = key
        try:
            return compile_(p, flags)
        finally:
            at_hand.key = None

    compiled.original = compile_  # type: ignore[attr-defined]
    _compiler._sre = Recorder()
    _compiler.compile = compiled
    import atexit

    atexit.register(save)
    return True


# Facts worked out from a pattern's source alone (patternscan's gates: the characters a match can open with), kept
# beside the compiled patterns in a file of their own: working them out parses the pattern again, in Python.
DERIVED_VERSION = 1
_derived: dict[str, Any] = {"kept": None, "new": {}}


def derived_file() -> Path | None:
    """The file of facts derived from patterns, beside the compiled ones; None when :func:`install` did not run."""
    path: Path | None = _state["path"]
    return None if path is None else path.with_name(path.name.replace("patterns-", "derived-", 1))


def derived(key: tuple[Any, ...], make: Callable[[], Any]) -> Any:
    """``make()``, a fact of a pattern named by ``key`` (marshal-able, as its value), kept between runs where the
    compiled patterns are (the command line); worked out anew where they are not (the library)."""
    path = derived_file()
    if path is None:
        return make()
    if _derived["kept"] is None:
        _derived["kept"] = read_entries(path, DERIVED_VERSION)
    kept: dict[Any, Any] = _derived["kept"]
    if key in kept:
        return kept[key]
    if key not in _derived["new"]:
        _derived["new"][key] = make()
    return _derived["new"][key]


def _save_derived() -> None:
    path, new = derived_file(), _derived["new"]
    if not new or path is None:
        return
    try:
        entries = read_entries(path, DERIVED_VERSION)
        entries.update(new)
        if len(entries) > MAX_PATTERNS:
            entries = dict(new)
        write_entries(path, DERIVED_VERSION, entries)
    except (OSError, ValueError, MemoryError):
        return
    _derived["kept"], _derived["new"] = entries, {}


def save() -> bool:
    """Write the patterns compiled anew in this process into the cache file (merged with what it holds now), and
    the facts derived from patterns into theirs; ``True`` when the patterns' file was written. Never raises: a
    cache that cannot be written is only slower."""
    if not sys.dont_write_bytecode:
        _save_derived()
    new: dict[Key, Entry] = _state["new"]
    path: Path | None = _state["path"]
    if not new or path is None or sys.dont_write_bytecode:
        return False
    try:
        entries = {} if _state["damaged"] else _read(path)  # a damaged file is replaced, not merged
        entries.update(new)
        if len(entries) > MAX_PATTERNS:  # start again from what this run used
            entries = {k: v for k, v in entries.items() if k in _state["used"]}
        write_entries(path, FILE_VERSION, entries)
    except (OSError, ValueError, MemoryError):
        return False
    _state["kept"], _state["new"], _state["damaged"] = entries, {}, False
    return True


def stats() -> dict[str, int]:
    """Patterns served from the cache file and compiled anew in this process (for tests and benchmarks)."""
    return {"hits": _state["hits"], "new": len(_state["new"]), "kept": len(_state["kept"] or {})}
