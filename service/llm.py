"""The LLM seam: one method, plain data in and out. Flows depend on this, not on `openai`."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any, Protocol

from pydantic import BaseModel, Field


class Message(BaseModel):
    role: str  # "system" | "user" | "assistant"
    content: str


class Usage(BaseModel):
    prompt_tokens: int = 0
    completion_tokens: int = 0
    total_tokens: int = 0


class Completion(BaseModel):
    text: str
    model: str = ""
    usage: Usage = Field(default_factory=Usage)
    prompt_hash: str = ""  # content hash of the prompt files that produced the messages


class LLM(Protocol):
    model: str

    def complete(
        self, messages: list[Message], *, json_schema: dict[str, Any] | None = None
    ) -> Completion:
        """One chat completion. With `json_schema`, ask for structured output."""
        ...

    def stream(self, messages: list[Message]) -> Iterator[str]:
        """Yield text deltas as the server sends them."""
        ...
