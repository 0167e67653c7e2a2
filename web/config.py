"""Server configuration from the environment, validated once at start-up.

HOST, PORT                 where to listen (default 127.0.0.1:7860)
ALLOWED_ORIGINS            comma-separated origins allowed to embed the widget / call the API
                           from a browser (the app's own origin is always allowed)
RATE_LIMIT_PER_MIN         answering requests per minute from one API client address (default 30)
SESSION_LIMIT_PER_MIN      questions per minute from one chat session — a page of the app, or a widget
                           that sends X-Chat-Session (default 20)
ADDRESS_LIMIT_PER_MIN      questions per minute from all chat sessions of one address together, so that
                           desks behind one NAT are not starved yet one address cannot flood (default 300)
FEEDBACK_DB                SQLite file for 👍/👎 feedback (default var/feedback.sqlite3)
MAX_BODY_BYTES             largest accepted request body (default 65536)
ROOT_PATH                  the sub-path the app is served under by a proxy that strips it (/zhengce); default none
PUBLIC_URL                 the address people use (https://zwfw.example.gov.cn): its origin is the app's own
FORWARDED_ALLOW_IPS        comma-separated proxy addresses whose X-Forwarded-For/-Host/-Proto are believed
                           (default 127.0.0.1,::1; "*" for any — only when nothing else can reach the port)
ADMIN_TOKEN                turns on the staff page /admin (at least 16 characters); unset: no admin page
ADMIN_MAX_UPLOAD_MB        largest document upload on the staff page (default 20)
AUDIT_DB                   SQLite file of the staff page's audit log (default var/audit.sqlite3)
"""

from __future__ import annotations

import ipaddress
import os
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from ingest import PROJECT_ROOT

DEFAULT_FEEDBACK_DB = PROJECT_ROOT / "var" / "feedback.sqlite3"
DEFAULT_AUDIT_DB = PROJECT_ROOT / "var" / "audit.sqlite3"
MIN_ADMIN_TOKEN_CHARS = 16


class ConfigError(ValueError):
    """A setting is invalid; the message names the variable and what it should look like."""


def parse_origin(value: str) -> str:
    """'https://Example.com:443/' → 'https://example.com'; ConfigError for anything not an origin.

    >>> parse_origin("HTTP://127.0.0.1:8001/")
    'http://127.0.0.1:8001'
    """
    parts = urlsplit(value.strip())
    if parts.scheme not in ("http", "https") or not parts.hostname or parts.path not in ("", "/"):
        raise ConfigError(f"ALLOWED_ORIGINS: {value!r} is not an origin like https://www.example.com")
    default_port = {"http": 80, "https": 443}[parts.scheme]
    port = f":{parts.port}" if parts.port and parts.port != default_port else ""
    return f"{parts.scheme}://{parts.hostname.lower()}{port}"


def _int(env: Mapping[str, str], name: str, default: int, low: int, high: int) -> int:
    raw = env.get(name, "").strip()
    if not raw:
        return default
    try:
        value = int(raw)
    except ValueError:
        raise ConfigError(f"{name}={raw!r} is not a whole number") from None
    if not low <= value <= high:
        raise ConfigError(f"{name}={value} is out of range ({low}…{high})")
    return value


@dataclass(frozen=True)
class ServerConfig:
    host: str = "127.0.0.1"
    port: int = 7860
    allowed_origins: frozenset[str] = field(default_factory=frozenset)
    rate_limit_per_min: int = 30
    session_limit_per_min: int = 20
    address_limit_per_min: int = 300
    feedback_db: Path = DEFAULT_FEEDBACK_DB
    max_body_bytes: int = 64 * 1024
    public_origin: str = ""  # the origin of PUBLIC_URL ("" when unset)
    root_path: str = ""  # "" or "/zhengce": no trailing slash
    trusted_proxies: frozenset[str] = frozenset({"127.0.0.1", "::1"})
    admin_token: str = field(default="", repr=False)
    admin_max_upload_bytes: int = 20 * 1024 * 1024
    audit_db: Path = DEFAULT_AUDIT_DB

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None) -> ServerConfig:
        env = os.environ if env is None else env
        origins = [o for o in env.get("ALLOWED_ORIGINS", "").split(",") if o.strip()]
        return cls(
            host=env.get("HOST", "").strip() or "127.0.0.1",
            port=_int(env, "PORT", 7860, 1, 65535),
            allowed_origins=frozenset(parse_origin(o) for o in origins),
            rate_limit_per_min=_int(env, "RATE_LIMIT_PER_MIN", 30, 1, 1_000_000),
            session_limit_per_min=_int(env, "SESSION_LIMIT_PER_MIN", 20, 1, 1_000_000),
            address_limit_per_min=_int(env, "ADDRESS_LIMIT_PER_MIN", 300, 1, 1_000_000),
            feedback_db=Path(env.get("FEEDBACK_DB", "").strip() or DEFAULT_FEEDBACK_DB),
            max_body_bytes=_int(env, "MAX_BODY_BYTES", 64 * 1024, 1024, 16 * 1024 * 1024),
            public_origin=_public_origin(env.get("PUBLIC_URL", "")),
            root_path=_root_path(env.get("ROOT_PATH", "")),
            trusted_proxies=_addresses(env.get("FORWARDED_ALLOW_IPS", "127.0.0.1,::1")),
            admin_token=_admin_token(env.get("ADMIN_TOKEN", "")),
            admin_max_upload_bytes=_int(env, "ADMIN_MAX_UPLOAD_MB", 20, 1, 500) * 1024 * 1024,
            audit_db=Path(env.get("AUDIT_DB", "").strip() or DEFAULT_AUDIT_DB),
        )


def _public_origin(value: str) -> str:
    """PUBLIC_URL → its origin ('' when unset).

    >>> _public_origin("https://Zwfw.example.gov.cn/zhengce/")
    'https://zwfw.example.gov.cn'
    """
    if not value.strip():
        return ""
    parts = urlsplit(value.strip())
    try:
        return parse_origin(f"{parts.scheme}://{parts.netloc}")
    except ConfigError:
        raise ConfigError(f"PUBLIC_URL: {value!r} is not an address like https://www.example.com/path") from None


def _root_path(value: str) -> str:
    """ROOT_PATH → '' or '/a/b' (a leading slash, none at the end).

    >>> _root_path("zhengce/"), _root_path(""), _root_path("/")
    ('/zhengce', '', '')
    """
    path = "/" + value.strip().strip("/")
    if path == "/":
        return ""
    if not re.fullmatch(r"(/[A-Za-z0-9._~-]+)+", path):
        raise ConfigError(f"ROOT_PATH: {value!r} is not a path like /zhengce (letters, digits, - _ . ~)")
    return path


def _addresses(value: str) -> frozenset[str]:
    """FORWARDED_ALLOW_IPS → the addresses (``*`` for any); ConfigError for anything else."""
    out = set()
    for item in (v.strip() for v in value.split(",")):
        if not item:
            continue
        if item != "*":
            try:
                ipaddress.ip_address(item)
            except ValueError:
                raise ConfigError(f"FORWARDED_ALLOW_IPS: {item!r} is not an IP address (or *)") from None
        out.add(item)
    return frozenset(out)


def _admin_token(value: str) -> str:
    token = value.strip()
    if token and len(token) < MIN_ADMIN_TOKEN_CHARS:
        raise ConfigError(
            f"ADMIN_TOKEN is too short ({len(token)} characters): use at least {MIN_ADMIN_TOKEN_CHARS}, "
            "e.g. `python -c 'import secrets; print(secrets.token_urlsafe(24))'`"
        )
    return token
