"""python -m index [--rebuild] [--processes N]: build the index folder when it is missing or stale, then
print its manifest summary. Configuration as for the bot (LIBRARY_DIR, DOCUMENTS, INDEX_DIR, EMBEDDER).

python -m index export --to embedded:FOLDER | milvus:URI: the built index's passages (vectors, tokens,
status, agencies) into a search backend, without embedding anything again."""

from __future__ import annotations

import argparse
import datetime as dt
import sys
import time

from bot.__main__ import setup_logging
from bot.engine import LOAD_ERRORS, BotConfig, open_index
from index.embedders import make_embedder


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m index", description=__doc__.splitlines()[0])
    parser.add_argument("command", nargs="?", choices=["build", "export"], default="build")
    parser.add_argument("--rebuild", action="store_true", help="rebuild even when the index is current")
    parser.add_argument(
        "--processes", type=int, default=1, help="embed new texts over N processes (each loads its own model)"
    )
    parser.add_argument("--to", help="export target: embedded:FOLDER or milvus:URI (server URL or .db file)")
    args = parser.parse_args(argv)
    if args.command == "export" and not args.to:
        parser.error("export needs --to embedded:FOLDER or --to milvus:URI")
    setup_logging()
    config = BotConfig.from_env()
    started = time.perf_counter()
    try:
        embedder = make_embedder(config.embedder)
        _, _, index = open_index(config, embedder, rebuild=args.rebuild, processes=args.processes)
    except LOAD_ERRORS as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    if args.command == "export":
        return _export(index, args.to, config)
    m = index.manifest
    print(
        f"index {config.index_dir}: {len(m['documents'])} documents, {m['provisions']} provisions, "
        f"{m['sentences']} sentences, embedder {m['embedder']}, library {m['library_sha256'][:12]}, "
        f"built {m['built_at']} ({m['embedded']} texts embedded) "
        f"({time.perf_counter() - started:.1f} s)"
    )
    return 0


def _export(index, target: str, config: BotConfig) -> int:  # noqa: ANN001
    from index.export import export

    started = time.perf_counter()
    try:
        backends = export(index, target, config.today or dt.date.today())
    except ValueError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    counts = ", ".join(f"{backend.count()} {name}" for name, backend in backends.items())
    print(f"exported to {target}: {counts} ({time.perf_counter() - started:.1f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
