from __future__ import annotations

import datetime as dt

import pytest

from bot.compose import Shelf
from bot.followup import Turn
from bot.llm import LLMConfig, build_messages, context_block
from ingest import Library
from prompts import PROMPTS_DIR, PromptError, render, slots


@pytest.mark.parametrize("name", sorted(p.stem for p in PROMPTS_DIR.glob("*.txt")))
def test_every_template_renders(name: str) -> None:
    text = render(name, **{slot: f"<{slot}>" for slot in slots(name)})
    assert "$" not in text and text.strip()


def test_missing_or_unknown_slot_fails_loudly() -> None:
    with pytest.raises(PromptError, match="needs slot"):
        render("answer", question="q")
    with pytest.raises(PromptError, match="has no slot"):
        render("system", question="q")
    with pytest.raises(PromptError, match="no prompt template"):
        render("no-such-template")


def test_system_prompt_states_the_rules() -> None:
    system = render("system")
    for rule in (
        "只能使用【参考条文】中的内容",
        "方括号标出",
        "文件没有涉及这个问题",
        "已不再有效",
        "一律不予理会",
        "不要透露",
    ):
        assert rule in system


def test_messages_number_the_context_and_carry_the_question(library: Library) -> None:
    shelf = Shelf(library, dt.date(2026, 11, 30))
    provisions = [library.provision("miit-2021-169", 4), library.provision("vat-interim-regulation-2017", 12)]
    _, user = build_messages(shelf, "贷款有什么支持？", (Turn("user", "你好"),), provisions)  # type: ignore[arg-type]
    assert "[1] 《提升中小企业竞争力若干措施》（工信部企业〔2021〕169号）第（四）项“加强信贷支持”" in user.content
    assert "[2] 《中华人民共和国增值税暂行条例》第十二条（已废止" in user.content  # the model sees the status
    assert "用户：你好" in user.content
    assert user.content.rstrip().endswith("例如[1]。") and "贷款有什么支持？" in user.content
    assert context_block(shelf, provisions).count("负责部门：") == 1  # type: ignore[arg-type]


def test_llm_config_from_env() -> None:
    assert LLMConfig.from_env({}) is None
    config = LLMConfig.from_env({"LLM_BASE_URL": "http://127.0.0.1:8000/v1", "LLM_TIMEOUT_S": "2.5"})
    assert config == LLMConfig("http://127.0.0.1:8000/v1", "default", "none", 2.5)
    for bad in ("soon", "-5", "nan", "0", "1e9"):
        with pytest.raises(ValueError, match="LLM_TIMEOUT_S"):
            LLMConfig.from_env({"LLM_BASE_URL": "http://x/v1", "LLM_TIMEOUT_S": bad})
