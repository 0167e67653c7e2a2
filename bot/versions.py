"""Provisions paired across two versions of a document by content, not by number
(2020 第八条 ↔ 2025 第九条): what an old provision became, and what changed.

Two provisions are a pair when they share rare wording — TF-IDF cosine over character bigrams and
figures (六十日 = 60日), with IDF taken over both versions; dense similarity breaks near-ties. Below
``MIN_SHARED`` nothing in the new version says the same — unless the two are each other's closest (then
``MUTUAL_MIN_SHARED``): the successor is silent.
"""

from __future__ import annotations

import itertools
import math
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from bot.verify import figures
from ingest.schema import Provision

MIN_SHARED = 0.25  # TF-IDF cosine below which two provisions are not the same rule
# A pair each side chooses as its closest (short provisions share few bigrams: 征收率为3% ↔ 征收率为百分之三)
MUTUAL_MIN_SHARED = 0.1
DENSE_WEIGHT = 0.05  # weight of the dense similarity (standardised per row) as a tie-breaker


@dataclass(frozen=True)
class Pair:
    old: Provision
    new: Provision | None  # None: no provision of the new version says the same
    shared: float  # TF-IDF cosine of the chosen pair


def _features(text: str) -> Counter[str]:
    """Character bigrams of the Chinese text and digits, plus one token per figure by value."""
    chars = [c for c in text if "\u4e00" <= c <= "\u9fff" or c.isdigit()]
    grams: Counter[str] = Counter(a + b for a, b in itertools.pairwise(chars))
    grams.update(f"#{kind}{value:g}" for kind, value in figures(text))
    return grams


def _weighted(counts: Sequence[Counter[str]]) -> list[dict[str, float]]:
    frequency = Counter(g for c in counts for g in c)
    n = len(counts)
    out = []
    for c in counts:
        vector = {g: k * math.log(n / frequency[g]) for g, k in c.items()}
        norm = math.sqrt(sum(x * x for x in vector.values())) or 1.0
        out.append({g: x / norm for g, x in vector.items()})
    return out


def pair_versions(
    old: Sequence[Provision], new: Sequence[Provision], old_vectors: np.ndarray, new_vectors: np.ndarray
) -> list[Pair]:
    """Each old provision with the new provision that says the same, or None."""
    if not old or not new:
        return [Pair(p, None, 0.0) for p in old]
    weighted = _weighted([_features(p.text) for p in (*old, *new)])
    old_w, new_w = weighted[: len(old)], weighted[len(old) :]
    dense = np.einsum("ik,jk->ij", old_vectors, new_vectors)  # on this thread (see index.backend.similarities)
    shared = np.array([[sum(ow.get(g, 0.0) * x for g, x in nw.items()) for nw in new_w] for ow in old_w])
    standardised = (dense - dense.mean(axis=1, keepdims=True)) / (dense.std(axis=1, keepdims=True) + 1e-6)
    score = shared + DENSE_WEIGHT * standardised
    # The old provision each new one is closest to: a pair both sides choose may share less wording.
    closest_old = np.argmax(score, axis=0)
    out = []
    for i, provision in enumerate(old):
        best = int(np.argmax(score[i]))
        mutual = closest_old[best] == i
        said_again = shared[i, best] >= (MUTUAL_MIN_SHARED if mutual else MIN_SHARED)
        out.append(Pair(provision, new[best] if said_again else None, float(shared[i, best])))
    return out
