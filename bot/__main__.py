"""Command line: ask one question, chat in the terminal, or answer a JSONL batch.

    python -m bot ask "小微企业贷款有什么支持？" [--json]
    python -m bot chat
    python -m bot batch QUESTIONS.jsonl [--out ANSWERS.jsonl]
    python -m bot draft-rules DOC_ID              # draft 政策找企业 rules from a document, for review
    python -m bot match [PROFILE.json] [--employees 30 --needs 税费 …] [--json]   # 政策找企业

Batch input and output follow ../shared/eval/README.md. A malformed input line is reported on
stderr with its line number; every other line is still answered, and the exit code is 1.
"""

from __future__ import annotations

import argparse
import json
import logging
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any, TextIO

from bot import match as matching
from bot import rules_draft
from bot.compose import Shelf
from bot.engine import LOAD_ERRORS, BotConfig, PolicyBot
from bot.question import QuestionError
from ingest import LibraryError, load_library
from ingest.schema import Answer

log = logging.getLogger("bot")


def setup_logging() -> None:
    logging.basicConfig(level=logging.INFO, format="%(levelname)s %(name)s: %(message)s", stream=sys.stderr)
    for noisy in ("faiss", "faiss.loader", "bm25s", "jieba"):
        logging.getLogger(noisy).setLevel(logging.WARNING)


def render(answer: Answer) -> str:
    """The answer for a terminal: text, then the citations."""
    lines = [answer.text]
    if answer.citations:
        lines.append("")
        lines.append("引用：")
        for c in answer.citations:
            where = f"{c.doc_title}{c.label if c.number else ''}{'“' + c.title + '”' if c.title and c.number else ''}"
            who = f" · {'、'.join(c.agencies)}" if c.agencies else ""
            lines.append(f"  {where} [{c.status}]{who}")
    return "\n".join(lines)


def answer_or_message(bot: PolicyBot, question: object, history: object = None) -> Answer:
    """The bot's answer; a user message for bad input; never an exception that stops a chat or batch."""
    try:
        return bot.ask(question, history)
    except QuestionError as exc:
        return Answer(str(exc), kind="invalid_question")
    except Exception:  # a bug must cost one answer, not the session
        log.exception("failed to answer %r", question)
        return Answer("抱歉，处理这个问题时出错了，已记录。请换个说法再问，或稍后再试。", kind="error")


def read_batch(stream: TextIO) -> Iterator[tuple[int, dict | None, str]]:
    """(line number, question object or None, error) for every non-blank line."""
    for number, line in enumerate(stream, start=1):
        if not line.strip():
            continue
        try:
            item = json.loads(line)
        except json.JSONDecodeError as exc:
            yield number, None, f"not valid JSON ({exc.msg} at column {exc.colno})"
            continue
        if not isinstance(item, dict):
            yield number, None, 'expected a JSON object like {"id": "q1", "question": "…"}'
        elif not isinstance(item.get("id"), (str, int)):
            yield number, None, 'missing "id"'
        elif not isinstance(item.get("question"), str):
            yield number, None, 'missing "question" (a string)'
        else:
            yield number, item, ""


def run_batch(bot: PolicyBot, source: Path, out: TextIO) -> int:
    errors = 0
    with source.open(encoding="utf-8", errors="replace") as stream:
        for number, item, error in read_batch(stream):
            if item is None:
                errors += 1
                print(f"{source}:{number}: skipped: {error}", file=sys.stderr)
                continue
            answer = answer_or_message(bot, item["question"], item.get("history"))
            out.write(json.dumps(answer.to_json(str(item["id"])), ensure_ascii=False) + "\n")
            out.flush()
    if errors:
        print(f"{errors} line(s) of {source} were skipped; the others were answered.", file=sys.stderr)
    return 1 if errors else 0


def run_chat(bot: PolicyBot, stdin: TextIO = sys.stdin) -> int:
    print(
        f"惠企政策问答助手 · 政策库 {len(bot.library.documents)} 份文件。输入问题后回车；/new 开始新对话，/quit 退出。"
    )
    history: list[dict] = []
    while True:
        print("\n您：", end="", flush=True)
        line = stdin.readline()
        if not line or line.strip() in ("/quit", "/exit"):
            print()
            return 0
        if line.strip() == "/new":
            history.clear()
            print("（已开始新对话）")
            continue
        answer = answer_or_message(bot, line, history)
        print("\n助手：" + render(answer))
        if answer.kind != "invalid_question":
            history += [{"role": "user", "content": line.strip()}, {"role": "assistant", "content": answer.text}]


def run_match(bot: PolicyBot, source: str | None, flags: dict[str, Any], as_json: bool) -> int:
    """Match a profile read from a JSON file (or stdin) and/or given by flags (flags win); a message per wrong
    field, exit 2, when it is not usable."""
    try:
        raw = (
            "{}" if source is None else sys.stdin.read() if source == "-" else Path(source).read_text(encoding="utf-8")
        )
        told = json.loads(raw)
        if isinstance(told, dict):
            told |= {name: value for name, value in flags.items() if value is not None}
        profile = matching.profile_from_json(told, matching.provinces())
    except OSError as exc:
        print(f"error: cannot read {source}: {exc.strerror}", file=sys.stderr)
        return 2
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        print(f"error: {source} is not UTF-8 JSON: {exc}", file=sys.stderr)
        return 2
    except matching.ProfileError as exc:
        for name, message in exc.problems.items():
            print(f"error: {name}: {message}", file=sys.stderr)
        return 2
    result = bot.match(profile)
    shelf = Shelf(bot.library, result.day)
    print(
        json.dumps(matching.to_json(result, shelf), ensure_ascii=False, indent=1)
        if as_json
        else matching.to_text(result, shelf)
    )
    return 0


def run_draft(config: BotConfig, doc_id: str) -> int:
    """Print draft rules for one document (nothing is written; the library only is read, not the index)."""
    try:
        library = load_library(config.library)
        rules = matching.load_rules(config.library)
    except (LibraryError, matching.RulesError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    document = library.get(doc_id)
    if document is None:
        print(f"error: no document {doc_id!r}; the library has: {', '.join(library.doc_ids)}", file=sys.stderr)
        return 2
    print(rules_draft.to_toml(rules_draft.draft(document, rules)), end="")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bot", description="惠企政策问答助手 (command line)")
    sub = parser.add_subparsers(dest="command", required=True)
    ask = sub.add_parser("ask", help="answer one question")
    ask.add_argument("question")
    ask.add_argument("--json", action="store_true", help="print the answer object as JSON")
    sub.add_parser("chat", help="chat in the terminal (keeps the conversation)")
    batch = sub.add_parser("batch", help="answer a JSONL file of questions")
    batch.add_argument("questions", type=Path)
    batch.add_argument("--out", type=Path, help="write answers here instead of stdout")
    matcher = sub.add_parser(
        "match", help="政策找企业: the provisions a company profile (JSON file, - for stdin) meets"
    )
    matcher.add_argument(
        "profile", nargs="?", help="a JSON file with the profile's fields (README: 政策找企业), or -; flags add to it"
    )
    matcher.add_argument("--json", action="store_true", help="print the result as JSON")
    for name in matching.PROFILE_FIELDS:
        many = name in matching.LIST_FIELDS
        matcher.add_argument(
            "--" + name.replace("_", "-"), dest=f"profile_{name}", metavar="VALUE", action="append" if many else None,
            help=matching.FIELD_LABELS.get(name, name) + ("（可重复）" if many else ""),
        )  # fmt: skip
    drafter = sub.add_parser(
        "draft-rules", help="政策找企业: draft rules from a document's thresholds and grants, for staff to review"
    )
    drafter.add_argument("doc_id", help="the document (python -m ingest list)")
    args = parser.parse_args(argv)

    setup_logging()
    if args.command == "draft-rules":
        return run_draft(BotConfig.from_env(), args.doc_id)
    if args.command == "batch" and not args.questions.is_file():
        print(f"error: no such file: {args.questions}", file=sys.stderr)
        return 2
    try:
        bot = PolicyBot.load(BotConfig.from_env())
    except LOAD_ERRORS as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2

    if args.command == "match":
        flags = {name: getattr(args, f"profile_{name}") for name in matching.PROFILE_FIELDS}
        return run_match(bot, args.profile, flags, args.json)
    if args.command == "ask":
        answer = answer_or_message(bot, args.question)
        print(json.dumps(answer.to_json(), ensure_ascii=False, indent=1) if args.json else render(answer))
        return 0
    if args.command == "chat":
        return run_chat(bot)
    if args.out:
        with args.out.open("w", encoding="utf-8") as out:
            return run_batch(bot, args.questions, out)
    return run_batch(bot, args.questions, sys.stdout)


if __name__ == "__main__":
    sys.exit(main())
