"""OCR for PDF pages without a text layer (placeholder: the OCR reader is written on another branch).

The contract: :func:`ocr_pdf_page` takes a pypdfium2 page and the run's :class:`~cxzy_nlp.config.Config`
and returns the page's text lines, or raises :class:`~cxzy_nlp.errors.MissingDependency` when no OCR
engine is installed (the PDF reader then reports the page as ``no-text-layer``).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..config import Config
from ..errors import MissingDependency


@dataclass(frozen=True)
class OcrLine:
    """One line of text found on a page image: PDF points, origin top left, confidence 0..1."""

    text: str
    x0: float
    top: float
    x1: float
    bottom: float
    confidence: float


def ocr_pdf_page(page: Any, config: Config) -> list[OcrLine]:
    """The text lines OCR finds on one PDF page."""
    raise MissingDependency("未安装 OCR 组件，无法识别没有文字层的页面；请安装 cxzy_nlp[ocr]")


__all__ = ["OcrLine", "ocr_pdf_page"]
