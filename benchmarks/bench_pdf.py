"""PDF text layer: our reader beside bare pypdfium2 (and pdfplumber, PyMuPDF) on the shared real PDFs.

For each PDF under ``../shared/realdocs`` and ``../shared/realdocs2`` (or ``--dirs``), in one process
pinned to one core, runs interleaved ``--repeat`` times and keeps the fastest CPU time of each (and the median):

- ``ours``: :func:`cxzy_nlp.read.pdf.read_pdf` (lines, paragraphs, running headers removed, font cues,
  tables, the Flate pre-inflation bound) on the text layer: pages without one are left unread, as when OCR is
  not installed (bare pdfium reads nothing there; OCR costs seconds a page, ``bench_ocr.py``); ``--with-ocr``
  times them read by OCR too;
- ``bare``: pypdfium2 opening the file and ``PdfTextPage.get_text_range()`` on every page: the floor;
- ``pdfplumber``: ``page.extract_text()`` on every page (the reader this one replaced; once per file
  unless ``--plumber-repeat``, it is slow; ``--no-plumber`` skips it);
- ``pymupdf``: ``page.get_text()`` on every page, only when PyMuPDF is importable. It is a comparison
  here and never a dependency of the package (AGPL).

It prints a row per file and the totals, each figure beside the bare baseline of the same run
(ratio = ours / bare), with the machine's load average before and after. A benchmark reports
figures; it asserts nothing.

``--coverage`` also prints the character coverage of today's reader against the reference frozen from
the pdfplumber reader (``tests/golden/pdf_reference``, 26 real PDFs; the issue's target: ≥ 99.9 %), as
``tests/test_read_pdf.py`` measures it, and whether the running headers it removed are still removed.

    python benchmarks/bench_pdf.py [--repeat 3] [--no-plumber] [--coverage] [--json] [--dirs DIR ...]
"""

from __future__ import annotations

import argparse
import io
import json
import os
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from cxzy_nlp.config import DEFAULT_CONFIG  # noqa: E402
from cxzy_nlp.errors import CxzyError  # noqa: E402
from cxzy_nlp.read.pdf import read_pdf  # noqa: E402

SHARED = ROOT.parent / "shared"


def _without_ocr() -> None:
    """Pages without a text layer left unread (what the reader does when OCR is not installed)."""
    from cxzy_nlp.read import pdf

    pdf.ocr_pages = lambda _pdf, _layouts, numbers, _config: (list(numbers), [])


def ours(data: bytes) -> int:
    try:
        return sum(len(b.text) for b in read_pdf(data, DEFAULT_CONFIG).blocks)
    except CxzyError:
        return 0


def bare(data: bytes) -> int:
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(data)
    n = 0
    try:
        for i in range(len(pdf)):
            page = pdf[i]
            textpage = page.get_textpage()
            n += len(textpage.get_text_range())
            textpage.close()
            page.close()
    finally:
        pdf.close()
    return n


def plumber(data: bytes) -> int:
    import pdfplumber

    with pdfplumber.open(io.BytesIO(data)) as pdf:
        return sum(len(page.extract_text() or "") for page in pdf.pages)


def pymupdf(data: bytes) -> int:
    import fitz  # type: ignore[import-not-found]

    with fitz.open(stream=data, filetype="pdf") as pdf:
        return sum(len(page.get_text()) for page in pdf)


def cpu_time(fn: Callable[[bytes], int], data: bytes) -> float:
    start = time.process_time()
    fn(data)
    return time.process_time() - start


def _has_pymupdf() -> bool:
    try:
        import fitz  # type: ignore[import-not-found]  # noqa: F401
    except ImportError:
        return False
    return True


def page_count(data: bytes) -> int:
    import pypdfium2 as pdfium

    try:
        pdf = pdfium.PdfDocument(data)
    except pdfium.PdfiumError:
        return 0
    try:
        return len(pdf)
    finally:
        pdf.close()


def coverage_rows() -> list[dict[str, object]]:
    """Per frozen reference: coverage of its characters by today's reader, extra characters, headers kept removed."""
    import importlib.util
    from collections import Counter

    golden = ROOT / "tests" / "golden" / "pdf_reference"
    spec = importlib.util.spec_from_file_location("freeze", golden / "freeze.py")
    assert spec is not None and spec.loader is not None
    freeze = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(freeze)
    rows: list[dict[str, object]] = []
    for reference in sorted(golden.glob("*.json")):
        expected = json.loads(reference.read_text(encoding="utf-8"))
        path = SHARED / expected["file"]
        if not path.is_file():
            continue
        actual = freeze.freeze(path)
        ours, theirs = Counter(actual["chars"]), Counter(expected["chars"])
        total = sum(theirs.values())
        removed = Counter((r["page"], r["edge"], r["page_number"]) for r in actual["removed_lines"])
        rows.append(
            {
                "file": expected["file"],
                "coverage": sum((ours & theirs).values()) / total if total else 1.0,
                "extra": sum((ours - theirs).values()),
                "headers_removed": not Counter(
                    (r["page"], r["edge"], r["page_number"]) for r in expected["removed_lines"]
                )
                - removed,
            }
        )
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3, help="timed runs per reader and file (fastest kept)")
    parser.add_argument("--plumber-repeat", type=int, default=1, help="timed runs of pdfplumber per file")
    parser.add_argument("--no-plumber", action="store_true", help="leave pdfplumber out (it takes ~25 s a run)")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    parser.add_argument("--dirs", nargs="*", type=Path, default=[SHARED / "realdocs", SHARED / "realdocs2"])
    parser.add_argument("--coverage", action="store_true", help="also the coverage of the frozen reference")
    parser.add_argument("--with-ocr", action="store_true", help="read pages without a text layer by OCR (slow)")
    args = parser.parse_args()
    if not args.with_ocr:
        _without_ocr()

    files = sorted(p for d in args.dirs for p in d.glob("*.pdf"))
    if not files:
        sys.exit(f"no PDF under {', '.join(map(str, args.dirs))}")
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {sorted(os.sched_getaffinity(0))[0]})  # one core: ratios, not parallelism
    readers: dict[str, tuple[Callable[[bytes], int], int]] = {"bare": (bare, args.repeat), "ours": (ours, args.repeat)}
    if not args.no_plumber:
        readers["pdfplumber"] = (plumber, args.plumber_repeat)
    if _has_pymupdf():
        readers["pymupdf"] = (pymupdf, args.repeat)
    load_before = os.getloadavg()
    for fn, _ in readers.values():  # warm-up: imports and pdfium's start-up outside the timings
        fn(files[0].read_bytes())

    rows = []
    for path in files:
        data = path.read_bytes()
        times: dict[str, list[float]] = {name: [] for name in readers}
        for run in range(max(n for _, n in readers.values())):
            for name, (fn, repeat) in readers.items():
                if run < repeat:
                    times[name].append(cpu_time(fn, data))
        best = {name: min(t) for name, t in times.items()}
        median = {f"{name} median": statistics.median(t) for name, t in times.items()}
        rows.append({"file": f"{path.parent.name}/{path.name}", "pages": page_count(data), **best, **median})
    load_after = os.getloadavg()

    totals = {name: sum(r[name] for r in rows) for name in readers}
    medians = {name: sum(r[f"{name} median"] for r in rows) for name in readers}
    pages = sum(r["pages"] for r in rows)
    if args.json:
        out = {"rows": rows, "totals": totals, "medians": medians, "pages": pages, "load": [load_before, load_after]}
        print(json.dumps(out, indent=1))
        return
    names = list(readers)
    print(f"load average before {load_before[0]:.2f} {load_before[1]:.2f} {load_before[2]:.2f}; cpus {os.cpu_count()}")
    print("CPU ms per file (fastest of the runs), one core; ratio = ours / bare")
    print(f"{'file':24} {'pages':>5} " + " ".join(f"{n:>11}" for n in names) + f" {'ratio':>6}")
    for r in rows:
        cells = " ".join(f"{r[n] * 1000:11.1f}" for n in names)
        print(f"{r['file']:24} {r['pages']:5d} {cells} {r['ours'] / r['bare']:6.2f}")
    cells = " ".join(f"{totals[n] * 1000:11.1f}" for n in names)
    print(f"{'total':24} {pages:5d} {cells} {totals['ours'] / totals['bare']:6.2f}")
    per_page = " ".join(f"{totals[n] * 1000 / max(pages, 1):11.2f}" for n in names)
    print(f"{'ms per page':24} {'':5} {per_page}")
    for name in names:
        if name != "bare":
            print(
                f"{name} / bare: {totals[name] / totals['bare']:.2f}x (fastest runs), "
                f"{medians[name] / medians['bare']:.2f}x (medians)"
            )
    print(f"load average after  {load_after[0]:.2f} {load_after[1]:.2f} {load_after[2]:.2f}")
    if args.coverage:
        covered = coverage_rows()
        low = min(covered, key=lambda r: r["coverage"])  # type: ignore[arg-type,return-value]
        print(
            f"coverage of the frozen reference, {len(covered)} PDFs: lowest {low['coverage']:.5f} ({low['file']}), "
            f"below 99.9 %: {sum(r['coverage'] < 0.999 for r in covered)}, "  # type: ignore[operator]
            f"headers no longer removed: {sum(not r['headers_removed'] for r in covered)}"
        )


if __name__ == "__main__":
    main()
