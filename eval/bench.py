"""python -m eval.bench: speed and memory of the bot on this machine, with the configured embedder.

Prints: index build time from nothing (no index, no cached vectors), the rebuild after adding one
document (its texts are the only ones embedded), cold start (a new process, index already built,
to its first answer), warm per-question latency p50/p95/max through ``PolicyBot.ask`` over every
labelled question (at least 200), and peak RSS of the serving process. Writes eval/results/bench.json.
"""

from __future__ import annotations

import contextlib
import json
import os
import platform
import re
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bot.engine import BotConfig, PolicyBot
from bot.question import QuestionError
from eval.__main__ import CALIBRATION_SETS, DATA, RESULTS, load_questions
from index.embedders import make_embedder
from index.store import build_index
from index.tokenize import TERMS_FILE, PolicyTokenizer, library_vocabulary
from ingest import PROJECT_ROOT, Library, load_library

MIN_QUESTIONS = 200
COLD_RUNS = 3
# What a client that rewrote the answers sends back: no 《document》, no 第…条/项 to find the provision by.
_REFERENCES = re.compile(r"《[^》]*》(（[^）]*）)?|第[一二三四五六七八九十百零〇（）0-9]+[条项款]|引用：.*", re.DOTALL)

# The child reports its peak RSS from /proc (VmHWM): ru_maxrss would carry over the size of the
# benchmark process it was forked from.
_COLD_START = """
import sys, time
started = float(sys.argv[1])
from bot.engine import PolicyBot
bot = PolicyBot.load()
bot.ask("小微企业贷款有什么支持？")
peak = next(int(line.split()[1]) for line in open("/proc/self/status") if line.startswith("VmHWM"))
print(time.time() - started, peak)
"""


def percentile(values: list[float], q: float) -> float:
    """Nearest-rank percentile.

    >>> percentile([1.0, 2.0, 3.0, 4.0], 0.5)
    2.0
    """
    ordered = sorted(values)
    rank = max(1, round(q * len(ordered) + 0.4999))
    return ordered[min(rank, len(ordered)) - 1]


def time_builds(config: BotConfig) -> dict:
    """Seconds to build from nothing, and to rebuild after adding the library's last document."""
    library = load_library(config.library, only=config.documents)
    without_last = Library(library.documents[:-1], agencies=library.agencies)
    embedder = make_embedder(config.embedder)

    def build(lib: Library, folder: Path) -> dict:
        tokenizer = PolicyTokenizer(
            library_vocabulary(lib, config.library / TERMS_FILE), cache_dir=folder.with_name(f"{folder.name}-cache")
        )
        started = time.perf_counter()
        manifest = build_index(lib, embedder, tokenizer, folder).manifest
        return {"seconds": round(time.perf_counter() - started, 2), "embedded": manifest["embedded"]}

    with tempfile.TemporaryDirectory() as tmp:
        full = build(library, Path(tmp) / "full")
        build(without_last, Path(tmp) / "grown")
        added = build(library, Path(tmp) / "grown")  # same vector cache: only the new document is embedded
    return {
        "documents": len(library.documents),
        "provisions": len(library.provisions),
        "from_nothing": full,
        "add_one_document": added | {"doc_id": library.documents[-1].meta.doc_id},
    }


def time_cold_starts(runs: int) -> list[tuple[float, int]]:
    out = []
    env = os.environ | {"PYTHONPATH": str(PROJECT_ROOT)}
    for _ in range(runs):
        result = subprocess.run(
            [sys.executable, "-c", _COLD_START, repr(time.time())],
            cwd=PROJECT_ROOT, env=env, capture_output=True, text=True, check=True, timeout=300,
        )  # fmt: skip
        seconds, rss_kb = result.stdout.split()
        out.append((float(seconds), int(rss_kb)))
    return out


def plain_text_follow_ups(bot: PolicyBot, questions: list[dict]) -> list[tuple[str, list[dict]]]:
    """The labelled follow-ups with each earlier answer replaced by the bot's own answer stripped of its
    references: the conversation has to be found from the answer's words (the slow way)."""
    out = []
    for q in questions:
        history = q.get("history") or []
        if not any(turn.get("role") == "user" for turn in history):
            continue
        rewritten: list[dict] = []
        for turn in history:
            if turn.get("role") == "assistant":
                asked = [i for i, t in enumerate(rewritten) if t["role"] == "user"]
                text = (
                    bot.ask(rewritten[asked[-1]]["content"], rewritten[: asked[-1]]).text if asked else turn["content"]
                )
                turn = {"role": "assistant", "content": _REFERENCES.sub("", text)}
            rewritten.append(turn)
        out.append((q["question"], rewritten))
    return out


def latency_ms(latencies: list[float]) -> dict:
    if not latencies:
        return {"n": 0, "p50": 0.0, "p95": 0.0, "max": 0.0, "mean": 0.0}
    return {
        "n": len(latencies),
        "p50": round(percentile(latencies, 0.50), 1),
        "p95": round(percentile(latencies, 0.95), 1),
        "max": round(max(latencies), 1),
        "mean": round(statistics.fmean(latencies), 1),
    }


def timed(bot: PolicyBot, asked: list[tuple[str, list[dict] | None]]) -> list[float]:
    latencies = []
    for question, history in asked:
        started = time.perf_counter()
        with contextlib.suppress(QuestionError):  # an empty question is answered with a prompt
            bot.ask(question, history)
        latencies.append((time.perf_counter() - started) * 1000)
    return latencies


def main() -> int:
    config = BotConfig.from_env()
    questions = load_questions(list(CALIBRATION_SETS))
    while len(questions) < MIN_QUESTIONS:
        questions += questions
    machine = platform.processor() or platform.machine()
    print(f"machine: {machine}, {os.cpu_count()} cores, Python {platform.python_version()}")
    print(f"embedder: {config.embedder}; {len(questions)} questions from {DATA}")

    builds = time_builds(config)
    bot = PolicyBot.load(config)  # builds the configured index if it is missing or stale
    cold = time_cold_starts(COLD_RUNS)

    bot.warm_up()  # as the app does beside serving
    bot.ask("预热")  # first call pays for what is left; warm latency is what follows
    latencies = timed(bot, [(q["question"], q.get("history")) for q in questions])
    follow_ups = timed(bot, plain_text_follow_ups(bot, questions))
    peak_rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024

    results = {
        "index_build": builds,
        "cold_start_s": [round(s, 2) for s, _ in cold],
        "cold_start_peak_rss_mb": [round(kb / 1024) for _, kb in cold],
        "warm_ms": latency_ms(latencies),
        "plain_text_follow_up_ms": latency_ms(follow_ups),
        "bench_process_peak_rss_mb": round(peak_rss_mb),
    }
    full, added = builds["from_nothing"], builds["add_one_document"]
    print(
        f"index build        {full['seconds']:.1f} s from nothing ({builds['documents']} documents, "
        f"{builds['provisions']} provisions, {full['embedded']} texts embedded)"
    )
    print(f"add one document   {added['seconds']:.1f} s ({added['doc_id']}: {added['embedded']} texts embedded)")
    print(
        f"cold start         {' / '.join(f'{s:.2f}' for s in results['cold_start_s'])} s  (new process → first answer)"
    )
    w = results["warm_ms"]
    print(f"warm latency       p50 {w['p50']} ms · p95 {w['p95']} ms · max {w['max']} ms  (n={w['n']})")
    f = results["plain_text_follow_up_ms"]
    print(f"  follow-ups on    p50 {f['p50']} ms · p95 {f['p95']} ms · max {f['max']} ms  (n={f['n']}: the earlier "
          "answers in plain text, without references)")  # fmt: skip
    print(f"peak RSS           {max(results['cold_start_peak_rss_mb'])} MB serving process (cold start), "
          f"{results['bench_process_peak_rss_mb']} MB this benchmark process (build + {w['n']} questions)")  # fmt: skip
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "bench.json").write_text(json.dumps(results, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
