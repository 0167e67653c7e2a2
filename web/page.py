"""The app's own page in Chinese for people and for link previews.

Gradio's page says ``<html lang="en">`` and carries link-preview tags of its own (og:title "Gradio",
an image on an outside host — what WeChat shows when the link is shared). ``ChinesePage`` rewrites
that one page as it is sent: ``lang="zh-CN"``, the preview tags replaced by the product's own (no
image, nothing from another host), and the page's language set to Chinese before Gradio's script
reads it, so that Gradio's own words (pop-up titles, button labels) come from its Chinese translation.
"""

from __future__ import annotations

import html
import json
import re

from web.errors import error_body
from web.guard import GUARDED_PREFIXES, ASGIApp, Message, Receive, Scope, Send

API_PREFIXES = (*GUARDED_PREFIXES, "/openapi.json", "/healthz")
HTML, JSON = b"text/html; charset=utf-8", b"application/json; charset=utf-8"

_PREVIEW_TAG = re.compile(r'\s*<meta\s[^>]*?(?:property="og:|name="twitter:|name="description")[^>]*>', re.S)
_HTML_LANG = re.compile(r'<html(\s[^>]*?)?\slang="[^"]*"', re.S)
_HEAD = re.compile(r"<head>(\s*<meta charset=[^>]*>)?", re.I)
# Gradio picks its translation from navigator.language: the product speaks Chinese whatever the browser.
_CHINESE_LOCALE = (
    "<script>try{for(const [k,v] of [['language','zh-CN'],['languages',['zh-CN','zh']]])"
    "Object.defineProperty(Navigator.prototype,k,{get:()=>v,configurable:true})}catch(e){}</script>"
)


def page_head(title: str, description: str) -> str:
    t, d = html.escape(title), html.escape(description)
    return (
        f'{_CHINESE_LOCALE}<title>{t}</title><meta name="description" content="{d}"><meta property="og:title" content="{t}">'
        f'<meta property="og:description" content="{d}"><meta property="og:type" content="website">'
        f'<meta property="og:site_name" content="{t}"><meta name="twitter:card" content="summary">'
    )


def chinese_page(page: str, head: str) -> str:
    """Gradio's page with lang zh-CN and ``head`` in place of its preview tags.

    >>> chinese_page('<html lang="en"><head><meta property="og:title" content="Gradio" /></head>', "<x>")
    '<html lang="zh-CN"><head><x></head>'
    """
    page = _HTML_LANG.sub(lambda m: f'<html{m.group(1) or ""} lang="zh-CN"', page, count=1)
    page = _PREVIEW_TAG.sub("", page)
    return _HEAD.sub(lambda m: m.group(0) + head, page, count=1)


_UNKNOWN_PATH = (b'{"detail":"Not Found"}', b"Not Found")  # Starlette's words for a path nothing serves


class ChinesePage:
    """ASGI middleware: rewrites the HTML of GET / (Gradio's page), and says in Chinese that a path does not
    exist — a page (``not_found``, HTML) or an API path (JSON) — where Starlette would say "Not Found".
    Everything else passes untouched."""

    def __init__(self, app: ASGIApp, head: str, not_found: bytes) -> None:
        self.app = app
        self.head = head
        self.not_found = not_found

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        path = scope.get("path", "")
        start: Message | None = None
        chunks: list[bytes] = []

        async def rewrite(message: Message) -> None:
            nonlocal start
            if message["type"] == "http.response.start":
                kind = dict(message.get("headers", [])).get(b"content-type", b"")
                page = path == "/" and scope["method"] == "GET" and kind.startswith(b"text/html")
                if (page and message["status"] == 200) or message["status"] == 404:
                    start = message  # held until the body is complete
                else:
                    await send(message)
                return
            if start is None or message["type"] != "http.response.body":
                await send(message)
                return
            chunks.append(message.get("body", b""))
            if message.get("more_body"):
                return
            body, kind = b"".join(chunks), None
            if start["status"] == 200:
                body = chinese_page(body.decode("utf-8"), self.head).encode("utf-8")
            elif body in _UNKNOWN_PATH and path.startswith(API_PREFIXES):
                unknown = f"没有这个接口：{scope['method']} {path[:100]}。可用的接口见 /docs。"
                body, kind = json.dumps(error_body(path, 404, unknown), ensure_ascii=False).encode(), JSON
            elif body in _UNKNOWN_PATH:
                body, kind = self.not_found, HTML
            headers = [
                (k, v)
                for k, v in start.get("headers", [])
                if k != b"content-length" and not (kind and k == b"content-type")
            ]
            headers += [(b"content-length", str(len(body)).encode()), *([(b"content-type", kind)] if kind else [])]
            await send({**start, "headers": headers})
            await send({"type": "http.response.body", "body": body})

        await self.app(scope, receive, rewrite)
