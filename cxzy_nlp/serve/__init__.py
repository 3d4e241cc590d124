"""`cxzy serve`: a reviewer's workbench in the browser (收文看板, upload, document pages, comparison, downloads)."""

from __future__ import annotations

import secrets

from .app import Settings, create_app

__all__ = ["Settings", "create_app", "new_token", "serve", "start_url"]


def new_token() -> str:
    return secrets.token_urlsafe(24)


def start_url(settings: Settings) -> str:
    """The address to open first (with ``?token=`` when a token is set)."""
    host = f"[{settings.host}]" if ":" in settings.host else settings.host
    url = f"http://{host}:{settings.port}/"
    return f"{url}?token={settings.token}" if settings.token else url


def serve(settings: Settings, *, log_level: str = "warning") -> None:
    """Run the workbench with uvicorn until interrupted."""
    import uvicorn

    uvicorn.run(
        create_app(settings),
        host=settings.host,
        port=settings.port,
        log_level=log_level,
        server_header=False,
        proxy_headers=False,
        access_log=False,
    )
