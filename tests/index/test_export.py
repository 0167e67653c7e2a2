"""Moving a built index into a search backend: every provision and sentence, no embedding, same
vectors and tokens — and a bot searching Milvus answers as one searching the embedded default."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest

from bot.engine import BotConfig, PolicyBot
from index.backend import BackendUnavailable, EmbeddedBackend, Where
from index.export import export, index_passages, milvus_backends
from ingest.schema import REPEALED
from tests.conftest import ANSWER_ALL, TODAY, HashEmbedder


@pytest.mark.parametrize("kind", ["embedded", "milvus"])
def test_an_index_moves_to_a_backend_without_embedding(fake_bot: PolicyBot, tmp_path: Path, kind: str) -> None:
    index = fake_bot.searcher.index
    embedded_before = fake_bot.searcher.embedder.embedded  # type: ignore[attr-defined]
    parts = index_passages(index, TODAY)
    assert [p.id for p in parts["provisions"]] == [p.key for p in index.library.provisions]
    assert len(parts["sentences"]) == len(index.sentences)
    target = f"{kind}:{tmp_path / ('emb' if kind == 'embedded' else 'lib.db')}"
    backends = export(index, target, TODAY)
    if kind == "embedded":
        backends = {name: EmbeddedBackend.load(tmp_path / "emb" / name) for name in backends}
    backend = backends["provisions"]
    assert backend.count() == len(index.library.provisions)
    assert backends["sentences"].count() == len(index.sentences)
    assert backend.identity()["embedder"] == index.manifest["embedder"]
    probe = parts["provisions"][40]
    assert backend.search_dense(probe.vector, 1)[0][0] == probe.id
    repealed_docs = {p.doc_id for p in parts["provisions"] if p.status == REPEALED}
    repealed = backend.search_dense(probe.vector, 5, Where(status=REPEALED))
    assert repealed_docs and repealed and all(pid.split("#")[0] in repealed_docs for pid, _ in repealed)
    assert fake_bot.searcher.embedder.embedded == embedded_before  # type: ignore[attr-defined]


def test_an_unknown_target_says_what_to_give(fake_bot: PolicyBot) -> None:
    with pytest.raises(ValueError, match="embedded:FOLDER or milvus:URI"):
        export(fake_bot.searcher.index, "elastic:http://x", TODAY)


QUESTIONS = (
    "小微企业贷款有什么支持政策？",
    "增值税的税率是多少",
    "拖欠中小企业的账款多久内必须支付？",
    "个体工商户可以享受哪些扶持",
    "跨境电商综合试验区",
    "What is the VAT rate for small taxpayers?",
    "北京市对中小企业有什么人才支持？",
    "企业所得税法第二十八条",
)


def test_a_bot_on_milvus_answers_as_on_the_embedded_default(
    fake_bot: PolicyBot, tmp_path_factory: pytest.TempPathFactory, caplog: pytest.LogCaptureFixture
) -> None:
    """BACKEND=milvus with a Milvus Lite file: the collections are filled on start (nothing embedded),
    and every answer — text, citations, refusals — is the embedded bot's."""
    uri = str(tmp_path_factory.mktemp("milvus") / "library.db")
    config = BotConfig(index_dir=fake_bot.searcher.index.folder, today=TODAY, backend="milvus", milvus_uri=uri)
    embedder = HashEmbedder()
    on_milvus = PolicyBot.load(config, embedder=embedder, scope_model=ANSWER_ALL)
    assert embedder.embedded == 0  # the index and its vectors were reused
    for question in QUESTIONS:
        assert on_milvus.ask(question) == fake_bot.ask(question), question
    index = fake_bot.searcher.index
    with caplog.at_level(logging.INFO, logger="index.export"):
        reopened, _ = milvus_backends(index, uri, TODAY)  # a restart finds them current
    assert "exporting" not in caplog.text and reopened.count() == len(index.library.provisions)


@pytest.mark.parametrize(
    ("env", "message"),
    [
        ({"BACKEND": "elastic"}, "give embedded"),
        ({"BACKEND": "milvus"}, "needs MILVUS_URI"),
    ],
)
def test_a_wrong_backend_setting_says_what_to_give(
    monkeypatch: pytest.MonkeyPatch, env: dict[str, str], message: str
) -> None:
    monkeypatch.delenv("MILVUS_URI", raising=False)
    for key, value in env.items():
        monkeypatch.setenv(key, value)
    with pytest.raises(ValueError, match=message):
        BotConfig.from_env()


def test_an_unreachable_milvus_says_what_to_check(fake_bot: PolicyBot) -> None:
    index = fake_bot.searcher.index
    with pytest.raises(BackendUnavailable, match="check MILVUS_URI"):
        milvus_backends(index, "http://127.0.0.1:9", TODAY)
