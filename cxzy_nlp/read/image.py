"""Photos and scans of pages (.jpg, .png, .tif, .bmp): every page recognised by OCR.

A multi-page TIFF gives one page per frame. Pixel boxes become points by the image's own
resolution (200 dpi when it does not say), so headings and indents are measured as for a PDF.
"""

from __future__ import annotations

import io
import warnings
from collections.abc import Iterable, Iterator, Sequence
from typing import TYPE_CHECKING

from ..config import Config
from ..errors import LimitExceeded, MissingDependency, ReadError
from ..model import Block, Problem
from .base import ReaderOutput
from .layout import PlacedLine, PlacedPage, assign_columns, merge_rows, pages_to_blocks, reading_order

if TYPE_CHECKING:
    import numpy as np

    from .ocr import OcrLine

MAX_PIXELS = 60_000_000  # one page photographed at 600 dpi is ~35 million pixels
MAX_FRAMES = 500
DEFAULT_DPI = 200.0


def _pages(data: bytes) -> Iterator[tuple[np.ndarray, float]]:
    """Each frame of an image file as an RGB array with its resolution (dpi)."""
    import numpy as np
    from PIL import Image, ImageOps

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            image = Image.open(io.BytesIO(data))
            if image.width * image.height > MAX_PIXELS:
                raise LimitExceeded(
                    f"图片尺寸 {image.width}×{image.height} 超过上限（{MAX_PIXELS} 像素）", code="too-large"
                )
            for index in range(getattr(image, "n_frames", 1)):
                if index >= MAX_FRAMES:
                    raise LimitExceeded(f"图片页数超过上限 {MAX_FRAMES}", code="too-large")
                image.seek(index)
                dpi = image.info.get("dpi", (DEFAULT_DPI, DEFAULT_DPI))[0] or DEFAULT_DPI
                frame = ImageOps.exif_transpose(image.convert("RGB")) if index == 0 else image.convert("RGB")
                yield np.asarray(frame), float(dpi if 50 <= float(dpi) <= 1200 else DEFAULT_DPI)
    except LimitExceeded:
        raise
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
        raise LimitExceeded("图片像素数异常（疑似图像炸弹），已拒绝", code="zip-bomb", detail=str(exc)) from None
    except Exception as exc:  # Pillow's decoders raise many kinds of errors on damaged files
        raise ReadError("图片文件已损坏或格式无法识别", code="corrupt", detail=repr(exc)) from None


def ocr_lines_to_page(lines: Iterable[OcrLine], number: int, width: float, height: float, factor: float) -> PlacedPage:
    """Recognised lines (pixels) as a positioned page in points (``factor`` points per pixel)."""
    placed = [
        PlacedLine(
            ln.text,
            ln.x0 * factor,
            ln.top * factor,
            ln.x1 * factor,
            ln.bottom * factor,
            size=max(1.0, (ln.bottom - ln.top) * factor * 0.8),  # a box is ~1.25 times the glyph height
            confidence=ln.confidence,
        )
        for ln in lines
    ]
    return PlacedPage(number, width * factor, height * factor, tuple(merge_rows(reading_order(assign_columns(placed)))))


def confidence_problems(pages: Iterable[tuple[int, Sequence[OcrLine]]]) -> tuple[Problem, ...]:
    """``ocr-low-confidence`` for recognised pages (number, lines) whose text is in doubt: a low
    character-weighted mean, or some line read with low confidence (handwriting, a smudge)."""
    from .ocr import LOW_CONFIDENCE, LOW_LINE_CONFIDENCE, mean_confidence

    low: list[int] = []
    doubtful: list[str] = []
    means: list[float] = []
    for number, lines in pages:
        mean = mean_confidence(list(lines))
        weak = [ln.text for ln in lines if ln.confidence < LOW_LINE_CONFIDENCE]
        if mean < LOW_CONFIDENCE or weak or not lines:
            low.append(number)
            means.append(mean)
            doubtful.extend(weak)
    if not low:
        return ()
    listed = "、".join(f"第{n}页" for n in low)
    quoted = "、".join(f"“{t[:12]}”" for t in doubtful[:5])
    return (
        Problem(
            code="ocr-low-confidence",
            message=f"{listed}为扫描图像，部分文字识别置信度低（可能是手写、印章或污损）"
            + (f"，如 {quoted}" if quoted else "")
            + "，识别结果可能有误，请对照原件核对",
            pages=tuple(low),
            share=round(1 - sum(means) / len(means), 4),
        ),
    )


def unrecognised_problem(pages: list[int], exc: MissingDependency) -> Problem:
    """``no-text-layer`` for pages that needed OCR when it is not installed."""
    listed = "、".join(f"第{n}页" for n in pages)
    return Problem(code="no-text-layer", message=f"{listed}是扫描图像，未能识别文字：{exc.message}", pages=tuple(pages))


def read_image(data: bytes, config: Config) -> ReaderOutput:
    """Recognise the text of every page of an image file."""
    from .ocr import model_paths, ocr_image

    frames = list(_pages(data))
    try:
        model_paths()
    except MissingDependency as exc:
        return ReaderOutput(
            blocks=(), problems=(unrecognised_problem(list(range(1, len(frames) + 1)), exc),), pages=len(frames)
        )
    pages = []
    recognised = []
    for number, (rgb, dpi) in enumerate(frames, start=1):
        lines = ocr_image(rgb)
        recognised.append((number, lines))
        pages.append(ocr_lines_to_page(lines, number, rgb.shape[1], rgb.shape[0], 72.0 / dpi))
    blocks: tuple[Block, ...] = pages_to_blocks(pages)
    return ReaderOutput(blocks=blocks, problems=confidence_problems(recognised), pages=len(frames))
