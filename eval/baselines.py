"""Baselines measured beside the bot, on the same questions in the same run.

Each baseline answers like a plain retriever would: the top provisions as citations, the text of
the best one as the answer, never out of scope.

- ``bm25_jieba``: BM25 over jieba tokens of each provision.
- ``dense``: the same embedder as the bot, one vector per provision, cosine top-k.
- ``langchain_recipe``: the common recipe — RecursiveCharacterTextSplitter(500, 50) over the raw
  document files, dense top-k chunks, each chunk mapped to the provision of its file it mostly holds.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import numpy as np

from bot.engine import PolicyBot
from bot.question import QuestionError, clean_question
from index import dense
from ingest.schema import Document, Provision

TOP_K = 3
AnswerFn = Callable[[dict], dict]


def _as_answer(question_id: str, provisions: Sequence[Provision], text: str | None = None) -> dict:
    top = provisions[0] if provisions else None
    body = text if text is not None else (top.full_text if top else "")
    return {
        "id": question_id,
        "answer": body,
        "citations": [{"doc_id": p.doc_id, "number": p.number, "title": p.title} for p in provisions],
        "out_of_scope": False,
    }


def _question_text(q: dict) -> str:
    try:
        return clean_question(q["question"])
    except QuestionError:
        return ""


def bm25_jieba(bot: PolicyBot) -> AnswerFn:
    searcher, provisions = bot.searcher, bot.library.provisions

    def answer(q: dict) -> dict:
        words = " ".join(searcher.tokenizer.words(_question_text(q)))
        found = searcher.provisions_backend.search_lexical(words, "words", TOP_K)
        return _as_answer(q["id"], [provisions[searcher.positions[pid]] for pid, _ in found])

    return answer


def dense_only(bot: PolicyBot) -> AnswerFn:
    searcher, provisions = bot.searcher, bot.library.provisions

    def answer(q: dict) -> dict:
        found = searcher.provisions_backend.search_dense(searcher.embed_query(_question_text(q)), TOP_K)
        return _as_answer(q["id"], [provisions[searcher.positions[pid]] for pid, _ in found])

    return answer


def chunk_owner(chunk: str, document: Document) -> Provision | None:
    """The provision of a document whose text shares the most character bigrams with a chunk."""
    grams = {chunk[i : i + 2] for i in range(len(chunk) - 1)}
    best, best_overlap = None, 0
    for p in document.provisions:
        text = p.full_text
        overlap = sum(1 for g in grams if g in text)
        if overlap > best_overlap:
            best, best_overlap = p, overlap
    return best


def langchain_recipe(bot: PolicyBot, raw_texts: dict[str, str]) -> AnswerFn:
    """``raw_texts``: doc_id → the document file's text, as a user of the recipe would load it."""
    from langchain_text_splitters import RecursiveCharacterTextSplitter

    splitter = RecursiveCharacterTextSplitter(chunk_size=500, chunk_overlap=50)
    chunks: list[str] = []
    owners: list[Provision | None] = []
    for doc_id, text in raw_texts.items():
        document = bot.library.get(doc_id)
        for chunk in splitter.split_text(text):
            chunks.append(chunk)
            owners.append(chunk_owner(chunk, document) if document else None)
    embedder = bot.searcher.embedder
    chunk_index = dense.build(embedder.embed(chunks, query=False))

    def answer(q: dict) -> dict:
        sims = dense.similarities(chunk_index, embedder.embed([_question_text(q)], query=True)[0])
        order = [int(i) for i in np.argsort(-sims, kind="stable")[:TOP_K]]
        cited: list[Provision] = []
        for i in order:
            owner = owners[i]
            if owner is not None and owner not in cited:
                cited.append(owner)
        return _as_answer(q["id"], cited, text=chunks[order[0]])

    return answer
