"""The OpenAI endpoint as clients see it: the real openai SDK and LangChain's ChatOpenAI against the app
served by a real uvicorn server on a loopback port (made-up embedder, real library)."""

from __future__ import annotations

import json
import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import openai
import pytest
import uvicorn
from langchain_openai import ChatOpenAI

from bot.engine import PolicyBot
from web.api import MODEL_NAME, count_tokens
from web.config import ServerConfig
from web.feedback import FeedbackStore
from web.server import create_app

QUESTION = "竞争力若干措施第二十二条是什么"
TOO_LONG = "贷" * 2001
# The plain-text turns an OpenAI client sends back (no citations), after which "这个" means measure 22.
PLAIN_HISTORY = [
    {"role": "user", "content": "我们想做跨境电商，有什么扶持？"},
    {"role": "assistant", "content": "文件提出推动跨境电商发展，支持企业建设海外仓。"},
]


@contextmanager
def serve(bot: PolicyBot, folder: Path, **settings: object) -> Iterator[str]:
    """The app (without the Gradio UI) served by uvicorn in a thread; yields the OpenAI base URL."""
    config = ServerConfig(feedback_db=folder / "feedback.sqlite3", **settings)  # type: ignore[arg-type]
    app = create_app(bot, config, FeedbackStore(config.feedback_db), with_ui=False)
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    server = uvicorn.Server(uvicorn.Config(app, log_level="warning", lifespan="off"))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        assert thread.is_alive() and time.monotonic() < deadline, "uvicorn did not start"
        time.sleep(0.02)
    try:
        yield f"http://127.0.0.1:{sock.getsockname()[1]}/v1"
    finally:
        server.should_exit = True
        thread.join(10)
        sock.close()


@pytest.fixture(scope="module")
def base_url(fake_bot: PolicyBot, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    with serve(fake_bot, tmp_path_factory.mktemp("openai"), rate_limit_per_min=10_000) as url:
        yield url


@pytest.fixture
def sdk(base_url: str) -> Iterator[openai.OpenAI]:
    with openai.OpenAI(base_url=base_url, api_key="none", max_retries=0, timeout=30) as client:
        yield client


def ask(sdk: openai.OpenAI, content: str, **options: object) -> openai.types.chat.ChatCompletion:
    return sdk.chat.completions.create(model=MODEL_NAME, messages=[{"role": "user", "content": content}], **options)


def test_plain_completion_counts_usage_and_tolerates_sampling_fields(sdk: openai.OpenAI) -> None:
    reply = ask(sdk, QUESTION, temperature=0.3, top_p=0.9, user="desk-7", seed=1, presence_penalty=0, stop=["。。"])
    text = reply.choices[0].message.content or ""
    assert "推动跨境电商发展" in text and "引用：" in text and reply.choices[0].finish_reason == "stop"
    usage = reply.usage
    assert usage is not None
    assert (usage.prompt_tokens, usage.completion_tokens) == (count_tokens(QUESTION), count_tokens(text))
    assert usage.completion_tokens > 20 and usage.total_tokens == usage.prompt_tokens + usage.completion_tokens


def test_streaming_with_include_usage_ends_with_a_usage_chunk(sdk: openai.OpenAI) -> None:
    whole = ask(sdk, QUESTION).choices[0].message.content
    chunks = list(ask(sdk, QUESTION, stream=True, stream_options={"include_usage": True}))
    streamed = "".join(c.choices[0].delta.content or "" for c in chunks if c.choices)
    assert streamed == whole
    assert chunks[-2].choices[0].finish_reason == "stop" and all(c.usage is None for c in chunks[:-1])
    last = chunks[-1]
    assert last.choices == [] and last.usage is not None
    assert last.usage.prompt_tokens == count_tokens(QUESTION)
    assert last.usage.completion_tokens == count_tokens(whole or "")
    without = list(ask(sdk, QUESTION, stream=True))
    assert without[-1].choices and without[-1].usage is None  # no usage chunk unless asked for


def test_a_too_long_question_is_refused_with_the_bots_chinese_message(sdk: openai.OpenAI, base_url: str) -> None:
    with pytest.raises(openai.BadRequestError) as refused:
        ask(sdk, TOO_LONG)
    error = refused.value
    assert "问题太长了（2001 字）" in str(error) and "2000 字以内" in error.message
    assert (error.type, error.code, error.param) == ("invalid_request_error", "invalid_question", "messages")
    with pytest.raises(openai.BadRequestError, match="2000 字以内"):
        list(ask(sdk, TOO_LONG, stream=True))
    # The same limit and the same words on /api/ask; the longest allowed question is answered, not cut.
    api = sdk.post(base_url.removesuffix("/v1") + "/api/ask", cast_to=object, body={"question": "贷" * 2000})
    assert isinstance(api, dict) and "answer" in api
    with pytest.raises(openai.BadRequestError) as on_api:
        sdk.post(base_url.removesuffix("/v1") + "/api/ask", cast_to=object, body={"question": TOO_LONG})
    assert on_api.value.body == {"detail": error.body["message"]}  # type: ignore[index]


def test_n_above_one_is_refused_naming_n(sdk: openai.OpenAI) -> None:
    with pytest.raises(openai.BadRequestError) as refused:
        ask(sdk, QUESTION, n=2)
    assert refused.value.param == "n" and "n 只能为 1" in str(refused.value)
    assert len(ask(sdk, QUESTION, n=1).choices) == 1


def test_models_list_and_retrieve(sdk: openai.OpenAI) -> None:
    assert [m.id for m in sdk.models.list()] == [MODEL_NAME]
    assert sdk.models.retrieve(MODEL_NAME).id == MODEL_NAME
    with pytest.raises(openai.NotFoundError) as missing:
        sdk.models.retrieve("gpt-4o")
    assert "没有模型 gpt-4o" in str(missing.value) and missing.value.code == "model_not_found"


def test_a_long_conversation_is_answered_from_the_turns_the_bot_reads(sdk: openai.OpenAI) -> None:
    long_ago = {"role": "assistant", "content": "很早以前的一个回答。" * 900}  # 9,000 characters, 60 turns back
    answer = "预留份额。" + "政府采购工程应当预留份额给中小企业。" * 150  # answers as long as real ones with citations
    filler = [{"role": "user", "content": "政府采购怎么办？"}, {"role": "assistant", "content": answer}] * 29
    recent = {"role": "assistant", "content": "最近一个很长的回答。" * 500}  # 5,000: the bot reads its first 4,000
    earlier = [{"role": "user", "content": "你好"}, long_ago, *filler, {"role": "user", "content": "再说说"}, recent]
    question = "这个归哪个部门管？"
    messages = [
        {"role": "system", "content": "你是政策助手。"},
        *earlier,
        *PLAIN_HISTORY,
        {"role": "user", "content": question},
    ]
    assert len(messages) == 66 and len(json.dumps(messages)) > 256 * 1024  # far over MAX_BODY_BYTES
    reply = sdk.chat.completions.create(model=MODEL_NAME, messages=messages)  # type: ignore[arg-type]
    assert "商务部" in (reply.choices[0].message.content or "")  # "这个" is the last turns' 跨境电商
    read = [*earlier, *PLAIN_HISTORY][-12:]  # the system message and older turns are not read, nor counted
    assert recent in read and long_ago not in read
    expected = count_tokens(question) + sum(count_tokens(t["content"]) for t in read if t is not recent) + 4000
    assert reply.usage is not None and reply.usage.prompt_tokens == expected


def test_stream_null_means_not_streaming(sdk: openai.OpenAI) -> None:
    reply = ask(sdk, QUESTION, extra_body={"stream": None, "stream_options": None, "max_tokens": None})
    assert reply.object == "chat.completion" and "推动跨境电商发展" in (reply.choices[0].message.content or "")


def test_max_tokens_cuts_the_reply_with_finish_reason_length(sdk: openai.OpenAI) -> None:
    whole = ask(sdk, QUESTION).choices[0].message.content or ""
    cut = ask(sdk, QUESTION, max_tokens=10)
    text = cut.choices[0].message.content or ""
    assert cut.choices[0].finish_reason == "length" and whole.startswith(text) and count_tokens(text) == 10
    assert cut.usage is not None and cut.usage.completion_tokens == 10
    chunks = list(ask(sdk, QUESTION, max_completion_tokens=7, stream=True))
    streamed = "".join(c.choices[0].delta.content or "" for c in chunks)
    assert whole.startswith(streamed) and count_tokens(streamed) == 7
    assert chunks[-1].choices[0].finish_reason == "length"
    roomy = ask(sdk, QUESTION, max_tokens=100_000)
    assert roomy.choices[0].finish_reason == "stop" and roomy.choices[0].message.content == whole
    with pytest.raises(openai.BadRequestError) as zero:
        ask(sdk, QUESTION, max_tokens=0)
    assert zero.value.param == "max_tokens" and "max_tokens" in zero.value.message


def test_malformed_requests_get_400_naming_the_field(sdk: openai.OpenAI) -> None:
    with pytest.raises(openai.BadRequestError) as no_role:
        sdk.chat.completions.create(model=MODEL_NAME, messages=[{"content": "第三条"}])  # type: ignore[list-item]
    assert no_role.value.param == "messages[0].role" and "messages[0].role" in no_role.value.message
    with pytest.raises(openai.BadRequestError) as empty:
        sdk.chat.completions.create(model=MODEL_NAME, messages=[])
    assert empty.value.param == "messages" and "请求示例" in empty.value.message
    with pytest.raises(openai.NotFoundError, match="没有这个接口"):
        sdk.embeddings.create(model=MODEL_NAME, input="第三条")


def test_langchain_chat_openai(base_url: str) -> None:
    chat = ChatOpenAI(base_url=base_url, api_key="none", model=MODEL_NAME, max_retries=0, stream_usage=True)
    reply = chat.invoke(QUESTION)
    assert "推动跨境电商发展" in str(reply.content)
    assert reply.usage_metadata is not None
    assert reply.usage_metadata["input_tokens"] == count_tokens(QUESTION)
    assert reply.usage_metadata["output_tokens"] == count_tokens(str(reply.content))
    chunks = list(chat.stream(QUESTION))
    assert "".join(str(c.content) for c in chunks) == reply.content
    streamed_usage = [c.usage_metadata for c in chunks if c.usage_metadata]
    assert streamed_usage and streamed_usage[-1]["output_tokens"] == reply.usage_metadata["output_tokens"]
    with pytest.raises(openai.BadRequestError) as refused:
        chat.invoke(TOO_LONG)
    assert "2000 字以内" in str(refused.value)
    short = ChatOpenAI(base_url=base_url, api_key="none", model=MODEL_NAME, max_retries=0, max_tokens=5)
    cut = short.invoke(QUESTION)
    assert cut.response_metadata["finish_reason"] == "length" and count_tokens(str(cut.content)) == 5


def test_guard_refusals_in_openai_shape(fake_bot: PolicyBot, tmp_path: Path) -> None:
    with serve(fake_bot, tmp_path, rate_limit_per_min=1) as url:
        with openai.OpenAI(base_url=url, api_key="none", max_retries=0) as client:
            ask(client, QUESTION)
            with pytest.raises(openai.RateLimitError) as limited:
                ask(client, QUESTION)
            assert "请求太频繁" in str(limited.value) and limited.value.code == "rate_limit_exceeded"
            assert limited.value.response.headers["retry-after"]
            with pytest.raises(openai.APIStatusError) as too_large:
                ask(client, "贷" * 400_000)
            assert too_large.value.status_code == 413 and "过大" in too_large.value.message
        with openai.OpenAI(
            base_url=url, api_key="none", max_retries=0, default_headers={"origin": "http://evil.example"}
        ) as other:
            with pytest.raises(openai.PermissionDeniedError) as refused:
                other.models.list()
            assert "未获授权" in str(refused.value) and refused.value.type == "permission_error"


def test_an_unexpected_failure_is_a_server_error_in_openai_shape(
    sdk: openai.OpenAI, fake_bot: PolicyBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(question: object, history: object = None) -> None:
        raise RuntimeError("index file vanished")

    monkeypatch.setattr(fake_bot, "ask", broken)
    with pytest.raises(openai.InternalServerError) as failed:
        ask(sdk, QUESTION)
    assert "服务器内部错误" in str(failed.value) and failed.value.type == "server_error"
    assert "vanished" not in str(failed.value.body)  # the traceback goes to the log, not to the client
