"""Moving a built index into a search backend: every provision, no embedding, same vectors and tokens."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.engine import PolicyBot
from index.backend import EmbeddedBackend, Where
from index.export import identity_of, index_passages, open_target
from ingest.schema import REPEALED
from tests.conftest import TODAY


@pytest.mark.parametrize("kind", ["embedded", "milvus"])
def test_an_index_moves_to_a_backend_without_embedding(fake_bot: PolicyBot, tmp_path: Path, kind: str) -> None:
    index, tokenizer = fake_bot.searcher.index, fake_bot.searcher.tokenizer
    embedded_before = fake_bot.searcher.embedder.embedded  # type: ignore[attr-defined]
    passages = index_passages(index, tokenizer, TODAY)
    assert [p.id for p in passages] == [p.key for p in index.library.provisions]
    target = f"{kind}:{tmp_path / ('emb' if kind == 'embedded' else 'lib.db')}"
    backend = open_target(target, len(passages[0].vector), identity_of(index, tokenizer))
    backend.upsert(passages)
    if isinstance(backend, EmbeddedBackend):
        backend.save(tmp_path / "emb")
        backend = EmbeddedBackend.load(tmp_path / "emb")
    assert backend.count() == len(index.library.provisions)
    assert backend.identity()["embedder"] == index.manifest["embedder"]
    probe = passages[40]
    assert backend.search_dense(probe.vector, 1)[0][0] == probe.id
    repealed_docs = {p.doc_id for p in passages if p.status == REPEALED}
    repealed = backend.search_dense(probe.vector, 5, Where(status=REPEALED))
    assert repealed_docs and repealed and all(pid.split("#")[0] in repealed_docs for pid, _ in repealed)
    assert fake_bot.searcher.embedder.embedded == embedded_before  # type: ignore[attr-defined]


def test_an_unknown_target_says_what_to_give() -> None:
    with pytest.raises(ValueError, match="embedded:FOLDER or milvus:URI"):
        open_target("elastic:http://x", 4, {})
