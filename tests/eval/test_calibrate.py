from __future__ import annotations

import numpy as np

from eval.calibrate import fit_logistic


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
