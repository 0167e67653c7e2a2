"""python -m eval.record_llm: record what a real model replies to the bot's own prompts (issue 12).

Not run in CI: it needs an OpenAI-compatible endpoint, e.g. a local llama.cpp server
(eval/data/llm/README.md says how to start one):

    LLM_BASE_URL=http://127.0.0.1:8765/v1 LLM_MODEL=qwen2.5-coder-1.5b-instruct-q4_k_m \\
        python -m eval.record_llm

For each question the real bot answers (default library, index under var/index, the day the question
sets are labelled for) with a generator that passes the messages on and keeps the reply, so the prompt
and the context provisions are exactly those of ``PolicyBot._llm_answer``:
- in-scope questions: taken round-robin across the documents their gold provisions are in, skipping
  questions the bot answers without the model (a provision number, a document's facts…), until
  ``--in-scope`` of them reached the model;
- out-of-scope questions: the bot refuses most of them before any model is asked; for those the
  script builds the same messages (``bot.llm.build_messages``) with the search's best provisions, as
  the bot would had it not refused ("route": "forced"), to see whether the model says the documents
  do not cover the question.

Writes one JSON object per reply to eval/data/llm/replies-<model>.jsonl:
    id, set, question, asked (the question as put to the model), route ("bot" | "forced"),
    context (doc_id#number of [1], [2], …), reply (exact text), model, latency_s,
    verifier (what bot.verify made of the reply at recording time: kept/total sentences, fallback)
and prints the latency median and p90. With ``--resume`` the questions already in the file are kept and
new ones appended (``--resume --kinds cross_lingual --in-scope 4`` adds four English questions).
Temperature 0 (the bot's own setting); LLM_TIMEOUT_S defaults to 300 here, a CPU model being slow.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import itertools
import json
import logging
import os
import re
import statistics
import sys
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from eval.__main__ import DATA, LABELLED_ON, load_questions
from eval.bench import percentile

DEFAULT_SETS = (DATA / "dev.jsonl", DATA / "library-dev.jsonl")
FIXTURES = DATA / "llm"
# Kinds the bot answers by search (the only route that asks the model); others it answers from the
# document's metadata or by number, and a model never sees them.
SEARCH_KINDS = frozenset(
    "paraphrase agency_lookup measure_agency fact figure cross_doc cross_lingual traditional typo".split()
)
MAX_ERRORS = 3  # endpoint failures in a row before the run stops (the server is down or too slow)


def first_document(question: dict) -> str:
    """The document of a question's first gold provision; "" when it has none.

    >>> first_document({"refs": [["vat-law-2024", 10]]}), first_document({"measures": [4]}), first_document({})
    ('vat-law-2024', 'miit-2021-169', '')
    """
    if question.get("refs"):
        return question["refs"][0][0]
    return "miit-2021-169" if question.get("measures") else ""


def round_robin(questions: Iterable[dict], key) -> Iterator[dict]:  # noqa: ANN001 - a function of a question
    """Questions interleaved across groups (in order of first appearance), each group in file order.

    >>> [q["id"] for q in round_robin([{"id": 1, "d": "a"}, {"id": 2, "d": "a"}, {"id": 3, "d": "b"}], lambda q: q["d"])]
    [1, 3, 2]
    """
    groups: dict[str, list[dict]] = {}
    for q in questions:
        groups.setdefault(key(q), []).append(q)
    for row in itertools.zip_longest(*groups.values()):
        yield from (q for q in row if q is not None)


def model_slug(model: str) -> str:
    """A model name as a file name part: 'Qwen/Qwen2.5 1.5B' → 'qwen-qwen2.5-1.5b'.

    >>> model_slug("Qwen/Qwen2.5 1.5B")
    'qwen-qwen2.5-1.5b'
    """
    return re.sub(r"[^a-z0-9._]+", "-", model.lower()).strip("-") or "model"


@dataclass
class Call:
    messages: list
    reply: str | None
    seconds: float
    error: str = ""


class Recorder:
    """Stands in for the bot's generator: passes the messages on and keeps what went and came back."""

    def __init__(self, generator) -> None:  # noqa: ANN001 - bot.llm.LLMGenerator
        self.generator = generator
        self.calls: list[Call] = []

    def generate(self, messages: list) -> str:
        from bot.llm import LLMError

        started = time.perf_counter()
        try:
            reply = self.generator.generate(messages)
        except LLMError as exc:
            self.calls.append(Call(messages, None, time.perf_counter() - started, exc.reason))
            raise
        self.calls.append(Call(messages, reply, time.perf_counter() - started))
        return reply


def recording_bot(config):  # noqa: ANN001, ANN201 - BotConfig → PolicyBot
    """The real bot, whose model calls go through a Recorder and whose LLM context is kept."""
    from bot.engine import PolicyBot

    class RecordingBot(PolicyBot):
        def _llm_answer(self, topic, query, shelf, result, context, extractive):  # noqa: ANN001
            self.contexts.append((topic, list(context)))
            return super()._llm_answer(topic, query, shelf, result, context, extractive)

    bot = RecordingBot.load(config)
    bot.contexts = []  # (topic, provisions) of each _llm_answer call
    bot.generator = Recorder(bot.generator)
    return bot


def record_one(bot, question: dict, set_name: str, model: str, force: bool) -> dict | None:  # noqa: ANN001
    """Ask the bot; the record of its model call, or one made with the search's best provisions when
    the bot asked no model and ``force`` is set; None otherwise."""
    from bot.compose import Shelf
    from bot.engine import LLM_CONTEXT_PROVISIONS
    from bot.llm import LLMError, build_messages
    from bot.question import clean_question

    calls, contexts = len(bot.generator.calls), len(bot.contexts)
    answer = bot.ask(question["question"], question.get("history"))
    route = "bot"
    if len(bot.generator.calls) == calls:
        if not force:
            return None
        asked = clean_question(question["question"])
        result, _ = bot.retrieve(asked)
        provisions = [h.provision for h in result.hits[:LLM_CONTEXT_PROVISIONS]]
        bot.contexts.append((asked, provisions))
        with contextlib.suppress(LLMError):  # a failure is kept in the call's record
            bot.generator.generate(build_messages(Shelf(bot.library, bot.today()), asked, (), provisions))
        route, answer = "forced", None
    call = bot.generator.calls[-1]
    asked, provisions = bot.contexts[-1] if len(bot.contexts) > contexts else ("", [])
    record = {
        "id": question["id"],
        "set": set_name,
        "question": question["question"],
        "asked": asked,
        "route": route,
        "context": [p.key for p in provisions],
        "reply": call.reply,
        "model": model,
        "latency_s": round(call.seconds, 2),
    }
    if call.error:
        record["error"] = call.error
    if answer is not None:
        kept, total = answer.llm_sentences
        record["verifier"] = {
            "used": answer.generator == "llm",
            "kept": kept,
            "total": total,
            "fallback": answer.fallback,
        }
    return record


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m eval.record_llm", description=__doc__.split("\n")[0])
    parser.add_argument("sets", nargs="*", type=Path, default=list(DEFAULT_SETS), help="question files (JSONL)")
    parser.add_argument("--in-scope", type=int, default=40, help="in-scope questions that reach the model")
    parser.add_argument("--out-of-scope", type=int, default=8, help="out-of-scope questions")
    parser.add_argument("--out", type=Path, help="default: eval/data/llm/replies-<LLM_MODEL>.jsonl")
    parser.add_argument("--resume", action="store_true", help="keep the replies already in the file")
    parser.add_argument("--kinds", help="only questions of these kinds, comma-separated (e.g. cross_lingual)")
    args = parser.parse_args(argv)

    from bot.engine import BotConfig
    from bot.llm import LLMConfig

    env = dict(os.environ)
    env.setdefault("LLM_TIMEOUT_S", "300")
    llm = LLMConfig.from_env(env)
    if llm is None:
        raise SystemExit("set LLM_BASE_URL (and LLM_MODEL), e.g. LLM_BASE_URL=http://127.0.0.1:8765/v1")
    out = args.out or FIXTURES / f"replies-{model_slug(llm.model)}.jsonl"
    done = {json.loads(line)["id"] for line in out.open(encoding="utf-8")} if args.resume and out.exists() else set()

    questions = []
    for path in args.sets:
        questions += [(path.stem, q) for q in load_questions([path]) if not q.get("history")]
    if args.kinds:
        questions = [(s, q) for s, q in questions if q.get("kind") in args.kinds.split(",")]
    in_scope = [(s, q) for s, q in questions if not q.get("out_of_scope") and q.get("kind") in SEARCH_KINDS]
    in_scope = list(round_robin(in_scope, lambda sq: first_document(sq[1])))
    out_of_scope = list(round_robin([(s, q) for s, q in questions if q.get("out_of_scope")], lambda sq: sq[0]))

    logging.basicConfig(level=logging.ERROR)
    bot = recording_bot(BotConfig(llm=llm, today=LABELLED_ON))
    out.parent.mkdir(parents=True, exist_ok=True)
    latencies, failures = [], 0
    with out.open("a" if args.resume else "w", encoding="utf-8") as f:
        for wanted, force, pool in ((args.in_scope, False, in_scope), (args.out_of_scope, True, out_of_scope)):
            taken = sum(1 for _, q in pool if q["id"] in done)
            for set_name, question in pool:
                if taken >= wanted:
                    break
                if question["id"] in done:
                    continue
                record = record_one(bot, question, set_name, llm.model, force)
                if record is None:
                    continue
                taken += 1
                f.write(json.dumps(record, ensure_ascii=False) + "\n")
                f.flush()
                failures = failures + 1 if "error" in record else 0
                if "error" not in record:
                    latencies.append(record["latency_s"])
                print(f"{record['id']:>6} {record['route']:<6} {record['latency_s']:6.1f} s  "
                      f"{(record['reply'] or record.get('error', '')).replace(chr(10), ' ')[:70]}", flush=True)  # fmt: skip
                if failures >= MAX_ERRORS:
                    raise SystemExit(f"{MAX_ERRORS} failed calls in a row ({record['error']}): is {llm.base_url} up?")
    if latencies:
        print(
            f"{len(latencies)} replies from {llm.model} on {dt.date.today()}: latency median "
            f"{statistics.median(latencies):.1f} s, p90 {percentile(latencies, 0.9):.1f} s, max {max(latencies):.1f} s"
        )
    print(f"written to {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
