"""Hybrid retrieval: dense (measure and sentence vectors) + BM25 over jieba words + BM25 over
character n-grams, fused by reciprocal rank fusion.

A retriever list whose scores are all zero (e.g. BM25 on an English question) abstains
instead of voting with an arbitrary order.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from bot.expand import expand
from index import bm25, dense
from index.embedders import Embedder
from index.fusion import reciprocal_rank_fusion
from index.store import PolicyIndex
from index.tokenize import PolicyTokenizer, char_ngrams
from ingest.schema import Hit

RRF_K = 60


@dataclass(frozen=True)
class Retrieval:
    """Everything one search produced; scores are arrays indexed by measure position."""

    hits: tuple[Hit, ...]  # fused ranking over all measures, best first
    dense: np.ndarray  # cosine: max of the measure vector and its best sentence
    words: np.ndarray  # BM25 over jieba words
    chars: np.ndarray  # BM25 over character n-grams
    sentence_similarity: np.ndarray  # cosine of the query to every indexed sentence
    query_words: tuple[str, ...]  # jieba words of the question and its expansion terms


def _ranking(scores: np.ndarray) -> list[int]:
    """Positions by descending score; empty when every score is zero (the retriever abstains)."""
    if not np.any(scores > 0):
        return []
    return [int(i) for i in np.argsort(-scores, kind="stable")]


class HybridSearcher:
    """Search one loaded index. Holds the index, the embedder and the tokeniser; pure otherwise."""

    def __init__(
        self,
        index: PolicyIndex,
        embedder: Embedder,
        tokenizer: PolicyTokenizer,
        *,
        weights: tuple[float, float, float] = (1.0, 1.0, 1.0),
    ) -> None:
        self.index = index
        self.embedder = embedder
        self.tokenizer = tokenizer
        self.weights = weights
        self._sentence_owner = np.array([self._position(number) for number, _ in index.sentences], dtype=np.int64)

    def _position(self, number: int) -> int:
        for i, m in enumerate(self.index.document.measures):
            if m.number == number:
                return i
        raise KeyError(number)

    def embed_query(self, text: str) -> np.ndarray:
        return self.embedder.embed([text], query=True)[0]

    def search(self, text: str, *, query_vector: np.ndarray | None = None) -> Retrieval:
        measures = self.index.document.measures
        qv = self.embed_query(text) if query_vector is None else query_vector
        measure_sim = dense.similarities(self.index.measure_vectors, qv)
        sentence_sim = dense.similarities(self.index.sentence_vectors, qv)
        best_sentence = np.full(len(measures), -1.0, dtype=np.float32)
        np.maximum.at(best_sentence, self._sentence_owner, sentence_sim)
        dense_scores = np.maximum(measure_sim, best_sentence)

        lexical_text = expand(text)
        words = self.tokenizer.words(lexical_text)
        word_scores = bm25.scores(self.index.bm25_words, words)
        char_scores = bm25.scores(self.index.bm25_chars, char_ngrams(lexical_text))

        rankings = [_ranking(dense_scores), _ranking(word_scores), _ranking(char_scores)]
        fused = reciprocal_rank_fusion(rankings, k=RRF_K, weights=list(self.weights))
        hits = tuple(Hit(measures[i], score, "fusion") for i, score in fused)
        return Retrieval(hits, dense_scores, word_scores, char_scores, sentence_sim, tuple(words))

    def sentences_of(self, number: int) -> list[tuple[int, str]]:
        """(row in sentence_similarity, sentence) for one measure, in document order."""
        return [(row, s) for row, (n, s) in enumerate(self.index.sentences) if n == number]
