"""The index folder over a library: manifest, no pickle, never loaded stale or damaged, and a vector
cache so that adding a document embeds only that document."""

from __future__ import annotations

import json
import logging
from pathlib import Path

import numpy as np
import pytest

from index.store import MANIFEST, IndexUnusable, build_index, cache_dir_for, load_index, load_or_build
from index.tokenize import PolicyTokenizer, library_vocabulary
from ingest import Library
from tests.conftest import HashEmbedder


@pytest.fixture(scope="module")
def tokenizer(demo_library: Library, tmp_path_factory: pytest.TempPathFactory) -> PolicyTokenizer:
    return PolicyTokenizer(library_vocabulary(demo_library), cache_dir=tmp_path_factory.mktemp("jieba"))


@pytest.fixture
def built(tmp_path: Path, demo_library: Library, tokenizer: PolicyTokenizer) -> Path:
    folder = tmp_path / "index"
    build_index(demo_library, HashEmbedder(), tokenizer, folder)
    return folder


def test_manifest_records_versions_hashes_and_identity(built: Path, demo_library: Library) -> None:
    manifest = json.loads((built / MANIFEST).read_text(encoding="utf-8"))
    assert manifest["embedder"] == "test-hash-256"
    assert manifest["provisions"] == len(demo_library.provisions) and manifest["sentences"] > manifest["provisions"]
    assert set(manifest["documents"]) == set(demo_library.doc_ids)
    assert len(manifest["library_sha256"]) == 64 and len(manifest["pipeline_sha256"]) == 64
    assert {"numpy", "faiss-cpu", "bm25s", "jieba"} <= set(manifest["versions"])
    assert set(manifest["files"]) >= {
        "provisions/dense.faiss",
        "sentences/dense.faiss",
        "sentences.json",
        "vocabulary.json",
    }


def test_no_file_needs_pickle(built: Path) -> None:
    for path in [*built.rglob("*.npy"), *cache_dir_for(built).rglob("*.npz")]:
        np.load(path, allow_pickle=False)
    for path in built.rglob("*.json"):
        json.loads(path.read_text(encoding="utf-8"))
    assert not list(built.rglob("*.pkl")) and not list(built.rglob("*.pickle"))


def test_current_index_is_loaded_not_rebuilt(built: Path, demo_library: Library, tokenizer: PolicyTokenizer) -> None:
    before = json.loads((built / MANIFEST).read_text(encoding="utf-8"))["built_at"]
    index = load_or_build(demo_library, HashEmbedder(), tokenizer, built)
    assert index.manifest["built_at"] == before
    assert index.provisions.count() == len(demo_library.provisions)


def test_adding_a_document_embeds_only_that_document(
    tmp_path: Path, demo_library: Library, tokenizer: PolicyTokenizer
) -> None:
    smaller = Library(demo_library.documents[:-1], agencies=demo_library.agencies)
    embedder = HashEmbedder()
    build_index(smaller, embedder, tokenizer, tmp_path / "index")
    first = embedder.embedded
    index = build_index(demo_library, embedder, tokenizer, tmp_path / "index")
    added = demo_library.documents[-1]
    assert 0 < embedder.embedded - first == index.manifest["embedded"]
    assert index.manifest["embedded"] <= len(added.provisions) * 6  # its passages and sentences, nothing else
    build_index(demo_library, embedder, tokenizer, tmp_path / "index")  # a rebuild of the same library
    assert embedder.embedded - first == index.manifest["embedded"]


def test_a_damaged_vector_cache_costs_a_re_embedding_not_a_crash(
    built: Path, demo_library: Library, tokenizer: PolicyTokenizer
) -> None:
    for path in cache_dir_for(built).rglob("*.npz"):
        path.write_bytes(b"garbage")
    index = build_index(demo_library, HashEmbedder(), tokenizer, built)
    assert index.manifest["embedded"] > 0


def _damage_faiss(folder: Path) -> None:
    (folder / "provisions" / "dense.faiss").write_bytes(b"not a faiss index")


def _damage_manifest(folder: Path) -> None:
    (folder / MANIFEST).write_text("{ this is not json", encoding="utf-8")


def _delete_bm25(folder: Path) -> None:
    for path in (folder / "provisions" / "words").iterdir():
        path.unlink()


def _wrong_shape_manifest(folder: Path) -> None:
    (folder / MANIFEST).write_text("[1, 2, 3]", encoding="utf-8")


@pytest.mark.parametrize("damage", [_damage_faiss, _damage_manifest, _delete_bm25, _wrong_shape_manifest])
def test_corrupt_index_is_rebuilt_with_a_log_line(
    built: Path, demo_library: Library, tokenizer: PolicyTokenizer, damage, caplog: pytest.LogCaptureFixture
) -> None:
    damage(built)
    with pytest.raises(IndexUnusable):
        load_index(demo_library, HashEmbedder(), tokenizer, built)
    with caplog.at_level(logging.WARNING, logger="index.store"):
        index = load_or_build(demo_library, HashEmbedder(), tokenizer, built)
    assert "rebuilding" in caplog.text
    assert index.provisions.count() == len(demo_library.provisions)
    load_index(demo_library, HashEmbedder(), tokenizer, built)  # and the rebuilt folder is intact


def test_a_changed_library_is_rebuilt(
    built: Path, demo_library: Library, tokenizer: PolicyTokenizer, caplog: pytest.LogCaptureFixture
) -> None:
    changed = Library(demo_library.documents[:-1], agencies=demo_library.agencies)
    with caplog.at_level(logging.WARNING, logger="index.store"):
        index = load_or_build(changed, HashEmbedder(), tokenizer, built)
    assert "stale: library_sha256" in caplog.text
    assert index.provisions.count() == len(changed.provisions)


def test_other_embedder_or_dictionary_makes_the_index_stale(
    built: Path, demo_library: Library, tokenizer: PolicyTokenizer
) -> None:
    other = HashEmbedder()
    other.model_id = "another-model"
    with pytest.raises(IndexUnusable, match="stale: embedder"):
        load_index(demo_library, other, tokenizer, built)
    more_words = PolicyTokenizer((*tokenizer.dictionary, "新术语 30000"))
    with pytest.raises(IndexUnusable, match="stale: pipeline_sha256"):
        load_index(demo_library, HashEmbedder(), more_words, built)


def test_missing_folder_is_built(tmp_path: Path, demo_library: Library, tokenizer: PolicyTokenizer) -> None:
    index = load_or_build(demo_library, HashEmbedder(), tokenizer, tmp_path / "new" / "index")
    assert (tmp_path / "new" / "index" / MANIFEST).is_file()
    assert index.vocabulary and index.sentences_backend.count() == len(index.sentences)
    assert not [p for p in (tmp_path / "new").iterdir() if p.is_dir() and p.name.startswith(".")]  # no temp folders


def test_a_folder_that_is_not_an_index_is_never_replaced(
    tmp_path: Path, demo_library: Library, tokenizer: PolicyTokenizer
) -> None:
    folder = tmp_path / "my-documents"
    folder.mkdir()
    (folder / "notes.txt").write_text("important", encoding="utf-8")
    with pytest.raises(IndexUnusable, match=r"not an index.*nothing was changed"):
        load_or_build(demo_library, HashEmbedder(), tokenizer, folder)
    assert (folder / "notes.txt").read_text(encoding="utf-8") == "important"


def test_index_behind_a_symlink_is_built_in_the_target(
    tmp_path: Path, demo_library: Library, tokenizer: PolicyTokenizer
) -> None:
    target = tmp_path / "real"
    target.mkdir()
    link = tmp_path / "link"
    link.symlink_to(target)
    load_or_build(demo_library, HashEmbedder(), tokenizer, link)
    assert link.is_symlink() and (target / MANIFEST).is_file()


def test_built_folder_is_readable_by_others(built: Path) -> None:
    assert built.stat().st_mode & 0o055 == 0o055
