"""👍/👎 feedback on answers, kept in SQLite, exported as CSV or JSONL.

Every record is committed in its own transaction with ``synchronous=FULL`` before the call
returns, so stopping the app (even killing it) never loses an acknowledged record.

    python -m web.feedback export [--format csv|jsonl] [--out FILE] [--db FILE]
"""

from __future__ import annotations

import argparse
import csv
import json
import sqlite3
import sys
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO

MAX_COMMENT_CHARS = 1000
_SCHEMA = """
CREATE TABLE IF NOT EXISTS feedback (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    created_at TEXT NOT NULL,
    rating INTEGER NOT NULL CHECK (rating IN (-1, 1)),
    question TEXT NOT NULL,
    answer TEXT NOT NULL,
    measures TEXT NOT NULL,
    comment TEXT NOT NULL DEFAULT '',
    source TEXT NOT NULL DEFAULT ''
)
"""
COLUMNS = ("id", "created_at", "rating", "question", "answer", "measures", "comment", "source")


class FeedbackError(ValueError):
    """A feedback record is invalid; the message is shown to the user."""


@dataclass(frozen=True)
class FeedbackRecord:
    rating: int  # 1 = 👍, -1 = 👎
    question: str
    answer: str
    measures: tuple[int | str, ...] = ()  # cited provisions, doc_id#number
    comment: str = ""
    source: str = ""  # "app", "widget", "api"


class FeedbackStore:
    """One SQLite file; safe to use from several threads."""

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._lock = threading.Lock()
        self._db = sqlite3.connect(self.path, check_same_thread=False, isolation_level=None)
        self._db.execute("PRAGMA journal_mode=WAL")
        self._db.execute("PRAGMA synchronous=FULL")
        self._db.execute(_SCHEMA)

    def add(self, record: FeedbackRecord) -> int:
        if record.rating not in (-1, 1):
            raise FeedbackError("评价只能是 👍 或 👎。")
        if not record.question.strip() or not record.answer.strip():
            raise FeedbackError("反馈需要对应一条问答。")
        row = (
            time.strftime("%Y-%m-%dT%H:%M:%S%z"),
            record.rating,
            record.question[:4000],
            record.answer[:8000],
            json.dumps(list(record.measures)),
            record.comment.strip()[:MAX_COMMENT_CHARS],
            record.source[:20],
        )
        with self._lock:
            cursor = self._db.execute(
                "INSERT INTO feedback (created_at, rating, question, answer, measures, comment, source) "
                "VALUES (?, ?, ?, ?, ?, ?, ?)",
                row,
            )
            return int(cursor.lastrowid or 0)

    def rows(self) -> Iterator[dict]:
        with self._lock:
            rows = self._db.execute(f"SELECT {', '.join(COLUMNS)} FROM feedback ORDER BY id").fetchall()
        for row in rows:
            yield dict(zip(COLUMNS, row, strict=True))

    def close(self) -> None:
        with self._lock:
            self._db.close()


def spreadsheet_safe(value: object) -> object:
    """Text that a spreadsheet would run as a formula gets a leading apostrophe.

    >>> spreadsheet_safe("=1+1"), spreadsheet_safe("正常"), spreadsheet_safe(-1)
    ("'=1+1", '正常', -1)
    """
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value


def export(store: FeedbackStore, fmt: str, out: TextIO) -> int:
    """Write every record as CSV (with a header, formulas defused) or JSONL; returns the count."""
    count = 0
    if fmt == "csv":
        writer = csv.DictWriter(out, fieldnames=COLUMNS)
        writer.writeheader()
        for row in store.rows():
            writer.writerow({k: spreadsheet_safe(v) for k, v in row.items()})
            count += 1
    else:
        for row in store.rows():
            row["measures"] = json.loads(row["measures"])
            out.write(json.dumps(row, ensure_ascii=False) + "\n")
            count += 1
    return count


def main(argv: list[str] | None = None) -> int:
    from web.config import ServerConfig

    parser = argparse.ArgumentParser(prog="python -m web.feedback", description="export answer feedback")
    sub = parser.add_subparsers(dest="command", required=True)
    exp = sub.add_parser("export", help="write all feedback records")
    exp.add_argument("--format", choices=("csv", "jsonl"), default="csv")
    exp.add_argument("--out", type=Path, help="file to write (default: stdout)")
    exp.add_argument("--db", type=Path, help="SQLite file (default: FEEDBACK_DB)")
    args = parser.parse_args(argv)
    db = args.db or ServerConfig.from_env().feedback_db
    if not db.is_file():
        print(f"error: no feedback database at {db} (set FEEDBACK_DB or --db)", file=sys.stderr)
        return 2
    store = FeedbackStore(db)
    try:
        if args.out:
            # utf-8-sig: Excel opens a CSV with a BOM as UTF-8 (Chinese text intact)
            encoding = "utf-8-sig" if args.format == "csv" else "utf-8"
            with args.out.open("w", encoding=encoding, newline="") as out:
                count = export(store, args.format, out)
        else:
            count = export(store, args.format, sys.stdout)
    finally:
        store.close()
    print(f"{count} feedback record(s) exported", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
