"""Hybrid retrieval: dense (measure and sentence vectors) + BM25 over jieba words + BM25 over
character n-grams, fused by reciprocal rank fusion.

A retriever list whose scores are all zero (e.g. BM25 on an English question) abstains
instead of voting with an arbitrary order.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType

import numpy as np

from bot.expand import expand
from index import bm25, dense
from index.embedders import Embedder
from index.fusion import reciprocal_rank_fusion
from index.store import PolicyIndex
from index.tokenize import PolicyTokenizer, char_ngrams
from ingest.schema import Hit, Measure

RRF_K = 60
QUERY_CACHE_SIZE = 4096


@dataclass(frozen=True)
class Retrieval:
    """Everything one search produced; scores are arrays indexed by measure position."""

    hits: tuple[Hit, ...]  # fused ranking over all measures, best first
    dense: np.ndarray  # cosine: max of the measure vector and its best sentence
    words: np.ndarray  # BM25 over jieba words
    chars: np.ndarray  # BM25 over character n-grams
    sentence_similarity: np.ndarray  # cosine of the query to every indexed sentence
    query_words: tuple[str, ...]  # jieba words of the question and its expansion terms
    positions: Mapping[int, int]  # measure number → index into the score arrays

    def dense_of(self, measure: Measure) -> float:
        return float(self.dense[self.positions[measure.number]])


def _ranking(scores: np.ndarray, *, may_abstain: bool = True) -> list[int]:
    """Positions by descending score; empty when every score is zero and the retriever may abstain."""
    if may_abstain and not np.any(scores > 0):
        return []
    return [int(i) for i in np.argsort(-scores, kind="stable")]


class HybridSearcher:
    """Search one loaded index. Holds the index, the embedder and the tokeniser; pure otherwise."""

    def __init__(
        self,
        index: PolicyIndex,
        embedder: Embedder,
        tokenizer: PolicyTokenizer,
    ) -> None:
        self.index = index
        self.embedder = embedder
        self.tokenizer = tokenizer
        self.positions = MappingProxyType({m.number: i for i, m in enumerate(index.document.measures)})
        self._sentence_owner = np.array([self.positions[number] for number, _ in index.sentences], dtype=np.int64)
        # The query embedding is ~90 % of a search; people ask the same questions again and again.
        self._cached_query_vector = functools.lru_cache(maxsize=QUERY_CACHE_SIZE)(self._embed_query)

    def _embed_query(self, text: str) -> np.ndarray:
        vector = self.embedder.embed([text], query=True)[0]
        vector.setflags(write=False)  # shared by every later search of the same text
        return vector

    def embed_query(self, text: str) -> np.ndarray:
        return self._cached_query_vector(text)

    def search(self, text: str) -> Retrieval:
        measures = self.index.document.measures
        qv = self.embed_query(text)
        measure_sim = dense.similarities(self.index.measure_vectors, qv)
        sentence_sim = dense.similarities(self.index.sentence_vectors, qv)
        best_sentence = np.full(len(measures), -1.0, dtype=np.float32)
        np.maximum.at(best_sentence, self._sentence_owner, sentence_sim)
        dense_scores = np.maximum(measure_sim, best_sentence)

        lexical_text = expand(text)
        words = self.tokenizer.words(lexical_text)
        word_scores = bm25.scores(self.index.bm25_words, words)
        char_scores = bm25.scores(self.index.bm25_chars, char_ngrams(lexical_text))

        # The dense list never abstains, so there is always a ranking of every measure.
        rankings = [_ranking(dense_scores, may_abstain=False), _ranking(word_scores), _ranking(char_scores)]
        fused = reciprocal_rank_fusion(rankings, k=RRF_K)
        hits = tuple(Hit(measures[i], score, "fusion") for i, score in fused)
        return Retrieval(hits, dense_scores, word_scores, char_scores, sentence_sim, tuple(words), self.positions)

    def sentences_of(self, number: int) -> list[tuple[int, str]]:
        """(row in sentence_similarity, sentence) for one measure, in document order."""
        return [(row, s) for row, (n, s) in enumerate(self.index.sentences) if n == number]
