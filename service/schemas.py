"""Request and response models of the HTTP API and CLI (the field names are a contract)."""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal

from pydantic import BaseModel, Field


class AskRequest(BaseModel):
    question: str = Field(min_length=1)
    meeting_ids: list[str] | None = None
    bodies: list[str] | None = Field(
        None, description='Limit to bodies, by name as users write it: "formannskap"')
    date_from: dt.date | None = None
    date_to: dt.date | None = None
    top_k: int | None = Field(None, ge=1, le=50)
    stream: bool = False


class Citation(BaseModel):
    meeting_id: str
    meeting_date: str  # ISO
    body: str
    item: str  # agenda id as the minutes write it: "7", "PS 1/26"
    title: str
    quote: str  # verbatim from the cited item


class RetrievedExcerpt(BaseModel):
    meeting_id: str
    meeting_date: str
    body: str
    item: str
    title: str
    section: str
    score: float
    coverage: float


class AskResponse(BaseModel):
    answer: str
    answered: bool
    mode: Literal["llm", "extractive"]
    citations: list[Citation]
    usage: dict[str, Any] = Field(default_factory=dict)
    retrieved: list[RetrievedExcerpt] = Field(default_factory=list)
    removed_citations: list[str] = Field(default_factory=list)  # cited but not retrieved
    dropped_sentences: list[str] = Field(default_factory=list)  # model sentences not kept, and why
    fallback_reason: str | None = None  # set when llm failed and extractive answered


class MeetingPublic(BaseModel):
    meeting_id: str
    date: str | None
    body: str
    title: str
    organisation: str | None
    item_count: int
    participants: int
    source_file: str
    warnings: list[str] = Field(default_factory=list)
    visibility: Literal["public", "internal"] = "internal"


class IngestPublic(BaseModel):
    meeting_id: str
    status: str
    date: str | None
    body: str
    title: str
    item_count: int
    chunks: int
    warnings: list[str] = Field(default_factory=list)
    visibility: Literal["public", "internal"] = "internal"
    replaces: str | None = None  # the id the same document was stored under before
