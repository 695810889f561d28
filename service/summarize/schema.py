"""Boundary shapes of the summarize flow: the request, the draft items and the response.
Every bullet carries the inclusive turn range [start, end] it was drawn from.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field

from service.transcripts import Turn


class SummaryRequest(BaseModel):
    transcript: str
    format: Literal["vtt", "srt", "text", "json"] | None = None  # None: detected
    agenda: str | None = None  # a sakskart as text: "1. Godkjenning av innkalling" per line
    max_words: int = Field(150, ge=20, le=2000)  # length of the prose `summary`
    mode: Literal["auto", "llm", "offline"] = "auto"  # auto: llm when a model is configured


class Bullet(BaseModel):
    text: str
    turns: tuple[int, int]  # inclusive turn indices the bullet was drawn from
    speaker: str | None = None  # who committed, for action items


class DraftItem(BaseModel):
    number: str  # the agenda's number as written ("3", "PS 2/26"), or 1..n for topics
    title: str
    turns: tuple[int, int] | None  # the segment's turn range; None: not found in the recording
    start: float | None = None  # seconds, when the transcript has timestamps
    end: float | None = None
    bullets: list[Bullet] = Field(default_factory=list)  # "Oppsummering av innspill og konklusjon"
    decisions: list[Bullet] = Field(default_factory=list)
    actions: list[Bullet] = Field(default_factory=list)


class MeetingHeader(BaseModel):
    title: str
    date: str | None = None  # as written in the agenda or transcript ("16. april 2026")
    participants: list[str] = Field(default_factory=list)


class SummaryResponse(BaseModel):
    markdown: str
    items: list[DraftItem]
    summary: str  # prose overview, at most max_words words
    mode: Literal["llm", "offline"]
    language: Literal["nb", "en"]
    header: MeetingHeader
    agenda_source: Literal["agenda", "topics"]  # items from the supplied agenda or detected
    prompt_hash: str | None = None  # llm mode: hash of the prompt files used
    warnings: list[str] = Field(default_factory=list)
    # The parsed lines that bullets' `turns` index into, so a reader can check each bullet.
    turns: list[Turn] = Field(default_factory=list)
