"""The only module that imports `openai`: chat and embeddings against any
OpenAI-compatible server (OpenAI, Azure, vLLM, Ollama, llama.cpp) chosen by base URL.

Vendor errors become `ModelUnavailable` here, so flows never see `openai` exceptions.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from typing import Any

import openai

from service.errors import ModelUnavailable
from service.llm import Completion, Message, Usage

log = logging.getLogger("referat.llm")

# Tests set this to a predicate over base URLs; anything it rejects is refused before a
# request leaves the process, so a forgotten key never turns the suite into live calls.
ALLOW_BASE_URL: Any = None


def _client(base_url: str | None, api_key: str | None, timeout: float) -> openai.OpenAI:
    if ALLOW_BASE_URL is not None and not ALLOW_BASE_URL(base_url):
        raise RuntimeError(f"model requests to {base_url!r} are not allowed in tests")
    return openai.OpenAI(
        base_url=base_url, api_key=api_key or "not-needed", timeout=timeout, max_retries=1
    )


def _unavailable(e: Exception, base_url: str | None) -> ModelUnavailable:
    where = base_url or "api.openai.com"
    if isinstance(e, openai.APITimeoutError):
        return ModelUnavailable(f"the model server at {where} timed out")
    if isinstance(e, openai.APIConnectionError):
        return ModelUnavailable(f"cannot reach the model server at {where}")
    if isinstance(e, openai.AuthenticationError):
        return ModelUnavailable(f"the model server at {where} rejected the API key (REFERAT_LLM_API_KEY)")
    if isinstance(e, openai.APIStatusError):
        return ModelUnavailable(f"the model server at {where} answered HTTP {e.status_code}")
    return ModelUnavailable(f"model call failed: {e}")


class OpenAIChat:
    def __init__(
        self, *, model: str, base_url: str | None, api_key: str | None, timeout: float = 60.0
    ) -> None:
        self.model = model
        self.base_url = base_url
        self._client = _client(base_url, api_key, timeout)

    def complete(
        self, messages: list[Message], *, json_schema: dict[str, Any] | None = None
    ) -> Completion:
        kwargs: dict[str, Any] = {}
        if json_schema is not None:
            kwargs["response_format"] = {
                "type": "json_schema",
                "json_schema": {"name": "output", "schema": json_schema, "strict": False},
            }
        try:
            resp = self._client.chat.completions.create(
                model=self.model,
                messages=_wire(messages),
                temperature=0,
                **kwargs,
            )
        except openai.BadRequestError as e:
            if json_schema is None:
                raise _unavailable(e, self.base_url) from e
            # Servers without json_schema support (older vLLM, llama.cpp) accept JSON mode.
            log.info("json_schema rejected by server, retrying in json_object mode")
            try:
                resp = self._client.chat.completions.create(
                    model=self.model,
                    messages=_wire(messages),
                    temperature=0,
                    response_format={"type": "json_object"},
                )
            except openai.OpenAIError as e2:
                raise _unavailable(e2, self.base_url) from e2
        except openai.OpenAIError as e:
            raise _unavailable(e, self.base_url) from e
        if not resp.choices:
            raise ModelUnavailable("the model server returned no choices")
        usage = resp.usage
        return Completion(
            text=resp.choices[0].message.content or "",
            model=resp.model or self.model,
            usage=Usage(
                prompt_tokens=usage.prompt_tokens if usage else 0,
                completion_tokens=usage.completion_tokens if usage else 0,
                total_tokens=usage.total_tokens if usage else 0,
            ),
        )

    def stream(self, messages: list[Message]) -> Iterator[str]:
        try:
            events = self._client.chat.completions.create(
                model=self.model,
                messages=_wire(messages),
                temperature=0,
                stream=True,
            )
            for event in events:
                if event.choices and event.choices[0].delta.content:
                    yield event.choices[0].delta.content
        except openai.OpenAIError as e:
            raise _unavailable(e, self.base_url) from e


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
        self._batch = batch_size
        self._client = _client(base_url, api_key, timeout)

    def embed(self, texts: list[str]) -> list[list[float]]:
        out: list[list[float]] = []
        for start in range(0, len(texts), self._batch):
            batch = texts[start : start + self._batch]
            try:
                resp = self._client.embeddings.create(model=self._model, input=batch)
            except openai.OpenAIError as e:
                raise _unavailable(e, self._base_url) from e
            out.extend(d.embedding for d in sorted(resp.data, key=lambda d: d.index))
        return out
