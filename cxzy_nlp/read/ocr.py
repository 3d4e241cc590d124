"""Text recognition (OCR) for scanned pages and photos, offline and on the CPU.

RapidOCR with the PP-OCR ONNX models its wheel carries (detection, direction, recognition),
given by path so that nothing is ever downloaded; onnxruntime runs them. Red seals are
whitened before recognition; brackets and punctuation are normalised so that numbering
such as （一） and 1. survives. These libraries are the ``ocr`` extra: without them a
scanned page raises :class:`MissingDependency`, which readers turn into a per-page problem.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..config import Config
from ..errors import MissingDependency, ReadError

if TYPE_CHECKING:
    import numpy as np

OCR_EXTRA = "ocr"
INSTALL_HINT = f'pip install "cxzy-nlp[{OCR_EXTRA}]"'
DPI = 200  # pages are rendered at this resolution: A4 ≈ 1654 × 2339 pixels
MIN_SIDE_PIXELS = 16
MAX_SIDE_PIXELS = 5000  # larger photos are scaled down first (recognition needs ~30 px per line, not more)
SECONDS_PER_OCR_PAGE = 20.0  # ~5 CPU seconds per A4 page measured; room for a slow, busy machine
SPECK_AREA = 12  # pixels; at 200 dpi the full stop of 9 pt text is about 16
LOW_CONFIDENCE = 0.85  # a page whose mean confidence is below this is reported
LOW_LINE_CONFIDENCE = 0.7  # ... and so is a page with a line below this (handwriting, smudges)
# the model files inside the rapidocr wheel (its defaults: PP-OCR det/rec "small", direction classifier)
MODEL_FILES = {
    "Det.model_path": "PP-OCRv6_det_small.onnx",
    "Rec.model_path": "PP-OCRv6_rec_small.onnx",
    "Cls.model_path": "ch_ppocr_mobile_v2.0_cls_mobile.onnx",
}


@dataclass(frozen=True)
class OcrLine:
    """One recognised line: its text, box (PDF points or pixels, origin top left) and confidence 0..1."""

    text: str
    x0: float
    top: float
    x1: float
    bottom: float
    confidence: float


# How the C++ engines say they ran out of memory (std::bad_alloc; onnxruntime's arena "Failed to allocate memory").
OUT_OF_MEMORY = ("bad_alloc", "Failed to allocate memory", "out of memory")


def missing(what: str = "") -> MissingDependency:
    return MissingDependency(
        f"{what}需要文字识别（OCR）组件，但未安装；请运行 {INSTALL_HINT} 后重试",
        code="ocr-unavailable",
    )


def ocr_available() -> bool:
    """Whether the OCR libraries and the models inside the rapidocr wheel are present."""
    try:
        model_paths()
    except MissingDependency:
        return False
    return True


def model_paths() -> dict[str, str]:
    """Paths of the ONNX models shipped inside the rapidocr wheel; raises when anything is missing."""
    try:
        import cv2  # noqa: F401
        import onnxruntime  # noqa: F401
        import rapidocr
    except ImportError:
        raise missing() from None
    root = Path(rapidocr.__file__).parent / "models"
    paths = {key: root / name for key, name in MODEL_FILES.items()}
    if not all(p.is_file() for p in paths.values()):
        raise missing("（rapidocr 安装不完整，缺少模型文件）")
    return {key: str(p) for key, p in paths.items()}


@functools.lru_cache(maxsize=1)
def engine() -> Any:
    """The RapidOCR engine, built once per process, single-threaded (the batch runs files in parallel)."""
    params: dict[str, Any] = dict(model_paths())
    params.update(
        {
            "Global.log_level": "error",
            "EngineConfig.onnxruntime.intra_op_num_threads": 1,
            "EngineConfig.onnxruntime.inter_op_num_threads": 1,
        }
    )
    from rapidocr import RapidOCR

    return RapidOCR(params=params)


# ---------------------------------------------------------------- image preparation


def suppress_red(rgb: np.ndarray) -> np.ndarray:
    """A copy with red and pink pixels (seals, red headers' stamps) turned white; black text over them stays."""
    import numpy as np

    img = rgb.astype(np.int16)
    r, g, b = img[..., 0], img[..., 1], img[..., 2]
    red = (r - np.maximum(g, b) > 40) & (r > 120)
    out = rgb.copy()
    out[red] = 255
    return out


def prepare(rgb: np.ndarray) -> np.ndarray:
    """What recognition sees: seals whitened, grey, specks (tiny isolated dark blobs) removed."""
    import cv2

    return despeckle(cv2.cvtColor(suppress_red(rgb), cv2.COLOR_RGB2GRAY))


def despeckle(grey: np.ndarray, max_area: int = SPECK_AREA) -> np.ndarray:
    """Dark connected blobs of at most ``max_area`` pixels painted white (a 3×3 median would also
    thin strokes and, on some lines, throws the recogniser off)."""
    import cv2
    import numpy as np

    _, ink = cv2.threshold(grey, 0, 255, cv2.THRESH_BINARY_INV | cv2.THRESH_OTSU)
    _count, labels, stats, _ = cv2.connectedComponentsWithStats(ink, connectivity=8)
    small = np.flatnonzero(stats[:, cv2.CC_STAT_AREA] <= max_area)
    small = small[small > 0]  # label 0 is the background
    if not len(small):
        return grey
    out = grey.copy()
    out[np.isin(labels, small)] = 255
    return out


def as_rgb(image: np.ndarray) -> np.ndarray:
    """Grey, RGBA or RGB uint8 array to RGB uint8."""
    import numpy as np

    if image.ndim == 2:
        return np.stack([image] * 3, axis=-1)
    if image.shape[2] == 4:
        return image[..., :3]
    return image


# ---------------------------------------------------------------- text normalisation

_CN_NUM = "一二三四五六七八九十百零〇"
_BRACKETED = re.compile(rf"[(（]\s*([{_CN_NUM}]+|\d{{1,2}})\s*[)）]")
_CN_MARK = re.compile(rf"^([{_CN_NUM}]+)\s*[,，]\s*(?=\S)")
_DIGIT_MARK = re.compile(r"^(\d{1,2})\s*[．。,，]\s*(?=[\u4e00-\u9fff])")
_SPACE_BETWEEN_CJK = re.compile(
    r"(?<=[\u4e00-\u9fff\u3000-\u303f\uff00-\uffef])\s+(?=[\u4e00-\u9fff\u3000-\u303f\uff00-\uffef])"
)
_FW_DIGITS = str.maketrans("０１２３４５６７８９", "0123456789")
# a dot between Chinese characters is speckle read as punctuation (一. keeps its dot: it is a marker)
_STRAY_DOT = re.compile(rf"(?<=[\u4e00-\u9fff，。、：；）”])(?<![{_CN_NUM}])[.．·](?=[\u4e00-\u9fff（“])")
_RANGE_DASH = re.compile(r"(?<=[\d日月年])\s*[－-]\s*(?=\d)")


def normalise_ocr_text(text: str) -> str:
    """Bracketed numbers as （一）/（1）, ``一,`` (a misread 、) as ``一、``, ``1。`` as ``1.``, no spaces between Chinese characters."""
    text = text.translate(_FW_DIGITS).strip()
    text = _SPACE_BETWEEN_CJK.sub("", text)
    text = _BRACKETED.sub(lambda m: f"（{m.group(1)}）", text)
    text = _CN_MARK.sub(lambda m: f"{m.group(1)}、", text)
    text = _DIGIT_MARK.sub(lambda m: f"{m.group(1)}.", text)
    text = _STRAY_DOT.sub("", text)
    text = _RANGE_DASH.sub("—", text)
    return balance_brackets(text)


_PAIRS = {"(": ")", "（": "）", "〔": "〕", "[": "]", "【": "】", "{": "}"}
_FULL = {"(": "（", "[": "〔"}  # ASCII openers whose full-width form a mismatched pair takes


def balance_brackets(text: str) -> str:
    """Mismatched bracket pairs made whole: ``（副组长)`` → ``（副组长）``, ``〔2010}`` → ``〔2010〕``."""
    if not any(ch in _PAIRS or ch in _PAIRS.values() for ch in text):
        return text
    chars = list(text)
    opened: list[int] = []
    closers = set(_PAIRS.values())
    for i, ch in enumerate(chars):
        if ch in _PAIRS:
            opened.append(i)
        elif ch in closers and opened:
            j = opened.pop()
            if _PAIRS[chars[j]] != ch:
                opener = chars[j] if not chars[j].isascii() else _FULL.get(chars[j], "（")
                chars[j], chars[i] = opener, _PAIRS[opener]
    return "".join(chars)


# ---------------------------------------------------------------- recognition


def ocr_image(image: np.ndarray) -> list[OcrLine]:
    """Recognised lines of an image (grey, RGB or RGBA uint8 array), in pixels, in reading order.

    Raises :class:`MissingDependency` without the ``ocr`` extra, :class:`ReadError` when the engine fails.
    """
    import numpy as np

    rgb = as_rgb(np.ascontiguousarray(image))
    scale = 1.0
    if max(rgb.shape[:2]) > MAX_SIDE_PIXELS:
        import cv2

        scale = MAX_SIDE_PIXELS / max(rgb.shape[:2])
        rgb = cv2.resize(rgb, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA)
    if min(rgb.shape[:2]) < MIN_SIDE_PIXELS:
        return []  # a sliver (a rule, a border strip) holds no line of text
    try:
        result = engine()(prepare(rgb))
    except Exception as exc:  # onnxruntime and RapidOCR raise their own errors on odd images
        said = str(exc)
        if any(m in said for m in OUT_OF_MEMORY):  # the engine ran out of memory: the file's limit, not a bad image
            raise MemoryError(str(exc)) from exc
        raise ReadError("扫描图像无法识别（图像尺寸或内容异常）", code="corrupt", detail=repr(exc)) from None
    boxes = getattr(result, "boxes", None)
    if boxes is None:
        return []
    lines = []
    for box, text, score in zip(boxes, result.txts, result.scores, strict=True):
        text = normalise_ocr_text(str(text))
        if not text:
            continue
        xs, ys = [float(p[0]) / scale for p in box], [float(p[1]) / scale for p in box]
        lines.append(OcrLine(text, min(xs), min(ys), max(xs), max(ys), round(float(score), 4)))
    return reading_order(lines)


def reading_order(lines: list[OcrLine]) -> list[OcrLine]:
    """Rows top to bottom (boxes whose middles lie within half a line height), each left to right."""
    rows: list[list[OcrLine]] = []
    for ln in sorted(lines, key=lambda a: (a.top + a.bottom) / 2):
        middle, height = (ln.top + ln.bottom) / 2, ln.bottom - ln.top
        if rows:
            last = rows[-1][0]
            if abs(middle - (last.top + last.bottom) / 2) <= 0.5 * min(height, last.bottom - last.top):
                rows[-1].append(ln)
                continue
        rows.append([ln])
    return [ln for row in rows for ln in sorted(row, key=lambda a: a.x0)]


def render_pdf_page(page: Any, dpi: int = DPI) -> np.ndarray:
    """A pypdfium2 page rendered to an RGB array at ``dpi``."""
    bitmap = page.render(scale=dpi / 72, rev_byteorder=True)  # RGB, not pdfium's BGR
    try:
        return as_rgb(bitmap.to_numpy()).copy()
    finally:
        bitmap.close()


def ocr_pdf_page(page: Any, config: Config) -> list[OcrLine]:
    """Recognised lines of a pypdfium2 page without a text layer, in PDF points (origin top left).

    Raises :class:`MissingDependency` when the ``ocr`` extra is not installed.
    """
    model_paths()
    try:
        image = render_pdf_page(page)
    except Exception as exc:  # pdfium raises its own errors for broken page content
        raise ReadError("扫描页无法渲染为图像，未能识别", code="corrupt", detail=str(exc)) from None
    factor = 72 / DPI
    return [
        OcrLine(ln.text, ln.x0 * factor, ln.top * factor, ln.x1 * factor, ln.bottom * factor, ln.confidence)
        for ln in ocr_image(image)
    ]


def pages_needing_ocr(data: bytes, fmt: str) -> int:
    """How many pages of a file will go through OCR (cheap: no rendering), to grow its time limit."""
    if fmt in ("jpg", "png", "tif", "bmp"):
        import io

        from PIL import Image

        try:
            with Image.open(io.BytesIO(data)) as image:
                return int(getattr(image, "n_frames", 1))
        except Exception:  # the reader will say what is wrong with the file
            return 1
    if fmt == "pdf":
        import pypdfium2

        try:
            pdf = pypdfium2.PdfDocument(data)
        except Exception:
            return 0
        try:
            count = 0
            for index in range(len(pdf)):
                page = pdf[index]
                textpage = page.get_textpage()
                count += textpage.count_chars() == 0
                textpage.close()
                page.close()
            return count
        finally:
            pdf.close()
    if fmt == "ofd":
        import io
        import zipfile

        try:
            with zipfile.ZipFile(io.BytesIO(data)) as zf:
                parts = [n for n in zf.namelist() if n.lower().endswith("content.xml") and "/pages/" in n.lower()]
                return sum(1 for n in parts if b"TextCode" not in zf.read(n)[:4_000_000])
        except Exception:
            return 0
    return 0


def time_allowance(data: bytes, fmt: str, base: float) -> float:
    """The per-file time limit: ``base`` plus :data:`SECONDS_PER_OCR_PAGE` for each page that needs OCR."""
    return base + SECONDS_PER_OCR_PAGE * pages_needing_ocr(data, fmt)


def mean_confidence(lines: list[OcrLine]) -> float:
    """Character-weighted mean confidence of recognised lines (0 for none)."""
    chars = sum(len(ln.text) for ln in lines)
    return sum(ln.confidence * len(ln.text) for ln in lines) / chars if chars else 0.0


__all__ = [
    "DPI",
    "INSTALL_HINT",
    "LOW_CONFIDENCE",
    "OcrLine",
    "mean_confidence",
    "normalise_ocr_text",
    "ocr_available",
    "ocr_image",
    "ocr_pdf_page",
    "pages_needing_ocr",
    "suppress_red",
    "time_allowance",
]
