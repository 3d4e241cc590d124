"""Copies built for inputs that are not .docx: A4, GB/T 9704 margins, 公文 styles, real headings.

Read back from the .docx parts (styles, font table, section properties), then rendered by
LibreOffice: A4 pages, every character of the copy in the PDF's text (no U+FFFD, nothing
dropped for want of a glyph; the control, a copy with characters no installed font draws, shows the
check failing), one PDF note per comment.
"""

from __future__ import annotations

import shutil
import subprocess
import zipfile
from collections import Counter
from pathlib import Path

import pytest
from conftest import REALDOCS, ROOT

from cxzy_nlp.report.annotate import annotate_file

EXAMPLES = ROOT / "examples"
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
INPUTS = [
    EXAMPLES / "青溪县卫生健康局_家庭医生签约服务实施方案.doc",
    EXAMPLES / "青溪县卫生健康局_爱国卫生运动工作方案.pdf",
    EXAMPLES / "青溪县教育局_2024年读书月活动方案.txt",
]
MM_TWIPS = 1440 / 25.4


def _part(docx: Path, name: str) -> object:
    from lxml import etree

    with zipfile.ZipFile(docx) as z:
        return etree.fromstring(z.read(name))


def _style_fonts(docx: Path) -> dict[str, tuple[str | None, str | None]]:
    """Style id → (eastAsia font, size in half-points)."""
    root = _part(docx, "word/styles.xml")
    out = {}
    for style in root.iter(f"{W}style"):  # type: ignore[attr-defined]
        fonts = style.find(f"{W}rPr/{W}rFonts")
        size = style.find(f"{W}rPr/{W}sz")
        out[style.get(f"{W}styleId")] = (
            fonts.get(f"{W}eastAsia") if fonts is not None else None,
            size.get(f"{W}val") if size is not None else None,
        )
    return out


def _ofd(tmp_path: Path) -> Path:
    from ofd_factory import write_ofd

    path = tmp_path / "方案.ofd"
    path.write_bytes(
        write_ofd(
            [
                "县教育局2024年读书月活动实施方案",
                "为推进全民阅读，结合实际，制定本方案。",
                "一、工作目标",
                "全年开展读书活动12场，参与学生达到3000人次。",
                "二、工作措施",
                "（一）组织读书分享会",
                "由各学校负责，每月举办一次。",
            ]
        )
    )
    return path


def _inputs(tmp_path: Path) -> list[Path]:
    extra = [REALDOCS / "doc032.html"] if (REALDOCS / "doc032.html").is_file() else []
    return [*INPUTS, *extra, _ofd(tmp_path)]


def test_copies_are_a4_with_gbt9704_margins_and_gongwen_styles(tmp_path: Path) -> None:
    for src in _inputs(tmp_path):
        out = tmp_path / f"{src.stem}.docx"
        done = annotate_file(src, out)
        sect = _part(out, "word/document.xml").find(f"{W}body/{W}sectPr")  # type: ignore[attr-defined]
        size, margins = sect.find(f"{W}pgSz"), sect.find(f"{W}pgMar")
        assert abs(int(size.get(f"{W}w")) - 210 * MM_TWIPS) < 2 and abs(int(size.get(f"{W}h")) - 297 * MM_TWIPS) < 2
        for side, mm in (("top", 37), ("bottom", 35), ("left", 28), ("right", 26)):
            assert abs(int(margins.get(f"{W}{side}")) - mm * MM_TWIPS) < 2, (src.name, side)
        fonts = _style_fonts(out)
        assert fonts["Title"] == ("方正小标宋简体", "44")
        assert fonts["Normal"] == ("仿宋_GB2312", "32")
        assert fonts["Heading1"][0] == "黑体" and fonts["Heading2"][0] == "楷体_GB2312"
        table = _part(out, "word/fontTable.xml")
        alt = {
            f.get(f"{W}name"): f.find(f"{W}altName").get(f"{W}val")  # type: ignore[union-attr]
            for f in table.iter(f"{W}font")  # type: ignore[attr-defined]
            if f.find(f"{W}altName") is not None
        }
        assert alt["方正小标宋简体"] == "宋体" and alt["仿宋_GB2312"] == "仿宋"
        _headings_are_the_documents(out, done.analysis)


def _headings_are_the_documents(out: Path, analysis: object) -> None:
    import docx

    document = docx.Document(str(out))
    by_style: dict[str, list[str]] = {}
    for p in document.paragraphs:
        by_style.setdefault(p.style.name, []).append(p.text)
    sections = [s for d in analysis.documents for s in d.all_sections()]  # type: ignore[attr-defined]
    level1 = [f"{s.number}{s.heading}" for s in sections if s.level == 1]
    assert level1, "the example has level-1 headings"
    shown = by_style.get("Heading 1", [])
    assert len(shown) == len(level1)
    assert all(t.replace(" ", "").startswith(h.replace(" ", "")) for t, h in zip(shown, level1, strict=True))
    assert all(t[:1] in "一二三四五六七八九十1234567890第（(" for t in shown)  # the number kept as text
    titles = [d.title for d in analysis.documents if d.title]  # type: ignore[attr-defined]
    assert by_style.get("Title") and titles[0].replace(" ", "") in "".join(by_style["Title"]).replace(" ", "")


def test_a_docx_input_is_commented_in_place_not_restyled(tmp_path: Path) -> None:
    src = EXAMPLES / "青溪县教育局_校园安全专项整治实施方案.docx"
    out = tmp_path / "out.docx"
    annotate_file(src, out)
    with zipfile.ZipFile(src) as a, zipfile.ZipFile(out) as b:
        assert a.read("word/styles.xml") == b.read("word/styles.xml")


# No font on a Linux machine draws these (CJK Extension B, U+20000 and U+2A6D6; the 公文 fonts lack
# them too): LibreOffice leaves them out of the PDF, which is what the glyph check must catch.
RARE = "\U00020000\U0002a6d6"


def _missing_glyphs(pdf: object, pages: int, out: Path) -> tuple[bool, Counter[str]]:
    """Whether the PDF shows U+FFFD, and the characters of the copy its text lacks (page numbers aside)."""
    import docx

    shown = "".join(pdf[i].get_textpage().get_text_range() for i in range(pages))  # type: ignore[index]
    document = docx.Document(str(out))
    body = "".join(p.text for p in document.paragraphs) + "".join(
        c.text for t in document.tables for r in t.rows for c in r.cells
    )
    footers = "".join(f"—{i + 1}—" for i in range(pages))  # — 1 — on every page
    expected = Counter(ch for ch in body if not ch.isspace())
    found = Counter(ch for ch in shown if not ch.isspace()) - Counter(footers)
    return "\ufffd" in shown, expected - found


@pytest.mark.libreoffice
@pytest.mark.slow
def test_libreoffice_renders_the_copies_on_a4_with_every_glyph_and_comment(tmp_path: Path, artifacts: Path) -> None:
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        pytest.skip("LibreOffice is not installed (.ci/run installs it)")
    import docx
    import pypdfium2 as pdfium

    control = tmp_path / "古字.txt"  # the control: a copy holding characters no installed font draws
    control.write_text(
        f"县教育局读书月活动实施方案\n一、活动目标\n认识古字“{RARE}”，借阅量提高20%。\n", encoding="utf-8"
    )
    copies = []
    for src in [*_inputs(tmp_path), control]:
        out = tmp_path / "copies" / f"{src.stem}.审阅.docx"
        annotate_file(src, out)
        copies.append(out)
    pdf_dir = tmp_path / "pdf"
    subprocess.run(
        [
            soffice,
            "--headless",
            f"-env:UserInstallation=file://{tmp_path}/lo",
            "--convert-to",
            'pdf:writer_pdf_Export:{"ExportNotes":{"type":"boolean","value":"true"}}',
            "--outdir",
            str(pdf_dir),
            *map(str, copies),
        ],
        check=True,
        capture_output=True,
        timeout=300,
    )
    for out in copies:
        pdf_path = pdf_dir / f"{out.stem}.pdf"
        shutil.copy(pdf_path, artifacts / f"copy-{out.stem}.pdf")
        pdf = pdfium.PdfDocument(str(pdf_path))
        sizes = {tuple(round(v) for v in pdf[i].get_size()) for i in range(len(pdf))}
        assert all(abs(w - 595) <= 2 and abs(h - 842) <= 2 for w, h in sizes), (out.name, sizes)
        replacement, missing = _missing_glyphs(pdf, len(pdf), out)
        if out.stem == f"{control.stem}.审阅":
            assert RARE in "".join(p.text for p in docx.Document(str(out)).paragraphs)  # the copy holds them
            assert set(missing) == set(RARE), missing  # ... and the check sees the PDF lose them
            continue
        assert not replacement, out.name
        assert missing == Counter(), (out.name, missing.most_common(5))
        assert pdf_notes(pdf) == len(list(docx.Document(str(out)).comments)), out.name


def pdf_notes(pdf: object) -> int:
    """The PDF's text annotations (LibreOffice exports each Word comment as one)."""
    import pypdfium2.raw as raw

    count = 0
    for i in range(len(pdf)):  # type: ignore[arg-type]
        page = pdf[i]  # type: ignore[index]
        for j in range(raw.FPDFPage_GetAnnotCount(page.raw)):
            annot = raw.FPDFPage_GetAnnot(page.raw, j)
            count += raw.FPDFAnnot_GetSubtype(annot) == raw.FPDF_ANNOT_TEXT
            raw.FPDFPage_CloseAnnot(annot)
    return count
