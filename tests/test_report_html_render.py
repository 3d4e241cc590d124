"""The HTML report rendered by headless Chromium (Debian's, driven by Playwright): desktop and phone widths,
filters and sorting, the page without its script, and printing to PDF (read back with pypdfium2).

Each check is a function run on the real page and, as a control, on the page spoiled the way the old
report was (a table that grows with its longest heading, a scroll box cut by printing, no page breaks),
so a check that cannot fail would show. Screenshots and the PDF go to tests/artifacts/.
"""

from __future__ import annotations

import os
import re
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from test_report_html import LINES, LONG_HEADING, report_page

pytestmark = pytest.mark.browser

DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}

# Elements sticking out of the viewport that are not inside a box scrolling (or clipping) on its own.
OVERFLOW_JS = """() => {
  const limit = document.documentElement.clientWidth + 1, out = [];
  for (const el of document.body.querySelectorAll('*')) {
    const r = el.getBoundingClientRect();
    if (!r.width || r.right <= limit) continue;
    let boxed = false;
    for (let p = el.parentElement; p && p !== document.body; p = p.parentElement) {
      const o = getComputedStyle(p).overflowX;
      if (o === 'auto' || o === 'scroll' || o === 'hidden') { boxed = true; break; }
    }
    if (!boxed) out.push(el.tagName + (el.id ? '#' + el.id : '') + ' ' + Math.round(r.right));
  }
  return {scroll: document.documentElement.scrollWidth, inner: window.innerWidth, out: out.slice(0, 10)};
}"""


def _chromium() -> str:
    found = shutil.which("chromium")
    if not found:
        pytest.skip("Chromium is not installed (.ci/run installs Debian's chromium)")
    return found


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    sync_api = pytest.importorskip("playwright.sync_api")
    executable = _chromium()
    with sync_api.sync_playwright() as p:
        args = ["--no-sandbox"] if hasattr(os, "geteuid") and os.geteuid() == 0 else []
        b = p.chromium.launch(executable_path=executable, args=[*args, "--disable-background-networking"])
        yield b
        b.close()


@pytest.fixture(scope="module")
def report_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("html") / "report.html"
    path.write_text(report_page(), encoding="utf-8")
    return path


def _spoiled(report_file: Path, css: str, name: str) -> Path:
    """The report with extra CSS appended (a control: the page as a bad layout would draw it)."""
    page = report_file.read_text(encoding="utf-8").replace("</head>", f"<style>{css}</style></head>", 1)
    out = report_file.with_name(name)
    out.write_text(page, encoding="utf-8")
    return out


class Opened:
    """A page in its own context; records script errors and every request that is not the file itself."""

    def __init__(self, browser: Any, path: Path, viewport: dict[str, int], script: bool = True) -> None:
        self.errors: list[str] = []
        self.requests: list[str] = []
        self.context = browser.new_context(viewport=viewport, locale="zh-CN", java_script_enabled=script)
        self.context.route("**/*", self._route)
        self.page = self.context.new_page()
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        self.page.goto(path.as_uri())
        if script:
            self.page.wait_for_selector("body[data-ready='1']")

    def _route(self, route: Any) -> None:
        if not route.request.url.startswith("file://"):
            self.requests.append(route.request.url)
            route.abort()
        else:
            route.continue_()

    def close(self) -> None:
        assert self.errors == [], self.errors
        assert self.requests == [], self.requests  # nothing is fetched: one self-contained file
        self.context.close()


def _layout(opened: Opened) -> dict[str, Any]:
    return opened.page.evaluate(OVERFLOW_JS)  # type: ignore[no-any-return]


def _department_column(opened: Opened) -> float:
    return opened.page.evaluate(  # type: ignore[no-any-return]
        "() => document.querySelector('#findings-table tbody td').getBoundingClientRect().width"
    )


# ------------------------------------------------------------------ desktop and phone


def test_desktop_width_nothing_wider_than_the_viewport(browser: Any, report_file: Path, artifacts: Path) -> None:
    opened = Opened(browser, report_file, DESKTOP)
    layout = _layout(opened)
    assert layout["scroll"] <= layout["inner"] and layout["out"] == [], layout
    assert _department_column(opened) >= 60
    # the 1,000-character heading is there, clipped, whole in its tooltip, and keeps its row low
    cell = opened.page.locator("#findings-table tr[data-rule='vague-goal'] td:nth-child(3) .clip")
    assert LONG_HEADING.startswith(cell.get_attribute("title").rstrip("…"))  # type: ignore[union-attr]
    assert cell.bounding_box()["height"] < 90  # type: ignore[index]
    opened.page.screenshot(path=str(artifacts / "report-html-desktop.png"), full_page=True)
    opened.close()


def test_control_a_table_that_grows_with_its_heading_is_caught(browser: Any, report_file: Path) -> None:
    spoiled = _spoiled(
        report_file,
        "#findings-table{table-layout:auto!important;width:auto!important}"
        "#findings-table td{white-space:nowrap}.clip{display:inline!important}",
        "wide.html",
    )
    opened = Opened(browser, spoiled, DESKTOP)
    layout = _layout(opened)
    assert layout["scroll"] > layout["inner"] and layout["out"], layout
    opened.close()


def test_phone_width_no_page_overflow(browser: Any, report_file: Path, artifacts: Path) -> None:
    opened = Opened(browser, report_file, PHONE)
    layout = _layout(opened)
    assert layout["scroll"] <= PHONE["width"] and layout["out"] == [], layout
    # findings become cards: one block per finding, as wide as the page at most
    display = opened.page.evaluate("() => getComputedStyle(document.querySelector('#findings-table tbody tr')).display")
    assert display == "block"
    opened.page.screenshot(path=str(artifacts / "report-html-phone.png"), full_page=False)
    opened.page.locator("#findings").scroll_into_view_if_needed()
    opened.page.screenshot(path=str(artifacts / "report-html-phone-findings.png"))
    opened.close()


def test_control_a_wide_table_outside_its_box_is_caught(browser: Any, report_file: Path) -> None:
    spoiled = _spoiled(report_file, ".scroll{overflow:visible!important}", "unboxed.html")
    opened = Opened(browser, spoiled, PHONE)
    layout = _layout(opened)
    assert layout["scroll"] > PHONE["width"] and layout["out"], layout
    opened.close()


# ------------------------------------------------------------------ filters and sorting


def _visible(opened: Opened) -> list[dict[str, str]]:
    return opened.page.evaluate(  # type: ignore[no-any-return]
        """() => Array.from(document.querySelectorAll('#findings-table tbody tr'))
              .filter(r => r.offsetParent !== null)
              .map(r => ({sev: r.dataset.sev, dept: r.dataset.dept, doc: r.dataset.doc, rule: r.dataset.rule}))"""
    )


def test_filters_and_sorting_change_the_visible_rows(browser: Any, report_file: Path) -> None:
    opened = Opened(browser, report_file, DESKTOP)
    page = opened.page
    everything = _visible(opened)
    assert len(everything) == 5 and page.is_visible("#filter")
    page.select_option("#f-dept", "财政局")
    rows = _visible(opened)
    assert 0 < len(rows) < len(everything) and {r["dept"] for r in rows} == {"财政局"}
    assert page.text_content("#f-count") == f"显示 {len(rows)} / 5 条"
    page.click("#f-reset")
    page.select_option("#f-rule", "missing-section")
    assert [r["rule"] for r in _visible(opened)] == ["missing-section"]
    page.click("#f-reset")
    page.uncheck("#filter input[value='warn']")
    assert _visible(opened) and all(r["sev"] != "warn" for r in _visible(opened))
    page.click("#f-reset")
    page.select_option("#f-doc", "d1-1")
    assert {r["doc"] for r in _visible(opened)} == {"d1-1"}
    page.click("#f-reset")
    assert _visible(opened) == everything  # back to all rows, in document order
    rank = {"error": 0, "warn": 1, "info": 2}
    page.click("#findings-table th[data-sort='sev']")
    by_sev = [rank[r["sev"]] for r in _visible(opened)]
    assert by_sev == sorted(by_sev) and by_sev != [rank[r["sev"]] for r in everything]
    page.click("#findings-table th[data-sort='sev']")
    assert [rank[r["sev"]] for r in _visible(opened)] == sorted(by_sev, reverse=True)
    page.click("#findings-table th[data-sort='dept']")
    depts = [r["dept"] for r in _visible(opened)]
    in_pinyin = page.evaluate("ds => ds.slice().sort((a, b) => a.localeCompare(b, 'zh-CN'))", depts)
    assert depts == in_pinyin and depts[0] == "财政局" and len(set(depts)) > 1  # 财 cái before 卫 wèi
    page.click("#findings-table th[data-sort='doc']")
    assert _visible(opened) == everything  # document order again
    opened.close()


def test_without_script_every_row_shows_in_document_order(browser: Any, report_file: Path) -> None:
    scripted = Opened(browser, report_file, DESKTOP)
    everything = _visible(scripted)
    scripted.close()
    opened = Opened(browser, report_file, DESKTOP, script=False)
    assert _visible(opened) == everything
    assert not opened.page.is_visible("#filter") and not opened.page.is_visible("#print-btn")
    assert opened.page.is_visible("#d4-1 .excerpt")  # the quotes around findings need no script
    opened.close()


# ------------------------------------------------------------------ print


def _pdf_pages(path: Path) -> list[str]:
    pdfium = pytest.importorskip("pypdfium2")
    pdf = pdfium.PdfDocument(str(path))
    try:
        return [re.sub(r"\s+", "", pdf[i].get_textpage().get_text_range()) for i in range(len(pdf))]
    finally:
        pdf.close()


def _printed(browser: Any, page_file: Path, out: Path) -> list[str]:
    """Click the print button (window.print stubbed), wait for every part to expand, print to PDF."""
    opened = Opened(browser, page_file, DESKTOP)
    page = opened.page
    page.evaluate("() => { window.print = () => { window.__printed = true; }; }")
    page.click("#print-btn")
    page.wait_for_function("() => window.__printed === true")
    assert page.evaluate(
        "() => Array.from(document.querySelectorAll('.fulltext')).every(b => b.dataset.state === 'open')"
    )
    page.pdf(path=str(out), format="A4", print_background=True)
    opened.close()
    return _pdf_pages(out)


def _missing_lines(pages: list[str]) -> list[str]:
    printed = "".join(pages)
    return [line for line in LINES if re.sub(r"\s+", "", line) not in printed]


def _pages_opening_a_document(pages: list[str]) -> list[int]:
    titles = ["县教育局2024年教师培训实施方案", "区卫健委健康宣传工作方案", "县财政局预算绩效管理工作方案"]
    return [i for i, text in enumerate(pages) if any(text.startswith(t) for t in titles)]


def test_print_expands_everything_and_clips_nothing(browser: Any, report_file: Path, artifacts: Path) -> None:
    pages = _printed(browser, report_file, artifacts / "report-html-print.pdf")
    assert _missing_lines(pages) == []  # the long plan is printed whole: no scroll box cut at the page
    opening = _pages_opening_a_document(pages)
    assert len(opening) == 3  # each of these documents starts on a page of its own
    assert len(pages) >= 5 + 1  # five documents after the overview pages


def test_control_a_scroll_box_cut_by_printing_is_caught(browser: Any, report_file: Path, artifacts: Path) -> None:
    spoiled = _spoiled(
        report_file,
        "@media print{.doctext{max-height:300px!important;overflow:hidden!important}.doc{break-before:auto!important}}",
        "cut.html",
    )
    pages = _printed(browser, spoiled, artifacts / "report-html-print-control.pdf")
    assert len(_missing_lines(pages)) > 50
    assert len(_pages_opening_a_document(pages)) < 3
