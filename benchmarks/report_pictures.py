"""Refresh the README's pictures of the HTML report (docs/report*.png) and print its size figures.

    python benchmarks/report_pictures.py                 # the bundled examples → docs/
    python benchmarks/report_pictures.py --real          # also the size of the report of ../shared/realdocs
    python benchmarks/report_pictures.py --out /tmp/pics # somewhere else

Draws `cxzy report examples/ --by examples/manifest.csv` with Debian's Chromium (Playwright, never
`playwright install`): the top of the page at desktop width, the findings as cards at phone width,
and a printed document page (the print button's layout, via page.pdf, rendered with pypdfium2).
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from cxzy_nlp.corpus.report import report_summary, write_report  # noqa: E402

EXAMPLES = ROOT / "examples"
REALDOCS = ROOT.parent / "shared" / "realdocs"


def build(paths: list[Path], out: Path, manifest: Path | None = None) -> tuple[Path, float]:
    started = time.perf_counter()
    summary = report_summary(paths, manifest=manifest)
    page = write_report(summary, out, manifest=manifest)
    return page, time.perf_counter() - started


def pictures(page: Path, out: Path) -> list[Path]:
    from playwright.sync_api import sync_playwright

    chromium = shutil.which("chromium")
    if chromium is None:
        raise SystemExit("Chromium is not installed (apt-get install chromium)")
    args = ["--no-sandbox"] if hasattr(os, "geteuid") and os.geteuid() == 0 else []
    written = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium, args=args)
        desk = browser.new_page(viewport={"width": 1280, "height": 1800}, locale="zh-CN")
        desk.goto(page.as_uri())
        desk.wait_for_selector("body[data-ready='1']")
        written.append(out / "report.png")
        desk.screenshot(path=str(written[-1]))

        phone = browser.new_page(viewport={"width": 390, "height": 844}, locale="zh-CN", device_scale_factor=2)
        phone.goto(page.as_uri())
        phone.wait_for_selector("body[data-ready='1']")
        phone.evaluate("() => document.getElementById('findings').scrollIntoView()")
        written.append(out / "report-phone.png")
        phone.screenshot(path=str(written[-1]))

        desk.evaluate("() => window.cxzyReport.expandAll()")
        desk.wait_for_function(
            "() => Array.from(document.querySelectorAll('.fulltext')).every(b => b.dataset.state === 'open')"
        )
        with tempfile.TemporaryDirectory() as tmp:
            pdf_path = Path(tmp) / "report.pdf"
            desk.pdf(path=str(pdf_path), format="A4", print_background=True)
            written.append(out / "report-print.png")
            pages = _render_document_page(pdf_path, written[-1])
        browser.close()
    print(f"printed: {pages} A4 pages")
    return written


def _render_document_page(pdf_path: Path, png: Path) -> int:
    """The first page that opens a document (after the overview pages), as a PNG."""
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(str(pdf_path))
    try:
        index = next(
            (i for i in range(len(pdf)) if "问题（" in pdf[i].get_textpage().get_text_range()[:400]), len(pdf) - 1
        )
        pdf[index].render(scale=1.4).to_pil().save(png)
        return len(pdf)
    finally:
        pdf.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "docs")
    parser.add_argument("--real", action="store_true", help="also measure the report of ../shared/realdocs")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        page, seconds = build([EXAMPLES], Path(tmp) / "审阅报告.html", EXAMPLES / "manifest.csv")
        print(f"examples: {page.stat().st_size:,} bytes, {seconds:.1f} s")
        for picture in pictures(page, args.out):
            print(f"wrote {picture}")
        if args.real:
            if not REALDOCS.is_dir():
                raise SystemExit(f"{REALDOCS} is absent")
            real, seconds = build([REALDOCS], Path(tmp) / "real.html")
            print(f"realdocs: {real.stat().st_size:,} bytes (limit 1,500,000), {seconds:.1f} s")


if __name__ == "__main__":
    main()
