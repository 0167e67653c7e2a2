"""PolicyBot: question (+ history) → Answer, over a library of documents.

Route, search, decide scope, respect validity, compose. Build it with
``PolicyBot.load(BotConfig.from_env())``; everything heavy (library, embedder, jieba, index) is
loaded then, not at import.
"""

from __future__ import annotations

import collections
import datetime as dt
import functools
import itertools
import logging
import math
import os
import re
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TypeVar

from bot import calculate, compose, scope
from bot import match as matching
from bot.adapter import QueryAdapter, default_adapter
from bot.compose import Shelf
from bot.expand import ENGLISH_WORD, QUERY_TERMS_FILE, QueryExpander
from bot.followup import Turn, last, normalise_history
from bot.fusion import FusionModel
from bot.fusion import default_model as default_fusion_model
from bot.llm import LLMConfig, LLMError, LLMGenerator, build_messages
from bot.question import (
    MAX_QUESTION_CHARS,
    asking_sentences,
    asks_within_another,
    clean_question,
    question_core,
    split_clauses,
)
from bot.refs import (
    NOW_WORDS,
    DocumentNames,
    ProvisionRef,
    conversation_day,
    day_since,
    misspelt_documents,
    part_alone,
    provision_refs,
    reference_spans,
    strip_spans,
)
from bot.retrieve import HybridSearcher, Retrieval, asked_figures
from bot.route import (
    ELLIPTICAL_MAX_SPECIFICITY,
    MEANS_SEVERAL,
    DocumentFilter,
    Query,
    agency_question_topic,
    asks_again,
    asks_for_more,
    asks_newer_version,
    asks_of_another_subject,
    asks_older_version,
    asks_which_number,
    asks_which_part,
    cjk_bigrams,
    doc_facts,
    document_filter,
    facts_are_asked,
    has_own_topic,
    is_elliptical,
    is_follow_up,
    leans_on_before,
    match_division,
    names_a_chapter,
    names_a_documents_own_fact,
    names_national_level,
    names_only_a_subject,
    next_or_previous,
    refers_to_a_version,
    refers_to_provision,
    strip_agencies,
    title_covers_area,
    understand,
    with_subject_swapped,
    without_attributes,
    without_national_level,
    without_which_number_asked,
)
from bot.smalltalk import smalltalk_kind
from bot.typos import TypoRepairer, load_similar_shapes
from bot.verify import figures, verify
from bot.versions import Pair, pair_versions
from index.backend import BackendUnavailable
from index.embedders import DEFAULT_EMBEDDER, Embedder, EmbedderError, make_embedder
from index.store import (
    IndexUnusable,
    PolicyIndex,
    build_index,
    cache_dir_for,
    load_or_build,
    provision_heading,
    provision_passage,
    split_sentences,
)
from index.tokenize import TERMS_FILE, PolicyTokenizer, library_vocabulary
from ingest import DEFAULT_LIBRARY, PROJECT_ROOT, LibraryError, ParseError, load_library
from ingest.agencies import AgencyRegistry
from ingest.header import history_entry
from ingest.numerals import int_to_cn
from ingest.schema import Answer, Citation, Division, DocMeta, Document, Hit, Library, Provision
from ingest.text import ITEM, SUBITEM, parse_number
from ingest.validity import REPEALED, cn_date, lineage, version_on

log = logging.getLogger(__name__)

DEFAULT_INDEX_DIR = PROJECT_ROOT / "var" / "index"
EXAMPLES_FILE = "examples.txt"  # in the library folder: one example question per line
MAX_EXAMPLES = 12
# A runner-up joins the answer as a related provision only when the dense retriever rates it within
# this much of the chosen one (the retrievers disagree). Swept on eval data; see README.
RELATED_DENSE_SLACK = 0.005
RULE_DENSE_SLACK = 0.01  # a rule this close in meaning answers before the clause sanctioning its breach
# Of the words of a sanctioning clause's item, the share a rule must name to be what it sanctions.
SANCTIONED_SHARE = 0.75
BREACH_WORDS = 6  # a breach a sanctioning sentence lists with 或者 names this many words, or it is part of one
NATIONAL_DENSE_SLACK = 0.01  # a national provision this close in meaning answers before a local one, no place named
# A law's provision and its implementing regulation's are cited together when the regulation's
# best provision is among this many fused hits.
PARTNER_WITHIN = 5
# …and, unless one names the other's article (企业所得税法第三十条所称…), when the dense retriever rates it
# within this much of the provision answering.
PARTNER_DENSE_SLACK = 0.01
SHARED_PARTNER_TERMS = 2  # a law's and its regulation's provisions found close by a question name two things alike
# An old provision is answered from its pair in the successor when the pair's dense score is within
# PAIR_DENSE_SLACK of the old provision's, else from the successor's best match within SUCCESSOR_DENSE_SLACK.
PAIR_DENSE_SLACK = 0.06
SUCCESSOR_DENSE_SLACK = 0.03
# A follow-up's new topic is answered from the conversation's documents unless another document
# matches it better by more than this (dense similarity).
CONVERSATION_DENSE_SLACK = 0.05
# Below this sum of specificity (rarity in general Chinese) of the words a question shares with the library,
# asking words aside, it names too little to be searched on its own (比例是多少？ 利率怎么算？; 专利能贷款吗？ ≈ 3.5).
NAMES_LITTLE = 3.0
# How much less close to the question alone a follow-up's lead provision may be than the one the question
# alone finds (cosines of the embedded model lie within about 0.1 of each other).
LEAD_DENSE_SLACK = 0.02
STATING_WITHIN = 10  # where a successor's provision stating an asked figure is looked for
# Characters between a document's name and a number that is its provision's (》的 of 《…》的第十条).
WRITTEN_AFTER_NAME = 2
FOCUS_WITHIN = 3  # a follow-up's own words, or an earlier answer's figures, are looked for in the first few provisions
# "What counts as X": a provision defining X among this many hits is preferred.
DEFINITION_WITHIN = 5
# …and it is asked on its own where 算不算 / 怎么认定… ends its clause, or stands this many characters before the end (…才算小微企业)
DEFINITION_ASKED_NEAR_END = 6
LLM_CONTEXT_PROVISIONS = 3
WHOLE_QUOTE_CHARS = 250  # a provision up to this length is quoted whole (three in four are shorter than 140)
QUOTED_PART_MIN = 8  # characters of a 款 or 项 an earlier answer must show to have quoted it
MAX_LISTED_CHARS = 600  # a list asked for (哪些…) is quoted whole up to this length
TITLE_NAMES_TOPIC = 0.5  # documents whose titles share this much of a topic's bigrams are what it asks for
_FACTS_OF_A_CHAPTER = frozenset({"title", "count", "sections"})  # what a question naming a chapter asks of it
MAX_RELATED = 2
# A part no best provision states is answered by its own best provision only when that one is among those the
# question's search would show (the best and the related)
UNSTATED_PART_WITHIN = 1 + MAX_RELATED
# …and any other part by one among the question's first few (the parts of one question share its topic: 要准备哪些材料
# of a question on turning a business into a company is not answered by an article on 原材料)
PART_WITHIN = 10
# (a part asking a quantity in words no kind of specifics names — 个人要承担多少利息？ — is no part to answer by words)
_ASKS_A_QUANTITY = re.compile(r"多少|几(?!乎)|多久|多长|多大|多高|多远")
# A part asking no specifics is answered apart only when it names something of its own: words this specific in all
# (个体户想换个经营者怎么办？; not 这合法吗？ nor 还有呢？)
OWN_PART_MASS = 3.0
DOCUMENT_OVERVIEW = ("title", "doc_number", "issuer", "status", "count")  # a document named alone
MAX_FOLLOW_UP_PROVISIONS = 5
# An agency question asking of one matter (…对贷款不良容忍度有啥职责？) names words this specific in all besides its
# agency and asking words; the agency's provisions among the search's closest this many answer it.
AGENCY_TOPIC_SPECIFICITY = 4.0
AGENCY_TOPIC_WITHIN = 3
MORE_WITHIN = 10  # "还有别的吗？" lists the best matches of the topic among this many not yet cited,
MORE_DENSE_GAP = 0.015  # as close in meaning as the best match within this (cosines of e5 lie within ~0.1),
MAX_MORE = 3  # at most this many
# Of an earlier answer in plain text only the beginning is searched with the question it answered: it
# says what the answer is about (the rest quotes and relates), and embedding time grows faster than the
# text (150 characters take ~0.1 s, 600 ~0.6 s).
CONTEXT_ANSWER_CHARS = 150
MAX_QUESTIONS_CHAINED = 3  # earlier questions a follow-up of follow-ups is read with
MAX_TARGETS = 8
MAX_REF_CHARS = 20  # 第一百二十三条第二款第（三）项 fits
# A bigram in more than this share of the documents' names (and in more than two) names no topic.
COMMON_TITLE_SHARE = 0.25


@dataclass(frozen=True)
class Plan:
    """The route a question takes: number, compare, periods, status, doc_meta, which_document, division, no_chapter,
    documents, agency, per_document or search; with the documents it concerns."""

    kind: str
    docs: tuple[str, ...] = ()
    facts: tuple[str, ...] = ()
    division: Division | None = None


# What loading a bot may raise with a message for the person starting it (ValueError: a bad setting).
LOAD_ERRORS = (LibraryError, ParseError, EmbedderError, IndexUnusable, BackendUnavailable, ValueError)


@dataclass(frozen=True)
class BotConfig:
    library: Path = DEFAULT_LIBRARY
    documents: tuple[str, ...] = ()  # only these doc_ids of the library (all when empty)
    index_dir: Path = DEFAULT_INDEX_DIR
    embedder: str = DEFAULT_EMBEDDER
    llm: LLMConfig | None = None  # None: extractive answers only
    today: dt.date | None = None  # "today" for validity; the server's date when None
    backend: str = "embedded"  # where searches run: "embedded" (the index folder) or "milvus"
    milvus_uri: str = ""  # with backend "milvus": a server URL (http://host:19530) or a Milvus Lite .db file

    @classmethod
    def from_env(cls) -> BotConfig:
        """LIBRARY_DIR, DOCUMENTS (comma-separated doc_ids), INDEX_DIR, EMBEDDER, TODAY (YYYY-MM-DD),
        BACKEND (embedded | milvus) and MILVUS_URI, LLM_*."""
        today = os.environ.get("TODAY", "").strip()
        try:
            day = dt.date.fromisoformat(today) if today else None
        except ValueError:
            raise ValueError(
                f"TODAY={today!r}: give a date like 2026-11-30, or leave it unset for the server's date"
            ) from None
        documents = tuple(d.strip() for d in os.environ.get("DOCUMENTS", "").split(",") if d.strip())
        backend = os.environ.get("BACKEND", "").strip().lower() or "embedded"
        milvus_uri = os.environ.get("MILVUS_URI", "").strip()
        if backend not in ("embedded", "milvus"):
            raise ValueError(f"BACKEND={backend!r}: give embedded (the default) or milvus")
        if backend == "milvus" and not milvus_uri:
            raise ValueError("BACKEND=milvus needs MILVUS_URI: a server URL (http://host:19530) or a .db file")
        return cls(
            library=Path(os.environ.get("LIBRARY_DIR") or DEFAULT_LIBRARY),
            documents=documents,
            index_dir=Path(os.environ.get("INDEX_DIR") or DEFAULT_INDEX_DIR),
            embedder=os.environ.get("EMBEDDER") or DEFAULT_EMBEDDER,
            llm=LLMConfig.from_env(),
            today=day,
            backend=backend,
            milvus_uri=milvus_uri,
        )


Fitted = TypeVar("Fitted", FusionModel, QueryAdapter)


def _fitted_for(model: Fitted | None, embedder: Embedder, what: str, meanwhile: str, fit: str) -> Fitted | None:
    """A shipped model when it was fitted for this embedder (or there is none), else None with a warning
    saying what the bot does ``meanwhile`` and the ``fit`` option of `python -m eval` that refits it."""
    if model is None or model.embedder == embedder.model_id:
        return model
    log.warning(
        "the %s was fitted with embedder %s, not %s: %s until you run `python -m eval %s --write`",
        what, model.embedder, embedder.model_id, meanwhile, fit,
    )  # fmt: skip
    return None


def _fusion_for(embedder: Embedder) -> FusionModel | None:
    """The shipped fusion model when it was fitted for this embedder, else None (RRF alone)."""
    return _fitted_for(default_fusion_model(), embedder, "fusion model", "searching by RRF alone", "--fit-fusion")


def _adapter_for(embedder: Embedder) -> QueryAdapter | None:
    """The shipped query adapter when it was fitted for this embedder, else None."""
    meanwhile = "questions are embedded without it"
    return _fitted_for(default_adapter(), embedder, "query adapter", meanwhile, "--fit-adapter")


def open_index(
    config: BotConfig, embedder: Embedder, *, rebuild: bool = False, processes: int = 1
) -> tuple[Library, PolicyTokenizer, PolicyIndex]:
    """The library, its tokeniser and its index (built when missing, stale or damaged, or when
    ``rebuild``; new texts embedded over ``processes`` processes)."""
    library = load_library(config.library, only=config.documents)
    dictionary = library_vocabulary(library, config.library / TERMS_FILE)
    tokenizer = PolicyTokenizer(dictionary, cache_dir=cache_dir_for(config.index_dir))
    build = build_index if rebuild else load_or_build
    return library, tokenizer, build(library, embedder, tokenizer, config.index_dir, processes)


class PolicyBot:
    """Answers questions from a library of policy documents. Thread-safe after ``load``."""

    def __init__(
        self,
        library: Library,
        searcher: HybridSearcher,
        generator: LLMGenerator | None = None,
        today: dt.date | None = None,
        scope_model: scope.ScopeModel | None = None,
        folder: Path | None = None,
    ) -> None:
        self.library = library
        self.folder = folder  # the library folder (its data files), when loaded from one
        self.rules = matching.load_rules(folder) if folder else ()  # 政策找企业: conditions.toml
        self.scope_model = scope_model  # None: the fitted model of bot/scope_model.json
        self.searcher = searcher
        self.generator = generator
        self.fixed_today = today
        self.agencies = library.agencies or AgencyRegistry(())
        self.names = DocumentNames(library, searcher.tokenizer.is_general_word, searcher.expander.matches)
        # each provision of an old version with the new provision that says the same (a handful of pairs, cached
        # with this bot: a bot replaced after a library change is not kept alive by a class-wide cache)
        self.pairs = functools.lru_cache(maxsize=64)(self._pairs)
        self._passages = {
            p.key: provision_passage(library.get(p.doc_id).meta.plain_title, p) for p in library.provisions
        }  # type: ignore[union-attr]
        tokenizer = searcher.tokenizer
        self.typos = TypoRepairer(
            searcher.index.vocabulary,
            frequency=tokenizer.frequency,
            total=tokenizer.total,
            is_everyday=lambda word: tokenizer.specificity(word) == 0,
            library_text="\n".join(p.text for p in library.provisions),
            cut=tokenizer.cut,
            shapes=load_similar_shapes(),
        )

    @classmethod
    def load(
        cls,
        config: BotConfig | None = None,
        *,
        embedder: Embedder | None = None,
        scope_model: scope.ScopeModel | None = None,
        fusion: FusionModel | None = None,
    ) -> PolicyBot:
        """Load the library, embedder and index; ``config.llm`` turns on model answers. ``fusion``: the
        learned fusion to search with (bot/fusion_model.json when None and fitted for this embedder)."""
        config = config or BotConfig.from_env()
        embedder = embedder or make_embedder(config.embedder)
        library, tokenizer, index = open_index(config, embedder)
        fitted_for = (scope_model or scope.default_model()).embedder
        if fitted_for != embedder.model_id:
            log.warning(
                "the out-of-scope model was fitted with embedder %s, not %s: refusals will be off until you run "
                "`EMBEDDER=%s python -m eval --calibrate --write`",
                fitted_for, embedder.model_id, config.embedder,
            )  # fmt: skip
        generator = LLMGenerator(config.llm) if config.llm else None
        expander = QueryExpander.load(config.library / QUERY_TERMS_FILE)
        backends = None
        if config.backend == "milvus":
            from index.export import milvus_backends

            backends = milvus_backends(index, config.milvus_uri, config.today or dt.date.today())
        searcher = HybridSearcher(
            index, embedder, tokenizer, expander, backends, fusion or _fusion_for(embedder), _adapter_for(embedder)
        )
        return cls(library, searcher, generator, config.today, scope_model, config.library)

    def warm_up(self) -> None:
        """Pay now what the first questions would pay for (0.3–0.4 s here): the pinyin tables of typo
        repair, and the pairing of each document's provisions with its successor's. The app calls it beside
        serving, so that the first visitor waits no longer than the next."""
        self.typos.warm_up()
        for meta in self.names.metas.values():
            if meta.repealed_by in self.names.metas:
                self.pairs(meta.doc_id, meta.repealed_by)

    def _match_answer(self, text: str, shelf: Shelf) -> Answer:
        """政策找企业 in the chat: the profile the question tells, shown back for correction, and its match."""
        told = matching.profile_in_question(text)
        try:
            profile = matching.profile_from_json(told)
        except matching.ProfileError as exc:
            return Answer(f"您描述的企业情况有些对不上：{exc}。请核对后再问，或在“政策匹配”页逐项填写。", kind="match")
        read = "；".join(
            f"{matching.FIELD_LABELS.get(k, k)}：{matching.shown(v)}" for k, v in profile.to_json().items()
        )
        result = self.match(profile)
        day = Shelf(self.library, result.day)
        citations = tuple(
            day.cite(m.benefit_provision, m.rule.benefit) for m in result.matches if m.status in ("applies", "everyone")
        )
        head = f"我从您的问题中读到：{read}。如有不对，请更正后再问，或在“政策匹配”页逐项填写。\n"
        return Answer(
            head + matching.to_text(result, day), tuple(dict.fromkeys(citations)), kind="match", as_of=result.day
        )

    def match(self, profile: matching.Profile) -> matching.MatchResult:
        """The provisions a company profile meets, on its day (default: today)."""
        return matching.match(profile, self.rules, Shelf(self.library, profile.as_of or self.today()))

    def today(self) -> dt.date:
        return self.fixed_today or dt.date.today()

    @property
    def home(self) -> Document:
        """The library's first document (the metadata file's first table): the one the app features."""
        return self.library.documents[0]

    # ── public API ────────────────────────────────────────────────────────────────

    def ask(self, question: object, history: object = None) -> Answer:
        """Answer one question. Raises QuestionError for empty/oversized input (message for the user)."""
        text = clean_question(question)
        english = compose.asked_in_english(text)

        def in_its_language(answer: Answer) -> Answer:
            return compose.in_english(answer) if english else answer

        turns = self._without_small_talk(normalise_history(history))
        then = conversation_day([t.content for t in turns if t.role == "user"], self.today())
        query = understand(text, self.names, self.agencies, self.today(), then)
        shelf = Shelf(self.library, query.day, self.today())
        if scope.asks_other_task(text):
            return in_its_language(replace(compose.out_of_scope_answer(shelf, None), kind="other_task"))
        if chat := smalltalk_kind(text, self._names_topic):
            return compose.smalltalk_answer(shelf, chat, self.examples(), english=english)
        # (…听人说可以申请什么创业贷款，最多能贷多少？ asks a figure at the end: searched, not matched; 国发39号文里对失业人员
        # 培训有什么补贴？ names a document: it asks what that document says, not what the library offers a company)
        last_clause = next((c for c in reversed(split_clauses(text)) if c.strip()), text)
        if (
            self.rules
            and not query.mentions
            and matching.asks_what_applies(text)
            and not scope.asks_a_figure(last_clause)
        ):
            return in_its_language(self._match_answer(text, shelf))
        repaired = self.repaired(text, query)
        if repaired == text:
            return in_its_language(self._route(text, query, turns, shelf))
        query = understand(repaired, self.names, self.agencies, self.today(), then)
        answer = in_its_language(self._route(repaired, query, turns, Shelf(self.library, query.day, self.today())))
        # (the line saying what was repaired comes first: the staff's formal reply leaves it out as it stands)
        shown = compose.as_typed(repaired)
        return replace(answer, text=compose.did_you_mean(shown) + answer.text, corrected=shown)

    def _without_small_talk(self, turns: tuple[Turn, ...]) -> tuple[Turn, ...]:
        """The conversation without its small talk and the replies to it (好的谢谢, 今天天气真冷啊): a question after
        it is about what was asked before, not about the example questions the reply offered."""
        kept: list[Turn] = []
        chatting = False
        for turn in turns:
            if turn.role == "user":
                chatting = smalltalk_kind(turn.content, self._names_topic) is not None
            if not chatting:
                kept.append(turn)
        return tuple(kept)

    def _names_topic(self, text: str) -> bool:
        """Whether a text names something the library speaks of: a word of its texts that is more than
        everyday Chinese, or an agency."""
        words = self.searcher.tokenizer.words(text)
        specific = self.searcher.tokenizer.specificity
        return any(self.searcher.document_frequency(w) and specific(w) >= 1.0 for w in words) or bool(
            self.agencies.surfaces_in(text)
        )

    def _documents_of_another_place(self, query: Query) -> list[str]:
        """Documents a question names as those of a place the library has no rules for (上海有促进中小企业发展条例吗？
        深圳有没有自己的营商环境条例？): the place's own, which the library does not hold — not Beijing's or the
        nation's of the same name."""
        out: list[str] = []
        if not query.mentions:
            return out
        for place in self.searcher.tokenizer.places(query.text):
            if scope.covered_place(place, self.searcher, (), query.text):
                continue
            for mention in query.mentions:
                start = query.text.rfind(place, 0, mention.start)
                if start >= 0 and _OWN_DOCUMENT_OF.fullmatch(query.text[start + len(place) : mention.start]):
                    out.append(f"{place}{mention.surface}")
        return out

    def repaired(self, text: str, query: Query | None = None) -> str:
        """The question with its typos repaired against the library's words (document and agency names
        it uses, and the provisions it names by number, are left as typed)."""
        query = query or understand(text, self.names, self.agencies, self.today())
        for typed, meant in misspelt_documents(text, query.mentions, self.names, self.typos.alike):  # (same length)
            text = text.replace(typed, meant)
        names = [(m.start, m.end) for m in query.mentions]
        agencies = [(a, b) for a, b, _ in self.agencies.surfaces_in(text)]
        repair = self.typos.repair(text, names + agencies + reference_spans(text))
        return text if repair is None else repair.text

    def _route(self, text: str, query: Query, turns: tuple[Turn, ...], shelf: Shelf) -> Answer:
        if turns and not query.docs and not query.refs and (meant := self._documents_meant(text, turns)):
            return self._in_documents_named(query, turns, shelf, meant)  # 实施条例里怎么细化的？ 北京有没有更优惠的？
        if query.unknown_documents and not query.docs:
            return compose.unknown_document_answer(shelf, query.unknown_documents)
        if elsewhere := self._documents_of_another_place(query):  # 上海有促进中小企业发展条例吗？
            return compose.unknown_document_answer(shelf, elsewhere)
        # A document named only to date the question (那增值税法施行以前呢？老条例也…？) does not end the conversation.
        # (新法从什么时候开始执行？ 那个老条例还管用吗？: a version referred to, not named — the conversation's)
        refers_back = refers_to_a_version(text) and bool(query.facts or query.asks_status)
        if turns and not query.docs and scope.asks_only_of_unnamed_taxes(text, self.searcher):
            return self._answer(query, shelf)  # 那房产税呢？ after the income tax: a tax no document names, refused
        # (第八章叫什么？ 一共有几章？ name no document: the chapters of the one discussed)
        if (
            turns
            and (not query.docs or asks_older_version(text))
            and (is_follow_up(text) or refers_back or _asks_of_chapters(query))
        ):
            return self._follow_up(query, turns, shelf)
        if turns and query.refs and not query.docs and (discussed := self._discussed_with_number(query, turns, shelf)):
            # 第（三）项是哪个部门牵头？ after an answer from 国发39号: that number in the document discussed
            return replace(self._by_number(query, shelf, discussed), kind="follow_up")
        named_alone = not re.sub(r"\W", "", strip_spans(text, [(m.start, m.end) for m in query.mentions]))  # 增值税法
        asks_only_the_documents = query.docs and (
            named_alone or not has_own_topic(query.topic) or bool(turns and self._says_little(query.topic))
        )
        if asks_only_the_documents and self.plan(query).kind == "search":
            if not turns:  # 6号文是什么文件？ 国务院令第802号是什么？: the document itself
                return compose.doc_meta_answer(shelf, query.docs[0], DOCUMENT_OVERVIEW)
            return self._in_documents_named(query, turns, shelf, query.docs)  # 那以前的暂行条例是怎么规定的？
        if not query.docs and not query.refs and not has_own_topic(text):
            return compose.clarify_answer(shelf)  # "那谁负责？" with nothing to refer to
        if query.docs and (local := self._local_documents_asked_apart(text, query.docs)):
            # 促进法里预留份额的比例是多少？北京市的规定是不是更高一些？: the place's own document answers its sentence
            query = replace(query, docs=(*query.docs, *local))
        unplaced, told = query, set()
        if turns and not query.docs and not self.searcher.regions_named(text) and without_national_level(text) == text:
            # (the place the asker said they are in stays theirs: 我们想用大学里的大型科研仪器，有补贴吗？ after a question
            # on Beijing's rules is asked of Beijing too — not one naming the nation: 国家有相似的要求吗？)
            told = self.searcher.regions_named(" ".join(t.content for t in turns if t.role == "user"))
            if told:
                query = replace(query, topic=f"{'、'.join(sorted(told))} {query.topic}")
        answer = self._answer(replace(query, in_conversation=bool(turns)), shelf)
        # (a place told in earlier turns is no subject the question names: 贴多少？ after 北京对首贷…有贴息吗？, asked of that)
        names_little = bool(turns) and not query.docs and self._names_little(unplaced)
        if (
            told
            and not names_little
            and scope.asks_a_figure(text)
            and (answer.out_of_scope or answer.coverage == "partial")
        ):
            # The nation's rules hold in the place too: a figure the place's rules do not state (按多少比例加计扣除？
            # after 我们公司在北京…, Beijing's article granting the deduction without one) is answered by the national
            # provision stating it.
            national = self._answer(replace(unplaced, in_conversation=True), shelf)
            lead = next(iter(national.citations), None)
            if not national.out_of_scope and national.coverage == "full" and lead and not self._is_local(lead.doc_id):
                return national
        if turns and not query.docs and (answer.out_of_scope or names_little):
            # Naming too little to be searched on its own (比例是多少？ 违反了怎么追责？), or not answered on its
            # own: the conversation it leans on — for the latter, unless the question alone is clearly closer to
            # another provision (a new topic: 专利能拿去贷款吗？ after a question on VAT).
            follow_up = self._follow_up(unplaced if names_little else query, turns, shelf)
            if not follow_up.out_of_scope and (names_little or self._fits_as_well(query.topic, follow_up, answer)):
                return follow_up
            elsewhere = names_little and not self._within_conversation(answer, turns)
            if (answer.out_of_scope or elsewhere) and follow_up.out_of_scope and follow_up.closest is not None:
                # refused either way, or naming too little to be answered alone and answered so from another document
                # (具体哪天开始申报？ after 职称评审: the VAT law's filing days): the provision named as the closest is the
                # conversation's (专项资金每年有多少钱？ after 促进法第九条: that article, not Beijing's budget article,
                # which would lead the next turn there)
                return follow_up
        elif turns and not query.docs and answer.citations and answer.kind == "search":
            # A question of its own in a conversation: answered in the conversation's documents when what they
            # offer is about as close to it as what the whole library offers (什么条件才算小微企业？ after a
            # question on the income tax: 实施条例第九十二条, not the guarantee fund's 小微企业).
            follow_up = self._follow_up(query, turns, shelf)
            lead, alone = next(iter(follow_up.citations), None), answer.citations[0]
            if (
                lead is not None
                and (lead.doc_id, lead.number) != (alone.doc_id, alone.number)
                and (query.past or shelf.in_force(lead.doc_id))  # a version the conversation dated is not today's
                and self._fits_as_well(query.topic, follow_up, answer)
            ):
                return follow_up
        return answer

    def examples(self) -> list[str]:
        """The library's example questions (``examples.txt`` in its folder), or one per document by number."""
        path = self.folder / EXAMPLES_FILE if self.folder else None
        if path is not None and path.is_file():
            lines = [line.strip() for line in path.read_text(encoding="utf-8").splitlines()]
            return [line for line in lines if line and not line.startswith("#")][:MAX_EXAMPLES]
        return [f"{d.meta.plain_title}第一{d.label_kind()}是什么？" for d in self.library.documents[:4]]

    def in_scope(self, features: scope.ScopeFeatures) -> bool:
        return scope.in_scope(features, self.scope_model)

    def scope_features(self, question: str) -> scope.ScopeFeatures | None:
        """The scope model's inputs for a question that is searched (None when another route answers it)."""
        query = understand(self.repaired(clean_question(question)), self.names, self.agencies, self.today())
        if (query.unknown_documents and not query.docs) or (not has_own_topic(query.text) and not query.docs):
            return None
        plan = self.plan(query)
        if plan.kind not in ("search", "per_document"):
            return None
        return self.retrieve(query.topic)[1]

    def as_langchain_retriever(self, k: int = 3):  # noqa: ANN201 - langchain BaseRetriever
        """The hybrid search as a LangChain ``BaseRetriever`` (provisions as Documents)."""
        from index.langchain_retriever import PolicyRetriever

        return PolicyRetriever(search=lambda q: self.searcher.search(clean_question(q)).hits, k=k)

    # ── routes ────────────────────────────────────────────────────────────────────

    def plan(self, query: Query, context: Sequence[Provision] = ()) -> Plan:
        """Which kind of answer a question gets (the first rule that applies)."""
        context_docs = tuple(dict.fromkeys(p.doc_id for p in context))
        docs = query.docs or ((self.library.doc_ids[0],) if len(self.library.documents) == 1 else ())
        if query.refs:
            return Plan("number", docs or context_docs)
        if query.asks_periods and (docs or context_docs):
            return Plan("periods", docs or context_docs)
        if query.asks_change and (versions := self._versions(docs or self._referred_versions(query))):
            return Plan("compare", versions)
        facts = facts_are_asked(query, bool(query.docs or context))
        document_facts: tuple[str, ...] = ()
        if query.chapter and set(facts) <= _FACTS_OF_A_CHAPTER:
            facts = ()  # 第三章的标题是什么？ 第二章有几条？: the chapter's, not the document's
            # …but a part naming no chapter asks the document's (一共有几章？第五章讲什么？)
            units = [u for u in scope.asking_units(query.text) if not names_a_chapter(u)]
            document_facts = tuple(dict.fromkeys(f for u in units for f in doc_facts(u)))
        if facts and (docs or context_docs):
            return Plan("doc_meta", docs or context_docs, facts + (("status",) if query.asks_status else ()))
        if query.asks_status and docs:
            return Plan("status", docs)
        if facts and query.refers_to_document and not query.asks_documents:
            return Plan("which_document")
        if query.chapter and (docs := docs or context_docs[:1]):  # (第八章叫什么？ of the document discussed)
            document = self.library.get(docs[0])
            assert document is not None
            if chapter := next((d for d in document.chapters() if d.number == query.chapter), None):
                sections = [d for d in document.divisions if d.level == 2 and chapter.first <= d.first <= chapter.last]
                section = next((d for d in sections if d.number == query.section), None)
                return Plan("division", docs[:1], document_facts, division=section or chapter)
            return Plan("no_chapter", docs[:1])  # 第三章讲什么？ of a regulation that has no chapters, or not so many
        # 人民银行在哪些文件里有职责？: an agency's list is grouped by document, which answers "which documents"
        if query.agency_list and not query.agency_except:
            return Plan("agency", docs)
        if query.asks_documents:
            return Plan("documents", docs)
        if query.part and docs:
            parts = self.library.get(docs[0]).chapters()  # type: ignore[union-attr]
            if 1 <= query.part <= len(parts):
                return Plan("division", docs[:1], division=parts[query.part - 1])
        if (
            (query.listing or facts == ("count",))
            and (found := match_division(query.topic, self.library, docs or None))
            and (title_covers_area(query.topic, found[1]) or self._searched_within(query.topic, docs, *found))
        ):
            return Plan("division", (found[0],), division=found[1])
        if len(docs) > 1:
            return Plan("per_document", docs)
        return Plan("search", docs)

    def _answer(self, query: Query, shelf: Shelf, context: Sequence[Provision] = ()) -> Answer:
        plan = self.plan(query, context)
        docs = plan.docs
        if plan.kind == "number":
            return self._by_number(query, shelf, docs)
        if plan.kind == "compare":
            return self._compare(query, shelf, docs)
        if plan.kind == "periods":  # 哪些措施有明确的执行期限？
            return compose.periods_answer(shelf, [(d, self._setting_periods(shelf, d)) for d in docs])
        if plan.kind == "status":
            return self._status_and_what_applies(query, shelf, docs)
        if plan.kind == "doc_meta":
            if joined := _documents_joined(query):
                # 增值税法和暂行条例分别是哪天施行的？: each document named together, in the order named (one no longer in
                # force says so) — not 增值税法取代了暂行条例，增值税法是哪天施行的？
                each = [
                    compose.doc_meta_answer(
                        shelf, d, plan.facts if shelf.in_force(d) else tuple(dict.fromkeys((*plan.facts, "status")))
                    )
                    for d in joined
                ]
                answer = replace(
                    each[0],
                    text="\n".join(a.text for a in each),
                    citations=tuple(c for a in each for c in a.citations),
                )
            else:
                answer = compose.doc_meta_answer(shelf, docs[0], plan.facts)
                shown = {(c.doc_id, c.number) for c in answer.citations}  # (the article stating the fact, cited once)
                cited = tuple(
                    shelf.cite(p, p.text) for p in context if p.doc_id == docs[0] and (p.doc_id, p.number) not in shown
                )
                answer = replace(answer, citations=answer.citations + cited)
            where = joined or tuple(docs[:1])
            # (国办发〔2019〕6号是哪个机关印发的？对平均担保费率有什么要求？: the second part searched in that document)
            if rest := self._asked_besides_facts(query.text):
                found = self._search(replace(query, text=rest, topic=rest, docs=where), shelf, where)
                if not found.out_of_scope:
                    return replace(
                        answer, text=f"{answer.text}\n{found.text}", citations=answer.citations + found.citations
                    )
            return answer
        if plan.kind == "which_document":
            return compose.which_document_for_facts(shelf)
        if plan.kind == "no_chapter":
            return compose.no_such_chapter_answer(shelf, docs[0], query.chapter)
        if plan.kind == "division":
            assert plan.division is not None
            answer = compose.division_answer(shelf, docs[0], plan.division)
            if not plan.facts:
                return answer
            facts = compose.doc_meta_answer(shelf, docs[0], plan.facts)
            citations = {(c.doc_id, c.number): c for c in (*facts.citations, *answer.citations)}
            return replace(answer, text=f"{facts.text}\n{answer.text}", citations=tuple(citations.values()))
        if plan.kind == "documents":
            return self._documents(query, shelf)
        if plan.kind == "agency":
            return self._agency_listing(query, shelf, docs)
        if plan.kind == "per_document":
            return self._per_document(query, shelf, docs)
        return self._search(query, shelf, docs)

    @staticmethod
    def _setting_periods(shelf: Shelf, doc_id: str) -> list[tuple[Provision, str]]:
        """A document's provisions that set a period they run for, each with the sentences setting it."""
        return [
            (p, "".join(s for s in split_sentences(p.text) if compose.sets_a_period(s)))
            for p in shelf.doc(doc_id).provisions
            if compose.sets_a_period(p.text)
        ]

    def _per_document(self, query: Query, shelf: Shelf, docs: Sequence[str]) -> Answer:
        """A question about several named documents ("…促进法和北京条例各要求多少？"): the best provision of each."""
        answers = [self._search(query, shelf, [doc_id], alone=True) for doc_id in docs]
        found = [a for a in answers if not a.out_of_scope]
        if not found:
            return answers[0]
        text = "\n".join(a.text for a in found)
        unique = tuple({(c.doc_id, c.number): c for a in found for c in a.citations[:1]}.values())
        missing = [shelf.metas[d].citation_title for d, a in zip(docs, answers, strict=True) if a.out_of_scope]
        if missing:
            text += f"\n{'、'.join(missing)}中没有找到相关规定。"
        return Answer(text, unique, kind="per_document", as_of=shelf.day)

    # ── provisions by number ──────────────────────────────────────────────────────

    def _by_number(self, query: Query, shelf: Shelf, docs: Sequence[str]) -> Answer:
        targets: list[tuple[Provision, str]] = []
        missing: list[str] = []
        nowhere: list[str] = []
        for ref in query.refs[:MAX_TARGETS]:
            candidates = self._number_candidates(ref, self._named_with(query, ref) or docs, shelf)
            unit = "条" if ref.form == "article" else "项"
            number_text = f"第{int_to_cn(ref.number) if ref.number < 1000 else ref.number}{unit}"
            if not candidates:
                where = docs[0] if docs else None
                if where is None:
                    nowhere.append(number_text)
                    continue
                if not targets and len(query.refs) == 1:
                    return compose.unknown_number_answer(shelf, where, [ref.number])
                missing.append(compose.no_such_provision(shelf, where, [ref.number]))
                continue
            if len(candidates) > 1:
                return compose.which_document_answer(shelf, number_text, [p.doc_id for p in candidates])
            provision = candidates[0]
            targets.append((provision, compose.quote_of(provision, ref.paragraph, ref.item)))
            if note := compose.no_such_part(shelf, provision, ref.paragraph, ref.item):
                missing.append(note)
        if not targets and not missing:
            return (
                compose.number_nowhere_answer(shelf, nowhere[0]) if nowhere else compose.which_document_for_facts(shelf)
            )
        if len(targets) == 1 and query.wants_agencies and not missing:
            provision, quote = targets[0]
            return replace(compose.provision_answer(shelf, provision, [quote], wants_agencies=True), kind="number")
        if len(targets) == 1 and not missing and self._asks_only_which_number(query):
            # (2020年版第八条在2025年版里是第几条？ 促进法第四十条在北京条例里对应哪条？ ask the number of what the other
            # document says of it: that leads, then the provision named)
            provision = targets[0][0]
            others = self._documents_named_besides(provision, query)
            if len(others) == 1 and (said := self._said_in(shelf, provision, others[0]))[1]:
                lead, found = said
                answer = compose.numbered_answer(shelf, [(found[0], found[0].text), targets[0]])
                return replace(answer, text=f"{lead}{compose.provision_label(found[0])}。\n{answer.text}")
        answer = compose.numbered_answer(shelf, targets, missing, wants_agencies=query.wants_agencies)
        if _ASKS_WHERE_DETAILED.search(query.text):
            # (企业所得税法第二十八条…具体条件在哪规定？: where its implementing regulation details it, as if named)
            details = [
                d.meta.doc_id for p, _ in targets for d in self.library.documents if d.meta.implements == p.doc_id
            ]
            query = replace(query, docs=tuple(dict.fromkeys((*query.docs, *details))))
        answer = self._with_documents_named(answer, shelf, [p for p, _ in targets], query)
        if query.asks_status:
            statuses = "".join(compose.status_sentence(shelf, d) for d in dict.fromkeys(p.doc_id for p, _ in targets))
            answer = replace(answer, text=f"{answer.text}\n{statuses}")
        return self._with_current_version(answer, shelf, [p for p, _ in targets])

    def _named_with(self, query: Query, ref: ProvisionRef) -> tuple[str, ...]:
        """The documents named right before a number (个体工商户条例第十条 when two documents are named)."""
        owners = []
        for mention in query.mentions:
            after = provision_refs(query.text[mention.end : mention.end + MAX_REF_CHARS])
            if after and after[0].start <= 1 and (after[0].number, after[0].form) == (ref.number, ref.form):
                owners += [d for d in self.names.resolve(mention, query.text, query.day) if d in query.docs]
        if owners:
            return tuple(owners)
        # (…2025年版第九条和2020年版第八条: an edition year right before a number names the version it is in)
        lines = dict.fromkeys(tuple(lineage(d, self.names.metas)) for d in query.docs)
        for found in provision_refs(query.text):
            if (found.number, found.form) == (ref.number, ref.form):
                before = query.text[max(0, found.start - MAX_REF_CHARS) : found.start]
                if m := _EDITION_RIGHT_BEFORE.search(before):
                    owners += [d for line in lines if (d := self.names.edition_by_year(line, m.group()))]
        return tuple(owners)

    def _with_documents_named(
        self, answer: Answer, shelf: Shelf, provisions: Sequence[Provision], query: Query
    ) -> Answer:
        """What the other documents the question names without a number of their own (by name, or by edition
        year) say of each provision (``_said_in``), after it: 增值税法第十一条在暂行条例里怎么写的？ (a successor of a
        repealed one comes with it anyway), 企业所得税法第二十八条在实施条例里怎么细化的？ (asked which number, what
        the other says leads instead: ``_by_number``)."""
        numbered = {p.doc_id for p in provisions}
        lines, citations = [answer.text], list(answer.citations)
        for provision in provisions:
            ref, successor = shelf.ref(provision), shelf.status(provision.doc_id).successor
            for doc in self._documents_named_besides(provision, query):
                if doc in numbered or (doc == successor and not shelf.in_force(provision.doc_id)):
                    continue
                lead, found = self._said_in(shelf, provision, doc)
                if not found:
                    lines.append(f"{shelf.metas[doc].citation_title}中没有与{ref}对应的规定。")
                for related in found:
                    lines.append(f"{lead}{compose.provision_label(related)}：{related.text}")
                    citations.append(shelf.cite(related, related.text))
        return replace(answer, text="\n".join(lines), citations=tuple(citations))

    def _discussed_with_number(self, query: Query, turns: tuple[Turn, ...], shelf: Shelf) -> tuple[str, ...]:
        """The conversation's documents that have the provision a question names by number alone."""
        discussed = dict.fromkeys(p.doc_id for p in self._context(turns))
        return tuple(d for d in discussed if self._number_candidates(query.refs[0], (d,), shelf))

    def _number_candidates(self, ref: ProvisionRef, docs: Sequence[str], shelf: Shelf) -> list[Provision]:
        """The provisions a number can mean: in the documents named or discussed, else in every document
        that has it (articles for 第X条, notice items for （X）)."""
        pool = [self.library.get(d) for d in docs] if docs else list(self.library.documents)
        out = []
        for document in pool:
            if document is None:
                continue
            if not docs and ref.form == "item" and document.meta.shape != "notice":
                continue
            if ref.part:
                parts = document.chapters()
                if not 1 <= ref.part <= len(parts):
                    continue
                inside = [
                    p for p in document.provisions if parts[ref.part - 1].first <= p.number <= parts[ref.part - 1].last
                ]
                if 1 <= ref.number <= len(inside):
                    out.append(inside[ref.number - 1])
                continue
            if (provision := document.provision(ref.number)) is not None:
                out.append(provision)
        if not docs and len(out) > 1:
            in_force = [p for p in out if shelf.in_force(p.doc_id)]
            if ref.form == "article" and len({p.doc_id for p in in_force}) == 1:
                return in_force
        return out

    def _with_current_version(self, answer: Answer, shelf: Shelf, provisions: Sequence[Provision]) -> Answer:
        """A provision of a repealed or superseded document never stands alone: add the successor's
        provision of the same content (or say the successor has none)."""
        lines, citations = [answer.text], list(answer.citations)
        for provision in provisions:
            status = shelf.status(provision.doc_id)
            if status.in_force or not status.successor:
                continue
            pair = self._pair(provision, status.successor)
            successor = shelf.metas[status.successor]
            if pair is not None and pair in provisions:  # (新版第九条和旧版第八条有什么区别？: shown already, with it)
                lines.append(compose.changes_line(provision.text, pair.text, self.searcher.tokenizer.cut))
            elif pair is not None:
                lines.append(f"现行规定见{compose.headline(shelf, pair)}：{pair.text}")
                citations.append(shelf.cite(pair, pair.text))
            else:
                lines.append(f"{successor.citation_title}中没有与之对应的规定。")
                citations.append(shelf.cite_document(status.successor))
        return replace(answer, text="\n".join(lines), citations=tuple(citations))

    # ── versions ──────────────────────────────────────────────────────────────────

    def _asked_besides_facts(self, text: str) -> str:
        """The asking parts of a question on a document's facts that ask something else, naming a topic of the
        library's own (对平均担保费率有什么要求？ after 是哪个机关印发的？; not 现在还管用吗？ 由哪个机关通过？; "" when
        there are none)."""
        units = scope.asking_units(text)
        rest = [
            u
            for u in units
            if not doc_facts(u)
            and self._specificity(scope.without_asking(u), library_words=True) >= NAMES_LITTLE
            and not (part := understand(u, self.names, self.agencies, self.today())).asks_status
            and not facts_are_asked(part, True)
        ]
        return "".join(rest) if len(rest) < len(units) else ""

    def _status_and_what_applies(self, query: Query, shelf: Shelf, docs: Sequence[str]) -> Answer:
        """Whether the documents are in force — and, when the question also asks specifics (还按这个条例交吗？现在
        卖货的税率是多少？), the answer to its last part asking them, cited first."""
        status = compose.status_answer(shelf, docs)
        # (nor a part of a sentence asking the status: 从哪天起、依据哪一条废止的？ asks both of the repeal)
        of_status = [
            s
            for s in asking_sentences(query.text)
            if understand(s, self.names, self.agencies, self.today()).asks_status
        ]
        parts = [
            understand(unit, self.names, self.agencies, self.today())
            for unit in scope.asking_units(query.text)
            if (scope.asked_kind(unit) or asks_which_number(unit))  # (…的规定在第几项？ asks where it is)
            and not any(unit in s for s in of_status)
        ]
        asked = [p for p in parts if not p.asks_status and not facts_are_asked(p, True)]  # (not 哪天废止的？)
        if not asked:
            return status
        # (searched in the whole library: a repealed version's provision leads to its successor's, which may not
        # use the words asked — 增值税法第十一条 names no 小规模纳税人)
        answer = self._search(replace(query, topic=asked[-1].topic, docs=()), shelf, ())
        if answer.out_of_scope:
            # 年报还是1月1日到6月30日吗？ of a repealed regulation, stated by none in force: said so, with the closest
            # provision of the documents asked about or their successors (not one elsewhere: 从哪天开始不再施行？)
            mine = {*docs, *(shelf.status(d).successor for d in docs)}
            if answer.closest is None or answer.closest.doc_id not in mine:
                return status
            return replace(status, text=f"{status.text}\n{answer.text}", coverage="partial")
        cited = {(c.doc_id, c.number) for c in answer.citations}
        more = tuple(c for c in status.citations if (c.doc_id, c.number) not in cited)
        return replace(answer, text=f"{status.text}\n{answer.text}", citations=answer.citations + more)

    def _referred_versions(self, query: Query) -> tuple[str, ...]:
        """The document a question names only as the new or the old one (新条例和旧条例…有什么区别？), or by the years
        of two of its editions (…2025年修订版和2020年版相比有什么变化？): that of the provision closest to its topic
        (none when it refers to no version, or that document has no editions of those years)."""
        by_years = len(self.names.edition_years(query.text)) > 1
        if query.docs or not (refers_to_a_version(query.text) or by_years):
            return ()
        hits = self.searcher.search(query.topic).hits
        if not hits:
            return ()
        doc_id = hits[0].provision.doc_id
        if by_years and len(self.names.editions_by_year(lineage(doc_id, self.names.metas), query.text)) < 2:
            return ()
        return (doc_id,)

    def _versions(self, docs: Sequence[str]) -> tuple[str, ...]:
        """The line of succession the named documents belong to, when it has two versions or more."""
        for doc_id in docs:
            line = lineage(doc_id, self.names.metas)
            if len(line) > 1:
                return line
        return ()

    def _pairs(self, old_doc: str, new_doc: str) -> tuple[Pair, ...]:
        """Each provision of ``old_doc`` with the provision of ``new_doc`` that says the same (or None)."""
        old = self.library.get(old_doc)
        new = self.library.get(new_doc)
        assert old is not None and new is not None
        vectors = self.searcher.index.passage_matrix()
        rows = self.searcher.positions
        return tuple(
            pair_versions(
                old.provisions, new.provisions,
                vectors[[rows[p.key] for p in old.provisions]], vectors[[rows[p.key] for p in new.provisions]],
            )
        )  # fmt: skip

    def _pair(self, provision: Provision, new_doc: str) -> Provision | None:
        return next((pair.new for pair in self.pairs(provision.doc_id, new_doc) if pair.old.key == provision.key), None)

    def _documents_named_besides(self, provision: Provision, query: Query) -> tuple[str, ...]:
        """The documents a question names besides a provision's own (by name, or its other versions by edition year)."""
        line = lineage(provision.doc_id, self.names.metas)
        named = dict.fromkeys((*query.docs, *self.names.editions_by_year(line, query.text)))
        return tuple(d for d in named if d != provision.doc_id)

    def _asks_only_which_number(self, query: Query) -> bool:
        """One question asking which number (…在2025年版里是第几条？), naming nothing besides documents and numbers
        (not …2025年版里逾期利息是第几条？ nor a status or a second question asked with it)."""
        if not asks_which_number(query.text) or query.asks_status or query.facts:
            return False
        if len(scope.asking_units(query.text)) != 1:
            return False
        spans = [(m.start, m.end) for m in query.mentions] + reference_spans(query.text)
        rest = _CORRESPONDS.sub("", scope.without_asking(strip_spans(query.text, spans)))
        return not self._names_topic(re.sub(r"\d", "", rest))  # (nor by the years of editions)

    def _said_in(self, shelf: Shelf, provision: Provision, doc: str) -> tuple[str, list[Provision]]:
        """What another document says of a provision, and the words introducing it: its counterpart in another
        version, its articles naming it or named by it, else its provision closest in content."""
        ref, title = shelf.ref(provision), shelf.metas[doc].citation_title
        if doc in lineage(provision.doc_id, self.names.metas):
            found = [c] if (c := self._counterpart(provision, (doc,))) is not None else []
            return f"{ref}在{title}中对应的是", found
        if found := self._naming_each_other(provision, (doc,))[:MAX_FOLLOW_UP_PROVISIONS]:
            return f"{title}中与{ref}相关的是", found
        return f"{title}中与{ref}内容最接近的是", [
            h.provision for h in self.searcher.search(provision.text, (doc,)).hits[:1]
        ]

    def _counterpart(self, provision: Provision, docs: Sequence[str]) -> Provision | None:
        """What a provision says in another version of its document (the first of ``docs`` that is one):
        its pair in an older or a newer version, by content."""
        line = lineage(provision.doc_id, self.names.metas)
        for doc in docs:
            if doc == provision.doc_id or doc not in line:
                continue
            if line.index(doc) > line.index(provision.doc_id):
                return self._pair(provision, doc)
            return next(
                (pair.old for pair in self.pairs(doc, provision.doc_id) if pair.new and pair.new.key == provision.key),
                None,
            )
        return None

    def _in_documents_named(self, query: Query, turns: tuple[Turn, ...], shelf: Shelf, docs: Sequence[str]) -> Answer:
        """What other documents say of the provision discussed: its counterpart in another version, their
        articles naming it (or named by it) — else the earlier question, asked of them."""
        context = self._context(turns)
        if query.facts or query.asks_status:  # 北京这个条例哪天施行的？: the facts of the document meant
            return self._facts_of(query, shelf, docs[0], context)
        if context and (counterpart := self._counterpart(context[0], docs)) is not None:
            return self._counterpart_answer(shelf, context[0], counterpart)
        # (实施条例怎么细化的？ after an answer citing the law's article with the regulation's beside it: that one)
        related = [p for p in context[1:] if p.doc_id in docs]
        related = related or (self._naming_each_other(context[0], docs) if context else [])
        if related:
            targets = [(p, p.text) for p in related[:MAX_FOLLOW_UP_PROVISIONS]]
            answer = compose.numbered_answer(shelf, targets, wants_agencies=query.wants_agencies)
            return replace(answer, kind="follow_up")
        return replace(self._earlier_question_in(query, turns, shelf, docs), kind="follow_up")

    def _documents_meant(self, text: str, turns: Sequence[Turn]) -> tuple[str, ...]:
        """The documents a follow-up that names no document means, when it asks nothing of its own: the
        implementing regulation of the one discussed (实施条例里呢？) or the law it implements (上位法呢？), or the
        local document of a place (北京有没有更优惠的？)."""
        local = self._local_documents_named(text)
        by_relation = bool(_IMPLEMENTING.search(text) or _IMPLEMENTED.search(text))
        if not (by_relation or local) or not self._says_little(text):
            return ()
        related = self._documents_by_relation(text, self._context(turns)) if by_relation else []
        return tuple(dict.fromkeys([*related, *local]))

    def _documents_by_relation(self, text: str, context: Sequence[Provision]) -> list[str]:
        """The documents a text names by their relation to one discussed (``context``: the provisions discussed): its
        implementing regulation (实施条例) or the law it implements (上位法, 法律依据)."""
        implementing, implemented = _IMPLEMENTING.search(text), _IMPLEMENTED.search(text)
        if not (implementing or implemented):
            return []
        discussed = {p.doc_id for p in context}
        return [
            d.meta.doc_id
            for d in self.library.documents
            if (implementing and d.meta.implements in discussed)
            or (implemented and any(self.names.metas[x].implements == d.meta.doc_id for x in discussed))
        ]

    def _says_little(self, text: str) -> bool:
        """Too little besides the documents or places it names to be searched on its own (怎么细化的？
        有没有更优惠的？): the sum of its words' specificity."""
        # (哪几档 asks, names nothing; so does a sentence asking only which article: …是怎么规定的？第几条？)
        rest = scope.without_asking(_IMPLEMENTED.sub("", _IMPLEMENTING.sub("", without_which_number_asked(text))))
        for region in self.searcher.regions_named(text):
            rest = rest.replace(region, "").replace(region.rstrip("省市"), "")
        return self._specificity(rest) < ELLIPTICAL_MAX_SPECIFICITY

    def _names_little(self, query: Query) -> bool:
        """A searched question that names too little of what the library speaks of to stand on its own:
        the specificity of its words the library uses, the asking words aside (利率怎么算？ 不报会怎样？), and
        a word naming a rate as such (税率是多少？ asks the rate of what was asked before)."""
        if query.refs or self.plan(query).kind != "search":
            return False
        return self._specificity(scope.without_asking(query.topic), library_words=True, rates=False) < NAMES_LITTLE

    def _leans_on_before(self, text: str) -> bool:
        """An earlier question that names too little to have been asked alone (能要利息吗？ after a story)."""
        try:
            query = understand(clean_question(text), self.names, self.agencies, self.today())
        except ValueError:
            return False
        return self._says_little(text) or self._names_little(query)

    def _within_conversation(self, answer: Answer, turns: tuple[Turn, ...]) -> bool:
        """Whether an answer leads with a provision of a document the conversation cites."""
        lead = next(iter(answer.citations), None)
        return lead is not None and lead.doc_id in {p.doc_id for p in self._context(turns)}

    def _fits_as_well(self, text: str, follow_up: Answer, alone: Answer) -> bool:
        """Whether the provision a follow-up answer leads with is about as close to the question alone as
        the one its own answer leads with (or, refused, names as the closest)."""
        cards = [next(iter(a.citations), a.closest) for a in (follow_up, alone)]
        lead = [self.library.provision(c.doc_id, c.number) if c else None for c in cards]
        if None in lead:
            return True
        follow_up_lead, own_lead = self.searcher.dense_of(text, [p for p in lead if p is not None])
        return follow_up_lead + LEAD_DENSE_SLACK >= own_lead

    def _specificity(
        self, text: str, *, library_words: bool = False, nouns_only: bool = False, rates: bool = True
    ) -> float:
        """How much a text names: the sum of its words' specificity, numbers aside (``library_words``: only
        the words some provision uses; ``nouns_only``: only words that name an object; ``rates=False``: not words
        naming a rate as such)."""
        tokenizer, used = self.searcher.tokenizer, self.searcher.document_frequency
        return sum(
            tokenizer.specificity(w)
            for w in tokenizer.words(text)
            if not w.isdigit()
            and (not library_words or used(w))
            and (not nouns_only or tokenizer.names_an_object(w))
            and (rates or not _A_RATE.fullmatch(w))
        )

    def _subject_of(self, question: str) -> str:
        """What a question is about: its run of words naming things the library speaks of, one right after another,
        that names most (小型微利企业 of 什么样的企业算小型微利企业？, 创业担保贷款 of 创业担保贷款最多能贷多少？; ""
        when it names none)."""
        tokenizer = self.searcher.tokenizer
        runs: list[list[str]] = [[]]
        for token in tokenizer.cut(question):
            if tokenizer.names_a_thing(token) and self.searcher.document_frequency(token.lower()):
                runs[-1].append(token)
            elif runs[-1]:
                runs.append([])
        best = max(runs, key=lambda run: sum(map(tokenizer.specificity, run)))
        return "".join(best)

    def _naming_each_other(self, discussed: Provision, docs: Sequence[str]) -> list[Provision]:
        """What other documents say of a provision by name: their articles that name it (实施条例 on 企业所得税法
        第二十八条: 第九十二条, 第九十三条), and the articles of theirs it names."""
        meta = self.names.metas[discussed.doc_id]
        out: list[Provision] = []
        for document in filter(None, map(self.library.get, docs)):
            out += [p for p in document.provisions if discussed.number in _articles_named(p.text, meta)]
            out += filter(None, map(document.provision, _articles_named(discussed.text, document.meta)))
        return list(dict.fromkeys(out))

    def _counterpart_answer(self, shelf: Shelf, discussed: Provision, counterpart: Provision) -> Answer:
        """ "以前的版本怎么规定？" / "现在的条例呢？" about a provision: its counterpart in the other version, whole."""
        # (the counterpart named first: a follow-up to this answer is about it, not the provision discussed before)
        lead = f"{shelf.ref(counterpart)}对应{shelf.ref(discussed)}。"
        answer = compose.provision_answer(shelf, counterpart, [counterpart.text], full_text=True, lead=lead)
        line = lineage(discussed.doc_id, self.names.metas)
        old, new = sorted((discussed, counterpart), key=lambda p: line.index(p.doc_id))
        changes = compose.changes_line(old.text, new.text, self.searcher.tokenizer.cut)
        return replace(answer, text=f"{answer.text}\n{changes}", kind="follow_up")

    def _compare(self, query: Query, shelf: Shelf, versions: Sequence[str]) -> Answer:
        """What changed between two versions: on the question's topic, or an overview."""
        old_id, new_id = versions[-2], versions[-1]
        named = [d for d in query.docs if d in versions]
        if len(named) == 2:
            old_id, new_id = sorted(named, key=versions.index)
        old, new = shelf.metas[old_id], shelf.metas[new_id]
        result = self.searcher.search(query.topic, [old_id, new_id])
        tokenizer = self.searcher.tokenizer
        own = [
            w
            for w in tokenizer.words(_without_change_words(query.topic))
            if tokenizer.specificity(w) >= 1.5 and not w.isdigit()
        ]
        if own:
            best_new = result.best_in(new_id)
            best_old = result.best_in(old_id)
            assert best_new is not None and best_old is not None
            pairs = {pair.old.key: pair.new for pair in self.pairs(old_id, new_id)}
            new_p = best_new.provision
            old_p = next((o for o in shelf.doc(old_id).provisions if pairs.get(o.key) == new_p), best_old.provision)
            lines = [
                f"{compose.headline(shelf, new_p)}（现行）：{new_p.text}",
                f"{compose.headline(shelf, old_p)}（修订前）：{old_p.text}",
            ]
            lines.append(compose.changes_line(old_p.text, new_p.text, tokenizer.cut))
            citations = (shelf.cite(new_p, new_p.text), shelf.cite(old_p, old_p.text))
            return Answer("\n".join(lines), citations, kind="compare", as_of=shelf.day)
        pairs = self.pairs(old_id, new_id)
        kept = [(pair.old, pair.new) for pair in pairs if pair.new is not None]
        changed = [(o, n) for o, n in kept if o.text != n.text]
        matched_new = {n.key for _, n in kept}
        added = [p for p in shelf.doc(new_id).provisions if p.key not in matched_new]
        dropped = [pair.old for pair in pairs if pair.new is None]
        lines = [
            f"{new.citation_title}自{cn_date(new.effective)}起施行，取代{old.citation_title}。"
            if new.effective
            else "",
            f"修订前{compose.count_phrase(shelf.doc(old_id))}，修订后{compose.count_phrase(shelf.doc(new_id))}。",
            f"内容对应的条文 {len(kept)} 对，其中 {len(changed)} 对文字有改动；新增 {len(added)} 条，删去或并入其他条文 {len(dropped)} 条。",
        ]
        for o, n in changed[:6]:
            lines.append(
                f"· {compose.provision_label(o)} → {compose.provision_label(n)}：{compose._first_sentence(n.text)}"
            )
        citations = [shelf.cite_document(new_id), shelf.cite_document(old_id)]
        return Answer("\n".join(x for x in lines if x), tuple(citations), kind="compare", as_of=shelf.day)

    # ── documents on a topic ──────────────────────────────────────────────────────

    def _documents(self, query: Query, shelf: Shelf) -> Answer:
        if query.docs and (versions := self._versions(query.docs)) and "版" in query.text:
            reasons = {d: shelf.metas[d].edition for d in versions}
            title = shelf.metas[versions[-1]].title
            return compose.documents_answer(shelf, f"《{title}》在库中的版本", list(reversed(versions)), reasons)
        if query.docs:
            return compose.documents_answer(shelf, "库中收录了这些文件", query.docs, {})
        issuers = self._issuer_names
        wanted = document_filter(query.text, issuers)
        pool = [d for d in self.library.doc_ids if self._matches(shelf, d, wanted)]
        leftover = _strip_attribute_words(_strip_document_words(without_attributes(query.topic, issuers)))
        english_left = ENGLISH_WORD.findall(_ABOUT_THE_LIBRARY.sub(" ", query.text.lower()))
        if len(cjk_bigrams(leftover)) < 2 and not english_left:  # (你们库里都有哪些文件？ asks for the whole library)
            return compose.documents_answer(shelf, "符合条件的文件" if wanted else "库中收录了这些文件", pool, {})
        ranked = self._rank_documents(query, pool)
        if not ranked and wanted and pool:
            # 我们要更新资料，哪些文件已经废止了？ — nothing in the library is about the rest of the question:
            # the documents the attributes ask for, saying so.
            return compose.documents_answer(shelf, "库中没有专门涉及问题其余内容的文件。符合条件的文件", pool, {})
        if not ranked:
            return compose.out_of_scope_answer(shelf, None)
        if (
            query.wants_figure
            and scope.asks_of_each(query.text)
            and (in_force := [d for d, _ in ranked if shelf.in_force(d)])
        ):
            # 哪些文件规定了预留份额？各自的比例是多少？: each document's provision stating it, not only its name
            return self._per_document(query, shelf, in_force)
        return compose.documents_answer(shelf, "与这个问题相关的文件", [d for d, _ in ranked], dict(ranked))

    def _matches(self, shelf: Shelf, doc_id: str, wanted: DocumentFilter) -> bool:
        meta = shelf.metas[doc_id]
        if wanted.kinds and meta.kind not in wanted.kinds:
            return False
        if wanted.issuers and not set(wanted.issuers) & self._makers[doc_id]:
            return False
        if wanted.title_kinds and not any(meta.title.endswith(k) for k in wanted.title_kinds):
            return False
        if wanted.repealed_only:
            return shelf.status(doc_id).code == REPEALED
        return wanted.in_force is None or shelf.in_force(doc_id) == wanted.in_force

    def _defining_a_term_of(self, provision: Provision) -> Provision | None:
        """The provision of the same document that defines (（以下简称…）, （以下统称…）) the first such term this one uses
        for a body named there (None: it uses none)."""
        used = [
            (at, definer)
            for term, definer in self._defined_terms.get(provision.doc_id, {}).items()
            if definer.key != provision.key and definer.agencies and (at := provision.text.find(term)) >= 0
        ]
        return min(used, key=lambda pair: pair[0])[1] if used else None

    @functools.cached_property
    def _defined_terms(self) -> dict[str, dict[str, Provision]]:
        """Per document, each term its text defines (…部门（以下统称受理投诉部门）) → the provision defining it."""
        out: dict[str, dict[str, Provision]] = {}
        for provision in self.library.provisions:
            for term in _SHORT_TERM.findall(provision.text):
                out.setdefault(provision.doc_id, {}).setdefault(term, provision)
        return out

    @functools.cached_property
    def _makers(self) -> dict[str, frozenset[str]]:
        """The bodies that made each document: its issuer and those its header lines name (…会议通过,
        …修订) — a law adopted by 全国人民代表大会 and amended by its 常务委员会 was made by both."""
        out = {}
        for doc in self.library.documents:
            bodies = {doc.meta.issuer} | {entry.issuer for line in doc.meta.history if (entry := history_entry(line))}
            out[doc.meta.doc_id] = frozenset(self.agencies.canonical(b) or b for b in bodies if b)
        return out

    @functools.cached_property
    def _issuer_names(self) -> dict[str, str]:
        """The bodies that made documents of the library, by every name they go by (their own and their
        aliases in the agency file)."""
        names = {}
        for maker in set().union(*self._makers.values()):
            agency = self.agencies.by_name.get(maker)
            for surface in agency.surfaces() if agency else (maker,):
                names[surface] = maker
        return names

    @functools.cached_property
    def _title_bigrams(self) -> tuple[dict[str, set[str]], set[str]]:
        """Each document's name bigrams (title and short names), and those too many names share to
        name a topic (中小企业 in most titles of a library for SMEs)."""
        titles = {
            doc.meta.doc_id: set().union(*(cjk_bigrams(n) for n in (doc.meta.plain_title, *doc.meta.short_names)))
            for doc in self.library.documents
        }
        counts = collections.Counter(g for grams in titles.values() for g in grams)
        most = max(2, int(len(titles) * COMMON_TITLE_SHARE))
        return titles, {g for g, n in counts.items() if n > most}

    def _rank_documents(self, query: Query, pool: Sequence[str]) -> list[tuple[str, str]]:
        """Documents whose name names the topic; else those whose provisions answer it best."""
        topic = _strip_document_words(query.topic)
        grams = cjk_bigrams(topic)
        titles, common = self._title_bigrams
        scored = []
        for doc_id in pool:
            shared = (grams & titles[doc_id]) - common
            if len(shared) >= 2 or (shared and len(grams) <= 2):
                scored.append((len(shared) / max(1, len(grams)), doc_id))
        named = []
        mentioning = bool(_MENTIONING.search(query.text))
        if scored:
            best = max(s for s, _ in scored)
            named = [(d, "文件名称涉及这一主题") for s, d in sorted(scored, reverse=True) if s >= best * 0.5]
            if best >= TITLE_NAMES_TOPIC and not mentioning:
                return named  # which documents are about it: those named for it
        # Titles naming part of the topic (拖欠…个体工商户账款: the 个体工商户 regulations) come with the
        # documents whose provisions answer it (促进法第五十三条 on 拖欠).
        listed = {d for d, _ in named}
        # what the titles do not name is what the provisions are searched for (拖欠…账款, not 个体工商户)
        in_titles = "".join(self.names.metas[d].title for d in listed)
        rest = "".join(w for w in self.searcher.tokenizer.cut(topic) if w not in in_titles) if listed else topic
        answering = self._documents_answering(query, rest if has_own_topic(rest) else topic, pool)
        if listed and mentioning:
            # which mention it: also those one of whose provisions answers all of it and names what the titles name
            others = [d for d in pool if d not in listed]
            answering += self._documents_answering(query, topic, others, naming=_longest_shared(topic, in_titles))
        found = dict(named)
        for doc_id, why in answering:
            found.setdefault(doc_id, why)
        return list(found.items())

    def _documents_answering(
        self, query: Query, topic: str, pool: Sequence[str], naming: str = ""
    ) -> list[tuple[str, str]]:
        """Documents one of whose provisions answers the topic, best first, each with that provision (one that
        names ``naming``, when given)."""
        if not pool:
            return []
        result, features = self.retrieve(topic or query.text, list(pool))
        if not self.in_scope(replace(features, missing_specifics="")):  # documents are asked, not figures
            return []
        # A document covers the topic when one of its provisions answers it: its best provision counts, not
        # how many of its provisions come near (a long regulation that mentions 采购 often does not cover 预留份额).
        best_of: dict[str, float] = {}
        for hit in result.hits[:10]:
            best_of[hit.provision.doc_id] = max(best_of.get(hit.provision.doc_id, 0.0), hit.score)
        best = max(best_of.values())
        # …and names what the topic is named by about as fully as the best one does (of 政府采购…预留份额, the
        # payment regulations' article on 采购 budgets names neither 预留 nor 份额)
        named = {
            doc_id: self._names_of_topic(topic, hit.provision.text)
            for doc_id in best_of
            if (hit := result.best_in(doc_id))
        }
        most_named = max(named.values(), default=0.0)
        shelf = Shelf(self.library, query.day)
        out = []
        for doc_id, value in sorted(best_of.items(), key=lambda kv: -kv[1]):
            if value >= best * 0.5 and named.get(doc_id, 0.0) >= most_named * 0.5:
                top = result.best_in(doc_id)
                if naming and (top is None or not scope.in_full(naming, top.provision.text)):
                    continue
                out.append((doc_id, f"见{shelf.ref(top.provision)}" if top else ""))
        return out

    def _names_of_topic(self, topic: str, text: str) -> float:
        """The share of a topic's words a text names, each word weighted by how few provisions use it (everyday
        words, 事 of 这件事, name nothing)."""
        tokenizer = self.searcher.tokenizer
        words = (w for w in tokenizer.words(topic) if not w.isascii() and tokenizer.specificity(w))
        return _share_named(self._rarity_weights(words), text)

    def _rarity_weights(self, words: Iterable[str]) -> dict[str, float]:
        """Each of the words the library uses, weighted by how few provisions use it (log of provisions per use)."""
        total = len(self.searcher.provisions)
        return {w: math.log(total / df) for w in words if (df := self.searcher.document_frequency(w))}

    # ── agencies ──────────────────────────────────────────────────────────────────

    def _agency_listing(self, query: Query, shelf: Shelf, docs: Sequence[str]) -> Answer:
        names = query.agencies
        families = [self.agencies.family(n) for n in names]
        pool = [d for d in self.library.documents if (d.meta.doc_id in docs if docs else shelf.in_force(d.meta.doc_id))]

        def involved(p: Provision, alone: bool = query.agency_alone) -> bool:
            # The first body a measure's parenthetical names leads it (列第一位者为牵头单位).
            named = p.agencies[:1] if query.agency_leads and p.responsibility else p.agencies
            hits = [any(a in family for a in named) for family in families]
            asked = all(hits) if query.agencies_together else any(hits)
            # 单独负责: no body besides the asked ones
            return asked and (not alone or all(any(a in f for f in families) for a in named))

        provisions = [p for d in pool for p in d.provisions if involved(p)]
        # Tasks assigned by name, all of them shared: articles that merely name the body do not stand in.
        if (
            query.agency_alone
            and not any(p.responsibility for p in provisions)
            and any(p.responsibility for d in pool for p in d.provisions if involved(p, alone=False))
        ):
            provisions = []
        # Where documents assign tasks by name (a measure's closing parenthetical), those are what the
        # agency is responsible for; articles that merely name it are mentioned after the list.
        assigned = [p for p in provisions if p.responsibility]
        mentioned = [p for p in provisions if not p.responsibility] if assigned else []
        provisions = assigned or provisions
        who = "、".join(names)
        verb = (
            (
                "牵头的措施"
                if query.agency_leads
                else "负责的措施"
                if query.agency_alone
                else "负责（含按职责分工负责）的措施"
            )
            if assigned
            else "负责或涉及的规定"
        )
        heading = f"{who}{'共同' if query.agencies_together else '单独' if query.agency_alone else ''}{verb}"
        before = ""
        # the question's own words, not the documents' names (款项支付条例 is not 第二章 款项支付规定)
        found = match_division(strip_agencies(query.topic, self.agencies), self.library, [d.meta.doc_id for d in pool])
        inside = []
        if found is not None:
            doc_id, division = found
            inside = [p for p in provisions if p.doc_id == doc_id and division.first <= p.number <= division.last]
            if inside:
                provisions, heading = inside, f"{who}在“{division.heading}”部分{verb}"
            else:
                before = f"在“{division.heading}”部分没有{who}{verb}。"
        # 金融监管总局对小微企业贷款不良容忍度有啥职责？ asks of one matter: its provisions the search finds among the
        # closest to it, quoted, not every task of the agency
        if not inside and (on_topic := self._on_agency_topic(query, [*provisions, *mentioned], pool)):
            answer = compose.numbered_answer(shelf, [(p, p.text) for p in on_topic], wants_agencies=True)
            lead = f"{who}{'负责或涉及' if assigned else ''}的规定中，与您所问最相关的是：\n"
            text = lead + answer.text + compose.agency_notes(shelf, names, on_topic)
            return replace(answer, text=text, kind="agency")
        if not provisions:
            involved_anywhere = "、".join(
                dict.fromkeys(a for d in pool for p in d.provisions for a in p.agencies if p.responsibility)
            )
            listed = f"文件中列明的负责部门有：{involved_anywhere}。" if involved_anywhere else ""
            return Answer(
                f"库中{'所选' if docs else '现行'}文件没有{heading.removesuffix('的措施').removesuffix('的规定')}的内容。{listed}",
                kind="agency",
                as_of=shelf.day,
            )
        answer = compose.listing_answer(shelf, heading, provisions, "agency")
        also = compose.mentions_line(shelf, who, mentioned)
        return replace(answer, text=before + answer.text + also + compose.agency_notes(shelf, names, provisions))

    def _on_agency_topic(
        self, query: Query, provisions: Sequence[Provision], pool: Sequence[Document]
    ) -> list[Provision]:
        """Of an agency's provisions, those a search of what the question asks besides the agency finds among the
        closest few, closest first (none when it asks nothing else: 发改委负责哪些措施？)."""
        topic = agency_question_topic(query.topic, self.agencies)
        tokenizer = self.searcher.tokenizer
        if query.asks_periods or sum(map(tokenizer.specificity, tokenizer.words(topic))) < AGENCY_TOPIC_SPECIFICITY:
            return []
        keys = {p.key for p in provisions}
        hits = self.searcher.search(topic, [d.meta.doc_id for d in pool]).hits[:AGENCY_TOPIC_WITHIN]
        if not hits or hits[0].provision.key not in keys:  # (the matter's own provision is not the agency's)
            return []
        return [h.provision for h in hits if h.provision.key in keys]

    # ── search ────────────────────────────────────────────────────────────────────

    def _searched_within(self, topic: str, docs: Sequence[str], doc_id: str, division: Division) -> bool:
        """Whether the best provision a search of ``topic`` finds is one of ``division``: a title that shares the
        question's words with a part whose provisions do not answer best asks about something else (首贷、续贷有什么信贷
        支持措施？ is not the part 降低小微企业综合融资成本 of another document) or something narrower (知识产权质押融资 is
        measure （四）, not the part 提升知识产权…能力)."""
        hits = self.searcher.search(topic, docs or None).hits
        return (
            bool(hits)
            and hits[0].provision.doc_id == doc_id
            and division.first <= hits[0].provision.number <= division.last
        )

    def retrieve(self, topic: str, doc_ids: Sequence[str] | None = None) -> tuple[Retrieval, scope.ScopeFeatures]:
        """Search a topic (in ``doc_ids``; in every document when none is given) and measure how well
        the best provision covers it."""
        result = self.searcher.search(topic, doc_ids or None)
        return result, self._coverage(topic, result)

    def _coverage(self, topic: str, result: Retrieval) -> scope.ScopeFeatures:
        """The scope signals of how well a search's best provision covers the topic."""
        return scope.features(topic, result, self._passages[result.hits[0].provision.key], self.searcher)

    def _searched(
        self, query: Query, topic: str, doc_ids: Sequence[str] | None = None
    ) -> tuple[Retrieval, scope.ScopeFeatures]:
        """``retrieve`` for a question: a follow-up searched together with the question before it is judged on
        what it asks itself."""
        result, features = self.retrieve(topic, doc_ids)
        return result, scope.leaving_out(features, query.earlier, topic)

    def _allowed(self, query: Query, docs: Sequence[str], *, alone: bool = False) -> list[str] | None:
        """The documents a search may answer from: those named (with the versions that replaced them,
        unless ``alone``); for a past day, those in force then."""
        shelf = Shelf(self.library, query.day)
        if alone:
            return list(docs)
        if query.past:
            pool = docs or self.library.doc_ids
            in_force = [d for d in pool if shelf.in_force(d)]
            # 2025年（增值税法施行之前）…: a document named but not yet in force then answers by the version it replaced
            then = [old for d in pool for old in self._older_versions(d) if shelf.in_force(old)]
            return in_force or then or list(pool)
        if not docs:
            return None
        if not _ASKS_ABOUT_NOW.search(query.text):
            return list(docs)  # a document named by its own name: "以前那部《…》里…" is about it
        return list(dict.fromkeys([*docs, *(s for d in docs if (s := shelf.status(d).successor))]))

    def _search(
        self,
        query: Query,
        shelf: Shelf,
        docs: Sequence[str],
        *,
        wants_agencies: bool | None = None,
        alone: bool = False,
        discussed: Sequence[Provision] = (),
    ) -> Answer:
        """The best provision for the question (``alone``: exactly one, in ``docs``, as one part of a
        per-document answer), its current version and implementing regulation, and related ones.
        ``discussed``: the provisions the conversation is about — a follow-up whose best provision is one of
        them is answered unless a hard rule refuses it (the conversation shows the library is on topic)."""
        topic = searched = query.topic
        overall, features = self._searched(query, topic)
        if features.partial:
            rest = self._rest_of(topic, features.unanswered)
            rest_result, rest_features = self.retrieve(rest)
            if not self.in_scope(rest_features):
                features = replace(features, partial=False)  # what it asks besides the specifics is not answered either
            elif (
                not (query.in_conversation or discussed)
                and len(asking_sentences(rest)) == 1
                and rest_result.hits[0].provision is not overall.hits[0].provision
            ):
                # (answered in part, what is answered is one question: the provision found for it, not one the words
                # of the specifics lead to — 这合法吗？要投诉的话打哪个电话？ after a story of a paid contest is no question
                # on complaints; in a conversation, what the conversation is about decides)
                searched, overall = rest, rest_result
        on_topic = overall.hits[0].provision in discussed and not scope.hard_rule(features)
        answered = on_topic or self.in_scope(features)
        if not answered and (core := question_core(topic)) != topic and _ASKS_WHAT_THE_TEXT_SAYS.search(core):
            # 在亚马逊卖货，海外仓太贵了，文件里对海外仓网络是怎么说的？ asks what the text says of its subject: the story
            # around it is context, not part of what must be answered
            core_result, core_features = self._searched(query, core)
            if self.in_scope(core_features):
                topic, overall, features, answered = core, core_result, core_features, True
        if not answered and query.docs:
            # A question naming its documents is answered when they answer it (旧的个体工商户条例里，年度报告…？),
            # however close another document's words come.
            named = self._allowed(query, docs, alone=alone)
            answered = bool(named) and self.in_scope(self._searched(query, topic, named)[1])
        if not answered:
            closest = overall.hits[0].provision
            # a figure no text states, asked in a conversation: the provision talked about, if about as close
            if discussed and features.missing_specifics:
                talked_about = max(discussed, key=overall.dense_of)
                if overall.dense_of(talked_about) + CONVERSATION_DENSE_SLACK >= overall.dense_of(closest):
                    closest = talked_about
            status = shelf.status(closest.doc_id)
            if not status.in_force and status.successor:  # a repealed provision is no place to start: its successor
                closest = self._current_version(closest, status.successor, overall, topic) or closest
            related = closest if features.dense >= scope.RELATED_MIN_DENSE else None
            return compose.out_of_scope_answer(shelf, related, features.missing_specifics)
        allowed = self._allowed(query, docs, alone=alone)
        result = overall if allowed is None else self.searcher.search(searched, allowed)
        if result.hits[0].provision is not overall.hits[0].provision:
            # What the answer leaves uncovered is judged on the provisions it is drawn from, not on another
            # document's (小微企业呢？需要什么条件？ in a conversation on start-up loans: the loans' conditions)
            within = scope.leaving_out(self._coverage(topic, result), query.earlier, topic)
            features = replace(
                features,
                missing_specifics=within.missing_specifics,
                unanswered=within.unanswered,
                partial=within.partial,
            )
        wants = query.wants_agencies if wants_agencies is None else wants_agencies
        top = self._prefer_focus(query, result, self._prefer_definition(query, result, wants))
        top = self._prefer_rule_to_sanction(query, result, self._prefer_national(query, result, top))
        top = self._prefer_stating_what_is_asked(
            topic, result, top, query.focus, query.in_conversation or bool(query.earlier or discussed)
        )
        if wants:
            top = self._prefer_naming_bodies(result, top)
        k = compose.MAX_QUOTED_SENTENCES + (1 if query.wants_figure else 0)
        primary, extra, notes = top, [], []
        old_quote = ""
        in_force_today: Citation | None = None  # what applies today, after an answer for a past day
        status = shelf.status(top.doc_id)
        if alone:
            quote = self._quote(topic, result, top, k, query.wants_figure)
            return compose.provision_answer(shelf, top, quote, wants_agencies=wants)
        # An old version named by its own name, with nothing asked about today (旧的暂行条例里…怎么算的？),
        # answers as it was, followed by what applies today.
        as_it_was = not query.past and top.doc_id in query.docs and not _ASKS_ABOUT_NOW.search(query.text)
        if not status.in_force and status.successor:
            current = self._current_version(top, status.successor, result, topic)
            successor_title = shelf.metas[status.successor].citation_title
            if current is None and not query.past and top.doc_id not in (*query.docs, *docs):
                # (新办企业几个工作日内拿到营业执照？ asks today's rule: a repealed regulation's article that nothing in
                # force carries on does not answer it — the library has no rule in force on it; it is named as closest)
                return compose.out_of_scope_answer(shelf, top, features.missing_specifics)
            if current is None:
                notes.append(f"{successor_title}中没有与之对应的规定，上述规定已不再有效。")
            elif as_it_was:
                now_quote = "".join(self._best_sentences(topic, result, current, k, query.wants_figure))
                extra.append((current, f"现行规定（{successor_title}）见", now_quote))
            else:
                primary = current
                # (what the old version said, when it is what the provision in force replaced: not an article on
                # registering, found first, beside the article on platforms that answers)
                if current == self._pair(top, status.successor):
                    old_quote = "".join(self._best_sentences(topic, result, top, 1, query.wants_figure))
                    extra.append((top, f"此前（{status.text}）", old_quote))
        if query.past:
            notes.append(self._past_note(shelf, primary))
            today = Shelf(self.library, self.today())
            successor = today.status(primary.doc_id).successor
            if successor and (current := self._current_version(primary, successor, result, topic)):
                extra.append((current, f"现行规定（{today.metas[successor].citation_title}）见", current.text))
                in_force_today = today.cite(current, current.text)  # its card: its status today
        if partner := self._partner(primary, result):
            # (高新技术企业认定管理办法由哪些部门制定？ asks who: the regulation's article naming them keeps the lead from
            # the law's, which names none)
            names_who = wants and bool(self._bodies_of(primary)) and not self._bodies_of(partner)
            if primary is top and not names_who and self._rule_leads(query, primary, partner):
                primary, partner = partner, primary
            lead = (
                "实施条例进一步规定：" if shelf.metas[partner.doc_id].implements == primary.doc_id else "上位法规定："
            )
            extra.append((partner, lead, "".join(self._quote(topic, result, partner, k, query.wants_figure))))
        # (an earlier version shown beside the answer states nothing of the rule in force: 增值税小规模纳税人的标准是多少？
        # 征收率是多少？ is not answered by the repealed regulation's 小规模纳税人增值税征收率为3%)
        shown = [p for p in (primary, *(p for p, _, _ in extra)) if p is primary or shelf.in_force(p.doc_id)]
        apart = self._parts_answered_apart(topic, allowed, shelf, features, shown, result, query.earlier)
        for unit, provision, found in apart:
            quote = "".join(self._quote(unit, found, provision, k, query.wants_figure))
            extra.append((provision, f"关于“{compose.as_typed(unit.rstrip('？?。'))}”：", quote))
        # (a part the provisions found for the whole question do not state is not missing when one shown apart does)
        answered_apart = {unit for unit, _, _ in apart}
        sanction_asked = {
            unit for unit, label in features.unanswered if label == "具体处罚" and unit not in answered_apart
        }
        if sanction_asked and (sanctioned := self._sanction_of(primary)) is not None:
            # 一直不改会有什么后果？ of a rule its document sanctions elsewhere (拖延验收 → 第三十一条（二）): that clause
            extra.append((sanctioned[0], "违反该规定的后果：", sanctioned[1]))
            answered_apart |= sanction_asked
        features = scope.stated_apart(features, answered_apart)
        taken = {primary.key, *(p.key for p, _, _ in extra)}  # (not listed again among the related)
        top_dense = result.dense_of(top)
        related = [
            # (its best sentence with what it needs to say anything: 增值税税率： with its closest item)
            (hit.provision, "".join(self._best_sentences(topic, result, hit.provision, 1, query.wants_figure)))
            for hit in result.hits[: 1 + MAX_RELATED]  # (the best hit too, where another provision answers first)
            if hit.provision.key not in taken
            and shelf.in_force(hit.provision.doc_id)
            and result.dense_of(hit.provision) >= top_dense - RELATED_DENSE_SLACK
        ]
        # (specifics only the old version shown states — 1月1日至6月30日 of the repealed 个体工商户条例 — the version in
        # force does not: said so, the old rule no longer applying)
        only_before = (
            bool(old_quote)
            and not features.missing_specifics
            and not self._states_figures_of(primary, old_quote)
            and bool(now := self._unstated_in_force(query, topic, shelf))
            # (征收率是多少？ answered apart from 增值税法第十一条 is stated in force)
            and bool((now := scope.stated_apart(now, answered_apart)).missing_specifics)
        )
        if only_before:
            features = replace(features, missing_specifics=now.missing_specifics, unanswered=now.unanswered)
        if features.missing_specifics:  # answered in part: say what the text does not state, and whom to ask
            notes.append(
                compose.not_stated_note(shelf, features.missing_specifics, self._bodies_of(primary), before=only_before)
            )
        left_out = [] if features.missing_specifics or query.earlier else self._sentences_unanswered(topic)
        if (
            not (query.earlier or query.in_conversation)
            and (own_place := scope.own_place_parts(topic, primary.text))
            and not self._local_documents_named(topic)
        ):
            # (…银行至少分担多少？我们省的再担保机构实际分担多少？ asks in its second part what no national text states)
            stated_apart = {*dict(features.unanswered), *answered_apart, *left_out}
            left_out += [unit for unit in own_place if unit not in stated_apart]
        if left_out:  # …税率是多少？今年还有哪些减免公告？ asks a second thing no document answers
            what = "、".join(f"“{compose.as_typed(s.rstrip('？?'))}”" for s in left_out)
            notes.append(compose.not_stated_note(shelf, what, self._bodies_of(primary)))
        quote = self._quote(topic, result, primary, k, query.wants_figure, query.focus)
        if discussed and (sanctioned := self._sanction_of(discussed[0])) and sanctioned[0].key == primary.key:
            # (如果违反了，怎么追责？ after a rule: the clause sanctioning it, at the item that is that rule)
            quote = [sanctioned[1]]
        if worked := calculate.worked_out(query.text, "".join(quote)):  # (欠80万逾期45天，利息多少？ at 每日万分之五)
            notes.insert(0, worked)
        if primary is not top and old_quote:  # what the old version said is shown: so is what replaced it
            quote = self._with_counterpart(primary, quote, old_quote)
        part = self._part_asked(query, topic, result, primary, quote)
        extractive = compose.provision_answer(
            shelf, primary, quote, related, wants_agencies=wants, full_text=query.wants_full_text,
            notes=[n for n in notes if n], extra=extra, part=part,
        )  # fmt: skip
        if in_force_today is not None:  # cited as of today, as its lead says (现行规定…见)
            today_key = (in_force_today.doc_id, in_force_today.number)
            cards = tuple(in_force_today if (c.doc_id, c.number) == today_key else c for c in extractive.citations)
            extractive = replace(extractive, citations=cards)
        if features.missing_specifics or left_out:
            extractive = replace(extractive, coverage="partial")
        if self.generator is None:
            return extractive
        context = [primary, *(p for p, _, _ in extra), *(h.provision for h in result.hits[:LLM_CONTEXT_PROVISIONS])]
        return self._llm_answer(
            topic, query, shelf, result, list(dict.fromkeys(context))[:LLM_CONTEXT_PROVISIONS], extractive
        )

    def _part_asked(
        self, query: Query, topic: str, result: Retrieval, provision: Provision, quote: Sequence[str]
    ) -> tuple[str, bool]:
        """For a question asking which 款 or 项 (是第几条第几款？): the one holding the sentence that answers best, and
        whether it holds all of the quote (("", False) when not asked, or the article is not divided)."""
        if not asks_which_part(query.text):
            return "", False
        best = self._best_sentences(topic, result, provision, 1, query.wants_figure)
        part = compose.part_label(provision, best)
        return part, bool(part) and compose.part_label(provision, quote) == part

    def _unstated_in_force(self, query: Query, topic: str, shelf: Shelf) -> scope.ScopeFeatures | None:
        """The specifics a question asks that no document in force on the day asked states (None: they are stated);
        of a follow-up, only what it asks itself."""
        in_force = [d.meta.doc_id for d in self.library.documents if shelf.in_force(d.meta.doc_id)]
        now = scope.leaving_out(self._coverage(topic, self.searcher.search(topic, in_force)), query.earlier, topic)
        return now if now.missing_specifics else None

    @staticmethod
    def _states_figures_of(provision: Provision, quote: str) -> bool:
        """Whether a provision states every figure of a quote, by value (the version in force repeating the old
        rule's 万分之五 states what was quoted of it)."""
        quoted = figures(quote)
        return bool(quoted) and quoted <= figures(provision.text)

    def _rest_of(self, question: str, unanswered: Sequence[tuple[str, str]]) -> str:
        """What a question asks besides the parts whose specifics no text states — of what those parts name
        when it names too little itself and they name more (…专项资金一年有多少亿？主要用来支持什么？ asks what the
        fund supports)."""
        rest = scope.without_units(question, unanswered)
        names = self._specificity(scope.without_asking(rest), library_words=True)
        if names >= NAMES_LITTLE:
            return rest
        subject = "".join(scope.asked_of(unit) for unit, _ in unanswered)
        # (每个月具体能补多少钱？ names nothing the rest does not: 个体户交社保有没有支持？ is asked as it is; a question
        # no part was cut from — English, which no Chinese clause cuts — is judged with its parts, as it was)
        named_more = self._specificity(subject, library_words=True) > names
        return subject + rest if named_more or rest == question else rest

    def _sentences_unanswered(self, topic: str) -> list[str]:
        """Of a question asking in two sentences or more, those no document of the library answers when asked on
        their own (小型微利企业的税率是多少？今年有哪些额外的减免公告？ → the second): the answer covers only the rest.
        A sentence naming no subject of its own, or asking within what another names, is not judged alone; none is
        named when every sentence judged is refused (what they ask together was answered)."""
        sentences = asking_sentences(topic)
        if len(sentences) < 2:
            return []
        judged = [  # (能一次性扣掉吗？ 其中小微企业占多少？ are asked of what the sentence before names)
            s
            for s in sentences
            if not asks_within_another(s)
            and self._specificity(scope.without_asking(s), library_words=True, nouns_only=True) >= NAMES_LITTLE
        ]
        refused = [s for s in judged if not self.in_scope(self.retrieve(s)[1])]
        return refused if len(refused) < len(judged) else []

    def _parts_answered_apart(
        self,
        topic: str,
        allowed: list[str] | None,
        shelf: Shelf,
        features: scope.ScopeFeatures,
        shown: Sequence[Provision],
        result: Retrieval,
        asked_before: str = "",
    ) -> list[tuple[str, Provision, Retrieval]]:
        """Of a question asking two things or more (算不算小规模纳税人？征收率是多少？), each part asking for specifics
        that no provision shown states, whose own best provision — in force, in scope on its own — states them:
        the answer quotes it for that part. A part that no best provision of the whole question states (职工福利费能扣
        多少？工会经费呢，能扣几个点？) is answered so only by a provision among those the question's search shows. A part
        of the earlier question a follow-up is searched with (``asked_before``) was answered before: 企业所得税能扣多少？
        of 福利费 is not answered again beside 补充养老保险呢？."""
        units = scope.asking_units(topic)
        if len(units) < 2:
            return []
        sentences = asking_sentences(topic)
        unanswered = dict(features.unanswered)
        out = []
        keys = {p.key for p in shown}
        listed = [hit.provision for hit in result.hits[:UNSTATED_PART_WITHIN]]  # (the answer's related, at most)
        near = {p.key for p in listed}
        within = {hit.provision.key for hit in result.hits[:PART_WITHIN]}
        told = topic[: max(topic.find(units[0]), 0)]  # (我们在北京，before the first part)

        def written(provision: Provision, unit: str) -> Callable[[str, str], bool]:
            """A word is written in a sentence of the provision, or in the title it is read under as ``unit`` writes it."""
            return scope.written_under(provision_heading(shelf.metas[provision.doc_id].plain_title, provision), unit)

        for unit in units:
            states = scope.asked_specifics(unit)
            if asked_before and unit.rstrip("？?。 ") in asked_before:
                continue
            # (a sentence's asking end: not 工会经费呢， of 工会经费呢，能扣几个点？, one question in two clauses)
            ends = any(sentence.endswith(unit) for sentence in sentences)
            if states is None and ends and not _ASKS_A_QUANTITY.search(unit):
                if (own := self._own_part_apart(unit, told, allowed, shelf, shown, listed, keys, within)) is not None:
                    keys.add(own[0].key)
                    out.append((unit, *own))
                continue
            if states is None or (unit in unanswered and len(unanswered) == len(units)):
                continue  # (a part no best provision states is searched alone, unless every part is one)
            # (a word naming the figure as such names nothing it is of: 比例多少？ after …占比的是第几条？ asks of the part
            # before, which a provision shown stating such a figure answers)
            words = [
                w
                for w in self.searcher.tokenizer.words(scope.without_asking(unit))
                if self.searcher.document_frequency(w) and not scope.names_a_figure_as_such(w)
            ]

            if any(
                scope.stating_share(states, p.text, words, written(p, unit)) >= scope.STATED_ABOUT_WHAT_IS_ASKED
                for p in shown
            ):
                continue  # the answer states them already
            found, alone = self.retrieve(unit, allowed)
            best: Provision | None = found.hits[0].provision
            status = shelf.status(best.doc_id)
            if not status.in_force and status.successor:  # answered from the version in force
                best = self._current_version(best, status.successor, found, unit)
            if (
                best is None
                or best.key in keys
                or best.key not in (near if unit in unanswered else within)  # (贷款利率是多少？ alone: 逾期利息's rate)
                or not scope.stating_share(states, best.text, words, written(best, unit))
                # (and of what it asks them of: 价格评审优惠扣除百分之几？ is not answered by Beijing's 预留…百分之四十)
                or not scope.states_what_is_asked(unit, scope.asked_kind(unit), [best.text], self.searcher)
                or not self.in_scope(alone)
            ):
                continue
            keys.add(best.key)
            out.append((unit, best, found))
        return out

    def _own_part_apart(
        self,
        unit: str,
        told: str,
        allowed: list[str] | None,
        shelf: Shelf,
        shown: Sequence[Provision],
        listed: Sequence[Provision],
        keys: Collection[str],
        within: Collection[str],
    ) -> tuple[Provision, Retrieval] | None:
        """A part asking no specifics about a subject of its own (个体户想换个经营者怎么办？ beside 起征点多少？) that no
        provision ``shown`` names: its own best provision — searched with what the question ``told`` before its first
        part (我们在北京，) — when that one names every specific word of it, is closer in meaning to the part itself
        than any shown or ``listed`` beside them, is in force and in scope on its own, and is among the question's
        first few (None: the answer covers it, or nothing does)."""
        tokenizer = self.searcher.tokenizer
        words = {
            w: tokenizer.specificity(w)
            for w in tokenizer.content_words(scope.without_asking(unit))
            if not w.isascii() and self.searcher.document_frequency(w)
        }
        mass = sum(words.values())

        def names_it(provision: Provision) -> bool:
            return all(scope.in_full(w, provision.text) for w, v in words.items() if v >= 1)

        if mass < OWN_PART_MASS or any(names_it(p) for p in shown):
            return None
        found, alone = self.retrieve(told + unit, allowed)
        best: Provision | None = found.hits[0].provision
        status = shelf.status(best.doc_id)
        if not status.in_force and status.successor:
            best = self._current_version(best, status.successor, found, unit)
        if best is None or best.key in keys or best.key not in within or not names_it(best) or not self.in_scope(alone):
            return None
        others = [p for p in dict.fromkeys([*shown, *listed]) if p.key != best.key]
        closeness = self.searcher.dense_of(unit, [best, *others])
        return (best, found) if closeness[0] > max(closeness[1:], default=0.0) else None

    def _bodies_of(self, provision: Provision) -> tuple[str, ...]:
        """The bodies a provision makes responsible, else those its text names."""
        return provision.agencies or self.agencies.named_in_document(provision.text)

    def _current_version(self, old: Provision, successor: str, result: Retrieval, topic: str) -> Provision | None:
        """What an old provision is in the version in force: its pair (the successor's provision of the
        same content) when the question finds that one about as relevant, else the successor's best match
        for the question when it ranks close to the old provision, else the pair however it ranks (None:
        the successor says nothing of the kind). When the question asks for a figure the chosen one does not
        state, a provision of the successor that states it about the same terms is taken instead."""
        pair = self._pair(old, successor)
        old_dense = result.dense_of(old)
        if result.best_in(successor) is None:  # a search limited to the old version's document: search the successor
            result = self.searcher.search(topic, [successor])
        best = result.best_in(successor)
        if pair is not None and result.dense_of(pair) >= old_dense - PAIR_DENSE_SLACK:
            chosen: Provision | None = pair
        elif best is not None and result.dense_of(best.provision) >= old_dense - SUCCESSOR_DENSE_SLACK:
            chosen = best.provision
        else:
            chosen = pair
        states = scope.asked_specifics(topic)
        if chosen is None or states is None or states.search(chosen.text):
            return chosen
        # The terms the question and the old provision share (小规模纳税人 增值税 征收率 for 征收率是多少？).
        shared = [w for w in dict.fromkeys(self.searcher.tokenizer.words(topic)) if len(w) > 1 and w in old.text]
        terms = [w for w in shared if not any(w != longer and w in longer for longer in shared)]  # not their pieces
        for hit in result.hits[:STATING_WITHIN]:
            p = hit.provision
            body = scope.without_titles(p.text)  # (《个体工商户条例》同时废止 is not about 个体工商户)
            if p.doc_id == successor and states.search(p.text) and sum(w in body for w in terms) * 2 >= len(terms):
                return p
        return chosen

    def _prefer_definition(self, query: Query, result: Retrieval, wants_agencies: bool) -> Provision:
        """For "what counts as X" questions (or "X要满足什么条件", asked of X itself), a provision among the best few that
        defines X (所称X，是指). Asked only who decides (算不算中小企业有争议的，找哪个部门认定？ — not 怎么认定，由哪个部门
        认定？, which asks both), a definition naming no body is not preferred when one of the first provisions names one."""
        top = result.hits[0].provision
        asks_what_counts = bool(_ASKS_DEFINITION.search(query.text))
        if not (asks_what_counts or _CONDITIONS_ASKED.search(query.text)):
            return top
        naming = (
            wants_agencies
            and not _definition_asked_alone(query.text)
            and any(h.provision.agencies for h in result.hits[:FOCUS_WITHIN])
        )
        for hit in result.hits[:DEFINITION_WITHIN]:
            if naming and not hit.provision.agencies:
                continue
            for term in _DEFINES.findall(hit.provision.text):
                # 所称符合条件的小型微利企业，是指… defines 小型微利企业 too: its head noun counts, and four characters
                # of that head in a row name it (什么样的企业才算小型微利？)
                if _asks_what_makes(query.text, term) or (
                    asks_what_counts and any(part in query.text for part in _head_in_fours(term))
                ):
                    return hit.provision
        return top

    def _prefer_naming_bodies(self, result: Retrieval, top: Provision) -> Provision:
        """For "who" (找谁投诉？ 归谁管？), when the best provision names no body: the first of the next few, about as
        close, that names one (平台不得乱收费 names none; 畅通投诉举报途径 names 县级以上地方人民政府及其有关部门). When it
        calls a body by a term another provision defines (受理投诉部门, defined by 第二十四条's （以下统称受理投诉部门）),
        that provision names the body."""
        if (defining := self._defining_a_term_of(top)) is not None:
            return defining
        if top.agencies:
            return top
        close = result.dense_of(top) - RELATED_DENSE_SLACK
        return next(
            (
                h.provision
                for h in result.hits[1:FOCUS_WITHIN]
                if h.provision.agencies and h.provision.doc_id == top.doc_id and result.dense_of(h.provision) >= close
            ),
            top,
        )

    def _prefer_focus(self, query: Query, result: Retrieval, top: Provision) -> Provision:
        """For a follow-up searched with the question before it ("那工会经费呢？" after a question on 职工福利费,
        "遇到这种情况可以去哪投诉？" after one on 乱收费), the best provision among the first few that names more of
        the follow-up's own words, when the best one names fewer: the earlier question lends its form and its
        subject, the follow-up says what it wants of them."""
        if not self._focus_words(query.focus):
            return top
        named = self._naming(query.focus)
        best = max((h.provision for h in result.hits[:FOCUS_WITHIN]), key=named, default=top)
        return best if named(best) > named(top) else top

    def _names_none_apart(self, query: Query, docs: Sequence[str], said: str) -> bool:
        """Whether a follow-up's own words, all of them ``said`` before in the conversation, are all written in several
        of the first few provisions of the conversation's documents — they set none apart (加计多少？ after turns on R&D's
        加计扣除: the article on R&D and the one on disabled staff both name 加计), so the conversation's topic must.
        (A word new to the conversation names a subject of its own: 再担保 of 再担保那一层收多少？ after 担保费率.)"""
        words = [w for w, weight in self._focus_words(query.topic).items() if weight]
        if not words or not docs or not all(w in said for w in words):
            return False
        hits = self.searcher.search(query.topic, list(docs)).hits[:FOCUS_WITHIN]
        return sum(all(w in h.provision.text for w in words) for h in hits) > 1

    def _names_more(self, focus: str, provision: Provision, other: Provision) -> bool:
        """Whether a follow-up's own words name ``provision`` more than ``other``."""
        named = self._naming(focus)
        return named(provision) > named(other)

    def _naming(self, focus: str) -> Callable[[Provision], float]:
        """How much of a follow-up's own words (``focus``) a provision names — a word also by the query table's
        terms for it."""
        words, terms_of = self._focus_words(focus), self._table_terms_of(focus)
        return lambda provision: _named(words, provision.text, terms_of)

    def _documents_named_in(self, text: str) -> list[str]:
        """The documents a text names (by title, short name or 文号), in order."""
        return [d for m in self.names.mentions(text) for d in self.names.resolve(m, text, self.today())]

    def _table_terms_of(self, text: str) -> dict[str, tuple[str, ...]]:
        """Each word of a text inside a surface the query table translates, with that surface's document terms (反映
        of 去哪儿反映 → 投诉, 举报): a provision naming a term names the word."""
        return {
            w: tuple(terms)
            for surface, terms in self.searcher.expander.matches(text)
            for w in self.searcher.tokenizer.words(surface)
        }

    def _focus_words(self, focus: str) -> dict[str, float]:
        """The words a follow-up's own topic names things by, each with how much it says (按多大比例？ asks the figure
        of the earlier subject: 比例 names nothing)."""
        tokenizer = self.searcher.tokenizer
        return {
            w: tokenizer.specificity(w)
            for w in tokenizer.words(focus)
            if not w.isascii() and self.searcher.document_frequency(w) and not scope.names_a_figure_as_such(w)
        }

    def _prefer_stating_what_is_asked(
        self, topic: str, result: Retrieval, top: Provision, focus: str = "", in_conversation: bool = False
    ) -> Provision:
        """For a question asking specifics — the papers to hand in, a figure in its measure, a fine, or any kind in its
        own form (逾期利息怎么计算？ → 每日利率万分之五) —: when the best provision states none, the first of the next
        few, about as close and in its document (or the version replacing it, the regulation implementing it, the law
        it implements), that does (办登记要交什么材料？ → 申请人应当提交登记申请书…, not the article on changing the
        registration). Not one naming fewer of a follow-up's own words (``focus``): 补充养老保险呢？
        after 福利费能扣多少？ is 第三十五条, which states no figure, not the 14% of the 福利费 article. A rule stated of
        a subject the question does not name (符合条件的小型微利企业，减按20%的税率…) is a special case — unless the
        question is asked in a conversation, whose earlier turns may have named it. Another document's provision may
        lead when it is in force, of the same place and closer by the embedder."""
        asked = next(((unit, label) for unit in scope.asking_units(topic) if (label := scope.asked_kind(unit))), None)
        # (or a figure told to be judged: 收了2%的担保费，合规吗？ → the provision stating a fee rate)
        states = (asked and scope.how_stated(*asked)) or scope.judged_in_measure(topic)
        if states is None:
            return top

        def answers(provision: Provision) -> bool:
            """States such specifics, and (for a figure) names what it is of: 税率是多少？ is not answered first by
            …征收率为百分之三 beside the article listing the 税率."""
            paragraphs = [p.full_text for p in provision.paragraphs]
            return bool(states.search(provision.text)) and (
                asked is None or scope.names_what_is_asked(*asked, paragraphs, self.searcher)
            )

        def in_general(provision: Provision) -> bool:
            """A sentence stating such specifics holds for the case asked: it opens with no condition (…的，) that
            the question does not state (企业在年度中间终止经营活动的，…六十日内 is not when 年度汇算清缴 is due)."""
            return any(
                states.search(sentence) and not self._unmet_condition(sentence, topic, subjects=not in_conversation)
                for sentence in split_sentences(provision.text)
            )

        if answers(top) and in_general(top):
            return top
        close = result.dense_of(top) - RELATED_DENSE_SLACK
        versions = (*self.library.with_partners((top.doc_id,)), *self._newer_versions(top.doc_id))
        candidates = [
            h.provision
            for h in result.hits[1:FOCUS_WITHIN]
            # (another document's of the same place only when the embedder rates it closer: 对方多少天内要确认债权债务？
            # → the payment regulation's 30日, not the law's article on confirming that states no period)
            if (
                h.provision.doc_id in versions
                or (
                    result.dense_of(h.provision) > result.dense_of(top)
                    and self._region(h.provision.doc_id) == self._region(top.doc_id)
                    and Shelf(self.library, self.today()).in_force(h.provision.doc_id)
                )
            )
            and answers(h.provision)
            and result.dense_of(h.provision) >= close
            and not (focus and self._names_more(focus, top, h.provision))
        ]
        if answers(top):
            # a special case the question does not name: the rule in general first, if the embedder agrees
            return next((p for p in candidates if in_general(p) and result.dense_of(p) >= result.dense_of(top)), top)
        return next(iter(candidates), top)

    def _unmet_condition(self, sentence: str, question: str, subjects: bool = True) -> bool:
        """Whether a sentence opens with a condition (企业在年度中间终止经营活动的，…) most of whose words naming things
        the question does not use, or with a subject it qualifies (符合条件的小型微利企业，减按20%的税率…) the question
        does not name, whole or by a word of it (高新企业 names 高新技术企业): a rule for a case the question does not
        say is its own."""
        opening = sentence.split("，", 1)[0]
        condition = opening.endswith("的")
        qualified = subjects and not condition and bool(_QUALIFIED_SUBJECT.fullmatch(opening))
        if opening == sentence or not (condition or qualified):
            return False
        tokenizer = self.searcher.tokenizer
        # (said in everyday words the query table translates: 年中关门 for 年度中间终止经营活动)
        said = self.searcher.expander.expand(question)
        if qualified:
            head = opening.rsplit("的", 1)[1]
            words = [head, *(w for w in tokenizer.words(head) if len(w) > 1 and tokenizer.specificity(w) > 0)]
            return not any(w in said for w in words)
        words = [
            w for w in tokenizer.content_words(opening) if tokenizer.specificity(w) > 0 and tokenizer.names_a_thing(w)
        ]
        return 2 * sum(w not in said for w in words) > len(words)

    def _prefer_rule_to_sanction(self, query: Query, result: Retrieval, top: Provision) -> Provision:
        """A clause sanctioning breaches (…违反本条例，有下列情形之一的…依法给予处分) repeats the rules it sanctions: unless the
        question asks what befalls a breach or who enforces, the rule itself among the first few provisions of the same document
        answers first when it is as close in meaning (等审计结果才结算，合规吗？ → 第十二条, not the 第三十一条 sanctioning
        it), the sanction beside it."""
        if (
            not _SANCTIONS.search(top.text)
            or query.wants_agencies  # (由哪个部门来处理？ asks who enforces: the sanction names them)
            or scope.asked_kind(query.text) == "具体处罚"
            or _ASKS_SANCTION.search(query.text.lower())
        ):
            return top
        own = [h for h in result.hits if h.provision.doc_id == top.doc_id]
        return _first_as_close(result, top, RULE_DENSE_SLACK, lambda p: not _SANCTIONS.search(p.text), own)

    def _sanction_of(self, rule: Provision, asked: str = "") -> tuple[Provision, str] | None:
        """The clause of a rule's document sanctioning its breach (…违反本条例，有下列情形之一的，…责令改正…：（二）拖延
        检验、验收；), with its lead and the item the rule is: of the items most of whose words the rule names, the one
        naming most of what was ``asked`` of the rule (指定 and 中介机构 of 政府部门要我们找他们指定的中介机构…, of a rule on
        intermediaries and on designating them), then whose words say most (拖延检验、验收, not 未在规定的期限内支付…款项,
        whose words every payment rule uses; None: none)."""
        document = self.library.get(rule.doc_id)
        assert document is not None
        tokenizer = self.searcher.tokenizer
        asked_words = [w for w in tokenizer.content_words(asked) if len(w) >= 2]

        def fit(part: str) -> float:
            own = [w for w in tokenizer.content_words(part) if len(w) >= 2]
            if not own or sum(w in rule.text for w in own) < SANCTIONED_SHARE * len(own):
                return 0.0
            return sum(map(tokenizer.specificity, own)) / len(own)

        def rank(part: str, lead: str) -> tuple[bool, int, float]:
            # (a sentence is judged by the breach it sanctions, the words before who acts on it — each breach it lists
            # with 或者 alone: …未按照规定…公示…信息或者隐瞒真实情况、弄虚作假的，由市场监督管理部门依法处理)
            if cut := _SANCTIONED_BY.search(part):
                condition = part[: cut.start()]
                # (not a list inside one breach: 没有合同约定或者法律、行政法规依据)
                breaches = [b for b in condition.split("或者") if len(tokenizer.content_words(b)) >= BREACH_WORDS]
                fitting = max(map(fit, breaches or [condition]))
            else:
                condition, fitting = part, fit(part)
            # (who breaks it, named in the provision's first paragraph — the lead of a list of breaches: 行业协会商会…有下列
            # 情形之一的 of 如果是行业协会这么干呢？)
            whom = "" if part == lead else lead
            return fitting > 0, sum(scope.in_full(w, f"{whom}{condition}") for w in asked_words), fitting

        found = [
            (rank(part, lead), provision, part if part == lead else f"{lead}{part}")
            for provision in document.provisions
            if provision.key != rule.key and _SANCTIONS.search(provision.text)
            for lead, *items in [provision.text.split("\n")]
            for part in items or [lead]
        ]
        best = max(found, key=lambda row: row[0], default=None)
        return (best[1], best[2]) if best is not None and best[0][0] else None

    def _prefer_national(self, query: Query, result: Retrieval, top: Provision) -> Provision:
        """A local document's provision answers first only where the question names its place: else the best
        national provision among the first few, when it is as close in meaning (中小企业发展专项资金主要用在哪些方面？
        → 促进法第九条, with Beijing's 第十五条 beside it)."""
        if not self._is_local(top.doc_id) or query.docs or self.searcher.regions_named(query.text):
            return top
        return _first_as_close(result, top, NATIONAL_DENSE_SLACK, lambda p: not self._is_local(p.doc_id))

    def _past_note(self, shelf: Shelf, provision: Provision) -> str:
        """For a past day: say which version applied then, and what applies today."""
        today = Shelf(self.library, self.today())
        meta = shelf.metas[provision.doc_id]
        text = f"以上是{cn_date(shelf.day)}时有效的{meta.citation_title}的规定。"
        status_now = today.status(provision.doc_id)
        if not status_now.in_force:
            text += f"该文件{status_now.text}。"
        return text

    def _partner(self, provision: Provision, result: Retrieval) -> Provision | None:
        """The implementing regulation's provision for a law's (or the law's for a regulation's): a law and its
        implementing regulation are cited together. The law's article a regulation's names (企业所得税法第三十条所称…),
        else the partner's provision near the top that names this one or that the dense retriever rates about
        as high."""
        meta = self.library.get(provision.doc_id).meta  # type: ignore[union-attr]
        partners = [d.meta.doc_id for d in self.library.documents if d.meta.implements == meta.doc_id]
        if meta.implements:
            partners.append(meta.implements)
            # 企业所得税法第三十条所称…: the law's article the regulation's explains
            law = self.library.get(meta.implements)
            named = _articles_named(provision.text, law.meta) if law else ()
            if law and named and (cited := law.provision(named[0])):
                return cited
        top_dense = result.dense_of(provision)
        for hit in result.hits[:PARTNER_WITHIN]:
            candidate = hit.provision
            if candidate.doc_id in partners and (
                _articles_named(candidate.text, meta)[:1] == (provision.number,)  # explains this article (the first
                # it names: 企业所得税法第四十五条所称…低于企业所得税法第四条第一款规定税率… explains the 45th)
                or (
                    result.dense_of(candidate) >= top_dense - PARTNER_DENSE_SLACK
                    and self._name_things_alike(candidate, provision)
                )
            ):
                return candidate
        return None

    def _name_things_alike(self, provision: Provision, other: Provision) -> bool:
        """Whether two provisions of a law and its regulation name things alike, besides their documents' titles (折旧,
        建筑物… of the regulation's 第六十条 and the law's 第十一条 — not the law's 第十八条 on losses, which shares 年限
        alone, however close a question's vector finds it)."""
        tokenizer = self.searcher.tokenizer
        titles = "".join(self.library.get(p.doc_id).meta.plain_title for p in (provision, other))  # type: ignore[union-attr]

        def terms(text: str) -> set[str]:
            return {
                w
                for w in tokenizer.content_words(text)
                if len(w) > 1 and tokenizer.specificity(w) > 0 and tokenizer.names_a_thing(w) and w not in titles
            }

        return len(terms(provision.text) & terms(other.text)) >= SHARED_PARTNER_TERMS

    def _rule_leads(self, query: Query, provision: Provision, partner: Provision) -> bool:
        """Whether the law's article should lead before a regulation's that only defines one of its terms
        (企业所得税法第一条所称个人独资企业，是指…): the rule answers 个人独资企业要交企业所得税吗？ and the definition
        explains it — unless the question asks what the term is, names the regulation, or asks specifics the
        definition states (…所称技术转让所得…是指…500万元 answers 多少以内免税？)."""
        law = self.library.get(partner.doc_id)
        if (
            law is None
            or self.library.get(provision.doc_id).meta.implements != partner.doc_id  # type: ignore[union-attr]
            or partner.number not in _articles_named(provision.text, law.meta)
            or not _DEFINES_A_TERM.search(provision.text)
            or _ASKS_DEFINITION.search(query.text)
            or any(_asks_what_makes(query.text, term) for term in _DEFINES.findall(provision.text))
            or provision.doc_id in query.docs
        ):
            return False
        asked = scope.asked_specifics(query.text)
        if asked is not None:
            return asked.search(partner.text) is not None and asked.search(provision.text) is None
        return not query.wants_figure or not figures(provision.text)  # (能按投资额的多少抵扣？ …投资额的70%)

    def _llm_answer(
        self, topic: str, query: Query, shelf: Shelf, result: Retrieval, context: list[Provision], extractive: Answer
    ) -> Answer:
        """The model's answer when it survives verification; otherwise the extractive one, with the reason."""
        assert self.generator is not None
        messages = build_messages(shelf, topic, (), context)
        try:
            reply = self.generator.generate(messages)
        except LLMError as exc:
            log.warning("LLM answer not used (%s); serving the extractive answer", exc)
            return replace(extractive, fallback=exc.reason)
        checked = verify(
            reply, context, self.agencies, words=self.searcher.tokenizer.content_words,
            facts_of=lambda p: compose.header_facts(shelf, [p]), question=topic,
        )  # fmt: skip
        if checked.rejected:
            log.warning(
                "LLM answer failed verification (%d of %d sentences kept; removed: %s); serving the extractive answer",
                checked.kept, checked.total, "; ".join(f"{s[:30]}… ({why})" for s, why in checked.removed[:3]),
            )  # fmt: skip
            return replace(extractive, fallback="verification", llm_sentences=(checked.kept, checked.total))
        answered_in_force = any(shelf.in_force(c.doc_id) for c in extractive.citations)
        if answered_in_force and not all(shelf.in_force(p.doc_id) for p in checked.cited):
            # The model leant on a repealed or amended text where one in force answers: the extractive
            # answer cites the text in force.
            log.warning("LLM answer cites a document no longer in force; serving the extractive answer")
            return replace(extractive, fallback="not_in_force", llm_sentences=(checked.kept, checked.total))
        citations = tuple(
            shelf.cite(p, "".join(self._best_sentences(checked.text, result, p, compose.MAX_QUOTED_SENTENCES, False)))
            for p in checked.cited
        )
        bodies = "；".join(f"{shelf.ref(p)}：{shelf.agency_phrase(p.agencies)}" for p in checked.cited if p.agencies)
        text = checked.text + (f"\n负责部门：{bodies}。" if bodies else "")
        text += "\n（依据" + "、".join(dict.fromkeys(shelf.ref(p) for p in checked.cited)) + "）"
        return Answer(
            text,
            citations,
            kind=extractive.kind,
            generator="llm",
            llm_sentences=(checked.kept, checked.total),
            as_of=shelf.day,
        )

    def _best_sentences(
        self, topic: str, result: Retrieval, provision: Provision, k: int, wants_figure: bool, focus: str = ""
    ) -> list[str]:
        """The k sentences of a provision closest to the question, in document order; a sentence that
        states a figure counts for more when the question asks for one, and one naming a follow-up's own subject
        (``focus``: 那图书呢？ after a question on 农产品) for more than any other."""
        rows = self.searcher.sentence_similarities(provision, result.query_vector)
        if len(rows) <= k:
            return [s for _, s in rows] or [provision.text]
        # The question's words, each weighted by how few provisions use it: of 下列支出不得扣除：（二）企业所得税税款；
        # （三）税收滞纳金 the item naming 滞纳金 answers 滞纳金能扣除吗？, not the one sharing the common 企业所得税.
        searcher = self.searcher
        # (with the library's terms for words the query table translates: agricultural products → 农产品)
        words = [*searcher.tokenizer.words(topic), *searcher.expander.terms(topic)]
        weights = self._rarity_weights(w for w in words if not w.isdigit())
        # (a word the table translates is named by a sentence naming one of its terms too: 水果 by 1．农产品… — where no
        # sentence of the provision names the word itself: 蔬菜 by 1．蔬菜…的种植, not by 7．…农产品初加工…)
        terms_of = {
            w: terms
            for w, terms in self._table_terms_of(topic).items()
            if not any(w in sentence for _, sentence in rows)
        }
        focused = self._focus_words(focus) if focus else {}
        scored = []
        for position, (similarity, sentence) in enumerate(rows):
            lexical = _share_named(weights, sentence, terms_of)
            figure = 0.1 if wants_figure and figures(sentence) else 0.0
            own = _share_named(focused, sentence)
            scored.append((similarity + 0.5 * lexical + figure + own, position, sentence))
        chosen = {position for _, position, _ in sorted(scored, reverse=True)[:k]}
        sentences = [s for _, s in rows]
        score = {position: value for value, position, _ in scored}
        pending = sorted(chosen)
        while pending:  # 属于下列情形之一的，不得开具…： says nothing without its items: with the closest one
            i = pending.pop(0)
            if not sentences[i].endswith((":", "：")):
                continue
            # (its own items: 1．农产品… under （二）…税率为百分之九：, not the （三） after them — and an item so added
            # that ends in a colon brings its own: （一）…免征企业所得税： its 1．蔬菜…的种植)
            items = [j for j in range(i + 1, len(sentences)) if _is_item(sentences[j]) and _lead_in(sentences, j) == i]
            if items and not chosen.intersection(items):
                chosen.add(closest := max(items, key=score.__getitem__))
                pending.append(closest)
            elif not items and i + 1 < len(sentences):
                chosen.add(i + 1)  # (进项税额计算公式： says nothing without the formula after it)
        for i in sorted(chosen) if wants_figure else ():  # …30日内形成处理结果 is not all: its cap follows it
            following = i + 1
            if (
                following < len(sentences)
                and figures(sentences[i])
                and figures(sentences[following])
                and _QUALIFIES_A_FIGURE.search(sentences[following])
            ):
                chosen.add(following)
        for i in sorted(chosen, reverse=True):  # 3．图书…； says nothing without …税率为百分之九： it hangs from
            while (i := _lead_in(sentences, i)) is not None:
                chosen.add(i)
        return [sentences[i] for i in sorted({j for i in chosen for j in _whole_sentence(sentences, i)})]

    def _with_counterpart(self, provision: Provision, quote: list[str], old_quote: str) -> list[str]:
        """The quote of a provision in force, with its sentence that shares the most words with what the old
        version's quoted sentence said (应当在办理注销登记后…重新申请 → 可以直接…申请办理变更登记), in order."""
        words = set(self.searcher.tokenizer.content_words(old_quote))
        sentences = split_sentences(provision.text)
        best = max(sentences, key=lambda s: len(words & set(self.searcher.tokenizer.content_words(s))), default="")
        if not best or best in quote:
            return quote
        return _in_order([*quote, best], provision)

    def _quote(
        self, topic: str, result: Retrieval, provision: Provision, k: int, wants_figure: bool, focus: str = ""
    ) -> list[str]:
        """What an answer quotes of its provision: for a question asking which ones (哪些收入是不征税收入？), the
        whole enumeration its best sentences belong to (下列收入为不征税收入：（一）…（二）…（三）…), when it is short
        enough to quote; else a short provision whole (its best sentences may leave out the one that answers:
        变更经营者的，可以直接…申请办理变更登记); else its best sentences."""
        chosen = self._best_sentences(topic, result, provision, k, wants_figure, focus)
        if _ASKS_WHICH_ONES.search(topic):
            for paragraph in provision.paragraphs:
                listed = split_sentences(paragraph.full_text)
                if paragraph.items and len(paragraph.full_text) <= MAX_LISTED_CHARS and set(chosen) & set(listed):
                    return _in_order([*listed, *chosen], provision)
        return split_sentences(provision.text) if len(provision.text) <= WHOLE_QUOTE_CHARS else chosen

    # ── follow-ups ────────────────────────────────────────────────────────────────

    def _context(self, turns: Sequence[Turn]) -> list[Provision]:
        """The provisions the conversation is about: those the last answer cites (by document and
        label), else the best match of the last exchange when it is in scope (or, among the first few, the one
        stating most of the figures the answer quotes)."""
        answer = last(turns, "assistant")
        shelf = Shelf(self.library, self.today())
        if cited := self._cited_in(answer, shelf) if answer else []:
            # An earlier version shown beside the provision answered from is not what the answer is about.
            docs = {p.doc_id for p in cited}
            return [p for p in cited if p.doc_id == cited[0].doc_id or shelf.status(p.doc_id).successor not in docs]
        # An answer without citations still quotes or paraphrases its provision: search it together with
        # the question it answered.
        exchange = " ".join(filter(None, (earlier_question(turns), answer[:CONTEXT_ANSWER_CHARS] if answer else "")))
        if not exchange.strip():
            return []
        try:
            text = clean_question(exchange[:MAX_QUESTION_CHARS])
        except ValueError:
            return []
        # A document the answer names by title ("提升中小企业竞争力的若干措施提出…") is where to look.
        named = self._documents_named_in(text)
        result, features = self.retrieve(text, named or None)
        if not (named or self.in_scope(features)):
            return []
        # An answer quoting figures (税率有17%、11%、6%…) is about the provision among the first few stating more than
        # half of them, and more than the best match does (one figure, 300万, may be anywhere).
        quoted = asked_figures(answer[:CONTEXT_ANSWER_CHARS])
        top = result.hits[0].provision
        stated = {h.provision.key: len(quoted & figures(h.provision.text)) for h in result.hits[:FOCUS_WITHIN]}
        most = max(result.hits[:FOCUS_WITHIN], key=lambda h: stated[h.provision.key]).provision
        if stated[most.key] > max(stated[top.key], 1, len(quoted) / 2):
            top = most
        status = shelf.status(top.doc_id)
        if (
            status.in_force
            or not status.successor
            or (top.doc_id in named and status.successor not in named)
            or understand(text, self.names, self.agencies, self.today()).past
        ):
            return [top]
        # The answer was given from the version in force, unless the conversation is about a past day or names
        # the old version and not the one that replaced it (原来增值税暂行条例里的税率有哪几档？).
        return [self._current_version(top, status.successor, result, text) or top]

    def _follow_up(self, query: Query, turns: tuple[Turn, ...], shelf: Shelf) -> Answer:
        context = self._context(turns)
        if query.agency_list and not query.agency_except:  # "X在这里面负责哪些？": in the conversation's documents
            docs = tuple(dict.fromkeys(p.doc_id for p in context))
            return replace(self._agency_listing(query, shelf, docs), kind="follow_up")
        if context and query.asks_periods:  # 这个文件里哪几项已经到期了？
            return replace(self._answer(query, shelf, context), kind="follow_up")
        if context and not query.docs and (years := self.names.edition_years(query.text)):
            line = lineage(context[0].doc_id, self.names.metas)
            editions = self.names.editions_by_year(line, query.text)
            if not editions:  # 2020版是第几条？ of a document with no such version
                return replace(compose.no_such_edition_answer(shelf, line, years[0]), kind="follow_up")
            if query.facts or query.asks_status:  # 2020年那版现在还有效吗？: that version's, whichever is discussed
                return self._facts_of(query, shelf, editions[0], context)
        if context and query.asks_change and not query.docs and _BOTH_VERSIONS.search(query.text):
            # 这两个版本对大型企业付款的规定有什么不同？ after answers citing both: what changed between them, on the topic
            discussed = {p.doc_id for p in context}
            shown = tuple(d for d in lineage(context[0].doc_id, self.names.metas) if d in discussed)
            if len(shown) > 1:
                return replace(self._compare(replace(query, docs=shown), shelf, shown), kind="follow_up")
        if context and (versions := self._versions_asked(query.text, context[0].doc_id)):
            if query.facts or query.asks_status:  # 那个旧版本现在还有效吗？
                return self._facts_of(query, shelf, versions[0], context)
            if has_own_topic(query.text) and scope.states_only_when_in_force(context[0].text):
                # after the document's facts (its article on taking effect cited): 以前的版本对大型企业的付款期限是
                # 怎么规定的？ asks its own topic of that version, not what the taking-effect article said there
                return replace(self._search(replace(query, docs=versions), shelf, versions), kind="follow_up")
            if (counterpart := self._counterpart(context[0], versions)) is not None:
                return self._counterpart_answer(shelf, context[0], counterpart)
            older = versions[0] in self._older_versions(context[0].doc_id)
            # (not when the earlier question named the provision by number: numbers do not carry across versions —
            # 老版有没有对应的条款？ after 新版第十五条讲的是什么？ is not about the old version's 第十五条)
            if older and not provision_refs(earlier_question(turns, self._says_little)):
                return replace(self._earlier_question_in(query, turns, shelf, versions), kind="follow_up")
            title = shelf.metas[versions[0]].citation_title
            gone = "" if older else "，该规定已不再有效"
            note = f"{title}中没有与{shelf.ref(context[0])}对应的规定{gone}。"
            answer = compose.provision_answer(shelf, context[0], [context[0].text], full_text=True, notes=[note])
            return replace(answer, kind="follow_up")
        if context and (division := self._division_of(query.text, context[0])) is not None:
            others = bool(_OTHER_THAN_THIS.search(query.text))  # 这部分还有别的措施吗？: besides the one discussed
            answer = compose.division_answer(shelf, context[0].doc_id, division, context[0], others=others)
            return replace(answer, kind="follow_up")
        if context and (relative := self._relative_ref(query, context[0])) is not None:
            return replace(
                self._by_number(replace(query, refs=(relative,)), shelf, (context[0].doc_id,)), kind="follow_up"
            )
        if context and not query.refs and not query.docs and query.asks_status and refers_to_provision(query.text):
            # 这条现在还有效吗？: the status of the provision discussed — its document's — and what replaced it
            discussed = context[0]
            successor = shelf.status(discussed.doc_id).successor
            current = self._counterpart(discussed, (successor,)) if successor else None
            return compose.provision_status_answer(shelf, discussed, current)
        if (
            context
            and not query.refs
            and (
                (query.refers_to_document and (query.facts or query.asks_status))
                or (query.facts and refers_to_provision(query.text))  # (When did this article take effect?)
                or names_a_documents_own_fact(query.text)
            )
        ):
            # 这个条例还有效吗？ 那个文件是哪年发的？ 它的文号是多少？: the facts of the document the conversation is about
            return self._facts_of(query, shelf, self._document_referred(query.text, context, turns), context)
        if context and not query.refs and asks_for_more(query.text):
            return self._more_on_topic(turns, shelf)
        several = (
            not query.refs
            and MEANS_SEVERAL.search(query.text)
            and (asks_which_number(query.text) or query.wants_agencies)
        )
        if several and len(context) < 2 and len(leads := self._leads(turns, shelf)) > 1:
            # (这几个是第几条？ after 职工福利费…？ 那工会经费呢？ 职工教育经费呢？: the provision each answer led with)
            answer = compose.numbered_answer(shelf, [(p, p.text) for p in leads], wants_agencies=query.wants_agencies)
            return replace(answer, kind="follow_up")
        if (
            (scope.asked_kind(query.text) == "具体处罚" or _WHO_ACTS_ON_A_BREACH.search(query.text))
            and (rule := next((p for p in context if shelf.in_force(p.doc_id)), None))
            and not _SANCTIONS.search(rule.text)  # (a sanctioning clause discussed answers who acts on it itself)
            # (what the follow-up names of the breach too: 如果是行业协会这么干呢，谁来处理？)
            and (sanctioned := self._sanction_of(rule, f"{earlier_question(turns)} {query.text}"))
        ):
            # (违反了怎么办？ 如果违反了，怎么追责？ after a rule: the clause of its document sanctioning it, at the item that
            # is that rule — 优化营商环境条例第六十九条（九） after 第四十三条 on designated intermediaries)
            provision, quote = sanctioned
            answer = compose.provision_answer(shelf, provision, [quote], wants_agencies=query.wants_agencies)
            return replace(answer, kind="follow_up")
        if context and not query.refs and _asks_of_chapters(query):
            # 一共有几章？ 第八章叫什么？: the chapters of the document discussed
            return replace(self._answer(query, shelf, context[:1]), kind="follow_up")
        if has_own_topic(query.text) or query.refs:
            return replace(self._new_topic_like_before(query, turns, shelf, context), kind="follow_up")
        if not context:
            return compose.clarify_answer(shelf)
        facts = facts_are_asked(query, True)
        if facts:
            return replace(self._answer(query, shelf, context), kind="follow_up")
        if related := self._documents_by_relation(query.text, context):
            # (法律依据是哪一条？ after an answer citing a regulation's article and the law's it implements: the law's)
            context = sorted(context, key=lambda p: p.doc_id not in related)
        if not MEANS_SEVERAL.search(query.text):
            # (这个归谁管？ of a rule naming no body: with the provision cited beside it that names who acts on it)
            naming = next((p for p in context[1:] if self._bodies_of(p)), None) if query.wants_agencies else None
            context = [context[0], naming] if naming and not self._bodies_of(context[0]) else context[:1]
        if len(context) == 1:
            provision = context[0]
            lead = (
                f"这是{shelf.ref(provision)}{_part_quoted(provision, last(turns, 'assistant'))}。"
                if asks_which_number(query.text)
                else ""
            )
            answer = compose.provision_answer(
                shelf, provision, [provision.text], wants_agencies=query.wants_agencies, full_text=True, lead=lead
            )
            answer = self._with_current_version(answer, shelf, [provision])
        else:
            targets = [(p, p.text) for p in context[:MAX_FOLLOW_UP_PROVISIONS]]
            answer = compose.numbered_answer(shelf, targets, wants_agencies=query.wants_agencies)
        return replace(answer, kind="follow_up")

    def _more_on_topic(self, turns: tuple[Turn, ...], shelf: Shelf) -> Answer:
        """ "还有别的吗？": the provisions closest to the conversation's last question that stands alone, in force,
        besides those its answers already cited (none: it says so)."""
        asked = [t.content for t in turns if t.role == "user"]
        topic = next((q for q in reversed(asked) if not (is_follow_up(q) or self._says_little(q))), asked[0])
        shown = {p.key for t in turns if t.role == "assistant" for p in self._cited_in(t.content, shelf)}
        result = self.searcher.search(topic)
        if not result.hits:
            return compose.nothing_more_answer(shelf)
        # (as close to the topic as the best match is, by meaning: the words of a long story find much else)
        floor = result.dense_of(result.hits[0].provision) - MORE_DENSE_GAP
        more = [
            h.provision
            for h in result.hits[:MORE_WITHIN]
            if h.provision.key not in shown
            and shelf.in_force(h.provision.doc_id)
            and result.dense_of(h.provision) >= floor
        ][:MAX_MORE]
        if not more:
            return compose.nothing_more_answer(shelf)
        answer = compose.numbered_answer(shelf, [(p, p.text) for p in more])
        return replace(answer, text=f"{compose.MORE_LEAD}\n{answer.text}", kind="follow_up")

    def _leads(self, turns: tuple[Turn, ...], shelf: Shelf) -> list[Provision]:
        """The provision each answer of the conversation led with, oldest first, each once; the latest
        MAX_FOLLOW_UP_PROVISIONS."""
        leads = [cited[0] for t in turns if t.role == "assistant" and (cited := self._cited_in(t.content, shelf))]
        return list(dict.fromkeys(leads))[-MAX_FOLLOW_UP_PROVISIONS:]

    def _cited_in(self, text: str, shelf: Shelf) -> list[Provision]:
        """The provisions a text names by document and label, in the order it names them: as this assistant cites
        them, else as people write them (按《企业所得税法》第二十八条…, 《提升中小企业竞争力若干措施》第（十四）项…)."""
        found = [(at, p) for p in self.library.provisions if (at := text.find(shelf.ref(p))) >= 0]
        if not found:
            found = self._written_in(text, shelf)
        return [p for _, p in sorted(found, key=lambda x: x[0])]

    def _written_in(self, text: str, shelf: Shelf) -> list[tuple[int, Provision]]:
        """The provisions a text names by a number written right after a document's name, with where it names them."""
        refs = provision_refs(text)
        found = []
        for mention in self.names.mentions(text):
            docs = self.names.resolve(mention, text, self.today())
            if len(docs) != 1:
                continue
            found += [
                (ref.start, provision)
                for ref in refs
                if 0 <= ref.start - mention.end <= WRITTEN_AFTER_NAME
                for provision in self._number_candidates(ref, docs, shelf)
            ]
        return found

    def _facts_of(self, query: Query, shelf: Shelf, doc_id: str, context: Sequence[Provision]) -> Answer:
        """The document facts (or status) a follow-up asks, of ``doc_id``."""
        return replace(self._answer(replace(query, docs=(doc_id,)), shelf, context), kind="follow_up")

    def _document_referred(self, text: str, context: Sequence[Provision], turns: Sequence[Turn] = ()) -> str:
        """Which of the conversation's documents 这个条例 / 这部法 / 北京这个条例 means: the first of the last answer's
        whose title ends in the kind of document named and whose region is the place named — else, for a 条例 or 法 or
        a place named, the latest such document an earlier turn names, or with a place named the library's only such
        one (北京这个条例 after an answer from a national opinion) — else the last answer's first."""
        docs = list(dict.fromkeys(p.doc_id for p in context))
        kind = m.group(1) if (m := _KIND_REFERRED.search(text)) else ""
        places = self.searcher.regions_named(text)
        metas = self.names.metas

        def fits(doc_id: str) -> bool:
            meta = metas[doc_id]
            return meta.plain_title.endswith(kind) and (not places or meta.region in places)

        # (beyond the last answer only for a legal instrument or a place: 这项措施 may be one of its items)
        if (fit := next((d for d in docs if fits(d)), None)) is not None or not (kind in _INSTRUMENTS or places):
            return fit or docs[0]
        named = [d for turn in reversed(turns) for d in self._documents_named_in(turn.content)]
        if (fit := next((d for d in dict.fromkeys(named) if fits(d)), None)) is not None:
            return fit
        only = [d for d in metas if fits(d)]
        return only[0] if places and len(only) == 1 else docs[0]

    def _versions_asked(self, text: str, doc_id: str) -> tuple[str, ...]:
        """The other versions of ``doc_id`` a follow-up asks about, nearest first: an edition by year
        (2020年版呢？), the older ones (以前的版本怎么规定？) or the newer (现在的条例呢？)."""
        edition = self.names.edition_by_year(lineage(doc_id, self.names.metas), text)
        if edition is not None and edition != doc_id:
            return (edition,)
        if asks_older_version(text):
            return self._older_versions(doc_id)
        # (那2026年以后呢？ after the interim VAT regulation: the versions in force from that day on)
        since = day_since(text)
        if asks_newer_version(text) or (since and not Shelf(self.library, since).in_force(doc_id)):
            return self._newer_versions(doc_id)
        return ()

    def _division_of(self, text: str, discussed: Provision) -> Division | None:
        """这一章还有哪些条？ / 本节呢？ / 这部分还有什么？ / 这属于第几部分？: the chapter, section or part of the provision
        discussed."""
        if not (m := _THIS_DIVISION.search(text)):
            # 关于人才方面还有别的措施吗？ after a measure of the part 提升人才队伍素质: that part, as 这部分 asks it
            found = _OTHER_THAN_THIS.search(text) and match_division(text, self.library, [discussed.doc_id])
            if found and found[1].first <= discussed.number <= found[1].last:
                return found[1]
            return None
        document = self.library.get(discussed.doc_id)
        assert document is not None
        level = 2 if "节" in m.groups() else 1  # 章, or a notice's 部分
        return next((d for d in document.divisions if d.level == level and d.first <= discussed.number <= d.last), None)

    def _relative_ref(self, query: Query, discussed: Provision) -> ProvisionRef | None:
        """A provision named relative to the one discussed: its parts (第二款呢？, and 第（三）项呢？ of an
        article) or its neighbours (下一条呢？ 上一项呢？)."""
        articles = self.library.get(discussed.doc_id).meta.shape != "notice"
        form = "article" if articles else "item"
        if (part := part_alone(query.text)) is not None:
            return ProvisionRef(discussed.number, form, *part)
        if articles and query.refs and all(r.form == "item" and not r.part for r in query.refs):
            return ProvisionRef(discussed.number, form, item=query.refs[0].number)
        if not query.refs and (moved := next_or_previous(query.text, discussed.number)) is not None:
            return ProvisionRef(moved, form)
        return None

    def _older_versions(self, doc_id: str) -> tuple[str, ...]:
        """The documents ``doc_id`` replaced, newest first."""
        line = lineage(doc_id, self.names.metas)
        return tuple(reversed(line[: line.index(doc_id)]))

    def _newer_versions(self, doc_id: str) -> tuple[str, ...]:
        """The documents that replaced ``doc_id``, the next one first."""
        line = lineage(doc_id, self.names.metas)
        return tuple(line[line.index(doc_id) + 1 :])

    def _earlier_question_in(self, query: Query, turns: tuple[Turn, ...], shelf: Shelf, docs: Sequence[str]) -> Answer:
        """ "以前的老条例也是这么规定的吗？": the earlier question, answered from these documents (by number, when it
        named provisions by number)."""
        previous = earlier_question(turns, self._says_little)  # (有没有例外？ asks of the question before it)
        if refs := provision_refs(previous or ""):  # 第十条是什么？ → 您问的是哪一份？ → 我说的是增值税法
            return self._by_number(replace(query, refs=tuple(refs)), shelf, tuple(docs))
        # (without the documents it names: 原来暂行条例里的税率 is asked of the documents named now)
        try:
            topic = understand(clean_question(previous), self.names, self.agencies, self.today()).topic
        except ValueError:  # (no earlier question, or one that is no question)
            topic = ""
        together = replace(query, text=f"{previous} {query.text}", topic=topic or previous, docs=tuple(docs))
        return self._search(together, shelf, docs, alone=True)

    def _new_topic_like_before(
        self, query: Query, turns: tuple[Turn, ...], shelf: Shelf, context: list[Provision]
    ) -> Answer:
        """ "那海外仓呢？" / "那人民银行呢？" / "那第十一条呢？": asked the way the previous question asked,
        about the documents the conversation is about."""
        # (a follow-up saying little — 我应该去哪里反映？ — is asked of the story before 能要利息吗？ too; one naming its own
        # subject — 那要是买环保设备呢？ — of the last question alone)
        leans = self._leans_on_before if self._names_little(query) else None
        previous_text = earlier_question(turns, leans)
        previous = (
            understand(clean_question(previous_text), self.names, self.agencies, self.today())
            if previous_text
            else None
        )
        if previous is not None and previous.agency_list and query.agencies:
            return self._agency_listing(
                replace(previous, agencies=query.agencies, text=query.text), shelf, previous.docs
            )
        context_docs = tuple(dict.fromkeys(p.doc_id for p in context))
        if query.refs:
            return self._by_number(query, shelf, context_docs)
        context_docs = self.library.with_partners(context_docs) + self._local_documents_named(query.text)
        if query.past:  # 2024年的时候呢？: the conversation's documents as they were then
            context_docs = tuple(dict.fromkeys(version_on(d, query.day, self.names.metas) for d in context_docs))
        if context_docs and names_national_level(query.text) and any(self._is_local(d) for d in context_docs):
            # 全国的法律也是这样吗？ after a local document's answer: the national documents answer it — those the
            # conversation cites beside it, if any.
            context_docs = tuple(d for d in context_docs if not self._is_local(d))
            # (nor is a local provision discussed what it asks of: 那国家的中小企业发展基金呢？ after Beijing's fund)
            context = [p for p in context if not self._is_local(p.doc_id)]
            national = tuple(d.meta.doc_id for d in self.library.documents if not d.meta.region)
            query = replace(
                query,
                docs=query.docs or (() if context_docs else national),
                text=without_national_level(query.text),  # (那全国层面的规定是多少？ asks 是多少 of the earlier topic)
                topic=without_national_level(query.topic),
            )
        if (
            previous is not None
            and previous.listing
            and (found := match_division(query.text, self.library, previous.docs or None))
        ):
            return compose.division_answer(shelf, *found)
        specificity = self._specificity(query.topic)
        # (…又是多少？ naming too little of its own asks the earlier question again, whatever documents it is asked of)
        elliptical = is_elliptical(query.text, specificity) or (
            asks_again(query.text) and self._names_little(replace(query, docs=()))
        )
        # 那人民银行呢？ after 谁负责？ asks who again; 今年还能申请吗？ after it asks something else
        wants = query.wants_agencies or bool(previous and previous.wants_agencies and elliptical)
        own = query
        cut = self.searcher.tokenizer.cut
        if previous is not None and (swapped := with_subject_swapped(previous.text, query.text, cut)):
            # 那高新技术企业呢？ after 什么样的企业才算小型微利企业？ asks that question of its subject: asked so, directly
            # (searched in the whole library: 那增值税呢？ after a question on the income tax law is not answered there)
            swapped_query = understand(clean_question(swapped), self.names, self.agencies, self.today())
            query = replace(swapped_query, day=query.day, past=query.past, focus=query.topic)
            if not query.docs and context_docs and (titled := self._documents_using_only(own, context_docs)):
                query = replace(query, docs=titled)  # (asked of a subject the conversation's documents never use)
            answer = self._search(query, shelf, query.docs, wants_agencies=wants, discussed=context)
            return self._own_subject_discussed(own, query, shelf, answer, context) or answer
        if previous is not None and _THING_PRONOUN.search(query.text) and (subject := self._subject_of(previous.text)):
            # 它的企业所得税税率是多少？ after 什么样的企业算小型微利企业？ asks of 小型微利企业: asked so, directly
            text = clean_question(_THING_PRONOUN.sub(subject, query.text))
            named = understand(text, self.names, self.agencies, self.today())
            return replace(
                self._route(text, replace(named, day=query.day, past=query.past), (), shelf), kind="follow_up"
            )
        # (那现在卖农产品是多少？ after 卖货的增值税税率是多少？ asks the figure the earlier question named: a rate)
        asks_its_figure = (
            previous is not None
            and scope.asked_kind(query.text) == "具体数字"
            and scope.asked_kind(previous.text) not in ("", "具体数字")
        )
        if previous is not None and (
            elliptical
            or self._names_little(query)
            or asks_its_figure
            or self._names_none_apart(query, context_docs, " ".join(t.content for t in turns))
        ):
            # 那工会经费呢？ names its own subject, 遇到这种情况可以去哪投诉？ its own concern (the focus: what to prefer
            # among the best provisions); 比例是多少？ asks about the earlier one
            query = replace(_after_earlier(query, previous), focus=query.topic)
        if (
            query is not own
            and context_docs
            and not query.docs
            and (titled := self._documents_using_only(own, context_docs))
        ):
            # (那个体户呢？ after a rule of the payment regulation, which never names them: asked of the documents on them,
            # however close the earlier question's words come to the conversation's)
            return self._search(replace(query, docs=titled), shelf, titled, wants_agencies=wants, discussed=context)
        # (企业所得税多久预缴一次？ after turns on the VAT law names a subject that law never uses and another's title
        # names: asked across the library, not of the conversation's documents — a subject of its own words, not the
        # place the conversation's topic carries: 北京市 of a conversation begun on Beijing's rules)
        # (…naming a subject of its own words that only other documents' titles name: asked there)
        titled_apart = (
            self._titled_apart(own.text, context_docs) if query is own and context_docs and not query.docs else ()
        )
        if context_docs and not query.docs and not titled_apart:
            focused = self._search_preferring(query, shelf, context_docs, wants, context, joined=query is not own)
            if focused is not None and query is not own and context:
                focused = self._own_subject_elsewhere(own, shelf, context_docs, focused, context[0]) or focused
            if focused is not None:
                return self._own_subject_discussed(own, query, shelf, focused, context) or focused
        answer = self._search(query, shelf, query.docs, wants_agencies=wants, discussed=context)
        if kept := self._own_subject_discussed(own, query, shelf, answer, context):
            return kept
        if (
            answer.out_of_scope
            and not answer.finding  # (那贴息贴多少？ was refused for a figure no text states, not for its words)
            and previous is not None
            and not is_elliptical(query.text, specificity)
        ):
            # "那如果账上还欠着供应商的钱呢？" leans on the earlier question: ask both together
            together = _after_earlier(query, previous)
            # (那个体户去投标呢？会不会被区别对待？ after turns on the SME law: in the documents titled with its subject)
            where = query.docs or titled_apart or context_docs
            retried = self._search(together, shelf, where, wants_agencies=wants, discussed=context)
            if not retried.out_of_scope or retried.finding:  # (or refused for a figure, naming the closest provision)
                return retried
        return answer

    def _own_subject_elsewhere(
        self, own: Query, shelf: Shelf, docs: Sequence[str], answer: Answer, discussed: Provision
    ) -> Answer | None:
        """那招人方面呢？ asked with the earlier question leads with the provision just discussed (职称): the follow-up's
        own subject, which that provision does not name, is answered by the provision that a search of the
        conversation's documents for it alone finds first (None: keep the answer) — answered there as the
        conversation's topic is, however short."""
        lead = next(iter(answer.citations), None)
        if lead is None or (lead.doc_id, lead.number) != (discussed.doc_id, discussed.number):
            return None
        if contrast := _ASKED_OF_ANOTHER.match(own.text.strip()):
            named = contrast.group(1)
            # (招人: 招, 人)
            subject = [w for w in self.searcher.tokenizer.content_words(named) if len(w) >= 2] or [named]
            if any(scope.in_full(w, discussed.text) for w in subject):
                return None  # (那小微企业呢？ after a provision naming 小微企业: asked of it)
            words_new = []
        else:
            # (or a word of its own that says enough to stand alone, which the provision discussed never writes: 反担保 of
            # 那他们要是还要我们提供反担保呢？ after a provision on fee rates — asked where it is written)
            words_new = [
                w
                for w, weight in self._focus_words(own.topic).items()
                if weight >= NAMES_LITTLE and not scope.in_full(w, discussed.text)
            ]
            if not words_new:
                return None
        result = self.searcher.search(own.topic, list(docs))
        other = result.hits[0].provision
        if other.key == discussed.key or result.dense_of(other) <= result.dense_of(discussed):
            return None  # (found first by its words alone, yet no closer in meaning: 那用工方面呢？ → …仪器…开放使用)
        if not all(scope.in_full(w, other.text) for w in words_new):
            return None
        alone = self._search(replace(own, docs=tuple(docs)), shelf, docs, discussed=(other,))
        first = next(iter(alone.citations), None)
        return alone if first is not None and (first.doc_id, first.number) == (other.doc_id, other.number) else None

    def _own_subject_discussed(
        self, own: Query, query: Query, shelf: Shelf, answer: Answer, context: Sequence[Provision]
    ) -> Answer | None:
        """大型企业呢？ after 什么时候之前公开？ answered by an article on when 机关 publish their arrears, whose next
        paragraph says how 大型企业 do: a follow-up naming only a subject that the provision just discussed names is
        answered by that provision, at its sentences on the subject — not by another that names the subject for
        something else, found first by its words (the article defining 大型企业), nor refused. None: keep the answer."""
        if query is own or not context or not names_only_a_subject(own.text):
            return None
        if answer.out_of_scope and answer.finding:
            return None  # (refused for a figure no text states, not for its words)
        discussed = context[0]
        if not (query.past or shelf.in_force(discussed.doc_id)):
            return None  # (what applies today answers it: 那交通运输服务呢？ after 以前是多少？)
        lead = next(iter(answer.citations), None)
        if lead is not None and (lead.doc_id, lead.number) == (discussed.doc_id, discussed.number):
            return None
        searcher = self.searcher
        words = [
            w for w in searcher.tokenizer.content_words(own.topic) if not w.isascii() and searcher.document_frequency(w)
        ]
        # (a subject is a thing: 超过500万的呢？ names none)
        if not any(map(searcher.tokenizer.names_an_object, words)) or not all(
            scope.in_full(w, discussed.text) for w in words
        ):
            return None
        result = self.searcher.search(query.topic, [discussed.doc_id])
        k = compose.MAX_QUOTED_SENTENCES + (1 if query.wants_figure else 0)
        quote = self._quote(query.topic, result, discussed, k, query.wants_figure, focus=own.topic)
        return replace(compose.provision_answer(shelf, discussed, quote), kind="follow_up")

    def _documents_using_only(self, own: Query, docs: Sequence[str]) -> tuple[str, ...]:
        """那企业所得税呢？ after a question answered from the VAT law asks the earlier question of a subject that the
        conversation's documents never use (with, perhaps, words they do use: 那中小企业被拖欠呢？): the documents whose
        titles name it are where it is answered (empty: the conversation's documents use it, or no title names it —
        那小微企业呢？ asks the same documents about them). Of a subject with a deed (那个体户去投标呢？ after turns on the
        SME law, which never says 个体户 nor 投标), a title naming one of its words is enough."""
        if names_only_a_subject(own.text) or asks_of_another_subject(own.text):
            return self._titled_apart(own.topic, docs)
        # (a first sentence naming only the subject, the rest telling more: 那个体户呢？我开了个小饭馆，有没有类似的保护？ —
        # that subject)
        first = _FIRST_SENTENCE.match(own.text.strip())
        return self._titled_apart(first.group(), docs) if first and names_only_a_subject(first.group()) else ()

    def _titled_apart(self, text: str, docs: Sequence[str]) -> tuple[str, ...]:
        """The documents whose titles name one of the words of the subject of ``text`` that ``docs`` never use
        (empty: they use them all, or no title names one)."""
        searcher = self.searcher
        titles = {d.meta.doc_id: d.meta.plain_title for d in self.library.documents}
        discussed = [p for d in docs if (document := self.library.get(d)) for p in document.provisions]
        # (a word written in full or abbreviated: 那个体户呢？ of the 促进个体工商户发展条例)
        subject = [
            w
            for w in searcher.tokenizer.content_words(text)
            # (一个 of 一个事业单位 counts, names no subject, though a title has it: …今后一个时期…)
            if len(w) >= 2
            and not searcher.tokenizer.counts_or_points(w)
            and (searcher.document_frequency(w) or any(scope.in_full(w, t) for t in titles.values()))
        ]
        # (那中小企业被拖欠呢？ after questions on 个体户: 拖欠, which they use, is what is asked of the subject, 中小企业)
        subject = [w for w in subject if not any(scope.in_full(w, p.text) for p in discussed)]
        if not subject:
            return ()
        titled = tuple(d for d, title in titles.items() if any(scope.in_full(w, title) for w in subject))
        return () if set(titled) & set(docs) else titled

    def _local_documents_named(self, text: str) -> tuple[str, ...]:
        """The local documents of the places a question names (我们在北京… → Beijing's regulation): a follow-up
        about one's own place may be answered by them, besides the conversation's national documents."""
        named = self.searcher.regions_named(text)
        return tuple(d.meta.doc_id for d in self.library.documents if d.meta.region in named)

    def _local_documents_asked_apart(self, text: str, named: Sequence[str]) -> tuple[str, ...]:
        """The local documents of the places an asking sentence names that names no document, in a question naming
        others (…北京市的规定是不是更高一些？ beside a sentence on the SME promotion law): asked of that place's rules."""
        return tuple(
            d
            for sentence in asking_sentences(text)
            if not self.names.mentions(sentence)
            for d in self._local_documents_named(sentence)
            if d not in named
        )

    def _region(self, doc_id: str) -> str:
        """Where the document applies ("" for national documents, and for none the library has)."""
        document = self.library.get(doc_id)
        return (document.meta.region or "") if document is not None else ""

    def _is_local(self, doc_id: str) -> bool:
        return bool(self._region(doc_id))

    def _search_preferring(
        self,
        query: Query,
        shelf: Shelf,
        docs: Sequence[str],
        wants: bool,
        discussed: Sequence[Provision],
        joined: bool = False,
    ) -> Answer | None:
        """A follow-up's own topic, searched in the documents the conversation is about when they answer it.
        ``joined``: the follow-up is asked together with the earlier question (it names too little on its own)."""
        result, features = self._searched(query, query.text, list(docs))
        in_scope = self.in_scope(features)
        if not in_scope and not features.missing_specifics:
            return None
        overall, everywhere = self.retrieve(query.text)
        # Refused there for specifics no text of theirs states, they are still what is asked about when nothing in the
        # library comes closer and nothing answers it in full — or when the follow-up is asked of the earlier question
        # (具体哪天开始申报？ after 职称评审): 贷款利率多少？ after turns on start-up loans is not about late-payment interest.
        # — unless the follow-up's own words name the conversation's provision more than the other one (那贷款是全额
        # 贴息吗？利率上限是多少？ after turns on start-up loans asks of their 贴息, not of late-payment interest).
        if in_scope or not self._names_more(query.text, result.hits[0].provision, overall.hits[0].provision):
            if not in_scope and not joined and self.in_scope(everywhere) and not everywhere.missing_specifics:
                return None
            slack = CONVERSATION_DENSE_SLACK if in_scope else 0.0
            if result.dense_of(result.hits[0].provision) + slack < overall.dense_of(overall.hits[0].provision):
                return None  # another document answers the new topic clearly better
        return self._search(
            replace(query, docs=tuple(docs), topic=query.text), shelf, docs, wants_agencies=wants, discussed=discussed
        )


def _named(words: dict[str, float], text: str, terms_of: Mapping[str, Sequence[str]] | None = None) -> float:
    """How much of the weighted ``words`` a text names — a word also by one of its ``terms_of`` (the query table's
    terms for it)."""
    terms_of = terms_of or {}
    return sum(weight for w, weight in words.items() if w in text or any(t in text for t in terms_of.get(w, ())))


def _share_named(words: dict[str, float], text: str, terms_of: Mapping[str, Sequence[str]] | None = None) -> float:
    """The share of the weighted ``words`` a text names (0 when there are none)."""
    mass = sum(words.values())
    return _named(words, text, terms_of) / mass if mass else 0.0


# A sentence that caps, extends or bounds the figure of the sentence before it (可适当延长，但…最长不得超过90日).
_QUALIFIES_A_FIGURE = re.compile(r"最长|最短|最高|最低|最多|不得超过|不超过|不得低于|不低于|延长")
# 那X方面呢？: the earlier question asked of another side of things (a general form of asking)
_ASKED_OF_ANOTHER = re.compile(r"那(?:么)?(?:在)?([^，,。？?！!]{2,10}?)(?:方面|这块|这一块|领域|上面)呢")


def _documents_joined(query: Query) -> tuple[str, ...]:
    """The documents a question names one after another joined by 和 / 与 / 及 / 、 (增值税法和增值税暂行条例…), in order;
    empty for fewer than two."""
    mentions = sorted(query.mentions, key=lambda m: m.start)
    run = mentions[:1]
    for before, after in itertools.pairwise(mentions):
        if not _JOINING.fullmatch(query.text[before.end : after.start]):
            break
        run.append(after)
    joined = tuple(dict.fromkeys(d for m in run for d in m.doc_ids if d in query.docs))
    return joined if len(run) > 1 and len(joined) > 1 else ()


# What joins two documents named together (增值税法和暂行条例, 6号文、39号文).
_JOINING = re.compile(r"\s*(?:和|与|及|以及|跟|、)\s*")


def _asks_of_chapters(query: Query) -> bool:
    """第八章叫什么？ 一共有几章？: a question on a document's chapters (or a notice's parts)."""
    return bool(query.chapter or "sections" in query.facts)


# A text's first sentence, ending in a question mark (the rest follows it).
_FIRST_SENTENCE = re.compile(r"[^？?]+[？?](?=.)")

# Two versions referred to together (这两个版本, 两版, 新旧条例): general words, the versions are the conversation's.
_BOTH_VERSIONS = re.compile(r"两(?:个|部|份)?(?:版本|版|条例|法|文件)|新旧")

# 这个条例 / 这部法 / 该意见: a document of the conversation by its kind (general words for kinds of documents; 这个法规
# names none); a 条例 or 法 is always a whole document, never one of its items.
_INSTRUMENTS = ("条例", "法")
_KIND_REFERRED = re.compile(r"(?:这|那|该|此|本)(?:个|部|份|项|一)?(条例|法(?!规)|意见|通知|措施|办法|规定|决定)")
# Where a rule is set out in detail (具体条件在哪规定？ 怎么细化的？): in the regulation implementing a law.
_ASKS_WHERE_DETAILED = re.compile(r"在哪(?:里|儿|个文件)?(?:有)?(?:规定|明确|细化)|(?:怎么|如何)细化|细化(?:规定|了)")
# Who acts on a breach (谁能责令它改正？ 要是机关违反了，谁来管？ — not 违反了找谁投诉？, which asks where to complain): the
# clause sanctioning the rule names them.
_WHO_ACTS_ON_A_BREACH = re.compile(
    r"谁(?:能|来|可以|有权|会)?(?:责令|处罚|追责|问责|追究)|"
    rf"(?:{scope.BREACH_TOLD}|不改[^。？?]{{0,8}})谁(?:来)?(?:管|处理|查处|处罚|罚|监管)"
)
# A clause sanctioning breaches of the rules (general forms of Chinese legislation), and a question asking about them.
_SANCTIONS = re.compile(
    r"依法给予处分|依法(?:依规)?追究(?:法律)?责任|责令改正|处[^。；]{0,12}罚款|的，由[^。；，]{2,20}依法处理"
)
_ASKS_SANCTION = re.compile(r"处罚|处分|罚款|罚多少|追究|追责|问责|后果|法律责任|惩罚|penalt|punish")
# Where a sanctioning sentence turns from the breach to who acts on it (…作为结算依据的，由其监管部门责令改正).
_SANCTIONED_BY = re.compile(r"的[，,]\s*由|的[，,]\s*(?:依法|责令|对)")
# A term a legal text defines for what it names before it (…部门（以下统称受理投诉部门）): a general form of drafting.
_SHORT_TERM = re.compile(r"[（(]以下(?:简称|统称)“?([^”）)]{2,16})”?[）)]")
# A word naming a rate as such (税率, 利率, 费率): the rate of something named elsewhere.
_A_RATE = re.compile(r"[\u4e00-\u9fff]率")
# Between a place and a document's name, words making it that place's own (深圳有没有自己的…, 上海的…, 上海市出台的…)
_OWN_DOCUMENT_OF = re.compile(
    r"[省市区县]?(?:的|有|有没有|有无|是否有|也有|自己的|本地的?|地方的?|出台的?|制定的?|颁布的?)*"
)
# An edition year written right before a provision's number (2020年版第八条, 2025年修订版的第九条)
_EDITION_RIGHT_BEFORE = re.compile(
    r"(?<!\d)(?:\d{4}|\d{2})\s*年?\s*(?:修订|修正)?(?:版本|版)\s*(?:的|里的?|中的?)?\s*$"
)
# (…在2025年版里对应哪条？: what a provision corresponds to, in general Chinese)
_CORRESPONDS = re.compile(r"相?对应|相应")
# 它 / 它们 standing for what the earlier question was about (not 其它, another)
_THING_PRONOUN = re.compile(r"(?<!其)它们?")
# (conditions asked are all of them: 要满足什么条件？ 什么样的企业才算？ is answered by the whole list 符合下列条件…)
_ASKS_WHICH_ONES = re.compile(
    # (有什么/有啥… asks what there is, as 有哪些 does: 对我们有啥照顾？ — not what it has to do with: 有什么区别)
    r"哪些|哪几|哪类|包括什么|包括哪|什么条件|条件是什么|满足什么|符合什么|什么样的|什么情形|"
    r"有(?:什么|啥)(?!区别|不同|关系|用|影响|意义|后果)|\bwhich\b|\bwhat are\b",
    re.IGNORECASE,
)
_ASKS_ABOUT_NOW = re.compile(rf"{NOW_WORDS}|当前|最新|还按|还是按|还要(?!求)|还能|\bstill\b|\bnow\b|\bcurrently\b")
# "What does the text say about X?" — a general form of asking about a subject of the documents.
_ASKS_WHAT_THE_TEXT_SAYS = re.compile(
    r"(文件|政策|规定|条例|通知|意见|措施|法律|法规|文)(里|中|上|里面|当中)?(对|关于|针对)[^，。？?]{2,20}?(是|有)?"
    r"(怎么|如何|有什么|有啥|有哪些|什么)(说|讲|规定|写|提|说法|表述|要求|安排|措施|支持)"
)
_ASKS_DEFINITION = re.compile(
    r"什么样的|什么是|什么叫|是指什么|算不算|才算|怎么认定|如何认定|认定条件|认定标准|定义|哪些企业属于|what counts|definition|"
    r"(?<![收费])标准(?:是什么|是啥|是怎样的|有哪些)"  # (小型微利企业的标准是什么？ not 收费标准是什么？)
)
# The conditions asked of something (小型微利企业具体要满足哪些条件？): what makes one, when asked of a term right before it
_CONDITIONS_ASKED = re.compile(r"(?:满足|符合|具备|达到)(?:哪些|哪几个|什么|啥)(?:样的)?(?:条件|标准)")
_BEFORE_ASKING = re.compile(r"(?:要|需要|需|得|必须|应当|应该|应|具体|才能|都|还)+$")
# …才能弥补？ after the conditions: they are asked of doing something with the term, not of what it is
_THEN_DOING = re.compile(r"才(?:能|可以|可|会)?[\u4e00-\u9fff]")


def _asks_what_makes(text: str, term: str) -> bool:
    """Whether a text asks the conditions of the term itself — the term (or four characters of its head in a row) right
    before 要满足什么条件 — not of something done with it (无形资产摊销年限要符合什么标准？ asks of 摊销, not of 无形资产).

    >>> _asks_what_makes("小型微利企业具体要满足哪些条件？", "符合条件的小型微利企业"), _asks_what_makes("无形资产摊销要满足什么条件？", "无形资产")
    (True, False)
    >>> _asks_what_makes("研发费用要满足什么条件？", "费用"), _asks_what_makes("小型微利企业要满足什么条件才能减税？", "小型微利企业")
    (False, False)
    """
    if len(term.split("的")[-1]) < 4:  # (费用 defined ends 研发费用 too: a short head says too little)
        return False
    for m in _CONDITIONS_ASKED.finditer(text):
        before = _BEFORE_ASKING.sub("", text[: m.start()])
        if _THEN_DOING.match(text, m.end()):
            continue
        if any(before.endswith(part) for part in _head_in_fours(term)):
            return True
    return False


def _head_in_fours(term: str) -> list[str]:
    """The head noun of a defined term (小型微利企业 of 符合条件的小型微利企业) as runs of four characters, which name it
    (a head of four or fewer is one run, whole).

    >>> _head_in_fours("符合条件的小型微利企业")
    ['小型微利', '型微利企', '微利企业']
    """
    head = term.split("的")[-1]
    return [head[i : i + 4] for i in range(max(1, len(head) - 3))]


def _definition_asked_alone(text: str) -> bool:
    """Whether what counts is asked on its own: a clause ends on asking it (小型微利企业怎么认定，由哪个部门认定？ — not
    算不算中小企业说法不一，…, a dispute told)."""
    return any(
        m.end() >= len(c) - DEFINITION_ASKED_NEAR_END for c in split_clauses(text) for m in _ASKS_DEFINITION.finditer(c)
    )


def _first_as_close(
    result: Retrieval,
    top: Provision,
    slack: float,
    fits: Callable[[Provision], bool],
    hits: Sequence[Hit] | None = None,
) -> Provision:
    """The first of the best few provisions (of ``hits``, the search's own when None) that ``fits`` and that the
    embedder rates within ``slack`` of ``top``; else ``top``."""
    floor = result.dense_of(top) - slack
    best = (result.hits if hits is None else hits)[:FOCUS_WITHIN]
    return next((h.provision for h in best if fits(h.provision) and result.dense_of(h.provision) >= floor), top)


# A subject qualified by what the sentence before its comma says of it (符合条件的小型微利企业，…).
_QUALIFIED_SUBJECT = re.compile(r"[^，。；]*的[\u4e00-\u9fff]{2,8}")


def _in_order(sentences: Sequence[str], provision: Provision) -> list[str]:
    """Sentences of a provision, each once, in the order the provision has them."""
    order = split_sentences(provision.text)
    return sorted(set(sentences), key=lambda s: order.index(s) if s in order else len(order))


# 这一章 / 本节 / 这部分里还有什么 — not 这部分钱 (a part of something else)
_THIS_DIVISION = re.compile(
    r"(?:这|本|该|同)一?(章|节(?!点|日|假))|(?:这|本|该)一?(部分)(?=还|里|中|有|包括|呢|共|(?:一共|总共|都)(?:有|包括)|[？?])"
    r"|(?:属于|在|是)(?:第几|哪一?个?|什么)(章|节(?!点|日|假)|部分)"  # 这属于第几部分？ 这条在哪一章？
)
# The division's provisions besides the one discussed (别的措施, 其他条文, 除了这条): not another division (其他章) or
# anything else (其他部门).
_OTHER_THAN_THIS = re.compile(
    r"(?:别的|其他|其它|另外|其余)的?(?:条|规定|措施|内容|项|款)|除了?(?:这|本|该)一?(?:条|项|款|个)"
)
# The documents related to the one discussed, named by their relation (general terms of Chinese law).
_IMPLEMENTING = re.compile(r"实施条例|实施细则|实施办法|配套(?:法规|规定|条例)")
_IMPLEMENTED = re.compile(r"上位法|母法|那部法律?|原来的法律?|法律(?:上的)?(?:依据|根据)")
_ARTICLE_AFTER_NAME = r"第([零〇一二两三四五六七八九十百]+|\d+)条"


def _part_quoted(provision: Provision, answer: str) -> str:
    """The 款 or 项 of an article an earlier answer quoted when it quoted just one (第二款, 第（二）项, 第一款第（三）项),
    "" otherwise: 这是第几条第几项？ asks where the quoted words are."""

    def quoted(text: str) -> bool:
        return len(text) >= QUOTED_PART_MIN and text[:QUOTED_PART_MIN] in answer

    paragraphs = provision.paragraphs
    if not provision.label.endswith("条"):  # a notice's item has no 款 or 项 of its own
        return ""
    # 项 (（二）), not a 目 (1．) under one
    items = [(i, it) for i, p in enumerate(paragraphs) for it in p.items if ITEM.match(it.label) and quoted(it.text)]
    said = [i for i, p in enumerate(paragraphs) if quoted(p.text)]
    if len(items) == 1:
        at, item = items[0]
        paragraph = f"第{int_to_cn(at + 1)}款" if len(paragraphs) > 1 else ""
        return f"{paragraph}第{item.label}项"
    if len(said) == 1 and len(paragraphs) > 1 and not items:
        return f"第{int_to_cn(said[0] + 1)}款"
    return ""


def _is_item(clause: str) -> bool:
    """（一）… / 1．…, as the parser reads items."""
    return bool(ITEM.match(clause) or SUBITEM.match(clause))


def _lead_in(clauses: Sequence[str], at: int) -> int | None:
    """The clause a list item hangs from — the one ending in ： before the item and its siblings (items of the
    same kind, （一） or 1．) — when the list has one.

    >>> _lead_in(["税率：", "（一）甲；", "（二）乙，税率为九：", "1．丙；", "2．丁；", "（三）戊。"], 4)
    2
    >>> _lead_in(["税率：", "（一）甲；", "（二）乙，税率为九：", "1．丙；", "2．丁；", "（三）戊。"], 2)
    0
    >>> _lead_in(["税率：", "（一）甲；", "（二）乙，税率为九：", "1．丙；", "2．丁；", "（三）戊。"], 5) is None
    True
    """
    before = scope.before_its_siblings(clauses, at)
    return before if before is not None and clauses[before].endswith((":", "：")) else None


def _whole_sentence(clauses: Sequence[str], at: int) -> range:
    """The clauses of the sentence clause ``at`` belongs to: those joined to it by ；that are not list items
    (…占百分之三十以上；其中，预留给小型微型企业的比例不低于百分之六十。 is one rule).

    >>> list(_whole_sentence(["甲；", "其中乙。", "丙。"], 1)), list(_whole_sentence(["税率：", "（一）甲；", "（二）乙。"], 1))
    ([0, 1], [1])
    """

    def joined(i: int) -> bool:  # clause i continues clause i - 1
        return i > 0 and clauses[i - 1].endswith("；") and not (_is_item(clauses[i]) or _is_item(clauses[i - 1]))

    first, last = at, at
    while joined(first):
        first -= 1
    while last + 1 < len(clauses) and joined(last + 1):
        last += 1
    return range(first, last + 1)


def _articles_named(text: str, meta: DocMeta) -> tuple[int, ...]:
    """The articles of a document a provision names by the document's name (企业所得税法第三十条 → 30)."""
    names = "|".join(re.escape(n) for n in sorted({meta.plain_title, *meta.short_names}, key=len, reverse=True) if n)
    return tuple(parse_number(m.group(1)) for m in re.finditer(rf"(?:{names}){_ARTICLE_AFTER_NAME}", text))


_DEFINES = re.compile(r"所称([^，。、“”（）]{2,16})[，,]?(?:是指|包括)")
_DEFINES_A_TERM = re.compile(r"所称[^。；]{2,40}?是指")  # (所称个人独资企业、合伙企业，是指… too)

_CHANGE_WORDS = (
    "变化",
    "区别",
    "不同",
    "差别",
    "差异",
    "修改",
    "修订",
    "修正",
    "改了",
    "变了",
    "调整",
    "新旧",
    "对比",
    "比较",
    "相比",
    "比起",
    "改动",
    "新版",
    "旧版",
    "版",
)


def _without_change_words(text: str) -> str:
    for word in _CHANGE_WORDS:
        text = text.replace(word, " ")
    return text


def _after_earlier(query: Query, previous: Query) -> Query:
    """A follow-up to be searched together with the question asked before it."""
    return replace(
        query,
        text=f"{previous.text} {query.text}",
        topic=_one_after_another(previous.topic, query.topic),
        earlier=previous.topic,
        wants_figure=query.wants_figure or previous.wants_figure,  # (那2017年的时候呢？ after 税率是多少？: a rate)
    )


def _one_after_another(earlier: str, text: str) -> str:
    """Two questions' topics as one text, each its own sentence (没约定利率怎么算 + 那LPR现在是多少？ asks two things,
    not one whose question word is the first's).

    >>> _one_after_another("没约定利率怎么算", "那LPR现在是多少？"), _one_after_another("怎么算？", "那LPR呢？")
    ('没约定利率怎么算。 那LPR现在是多少？', '怎么算？ 那LPR呢？')
    """
    ended = earlier.rstrip().endswith(tuple("。！？!?.；;"))
    return f"{earlier}{'' if ended or not earlier.strip() else '。'} {text}"


def earlier_question(turns: Sequence[Turn], says_little: Callable[[str], bool] | None = None) -> str:
    """The question the conversation was last about: the last user turn, with the turns before it as
    long as each leans on the one before ("政府采购给中小企业留多少份额？" + "小微企业呢？") or, by ``says_little``,
    names too little to be asked alone ("什么是双随机一公开？" + "有没有例外？").

    >>> earlier_question([Turn("user", "政府采购留多少份额？"), Turn("assistant", "30%以上。"), Turn("user", "小微企业呢？")])
    '政府采购留多少份额？ 小微企业呢？'
    """
    asked = [t.content for t in turns if t.role == "user"]
    out: list[str] = []
    for text in reversed(asked[-MAX_QUESTIONS_CHAINED:]):
        out.insert(0, text)
        if not (leans_on_before(text) or (says_little is not None and says_little(text))):
            break
    return " ".join(out)[-MAX_QUESTION_CHARS:]  # the latest, within what a question may hold


# "Which documents mention X" (涉及, 提到…), not "which are about X": every document with a provision on it.
_MENTIONING = re.compile(r"涉及|提到|提及|讲到|说到|谈到|写到|出现|作出(了)?规定|作了规定|有(相关)?规定")


def _longest_shared(text: str, other: str) -> str:
    """The longest run of characters two texts share (the part of a topic a title names).

    >>> _longest_shared("哪些文件涉及政府性融资担保", "关于有效发挥政府性融资担保基金作用的指导意见")
    '政府性融资担保'
    """
    best = ""
    for start in range(len(text)):
        end = start + len(best) + 1
        while end <= len(text) and text[start:end] in other:
            best, end = text[start:end], end + 1
    return best


# English words of a question asking for the library's documents as such (What documents do you have?)
_ABOUT_THE_LIBRARY = re.compile(
    r"\b(?:what|which|documents?|policy|policies|do|does|you|have|has|are|is|there|in|the|"
    r"library|list|all|of|your|show|me|please|hold|holds|contain|contains)\b"
)


def _strip_document_words(text: str) -> str:
    return re.sub(
        r"库里|库中|政策库|有哪些|哪些|哪几部|哪几份|哪份|哪一份|有没有|专门|针对|规定|讲|关于|涉及|的|是|法律|法规|行政法规|文件|政策|条例|"
        r"收录|收了|你们|都|吗|呢|？|\?|，|。",
        "",
        text,
    )


def _strip_attribute_words(text: str) -> str:
    """What is left of a "which documents" question without the words around its attributes
    (``route.without_attributes`` takes the attributes themselves)."""
    return re.sub(
        r"或者|还是|制定|发布|发的|印发|形式|版本|新版|类|哪几部|哪几份|一共|部|份|我们|要|了|或|和",
        "",
        text,
    )
