"""The HTML report in a real headless browser: it loads without script errors and renders charts and Chinese."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from test_report import _summary

from cxzy_nlp.report.html import render_html

FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--hide-scrollbars",
]


def _chromium() -> str:
    for name in ("chromium", "chromium-browser", "google-chrome"):
        found = shutil.which(name)
        if found:
            return found
    pytest.skip("Chromium is not installed (.ci/run installs Debian's chromium)")


@pytest.mark.browser
def test_report_loads_in_headless_chromium(tmp_path: Path, artifacts: Path) -> None:
    browser = _chromium()
    fonts = (
        subprocess.run(["fc-list", ":lang=zh"], capture_output=True, text=True).stdout
        if shutil.which("fc-list")
        else ""
    )
    assert fonts.strip(), "no Chinese font installed: the screenshot would show boxes (.ci/run installs fonts-noto-cjk)"
    page = tmp_path / "report.html"
    page.write_text(render_html(_summary(), "浏览器测试报告"), encoding="utf-8")
    common = [browser, *FLAGS, f"--user-data-dir={tmp_path / 'profile'}", "--enable-logging=stderr", "--v=0"]
    dom = subprocess.run(
        [*common, "--virtual-time-budget=3000", "--dump-dom", page.as_uri()],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert dom.returncode == 0, dom.stderr[-2000:]
    html = dom.stdout
    assert 'data-ready="1"' in html, "the page script did not finish"
    assert '<div id="js-errors"></div>' in html, "a script error was reported on the page"
    assert "Uncaught" not in dom.stderr
    assert "章节覆盖矩阵" in html and "<svg" in html

    shot = artifacts / "report.png"
    shot.unlink(missing_ok=True)
    proc = subprocess.run(
        [*common, "--window-size=1280,1800", f"--screenshot={shot}", page.as_uri()],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert shot.exists(), proc.stderr[-2000:]
    data = shot.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and len(data) > 20_000  # a real rendering, not a blank page
