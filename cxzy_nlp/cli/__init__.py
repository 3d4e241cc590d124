"""The `cxzy` command line: thin typer commands over library functions of the same name."""

from __future__ import annotations

import importlib

import typer

from .coerce import install as _plain_coercion

_plain_coercion()  # option values converted without importing pydantic (cli/coerce.py)

app = typer.Typer(
    name="cxzy",
    help="cxzy：中文方案类文档审阅工具（读取、结构化、抽取、检查、查重、报告）。",
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _version(value: bool) -> None:
    if value:
        from .. import __version__

        typer.echo(f"cxzy {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: bool = typer.Option(False, "--version", callback=_version, is_eager=True, help="显示版本并退出"),
) -> None:
    """cxzy：中文方案类文档审阅工具。"""


# Each command lives in its own module and registers itself on `app` when imported.
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

for _name in COMMAND_MODULES:
    try:
        importlib.import_module(f"cxzy_nlp.cli.cmd_{_name}")
    except ModuleNotFoundError as _exc:  # a command whose module is not written yet
        if _exc.name != f"cxzy_nlp.cli.cmd_{_name}":
            raise


def main() -> None:
    """Run the command line: nothing crashes with a traceback (exit 3 instead, ``CXZY_DEBUG=1`` shows it);
    any stdout or stderr encoding works (what it cannot encode is escaped); SIGTERM stops the workers."""
    import os
    import signal
    import sys

    for stream in (sys.stdout, sys.stderr):
        try:
            stream.reconfigure(errors="backslashreplace")  # type: ignore[union-attr]
        except (AttributeError, ValueError):
            pass
    try:
        signal.signal(signal.SIGTERM, lambda *_: sys.exit(128 + signal.SIGTERM))  # finally blocks run
    except ValueError:  # pragma: no cover - not the main thread
        pass
    try:
        app()
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
