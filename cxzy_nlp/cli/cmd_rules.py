"""`cxzy rules`: every check with its id, default severity and a one-line description."""

from __future__ import annotations

import json
from dataclasses import asdict
from typing import Annotated

import typer

from . import app
from .common import fail
from .options import Profile


@app.command()
def rules(
    profile: Profile = None,
    format: Annotated[str, typer.Option("--format", "-f", help="text 或 json")] = "text",
) -> None:
    """列出全部检查规则：编号、级别、说明（指定 --profile 时按该配置显示级别和开关）。"""
    from ..check.profile import rules as rule_rows
    from ..errors import CxzyError

    if format not in ("text", "json"):
        raise fail(f"--format 只能是 text 或 json，实际为 {format!r}")
    try:
        rows = rule_rows(profile)
    except CxzyError as exc:
        raise fail(exc.message) from None
    if format == "json":
        typer.echo(json.dumps([asdict(r) for r in rows], ensure_ascii=False, indent=1))
        return
    width = max(len(r.id) for r in rows)
    for r in rows:
        state = "" if r.enabled else "（已关闭）"
        typer.echo(f"{r.id:<{width}}  {r.severity:<5}  {r.description}{state}")
