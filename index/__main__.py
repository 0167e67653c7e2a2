"""python -m index [--rebuild]: build the index folder when it is missing or stale, then
print its manifest summary. Configuration as for the bot (LIBRARY_DIR, DOCUMENTS, INDEX_DIR, EMBEDDER)."""

from __future__ import annotations

import argparse
import sys
import time

from bot.__main__ import setup_logging
from bot.engine import BotConfig, open_index
from index.embedders import EmbedderError, make_embedder
from index.store import IndexUnusable
from ingest import LibraryError, ParseError


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m index", description=__doc__.splitlines()[0])
    parser.add_argument("--rebuild", action="store_true", help="rebuild even when the index is current")
    args = parser.parse_args(argv)
    setup_logging()
    config = BotConfig.from_env()
    started = time.perf_counter()
    try:
        embedder = make_embedder(config.embedder)
        _, _, index = open_index(config, embedder, rebuild=args.rebuild)
    except (LibraryError, ParseError, EmbedderError, IndexUnusable) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    m = index.manifest
    print(
        f"index {config.index_dir}: {len(m['documents'])} documents, {m['provisions']} provisions, "
        f"{m['sentences']} sentences, embedder {m['embedder']}, library {m['library_sha256'][:12]}, "
        f"built {m['built_at']} ({m['embedded']} texts embedded) "
        f"({time.perf_counter() - started:.1f} s)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
