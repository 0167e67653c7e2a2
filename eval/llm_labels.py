"""How the verifier fares on model replies labelled by reading the provisions (eval/data/llm/).

Each record: {"id", "question", "context": ["doc_id#number", …] (the numbered context [1]…), "reply",
"model", "labels": [{"sentence", "label": "supported" | "unsupported", "reason"}, …]}. The verifier's own
sentences are matched to the labelled ones by their text without markers and punctuation.

    python -m eval --llm-labels [FILE …]     # default: every file in eval/data/llm/

Reported: unsupported sentences served (must be 0: a reply is served only when no sentence is
removed), supported sentences kept (recall), replies served, and why the others fell back.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from bot.compose import Shelf, header_facts
from bot.verify import _LIST_ITEM, NOT_COVERED, Verified, verify

LABELS_DIR = Path(__file__).with_name("data") / "llm"
_NOT_TEXT = re.compile(r"[\[【［]\d{1,3}[\]】］]|[\s。！？!?.，,；;：:、“”\"'（）()\-*•·]")


@dataclass(frozen=True)
class Labelled:
    id: str
    question: str
    context: tuple[str, ...]
    reply: str
    model: str
    labels: tuple[tuple[str, str, str], ...]  # (sentence, label, reason)


def load(paths: Iterable[Path]) -> list[Labelled]:
    """Replies with their labels: inside each record ("labels"), or — for ``replies-X.jsonl`` as recorded by
    eval/record_llm.py — one label per line in ``labels-X.jsonl`` beside it, joined by reply id."""
    out = []
    for path in paths:
        beside = path.with_name(path.name.replace("replies-", "labels-", 1))
        separate: dict[str, list[dict]] = {}
        if path.name.startswith("replies-") and beside.exists():
            for line in beside.read_text(encoding="utf-8").splitlines():
                if line.strip():
                    label = json.loads(line)
                    separate.setdefault(label["id"], []).append(label)
        for line in path.read_text(encoding="utf-8").splitlines():
            if not line.strip():
                continue
            r = json.loads(line)
            raw = r.get("labels") or sorted(separate.get(r["id"], []), key=lambda x: x.get("n", 0))
            if not raw:
                raise ValueError(f"{path.name}: reply {r['id']} has no labels (label it: see {LABELS_DIR}/README.md)")
            labels = tuple((x["sentence"], x["label"], x.get("reason", "")) for x in raw)
            out.append(Labelled(r["id"], r["question"], tuple(r["context"]), r["reply"], r.get("model", ""), labels))
    return out


def _key(sentence: str) -> str:
    """A sentence's text without punctuation or list numbers, with the markers it carries (wherever they stand)."""
    markers = ",".join(sorted(set(re.findall(r"[\[【［](\d{1,3})[\]】］]", sentence)), key=int))
    return f"{markers}|{_NOT_TEXT.sub('', _LIST_ITEM.sub('', sentence))}"


def check(item: Labelled, shelf: Shelf, words: Callable[[str], list[str]]) -> Verified:
    """The verifier on one reply, with the context and header facts the bot would give it."""
    context = []
    for ref in item.context:
        doc_id, _, number = ref.partition("#")
        provision = shelf.library.provision(doc_id, int(number))
        if provision is None:
            raise ValueError(f"{item.id}: no provision {ref} in the library")
        context.append(provision)
    return verify(
        item.reply, context, shelf.library.agencies, words=words, facts_of=lambda p: header_facts(shelf, [p]),
        question=item.question,
    )  # fmt: skip


def score(items: Sequence[Labelled], shelf: Shelf, words: Callable[[str], list[str]]) -> dict:
    served = supported = supported_kept = unsupported = unsupported_served = unsupported_removed = refusals = 0
    unmatched: list[str] = []
    fallbacks: Counter[str] = Counter()
    leaks: list[str] = []  # unsupported sentences the verifier kept (served or not)
    misses: list[str] = []  # supported sentences it removed
    for item in items:
        verified = check(item, shelf, words)
        decided = {_key(sentence): reason for sentence, reason in verified.decisions}
        if verified.rejected:
            fallbacks[(verified.removed[0][1] if verified.removed else "nothing left").split(":")[0]] += 1
        else:
            served += 1
        for sentence, label, _ in item.labels:
            reason = decided.get(_key(sentence))
            if reason is None:
                unmatched.append(f"{item.id}: {sentence}")
                continue
            kept = reason == ""
            if reason.startswith(NOT_COVERED):
                refusals += 1  # never served with a citation, whatever its label: the bot's scope decides
                continue
            if label == "supported":
                supported += 1
                supported_kept += kept
                if not kept and reason != "connective":
                    misses.append(f"{item.id}: {sentence} — {reason}")
            else:
                unsupported += 1
                unsupported_removed += not kept
                unsupported_served += kept and not verified.rejected
                if kept:
                    leaks.append(f"{item.id}: {sentence}")
    return {
        "replies": len(items),
        "replies_served": served,
        "fallbacks": dict(fallbacks.most_common()),
        "unsupported_sentences": unsupported,
        "unsupported_served": unsupported_served,
        "unsupported_removed": unsupported_removed,
        "supported_sentences": supported,
        "supported_kept": supported_kept,
        "recall": round(supported_kept / supported, 3) if supported else None,
        "not_covered_sentences": refusals,
        "leaks": leaks,
        "misses": misses,
        "unmatched": unmatched,
    }


def default_files() -> list[Path]:
    """The labelled replies (a labels-X.jsonl file belongs to replies-X.jsonl)."""
    return sorted(p for p in LABELS_DIR.glob("*.jsonl") if not p.name.startswith("labels-"))


def report(result: dict, files: Sequence[Path]) -> str:
    """The score as printed by ``python -m eval --llm-labels``."""
    lines = [
        f"Verifier on labelled model replies ({', '.join(p.name for p in files)}): {result['replies']} replies",
        f"  unsupported sentences served: {result['unsupported_served']} of {result['unsupported_sentences']} "
        f"(removed {result['unsupported_removed']})",
        f"  supported sentences kept: {result['supported_kept']} of {result['supported_sentences']} "
        f"(recall {result['recall']})",
        f"  'not covered' sentences removed whatever their label (the bot's scope decides): "
        f"{result['not_covered_sentences']}",
        f"  replies served: {result['replies_served']} of {result['replies']}; "
        f"fallbacks by first reason: {result['fallbacks'] or 'none'}",
    ]
    lines += [f"  LEAK {x}" for x in result["leaks"]] + [f"  missed {x}" for x in result["misses"]]
    lines += [f"  unmatched label {x}" for x in result["unmatched"]]
    return "\n".join(lines)
