"""A real server (app.py in a subprocess, real embedder, real port) and host pages on other origins."""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from ingest import PROJECT_ROOT
from tests.conftest import with_cached_vectors

ARTIFACTS = PROJECT_ROOT / "artifacts"


CHROMIUM = "/usr/bin/chromium"


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    """Debian's chromium driven by Playwright (one per test module)."""
    if not shutil.which(CHROMIUM):
        pytest.fail(f"{CHROMIUM} is missing: `make browser` installs Debian's chromium and fonts-wqy-microhei")
    from playwright.sync_api import sync_playwright

    ARTIFACTS.mkdir(exist_ok=True)
    with sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=CHROMIUM,
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                  "--no-first-run", "--disable-sync"],
        )  # fmt: skip
        yield browser
        browser.close()


def answer_429(page, server_url: str, message: str, retry_after: int = 42) -> None:
    """From now on the widget's questions get a 429 with ``message``, as over the service's budget."""
    page.route(
        server_url + "/api/ask",
        lambda route: route.fulfill(
            status=429, headers={"access-control-allow-origin": "*", "retry-after": str(retry_after)},
            content_type="application/json", body=json.dumps({"detail": message}),
        ),
    )  # fmt: skip


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@dataclass(frozen=True)
class Server:
    url: str
    allowed_host: str  # a page on an origin in ALLOWED_ORIGINS that embeds the widget
    denied_host: str  # the same page on an origin that is not allowed
    feedback_db: Path


HOST_PAGE = """<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>某产业园区服务中心</title>
<style>
  /* A host page with hostile CSS: the widget must look and work the same. */
  button {{ display: none !important; }} div {{ color: red !important; font-size: 40px !important; }}
  .banner {{ position: fixed; right: 0; bottom: 0; width: 300px; height: 120px; z-index: 99999; background: #eee; }}
</style></head>
<body><h1>园区企业服务</h1><p>欢迎使用。</p><div class="banner">广告位</div>
<script src="{server}/widget.js" data-title="园区政策助手" data-question="小微企业想申请信用贷款，有什么支持？" async></script>
</body></html>"""


def serve_page(port: int, html: str) -> ThreadingHTTPServer:
    body = html.encode("utf-8")

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            self.send_response(200)
            self.send_header("content-type", "text/html; charset=utf-8")
            self.send_header("content-length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: object) -> None:
            pass

    httpd = ThreadingHTTPServer(("127.0.0.1", port), Handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    return httpd


def start_app(env: dict[str, str], log_path: Path, url: str) -> subprocess.Popen:
    """``python app.py`` with ``env``, once /healthz answers (its output in ``log_path``)."""
    log = log_path.open("w")
    process = subprocess.Popen(
        [sys.executable, "app.py"], cwd=PROJECT_ROOT, env=env, stdout=log, stderr=subprocess.STDOUT
    )
    deadline = time.monotonic() + 90
    while True:
        try:
            with urllib.request.urlopen(f"{url}/healthz", timeout=2) as response:
                if response.status == 200:
                    return process
        except OSError:
            pass
        if process.poll() is not None or time.monotonic() > deadline:
            process.kill()
            raise RuntimeError(f"server did not start: {log_path.read_text()[-2000:]}")
        time.sleep(0.3)


@pytest.fixture(scope="session")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    tmp = tmp_path_factory.mktemp("server")
    port, allowed_port, denied_port = free_port(), free_port(), free_port()
    url = f"http://127.0.0.1:{port}"
    env = os.environ | {
        "PORT": str(port),
        "INDEX_DIR": str(with_cached_vectors(tmp / "index")),
        "TODAY": "2026-11-30",
        "FEEDBACK_DB": str(tmp / "feedback.sqlite3"),
        "ALLOWED_ORIGINS": f"http://127.0.0.1:{allowed_port}",
        "RATE_LIMIT_PER_MIN": "1000",
    }
    process = start_app(env, tmp / "server.log", url)
    pages = [serve_page(p, HOST_PAGE.format(server=url)) for p in (allowed_port, denied_port)]
    yield Server(url, f"http://127.0.0.1:{allowed_port}/", f"http://127.0.0.1:{denied_port}/", tmp / "feedback.sqlite3")
    for page in pages:
        page.shutdown()
    process.terminate()
    process.wait(timeout=20)
