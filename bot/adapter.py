"""A learned query adapter: a linear map of the question's embedding, fitted so that labelled questions
land next to their gold provisions.

The embedder was trained on general text; people ask about policy in their own words (货款拖着不给,
能不能扣掉). A matrix W close to the identity, applied to the query vector before every dense
similarity (``normalise(W q)``), moves questions towards the wording of the provisions that answer
them; the provisions' vectors (the index) are untouched, so adding a document needs no refit.

Fitted by ``python -m eval --fit-adapter --write`` (eval/adapter_fit.py): softmax cross-entropy of each
question's gold provision against every provision of the library, with an L2 penalty pulling W towards
the identity (chosen by cross-validation). Saved as a plain ``.npy`` matrix (loaded without pickle) and
a ``.json`` beside it: the embedder it was fitted for (another embedder's vectors mean nothing to it:
the bot then embeds without it and logs a warning), the question files, the penalty and the matrix's
sha256 (a stale or damaged file is refused; it is no guard against someone who rewrites both).
"""

from __future__ import annotations

import functools
import hashlib
import io
import json
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

ADAPTER_FILE = Path(__file__).with_name("query_adapter.npy")
L2 = 0.1  # the penalty on W − I: 0.01 and 1.0 placed fewer held-out questions next to their provision
TEMPERATURE = 30.0  # cosines are scaled by this before the softmax (they differ by hundredths)
STEPS = 300
LEARNING_RATE = 0.01


@dataclass(frozen=True)
class QueryAdapter:
    """W (dim × dim) and what it was fitted for."""

    matrix: np.ndarray = field(repr=False)
    embedder: str
    fitted_on: str = ""

    def apply(self, vector: np.ndarray) -> np.ndarray:
        """normalise(W · vector), as float32."""
        moved = self.matrix @ vector
        norm = float(np.linalg.norm(moved))
        return (moved / norm if norm else moved).astype(np.float32)

    def save(self, path: Path = ADAPTER_FILE) -> None:
        matrix = np.ascontiguousarray(self.matrix, dtype=np.float32)
        np.save(path, matrix, allow_pickle=False)
        meta = {
            "embedder": self.embedder,
            "fitted_on": self.fitted_on,
            "dim": matrix.shape[0],
            "l2": L2,
            "temperature": TEMPERATURE,
            "sha256": hashlib.sha256(path.read_bytes()).hexdigest(),
        }
        path.with_suffix(".json").write_text(json.dumps(meta, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")

    @classmethod
    def load(cls, path: Path = ADAPTER_FILE) -> QueryAdapter:
        meta = json.loads(path.with_suffix(".json").read_text(encoding="utf-8"))
        data = path.read_bytes()  # read once: what is checked is what is loaded
        if hashlib.sha256(data).hexdigest() != meta["sha256"]:
            raise ValueError(f"{path} does not match its sha256 in {path.with_suffix('.json').name}: "
                             "run `python -m eval --fit-adapter --write`")  # fmt: skip
        matrix = np.load(io.BytesIO(data), allow_pickle=False)
        if matrix.shape != (meta["dim"], meta["dim"]) or matrix.dtype.kind != "f":
            raise ValueError(f"{path} holds a {matrix.shape} {matrix.dtype} array, not a {meta['dim']}² float matrix")
        return cls(matrix, meta["embedder"], meta.get("fitted_on", ""))


@functools.cache
def default_adapter() -> QueryAdapter | None:
    """The shipped adapter (None when there is none)."""
    return QueryAdapter.load() if ADAPTER_FILE.is_file() else None


def fit(
    questions: np.ndarray, gold: np.ndarray, provisions: np.ndarray, l2: float = L2, steps: int = STEPS
) -> np.ndarray:
    """W for query vectors ``questions`` (n × d, normalised) whose gold provision is row ``gold[i]`` of
    ``provisions`` (N × d, normalised): minimises the mean cross-entropy of softmax(TEMPERATURE ·
    cos(W q, provisions)) at the gold row, plus l2/2 · ‖W − I‖², by Adam from W = I."""
    x = np.asarray(questions, dtype=np.float64)
    p = np.asarray(provisions, dtype=np.float64)
    rows = np.arange(len(gold))
    eye = np.eye(x.shape[1])
    w, m, v = eye.copy(), np.zeros_like(eye), np.zeros_like(eye)
    for t in range(1, steps + 1):
        z = x @ w.T
        norm = np.linalg.norm(z, axis=1, keepdims=True)
        u = z / norm
        logits = TEMPERATURE * u @ p.T
        logits -= logits.max(axis=1, keepdims=True)
        softmax = np.exp(logits)
        softmax /= softmax.sum(axis=1, keepdims=True)
        softmax[rows, gold] -= 1.0  # d loss / d logits
        du = TEMPERATURE * softmax @ p
        dz = (du - np.sum(du * u, axis=1, keepdims=True) * u) / norm  # through the normalisation
        gradient = dz.T @ x / len(gold) + l2 * (w - eye)
        m = 0.9 * m + 0.1 * gradient
        v = 0.999 * v + 0.001 * gradient**2
        w -= LEARNING_RATE * (m / (1 - 0.9**t)) / (np.sqrt(v / (1 - 0.999**t)) + 1e-8)
    return w.astype(np.float32)


def nearest(questions: np.ndarray, provisions: np.ndarray, matrix: np.ndarray | None = None) -> np.ndarray:
    """The row of ``provisions`` nearest to each question (after W when given)."""
    q = np.asarray(questions, dtype=np.float64)
    if matrix is not None:
        q = q @ np.asarray(matrix, dtype=np.float64).T
        q /= np.linalg.norm(q, axis=1, keepdims=True)
    return np.argmax(q @ np.asarray(provisions, dtype=np.float64).T, axis=1)
