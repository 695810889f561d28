"""Observability around every request: a request id (X-Request-ID in and out) carried into
each log line, JSON logs, and the counters behind `GET /metrics` (Prometheus text format).

Metrics live on the app (`app.state.metrics`), not in a module global, so two apps in one
process (the tests) never mix their counts.
"""

from __future__ import annotations

import contextvars
import json
import logging
import re
import threading
import time
import uuid
from collections import defaultdict
from collections.abc import Iterator
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import PlainTextResponse
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from service.llm import LLM, Completion
from service.llm import Message as ChatMessage

log = logging.getLogger("referat.http")
request_id: contextvars.ContextVar[str] = contextvars.ContextVar("request_id", default="-")
_GOOD_ID = re.compile(r"^[A-Za-z0-9._:-]{1,64}$")  # anything else could forge log lines
BUCKETS = (0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0, 60.0)


class Histogram:
    def __init__(self) -> None:
        self.counts = [0] * len(BUCKETS)
        self.total = 0.0
        self.n = 0

    def observe(self, seconds: float) -> None:
        self.n += 1
        self.total += seconds
        for i, bound in enumerate(BUCKETS):
            if seconds <= bound:
                self.counts[i] += 1


class Metrics:
    def __init__(self, prices: dict[str, tuple[float, float]] | None = None) -> None:
        self.prices = prices or {}
        self._lock = threading.Lock()
        self.requests: dict[tuple[str, str, int], int] = defaultdict(int)
        self.latency: dict[tuple[str, str], Histogram] = defaultdict(Histogram)
        self.model_calls: dict[tuple[str, str], int] = defaultdict(int)
        self.model_latency: dict[str, Histogram] = defaultdict(Histogram)
        self.tokens: dict[tuple[str, str], int] = defaultdict(int)
        self.cost: dict[str, float] = defaultdict(float)
        self.ingests: dict[str, int] = defaultdict(int)
        self.ingest_latency = Histogram()

    def request(self, method: str, route: str, status: int, seconds: float) -> None:
        with self._lock:
            self.requests[(method, route, status)] += 1
            self.latency[(method, route)].observe(seconds)

    def model_call(self, model: str, outcome: str, seconds: float, *, prompt: int = 0,
                   completion: int = 0) -> None:
        with self._lock:
            self.model_calls[(model, outcome)] += 1
            self.model_latency[model].observe(seconds)
            self.tokens[(model, "prompt")] += prompt
            self.tokens[(model, "completion")] += completion
            per_in, per_out = self.prices.get(model, (0.0, 0.0))
            self.cost[model] += (prompt * per_in + completion * per_out) / 1_000_000

    def ingest(self, status: str, seconds: float) -> None:
        with self._lock:
            self.ingests[status] += 1
            self.ingest_latency.observe(seconds)

    def render(self, gauges: dict[str, tuple[str, float]]) -> str:
        out: list[str] = []
        with self._lock:
            _counter(out, "referat_http_requests_total", "HTTP requests by route and status",
                     {_labels(method=m, route=r, status=str(s)): v
                      for (m, r, s), v in self.requests.items()})
            _histogram(out, "referat_http_request_duration_seconds", "HTTP request latency",
                       {_labels(method=m, route=r): h for (m, r), h in self.latency.items()})
            _counter(out, "referat_model_calls_total", "Model calls by model and outcome",
                     {_labels(model=m, outcome=o): v for (m, o), v in self.model_calls.items()})
            _histogram(out, "referat_model_call_duration_seconds", "Model call latency, retries included",
                       {_labels(model=m): h for m, h in self.model_latency.items()})
            _counter(out, "referat_model_tokens_total", "Tokens by model and kind",
                     {_labels(model=m, kind=k): v for (m, k), v in self.tokens.items()})
            _counter(out, "referat_model_cost_usd_total",
                     "Estimated cost by model (REFERAT_LLM_PRICES)",
                     {_labels(model=m): v for m, v in self.cost.items()})
            _counter(out, "referat_ingest_total", "Uploads ingested by outcome",
                     {_labels(status=s): v for s, v in self.ingests.items()})
            _histogram(out, "referat_ingest_duration_seconds", "Ingest latency",
                       {"": self.ingest_latency})
        for name, (help_text, value) in gauges.items():
            out += [f"# HELP {name} {help_text}", f"# TYPE {name} gauge", f"{name} {value:g}"]
        return "\n".join(out) + "\n"


def _labels(**labels: str) -> str:
    inner = ",".join(f'{k}="{_escape(v)}"' for k, v in labels.items())
    return "{" + inner + "}"


def _escape(value: str) -> str:
    return value.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")


def _counter(out: list[str], name: str, help_text: str, series: dict[str, float]) -> None:
    out += [f"# HELP {name} {help_text}", f"# TYPE {name} counter"]
    out += [f"{name}{labels} {value:g}" for labels, value in sorted(series.items())]


def _histogram(out: list[str], name: str, help_text: str, series: dict[str, Histogram]) -> None:
    out += [f"# HELP {name} {help_text}", f"# TYPE {name} histogram"]
    for labels, h in sorted(series.items(), key=lambda kv: kv[0]):
        inner = labels[1:-1]
        sep = "," if inner else ""
        for bound, count in zip(BUCKETS, h.counts, strict=True):
            out.append(f'{name}_bucket{{{inner}{sep}le="{bound:g}"}} {count}')
        out.append(f'{name}_bucket{{{inner}{sep}le="+Inf"}} {h.n}')
        out += [f"{name}_sum{labels} {h.total:g}", f"{name}_count{labels} {h.n}"]


class MeteredLLM:
    """The model seam with a meter on it: calls, latency, tokens and cost per model."""

    def __init__(self, inner: LLM, metrics: Metrics) -> None:
        self.inner = inner
        self.model = inner.model
        self._metrics = metrics

    def complete(self, messages: list[ChatMessage], *,
                 json_schema: dict[str, Any] | None = None) -> Completion:
        started = time.perf_counter()
        try:
            out = self.inner.complete(messages, json_schema=json_schema)
        except Exception:
            self._metrics.model_call(self.model, "error", time.perf_counter() - started)
            raise
        self._metrics.model_call(out.model or self.model, "ok", time.perf_counter() - started,
                                 prompt=out.usage.prompt_tokens,
                                 completion=out.usage.completion_tokens)
        return out

    def stream(self, messages: list[ChatMessage]) -> Iterator[str]:
        started = time.perf_counter()
        outcome = "error"
        try:
            yield from self.inner.stream(messages)
            outcome = "ok"
        finally:
            self._metrics.model_call(self.model, outcome, time.perf_counter() - started)

    def __getattr__(self, name: str) -> Any:  # ping() and whatever else the adapter offers
        return getattr(self.inner, name)


class RequestContext:
    """ASGI middleware (streaming-safe): request id, one access log line, request metrics."""

    def __init__(self, app: ASGIApp, *, metrics: Metrics) -> None:
        self.app = app
        self.metrics = metrics

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        given = dict(scope.get("headers") or []).get(b"x-request-id", b"").decode("latin-1")
        rid = given if _GOOD_ID.match(given) else uuid.uuid4().hex
        token = request_id.set(rid)
        started = time.perf_counter()
        status = 500

        async def send_with_id(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
                message["headers"] = [*message.get("headers", []),
                                      (b"x-request-id", rid.encode())]
            await send(message)

        try:
            await self.app(scope, receive, send_with_id)
        finally:
            seconds = time.perf_counter() - started
            route = getattr(scope.get("route"), "path", None) or "unmatched"
            self.metrics.request(scope["method"], route, status, seconds)
            log.info("request", extra={"method": scope["method"], "route": route,
                                       "path": scope["path"], "status": status,
                                       "ms": round(seconds * 1000, 1)})
            request_id.reset(token)


class JsonFormatter(logging.Formatter):
    """One JSON object per line, with the request id of the request being served."""

    FIELDS = ("method", "route", "path", "status", "ms", "model", "meeting_id")

    def format(self, record: logging.LogRecord) -> str:
        entry: dict[str, Any] = {
            "ts": time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(record.created))
                  + f".{int(record.msecs):03d}Z",
            "level": record.levelname.lower(), "logger": record.name,
            "message": record.getMessage(), "request_id": request_id.get(),
        }
        entry.update({k: getattr(record, k) for k in self.FIELDS if hasattr(record, k)})
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        return json.dumps(entry, ensure_ascii=False)


def configure_json_logging(level: int = logging.INFO) -> dict[str, Any]:
    """A logging config for `uvicorn.run(log_config=...)`: ours and uvicorn's lines as JSON.
    uvicorn's own access log is off; `RequestContext` writes a richer one."""
    handler = {"class": "logging.StreamHandler", "formatter": "json", "stream": "ext://sys.stderr"}
    return {
        "version": 1, "disable_existing_loggers": False,
        "formatters": {"json": {"()": JsonFormatter}},
        "handlers": {"default": handler},
        "root": {"handlers": ["default"], "level": logging.getLevelName(level)},
        "loggers": {"uvicorn": {"level": "INFO"}, "uvicorn.access": {"level": "WARNING"}},
    }


router = APIRouter()


@router.get("/metrics", response_class=PlainTextResponse,
            responses={200: {"content": {"text/plain": {"schema": {"type": "string"}}}}})
def metrics(request: Request) -> PlainTextResponse:
    services = request.app.state.services
    store = services.store
    generation = getattr(store, "generation", None)
    meetings = len(store.meeting_versions())  # kept current from the generation counter
    gauges = {
        "referat_index_generation": (
            "Index generation (the store's, else the number of meetings)",
            float(generation() if callable(generation) else meetings)),
        "referat_meetings": ("Meetings indexed", float(meetings)),
    }
    text = request.app.state.metrics.render(gauges)
    return PlainTextResponse(text, media_type="text/plain; version=0.0.4")
