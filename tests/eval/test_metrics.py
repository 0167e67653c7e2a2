"""Our metric functions and the reference scorer agree, on real and on perturbed answers."""

from __future__ import annotations

import json
import random
import runpy
from pathlib import Path

import pytest

from eval.metrics import REFERENCE_METRICS, score
from tests.conftest import SHARED

REFERENCE = SHARED / "eval" / "score.py"


@pytest.fixture(scope="module")
def reference_score():
    if not REFERENCE.is_file():
        pytest.fail(f"the reference scorer is missing: {REFERENCE} (../shared must sit beside the project)")
    return runpy.run_path(str(REFERENCE))["score"]


DATA = Path(__file__).resolve().parents[2] / "eval" / "data"
DOCS = ["miit-2021-169", "vat-law-2024", "eit-law-2018", "sme-payment-regulation-2025", "guofa-2018-39"]
WORDS = ["人民银行", "央行", "工信部", "税务机关", "2026年1月1日", "百分之三", "3%", "60日", "废止", "现行有效"]


def _questions(name: str) -> list[dict]:
    return [json.loads(line) for line in (DATA / name).read_text(encoding="utf-8").splitlines() if line.strip()]


def _random_answers(questions: list[dict], seed: int) -> list[dict]:
    """v2 answers (and some in the old form: no doc_id, ``measure``) that hit and miss in every way."""
    rng = random.Random(seed)
    answers = []
    for q in questions:
        if rng.random() < 0.05:
            continue  # a missing answer
        cited = [{"doc_id": rng.choice(DOCS), "number": rng.randint(0, 40)} for _ in range(rng.randint(0, 4))]
        gold = [{"doc_id": d, "number": n} for d, n in q.get("refs") or []]
        gold += [{"measure": m} for m in q.get("measures") or []]  # the original notice's form
        gold += [{"doc_id": d, "number": 0} for d in q.get("docs") or []]
        if gold and rng.random() < 0.6:
            cited = rng.sample(gold, rng.randint(1, len(gold))) + cited[:1]
        text = "".join(rng.sample(WORDS, 4))
        answers.append({"id": q["id"], "answer": text, "citations": cited, "out_of_scope": rng.random() < 0.2})
    return answers


@pytest.mark.parametrize("seed", range(5))
@pytest.mark.parametrize("name", ["library-dev.jsonl", "dev.jsonl"])
def test_same_numbers_as_reference_scorer(reference_score, seed: int, name: str) -> None:
    questions = _questions(name)
    answers = _random_answers(questions, seed)
    ours, theirs = score(questions, answers), reference_score(questions, answers)
    for metric in REFERENCE_METRICS:
        assert ours[metric] == theirs[metric], metric
    assert ours["per_kind"] == theirs["per_kind"]


def test_coverage_and_small_talk_are_scored() -> None:
    questions = [
        {
            "id": "p",
            "question": "…",
            "refs": [["d", 1]],
            "kind": "partial",
            "out_of_scope": False,
            "coverage": "partial",
        },
        {"id": "s", "question": "你好", "kind": "smalltalk", "out_of_scope": False, "smalltalk": True},
    ]
    cite = [{"doc_id": "d", "number": 1}]
    right = [
        {"id": "p", "answer": "…", "citations": cite, "out_of_scope": False, "coverage": "partial"},
        {"id": "s", "answer": "您好！", "citations": [], "out_of_scope": False},
    ]
    wrong = [
        {"id": "p", "answer": "…", "citations": cite, "out_of_scope": False, "coverage": "full"},
        {"id": "s", "answer": "抱歉，没有涉及", "citations": [], "out_of_scope": True},
    ]
    assert score(questions, right)["all_correct"] == 1.0
    result = score(questions, wrong)
    assert result["all_correct"] == 0.0 and result["coverage_right"] == 0.0 and result["smalltalk_replied"] == 0.0
