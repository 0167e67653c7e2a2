"""Is the question answered by the document? A rule on two retrieval signals.

- ``dense``: cosine between the question and the best measure (or its best sentence);
- ``coverage``: share of the question's content words that occur in the best measure's text.

The thresholds were chosen on the labelled questions in ``eval/data`` with
``python -m eval --calibrate`` (it prints the sweep); see README “Out-of-scope rule”.
"""

from __future__ import annotations

from dataclasses import dataclass

from bot.retrieve import Retrieval
from index.store import measure_passage
from index.tokenize import PolicyTokenizer

# In scope when dense ≥ DENSE_SURE, or dense ≥ DENSE_MIN and coverage ≥ COVERAGE_MIN.
DENSE_SURE = 0.86
DENSE_MIN = 0.80
COVERAGE_MIN = 0.34
# Below this, an out-of-scope reply does not even point to a related measure.
RELATED_MIN_DENSE = 0.80


@dataclass(frozen=True)
class ScopeFeatures:
    dense: float
    coverage: float
    words: int  # content words in the question


def features(question: str, result: Retrieval, tokenizer: PolicyTokenizer) -> ScopeFeatures:
    top = result.hits[0].measure
    passage = measure_passage(top).lower()
    words = [w for w in dict.fromkeys(result.query_words) if len(w) > 1 or not w.isascii()]
    covered = sum(1 for w in words if w in passage)
    position = top.number - 1
    return ScopeFeatures(
        dense=float(result.dense[position]),
        coverage=covered / len(words) if words else 0.0,
        words=len(words),
    )


def in_scope(f: ScopeFeatures, *, dense_sure: float = DENSE_SURE, dense_min: float = DENSE_MIN,
             coverage_min: float = COVERAGE_MIN) -> bool:
    return f.dense >= dense_sure or (f.dense >= dense_min and f.coverage >= coverage_min)
