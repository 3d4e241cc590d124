"""Character classes built once (cxzy_nlp/charsets.py): the compiled patterns are exactly ``re``'s own."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import textwrap
from collections.abc import Callable
from pathlib import Path
from re import _compiler, _parser  # type: ignore[attr-defined]
from typing import Any

import pytest

from cxzy_nlp.charsets import install

ROOT = Path(__file__).resolve().parents[1]

RECORD = """
    import json, re, sys
    import cxzy_nlp.cli  # the command line installs the memo, before any pattern of the package is compiled
    from re import _compiler
    seen, compile_ = [], _compiler.compile
    def recording(p, flags=0):
        if isinstance(p, str):
            seen.append([p, int(flags)])
        return compile_(p, flags)
    _compiler.compile = recording
    from cxzy_nlp.corpus.batch import warm_up
    import cxzy_nlp.cli
    cxzy_nlp.cli.app  # every command
    warm_up()
    print(json.dumps({"memoised": bool(getattr(_compiler._optimize_charset, "memoised", False)), "seen": seen}))
"""


@pytest.fixture(scope="module")
def package_patterns() -> dict[str, Any]:
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH", "")]))}
    run = subprocess.run(
        [sys.executable, "-c", textwrap.dedent(RECORD)], env=env, capture_output=True, text=True, check=True
    )
    got: dict[str, Any] = json.loads(run.stdout.strip().splitlines()[-1])
    return got


def _code(pattern: str, flags: int, build: Callable[..., Any]) -> list[int]:
    kept = _compiler._optimize_charset
    _compiler._optimize_charset = build
    try:
        code: list[int] = _compiler._code(_parser.parse(pattern, flags), flags)
        return code
    finally:
        _compiler._optimize_charset = kept


def test_the_memo_is_installed_before_the_packages_patterns_are_compiled(package_patterns: dict[str, Any]) -> None:
    assert package_patterns["memoised"] is True
    cjk = [p for p, _ in package_patterns["seen"] if any(c in p for c in ("\\u4e00-\\u9fff", "\u4e00-\u9fff", "一-龥"))]
    assert len(cjk) >= 30  # the classes worth sharing are there


def test_every_pattern_of_the_package_compiles_to_res_own_code(package_patterns: dict[str, Any]) -> None:
    assert install()
    memo = _compiler._optimize_charset
    original = memo.original
    patterns = {(p, f) for p, f in package_patterns["seen"]}
    assert len(patterns) >= 200
    for _ in range(2):  # the second time every class comes from the memo
        assert [p for p, f in patterns if _code(p, f, memo) != _code(p, f, original)] == []


def test_control_a_memo_keyed_on_too_little_gives_other_code(package_patterns: dict[str, Any]) -> None:
    """Control: the comparison above sees a memo that confuses two classes (keyed on their first item)."""
    original = _compiler._optimize_charset.original
    kept: dict[Any, Any] = {}

    def careless(charset: Any, iscased: Any = None, fixup: Any = None, fixes: Any = None) -> Any:
        key = (charset[0] if charset else None, fixup is None)
        if key not in kept:
            kept[key] = original(charset, iscased, fixup, fixes)
        return kept[key]

    patterns = sorted({(p, f) for p, f in package_patterns["seen"]})
    assert any(_code(p, f, careless) != _code(p, f, original) for p, f in patterns)


def test_case_insensitive_classes_are_left_to_re() -> None:
    assert install()
    for flags in (0, re.IGNORECASE):
        for pattern in ("[a-z\u4e00-\u9fff]+", "[^K-k]"):
            assert _code(pattern, flags, _compiler._optimize_charset) == _code(
                pattern, flags, _compiler._optimize_charset.original
            )
    assert re.compile("[a-z]", re.IGNORECASE).match("Q")
    assert not re.compile("[a-z]").match("Q")


def test_importing_the_library_leaves_re_alone() -> None:
    """Only the command line memoises re's class builder; a program importing the library keeps re as it was."""
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH", "")]))}
    probe = (
        "import cxzy_nlp, cxzy_nlp.api, cxzy_nlp.pipeline; from re import _compiler; "
        "a = getattr(_compiler._optimize_charset, 'memoised', False); import cxzy_nlp.cli; "
        "print(a, getattr(_compiler._optimize_charset, 'memoised', False))"
    )
    run = subprocess.run([sys.executable, "-c", probe], env=env, capture_output=True, text=True, check=True)
    assert run.stdout.split() == ["False", "True"]  # the control: the command line does install it
