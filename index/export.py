"""A built index in a search backend: what moves a library to another engine without re-embedding.

    python -m index export --to embedded:var/backend          # the embedded backend's folders
    python -m index export --to milvus:http://milvus:19530    # a Milvus server or cluster
    python -m index export --to milvus:var/library.db         # Milvus Lite in a file

Two collections (named after the index folder, e.g. ``index_provisions`` and ``index_sentences`` for
``var/index``, so that the indexes of two libraries never share one): ``provisions`` (one passage per provision, id ``doc_id#number``, with the vector
already in the index, the same jieba words and character n-grams the index was built from, the
document's status on a day — 现行有效, 已废止, 已被修订 … — and the bodies the provision names) and
``sentences`` (one passage per sentence of a provision, id ``doc_id#number#sN``, dense only).

With ``BACKEND=milvus`` the bot searches there (``milvus_backends``): collections that do not hold the
index being served are filled again from it on start, still without embedding anything.
"""

from __future__ import annotations

import datetime as dt
import logging
import re
from dataclasses import replace
from pathlib import Path

from index.backend import EmbeddedBackend, MilvusBackend, Passage, SearchBackend
from index.store import PolicyIndex
from ingest.validity import status_on

log = logging.getLogger(__name__)

COLLECTIONS = ("provisions", "sentences")


def index_passages(index: PolicyIndex, day: dt.date) -> dict[str, list[Passage]]:
    """The index's provisions and sentences as passages (library order), each with its document's status on ``day``."""
    metas = {d.meta.doc_id: d.meta for d in index.library.documents}
    status = {doc_id: status_on(meta, day, metas).code for doc_id, meta in metas.items()}
    return {
        name: [replace(p, status=status[p.doc_id]) for p in backend.passages()]
        for name, backend in zip(COLLECTIONS, (index.provisions, index.sentences_backend), strict=True)
    }


def collection_name(index: PolicyIndex, name: str) -> str:
    """The Milvus collection of one part of an index: the index folder's name, then the part's.

    >>> class Index: folder = Path("var/index-miit-2021-169")
    >>> collection_name(Index(), "sentences")
    'index_miit_2021_169_sentences'
    """
    return re.sub(r"\W", "_", f"{index.folder.name}_{name}", flags=re.ASCII).lstrip("_0123456789") or name


def identity_of(index: PolicyIndex) -> dict[str, str]:
    """What a backend's passages were made with: the index manifest's embedder, library and pipeline
    (checked against the running code when the index was loaded)."""
    return {
        "embedder": str(index.manifest["embedder"]),
        "library": str(index.manifest["library_sha256"]),
        "pipeline": str(index.manifest["pipeline_sha256"]),
    }


def export(index: PolicyIndex, target: str, day: dt.date) -> dict[str, SearchBackend]:
    """``embedded:FOLDER`` or ``milvus:URI`` → the index's collections there, replacing what they held."""
    kind, _, where = target.partition(":")
    if kind not in ("embedded", "milvus") or not where:
        raise ValueError(f"unknown target {target!r}: give embedded:FOLDER or milvus:URI (a server URL or a .db file)")
    identity = identity_of(index)
    out: dict[str, SearchBackend] = {}
    for name, passages in index_passages(index, day).items():
        if kind == "embedded":
            backend = EmbeddedBackend(identity_=identity)
            backend.upsert(passages)
            backend.save(Path(where) / name)
        else:
            dim = int(index.manifest["dim"])
            backend = MilvusBackend(where, dim, identity, collection=collection_name(index, name), fresh=True)
            backend.upsert(passages)
        out[name] = backend
    return out


def milvus_backends(index: PolicyIndex, uri: str, day: dt.date) -> tuple[MilvusBackend, MilvusBackend]:
    """The provisions and sentences collections at ``uri``, holding this index: when their identity or
    size differ from it (another library, embedder or tokeniser; an interrupted export), they are
    filled again from the index's own vectors."""
    identity = identity_of(index)
    sizes = {"provisions": index.provisions.count(), "sentences": index.sentences_backend.count()}
    dim = int(index.manifest["dim"])
    backends = {
        name: MilvusBackend(uri, dim, identity, collection=collection_name(index, name)) for name in COLLECTIONS
    }
    if any(b.identity() != identity or b.count() != sizes[name] for name, b in backends.items()):
        log.info("Milvus at %s does not hold this index; exporting it there (nothing is embedded)", uri)
        backends = export(index, f"milvus:{uri}", day)  # type: ignore[assignment]
    return backends["provisions"], backends["sentences"]
