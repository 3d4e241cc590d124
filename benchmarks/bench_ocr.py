"""OCR cost and accuracy per scanned A4 page: our RapidOCR pipeline beside Tesseract ``chi_sim``.

Pages are the project's generated scans (``tests/scan_factory.py``: synthetic plans typeset at
200 dpi, clean colour, colour with skew, speckle and a red seal, grey with skew and speckle).
Each engine reads the same page images, interleaved, in this process (RapidOCR, one thread)
or a child process (``tesseract``, one thread via ``OMP_THREAD_LIMIT=1``). CPU seconds are
the process's (or the children's) user+system time; character error rate is against the text
drawn, both sides normalised the same way (the pipeline's ``normalise_text``, whitespace dropped,
ASCII brackets counted as full-width), running header and page number excluded.

    python benchmarks/bench_ocr.py              # 3 plans x 3 variants, 2 pages each
    python benchmarks/bench_ocr.py --plans 1 --json
"""

from __future__ import annotations

import argparse
import json
import os
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

VARIANTS = {
    "clean": {},
    "seal+noise": {"skew": 0.8, "speckle": 0.6, "seal": True},
    "grey+noise": {"grey": True, "skew": -0.6, "speckle": 0.6},
}


BRACKETS = str.maketrans("()", "（）")


def squeeze(text: str) -> str:
    from cxzy_nlp.normalise import normalise_text

    # ASCII and full-width brackets are one glyph shape apart; OCR output writes them full-width
    return re.sub(r"\s", "", normalise_text(text)).translate(BRACKETS)


def cer(reference: str, hypothesis: str) -> float:
    from rapidfuzz.distance import Levenshtein

    ref = squeeze(reference)
    return Levenshtein.distance(ref, squeeze(hypothesis)) / len(ref)


def body_only(lines: list[tuple[str, float, float]], height: float) -> str:
    """Lines between the running header and the page number."""
    return "\n".join(text for text, top, bottom in lines if top > 0.07 * height and bottom < 0.93 * height)


def ours(page) -> tuple[str, float]:
    import numpy as np

    from cxzy_nlp.read import ocr

    rgb = np.asarray(page)
    start = time.process_time()
    lines = ocr.ocr_image(rgb)
    cpu = time.process_time() - start
    return body_only([(ln.text, ln.top, ln.bottom) for ln in lines], rgb.shape[0]), cpu


def tesseract(page, folder: Path) -> tuple[str, float]:
    path = folder / "page.png"
    page.save(path)
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    run = subprocess.run(
        ["tesseract", str(path), "stdout", "-l", "chi_sim", "--psm", "6", "tsv"],
        capture_output=True,
        text=True,
        env={**os.environ, "OMP_THREAD_LIMIT": "1"},
        check=True,
    )
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    rows: dict[tuple[str, str, str], list[tuple[str, float, float]]] = {}
    for row in run.stdout.splitlines()[1:]:
        cols = row.split("\t")
        if len(cols) == 12 and cols[11].strip():
            top, height = float(cols[7]), float(cols[9])
            rows.setdefault((cols[2], cols[3], cols[4]), []).append((cols[11], top, top + height))
    lines = [
        ("".join(w for w, _, _ in words), min(t for _, t, _ in words), max(b for _, _, b in words))
        for words in rows.values()
    ]
    return body_only(lines, page.size[1]), cpu


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--plans", type=int, default=3, help="synthetic plans per variant (2 pages each)")
    parser.add_argument("--json", action="store_true", help="print figures as JSON")
    args = parser.parse_args(argv)

    from scan_factory import font_path, synth_scan

    from cxzy_nlp.read import ocr

    if font_path() is None or not ocr.ocr_available():
        print("needs a CJK font and the ocr extra (pip install -e '.[ocr]')", file=sys.stderr)
        return 2
    have_tesseract = shutil.which("tesseract") is not None
    ocr.engine()  # built once, outside the timings
    results: dict[str, dict[str, list[float]]] = {}
    with tempfile.TemporaryDirectory() as tmp:
        for variant, options in VARIANTS.items():
            for plan in range(args.plans):
                scan = synth_scan(101 + plan, max_pages=2, **options)
                figures = results.setdefault(variant, {})
                engines = [("rapidocr", ours)] + (
                    [("tesseract", lambda p: tesseract(p, Path(tmp)))] if have_tesseract else []
                )
                for name, engine in engines:
                    texts, cpus = zip(*(engine(page) for page in scan.pages), strict=True)
                    figures.setdefault(f"{name}_cpu", []).extend(cpus)
                    figures.setdefault(f"{name}_cer", []).append(cer(scan.reference, "\n".join(texts)))
    summary = {
        variant: {key: round(statistics.median(values), 4) for key, values in figures.items()}
        | {"pages": len(figures["rapidocr_cpu"]), "rapidocr_cpu_max": round(max(figures["rapidocr_cpu"]), 2)}
        for variant, figures in results.items()
    }
    if args.json:
        print(json.dumps(summary, indent=2))
        return 0
    print(
        f"{'variant':<12} {'pages':>5} {'ours CPU s/page':>16} {'ours CER':>9} {'tesseract CPU s/page':>21} {'tesseract CER':>14} {'cost ratio':>10}"
    )
    for variant, row in summary.items():
        ratio = row["rapidocr_cpu"] / row["tesseract_cpu"] if row.get("tesseract_cpu") else float("nan")
        print(
            f"{variant:<12} {row['pages']:>5} {row['rapidocr_cpu']:>16.2f} {row['rapidocr_cer']:>9.2%} "
            f"{row.get('tesseract_cpu', float('nan')):>21.2f} {row.get('tesseract_cer', float('nan')):>14.2%} {ratio:>10.2f}"
        )
    print(
        "CPU: median per page (user+system, one thread); CER: median per 2-page scan, header and page numbers excluded"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
