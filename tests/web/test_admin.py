"""The staff page: only with ADMIN_TOKEN, only for staff, uploads checked by content and parsed in a
limited subprocess, every change previewed, published atomically, logged and picked up while serving."""

from __future__ import annotations

import io
import logging
import zipfile
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from bot.engine import PolicyBot
from tests.web.conftest import make_client
from web import admin
from web.config import ConfigError, ServerConfig
from web.reload import LiveBot

TOKEN = "staff-token-0123456789"
NEW_RULE = (
    "# 示例跨境物流办法\n\n第一条 支持中小企业建设海外仓，发展跨境物流。\n\n第二条 本办法自2025年1月1日起施行。\n"
)


@pytest.fixture
def staff(live: LiveBot, tmp_path: Path) -> TestClient:
    client = make_client(
        live, tmp_path, admin_token=TOKEN, audit_db=tmp_path / "var" / "audit.sqlite3",  # type: ignore[arg-type]
        allowed_origins=frozenset({"http://partner.example"}), admin_max_upload_bytes=200_000,
    )  # fmt: skip
    login = client.post("/admin/login", data={"token": TOKEN}, follow_redirects=False)
    assert login.status_code == 303
    cookie = login.headers["set-cookie"].lower()
    assert "httponly" in cookie and "samesite=strict" in cookie
    page = client.get("/admin").text
    client.headers["x-csrf-token"] = page.split('name="csrf" content="')[1].split('"')[0]
    return client


def library_files(live: LiveBot) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in live.config.library.rglob("*") if p.is_file()}


def test_no_token_no_admin_page(fake_bot: PolicyBot, tmp_path: Path) -> None:
    client = make_client(fake_bot, tmp_path)
    assert client.get("/admin").status_code == 404
    assert client.post("/admin/api/remove", json={"doc_id": "vat-law-2024"}).status_code == 404
    with pytest.raises(ConfigError, match="at least 16"):
        ServerConfig.from_env({"ADMIN_TOKEN": "short"})


def test_a_wrong_token_sees_nothing_is_logged_and_limited(
    live: LiveBot, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    client = make_client(live, tmp_path, admin_token=TOKEN, audit_db=tmp_path / "audit.sqlite3")  # type: ignore[arg-type]
    assert "管理口令" in client.get("/admin").text and "库中文件" not in client.get("/admin").text
    assert client.get("/admin/api/documents").status_code == 401
    with caplog.at_level(logging.WARNING, logger="web.admin"):
        codes = [
            client.get("/admin/api/documents", headers={"authorization": "Bearer wrong"}).status_code for _ in range(7)
        ]
    assert codes[:5] == [401] * 5 and codes[-1] == 429 and "wrong token" in caplog.text
    refused = client.post("/admin/login", data={"token": "wrong"}, follow_redirects=False)
    assert refused.status_code == 429 and "set-cookie" not in refused.headers
    bearer = client.get("/admin/api/documents", headers={"authorization": f"Bearer {TOKEN}"})
    assert bearer.status_code == 200 and len(bearer.json()) == 4


def test_admin_routes_are_not_documented_nor_open_to_widget_origins(staff: TestClient) -> None:
    assert not [p for p in staff.get("/openapi.json").json()["paths"] if p.startswith("/admin")]
    answer = staff.get("/admin/api/documents", headers={"origin": "http://partner.example"})
    assert "access-control-allow-origin" not in answer.headers


def test_a_cookie_request_without_the_pages_csrf_token_is_refused(staff: TestClient, live: LiveBot) -> None:
    before = library_files(live)
    refused = staff.post("/admin/api/remove", json={"doc_id": "demo-opinion-2022"}, headers={"x-csrf-token": "x"})
    assert refused.status_code == 403 and "CSRF" in refused.json()["detail"]
    assert library_files(live) == before


def test_preview_changes_nothing_and_publish_is_answered_and_logged(staff: TestClient, live: LiveBot) -> None:
    before = library_files(live)
    upload = {"file": ("某办法.md", NEW_RULE.encode(), "text/markdown")}
    preview = staff.post("/admin/api/preview", files=upload, data={"doc_id": "logistics-2025", "issuer": "示例部"})
    assert preview.status_code == 200, preview.text
    shown = preview.json()
    assert shown["shape"] == "law" and shown["provisions"] == 2 and shown["first"].startswith("第一条")
    assert {"field": "issuer", "value": "示例部", "source": "metadata file"} in shown["metadata"]
    assert library_files(live) == before  # a preview changes nothing
    published = staff.post(
        "/admin/api/publish",
        json={"upload_id": shown["upload_id"], "doc_id": "logistics-2025", "metadata": {"issuer": "示例部"}},
    )
    assert published.status_code == 200, published.text
    assert live.reload_now()
    answer = staff.post("/api/ask", json={"question": "示例跨境物流办法第一条"}).json()
    assert answer["citations"][0]["doc_id"] == "logistics-2025"
    log = staff.get("/admin/api/audit").json()
    assert log[0]["action"] == "add" and log[0]["doc_id"] == "logistics-2025" and log[0]["sha256"] == shown["sha256"]
    assert "示例部" in log[0]["after"]


def test_retire_and_remove_are_logged(staff: TestClient, live: LiveBot) -> None:
    retired = staff.post(
        "/admin/api/retire", json={"doc_id": "demo-opinion-2022", "by": "demo-notice-2024", "on": "2026-01-01"}
    )
    assert retired.status_code == 200, retired.text
    refused = staff.post("/admin/api/remove", json={"doc_id": "demo-opinion-2022"})
    assert refused.status_code == 400 and "demo-notice-2024" in refused.json()["detail"]
    assert staff.post("/admin/api/remove", json={"doc_id": "demo-law-2023"}).status_code == 200
    assert (live.config.library / ".removed").is_dir()
    assert live.reload_now()
    documents = {d["doc_id"]: d for d in staff.get("/api/documents").json()}
    assert documents["demo-opinion-2022"]["successor"] == "demo-notice-2024" and "demo-law-2023" not in documents
    assert [x["action"] for x in staff.get("/admin/api/audit").json()] == ["remove", "retire"]


def _docx(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("name", "data", "status", "message"),
    [
        ("rule.txt", b"\x00\x01\x02\xff\xfe" * 100, 400, "类型无法识别"),
        ("rule.docx", _docx({"a.txt": b"x"}), 400, "不是 Word 文档"),
        ("rule.docx", _docx({"word/document.xml": b"0" * 10_000_000}), 400, "压缩炸弹"),
        ("rule.pdf", b"%PDF-1.4 not really a pdf", 400, ""),
        ("rule.md", "第一条 甲。\n".encode() * 50_000, 413, "上限"),
        ("rule.md", "# 甲\n\n第一条 甲。\n\n第三条 乙。".encode(), 400, "第三条 where 第二条 was expected"),
    ],
)
def test_bad_uploads_are_refused_and_change_nothing(
    staff: TestClient, live: LiveBot, name: str, data: bytes, status: int, message: str
) -> None:
    before = library_files(live)
    refused = staff.post("/admin/api/preview", files={"file": (name, data, "application/octet-stream")})
    assert refused.status_code == status and message in refused.json()["detail"], refused.text
    assert library_files(live) == before


def test_a_parse_that_takes_too_long_is_stopped(
    staff: TestClient, live: LiveBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(admin, "PARSE_TIMEOUT_S", 0.01)
    refused = staff.post("/admin/api/preview", files={"file": ("slow.md", NEW_RULE.encode(), "text/markdown")})
    assert refused.status_code == 400 and "中止" in refused.json()["detail"]


def test_the_type_is_read_from_the_content_not_the_name(staff: TestClient) -> None:
    disguised = staff.post("/admin/api/preview", files={"file": ("rule.pdf", NEW_RULE.encode(), "application/pdf")},
                           data={"doc_id": "rule-2025"})  # fmt: skip
    assert disguised.status_code == 200 and disguised.json()["provisions"] == 2


def test_no_name_from_the_client_is_used_as_a_path(staff: TestClient, live: LiveBot, tmp_path: Path) -> None:
    before = library_files(live)
    named = staff.post("/admin/api/preview", files={"file": ("../../etc/passwd.md", NEW_RULE.encode(), "text/plain")})
    assert named.status_code == 200 and named.json()["doc_id"] == "passwd"
    stored = [p.name for p in (tmp_path / "var" / "uploads").iterdir()]
    assert stored == [f"{named.json()['upload_id']}.md"]
    bad_id = staff.post("/admin/api/preview", files={"file": ("a.md", NEW_RULE.encode())}, data={"doc_id": "../x"})
    assert bad_id.status_code == 400 and "编号" in bad_id.json()["detail"]
    assert library_files(live) == before


def test_malformed_requests_get_a_message(staff: TestClient) -> None:
    broken = staff.post("/admin/api/publish", content=b"{not json", headers={"content-type": "application/json"})
    assert broken.status_code == 400 and "不是 JSON" in broken.json()["detail"]
    listed = staff.post("/admin/api/retire", json=["demo-law-2023"])
    assert listed.status_code == 400 and "JSON 对象" in listed.json()["detail"]
    unknown = staff.post("/admin/api/publish", json={"upload_id": "../../x", "doc_id": "x"})
    assert unknown.status_code == 400 and "重新上传" in unknown.json()["detail"]
    no_file = staff.post("/admin/api/preview", data={"doc_id": "x"})
    assert no_file.status_code == 400
