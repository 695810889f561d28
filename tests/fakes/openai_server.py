"""A scripted OpenAI-compatible server on loopback, so tests run the real `openai` client.

Each chat request takes the next scripted reply: text, an HTTP error (with headers such as
Retry-After), a delay (for timeouts), an empty completion, or a streamed answer that can
stall or break off mid-way. Requests are recorded, with their arrival time, for assertions
on what was sent and when.
"""

from __future__ import annotations

import hashlib
import json
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any


@dataclass
class Reply:
    content: str = ""
    status: int = 200
    delay: float = 0.0
    reject_json_schema: bool = False  # answer 400 when response_format is json_schema
    headers: dict[str, str] = field(default_factory=dict)  # e.g. {"Retry-After": "20"}
    break_stream_after: int | None = None  # streamed: drop the connection after n deltas
    stream_delay: float = 0.0  # streamed: pause between deltas


@dataclass
class FakeOpenAI:
    replies: list[Reply] = field(default_factory=list)
    requests: list[dict[str, Any]] = field(default_factory=list)
    default: Reply | None = None
    embedding_dim: int = 16

    def __post_init__(self) -> None:
        self._lock = threading.Lock()
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    @property
    def base_url(self) -> str:
        host, port = self._server.server_address[:2]
        return f"http://{host}:{port}/v1"

    def script(self, *replies: Reply | str) -> None:
        with self._lock:
            self.replies.extend(r if isinstance(r, Reply) else Reply(content=r) for r in replies)

    def start(self) -> FakeOpenAI:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()

    def _next(self) -> Reply:
        with self._lock:
            if self.replies:
                return self.replies.pop(0)
            if self.default is not None:
                return self.default
        return Reply(status=500, content="no scripted reply left")

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: Any) -> None:
                pass

            def _json(self, status: int, body: dict[str, Any],
                      headers: dict[str, str] | None = None) -> None:
                data = json.dumps(body).encode()
                self.send_response(status)
                for name, value in (headers or {}).items():
                    self.send_header(name, value)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def do_POST(self) -> None:  # noqa: N802
                length = int(self.headers.get("Content-Length", 0))
                body = json.loads(self.rfile.read(length) or b"{}")
                with fake._lock:
                    fake.requests.append({"path": self.path, "body": body, "at": time.monotonic()})
                if self.path.endswith("/embeddings"):
                    self._embeddings(body)
                elif self.path.endswith("/chat/completions"):
                    self._chat(body)
                else:
                    self._json(404, {"error": {"message": "not found"}})

            def _embeddings(self, body: dict[str, Any]) -> None:
                inputs = body["input"] if isinstance(body["input"], list) else [body["input"]]
                data = []
                for i, text in enumerate(inputs):
                    digest = hashlib.sha256(str(text).encode()).digest()
                    vec = [b / 255.0 for b in digest[: fake.embedding_dim]]
                    data.append({"object": "embedding", "index": i, "embedding": vec})
                self._json(200, {"object": "list", "data": data, "model": body.get("model", ""),
                                 "usage": {"prompt_tokens": 1, "total_tokens": 1}})

            def _chat(self, body: dict[str, Any]) -> None:
                reply = fake._next()
                if reply.delay:
                    time.sleep(reply.delay)
                fmt = (body.get("response_format") or {}).get("type")
                if reply.reject_json_schema and fmt == "json_schema":
                    with fake._lock:  # the same reply serves the json_object retry
                        fake.replies.insert(0, Reply(content=reply.content))
                    self._json(400, {"error": {"message": "json_schema not supported"}})
                    return
                if reply.status != 200:
                    self._json(reply.status, {"error": {"message": reply.content or "error"}},
                               reply.headers)
                    return
                if body.get("stream"):
                    self._stream(reply, body.get("model", "fake"))
                    return
                self._json(200, {
                    "id": "chatcmpl-fake", "object": "chat.completion", "created": 0,
                    "model": body.get("model", "fake"),
                    "choices": [{"index": 0, "finish_reason": "stop",
                                 "message": {"role": "assistant", "content": reply.content}}],
                    "usage": {"prompt_tokens": 10, "completion_tokens": 5, "total_tokens": 15},
                })

            def do_GET(self) -> None:  # noqa: N802
                if self.path.endswith("/models"):
                    self._json(200, {"object": "list", "data": [{"id": "fake", "object": "model"}]})
                else:
                    self._json(404, {"error": {"message": "not found"}})

            def _stream(self, reply: Reply, model: str) -> None:
                self.send_response(200)
                self.send_header("Content-Type", "text/event-stream")
                self.end_headers()
                words = reply.content.split(" ") if reply.content else []
                for i, word in enumerate(words):
                    if reply.break_stream_after is not None and i >= reply.break_stream_after:
                        self.wfile.flush()
                        self.connection.shutdown(2)  # mid-answer, no [DONE]: a broken stream
                        return
                    if reply.stream_delay:
                        time.sleep(reply.stream_delay)
                    delta = word if i == 0 else " " + word
                    chunk = {"id": "c", "object": "chat.completion.chunk", "created": 0,
                             "model": model, "choices": [{"index": 0, "delta": {"content": delta},
                                                          "finish_reason": None}]}
                    self.wfile.write(f"data: {json.dumps(chunk)}\n\n".encode())
                    self.wfile.flush()
                done = {"id": "c", "object": "chat.completion.chunk", "created": 0, "model": model,
                        "choices": [{"index": 0, "delta": {}, "finish_reason": "stop"}]}
                self.wfile.write(f"data: {json.dumps(done)}\n\n".encode())
                self.wfile.write(b"data: [DONE]\n\n")
                self.wfile.flush()

        return Handler
