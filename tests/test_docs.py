"""Every command has help text and appears in the README; `cxzy --help` does not load heavy libraries."""

from __future__ import annotations

import subprocess
import sys

import pytest
from conftest import ROOT
from typer.main import get_command

from cxzy_nlp.cli import COMMAND_MODULES, app

README = (ROOT / "README.md").read_text(encoding="utf-8")
COMMANDS = sorted(get_command(app).commands)  # type: ignore[attr-defined]


def test_every_planned_command_is_registered() -> None:
    assert sorted(COMMAND_MODULES) == COMMANDS


@pytest.mark.parametrize("name", COMMANDS)
def test_command_has_help_and_is_documented(name: str) -> None:
    command = get_command(app).commands[name]  # type: ignore[attr-defined]
    assert (command.help or "").strip(), f"cxzy {name} has no help text"
    assert f"cxzy {name}" in README, f"cxzy {name} is not in the README"


def test_help_does_not_import_heavy_libraries() -> None:
    code = (
        "import sys\n"
        "from cxzy_nlp.cli import app\n"
        "from typer.main import get_command\n"
        "get_command(app)\n"
        "heavy = [m for m in ('spacy', 'sklearn', 'jieba', 'pdfplumber', 'docx', 'openpyxl', 'numpy', 'datasketch', 'lxml')"
        " if m in sys.modules]\n"
        "print(','.join(heavy))\n"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == "", f"imported at --help time: {proc.stdout.strip()}"
