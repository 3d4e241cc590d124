"""ruff and mypy run as part of the one test command CI runs."""

from __future__ import annotations

import subprocess
import sys

from conftest import ROOT

LINTED = ["cxzy_nlp", "tests", "benchmarks", "cli.py"]


def _ruff(*args: str) -> subprocess.CompletedProcess[str]:
    # ruff through the running interpreter, so the test uses the ruff of this environment, not one on PATH
    return subprocess.run([sys.executable, "-m", "ruff", *args], cwd=ROOT, capture_output=True, text=True)


def test_ruff_clean() -> None:
    proc = _ruff("check", *LINTED)
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_ruff_format_applied() -> None:
    proc = _ruff("format", "--check", *LINTED)
    assert proc.returncode == 0, "run `ruff format` on:\n" + proc.stdout + proc.stderr


def test_mypy_clean() -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "mypy", "--no-error-summary"], cwd=ROOT, capture_output=True, text=True
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
