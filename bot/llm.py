"""Optional LLM answers through any OpenAI-compatible endpoint (LangChain's chat-model interface).

Off unless LLM_BASE_URL is set:
    LLM_BASE_URL   e.g. http://127.0.0.1:8000/v1 (vLLM, Ollama) or a provider's endpoint
    LLM_MODEL      model name (default "default")
    LLM_API_KEY    sent as a bearer token (default "none")
    LLM_TIMEOUT_S  seconds before the extractive answer is served instead (default 12: a 1.5B model on two CPU
                   cores answers in 6.3 s median, 10.6 s at p90 — README, "Optional LLM answers")

The model only rephrases the provisions it is given; ``bot.verify`` checks every sentence.
"""

from __future__ import annotations

import concurrent.futures
import logging
import math
import os
import threading
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from bot.followup import Turn
from ingest.schema import Provision
from prompts import render

if TYPE_CHECKING:
    from bot.compose import Shelf

log = logging.getLogger(__name__)


class LLMError(RuntimeError):
    """The model gave no usable reply; ``reason``: timeout, connection, http_error, bad_response, empty."""

    def __init__(self, reason: str, detail: str = "") -> None:
        super().__init__(f"{reason}: {detail}" if detail else reason)
        self.reason = reason


@dataclass(frozen=True)
class LLMConfig:
    base_url: str
    model: str = "default"
    api_key: str = "none"
    timeout_s: float = 12.0

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None) -> LLMConfig | None:
        env = os.environ if env is None else env
        base_url = env.get("LLM_BASE_URL", "").strip()
        if not base_url:
            return None
        raw = env.get("LLM_TIMEOUT_S", "") or "12"
        try:
            timeout = float(raw)
        except ValueError:
            timeout = math.nan
        if not math.isfinite(timeout) or not 0 < timeout <= 300:
            raise ValueError(f"LLM_TIMEOUT_S={raw!r}: give the seconds to wait for the model, e.g. 12 (0 < s ≤ 300)")
        return cls(
            base_url=base_url,
            model=env.get("LLM_MODEL", "").strip() or "default",
            api_key=env.get("LLM_API_KEY", "").strip() or "none",
            timeout_s=timeout,
        )


def context_block(shelf: Shelf, provisions: Sequence[Provision]) -> str:
    """[1] 《…》第九条（第二章…；现行有效；涉及部门：…）\\n原文… — the numbered context the model may cite."""
    blocks = []
    for i, p in enumerate(provisions, start=1):
        facts = "；".join(
            x
            for x in (
                p.section,
                shelf.status(p.doc_id).text,
                "负责部门：" + "、".join(p.agencies) if p.agencies else "",
            )
            if x
        )
        title = f"“{p.title}”" if p.title else ""
        blocks.append(f"[{i}] {shelf.ref(p)}{title}（{facts}）\n{p.text}")
    return "\n\n".join(blocks)


def build_messages(shelf: Shelf, question: str, history: Sequence[Turn], context: Sequence[Provision]) -> list:
    from langchain_core.messages import HumanMessage, SystemMessage

    past = "\n".join(f"{'用户' if t.role == 'user' else '助手'}：{t.content[:500]}" for t in history[-6:]) or "（无）"
    user = render(
        "answer",
        context=context_block(shelf, context),
        history=past,
        question=question,
    )
    return [SystemMessage(render("system")), HumanMessage(user)]


class LLMGenerator:
    """A chat model behind an OpenAI-compatible endpoint; created on first use."""

    def __init__(self, config: LLMConfig) -> None:
        self.config = config
        self._model = None
        self._lock = threading.Lock()
        self._calls = concurrent.futures.ThreadPoolExecutor(max_workers=8, thread_name_prefix="llm")

    def _chat_model(self):
        with self._lock:
            if self._model is None:
                from langchain_openai import ChatOpenAI

                self._model = ChatOpenAI(
                    base_url=self.config.base_url,
                    model=self.config.model,
                    api_key=self.config.api_key,
                    timeout=self.config.timeout_s,
                    max_retries=0,  # a slow or failing endpoint falls back at once
                    temperature=0,
                )
            return self._model

    def generate(self, messages: list) -> str:
        """The model's reply text within LLM_TIMEOUT_S overall; LLMError with a reason otherwise."""
        import httpx
        import openai

        # The client's timeout applies per read; a server trickling bytes could hold a request far
        # longer. The deadline below bounds the whole call (an abandoned call ends on its own).
        call = self._calls.submit(self._chat_model().invoke, messages)
        try:
            reply = call.result(timeout=self.config.timeout_s)
        except concurrent.futures.TimeoutError:
            call.cancel()
            raise LLMError("timeout", f"no complete reply within {self.config.timeout_s:g} s") from None
        except (openai.APITimeoutError, httpx.TimeoutException) as exc:
            raise LLMError("timeout", str(exc)) from None
        except openai.APIConnectionError as exc:
            raise LLMError("connection", str(exc)) from None
        except openai.APIStatusError as exc:
            raise LLMError("http_error", f"status {exc.status_code}") from None
        except Exception as exc:  # a 200 with an unexpected body (HTML, no choices, an error object…)
            raise LLMError("bad_response", f"{type(exc).__name__}: {exc}") from None
        text = reply.content if isinstance(reply.content, str) else str(reply.content)
        if not text.strip():
            raise LLMError("empty")
        return text
