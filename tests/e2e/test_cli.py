"""End to end: the real corpus, the real embedded embedder, the CLI in a subprocess."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from ingest import PROJECT_ROOT

pytestmark = pytest.mark.e2e


@pytest.fixture(scope="module")
def env(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    return os.environ | {"INDEX_DIR": str(tmp_path_factory.mktemp("cli") / "index"), "PYTHONPATH": str(PROJECT_ROOT)}


def run(env: dict[str, str], *args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", *args], cwd=PROJECT_ROOT, env=env, input=stdin, capture_output=True, text=True,
        timeout=120,
    )  # fmt: skip


def test_ask_json_cites_the_measure_and_agencies(env: dict[str, str]) -> None:
    result = run(env, "bot", "ask", "小微企业想申请信用贷款，有什么支持？", "--json")
    assert result.returncode == 0, result.stderr
    answer = json.loads(result.stdout)
    assert answer["citations"][0]["measure"] == 4
    assert answer["citations"][0]["label"] == "（四）"
    assert "人民银行" in answer["answer"] and not answer["out_of_scope"]
    assert "building it" in result.stderr or "index" not in result.stderr  # first run builds, with a log line


@pytest.mark.parametrize(
    ("question", "measure"),
    [
        ("綠色工廠怎麼申請？", 24),  # traditional
        ("What does the policy say about cross-border e-commerce?", 22),  # English
        ("跨境电商的海外藏网络会怎么优化？", 22),  # typo 藏 for 仓
        ("第十二条", 12),
    ],
)
def test_ask_finds_the_measure(env: dict[str, str], question: str, measure: int) -> None:
    answer = json.loads(run(env, "bot", "ask", question, "--json").stdout)
    assert answer["citations"][0]["measure"] == measure


def test_out_of_scope_cites_nothing(env: dict[str, str]) -> None:
    answer = json.loads(run(env, "bot", "ask", "明天北京天气怎么样？", "--json").stdout)
    assert answer["out_of_scope"] and answer["citations"] == []


def test_blank_question_gets_a_prompt(env: dict[str, str]) -> None:
    result = run(env, "bot", "ask", "   ")
    assert result.returncode == 0 and "请输入您的问题" in result.stdout


def test_batch_reports_a_malformed_line_and_answers_the_rest(env: dict[str, str], tmp_path: Path) -> None:
    questions = tmp_path / "q.jsonl"
    questions.write_text(
        '{"id": "a", "question": "第八条是什么？"}\n'
        "{this is not json}\n"
        '{"id": "c"}\n'
        "\n"
        '{"id": "d", "question": "那谁负责？", "history": [{"role": "user", "content": "新三板改革有什么内容？"}, '
        '{"role": "assistant", "content": "文件提出深化新三板改革，发挥北京证券交易所服务中小企业作用。"}]}\n'
        '{"id": "e", "question": ""}\n',
        encoding="utf-8",
    )
    out = tmp_path / "answers.jsonl"
    result = run(env, "bot", "batch", str(questions), "--out", str(out))
    assert result.returncode == 1
    assert "q.jsonl:2: skipped: not valid JSON" in result.stderr
    assert 'q.jsonl:3: skipped: missing "question"' in result.stderr
    answers = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [a["id"] for a in answers] == ["a", "d", "e"]
    assert answers[0]["citations"][0]["measure"] == 8
    assert answers[1]["citations"][0]["measure"] == 6 and "证监会" in answers[1]["answer"]
    assert "请输入您的问题" in answers[2]["answer"]
    assert set(answers[0]) >= {"id", "answer", "citations", "out_of_scope"}
    assert set(answers[0]["citations"][0]) >= {"doc_id", "measure", "title", "section", "agencies", "quote"}


def test_batch_of_a_missing_file_is_a_clear_error(env: dict[str, str]) -> None:
    result = run(env, "bot", "batch", "no-such-file.jsonl")
    assert result.returncode == 2 and "no such file" in result.stderr


def test_chat_keeps_the_conversation(env: dict[str, str]) -> None:
    result = run(env, "bot", "chat", stdin="第二十二条是什么\n这条由谁负责？\n/quit\n")
    assert result.returncode == 0
    assert "由商务部、海关总署、贸促会负责" in result.stdout


def test_corrupt_index_folder_is_rebuilt_and_answers(env: dict[str, str]) -> None:
    index = Path(env["INDEX_DIR"])
    run(env, "index")
    (index / "measures.faiss").write_bytes(b"\x00garbage")
    result = run(env, "bot", "ask", "第三条", "--json")
    assert result.returncode == 0
    assert "rebuilding" in result.stderr
    assert json.loads(result.stdout)["citations"][0]["measure"] == 3


def test_ingest_cli_prints_the_structure() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "ingest", "--json"], cwd=PROJECT_ROOT, capture_output=True, text=True, timeout=60
    )
    doc = json.loads(result.stdout)
    assert doc["meta"]["doc_number"] == "工信部企业〔2021〕169号" and len(doc["measures"]) == 34
