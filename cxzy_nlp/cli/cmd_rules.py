"""`cxzy rules [ID]`: every check with its id, Chinese name, severity and description; one rule explained."""

from __future__ import annotations

import json
from dataclasses import asdict
from typing import Annotated, Optional

import typer

from ._app import app
from .common import fail
from .options import Profile, format_option, pick_format


@app.command()
def rules(
    rule: Annotated[
        Optional[str], typer.Argument(help="规则编号或中文名：说明这条规则（是什么、依据、触发与不触发的例子）")
    ] = None,
    profile: Profile = None,
    format: Annotated[Optional[str], format_option("rules")] = None,
) -> None:
    """列出全部检查规则：编号、中文名、级别、说明（指定 --profile 时按该配置显示级别和开关）；给出规则编号则详细说明该规则。"""
    from ..check.profile import rules as rule_rows
    from ..errors import CxzyError

    format = pick_format("rules", format, None)
    if rule is not None:
        _explain(rule, format)
        return
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
        typer.echo(f"{r.id:<{width}}  {r.severity:<5}  {r.name}：{r.description}{state}")


def _explain(rule: str, format: str) -> None:
    """One rule: what it finds, why (its basis), examples that fire and that do not."""
    from ..check.knowledge import catalogue
    from ..check.settings import rule_id
    from ..errors import CxzyError

    try:
        info = catalogue()[rule_id(rule, "命令行")]
    except CxzyError as exc:
        raise fail(exc.message) from None
    if format == "json":
        typer.echo(json.dumps(asdict(info), ensure_ascii=False, indent=1))
        return
    typer.echo(f"{info.id}（{info.name}） 默认级别：{info.severity}")
    typer.echo(f"检查什么：{info.zh}")
    typer.echo(f"依据：{info.basis}")
    for label, examples in (("会触发", info.fires), ("不会触发", info.passes)):
        for example in examples:
            typer.echo(f"  {label}：{example}")
