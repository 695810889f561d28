"""Limits in front of the flows: the request body counted while it is read (413 before a
huge body is buffered) and a token bucket per API key or client address (429)."""

from __future__ import annotations

import json
import threading
import time

from starlette.exceptions import HTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send


class BodyLimit:
    """ASGI middleware: refuse a declared Content-Length over the limit at once, and stop
    reading a body (chunked or lying about its length) as soon as it passes the limit."""

    def __init__(self, app: ASGIApp, *, max_bytes: int) -> None:
        self.app = app
        self.max_bytes = max_bytes

    def _message(self) -> str:
        return (f"the request body is larger than the {self.max_bytes:,}-byte limit "
                "(REFERAT_MAX_REQUEST_BYTES)")

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = dict(scope.get("headers") or []).get(b"content-length")
        if declared is not None and declared.isdigit() and int(declared) > self.max_bytes:
            await _send_413(send, self._message())
            return
        received = 0

        async def counted() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.max_bytes:
                    # FastAPI passes an HTTPException raised while reading through to the
                    # error handlers, so the client gets the contract's 413.
                    raise HTTPException(413, detail=self._message())
            return message

        await self.app(scope, counted, send)


async def _send_413(send: Send, message: str) -> None:
    body = json.dumps({"error": {"type": "payload_too_large", "message": message}}).encode()
    await send({"type": "http.response.start", "status": 413,
                "headers": [(b"content-type", b"application/json"),
                            (b"content-length", str(len(body)).encode()),
                            (b"connection", b"close")]})
    await send({"type": "http.response.body", "body": body})


class RateLimiter:
    """Token bucket per caller: `burst` requests at once, refilled at `per_minute`."""

    MAX_CALLERS = 10_000  # forget full buckets beyond this, so spoofed clients cannot fill memory

    def __init__(self, per_minute: float, burst: int) -> None:
        self.per_minute = per_minute
        self.burst = float(burst)
        self._rate = per_minute / 60.0
        self._buckets: dict[str, tuple[float, float]] = {}  # caller -> (tokens, when)
        self._lock = threading.Lock()

    def take(self, caller: str) -> float:
        """0 when the request may go; else the seconds until a token is there."""
        if self._rate <= 0:
            return 0.0
        now = time.monotonic()
        with self._lock:
            tokens, when = self._buckets.get(caller, (self.burst, now))
            tokens = min(self.burst, tokens + (now - when) * self._rate)
            if tokens < 1.0:
                self._buckets[caller] = (tokens, now)
                return (1.0 - tokens) / self._rate
            self._buckets[caller] = (tokens - 1.0, now)
            if len(self._buckets) > self.MAX_CALLERS:
                self._forget_full(now)
            return 0.0

    def _forget_full(self, now: float) -> None:
        full = [c for c, (t, w) in self._buckets.items()
                if t + (now - w) * self._rate >= self.burst]
        for caller in full:
            del self._buckets[caller]
