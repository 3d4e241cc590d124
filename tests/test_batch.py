"""Batches: every input gives exactly one record; a hostile file never stalls or kills the batch."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from cxzy_nlp import read as read_mod
from cxzy_nlp.config import Config
from cxzy_nlp.corpus.batch import iter_inputs, run_batch
from cxzy_nlp.corpus.cache import ResultCache

GOOD = "一、工作目标\n到2025年底，完成全部任务。\n二、实施步骤\n分三个阶段推进。\n"


def _folder(tmp_path: Path) -> Path:
    (tmp_path / "sub").mkdir()
    (tmp_path / "a.txt").write_text(GOOD, encoding="utf-8")
    (tmp_path / "sub" / "b.txt").write_text(GOOD.replace("2025", "2026"), encoding="gb18030")
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "fake.pdf").write_bytes(b"this is not a pdf at all")
    (tmp_path / "fake.docx").write_bytes(b"\x00\x01\x02 binary junk" * 20)
    (tmp_path / "notes.xyz").write_text("ignored: unsupported suffix in a folder")
    return tmp_path


def test_iter_inputs_recurses_sorted_and_filters(tmp_path: Path) -> None:
    folder = _folder(tmp_path)
    inputs = list(iter_inputs([folder]))
    found = [Path(p).relative_to(folder).as_posix() for p in inputs]
    assert found == ["a.txt", "empty.txt", "fake.docx", "fake.pdf", "notes.xyz", "sub/b.txt"]
    # every file is listed; one outside the folder suffixes carries the reason it is not read
    assert [Path(p).name for p in inputs if p.skip] == ["notes.xyz"]
    # a file named explicitly is taken whatever its suffix
    assert list(iter_inputs([folder / "notes.xyz"])) == [str(folder / "notes.xyz")]


@pytest.mark.parametrize("isolate", [True, False])
def test_folder_of_good_and_bad_files(tmp_path: Path, isolate: bool) -> None:
    folder = _folder(tmp_path)
    paths = list(iter_inputs([folder]))
    results = {Path(a.source.path).name: a for a in run_batch(paths, Config(isolate=isolate, jobs=2), stages="extract")}
    assert set(results) == {"a.txt", "empty.txt", "fake.docx", "fake.pdf", "b.txt", "notes.xyz"}
    assert results["notes.xyz"].errors[0]["code"] == "skipped" and ".xyz" in results["notes.xyz"].errors[0]["message"]
    assert results["a.txt"].ok and "到2025年底" in results["a.txt"].text
    assert results["b.txt"].ok and "2026" in results["b.txt"].text
    assert results["empty.txt"].errors[0]["code"] == "empty"
    assert results["fake.pdf"].errors[0]["code"] == "type-mismatch"
    assert results["fake.docx"].errors[0]["code"] == "type-mismatch"
    for bad in ("empty.txt", "fake.pdf", "fake.docx"):
        assert results[bad].documents == ()
        assert results[bad].errors[0]["message"]  # a Chinese sentence for the reviewer


@pytest.mark.parametrize(
    ("reader", "code"),
    [("hang", "timeout"), ("crash", "worker-crashed"), ("hog", "memory-limit"), ("boom", "internal-error")],
)
def test_hostile_reader_is_contained(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, reader: str, code: str) -> None:
    (tmp_path / "bad.md").write_text("# 标题\n内容", encoding="utf-8")
    (tmp_path / "good.txt").write_text(GOOD, encoding="utf-8")
    monkeypatch.setitem(read_mod.READERS, "md", f"hostile_readers:{reader}")
    config = Config(time_limit=2.0 if reader == "hang" else 30.0, memory_limit_mb=1024, jobs=1)
    results = {
        Path(a.source.path).name: a for a in run_batch([str(tmp_path / "bad.md"), str(tmp_path / "good.txt")], config)
    }
    assert results["bad.md"].errors[0]["code"] == code
    assert results["good.txt"].ok, results["good.txt"].errors  # the next file still ran


def test_cache_skips_finished_files(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(GOOD, encoding="utf-8")
    cache = ResultCache(tmp_path / "cache.sqlite")
    first = list(run_batch([str(tmp_path / "a.txt")], Config(isolate=False), cache=cache))
    # make the reader fail: a cached result must not call it again
    (tmp_path / "b.txt").write_text(GOOD, encoding="utf-8")  # same content, other path
    second = list(run_batch([str(tmp_path / "b.txt")], Config(isolate=False), cache=cache))
    assert second[0].text == first[0].text
    assert second[0].source.path.endswith("b.txt")
    (tmp_path / "a.txt").write_text(GOOD + "三、新增内容\n", encoding="utf-8")
    third = list(run_batch([str(tmp_path / "a.txt")], Config(isolate=False), cache=cache))
    assert "新增内容" in third[0].text  # changed content is analysed again
    cache.close()


def test_cli_extract_folder_exit_code_and_records(tmp_path: Path) -> None:
    folder = _folder(tmp_path)
    out = tmp_path / "out.json"
    proc = subprocess.run(
        [sys.executable, "-m", "cxzy_nlp", "extract", str(folder), "-o", str(out)],
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONIOENCODING": "utf-8"},
    )
    assert proc.returncode == 0, proc.stderr  # unreadable files are records, not a failed run
    records = json.loads(out.read_text(encoding="utf-8"))
    assert len(records) == 6
    assert sum(1 for r in records if r["errors"]) == 4  # three unreadable, one skipped
    assert "[empty]" in proc.stderr

    good_only = subprocess.run(
        [sys.executable, "-m", "cxzy_nlp", "extract", str(folder / "a.txt"), "--format", "jsonl"],
        capture_output=True,
        text=True,
    )
    assert good_only.returncode == 0, good_only.stderr
    assert json.loads(good_only.stdout.splitlines()[0])["source"]["format"] == "txt"


def test_cache_is_not_served_to_other_code(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from cxzy_nlp.corpus import cache as cache_module

    (tmp_path / "a.txt").write_text(GOOD, encoding="utf-8")
    cache = ResultCache(tmp_path / "cache.sqlite")
    list(run_batch([str(tmp_path / "a.txt")], Config(isolate=False), cache=cache))
    sha = cache_module.file_sha256(str(tmp_path / "a.txt"))
    assert sha and cache.get(sha, "check|") is not None
    monkeypatch.setattr(cache_module, "code_fingerprint", lambda: "edited-code")  # as after an edit or a new model
    assert cache.get(sha, "check|") is None
    cache.close()
