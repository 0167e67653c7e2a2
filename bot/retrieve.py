"""Hybrid retrieval over the library: dense (provision and sentence vectors) + BM25 over jieba
words + BM25 over character n-grams (+ the figures a question names), fused by reciprocal rank fusion.

Each route asks a search backend (``index.backend``: the embedded faiss + bm25s default, or Milvus) for
its top ``K_ROUTE`` only, so a search costs the same at 10^5 provisions as at 10^3; the fusion is ours,
so every backend ranks alike. Dense similarities are then recomputed exactly from the index's own
vectors for the candidates (a provision's similarity is the better of its own vector and its best
sentence), and every signal the bot reads from a search is a rank or a cosine — never an engine's
own BM25 score, which differs between engines.

A search may be limited to some documents (those in force on the day asked, or those a question
names). A lexical route that finds nothing (e.g. BM25 on an English question) abstains.
"""

from __future__ import annotations

import functools
import itertools
import re
from collections.abc import Callable, Collection, Mapping, Sequence
from dataclasses import dataclass, field
from types import MappingProxyType

import numpy as np

from bot.adapter import QueryAdapter
from bot.expand import QueryExpander
from bot.fusion import DEPTH as FUSION_DEPTH
from bot.fusion import FEATURES, FusionModel, candidate_rows
from bot.question import question_topic, split_clauses
from bot.verify import figures
from index.backend import K_ROUTE, SearchBackend, Where, similarities
from index.embedders import Embedder
from index.fusion import reciprocal_rank_fusion
from index.store import PolicyIndex
from index.tokenize import PolicyTokenizer, char_ngrams
from ingest.schema import Hit, Provision

RRF_K = 60
QUERY_CACHE_SIZE = 4096
# Embedding time grows faster than the text (~0.1 s for 150 characters, ~0.8 s for 800); a question
# rarely needs more than this to say what it asks.
EMBEDDED_CHARS = 300
# How much a local document's fused score rises when the question names its region, and falls when
# it names none (see HybridSearcher._jurisdiction).
JURISDICTION_WEIGHT = 0.05
LEXICAL_ROUTES = ("words", "chars")


@dataclass(frozen=True)
class Retrieval:
    """Everything one search produced."""

    hits: tuple[Hit, ...]  # fused ranking over the candidates of every route, best first
    query_vector: np.ndarray
    query_words: tuple[str, ...]  # jieba words of the question and its expansion terms
    margin: float  # dense: the best allowed provision minus the second
    lift: float  # dense: the best allowed provision minus the mean over every allowed provision
    lexical_ranks: Mapping[str, int]  # "words"/"chars" → rank (from 1) of the best hit there; 0: not found
    cosine: Callable[[Provision], float] = field(repr=False, compare=False)
    # bot.fusion.FEATURES of hits[:len(fusion_rows)], row for row (what the fusion model is fitted on)
    fusion_rows: np.ndarray = field(default_factory=lambda: np.zeros((0, len(FEATURES))), repr=False, compare=False)

    def dense_of(self, provision: Provision) -> float:
        """Cosine of the question to the provision: the better of its own vector and its best sentence."""
        return self.cosine(provision)

    def best_in(self, doc_id: str) -> Hit | None:
        return next((h for h in self.hits if h.provision.doc_id == doc_id), None)


# "A few" — 好几万, 十几个, 数十家, 上百万 — asks for no figure; nor does 几十万, 几百人 name one.
A_FEW = re.compile(r"(?:好几|[一二三四五六七八九十]几)[十百千万亿]*|数[十百千万亿]+|上[百千万亿]+")
_SOME_TENS = re.compile(r"几[十百千万亿]+")
# A single digit before 万 or 亿 (罚了5万块, 3亿元): an amount of the asker's case, as a single digit is, not a rule's figure.
_ONE_DIGIT_TIMES = re.compile(r"(?<![\d.])\d(?=\s*[万亿])")
# A rough amount — 二十来人, 五十多个, 一万多块, 两三百万, 三四十人, 20人左右 — tells the asker's case; no rule prints one.
_ROUGH = re.compile(
    r"(?:\d+|[零〇一二两三四五六七八九十百千万亿]+)\s*(?:来|多)(?=\s*[个人万千百亿元块岁天年月周家项次名位])(?!月)"
    r"|[一二两三四五六七八九][三四五六七八九](?:[十百千万亿]+|(?=[个人天年月岁家名位]))"
    r"|(?:\d+(?:\.\d+)?|[零〇一二两三四五六七八九十百千万亿]+)\s*[\u4e00-\u9fff]{0,2}?(?:左右|上下)"
)


# A figure with a bound (500万以下, 30日内, 不到五百万): a rule's threshold, wherever it is told.
_AMOUNT_TOLD = r"[\d零〇一二两三四五六七八九十百千万亿.]+\s*(?:万元|亿元|元|万|亿|%|％|人|天|日|年|个月|个工作日)?"
_BOUNDED = re.compile(
    rf"{_AMOUNT_TOLD}\s*及?(?:以下|以上|以内|之内|以外|内)|"
    rf"(?:不到|不足|不满|不超过|未超过|超过|低于|高于|少于|多于|达到)\s*{_AMOUNT_TOLD}"
)


def figures_asked_of(topic: str) -> str:
    """What of a question's topic names the figures of a rule: its asking clause, and the bounds told before it
    (年销售额500万以下，…) — not an amount of the asker's told first (想找担保公司贷款300万，担保费一般收多少？).

    >>> figures_asked_of("想担保贷款300万，担保费收多少？"), figures_asked_of("销售额500万以下，怎么交税？")
    ('担保费收多少', '怎么交税 500万以下')
    >>> figures_asked_of("营业额远不到五百万，怎么交税？")
    '怎么交税 不到五百万'
    """
    clauses = [c for c in split_clauses(topic) if c.strip()]
    if len(clauses) < 2:
        return topic
    bounds = [m.group() for clause in clauses[:-1] for m in _BOUNDED.finditer(clause)]
    return " ".join([clauses[-1], *bounds])


def asked_figures(text: str) -> set[tuple[str, float]]:
    """The figures a question names that can identify a rule: not years, not single digits, not rough
    amounts (十几个人, 几百万, 二十来人, 两三百万).

    >>> sorted(asked_figures("2024年卖货还按17%交吗？要等3天，公司十几个人，年收入几百万，被罚了5万"))
    [('%', 17.0)]
    >>> asked_figures("公司二十来人，营收两三百万，欠款五十多万，账期90天左右"), sorted(asked_figures("账期是90天还是60天？"))
    (set(), [('', 60.0), ('', 90.0)])
    """
    found = figures(_ROUGH.sub(" ", _ONE_DIGIT_TIMES.sub(" ", _SOME_TENS.sub(" ", A_FEW.sub(" ", text)))))
    return {f for f in found if (f[0] or f[1] >= 10) and not (f[0] == "" and 1900 <= f[1] <= 2100)}


def embedded_part(text: str, limit: int = EMBEDDED_CHARS) -> str:
    """What of a long text the dense route embeds: its beginning (who asks, about what) and its end
    (the question), ``limit`` characters in all; the lexical routes read all of it.

    >>> embedded_part("甲" * 500 + "？", limit=30)
    '甲甲甲甲甲甲甲甲甲甲 甲甲甲甲甲甲甲甲甲甲甲甲甲甲甲甲甲甲甲？'
    """
    if len(text) <= limit:
        return text
    head = limit // 3
    return f"{text[:head]} {text[-(limit - head) :]}"


def _mostly_latin(text: str) -> bool:
    """More Latin letters than Chinese characters (counted twice).

    >>> _mostly_latin("What is the VAT rate?"), _mostly_latin("增值税税率是多少？")
    (True, False)
    """
    letters = sum(c.isascii() and c.isalpha() for c in text)
    return letters > 2 * sum("\u4e00" <= c <= "\u9fff" for c in text)


class HybridSearcher:
    """Search one loaded index. Holds the index, the backends, the embedder, the tokeniser and the
    expander; pure otherwise."""

    def __init__(
        self,
        index: PolicyIndex,
        embedder: Embedder,
        tokenizer: PolicyTokenizer,
        expander: QueryExpander,
        backends: tuple[SearchBackend, SearchBackend] | None = None,
        fusion: FusionModel | None = None,
        adapter: QueryAdapter | None = None,
    ) -> None:
        """``backends``: where provisions and sentences are searched (the index's embedded ones when None);
        ``fusion``: reorders the first candidates of RRF (bot.fusion; RRF alone when None); ``adapter``:
        moves each query vector before the dense routes (bot.adapter; none when None)."""
        self.fusion = fusion
        self.adapter = adapter  # may be swapped at any time (fitting: one not fitted on the question)
        self.index = index
        self.embedder = embedder
        self.tokenizer = tokenizer
        self.expander = expander
        self.provisions_backend, self.sentences_backend = backends or (index.provisions, index.sentences_backend)
        self.provisions = index.library.provisions
        self.regions = tuple(d.meta.region for d in index.library.documents if d.meta.region)
        self.titles = tuple(d.meta.title for d in index.library.documents)
        region_of = {d.meta.doc_id: d.meta.region for d in index.library.documents}
        self._region_of = [region_of[p.doc_id] for p in self.provisions]
        self.positions = MappingProxyType({p.key: i for i, p in enumerate(self.provisions)})
        self._passage_matrix = np.asarray(index.passage_matrix())  # plain arrays over the memory maps
        self._sentence_matrix = np.asarray(index.sentence_matrix())
        self._sentence_rows: dict[int, list[int]] = {}
        for row, (position, _) in enumerate(index.sentences):
            self._sentence_rows.setdefault(position, []).append(row)
        self._with_figure: dict[tuple[str, float], list[int]] = {}
        for position, p in enumerate(self.provisions):
            for figure in figures(p.text):
                self._with_figure.setdefault(figure, []).append(position)
        # Per document: the sum of its provision vectors and their number (the mean similarity of a
        # question to any set of documents is one dot product).
        self._vector_sums: dict[str, tuple[np.ndarray, int]] = {}
        for position, p in enumerate(self.provisions):
            total, n = self._vector_sums.get(p.doc_id, (0.0, 0))
            self._vector_sums[p.doc_id] = (total + self._passage_matrix[position], n + 1)
        # The query embedding is ~90 % of a search; people ask the same questions again and again.
        self._cached_query_vector = functools.lru_cache(maxsize=QUERY_CACHE_SIZE)(self._embed_query)

    def _embed_query(self, text: str) -> np.ndarray:
        vector = self.embedder.embed([text], query=True)[0]
        vector.setflags(write=False)  # shared by every later search of the same text
        return vector

    def embed_query(self, text: str) -> np.ndarray:
        return self._cached_query_vector(text)

    def _plain_vector(self, text: str, lexical_text: str) -> np.ndarray:
        """The question's vector before any adapter. A question mostly in another language is embedded
        with the documents' own terms beside it."""
        return self.embed_query(embedded_part(lexical_text if _mostly_latin(text) else text))

    def dense_of(self, text: str, provisions: Sequence[Provision]) -> list[float]:
        """What ``search(text).dense_of`` gives for each provision, without the search."""
        plain_vector = self._plain_vector(text, self.expander.expand(text))
        cosines = self._cosines([self.positions[p.key] for p in provisions], plain_vector)
        return [cosines[self.positions[p.key]] for p in provisions]

    def search(self, text: str, doc_ids: Collection[str] | None = None) -> Retrieval:
        """Fused ranking of the provisions of ``doc_ids`` (all documents when None)."""
        where = Where() if doc_ids is None else Where(doc_ids=tuple(sorted(set(doc_ids))))
        lexical_text = self.expander.expand(text)
        plain_vector = self._plain_vector(text, lexical_text)
        # The adapted vector ranks; the plain one measures how close the library comes (the scope signals).
        adapter = self.adapter  # read once: it may be swapped while a search runs
        qv = adapter.apply(plain_vector) if adapter is not None else plain_vector
        words = self.tokenizer.words(lexical_text)
        position = self.positions.__getitem__
        lexical = {
            "words": [position(pid) for pid, _ in self.provisions_backend.search_lexical(" ".join(words), "words", K_ROUTE, where)],
            "chars": [
                position(pid)
                for pid, _ in self.provisions_backend.search_lexical(" ".join(char_ngrams(lexical_text)), "chars", K_ROUTE, where)
            ],
        }  # fmt: skip
        candidates = [
            *(position(pid) for pid, _ in self.provisions_backend.search_dense(qv, K_ROUTE, where)),
            *(position(pid.rsplit("#", 1)[0]) for pid, _ in self.sentences_backend.search_dense(qv, K_ROUTE, where)),
            *lexical["words"],
            *lexical["chars"],
        ]
        similarity = self._cosines(list(dict.fromkeys(candidates)), qv)
        # The dense list never abstains, so there is always a ranking of the candidates.
        by_similarity = sorted(similarity, key=lambda i: (-similarity[i], i))
        rankings = [by_similarity, *lexical.values()]
        # Figures by value (百分之十七 = 17%): provisions stating the figures the question names.
        if asked := asked_figures(figures_asked_of(question_topic(text))):
            rankings.append(self._stating(asked, where))
        fused = reciprocal_rank_fusion(rankings, k=RRF_K)
        jurisdiction = self._jurisdiction([i for i, _ in fused], text)
        fused = sorted(
            ((i, score * (1 + JURISDICTION_WEIGHT * jurisdiction.get(i, 0.0))) for i, score in fused),
            key=lambda item: (-item[1], item[0]),
        )
        rows = candidate_rows(
            fused, RRF_K, similarity, by_similarity, lexical, jurisdiction, self._states_asked(text, words, fused)
        )
        if self.fusion is not None and not _mostly_latin(text):
            order = self.fusion.order(rows)
            fused = [fused[j] for j in order] + fused[len(order) :]
            rows = rows[order]
        hits = tuple(Hit(self.provisions[i], score, "fusion") for i, score in fused)
        plain = similarity if adapter is None else self._cosines(list(similarity), plain_vector)
        closest = sorted(plain.values(), reverse=True)
        best = closest[0] if closest else 0.0
        second = closest[1] if len(closest) > 1 else best
        ranks = {
            route: (ranking.index(fused[0][0]) + 1 if fused and fused[0][0] in ranking else 0)
            for route, ranking in lexical.items()
        }

        def cosine(provision: Provision) -> float:
            i = self.positions[provision.key]
            return plain[i] if i in plain else self._cosines([i], plain_vector)[i]

        lift = best - self._mean_similarity(plain_vector, where)
        return Retrieval(hits, qv, tuple(words), best - second, lift, ranks, cosine, rows)

    def _cosines(self, positions: Sequence[int], qv: np.ndarray) -> dict[int, float]:
        """position → the better of the provision's cosine and its best sentence's."""
        if not positions:
            return {}
        own = similarities(self._passage_matrix[positions], qv)
        rows = [self._sentence_rows.get(i, []) for i in positions]
        flat = np.fromiter(itertools.chain.from_iterable(rows), dtype=np.int64)
        best = np.full(len(positions), -1.0, dtype=np.float32)
        if flat.size:
            owner = np.repeat(np.arange(len(positions)), [len(r) for r in rows])
            np.maximum.at(best, owner, similarities(self._sentence_matrix[flat], qv))
        return dict(zip(positions, np.maximum(own, best).tolist(), strict=True))

    def _states_asked(self, text: str, words: Sequence[str], fused: Sequence[tuple[int, float]]) -> dict[int, float]:
        """position → how well each of the first fused candidates states the specifics the text asks for."""
        from bot import scope  # bot.scope builds on this module: imported when first searched, not at import

        states = scope.states_pattern(text)
        if states is None:
            return {}
        specific = [w for w in dict.fromkeys(words) if len(w) > 1 and self.document_frequency(w)]
        return {i: scope.stating_share(states, self.provisions[i].text, specific) for i, _ in fused[:FUSION_DEPTH]}

    def _mean_similarity(self, qv: np.ndarray, where: Where) -> float:
        """Mean cosine of the question to the provisions ``where`` admits."""
        sums = [v for doc, v in self._vector_sums.items() if where.doc_ids is None or doc in where.doc_ids]
        n = sum(count for _, count in sums)
        return float(np.dot(sum(total for total, _ in sums), qv) / n) if n else 0.0

    def _stating(self, asked: set[tuple[str, float]], where: Where) -> list[int]:
        """The allowed provisions stating the most of the asked figures, best first."""
        count: dict[int, int] = {}
        for figure in asked:
            for i in self._with_figure.get(figure, ()):
                if where.doc_ids is None or self.provisions[i].doc_id in where.doc_ids:
                    count[i] = count.get(i, 0) + 1
        return sorted(count, key=lambda i: (-count[i], i))

    def regions_named(self, text: str) -> set[str]:
        """The regions of the library's local documents that a text names, by whole word (北京 in
        北京证券交易所 names no region), or in a word the query table translates to one (Beijing)."""
        tokens = set(self.tokenizer.words(text))
        tokens |= {term for _, terms in self.expander.matches(text) for term in terms}  # (In Beijing… → 北京)
        return {r for r in self.regions if r in tokens or r.rstrip("省市") in tokens}

    def _jurisdiction(self, positions: Sequence[int], text: str) -> dict[int, float]:
        """position → 1 for a provision of a local document whose region the text names (北京…), -1 for
        one whose region it does not name: someone who does not say where asks about national rules.
        National documents' provisions are left out (0)."""
        named = self.regions_named(text) if self.regions else set()
        return {i: 1.0 if self._region_of[i] in named else -1.0 for i in positions if self._region_of[i]}

    def document_frequency(self, word: str) -> int:
        """In how many provisions the jieba word occurs (0 for words the library never uses)."""
        return self.index.vocabulary.get(word, 0)

    def sentence_similarities(self, provision: Provision, query_vector: np.ndarray) -> list[tuple[float, str]]:
        """(cosine to the question, sentence) for each sentence of a provision, in document order."""
        rows = self._sentence_rows.get(self.positions[provision.key], [])
        scores = similarities(self._sentence_matrix[rows], query_vector) if rows else []
        return [(float(score), self.index.sentences[row][1]) for row, score in zip(rows, scores, strict=True)]
