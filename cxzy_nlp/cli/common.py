"""Helpers shared by CLI commands: output streams, exit codes, config from options."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO

import typer

EXIT_OK, EXIT_FINDINGS, EXIT_FAILURE = 0, 1, 2


@contextmanager
def open_output(path: Path | None, binary: bool = False) -> Iterator[IO[str]]:
    """The output file, or stdout when no path is given."""
    if path is None:
        yield sys.stdout
        sys.stdout.flush()
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w", encoding="utf-8", newline="\n") as fh:
        yield fh


def fail(message: str, code: int = EXIT_FAILURE) -> typer.Exit:
    """Print a Chinese usage/runtime error on stderr and return the Exit to raise."""
    typer.echo(f"cxzy: {message}", err=True)
    return typer.Exit(code)


def make_config(jobs: int = 1, time_limit: float = 120.0, memory_limit: int = 2048):  # type: ignore[no-untyped-def]
    from ..config import Config
    from ..errors import ConfigError

    try:
        return Config(jobs=jobs, time_limit=time_limit, memory_limit_mb=memory_limit)
    except ConfigError as exc:
        raise fail(exc.message) from None
