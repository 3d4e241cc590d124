"""Windows code page numbers (RTF ``\\ansicpg``, OLE property sets) to Python codecs."""

from __future__ import annotations

import codecs

# GB2312/GBK files are decoded as GB18030, their superset; the rest map to Python's cpNNNN codecs.
CODEPAGE_CODECS = {936: "gb18030", 950: "big5", 1200: "utf-16-le", 10000: "mac_roman", 65001: "utf-8"}


def codepage_codec(codepage: object, fallback: str) -> str:
    """Python codec of a Windows code page; ``fallback`` when it is missing or Python lacks it."""
    if not isinstance(codepage, int) or codepage <= 0:
        return fallback
    codec = CODEPAGE_CODECS.get(codepage, f"cp{codepage}")
    try:
        codecs.lookup(codec)  # b"".decode(codec) does not look the name up: "cp93" passed, then failed on text
    except LookupError:
        return fallback
    return codec
