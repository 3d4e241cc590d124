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
    chunks = []
    while True:  # grows until the address-space cap raises MemoryError
        chunks.append(bytearray(64 * 1024 * 1024))


def boom(data: bytes, config: Config) -> ReaderOutput:
    raise ValueError("a bug in a reader")
