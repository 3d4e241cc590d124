"""Character classes built once per process: the package's regular expressions share a few large ones.

Python's ``re`` builds the bitmap of a character class in Python, one code point at a time: about 1 ms
for ``[\\u4e00-\\u9fff]``, and the package's patterns hold such classes some hundred times (≈0.1 s of a
one-file check's start-up). :func:`install` has ``re`` build each distinct class once: the builder
(``re._compiler._optimize_charset``, a pure function of the class) is memoised for case-sensitive
classes, so the compiled patterns are exactly those ``re`` builds without it
(tests/test_speed_charsets.py compiles every pattern of the package both ways). On a Python whose
``re`` lacks the builder it does nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache, wraps
from typing import Any

CHARSETS_KEPT = 1024  # distinct classes remembered (the package has about a hundred)


def install() -> bool:
    """Memoise ``re``'s character-class builder in this process (once); ``False`` when it cannot."""
    from re import _compiler  # type: ignore[attr-defined]

    build: Callable[..., Any] | None = getattr(_compiler, "_optimize_charset", None)
    if build is None:
        return False
    if getattr(build, "memoised", False):
        return True

    @lru_cache(maxsize=CHARSETS_KEPT)
    def built(charset: tuple[tuple[Any, Any], ...]) -> tuple[tuple[tuple[Any, Any], ...], bool]:
        out, hascased = build(list(charset), None, None, None)
        return tuple(out), hascased

    @wraps(build)
    def optimize_charset(charset: Any, iscased: Any = None, fixup: Any = None, fixes: Any = None) -> Any:
        if fixup is None and fixes is None:  # case-sensitive: the result depends on the class alone
            try:
                key = tuple(charset)
                hash(key)
            except TypeError:
                return build(charset, iscased, fixup, fixes)
            out, hascased = built(key)
            return list(out), hascased
        return build(charset, iscased, fixup, fixes)

    optimize_charset.memoised = True  # type: ignore[attr-defined]
    optimize_charset.original = build  # type: ignore[attr-defined]
    _compiler._optimize_charset = optimize_charset
    return True
