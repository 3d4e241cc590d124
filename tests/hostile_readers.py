"""Readers that misbehave on purpose, to test that a batch survives them (registered by tests)."""

from __future__ import annotations

import os
import time

from cxzy_nlp.config import Config
from cxzy_nlp.read.base import ReaderOutput


def hang(data: bytes, config: Config) -> ReaderOutput:
    time.sleep(3600)
    raise AssertionError("unreachable")


def crash(data: bytes, config: Config) -> ReaderOutput:
    os._exit(3)


def hog(data: bytes, config: Config) -> ReaderOutput:
    chunks = [bytearray(8 * 1024**3)]  # far past the worker's address-space cap: MemoryError at once
    while True:  # (and if the cap were missing, keep growing)
        chunks.append(bytearray(256 * 1024 * 1024))


def boom(data: bytes, config: Config) -> ReaderOutput:
    raise ValueError("a bug in a reader")
