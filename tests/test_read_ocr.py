"""OCR of scanned pages and photos: accuracy on the project's own scans, real scans, no network, no crash without it."""

from __future__ import annotations

import dataclasses
import hashlib
import io
import json
import re
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from cxzy_nlp.config import DEFAULT_CONFIG
from cxzy_nlp.errors import MissingDependency
from cxzy_nlp.normalise import normalise_text
from cxzy_nlp.read import ocr, read_bytes, read_path
from cxzy_nlp.read.layout import MARKER_RE

ROOT = Path(__file__).resolve().parents[1]
REALDOCS2 = ROOT.parent / "shared" / "realdocs2"


def _ocr_or_skip() -> None:
    if not ocr.ocr_available():  # checked when a test runs, not at collection (importing onnxruntime takes a while)
        pytest.skip('OCR extra not installed (pip install "cxzy-nlp[ocr]")')


needs_ocr = pytest.mark.usefixtures("ocr_installed")


@pytest.fixture
def ocr_installed() -> None:
    _ocr_or_skip()


def scan_factory():
    factory = pytest.importorskip("scan_factory")
    if factory.font_path() is None:
        pytest.skip("no CJK font installed to make scans with")
    return factory


BRACKETS = str.maketrans("()", "（）")


def squeeze(text: str) -> str:
    # ASCII and full-width brackets are one glyph shape apart; OCR output writes them full-width
    return re.sub(r"\s", "", normalise_text(text)).translate(BRACKETS)


def cer(reference: str, hypothesis: str) -> float:
    from rapidfuzz.distance import Levenshtein

    ref, hyp = squeeze(reference), squeeze(hypothesis)
    return Levenshtein.distance(ref, hyp) / len(ref)


def heading_recall(headings: list[str], blocks: list[str]) -> float:
    """Share of numbered headings that open a block with their marker and first words intact."""
    found = sum(any(squeeze(b).startswith(squeeze(h)[:8]) for b in blocks) for h in headings)
    return found / len(headings)


# ---------------------------------------------------------------- units without the engine


def test_ocr_line_is_the_frozen_contract_of_the_pdf_reader():
    fields = [(f.name, f.type) for f in dataclasses.fields(ocr.OcrLine)]
    assert fields == [
        ("text", "str"),
        ("x0", "float"),
        ("top", "float"),
        ("x1", "float"),
        ("bottom", "float"),
        ("confidence", "float"),
    ]
    line = ocr.OcrLine("一、总体要求", 72.0, 100.0, 200.0, 116.0, 0.98)
    with pytest.raises(dataclasses.FrozenInstanceError):
        line.text = "x"  # type: ignore[misc]


# fmt: off
NORMALISED = [
    ("(一)工作目标", "（一）工作目标"),
    ("( 2 )落实责任", "（2）落实责任"),
    ("一,总体要求", "一、总体要求"),
    ("1。加强领导", "1.加强领导"),
    ("一.总体要求", "一.总体要求"),  # a real dot marker is kept
    ("（副组长)", "（副组长）"),
    ("〔2024}9号", "〔2024〕9号"),
    ("5月1日－7月31日", "5月1日—7月31日"),
    ("部署，.根据", "部署，根据"),
    ("总 体 要 求", "总体要求"),
    ("３．５万元", "3．5万元"),
    ("Version 2.0", "Version 2.0"),
]
# fmt: on


@pytest.mark.parametrize(("raw", "want"), NORMALISED)
def test_recognised_text_is_normalised(raw, want):
    assert ocr.normalise_ocr_text(raw) == want
    assert ocr.normalise_ocr_text(want) == want


def test_red_seal_pixels_are_whitened_and_black_text_kept():
    np = pytest.importorskip("numpy")
    image = np.full((4, 4, 3), 255, dtype=np.uint8)
    image[0, 0] = (220, 40, 40)  # seal red
    image[1, 1] = (250, 170, 170)  # pale seal edge
    image[2, 2] = (20, 20, 20)  # text
    image[3, 3] = (60, 20, 20)  # text under the seal (multiplied ink)
    out = ocr.suppress_red(image)
    assert out[0, 0].tolist() == [255, 255, 255] and out[1, 1].tolist() == [255, 255, 255]
    assert out[2, 2].tolist() == [20, 20, 20] and out[3, 3].tolist() == [60, 20, 20]


def test_without_the_ocr_extra_a_scan_is_a_page_problem_not_a_crash(monkeypatch):
    factory = scan_factory()

    def missing() -> dict[str, str]:
        raise ocr.missing()

    monkeypatch.setattr(ocr, "model_paths", missing)
    scan = factory.synth_scan(3, max_pages=2)
    result = read_bytes(factory.to_bytes(scan.pages, "TIFF"), "scan.tif")
    assert result.blocks == () and result.source.pages == 2
    (problem,) = result.problems
    assert problem.code == "no-text-layer" and problem.pages == (1, 2)
    assert 'pip install "cxzy-nlp[ocr]"' in problem.message
    with pytest.raises(MissingDependency) as info:
        ocr.ocr_pdf_page(object(), DEFAULT_CONFIG)
    assert "cxzy-nlp[ocr]" in info.value.message and info.value.code == "ocr-unavailable"


def test_pages_needing_ocr_are_counted_to_grow_the_time_limit():
    factory = scan_factory()
    scan = factory.synth_scan(3, max_pages=2)
    assert ocr.pages_needing_ocr(factory.to_bytes(scan.pages, "TIFF"), "tif") == 2
    assert ocr.pages_needing_ocr(factory.to_bytes(scan.pages, "PDF"), "pdf") == 2
    assert ocr.time_allowance(factory.to_bytes(scan.pages[:1], "PNG"), "png", 120.0) == 120.0 + ocr.SECONDS_PER_OCR_PAGE
    born_digital = (ROOT / "examples").glob("*.pdf")
    pdf = next(born_digital, None)
    if pdf is not None:
        assert ocr.pages_needing_ocr(pdf.read_bytes(), "pdf") == 0  # control: a PDF with a text layer


# ---------------------------------------------------------------- the project's scans


SCANS = {
    "clean colour": {"seed": 7},
    "noisy colour, skewed, red seal": {"seed": 11, "skew": 0.8, "speckle": 0.6, "seal": True},
    "noisy grey, skewed": {"seed": 23, "grey": True, "skew": -0.6, "speckle": 0.6},
}


@needs_ocr
@pytest.mark.slow
@pytest.mark.parametrize("variant", list(SCANS))
def test_generated_scans_are_read_accurately(variant):
    factory = scan_factory()
    scan = factory.synth_scan(**SCANS[variant], max_pages=2)
    result = read_bytes(factory.to_bytes(scan.pages, "TIFF"), "scan.tif")
    blocks = [b.text for b in result.blocks]
    assert cer(scan.reference, "\n".join(blocks)) <= 0.01
    assert heading_recall(scan.headings, blocks) >= 0.99
    assert all(b.ocr and b.ocr_confidence is not None and b.ocr_confidence > 0.5 for b in result.blocks)
    assert all(b.page in (1, 2) for b in result.blocks)
    assert not any("青溪县人民政府办公室文件" in b for b in blocks)  # running header removed
    assert not any(re.fullmatch(r"[—\-\s]*\d+[—\-\s]*", b) for b in blocks)  # page numbers removed
    assert not any(p.code == "ocr-low-confidence" for p in result.problems)
    # controls: the measures can fail
    assert cer(scan.reference, "\n".join(blocks[1:])) > 0.01
    assert heading_recall(scan.headings, [b for b in blocks if not MARKER_RE.match(b)]) < 0.99


@needs_ocr
@pytest.mark.slow
def test_seal_suppression_is_what_keeps_text_under_a_seal(monkeypatch):
    factory = scan_factory()
    np = pytest.importorskip("numpy")
    scan = factory.synth_scan(7, seal=True, max_pages=1)
    page = np.asarray(scan.pages[0])
    height = page.shape[0]

    def body_text() -> str:
        lines = ocr.ocr_image(page)
        return "".join(ln.text for ln in lines if ln.top > 0.07 * height and ln.bottom < 0.93 * height)

    assert cer(scan.reference, body_text()) <= 0.01
    monkeypatch.setattr(ocr, "suppress_red", lambda rgb: rgb)
    assert cer(scan.reference, body_text()) > 0.02  # control: the seal left in costs characters


@needs_ocr
def test_pdf_page_without_text_layer_gives_lines_in_points():
    factory = scan_factory()
    pdfium = pytest.importorskip("pypdfium2")
    scan = factory.synth_scan(3, max_pages=1)
    pdf = pdfium.PdfDocument(factory.to_bytes(scan.pages, "PDF"))
    page = pdf[0]
    width, height = page.get_size()
    lines = ocr.ocr_pdf_page(page, DEFAULT_CONFIG)
    assert lines and all(isinstance(ln, ocr.OcrLine) for ln in lines)
    assert all(0 <= ln.x0 < ln.x1 <= width + 1 and 0 <= ln.top < ln.bottom <= height + 1 for ln in lines)
    assert [ln.top for ln in lines] == sorted(ln.top for ln in lines) or len({round(ln.top) for ln in lines}) < len(
        lines
    )
    body = [ln for ln in lines if 0.07 * height < ln.top and ln.bottom < 0.93 * height]  # no header, no page number
    assert 10 < statistics_median([ln.bottom - ln.top for ln in body]) < 30  # 16 pt text, in points
    assert cer(scan.reference, "".join(ln.text for ln in body)) <= 0.02


def statistics_median(values: list[float]) -> float:
    import statistics

    return statistics.median(values)


# ---------------------------------------------------------------- real scans


@needs_ocr
@pytest.mark.realdocs
def test_real_scanned_notice_is_read():
    path = REALDOCS2 / "rd045.pdf"
    if not path.is_file():
        pytest.skip("../shared/realdocs2 is not present on this machine")
    reference = json.loads((ROOT / "tests" / "fixtures" / "rd045_reference.json").read_text(encoding="utf-8"))
    pdfium = pytest.importorskip("pypdfium2")
    pdf = pdfium.PdfDocument(path.read_bytes())
    text = "".join(ln.text for i in range(len(pdf)) for ln in ocr.ocr_pdf_page(pdf[i], DEFAULT_CONFIG))
    text = re.sub(r"\s", "", text)
    grams = {hashlib.blake2b(text[i : i + 3].encode(), digest_size=4).hexdigest() for i in range(len(text) - 2)}
    wanted = set(reference["trigram_hashes"])
    assert len(wanted & grams) / len(wanted) >= 0.97
    assert abs(len(text) - reference["chars"]) <= 0.05 * reference["chars"]  # signatures add a few characters
    assert "一、会议时间" in text and "六、会议登记办法" in text


@needs_ocr
@pytest.mark.realdocs
def test_real_scanned_form_with_handwriting_is_flagged_low_confidence():
    path = REALDOCS2 / "rd110.pdf"
    if not path.is_file():
        pytest.skip("../shared/realdocs2 is not present on this machine")
    from cxzy_nlp.read.image import confidence_problems

    pdfium = pytest.importorskip("pypdfium2")
    pdf = pdfium.PdfDocument(path.read_bytes())
    lines = ocr.ocr_pdf_page(pdf[0], DEFAULT_CONFIG)
    assert "毕业要求指标点" in "".join(ln.text for ln in lines)  # the printed form is read
    (problem,) = confidence_problems([(1, lines)])
    assert problem.code == "ocr-low-confidence" and problem.pages == (1,)
    # control: the printed lines alone are not in doubt
    assert confidence_problems([(1, [ln for ln in lines if ln.confidence >= 0.95])]) == ()


# ---------------------------------------------------------------- no network


AUDIT = textwrap.dedent(
    """
    import sys
    fired = []
    def hook(event, args):
        if event in ("socket.connect", "socket.getaddrinfo", "socket.gethostbyname", "socket.gethostbyname_ex",
                     "socket.gethostbyaddr", "socket.sendto", "socket.sendmsg"):
            fired.append(event)
            raise RuntimeError(f"network use refused: {event} {args!r}")
    sys.addaudithook(hook)
    try:
        BODY
    finally:
        print("FIRED", fired)
    """
)


def run_audited(body: str) -> subprocess.CompletedProcess[str]:
    code = AUDIT.replace("BODY", textwrap.indent(textwrap.dedent(body), "    ").strip())
    return subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=300, cwd=ROOT, env=_env()
    )


def _env() -> dict[str, str]:
    import os

    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join([str(ROOT), env.get("PYTHONPATH", "")])
    return env


def test_the_audit_hook_fires_on_a_deliberate_connection():
    run = run_audited(
        """
        import socket
        sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        try:
            sock.connect(("127.0.0.1", 9))
        except RuntimeError as exc:
            print("REFUSED", exc)
        finally:
            sock.close()
        """
    )
    assert "REFUSED network use refused: socket.connect" in run.stdout, run.stderr
    assert "FIRED ['socket.connect']" in run.stdout
    lookup = run_audited(
        "import socket\ntry:\n    socket.getaddrinfo('example.org', 80)\nexcept RuntimeError:\n    pass"
    )
    assert "FIRED ['socket.getaddrinfo']" in lookup.stdout, lookup.stderr


@needs_ocr
def test_ocr_opens_no_network_connection():
    run = run_audited(
        """
        import numpy as np
        from PIL import Image, ImageDraw, ImageFont
        font = ImageFont.truetype(FONT, 48)
        image = Image.new("RGB", (1654, 400), "white")  # page-wide, as scans are
        ImageDraw.Draw(image).text((80, 70), "一、总体要求和工作目标", font=font, fill="black")
        from cxzy_nlp.read import ocr
        lines = ocr.ocr_image(np.asarray(image))
        print("TEXT", "".join(line.text for line in lines))
        """.replace("FONT", repr(str(scan_factory().font_path())))
    )
    assert run.returncode == 0, run.stderr[-2000:]
    assert "TEXT 一、总体要求和工作目标" in run.stdout
    assert "FIRED []" in run.stdout


def test_image_reader_rejects_junk_and_bombs_with_codes():
    from cxzy_nlp.errors import ReadError

    with pytest.raises(ReadError) as info:
        read_bytes(b"\x89PNG\r\n\x1a\n" + b"\x00" * 100, "x.png")
    assert info.value.code == "corrupt"
    Image = pytest.importorskip("PIL.Image")
    buffer = io.BytesIO()
    Image.new("1", (12000, 12000)).save(buffer, "PNG")  # 144 million pixels in a few kilobytes
    with pytest.raises(ReadError) as info:
        read_bytes(buffer.getvalue(), "x.png")
    assert info.value.code in ("too-large", "zip-bomb")


@needs_ocr
@pytest.mark.realdocs
def test_scanned_pdf_reads_through_the_pdf_reader_with_ocr():
    """The PDF reader hands its pages without a text layer to :func:`ocr.ocr_pdf_page`."""
    path = REALDOCS2 / "rd045.pdf"
    if not path.is_file():
        pytest.skip("../shared/realdocs2 is not present on this machine")
    result = read_path(path)
    text = "".join(b.text for b in result.blocks)
    assert result.blocks and all(b.ocr and b.ocr_confidence is not None for b in result.blocks)
    assert "一、会议时间" in text and "七、会议联系方式" in text
    assert not any(p.code == "no-text-layer" for p in result.problems)


def test_damaged_images_raise_cxzy_errors_only():
    import random

    from cxzy_nlp.errors import CxzyError

    factory = scan_factory()
    scan = factory.synth_scan(3, max_pages=1)
    small = scan.pages[0].resize((400, 566))
    rng = random.Random(3)
    for fmt, suffix in (("PNG", "x.png"), ("TIFF", "x.tif"), ("JPEG", "x.jpg")):
        base = factory.to_bytes([small], fmt)
        for _ in range(6):
            data = bytearray(base)
            for _ in range(rng.randrange(1, 8)):
                data[rng.randrange(16, len(data))] = rng.randrange(256)
            try:
                read_bytes(bytes(data), suffix)
            except CxzyError:
                pass


@needs_ocr
@pytest.mark.slow
def test_a_scan_set_in_two_columns_reads_column_by_column(monkeypatch):
    factory = scan_factory()
    scan = factory.two_column_page(5)
    data = factory.to_bytes(scan.pages, "PNG")
    blocks = [b.text for b in read_bytes(data, "scan.png").blocks]
    assert cer(scan.reference, "\n".join(blocks)) <= 0.01
    from cxzy_nlp.read import image

    monkeypatch.setattr(image, "assign_columns", list)  # control: rows read across both columns
    blocks = [b.text for b in read_bytes(data, "scan.png").blocks]
    assert cer(scan.reference, "\n".join(blocks)) > 0.2
