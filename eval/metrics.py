"""Pure metric functions, with exactly the definitions of the reference scorer
(``../shared/eval/score.py``; ``tests/eval/test_metrics.py`` checks both agree).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence

# Same aliases as the reference scorer: an agency counts as named when any form appears.
SCORER_ALIASES: dict[str, list[str]] = {
    "人民银行": ["人民银行", "央行"],
    "人力资源社会保障部": ["人力资源社会保障部", "人力资源和社会保障部", "人社部"],
    "工业和信息化部": ["工业和信息化部", "工信部"],
    "发展改革委": ["发展改革委", "发展和改革委员会", "发改委"],
    "市场监管总局": ["市场监管总局", "市场监督管理总局"],
    "银保监会": ["银保监会", "银行保险监督管理委员会"],
    "知识产权局": ["知识产权局"],
    "生态环境部": ["生态环境部"],
    "海关总署": ["海关总署"],
    "商务部": ["商务部"],
    "贸促会": ["贸促会", "国际贸易促进委员会"],
    "财政部": ["财政部"],
    "开发银行": ["开发银行"],
}

METRICS = (
    "hit@1", "recall@3", "exact_set_f1", "agency_named", "answer_contains",
    "oos_refused", "false_refusal", "all_correct",
)  # fmt: skip


def cited_measures(answer: Mapping) -> list[int]:
    """Distinct measure numbers of an answer's citations, in order."""
    out: list[int] = []
    for c in answer.get("citations") or []:
        m = c.get("measure") if isinstance(c, Mapping) else None
        if isinstance(m, int) and m not in out:
            out.append(m)
    return out


def set_f1(cited: Iterable[int], gold: Iterable[int]) -> float:
    """F1 between two sets of measure numbers.

    >>> set_f1([1, 2], [2, 3])
    0.5
    """
    s, g = set(cited), set(gold)
    tp = len(s & g)
    return 0.0 if tp == 0 else 2 * tp / (len(s) + len(g))


def _mean(xs: Sequence[float]) -> float | None:
    return round(sum(xs) / len(xs), 3) if xs else None


def score(questions: Sequence[Mapping], answers: Sequence[Mapping]) -> dict:
    """All metrics plus a per-kind all-correct rate and the ids of failed questions."""
    by_id = {a["id"]: a for a in answers}
    hit1: list[bool] = []
    rec3: list[float] = []
    setf1: list[float] = []
    agency: list[bool] = []
    contains: list[bool] = []
    oos_ok: list[bool] = []
    false_ref: list[bool] = []
    missing: list[str] = []
    failed: list[str] = []
    per_kind: dict[str, list[bool]] = {}
    for q in questions:
        a = by_id.get(q["id"])
        if a is None:
            missing.append(q["id"])
            continue
        cited = cited_measures(a)
        text = a.get("answer") or ""
        gold = q["measures"]
        ok = True
        if q["out_of_scope"]:
            ok = bool(a.get("out_of_scope")) and not cited
            oos_ok.append(ok)
        else:
            false_ref.append(bool(a.get("out_of_scope")))
            if gold:
                if q.get("exact_set"):
                    f1 = set_f1(cited, gold)
                    setf1.append(f1)
                    ok = f1 >= 0.999
                else:
                    h = bool(cited) and cited[0] in gold
                    hit1.append(h)
                    ok = h
                    rec3.append(len(set(cited[:3]) & set(gold)) / min(len(gold), 3))
            for name in q.get("agencies") or []:
                good = any(x in text for x in SCORER_ALIASES.get(name, [name]))
                agency.append(good)
                ok = ok and good
            for pattern in q.get("answer_contains") or []:
                good = re.search(pattern, text) is not None
                contains.append(good)
                ok = ok and good
        per_kind.setdefault(q["kind"], []).append(ok)
        if not ok:
            failed.append(q["id"])
    return {
        "n": len(questions),
        "missing": len(missing),
        "hit@1": _mean(hit1),
        "recall@3": _mean(rec3),
        "exact_set_f1": _mean(setf1),
        "agency_named": _mean(agency),
        "answer_contains": _mean(contains),
        "oos_refused": _mean(oos_ok),
        "false_refusal": _mean(false_ref),
        "all_correct": _mean([x for v in per_kind.values() for x in v]),
        "per_kind": {k: _mean(v) for k, v in sorted(per_kind.items())},
        "failed": failed,
    }
