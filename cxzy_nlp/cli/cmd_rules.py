"""`cxzy rules`: every check with its id, default severity and a one-line description."""

from __future__ import annotations

import json
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
    from ..check import load_profile
    from ..check.knowledge import catalogue
    from ..errors import CxzyError

    if format not in ("text", "json"):
        raise fail(f"--format 只能是 text 或 json，实际为 {format!r}")
    try:
        chosen = load_profile(profile) if profile else None
    except CxzyError as exc:
        raise fail(exc.message) from None
    rows: list[dict[str, str | bool]] = []
    for info in catalogue().values():
        severity = chosen.severity(info.id) if chosen else info.severity
        enabled = chosen.enabled(info.id) if chosen else True
        rows.append(
            {"id": info.id, "severity": severity, "enabled": enabled, "family": info.family, "description": info.zh}
        )
    if format == "json":
        typer.echo(json.dumps(rows, ensure_ascii=False, indent=1))
        return
    width = max(len(str(r["id"])) for r in rows)
    for r in rows:
        state = "" if r["enabled"] else "（已关闭）"
        typer.echo(f"{r['id']!s:<{width}}  {r['severity']!s:<5}  {r['description']}{state}")
