"""python -m ingest: check and change the library.

    python -m ingest [list]                  # every document: shape, counts, dates, status; problems and warnings
    python -m ingest show vat-law-2024       # one document (doc_id or a file path): metadata with sources, outline
    python -m ingest show FILE --json        # the whole parsed Document as JSON
    python -m ingest add FILE [--id ID] [--set short_names=甲,乙 --set issued=2024-01-01 …] [--yes]
    python -m ingest retire DOC_ID [--by DOC_ID] [--on 2026-12-01]
    python -m ingest remove DOC_ID [--yes]

LIBRARY_DIR chooses the library folder (default data/library). ``add`` shows the parse (the preview)
and asks before anything changes; ``--yes`` skips the question (for scripts). Every change is written
atomically. ``python -m bot`` and a running server answer from the changed library (the server
notices the change and swaps in a new index without a restart).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import sys
from dataclasses import asdict
from pathlib import Path

from ingest import DEFAULT_LIBRARY
from ingest.agencies import AGENCY_FILE, AgencyFileError, AgencyRegistry
from ingest.library import (
    LibraryError,
    add_document,
    load_library,
    preview_document,
    read_document,
    read_metadata,
    remove_document,
    retire_document,
)
from ingest.parse import ParseError
from ingest.schema import Document
from ingest.validity import status_on

_LIST_FIELDS = {"short_names", "supersedes"}
_DATE_FIELDS = {"issued", "effective", "repealed"}


def outline(document: Document, status: str = "") -> str:
    """Metadata (each field with where it came from), then chapters or parts and their provisions."""
    m = document.meta
    sources = dict(m.sources)
    lines = [f"{m.citation_title}  [{m.doc_id}, {m.shape}]"]
    for name in ("title", "short_names", "kind", "issuer", "doc_number", "issued", "effective", "repealed",
                 "repealed_by", "supersedes", "implements", "level", "region", "edition", "status_note"):  # fmt: skip
        value = getattr(m, name)
        if value:
            shown = "、".join(value) if isinstance(value, tuple) else value
            lines.append(f"  {name:12} {shown}    ← {sources.get(name, '?')}")
    if status:
        lines.append(f"  {'status':12} {status}")
    for line in m.history:
        lines.append(f"  {'history':12} {line}")
    lines.append(f"  共 {len(document.provisions)} {document.label_kind()}，{len(document.chapters())} 个章（部分）")
    for p in document.provisions:
        for d in (x for x in document.divisions if x.first == p.number):
            lines.append(f"{'  ' * d.level}{d.heading}")
        who = f"  [{'、'.join(p.agencies)}]" if p.agencies else ""
        lines.append(f"      {p.label}{p.title}{who}")
    for warning in document.warnings:
        lines.append(f"  warning: {warning}")
    return "\n".join(lines)


def _entry(pairs: list[str]) -> dict:
    entry: dict = {}
    for pair in pairs:
        key, sep, value = pair.partition("=")
        if not sep:
            raise LibraryError(f"--set {pair!r}: write key=value, e.g. --set short_names=某某法")
        if key in _LIST_FIELDS:
            entry[key] = [v for v in value.replace("，", ",").split(",") if v]
        elif key in _DATE_FIELDS:
            try:
                entry[key] = dt.date.fromisoformat(value)
            except ValueError:
                raise LibraryError(f"--set {key}={value}: give a date like 2024-01-01") from None
        else:
            entry[key] = value
    return entry


def _day(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r}: give a date like 2026-12-01") from None


def _confirmed(yes: bool, question: str) -> bool:
    """--yes, or a person answering y at a terminal; never a silent change from a script."""
    if yes:
        return True
    if not sys.stdin.isatty():
        print("nothing changed: run it at a terminal to confirm, or add --yes", file=sys.stderr)
        return False
    answer = input(f"{question} [y/N] ").strip().lower()
    if answer not in ("y", "yes", "是"):
        print("nothing changed")
        return False
    return True


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m ingest", description=__doc__.splitlines()[0])
    parser.add_argument("--library", type=Path, default=None, help="library folder (env LIBRARY_DIR)")
    sub = parser.add_subparsers(dest="command")
    show = sub.add_parser("show", help="one document's metadata and outline")
    show.add_argument("document", help="a doc_id of the library, or a file path")
    show.add_argument("--json", action="store_true", help="the whole parsed Document as JSON")
    add = sub.add_parser("add", help="check a file and add it to the library")
    add.add_argument("file", type=Path)
    add.add_argument("--id", default="", help="doc_id (default: the file name stem)")
    add.add_argument("--set", action="append", default=[], metavar="KEY=VALUE", help="a metadata field")
    add.add_argument("--yes", action="store_true", help="publish without asking")
    add.add_argument("--dry-run", action="store_true", help="show the parse only; change nothing")
    add.add_argument("--json", action="store_true", help="the parse as JSON (with --dry-run: for the admin page)")
    sub.add_parser("list", help="every document with its status (the default)")
    retire = sub.add_parser("retire", help="mark a document repealed, or replaced by another")
    retire.add_argument("document")
    retire.add_argument("--by", default="", help="doc_id of the document that replaces it")
    retire.add_argument("--on", type=_day, default=None, help="from this day (default: today), e.g. 2026-12-01")
    remove = sub.add_parser("remove", help="take a document out of the library (its file is kept in .removed/)")
    remove.add_argument("document")
    remove.add_argument("--yes", action="store_true", help="remove without asking")
    args = parser.parse_args(argv)
    folder = args.library or Path(os.environ.get("LIBRARY_DIR") or DEFAULT_LIBRARY)
    today = dt.date.today()
    try:
        if args.command == "add":
            entry = _entry(args.set)
            preview = preview_document(folder, args.file, entry, doc_id=args.id)
            print(json.dumps(asdict(preview), ensure_ascii=False, default=str) if args.json else outline(preview))
            if args.dry_run:
                return 0
            if not _confirmed(args.yes, f"add {preview.meta.doc_id} to {folder}?"):
                return 1
            document = add_document(folder, args.file, entry, doc_id=args.id)
            print(f"\nadded {document.meta.doc_id} to {folder}")
            return 0
        if args.command == "retire":
            retire_document(folder, args.document, on=args.on or today, by=args.by)
            library = load_library(folder)
            meta = library.get(args.document).meta  # type: ignore[union-attr]
            metas = {d.meta.doc_id: d.meta for d in library.documents}
            print(f"{args.document}: {status_on(meta, today, metas).text}")
            return 0
        if args.command == "remove":
            if not _confirmed(args.yes, f"remove {args.document} from {folder}?"):
                return 1
            kept = remove_document(folder, args.document)
            print(f"removed {args.document} from {folder}; its file is kept as {kept}")
            return 0
        if args.command == "show":
            path = Path(args.document)
            if path.is_file():
                agencies = AgencyRegistry.load(folder / AGENCY_FILE)
                document = read_document(path, agencies, read_metadata(folder).get(path.stem))
                status = ""
            else:
                library = load_library(folder)
                found = library.get(args.document)
                if found is None:
                    print(
                        f"error: no document {args.document!r}; the library has: {', '.join(library.doc_ids)}",
                        file=sys.stderr,
                    )
                    return 2
                document = found
                metas = {d.meta.doc_id: d.meta for d in library.documents}
                status = status_on(document.meta, today, metas).text
            print(
                json.dumps(asdict(document), ensure_ascii=False, indent=1, default=str)
                if args.json
                else outline(document, status)
            )
            return 0
        library = load_library(folder)
    except (LibraryError, ParseError, AgencyFileError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    metas = {d.meta.doc_id: d.meta for d in library.documents}
    print(f"{folder}: {len(library.documents)} documents, {len(library.provisions)} provisions (status on {today})")
    for d in library.documents:
        m = d.meta
        print(
            f"  {m.doc_id:46} {m.shape:6} {len(d.provisions):4} {d.label_kind()}  {m.kind:6} "
            f"{status_on(m, today, metas).text[:40]}"
        )
        for warning in d.warnings:
            print(f"      warning: {warning}")
    for problem in library.problems:
        print(f"  left out: {problem}")
    return 1 if library.problems else 0


if __name__ == "__main__":
    sys.exit(main())
