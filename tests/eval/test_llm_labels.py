"""The verifier against model replies labelled by reading the provisions (eval/data/llm/): real replies of
small local models and hand-written adversarial ones. No unsupported sentence may be served."""

from __future__ import annotations

import pytest

from bot.compose import Shelf
from eval import llm_labels
from eval.__main__ import LABELLED_ON, main
from index.tokenize import PolicyTokenizer, library_vocabulary
from ingest.schema import Library

MIN_RECALL = 0.8  # of the supported sentences, kept


@pytest.fixture(scope="module")
def result(library: Library) -> dict:
    files = llm_labels.default_files()
    assert files, "eval/data/llm/ holds the labelled replies"
    words = PolicyTokenizer(library_vocabulary(library)).content_words
    return llm_labels.score(llm_labels.load(files), Shelf(library, LABELLED_ON), words)


def test_no_unsupported_sentence_is_served(result: dict) -> None:
    assert result["unsupported_served"] == 0, "\n".join(result["leaks"])
    assert result["leaks"] == []  # not even kept inside a reply that falls back for another sentence


def test_most_supported_sentences_are_kept(result: dict) -> None:
    print(f"supported kept {result['supported_kept']}/{result['supported_sentences']} = {result['recall']}")
    assert result["recall"] >= MIN_RECALL, "\n".join(result["misses"])


def test_every_label_meets_a_sentence_of_the_verifier(result: dict) -> None:
    assert result["unmatched"] == []  # the verifier splits replies as the labels do: nothing goes unscored


def test_eval_prints_the_score(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--llm-labels"]) == 0
    out = capsys.readouterr().out
    assert "unsupported sentences served: 0 of" in out and "recall" in out
