"""👍/👎 feedback on answers, kept in SQLite, exported as CSV or JSONL.

Feedback is the user's last choice per answer: a record per shown answer (its ``answer_id``), whose
rating a later 👍/👎 changes and which taking the thumb back marks ``retracted``. Every choice is also
appended to the record's ``history`` (JSON list of ``[time, rating, comment]``, rating 0 = taken back),
so nothing is lost. A record sent without an ``answer_id`` (an older client) stands alone.

Every change is committed in its own transaction with ``synchronous=FULL`` before the call returns,
so stopping the app (even killing it) never loses an acknowledged choice. Times are local time with
the zone offset (``2026-11-30T14:05:00+08:00``): this machine's zone (``TZ``) when stored, ``--tz``
in an export. An export shows each answer's last choice; retracted ones are left out.

    python -m web.feedback export [--format csv|jsonl] [--out FILE] [--db FILE] [--tz ZONE] [--headers en|zh]
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import sqlite3
import sys
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import datetime, tzinfo
from pathlib import Path
from typing import NamedTuple, TextIO, TypeVar
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

MAX_COMMENT_CHARS = 1000
MAX_ANSWER_ID_CHARS = 64
MAX_HISTORY = 200  # choices kept per answer: no person clicks more; a looping client cannot grow a row forever
RETRACT = 0  # the rating that takes an earlier 👍/👎 back
_SCHEMA = """
CREATE TABLE IF NOT EXISTS feedback (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    created_at TEXT NOT NULL,
    rating INTEGER NOT NULL CHECK (rating IN (-1, 1)),
    question TEXT NOT NULL,
    answer TEXT NOT NULL,
    measures TEXT NOT NULL,
    comment TEXT NOT NULL DEFAULT '',
    source TEXT NOT NULL DEFAULT '',
    answer_id TEXT,
    updated_at TEXT NOT NULL DEFAULT '',
    retracted INTEGER NOT NULL DEFAULT 0,
    history TEXT NOT NULL DEFAULT '[]'
)
"""
# Columns newer than the first release: a file written before them gets them by ALTER TABLE.
_ADDED_COLUMNS = {
    "answer_id": "TEXT",
    "updated_at": "TEXT NOT NULL DEFAULT ''",
    "retracted": "INTEGER NOT NULL DEFAULT 0",
    "history": "TEXT NOT NULL DEFAULT '[]'",
}
_ONE_PER_ANSWER = (
    "CREATE UNIQUE INDEX IF NOT EXISTS feedback_answer_id ON feedback (answer_id) WHERE answer_id IS NOT NULL"
)
COLUMNS = (
    "id", "created_at", "updated_at", "rating", "question", "answer", "measures", "comment", "source",
    "answer_id", "retracted", "history",
)  # fmt: skip
# What an export shows of a record, and the column names of `--headers zh`.
EXPORT_HEADERS_ZH = {
    "id": "编号",
    "created_at": "首次评价时间",
    "updated_at": "最后评价时间",
    "rating": "评价",
    "question": "问题",
    "answer": "回答",
    "measures": "引用条款",
    "comment": "意见",
    "source": "来源",
    "answer_id": "回答编号",
}
_TIMES = ("created_at", "updated_at")
T = TypeVar("T")


class FeedbackError(ValueError):
    """A feedback record is invalid; the message is shown to the user."""


@dataclass(frozen=True)
class FeedbackRecord:
    rating: int  # 1 = 👍, -1 = 👎, 0 = the earlier 👍/👎 for answer_id taken back
    question: str
    answer: str
    measures: tuple[int | str, ...] = ()  # cited provisions, doc_id#number
    comment: str = ""
    source: str = ""  # "app", "widget", "api"
    answer_id: str = ""  # the shown answer: one record per id; "" = a record of its own


class Saved(NamedTuple):
    id: int  # the record's id; 0 when there was nothing to take back
    status: str  # "saved" (a new record), "updated", "retracted" or "nothing" (no choice to take back)


def local_now() -> str:
    """This moment in this machine's zone, with its offset: '2026-11-30T14:05:00+08:00'."""
    return datetime.now().astimezone().isoformat(timespec="seconds")


def local_time(stamp: str, tz: tzinfo | None = None) -> str:
    """A stored time in ``tz`` (None: this machine's zone), with its offset; other text unchanged.

    >>> local_time("2026-11-30T06:05:00+0000", ZoneInfo("Asia/Shanghai"))
    '2026-11-30T14:05:00+08:00'
    """
    try:
        return datetime.fromisoformat(stamp).astimezone(tz).isoformat(timespec="seconds")
    except (TypeError, ValueError):
        return stamp


def _check(record: FeedbackRecord) -> None:
    if record.rating not in (-1, RETRACT, 1):
        raise FeedbackError("评价只能是 👍（1）、👎（-1）或撤销（0）。")
    if len(record.answer_id) > MAX_ANSWER_ID_CHARS:
        raise FeedbackError(f"answer_id 最长 {MAX_ANSWER_ID_CHARS} 个字符。")
    if record.rating == RETRACT:
        if not record.answer_id:
            raise FeedbackError("撤销评价需要 answer_id：要撤销评价的那条回答的编号。")
    elif not record.question.strip() or not record.answer.strip():
        raise FeedbackError("反馈需要对应一条问答。")


def _migrate(db: sqlite3.Connection) -> None:
    """Create the table, or bring a file from an older release up to date (its rows stay readable)."""
    db.execute(_SCHEMA)
    present = {row[1] for row in db.execute("PRAGMA table_info(feedback)")}
    for name, declaration in _ADDED_COLUMNS.items():
        if name not in present:
            db.execute(f"ALTER TABLE feedback ADD COLUMN {name} {declaration}")
    if "updated_at" not in present:
        db.execute("UPDATE feedback SET updated_at = created_at")
    if "history" not in present:  # an older record's one choice is its whole history
        old = db.execute("SELECT id, created_at, rating, comment FROM feedback").fetchall()
        db.executemany(
            "UPDATE feedback SET history = ? WHERE id = ?",
            [(json.dumps([[at, rating, comment]], ensure_ascii=False), i) for i, at, rating, comment in old],
        )
    db.execute(_ONE_PER_ANSWER)


class FeedbackStore:
    """One SQLite file; safe to use from several threads (and processes)."""

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._lock = threading.Lock()
        self._db = sqlite3.connect(self.path, check_same_thread=False, isolation_level=None)
        self._db.execute("PRAGMA journal_mode=WAL")
        self._db.execute("PRAGMA synchronous=FULL")
        self._transaction(_migrate)

    def _transaction(self, change: Callable[[sqlite3.Connection], T]) -> T:
        """``change(db)`` in one write transaction (another process waits, never half-sees it)."""
        with self._lock:
            self._db.execute("BEGIN IMMEDIATE")
            try:
                result = change(self._db)
            except BaseException:
                self._db.execute("ROLLBACK")
                raise
            self._db.execute("COMMIT")
            return result

    def save(self, record: FeedbackRecord) -> Saved:
        """Record a choice: a new record, or the answer's record changed (rating, or retracted)."""
        _check(record)
        now = local_now()
        comment = record.comment.strip()[:MAX_COMMENT_CHARS]
        choice = [now, record.rating, comment]

        def change(db: sqlite3.Connection) -> Saved:
            found = None
            if record.answer_id:
                found = db.execute(
                    "SELECT id, comment, history FROM feedback WHERE answer_id = ?", (record.answer_id,)
                ).fetchone()
            if found is None:
                if record.rating == RETRACT:
                    return Saved(0, "nothing")
                cursor = db.execute(
                    "INSERT INTO feedback (created_at, updated_at, rating, question, answer, measures, comment, "
                    "source, answer_id, history) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    (
                        now, now, record.rating, record.question[:4000], record.answer[:8000],
                        json.dumps(list(record.measures)), comment, record.source[:20], record.answer_id or None,
                        json.dumps([choice], ensure_ascii=False),
                    ),
                )  # fmt: skip
                return Saved(int(cursor.lastrowid or 0), "saved")
            record_id, old_comment, history = found
            history = json.dumps([*json.loads(history), choice][-MAX_HISTORY:], ensure_ascii=False)
            if record.rating == RETRACT:
                db.execute(
                    "UPDATE feedback SET retracted = 1, updated_at = ?, history = ? WHERE id = ?",
                    (now, history, record_id),
                )
                return Saved(record_id, "retracted")
            db.execute(  # a choice without a comment keeps the comment given before
                "UPDATE feedback SET rating = ?, comment = ?, retracted = 0, updated_at = ?, history = ? WHERE id = ?",
                (record.rating, comment or old_comment, now, history, record_id),
            )
            return Saved(record_id, "updated")

        return self._transaction(change)

    def rows(self, include_retracted: bool = True) -> Iterator[dict]:
        where = "" if include_retracted else " WHERE retracted = 0"
        with self._lock:
            rows = self._db.execute(f"SELECT {', '.join(COLUMNS)} FROM feedback{where} ORDER BY id").fetchall()
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


def export_row(row: dict, tz: tzinfo | None = None) -> dict:
    """A stored record as an export shows it: the last choice, times in ``tz``, no history."""
    return {key: local_time(row[key], tz) if key in _TIMES else row[key] for key in EXPORT_HEADERS_ZH}


def export(store: FeedbackStore, fmt: str, out: TextIO, *, tz: tzinfo | None = None, headers: str = "en") -> int:
    """Write each answer's last choice (retracted ones left out) as CSV (a header row, formulas
    defused) or JSONL; ``headers="zh"`` names the columns in Chinese. Returns the count."""
    names = EXPORT_HEADERS_ZH if headers == "zh" else {key: key for key in EXPORT_HEADERS_ZH}
    count = 0
    if fmt == "csv":
        writer = csv.writer(out)
        writer.writerow(names.values())
        for row in store.rows(include_retracted=False):
            writer.writerow(spreadsheet_safe(value) for value in export_row(row, tz).values())
            count += 1
    else:
        for row in store.rows(include_retracted=False):
            shown = export_row(row, tz) | {"measures": json.loads(row["measures"])}
            out.write(json.dumps({names[k]: v for k, v in shown.items()}, ensure_ascii=False) + "\n")
            count += 1
    return count


def main(argv: list[str] | None = None) -> int:
    from web.config import ServerConfig

    parser = argparse.ArgumentParser(prog="python -m web.feedback", description="export answer feedback")
    sub = parser.add_subparsers(dest="command", required=True)
    exp = sub.add_parser("export", help="write each answer's last 👍/👎 (retracted ones left out)")
    exp.add_argument("--format", choices=("csv", "jsonl"), default="csv")
    exp.add_argument("--out", type=Path, help="file to write (default: stdout)")
    exp.add_argument("--db", type=Path, help="SQLite file (default: FEEDBACK_DB)")
    exp.add_argument("--tz", help="time zone of the times, e.g. Asia/Shanghai (default: this machine's, TZ)")
    exp.add_argument(
        "--headers",
        choices=("en", "zh"),
        default="en",
        help="column names: en (id, created_at…) or zh (编号, 首次评价时间…)",
    )
    args = parser.parse_args(argv)
    try:
        tz = ZoneInfo(args.tz) if args.tz else None
    except (ZoneInfoNotFoundError, ValueError):
        print(f"error: unknown time zone {args.tz!r}: give an IANA name such as Asia/Shanghai", file=sys.stderr)
        return 2
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
                count = export(store, args.format, out, tz=tz, headers=args.headers)
        else:
            try:
                count = export(store, args.format, sys.stdout, tz=tz, headers=args.headers)
                sys.stdout.flush()
            except BrokenPipeError:
                # The reader stopped early (`| head`). As the Python docs advise, point stdout at
                # devnull so the flush at exit does not fail again, and leave quietly.
                os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
                return 141  # 128 + SIGPIPE: what a shell expects of a writer whose reader left
    finally:
        store.close()
    print(f"{count} feedback record(s) exported", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
