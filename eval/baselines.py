"""Baselines measured beside the bot, on the same questions in the same run.

Each baseline answers like a plain retriever would: the top measures as citations, the text of
the best one as the answer, never out of scope.

- ``bm25_jieba``: BM25 over jieba tokens of each measure.
- ``dense``: the same embedder as the bot, one vector per measure, cosine top-k.
- ``langchain_recipe``: the common recipe — RecursiveCharacterTextSplitter(500, 50) over the
  raw policy text, dense top-k chunks, each chunk mapped to the measure it mostly belongs to.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from bot.engine import PolicyBot
from bot.question import QuestionError, clean_question
from index import bm25, dense
from ingest.schema import Document, Measure

TOP_K = 3
AnswerFn = Callable[[dict], dict]


def _as_answer(question_id: str, measures: list[Measure], text: str | None = None) -> dict:
    top = measures[0] if measures else None
    body = text if text is not None else (top.full_text if top else "")
    return {
        "id": question_id,
        "answer": body,
        "citations": [{"measure": m.number, "title": m.title} for m in measures],
        "out_of_scope": False,
    }


def _question_text(q: dict) -> str:
    try:
        return clean_question(q["question"])
    except QuestionError:
        return ""


def bm25_jieba(bot: PolicyBot) -> AnswerFn:
    index, tokenizer, measures = bot.searcher.index, bot.searcher.tokenizer, bot.document.measures

    def answer(q: dict) -> dict:
        scores = bm25.scores(index.bm25_words, tokenizer.words(_question_text(q)))
        order = [int(i) for i in np.argsort(-scores, kind="stable")[:TOP_K] if scores[i] > 0]
        return _as_answer(q["id"], [measures[i] for i in order])

    return answer


def dense_only(bot: PolicyBot) -> AnswerFn:
    index, searcher, measures = bot.searcher.index, bot.searcher, bot.document.measures

    def answer(q: dict) -> dict:
        sims = dense.similarities(index.measure_vectors, searcher.embed_query(_question_text(q)))
        order = [int(i) for i in np.argsort(-sims, kind="stable")[:TOP_K]]
        return _as_answer(q["id"], [measures[i] for i in order])

    return answer


def chunk_owner(chunk: str, document: Document) -> Measure | None:
    """The measure whose text shares the most characters with a chunk (its bigram overlap)."""
    grams = {chunk[i : i + 2] for i in range(len(chunk) - 1)}
    best, best_overlap = None, 0
    for m in document.measures:
        text = m.full_text
        overlap = sum(1 for g in grams if g in text)
        if overlap > best_overlap:
            best, best_overlap = m, overlap
    return best


def langchain_recipe(bot: PolicyBot, raw_text: str) -> AnswerFn:
    from langchain_text_splitters import RecursiveCharacterTextSplitter

    splitter = RecursiveCharacterTextSplitter(chunk_size=500, chunk_overlap=50)
    chunks = splitter.split_text(raw_text)
    embedder = bot.searcher.embedder
    chunk_index = dense.build(embedder.embed(chunks, query=False))
    owners = [chunk_owner(c, bot.document) for c in chunks]

    def answer(q: dict) -> dict:
        sims = dense.similarities(chunk_index, embedder.embed([_question_text(q)], query=True)[0])
        order = [int(i) for i in np.argsort(-sims, kind="stable")[:TOP_K]]
        cited: list[Measure] = []
        for i in order:
            owner = owners[i]
            if owner is not None and owner not in cited:
                cited.append(owner)
        return _as_answer(q["id"], cited, text=chunks[order[0]])

    return answer
