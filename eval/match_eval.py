"""政策找企业 scored on profiles with gold results written from the texts (eval/data/match-*.jsonl).

Each line: {"id", "profile": {...}, "applies": ["doc_id#number", …], "needs_more": {"doc_id#number": [fields]},
"not": [...], "notes"}. A provision counts as found when a rule citing it (its conditions' provision or its
benefit's) applies — to the profile or to every enterprise of its kind. Reported: precision and recall of
applicable provisions, recall of the provisions that need more data (with the fields asked for), and
whether every quoted benefit is in its provision's text.

    python -m eval --match [FILE …]
"""

from __future__ import annotations

import json
import unicodedata
from collections.abc import Callable, Sequence
from pathlib import Path

from bot import match as matching

DATA = Path(__file__).with_name("data")


def default_files() -> list[Path]:
    return sorted(DATA.glob("match-*.jsonl"))


def load(paths: Sequence[Path]) -> list[dict]:
    return [json.loads(line) for p in paths for line in p.read_text(encoding="utf-8").splitlines() if line.strip()]


def score(items: Sequence[dict], run: Callable[[matching.Profile], matching.MatchResult]) -> dict:
    true_pos = false_pos = false_neg = needs_found = needs_total = quoted = quotes = 0
    wrong: list[str] = []
    for item in items:
        result = run(matching.profile_from_json(item["profile"], matching.provinces()))
        found: set[str] = set()
        needed: set[str] = set()
        for m in result.matches:
            if m.status != "related":  # listed apart, as further rules: not a claim that the provision applies
                (needed if m.status == "needs" else found).update(_refs(m))
            quotes += 1
            nfkc = unicodedata.normalize("NFKC", m.benefit_provision.full_text)
            quoted += unicodedata.normalize("NFKC", m.rule.benefit) in nfkc
        gold = set(item["applies"])
        # A rule names two provisions (conditions, benefit): either one of a gold provision counts for it.
        hits = {g for g in gold if g in found}
        true_pos += len(hits)
        false_neg += len(gold - hits)
        extra = {f for f in found if f not in gold and not _paired(f, gold, result)}
        false_pos += len(extra)
        for ref in item.get("needs_more", {}):
            needs_total += 1
            needs_found += ref in needed or ref in found
        if gold - hits or extra:
            wrong.append(f"{item['id']}: missed {sorted(gold - hits)} extra {sorted(extra)}")
    precision = true_pos / (true_pos + false_pos) if true_pos + false_pos else None
    recall = true_pos / (true_pos + false_neg) if true_pos + false_neg else None
    return {
        "profiles": len(items),
        "precision": round(precision, 3) if precision is not None else None,
        "recall": round(recall, 3) if recall is not None else None,
        "needs_more_recall": round(needs_found / needs_total, 3) if needs_total else None,
        "benefits_quoted_exactly": f"{quoted}/{quotes}",
        "wrong": wrong,
    }


def _refs(m: matching.Match) -> set[str]:
    """The provisions a matched rule names: where its conditions are printed, and where its benefit is."""
    return {m.provision.key, m.benefit_provision.key}


def _paired(ref: str, gold: set[str], result: matching.MatchResult) -> bool:
    """``ref`` is the other provision of a rule whose conditions or benefit provision the gold lists."""
    return any(ref in _refs(m) and _refs(m) & gold for m in result.matches if m.status != "related")


def report(result: dict, name: str, details: bool) -> str:
    """One file's scores; the profiles it got wrong only for development files (held-out: in aggregate)."""
    lines = [
        f"政策找企业 on {result['profiles']} profiles ({name}):",
        f"  precision {result['precision']}  recall {result['recall']}  "
        f"needs-more recall {result['needs_more_recall']}  benefits quoted exactly {result['benefits_quoted_exactly']}",
    ]
    return "\n".join(lines + ([f"  {w}" for w in result["wrong"]] if details else []))


def is_held_out(path: Path) -> bool:
    return "heldout" in path.name
