"""Fit the learned fusion (bot/fusion.py) on the labelled questions.

Each question with gold provisions is searched as the bot searches it (typos repaired, the whole
library, RRF order); the gold provision among the first candidates is paired with each of the
first NEGATIVES others, and a logistic regression on the row differences learns which signals
separate them. Printed: hit@1 of the first candidate by RRF and by the learned order, 5-fold
cross-validated (estimates for questions the fit has not seen).

    python -m eval --fit-fusion [--sets …] [--write]    # --write saves bot/fusion_model.json
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass

import numpy as np

from bot.engine import PolicyBot
from bot.fusion import FEATURES, FUSION_MODEL_FILE, FusionModel
from bot.question import QuestionError
from bot.retrieve import Retrieval
from eval.calibrate import FOLDS, Prepare, fit_logistic, folds
from eval.metrics import gold_refs

NEGATIVES = 15  # other candidates paired with the gold one, from the top of the RRF order
L2 = 10.0


@dataclass(frozen=True)
class Search:
    rows: np.ndarray  # FEATURES of the first candidates, in RRF order
    gold: np.ndarray  # which of them are gold


def searches(bot: PolicyBot, questions: Sequence[dict], prepare: Prepare | None = None) -> list[Search]:
    """The searches the bot runs to answer each in-scope question with gold provisions (follow-ups with
    their history included) that can teach something: a gold provision among the first candidates beside
    at least one that is not. ``prepare(bot, question)`` runs before each question (see eval.adapter_fit)."""
    out = []
    seen: list[Retrieval] = []
    search = bot.searcher.search

    def recorded(text: str, doc_ids: Collection[str] | None = None) -> Retrieval:
        seen.append(result := search(text, doc_ids))
        return result

    bot.searcher.search = recorded  # type: ignore[method-assign]
    try:
        for q in questions:
            gold = {f"{doc}#{number}" for doc, number in gold_refs(q)}
            if q["out_of_scope"] or not gold:
                continue
            seen.clear()
            if prepare is not None:
                prepare(bot, q)
            try:
                bot.ask(q["question"], q.get("history"))
            except QuestionError:
                continue
            distinct = {tuple(h.provision.key for h in r.hits[: len(r.fusion_rows)]): r for r in seen}
            for keys, result in distinct.items():
                labels = np.array([key in gold for key in keys], dtype=bool)
                if labels.any() and not labels.all():
                    out.append(Search(result.fusion_rows, labels))
    finally:
        del bot.searcher.search
    return out


def fit(data: Sequence[Search], embedder: str, fitted_on: str = "") -> FusionModel:
    pairs = []
    for s in data:
        gold = s.rows[s.gold][0]
        for other in s.rows[~s.gold][:NEGATIVES]:
            pairs += [gold - other, other - gold]
    x = np.array(pairs)
    y = np.tile([1.0, 0.0], len(pairs) // 2)
    scale = x.std(axis=0)
    scale[scale == 0] = 1.0
    weights, _ = fit_logistic(x / scale, y, l2=L2)  # symmetric pairs: the bias is 0
    return FusionModel(FEATURES, tuple(float(w) for w in weights / scale), embedder, fitted_on)


def _first_is_gold(model: FusionModel, search: Search) -> bool:
    return bool(search.gold[model.order(search.rows)[0]])


def hit_at_1(model: FusionModel, data: Sequence[Search]) -> float:
    return float(np.mean([_first_is_gold(model, s) for s in data])) if data else 0.0


def cross_validated_hit_at_1(data: Sequence[Search], seed: int = 7) -> float:
    fold = folds(len(data), seed)
    hits = []
    for k in range(FOLDS):
        model = fit([s for s, f in zip(data, fold, strict=True) if f != k], "")
        hits += [_first_is_gold(model, s) for s, f in zip(data, fold, strict=True) if f == k]
    return float(np.mean(hits))


def report(
    bot: PolicyBot, questions: Sequence[dict], sets: str = "", write: bool = False, prepare: Prepare | None = None
) -> str:
    """``bot`` must search in RRF order (FusionModel.plain)."""
    data = searches(bot, questions, prepare)
    embedder = bot.searcher.embedder.model_id
    model = fit(data, embedder, fitted_on=sets)
    lines = [
        f"{len(data)} searches with a gold provision among the first candidates",
        f"weights: {dict(zip(FEATURES, np.round(model.weights, 3), strict=True))}",
        f"hit@1 of the first candidate: RRF {hit_at_1(FusionModel.plain(embedder), data):.3f}, "
        f"learned {cross_validated_hit_at_1(data):.3f} ({FOLDS}-fold cross-validated)",
    ]
    if write:
        FUSION_MODEL_FILE.write_text(model.to_json() + "\n", encoding="utf-8")
        lines.append(f"written to {FUSION_MODEL_FILE}")
    return "\n".join(lines)
