"""Extraction and outlines over many files: the library functions behind ``cxzy extract`` and ``cxzy outline``."""

from __future__ import annotations

import os
from collections.abc import Sequence

from ..config import DEFAULT_CONFIG, Config
from ..errors import ConfigError
from .batch import Run, iter_inputs, run_batch


def _inputs(paths: Sequence[str | os.PathLike[str]]) -> list[str]:
    inputs: list[str] = list(iter_inputs(paths))
    if not inputs:
        raise ConfigError("没有找到可读取的文件")
    return inputs


def extract_files(paths: Sequence[str | os.PathLike[str]], config: Config = DEFAULT_CONFIG) -> Run:
    """Read, structure and extract every file (each in a capped worker), results as they finish."""
    inputs = _inputs(paths)
    return Run(inputs, run_batch(inputs, config, stages="extract"))


def outline_files(paths: Sequence[str | os.PathLike[str]], config: Config = DEFAULT_CONFIG) -> Run:
    """Documents and section trees of every file (each in a capped worker, like every batch)."""
    inputs = _inputs(paths)
    return Run(inputs, run_batch(inputs, config, stages="segment"))
