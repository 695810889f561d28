"""A scripted OpenAI-compatible chat server on loopback for the llm-mode metrics that need no
real model: it answers every question with the first sentence of the first excerpt it was
sent, cited with that excerpt's marker. What is measured is what reached the model (context
recall@k, questions refused before the call), never the fake's wording.

The marker is written in turn the ways real models write one (`STYLES`): as given, without
the date, with an ISO date, in parentheses, one bracket for two excerpts, after a lead word,
after the full stop. A verbatim quote is always supported, so the share of replies the
citation check keeps measures how well it reads markers, not the fake.
"""

from __future__ import annotations

import html
import json
import re
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

_EXCERPT = re.compile(r'<excerpt cite="([^"]+)">\n(.*?)\n</excerpt>', re.DOTALL)


STYLES = ("as given", "no date", "iso date", "parentheses", "two in one bracket", "lead word",
          "after the stop")


def reply_for(prompt: str, style: str = "as given") -> str:
    found = [(html.unescape(c), html.unescape(t)) for c, t in _EXCERPT.findall(prompt)]
    if not found:
        return "NOT_FOUND"
    cite, text = found[0]
    body = text.split("\n\n", 1)[-1].strip()
    first = re.split(r"(?<=[.!?])\s", body, maxsplit=1)[0].strip().rstrip(".")
    label, _, date = cite[1:-1].rpartition(", ")
    if not re.fullmatch(r"\d{2}\.\d{2}\.\d{4}", date):  # no date: the marker is all there is
        return f"{first} {cite}."
    d, m, y = date.split(".")
    written = {
        "no date": f"[{label}]",
        "iso date": f"[{label}, {y}-{m}-{d}]",
        "parentheses": f"({label}, {date})",
        "two in one bracket": f"[{label}, {date}; {found[1][0][1:-1]}]" if len(found) > 1 else cite,
        "lead word": f"[Kilde: {label}, {date}]",
    }
    if style == "after the stop":
        return f"{first}. ({label}, {date})"
    return f"{first} {written.get(style, cite)}."


class FakeChatServer:
    def __init__(self) -> None:
        self.calls = 0
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    @property
    def base_url(self) -> str:
        host, port = self._server.server_address[:2]
        return f"http://{host!s}:{port}/v1"

    def __enter__(self) -> FakeChatServer:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._server.shutdown()
        self._server.server_close()

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        owner = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: Any) -> None:  # quiet
                pass

            def do_POST(self) -> None:  # noqa: N802 (http.server's naming)
                length = int(self.headers.get("content-length") or 0)
                body = json.loads(self.rfile.read(length) or b"{}")
                owner.calls += 1
                prompt = "\n".join(str(m.get("content", "")) for m in body.get("messages", []))
                text = reply_for(prompt, STYLES[owner.calls % len(STYLES)])
                if body.get("stream"):
                    self._stream(text, body.get("model", "fake"))
                    return
                payload = {"id": "fake", "object": "chat.completion", "created": 0,
                           "model": body.get("model", "fake"),
                           "choices": [{"index": 0, "finish_reason": "stop",
                                        "message": {"role": "assistant", "content": text}}],
                           "usage": {"prompt_tokens": len(prompt) // 4,
                                     "completion_tokens": len(text) // 4,
                                     "total_tokens": (len(prompt) + len(text)) // 4}}
                data = json.dumps(payload).encode()
                self.send_response(200)
                self.send_header("content-type", "application/json")
                self.send_header("content-length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def _stream(self, text: str, model: str) -> None:
                self.send_response(200)
                self.send_header("content-type", "text/event-stream")
                self.end_headers()
                chunk = {"id": "fake", "object": "chat.completion.chunk", "created": 0,
                         "model": model, "choices": [{"index": 0, "delta": {"content": text},
                                                      "finish_reason": None}]}
                self.wfile.write(f"data: {json.dumps(chunk)}\n\ndata: [DONE]\n\n".encode())

        return Handler
