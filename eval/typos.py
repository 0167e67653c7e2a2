"""python -m eval.typos: how well answers survive a typo, measured on the library's development questions.

Takes the single-turn, answerable questions of the library's development sets (those not written with typos on
purpose) that the bot answers right — first citation gold — and types one character of one of their words
the library uses as another character read the same way (a homophone from jieba's dictionary, common enough to
be typed by a pinyin keyboard: 抵扣 → 底扣). Prints how many of the mistyped questions still get the same first
citation, how many are refused, how many are answered from another provision, and how many were shown
repaired (您是不是想问：…); and how many of the questions as written were shown repaired though they had no typo.
Deterministic for a seed. Writes eval/results/typos.json.
"""

from __future__ import annotations

import argparse
import collections
import json
import random
import sys
from collections.abc import Callable, Iterator

from bot.engine import PolicyBot
from eval.__main__ import DATA, RESULTS, load_questions

SETS = (
    "library-dev", "library-dev4", "library-dev5", "library-dev7", "library-dev8", "library-dev9", "library-dev10",
    "talk-library-dev", "talk-library-dev2",
)  # fmt: skip
MIN_FREQUENCY = 2000  # a character this common in jieba's dictionary is one a pinyin keyboard offers early
CANDIDATES = 5  # the commonest characters of the same reading a typist may pick instead


def homophones(frequency: Callable[[str], int], reading: Callable[[str], str]) -> dict[str, list[str]]:
    """Common single characters by their reading (toneless pinyin), commonest first."""
    by_reading: dict[str, list[tuple[int, str]]] = collections.defaultdict(list)
    for char in map(chr, range(0x4E00, 0xA000)):
        if (count := frequency(char)) >= MIN_FREQUENCY:
            by_reading[reading(char)].append((count, char))
    return {r: [c for _, c in sorted(chars, reverse=True)] for r, chars in by_reading.items()}


def mistyped(
    question: str, words: list[str], sounds: dict[str, list[str]], reading: Callable[[str], str], rng: random.Random
) -> str:
    """The question with one character of one of ``words`` typed as a homophone ("" when none has one)."""
    for word in rng.sample(words, len(words)):
        at = rng.randrange(len(word))
        others = [c for c in sounds.get(reading(word[at]), []) if c != word[at]][:CANDIDATES]
        if others:
            return question.replace(word, word[:at] + rng.choice(others) + word[at + 1 :], 1)
    return ""


def answerable(questions: list[dict]) -> Iterator[dict]:
    for q in questions:
        if (
            not q.get("history")
            and not q["out_of_scope"]
            and q.get("refs")
            and q.get("kind") not in ("typo", "cross_lingual")
        ):
            yield q


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m eval.typos", description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=300, help="how many mistyped questions (default 300)")
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args(argv)
    from pypinyin import lazy_pinyin  # (a dependency of the bot's typo repair)

    def reading(char: str) -> str:
        return lazy_pinyin(char)[0]

    bot = PolicyBot.load()
    searcher = bot.searcher
    sounds = homophones(searcher.tokenizer.frequency, reading)
    rng = random.Random(args.seed)
    questions = list(answerable(load_questions([DATA / f"{name}.jsonl" for name in SETS])))
    rng.shuffle(questions)
    counts: collections.Counter[str] = collections.Counter()
    examples: list[dict] = []
    for q in questions:
        if sum(counts[k] for k in ("same", "refused", "other")) >= args.n:
            break
        gold = {tuple(r) for r in q["refs"]}
        clean = bot.ask(q["question"])
        counts["clean"] += 1
        counts["clean repaired"] += bool(clean.corrected)  # a repair of what had no typo
        if not clean.citations or (clean.citations[0].doc_id, clean.citations[0].number) not in gold:
            continue  # only what is answered right without the typo measures the typo
        words = [
            w
            for w in searcher.tokenizer.content_words(q["question"])
            if len(w) >= 2 and all("\u4e00" <= c <= "\u9fff" for c in w) and searcher.document_frequency(w)
        ]
        typed = mistyped(q["question"], words, sounds, reading, rng)
        if not typed:
            continue
        answer = bot.ask(typed)
        first = (answer.citations[0].doc_id, answer.citations[0].number) if answer.citations else None
        outcome = "refused" if answer.out_of_scope else "same" if first in gold else "other"
        counts[outcome] += 1
        counts["repaired"] += bool(answer.corrected)
        examples.append({"id": q["id"], "typed": typed, "outcome": outcome, "repaired": answer.corrected})
    total = counts["same"] + counts["refused"] + counts["other"]
    if not total:
        print("no question to mistype", file=sys.stderr)
        return 1
    print(f"mistyped questions: {total} (seed {args.seed})")
    for key in ("same", "refused", "other", "repaired"):
        print(f"  {key:<9} {counts[key]:>4}  {counts[key] / total:.3f}")
    print(
        f"questions as written: {counts['clean']}, shown repaired though they had no typo: {counts['clean repaired']}"
    )
    RESULTS.mkdir(parents=True, exist_ok=True)
    out = {"seed": args.seed, "n": total, "counts": dict(counts), "questions": examples}
    (RESULTS / "typos.json").write_text(json.dumps(out, ensure_ascii=False, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
