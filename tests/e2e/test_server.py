"""The running server over real HTTP: the Gradio chat function through gradio_client, the API,
and a feedback record written through the UI's API."""

from __future__ import annotations

import json
import urllib.request

import pytest

from tests.e2e.conftest import Server

pytestmark = pytest.mark.e2e


def test_gradio_chat_function_through_gradio_client(server: Server) -> None:
    from gradio_client import Client

    client = Client(server.url + "/", verbose=False)
    chat, formal, question_box = client.predict("竞争力若干措施第十二条是什么？", api_name="/respond")
    assistant = chat[-1]
    text = assistant["content"][0]["text"] if isinstance(assistant["content"], list) else assistant["content"]
    assert "加强工业互联网赋能" in text and 'class="card"' in text and "现行有效" in text
    assert "工信部企业〔2021〕169号" in formal and "（十二）" in formal
    assert question_box == ""


def test_api_over_http(server: Server) -> None:
    request = urllib.request.Request(
        server.url + "/api/ask",
        data=json.dumps({"question": "小微企业想申请信用贷款，有什么支持？"}).encode(),
        headers={"content-type": "application/json"},
    )
    with urllib.request.urlopen(request, timeout=30) as response:
        body = json.loads(response.read())
    assert (body["citations"][0]["doc_id"], body["citations"][0]["number"]) == ("miit-2021-169", 4)
    assert "人民银行" in body["answer"] and body["citations"][0]["status"] == "现行有效"


def test_gradio_follow_up_in_the_same_session(server: Server) -> None:
    from gradio_client import Client

    client = Client(server.url + "/", verbose=False)
    client.predict("我们公司只有几项专利，能拿去贷款吗？", api_name="/respond")
    chat, _, _ = client.predict("这个归哪个部门管？", api_name="/respond")
    assistant = chat[-1]
    text = assistant["content"][0]["text"] if isinstance(assistant["content"], list) else assistant["content"]
    assert "知识产权局" in text and "没有涉及" not in text
