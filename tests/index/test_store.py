from __future__ import annotations

import json
import logging
from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest

from index.store import MANIFEST, IndexUnusable, build_index, load_index, load_or_build
from index.tokenize import PolicyTokenizer
from ingest.schema import Document
from tests.conftest import HashEmbedder


@pytest.fixture(scope="module")
def tokenizer(tmp_path_factory: pytest.TempPathFactory) -> PolicyTokenizer:
    return PolicyTokenizer(cache_dir=tmp_path_factory.mktemp("jieba"))


@pytest.fixture
def built(tmp_path: Path, policy: Document, tokenizer: PolicyTokenizer) -> Path:
    folder = tmp_path / "index"
    build_index(policy, HashEmbedder(), tokenizer, folder)
    return folder


def test_manifest_records_versions_hashes_and_identity(built: Path) -> None:
    manifest = json.loads((built / MANIFEST).read_text(encoding="utf-8"))
    assert manifest["embedder"] == "test-hash-256"
    assert manifest["measures"] == 34 and manifest["sentences"] > 34
    assert len(manifest["corpus_sha256"]) == 64
    assert {"numpy", "faiss-cpu", "bm25s", "jieba"} <= set(manifest["versions"])
    assert set(manifest["files"]) >= {"measures.faiss", "sentences.faiss", "sentences.json"}


def test_no_file_needs_pickle(built: Path) -> None:
    for path in built.rglob("*.npy"):
        np.load(path, allow_pickle=False)
    for path in built.rglob("*.json"):
        json.loads(path.read_text(encoding="utf-8"))
    assert not list(built.rglob("*.pkl")) and not list(built.rglob("*.pickle"))


def test_current_index_is_loaded_not_rebuilt(built: Path, policy: Document, tokenizer: PolicyTokenizer) -> None:
    before = json.loads((built / MANIFEST).read_text(encoding="utf-8"))["built_at"]
    index = load_or_build(policy, HashEmbedder(), tokenizer, built)
    assert index.manifest["built_at"] == before
    assert index.measure_vectors.ntotal == 34


def _damage_faiss(folder: Path) -> None:
    (folder / "measures.faiss").write_bytes(b"not a faiss index")


def _damage_manifest(folder: Path) -> None:
    (folder / MANIFEST).write_text("{ this is not json", encoding="utf-8")


def _delete_bm25(folder: Path) -> None:
    for path in (folder / "bm25_words").iterdir():
        path.unlink()


def _wrong_shape_manifest(folder: Path) -> None:
    (folder / MANIFEST).write_text("[1, 2, 3]", encoding="utf-8")


@pytest.mark.parametrize("damage", [_damage_faiss, _damage_manifest, _delete_bm25, _wrong_shape_manifest])
def test_corrupt_index_is_rebuilt_with_a_log_line(
    built: Path, policy: Document, tokenizer: PolicyTokenizer, damage, caplog: pytest.LogCaptureFixture
) -> None:
    damage(built)
    with pytest.raises(IndexUnusable):
        load_index(policy, HashEmbedder(), built)
    with caplog.at_level(logging.WARNING, logger="index.store"):
        index = load_or_build(policy, HashEmbedder(), tokenizer, built)
    assert "rebuilding" in caplog.text
    assert index.measure_vectors.ntotal == 34
    load_index(policy, HashEmbedder(), built)  # and the rebuilt folder is intact


def test_stale_corpus_is_rebuilt(
    built: Path, policy: Document, tokenizer: PolicyTokenizer, caplog: pytest.LogCaptureFixture
) -> None:
    changed = replace(policy, measures=policy.measures[:-1])
    with caplog.at_level(logging.WARNING, logger="index.store"):
        index = load_or_build(changed, HashEmbedder(), tokenizer, built)
    assert "stale: corpus_sha256" in caplog.text
    assert index.measure_vectors.ntotal == 33


def test_other_embedder_makes_the_index_stale(built: Path, policy: Document) -> None:
    other = HashEmbedder()
    other.model_id = "another-model"
    with pytest.raises(IndexUnusable, match="stale: embedder"):
        load_index(policy, other, built)


def test_missing_folder_is_built(tmp_path: Path, policy: Document, tokenizer: PolicyTokenizer) -> None:
    index = load_or_build(policy, HashEmbedder(), tokenizer, tmp_path / "new" / "index")
    assert (tmp_path / "new" / "index" / MANIFEST).is_file()
    assert index.bm25_words is not None
    assert not [p for p in (tmp_path / "new").iterdir() if p.is_dir() and p.name.startswith(".")]  # no temp folders


def test_a_folder_that_is_not_an_index_is_never_replaced(
    tmp_path: Path, policy: Document, tokenizer: PolicyTokenizer
) -> None:
    folder = tmp_path / "my-documents"
    folder.mkdir()
    (folder / "notes.txt").write_text("important", encoding="utf-8")
    with pytest.raises(IndexUnusable, match=r"not an index.*nothing was changed"):
        load_or_build(policy, HashEmbedder(), tokenizer, folder)
    assert (folder / "notes.txt").read_text(encoding="utf-8") == "important"


def test_index_behind_a_symlink_is_built_in_the_target(
    tmp_path: Path, policy: Document, tokenizer: PolicyTokenizer
) -> None:
    target = tmp_path / "real"
    target.mkdir()
    link = tmp_path / "link"
    link.symlink_to(target)
    load_or_build(policy, HashEmbedder(), tokenizer, link)
    assert link.is_symlink() and (target / MANIFEST).is_file()


def test_built_folder_is_readable_by_others(built: Path) -> None:
    assert built.stat().st_mode & 0o055 == 0o055
