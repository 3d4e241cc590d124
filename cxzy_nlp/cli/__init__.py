"""The `cxzy` command line: thin typer commands over library functions of the same name."""

from __future__ import annotations

import importlib
import sys
from typing import TYPE_CHECKING

from ..charsets import install as _share_charsets
from ..datacache import install as _keep_data
from ..patterncache import install as _keep_patterns

# The command line (not the library: importing cxzy_nlp leaves the standard library alone) has re build each
# large character class once, before any pattern of the package is compiled (charsets.py), and keep compiled
# patterns and parsed data files between runs as Python keeps bytecode (patterncache.py, datacache.py): start-up time.
_share_charsets()
_keep_patterns()
_keep_data()

from ._app import app as _app  # noqa: E402

if TYPE_CHECKING:
    import typer

    app: typer.Typer

# Each command lives in its own module and registers itself on the app when imported.
COMMAND_MODULES = (
    "extract",
    "outline",
    "check",
    "rules",
    "dedup",
    "index",
    "report",
    "annotate",
    "feedback",
    "train",
    "eval",
    "serve",
)


def _load(names: tuple[str, ...]) -> None:
    for name in names:
        try:
            importlib.import_module(f"cxzy_nlp.cli.cmd_{name}")
        except ModuleNotFoundError as exc:  # a command whose module is not written yet
            if exc.name != f"cxzy_nlp.cli.cmd_{name}":
                raise
    order = {f"cxzy_nlp.cli.cmd_{name}": i for i, name in enumerate(COMMAND_MODULES)}
    _app.registered_commands.sort(key=lambda c: order.get(getattr(c.callback, "__module__", ""), len(order)))


def __getattr__(name: str) -> object:
    """``app``: the command line with every command registered (they are imported on first use)."""
    if name == "app":
        _load(COMMAND_MODULES)
        return _app
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def _commands_for(argv: list[str]) -> tuple[str, ...]:
    """The command modules a command line needs: only the one it names (a one-file ``cxzy check`` does not
    import and build the other eleven), every one for ``--help``, ``--version`` or an unknown command."""
    first = next((a for a in argv if not a.startswith("-")), None)
    return (first,) if first in COMMAND_MODULES else COMMAND_MODULES


def main() -> None:
    """Run the command line: nothing crashes with a traceback (exit 3 instead, ``CXZY_DEBUG=1`` shows it);
    any stdout or stderr encoding works (what it cannot encode is escaped); SIGTERM stops the workers."""
    import os
    import signal

    for stream in (sys.stdout, sys.stderr):
        try:
            stream.reconfigure(errors="backslashreplace")  # type: ignore[union-attr]
        except (AttributeError, ValueError):
            pass
    try:
        signal.signal(signal.SIGTERM, lambda *_: sys.exit(128 + signal.SIGTERM))  # finally blocks run
    except ValueError:  # pragma: no cover - not the main thread
        pass
    _load(_commands_for(sys.argv[1:]))
    try:
        _app()
    except KeyboardInterrupt:
        sys.exit(130)
    except BrokenPipeError:  # the reader went away (| head): not worth a traceback
        try:
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        except OSError:
            pass
        sys.exit(3)
    except Exception as exc:
        if os.environ.get("CXZY_DEBUG"):
            raise
        from ..corpus.escape import printable

        print(
            f"cxzy: 运行失败（内部错误 {type(exc).__name__}: {printable(str(exc))}）；"
            "设置环境变量 CXZY_DEBUG=1 可显示详细信息",
            file=sys.stderr,
        )
        sys.exit(3)
