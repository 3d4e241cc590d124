"""``--executor dask``: on a loopback LocalCluster of worker processes, the same records and outputs as a local run."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from cxzy_nlp.config import Config
from cxzy_nlp.corpus.batch import analyse_files, iter_inputs, run_batch
from cxzy_nlp.corpus.cache import ResultCache
from cxzy_nlp.jsonio import analysis_to_dict

pytest.importorskip("distributed", reason="cxzy-nlp[dask] is part of [dev]; CI installs it")

ROOT = Path(__file__).resolve().parents[1]
TESTS = Path(__file__).resolve().parent
GOOD = "关于开展读书月活动的实施方案\n一、工作目标\n到2025年底，完成全部任务。\n二、实施步骤\n分三个阶段推进。\n"
DASK = Config(jobs=2, executor="dask", time_limit=60.0)


def _records(analyses: list) -> list[str]:
    return [json.dumps(analysis_to_dict(a), ensure_ascii=False, sort_keys=True) for a in analyses]


def _patch_reader(tests: str, reader: str | None) -> None:
    """Run on every Dask worker: register (or remove) a misbehaving reader for ``.md`` files."""
    import sys

    from cxzy_nlp import read

    if tests not in sys.path:
        sys.path.insert(0, tests)
    if reader is None:
        read.READERS.pop("md", None)
    else:
        read.READERS["md"] = f"hostile_readers:{reader}"


@pytest.fixture(scope="module")
def client():
    from cxzy_nlp.corpus.distributed import client_for, close_clients

    yield client_for(DASK)
    close_clients()


def test_cluster_is_loopback_and_workers_may_fork(client) -> None:
    info = client.scheduler_info()
    assert len(info["workers"]) == 2
    assert all(addr.startswith("tcp://127.0.0.1:") for addr in info["workers"])
    assert not any(client.run(lambda: __import__("multiprocessing").current_process().daemon).values())


def test_examples_same_records_in_input_order(client, tmp_path: Path) -> None:
    inputs = list(iter_inputs([ROOT / "examples"]))
    local = analyse_files(inputs, Config(jobs=2))
    streamed = list(run_batch(inputs, DASK))
    assert [a.source.path for a in streamed] == inputs  # streamed back in input order
    assert _records(streamed) == _records(local)


def test_hostile_files_get_the_same_record(client, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    src = next(p for p in iter_inputs([ROOT / "examples"]) if p.endswith(".docx"))
    truncated = tmp_path / "truncated.docx"
    truncated.write_bytes(Path(src).read_bytes()[:3000])
    broken = tmp_path / "broken.docx"
    with zipfile.ZipFile(broken, "w") as z:
        z.writestr("[Content_Types].xml", "<Types/>")
    (tmp_path / "slow.md").write_text("# 标题\n内容", encoding="utf-8")
    (tmp_path / "good.txt").write_text(GOOD, encoding="utf-8")
    paths = [str(tmp_path / n) for n in ("truncated.docx", "broken.docx", "slow.md", "good.txt")]
    config = Config(jobs=2, time_limit=10.0)
    from cxzy_nlp import read as read_mod

    sys.path.insert(0, str(TESTS))
    monkeypatch.setitem(read_mod.READERS, "md", "hostile_readers:hang")
    client.run(_patch_reader, str(TESTS), "hang")
    try:
        local = analyse_files(paths, config)
        remote = analyse_files(paths, Config(jobs=2, time_limit=10.0, executor="dask"))
    finally:
        client.run(_patch_reader, str(TESTS), None)
    codes = [a.errors[0]["code"] if a.errors else "ok" for a in remote]
    assert codes[2] == "timeout" and codes[3] == "ok"
    assert codes[0] != "ok" and codes[1] != "ok"
    assert _records(remote) == _records(local)


def test_cache_is_read_in_the_client(client, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from cxzy_nlp.corpus import distributed

    sent: list[str] = []
    real = distributed.dask_results

    def spy(paths, *args, **kwargs):
        sent.extend(paths)
        return real(paths, *args, **kwargs)

    monkeypatch.setattr(distributed, "dask_results", spy)
    (tmp_path / "a.txt").write_text(GOOD, encoding="utf-8")
    cache = ResultCache(tmp_path / "cache.sqlite")
    first = list(run_batch([str(tmp_path / "a.txt")], DASK, cache=cache))
    assert sent == [str(tmp_path / "a.txt")]  # control: a new file goes to the cluster
    (tmp_path / "b.txt").write_text(GOOD, encoding="utf-8")  # same bytes: served from the cache, no task
    second = list(run_batch([str(tmp_path / "b.txt")], DASK, cache=cache))
    assert sent == [str(tmp_path / "a.txt")]
    assert second[0].text == first[0].text and second[0].source.path.endswith("b.txt")
    cache.close()


def test_unknown_executor_is_refused() -> None:
    from cxzy_nlp.errors import ConfigError

    with pytest.raises(ConfigError, match="executor"):
        Config(executor="spark")


# ------------------------------------------------------------------ the commands, local and Dask, byte for byte


def _cli(args: list[str], cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONIOENCODING": "utf-8", "SOURCE_DATE_EPOCH": "1700000000", "PYTHONPATH": str(ROOT)}
    return subprocess.run(
        [sys.executable, "-m", "cxzy_nlp", *args], cwd=cwd, capture_output=True, text=True, env=env, timeout=600
    )


def _index_rows(path: Path) -> list[tuple]:
    db = sqlite3.connect(path)
    # by path, not id: a local run with two jobs stores files in the order they finish
    rows = db.execute("SELECT path, sha256, department, year, titles, record FROM submissions ORDER BY path").fetchall()
    rows += db.execute(
        "SELECT s.path, p.doc, p.start, p.end, p.signature FROM passages p JOIN submissions s ON s.id = p.submission"
        " ORDER BY s.path, p.doc, p.start"
    ).fetchall()
    db.close()
    return rows


def _timeless(path: Path) -> bytes:
    """The output's bytes; dedup's JSON without its ``stats.seconds_*`` (timings differ between any two runs)."""
    data = path.read_bytes()
    if path.name.startswith("dedup") and path.suffix == ".json":
        record = json.loads(data)
        record["stats"] = {k: v for k, v in record["stats"].items() if not k.startswith("seconds_")}
        return json.dumps(record, ensure_ascii=False, indent=1).encode()
    return data


COMMANDS = {
    "check": ["check", "docs", "--format", "json", "--no-cache", "--fail-on", "never", "-o", "{out}.json"],
    "extract": ["extract", "docs", "-o", "{out}.json"],
    "dedup": ["dedup", "docs", "--format", "json", "-o", "{out}.json"],
    "dedup-text": ["dedup", "docs", "--format", "text", "-o", "{out}.txt"],
    "report": ["report", "docs", "-o", "{out}.html"],
    "index": ["index", "add", "docs", "-i", "{out}.sqlite"],
}


def _same_outputs(folder: Path, tmp_path: Path, commands: list[str], extra: tuple[str, ...] = ()) -> None:
    (tmp_path / "docs").symlink_to(folder.resolve(), target_is_directory=True)  # relative paths in every output
    for name in commands:
        outs = {}
        for executor in ("local", "dask"):
            out = f"{name}-{executor}"
            args = [a.format(out=out) for a in COMMANDS[name]] + ["--jobs", "2", "--executor", executor, *extra]
            proc = _cli(args, tmp_path)
            assert proc.returncode in (0, 1), (name, executor, proc.stderr[-2000:])
            assert "Traceback" not in proc.stderr and "distributed." not in proc.stderr, proc.stderr[-2000:]
            produced = next(tmp_path.glob(f"{out}.*"))
            outs[executor] = _index_rows(produced) if produced.suffix == ".sqlite" else _timeless(produced)
        assert outs["local"] == outs["dask"], name


@pytest.mark.slow
def test_commands_byte_identical_on_examples(tmp_path: Path) -> None:
    _same_outputs(ROOT / "examples", tmp_path, list(COMMANDS))


@pytest.mark.slow
@pytest.mark.realdocs
def test_commands_byte_identical_on_realdocs(realdocs: Path, tmp_path: Path) -> None:
    # check holds extract's record; a generous per-file limit: on a loaded machine the 79-page scan read by OCR
    # overran the default 120 s in one executor only, and the test compares outputs, not speed
    _same_outputs(realdocs, tmp_path, ["check", "dedup"], ("--time-limit", "1800"))


def test_scheduler_needs_dask_executor(tmp_path: Path) -> None:
    proc = _cli(["extract", str(ROOT / "examples"), "--scheduler", "tcp://127.0.0.1:1"], tmp_path)
    assert proc.returncode == 2 and "--scheduler" in proc.stderr


def test_executor_and_scheduler_read_from_cxzy_toml(tmp_path) -> None:
    """``executor``/``scheduler`` in cxzy.toml choose the executor; the command line wins; bad values are quoted."""
    from cxzy_nlp.check.settings import load_settings
    from cxzy_nlp.cli.options import with_executor
    from cxzy_nlp.config import Config, executor_settings
    from cxzy_nlp.errors import ConfigError

    folder = tmp_path / "收文"
    folder.mkdir()
    (folder / "a.txt").write_text("甲单位方案\n内容。", encoding="utf-8")
    toml = folder / "cxzy.toml"
    toml.write_text('executor = "dask"\nscheduler = "tcp://127.0.0.1:8786"\n', encoding="utf-8")
    assert executor_settings(toml) == ("dask", "tcp://127.0.0.1:8786")
    load_settings(toml)  # the check settings accept the two keys
    chosen = with_executor(Config(), None, None, [folder])
    assert (chosen.executor, chosen.scheduler) == ("dask", "tcp://127.0.0.1:8786")
    overridden = with_executor(Config(), "local", None, [folder])
    assert (overridden.executor, overridden.scheduler) == ("local", None)
    toml.unlink()  # control: without the file, local
    assert with_executor(Config(), None, None, [folder]).executor == "local"
    for bad, quoted in (('executor = "spark"', "'spark'"), ('scheduler = "tcp://x:1"', "executor")):
        toml.write_text(bad + "\n", encoding="utf-8")
        with pytest.raises(ConfigError, match=quoted):
            executor_settings(toml)
