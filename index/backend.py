"""Where passages live and how they are searched: one small protocol, two engines (issue 9).

Our layer does everything that decides an answer — tokenising (jieba words and character n-grams,
whitespace-joined), embedding, and fusing the routes by reciprocal rank — so every backend indexes the
same tokens and ranks the same way. A backend stores passages and answers top-k queries, one route at a
time, with a simple filter:

- ``EmbeddedBackend``: faiss (exact Flat up to ``HNSW_FROM`` passages, HNSW above) + bm25s, in memory,
  saved to a folder without pickle. The default.
- ``MilvusBackend``: ``pymilvus.MilvusClient`` — a Milvus Lite ``.db`` file, ``milvus-lite server`` over
  gRPC, or a Milvus cluster, by URI. Tokens are stored as opaque ASCII words (a hash of each token) so
  that Milvus's standard analyzer keeps every one of our tokens whole; BM25 is Milvus's own function.

Scores are each engine's own (BM25 differs in sign and IDF between engines): only ranks are compared.
"""

from __future__ import annotations

import functools
import hashlib
import json
import logging
import os
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Literal, Protocol

import numpy as np

from index import bm25
from index.fusion import reciprocal_rank_fusion

Field = Literal["words", "chars"]
Hit = tuple[str, float]  # passage id, the engine's own score (higher is better within one list)

K_ROUTE = 100  # each route's top-k before fusion
RRF_K = 60
HNSW_FROM = 20_000  # passages: exact Flat search below, HNSW at and above
# efConstruction 32 builds 5× faster than 200; searching with efSearch 256, recall@10 against exact
# search stays ≥ 0.95 (100k provisions: see the README table; 300k sentences: 0.95 where 24 gave 0.91).
HNSW_M, HNSW_EF_CONSTRUCTION, HNSW_EF_SEARCH = 32, 32, 256
EXACT_BELOW = 20_000  # admitted passages: a filtered dense search is exact below, the index's own above
MASKS_KEPT = 16
EMPTY_TOKEN = "\u2400"  # a passage without tokens still gets a row
MILVUS_BATCH = 500  # passages per upsert request (a gRPC message stays far below its size limit)


@dataclass(frozen=True, eq=False)
class Passage:
    """One unit of retrieval: a provision (or a part of a long one)."""

    id: str  # doc_id#number[#part], stable across rebuilds
    doc_id: str
    text: str
    words: str  # jieba words, whitespace-joined
    chars: str  # character n-grams, whitespace-joined
    vector: np.ndarray  # L2-normalised
    status: str = ""  # the document's status (现行有效, 已废止 …)
    agencies: tuple[str, ...] = ()


@dataclass(frozen=True)
class Where:
    """A filter every backend understands: any of these documents, this status, naming this agency."""

    doc_ids: tuple[str, ...] | None = None
    status: str | None = None
    agency: str | None = None

    def admits(self, doc_id: str, status: str, agencies: Sequence[str]) -> bool:
        return (
            (self.doc_ids is None or doc_id in self.doc_ids)
            and (self.status is None or status == self.status)
            and (self.agency is None or self.agency in agencies)
        )


class BackendUnavailable(RuntimeError):
    """A search backend cannot be reached or opened; the message says what to check."""


class SearchBackend(Protocol):
    def upsert(self, passages: Sequence[Passage]) -> None: ...
    def delete(self, *, ids: Sequence[str] = (), doc_id: str | None = None) -> None: ...
    def search_dense(self, vector: np.ndarray, k: int, where: Where = Where()) -> list[Hit]: ...
    def search_lexical(self, tokens: str, field: Field, k: int, where: Where = Where()) -> list[Hit]: ...
    def count(self) -> int: ...
    def identity(self) -> dict[str, str]: ...


def search_hybrid(
    backend: SearchBackend,
    vector: np.ndarray,
    words: str,
    chars: str,
    k: int,
    where: Where = Where(),
    k_route: int = K_ROUTE,
) -> list[Hit]:
    """Our fusion over each route's top ``k_route``: the same ranking whatever the engine."""
    routes = [
        backend.search_dense(vector, k_route, where),
        backend.search_lexical(words, "words", k_route, where),
        backend.search_lexical(chars, "chars", k_route, where),
    ]
    ids = sorted({pid for route in routes for pid, _ in route})  # ties break by id, on every engine
    number = {pid: i for i, pid in enumerate(ids)}
    fused = reciprocal_rank_fusion([[number[pid] for pid, _ in route] for route in routes], k=RRF_K)
    return [(ids[i], score) for i, score in fused[:k]]


def similarities(matrix: np.ndarray, vector: np.ndarray) -> np.ndarray:
    """Each row's inner product with ``vector``, on the calling thread.

    Not ``matrix @ vector``: OpenBLAS runs that on worker threads that keep spinning afterwards, and on
    two cores they took the CPU from the next query embedding (its p95 went from 11 to 75 ms).

    >>> similarities(np.eye(2, dtype=np.float32), np.array([0.5, 2.0], dtype=np.float32)).tolist()
    [0.5, 2.0]
    """
    return np.einsum("ij,j->i", matrix, vector)


def faiss_threads() -> int:
    """FAISS_THREADS (default 1: on a small shared machine more threads were 2–4× slower)."""
    return max(1, int(os.environ.get("FAISS_THREADS", "1")))


# ── embedded: faiss + bm25s ───────────────────────────────────────────────────────────────────────


@dataclass
class EmbeddedBackend:
    """Passages in memory; indexes built on the first search after a change. Saved with its built
    indexes, so that a serving process loads them (vectors memory-mapped) and never holds the texts."""

    identity_: dict[str, str] = field(default_factory=dict)
    hnsw_from: int = HNSW_FROM
    _passages: dict[str, Passage] | None = field(default_factory=dict)
    _built: _EmbeddedIndexes | None = None
    _folder: Path | None = None  # where the passages are read from when a loaded backend is changed

    def _all(self) -> dict[str, Passage]:
        if self._passages is None:
            assert self._folder is not None
            self._passages = {p.id: p for p in _read_passages(self._folder)}
        return self._passages

    def upsert(self, passages: Sequence[Passage]) -> None:
        stored = self._all()
        for p in passages:
            stored[p.id] = p
        self._built = None

    def delete(self, *, ids: Sequence[str] = (), doc_id: str | None = None) -> None:
        stored = self._all()
        for pid in [*ids, *(pid for pid, p in stored.items() if p.doc_id == doc_id)]:
            stored.pop(pid, None)
        self._built = None

    def count(self) -> int:
        return len(self._passages) if self._passages is not None else len(self._indexes().ids)

    def identity(self) -> dict[str, str]:
        return dict(self.identity_)

    def passages(self) -> list[Passage]:
        """Every stored passage, in the order they were first upserted."""
        return list(self._all().values())

    def matrix(self) -> np.ndarray:
        """Every passage's vector, in the order the passages were first upserted."""
        return self._indexes().vectors

    def _indexes(self) -> _EmbeddedIndexes:
        if self._built is None:
            self._built = _EmbeddedIndexes.build(list(self._all().values()), self.hnsw_from)
        return self._built

    def search_dense(self, vector: np.ndarray, k: int, where: Where = Where()) -> list[Hit]:
        return self._indexes().dense(vector, k, where)

    def search_lexical(self, tokens: str, field: Field, k: int, where: Where = Where()) -> list[Hit]:
        return self._indexes().lexical(tokens, field, k, where)

    def save(self, folder: Path) -> None:
        """Plain files, no pickle: passages.jsonl, vectors.npy, identity.json, and the built indexes
        (dense.faiss, bm25s folders words/ and chars/, rows.json)."""
        folder.mkdir(parents=True, exist_ok=True)
        passages = list(self._all().values())
        rows = [{k: v for k, v in asdict(p).items() if k != "vector"} for p in passages]
        (folder / "passages.jsonl").write_text(
            "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8"
        )
        (folder / "identity.json").write_text(json.dumps(self.identity_, ensure_ascii=False), encoding="utf-8")
        self._indexes().save(folder)

    @classmethod
    def load(cls, folder: Path) -> EmbeddedBackend:
        identity = json.loads((folder / "identity.json").read_text(encoding="utf-8"))
        return cls(identity_=identity, _passages=None, _built=_EmbeddedIndexes.load(folder), _folder=folder)


def _read_passages(folder: Path) -> list[Passage]:
    rows = [json.loads(line) for line in (folder / "passages.jsonl").read_text(encoding="utf-8").splitlines()]
    vectors = np.load(folder / "vectors.npy", allow_pickle=False)
    return [Passage(**{**r, "agencies": tuple(r["agencies"]), "vector": v}) for r, v in zip(rows, vectors, strict=True)]


@dataclass(frozen=True)
class _EmbeddedIndexes:
    ids: tuple[str, ...]
    doc_ids: np.ndarray
    statuses: np.ndarray
    agencies: tuple[frozenset[str], ...]
    vectors: np.ndarray  # for filtered (exact) dense search; memory-mapped when loaded
    dense_index: object  # faiss index
    lexical_models: dict[str, object]  # bm25s models by field

    @classmethod
    def build(cls, passages: list[Passage], hnsw_from: int) -> _EmbeddedIndexes:
        import faiss

        faiss.omp_set_num_threads(os.cpu_count() or 1)  # building uses every core; searching, FAISS_THREADS
        dim = len(passages[0].vector) if passages else 1
        vectors = np.ascontiguousarray(
            np.stack([p.vector for p in passages]) if passages else np.zeros((0, dim)), dtype=np.float32
        )
        if len(passages) >= hnsw_from:
            index = faiss.IndexHNSWFlat(dim, HNSW_M, faiss.METRIC_INNER_PRODUCT)
            index.hnsw.efConstruction = HNSW_EF_CONSTRUCTION
        else:
            index = faiss.IndexFlatIP(dim)
        index.add(vectors)
        models = {  # a field no passage has tokens in (the sentences' collection) is not indexed
            f: bm25.build([getattr(p, f).split() or [EMPTY_TOKEN] for p in passages])
            for f in ("words", "chars")
            if any(getattr(p, f) for p in passages)
        }
        return cls(
            ids=tuple(p.id for p in passages),
            doc_ids=np.array([p.doc_id for p in passages]),
            statuses=np.array([p.status for p in passages]),
            agencies=tuple(frozenset(p.agencies) for p in passages),
            vectors=vectors,
            dense_index=_searching(index),
            lexical_models=models,
        )

    def save(self, folder: Path) -> None:
        import faiss

        np.save(folder / "vectors.npy", self.vectors, allow_pickle=False)
        faiss.write_index(self.dense_index, str(folder / "dense.faiss"))
        for name, model in self.lexical_models.items():
            bm25.save(model, folder / name)
        rows = {"ids": self.ids, "doc_ids": self.doc_ids.tolist(), "statuses": self.statuses.tolist(),
                "agencies": [sorted(a) for a in self.agencies]}  # fmt: skip
        (folder / "rows.json").write_text(json.dumps(rows, ensure_ascii=False), encoding="utf-8")

    @classmethod
    def load(cls, folder: Path) -> _EmbeddedIndexes:
        import faiss

        rows = json.loads((folder / "rows.json").read_text(encoding="utf-8"))
        return cls(
            ids=tuple(rows["ids"]),
            doc_ids=np.array(rows["doc_ids"]),
            statuses=np.array(rows["statuses"]),
            agencies=tuple(frozenset(a) for a in rows["agencies"]),
            vectors=np.load(folder / "vectors.npy", mmap_mode="r", allow_pickle=False),
            dense_index=_searching(faiss.read_index(str(folder / "dense.faiss"))),
            lexical_models={name: bm25.load(folder / name) for name in ("words", "chars") if (folder / name).is_dir()},
        )

    @functools.cached_property
    def _doc_codes(self) -> tuple[np.ndarray, dict[str, int]]:
        """Each row's document as a number, and the numbers: filters compare integers, not strings."""
        codes = {d: i for i, d in enumerate(dict.fromkeys(self.doc_ids.tolist()))}
        return np.array([codes[d] for d in self.doc_ids.tolist()], dtype=np.int32), codes

    @functools.cached_property
    def _masks(self) -> dict[Where, np.ndarray]:
        return {}  # the last few filters' masks: a search asks every route with the same filter

    def admits(self, where: Where) -> np.ndarray:
        if (mask := self._masks.get(where)) is None:
            if len(self._masks) >= MASKS_KEPT:
                self._masks.clear()
            mask = self._masks[where] = self._admits(where)
        return mask

    def _admits(self, where: Where) -> np.ndarray:
        mask = np.ones(len(self.ids), dtype=bool)
        if where.doc_ids is not None:
            mask &= np.isin(
                self._doc_codes[0], [self._doc_codes[1][d] for d in where.doc_ids if d in self._doc_codes[1]]
            )
        if where.status is not None:
            mask &= self.statuses == where.status
        if where.agency is not None:
            mask &= np.fromiter((where.agency in a for a in self.agencies), dtype=bool, count=len(self.agencies))
        return mask

    def dense(self, vector: np.ndarray, k: int, where: Where) -> list[Hit]:
        n = len(self.ids)
        if not n:
            return []
        query = np.ascontiguousarray(vector.reshape(1, -1), dtype=np.float32)
        params = None
        if where != Where():
            admitted = self.admits(where)
            allowed = np.flatnonzero(admitted)
            if len(allowed) < EXACT_BELOW:  # a few documents: exact over their rows
                return _top(allowed, similarities(self.vectors[allowed], query[0]), k, self.ids)
            # Most of the library: the index itself skips the rows the filter refuses.
            import faiss

            selector = faiss.IDSelectorBitmap(np.packbits(admitted, bitorder="little"))
            params = (
                faiss.SearchParametersHNSW(sel=selector, efSearch=HNSW_EF_SEARCH)
                if hasattr(self.dense_index, "hnsw")
                else faiss.SearchParameters(sel=selector)
            )
        scores, rows = self.dense_index.search(query, min(k, n), params=params)  # type: ignore[attr-defined]
        return [(self.ids[r], float(s)) for s, r in zip(scores[0], rows[0], strict=True) if r >= 0]

    def lexical(self, tokens: str, field: Field, k: int, where: Where) -> list[Hit]:
        model = self.lexical_models.get(field)
        if model is None:
            return []
        scores = bm25.scores(model, tokens.split())
        allowed = np.flatnonzero(scores > 0 if where == Where() else self.admits(where) & (scores > 0))
        return _top(allowed, scores[allowed], k, self.ids)


def _searching(index: object) -> object:
    """The index set up for searching: HNSW's efSearch, FAISS_THREADS threads."""
    import faiss

    if hasattr(index, "hnsw"):
        index.hnsw.efSearch = HNSW_EF_SEARCH  # type: ignore[attr-defined]
    faiss.omp_set_num_threads(faiss_threads())
    return index


def _top(rows: np.ndarray, scores: np.ndarray, k: int, ids: Sequence[str]) -> list[Hit]:
    """The k best (row, score) as (id, score), best first, ties by id."""
    if len(rows) > k:
        keep = np.argpartition(-scores, k - 1)[:k]
        rows, scores = rows[keep], scores[keep]
    order = sorted(range(len(rows)), key=lambda i: (-float(scores[i]), ids[rows[i]]))
    return [(ids[rows[i]], float(scores[i])) for i in order]


# ── Milvus ────────────────────────────────────────────────────────────────────────────────────────


def opaque_tokens(tokens: str) -> str:
    """Each token as an ASCII word Milvus's standard analyzer keeps whole (t + 12 hex digits).

    >>> opaque_tokens("专利 质押") == opaque_tokens("专利  质押") and len(opaque_tokens("专利").split()) == 1
    True
    """
    return " ".join(
        "t" + hashlib.blake2b(t.encode(), digest_size=6).hexdigest() for t in tokens.split() or [EMPTY_TOKEN]
    )


def _milvus_client(uri: str):
    """A client for ``uri``. pymilvus reads MILVUS_URI when imported and refuses a Milvus Lite file
    there (it wants http://…), so a file path is hidden from it while it is imported."""
    saved = os.environ.get("MILVUS_URI")
    if saved is not None and "://" not in saved:
        del os.environ["MILVUS_URI"]
    try:
        from pymilvus import MilvusClient
    finally:
        if saved is not None:
            os.environ["MILVUS_URI"] = saved
    return MilvusClient(uri=uri)


class MilvusBackend:
    """A Milvus collection: dense vector (IP), BM25 over words and over character n-grams."""

    def __init__(
        self,
        uri: str,
        dim: int,
        identity: dict[str, str] | None = None,
        collection: str = "provisions",
        *,
        fresh: bool = False,
    ) -> None:
        """Open (or create) ``collection`` at ``uri``; ``fresh`` drops what it held first."""
        try:
            self.client = _milvus_client(uri)
        except Exception as exc:  # pymilvus raises MilvusException, ConnectionConfigException, OSError …
            raise BackendUnavailable(
                f"cannot open Milvus at {uri!r} ({exc}): check MILVUS_URI (http://host:19530 or a .db file) "
                "and that the server runs, or use BACKEND=embedded"
            ) from None
        self.collection = collection
        if fresh and self.client.has_collection(collection):
            self.client.drop_collection(collection)
        if not self.client.has_collection(collection):
            self._create(dim, identity or {})
        self.client.load_collection(collection)  # a collection of an earlier process starts released

    def _create(self, dim: int, identity: dict[str, str]) -> None:
        from pymilvus import DataType, Function, FunctionType

        schema = self.client.create_schema(auto_id=False)
        schema.add_field("id", DataType.VARCHAR, is_primary=True, max_length=256)
        schema.add_field("doc_id", DataType.VARCHAR, max_length=256)
        schema.add_field("status", DataType.VARCHAR, max_length=64)
        schema.add_field("agencies", DataType.ARRAY, element_type=DataType.VARCHAR, max_capacity=64, max_length=128)
        schema.add_field("text", DataType.VARCHAR, max_length=65535)
        schema.add_field("vector", DataType.FLOAT_VECTOR, dim=dim)
        params = self.client.prepare_index_params()
        params.add_index("vector", index_type="FLAT", metric_type="IP")
        for name in ("words", "chars"):
            schema.add_field(
                name,
                DataType.VARCHAR,
                max_length=65535,
                enable_analyzer=True,
                analyzer_params={"tokenizer": "standard"},
            )
            schema.add_field(f"{name}_sparse", DataType.SPARSE_FLOAT_VECTOR)
            schema.add_function(
                Function(
                    name=f"bm25_{name}",
                    function_type=FunctionType.BM25,
                    input_field_names=[name],
                    output_field_names=[f"{name}_sparse"],
                )
            )
            params.add_index(
                f"{name}_sparse",
                index_type="SPARSE_INVERTED_INDEX",
                metric_type="BM25",
                params={"bm25_k1": bm25.K1, "bm25_b": bm25.B},  # as in the embedded backend
            )
        # Milvus Lite's in-process gRPC server logs a traceback for every AllocTimestamp pymilvus sends
        # while it waits for the indexes (it does not implement it, and pymilvus carries on without).
        grpc_log = logging.getLogger("grpc._server")
        level = grpc_log.level
        grpc_log.setLevel(logging.CRITICAL)
        try:
            self.client.create_collection(
                self.collection,
                schema=schema,
                index_params=params,
                properties={"identity": json.dumps(identity, ensure_ascii=False)},
            )
        finally:
            grpc_log.setLevel(level)

    def upsert(self, passages: Sequence[Passage]) -> None:
        rows = [
            {
                "id": p.id,
                "doc_id": p.doc_id,
                "status": p.status,
                "agencies": list(p.agencies),
                "text": p.text,
                "vector": np.asarray(p.vector, dtype=np.float32).tolist(),
                "words": opaque_tokens(p.words),
                "chars": opaque_tokens(p.chars),
            }
            for p in passages
        ]
        for start in range(0, len(rows), MILVUS_BATCH):
            self.client.upsert(self.collection, rows[start : start + MILVUS_BATCH])

    def delete(self, *, ids: Sequence[str] = (), doc_id: str | None = None) -> None:
        if ids:
            self.client.delete(self.collection, ids=list(ids))
        if doc_id is not None:
            self.client.delete(self.collection, filter=f"doc_id == {json.dumps(doc_id, ensure_ascii=False)}")

    def count(self) -> int:
        rows = self.client.query(self.collection, filter="", output_fields=["count(*)"])
        return int(rows[0]["count(*)"])

    def identity(self) -> dict[str, str]:
        properties = self.client.describe_collection(self.collection).get("properties") or {}
        return json.loads(properties.get("identity") or "{}")

    def search_dense(self, vector: np.ndarray, k: int, where: Where = Where()) -> list[Hit]:
        data = [np.asarray(vector, dtype=np.float32).tolist()]
        return self._search(data, "vector", "IP", k, where)

    def search_lexical(self, tokens: str, field: Field, k: int, where: Where = Where()) -> list[Hit]:
        return self._search([opaque_tokens(tokens)], f"{field}_sparse", "BM25", k, where)

    def _search(self, data: list, anns_field: str, metric: str, k: int, where: Where) -> list[Hit]:
        found = self.client.search(
            self.collection,
            data=data,
            anns_field=anns_field,
            limit=k,
            filter=_milvus_filter(where),
            search_params={"metric_type": metric},
        )
        hits = [(h["id"], float(h["distance"])) for h in found[0]]
        if metric == "BM25":  # Milvus Lite reports BM25 as a negated distance: scores only order a list
            hits = [(pid, abs(score)) for pid, score in hits if score]
        return hits


def _milvus_filter(where: Where) -> str:
    parts = []
    if where.doc_ids is not None:
        parts.append(f"doc_id in {json.dumps(list(where.doc_ids), ensure_ascii=False)}")
    if where.status is not None:
        parts.append(f"status == {json.dumps(where.status, ensure_ascii=False)}")
    if where.agency is not None:
        parts.append(f"array_contains(agencies, {json.dumps(where.agency, ensure_ascii=False)})")
    return " and ".join(parts)
