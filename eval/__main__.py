"""python -m eval: score the bot and three baselines on the labelled questions, in one run.

    python -m eval                       # the library's dev sets, one table, per-kind breakdown
    python -m eval --sets eval/data/library-heldout.jsonl
    python -m eval --docs miit-2021-169 --sets eval/data/heldout.jsonl   # the original notice alone
    python -m eval --calibrate [--write] # fit the out-of-scope model (see bot/scope.py)
    python -m eval --fit-adapter [--write]  # fit the query adapter of the dense route (see bot/adapter.py)
    python -m eval --fit-fusion [--write] # fit the learned fusion of the search routes (see bot/fusion.py)
    python -m eval --generator llm       # with LLM_BASE_URL set: model answers, verified, + fallback counts
    python -m eval --llm-labels [FILE…]  # the verifier on labelled model replies (eval/data/llm/)
    python -m eval --match [FILE…]       # 政策找企业 on profiles with gold results (eval/data/match-*.jsonl)

"Today" is 2026-11-30 for every run (the day the labels were written for); TODAY overrides it.

Results are written to eval/results/latest.json (and --out FILE).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import logging
import sys
import time
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

from bot import scope
from bot.compose import Shelf
from bot.engine import BotConfig, PolicyBot
from bot.fusion import FusionModel
from bot.question import QuestionError
from eval import adapter_fit, baselines, calibrate, fusion_fit, llm_labels, match_eval
from eval.metrics import METRICS, SEED_DOC, score
from index.embedders import make_embedder
from index.tokenize import PolicyTokenizer, library_vocabulary
from ingest import PROJECT_ROOT
from ingest.library import load_library
from ingest.schema import Answer

DATA = PROJECT_ROOT / "eval" / "data"
DEFAULT_SETS = (DATA / "library-dev.jsonl", DATA / "library-own.jsonl", DATA / "library-own2.jsonl")
CALIBRATION_SETS = (*DEFAULT_SETS, DATA / "library-calib.jsonl")
# Sets written for the original notice alone: what they call out of scope the library may answer, but
# what they call in scope still is. The scope model is fitted on their in-scope questions against the
# whole library, and on all their questions against a library of the notice alone.
NOTICE_SETS = (DATA / "dev.jsonl", DATA / "own.jsonl", DATA / "calib.jsonl", DATA / "calib2.jsonl")
# The fusion is fitted on every development set with gold provisions (the notice's searched in the library).
FUSION_SETS = (
    *DEFAULT_SETS,
    DATA / "talk-library-dev.jsonl",
    DATA / "talk-library-dev2.jsonl",
    DATA / "dev.jsonl",
    DATA / "own.jsonl",
)
RESULTS = PROJECT_ROOT / "eval" / "results"
LABELLED_ON = dt.date(2026, 11, 30)  # the day the question sets' validity labels hold for


def load_questions(paths: list[Path]) -> list[dict]:
    questions = []
    for path in paths:
        with path.open(encoding="utf-8") as f:
            for number, line in enumerate(f, start=1):
                if line.strip():
                    try:
                        questions.append(json.loads(line))
                    except json.JSONDecodeError as exc:
                        raise SystemExit(f"{path}:{number}: not valid JSON: {exc}") from None
    return questions


def only(config: BotConfig, doc_ids: Sequence[str]) -> BotConfig:
    """The configuration for a library of some of the documents only (its own index folder beside)."""
    suffix = "-".join(doc_ids)[:60]
    return replace(
        config, documents=tuple(doc_ids), index_dir=config.index_dir.with_name(f"{config.index_dir.name}-{suffix}")
    )


def notice_alone(config: BotConfig) -> BotConfig:
    """The library of the original notice alone: what the notice's own question sets were written for."""
    return only(config, [SEED_DOC])


def raw_text(library: Path, file_name: str) -> str:
    """A document file's text as a plain loader would read it (formats other than text via extraction)."""
    from ingest.library import DOCUMENTS, extract

    return extract(library / DOCUMENTS / file_name)


def bot_system(bot: PolicyBot, seen: list[Answer] | None = None) -> baselines.AnswerFn:
    """The bot as an eval system; ``seen`` collects the Answer objects (for generator statistics)."""

    def answer(q: dict) -> dict:
        try:
            result = bot.ask(q["question"], q.get("history"))
        except QuestionError as exc:
            return {"id": q["id"], "answer": str(exc), "citations": [], "out_of_scope": False}
        if seen is not None:
            seen.append(result)
        return result.to_json(q["id"])

    return answer


def generator_report(answers: list[Answer]) -> dict:
    """How the model's answers fared: sentences the verifier kept, fallbacks by reason."""
    attempted = [a for a in answers if a.generator == "llm" or a.fallback]
    kept = sum(a.llm_sentences[0] for a in attempted)
    total = sum(a.llm_sentences[1] for a in attempted)
    fallbacks: dict[str, int] = {}
    for a in attempted:
        if a.fallback:
            fallbacks[a.fallback] = fallbacks.get(a.fallback, 0) + 1
    return {
        "model_called": len(attempted),
        "served_llm": sum(a.generator == "llm" for a in attempted),
        "sentences_kept": round(kept / total, 3) if total else None,
        "fallback_rate": round(sum(fallbacks.values()) / len(attempted), 3) if attempted else None,
        "fallbacks": fallbacks,
    }


def labelled_replies(files: Sequence[Path]) -> int:
    """Print how the verifier fares on labelled replies; 1 when an unsupported sentence would be served."""
    if not files:
        print("no labelled replies: see eval/data/llm/README.md", file=sys.stderr)
        return 2
    library = load_library(BotConfig.from_env().library)
    words = PolicyTokenizer(library_vocabulary(library)).content_words
    result = llm_labels.score(llm_labels.load(files), Shelf(library, LABELLED_ON), words)
    print(llm_labels.report(result, files))
    return 1 if result["unsupported_served"] else 0


def format_table(results: dict[str, dict]) -> str:
    names = list(results)
    width = max(len(n) for n in names) + 2
    kinds = sorted({k for r in results.values() for k in r["per_kind"]})
    counts = results[names[0]]["kind_counts"]
    labels = {kind: f"  {kind} ({counts.get(kind, 0)})" for kind in kinds}
    first = max([16, *(len(v) + 1 for v in labels.values())])
    header = "metric".ljust(first) + "".join(n.rjust(width) for n in names)
    lines = [header, "-" * len(header)]

    def cell(v: object) -> str:
        return "—" if v is None else f"{v:.3f}"

    for metric in METRICS:
        lines.append(metric.ljust(first) + "".join(cell(results[n][metric]).rjust(width) for n in names))
    lines.append("")
    lines.append("all-correct by kind (n)")
    for kind in kinds:
        label = labels[kind].ljust(first)
        lines.append(label + "".join(cell(results[n]["per_kind"].get(kind)).rjust(width) for n in names))
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m eval", description=__doc__.splitlines()[0])
    parser.add_argument("--sets", nargs="+", type=Path, help="question JSONL files (default: the library dev sets)")
    parser.add_argument("--docs", nargs="+", default=[], help="answer from these doc_ids of the library only")
    parser.add_argument("--out", type=Path, help="also write the results JSON here")
    parser.add_argument(
        "--calibrate", action="store_true", help="fit the out-of-scope model, print its cross-validation"
    )
    parser.add_argument(
        "--fit-fusion",
        action="store_true",
        help="fit the learned fusion of the search routes, print its cross-validation",
    )
    parser.add_argument(
        "--fit-adapter",
        action="store_true",
        help="fit the query adapter of the dense route, print its cross-validation",
    )
    parser.add_argument(
        "--write",
        action="store_true",
        help="with --calibrate / --fit-fusion / --fit-adapter: save bot/scope_model.json / bot/fusion_model.json "
        "/ bot/query_adapter.npy",
    )
    parser.add_argument("--no-baselines", action="store_true", help="score the bot only")
    parser.add_argument(
        "--match", nargs="*", type=Path, metavar="FILE",
        help="score 政策找企业 on profiles with gold results (default: eval/data/match-*.jsonl)",
    )  # fmt: skip
    parser.add_argument(
        "--llm-labels", nargs="*", type=Path, metavar="FILE",
        help="score the verifier on labelled model replies (default: every file in eval/data/llm/)",
    )  # fmt: skip
    parser.add_argument(
        "--generator", choices=("extractive", "llm"), default="extractive",
        help="llm: answers from the endpoint in LLM_BASE_URL (verified, with extractive fallback)",
    )  # fmt: skip
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.ERROR)

    if args.match is not None:
        files = args.match or match_eval.default_files()
        bot = PolicyBot.load(replace(BotConfig.from_env(), today=LABELLED_ON))
        for path in files:
            result = match_eval.score(match_eval.load([path]), bot.match)
            print(match_eval.report(result, path.name, details=not match_eval.is_held_out(path)))
        if len(files) > 1:
            result = match_eval.score(match_eval.load(files), bot.match)
            print(match_eval.report(result, "all", details=False))
        return 0
    if args.llm_labels is not None:
        return labelled_replies(args.llm_labels or llm_labels.default_files())
    fitting_on_fusion_sets = args.fit_fusion or args.fit_adapter
    sets = args.sets or list(
        CALIBRATION_SETS if args.calibrate else FUSION_SETS if fitting_on_fusion_sets else DEFAULT_SETS
    )
    questions = load_questions(sets)
    config = BotConfig.from_env()
    config = replace(config, today=config.today or LABELLED_ON)
    if args.docs:
        config = only(config, args.docs)
    if args.generator == "llm" and config.llm is None:
        print(
            "error: --generator llm needs an endpoint: set LLM_BASE_URL (and LLM_MODEL, LLM_API_KEY)", file=sys.stderr
        )
        return 2
    # Fitting needs only the features: it works while the shipped model is out of date.
    embedder = make_embedder(config.embedder)
    unfitted = scope.ScopeModel.answering_all(embedder.model_id) if args.calibrate else None
    bot = PolicyBot.load(
        replace(config, llm=config.llm if args.generator == "llm" else None),
        embedder=embedder,
        scope_model=unfitted,
        fusion=FusionModel.plain(embedder.model_id) if args.fit_fusion else None,
    )
    if args.fit_adapter:
        print(adapter_fit.report(bot, questions, sets=" ".join(p.name for p in sets), write=args.write))
        return 0
    # The fusion and the scope model learn how far to trust the adapted dense route: on the questions the
    # adapter was fitted on, each is embedded with the adapter of the fold that did not see it.
    prepare = None
    if (args.fit_fusion or args.calibrate) and bot.searcher.adapter is not None:
        # the question files the shipped adapter was fitted on (the fusion sets when they are not found)
        fitted_on = [DATA / name for name in bot.searcher.adapter.fitted_on.split()]
        adapter_sets = fitted_on if fitted_on and all(p.is_file() for p in fitted_on) else list(FUSION_SETS)
        prepare = adapter_fit.OutOfFold.build(bot, load_questions(adapter_sets), bot.searcher.adapter).use
    if args.fit_fusion:
        print(fusion_fit.report(bot, questions, sets=" ".join(p.name for p in sets), write=args.write, prepare=prepare))
        return 0
    if args.calibrate:
        runs = [(bot, questions)]
        if not args.sets and not args.docs:
            notice = load_questions(list(NOTICE_SETS))
            runs[0] = (bot, questions + [q for q in notice if not q["out_of_scope"]])
            runs.append((PolicyBot.load(notice_alone(config), embedder=embedder, scope_model=unfitted), notice))
            sets = [*sets, *(Path(f"{p.name} (in scope: whole library; all: the notice alone)") for p in NOTICE_SETS)]
        print(calibrate.report(runs, sets=" ".join(p.name for p in sets), write=args.write, prepare=prepare))
        return 0

    seen: list[Answer] = []
    systems: dict[str, baselines.AnswerFn] = {"bot": bot_system(bot, seen)}
    if not args.no_baselines:
        raw = {d.meta.doc_id: raw_text(config.library, d.meta.source_file) for d in bot.library.documents}
        systems |= {
            "bm25_jieba": baselines.bm25_jieba(bot),
            "dense": baselines.dense_only(bot),
            "langchain_recipe": baselines.langchain_recipe(bot, raw),
        }
    kind_counts: dict[str, int] = {}
    for q in questions:
        kind_counts[q["kind"]] = kind_counts.get(q["kind"], 0) + 1
    results: dict[str, dict] = {}
    answers: dict[str, list[dict]] = {}
    for name, system in systems.items():
        started = time.perf_counter()
        answers[name] = [system(q) for q in questions]
        results[name] = score(questions, answers[name]) | {
            "kind_counts": kind_counts,
            "seconds": round(time.perf_counter() - started, 2),
        }

    print(
        f"{len(questions)} questions from {', '.join(p.name for p in sets)}; library: {len(bot.library.documents)} documents\n"
    )
    print(format_table(results))
    failed = results["bot"]["failed"]
    print(f"\nbot failed {len(failed)}: {' '.join(failed)}")
    if args.generator == "llm":
        report = generator_report(seen)
        results["bot"]["generator"] = report
        print(
            f"\nLLM: called for {report['model_called']} questions, served {report['served_llm']}; "
            f"reply sentences kept by the verifier: {report['sentences_kept']}; "
            f"fallback rate {report['fallback_rate']}, by reason: {report['fallbacks'] or 'none'}\n"
            "(kept is not supported: whether kept sentences are true is measured on labelled replies below)\n"
        )
        labelled_replies(llm_labels.default_files())
    payload = {
        "sets": [str(p) for p in sets],
        "documents": list(bot.library.doc_ids),
        "embedder": bot.searcher.embedder.model_id,
        "index_manifest": {k: bot.searcher.index.manifest.get(k) for k in ("library_sha256", "embedder", "versions")},
        "results": results,
        "bot_answers": answers["bot"],
    }
    RESULTS.mkdir(parents=True, exist_ok=True)
    for path in [RESULTS / "latest.json", *([args.out] if args.out else [])]:
        path.write_text(json.dumps(payload, ensure_ascii=False, indent=1), encoding="utf-8")
    print(f"results written to {RESULTS / 'latest.json'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
