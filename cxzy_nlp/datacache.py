"""The package's YAML data parsed once and kept between runs, the way Python keeps compiled bytecode.

Parsing the data files is a large part of a one-file check's start-up: even with libyaml the objects are built
in Python (``taxonomy.yaml``, 25 KB, takes ≈17 ms; a check parses ≈30 files and imports PyYAML for it).
:func:`load_yaml` is the package's one way to parse its own YAML (safe loader, libyaml when present). Once
:func:`install` has run (the command line calls it; importing the library changes nothing), it first looks the
text up in a file of the user's cache folder (``~/.cache/cxzy/data-<python>.marshal``, beside the kept patterns
of :mod:`cxzy_nlp.patterncache`) by a digest of the text, and hands back what ``marshal`` kept of an earlier
parse: equal data of the same types (only plain data is kept: dicts, lists, strings, numbers, booleans, None
and dates; a file holding anything else is parsed every time). Texts parsed anew are added to the
file when the process ends and after each file a batch worker analyses (:func:`save`); nothing is written where
Python writes no bytecode (``PYTHONDONTWRITEBYTECODE``, ``-B``); a damaged or foreign file is ignored and
written anew.
"""

from __future__ import annotations

import hashlib
import marshal
import math
import sys
from datetime import date
from pathlib import Path
from typing import Any

from .patterncache import read_entries, write_entries

FILE_VERSION = 2
MAX_ENTRIES = 256  # the package has about 40 data files; beyond this the file starts again from what a run used

_state: dict[str, Any] = {
    "path": None,  # the cache file, once installed
    "kept": None,  # entries read from the file (None until the first lookup)
    "new": {},  # entries parsed in this process
    "used": set(),
    "hits": 0,
}


def cache_file(folder: Path | None = None) -> Path:
    """The file of this Python's kept data, in ``folder`` (default: the folder of the kept patterns)."""
    from .patterncache import cache_file as patterns_file

    tag = sys.implementation.cache_tag or "python"
    return (folder or patterns_file().parent) / f"data-{tag}.marshal"


class _NotPlain(Exception):
    """Data that ``marshal`` cannot give back as it was."""


def _encoded(data: Any, dates: list[int]) -> Any:
    """``data`` as ``marshal`` can keep it: a date becomes a tuple (YAML never yields tuples); counts dates."""
    kind = type(data)
    if kind in (str, int, bool) or data is None:
        return data
    if kind is float:
        if math.isnan(data):
            raise _NotPlain
        return data
    if kind is list:
        return [_encoded(x, dates) for x in data]
    if kind is dict:
        return {_encoded(k, dates): _encoded(v, dates) for k, v in data.items()}
    if kind is date:
        dates.append(1)
        return (data.toordinal(),)
    raise _NotPlain  # datetime, set, binary ...


def _decoded(data: Any) -> Any:
    kind = type(data)
    if kind is tuple:
        return date.fromordinal(data[0])
    if kind is list:
        return [_decoded(x) for x in data]
    if kind is dict:
        return {_decoded(k): _decoded(v) for k, v in data.items()}
    return data


def _entry(data: Any) -> bytes | None:
    """What is kept of ``data``: (whether it holds dates, its encoded form), marshalled; None when it cannot be."""
    dates: list[int] = []
    try:
        encoded = _encoded(data, dates)
    except (_NotPlain, RecursionError):
        return None
    return marshal.dumps((bool(dates), encoded))


def _parse(text: str) -> Any:
    import yaml

    return yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))  # libyaml when present


def _read(path: Path) -> dict[bytes, bytes]:
    return read_entries(path, FILE_VERSION)


def load_yaml(text: str) -> Any:
    """``text`` parsed by PyYAML's safe loader (libyaml when present); from the kept data once installed."""
    path: Path | None = _state["path"]
    if path is None:
        return _parse(text)
    key = hashlib.blake2b(text.encode("utf-8"), digest_size=20).digest()
    _state["used"].add(key)
    if _state["kept"] is None:
        _state["kept"] = _read(path)
    blob = _state["kept"].get(key) or _state["new"].get(key)
    if blob is not None:
        try:
            dated, data = marshal.loads(blob)
            _state["hits"] += 1
            return _decoded(data) if dated else data
        except (EOFError, ValueError, TypeError, IndexError, OverflowError):  # damaged: parse again, keep that
            _state["kept"].pop(key, None)
    data = _parse(text)
    entry = _entry(data)
    if entry is not None:
        _state["new"][key] = entry
    return data


def install(path: Path | None = None) -> bool:
    """Keep parsed data in ``path`` (default :func:`cache_file`) across runs, from now on in this process."""
    if _state["path"] is None:
        import atexit

        atexit.register(save)
    _state["path"] = path or cache_file()
    _state["kept"] = None
    return True


def save() -> bool:
    """Write the data parsed anew in this process into the cache file (merged with what it holds now);
    ``True`` when the file was written. Never raises: a cache that cannot be written is only slower."""
    new: dict[bytes, bytes] = _state["new"]
    path: Path | None = _state["path"]
    if not new or path is None or sys.dont_write_bytecode:
        return False
    try:
        entries = _read(path)
        entries.update(new)
        if len(entries) > MAX_ENTRIES:
            entries = {k: v for k, v in entries.items() if k in _state["used"]}
        write_entries(path, FILE_VERSION, entries)
    except (OSError, ValueError, MemoryError):
        return False
    _state["kept"], _state["new"] = entries, {}
    return True


def stats() -> dict[str, int]:
    """Texts served from the kept data and parsed anew in this process (for tests and benchmarks)."""
    return {"hits": _state["hits"], "new": len(_state["new"]), "kept": len(_state["kept"] or {})}


__all__ = ["cache_file", "install", "load_yaml", "save", "stats"]
