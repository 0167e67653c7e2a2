"""The app behind a real nginx (Debian's package, started by the test on loopback ports) that rewrites
Host, as `proxy_pass` does by default: the app's own page answers, asked from a real browser."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import time
import urllib.parse
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import DEMO_LIBRARY
from tests.e2e.conftest import ARTIFACTS, free_port, start_app

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
    location {root}/ {{
      proxy_pass http://127.0.0.1:{app_port}/;
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


@pytest.fixture(scope="module", params=["", "/zhengce"], ids=["at-root", "under-a-sub-path"])
def behind_nginx(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The app's address through nginx: the host's root, or a sub-path nginx strips (ROOT_PATH)."""
    root = request.param
    if not Path(NGINX).exists():
        pytest.fail("nginx is missing: `make browser` installs Debian's nginx with chromium")
    tmp = tmp_path_factory.mktemp("nginx")
    app_port, port = free_port(), free_port()
    library = tmp / "library"
    shutil.copytree(DEMO_LIBRARY, library, ignore=shutil.ignore_patterns("expected.json"))
    env = os.environ | {
        "PORT": str(app_port), "LIBRARY_DIR": str(library), "INDEX_DIR": str(tmp / "index"), "TODAY": "2026-11-30",
        "FEEDBACK_DB": str(tmp / "feedback.sqlite3"), "RATE_LIMIT_PER_MIN": "1000", "ROOT_PATH": root,
    }  # fmt: skip
    app = start_app(env, tmp / "server.log", f"http://127.0.0.1:{app_port}")
    conf = tmp / "nginx.conf"
    conf.write_text(NGINX_CONF.format(tmp=tmp, port=port, app_port=app_port, root=root), encoding="utf-8")
    nginx = subprocess.Popen([NGINX, "-c", str(conf), "-p", str(tmp), "-g", "daemon off;"], stderr=subprocess.PIPE)
    url = f"http://127.0.0.1:{port}{root}"
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


def test_the_app_behind_nginx_answers_its_own_page(browser, behind_nginx: str) -> None:
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(behind_nginx + "/", wait_until="load")
    page.wait_for_selector("#question textarea", timeout=30_000)
    page.fill("#question textarea", "12号文第一项是什么？")
    page.click("#send")
    card = page.wait_for_selector(".cards .card", timeout=30_000)
    assert "现行有效" in card.inner_text()
    path = urllib.parse.urlsplit(behind_nginx).path  # "" or the sub-path
    page.screenshot(path=str(ARTIFACTS / f"behind-nginx{'-subpath' if path else ''}.png"))
    # The API from the page's own origin (the browser sends Origin: the nginx address, Host is rewritten).
    reply = page.evaluate(
        """async () => { const r = await fetch('api/ask', {method: 'POST', headers: {'content-type': 'application/json'},
                          body: JSON.stringify({question: '12号文第一项'})}); return [r.status, await r.json()]; }"""
    )
    assert reply[0] == 200
    # The citation's link, the provision page's own links and the API's URLs all stay under the app's path.
    link = page.eval_on_selector(".cards .card details a", "a => a.href")
    assert link.startswith(behind_nginx + "/doc/"), link
    page.goto(link, wait_until="load")
    assert "现行有效" in page.inner_text("body")
    assert page.eval_on_selector("a >> text=返回", "a => a.href") == behind_nginx + "/"
    document = page.eval_on_selector("p.meta a", "a => a.href")
    assert urllib.request.urlopen(document, timeout=10).status == 200
    measures = json.loads(urllib.request.urlopen(behind_nginx + "/api/measures", timeout=10).read())
    assert measures[0]["url"].startswith(path + "/doc/")
    page.close()
