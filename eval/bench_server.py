"""python -m eval.bench_server: load on the real server over loopback.

Starts ``app.py`` on a free port (rate limit raised so the load is not throttled) and posts the
labelled questions (shuffled, fixed seed) to ``/api/ask`` in three rounds, never longer than
ROUND_SECONDS each:
  1. 8 clients, every question once — each is new to the server (its query-embedding cache is cold);
  2. 8 clients, 1,000 requests — questions come round again, as popular questions do;
  3. 32 clients, 1,200 requests.
Prints throughput, latency p50/p95/p99 and error counts; then a burst at the default limit shows
the deliberate 429s.
Writes eval/results/bench_server.json. Traffic goes only to 127.0.0.1.
"""

from __future__ import annotations

import asyncio
import json
import os
import random
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

import httpx

from eval.__main__ import DATA, RESULTS, load_questions
from eval.bench import percentile
from ingest import PROJECT_ROOT

ROUNDS = (("8 clients, new questions", 8, None), ("8 clients, repeats", 8, 1000), ("32 clients, repeats", 32, 1200))
ROUND_SECONDS = 240


def start_server(port: int, env: dict[str, str]) -> subprocess.Popen:
    process = subprocess.Popen(
        [sys.executable, "app.py", "--port", str(port)], cwd=PROJECT_ROOT, env=os.environ | env,
        stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT,
    )  # fmt: skip
    started = time.monotonic()
    while time.monotonic() - started < 120:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=2):
                return process
        except OSError:
            time.sleep(0.2)
    process.kill()
    raise SystemExit("the server did not start within 120 s")


async def run_round(url: str, questions: list[str], name: str, clients: int, total: int) -> dict:
    latencies: list[float] = []
    statuses: dict[str, int] = {}
    counter = iter(range(total))
    deadline = time.monotonic() + ROUND_SECONDS

    async def worker(http: httpx.AsyncClient) -> None:
        for i in counter:
            if time.monotonic() > deadline:
                return
            started = time.perf_counter()
            try:
                response = await http.post(f"{url}/api/ask", json={"question": questions[i % len(questions)]})
                key = str(response.status_code)
            except httpx.HTTPError as exc:
                key = type(exc).__name__
            latencies.append((time.perf_counter() - started) * 1000)
            statuses[key] = statuses.get(key, 0) + 1

    limits = httpx.Limits(max_connections=clients, max_keepalive_connections=clients)
    async with httpx.AsyncClient(timeout=30, limits=limits) as http:
        started = time.perf_counter()
        await asyncio.gather(*(worker(http) for _ in range(clients)))
        elapsed = time.perf_counter() - started
    errors = sum(n for code, n in statuses.items() if code != "200")
    return {
        "round": name,
        "clients": clients,
        "requests": len(latencies),
        "seconds": round(elapsed, 2),
        "throughput_rps": round(len(latencies) / elapsed, 1),
        "p50_ms": round(percentile(latencies, 0.50), 1),
        "p95_ms": round(percentile(latencies, 0.95), 1),
        "p99_ms": round(percentile(latencies, 0.99), 1),
        "errors": errors,
        "statuses": statuses,
    }


async def burst(url: str, n: int) -> dict[str, int]:
    statuses: dict[str, int] = {}
    async with httpx.AsyncClient(timeout=30) as http:
        for _ in range(n):
            response = await http.post(f"{url}/api/ask", json={"question": "第三条"})
            statuses[str(response.status_code)] = statuses.get(str(response.status_code), 0) + 1
    return statuses


def main() -> int:
    from tests.e2e.conftest import free_port  # the same helper the tests use

    questions = list(dict.fromkeys(q["question"] for q in load_questions(sorted(DATA.glob("*.jsonl")))))
    random.Random(11).shuffle(questions)
    results: dict = {"rounds": []}
    with tempfile.TemporaryDirectory() as tmp:
        env = {"INDEX_DIR": str(PROJECT_ROOT / "var" / "index"), "FEEDBACK_DB": str(Path(tmp) / "f.sqlite3")}
        port = free_port()
        started = time.monotonic()
        server = start_server(port, env | {"RATE_LIMIT_PER_MIN": "1000000"})
        results["ready_s"] = round(time.monotonic() - started, 2)
        # The load generator shares the two cores with the server: let the server go first, so the
        # numbers measure the server rather than the client's scheduling.
        os.nice(10)
        try:
            url = f"http://127.0.0.1:{port}"
            for name, clients, total in ROUNDS:
                results["rounds"].append(asyncio.run(run_round(url, questions, name, clients, total or len(questions))))
        finally:
            server.terminate()
            server.wait(timeout=30)
        port = free_port()
        server = start_server(port, env)  # the default limit: 30 a minute per client
        try:
            results["burst_at_default_limit"] = asyncio.run(burst(f"http://127.0.0.1:{port}", 40))
        finally:
            server.terminate()
            server.wait(timeout=30)

    print(f"server ready in {results['ready_s']} s (process start → /healthz answers; index already built)")
    print("round                       requests  seconds  req/s   p50 ms  p95 ms  p99 ms  errors")
    for r in results["rounds"]:
        print(
            f"{r['round']:<26}  {r['requests']:>8}  {r['seconds']:>7}  {r['throughput_rps']:>5}  "
            f"{r['p50_ms']:>6}  {r['p95_ms']:>6}  {r['p99_ms']:>6}  {r['errors']:>6}"
        )
    print(f"total requests: {sum(r['requests'] for r in results['rounds'])}")
    print(f"burst of 40 from one client at the default limit: {results['burst_at_default_limit']}")
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "bench_server.json").write_text(json.dumps(results, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
