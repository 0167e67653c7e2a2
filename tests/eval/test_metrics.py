"""Our metric functions and the reference scorer agree, on real and on perturbed answers."""

from __future__ import annotations

import json
import random
import runpy
from pathlib import Path

import pytest

from eval.metrics import METRICS, score
from tests.conftest import SHARED

REFERENCE = SHARED / "eval" / "score.py"


@pytest.fixture(scope="module")
def reference_score():
    if not REFERENCE.is_file():
        pytest.fail(f"the reference scorer is missing: {REFERENCE} (../shared must sit beside the project)")
    return runpy.run_path(str(REFERENCE))["score"]


def _questions() -> list[dict]:
    path = Path(__file__).resolve().parents[2] / "eval" / "data" / "dev.jsonl"
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def _random_answers(questions: list[dict], seed: int) -> list[dict]:
    rng = random.Random(seed)
    answers = []
    for q in questions:
        if rng.random() < 0.05:
            continue  # a missing answer
        cited = rng.sample(range(1, 35), rng.randint(0, 4))
        if q["measures"] and rng.random() < 0.6:
            cited = list(q["measures"]) + cited[:1]
        text = "".join(rng.sample(["人民银行", "央行", "工信部", "2021年11月6日", "定期", "证监会", "商务部"], 3))
        answers.append(
            {
                "id": q["id"],
                "answer": text,
                "citations": [{"measure": m} for m in cited],
                "out_of_scope": rng.random() < 0.2,
            }
        )
    return answers


@pytest.mark.parametrize("seed", range(5))
def test_same_numbers_as_reference_scorer(reference_score, seed: int) -> None:
    questions = _questions()
    answers = _random_answers(questions, seed)
    ours, theirs = score(questions, answers), reference_score(questions, answers)
    for metric in METRICS:
        assert ours[metric] == theirs[metric], metric
    assert ours["per_kind"] == theirs["per_kind"]
