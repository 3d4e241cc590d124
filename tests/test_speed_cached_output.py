"""A cached re-run writes the cached record as is (no rebuild), byte for byte what the first run wrote."""

from __future__ import annotations

import os
import subprocess
import sys
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from cxzy_nlp.config import Config
from cxzy_nlp.corpus.batch import cached_record, run_batch
from cxzy_nlp.corpus.cache import ResultCache
from cxzy_nlp.jsonio import analysis_to_dict
from cxzy_nlp.synth import generate_plan, render

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def plans(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("plans")
    for seed, fmt in ((1, "txt"), (2, "docx"), (3, "txt")):
        render(generate_plan(seed), fmt, folder / f"plan{seed}.{fmt}")
    (folder / "empty.txt").write_text("", encoding="utf-8")  # a record with an error, cached too
    return folder


def _check(folder: Path, out: Path, *options: str) -> None:
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH", "")]))}
    run = subprocess.run(
        [
            sys.executable,
            "-m",
            "cxzy_nlp",
            "check",
            str(folder),
            "--fail-on",
            "never",
            "--jobs",
            "1",
            "-o",
            str(out),
            *options,
        ],
        env=env,
        capture_output=True,
        text=True,
    )
    assert run.returncode == 0, run.stderr


@pytest.mark.parametrize("fmt", ["jsonl", "json"])
def test_a_cached_rerun_writes_what_the_first_run_wrote(plans: Path, tmp_path: Path, fmt: str) -> None:
    cache = tmp_path / "cache.sqlite"
    _check(plans, tmp_path / f"first.{fmt}", "-f", fmt, "--cache", str(cache))
    _check(plans, tmp_path / f"cached.{fmt}", "-f", fmt, "--cache", str(cache))
    _check(plans, tmp_path / f"fresh.{fmt}", "-f", fmt, "--no-cache")
    first = (tmp_path / f"first.{fmt}").read_bytes()
    assert (tmp_path / f"cached.{fmt}").read_bytes() == first
    assert (tmp_path / f"fresh.{fmt}").read_bytes() == first
    # settings that change the findings: the cached analysis is filtered, its record built again
    _check(plans, tmp_path / f"ignored.{fmt}", "-f", fmt, "--cache", str(cache), "--min-severity", "error")
    _check(plans, tmp_path / f"ignored_fresh.{fmt}", "-f", fmt, "--no-cache", "--min-severity", "error")
    assert (tmp_path / f"ignored.{fmt}").read_bytes() == (tmp_path / f"ignored_fresh.{fmt}").read_bytes()
    assert (tmp_path / f"ignored.{fmt}").read_bytes() != first  # control: the settings did change the output


def test_the_cached_record_is_served_only_for_the_very_analysis_from_the_cache(plans: Path, tmp_path: Path) -> None:
    cache = ResultCache(tmp_path / "cache.sqlite")
    paths = sorted(str(p) for p in plans.iterdir())
    try:
        fresh = list(run_batch(paths, Config(isolate=False), cache=cache))
        assert all(cached_record(a) is None for a in fresh)  # control: computed, not cached
        again = list(run_batch(paths, Config(isolate=False), cache=cache))
    finally:
        cache.close()
    assert len(again) == len(paths)
    for analysis in again:
        record = cached_record(analysis)
        assert record is not None
        assert record == analysis_to_dict(analysis)
        assert record["source"]["path"] == analysis.source.path
        changed = replace(analysis, documents=())
        assert cached_record(changed) is None  # a changed copy has its record built again


def test_a_cached_rerun_builds_no_record_again(plans: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from typer.testing import CliRunner

    from cxzy_nlp import jsonio
    from cxzy_nlp.cli import app

    cache = tmp_path / "cache.sqlite"
    _check(plans, tmp_path / "first.jsonl", "-f", "jsonl", "--cache", str(cache))
    built: list[object] = []
    to_dict = jsonio.analysis_to_dict

    def counted(analysis: Any) -> dict[str, Any]:
        built.append(analysis)
        return to_dict(analysis)

    monkeypatch.setattr(jsonio, "analysis_to_dict", counted)
    runner = CliRunner()
    common = [str(plans), "--fail-on", "never", "-f", "jsonl", "--cache", str(cache), "-o"]
    result = runner.invoke(app, ["check", *common, str(tmp_path / "cached.jsonl")])
    assert result.exit_code == 0, result.output
    assert built == []
    assert (tmp_path / "cached.jsonl").read_bytes() == (tmp_path / "first.jsonl").read_bytes()
    # control: filtered findings make other records, built again
    result = runner.invoke(app, ["check", *common, str(tmp_path / "filtered.jsonl"), "--min-severity", "error"])
    assert result.exit_code == 0, result.output
    assert len(built) == len(list(plans.iterdir()))
