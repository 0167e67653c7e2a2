"""The question as the user typed it → clean, simplified text the retrievers can use.

>>> clean_question("  綠色工廠\\x00怎麼申請？ ")
'绿色工厂怎么申请?'
"""

from __future__ import annotations

import re
import threading
import unicodedata

MAX_QUESTION_CHARS = 2000

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b-\u200f\u2028-\u202e\u2060-\u206f\ufeff]")
_SPACES = re.compile(r"\s+")


class QuestionError(ValueError):
    """The question cannot be answered as typed; the message is shown to the user as is."""


_t2s = None
_t2s_lock = threading.Lock()


def to_simplified(text: str) -> str:
    """Traditional → simplified Chinese (OpenCC tables shipped in the wheel, offline)."""
    global _t2s
    with _t2s_lock:
        if _t2s is None:
            import opencc

            _t2s = opencc.OpenCC("t2s")
        converter = _t2s
    return converter.convert(text)


def strip_controls(text: str) -> str:
    """Drop control and invisible formatting characters; newlines and tabs become spaces."""
    return _SPACES.sub(" ", _CONTROL.sub("", text.replace("\n", " ").replace("\t", " "))).strip()


def check_question(raw: object) -> str:
    """The question with control characters stripped; QuestionError when empty or too long."""
    if not isinstance(raw, str):
        raise QuestionError("问题需要是文字。请用一句话描述您想了解的政策内容。")
    text = strip_controls(raw)
    if not text:
        raise QuestionError("请输入您的问题，例如：“小微企业贷款有什么支持政策？”或“第十二条是什么？”")
    if len(text) > MAX_QUESTION_CHARS:
        raise QuestionError(
            f"问题太长了（{len(text)} 字）。请把问题控制在 {MAX_QUESTION_CHARS} 字以内，或拆成几个小问题分别提问。"
        )
    return text


def clean_question(raw: object) -> str:
    """Checked, NFKC-folded (full-width → half-width), simplified-Chinese question text.

    The length is checked again after folding: NFKC can expand one character into many (ﷺ).
    """
    text = check_question(unicodedata.normalize("NFKC", check_question(raw)))
    return to_simplified(text)
