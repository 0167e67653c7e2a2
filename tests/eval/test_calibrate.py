from __future__ import annotations

import numpy as np

from bot.scope import ScopeFeatures
from eval.calibrate import choose_threshold, fit_logistic, fit_model, refusal_rates


def test_logistic_fit_separates_and_balances_classes() -> None:
    rng = np.random.default_rng(0)
    inside = rng.normal(1.0, 0.5, size=(200, 2))
    outside = rng.normal(-1.0, 0.5, size=(20, 2))  # the rare class
    x = np.vstack([inside, outside])
    y = np.array([0] * 200 + [1] * 20)
    weights, bias = fit_logistic(x, y)
    p = 1 / (1 + np.exp(-(x @ weights + bias)))
    assert (p[y == 1] > 0.5).mean() > 0.9  # the rare class is not drowned by the common one
    assert (p[y == 0] < 0.5).mean() > 0.9


def test_the_threshold_decides_most_questions_right_within_the_false_refusal_budget() -> None:
    def sample(oos: bool) -> tuple[dict, ScopeFeatures]:
        return {"out_of_scope": oos}, ScopeFeatures(dense=0.9, coverage=0.5, words=5, missing_specifics=False)

    # 40 in scope, 10 out; probabilities: the in-scope ones spread low, one at 0.85, the out-of-scope high.
    data = [sample(False) for _ in range(40)] + [sample(True) for _ in range(10)]
    probabilities = np.array([0.1] * 39 + [0.85] + [0.8] * 5 + [0.95] * 5)
    threshold = choose_threshold(data, probabilities)
    assert 0.8 >= threshold > 0.1  # refuses all ten for one false refusal (2.5 %): the most right
    refused, false_refusal = refusal_rates(data, probabilities, threshold)
    assert refused == 1.0 and false_refusal == 0.025
    # Of thresholds as good as each other, the highest (fewest refusals for the same result).
    assert choose_threshold(data, np.array([0.1] * 40 + [0.95] * 10)) == 0.95


def test_the_model_weighs_one_signal_by_another() -> None:
    """What a signal means may depend on another (their product): here out of scope exactly when the two
    disagree — a pattern no weighted sum of the signals themselves can draw."""
    rng = np.random.default_rng(1)

    def sample(dense: float, coverage: float) -> ScopeFeatures:
        return ScopeFeatures(dense=dense, coverage=coverage, words=5, missing_specifics="")

    data = []
    for _ in range(400):
        dense, coverage = rng.uniform(0.0, 1.0, size=2)
        data.append(({"out_of_scope": bool((dense - 0.5) * (coverage - 0.5) < 0)}, sample(dense, coverage)))
    model = fit_model(data)
    assert all(model.probability(sample(d, c)) > 0.7 for d, c in [(0.1, 0.9), (0.9, 0.1)])
    assert all(model.probability(sample(d, c)) < 0.3 for d, c in [(0.1, 0.1), (0.9, 0.9)])
