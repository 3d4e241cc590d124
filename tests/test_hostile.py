"""The hostile kit in CI: every hostile input gives one record with its expected code, the batch goes on.

The whole kit runs once through ``cxzy check`` with the cache on (the cache hashes files in the main
process, where a FIFO or ``/dev/zero`` once hung the run) and a strict UTF-8 stdout (where a GBK file
name once crashed it). Further tests run tight ``--time-limit`` / ``--memory-limit`` runs, kill the
parent with ``kill -9``, fill the disk, damage the cache and feed hostile manifests.
"""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import pytest
from hostile_kit import expected_code, generate_kit, plan_text

ROOT = Path(__file__).resolve().parents[1]
CONTROLS = [bytes([c]) for c in (*range(0, 9), *range(11, 32), 127)]
# Cases whose reader (not the batch) gives another code today: they must still get a record and not crash.
OTHERS = {
    "deep-nesting-docx": "the docx reader calls a deeply nested part a zip bomb (read/docx.py)",
    "ole-fat-cycle": "the Word 97 reader reads a FAT cycle as text (read/doc.py)",
    "noisy-wps": "the WPS reader calls a noisy file type-mismatch (read/doc.py, read/sniff.py)",
}


@dataclass
class Ran:
    code: int | None  # None when killed at the timeout
    out: bytes
    err: bytes
    seconds: float

    @property
    def records(self) -> list[dict]:
        return [json.loads(line) for line in self.out.decode("utf-8").splitlines() if line.strip()]

    @property
    def stderr(self) -> str:
        return self.err.decode("utf-8", "replace")


def cxzy(*args: str | os.PathLike[str], timeout: float = 300, env: dict[str, str] | None = None) -> Ran:
    """``python -m cxzy_nlp ARGS`` in its own session, killed with its workers at the timeout."""
    environ = {**os.environ, "PYTHONPATH": str(ROOT), "PYTHONIOENCODING": "utf-8:strict", **(env or {})}
    cmd = [sys.executable, "-m", "cxzy_nlp", *[os.fsdecode(a) for a in args]]
    started = time.monotonic()
    proc = subprocess.Popen(
        cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=environ, start_new_session=True, cwd=ROOT
    )
    try:
        out, err = proc.communicate(timeout=timeout)
        code: int | None = proc.returncode
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        out, err = proc.communicate()
        code = None
    return Ran(code, out, err, time.monotonic() - started)


def code_of(record: dict) -> str:
    """The record's error code; a file read in part (a truncated RTF keeps its text) gives its problem's code."""
    errors = record.get("errors") or []
    if errors:
        return str(errors[0]["code"])
    if any(p.get("code") == "truncated" for p in record.get("problems") or []):
        return "truncated"
    return "ok" if record.get("documents") else "no-documents"


def by_file(records: list[dict]) -> dict[bytes, dict]:
    """Records keyed by the bytes of their path (a JSON ``\\udcxx`` escape gives the name's byte back)."""
    return {os.fsencode(r["source"]["path"]): r for r in records}


def assert_clean(ran: Ran) -> None:
    """No traceback, no raw control character, valid UTF-8 on stdout."""
    assert b"Traceback" not in ran.err, ran.stderr[-2000:]
    for c in CONTROLS:
        assert c not in ran.out and c not in ran.err, (c, ran.stderr[-500:])
    ran.out.decode("utf-8")


# ------------------------------------------------------------------ the whole kit, once


def test_the_hostile_kit(tmp_path: Path) -> None:
    """One run over the whole kit (one test, so parallel workers do not run it twice)."""
    cases = generate_kit(tmp_path / "kit")
    cache = tmp_path / "cache.sqlite"
    ran = cxzy("check", tmp_path / "kit", "--format", "jsonl", "--fail-on", "never", "--cache", cache, "-j", "2")
    assert ran.code == 0, ran.stderr[-2000:]  # unreadable files are records: they do not change the exit code
    assert_clean(ran)
    files = [os.fsencode(str(f)) for case in cases for f in case.files]
    assert sorted(os.fsencode(r["source"]["path"]) for r in ran.records) == sorted(files)  # one record each

    records = by_file(ran.records)
    wrong = {}
    for case in cases:
        for f in case.files:
            record = records[os.fsencode(str(f))]
            got, expected = code_of(record), expected_code(case, f)
            if record.get("errors"):
                assert record["documents"] == [] and record["errors"][0]["message"]  # a reason for the reviewer
            if case.name in OTHERS:
                assert got not in ("internal-error", "worker-crashed", "timeout", "memory-limit"), (case.name, got)
            elif got != expected:
                wrong[case.name] = (expected, got)
    assert not wrong

    # again from the cache: the special files are still refused before any read, the rest comes back
    names = ("fifo", "symlink-dev-zero", "gbk-file-name", "truncated-rtf")
    again = cxzy("check", *[c.folder for c in cases if c.name in names], "-f", "jsonl", "--cache", cache)
    assert again.code in (0, 1) and b"Traceback" not in again.err
    assert len(again.records) == len(names)
    for path, record in by_file(again.records).items():
        assert code_of(record) == code_of(records[path])


# ------------------------------------------------------------------ limits, as the user sets them


def _slow_and_small(folder: Path) -> tuple[Path, Path]:
    folder.mkdir()
    text = plan_text(7, size=6)
    slow = folder / "长文本.txt"
    slow.write_text(text * (3500 * 1024 // len(text.encode())), encoding="utf-8")  # about 10 s to check
    small = folder / "方案.txt"
    small.write_text(plan_text(8), encoding="utf-8")
    return slow, small


def test_tight_time_limit_gives_timeout_and_the_batch_goes_on(tmp_path: Path) -> None:
    slow, small = _slow_and_small(tmp_path / "in")
    ran = cxzy("check", tmp_path / "in", "--no-cache", "-f", "jsonl", "--fail-on", "never", "--time-limit", "4")
    assert ran.code == 0 and ran.seconds < 60, ran.stderr
    assert_clean(ran)
    records = by_file(ran.records)
    assert code_of(records[os.fsencode(str(slow))]) == "timeout"
    assert code_of(records[os.fsencode(str(small))]) == "ok"  # control: the limit leaves a normal file alone


def test_tight_memory_limit_gives_memory_limit_without_a_traceback(tmp_path: Path) -> None:
    (tmp_path / "方案.txt").write_text(plan_text(9), encoding="utf-8")
    ran = cxzy("check", tmp_path / "方案.txt", "--no-cache", "-f", "jsonl", "--memory-limit", "50")
    assert ran.code == 0, ran.stderr
    assert_clean(ran)
    assert [code_of(r) for r in ran.records] == ["memory-limit"]
    ok = cxzy("check", tmp_path / "方案.txt", "--no-cache", "-f", "jsonl", "--fail-on", "never")
    assert [code_of(r) for r in ok.records] == ["ok"]  # control: the default limit reads it


# ------------------------------------------------------------------ the parent dies


def _children(pid: int) -> set[int]:
    out = set()
    for task in Path("/proc").iterdir():
        if task.name.isdigit():
            try:
                stat = (task / "stat").read_text()
            except OSError:
                continue
            if int(stat.rsplit(")", 1)[1].split()[1]) == pid:
                out.add(int(task.name))
    return out


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


@pytest.mark.skipif(not Path("/proc").is_dir(), reason="needs /proc to find the workers")
@pytest.mark.parametrize("how", [signal.SIGKILL, signal.SIGTERM])
def test_workers_die_with_their_parent(tmp_path: Path, how: signal.Signals) -> None:
    _slow_and_small(tmp_path / "in")
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    cmd = [sys.executable, "-m", "cxzy_nlp", "check", str(tmp_path / "in"), "--no-cache", "-j", "2"]
    parent = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 60
        workers: set[int] = set()
        while time.monotonic() < deadline and len(workers) < 2:
            workers = _children(parent.pid)
            time.sleep(0.2)
        assert workers and all(_alive(w) for w in workers)  # control: the workers were running
        os.kill(parent.pid, how)
        parent.wait(timeout=30)
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline and any(_alive(w) for w in workers):
            time.sleep(0.1)
        assert not any(_alive(w) for w in workers)
    finally:
        for w in _children(parent.pid):
            os.kill(w, signal.SIGKILL)
        if parent.poll() is None:
            parent.kill()


# ------------------------------------------------------------------ outputs and the disk


def test_full_disk_output_is_a_failed_run_without_a_traceback(tmp_path: Path) -> None:
    if not Path("/dev/full").exists():
        pytest.skip("no /dev/full")
    (tmp_path / "方案.txt").write_text(plan_text(10), encoding="utf-8")
    ran = cxzy("check", tmp_path / "方案.txt", "--no-cache", "-f", "jsonl", "-o", "/dev/full")
    assert ran.code == 3 and "磁盘已满" in ran.stderr and b"Traceback" not in ran.err, ran.stderr
    ran = cxzy("extract", tmp_path / "方案.txt", "-o", "/dev/full")
    assert ran.code == 3 and "磁盘已满" in ran.stderr and b"Traceback" not in ran.err, ran.stderr
    ok = cxzy("check", tmp_path / "方案.txt", "--no-cache", "-f", "jsonl", "-o", tmp_path / "out.jsonl")
    assert ok.code in (0, 1) and (tmp_path / "out.jsonl").stat().st_size > 0  # control


@pytest.mark.parametrize("command", ["check", "extract", "outline", "dedup", "report"])
def test_unwritable_output_is_refused_before_the_analysis(tmp_path: Path, command: str) -> None:
    slow, _ = _slow_and_small(tmp_path / "in")
    (tmp_path / "taken").write_text("a file, not a folder", encoding="utf-8")
    suffix = ".html" if command == "report" else ".txt"
    for target in (tmp_path / "taken" / f"out{suffix}", tmp_path):  # under a file; a folder
        ran = cxzy(command, slow, "-o", target, timeout=60)
        assert ran.code == 2 and ran.seconds < 20, (command, ran.code, ran.stderr)  # refused before the slow file
        assert b"Traceback" not in ran.err and "cxzy:" in ran.stderr


@pytest.mark.parametrize("command", ["check", "extract", "outline", "dedup"])
@pytest.mark.parametrize("encoding", ["utf-8:strict", "ascii", "gbk"])
def test_any_stdout_encoding_and_hostile_names(tmp_path: Path, command: str, encoding: str) -> None:
    generate_kit(tmp_path, names=("gbk-file-name", "escape-codes-in-name"))
    args = ["--no-cache"] if command == "check" else []
    ran = cxzy(command, tmp_path, *args, env={"PYTHONIOENCODING": encoding})
    assert ran.code in (0, 1), ran.stderr
    assert b"Traceback" not in ran.err
    for c in CONTROLS:
        assert c not in ran.out and c not in ran.err
    ran.out.decode(encoding.split(":")[0])  # what the stream cannot encode is escaped
    if encoding != "gbk":  # (in GBK output, 工 is written as these bytes)
        assert b"\xb9\xa4" not in ran.out  # the GBK bytes of the name are escaped, never written raw


# ------------------------------------------------------------------ a damaged or full cache


def _plans(folder: Path, n: int) -> list[str]:
    folder.mkdir(exist_ok=True)
    paths = []
    for i in range(n):
        path = folder / f"方案{i}.txt"
        path.write_text(plan_text(100 + i), encoding="utf-8")
        paths.append(str(path))
    return paths


def test_damaged_cache_is_set_aside_and_the_run_goes_on(tmp_path: Path) -> None:
    from cxzy_nlp.config import Config
    from cxzy_nlp.corpus.batch import run_batch
    from cxzy_nlp.corpus.cache import ResultCache

    paths = _plans(tmp_path / "in", 2)
    cache_file = tmp_path / "cache.sqlite"
    cache_file.write_bytes(os.urandom(8192))  # not a database at all
    warnings: list[str] = []
    cache = ResultCache(cache_file, warn=warnings.append)
    results = list(run_batch(paths, Config(isolate=False), stages="extract", cache=cache))
    cache.close()
    assert [r.ok for r in results] == [True, True]
    assert len(warnings) == 1 and "改名" in warnings[0]
    assert len([p for p in tmp_path.iterdir() if ".damaged-" in p.name]) == 1
    # a poisoned row under the right key: analysed again, not a crash
    with sqlite3.connect(cache_file) as db:
        db.execute('UPDATE results SET record=\'{"not": "a record"}\'')
    cache = ResultCache(cache_file, warn=warnings.append)
    again = list(run_batch(paths, Config(isolate=False), stages="extract", cache=cache))
    cache.close()
    assert [r.ok for r in again] == [True, True] and len(warnings) == 1


def test_cache_that_fills_the_disk_keeps_the_batch_going(tmp_path: Path) -> None:
    from cxzy_nlp.config import Config
    from cxzy_nlp.corpus.batch import run_batch
    from cxzy_nlp.corpus.cache import ResultCache

    class FillsUp(ResultCache):
        """Raises what SQLite raises on a full disk after two records."""

        stored = 0

        def put(self, sha256: str, settings: str, record: dict) -> None:
            if self.enabled and self.stored >= 2:
                self._failed(sqlite3.OperationalError("database or disk is full"))
                return
            self.stored += 1
            super().put(sha256, settings, record)

    paths = _plans(tmp_path / "in", 5)
    warnings: list[str] = []
    cache = FillsUp(tmp_path / "cache.sqlite", warn=warnings.append)
    results = list(run_batch(paths, Config(isolate=False), stages="segment", cache=cache))
    assert sorted(r.source.path for r in results) == sorted(paths) and all(r.ok for r in results)
    assert len(warnings) == 1 and "disk is full" in warnings[0] and not cache.enabled
    assert (tmp_path / "cache.sqlite").is_file()  # a full disk is not damage: the cache is kept


def test_cache_lives_in_the_user_cache_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from cxzy_nlp.corpus.cache import default_cache_path

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    monkeypatch.chdir(tmp_path)
    assert default_cache_path().is_relative_to(tmp_path / "xdg")
    assert not default_cache_path().is_relative_to(tmp_path / ".cxzy-cache")


# ------------------------------------------------------------------ manifests


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gbk", "utf-16"])
def test_manifest_encodings(tmp_path: Path, encoding: str) -> None:
    from cxzy_nlp.corpus.owners import read_manifest

    (tmp_path / "m.csv").write_bytes("文件,部门,年份\na.docx,教育局,2024\n".encode(encoding))
    assert read_manifest(tmp_path / "m.csv").get(tmp_path / "a.docx").department == "教育局"


@pytest.mark.parametrize("kind", ["binary", "huge-field", "fifo"])
def test_hostile_manifest_is_a_config_error(tmp_path: Path, kind: str) -> None:
    from cxzy_nlp.corpus.owners import read_manifest
    from cxzy_nlp.errors import ConfigError

    path = tmp_path / "m.csv"
    if kind == "binary":
        path.write_bytes(bytes(range(256)) * 8)
    elif kind == "huge-field":
        path.write_text("a.docx," + "教" * 200_000 + ",2024\n", encoding="utf-8")
    else:
        os.mkfifo(path)
    with pytest.raises(ConfigError):
        read_manifest(path)


@pytest.mark.parametrize("suffix", [".xlsx", ".html"])
def test_report_with_hostile_names_is_written(tmp_path: Path, suffix: str) -> None:
    generate_kit(tmp_path / "in", names=("gbk-file-name", "escape-codes-in-name"))
    out = tmp_path / f"r{suffix}"
    ran = cxzy("report", tmp_path / "in", "-o", out)
    assert ran.code == 0 and out.stat().st_size > 0, ran.stderr
    assert b"Traceback" not in ran.err
    if suffix == ".html":
        page = out.read_bytes()
        page.decode("utf-8")  # valid UTF-8: the GBK name is escaped
        assert b"\x1b" not in page and "红色".encode() in page  # the name is there, its escape codes are not


@pytest.mark.parametrize("damage", ["foreign-layout", "malformed", "text-file"])
def test_cache_damage_of_every_kind_is_set_aside(tmp_path: Path, damage: str) -> None:
    from cxzy_nlp.config import Config
    from cxzy_nlp.corpus.batch import run_batch
    from cxzy_nlp.corpus.cache import ResultCache

    paths = _plans(tmp_path / "in", 2)
    cache_file = tmp_path / "cache.sqlite"
    if damage == "foreign-layout":  # another program's table of the same name ("no such column")
        with sqlite3.connect(cache_file) as db:
            db.execute("CREATE TABLE results (id INTEGER, payload BLOB)")
    elif damage == "malformed":  # a sound file whose pages are then overwritten
        with sqlite3.connect(cache_file) as db:
            db.execute("CREATE TABLE results (key TEXT PRIMARY KEY, sha256 TEXT, record TEXT, created REAL)")
            db.executemany("INSERT INTO results VALUES (?,?,?,?)", [(str(i), "x", "{}" * 500, 0.0) for i in range(300)])
        data = bytearray(cache_file.read_bytes())
        data[4096:] = bytes(len(data) - 4096)  # every page after the first zeroed
        cache_file.write_bytes(bytes(data))
    else:
        cache_file.write_text("这不是数据库\n", encoding="utf-8")
    warnings: list[str] = []
    cache = ResultCache(cache_file, warn=warnings.append)
    results = list(run_batch(paths, Config(isolate=False), stages="segment", cache=cache))
    results += list(run_batch(paths, Config(isolate=False), stages="segment", cache=cache))  # read back
    cache.close()
    assert len(results) == 4 and all(r.ok for r in results)
    aside = [p for p in tmp_path.iterdir() if ".damaged-" in p.name and not p.name.endswith(("-wal", "-shm"))]
    assert len(warnings) == 1 and len(aside) == 1 and "改名" in warnings[0]
    assert cache.enabled  # a fresh cache took its place


def test_a_read_that_fails_with_an_os_error_is_a_record(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from cxzy_nlp.config import Config
    from cxzy_nlp.corpus import batch

    paths = _plans(tmp_path / "in", 2)

    def refused(path: str, *args: object, **kwargs: object) -> object:
        if path == paths[0]:
            raise PermissionError(13, "Permission denied")
        return real(path, *args, **kwargs)

    import cxzy_nlp.pipeline as pipeline

    real = pipeline.analyse
    monkeypatch.setattr(pipeline, "analyse", refused)  # the forked worker inherits the patch
    results = {r.source.path: r for r in batch.run_batch(paths, Config(jobs=1), stages="segment")}
    assert results[paths[0]].errors[0]["code"] == "no-access"
    assert results[paths[1]].ok  # control: the next file is read


def test_out_of_memory_reported_in_another_errors_clothes_is_recognised() -> None:
    """A MemoryError inside another error, or a C++ engine's bad_alloc, is the memory limit; other errors are not."""
    from cxzy_nlp.corpus.batch import _out_of_memory

    try:
        try:
            raise MemoryError
        except MemoryError as inner:
            raise ImportError("could not load") from inner
    except ImportError as exc:
        wrapped = exc
    assert _out_of_memory(wrapped)
    assert _out_of_memory(RuntimeError("[ONNXRuntimeError] : 1 : FAIL : std::bad_alloc"))
    assert _out_of_memory(RuntimeError("[ONNXRuntimeError] : 6 : RUNTIME_EXCEPTION : Failed to allocate memory"))
    assert not _out_of_memory(ValueError("a bug"))  # control


def test_an_ocr_engine_out_of_memory_is_not_a_corrupt_image(monkeypatch) -> None:
    """onnxruntime's arena failure on a page is the memory limit (MemoryError), not a corrupt scan."""
    np = pytest.importorskip("numpy")
    from cxzy_nlp.errors import ReadError
    from cxzy_nlp.read import ocr

    def failing(message: str):
        def run(_image):
            raise RuntimeError(message)

        return lambda: run

    page = np.full((200, 200, 3), 255, dtype=np.uint8)
    monkeypatch.setattr(ocr, "engine", failing("RUNTIME_EXCEPTION : Failed to allocate memory for requested buffer"))
    with pytest.raises(MemoryError):
        ocr.ocr_image(page)
    monkeypatch.setattr(ocr, "engine", failing("invalid image shape"))  # control: another engine error
    with pytest.raises(ReadError):
        ocr.ocr_image(page)
