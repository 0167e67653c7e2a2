"""One server, one port: the API, the Gradio app at ``/``, provision pages, the widget script and
OpenAPI docs — all served locally (no CDN)."""

from __future__ import annotations

import html
import json
from pathlib import Path

from fastapi import FastAPI
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from starlette.exceptions import HTTPException as StarletteHTTPException

from bot import match as matching
from bot.compose import Shelf
from bot.engine import PolicyBot
from web import render
from web.api import http_error, make_router, request_error, server_error
from web.config import ServerConfig
from web.feedback import FeedbackStore
from web.guard import Budget, GuardMiddleware
from web.page import ChinesePage, page_head

WIDGET_JS = Path(__file__).with_name("static") / "widget.js"


def docs_page(schema: dict) -> str:
    """The OpenAPI description as a plain page (Swagger UI would load its assets from a CDN)."""
    rows = []
    for path, methods in schema.get("paths", {}).items():
        for method, op in methods.items():
            rows.append(
                f"<h3><code>{html.escape(method.upper())} {html.escape(path)}</code></h3>"
                f"<p>{html.escape(op.get('summary', ''))}</p>"
            )
    return (
        '<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>API · 惠企政策问答助手</title>'
        "<style>body{font-family:system-ui,sans-serif;max-width:860px;margin:2em auto;padding:0 1em}"
        "pre{background:#f1f5f9;padding:1em;overflow:auto}</style></head><body>"
        "<h1>惠企政策问答助手 API</h1><p>机器可读的描述：<a href='/openapi.json'>/openapi.json</a></p>"
        + "".join(rows)
        + f"<h2>Schemas</h2><pre>{html.escape(json.dumps(schema.get('components', {}), ensure_ascii=False, indent=1))}</pre>"
        "</body></html>"
    )


def create_app(
    bot: PolicyBot, config: ServerConfig, feedback: FeedbackStore, *, with_ui: bool = True
) -> GuardMiddleware:
    description = (
        f"依据政策库中的 {len(bot.library.documents)} 份文件回答问题，每条答复注明文件、条款、效力状态与负责部门。"
    )
    api = FastAPI(
        title="惠企政策问答助手 API",
        version="1.0",
        description=description,
        docs_url=None,
        redoc_url=None,
    )
    budget = Budget(config)
    api.add_exception_handler(RequestValidationError, request_error)
    api.add_exception_handler(StarletteHTTPException, http_error)  # type: ignore[arg-type]
    api.add_exception_handler(Exception, server_error)
    root = config.root_path + "/"  # where the app is, as people and clients reach it
    api.include_router(make_router(bot, feedback, root))
    if config.admin_token and bot.folder is not None:
        from web.admin import AdminConfig, make_admin_router

        uploads = config.audit_db.parent / "uploads"
        admin = AdminConfig(
            config.admin_token, bot.folder, uploads, config.audit_db, config.admin_max_upload_bytes,
            config.trusted_proxies, config.root_path,
        )  # fmt: skip
        api.include_router(make_admin_router(bot, admin))

    @api.get("/docs", include_in_schema=False)
    def docs() -> HTMLResponse:
        return HTMLResponse(docs_page(api.openapi()))

    not_found_page = render.not_found_page("没有这个页面。请检查链接，或回到首页提问、查阅政策库。", root).encode()

    def not_found(message: str) -> HTMLResponse:
        return HTMLResponse(render.not_found_page(message, root), status_code=404)

    @api.get("/doc/{doc_id}", include_in_schema=False)
    def document_page(doc_id: str) -> HTMLResponse:
        document = bot.library.get(doc_id)
        if document is None:
            return not_found("政策库中没有这份文件。请从首页的“政策库”查找。")
        shelf = Shelf(bot.library, bot.today())
        status = shelf.status(doc_id)
        return HTMLResponse(render.document_page(document, status.text, shelf.metas.get(status.successor)))

    @api.get("/doc/{doc_id}/{number}", include_in_schema=False)
    def provision_page(doc_id: str, number: str, hl: str = "") -> HTMLResponse:
        document = bot.library.get(doc_id)
        if document is None:
            return not_found("政策库中没有这份文件。请从首页的“政策库”查找。")
        provision = document.provision(int(number)) if number.isdigit() and len(number) < 6 else None
        if provision is None:
            unit = document.label_kind()
            return not_found(
                f"{document.meta.citation_title}共 {len(document.provisions)} {unit}，没有“{number[:20]}”这一{unit}。"
            )
        status = Shelf(bot.library, bot.today()).status(doc_id).text
        quote = hl[: render.MAX_HIGHLIGHT_CHARS]
        return HTMLResponse(render.provision_page(provision, document.meta, status, quote, bot.library.agencies))

    @api.get("/match", include_in_schema=False)
    def match_page(profile: str = "") -> HTMLResponse:
        """The printable 政策匹配 result of a profile given as JSON in the address (the app links here)."""
        try:
            result = bot.match(matching.profile_from_json(json.loads(profile or "{}"), matching.provinces()))
        except json.JSONDecodeError:
            return HTMLResponse(render.not_found_page("企业情况需要是 JSON。请从首页的“政策匹配”重新生成。", root), 400)
        except matching.ProfileError as exc:
            return HTMLResponse(render.not_found_page(f"企业情况有误：{exc}", root), 400)
        shelf = Shelf(bot.library, result.day)
        return HTMLResponse(render.match_page(matching.to_json(result, shelf)))

    @api.get("/measure/{number}", include_in_schema=False)
    def measure_page(number: str) -> Response:
        """The original notice's measure pages (older links) live on under /doc/."""
        if not (number.isdigit() and len(number) < 6):
            return not_found(f"没有“{number[:20]}”这一项：措施的编号是数字，例如 /measure/4。")
        return RedirectResponse(root + render.provision_url(bot.home.meta.doc_id, int(number)), status_code=308)

    widget = WIDGET_JS.read_bytes()

    @api.get("/widget.js", include_in_schema=False)
    def widget_js() -> Response:
        return Response(
            widget,
            media_type="application/javascript; charset=utf-8",
            headers={"cache-control": "public, max-age=300", "access-control-allow-origin": "*"},
        )

    if with_ui:
        import gradio as gr

        from web.ui import CSS, THEME, TITLE, make_ui

        api = gr.mount_gradio_app(
            api, make_ui(bot, feedback, budget), path="/", css=CSS, theme=THEME, ssr_mode=False, footer_links=[],
            show_error=False, favicon_path=None, root_path=config.root_path,
        )  # fmt: skip
        return GuardMiddleware(ChinesePage(api, page_head(TITLE, description), not_found_page), config, budget)
    return GuardMiddleware(api, config, budget)
