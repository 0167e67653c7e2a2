from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from index.fusion import reciprocal_rank_fusion


def brute_force_rrf(rankings: list[list[int]], k: int, weights: list[float]) -> dict[int, float]:
    """The formula written out the slow way: for every document, every list, its rank."""
    docs = {d for r in rankings for d in r}
    return {d: sum(w / (k + r.index(d) + 1) for r, w in zip(rankings, weights, strict=True) if d in r) for d in docs}


rankings = st.lists(st.lists(st.integers(0, 30), unique=True, max_size=12), min_size=1, max_size=4)


@given(rankings, st.integers(1, 100), st.data())
def test_rrf_matches_brute_force(lists: list[list[int]], k: int, data: st.DataObject) -> None:
    weights = data.draw(st.lists(st.floats(0.1, 3.0), min_size=len(lists), max_size=len(lists)))
    fused = reciprocal_rank_fusion(lists, k=k, weights=weights)
    expected = brute_force_rrf(lists, k, weights)
    assert {d for d, _ in fused} == set(expected)
    for doc, score in fused:
        assert score == pytest.approx(expected[doc])
    scores = [s for _, s in fused]
    assert scores == sorted(scores, reverse=True)


def test_document_ranked_high_by_all_lists_wins() -> None:
    fused = reciprocal_rank_fusion([[3, 1, 2], [3, 2, 1], [1, 3, 2]])
    assert fused[0][0] == 3


def test_empty_list_abstains() -> None:
    assert reciprocal_rank_fusion([[], [5, 4]]) == reciprocal_rank_fusion([[5, 4]])


def test_weight_count_must_match() -> None:
    with pytest.raises(ValueError, match="one weight per ranking"):
        reciprocal_rank_fusion([[1], [2]], weights=[1.0])
