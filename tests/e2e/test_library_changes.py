"""Staff change the library from the command line while the real server answers under load: the new
document is answered with its citation within 30 s, a retired one shows its status, no request fails."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path

import pytest

from ingest import PROJECT_ROOT
from tests.conftest import DEMO_LIBRARY
from tests.e2e.conftest import free_port, start_app

pytestmark = pytest.mark.e2e

NEW_RULE = (
    "# 示例跨境物流办法\n\n第一条 支持中小企业建设海外仓，发展跨境物流。\n\n第二条 本办法自2025年1月1日起施行。\n"
)
PUBLISHED_WITHIN_S = 30


def post(url: str, question: str) -> tuple[int, dict]:
    request = urllib.request.Request(
        f"{url}/api/ask", json.dumps({"question": question}).encode(), {"content-type": "application/json"}
    )
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as exc:
        return exc.code, {}


def get(url: str) -> dict | list:
    with urllib.request.urlopen(url, timeout=30) as response:
        return json.loads(response.read())


def ingest(library: Path, *args: str) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-m", "ingest", "--library", str(library), *args]
    return subprocess.run(command, cwd=PROJECT_ROOT, capture_output=True, text=True, timeout=120)


def test_documents_added_and_retired_while_serving(tmp_path: Path) -> None:
    library = tmp_path / "library"
    shutil.copytree(DEMO_LIBRARY, library, ignore=shutil.ignore_patterns("expected.json"))
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    env = os.environ | {
        "PORT": str(port), "LIBRARY_DIR": str(library), "INDEX_DIR": str(tmp_path / "index"), "TODAY": "2026-11-30",
        "FEEDBACK_DB": str(tmp_path / "feedback.sqlite3"), "RATE_LIMIT_PER_MIN": "100000",
    }  # fmt: skip
    server = start_app(env, tmp_path / "server.log", url)
    failures: list[int] = []
    asked = 0
    stop = threading.Event()

    def keep_asking() -> None:
        nonlocal asked
        while not stop.is_set():
            status, _ = post(url, "12号文第一项是什么？")
            asked += 1
            if status != 200:
                failures.append(status)

    load = threading.Thread(target=keep_asking, daemon=True)
    load.start()
    try:
        source = tmp_path / "logistics-2025.md"
        source.write_text(NEW_RULE, encoding="utf-8")
        added = ingest(library, "add", str(source), "--yes")
        assert added.returncode == 0, added.stderr
        published = time.monotonic()
        while True:
            _, answer = post(url, "示例跨境物流办法第一条说了什么？")
            if answer.get("citations") and answer["citations"][0]["doc_id"] == "logistics-2025":
                break
            assert time.monotonic() - published < PUBLISHED_WITHIN_S, answer
            time.sleep(0.5)

        retired = ingest(library, "retire", "demo-opinion-2022", "--by", "demo-notice-2024", "--on", "2026-01-01")
        assert retired.returncode == 0 and "demo-notice-2024" not in retired.stderr, retired.stderr
        changed = time.monotonic()
        while True:
            entry = next(d for d in get(f"{url}/api/documents") if d["doc_id"] == "demo-opinion-2022")  # type: ignore[union-attr]
            if entry["status"] != "现行有效":
                break
            assert time.monotonic() - changed < PUBLISHED_WITHIN_S
            time.sleep(0.5)
        assert entry["successor"] == "demo-notice-2024"
    finally:
        stop.set()
        load.join(timeout=60)
        server.terminate()
        server.wait(timeout=20)
    assert asked > 10 and failures == []
