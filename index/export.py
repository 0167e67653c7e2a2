"""A built index as backend passages: what moves a library to another engine without re-embedding.

    python -m index export --to embedded:var/backend          # the embedded backend's folder
    python -m index export --to milvus:http://milvus:19530    # a Milvus server or cluster
    python -m index export --to milvus:var/library.db         # Milvus Lite in a file

Each provision becomes one passage (id ``doc_id#number``) with the vector already in the index, the
same jieba words and character n-grams the index was built from, the document's status on a day
(现行有效, 已废止, 已被修订 …) and the bodies the provision names.
"""

from __future__ import annotations

import datetime as dt

from index.backend import EmbeddedBackend, MilvusBackend, Passage, SearchBackend
from index.store import PolicyIndex, passages, pipeline_fingerprint
from index.tokenize import PolicyTokenizer, char_ngrams
from ingest.validity import status_on


def index_passages(index: PolicyIndex, tokenizer: PolicyTokenizer, day: dt.date) -> list[Passage]:
    """Every provision of the index as a passage, in library order."""
    metas = {d.meta.doc_id: d.meta for d in index.library.documents}
    rows = zip(index.library.provisions, passages(index.library), index.passage_matrix(), strict=True)
    out = []
    for provision, text, vector in rows:
        out.append(
            Passage(
                id=provision.key,
                doc_id=provision.doc_id,
                text=text,
                words=" ".join(tokenizer.words(text)),
                chars=" ".join(char_ngrams(text)),
                vector=vector,
                status=status_on(metas[provision.doc_id], day, metas).code,
                agencies=provision.agencies,
            )
        )
    return out


def identity_of(index: PolicyIndex, tokenizer: PolicyTokenizer) -> dict[str, str]:
    return {
        "embedder": str(index.manifest["embedder"]),
        "library": str(index.manifest["library_sha256"]),
        "pipeline": pipeline_fingerprint(tokenizer),
    }


def open_target(target: str, dim: int, identity: dict[str, str]) -> SearchBackend:
    """``embedded:FOLDER`` or ``milvus:URI`` → an empty or existing backend there."""
    kind, _, where = target.partition(":")
    if kind == "embedded" and where:
        return EmbeddedBackend(identity_=identity)
    if kind == "milvus" and where:
        return MilvusBackend(where, dim, identity)
    raise ValueError(f"unknown target {target!r}: give embedded:FOLDER or milvus:URI (a server URL or a .db file)")
