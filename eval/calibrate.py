"""The out-of-scope rule, chosen from data: sweep the thresholds of ``bot.scope.in_scope`` over
the labelled questions that reach the scope decision (those routed to search), and check the
choice on held-out halves (fit on one question file, score on the other).
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence

from bot import scope
from bot.engine import PolicyBot
from bot.question import QuestionError, clean_question
from bot.route import route

MAX_FALSE_REFUSAL = 0.02
GRID_SURE = [round(0.84 + 0.005 * i, 3) for i in range(17)]
GRID_MIN = [round(0.76 + 0.01 * i, 3) for i in range(11)]
GRID_COVERAGE = [round(0.1 * i, 2) for i in range(1, 8)]


def samples(bot: PolicyBot, questions: Sequence[dict]) -> list[tuple[dict, scope.ScopeFeatures]]:
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


def rates(data: Sequence[tuple[dict, scope.ScopeFeatures]], params: tuple[float, float, float]) -> tuple[float, float]:
    """(oos_refused, false_refusal) of the rule with these thresholds on these samples."""
    sure, low, cov = params
    oos = [not scope.in_scope(f, dense_sure=sure, dense_min=low, coverage_min=cov) for q, f in data if q["out_of_scope"]]
    inside = [not scope.in_scope(f, dense_sure=sure, dense_min=low, coverage_min=cov) for q, f in data if not q["out_of_scope"]]
    return (sum(oos) / max(1, len(oos)), sum(inside) / max(1, len(inside)))


def fit(data: Sequence[tuple[dict, scope.ScopeFeatures]]) -> tuple[float, float, float]:
    """Thresholds that refuse the most out-of-scope questions with false refusals ≤ 2 %;
    among equals, the most lenient (lowest) thresholds."""
    best, best_key = (scope.DENSE_SURE, scope.DENSE_MIN, scope.COVERAGE_MIN), None
    for params in itertools.product(GRID_SURE, GRID_MIN, GRID_COVERAGE):
        if params[1] > params[0]:
            continue
        refused, false_ref = rates(data, params)
        if false_ref > MAX_FALSE_REFUSAL:
            continue
        key = (refused, -false_ref, -sum(params))
        if best_key is None or key > best_key:
            best, best_key = params, key
    return best


def report(bot: PolicyBot, questions: Sequence[dict]) -> str:
    data = samples(bot, questions)
    lines = [f"{len(data)} questions reach the scope decision "
             f"({sum(q['out_of_scope'] for q, _ in data)} out of scope)", ""]
    lines.append("id     oos  dense  coverage  question")
    for q, f in sorted(data, key=lambda d: d[1].dense):
        flag = ("F" if f.missing_figure else " ") + ("T" if f.other_task else " ")
        lines.append(f"{q['id']:<6} {'OOS' if q['out_of_scope'] else '   '}  {f.dense:.3f}  {f.coverage:.2f} {flag}    {q['question'][:36]}")
    current = (scope.DENSE_SURE, scope.DENSE_MIN, scope.COVERAGE_MIN)
    chosen = fit(data)
    lines.append("")
    lines.append(f"current  {current}: oos_refused={rates(data, current)[0]:.3f} false_refusal={rates(data, current)[1]:.3f}")
    lines.append(f"best fit {chosen}: oos_refused={rates(data, chosen)[0]:.3f} false_refusal={rates(data, chosen)[1]:.3f}")
    by_file: dict[str, list] = {}
    for q, f in data:
        by_file.setdefault(q["id"][0], []).append((q, f))
    if len(by_file) == 2:
        (a, da), (b, db) = sorted(by_file.items())
        for train, test, tname, sname in ((da, db, a, b), (db, da, b, a)):
            params = fit(train)
            r, fr = rates(test, params)
            lines.append(f"fit on {tname}* → test on {sname}*: {params} oos_refused={r:.3f} false_refusal={fr:.3f}")
    return "\n".join(lines)
