"""The staff page: add, retire and remove documents of the library — only when ADMIN_TOKEN is set.

    /admin                    login (the token) → the page: documents, upload with preview, audit log
    /admin/api/preview        POST a file (+ metadata) → the parse, nothing changed
    /admin/api/publish        POST the previewed upload → added to the library
    /admin/api/retire, /admin/api/remove

Every endpoint needs the token: ``Authorization: Bearer …``, or the session cookie the login sets
(HttpOnly, SameSite=Strict; unsafe requests also carry the page's CSRF token). Tokens are compared in
constant time; wrong ones are logged and limited per client. The routes are not in ``/docs`` and get no
CORS headers, so a widget origin cannot call them.

Uploads: at most ADMIN_MAX_UPLOAD_MB; the type is read from the content (PDF, DOCX, HTML, text),
never from the name; stored under a generated name; a .docx whose zip would unpack to too much is
refused; parsing runs in ``python -m ingest`` in a subprocess with a time and memory limit, so a
hostile file cannot hang or crash the server. The library changes through ``ingest.library``
(atomic writes), and a running server picks the change up by itself (``web.reload``).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import io
import json
import logging
import resource
import secrets
import sqlite3
import subprocess
import sys
import threading
import time
import uuid
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from fastapi import APIRouter, Form, HTTPException, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse
from starlette.datastructures import UploadFile as StarletteUpload

from bot import catalog
from bot.compose import Shelf
from ingest import PROJECT_ROOT
from ingest.library import (
    DOC_ID,
    LibraryError,
    document_files,
    read_metadata,
    remove_document,
    retire_document,
)
from web.guard import RateLimiter, client_address

log = logging.getLogger(__name__)

SESSION_COOKIE = "admin_session"
SESSION_S = 8 * 3600
WRONG_TOKENS_PER_MIN = 5
PARSE_TIMEOUT_S = 60
PARSE_MEMORY_BYTES = 1024 * 1024 * 1024
MAX_UNZIPPED_BYTES = 200 * 1024 * 1024
MAX_ZIP_RATIO = 100
UPLOADS_KEPT_S = 24 * 3600
FORM_OVERHEAD_BYTES = 64 * 1024  # the metadata fields and multipart boundaries beside the file
META_FIELDS = ("title", "short_names", "doc_number", "issuer", "kind", "issued", "effective", "repealed",
               "repealed_by", "supersedes", "edition")  # fmt: skip


@dataclass(frozen=True)
class AdminConfig:
    token: str
    library: Path
    uploads: Path
    audit_db: Path
    max_upload_bytes: int = 20 * 1024 * 1024
    trusted_proxies: frozenset[str] = frozenset()  # whose X-Forwarded-For names the client
    root_path: str = ""  # ROOT_PATH: the session cookie's path starts there


class UploadRefused(ValueError):
    """An upload cannot be taken; the message says why, for staff."""


def sniff(data: bytes) -> str:
    """The file type by content: .pdf, .docx, .html, .md or .txt; UploadRefused for anything else.

    >>> sniff(b"%PDF-1.7 ..."), sniff("# 标题\\n\\n第一条 甲。".encode()), sniff(b"<!DOCTYPE html><html>")
    ('.pdf', '.md', '.html')
    """
    head = data[:2048].lstrip().lower()
    if data.startswith(b"%PDF-"):
        return ".pdf"
    if data.startswith(b"PK\x03\x04"):
        _check_docx(data)
        return ".docx"
    if head.startswith((b"<!doctype html", b"<html")) or b"<html" in head[:512]:
        return ".html"
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        if "\x00" in text:
            break
        return ".md" if any(line.startswith("# ") for line in text.splitlines()[:20]) else ".txt"
    raise UploadRefused("文件类型无法识别：请上传 .txt .md .docx .pdf（带文字层）或 .html 文件。")


def _check_docx(data: bytes) -> None:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            infos = archive.infolist()
    except zipfile.BadZipFile:
        raise UploadRefused("这个 .docx 文件已损坏，无法打开。") from None
    if "word/document.xml" not in {i.filename for i in infos}:
        raise UploadRefused("这是一个压缩包，不是 Word 文档（.docx）。")
    unpacked = sum(i.file_size for i in infos)
    if unpacked > MAX_UNZIPPED_BYTES or unpacked > MAX_ZIP_RATIO * max(1, len(data)) or len(infos) > 10_000:
        raise UploadRefused("这个 .docx 解压后过大（疑似压缩炸弹），已拒绝。")


def _limit_child() -> None:  # runs in the child before exec
    resource.setrlimit(resource.RLIMIT_AS, (PARSE_MEMORY_BYTES, PARSE_MEMORY_BYTES))


def run_ingest(library: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """``python -m ingest --library LIBRARY ARGS…`` with a time and memory limit."""
    try:
        return subprocess.run(
            [sys.executable, "-m", "ingest", "--library", str(library), *args],
            cwd=PROJECT_ROOT, capture_output=True, text=True, timeout=PARSE_TIMEOUT_S, preexec_fn=_limit_child,
        )  # fmt: skip
    except subprocess.TimeoutExpired:
        raise UploadRefused(f"解析超过 {PARSE_TIMEOUT_S} 秒仍未完成，已中止：文件可能损坏或过于复杂。") from None


def metadata_args(fields: dict[str, str]) -> list[str]:
    """Form fields → ``--set key=value`` arguments (empty fields left out)."""
    args = []
    for name in META_FIELDS:
        value = (fields.get(name) or "").strip()
        if value:
            args += ["--set", f"{name}={value}"]
    return args


class AuditLog:
    """Who changed the library, when, what, the file's sha256, the metadata before and after (SQLite)."""

    def __init__(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self._lock = threading.Lock()
        self._db = sqlite3.connect(path, check_same_thread=False, isolation_level=None)
        self._db.execute("PRAGMA journal_mode=WAL")
        self._db.execute("PRAGMA synchronous=FULL")
        self._db.execute(
            "CREATE TABLE IF NOT EXISTS audit (id INTEGER PRIMARY KEY AUTOINCREMENT, at TEXT NOT NULL, "
            "who TEXT NOT NULL, action TEXT NOT NULL, doc_id TEXT NOT NULL, sha256 TEXT NOT NULL DEFAULT '', "
            "before TEXT NOT NULL DEFAULT '', after TEXT NOT NULL DEFAULT '')"
        )

    def add(self, who: str, action: str, doc_id: str, sha256: str = "", before: Any = None, after: Any = None) -> None:
        row = (time.strftime("%Y-%m-%d %H:%M:%S"), who, action, doc_id, sha256,
               json.dumps(before, ensure_ascii=False, default=str) if before is not None else "",
               json.dumps(after, ensure_ascii=False, default=str) if after is not None else "")  # fmt: skip
        with self._lock:
            self._db.execute(
                "INSERT INTO audit (at, who, action, doc_id, sha256, before, after) VALUES (?, ?, ?, ?, ?, ?, ?)", row
            )

    def recent(self, n: int = 50) -> list[dict]:
        with self._lock:
            rows = self._db.execute(
                "SELECT at, who, action, doc_id, sha256, before, after FROM audit ORDER BY id DESC LIMIT ?", (n,)
            ).fetchall()
        keys = ("at", "who", "action", "doc_id", "sha256", "before", "after")
        return [dict(zip(keys, row, strict=True)) for row in rows]


class Sessions:
    """Logged-in browsers: random ids with an expiry, in memory (a restart logs everyone out)."""

    def __init__(self) -> None:
        self._expires: dict[str, float] = {}
        self._secret = secrets.token_bytes(32)
        self._lock = threading.Lock()

    def create(self) -> str:
        sid = secrets.token_urlsafe(32)
        with self._lock:
            now = time.time()
            self._expires = {k: v for k, v in self._expires.items() if v > now}
            self._expires[sid] = now + SESSION_S
        return sid

    def valid(self, sid: str | None) -> bool:
        with self._lock:
            return bool(sid) and self._expires.get(sid or "", 0) > time.time()

    def end(self, sid: str | None) -> None:
        with self._lock:
            self._expires.pop(sid or "", None)

    def csrf(self, sid: str) -> str:
        return hmac.new(self._secret, sid.encode(), hashlib.sha256).hexdigest()


def make_admin_router(bot: Any, config: AdminConfig) -> APIRouter:
    """The staff routes over ``bot`` (a ``PolicyBot`` or the ``LiveBot`` that follows the library)."""
    router = APIRouter(include_in_schema=False)
    sessions = Sessions()
    audit = AuditLog(config.audit_db)
    wrong = RateLimiter(WRONG_TOKENS_PER_MIN)
    config.uploads.mkdir(parents=True, exist_ok=True)
    token = config.token.encode()
    # Links and calls on the staff pages are relative to the app's root (<base>), so they hold under ROOT_PATH.
    login_page, admin_page = (page.replace("{{root}}", config.root_path) for page in (LOGIN_PAGE, ADMIN_PAGE))

    def client(request: Request) -> str:
        return client_address(request.scope, config.trusted_proxies)

    def refuse_wrong_token(request: Request) -> None:
        log.warning("admin: wrong token from %s", client(request))
        wait = wrong.check(client(request))
        if wait:
            raise HTTPException(429, f"错误次数太多，请 {int(wait) + 1} 秒后再试。")
        raise HTTPException(401, "口令不正确。")

    def staff(request: Request, *, unsafe: bool) -> str:
        """Who is calling (for the audit log); 401 unless the token or a session (+ CSRF) says staff."""
        header = request.headers.get("authorization", "")
        if header.lower().startswith("bearer "):
            if hmac.compare_digest(header[7:].strip().encode(), token):
                return "token"
            refuse_wrong_token(request)
        sid = request.cookies.get(SESSION_COOKIE)
        if not sessions.valid(sid):
            raise HTTPException(401, "请先登录管理页面。")
        if unsafe and not hmac.compare_digest(request.headers.get("x-csrf-token", ""), sessions.csrf(sid or "")):
            raise HTTPException(403, "请求缺少页面的校验码（CSRF），请刷新管理页面后重试。")
        return f"session {hashlib.sha256((sid or '').encode()).hexdigest()[:8]} from {client(request)}"

    @router.get("/admin")
    def page(request: Request) -> HTMLResponse:
        sid = request.cookies.get(SESSION_COOKIE)
        if not sessions.valid(sid):
            return HTMLResponse(login_page)
        return HTMLResponse(admin_page.replace("{{csrf}}", sessions.csrf(sid or "")))

    @router.post("/admin/login")
    def login(request: Request, token_field: str = Form("", alias="token")) -> Any:
        if not hmac.compare_digest(token_field.encode(), token):
            try:
                refuse_wrong_token(request)
            except HTTPException as exc:
                return HTMLResponse(
                    login_page.replace("<!--error-->", f"<p class=error>{exc.detail}</p>"), exc.status_code
                )
        response = RedirectResponse(config.root_path + "/admin", status_code=303)
        secure = request.url.scheme == "https" or request.headers.get("x-forwarded-proto") == "https"
        response.set_cookie(
            SESSION_COOKIE, sessions.create(), max_age=SESSION_S, httponly=True, samesite="strict", secure=secure,
            path=config.root_path + "/admin",
        )  # fmt: skip
        return response

    @router.post("/admin/logout")
    def logout(request: Request) -> RedirectResponse:
        staff(request, unsafe=True)
        sessions.end(request.cookies.get(SESSION_COOKIE))
        response = RedirectResponse(config.root_path + "/admin", status_code=303)
        response.delete_cookie(SESSION_COOKIE, path=config.root_path + "/admin")
        return response

    @router.get("/admin/api/documents")
    def documents(request: Request) -> list[dict]:
        staff(request, unsafe=False)
        shelf = Shelf(bot.library, bot.today())
        return [
            {"doc_id": e.meta.doc_id, "title": e.meta.citation_title, "status": e.status.text,
             "provisions": e.provisions}
            for e in catalog.catalogue(shelf, bot.agencies)
        ]  # fmt: skip

    @router.get("/admin/api/audit")
    def audit_log(request: Request) -> list[dict]:
        staff(request, unsafe=False)
        return audit.recent()

    changing = threading.Lock()  # one change of the library at a time (each reads, then writes, library.toml)

    @router.post("/admin/api/preview")
    async def preview(request: Request) -> JSONResponse:
        staff(request, unsafe=True)
        length = request.headers.get("content-length", "")
        if length.isdigit() and int(length) > config.max_upload_bytes + FORM_OVERHEAD_BYTES:
            raise HTTPException(413, f"文件超过 {config.max_upload_bytes // (1024 * 1024)} MB 上限。")
        form = await request.form(max_files=1, max_fields=len(META_FIELDS) + 1)
        upload = form.get("file")
        if not isinstance(upload, StarletteUpload):
            raise HTTPException(400, "请选择要上传的文件。")
        fields = {k: str(v) for k, v in form.items() if k in (*META_FIELDS, "doc_id")}
        data = await upload.read(config.max_upload_bytes + 1)
        if len(data) > config.max_upload_bytes:
            raise HTTPException(413, f"文件超过 {config.max_upload_bytes // (1024 * 1024)} MB 上限。")
        doc_id = (fields.get("doc_id") or "").strip() or Path(upload.filename or "").stem.lower()
        return JSONResponse(await run_in_threadpool(check_upload, data, doc_id, fields))

    def check_upload(data: bytes, doc_id: str, fields: dict[str, str]) -> dict:
        if not DOC_ID.match(doc_id):
            raise HTTPException(400, "编号（doc_id）只能用小写字母、数字和 - . _，例如 vat-law-2024。")
        try:
            suffix = sniff(data)
        except UploadRefused as exc:
            raise HTTPException(400, str(exc)) from None
        for old in config.uploads.iterdir():  # previews nobody published
            if old.stat().st_mtime < time.time() - UPLOADS_KEPT_S:
                old.unlink(missing_ok=True)
        upload_id = uuid.uuid4().hex
        stored = config.uploads / f"{upload_id}{suffix}"
        stored.write_bytes(data)
        args = ("add", str(stored), "--id", doc_id, *metadata_args(fields), "--dry-run", "--json")
        document = json.loads(_ingest_or_400(config.library, *args).stdout)
        return {
            "upload_id": upload_id,
            "doc_id": doc_id,
            "sha256": hashlib.sha256(data).hexdigest(),
            **summary(document),
        }

    @router.post("/admin/api/publish")
    async def publish(request: Request) -> JSONResponse:
        who = staff(request, unsafe=True)
        body = await _json_object(request)
        return JSONResponse(await run_in_threadpool(publish_upload, who, body))

    def publish_upload(who: str, body: dict) -> dict:
        upload_id, doc_id = str(body.get("upload_id", "")), str(body.get("doc_id", ""))
        stored = next(config.uploads.glob(f"{upload_id}.*"), None) if upload_id.isalnum() else None
        if stored is None or not DOC_ID.match(doc_id):
            raise HTTPException(400, "没有这个待发布的文件：请重新上传并预览。")
        metadata = body.get("metadata")
        fields = {k: str(v) for k, v in metadata.items()} if isinstance(metadata, dict) else {}

        def add() -> str:
            _ingest_or_400(config.library, "add", str(stored), "--id", doc_id, *metadata_args(fields), "--yes")
            return hashlib.sha256(stored.read_bytes()).hexdigest()

        change(who, "add", doc_id, add)
        stored.unlink(missing_ok=True)
        return {"published": doc_id}

    @router.post("/admin/api/retire")
    async def retire(request: Request) -> JSONResponse:
        who = staff(request, unsafe=True)
        body = await _json_object(request)
        return JSONResponse(await run_in_threadpool(retire_one, who, body))

    def retire_one(who: str, body: dict) -> dict:
        doc_id, by = str(body.get("doc_id", "")), str(body.get("by", "") or "")
        try:
            on = dt.date.fromisoformat(str(body["on"])) if body.get("on") else bot.today()
        except ValueError as exc:
            raise HTTPException(400, str(exc)) from None

        def mark() -> str:
            retire_document(config.library, doc_id, on=on, by=by)
            return ""  # no file changes

        change(who, "retire", doc_id, mark)
        return {"retired": doc_id}

    @router.post("/admin/api/remove")
    async def remove(request: Request) -> JSONResponse:
        who = staff(request, unsafe=True)
        body = await _json_object(request)
        return JSONResponse(await run_in_threadpool(remove_one, who, str(body.get("doc_id", ""))))

    def remove_one(who: str, doc_id: str) -> dict:
        def take_out() -> str:
            return hashlib.sha256(remove_document(config.library, doc_id).read_bytes()).hexdigest()

        change(who, "remove", doc_id, take_out)
        return {"removed": doc_id}

    def change(who: str, action: str, doc_id: str, make: Callable[[], str]) -> None:
        """One change of the library at a time (``make`` returns the file's sha256, or ""), logged with the
        document's metadata before and after; a refused change is a 400 with the reason."""
        try:
            with changing:
                before = metadata_of(doc_id)
                sha256 = make()
                after = metadata_of(doc_id)
        except LibraryError as exc:
            raise HTTPException(400, str(exc)) from None
        audit.add(who, action, doc_id, sha256, before, after)

    def metadata_of(doc_id: str) -> dict | None:
        """The document's metadata table ({} without one); None when the library has no such document."""
        if doc_id not in document_files(config.library):
            return None
        return read_metadata(config.library).get(doc_id, {})

    return router


async def _json_object(request: Request) -> dict:
    try:
        body = await request.json()
    except (ValueError, UnicodeDecodeError):
        raise HTTPException(400, "请求内容不是 JSON。") from None
    if not isinstance(body, dict):
        raise HTTPException(400, "请求内容应是一个 JSON 对象。")
    return body


def _ingest_or_400(library: Path, *args: str) -> subprocess.CompletedProcess[str]:
    try:
        result = run_ingest(library, *args)
    except UploadRefused as exc:
        raise HTTPException(400, str(exc)) from None
    if result.returncode != 0:
        message = result.stderr.strip().splitlines()[-1:] or ["解析失败"]
        if result.returncode < 0:  # killed by a signal: over the memory limit
            message = ["解析时内存超限，已中止：文件可能损坏或过于复杂。"]
        raise HTTPException(400, message[0].removeprefix("error: "))
    return result


def summary(document: dict) -> dict:
    """What staff check before publishing: shape, counts, first and last provision, metadata with sources, warnings."""
    meta, provisions = document["meta"], document["provisions"]
    sources = dict(meta.get("sources") or [])

    def head(p: dict) -> str:
        text = "".join(paragraph["text"] for paragraph in p["paragraphs"])
        return f"{p['label']}{p['title']} {text[:60]}"

    return {
        "shape": meta["shape"],
        "chapters": sum(1 for d in document["divisions"] if d["level"] == 1),
        "provisions": len(provisions),
        "first": head(provisions[0]) if provisions else "",
        "last": head(provisions[-1]) if provisions else "",
        "metadata": [
            {
                "field": k,
                "value": v if not isinstance(v, list) else "、".join(map(str, v)),
                "source": sources.get(k, ""),
            }
            for k, v in meta.items()
            if k in (*META_FIELDS, "title", "level", "region") and v not in ("", None, [], ())
        ],
        "warnings": list(document.get("warnings") or []),
    }


_STYLE = """body{font-family:"WenQuanYi Micro Hei","PingFang SC","Microsoft YaHei",system-ui,sans-serif;max-width:960px;
margin:2em auto;padding:0 1em;line-height:1.7;color:#1f2937;background:#fff} table{border-collapse:collapse;width:100%}
td,th{border-bottom:1px solid #e5e7eb;padding:.3em .5em;text-align:left;vertical-align:top} .error{color:#b91c1c}
input,button{font:inherit;padding:.3em .6em} fieldset{margin:1em 0;border:1px solid #d1d5db} .ok{color:#166534}
@media (prefers-color-scheme: dark){body{background:#111827;color:#e5e7eb} td,th{border-color:#374151}
.error{color:#fca5a5} .ok{color:#86efac} input,button{background:#1f2937;color:#e5e7eb;border:1px solid #4b5563}}"""

LOGIN_PAGE = f"""<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><base href="{{{{root}}}}/">
<meta name="viewport" content="width=device-width, initial-scale=1"><title>政策库管理 · 登录</title>
<style>{_STYLE}</style></head><body><h1>政策库管理</h1><!--error-->
<form method="post" action="admin/login"><label>管理口令 <input type="password" name="token" id="token"
autocomplete="current-password" required></label> <button id="login">登录</button></form></body></html>"""

ADMIN_PAGE = f"""<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><base href="{{{{root}}}}/">
<meta name="viewport" content="width=device-width, initial-scale=1"><meta name="csrf" content="{{{{csrf}}}}">
<title>政策库管理</title><style>{_STYLE}</style></head><body>
<h1>政策库管理</h1><form method="post" action="admin/logout" id="logout-form"><button id="logout">退出</button></form>
<fieldset><legend>新增文件</legend>
<form id="upload"><p><input type="file" name="file" id="file" required accept=".txt,.md,.docx,.pdf,.html,.htm"></p>
<p><label>编号（doc_id）<input name="doc_id" id="doc_id" placeholder="默认取文件名"></label>
<label>标题 <input name="title"></label> <label>简称（逗号分隔）<input name="short_names"></label></p>
<p><label>文号 <input name="doc_number"></label> <label>发布机关 <input name="issuer"></label>
<label>类别 <input name="kind" placeholder="法律、行政法规…"></label></p>
<p><label>发布日期 <input name="issued" type="date"></label> <label>施行日期 <input name="effective" type="date"></label>
<label>取代（doc_id，逗号分隔）<input name="supersedes"></label></p>
<button id="preview-button">预览解析结果</button></form>
<div id="preview"></div><button id="publish" hidden>发布</button><p id="message" role="status"></p></fieldset>
<fieldset><legend>库中文件</legend><table id="documents"></table></fieldset>
<fieldset><legend>操作记录</legend><table id="audit"></table></fieldset>
<script>
const csrf = document.querySelector('meta[name=csrf]').content;
const say = (text, ok) => {{ const m = document.getElementById('message'); m.textContent = text; m.className = ok ? 'ok' : 'error'; }};
const cell = (row, text) => {{ const td = row.insertCell(); td.textContent = text; return td; }};
async function call(path, body) {{
  const options = {{method: 'POST', headers: {{'x-csrf-token': csrf}}, credentials: 'same-origin'}};
  if (body instanceof FormData) options.body = body;
  else {{ options.body = JSON.stringify(body); options.headers['content-type'] = 'application/json'; }}
  const r = await fetch(path, options); const data = await r.json().catch(() => ({{}}));
  if (!r.ok) throw new Error(data.detail || ('错误 ' + r.status)); return data;
}}
let pending = null;
document.getElementById('upload').addEventListener('submit', async (e) => {{
  e.preventDefault(); say('正在解析…', true); document.getElementById('publish').hidden = true;
  try {{
    const form = new FormData(e.target); const p = await call('admin/api/preview', form);
    const metadata = {{}}; for (const [k, v] of form.entries()) if (k !== 'file' && k !== 'doc_id' && v) metadata[k] = v;
    pending = {{upload_id: p.upload_id, doc_id: p.doc_id, metadata}};
    const box = document.getElementById('preview'); box.textContent = '';
    const t = document.createElement('table'); box.appendChild(t);
    for (const [k, v] of [['编号', p.doc_id], ['结构', p.shape], ['章（部分）', p.chapters], ['条目', p.provisions],
                          ['第一条', p.first], ['最后一条', p.last], ['sha256', p.sha256]]) {{
      const r = t.insertRow(); cell(r, k); cell(r, String(v)); }}
    for (const m of p.metadata) {{ const r = t.insertRow(); cell(r, m.field); cell(r, m.value + (m.source ? '  ← ' + m.source : '')); }}
    for (const w of p.warnings) {{ const r = t.insertRow(); cell(r, '警告'); cell(r, w).className = 'error'; }}
    document.getElementById('publish').hidden = false; say('请核对后发布。', true);
  }} catch (err) {{ say(err.message, false); }}
}});
document.getElementById('publish').addEventListener('click', async () => {{
  try {{ const r = await call('admin/api/publish', pending); say('已发布 ' + r.published + '：几秒后即可问答。', true);
         document.getElementById('publish').hidden = true;
         // The server reloads the library in the background: list it again until the document is there.
         for (let i = 0; i < 60 && !(await load()).some(d => d.doc_id === r.published); i++)
           await new Promise(done => setTimeout(done, 2000)); }}
  catch (err) {{ say(err.message, false); }}
}});
async function act(path, body, done) {{
  try {{ await call(path, body); say(done, true); load(); setTimeout(load, 5000); }} catch (err) {{ say(err.message, false); }}
}}
async function load() {{
  const docs = await (await fetch('admin/api/documents', {{credentials: 'same-origin'}})).json();
  const t = document.getElementById('documents'); t.textContent = '';
  for (const d of docs) {{
    const r = t.insertRow(); cell(r, d.doc_id); cell(r, d.title); cell(r, d.status); cell(r, d.provisions + ' 条');
    const c = r.insertCell();
    const retire = document.createElement('button'); retire.textContent = '废止/替代'; c.appendChild(retire);
    retire.addEventListener('click', () => {{
      const by = prompt('由哪份文件取代（doc_id，可留空）：', '') ?? null; if (by === null) return;
      const on = prompt('自哪天起（YYYY-MM-DD，留空为今天）：', '') ?? '';
      act('admin/api/retire', {{doc_id: d.doc_id, by, on}}, d.doc_id + ' 已标记。'); }});
    const remove = document.createElement('button'); remove.textContent = '移除'; c.appendChild(remove);
    remove.addEventListener('click', () => {{ if (confirm('从库中移除 ' + d.doc_id + '？'))
      act('admin/api/remove', {{doc_id: d.doc_id}}, d.doc_id + ' 已移除。'); }});
  }}
  const log = await (await fetch('admin/api/audit', {{credentials: 'same-origin'}})).json();
  const a = document.getElementById('audit'); a.textContent = '';
  for (const x of log) {{ const r = a.insertRow(); for (const k of ['at', 'who', 'action', 'doc_id', 'sha256']) cell(r, (x[k] || '').slice(0, 24)); }}
  return docs;
}}
load();
</script></body></html>"""
