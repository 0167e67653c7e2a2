"""Fit the query adapter (bot/adapter.py) on the labelled questions.

Each in-scope question without history that has a gold provision is embedded as asked (cleaned, typos
repaired, at most EMBEDDED_CHARS, without any adapter; a mostly-English question without the document
terms its search adds: fitted with them, the adapter gained less — cross-validated 0.579 → 0.616 against
0.566 → 0.652 — and held-out questions lost); the adapter is fitted to put it nearest to its first gold
provision among all the library's provisions. Printed: how often the dense route alone puts the gold
provision first, without the adapter and with it (5-fold cross-validated: estimates for questions the
fit has not seen).

The learned fusion and the scope model are fitted afterwards on the adapted vectors, and partly on the
same questions: there each question is embedded with the adapter of the fold that did not see it
(``OutOfFold``), so that they learn how far to trust the dense route on questions the adapter has not
seen. Run in this order: ``--fit-adapter --write``, ``--fit-fusion --write``, ``--calibrate --write``.

    python -m eval --fit-adapter [--sets …] [--write]    # --write saves bot/query_adapter.npy (+ .json)
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from bot import adapter
from bot.engine import PolicyBot
from bot.question import QuestionError, clean_question
from bot.retrieve import embedded_part
from eval.calibrate import FOLDS, folds
from eval.metrics import gold_refs


@dataclass(frozen=True)
class Pairs:
    questions: np.ndarray  # query vectors without any adapter, one row per question
    gold: np.ndarray  # the row of each question's first gold provision in the library's passage matrix
    texts: tuple[str, ...]  # the questions as asked


def pairs(bot: PolicyBot, questions: Sequence[dict]) -> Pairs:
    searcher = bot.searcher
    kept = searcher.adapter
    searcher.adapter = None
    vectors, gold, texts = [], [], []
    try:
        for q in questions:
            keys = [f"{doc}#{number}" for doc, number in gold_refs(q)]
            if q["out_of_scope"] or q.get("history") or not keys or keys[0] not in searcher.positions:
                continue
            try:
                text = bot.repaired(clean_question(q["question"]))
            except QuestionError:
                continue
            vectors.append(searcher.embed_query(embedded_part(text)))
            gold.append(searcher.positions[keys[0]])
            texts.append(q["question"])
    finally:
        searcher.adapter = kept
    return Pairs(np.array(vectors), np.array(gold, dtype=np.int64), tuple(texts))


def fold_matrices(data: Pairs, provisions: np.ndarray) -> list[np.ndarray]:
    """One adapter per fold, each fitted on the other folds' questions."""
    fold = folds(len(data.gold))
    return [adapter.fit(data.questions[fold != k], data.gold[fold != k], provisions) for k in range(FOLDS)]


@dataclass(frozen=True)
class OutOfFold:
    """For fitting on questions the adapter was fitted on: the adapter of the fold that did not see the
    question (the final adapter for any other question)."""

    final: adapter.QueryAdapter
    by_question: dict[str, adapter.QueryAdapter]

    @classmethod
    def build(cls, bot: PolicyBot, questions: Sequence[dict], final: adapter.QueryAdapter) -> OutOfFold:
        data = pairs(bot, questions)
        matrices = fold_matrices(data, bot.searcher.index.passage_matrix())
        per_fold = [adapter.QueryAdapter(m, final.embedder, "one fold left out") for m in matrices]
        fold = folds(len(data.gold))
        return cls(final, {text: per_fold[k] for text, k in zip(data.texts, fold, strict=True)})

    def use(self, bot: PolicyBot, question: dict) -> None:
        bot.searcher.adapter = self.by_question.get(question["question"], self.final)


def report(bot: PolicyBot, questions: Sequence[dict], sets: str = "", write: bool = False) -> str:
    data = pairs(bot, questions)
    if len(data.gold) < FOLDS:
        return f"{len(data.gold)} questions with a gold provision: too few to fit an adapter"
    provisions = np.asarray(bot.searcher.index.passage_matrix())
    fold = folds(len(data.gold))
    first = np.zeros(len(data.gold), dtype=np.int64)
    for k, matrix in enumerate(fold_matrices(data, provisions)):
        first[fold == k] = adapter.nearest(data.questions[fold == k], provisions, matrix)
    before = float(np.mean(adapter.nearest(data.questions, provisions) == data.gold))
    after = float(np.mean(first == data.gold))
    fitted = adapter.QueryAdapter(
        adapter.fit(data.questions, data.gold, provisions), bot.searcher.embedder.model_id, fitted_on=sets
    )
    lines = [
        f"{len(data.gold)} questions with a gold provision",
        f"the dense route puts the gold provision first: without the adapter {before:.3f}, "
        f"with it {after:.3f} ({FOLDS}-fold cross-validated)",
    ]
    if write:
        fitted.save()
        lines.append(f"written to {adapter.ADAPTER_FILE} (and .json); refit the fusion and the scope model next")
    return "\n".join(lines)
