"""The app behind a real nginx (Debian's package, started by the test on loopback ports) that rewrites
Host, as `proxy_pass` does by default: the app's own page answers, asked from a real browser."""

from __future__ import annotations

import os
import shutil
import subprocess
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import DEMO_LIBRARY
from tests.e2e.conftest import ARTIFACTS, free_port, start_app
from tests.e2e.test_browser import browser  # noqa: F401 - the browser fixture

pytestmark = pytest.mark.e2e
NGINX = shutil.which("nginx") or "/usr/sbin/nginx"

# What a service center writes: the README's example, with the ports and folders of the test.
NGINX_CONF = """
worker_processes 1;
pid {tmp}/nginx.pid;
error_log {tmp}/nginx-error.log;
events {{ worker_connections 64; }}
http {{
  access_log off;
  client_body_temp_path {tmp}/body; proxy_temp_path {tmp}/proxy; fastcgi_temp_path {tmp}/fastcgi;
  uwsgi_temp_path {tmp}/uwsgi; scgi_temp_path {tmp}/scgi;
  map $http_upgrade $connection_upgrade {{ default upgrade; '' close; }}
  server {{
    listen 127.0.0.1:{port};
    location / {{
      proxy_pass http://127.0.0.1:{app_port};
      proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
      proxy_set_header X-Forwarded-Host $http_host;
      proxy_set_header X-Forwarded-Proto $scheme;
      proxy_http_version 1.1;
      proxy_set_header Upgrade $http_upgrade;
      proxy_set_header Connection $connection_upgrade;
      proxy_buffering off;
    }}
  }}
}}
"""


@pytest.fixture(scope="module")
def behind_nginx(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    if not Path(NGINX).exists():
        pytest.fail("nginx is missing: `make browser` installs Debian's nginx with chromium")
    tmp = tmp_path_factory.mktemp("nginx")
    app_port, port = free_port(), free_port()
    library = tmp / "library"
    shutil.copytree(DEMO_LIBRARY, library, ignore=shutil.ignore_patterns("expected.json"))
    env = os.environ | {
        "PORT": str(app_port), "LIBRARY_DIR": str(library), "INDEX_DIR": str(tmp / "index"), "TODAY": "2026-11-30",
        "FEEDBACK_DB": str(tmp / "feedback.sqlite3"), "RATE_LIMIT_PER_MIN": "1000",
    }  # fmt: skip
    app = start_app(env, tmp / "server.log", f"http://127.0.0.1:{app_port}")
    conf = tmp / "nginx.conf"
    conf.write_text(NGINX_CONF.format(tmp=tmp, port=port, app_port=app_port), encoding="utf-8")
    nginx = subprocess.Popen([NGINX, "-c", str(conf), "-p", str(tmp), "-g", "daemon off;"], stderr=subprocess.PIPE)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 20
    while True:
        try:
            with urllib.request.urlopen(f"{url}/healthz", timeout=2):
                break
        except OSError:
            assert nginx.poll() is None and time.monotonic() < deadline, nginx.stderr.read() if nginx.stderr else ""
            time.sleep(0.2)
    yield url
    nginx.terminate()
    nginx.wait(timeout=10)
    app.terminate()
    app.wait(timeout=20)


def test_the_app_behind_nginx_answers_its_own_page(browser, behind_nginx: str) -> None:  # noqa: F811
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(behind_nginx + "/", wait_until="load")
    page.wait_for_selector("#question textarea", timeout=30_000)
    page.fill("#question textarea", "12号文第一项是什么？")
    page.click("#send")
    card = page.wait_for_selector(".cards .card", timeout=30_000)
    assert "现行有效" in card.inner_text()
    page.screenshot(path=str(ARTIFACTS / "behind-nginx.png"))
    # The API from the page's own origin (the browser sends Origin: the nginx address, Host is rewritten).
    status = page.evaluate(
        """async () => (await fetch('/api/ask', {method: 'POST', headers: {'content-type': 'application/json'},
                     body: JSON.stringify({question: '12号文第一项'})})).status"""
    )
    assert status == 200
    page.close()
