"""The workbench's guard: host check, access token, request size, CSRF double-submit token, security headers."""

from __future__ import annotations

import hmac
import ipaddress
import json
import secrets
from collections.abc import Awaitable, Callable, MutableMapping
from dataclasses import dataclass
from http.cookies import SimpleCookie
from typing import Any
from urllib.parse import parse_qsl, urlencode

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

TOKEN_COOKIE = "cxzy_token"
CSRF_COOKIE = "cxzy_csrf"
CSRF_HEADER = "x-csrf-token"
CSRF_FIELD = "csrf_token"
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})

CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
    "connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'; object-src 'none'"
)
SECURITY_HEADERS = [
    (b"content-security-policy", CSP.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"x-frame-options", b"DENY"),
    (b"referrer-policy", b"no-referrer"),
    (b"cross-origin-opener-policy", b"same-origin"),
    (b"cross-origin-resource-policy", b"same-origin"),
]


def is_loopback(host: str) -> bool:
    """True for 127.0.0.0/8, ::1 and localhost."""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


@dataclass(frozen=True)
class GuardSettings:
    token: str | None  # required on every request when set
    allowed_hosts: frozenset[str] | None  # Host header values accepted; None accepts any (a token is then required)
    max_request_bytes: int


def _cookies(scope: Scope) -> dict[str, str]:
    raw = b"; ".join(v for k, v in scope.get("headers", []) if k == b"cookie").decode("latin-1")
    jar: SimpleCookie = SimpleCookie()
    try:
        jar.load(raw)
    except Exception:  # a malformed Cookie header is treated as no cookies
        return {}
    return {k: m.value for k, m in jar.items()}


def _header(scope: Scope, name: bytes) -> str | None:
    for k, v in scope.get("headers", []):
        if k == name:
            return str(v.decode("latin-1"))
    return None


def _same(a: str | None, b: str | None) -> bool:
    return bool(a) and bool(b) and hmac.compare_digest(str(a).encode(), str(b).encode())


def csrf_ok(scope: Scope, sent: str | None) -> bool:
    """The double-submit check: the token sent in a header or form field equals the CSRF cookie."""
    return _same(_cookies(scope).get(CSRF_COOKIE), sent)


def bearer_ok(scope: Scope, token: str | None) -> bool:
    auth = _header(scope, b"authorization") or ""
    return token is not None and auth.startswith("Bearer ") and _same(auth[7:].strip(), token)


class Guard:
    """ASGI middleware in front of the whole application."""

    def __init__(self, app: ASGIApp, settings: GuardSettings) -> None:
        self.app = app
        self.settings = settings

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        s = self.settings
        host = _header(scope, b"host") or ""
        if s.allowed_hosts is not None and host not in s.allowed_hosts:
            await _plain(send, 400, "主机名不被接受（仅限本机访问）")
            return
        cookies = _cookies(scope)
        new_cookies: list[str] = []
        if s.token is not None:
            query = dict(parse_qsl(scope.get("query_string", b"").decode("latin-1")))
            if "token" in query:
                if not _same(query["token"], s.token):
                    await _plain(send, 401, "访问令牌不正确")
                    return
                rest = urlencode([(k, v) for k, v in query.items() if k != "token"])
                location = "/" + scope["path"].lstrip("/\\") + (f"?{rest}" if rest else "")  # never //other.host
                cookie = f"{TOKEN_COOKIE}={s.token}; Path=/; HttpOnly; SameSite=Strict"
                await _redirect(send, location, [cookie])
                return
            if not (_same(cookies.get(TOKEN_COOKIE), s.token) or bearer_ok(scope, s.token)):
                await _plain(send, 401, "需要访问令牌：请使用启动时给出的带 ?token= 的地址打开")
                return
        method = scope["method"]
        if method not in SAFE_METHODS:
            origin = _header(scope, b"origin")
            if origin and origin != "null" and origin.split("://", 1)[-1] != host:
                await _plain(send, 403, "拒绝跨站请求")
                return
        length = _header(scope, b"content-length")
        if method not in SAFE_METHODS and length is None and _header(scope, b"transfer-encoding"):
            await _plain(send, 411, "请求须注明长度（Content-Length）")
            return
        if length is not None and (not length.isdigit() or int(length) > s.max_request_bytes):
            await _plain(send, 413, f"上传内容过大（单次上限 {s.max_request_bytes // 1024 // 1024} MB）")
            return
        csrf = cookies.get(CSRF_COOKIE)
        if not csrf or len(csrf) < 32:
            csrf = secrets.token_hex(16)
            new_cookies.append(f"{CSRF_COOKIE}={csrf}; Path=/; HttpOnly; SameSite=Strict")
            scope.setdefault("state", {})
        scope.setdefault("state", {})["csrf"] = csrf

        seen = 0
        started = False
        limit = s.max_request_bytes

        async def limited_receive() -> Message:
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > limit:
                    raise RequestTooLarge()
            return message

        async def send_with_headers(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
                headers = [h for h in message.get("headers", []) if h[0] not in {k for k, _ in SECURITY_HEADERS}]
                headers.extend(SECURITY_HEADERS)
                headers.extend((b"set-cookie", c.encode("latin-1")) for c in new_cookies)
                message["headers"] = headers
            await send(message)

        try:
            await self.app(scope, limited_receive, send_with_headers)
        except RequestTooLarge:
            if not started:
                await _plain(send, 413, f"上传内容过大（单次上限 {limit // 1024 // 1024} MB）")


class RequestTooLarge(Exception):
    """The body went past the request limit while it was being read."""


async def _plain(send: Send, status: int, text: str) -> None:
    body = json.dumps({"error": text}, ensure_ascii=False).encode("utf-8")
    headers = [(b"content-type", b"application/json; charset=utf-8"), (b"content-length", str(len(body)).encode())]
    await send({"type": "http.response.start", "status": status, "headers": headers + SECURITY_HEADERS})
    await send({"type": "http.response.body", "body": body})


async def _redirect(send: Send, location: str, cookies: list[str]) -> None:
    headers = [(b"location", location.encode("utf-8")), (b"content-length", b"0")]
    headers.extend((b"set-cookie", c.encode("latin-1")) for c in cookies)
    await send({"type": "http.response.start", "status": 303, "headers": headers + SECURITY_HEADERS})
    await send({"type": "http.response.body", "body": b""})
