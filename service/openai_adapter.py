"""The only module that imports `openai`: chat and embeddings against any
OpenAI-compatible server (OpenAI, Azure, vLLM, Ollama, llama.cpp) chosen by base URL.

Every call has one deadline, `timeout` seconds (REFERAT_LLM_TIMEOUT), that covers its
retries: 429, 5xx and connection errors are retried with exponential backoff and jitter
while time is left (at most MAX_ATTEMPTS tries), and a Retry-After longer than what is left fails at once. The SDK's
own retries are off, so nothing waits past the deadline behind our back. Vendor errors
become `ModelUnavailable` with a message that names no URL (the log keeps it).
"""

from __future__ import annotations

import email.utils
import logging
import queue
import random
import threading
import time
from collections.abc import Callable, Iterator
from typing import Any, TypeVar

import httpx
import openai

from service.errors import ModelUnavailable
from service.llm import Completion, Message, Usage

log = logging.getLogger("referat.llm")
T = TypeVar("T")

# Tests set this to a predicate over base URLs; anything it rejects is refused before a
# request leaves the process, so a forgotten key never turns the suite into live calls.
ALLOW_BASE_URL: Any = None
BACKOFF_BASE = 0.2  # seconds before the first retry; doubles per attempt
BACKOFF_CAP = 4.0
MAX_ATTEMPTS = 4  # a server that failed four times running is down; say so, do not wait it out
EMPTY = "the model returned an empty answer"


def _client(base_url: str | None, api_key: str | None, timeout: float) -> openai.OpenAI:
    if ALLOW_BASE_URL is not None and not ALLOW_BASE_URL(base_url):
        raise RuntimeError(f"model requests to {base_url!r} are not allowed in tests")
    return openai.OpenAI(
        base_url=base_url, api_key=api_key or "not-needed", timeout=timeout, max_retries=0
    )


def _reason(e: BaseException) -> str:
    if isinstance(e, openai.APITimeoutError | httpx.TimeoutException):
        return "the model server timed out"
    if isinstance(e, openai.AuthenticationError):
        return "the model server rejected the API key (REFERAT_LLM_API_KEY)"
    if isinstance(e, openai.APIStatusError):
        return f"the model server answered HTTP {e.status_code}"
    if isinstance(e, openai.APIConnectionError | httpx.TransportError):
        return "cannot reach the model server"
    return "the model call failed"


def _retryable(e: Exception) -> bool:
    if isinstance(e, openai.APIStatusError):
        return e.status_code == 429 or e.status_code >= 500
    return isinstance(e, openai.APIConnectionError)  # includes timeouts


def _retry_after(e: Exception) -> float | None:
    response = getattr(e, "response", None)
    value = response.headers.get("retry-after") if response is not None else None
    if not value:
        return None
    try:
        return max(0.0, float(value))
    except ValueError:
        when = email.utils.parsedate_to_datetime(value)
        return max(0.0, when.timestamp() - time.time()) if when else None


class Deadline:
    """Seconds left of one call's budget, retries included."""

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self.until = time.monotonic() + seconds

    def left(self) -> float:
        return self.until - time.monotonic()

    def expired(self) -> ModelUnavailable:
        return ModelUnavailable(
            f"the model server did not answer within REFERAT_LLM_TIMEOUT ({self.seconds:g} s)")


def call_with_retries(fn: Callable[[float], T], *, deadline: Deadline, where: str | None) -> T:
    """`fn(seconds_left)` until it succeeds, fails for good, or the deadline leaves no room."""
    attempt = 0
    while True:
        left = deadline.left()
        if left <= 0.01:
            raise deadline.expired()
        try:
            return fn(left)
        except openai.OpenAIError as e:
            attempt += 1
            log.warning("model call to %s failed (attempt %d): %s", where or "api.openai.com",
                        attempt, e.__class__.__name__)
            if not _retryable(e):
                raise ModelUnavailable(_reason(e)) from e
            if attempt >= MAX_ATTEMPTS:
                raise ModelUnavailable(f"{_reason(e)}; gave up after {attempt} attempts") from e
            asked = _retry_after(e)
            left = deadline.left()
            if asked is not None and asked > left:
                raise ModelUnavailable(
                    f"{_reason(e)} and asked to retry after {asked:g} s, more than the "
                    f"{max(left, 0):.1f} s left of REFERAT_LLM_TIMEOUT") from e
            ceiling = min(BACKOFF_CAP, BACKOFF_BASE * 2 ** (attempt - 1))
            wait = asked if asked is not None else ceiling / 2 + random.uniform(0, ceiling / 2)
            if wait >= left - 0.05:
                raise ModelUnavailable(
                    f"{_reason(e)}; gave up after {attempt} attempt(s) within "
                    f"REFERAT_LLM_TIMEOUT ({deadline.seconds:g} s)") from e
            time.sleep(wait)


class OpenAIChat:
    def __init__(
        self, *, model: str, base_url: str | None, api_key: str | None, timeout: float = 60.0
    ) -> None:
        self.model = model
        self.base_url = base_url
        self.timeout = timeout
        self._client = _client(base_url, api_key, timeout)

    def complete(
        self, messages: list[Message], *, json_schema: dict[str, Any] | None = None
    ) -> Completion:
        deadline = Deadline(self.timeout)
        fmt: dict[str, Any] | None = None
        if json_schema is not None:
            fmt = {"type": "json_schema",
                   "json_schema": {"name": "output", "schema": json_schema, "strict": False}}

        def once(left: float) -> Any:
            nonlocal fmt
            kwargs: dict[str, Any] = {"response_format": fmt} if fmt else {}
            try:
                return self._client.chat.completions.create(
                    model=self.model, messages=_wire(messages), temperature=0, timeout=left,
                    **kwargs)
            except openai.BadRequestError:
                if fmt is None or fmt["type"] != "json_schema":
                    raise
                # Servers without json_schema support (older vLLM, llama.cpp) accept JSON mode.
                log.info("json_schema rejected by server, retrying in json_object mode")
                fmt = {"type": "json_object"}
                return self._client.chat.completions.create(
                    model=self.model, messages=_wire(messages), temperature=0,
                    timeout=max(deadline.left(), 0.01), response_format={"type": "json_object"})

        resp = call_with_retries(once, deadline=deadline, where=self.base_url)
        text = (resp.choices[0].message.content or "") if resp.choices else ""
        if not text.strip():
            raise ModelUnavailable(EMPTY)
        usage = resp.usage
        return Completion(
            text=text,
            model=resp.model or self.model,
            usage=Usage(
                prompt_tokens=usage.prompt_tokens if usage else 0,
                completion_tokens=usage.completion_tokens if usage else 0,
                total_tokens=usage.total_tokens if usage else 0,
            ),
        )

    def stream(self, messages: list[Message]) -> Iterator[str]:
        """Retries happen before the first delta only: text already sent cannot be taken back."""
        deadline = Deadline(self.timeout)
        events = call_with_retries(
            lambda left: self._client.chat.completions.create(
                model=self.model, messages=_wire(messages), temperature=0, stream=True,
                timeout=left),
            deadline=deadline, where=self.base_url)
        # httpx times each read, not the whole stream: a server that trickles deltas would
        # outlive the deadline, so the stream is read in a thread and waited for here.
        feed: queue.Queue[tuple[str, Any]] = queue.Queue()

        def pump() -> None:
            try:
                for event in events:
                    feed.put(("event", event))
                feed.put(("end", None))
            except Exception as e:  # handed to the reader below
                feed.put(("error", e))

        threading.Thread(target=pump, daemon=True, name="model-stream").start()
        sent, finished = False, False
        try:
            while True:
                try:
                    kind, item = feed.get(timeout=max(deadline.left(), 0.0))
                except queue.Empty:
                    raise deadline.expired() from None
                if kind == "end":
                    break
                if kind == "error":
                    log.warning("model stream from %s broke: %s", self.base_url,
                                item.__class__.__name__)
                    raise ModelUnavailable(f"{_reason(item)}: the answer broke off") from item
                if item.choices and item.choices[0].finish_reason:
                    finished = True
                if item.choices and item.choices[0].delta.content:
                    sent = True
                    yield item.choices[0].delta.content
        finally:
            events.response.close()
        if not sent:
            raise ModelUnavailable(EMPTY)
        if not finished:  # the connection closed before the server said it was done
            raise ModelUnavailable("the model server's answer broke off")

    def ping(self, timeout: float = 3.0) -> str | None:
        """None when the model server answers; else why not (for /readyz)."""
        try:
            self._client.models.list(timeout=min(timeout, self.timeout))
        except openai.NotFoundError:
            return None  # some servers have no /models; answering at all is what counts
        except openai.OpenAIError as e:
            return _reason(e)
        return None


def _wire(messages: list[Message]) -> Any:
    # The SDK types messages as a union of TypedDicts per role; ours are validated pydantic
    # models already, so hand them over as plain dicts.
    return [m.model_dump() for m in messages]


class OpenAIEmbedder:
    """Remote embeddings; a multilingual model here is where dense retrieval pays."""

    def __init__(
        self, *, model: str, base_url: str | None, api_key: str | None, timeout: float = 60.0,
        batch_size: int = 64,
    ) -> None:
        self.model_id = f"openai:{model}"
        self._model = model
        self._base_url = base_url
        self._timeout = timeout
        self._batch = batch_size
        self._client = _client(base_url, api_key, timeout)

    def embed(self, texts: list[str]) -> list[list[float]]:
        out: list[list[float]] = []
        for start in range(0, len(texts), self._batch):
            batch = texts[start : start + self._batch]
            resp = call_with_retries(
                lambda left, batch=batch: self._client.embeddings.create(  # type: ignore[misc]
                    model=self._model, input=batch, timeout=left),
                deadline=Deadline(self._timeout), where=self._base_url)
            out.extend(d.embedding for d in sorted(resp.data, key=lambda d: d.index))
        return out
