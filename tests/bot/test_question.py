from __future__ import annotations

import pytest

from bot.question import (
    MAX_QUESTION_CHARS,
    QuestionError,
    check_question,
    clean_question,
    question_core,
    question_topic,
)


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
        ("这个条例啥时候施行的？咋办理？", "这个条例什么时候施行的?怎么办理?"),  # everyday words → written ones
        ("俺们为啥不能申请", "我们为什么不能申请"),
    ],
)
def test_cleaning(raw: str, cleaned: str) -> None:
    assert clean_question(raw) == cleaned


def test_length_is_checked_after_unicode_folding() -> None:
    with pytest.raises(QuestionError, match="字以内"):
        clean_question("ﷺ" * 1999)  # NFKC turns each into 18 characters


@pytest.mark.parametrize(
    ("question", "core", "topic"),
    [
        ("我们厂给大企业供货三个月了，货款一直拖着不付。利息怎么算？", "利息怎么算？", "利息怎么算？"),
        (
            "两种税率不一样，如果没有分开核算会怎么样？",
            "如果没有分开核算会怎么样？",
            "两种税率不一样，如果没有分开核算会怎么样？",
        ),
        (
            "政府采购给中小企业预留份额，法律要求占多少？",
            "法律要求占多少？",
            "政府采购给中小企业预留份额，法律要求占多少？",
        ),
        (
            "房产税可以减半，这个政策执行到哪年？我要具体日期。",
            "房产税可以减半，这个政策执行到哪年？",
            "房产税可以减半，这个政策执行到哪年？",
        ),
    ],
)
def test_the_part_of_a_question_that_asks(question: str, core: str, topic: str) -> None:
    assert question_core(question) == core
    assert question_topic(question) == topic


def test_a_number_read_out_digit_by_digit_is_asked_in_digits() -> None:
    assert clean_question("纳税热线幺二三六六能打吗？") == "纳税热线12366能打吗?"
    assert clean_question("二〇二四年的时候呢？") == "2024年的时候呢?"
    assert clean_question("补贴是三百万吗？") == "补贴是三百万吗?"  # a number with its units stays as written
