"""Freeze what the PDF reader reads from the shared real PDFs, without keeping any of their text.

Run once, before the reader changes: ``PYTHONPATH=$PWD python tests/golden/pdf_reference/freeze.py``.
Per file it writes ``<name>.json``: the page count, the problems' codes and pages, the block count,
the lines removed as running headers/footers or page numbers (counts per page and edge), and the
multiset of non-whitespace characters of the blocks (character → count). None of it reads back as text.
"""

from __future__ import annotations

import json
import re
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
SHARED = ROOT.parent / "shared"
OUT = Path(__file__).resolve().parent


def freeze(path: Path) -> dict:
    from cxzy_nlp.config import DEFAULT_CONFIG
    from cxzy_nlp.read import pdf

    removed: list[dict] = []
    original = pdf.strip_running_lines

    def counting(pages):
        before = [list(layout.lines) for layout in pages]
        out = original(pages)
        for layout, lines in zip(out, before, strict=True):
            kept = {id(ln) for ln in layout.lines}
            gone = [ln for ln in lines if id(ln) not in kept]
            for ln in gone:
                removed.append(
                    {
                        "page": layout.number,
                        "edge": "top" if ln.top <= layout.height / 2 else "bottom",
                        "page_number": pdf.is_page_number(ln, layout.height),
                        "chars": len(re.sub(r"\s", "", ln.text)),
                    }
                )
        return out

    pdf.strip_running_lines = counting
    try:
        result = pdf.read_pdf(path.read_bytes(), DEFAULT_CONFIG)
    finally:
        pdf.strip_running_lines = original
    chars = Counter(re.sub(r"\s", "", "".join(b.text for b in result.blocks)))
    return {
        "file": f"{path.parent.name}/{path.name}",
        "pages": result.pages,
        "blocks": len(result.blocks),
        "problems": [{"code": p.code, "pages": list(p.pages)} for p in result.problems],
        "removed_lines": removed,
        "total_chars": sum(chars.values()),
        "chars": dict(sorted(chars.items())),
    }


def main() -> None:
    for folder in ("realdocs", "realdocs2"):
        for path in sorted((SHARED / folder).glob("*.pdf")):
            try:
                record = freeze(path)
            except Exception as exc:  # a file the old reader could not read is recorded as such
                record = {"file": f"{folder}/{path.name}", "error": f"{type(exc).__name__}: {exc}"}
            (OUT / f"{folder}__{path.stem}.json").write_text(
                json.dumps(record, ensure_ascii=False, indent=0, sort_keys=False) + "\n", encoding="utf-8"
            )
            print(record["file"], record.get("total_chars", record.get("error")), file=sys.stderr)


if __name__ == "__main__":
    main()
