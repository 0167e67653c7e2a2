"""The HTTP API: ask, browse the library's provisions, give feedback, health — and an
OpenAI-compatible ``/v1/chat/completions`` so existing chat clients (the openai SDK, LangChain) can connect.

Answers are the answer object (v2) of ../shared/eval/README.md. Errors on ``/api/`` carry a Chinese
``detail``; on ``/v1/`` they come in OpenAI's shape ``{"error": {"message", "type", "code", "param"}}``
(web/errors.py), with 400 instead of 422 for a malformed request, as OpenAI answers.

A conversation is never refused for its length: of the earlier turns only those the bot reads are kept
(bot.followup.normalise_history: the last 12, each trimmed), on both endpoints. The question itself has one
limit everywhere, the bot's (bot.question.MAX_QUESTION_CHARS), with the bot's message; it is never cut.

Usage on ``/v1/`` is counted by one rule, ``count_tokens``: a run of ASCII letters and digits is one token,
every other visible character (a Chinese character, a punctuation mark) is one, spaces are none.
``prompt_tokens`` counts the question and the earlier turns the bot read; ``completion_tokens`` the reply
(its text with the citations); ``max_tokens``/``max_completion_tokens`` cut the reply by the same rule.
"""

from __future__ import annotations

import json
import re
import time
import uuid
from collections.abc import Iterator, Mapping, Sequence
from itertools import islice
from typing import Annotated, Any, Literal, NamedTuple

from fastapi import APIRouter, Body, HTTPException, Query, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.exception_handlers import http_exception_handler
from fastapi.responses import JSONResponse, Response, StreamingResponse
from pydantic import BaseModel, Field
from starlette.exceptions import HTTPException as StarletteHTTPException

from bot import catalog
from bot import match as matching
from bot.compose import Shelf
from bot.engine import PolicyBot
from bot.followup import normalise_history
from bot.question import MAX_QUESTION_CHARS, QuestionError
from ingest.schema import Answer, Provision
from web.errors import OPENAI_PREFIX, error_body
from web.feedback import MAX_ANSWER_ID_CHARS, FeedbackError, FeedbackRecord, FeedbackStore
from web.render import chunks_of, document_url, provision_url

MODEL_NAME = "policy-qa-extractive"
PROFILE_EXAMPLE = {
    "kind": "企业",
    "industry_class": "工业",
    "employees": 30,
    "taxable_income_wan": 20,
    "needs": ["税费"],
}
MODEL_CARD = {"id": MODEL_NAME, "object": "model", "created": 0, "owned_by": "policy-qa"}
OPENAI_EXAMPLE = (
    '{"model": "policy-qa-extractive", "messages": [{"role": "user", "content": "小微企业贷款有什么支持？"}]}'
)
_TOKEN = re.compile(r"[A-Za-z0-9]+|\S")


class ApiError(HTTPException):
    """An HTTP error with a Chinese message; on /v1/ its body also names OpenAI's ``code`` and ``param``."""

    def __init__(self, status_code: int, message: str, *, code: str | None = None, param: str | None = None) -> None:
        super().__init__(status_code=status_code, detail=message)
        self.code = code
        self.param = param


def count_tokens(text: str) -> int:
    """This service's token count: a run of ASCII letters and digits is one token, every other visible
    character (a Chinese character, a punctuation mark) is one; spaces count nothing.

    >>> count_tokens("小微企业 VAT 2024年？")
    8
    """
    return sum(1 for _ in _TOKEN.finditer(text))


def cut_to_tokens(text: str, limit: int) -> str:
    """The text up to and including its ``limit``-th token (count_tokens' rule); the whole text when shorter.

    >>> cut_to_tokens("第十二条 is here", 5)
    '第十二条 is'
    """
    tokens = list(islice(_TOKEN.finditer(text), limit + 1))
    return text if len(tokens) <= limit else text[: tokens[limit - 1].end()]


def message_text(content: object) -> str:
    """An OpenAI message's text: the string itself, or its text parts joined (images and other parts skipped).

    >>> message_text([{"type": "text", "text": "第三条"}, {"type": "image_url", "image_url": {}}, {"type": "text", "text": "是什么"}])
    '第三条 是什么'
    """
    if isinstance(content, str):
        return content
    if isinstance(content, list):
        return " ".join(p["text"] for p in content if isinstance(p, Mapping) and isinstance(p.get("text"), str))
    return ""


def used_history(turns: Sequence[Mapping[str, Any]]) -> list[dict]:
    """Of the earlier turns, those the bot reads (normalise_history: the last 12, each trimmed), as plain dicts.

    >>> used_history([{"role": "user", "content": "第三条"}, {"role": "system", "content": "x"}])
    [{'role': 'user', 'content': '第三条'}]
    """
    return [{"role": t.role, "content": t.content} for t in normalise_history(list(turns))]


class Turn(BaseModel):
    role: Literal["user", "assistant"]
    content: str = Field(description="任意长度：只有机器人会读的部分被保留（最近 12 条，较早的长回答被截短）")


class AskRequest(BaseModel):
    question: str = Field(description=f"用户的问题（{MAX_QUESTION_CHARS} 字以内）")
    history: list[Turn] = Field(default_factory=list, description="此前的对话（条数不限，较早的被舍去）")


class CitationOut(BaseModel):
    doc_id: str
    number: int = Field(description="the provision's number in its document (0: the document as a whole)")
    measure: int = Field(description="the same as number (kept for clients of the original notice)")
    label: str
    doc_title: str
    title: str
    section: str
    agencies: list[str]
    quote: str
    status: str = Field(description="the document's status on the day asked: 现行有效, 已废止（…）, 已被修订（…）")


class AnswerOut(BaseModel):
    answer: str
    citations: list[CitationOut]
    out_of_scope: bool
    as_of: str | None = Field(None, description="the day whose law the answer states (YYYY-MM-DD)")
    generator: Literal["extractive", "llm"] = Field(description="llm: a verified model answer; extractive otherwise")


class ProvisionOut(BaseModel):
    doc_id: str
    doc_title: str
    number: int
    label: str
    title: str
    section: str
    agencies: list[str]
    text: str
    responsibility: str
    status: str
    url: str


class DocumentOut(BaseModel):
    doc_id: str
    title: str
    citation_title: str = Field(description="《title》, with the edition or 文号 when needed to tell versions apart")
    short_names: list[str]
    kind: str = Field(description="法律, 行政法规, 国务院文件, 部门文件, 地方性法规…")
    issuer: str
    doc_number: str = Field(description="文号")
    level: str = Field(description="国家 or 地方")
    region: str
    issued: str | None
    effective: str | None
    repealed: str | None
    status: str = Field(description="the status code on the day asked: 现行有效, 已废止, 已被修订, 尚未施行")
    status_text: str = Field(description="the status for people, with since when and by what")
    successor: str | None = Field(description="doc_id of the document in force instead")
    supersedes: list[str]
    provision_count: int
    agencies: list[str] = Field(description="the bodies its provisions name, most named first")
    url: str


class PartOut(BaseModel):
    heading: str
    first: int
    last: int


class ProvisionHeadOut(BaseModel):
    number: int
    label: str
    title: str
    url: str


class DocumentDetailOut(DocumentOut):
    parts: list[PartOut]
    provisions: list[ProvisionHeadOut]


class FeedbackIn(BaseModel):
    rating: Literal[1, -1, 0] = Field(description="1 = 👍, -1 = 👎, 0 = 撤销此前对 answer_id 的评价")
    question: str = Field(default="", max_length=4000, description="被评价的问题（👍/👎 时必填）")
    answer: str = Field(default="", max_length=8000, description="被评价的回答（👍/👎 时必填）")
    measures: list[int | str] = Field(
        default_factory=list, max_length=50, description="cited provisions: doc_id#number"
    )
    comment: str = Field(default="", max_length=1000)
    source: Literal["app", "widget", "api"] = "api"
    answer_id: str = Field(
        default="",
        max_length=MAX_ANSWER_ID_CHARS,
        pattern=r"^([A-Za-z0-9_.:-]{8,})?$",
        description="被评价回答的编号（客户端生成，如 UUID；或 /v1/chat/completions 返回的 id）："
        "同一编号只保留最后一次评价，再评即更新，rating 0 撤销；不填则每次各记一条",
    )


class ChatMessage(BaseModel):
    role: str
    content: Any = ""


class StreamOptions(BaseModel):
    include_usage: bool | None = None


class ChatRequest(BaseModel):
    """OpenAI's chat request. Other standard fields (temperature, top_p, user, seed, stop, tools…) are accepted
    and ignored: the bot composes (and verifies) its answer by its own settings."""

    model: str = MODEL_NAME
    messages: list[ChatMessage] = Field(min_length=1, description="任意条数：只读最后一条问题和此前最近 12 条")
    stream: bool | None = False
    stream_options: StreamOptions | None = None
    n: int | None = Field(None, description="只支持 1")
    max_tokens: int | None = Field(None, ge=1, description="回答的上限（按 count_tokens 的规则计）")
    max_completion_tokens: int | None = Field(None, ge=1, description="同 max_tokens")

    def token_limit(self) -> int | None:
        limits = [x for x in (self.max_tokens, self.max_completion_tokens) if x is not None]
        return min(limits) if limits else None


class Usage(NamedTuple):
    prompt_tokens: int
    completion_tokens: int

    def to_json(self) -> dict:
        total = self.prompt_tokens + self.completion_tokens
        return {"prompt_tokens": self.prompt_tokens, "completion_tokens": self.completion_tokens, "total_tokens": total}


def provision_out(p: Provision, shelf: Shelf, root: str) -> ProvisionOut:
    return ProvisionOut(
        doc_id=p.doc_id, doc_title=shelf.metas[p.doc_id].citation_title, number=p.number, label=p.label,
        title=p.title, section=p.section, agencies=list(p.agencies), text=p.text, responsibility=p.responsibility,
        status=shelf.status(p.doc_id).text, url=root + provision_url(p.doc_id, p.number),
    )  # fmt: skip


def document_out(item: catalog.Entry, root: str) -> DocumentOut:
    m = item.meta
    return DocumentOut(
        doc_id=m.doc_id, title=m.title, citation_title=m.citation_title, short_names=list(m.short_names),
        kind=m.kind, issuer=m.issuer, doc_number=m.doc_number, level=m.level, region=m.region,
        issued=m.issued and m.issued.isoformat(), effective=m.effective and m.effective.isoformat(),
        repealed=m.repealed and m.repealed.isoformat(), status=item.status.code, status_text=item.status.text,
        successor=item.status.successor or None, supersedes=list(m.supersedes), provision_count=item.provisions,
        agencies=list(item.agencies), url=root + document_url(m.doc_id),
    )  # fmt: skip


def text_with_citations(answer: Answer) -> str:
    """The answer text with its citations appended, for chat clients that show text only."""
    if not answer.citations:
        return answer.text
    lines = [answer.text, "", "引用："]
    for i, c in enumerate(answer.citations, start=1):
        where = f"{c.label}{'“' + c.title + '”' if c.title else ''}" if c.number else ""
        who = f"；负责：{'、'.join(c.agencies)}" if c.agencies else ""
        lines.append(f"[{i}] {c.doc_title}{where}（{c.status}{who}）")
    return "\n".join(lines)


def make_router(bot: PolicyBot, feedback: FeedbackStore, root: str = "/") -> APIRouter:
    """The API; ``root`` is where the app is reached (``/``, or ``/zhengce/`` under a sub-path): its URLs start there."""
    router = APIRouter()
    home = bot.home

    def ask(question: str, history: list[dict], param: str = "question") -> Answer:
        try:
            return bot.ask(question, history)
        except QuestionError as exc:
            raise ApiError(400, str(exc), code="invalid_question", param=param) from None

    @router.post("/api/ask", response_model=AnswerOut, summary="回答一个问题（附引用）")
    async def api_ask(request: AskRequest) -> JSONResponse:
        history = used_history([t.model_dump() for t in request.history])
        if bot.generator is None:
            # Extractive answering is CPU-bound and takes milliseconds: run it on the event loop
            # rather than hopping to a worker thread, which on two cores only adds GIL contention.
            answer = ask(request.question, history)
        else:  # a model call waits on the network for seconds: keep the event loop free
            answer = await run_in_threadpool(ask, request.question, history)
        return JSONResponse(answer.to_json() | {"generator": answer.generator})

    def shelf() -> Shelf:
        return Shelf(bot.library, bot.today())

    @router.get("/api/measures", response_model=list[ProvisionOut], summary="首页文件的全部条目，可按部门、部分筛选")
    def api_measures(
        agency: str | None = Query(None, description="部门名称或简称（部门文件 agencies.toml 中的任一写法）"),
        section: int | None = Query(None, ge=1, description="部分（章）编号"),
    ) -> list[ProvisionOut]:
        provisions = list(home.provisions)
        if agency:
            name = bot.agencies.canonical(agency)
            if name is None:
                raise HTTPException(status_code=404, detail=f"文件中没有“{agency[:30]}”这个负责部门。")
            family = bot.agencies.family(name)
            provisions = [p for p in provisions if family & set(p.agencies)]
        if section is not None:
            parts = home.chapters()
            if section > len(parts):
                raise HTTPException(status_code=404, detail=f"文件共有 {len(parts)} 个部分。")
            part = parts[section - 1]
            provisions = [p for p in provisions if part.first <= p.number <= part.last]
        now = shelf()
        return [provision_out(p, now, root) for p in provisions]

    @router.get("/api/measures/{number}", response_model=ProvisionOut, summary="首页文件一个条目的全文")
    def api_measure(number: int) -> ProvisionOut:
        return api_provision(home.meta.doc_id, number)

    @router.get(
        "/api/documents",
        response_model=list[DocumentOut],
        summary="政策库中的文件，可按状态、类别、发布机关、部门、标题筛选",
    )
    def api_documents(
        status: str | None = Query(None, description="现行有效、已废止、已被修订、尚未施行"),
        kind: str | None = Query(None, description="类别（包含即可）：法律、行政法规、国务院文件…"),
        issuer: str | None = Query(None, description="发布机关（包含即可）"),
        agency: str | None = Query(None, description="条文所涉部门的名称或简称"),
        q: str | None = Query(None, max_length=100, description="标题、简称或文号中的词（空格分隔，须全部出现）"),
    ) -> list[DocumentOut]:
        found = catalog.catalogue(
            shelf(), bot.agencies, status=status, kind=kind, issuer=issuer, agency=agency, words=q
        )
        return [document_out(item, root) for item in found]

    @router.get("/api/documents/{doc_id}", response_model=DocumentDetailOut, summary="一份文件：信息、效力、章节与条目")
    def api_document(doc_id: str) -> DocumentDetailOut:
        document = bot.library.get(doc_id)
        if document is None:
            raise HTTPException(status_code=404, detail=f"政策库中没有文件 {doc_id[:60]}。")
        head = document_out(catalog.entry(shelf(), document), root)
        return DocumentDetailOut(
            **head.model_dump(),
            parts=[PartOut(heading=d.heading, first=d.first, last=d.last) for d in document.chapters()],
            provisions=[
                ProvisionHeadOut(
                    number=p.number, label=p.label, title=p.title, url=root + provision_url(doc_id, p.number)
                )
                for p in document.provisions
            ],
        )

    @router.get(
        "/api/documents/{doc_id}/provisions/{number}", response_model=ProvisionOut, summary="库中一条规定的全文"
    )
    def api_provision(doc_id: str, number: int) -> ProvisionOut:
        document = bot.library.get(doc_id)
        if document is None:
            raise HTTPException(status_code=404, detail=f"政策库中没有文件 {doc_id[:60]}。")
        provision = document.provision(number)
        if provision is None:
            unit = document.label_kind()
            raise HTTPException(
                status_code=404, detail=f"该文件共有 {len(document.provisions)} {unit}，没有第 {number} {unit}。"
            )
        return provision_out(provision, shelf(), root)

    @router.post("/api/feedback", summary="对一条回答的 👍/👎 反馈（同一 answer_id 只保留最后一次）")
    def api_feedback(item: FeedbackIn) -> dict:
        try:
            saved = feedback.save(FeedbackRecord(**item.model_dump() | {"measures": tuple(item.measures)}))
        except FeedbackError as exc:
            raise HTTPException(status_code=400, detail=str(exc)) from None
        return {"id": saved.id, "status": saved.status}

    @router.post("/api/match", summary="政策找企业：按企业情况列出适用的条款（条件逐条核对，注明出处）")
    def api_match(profile: Annotated[Any, Body(examples=[PROFILE_EXAMPLE])]) -> JSONResponse:
        try:
            result = bot.match(matching.profile_from_json(profile, matching.provinces()))
        except matching.ProfileError as exc:
            return JSONResponse({"detail": f"企业情况有误：{exc}", "problems": exc.problems}, status_code=400)
        shelf = Shelf(bot.library, result.day)
        return JSONResponse(matching.to_json(result, shelf, lambda d, n: root + provision_url(d, n)))

    @router.get("/api/widget", summary="嵌入挂件的自检：本网站可以使用问答助手（未获授权的网站得到 403）")
    def api_widget() -> dict:
        return {"status": "ok", "documents": len(bot.library.documents)}

    @router.get("/healthz", summary="服务状态")
    def healthz() -> dict:
        manifest = bot.searcher.index.manifest
        return {
            "status": "ok",
            "documents": len(bot.library.documents),
            "provisions": len(bot.library.provisions),
            "left_out": list(bot.library.problems),
            "embedder": manifest.get("embedder"),
            "index_built_at": manifest.get("built_at"),
            # why the last change of the library folder is not served yet ("" when it is)
            "library_error": getattr(bot, "last_error", ""),
        }

    @router.get("/v1/models", summary="OpenAI 兼容：可用的模型")
    def models() -> dict:
        return {"object": "list", "data": [MODEL_CARD]}

    @router.get("/v1/models/{model_id:path}", summary="OpenAI 兼容：一个模型")
    def model(model_id: str) -> dict:
        if model_id != MODEL_NAME:
            message = f"没有模型 {model_id[:60]}。可用的模型：{MODEL_NAME}（GET /v1/models 列出全部）。"
            raise ApiError(404, message, code="model_not_found", param="model")
        return MODEL_CARD

    @router.post("/v1/chat/completions", summary="OpenAI 兼容的对话接口（支持 stream）")
    def chat_completions(request: ChatRequest) -> Any:
        if request.n is not None and request.n != 1:
            raise ApiError(400, f"n 只能为 1：本服务对一个问题只给出一个回答（收到 n={request.n}）。", param="n")
        said = [m for m in request.messages if m.role in ("user", "assistant")]  # system, tool… are not read
        if not said or said[-1].role != "user":
            raise ApiError(400, "messages 的最后一条需要是 user 的问题。", param="messages")
        question = message_text(said[-1].content)
        history = used_history([m.model_dump() for m in said[:-1]])
        answer = ask(question, history, param="messages")
        text, finish = text_with_citations(answer), "stop"
        limit = request.token_limit()
        if limit is not None and count_tokens(text) > limit:
            text, finish = cut_to_tokens(text, limit), "length"
        read = count_tokens(question) + sum(count_tokens(t["content"]) for t in history)
        usage = Usage(prompt_tokens=read, completion_tokens=count_tokens(text)).to_json()
        completion_id = f"chatcmpl-{uuid.uuid4().hex[:24]}"
        created = int(time.time())
        # The model that wrote the reply: a verified model answer names the model, an extractive one ours.
        model = bot.generator.config.model if answer.generator == "llm" and bot.generator else MODEL_NAME
        head = {"id": completion_id, "created": created, "model": model}
        extra = {
            "citations": [c.to_json() for c in answer.citations],
            "out_of_scope": answer.out_of_scope,
            "generator": answer.generator,
        }
        if not request.stream:
            choice = {"index": 0, "message": {"role": "assistant", "content": text}, "finish_reason": finish}
            return JSONResponse({"object": "chat.completion", **head, "choices": [choice], "usage": usage} | extra)
        with_usage = bool(request.stream_options and request.stream_options.include_usage)
        # With include_usage, OpenAI sends "usage": null on every chunk, then the numbers on a last one.
        no_usage_yet = {"usage": None} if with_usage else {}

        def events() -> Iterator[str]:
            def event(choices: list[dict], more: dict) -> str:
                body = {"object": "chat.completion.chunk", **head, "choices": choices, **more}
                return f"data: {json.dumps(body, ensure_ascii=False)}\n\n"

            def chunk(delta: dict, finish: str | None = None) -> str:
                return event([{"index": 0, "delta": delta, "finish_reason": finish}], no_usage_yet)

            yield chunk({"role": "assistant", "content": ""})
            for piece in chunks_of(text):
                yield chunk({"content": piece})
            yield chunk({}, finish)
            if with_usage:
                yield event([], {"usage": usage})
            yield "data: [DONE]\n\n"

        return StreamingResponse(events(), media_type="text/event-stream")

    return router


class Problem(NamedTuple):
    message: str
    param: str | None


# Pydantic's error types → what to send instead, for OpenAI clients.
_REASONS = {
    "missing": "缺少这个字段",
    "too_short": "不能为空",
    "greater_than_equal": "需要不小于 {ge} 的整数",
    "int_type": "需要是整数",
    "int_parsing": "需要是整数",
    "int_from_float": "需要是整数",
    "bool_type": "需要是 true、false 或 null",
    "bool_parsing": "需要是 true、false 或 null",
    "string_type": "需要是字符串",
    "list_type": "需要是数组",
    "model_type": "需要是 JSON 对象",
    "model_attributes_type": "需要是 JSON 对象",
    "dict_type": "需要是 JSON 对象",
}


def validation_problem(errors: Sequence[Mapping[str, Any]]) -> Problem:
    """The first of pydantic's errors as a Chinese message naming the field, and the field (OpenAI's ``param``).

    >>> validation_problem([{"type": "greater_than_equal", "loc": ("body", "max_tokens"), "msg": "…", "ctx": {"ge": 1}}])
    Problem(message='请求参数 max_tokens 不正确：需要不小于 1 的整数。', param='max_tokens')
    >>> validation_problem([{"type": "missing", "loc": ("body", "messages", 0, "role"), "msg": "Field required"}]).param
    'messages[0].role'
    """
    if not errors:
        return Problem("请求格式不正确。", None)
    error = errors[0]
    if error.get("type") == "json_invalid":
        return Problem("请求体不是有效的 JSON。", None)
    param = ""
    for part in list(error.get("loc", ()))[1:]:  # loc starts with "body" (or "query", "path")
        param += f"[{part}]" if isinstance(part, int) else f".{part}" if param else str(part)
    reason = _REASONS.get(str(error.get("type")), f"值不正确（{error.get('msg', '')}）")
    reason = reason.format(**(error.get("ctx") or {})) if "{" in reason else reason
    return Problem(f"请求参数 {param or '（请求体）'} 不正确：{reason}。", param or None)


async def request_error(request: Request, exc: Exception) -> JSONResponse:
    """Malformed JSON or fields: a Chinese message that says what to send. On /v1/ 400 in OpenAI's shape,
    naming the field."""
    errors = getattr(exc, "errors", lambda: [])()
    if request.url.path.startswith(OPENAI_PREFIX):
        problem = validation_problem(errors)
        message = f"{problem.message}请求示例：{OPENAI_EXAMPLE}"
        return JSONResponse(status_code=400, content=error_body(request.url.path, 400, message, param=problem.param))
    example = (
        json.dumps(PROFILE_EXAMPLE, ensure_ascii=False)
        if request.url.path.endswith("/api/match")
        else '{"question": "小微企业贷款有什么支持？"}'
    )
    return JSONResponse(
        status_code=422,
        content={
            "detail": f"请求格式不正确：需要 JSON，例如 {example}。",
            "errors": [{"loc": list(e.get("loc", [])), "msg": e.get("msg", "")} for e in errors][:10],
        },
    )


async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
    """HTTP errors: FastAPI's ``{"detail": …}`` on /api/, OpenAI's shape on /v1/ (unknown paths in Chinese)."""
    path = request.url.path
    if not path.startswith(OPENAI_PREFIX):
        return await http_exception_handler(request, exc)
    if isinstance(exc, ApiError):
        body = error_body(path, exc.status_code, str(exc.detail), code=exc.code, param=exc.param)
    elif exc.status_code in (404, 405):  # routing: no such endpoint, or not with this method
        message = (
            f"没有这个接口：{request.method} {path[:100]}。"
            "可用的有 GET /v1/models、GET /v1/models/{id} 与 POST /v1/chat/completions。"
        )
        body = error_body(path, exc.status_code, message, code="unknown_url")
    else:
        body = error_body(path, exc.status_code, str(exc.detail))
    return JSONResponse(body, status_code=exc.status_code, headers=exc.headers)


async def server_error(request: Request, exc: Exception) -> JSONResponse:
    """An unexpected failure (the traceback is logged by the server): a Chinese message, not a bare 500."""
    message = "服务器内部错误，已记录。请稍后再试；如果一再出现，请联系服务中心。"
    return JSONResponse(error_body(request.url.path, 500, message), status_code=500)
