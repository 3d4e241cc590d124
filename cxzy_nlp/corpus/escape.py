"""Text fit for every output: file names and messages may hold undecodable bytes and control characters.

A file name on Linux is bytes; Python gives the bytes that are not UTF-8 as lone surrogates
(``surrogateescape``), which a strict UTF-8 stream refuses and a lenient one writes back raw. A
name may also hold terminal escape codes. Every output escapes both, in one of two forms:

* :func:`printable` for text, CSV, spreadsheets and stderr: ``\\xb9`` for an undecodable byte,
  ``\\x1b`` / ``\\u200e`` for a control or invisible format character;
* :func:`json_safe` for JSON already made by ``json.dumps(..., ensure_ascii=False)``: the same
  characters as ``\\uXXXX`` escapes, so the JSON stays valid and ``json.loads`` gives the exact
  name back (``os.fsencode`` then gives its bytes).
"""

from __future__ import annotations

import re
from dataclasses import replace

from ..model import Analysis

# C0 and C1 controls, DEL, lone surrogates, bidi and other invisible format characters
_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]")
_UNSAFE_IN_JSON = re.compile("[\x7f-\x9f\ud800-\udfff\u202a-\u202e\u2066-\u2069]")  # json.dumps escapes C0


def _escape(match: re.Match[str]) -> str:
    ch = match.group()
    code = ord(ch)
    if 0xDC80 <= code <= 0xDCFF:  # a byte that was not UTF-8 (surrogateescape)
        return f"\\x{code - 0xDC00:02x}"
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def printable(text: str, *, keep_newlines: bool = False) -> str:
    """``text`` with undecodable bytes and control characters escaped (tabs kept; newlines when asked)."""
    if keep_newlines:
        return "\n".join(_UNSAFE.sub(_escape, line) for line in text.split("\n"))
    return _UNSAFE.sub(_escape, text.replace("\n", "\\n"))


def json_safe(dumped: str) -> str:
    """JSON text from ``json.dumps(ensure_ascii=False)`` with surrogates, DEL, C1 and bidi controls as ``\\uXXXX``."""
    return _UNSAFE_IN_JSON.sub(lambda m: f"\\u{ord(m.group()):04x}", dumped)


def is_printable(text: str) -> bool:
    """Whether ``text`` holds nothing :func:`printable` would escape."""
    return _UNSAFE.search(text) is None


def displayed(analysis: Analysis) -> Analysis:
    """``analysis`` with its path and error messages escaped, for text, CSV and spreadsheet outputs."""
    errors = tuple({k: printable(str(v)) for k, v in e.items()} for e in analysis.errors)
    return replace(analysis, source=replace(analysis.source, path=printable(analysis.source.path)), errors=errors)


__all__ = ["displayed", "is_printable", "json_safe", "printable"]
