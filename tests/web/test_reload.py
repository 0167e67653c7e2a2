"""A server follows its library: a document added, retired or broken while it serves."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from ingest.library import METADATA_FILE, add_document, retire_document
from tests.web.conftest import make_client
from web.reload import LiveBot

NEW_RULE = (
    "# 示例跨境物流办法\n\n第一条 支持中小企业建设海外仓，发展跨境物流。\n\n第二条 本办法自2025年1月1日起施行。\n"
)


def test_an_added_document_is_answered_without_a_restart(live: LiveBot, tmp_path: Path) -> None:
    client = make_client(live, tmp_path)  # type: ignore[arg-type]
    source = tmp_path / "logistics-2025.md"
    source.write_text(NEW_RULE, encoding="utf-8")
    assert client.get("/api/documents/logistics-2025").status_code == 404
    old = live.current
    add_document(live.config.library, source)
    assert live.reload_now() and live.current is not old and live.generation == 1
    answer = client.post("/api/ask", json={"question": "示例跨境物流办法第一条"}).json()
    assert answer["citations"][0]["doc_id"] == "logistics-2025"
    assert client.get("/api/documents/logistics-2025").json()["provision_count"] == 2
    assert not live.reload_now()  # nothing changed since


def test_a_retired_document_says_so_on_the_next_answer(live: LiveBot, tmp_path: Path) -> None:
    client = make_client(live, tmp_path)  # type: ignore[arg-type]
    retire_document(live.config.library, "demo-opinion-2022", on=dt.date(2026, 1, 1), by="demo-notice-2024")
    assert live.reload_now()
    entry = next(d for d in client.get("/api/documents").json() if d["doc_id"] == "demo-opinion-2022")
    assert entry["status"] != "现行有效" and entry["successor"] == "demo-notice-2024"


def test_a_broken_library_leaves_the_previous_one_serving(live: LiveBot, tmp_path: Path) -> None:
    client = make_client(live, tmp_path)  # type: ignore[arg-type]
    (live.config.library / METADATA_FILE).write_text("[documents.x\nbroken", encoding="utf-8")
    assert not live.reload_now()
    assert "not valid TOML" in live.last_error
    health = client.get("/healthz").json()
    assert health["documents"] == 4 and "not valid TOML" in health["library_error"]
    assert client.post("/api/ask", json={"question": "12号文第一项"}).status_code == 200
