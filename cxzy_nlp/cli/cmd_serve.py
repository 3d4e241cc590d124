"""`cxzy serve`: the reviewer's workbench in the browser."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

from ._app import app
from .common import fail


@app.command()
def serve(
    folder: Annotated[
        Optional[Path], typer.Argument(help="收文文件夹（可选；其中文件在启动后自动检查）", show_default=False)
    ] = None,
    host: Annotated[str, typer.Option("--host", help="绑定地址；非本机地址必须设置 --token")] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", min=1, max=65535, help="端口")] = 8765,
    token: Annotated[
        Optional[str], typer.Option("--token", help="访问令牌（首次以 ?token= 打开，之后保存在 Cookie 中）")
    ] = None,
    baseline: Annotated[
        Optional[Path],
        typer.Option("--baseline", help="审阅基线文件（默认：文件夹或其上级中的 cxzy-baseline.json）"),
    ] = None,
    reviewer: Annotated[str, typer.Option("--reviewer", help="审阅人姓名（写入审阅基线）")] = "",
) -> None:
    """在浏览器中审阅：收文看板、上传、逐篇审阅（确认/驳回问题）、对比和下载，仅在本机运行。"""
    from ..errors import ConfigError
    from ..serve import Settings, start_url
    from ..serve import serve as run

    if folder is not None and not folder.is_dir():
        raise fail(f"不是文件夹：{folder}")
    try:
        settings = Settings(
            folder=folder.resolve() if folder else None,
            host=host,
            port=port,
            token=token,
            baseline=baseline,
            reviewer=reviewer,
        )
    except ConfigError as exc:
        raise fail(exc.message) from None
    typer.echo(f"审阅工作台已启动：{start_url(settings)}  （按 Ctrl+C 停止）", err=True)
    run(settings)
