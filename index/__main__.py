"""python -m index [--rebuild]: build the index folder when it is missing or stale, then
print its manifest summary. Configuration as for the bot (POLICY_FILE, INDEX_DIR, EMBEDDER)."""

from __future__ import annotations

import argparse
import sys
import time

from bot.__main__ import setup_logging
from bot.engine import BotConfig
from index.embedders import EmbedderError, make_embedder
from index.store import IndexUnusable, build_index, cache_dir_for, load_or_build
from index.tokenize import PolicyTokenizer
from ingest import ParseError, load_policy


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m index", description=__doc__.splitlines()[0])
    parser.add_argument("--rebuild", action="store_true", help="rebuild even when the index is current")
    args = parser.parse_args(argv)
    setup_logging()
    config = BotConfig.from_env()
    try:
        document = load_policy(config.policy)
        embedder = make_embedder(config.embedder)
    except (ParseError, EmbedderError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    tokenizer = PolicyTokenizer(cache_dir=cache_dir_for(config.index_dir))
    started = time.perf_counter()
    build = build_index if args.rebuild else load_or_build
    try:
        index = build(document, embedder, tokenizer, config.index_dir)
    except IndexUnusable as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    m = index.manifest
    print(
        f"index {config.index_dir}: {m['measures']} measures, {m['sentences']} sentences, "
        f"embedder {m['embedder']}, corpus {m['corpus_sha256'][:12]}, built {m['built_at']} "
        f"({time.perf_counter() - started:.1f} s)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
