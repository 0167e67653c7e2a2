"""The API's gate: allowed origins (CORS), a per-client rate limit and a request size limit.

One small ASGI middleware in front of ``/api/`` and ``/v1/``:
- a preflight (OPTIONS) is answered for any origin, so that a page on an origin that is not
  allowed can read the refusal instead of failing silently;
- a request whose ``Origin`` is neither the app's own nor in ALLOWED_ORIGINS gets 403 with a
  Chinese message, and is never answered;
- bodies over MAX_BODY_BYTES get 413; over RATE_LIMIT_PER_MIN answering requests a minute
  from one client get 429 with ``Retry-After``.
"""

from __future__ import annotations

import json
import re
import threading
import time
from collections import OrderedDict, deque
from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any
from urllib.parse import urlsplit

from web.config import ServerConfig
from web.errors import error_body

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

GUARDED_PREFIXES = ("/api/", "/v1/", "/gradio_api/")
RATE_LIMITED = {("POST", "/api/ask"), ("POST", "/v1/chat/completions"), ("POST", "/api/feedback")}
# The Gradio app's own calls (a question, a 👍): counted like API calls. Their bodies carry the
# chat so far, so they may be larger than an API request.
GRADIO_CALLS = ("/gradio_api/queue/join", "/gradio_api/call/", "/gradio_api/run/")
GRADIO_MAX_BODY_BYTES = 1024 * 1024
MAX_TRACKED_CLIENTS = 50_000


class RateLimiter:
    """Sliding one-minute window per client. Thread-safe; old clients are forgotten."""

    def __init__(self, per_minute: int, clock: Callable[[], float] = time.monotonic) -> None:
        self.per_minute = per_minute
        self._clock = clock
        self._hits: OrderedDict[str, deque[float]] = OrderedDict()
        self._lock = threading.Lock()

    def check(self, client: str) -> float:
        """0 when the request may go ahead (and is counted); else seconds until it may."""
        now = self._clock()
        with self._lock:
            hits = self._hits.setdefault(client, deque())
            self._hits.move_to_end(client)
            while hits and hits[0] <= now - 60:
                hits.popleft()
            if len(hits) >= self.per_minute:
                return max(0.1, 60 - (now - hits[0]))
            hits.append(now)
            while len(self._hits) > MAX_TRACKED_CLIENTS:  # forget the longest-idle client
                self._hits.popitem(last=False)
            return 0.0


def _trusted(address: str, proxies: frozenset[str]) -> bool:
    return "*" in proxies or address in proxies


def client_address(scope: Scope, proxies: frozenset[str]) -> str:
    """Who is asking: the peer; behind a trusted proxy, the rightmost address of X-Forwarded-For that is
    not itself a trusted proxy (what a client writes there itself stands to the left and is not believed).

    >>> scope = {"client": ("127.0.0.1", 1), "headers": [(b"x-forwarded-for", b"6.6.6.6, 203.0.113.9")]}
    >>> client_address(scope, frozenset({"127.0.0.1"}))
    '203.0.113.9'
    >>> client_address({**scope, "client": ("198.51.100.7", 1)}, frozenset({"127.0.0.1"}))
    '198.51.100.7'
    """
    peer = (scope.get("client") or ("unknown", 0))[0]
    if not _trusted(peer, proxies):
        return peer
    hops = [h.strip() for h in (_header(scope, b"x-forwarded-for") or "").split(",") if h.strip()]
    for hop in reversed(hops):
        if not _trusted(hop, proxies):
            return hop
    return hops[0] if hops else peer


def own_hosts(scope: Scope, proxies: frozenset[str]) -> set[str]:
    """host[:port] under which this server was reached: Host, and — from a trusted proxy — X-Forwarded-Host."""
    hosts = {h.lower() for h in [_header(scope, b"host")] if h}
    peer = (scope.get("client") or ("unknown", 0))[0]
    forwarded = _header(scope, b"x-forwarded-host")
    if forwarded and _trusted(peer, proxies):
        hosts.add(forwarded.split(",")[0].strip().lower())
    return hosts


def is_own_origin(origin: str, scope: Scope, proxies: frozenset[str] = frozenset(), public: str = "") -> bool:
    """The page was served by this server: its origin is PUBLIC_URL's, or its host and port are the Host
    header's (or, from a trusted proxy, X-Forwarded-Host's). The scheme is not compared — behind a TLS
    proxy the server itself sees plain http."""
    if public and origin == public:
        return True
    parts = urlsplit(origin)
    if not parts.hostname:
        return False
    host = parts.hostname + (f":{parts.port}" if parts.port else "")
    hosts = own_hosts(scope, proxies)
    # A proxy on the default port sends X-Forwarded-Host without it; the browser's Origin has none either.
    return host in hosts or any(h.rsplit(":", 1)[0] == host and h.endswith((":80", ":443")) for h in hosts)


def _header(scope: Scope, name: bytes) -> str | None:
    for key, value in scope.get("headers") or []:
        if key == name:
            return value.decode("latin-1")
    return None


async def _send_json(send: Send, status: int, body: dict, headers: list[tuple[bytes, bytes]]) -> None:
    payload = json.dumps(body, ensure_ascii=False).encode("utf-8")
    await send(
        {
            "type": "http.response.start",
            "status": status,
            "headers": [
                (b"content-type", b"application/json; charset=utf-8"),
                (b"content-length", str(len(payload)).encode()),
                *headers,
            ],
        }
    )
    await send({"type": "http.response.body", "body": payload})


class GuardMiddleware:
    def __init__(self, app: ASGIApp, config: ServerConfig, limiter: RateLimiter | None = None) -> None:
        self.app = app
        self.config = config
        self.limiter = limiter or RateLimiter(config.rate_limit_per_min)

    def origin_allowed(self, origin: str, scope: Scope) -> bool:
        proxies, public = self.config.trusted_proxies, self.config.public_origin
        return is_own_origin(origin.lower(), scope, proxies, public) or origin.lower() in self.config.allowed_origins

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        path = scope.get("path", "")
        if scope["type"] != "http" or not path.startswith(GUARDED_PREFIXES):
            await self.app(scope, receive, send)
            return
        origin = _header(scope, b"origin")
        cors: list[tuple[bytes, bytes]] = [(b"vary", b"Origin")]
        if origin:
            cors.append((b"access-control-allow-origin", origin.encode("latin-1")))
        method = scope["method"]

        if method == "OPTIONS" and origin:
            asked = _header(scope, b"access-control-request-headers") or ""
            allowed_headers = "content-type, authorization"
            if self.origin_allowed(origin, scope) and re.fullmatch(r"[A-Za-z0-9_, -]{0,1000}", asked):
                allowed_headers = asked or allowed_headers  # e.g. the x-stainless-* of OpenAI's JS client
            await send(
                {
                    "type": "http.response.start",
                    "status": 204,
                    "headers": [
                        *cors,
                        (b"access-control-allow-methods", b"GET, POST, OPTIONS"),
                        (b"access-control-allow-headers", allowed_headers.encode("latin-1")),
                        (b"access-control-max-age", b"600"),
                    ],
                }
            )
            await send({"type": "http.response.body", "body": b""})
            return

        if origin and not self.origin_allowed(origin, scope):
            await _send_json(
                send, 403,
                error_body(path, 403, f"网站 {origin} 未获授权使用惠企政策问答助手。请联系服务中心，将该网址加入 ALLOWED_ORIGINS。", code="origin_not_allowed"),
                cors,
            )  # fmt: skip
            return

        gradio_call = path.startswith(GRADIO_CALLS)
        limit = max(self.config.max_body_bytes, GRADIO_MAX_BODY_BYTES) if gradio_call else self.config.max_body_bytes
        length = _header(scope, b"content-length")
        if length and length.isdigit() and int(length) > limit:
            await _send_json(send, 413, self._too_large(path), cors)
            return
        body = b""
        if method in ("POST", "PUT", "PATCH"):
            more = True
            while more:
                message = await receive()
                if message["type"] == "http.disconnect":
                    return
                body += message.get("body", b"")
                more = message.get("more_body", False)
                if len(body) > limit:
                    await _send_json(send, 413, self._too_large(path), cors)
                    return

        if (method, path) in RATE_LIMITED or (method == "POST" and gradio_call):
            wait = self.limiter.check(client_address(scope, self.config.trusted_proxies))
            if wait:
                await _send_json(
                    send, 429,
                    error_body(path, 429, f"请求太频繁了，请 {int(wait) + 1} 秒后再试（每分钟最多 {self.limiter.per_minute} 次）。", code="rate_limit_exceeded"),
                    [*cors, (b"retry-after", str(int(wait) + 1).encode())],
                )  # fmt: skip
                return

        replayed = False

        async def replay() -> Message:
            nonlocal replayed
            if not replayed:
                replayed = True
                return {"type": "http.request", "body": body, "more_body": False}
            return await receive()

        async def send_with_cors(message: Message) -> None:
            if message["type"] == "http.response.start" and origin:
                message["headers"] = [*message.get("headers", []), *cors]
            await send(message)

        await self.app(scope, replay if method in ("POST", "PUT", "PATCH") else receive, send_with_cors)

    def _too_large(self, path: str) -> dict:
        message = f"请求内容过大（上限 {self.config.max_body_bytes // 1024} KB）。问题请控制在 2000 字以内。"
        return error_body(path, 413, message, code="request_too_large")
