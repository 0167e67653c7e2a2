"""A floor under the dev-set quality with the real embedder (the eval harness gives the numbers)."""

from __future__ import annotations

import json

import pytest

from bot.engine import PolicyBot
from eval.__main__ import DATA, bot_system, load_questions
from eval.metrics import score

pytestmark = pytest.mark.e2e


def test_dev_set_quality_floor(real_bot: PolicyBot) -> None:
    questions = load_questions([DATA / "dev.jsonl"])
    answer = bot_system(real_bot)
    result = score(questions, [answer(q) for q in questions])
    assert result["hit@1"] >= 0.9, result
    assert result["exact_set_f1"] >= 0.97, result
    assert result["oos_refused"] >= 0.9, result
    assert result["false_refusal"] <= 0.05, result


def test_langchain_retriever_adapter(real_bot: PolicyBot) -> None:
    retriever = real_bot.as_langchain_retriever(k=2)
    docs = retriever.invoke("跨境电商综合试验区")
    assert len(docs) == 2 and docs[0].metadata["measure"] == 22
    assert docs[0].metadata["agencies"] == ["商务部", "海关总署", "贸促会"]
    json.dumps(docs[0].metadata, ensure_ascii=False)  # plain data, serialisable
