"""End to end: the real corpus, the real embedded embedder, the CLI in a subprocess."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from ingest import PROJECT_ROOT
from tests.conftest import with_cached_vectors

pytestmark = pytest.mark.e2e


@pytest.fixture(scope="module")
def env(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    index = with_cached_vectors(tmp_path_factory.mktemp("cli") / "index")
    return os.environ | {"INDEX_DIR": str(index), "PYTHONPATH": str(PROJECT_ROOT), "TODAY": "2026-11-30"}


def run(env: dict[str, str], *args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", *args], cwd=PROJECT_ROOT, env=env, input=stdin, capture_output=True, text=True,
        timeout=120,
    )  # fmt: skip


def test_ask_json_cites_the_measure_and_agencies(env: dict[str, str]) -> None:
    result = run(env, "bot", "ask", "小微企业想申请信用贷款，有什么支持？", "--json")
    assert result.returncode == 0, result.stderr
    answer = json.loads(result.stdout)
    first = answer["citations"][0]
    assert (first["doc_id"], first["number"], first["label"]) == ("miit-2021-169", 4, "（四）")
    assert first["status"] == "现行有效" and first["doc_title"].startswith("《提升中小企业竞争力若干措施》")
    assert "人民银行" in answer["answer"] and not answer["out_of_scope"]
    assert "building it" in result.stderr or "index" not in result.stderr  # first run builds, with a log line


@pytest.mark.parametrize(
    ("question", "doc_id", "number"),
    [
        ("綠色工廠有什麼支持？", "miit-2021-169", 24),  # traditional
        ("What does the policy say about cross-border e-commerce?", "miit-2021-169", 22),  # English
        ("跨境电商的海外藏网络会怎么优化？", "miit-2021-169", 22),  # typo 藏 for 仓
        ("增值税法第十二条", "vat-law-2024", 12),
        ("款项支付条例第九条", "sme-payment-regulation-2025", 9),  # the edition in force
        ("2024年的时候，款项支付条例第八条怎么规定？", "sme-payment-regulation-2020", 8),  # the edition then
    ],
)
def test_ask_finds_the_provision(env: dict[str, str], question: str, doc_id: str, number: int) -> None:
    answer = json.loads(run(env, "bot", "ask", question, "--json").stdout)
    assert (answer["citations"][0]["doc_id"], answer["citations"][0]["number"]) == (doc_id, number)


def test_out_of_scope_cites_nothing(env: dict[str, str]) -> None:
    answer = json.loads(run(env, "bot", "ask", "明天北京天气怎么样？", "--json").stdout)
    assert answer["out_of_scope"] and answer["citations"] == []


def test_blank_question_gets_a_prompt(env: dict[str, str]) -> None:
    result = run(env, "bot", "ask", "   ")
    assert result.returncode == 0 and "请输入您的问题" in result.stdout


def test_batch_reports_a_malformed_line_and_answers_the_rest(env: dict[str, str], tmp_path: Path) -> None:
    questions = tmp_path / "q.jsonl"
    questions.write_text(
        '{"id": "a", "question": "竞争力若干措施第八条是什么？"}\n'
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
    assert answers[0]["citations"][0]["number"] == 8
    assert answers[1]["citations"][0]["number"] == 6 and "证监会" in answers[1]["answer"]
    assert "请输入您的问题" in answers[2]["answer"]
    assert set(answers[0]) >= {"id", "answer", "citations", "out_of_scope"}
    assert set(answers[0]["citations"][0]) >= {
        "doc_id",
        "number",
        "label",
        "doc_title",
        "section",
        "agencies",
        "quote",
        "status",
    }


def test_batch_of_a_missing_file_is_a_clear_error(env: dict[str, str]) -> None:
    result = run(env, "bot", "batch", "no-such-file.jsonl")
    assert result.returncode == 2 and "no such file" in result.stderr


def test_chat_keeps_the_conversation(env: dict[str, str]) -> None:
    result = run(env, "bot", "chat", stdin="竞争力若干措施第二十二条是什么\n这条由谁负责？\n/quit\n")
    assert result.returncode == 0
    assert "负责商务部、海关总署、贸促会" in result.stdout or "由商务部、海关总署、贸促会负责" in result.stdout


def test_corrupt_index_folder_is_rebuilt_and_answers(env: dict[str, str]) -> None:
    index = Path(env["INDEX_DIR"])
    run(env, "index")
    (index / "provisions" / "dense.faiss").write_bytes(b"\x00garbage")
    result = run(env, "bot", "ask", "增值税法第三条", "--json")
    assert result.returncode == 0
    assert "rebuilding" in result.stderr
    assert json.loads(result.stdout)["citations"][0]["number"] == 3


def test_ingest_cli_checks_the_library_and_shows_a_document() -> None:
    def ingest(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "ingest", *args], cwd=PROJECT_ROOT, capture_output=True, text=True, timeout=60
        )

    check = ingest()
    assert check.returncode == 0 and "14 documents, 654 provisions" in check.stdout
    assert "vat-interim-regulation-2017" in check.stdout and "已废止" in check.stdout
    shown = ingest("show", "vat-law-2024")
    assert "effective    2026-01-01    ← text: 第三十八条" in shown.stdout and "第六章 附则" in shown.stdout
    doc = json.loads(ingest("show", "miit-2021-169", "--json").stdout)
    assert doc["meta"]["doc_number"] == "工信部企业〔2021〕169号" and len(doc["provisions"]) == 34


def test_ingest_add_refuses_a_broken_file_and_adds_a_good_one(tmp_path: Path) -> None:
    import shutil

    from tests.conftest import DEMO_LIBRARY

    library = tmp_path / "library"
    shutil.copytree(DEMO_LIBRARY, library)
    broken = tmp_path / "broken-2025.md"
    broken.write_text("# 甲\n\n第一条 甲。\n\n第三条 乙。", encoding="utf-8")
    command = [sys.executable, "-m", "ingest", "--library", str(library), "add"]
    refused = subprocess.run([*command, str(broken)], cwd=PROJECT_ROOT, capture_output=True, text=True, timeout=60)
    assert refused.returncode == 2 and "line 5: 第三条 where 第二条 was expected" in refused.stderr
    good = tmp_path / "good-2025.md"
    good.write_text("# 示例办法\n\n第一条 甲。\n\n第二条 本办法自2025年1月1日起施行。", encoding="utf-8")
    options = [str(good), "--set", "short_names=示例办法,办法", "--set", "issuer=示例部"]
    unconfirmed = subprocess.run([*command, *options], cwd=PROJECT_ROOT, capture_output=True, text=True, timeout=60)
    assert unconfirmed.returncode == 1 and "add --yes" in unconfirmed.stderr and "第二条" in unconfirmed.stdout
    assert not (library / "documents" / "good-2025.md").exists()  # the preview changed nothing
    added = subprocess.run([*command, *options, "--yes"], cwd=PROJECT_ROOT, capture_output=True, text=True, timeout=60)
    assert added.returncode == 0 and "added good-2025" in added.stdout
    assert (library / "documents" / "good-2025.md").is_file()


def test_match_takes_a_profile_from_flags_or_a_file(env: dict[str, str], tmp_path: Path) -> None:
    flags = ("--kind", "企业", "--industry", "蔬菜种植", "--employees", "40", "--taxable-income-wan", "12",
             "--assets-wan", "600", "--needs", "税费")  # fmt: skip
    done = run(env, "bot", "match", *flags, "--json")
    assert done.returncode == 0, done.stderr
    items = {i["rule"]: i for g in json.loads(done.stdout)["groups"] for i in g["items"]}
    assert items["eit-farm-exemption"]["status"] == "applies"  # 蔬菜种植: 农、林、牧、渔业项目
    assert items["eit-small-low-profit-other"]["status"] == "applies"  # 种植 → 其他企业, 12/40/600 within 30/80/1000
    profile = tmp_path / "profile.json"
    profile.write_text(json.dumps({"kind": "企业", "needs": ["账款拖欠"]}), encoding="utf-8")
    text = run(env, "bot", "match", str(profile), "--as-of", "2024-06-30").stdout
    assert "《保障中小企业款项支付条例》（2020年）第八条" in text and "（2025年修订）" not in text  # in force that day
    wrong = run(env, "bot", "match", "--employees", "-3", "--province", "火星")
    assert wrong.returncode == 2 and "employees" in wrong.stderr and "province" in wrong.stderr
