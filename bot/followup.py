"""Conversation history: normalise what the edges send (the engine finds what a follow-up refers to).

History items are ``{"role": "user"|"assistant", "content": str}``; Gradio 6 sends content as
a list of ``{"type": "text", "text": ...}`` parts, which is accepted too.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from bot.question import MAX_QUESTION_CHARS, strip_controls

MAX_TURNS_USED = 6
MAX_ANSWER_CHARS = 4000


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
