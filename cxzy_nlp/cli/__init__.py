"""The `cxzy` command line: thin typer commands over library functions of the same name."""

from __future__ import annotations

import importlib

import typer

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
    app()
