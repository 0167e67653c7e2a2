"""Staff in a real browser (Debian's chromium, Playwright) against the real server with ADMIN_TOKEN:
a wrong token sees nothing; staff log in, upload a .docx made from a corpus text, check the preview and
publish it while a load generator keeps asking — the new law is answered with its citation within 30 s
and no request fails; retiring it from the page makes answers point to its successor."""

from __future__ import annotations

import json
import os
import shutil
import threading
import time
import urllib.request
from pathlib import Path

import pytest

from tests.conftest import DEMO_LIBRARY, SHARED
from tests.e2e.conftest import ARTIFACTS, free_port, start_app
from tests.e2e.test_library_changes import PUBLISHED_WITHIN_S, get, post

pytestmark = pytest.mark.e2e
TOKEN = "e2e-staff-token-4f9a2c71"


def docx_of(text: str, path: Path) -> Path:
    """A Word file with one paragraph per line of ``text`` (as a service center would receive it)."""
    import docx

    document = docx.Document()
    for line in text.splitlines():
        if line.strip():
            document.add_paragraph(line.lstrip("# ").strip())
    document.save(str(path))
    return path


def wait_until(check, what: str, within_s: float = PUBLISHED_WITHIN_S):
    started = time.monotonic()
    while True:
        found = check()
        if found:
            return found
        assert time.monotonic() - started < within_s, f"not within {within_s} s: {what}"
        time.sleep(0.5)


def test_staff_add_and_retire_a_document_in_the_browser(browser, tmp_path: Path) -> None:
    library = tmp_path / "library"
    shutil.copytree(DEMO_LIBRARY, library, ignore=shutil.ignore_patterns("expected.json"))
    law = docx_of(
        (SHARED / "corpus" / "policies" / "vat-law-2024.md").read_text(encoding="utf-8"), tmp_path / "增值税法.docx"
    )
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    env = os.environ | {
        "PORT": str(port), "LIBRARY_DIR": str(library), "INDEX_DIR": str(tmp_path / "index"), "TODAY": "2026-11-30",
        "FEEDBACK_DB": str(tmp_path / "feedback.sqlite3"), "AUDIT_DB": str(tmp_path / "audit.sqlite3"),
        "RATE_LIMIT_PER_MIN": "100000", "ADMIN_TOKEN": TOKEN,
    }  # fmt: skip
    server = start_app(env, tmp_path / "server.log", url)
    failures: list[int] = []
    stop = threading.Event()

    def keep_asking() -> None:
        while not stop.is_set():
            status, _ = post(url, "12号文第一项是什么？")
            if status != 200:
                failures.append(status)

    load = threading.Thread(target=keep_asking, daemon=True)
    try:
        page = browser.new_page(viewport={"width": 1280, "height": 900})  # dialogs answered below
        page.goto(f"{url}/admin")
        page.fill("#token", "not-the-token-at-all")
        page.click("#login")
        page.wait_for_selector(".error")
        assert "库中文件" not in page.content()
        page.screenshot(path=str(ARTIFACTS / "admin-wrong-token.png"))
        with urllib.request.urlopen(f"{url}/openapi.json") as response:
            assert "/admin" not in response.read().decode()

        page.fill("#token", TOKEN)
        page.click("#login")
        page.wait_for_selector("#documents tr")
        page.set_input_files("#file", str(law))
        page.fill("#doc_id", "vat-law-2024")
        page.click("#preview-button")
        page.wait_for_selector("#preview table")
        preview = page.inner_text("#preview")
        assert "第三十八条" in preview and "law" in preview and "中华人民共和国增值税法" in preview
        page.screenshot(path=str(ARTIFACTS / "admin-preview.png"), full_page=True)

        load.start()
        page.click("#publish")
        page.wait_for_selector("#message.ok >> text=已发布")

        def cites(doc_id: str, question: str):
            _, answer = post(url, question)
            return answer if any(c["doc_id"] == doc_id for c in answer.get("citations", [])) else None

        answer = wait_until(lambda: cites("vat-law-2024", "增值税法第三条是怎么规定的？"), "the new law answered")
        assert answer["citations"][0]["doc_id"] == "vat-law-2024"

        page.once(
            "dialog", lambda d: (d.accept("demo-law-2023"), page.once("dialog", lambda e: e.accept("2026-01-01")))
        )
        page.click("#documents tr:has-text('vat-law-2024') >> text=废止/替代")
        page.wait_for_selector("#message.ok >> text=已标记")
        wait_until(
            lambda: (
                next(d for d in get(f"{url}/api/documents") if d["doc_id"] == "vat-law-2024")["status"] != "现行有效"
            ),  # type: ignore[union-attr]
            "the law shown as repealed",
        )
        retired = wait_until(lambda: cites("demo-law-2023", "增值税法第三条是怎么规定的？"), "its successor named")
        assert "已废止" in json.dumps(retired, ensure_ascii=False)
        page.wait_for_selector("#audit tr:has-text('retire')")
        assert "add" in page.inner_text("#audit")
        page.screenshot(path=str(ARTIFACTS / "admin-after.png"), full_page=True)
    finally:
        stop.set()
        if load.is_alive():
            load.join(timeout=60)
        server.terminate()
        server.wait(timeout=20)
    assert failures == []
