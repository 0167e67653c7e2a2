"""The HTTP API: ask, browse the library's provisions, give feedback, health — and an
OpenAI-compatible ``/v1/chat/completions`` so existing chat clients can connect.

Answers are the answer object (v2) of ../shared/eval/README.md. Errors carry a Chinese ``detail``.
"""

from __future__ import annotations

import json
import time
import uuid
from collections.abc import Iterator
from typing import Any, Literal

from fastapi import APIRouter, HTTPException, Query, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import JSONResponse, StreamingResponse
from pydantic import BaseModel, Field

from bot import catalog
from bot.compose import Shelf
from bot.engine import PolicyBot
from bot.followup import normalise_history
from bot.question import MAX_QUESTION_CHARS, QuestionError
from ingest.schema import Answer, Provision
from web.feedback import MAX_ANSWER_ID_CHARS, FeedbackError, FeedbackRecord, FeedbackStore
from web.render import chunks_of, document_url, provision_url

MODEL_NAME = "policy-qa-extractive"


class Turn(BaseModel):
    role: Literal["user", "assistant"]
    content: str = Field(max_length=8000)


class AskRequest(BaseModel):
    question: str = Field(description="用户的问题（2000 字以内）", max_length=MAX_QUESTION_CHARS * 10)
    history: list[Turn] = Field(default_factory=list, max_length=40, description="此前的对话")


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


class ChatRequest(BaseModel):
    model: str = MODEL_NAME
    messages: list[ChatMessage] = Field(min_length=1, max_length=60)
    stream: bool = False


def provision_out(p: Provision, shelf: Shelf) -> ProvisionOut:
    return ProvisionOut(
        doc_id=p.doc_id, doc_title=shelf.metas[p.doc_id].citation_title, number=p.number, label=p.label,
        title=p.title, section=p.section, agencies=list(p.agencies), text=p.text, responsibility=p.responsibility,
        status=shelf.status(p.doc_id).text, url=provision_url(p.doc_id, p.number),
    )  # fmt: skip


def document_out(item: catalog.Entry) -> DocumentOut:
    m = item.meta
    return DocumentOut(
        doc_id=m.doc_id, title=m.title, citation_title=m.citation_title, short_names=list(m.short_names),
        kind=m.kind, issuer=m.issuer, doc_number=m.doc_number, level=m.level, region=m.region,
        issued=m.issued and m.issued.isoformat(), effective=m.effective and m.effective.isoformat(),
        repealed=m.repealed and m.repealed.isoformat(), status=item.status.code, status_text=item.status.text,
        successor=item.status.successor or None, supersedes=list(m.supersedes), provision_count=item.provisions,
        agencies=list(item.agencies), url=document_url(m.doc_id),
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


def make_router(bot: PolicyBot, feedback: FeedbackStore) -> APIRouter:
    router = APIRouter()
    home = bot.home

    def ask(question: str, history: list[dict]) -> Answer:
        try:
            return bot.ask(question, history)
        except QuestionError as exc:
            raise HTTPException(status_code=400, detail=str(exc)) from None

    @router.post("/api/ask", response_model=AnswerOut, summary="回答一个问题（附引用）")
    async def api_ask(request: AskRequest) -> JSONResponse:
        history = [t.model_dump() for t in request.history]
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
        return [provision_out(p, now) for p in provisions]

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
        return [document_out(item) for item in found]

    @router.get("/api/documents/{doc_id}", response_model=DocumentDetailOut, summary="一份文件：信息、效力、章节与条目")
    def api_document(doc_id: str) -> DocumentDetailOut:
        document = bot.library.get(doc_id)
        if document is None:
            raise HTTPException(status_code=404, detail=f"政策库中没有文件 {doc_id[:60]}。")
        head = document_out(catalog.entry(shelf(), document))
        return DocumentDetailOut(
            **head.model_dump(),
            parts=[PartOut(heading=d.heading, first=d.first, last=d.last) for d in document.chapters()],
            provisions=[
                ProvisionHeadOut(number=p.number, label=p.label, title=p.title, url=provision_url(doc_id, p.number))
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
        return provision_out(provision, shelf())

    @router.post("/api/feedback", summary="对一条回答的 👍/👎 反馈（同一 answer_id 只保留最后一次）")
    def api_feedback(item: FeedbackIn) -> dict:
        try:
            saved = feedback.save(FeedbackRecord(**item.model_dump() | {"measures": tuple(item.measures)}))
        except FeedbackError as exc:
            raise HTTPException(status_code=400, detail=str(exc)) from None
        return {"id": saved.id, "status": saved.status}

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
        return {
            "object": "list",
            "data": [{"id": MODEL_NAME, "object": "model", "created": 0, "owned_by": "policy-qa"}],
        }

    @router.post("/v1/chat/completions", summary="OpenAI 兼容的对话接口（支持 stream）")
    def chat_completions(request: ChatRequest) -> Any:
        last = request.messages[-1]
        if last.role == "user" and len(str(last.content)) > MAX_QUESTION_CHARS * 2:
            raise HTTPException(status_code=400, detail=f"问题太长了。请把问题控制在 {MAX_QUESTION_CHARS} 字以内。")
        turns = normalise_history([m.model_dump() for m in request.messages])
        if not turns or turns[-1].role != "user":
            raise HTTPException(status_code=400, detail="messages 的最后一条需要是 user 的问题。")
        history = [{"role": t.role, "content": t.content} for t in turns[:-1]]
        answer = ask(turns[-1].content, history)
        text = text_with_citations(answer)
        completion_id = f"chatcmpl-{uuid.uuid4().hex[:24]}"
        created = int(time.time())
        extra = {
            "citations": [c.to_json() for c in answer.citations],
            "out_of_scope": answer.out_of_scope,
            "generator": answer.generator,
        }
        if not request.stream:
            return JSONResponse(
                {
                    "id": completion_id, "object": "chat.completion", "created": created, "model": MODEL_NAME,
                    "choices": [{"index": 0, "message": {"role": "assistant", "content": text}, "finish_reason": "stop"}],
                    "usage": {"prompt_tokens": 0, "completion_tokens": 0, "total_tokens": 0},
                } | extra
            )  # fmt: skip

        def events() -> Iterator[str]:
            def chunk(delta: dict, finish: str | None = None) -> str:
                body = {
                    "id": completion_id, "object": "chat.completion.chunk", "created": created, "model": MODEL_NAME,
                    "choices": [{"index": 0, "delta": delta, "finish_reason": finish}],
                }  # fmt: skip
                return f"data: {json.dumps(body, ensure_ascii=False)}\n\n"

            yield chunk({"role": "assistant", "content": ""})
            for piece in chunks_of(text):
                yield chunk({"content": piece})
            yield chunk({}, "stop")
            yield "data: [DONE]\n\n"

        return StreamingResponse(events(), media_type="text/event-stream")

    return router


async def request_error(request: Request, exc: Exception) -> JSONResponse:
    """Malformed JSON or fields: a Chinese message that says what to send."""
    return JSONResponse(
        status_code=422,
        content={
            "detail": '请求格式不正确：需要 JSON，例如 {"question": "小微企业贷款有什么支持？"}。',
            "errors": [
                {"loc": list(e.get("loc", [])), "msg": e.get("msg", "")} for e in getattr(exc, "errors", lambda: [])()
            ][:10],
        },
    )
