"""The out-of-scope rule, chosen from data.

Sweeps the thresholds of ``bot.scope.in_scope`` (separately for Chinese and English questions)
over the labelled questions that reach the scope decision — those routed to search — and picks
the ones that refuse the most out-of-scope questions while wrongly refusing at most 2 % of the
in-scope ones. The choice is checked by 5-fold cross-validation: fit on four fifths, score the
fifth, so the printed rates are estimates for unseen questions, not for the data fitted.
"""

from __future__ import annotations

import itertools
import random
from collections.abc import Sequence

from bot import scope
from bot.engine import PolicyBot
from bot.question import QuestionError, clean_question
from bot.route import route

MAX_FALSE_REFUSAL = 0.02
GRID_SURE = [round(0.84 + 0.005 * i, 3) for i in range(15)]
GRID_MIN = [round(0.74 + 0.01 * i, 3) for i in range(14)]
GRID_COVERAGE = [round(0.1 * i, 2) for i in range(0, 8)]

Sample = tuple[dict, scope.ScopeFeatures]


def samples(bot: PolicyBot, questions: Sequence[dict]) -> list[Sample]:
    out = []
    for q in questions:
        if q.get("history"):
            continue  # follow-ups are resolved before the scope decision
        try:
            text = clean_question(q["question"])
        except QuestionError:
            continue
        if route(text, bot.document).kind != "search":
            continue
        out.append((q, bot.retrieve(text)[1]))
    return out


def rates(data: Sequence[Sample], rules: dict[str, scope.ScopeRule]) -> tuple[float, float]:
    """(share of out-of-scope questions refused, share of in-scope questions refused)."""
    refused_oos = [not scope.in_scope(f, rules) for q, f in data if q["out_of_scope"]]
    refused_in = [not scope.in_scope(f, rules) for q, f in data if not q["out_of_scope"]]
    return sum(refused_oos) / max(1, len(refused_oos)), sum(refused_in) / max(1, len(refused_in))


def fit_language(data: Sequence[Sample], language: str) -> scope.ScopeRule:
    subset = [(q, f) for q, f in data if f.language == language]
    best, best_key = scope.RULES[language], None
    for sure, low, cov in itertools.product(GRID_SURE, GRID_MIN, GRID_COVERAGE):
        if low > sure:
            continue
        rule = scope.ScopeRule(sure, low, cov)
        refused, false_ref = rates(subset, {language: rule})
        if false_ref > MAX_FALSE_REFUSAL:
            continue
        key = (refused, -false_ref, -(sure + low + cov))  # among equals, the most lenient
        if best_key is None or key > best_key:
            best, best_key = rule, key
    return best


def fit(data: Sequence[Sample]) -> dict[str, scope.ScopeRule]:
    return {language: fit_language(data, language) for language in scope.RULES}


def cross_validate(data: Sequence[Sample], folds: int = 5, seed: int = 7) -> tuple[float, float]:
    shuffled = list(data)
    random.Random(seed).shuffle(shuffled)
    oos_hits = oos_total = in_hits = in_total = 0
    for k in range(folds):
        test = shuffled[k::folds]
        train = [s for i, s in enumerate(shuffled) if i % folds != k]
        rules = fit(train)
        for q, f in test:
            refused = not scope.in_scope(f, rules)
            if q["out_of_scope"]:
                oos_total, oos_hits = oos_total + 1, oos_hits + refused
            else:
                in_total, in_hits = in_total + 1, in_hits + refused
    return oos_hits / max(1, oos_total), in_hits / max(1, in_total)


def report(bot: PolicyBot, questions: Sequence[dict]) -> str:
    data = samples(bot, questions)
    lines = [
        f"{len(data)} questions reach the scope decision ({sum(q['out_of_scope'] for q, _ in data)} out of scope)",
        "flags: F = asks for specifics the measure does not state, T = another kind of task",
        "",
        "id     oos  lang dense  coverage flags question",
    ]
    for q, f in sorted(data, key=lambda d: (d[1].language, d[1].dense)):
        label = "OOS" if q["out_of_scope"] else "   "
        flags = ("F" if f.missing_figure else " ") + ("T" if f.other_task else " ")
        lines.append(
            f"{q['id']:<6} {label}  {f.language}   {f.dense:.3f}  {f.coverage:.2f}     {flags}    {q['question'][:30]}"
        )
    chosen = fit(data)
    lines.append("")
    for name, rules in (("current", scope.RULES), ("best fit", chosen)):
        refused, false_ref = rates(data, rules)
        lines.append(f"{name:<9} {rules}\n          oos_refused={refused:.3f} false_refusal={false_ref:.3f}")
    refused, false_ref = cross_validate(data)
    lines.append(f"5-fold cross-validated: oos_refused={refused:.3f} false_refusal={false_ref:.3f}")
    return "\n".join(lines)
