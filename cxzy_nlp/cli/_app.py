"""The typer app every command module registers itself on (``cxzy_nlp.cli.app`` is it with all commands)."""

from __future__ import annotations

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
