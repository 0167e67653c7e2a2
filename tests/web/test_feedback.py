from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from ingest import PROJECT_ROOT
from web.feedback import FeedbackError, FeedbackRecord, FeedbackStore, main


def test_records_survive_reopening(tmp_path: Path) -> None:
    db = tmp_path / "f.sqlite3"
    store = FeedbackStore(db)
    store.add(FeedbackRecord(1, "问题", "回答", (3, 4), "很好", "app"))
    store.close()
    rows = list(FeedbackStore(db).rows())
    assert len(rows) == 1 and rows[0]["comment"] == "很好" and json.loads(rows[0]["measures"]) == [3, 4]


def test_a_killed_process_loses_no_acknowledged_record(tmp_path: Path) -> None:
    db = tmp_path / "f.sqlite3"
    writer = textwrap.dedent(
        f"""
        import sys, time
        from web.feedback import FeedbackRecord, FeedbackStore
        store = FeedbackStore({str(db)!r})
        for i in range(50):
            store.add(FeedbackRecord(1, f"问题{{i}}", "回答"))
            print(i, flush=True)
        time.sleep(60)
        """
    )
    process = subprocess.Popen(
        [sys.executable, "-c", writer], cwd=PROJECT_ROOT, stdout=subprocess.PIPE, text=True,
        env=os.environ | {"PYTHONPATH": str(PROJECT_ROOT)},
    )  # fmt: skip
    acknowledged = [process.stdout.readline() for _ in range(50)]  # type: ignore[union-attr]
    process.send_signal(signal.SIGKILL)
    process.wait(timeout=10)
    assert acknowledged[-1].strip() == "49"
    assert len(list(FeedbackStore(db).rows())) == 50


@pytest.mark.parametrize(
    "record",
    [FeedbackRecord(0, "问题", "回答"), FeedbackRecord(1, " ", "回答"), FeedbackRecord(-1, "问题", "")],
)
def test_invalid_records_are_refused(tmp_path: Path, record: FeedbackRecord) -> None:
    with pytest.raises(FeedbackError):
        FeedbackStore(tmp_path / "f.sqlite3").add(record)


def test_export_command(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = tmp_path / "f.sqlite3"
    FeedbackStore(db).add(FeedbackRecord(-1, "问题", "回答", (7,), "意见"))
    out = tmp_path / "out.jsonl"
    assert main(["export", "--format", "jsonl", "--db", str(db), "--out", str(out)]) == 0
    row = json.loads(out.read_text(encoding="utf-8"))
    assert row["rating"] == -1 and row["measures"] == [7] and row["comment"] == "意见"
    assert main(["export", "--db", str(tmp_path / "missing.sqlite3")]) == 2
    assert "no feedback database" in capsys.readouterr().err
