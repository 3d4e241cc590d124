"""Helpers shared by CLI commands: output streams, exit codes, config from options, safe text.

Exit codes (the README lists them): 0 nothing reached ``--fail-on``; 1 something did; 2 a usage
error (a bad option, a missing or unwritable output, a bad profile or manifest); 3 the run itself
failed (an output that fails mid-way, a full disk, an internal error). A file that cannot be read
is a record in the results and changes none of them.
"""

from __future__ import annotations

import errno
import os
import stat
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any

import typer

from ..corpus.escape import displayed, json_safe, printable

EXIT_OK, EXIT_FINDINGS, EXIT_USAGE, EXIT_FAILURE = 0, 1, 2, 3

__all__ = [
    "EXIT_FAILURE",
    "EXIT_FINDINGS",
    "EXIT_OK",
    "EXIT_USAGE",
    "check_output",
    "displayed",
    "fail",
    "json_line",
    "json_safe",
    "make_config",
    "open_output",
    "printable",
    "say",
]


def fail(message: str, code: int = EXIT_USAGE) -> typer.Exit:
    """Print a Chinese error on stderr and return the Exit to raise (usage error unless told)."""
    typer.echo(f"cxzy: {printable(message)}", err=True)
    return typer.Exit(code)


def say(message: str) -> None:
    """A line on stderr, with control characters and undecodable bytes escaped."""
    typer.echo(printable(message), err=True)


def check_output(path: Path | None) -> None:
    """Refuse an output that cannot be written, before any analysis starts (a usage error)."""
    if path is None:
        return
    target = Path(path)
    try:
        st = os.stat(target)
    except FileNotFoundError:
        st = None
    except OSError as exc:
        raise fail(f"无法写入输出文件 {target}：{exc.strerror}") from None
    if st is not None:
        if stat.S_ISDIR(st.st_mode):
            raise fail(f"输出路径是一个文件夹，无法写入：{target}")
        if not (stat.S_ISREG(st.st_mode) or stat.S_ISCHR(st.st_mode) or stat.S_ISFIFO(st.st_mode)):
            raise fail(f"输出路径不是普通文件，无法写入：{target}")
        if not os.access(target, os.W_OK):
            raise fail(f"没有写入输出文件的权限：{target}")
        return
    parent = target.parent
    existing = parent
    while not existing.exists() and existing != existing.parent:
        existing = existing.parent
    if not existing.is_dir():
        raise fail(f"输出文件所在的路径不是文件夹：{existing}")
    if not os.access(existing, os.W_OK | os.X_OK):
        raise fail(f"没有在 {existing} 中写入的权限，无法创建输出文件 {target}")


def write_failed(exc: OSError) -> typer.Exit:
    """The exit for an output that failed mid-way (a full disk, a closed pipe): the run failed."""
    if exc.errno == errno.ENOSPC:
        return fail("写入输出失败：磁盘已满", EXIT_FAILURE)
    return fail(f"写入输出失败：{exc.strerror or exc}", EXIT_FAILURE)


@contextmanager
def open_output(path: Path | None, binary: bool = False) -> Iterator[IO[str]]:
    """The output file, or stdout when no path is given; a write that fails ends the run with exit 3."""
    try:
        if path is None:
            yield sys.stdout
            sys.stdout.flush()
            return
        path.parent.mkdir(parents=True, exist_ok=True)
        with open(path, "w", encoding="utf-8", newline="\n", errors="backslashreplace") as fh:
            yield fh
    except OSError as exc:
        raise write_failed(exc) from None


def json_line(record: Any, indent: int | None = None) -> str:
    """``record`` as JSON text, non-ASCII kept, surrogates and invisible controls as ``\\uXXXX``."""
    import json

    return json_safe(json.dumps(record, ensure_ascii=False, indent=indent))


def make_config(jobs: int = 1, time_limit: float = 120.0, memory_limit: int = 2048):  # type: ignore[no-untyped-def]
    from ..config import Config
    from ..errors import ConfigError

    try:
        return Config(jobs=jobs, time_limit=time_limit, memory_limit_mb=memory_limit)
    except ConfigError as exc:
        raise fail(exc.message) from None
