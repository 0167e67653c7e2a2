"""Embeddings cached by content hash, so that a rebuild embeds only text it has not seen.

One ``.npz`` per embedder beside the index folder (``var/index-cache/vectors/``): ``keys``
(sha256 of "passage\\x00" + text, as bytes) and ``vectors`` (float32), saved and loaded with
``allow_pickle=False``. Adding a document to the library embeds only that document; editing one
article embeds only that article.

What is missing is embedded in batches of ``EMBED_BATCH``, saved every ``SAVE_EVERY`` batches (an
interrupted build of a large library keeps what it embedded), with a progress line on a terminal, and
— on request (``python -m index --processes N``) — spread over N processes, each with its own model.
"""

from __future__ import annotations

import hashlib
import logging
import os
import re
import sys
import tempfile
import threading
import time
from collections.abc import Iterator, Sequence
from multiprocessing import get_context
from pathlib import Path

import numpy as np

from index.embedders import Embedder, EmbedderError, make_embedder

log = logging.getLogger(__name__)

EMBED_BATCH = 64
SAVE_EVERY = 50  # batches


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

    def embed(self, embedder: Embedder, texts: Sequence[str], processes: int = 1) -> np.ndarray:
        """Passage vectors of ``texts`` (rows in order), embedding only the texts not cached."""
        with self._lock:
            self._load()
            keys = [text_key(t) for t in texts]
            missing = list(dict.fromkeys(k for k in keys if k not in self._vectors))
            self.misses, self.hits = len(missing), len(keys) - len(missing)
            if missing:
                by_key = dict(zip(keys, texts, strict=True))
                batches = [missing[i : i + EMBED_BATCH] for i in range(0, len(missing), EMBED_BATCH)]
                progress = _Progress(len(missing))
                fresh = _embedded_batches(embedder, [[by_key[k] for k in batch] for batch in batches], processes)
                for number, (batch, vectors) in enumerate(zip(batches, fresh, strict=True), start=1):
                    self._vectors.update(zip(batch, np.asarray(vectors, dtype=np.float32), strict=True))
                    progress.advance(len(batch))
                    if number % SAVE_EVERY == 0:
                        self._save()
                progress.close()
                self._save()
            if not keys:
                return np.zeros((0, 1), dtype=np.float32)
            return np.stack([self._vectors[k] for k in keys])


def _embedded_batches(embedder: Embedder, batches: list[list[str]], processes: int) -> Iterator[np.ndarray]:
    """Passage vectors batch by batch, in order; over ``processes`` worker processes when more than one."""
    if processes <= 1 or len(batches) < 2:
        for batch in batches:
            yield embedder.embed(batch, query=False)
        return
    spec = getattr(embedder, "spec", None)
    if spec is None:
        raise EmbedderError(f"embedder {embedder.model_id} cannot be started in other processes: use --processes 1")
    with get_context("spawn").Pool(processes, initializer=_start_worker, initargs=(spec,)) as pool:
        yield from pool.imap(_embed_in_worker, batches)


_worker_embedder: Embedder | None = None


def _start_worker(spec: str) -> None:
    global _worker_embedder
    _worker_embedder = make_embedder(spec)


def _embed_in_worker(batch: list[str]) -> np.ndarray:
    assert _worker_embedder is not None
    return _worker_embedder.embed(batch, query=False)


class _Progress:
    """``embedding 1,234/100,000 texts  41.2/s  ETA 0:40:00`` on stderr, when it is a terminal."""

    def __init__(self, total: int) -> None:
        self.total, self.done, self.started = total, 0, time.monotonic()
        self.shown = sys.stderr.isatty() and total > EMBED_BATCH

    def advance(self, n: int) -> None:
        self.done += n
        if self.shown:
            rate = self.done / max(time.monotonic() - self.started, 1e-9)
            eta = int((self.total - self.done) / rate) if rate else 0
            sys.stderr.write(
                f"\rembedding {self.done:,}/{self.total:,} texts  {rate:.1f}/s  ETA {eta // 3600}:{eta // 60 % 60:02d}:{eta % 60:02d} "
            )
            sys.stderr.flush()

    def close(self) -> None:
        if self.shown:
            sys.stderr.write("\n")
