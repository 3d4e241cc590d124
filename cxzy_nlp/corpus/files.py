"""Extraction and outlines over many files: the library functions behind ``cxzy extract`` and ``cxzy outline``."""

from __future__ import annotations

import os
from collections.abc import Iterator, Sequence

from ..config import DEFAULT_CONFIG, Config
from ..errors import ConfigError
from ..model import Analysis
from .batch import Run, iter_inputs, run_batch


def _inputs(paths: Sequence[str | os.PathLike[str]]) -> list[str]:
    inputs = list(iter_inputs(paths))
    if not inputs:
        raise ConfigError("没有找到可读取的文件")
    return inputs


def extract_files(paths: Sequence[str | os.PathLike[str]], config: Config = DEFAULT_CONFIG) -> Run:
    """Read, structure and extract every file (each in a capped worker), results as they finish."""
    inputs = _inputs(paths)
    return Run(inputs, run_batch(inputs, config, stages="extract"))


def outline_files(paths: Sequence[str | os.PathLike[str]]) -> Run:
    """Documents and section trees of every file, in input order (in this process: outlines are quick)."""
    inputs = _inputs(paths)

    def outlines() -> Iterator[Analysis]:
        from ..pipeline import analyse

        for path in inputs:
            yield analyse(path, stages="segment")

    return Run(inputs, outlines())
