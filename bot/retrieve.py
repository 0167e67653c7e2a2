"""Hybrid retrieval over the library: dense (provision and sentence vectors) + BM25 over jieba
words + BM25 over character n-grams, fused by reciprocal rank fusion.

A search may be limited to some documents (those in force on the day asked, or those a question
names). A retriever list whose scores are all zero (e.g. BM25 on an English question) abstains
instead of voting with an arbitrary order.
"""

from __future__ import annotations

import functools
from collections.abc import Collection, Mapping
from dataclasses import dataclass
from types import MappingProxyType

import numpy as np

from bot.expand import QueryExpander
from bot.question import question_topic
from bot.verify import figures
from index import bm25, dense
from index.embedders import Embedder
from index.fusion import reciprocal_rank_fusion
from index.store import PolicyIndex
from index.tokenize import PolicyTokenizer, char_ngrams
from ingest.schema import Hit, Provision

RRF_K = 60
QUERY_CACHE_SIZE = 4096
# How much a local document's fused score rises when the question names its region, and falls when
# it names none (see HybridSearcher._by_jurisdiction).
JURISDICTION_WEIGHT = 0.05


@dataclass(frozen=True)
class Retrieval:
    """Everything one search produced; score arrays are indexed by provision position in the library."""

    hits: tuple[Hit, ...]  # fused ranking over the allowed provisions, best first
    dense: np.ndarray  # cosine: max of the provision vector and its best sentence
    words: np.ndarray  # BM25 over jieba words
    chars: np.ndarray  # BM25 over character n-grams
    sentence_similarity: np.ndarray  # cosine of the query to every indexed sentence
    query_words: tuple[str, ...]  # jieba words of the question and its expansion terms
    positions: Mapping[str, int]  # provision key (doc_id#number) → index into the score arrays
    allowed: np.ndarray  # bool mask of the provisions the search could return

    def dense_of(self, provision: Provision) -> float:
        return float(self.dense[self.positions[provision.key]])

    def best_in(self, doc_id: str) -> Hit | None:
        return next((h for h in self.hits if h.provision.doc_id == doc_id), None)


def asked_figures(text: str) -> set[tuple[str, float]]:
    """The figures a question names that can identify a rule: not years, not single digits.

    >>> sorted(asked_figures("2024年卖货还按17%交吗？要等3天"))
    [('%', 17.0)]
    """
    return {f for f in figures(text) if (f[0] or f[1] >= 10) and not (f[0] == "" and 1900 <= f[1] <= 2100)}


def _mostly_latin(text: str) -> bool:
    """More Latin letters than Chinese characters (counted twice).

    >>> _mostly_latin("What is the VAT rate?"), _mostly_latin("增值税税率是多少？")
    (True, False)
    """
    letters = sum(c.isascii() and c.isalpha() for c in text)
    return letters > 2 * sum("\u4e00" <= c <= "\u9fff" for c in text)


def _ranking(scores: np.ndarray, allowed: np.ndarray, *, may_abstain: bool = True) -> list[int]:
    """Allowed positions by descending score; empty when every allowed score is zero and the retriever may abstain."""
    if may_abstain and not np.any(scores[allowed] > 0):
        return []
    order = np.argsort(-scores, kind="stable")
    return [int(i) for i in order if allowed[i]]


class HybridSearcher:
    """Search one loaded index. Holds the index, the embedder, the tokeniser and the expander; pure otherwise."""

    def __init__(
        self, index: PolicyIndex, embedder: Embedder, tokenizer: PolicyTokenizer, expander: QueryExpander
    ) -> None:
        self.index = index
        self.embedder = embedder
        self.tokenizer = tokenizer
        self.expander = expander
        self.provisions = index.library.provisions
        self.regions = tuple(d.meta.region for d in index.library.documents if d.meta.region)
        region_of = {d.meta.doc_id: d.meta.region for d in index.library.documents}
        self._region_of = [region_of[p.doc_id] for p in self.provisions]
        self.positions = MappingProxyType({p.key: i for i, p in enumerate(self.provisions)})
        self._doc_of = np.array([p.doc_id for p in self.provisions])
        self._figures = [figures(p.text) for p in self.provisions]
        self._sentence_owner = np.array([position for position, _ in index.sentences], dtype=np.int64)
        self._sentence_rows: dict[int, list[int]] = {}
        for row, (position, _) in enumerate(index.sentences):
            self._sentence_rows.setdefault(position, []).append(row)
        # The query embedding is ~90 % of a search; people ask the same questions again and again.
        self._cached_query_vector = functools.lru_cache(maxsize=QUERY_CACHE_SIZE)(self._embed_query)

    def _embed_query(self, text: str) -> np.ndarray:
        vector = self.embedder.embed([text], query=True)[0]
        vector.setflags(write=False)  # shared by every later search of the same text
        return vector

    def embed_query(self, text: str) -> np.ndarray:
        return self._cached_query_vector(text)

    def mask(self, doc_ids: Collection[str] | None) -> np.ndarray:
        """Positions of the provisions of ``doc_ids`` (all when None)."""
        if doc_ids is None:
            return np.ones(len(self.provisions), dtype=bool)
        return np.isin(self._doc_of, list(doc_ids))

    def search(self, text: str, doc_ids: Collection[str] | None = None) -> Retrieval:
        """Fused ranking of the provisions of ``doc_ids`` (all documents when None)."""
        allowed = self.mask(doc_ids)
        lexical_text = self.expander.expand(text)
        # A question mostly in another language is embedded with the documents' own terms beside it.
        qv = self.embed_query(lexical_text if _mostly_latin(text) else text)
        passage_sim = dense.similarities(self.index.passage_vectors, qv)
        sentence_sim = dense.similarities(self.index.sentence_vectors, qv)
        best_sentence = np.full(len(self.provisions), -1.0, dtype=np.float32)
        np.maximum.at(best_sentence, self._sentence_owner, sentence_sim)
        dense_scores = np.maximum(passage_sim, best_sentence)

        words = self.tokenizer.words(lexical_text)
        word_scores = bm25.scores(self.index.bm25_words, words)
        char_scores = bm25.scores(self.index.bm25_chars, char_ngrams(lexical_text))

        # Figures by value (百分之十七 = 17%): provisions stating the figures the question names.
        asked = asked_figures(question_topic(text))
        figure_scores = np.array([len(asked & own) for own in self._figures], dtype=np.float32) if asked else None
        # The dense list never abstains, so there is always a ranking of every allowed provision.
        rankings = [
            _ranking(dense_scores, allowed, may_abstain=False),
            _ranking(word_scores, allowed),
            _ranking(char_scores, allowed),
        ]
        if figure_scores is not None:
            rankings.append(_ranking(figure_scores, allowed))
        fused = self._by_jurisdiction(reciprocal_rank_fusion(rankings, k=RRF_K), text)
        hits = tuple(Hit(self.provisions[i], score, "fusion") for i, score in fused)
        return Retrieval(
            hits, dense_scores, word_scores, char_scores, sentence_sim, tuple(words), self.positions, allowed
        )

    def _by_jurisdiction(self, fused: list[tuple[int, float]], text: str) -> list[tuple[int, float]]:
        """A local document's provisions count for more when the question names its region (北京…),
        and for less when it names none: someone who does not say where asks about national rules."""
        if not self.regions:
            return fused
        tokens = set(self.tokenizer.words(text))  # 北京 in 北京证券交易所 names no region
        named = {r for r in self.regions if r in tokens or r.rstrip("省市") in tokens}
        adjusted = []
        for i, score in fused:
            region = self._region_of[i]
            if region:
                score *= 1 + JURISDICTION_WEIGHT if region in named else 1 - JURISDICTION_WEIGHT
            adjusted.append((i, score))
        return sorted(adjusted, key=lambda item: (-item[1], item[0]))

    def document_frequency(self, word: str) -> int:
        """In how many provisions the jieba word occurs (0 for words the library never uses)."""
        model = self.index.bm25_words
        position = model.vocab_dict.get(word)
        if position is None:
            return 0
        indptr = model.scores["indptr"]
        return int(indptr[position + 1] - indptr[position]) if position + 1 < len(indptr) else 0

    def sentences_of(self, provision: Provision) -> list[tuple[int, str]]:
        """(row in sentence_similarity, sentence) for one provision, in document order."""
        rows = self._sentence_rows.get(self.positions[provision.key], [])
        return [(row, self.index.sentences[row][1]) for row in rows]
