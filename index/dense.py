"""Dense retrieval with FAISS directly: inner product over L2-normalised vectors (= cosine).

Saved with ``faiss.write_index`` (a plain binary format, no pickle).
"""

from __future__ import annotations

from pathlib import Path

import numpy as np


def build(vectors: np.ndarray):  # noqa: ANN201 - faiss.IndexFlatIP
    import faiss

    vectors = np.ascontiguousarray(vectors, dtype=np.float32)
    index = faiss.IndexFlatIP(vectors.shape[1])
    index.add(vectors)
    return index


def similarities(index, query_vector: np.ndarray) -> np.ndarray:  # noqa: ANN001
    """Cosine similarity of the query to every stored vector, in insertion order."""
    n = index.ntotal
    found_scores, found_ids = index.search(np.ascontiguousarray(query_vector.reshape(1, -1), dtype=np.float32), n)
    out = np.full(n, -1.0, dtype=np.float32)
    valid = found_ids[0] >= 0
    out[found_ids[0][valid]] = found_scores[0][valid]
    return out


def save(index, path: Path) -> None:  # noqa: ANN001
    import faiss

    faiss.write_index(index, str(path))


def load(path: Path):  # noqa: ANN201
    import faiss

    return faiss.read_index(str(path))
