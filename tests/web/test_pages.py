"""What people and link previews see: the app's page in Chinese, Chinese 404 pages, Chinese API errors."""

from __future__ import annotations

import re

import pytest
from fastapi.testclient import TestClient

from bot.engine import PolicyBot
from web.config import ServerConfig
from web.feedback import FeedbackStore
from web.server import create_app


@pytest.fixture(scope="module")
def app_client(fake_bot: PolicyBot, tmp_path_factory: pytest.TempPathFactory) -> TestClient:
    config = ServerConfig(feedback_db=tmp_path_factory.mktemp("pages") / "feedback.sqlite3")
    return TestClient(create_app(fake_bot, config, FeedbackStore(config.feedback_db)))


def test_the_apps_page_is_chinese_for_people_and_link_previews(app_client: TestClient) -> None:
    page = app_client.get("/").text
    assert re.search(r'<html[^>]*\slang="zh-CN"', page) and 'lang="en"' not in page
    assert '<meta property="og:title" content="惠企政策问答助手">' in page  # what WeChat shows for a shared link
    assert "Gradio" not in re.sub(r"<script.*?</script>", "", page, flags=re.S)  # no preview tag names Gradio
    assert "og:image" not in page and "githubusercontent" not in page  # nothing from another host
    assert page.index('<meta charset="utf-8"') < page.index("og:title")  # the charset still comes first


@pytest.mark.parametrize(
    ("path", "says"),
    [("/measure/abc", "编号是数字"), ("/doc/miit-2021-169/abc", "没有“abc”"), ("/doc/miit-2021-169/999", "没有“999”"),
     ("/doc/no-such-document", "没有这份文件"), ("/no-such-page", "没有这个页面")],
)  # fmt: skip
def test_bad_page_paths_get_a_chinese_html_404(app_client: TestClient, path: str, says: str) -> None:
    response = app_client.get(path)
    assert response.status_code == 404 and response.headers["content-type"].startswith("text/html")
    assert says in response.text and '<html lang="zh-CN">' in response.text


def test_unknown_api_paths_and_gbk_bodies_are_explained_in_chinese(app_client: TestClient) -> None:
    unknown = app_client.get("/api/no-such-endpoint")
    assert unknown.status_code == 404 and "没有这个接口" in unknown.json()["detail"]
    assert "没有这个接口" in app_client.get("/v1/no-such-endpoint").json()["error"]["message"]
    gbk = '{"question": "小微企业贷款有什么支持？"}'.encode("gbk")
    refused = app_client.post("/api/ask", content=gbk, headers={"content-type": "application/json"})
    assert refused.status_code == 400 and "UTF-8" in refused.json()["detail"]
    body = '{"messages": [{"role": "user", "content": "贷款"}]}'.encode("gbk")
    openai_style = app_client.post("/v1/chat/completions", content=body, headers={"content-type": "application/json"})
    assert openai_style.status_code == 400 and "UTF-8" in openai_style.json()["error"]["message"]
