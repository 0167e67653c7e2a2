from __future__ import annotations

import csv
import io
import json
import os
import re
import signal
import sqlite3
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from bot.engine import PolicyBot
from ingest import PROJECT_ROOT
from web.feedback import RETRACT, FeedbackError, FeedbackRecord, FeedbackStore, export, main

OFFSET = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d\d:\d\d$")  # 2026-11-30T14:05:00+08:00


def run_export(db: Path, *args: str, tz: str = "UTC") -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "web.feedback", "export", "--db", str(db), *args], cwd=PROJECT_ROOT,
        capture_output=True, text=True, env=os.environ | {"PYTHONPATH": str(PROJECT_ROOT), "TZ": tz}, timeout=60,
    )  # fmt: skip


def test_records_survive_reopening(tmp_path: Path) -> None:
    db = tmp_path / "f.sqlite3"
    store = FeedbackStore(db)
    store.save(FeedbackRecord(1, "问题", "回答", (3, 4), "很好", "app"))
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
            store.save(FeedbackRecord(1, f"问题{{i}}", "回答", answer_id=f"answer-{{i // 2:04d}}"))
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
    rows = list(FeedbackStore(db).rows())
    assert len(rows) == 25 and all(len(json.loads(r["history"])) == 2 for r in rows)


@pytest.mark.parametrize(
    "record",
    [
        FeedbackRecord(0, "问题", "回答"),  # taking back needs to say which answer
        FeedbackRecord(2, "问题", "回答", answer_id="answer-0001"),
        FeedbackRecord(1, " ", "回答"),
        FeedbackRecord(-1, "问题", ""),
        FeedbackRecord(1, "问题", "回答", answer_id="x" * 65),
    ],
)
def test_invalid_records_are_refused(tmp_path: Path, record: FeedbackRecord) -> None:
    with pytest.raises(FeedbackError):
        FeedbackStore(tmp_path / "f.sqlite3").save(record)


def test_a_changed_choice_replaces_the_earlier_one_and_keeps_it_in_the_history(tmp_path: Path) -> None:
    store = FeedbackStore(tmp_path / "f.sqlite3")
    first = store.save(FeedbackRecord(1, "问题", "回答", (14,), source="app", answer_id="answer-0001"))
    second = store.save(FeedbackRecord(-1, "问题", "回答", (14,), "不够具体", source="app", answer_id="answer-0001"))
    third = store.save(FeedbackRecord(1, "问题", "回答", (14,), source="app", answer_id="answer-0001"))
    other = store.save(FeedbackRecord(-1, "另一个问题", "另一个回答", answer_id="answer-0002"))
    assert (first.status, second.status, third.status) == ("saved", "updated", "updated")
    assert first.id == second.id == third.id != other.id
    rows = list(store.rows())
    assert len(rows) == 2
    assert rows[0]["rating"] == 1 and rows[0]["comment"] == "不够具体"  # a later thumb keeps the comment
    assert [entry[1:] for entry in json.loads(rows[0]["history"])] == [[1, ""], [-1, "不够具体"], [1, ""]]
    assert all(OFFSET.match(entry[0]) for entry in json.loads(rows[0]["history"]))


def test_a_retracted_choice_is_kept_in_the_history_but_left_out_of_the_export(tmp_path: Path) -> None:
    store = FeedbackStore(tmp_path / "f.sqlite3")
    store.save(FeedbackRecord(1, "留下的", "回答", answer_id="answer-0001"))
    store.save(FeedbackRecord(-1, "撤销的", "回答", answer_id="answer-0002"))
    assert store.save(FeedbackRecord(RETRACT, "", "", answer_id="answer-0002")).status == "retracted"
    assert store.save(FeedbackRecord(RETRACT, "", "", answer_id="never-rated")).status == "nothing"
    out = io.StringIO()
    assert export(store, "csv", out) == 1
    assert [r["question"] for r in csv.DictReader(io.StringIO(out.getvalue()))] == ["留下的"]
    retracted = next(r for r in store.rows() if r["answer_id"] == "answer-0002")
    assert retracted["retracted"] == 1 and [e[1] for e in json.loads(retracted["history"])] == [-1, 0]
    store.save(FeedbackRecord(1, "撤销的", "回答", answer_id="answer-0002"))  # rated again: back in
    assert export(store, "csv", io.StringIO()) == 2


def test_records_without_an_answer_id_stay_separate(tmp_path: Path) -> None:
    store = FeedbackStore(tmp_path / "f.sqlite3")
    store.save(FeedbackRecord(1, "问题", "回答"))
    store.save(FeedbackRecord(-1, "问题", "回答"))
    assert [r["rating"] for r in store.rows()] == [1, -1]


OLD_SCHEMA = """
CREATE TABLE feedback (
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


def test_a_file_from_the_first_release_is_upgraded_and_its_rows_stay_readable(tmp_path: Path) -> None:
    db = tmp_path / "old.sqlite3"
    with sqlite3.connect(db) as old:
        old.execute(OLD_SCHEMA)
        old.execute(
            "INSERT INTO feedback (created_at, rating, question, answer, measures, comment, source) "
            "VALUES ('2026-11-30T06:05:00+0000', -1, '旧问题', '旧回答', '[3]', '旧意见', 'widget')"
        )
    old.close()
    store = FeedbackStore(db)
    (row,) = store.rows()
    assert (row["question"], row["rating"], row["comment"], row["retracted"]) == ("旧问题", -1, "旧意见", 0)
    assert row["answer_id"] is None and row["updated_at"] == row["created_at"]
    assert json.loads(row["history"]) == [["2026-11-30T06:05:00+0000", -1, "旧意见"]]
    store.save(FeedbackRecord(1, "新问题", "新回答", answer_id="answer-0001"))
    store.save(FeedbackRecord(-1, "新问题", "新回答", answer_id="answer-0001"))
    store.close()
    assert len(list(FeedbackStore(db).rows())) == 2  # opening it again changes nothing
    shown = run_export(db, "--tz", "Asia/Shanghai")
    first = next(csv.DictReader(io.StringIO(shown.stdout)))
    assert first["created_at"] == "2026-11-30T14:05:00+08:00" and first["question"] == "旧问题"


def test_export_command(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = tmp_path / "f.sqlite3"
    FeedbackStore(db).save(FeedbackRecord(-1, "问题", "回答", (7,), "意见"))
    out = tmp_path / "out.jsonl"
    assert main(["export", "--format", "jsonl", "--db", str(db), "--out", str(out)]) == 0
    row = json.loads(out.read_text(encoding="utf-8"))
    assert row["rating"] == -1 and row["measures"] == [7] and row["comment"] == "意见"
    assert main(["export", "--db", str(tmp_path / "missing.sqlite3")]) == 2
    assert "no feedback database" in capsys.readouterr().err
    assert main(["export", "--db", str(db), "--tz", "Mars/Olympus"]) == 2
    assert "Asia/Shanghai" in capsys.readouterr().err  # says what to give instead


def test_exported_times_are_local_with_their_offset(tmp_path: Path) -> None:
    db = tmp_path / "f.sqlite3"
    FeedbackStore(db).save(FeedbackRecord(1, "问题", "回答", answer_id="answer-0001"))
    machine = next(csv.DictReader(io.StringIO(run_export(db, tz="Asia/Shanghai").stdout)))
    assert machine["created_at"].endswith("+08:00") and OFFSET.match(machine["updated_at"])
    chosen = next(csv.DictReader(io.StringIO(run_export(db, "--tz", "America/New_York").stdout)))
    assert chosen["created_at"][-6:] in ("-05:00", "-04:00") and OFFSET.match(chosen["created_at"])


def test_chinese_headers(tmp_path: Path) -> None:
    db = tmp_path / "f.sqlite3"
    FeedbackStore(db).save(FeedbackRecord(1, "问题", "回答", ("miit-2021-169#14",), "意见", "app", "answer-0001"))
    shown = run_export(db, "--headers", "zh")
    header, row = list(csv.reader(io.StringIO(shown.stdout)))
    assert header == "编号 首次评价时间 最后评价时间 评价 问题 回答 引用条款 意见 来源 回答编号".split()
    assert row[4:] == ["问题", "回答", '["miit-2021-169#14"]', "意见", "app", "answer-0001"]
    line = json.loads(run_export(db, "--headers", "zh", "--format", "jsonl").stdout)
    assert line["引用条款"] == ["miit-2021-169#14"] and line["评价"] == 1


@pytest.mark.parametrize("fmt", ["csv", "jsonl"])
def test_export_into_head_ends_without_a_traceback(tmp_path: Path, fmt: str) -> None:
    db = tmp_path / "f.sqlite3"
    store = FeedbackStore(db)
    for i in range(200):  # far more than a pipe holds, so the writer meets the closed pipe
        store.save(FeedbackRecord(1, f"问题{i}", "回答" * 500))
    store.close()
    command = f"{sys.executable} -m web.feedback export --format {fmt} --db {db} | head -1; exit ${{PIPESTATUS[0]}}"
    shown = subprocess.run(
        ["bash", "-c", command], cwd=PROJECT_ROOT, capture_output=True, text=True, timeout=60,
        env=os.environ | {"PYTHONPATH": str(PROJECT_ROOT)},
    )  # fmt: skip
    assert shown.stderr == ""  # no BrokenPipeError traceback, no "Exception ignored" either
    assert shown.returncode in (0, 141)
    assert len(shown.stdout.splitlines()) == 1


def test_api_keeps_the_last_choice_per_answer(client: TestClient, tmp_path: Path) -> None:
    item = {"rating": 1, "question": "第三条", "answer": "……", "answer_id": "chatcmpl-0123456789abcdef"}
    first = client.post("/api/feedback", json=item).json()
    second = client.post("/api/feedback", json=item | {"rating": -1, "comment": "不够详细"}).json()
    assert first["status"] == "saved" and second == {"id": first["id"], "status": "updated"}
    assert client.post("/api/feedback", json={"rating": 0, "answer_id": item["answer_id"]}).json()["status"] == (
        "retracted"
    )
    refused = client.post("/api/feedback", json={"rating": 0})
    assert refused.status_code == 400 and "answer_id" in refused.json()["detail"]
    assert client.post("/api/feedback", json=item | {"answer_id": "a b<c>"}).status_code == 422
    (row,) = FeedbackStore(tmp_path / "feedback.sqlite3").rows()
    assert row["retracted"] == 1 and [e[1] for e in json.loads(row["history"])] == [1, -1, 0]


def test_the_app_keeps_one_record_per_answer_and_says_so(fake_bot: PolicyBot, tmp_path: Path) -> None:
    import gradio as gr

    from web.ui import make_ui

    store = FeedbackStore(tmp_path / "ui.sqlite3")
    fns = {f.fn.__name__: f.fn for f in make_ui(fake_bot, store).fns.values() if f.fn}
    chat: list = []
    turns: list = []
    answers: list = []
    for question in ("第三条讲什么？", "第十四条讲什么？"):
        *_, (chat, turns, answers, _, _) = fns["respond"](question, chat, turns, answers)

    def click(index: int, liked: bool | str) -> tuple[str, object]:
        # what Gradio 6.31 sends: liked True (👍), False (👎), "" (the chosen thumb clicked again)
        return fns["on_like"](gr.LikeData(None, {"index": index, "value": [], "liked": liked}), chat, answers)

    said, _ = click(1, True)
    assert "已收到您对第 1 条回答的评价：有帮助" in said
    said, form = click(3, True)
    said, form = click(3, False)
    assert "第 2 条回答的评价：没帮助" in said and form == "👎 没帮助"  # the form below follows the thumb
    rows = list(store.rows())
    assert [(r["question"], r["rating"]) for r in rows] == [("第三条讲什么？", 1), ("第十四条讲什么？", -1)]
    said, _ = click(3, "")
    assert "已撤销您对第 2 条回答的评价" in said
    assert export(store, "csv", io.StringIO()) == 1
    assert fns["on_comment"]("👎 没帮助", "太笼统", answers) == ("已收到您的评价和意见，谢谢！", "")
    last = list(store.rows())[-1]
    assert len(list(store.rows())) == 2 and (last["rating"], last["comment"], last["retracted"]) == (-1, "太笼统", 0)
