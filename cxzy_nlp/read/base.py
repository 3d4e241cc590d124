"""The reader contract shared by every format module."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from ..config import Config
from ..model import Block, Problem


@dataclass(frozen=True)
class ReaderOutput:
    """What a format reader returns; :func:`cxzy_nlp.read.read_path` adds the source info."""

    blocks: tuple[Block, ...]
    problems: tuple[Problem, ...] = ()
    pages: int | None = None
    title: str | None = None


# A reader takes the file's bytes and the run's limits, and raises ReadError
# (or a subclass) with a stable code when the file cannot be read.
Reader = Callable[[bytes, Config], ReaderOutput]
