"""The out-of-scope model, fitted from data.

Takes the labelled questions that reach the scope decision (those routed to search, without
history), fits a class-balanced, L2-regularised logistic regression on ``ScopeFeatures.vector``,
standardised, and the pairwise products of its signals (``bot.scope.model_terms``; Newton's method in
numpy), and picks a refusal threshold for each library it was run on (the whole library, the notice
alone) from 5-fold cross-validated probabilities: of the thresholds whose false-refusal rate on that
library's questions stays at or below 2.5 %, the one that decides the most of them right. The printed
rates are cross-validated, i.e. estimates for questions the model has not seen.

    python -m eval --calibrate [--sets …] [--write]    # --write saves bot/scope_model.json
"""

from __future__ import annotations

import random
from collections.abc import Callable, Sequence
from dataclasses import replace

import numpy as np

from bot import scope
from bot.engine import PolicyBot
from bot.question import QuestionError

MAX_FALSE_REFUSAL = 0.025
# The penalty on the weights: with 77 terms from 11 signals, strong enough that cross-validated rates hold.
L2 = 10.0
FOLDS = 5

Sample = tuple[dict, scope.ScopeFeatures]
Prepare = Callable[[PolicyBot, dict], None]  # run before each question (see eval.adapter_fit)


def samples(bot: PolicyBot, questions: Sequence[dict], prepare: Prepare | None = None) -> list[Sample]:
    """The scope features of each question without history that reaches the scope decision;
    ``prepare(bot, question)`` runs before each (see eval.adapter_fit)."""
    out = []
    for q in questions:
        if q.get("history"):
            continue  # follow-ups are resolved before the scope decision
        if prepare is not None:
            prepare(bot, q)
        try:
            features = bot.scope_features(q["question"])
        except QuestionError:
            continue
        if features is not None:
            out.append((q, features))
    return out


def fit_logistic(x: np.ndarray, y: np.ndarray, l2: float = L2) -> tuple[np.ndarray, float]:
    """Class-balanced logistic regression by Newton's method; x is already standardised.

    >>> w, b = fit_logistic(np.array([[-2.0], [-1.0], [1.0], [2.0]]), np.array([0, 0, 1, 1]))
    >>> bool(w[0] > 0)
    True
    """
    n, d = x.shape
    balance = np.where(y == 1, n / (2 * max(1, y.sum())), n / (2 * max(1, n - y.sum())))
    xb = np.hstack([x, np.ones((n, 1))])
    theta = np.zeros(d + 1)
    penalty = np.diag([l2] * d + [0.0])
    for _ in range(50):
        p = 1 / (1 + np.exp(-(xb @ theta)))
        gradient = xb.T @ (balance * (p - y)) + penalty @ theta
        hessian = (xb * (balance * p * (1 - p))[:, None]).T @ xb + penalty
        step = np.linalg.solve(hessian, gradient)
        theta -= step
        if np.abs(step).max() < 1e-8:
            break
    return theta[:-1], float(theta[-1])


def fit_model(
    data: Sequence[Sample], threshold: float = 0.5, fitted_on: str = "", embedder: str = ""
) -> scope.ScopeModel:
    x = np.array([f.vector() for _, f in data])
    y = np.array([int(q["out_of_scope"]) for q, _ in data])
    mean, scale = x.mean(axis=0), x.std(axis=0)
    scale[scale == 0] = 1.0
    weights, bias = fit_logistic(scope.model_terms((x - mean) / scale), y)
    return scope.ScopeModel(
        features=scope.FEATURE_NAMES,
        mean=tuple(float(v) for v in mean),
        scale=tuple(float(v) for v in scale),
        weights=tuple(float(v) for v in weights),
        bias=bias,
        threshold=threshold,
        fitted_on=fitted_on,
        embedder=embedder,
    )


def folds(n: int, seed: int = 7) -> np.ndarray:
    """The fold (0 … FOLDS−1) of each of n items, for cross-validation."""
    order = list(range(n))
    random.Random(seed).shuffle(order)
    fold = np.zeros(n, dtype=np.int64)
    for j, i in enumerate(order):
        fold[i] = j % FOLDS
    return fold


def cross_validated_probabilities(data: Sequence[Sample], seed: int = 7) -> np.ndarray:
    fold = folds(len(data), seed)
    out = np.zeros(len(data))
    for k in range(FOLDS):
        model = fit_model([sample for sample, f in zip(data, fold, strict=True) if f != k])
        for i in np.flatnonzero(fold == k):
            out[i] = model.probability(data[i][1])
    return out


def refusal_rates(
    data: Sequence[Sample], probabilities: np.ndarray, threshold: float | scope.ScopeModel
) -> tuple[float, float]:
    """(share of out-of-scope questions refused, share of in-scope questions refused); ``threshold``: one
    for every question, or a model's threshold for each question's library."""

    def limit(f: scope.ScopeFeatures) -> float:
        return threshold.threshold_for(f.provisions) if isinstance(threshold, scope.ScopeModel) else threshold

    refused = [scope.hard_rule(f) or p >= limit(f) for (_, f), p in zip(data, probabilities, strict=True)]
    oos = [r for (q, _), r in zip(data, refused, strict=True) if q["out_of_scope"]]
    inside = [r for (q, _), r in zip(data, refused, strict=True) if not q["out_of_scope"]]
    return sum(oos) / max(1, len(oos)), sum(inside) / max(1, len(inside))


def choose_threshold(data: Sequence[Sample], probabilities: np.ndarray) -> float:
    """Of the thresholds whose false-refusal rate is at most MAX_FALSE_REFUSAL, the one that decides
    the most questions right (the higher one on a tie: fewer refusals for the same result)."""
    n_oos = sum(q["out_of_scope"] for q, _ in data)
    best, best_right = 0.99, -1.0
    for threshold in np.round(np.arange(0.30, 0.991, 0.01), 2):
        refused, false_refusal = refusal_rates(data, probabilities, float(threshold))
        right = refused * n_oos + (1 - false_refusal) * (len(data) - n_oos)
        if false_refusal <= MAX_FALSE_REFUSAL and right >= best_right:
            best, best_right = float(threshold), right
    return best


def report(
    runs: Sequence[tuple[PolicyBot, Sequence[dict]]],
    sets: str = "",
    write: bool = False,
    prepare: Prepare | None = None,
) -> str:
    """Fit on every (bot, questions) run — e.g. the whole library and one document alone, so that the
    decision holds for libraries of any size — and print the cross-validated rates."""
    per_run = [samples(bot, questions, prepare) for bot, questions in runs]
    data = [sample for run in per_run for sample in run]
    probabilities = cross_validated_probabilities(data)
    runs_of = np.repeat(np.arange(len(per_run)), [len(run) for run in per_run])
    # One threshold per library (run), each chosen on its own questions: a library of one document and one
    # of hundreds of provisions give the same question different signals.
    by_size = tuple(
        (len(bot.searcher.provisions), choose_threshold(run, probabilities[runs_of == k]))
        for k, ((bot, _), run) in enumerate(zip(runs, per_run, strict=True))
    )
    model = replace(
        fit_model(data, by_size[0][1], fitted_on=sets, embedder=runs[0][0].searcher.embedder.model_id),
        thresholds_by_size=by_size if len(by_size) > 1 else (),
    )
    lines = [
        f"{len(data)} questions reach the scope decision ({sum(q['out_of_scope'] for q, _ in data)} out of scope)",
        "flags: F = asks for specifics the provision does not state, T = another kind of task; p = cross-validated",
        "",
        "id     oos  lang dense  cover  flags  p(oos)  question",
    ]
    for (q, f), p in sorted(zip(data, probabilities, strict=True), key=lambda d: d[1]):
        label = "OOS" if q["out_of_scope"] else "   "
        flags = ("F" if f.missing_specifics else " ") + ("T" if f.other_task else " ")
        lines.append(
            f"{q['id']:<6} {label}  {f.language}   {f.dense:.3f}  {f.coverage:.2f}   {flags}    {p:.2f}    "
            + q["question"][:28]
        )
    refused, false_ref = refusal_rates(data, probabilities, model)
    for k, ((size, threshold), run) in enumerate(zip(by_size, per_run, strict=True)):
        rates = refusal_rates(run, probabilities[runs_of == k], threshold)
        lines.append(
            f"library of {size} provisions ({len(run)} questions): threshold {threshold:.2f}, "
            f"oos_refused={rates[0]:.3f} false_refusal={rates[1]:.3f} (5-fold cross-validated)"
        )
    lines += [
        "",
        f"weights of the signals: {dict(zip(model.features, np.round(model.weights[: len(model.features)], 2), strict=True))} "
        f"(and {len(model.weights) - len(model.features)} of their products), bias {model.bias:.2f}",
        f"all (5-fold cross-validated): oos_refused={refused:.3f} false_refusal={false_ref:.3f}",
    ]
    refused, false_ref = refusal_rates(data, np.array([model.probability(f) for _, f in data]), model)
    lines.append(
        f"the final model on its own training questions: oos_refused={refused:.3f} false_refusal={false_ref:.3f}"
    )
    if write:
        scope.SCOPE_MODEL_FILE.write_text(model.to_json() + "\n", encoding="utf-8")
        lines.append(f"written to {scope.SCOPE_MODEL_FILE}")
    return "\n".join(lines)
