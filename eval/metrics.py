"""Pure metric functions, with exactly the definitions of the reference scorer
(``../shared/eval/score.py``; ``tests/eval/test_metrics.py`` checks both agree on v2 answers).

Gold provisions are (doc_id, number) pairs: ``refs``, or ``measures`` for the original notice.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence

# The original notice: questions that give ``measures`` and citations without a doc_id mean it.
SEED_DOC = "miit-2021-169"

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
    "国家金融监督管理总局": ["国家金融监督管理总局", "金融监管总局"],
    "税务总局": ["税务总局", "税务局", "税务机关"],
}

# The reference scorer's metrics (../shared/eval/score.py), then ours for questions that say what
# coverage the answer has (full / partial) or that are small talk.
REFERENCE_METRICS = (
    "hit@1", "recall@3", "exact_set_f1", "doc_hit@1", "doc_set_f1", "agency_named", "answer_contains",
    "oos_refused", "false_refusal", "all_correct",
)  # fmt: skip
METRICS = (*REFERENCE_METRICS[:-1], "coverage_right", "smalltalk_replied", "all_correct")

Ref = tuple[str, int]


def cited(answer: Mapping) -> list[Ref]:
    """(doc_id, number) of an answer's citations, in order, without repeats (``measure`` read where
    ``number`` is absent; no doc_id means the original notice)."""
    out: list[Ref] = []
    for c in answer.get("citations") or []:
        if not isinstance(c, Mapping):
            continue
        n = c.get("number", c.get("measure"))
        key = (c.get("doc_id") or SEED_DOC, n)
        if isinstance(n, int) and key not in out:
            out.append(key)
    return out


def cited_docs(answer: Mapping) -> list[str]:
    out: list[str] = []
    for c in answer.get("citations") or []:
        d = (c.get("doc_id") if isinstance(c, Mapping) else None) or SEED_DOC
        if d not in out:
            out.append(d)
    return out


def gold_refs(question: Mapping) -> list[Ref]:
    if question.get("refs"):
        return [(d, n) for d, n in question["refs"]]
    return [(SEED_DOC, n) for n in question.get("measures") or []]


def set_f1(got: Iterable, gold: Iterable) -> float:
    """F1 between two sets.

    >>> set_f1([1, 2], [2, 3])
    0.5
    """
    s, g = set(got), set(gold)
    tp = len(s & g)
    return 0.0 if tp == 0 else 2 * tp / (len(s) + len(g))


def agency_found(name: str, text: str) -> bool:
    names = [n for alternative in name.split("|") for n in SCORER_ALIASES.get(alternative, [alternative])]
    return any(n in text for n in names)


def _mean(xs: Sequence[float]) -> float | None:
    return round(sum(xs) / len(xs), 3) if xs else None


def score(questions: Sequence[Mapping], answers: Sequence[Mapping]) -> dict:
    """All metrics plus a per-kind all-correct rate and the ids of failed questions."""
    by_id = {a["id"]: a for a in answers}
    lists: dict[str, list[float]] = {m: [] for m in METRICS if m != "all_correct"}
    missing: list[str] = []
    failed: list[str] = []
    per_kind: dict[str, list[bool]] = {}
    for q in questions:
        a = by_id.get(q["id"])
        if a is None:
            missing.append(q["id"])
            continue
        got = cited(a)
        text = a.get("answer") or ""
        gold = gold_refs(q)
        ok = True
        if q["out_of_scope"]:
            ok = bool(a.get("out_of_scope")) and not got
            lists["oos_refused"].append(ok)
        else:
            lists["false_refusal"].append(bool(a.get("out_of_scope")))
            if gold:
                if q.get("exact_set"):
                    f1 = set_f1(got, gold)
                    lists["exact_set_f1"].append(f1)
                    ok = f1 >= 0.999
                else:
                    hit = bool(got) and got[0] in gold
                    lists["hit@1"].append(hit)
                    ok = hit
                    lists["recall@3"].append(len(set(got[:3]) & set(gold)) / min(len(gold), 3))
            elif q.get("docs"):
                docs = cited_docs(a)
                if q.get("exact_docs"):
                    f1 = set_f1(docs, q["docs"])
                    lists["doc_set_f1"].append(f1)
                    ok = f1 >= 0.999
                else:
                    hit = bool(docs) and docs[0] in q["docs"]
                    lists["doc_hit@1"].append(hit)
                    ok = hit
            for name in q.get("agencies") or []:
                good = agency_found(name, text)
                lists["agency_named"].append(good)
                ok = ok and good
            for pattern in q.get("answer_contains") or []:
                good = re.search(pattern, text) is not None
                lists["answer_contains"].append(good)
                ok = ok and good
            # Beyond the reference scorer: whether an answer says it covers only part of the question,
            # and whether small talk gets a reply (no refusal, no citation).
            if q.get("coverage") in ("full", "partial"):
                good = (a.get("coverage") or "full") == q["coverage"] and not a.get("out_of_scope")
                lists["coverage_right"].append(good)
                ok = ok and good
            if q.get("smalltalk"):
                good = not a.get("out_of_scope") and not got and bool(text)
                lists["smalltalk_replied"].append(good)
                ok = ok and good
        per_kind.setdefault(q["kind"], []).append(ok)
        if not ok:
            failed.append(q["id"])
    return {
        "n": len(questions),
        "missing": len(missing),
        **{name: _mean(values) for name, values in lists.items()},
        "all_correct": _mean([x for v in per_kind.values() for x in v]),
        "per_kind": {k: _mean(v) for k, v in sorted(per_kind.items())},
        "failed": failed,
    }
