"""The API's gate: allowed origins (CORS), a per-client rate limit and a request size limit.

One small ASGI middleware in front of ``/api/`` and ``/v1/``:
- a request (preflight or not) whose ``Origin`` is neither the app's own nor in ALLOWED_ORIGINS
  gets 403 with a Chinese message and no CORS headers: it is never answered, and a page on that
  origin reads nothing (the widget checks ``/api/widget`` first and stays hidden);
- bodies over MAX_BODY_BYTES get 413; answering requests over the client's budget (see ``Budget``)
  get 429 with ``Retry-After`` and a Chinese message. The Gradio chat checks the same budget inside
  its answer function, so that a refusal appears in the chat instead of an error pop-up.
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

from bot.question import MAX_QUESTION_CHARS
from web.config import ServerConfig
from web.errors import error_body

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

GUARDED_PREFIXES = ("/api/", "/v1/", "/gradio_api/")
RATE_LIMITED = {("POST", "/api/ask"), ("POST", "/v1/chat/completions"), ("POST", "/api/feedback")}
# The Gradio app's own calls: their bodies carry the chat so far, so they may be larger than an API
# request. Their questions are counted by the chat itself (web.ui), against the same Budget.
GRADIO_CALLS = ("/gradio_api/queue/join", "/gradio_api/call/", "/gradio_api/run/")
# Calls that carry a conversation (the app's, a chat client's) may be larger than a question: the
# server reads only the last turns of it, and a long chat must not be refused for its length.
CONVERSATION_CALLS = (*GRADIO_CALLS, "/v1/chat/completions", "/api/ask")
CONVERSATION_MAX_BODY_BYTES = 1024 * 1024
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


SESSION_ID = re.compile(r"[A-Za-z0-9_-]{8,64}")


class Budget:
    """Who may be answered now. An API client without a session has RATE_LIMIT_PER_MIN per address; a
    chat session (a page of the app; a widget sending X-Chat-Session) has SESSION_LIMIT_PER_MIN of its own,
    and all sessions of one address together ADDRESS_LIMIT_PER_MIN — so desks behind one NAT each get their
    share, while one address cannot flood by opening sessions."""

    def __init__(self, config: ServerConfig, clock: Callable[[], float] = time.monotonic) -> None:
        self.proxies = config.trusted_proxies
        self.per_client = RateLimiter(config.rate_limit_per_min, clock)
        self.per_session = RateLimiter(config.session_limit_per_min, clock)
        self.per_address = RateLimiter(config.address_limit_per_min, clock)

    def check(self, address: str, session: str = "") -> tuple[float, str]:
        """(0, "") when the request may go ahead (and is counted); else (seconds to wait, Chinese message)."""
        if not session:
            return self._refusal(self.per_client.check(address), self.per_client.per_minute, "")
        wait = self.per_session.check(session)
        if wait:
            return self._refusal(wait, self.per_session.per_minute, "本对话")
        return self._refusal(self.per_address.check(address), self.per_address.per_minute, "同一网络")

    @staticmethod
    def _refusal(wait: float, per_minute: int, whose: str) -> tuple[float, str]:
        if not wait:
            return 0.0, ""
        seconds = int(wait) + 1
        return wait, f"请求太频繁了，请 {seconds} 秒后再试（{whose}每分钟最多 {per_minute} 次）。"


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
    return forwarded_client((scope.get("client") or ("unknown", 0))[0], _header(scope, b"x-forwarded-for"), proxies)


def forwarded_client(peer: str, forwarded_for: str | None, proxies: frozenset[str]) -> str:
    """``client_address`` from the peer's address and its X-Forwarded-For header."""
    if not _trusted(peer, proxies):
        return peer
    hops = [h.strip() for h in (forwarded_for or "").split(",") if h.strip()]
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


def _is_utf8(body: bytes) -> bool:
    try:
        body.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


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
    def __init__(self, app: ASGIApp, config: ServerConfig, budget: Budget | None = None) -> None:
        self.app = app
        self.config = config
        self.budget = budget or Budget(config)

    def origin_allowed(self, origin: str, scope: Scope) -> bool:
        proxies, public = self.config.trusted_proxies, self.config.public_origin
        return is_own_origin(origin.lower(), scope, proxies, public) or origin.lower() in self.config.allowed_origins

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        path = scope.get("path", "")
        if scope["type"] != "http" or not path.startswith(GUARDED_PREFIXES):
            await self.app(scope, receive, send)
            return
        origin = _header(scope, b"origin")
        method = scope["method"]
        cors: list[tuple[bytes, bytes]] = [(b"vary", b"Origin")]
        if origin and not self.origin_allowed(origin, scope):
            # Refused, preflight or not, and never named in CORS headers: a browser page on that origin reads
            # nothing (the widget then stays hidden); the message is for clients outside a browser.
            message = f"网站 {origin} 未获授权使用惠企政策问答助手。请联系服务中心，将该网址加入 ALLOWED_ORIGINS。"
            await _send_json(send, 403, error_body(path, 403, message, code="origin_not_allowed"), cors)
            return
        if origin:
            cors.append((b"access-control-allow-origin", origin.encode("latin-1")))

        if method == "OPTIONS" and origin:
            asked = _header(scope, b"access-control-request-headers") or ""
            allowed_headers = "content-type, authorization, x-chat-session"
            if re.fullmatch(r"[A-Za-z0-9_, -]{0,1000}", asked):
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

        conversation = path.startswith(CONVERSATION_CALLS)
        limit = (
            max(self.config.max_body_bytes, CONVERSATION_MAX_BODY_BYTES) if conversation else self.config.max_body_bytes
        )
        length = _header(scope, b"content-length")
        if length and length.isdigit() and int(length) > limit:
            await _send_json(send, 413, self._too_large(path, limit), cors)
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
                    await _send_json(send, 413, self._too_large(path, limit), cors)
                    return

        if body and "json" in (_header(scope, b"content-type") or "") and not _is_utf8(body):
            message = "请求内容不是 UTF-8 编码：请用 UTF-8 编码发送 JSON（例如 GBK 编码的中文无法识别）。"
            await _send_json(send, 400, error_body(path, 400, message, code="invalid_encoding"), cors)
            return

        if (method, path) in RATE_LIMITED:
            session = _header(scope, b"x-chat-session") or ""
            address = client_address(scope, self.config.trusted_proxies)
            wait, message = self.budget.check(address, session if SESSION_ID.fullmatch(session) else "")
            if wait:
                retry = [(b"retry-after", str(int(wait) + 1).encode())]
                await _send_json(send, 429, error_body(path, 429, message, code="rate_limit_exceeded"), [*cors, *retry])
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

    @staticmethod
    def _too_large(path: str, limit: int) -> dict:
        message = f"请求内容过大（上限 {limit // 1024} KB）。问题请控制在 {MAX_QUESTION_CHARS} 字以内。"
        return error_body(path, 413, message, code="request_too_large")
