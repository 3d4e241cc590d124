"""Compiled patterns kept between runs (cxzy_nlp/patterncache.py): a pattern from the file is exactly ``re``'s own."""

from __future__ import annotations

import json
import marshal
import os
import subprocess
import sys
import textwrap
from pathlib import Path
from re import _compiler  # type: ignore[attr-defined]
from typing import Any

import pytest

from cxzy_nlp import patterncache

ROOT = Path(__file__).resolve().parents[1]
PLAN = "某县文化馆2024年读书月活动方案\n一、活动目标\n到2024年6月底，举办读书分享会10场。\n二、活动内容\n组织读书分享会。\n"

pytestmark = pytest.mark.skipif(
    not hasattr(_compiler, "_sre"), reason="this Python's re is built otherwise: the cache does nothing"
)

LOAD = """
    import json, sys
    import cxzy_nlp.cli
    from cxzy_nlp import patterncache
    from cxzy_nlp.corpus.batch import warm_up
    cxzy_nlp.cli.app  # every command
    warm_up()  # the whole analysis of a short plan
    used = sorted(patterncache._state["used"], key=repr)
    print(json.dumps({**patterncache.stats(), "used": len(used), "file": str(patterncache._state["path"]),
                      "patterns": [repr(k) for k in used] if "--patterns" in sys.argv else []}))
"""


def _env(cache: Path, write: bool = True, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH", "")]))
    env["XDG_CACHE_HOME"] = str(cache)
    if not write:
        env["PYTHONDONTWRITEBYTECODE"] = "1"
    return {**env, **extra}


def _load(env: dict[str, str], *args: str) -> dict[str, Any]:
    run = subprocess.run(
        [sys.executable, "-c", textwrap.dedent(LOAD), *args], env=env, capture_output=True, text=True, check=False
    )
    assert run.returncode == 0, run.stderr
    got: dict[str, Any] = json.loads(run.stdout.strip().splitlines()[-1])
    return got


def _check(env: dict[str, str], path: Path) -> str:
    """``cxzy check PATH`` as JSON (the path as given)."""
    run = subprocess.run(
        [sys.executable, "-m", "cxzy_nlp", "check", str(path), "--no-cache", "-f", "json", "--fail-on", "never"],
        env=env,
        cwd=path.parent,
        capture_output=True,
        text=True,
        check=False,
    )
    assert run.returncode == 0, run.stderr
    return run.stdout


def _mismatches(entries: dict[Any, Any]) -> list[str]:
    """Entries whose pattern differs from what ``re`` compiles (code, flags, groups, group names) or is refused."""
    compile_ = getattr(_compiler.compile, "original", _compiler.compile)  # re's own, whatever this process installed
    wrong = []
    for (pattern, flags), entry in entries.items():
        own = compile_(pattern, flags)
        try:
            kept = patterncache.pattern_from(pattern, entry)
        except Exception:
            wrong.append(repr(pattern)[:60])
            continue
        if kept != own or (kept.groups, kept.groupindex) != (own.groups, own.groupindex):
            wrong.append(repr(pattern)[:60])
    return wrong


@pytest.fixture(scope="module")
def filled(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """Two runs over one cache folder: the first compiles and keeps, the second reads."""
    cache = tmp_path_factory.mktemp("cache")
    first = _load(_env(cache))
    second = _load(_env(cache))
    return {"cache": cache, "first": first, "second": second, "entries": patterncache._read(Path(first["file"]))}


def test_a_second_run_takes_every_package_pattern_from_the_file(filled: dict[str, Any]) -> None:
    first, second = filled["first"], filled["second"]
    assert first["hits"] == 0 and first["used"] >= 300  # the package's patterns, compiled by re
    assert second["used"] == first["used"]
    assert second["hits"] == second["used"] and second["new"] == 0  # all from the file, none compiled again


def test_every_kept_pattern_is_exactly_res_own(filled: dict[str, Any]) -> None:
    entries = filled["entries"]
    assert len(entries) >= filled["first"]["used"]
    assert _mismatches(entries) == []


def test_control_entries_with_another_patterns_code_are_caught(filled: dict[str, Any]) -> None:
    """Control: the comparison above sees a file that hands each pattern its neighbour's code."""
    keys = list(filled["entries"])
    values = [filled["entries"][k] for k in keys]
    swapped = {k: (v[0], w[1], *v[2:]) for k, v, w in zip(keys, values, values[1:] + values[:1], strict=True)}
    assert len(_mismatches(swapped)) >= len(keys) // 2


def test_outputs_are_the_same_with_a_kept_damaged_or_no_file(filled: dict[str, Any], tmp_path: Path) -> None:
    plan = tmp_path / "plan.txt"
    plan.write_text(PLAN, encoding="utf-8")
    empty = tmp_path / "none"
    reference = _check(_env(empty, write=False), plan)
    assert not empty.exists()  # nothing written where Python writes no bytecode
    assert _check(_env(filled["cache"]), plan) == reference
    good = Path(filled["first"]["file"]).read_bytes()
    data = marshal.loads(good)
    refused = {k: (v[0], b"\x07\x00\x00\x00" * 3, *v[2:]) for k, v in data["entries"].items()}  # _sre refuses it
    damaged = {
        "garbage": b"\x00not a cache" * 10,
        "truncated": good[: len(good) // 2],
        "other version": marshal.dumps({**data, "version": -1}),
        "refused code": marshal.dumps({**data, "entries": refused}),
    }
    for name, blob in damaged.items():
        folder = tmp_path / name.replace(" ", "-")
        kept = patterncache.cache_file(folder / "cxzy")
        kept.parent.mkdir(parents=True)
        kept.write_bytes(blob)
        assert _check(_env(folder), plan) == reference, name
        assert _mismatches(patterncache._read(kept)) == [], name  # written again, right
        assert len(patterncache._read(kept)) >= 100, name


def test_nothing_is_written_without_bytecode(tmp_path: Path) -> None:
    got = _load(_env(tmp_path / "off", write=False))
    assert got["new"] >= 300 and not Path(got["file"]).exists()
    control = _load(_env(tmp_path / "on"))
    assert Path(control["file"]).exists()


def test_the_packages_patterns_are_the_same_strings_under_any_hash_seed(tmp_path: Path) -> None:
    """The file is keyed by the pattern: one built from a set in hash order would be new every run."""
    runs = [_load(_env(tmp_path, write=False, PYTHONHASHSEED=seed), "--patterns") for seed in ("1", "2")]
    assert len(runs[0]["patterns"]) >= 300
    assert runs[0]["patterns"] == runs[1]["patterns"]


def test_control_a_set_in_hash_order_differs_between_seeds() -> None:
    """Control: the probe's seeds do reorder a set (the lexicon's old ``sorted(set(words), key=len)``)."""
    code = (
        "from cxzy_nlp.headings import taxonomy; "
        "words = [w for s in taxonomy()['sections'] for w in s.get('synonyms', [])]; "
        "print('|'.join(sorted(set(words), key=len, reverse=True)))"
    )
    env = _env(Path("/nonexistent"), write=False)
    outs = {
        subprocess.run(
            [sys.executable, "-c", code], env={**env, "PYTHONHASHSEED": seed}, capture_output=True, text=True
        ).stdout
        for seed in ("1", "2", "3")
    }
    assert len(outs) > 1


def test_importing_the_library_leaves_re_alone() -> None:
    """Only the command line keeps patterns; a program importing the library keeps re as it was."""
    probe = (
        "import cxzy_nlp, cxzy_nlp.api, cxzy_nlp.pipeline; from re import _compiler; "
        "a = hasattr(_compiler.compile, 'original'); import cxzy_nlp.cli; "
        "print(a, hasattr(_compiler.compile, 'original'))"
    )
    env = _env(Path("/nonexistent"), write=False)
    run = subprocess.run([sys.executable, "-c", probe], env=env, capture_output=True, text=True, check=True)
    assert run.stdout.split() == ["False", "True"]  # the control: the command line does install it


def test_patterns_of_other_code_are_compiled_by_re_as_before(tmp_path: Path) -> None:
    probe = (
        "import re, cxzy_nlp.cli; from cxzy_nlp import patterncache; "
        "before = len(patterncache._state['used']); re.compile('[a-z]+ outside the package'); "
        "outside = len(patterncache._state['used']) - before; "
        "exec(\"import re; re.compile('[a-z]+ inside')\", {'__name__': 'cxzy_nlp.probe'}); "  # control: package code
        "print(outside, len(patterncache._state['used']) - before - outside)"
    )
    run = subprocess.run([sys.executable, "-c", probe], env=_env(tmp_path), capture_output=True, text=True, check=True)
    assert run.stdout.split() == ["0", "1"]
