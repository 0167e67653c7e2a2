from __future__ import annotations

import pytest

from bot.question import MAX_QUESTION_CHARS, QuestionError, check_question, clean_question


@pytest.mark.parametrize("raw", ["", "   ", "\n\t", "\x00\x01", "\u200b\u200b"])
def test_empty_question_gets_a_friendly_prompt(raw: str) -> None:
    with pytest.raises(QuestionError, match="请输入您的问题"):
        check_question(raw)


def test_too_long_question_says_the_limit() -> None:
    with pytest.raises(QuestionError, match=f"{MAX_QUESTION_CHARS} 字以内"):
        check_question("贷" * (MAX_QUESTION_CHARS + 1))
    assert check_question("贷" * MAX_QUESTION_CHARS)


@pytest.mark.parametrize("raw", [None, 42, b"bytes", ["list"]])
def test_non_text_is_refused(raw: object) -> None:
    with pytest.raises(QuestionError, match="文字"):
        check_question(raw)


@pytest.mark.parametrize(
    ("raw", "cleaned"),
    [
        ("綠色工廠怎麼申請？", "绿色工厂怎么申请?"),
        ("第\x07十二条\r\n是什么", "第十二条 是什么"),
        ("ＡＰＥＣ　合作", "APEC 合作"),  # full-width letters and space
        ("措施（十二）", "措施(十二)"),
    ],
)
def test_cleaning(raw: str, cleaned: str) -> None:
    assert clean_question(raw) == cleaned


def test_length_is_checked_after_unicode_folding() -> None:
    with pytest.raises(QuestionError, match="字以内"):
        clean_question("ﷺ" * 1999)  # NFKC turns each into 18 characters
