"""Learned fusion: reorders the first candidates of reciprocal rank fusion by a linear score over
signals every search has — the fused score, the dense cosine's gap to the best, each route's rank,
whether the provision's document is local to a place the question names, and whether it states the kind
of specifics the question asks for (多少天 → a sentence with 六十日) about the question's words.

Plain RRF weighs a provision that both lexical routes put first but the dense route puts 88th the
same as one the dense route puts first and one lexical route second; which to believe differs by
route, and is fitted from the labelled questions (pairwise logistic regression: the gold provision
against each other candidate of the same search). The weights live in ``bot/fusion_model.json``,
written by ``python -m eval --fit-fusion --write``, together with the embedder they were fitted
for: dense gaps are embedder-specific, so another embedder searches by RRF alone until refitted.
Questions mostly in another language keep the RRF order (the fit has too few of them).
"""

from __future__ import annotations

import functools
import json
import math
from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path

import numpy as np

FUSION_MODEL_FILE = Path(__file__).with_name("fusion_model.json")
FEATURES = ("rrf", "dense_gap", "dense_rank", "words_rank", "chars_rank", "jurisdiction", "states_asked")
DEPTH = 30  # candidates reordered; the rest keep their RRF order after them
UNRANKED = 200  # the rank given to a candidate a route did not return


def closeness(rank: int) -> float:
    """1 / log2(1 + rank): 1 for the first, falling slowly (as in DCG).

    >>> closeness(1), round(closeness(3), 2)
    (1.0, 0.5)
    """
    return 1 / math.log2(1 + rank)


def candidate_rows(
    fused: Sequence[tuple[int, float]],
    rrf_k: int,
    similarity: Mapping[int, float],
    by_similarity: Sequence[int],
    lexical: Mapping[str, Sequence[int]],
    jurisdiction: Mapping[int, float],
    states_asked: Mapping[int, float],
) -> np.ndarray:
    """FEATURES of the first DEPTH fused candidates (position, score), one row each, in their order.
    ``jurisdiction``: position → 1 for a local document of a place the question names, -1 for one of a
    place it does not name; national documents are absent (0). ``states_asked``: position → how well the
    provision states the kind of specifics the question asks for (an amount, a period…) about its words
    (bot.scope.stating_share; absent: 0)."""
    best = similarity[by_similarity[0]] if by_similarity else 0.0
    dense_rank = {i: r for r, i in enumerate(by_similarity, start=1)}
    route_rank = {route: {i: r for r, i in enumerate(ranking, start=1)} for route, ranking in lexical.items()}
    rows = [
        [
            score * rrf_k,
            similarity.get(i, best) - best,
            closeness(dense_rank.get(i, UNRANKED)),
            closeness(route_rank["words"].get(i, UNRANKED)),
            closeness(route_rank["chars"].get(i, UNRANKED)),
            jurisdiction.get(i, 0.0),
            states_asked.get(i, 0.0),
        ]
        for i, score in fused[:DEPTH]
    ]
    return np.array(rows, dtype=np.float64).reshape(len(rows), len(FEATURES))


@dataclass(frozen=True)
class FusionModel:
    """score = weights · row; candidates sorted by it (ties: RRF order)."""

    features: tuple[str, ...]
    weights: tuple[float, ...]
    embedder: str  # fitted on this embedder's cosines
    fitted_on: str = ""  # the question files

    @classmethod
    def plain(cls, embedder: str) -> FusionModel:
        """The RRF order itself (for fitting a new model, and for tests)."""
        return cls(FEATURES, (1.0,) + (0.0,) * (len(FEATURES) - 1), embedder)

    def order(self, rows: np.ndarray) -> list[int]:
        """Indices of the rows, best first."""
        scores = rows @ np.asarray(self.weights)
        return sorted(range(len(rows)), key=lambda j: (-scores[j], j))

    def to_json(self) -> str:
        return json.dumps(asdict(self), ensure_ascii=False, indent=1)

    @classmethod
    def load(cls, path: Path = FUSION_MODEL_FILE) -> FusionModel:
        data = json.loads(path.read_text(encoding="utf-8"))
        model = cls(**{k: tuple(v) if isinstance(v, list) else v for k, v in data.items()})
        if model.features != FEATURES or len(model.weights) != len(FEATURES):
            raise ValueError(f"{path} was fitted on other features: run `python -m eval --fit-fusion --write`")
        return model


@functools.cache
def default_model() -> FusionModel:
    return FusionModel.load()
