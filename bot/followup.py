"""Conversation history: normalise what the edges send, and find what a follow-up refers to.

History items are ``{"role": "user"|"assistant", "content": str}``; Gradio 6 sends content as
a list of ``{"type": "text", "text": ...}`` parts, which is accepted too.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from bot.question import MAX_QUESTION_CHARS, strip_controls
from bot.route import parse_number

MAX_TURNS_USED = 6
MAX_ANSWER_CHARS = 4000
# How compose.py cites a measure: 措施（六）“加强直接融资支持”. Example questions and counts in an
# earlier answer ("第十二条由谁负责？", "共 34 条") are not citations.
_CITED_LABEL = re.compile(r"措施\s*[（(]([一二三四五六七八九十]{1,4})[）)]\s*“")


@dataclass(frozen=True)
class Turn:
    role: str
    content: str


def _content_text(content: object) -> str:
    if isinstance(content, str):
        return content
    if isinstance(content, Iterable) and not isinstance(content, (bytes, Mapping)):
        parts = []
        for part in content:
            if isinstance(part, Mapping) and isinstance(part.get("text"), str):
                parts.append(part["text"])
            elif isinstance(part, str):
                parts.append(part)
        return " ".join(parts)
    if isinstance(content, Mapping) and isinstance(content.get("text"), str):
        return content["text"]
    return ""


def normalise_history(history: object) -> tuple[Turn, ...]:
    """The last turns as (role, text); malformed items are skipped, never fatal.

    >>> normalise_history([{"role": "user", "content": [{"type": "text", "text": "你好"}]}, 5])
    (Turn(role='user', content='你好'),)
    """
    if not isinstance(history, (list, tuple)):
        return ()
    turns = []
    for item in history:
        if not isinstance(item, Mapping) or item.get("role") not in ("user", "assistant"):
            continue
        limit = MAX_QUESTION_CHARS if item["role"] == "user" else MAX_ANSWER_CHARS
        text = strip_controls(_content_text(item.get("content")))[:limit]
        if text:
            turns.append(Turn(item["role"], text))
    return tuple(turns[-2 * MAX_TURNS_USED :])


def last(turns: tuple[Turn, ...], role: str) -> str:
    return next((t.content for t in reversed(turns) if t.role == role), "")


def cited_numbers(text: str) -> tuple[int, ...]:
    """Measure numbers an earlier answer cited by label, first mention first.

    >>> cited_numbers("根据措施（六）“加强直接融资支持”… 相关措施：措施（四）“加强信贷支持”；可问“第十二条”")
    (6, 4)
    """
    out: list[int] = []
    for m in _CITED_LABEL.finditer(text):
        try:
            n = parse_number(m.group(1))
        except ValueError:
            continue
        if n not in out:
            out.append(n)
    return tuple(out)
