"""``datacache.load_yaml``: the package's YAML parsed as PyYAML's safe loader parses it, and, once installed, kept
between runs and given back equal and of the same types (every data file and profile of the package); a one-file
analysis with the kept data imports no PyYAML (control: with an empty cache folder it does)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from datetime import date, datetime
from importlib import resources
from pathlib import Path
from typing import Any

import pytest
import yaml

from cxzy_nlp import datacache

ROOT = Path(__file__).resolve().parents[1]
PACKAGE_YAML = sorted(
    p
    for folder in ("data", "profiles")
    for p in Path(str(resources.files("cxzy_nlp").joinpath(folder))).rglob("*.yaml")  # type: ignore[arg-type]
)


def parsed(text: str) -> Any:
    return yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))


def same(a: Any, b: Any) -> bool:
    """Equal, and of the same types all the way down."""
    if type(a) is not type(b):
        return False
    if isinstance(a, dict):
        return list(a) == list(b) and all(same(k1, k2) and same(a[k1], b[k2]) for k1, k2 in zip(a, b, strict=True))
    if isinstance(a, list):
        return len(a) == len(b) and all(same(x, y) for x, y in zip(a, b, strict=True))
    return bool(a == b)


@pytest.fixture
def fresh(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    """A cache file in ``tmp_path``, installed; the module's state put back afterwards."""
    monkeypatch.setattr(datacache, "_state", {"path": None, "kept": None, "new": {}, "used": set(), "hits": 0})
    monkeypatch.setattr(sys, "dont_write_bytecode", False)
    path = tmp_path / "data.marshal"
    monkeypatch.setattr(datacache, "_state", {**datacache._state, "path": path})
    return path


def restart(path: Path) -> None:
    """What a new process sees: nothing parsed, the file not yet read."""
    datacache._state.update(path=path, kept=None, new={}, used=set(), hits=0)


def test_the_package_has_yaml_files() -> None:
    assert len(PACKAGE_YAML) >= 10


def test_it_parses_as_yamls_safe_loader_does(tmp_path: Path) -> None:
    text = PACKAGE_YAML[0].read_text(encoding="utf-8-sig")
    assert same(datacache._parse(text), parsed(text))


def test_every_package_file_comes_back_equal_and_of_the_same_types(fresh: Path) -> None:
    texts = [p.read_text(encoding="utf-8-sig") for p in PACKAGE_YAML]
    first = [datacache.load_yaml(t) for t in texts]
    assert datacache.save() and fresh.exists()
    restart(fresh)
    again = [datacache.load_yaml(t) for t in texts]
    assert datacache.stats()["hits"] == len(texts)  # every file kept, the era's dates included
    for text, a, b in zip(texts, first, again, strict=True):
        assert same(a, parsed(text)) and same(b, parsed(text))


def test_dates_come_back_as_dates_and_what_marshal_cannot_keep_is_parsed_again(fresh: Path) -> None:
    dated, timed = "start: 2024-01-05\nlist: [2023-12-31, x]\n", "at: 2024-01-05 10:00:00\n"
    assert isinstance(parsed(timed)["at"], datetime)
    datacache.load_yaml(dated)
    datacache.load_yaml(timed)
    datacache.save()
    restart(fresh)
    got = datacache.load_yaml(dated)
    assert same(got, {"start": date(2024, 1, 5), "list": [date(2023, 12, 31), "x"]})
    assert same(datacache.load_yaml(timed), parsed(timed))
    assert datacache.stats()["hits"] == 1  # the datetime one was parsed again (control: it is not kept)


def test_a_damaged_file_is_ignored(fresh: Path) -> None:
    fresh.write_bytes(b"\x00not marshal")
    text = "a: [1, 2.5, true, null]\n"
    assert same(datacache.load_yaml(text), parsed(text))
    assert datacache.save()  # written anew
    restart(fresh)
    assert same(datacache.load_yaml(text), parsed(text)) and datacache.stats()["hits"] == 1


def test_nothing_is_written_where_python_writes_no_bytecode(fresh: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "dont_write_bytecode", True)
    datacache.load_yaml("a: 1\n")
    assert not datacache.save() and not fresh.exists()


PROBE = """
    import json, sys
    from pathlib import Path
    from cxzy_nlp import datacache
    datacache.install(Path(sys.argv[1]))
    from cxzy_nlp.pipeline import analyse_text
    analyse_text("某区2024年读书月活动方案\\n一、活动目标\\n举办读书分享会10场。\\n二、活动内容\\n组织读书分享会。\\n", "p.txt")
    print(json.dumps({"yaml": "yaml" in sys.modules, **datacache.stats()}))
"""


def _probe(cache: Path) -> dict[str, Any]:
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH", "")]))}
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    run = subprocess.run(
        [sys.executable, "-c", textwrap.dedent(PROBE), str(cache)], env=env, capture_output=True, text=True
    )
    assert run.returncode == 0, run.stderr
    result: dict[str, Any] = json.loads(run.stdout.strip().splitlines()[-1])
    return result


def test_an_analysis_with_kept_data_imports_no_yaml(tmp_path: Path) -> None:
    cache = tmp_path / "data.marshal"
    first = _probe(cache)  # control: nothing kept yet, PyYAML parses every file
    assert first["yaml"] and first["new"] > 0  # (a file read twice in one run is parsed once)
    second = _probe(cache)
    assert not second["yaml"] and second["new"] == 0 and second["hits"] > 0
