"""Embeddings cached by content hash, so that a rebuild embeds only text it has not seen.

One ``.npz`` per embedder beside the index folder (``var/index-cache/vectors/``): ``keys``
(sha256 of "passage\\x00" + text, as bytes) and ``vectors`` (float32), saved and loaded with
``allow_pickle=False``. Adding a document to the library embeds only that document; editing one
article embeds only that article.
"""

from __future__ import annotations

import hashlib
import logging
import os
import re
import tempfile
import threading
from collections.abc import Sequence
from pathlib import Path

import numpy as np

from index.embedders import Embedder

log = logging.getLogger(__name__)


def text_key(text: str) -> bytes:
    """The cache key of a passage: the hex sha256 of its text, as bytes.

    >>> len(text_key("甲"))
    64
    """
    return hashlib.sha256(b"passage\x00" + text.encode("utf-8")).hexdigest().encode("ascii")


class VectorCache:
    """Passage vectors of one embedder by text hash; ``embed`` fills what is missing and saves."""

    def __init__(self, folder: Path | None, model_id: str) -> None:
        slug = re.sub(r"[^A-Za-z0-9._-]+", "_", model_id)[:120]
        self.path = Path(folder) / f"{slug}.npz" if folder is not None else None
        self._vectors: dict[bytes, np.ndarray] = {}
        self._loaded = False
        self._lock = threading.Lock()
        self.hits = 0  # texts answered from the cache in the last call of ``embed``
        self.misses = 0

    def _load(self) -> None:
        if self._loaded or self.path is None:
            return
        self._loaded = True
        if not self.path.is_file():
            return
        try:
            with np.load(self.path, allow_pickle=False) as data:
                keys, vectors = data["keys"], data["vectors"]
            if keys.shape[0] != vectors.shape[0]:
                raise ValueError("keys and vectors differ in length")
            self._vectors = {bytes(k): v for k, v in zip(keys, vectors.astype(np.float32), strict=True)}
        except Exception as exc:  # a damaged cache costs a re-embedding, never a crash
            log.warning("vector cache %s is unreadable (%s); it will be rebuilt", self.path, exc)
            self._vectors = {}

    def _save(self) -> None:
        if self.path is None or not self._vectors:
            return
        self.path.parent.mkdir(parents=True, exist_ok=True)
        keys = np.array(list(self._vectors), dtype="S64")
        vectors = np.stack(list(self._vectors.values())).astype(np.float32)
        fd, tmp = tempfile.mkstemp(prefix=".vectors-", suffix=".npz", dir=self.path.parent)
        os.close(fd)
        try:
            np.savez(tmp, keys=keys, vectors=vectors)
            os.replace(tmp, self.path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise

    def embed(self, embedder: Embedder, texts: Sequence[str]) -> np.ndarray:
        """Passage vectors of ``texts`` (rows in order), embedding only the texts not cached."""
        with self._lock:
            self._load()
            keys = [text_key(t) for t in texts]
            missing = list(dict.fromkeys(k for k in keys if k not in self._vectors))
            self.misses, self.hits = len(missing), len(keys) - len(missing)
            if missing:
                by_key = dict(zip(keys, texts, strict=True))
                fresh = embedder.embed([by_key[k] for k in missing], query=False)
                self._vectors.update(zip(missing, np.asarray(fresh, dtype=np.float32), strict=True))
                self._save()
            if not keys:
                return np.zeros((0, 1), dtype=np.float32)
            return np.stack([self._vectors[k] for k in keys])
