"""BM25 over pre-tokenised text (bm25s), saved without pickle.

>>> model = build([["信贷", "支持"], ["专利"]])
>>> [bool(x > 0) for x in scores(model, ["专利", "未知词"])]
[False, True]
"""

from __future__ import annotations

import logging
from pathlib import Path

import numpy as np

K1, B = 1.5, 0.75  # Lucene's BM25 (bm25s's defaults); the Milvus backend is given the same


def _bm25s():
    import bm25s

    # bm25s sets its logger to DEBUG when imported; keep its progress chatter out of our logs.
    logging.getLogger("bm25s").setLevel(logging.WARNING)
    return bm25s


def build(corpus_tokens: list[list[str]]):  # noqa: ANN201 - bm25s.BM25
    model = _bm25s().BM25(k1=K1, b=B)
    # bm25s drops empty documents from its vocabulary maths; keep every row addressable.
    model.index([tokens or ["\u2400"] for tokens in corpus_tokens], show_progress=False)
    return model


def scores(model, query_tokens: list[str]) -> np.ndarray:  # noqa: ANN001
    """BM25 score of every document, in corpus order (zeros when no token is known)."""
    known = [t for t in query_tokens if t in model.vocab_dict]
    if not known:
        return np.zeros(model.scores["num_docs"], dtype=np.float32)
    return np.asarray(model.get_scores(known), dtype=np.float32)


def save(model, folder: Path) -> None:  # noqa: ANN001
    model.save(str(folder), allow_pickle=False, show_progress=False)


def load(folder: Path):  # noqa: ANN201
    return _bm25s().BM25.load(str(folder), allow_pickle=False)
