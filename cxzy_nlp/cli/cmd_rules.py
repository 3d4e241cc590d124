"""`cxzy rules`: every check with its id, default severity and a one-line description."""

from __future__ import annotations

import json
from dataclasses import asdict
from typing import Annotated, Optional

import typer

from . import app
from .common import fail
from .options import Profile, format_option, pick_format


@app.command()
def rules(
    profile: Profile = None,
    format: Annotated[Optional[str], format_option("rules")] = None,
) -> None:
    """列出全部检查规则：编号、级别、说明（指定 --profile 时按该配置显示级别和开关）。"""
    from ..check.profile import rules as rule_rows
    from ..errors import CxzyError

    format = pick_format("rules", format, None)
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
