"""The HTML report of ../shared/realdocs: under 1.5 MB with every document's text inside (packed), and laid
out in a browser without overflow at desktop and phone widths. The folder is analysed once for the module."""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest
from conftest import REALDOCS

pytestmark = [pytest.mark.slow, pytest.mark.realdocs]

LIMIT = 1_500_000  # bytes


@pytest.fixture(scope="module")
def real_report(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, object]:
    if not REALDOCS.is_dir():
        pytest.skip("../shared/realdocs is not present on this machine")
    from cxzy_nlp.corpus.report import report_summary, write_report

    summary = report_summary([REALDOCS])  # what `cxzy report ../shared/realdocs -o 报告.html` does
    out = write_report(summary, tmp_path_factory.mktemp("real") / "报告.html")
    return out, summary


def test_report_of_realdocs_is_under_the_limit(real_report: tuple[Path, object]) -> None:
    path, summary = real_report
    size = path.stat().st_size
    assert len(summary.docs) > 60  # type: ignore[attr-defined]
    assert size < LIMIT, f"{size:,} bytes"


def test_every_document_text_is_in_the_report(real_report: tuple[Path, object]) -> None:
    from cxzy_nlp.report.html_text import PACKED_TYPE, shown_text, unpacked

    path, summary = real_report
    page = path.read_text(encoding="utf-8")
    blocks = dict(re.findall(rf"<script type='{PACKED_TYPE}' id='([^']+)-packed'>([^<]*)</script>", page))
    for row in summary.docs:  # type: ignore[attr-defined]
        text = html.unescape(re.sub(r"<[^>]+>", "", unpacked(blocks[row.key])))
        shown = shown_text(summary.analysis_of(row).text, row.document)  # type: ignore[attr-defined]
        body = shown[slice(*row.document.span)]  # personal data masked, as the report shows it
        assert body in text, row.path


@pytest.mark.browser
def test_report_of_realdocs_fits_desktop_and_phone(real_report: tuple[Path, object], artifacts: Path) -> None:
    from test_report_html_render import DESKTOP, OVERFLOW_JS, PHONE, _chromium

    sync_api = pytest.importorskip("playwright.sync_api")
    path, summary = real_report
    key = max(summary.docs, key=lambda d: len(d.document.findings)).key  # type: ignore[attr-defined]
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=_chromium(), args=["--no-sandbox"])
        try:
            for name, viewport in (("desktop", DESKTOP), ("phone", PHONE)):
                page = browser.new_page(viewport=viewport, locale="zh-CN")
                errors: list[str] = []
                page.on("pageerror", lambda e, errors=errors: errors.append(str(e)))
                page.goto(path.as_uri())
                page.wait_for_selector("body[data-ready='1']", timeout=60_000)
                layout = page.evaluate(OVERFLOW_JS)
                assert layout["scroll"] <= viewport["width"] and layout["out"] == [], (name, layout)
                if name == "desktop":  # headings of 1,000+ characters (contents lines) are in this table
                    width = page.evaluate(
                        "() => document.querySelector('#findings-table tbody td').getBoundingClientRect().width"
                    )
                    assert width >= 60
                page.evaluate("k => window.cxzyReport.expand(k)", key)
                page.wait_for_function("k => document.getElementById(k + '-text').dataset.state === 'open'", arg=key)
                page.screenshot(path=str(artifacts / f"report-html-realdocs-{name}.png"))
                assert errors == []
                page.close()
        finally:
            browser.close()
