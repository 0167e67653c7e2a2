"""A scripted OpenAI-compatible chat server on loopback, for the LLM tests (real HTTP)."""

from __future__ import annotations

import json
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


@dataclass
class Script:
    """What to do when the user's question contains ``when``."""

    when: str
    reply: str = ""
    status: int = 200
    delay_s: float = 0.0
    raw_body: bytes | None = None  # sent as is with status 200 (a gateway's HTML page, a broken body)
    trickle_s: float = 0.0  # send the body one byte at a time, this far apart


@dataclass
class StubLLM:
    scripts: list[Script] = field(default_factory=list)
    requests: list[dict] = field(default_factory=list)
    url: str = ""
    _server: ThreadingHTTPServer | None = None

    def start(self) -> StubLLM:
        stub = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                body = json.loads(self.rfile.read(int(self.headers.get("content-length", 0))))
                stub.requests.append(body)
                prompt = body["messages"][-1]["content"]
                question = prompt.split("【用户的问题】")[-1]
                script = next((s for s in stub.scripts if s.when in question), Script("", "（无脚本）"))
                time.sleep(script.delay_s)
                if script.status != 200:
                    self._send(script.status, {"error": {"message": "scripted failure", "type": "server_error"}})
                    return
                if script.raw_body is not None:
                    self._send_bytes(200, script.raw_body, "text/html", script.trickle_s)
                    return
                self._send(
                    200,
                    {
                        "id": "chatcmpl-stub", "object": "chat.completion", "created": int(time.time()),
                        "model": body.get("model", "stub"),
                        "choices": [{"index": 0, "message": {"role": "assistant", "content": script.reply},
                                     "finish_reason": "stop"}],
                        "usage": {"prompt_tokens": 1, "completion_tokens": 1, "total_tokens": 2},
                    },
                )  # fmt: skip

            def _send(self, status: int, payload: dict) -> None:
                self._send_bytes(status, json.dumps(payload, ensure_ascii=False).encode(), "application/json")

            def _send_bytes(self, status: int, data: bytes, kind: str, trickle_s: float = 0.0) -> None:
                try:
                    self.send_response(status)
                    self.send_header("content-type", kind)
                    self.send_header("content-length", str(len(data)))
                    self.end_headers()
                    if not trickle_s:
                        self.wfile.write(data)
                        return
                    for i in range(len(data)):
                        self.wfile.write(data[i : i + 1])
                        self.wfile.flush()
                        time.sleep(trickle_s)
                except (BrokenPipeError, ConnectionResetError):  # the client gave up (timeout test)
                    pass

            def log_message(self, *args: object) -> None:
                pass

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._server.daemon_threads = True
        self.url = f"http://127.0.0.1:{self._server.server_address[1]}/v1"
        threading.Thread(target=self._server.serve_forever, daemon=True).start()
        return self

    def stop(self) -> None:
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
