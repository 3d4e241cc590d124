"""Pictures of reviewed Word copies: annotate, render with LibreOffice (soffice → PDF), rasterise with pypdfium2.

Writes ``<name>-p<N>.png`` for the first pages of each copy into ``tests/artifacts/docx/``
(ignored by git) and, with ``--docs``, the first page of each into ``docs/`` for the README.
The PDF keeps each Word comment as a note (the yellow marks on the page).

    python benchmarks/docx_pictures.py                     # the examples' .docx and .doc, --fix on
    python benchmarks/docx_pictures.py some.pdf --pages 2  # any inputs, two pages each
    python benchmarks/docx_pictures.py --docs              # also refresh docs/annotate-*.png
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
DEFAULT_INPUTS = [
    ROOT / "examples" / "青溪县教育局_校园安全专项整治实施方案.docx",
    ROOT / "examples" / "青溪县卫生健康局_家庭医生签约服务实施方案.doc",
]
PDF_FILTER = 'pdf:writer_pdf_Export:{"ExportNotes":{"type":"boolean","value":"true"}}'


def render(docx: Path, out_dir: Path, pages: int, scale: float, work: Path) -> list[Path]:
    """PNG files of the first ``pages`` pages of ``docx`` as LibreOffice lays it out."""
    import pypdfium2 as pdfium

    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        raise SystemExit("需要 LibreOffice（soffice）才能渲染 Word 文件")
    subprocess.run(
        [
            soffice,
            "--headless",
            f"-env:UserInstallation=file://{work}/lo",
            "--convert-to",
            PDF_FILTER,
            "--outdir",
            str(work),
            str(docx),
        ],
        check=True,
        capture_output=True,
        timeout=300,
    )
    pdf = pdfium.PdfDocument(str(work / f"{docx.stem}.pdf"))
    written = []
    for i in range(min(pages, len(pdf))):
        target = out_dir / f"{docx.stem}-p{i + 1}.png"
        pdf[i].render(scale=scale).to_pil().save(target)
        written.append(target)
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("inputs", nargs="*", type=Path, help="files to annotate (default: two examples)")
    parser.add_argument("--out", type=Path, default=ROOT / "tests" / "artifacts" / "docx")
    parser.add_argument("--pages", type=int, default=1)
    parser.add_argument("--scale", type=float, default=1.0, help="pixels per PDF point")
    parser.add_argument("--no-fix", action="store_true", help="comments only, no revisions")
    parser.add_argument("--docs", action="store_true", help="also copy each first page to docs/annotate-N.png")
    args = parser.parse_args(argv)

    from cxzy_nlp.report.annotate import annotate_file

    args.out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="cxzy-pictures-") as tmp:
        work = Path(tmp)
        for n, src in enumerate(args.inputs or DEFAULT_INPUTS, 1):
            copy = work / f"{src.stem}.审阅.docx"
            done = annotate_file(src, copy, author="审阅人", fix=not args.no_fix, force=True)
            pictures = render(copy, args.out, args.pages, args.scale, work)
            print(
                f"{src.name}: {len(done.placed)} 条批注，{len(done.listed)} 条汇总，{done.revisions} 处修订 → ", end=""
            )
            print(", ".join(str(p) for p in pictures))
            if args.docs and pictures:
                shutil.copy(pictures[0], ROOT / "docs" / f"annotate-{n}.png")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
