"""One contract for every search backend (issue 9), on ~50 passages of the real library: the embedded
default (in memory, and reopened from its folder), Milvus Lite in a file, Milvus Lite as a gRPC server on
a loopback port, and a real Milvus when MILVUS_URI is set."""

from __future__ import annotations

import collections
import os
import socket
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import numpy as np
import pytest

from index import backend as backend_module
from index.backend import EmbeddedBackend, MilvusBackend, Passage, SearchBackend, Where, search_hybrid
from index.tokenize import PolicyTokenizer, char_ngrams
from ingest import Library
from tests.conftest import HashEmbedder

DOCS = {"miit-2021-169": 20, "sme-promotion-law-2017": 15, "vat-law-2024": 15}
IDENTITY = {"embedder": HashEmbedder.model_id, "dictionary": "test", "pipeline": "test"}


@pytest.fixture(scope="module")
def passages(library: Library) -> list[Passage]:
    tokenizer, embedder = PolicyTokenizer(), HashEmbedder()
    chosen = [p for doc_id, n in DOCS.items() for p in library.get(doc_id).provisions[:n]]  # type: ignore[union-attr]
    vectors = embedder.embed([p.text for p in chosen], query=False)
    return [
        Passage(
            id=p.key,
            doc_id=p.doc_id,
            text=p.text,
            words=" ".join(tokenizer.words(p.text)),
            chars=" ".join(char_ngrams(p.text)),
            vector=v,
            status="现行有效",
            agencies=p.agencies,
        )
        for p, v in zip(chosen, vectors, strict=True)
    ]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def milvus_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """`milvus-lite server` on a loopback port: the gRPC path a Milvus cluster is reached by."""
    port = _free_port()
    data = tmp_path_factory.mktemp("milvus-server")
    server = subprocess.Popen(
        [Path(sys.executable).with_name("milvus-lite"), "server", "--data-dir", str(data), "--host", "127.0.0.1",
         "--port", str(port)],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    try:
        for _ in range(100):
            with socket.socket() as s:
                if s.connect_ex(("127.0.0.1", port)) == 0:
                    break
            time.sleep(0.1)
        yield f"http://127.0.0.1:{port}"
    finally:
        server.terminate()
        server.wait(timeout=10)


Factory = Callable[[Path, int], SearchBackend]  # (a folder for this test, dimension) → an empty backend
Reopen = Callable[[SearchBackend, Path, int], SearchBackend]  # the same data after a restart


def _embedded(folder: Path, dim: int) -> SearchBackend:
    return EmbeddedBackend(identity_=IDENTITY)


def _embedded_reopen(backend: SearchBackend, folder: Path, dim: int) -> SearchBackend:
    assert isinstance(backend, EmbeddedBackend)
    backend.save(folder / "embedded")
    return EmbeddedBackend.load(folder / "embedded")


def _lite(folder: Path, dim: int) -> SearchBackend:
    return MilvusBackend(str(folder / "milvus.db"), dim, IDENTITY)


def _lite_reopen(backend: SearchBackend, folder: Path, dim: int) -> SearchBackend:
    assert isinstance(backend, MilvusBackend)
    backend.client.close()
    return MilvusBackend(str(folder / "milvus.db"), dim)


BACKENDS = ["embedded", "milvus-lite", "milvus-lite-server", "milvus"]


@pytest.fixture(params=BACKENDS)
def make(request: pytest.FixtureRequest, tmp_path: Path) -> tuple[Factory, Reopen]:
    name = request.param
    if name == "embedded":
        return _embedded, _embedded_reopen
    if name == "milvus-lite":
        return _lite, _lite_reopen
    uri = request.getfixturevalue("milvus_server") if name == "milvus-lite-server" else os.environ.get("MILVUS_URI")
    if not uri:
        pytest.skip("set MILVUS_URI to run the contract against a Milvus 2.5+ server")
    collection = f"t{tmp_path.name.replace('-', '_')[-40:]}"

    def remote(folder: Path, dim: int) -> SearchBackend:
        return MilvusBackend(uri, dim, IDENTITY, collection=collection)

    def remote_reopen(backend: SearchBackend, folder: Path, dim: int) -> SearchBackend:
        return MilvusBackend(uri, dim, collection=collection)

    return remote, remote_reopen


@pytest.fixture
def full(make: tuple[Factory, Reopen], passages: list[Passage], tmp_path: Path) -> SearchBackend:
    backend = make[0](tmp_path, len(passages[0].vector))
    backend.upsert(passages)
    return backend


def exact_top(passages: list[Passage], vector: np.ndarray, k: int) -> list[str]:
    scores = [(-float(p.vector @ vector), p.id) for p in passages]
    return [pid for _, pid in sorted(scores)[:k]]


def test_upsert_count_and_identity(full: SearchBackend, passages: list[Passage]) -> None:
    assert full.count() == len(passages)
    full.upsert(passages[:5])  # the same ids again: replaced, not added
    assert full.count() == len(passages)
    assert full.identity() == IDENTITY


def test_dense_top_k_is_exact(full: SearchBackend, passages: list[Passage]) -> None:
    for probe in passages[::7]:
        found = [pid for pid, _ in full.search_dense(probe.vector, 5)]
        assert found == exact_top(passages, probe.vector, 5)


def test_a_rare_term_ranks_first_lexically(full: SearchBackend, passages: list[Passage]) -> None:
    in_how_many = collections.Counter(w for p in passages for w in set(p.words.split()))
    for p in passages[::6]:
        rare = next((w for w in p.words.split() if in_how_many[w] == 1 and len(w) >= 2), None)
        if rare is None:
            continue
        assert full.search_lexical(rare, "words", 3)[0][0] == p.id
        assert p.id in [pid for pid, _ in full.search_lexical(" ".join(char_ngrams(rare)), "chars", 3)]


def test_filters(full: SearchBackend, passages: list[Passage]) -> None:
    probe = passages[0].vector
    only_vat = full.search_dense(probe, 10, Where(doc_ids=("vat-law-2024",)))
    assert len(only_vat) == 10 and all(pid.startswith("vat-law-2024#") for pid, _ in only_vat)
    assert full.search_dense(probe, 10, Where(status="已废止")) == []
    named = {p.id for p in passages if "财政部" in p.agencies}
    assert named and {pid for pid, _ in full.search_dense(probe, 50, Where(agency="财政部"))} == named
    lexical = full.search_lexical("中小企业", "words", 50, Where(doc_ids=("sme-promotion-law-2017",)))
    assert lexical and all(pid.startswith("sme-promotion-law-2017#") for pid, _ in lexical)


def test_delete_and_upsert_again(full: SearchBackend, passages: list[Passage]) -> None:
    gone = passages[3]
    full.delete(ids=[gone.id])
    assert full.count() == len(passages) - 1
    assert gone.id not in [pid for pid, _ in full.search_dense(gone.vector, 5)]
    full.delete(doc_id="vat-law-2024")
    assert full.count() == len(passages) - 1 - DOCS["vat-law-2024"]
    full.upsert(passages)
    assert full.count() == len(passages)
    assert full.search_dense(gone.vector, 1)[0][0] == gone.id


def test_reopened_after_a_restart(
    full: SearchBackend, make: tuple[Factory, Reopen], passages: list[Passage], tmp_path: Path
) -> None:
    before = full.search_dense(passages[10].vector, 5)
    again = make[1](full, tmp_path, len(passages[0].vector))
    assert again.count() == len(passages)
    assert [pid for pid, _ in again.search_dense(passages[10].vector, 5)] == [pid for pid, _ in before]


def test_hybrid_ranks_alike_on_every_engine(full: SearchBackend, passages: list[Passage]) -> None:
    """Our fusion over each engine's routes: the engines' BM25 differ in detail, the top ranks agree."""
    reference = EmbeddedBackend()
    reference.upsert(passages)
    for probe in passages[::9]:
        words = " ".join(probe.words.split()[:6])
        chars = " ".join(char_ngrams(probe.text[:12]))
        ours = [pid for pid, _ in search_hybrid(reference, probe.vector, words, chars, 5)]
        theirs = [pid for pid, _ in search_hybrid(full, probe.vector, words, chars, 5)]
        assert theirs[0] == ours[0] == probe.id
        assert len(set(ours) & set(theirs)) >= 4


def test_a_loaded_embedded_backend_serves_and_still_changes(passages: list[Passage], tmp_path: Path) -> None:
    built = EmbeddedBackend(identity_=IDENTITY)
    built.upsert(passages)
    built.save(tmp_path / "saved")
    served = EmbeddedBackend.load(tmp_path / "saved")  # the built indexes, not a rebuild from the texts
    assert served.search_dense(passages[7].vector, 1)[0][0] == passages[7].id
    served.delete(doc_id="vat-law-2024")  # the passages are read when something changes
    assert served.count() == len(passages) - DOCS["vat-law-2024"]
    assert all(not pid.startswith("vat-law-2024#") for pid, _ in served.search_dense(passages[-1].vector, 10))


@pytest.mark.parametrize("hnsw_from", [10, 10_000])
def test_a_filter_over_most_of_a_large_library_is_searched_in_the_index(
    passages: list[Passage], monkeypatch: pytest.MonkeyPatch, hnsw_from: int
) -> None:
    """Above EXACT_BELOW admitted passages the index skips refused rows itself (HNSW or Flat)."""
    monkeypatch.setattr(backend_module, "EXACT_BELOW", 0)
    backend = EmbeddedBackend(hnsw_from=hnsw_from)
    backend.upsert(passages)
    kept = tuple(d for d in DOCS if d != "vat-law-2024")
    admitted = [p for p in passages if p.doc_id in kept]
    for probe in passages[::9]:
        found = [pid for pid, _ in backend.search_dense(probe.vector, 5, Where(doc_ids=kept))]
        assert found == exact_top(admitted, probe.vector, 5)
