"""Every endpoint, with the bad inputs of the core issue and oversize bodies (hash embedder)."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest
from fastapi.testclient import TestClient

from bot.engine import PolicyBot
from tests.web.conftest import make_client
from web.feedback import FeedbackStore, export


def test_ask_returns_the_answer_object(client: TestClient) -> None:
    response = client.post("/api/ask", json={"question": "竞争力若干措施第十二条是什么？"})
    assert response.status_code == 200
    body = response.json()
    assert set(body) == {"answer", "citations", "out_of_scope", "as_of", "generator", "coverage"}
    assert body["generator"] == "extractive" and body["as_of"] == "2026-11-30"
    citation = body["citations"][0]
    assert (citation["doc_id"], citation["number"], citation["measure"]) == ("miit-2021-169", 12, 12)
    assert set(citation) == {
        "doc_id", "number", "measure", "label", "doc_title", "title", "section", "agencies", "quote", "status"
    }  # fmt: skip


def test_a_number_without_a_document_asks_which_one(client: TestClient) -> None:
    body = client.post("/api/ask", json={"question": "第十二条是什么？"}).json()
    assert not body["citations"] and "哪一份" in body["answer"] and "增值税法" in body["answer"]


def test_ask_uses_the_history(client: TestClient) -> None:
    question = "竞争力若干措施第二十二条是什么"
    first = client.post("/api/ask", json={"question": question}).json()
    history = [{"role": "user", "content": question}, {"role": "assistant", "content": first["answer"]}]
    body = client.post("/api/ask", json={"question": "这条由谁负责？", "history": history}).json()
    assert body["citations"][0]["number"] == 22 and "海关总署" in body["answer"]


@pytest.mark.parametrize(
    ("payload", "status", "message"),
    [
        ({"question": ""}, 400, "请输入您的问题"),
        ({"question": "   \x00 "}, 400, "请输入您的问题"),
        ({"question": "贷" * 2001}, 400, "2000 字以内"),
        ({"question": "a" * 21_000}, 400, "问题太长了（21000 字）"),  # the bot's limit and words, not a schema's
        ({"question": 42}, 422, "请求格式不正确"),
        ({}, 422, "请求格式不正确"),
        ({"question": "第一条", "history": "not a list"}, 422, "请求格式不正确"),
        ({"question": "第一条", "history": [{"role": "system", "content": "x"}]}, 422, "请求格式不正确"),
    ],
)
def test_ask_bad_input(client: TestClient, payload: dict, status: int, message: str) -> None:
    response = client.post("/api/ask", json=payload)
    assert response.status_code == status
    assert message in response.json()["detail"]


def test_malformed_json_gets_a_chinese_message(client: TestClient) -> None:
    response = client.post("/api/ask", content=b"{not json", headers={"content-type": "application/json"})
    assert response.status_code == 422 and "需要 JSON" in response.json()["detail"]


def test_binary_body_is_refused_cleanly(client: TestClient) -> None:
    response = client.post("/api/ask", content=bytes(range(256)) * 4, headers={"content-type": "application/json"})
    assert response.status_code == 400 and "UTF-8" in response.json()["detail"]


def test_oversize_body_is_413(client: TestClient) -> None:
    big = json.dumps({"question": "贷" * 200_000}).encode()  # over the 1 MB a conversation may take
    response = client.post("/api/ask", content=big, headers={"content-type": "application/json"})
    assert response.status_code == 413 and "过大" in response.json()["detail"]
    chunked = client.post(
        "/api/ask", content=iter([big[:40_000], big[40_000:]]), headers={"content-type": "application/json"}
    )
    assert chunked.status_code == 413  # no Content-Length: counted while reading


def test_html_in_a_question_comes_back_as_data(client: TestClient) -> None:
    body = client.post("/api/ask", json={"question": "<script>alert(1)</script>增值税法第三条"}).json()
    assert body["citations"][0]["number"] == 3  # JSON carries text; the clients render it as text


def test_measures_list_and_filters(client: TestClient) -> None:
    assert len(client.get("/api/measures").json()) == 34
    by_alias = client.get("/api/measures", params={"agency": "央行"}).json()
    assert [m["number"] for m in by_alias] == [4, 5, 6, 7]
    assert [m["number"] for m in client.get("/api/measures", params={"section": 11}).json()] == [32, 33, 34]
    unknown = client.get("/api/measures", params={"agency": "火星局"})
    assert unknown.status_code == 404 and "火星局" in unknown.json()["detail"]
    assert client.get("/api/measures", params={"section": 12}).status_code == 404


def test_one_measure_and_any_provision(client: TestClient) -> None:
    m12 = client.get("/api/measures/12").json()
    assert m12["title"] == "加强工业互联网赋能" and m12["url"] == "/doc/miit-2021-169/12"
    missing = client.get("/api/measures/50")
    assert missing.status_code == 404 and "共有 34 项" in missing.json()["detail"]
    assert client.get("/api/measures/abc").status_code == 422
    old = client.get("/api/documents/vat-interim-regulation-2017/provisions/2").json()
    assert old["label"] == "第二条" and old["status"].startswith("已废止") and "17%" in old["text"]
    assert client.get("/api/documents/no-such-doc/provisions/1").status_code == 404


def test_healthz(client: TestClient) -> None:
    body = client.get("/healthz").json()
    assert body["status"] == "ok" and body["documents"] == 14 and body["provisions"] == 654 and body["left_out"] == []


def test_openai_chat_completions_plain_and_streaming(client: TestClient) -> None:
    messages = [{"role": "user", "content": "竞争力若干措施第二十二条是什么"}]
    plain = client.post("/v1/chat/completions", json={"model": "x", "messages": messages}).json()
    text = plain["choices"][0]["message"]["content"]
    assert plain["object"] == "chat.completion" and "推动跨境电商发展" in text and "引用：" in text
    with client.stream("POST", "/v1/chat/completions", json={"messages": messages, "stream": True}) as response:
        assert response.headers["content-type"].startswith("text/event-stream")
        events = [line[6:] for line in response.iter_lines() if line.startswith("data: ")]
    assert events[-1] == "[DONE]"
    chunks = [json.loads(e) for e in events[:-1]]
    streamed = "".join(c["choices"][0]["delta"].get("content", "") for c in chunks)
    assert streamed == text and chunks[-1]["choices"][0]["finish_reason"] == "stop"


def test_openai_content_parts_and_bad_messages(client: TestClient) -> None:
    parts = [{"role": "user", "content": [{"type": "text", "text": "169号文第三条"}]}]
    assert (
        "推动税费精准服务"
        in client.post("/v1/chat/completions", json={"messages": parts}).json()["choices"][0]["message"]["content"]
    )
    last_assistant = [{"role": "assistant", "content": "你好"}]
    refused = client.post("/v1/chat/completions", json={"messages": last_assistant})
    assert refused.status_code == 400 and "最后一条需要是 user" in refused.json()["error"]["message"]
    empty = client.post("/v1/chat/completions", json={"messages": []})  # OpenAI answers 400, not 422
    assert empty.status_code == 400 and empty.json()["error"]["param"] == "messages"


def test_allowed_origin_gets_cors_headers(client: TestClient) -> None:
    response = client.post("/api/ask", json={"question": "第三条"}, headers={"origin": "http://partner.example"})
    assert response.status_code == 200
    assert response.headers["access-control-allow-origin"] == "http://partner.example"
    own = client.post("/api/ask", json={"question": "第三条"}, headers={"origin": "http://testserver"})
    assert own.status_code == 200  # the app's own origin is always allowed


def test_other_origin_is_refused_and_not_named_in_cors_headers(client: TestClient) -> None:
    preflight = client.options(
        "/api/ask", headers={"origin": "http://evil.example", "access-control-request-method": "POST"}
    )
    assert preflight.status_code == 403 and "access-control-allow-origin" not in preflight.headers
    response = client.post("/api/ask", json={"question": "第三条"}, headers={"origin": "http://evil.example"})
    assert response.status_code == 403
    assert "未获授权" in response.json()["detail"] and "citations" not in response.json()
    assert "access-control-allow-origin" not in response.headers  # a page there reads nothing
    check = client.get("/api/widget", headers={"origin": "http://evil.example"})
    assert check.status_code == 403 and "access-control-allow-origin" not in check.headers
    partner = client.get("/api/widget", headers={"origin": "http://partner.example"})
    assert partner.status_code == 200 and partner.headers["access-control-allow-origin"] == "http://partner.example"


def test_rate_limit_answers_429_in_chinese(fake_bot: PolicyBot, tmp_path: Path) -> None:
    client = make_client(fake_bot, tmp_path, rate_limit_per_min=3)
    codes = [client.post("/api/ask", json={"question": "第三条"}).status_code for _ in range(4)]
    assert codes == [200, 200, 200, 429]
    limited = client.post("/api/ask", json={"question": "第三条"})
    assert "请求太频繁" in limited.json()["detail"] and int(limited.headers["retry-after"]) >= 1
    assert client.get("/api/measures/3").status_code == 200  # browsing is not rate limited


def test_feedback_is_stored_and_exported(client: TestClient, tmp_path: Path) -> None:
    item = {
        "rating": -1,
        "question": "第三条",
        "answer": "……",
        "measures": [3],
        "comment": "不够详细",
        "source": "widget",
    }
    assert client.post("/api/feedback", json=item).json()["status"] == "saved"
    assert client.post("/api/feedback", json=item | {"rating": 5}).status_code == 422
    store = FeedbackStore(tmp_path / "feedback.sqlite3")
    out = io.StringIO()
    assert export(store, "csv", out) == 1
    row = next(csv.DictReader(io.StringIO(out.getvalue())))
    assert row["rating"] == "-1" and row["comment"] == "不够详细" and row["source"] == "widget"


def test_provision_pages_and_widget_and_docs(client: TestClient) -> None:
    page = client.get("/doc/miit-2021-169/22")
    assert page.status_code == 200 and "推动跨境电商发展" in page.text and "现行有效" in page.text
    old = client.get("/doc/sme-payment-regulation-2020/8")
    assert old.status_code == 200 and "已被修订" in old.text
    assert client.get("/measure/22").status_code == 200  # old links redirect to the notice's page
    assert client.get("/doc/miit-2021-169/99").status_code == 404
    assert client.get("/doc/nothing/1").status_code == 404
    widget = client.get("/widget.js")
    assert widget.headers["content-type"].startswith("application/javascript")
    assert len(widget.content) < 30 * 1024
    docs = client.get("/docs").text
    assert "/api/ask" in docs and "/v1/chat/completions" in docs and "cdn" not in docs.lower()
    paths = client.get("/openapi.json").json()["paths"]
    assert {"/api/ask", "/api/measures", "/api/measures/{number}", "/api/documents/{doc_id}/provisions/{number}",
            "/healthz", "/v1/chat/completions"} <= set(paths)  # fmt: skip


def test_app_behind_a_tls_proxy_accepts_its_own_https_origin(client: TestClient) -> None:
    response = client.post(
        "/api/ask",
        json={"question": "第三条"},
        headers={"host": "policy.example.cn", "origin": "https://policy.example.cn"},
    )
    assert response.status_code == 200


def test_preflight_echoes_the_headers_an_allowed_client_sends(client: TestClient) -> None:
    allowed = client.options(
        "/v1/chat/completions",
        headers={"origin": "http://partner.example", "access-control-request-method": "POST",
                 "access-control-request-headers": "content-type, x-stainless-os"},
    )  # fmt: skip
    assert "x-stainless-os" in allowed.headers["access-control-allow-headers"]


def test_openai_models_and_long_messages(client: TestClient) -> None:
    assert client.get("/v1/models").json()["data"][0]["object"] == "model"
    long = client.post("/v1/chat/completions", json={"messages": [{"role": "user", "content": "啊" * 4100}]})
    assert long.status_code == 400 and "2000 字以内" in long.json()["error"]["message"]


def test_csv_export_defuses_formulas(client: TestClient, tmp_path: Path) -> None:
    item = {"rating": 1, "question": '=HYPERLINK("http://evil.example","点此")', "answer": "……"}
    client.post("/api/feedback", json=item)
    out = io.StringIO()
    export(FeedbackStore(tmp_path / "feedback.sqlite3"), "csv", out)
    assert "'=HYPERLINK" in out.getvalue()


def test_gradio_chat_says_when_to_ask_again_in_the_chat(fake_bot: PolicyBot, tmp_path: Path) -> None:
    from web.config import ServerConfig
    from web.server import create_app

    config = ServerConfig(feedback_db=tmp_path / "f.sqlite3", session_limit_per_min=5, address_limit_per_min=2)
    payload = {"data": ["第三条", [], [], []]}
    with TestClient(create_app(fake_bot, config, FeedbackStore(config.feedback_db))) as client:

        def ask() -> tuple[int, str]:  # as gradio_client calls the app
            started = client.post("/gradio_api/call/respond", json=payload)
            events = client.get(f"/gradio_api/call/respond/{started.json()['event_id']}").text
            last = events.strip().splitlines()[-1].removeprefix("data: ")
            return started.status_code, json.dumps(json.loads(last), ensure_ascii=False)

        replies = [ask() for _ in range(3)]
    assert [code for code, _ in replies] == [200, 200, 200]  # never an error pop-up…
    assert "太频繁" not in replies[1][1] and "太频繁" in replies[2][1]  # …the refusal is a chat message
    assert "第三条" in replies[2][1]  # the question stays in the input box, to send again after the wait
    client = TestClient(create_app(fake_bot, config, FeedbackStore(config.feedback_db)))
    huge = client.post(
        "/gradio_api/queue/join", content=b"x" * (2 * 1024 * 1024), headers={"content-type": "application/json"}
    )
    assert huge.status_code == 413
    other = client.post("/gradio_api/call/respond", json=payload, headers={"origin": "http://evil.example"})
    assert other.status_code == 403


def test_widget_sessions_share_an_address_fairly(fake_bot: PolicyBot, tmp_path: Path) -> None:
    client = make_client(fake_bot, tmp_path, rate_limit_per_min=1, session_limit_per_min=2)

    def ask(session: str = "") -> int:
        headers = {"x-chat-session": session} if session else {}
        return client.post("/api/ask", json={"question": "第三条"}, headers=headers).status_code

    assert [ask(), ask()] == [200, 429]  # a plain API client: its address's budget
    assert [ask("widget-aaaa1111"), ask("widget-aaaa1111"), ask("widget-aaaa1111")] == [200, 200, 429]
    assert ask("widget-bbbb2222") == 200  # another desk behind the same address is not starved
    refused = client.post("/api/ask", json={"question": "第三条"}, headers={"x-chat-session": "widget-aaaa1111"})
    assert "本对话" in refused.json()["detail"] and refused.headers["retry-after"]


# What an OpenAI client, gradio_client or a reloaded widget sends: plain text, no citations.
PLAIN_HISTORY = [
    {"role": "user", "content": "我们想做跨境电商，有什么扶持？"},
    {"role": "assistant", "content": "文件提出推动跨境电商发展，支持企业建设海外仓。"},
]


def test_ask_follows_up_on_plain_text_history(client: TestClient) -> None:
    body = client.post("/api/ask", json={"question": "这个归哪个部门管？", "history": PLAIN_HISTORY}).json()
    assert not body["out_of_scope"] and body["citations"][0]["number"] == 22 and "商务部" in body["answer"]
    which = client.post("/api/ask", json={"question": "这是第几条？", "history": PLAIN_HISTORY}).json()
    assert "第（二十二）项" in which["answer"]


def test_ask_takes_a_history_of_any_length_and_reads_its_last_turns(client: TestClient) -> None:
    long_answer = {"role": "assistant", "content": "很早以前的一个回答。" * 900}  # 9,000 characters
    older = [{"role": "user", "content": "政府采购怎么办？"}, {"role": "assistant", "content": "预留份额。"}] * 29
    history = [{"role": "user", "content": "你好"}, long_answer, *older, *PLAIN_HISTORY]  # 62 turns
    response = client.post("/api/ask", json={"question": "这个归哪个部门管？", "history": history})
    assert response.status_code == 200
    body = response.json()
    assert body["citations"][0]["number"] == 22 and "商务部" in body["answer"]


def test_openai_messages_follow_up_on_plain_text_history(client: TestClient) -> None:
    messages = [*PLAIN_HISTORY, {"role": "user", "content": "这个归哪个部门管？"}]
    reply = client.post("/v1/chat/completions", json={"messages": messages}).json()
    text = reply["choices"][0]["message"]["content"]
    assert "商务部" in text and "推动跨境电商发展" in text


def test_the_library_catalogue_and_its_filters(client: TestClient) -> None:
    everything = client.get("/api/documents").json()
    assert len(everything) == 14 and everything[0]["doc_id"] == "miit-2021-169"
    interim = next(d for d in everything if d["doc_id"] == "vat-interim-regulation-2017")
    assert interim["status"] == "已废止" and interim["successor"] == "vat-law-2024"
    assert interim["url"] == "/doc/vat-interim-regulation-2017"
    in_force = client.get("/api/documents", params={"status": "现行有效"}).json()
    assert in_force and all(d["status"] == "现行有效" for d in in_force) and len(in_force) < 14
    laws = client.get("/api/documents", params={"kind": "法律"}).json()
    assert {d["doc_id"] for d in laws} >= {"vat-law-2024", "sme-promotion-law-2017"}
    assert all("法律" in d["kind"] for d in laws)
    by_words = client.get("/api/documents", params={"q": "增值税"}).json()
    assert {d["doc_id"] for d in by_words} == {"vat-law-2024", "vat-interim-regulation-2017"}
    by_number = client.get("/api/documents", params={"q": "国办发〔2019〕6号"}).json()
    assert [d["doc_id"] for d in by_number] == ["guobanfa-2019-6"]
    by_alias = client.get("/api/documents", params={"agency": "央行"}).json()  # 人民银行 by its nickname
    assert "miit-2021-169" in {d["doc_id"] for d in by_alias} and len(by_alias) < 14
    assert all("人民银行" in d["agencies"] for d in by_alias)
    assert client.get("/api/documents", params={"q": "没有这样的文件"}).json() == []


def test_one_document_with_its_parts_and_provisions(client: TestClient) -> None:
    law = client.get("/api/documents/vat-law-2024").json()
    assert law["issuer"] == "全国人民代表大会常务委员会" and law["status"] == "现行有效"
    assert law["provision_count"] == len(law["provisions"]) == 38
    assert law["parts"][0]["first"] == 1 and law["provisions"][2]["url"] == "/doc/vat-law-2024/3"
    missing = client.get("/api/documents/nothing")
    assert missing.status_code == 404 and "没有文件" in missing.json()["detail"]


def links(url: str, page: str) -> set[str]:
    """The paths a page's links lead to, resolved as a browser does (against its <base>)."""
    base = urljoin(url, re.search(r'<base href="([^"]*)"', page).group(1))  # type: ignore[union-attr]
    return {urlsplit(urljoin(base, href)).path for href in re.findall(r'<a href="([^"]*)"', page)}


def test_document_pages_link_versions_and_mark_the_quote(client: TestClient) -> None:
    page = client.get("/doc/vat-interim-regulation-2017")
    assert page.status_code == 200 and "已废止" in page.text and '<html lang="zh-CN">' in page.text
    assert {"/doc/vat-law-2024", "/doc/vat-interim-regulation-2017/1", "/"} <= links(str(page.url), page.text)
    provision = client.get("/doc/vat-law-2024/3")
    assert {"/doc/vat-law-2024", "/"} <= links(str(provision.url), provision.text)
    text = client.get("/api/documents/vat-law-2024/provisions/1").json()["text"]
    first = text.split("。")[0] + "。"
    marked = client.get("/doc/vat-law-2024/1", params={"hl": first}).text
    assert f"<mark>{first}</mark>" in marked
    hostile = client.get("/doc/vat-law-2024/1", params={"hl": "<script>alert(1)</script>"}).text
    assert "<script>alert(1)" not in hostile
    assert client.get("/doc/nothing").status_code == 404


def test_match_lists_what_a_profile_meets_and_explains_bad_fields(client: TestClient) -> None:
    ok = client.post("/api/match", json={"kind": "企业", "employees": 30, "needs": ["税费"]})
    assert ok.status_code == 200 and set(ok.json()) >= {"as_of", "profile", "groups", "ask_for", "counts"}
    bad = client.post("/api/match", json={"kind": "公司", "employees": -1, "province": "火星"})
    assert bad.status_code == 400 and set(bad.json()["problems"]) == {"kind", "employees", "province"}
    assert client.post("/api/match", json=[1, 2]).status_code == 400  # not an object: said so, no crash
    broken = client.post("/api/match", content=b"{not json", headers={"content-type": "application/json"})
    assert broken.status_code == 422 and '"employees": 30' in broken.json()["detail"]  # a profile, as an example
    page = client.get("/match", params={"profile": '{"kind": "企业", "employees": 30}'})
    assert page.status_code == 200 and "政策匹配结果" in page.text and "window.print()" in page.text
    assert "企业情况：类型：企业；从业人数：30" in page.text  # the profile in the staff's words
    assert client.get("/match", params={"profile": "{not json"}).status_code == 400
