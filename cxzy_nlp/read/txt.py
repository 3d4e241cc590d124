"""Plain text and Markdown (placeholder: UTF-8/GB18030 only; full detection in issue 2)."""

from __future__ import annotations

from ..config import Config
from ..model import Block
from .base import ReaderOutput


def read_txt(data: bytes, config: Config) -> ReaderOutput:
    for enc in ("utf-8-sig", "gb18030"):
        try:
            text = data.decode(enc)
            break
        except UnicodeDecodeError:
            continue
    else:
        text = data.decode("utf-8", errors="replace")
    blocks = tuple(Block(text=line, paragraph=i) for i, line in enumerate(text.splitlines()))
    return ReaderOutput(blocks=blocks)
