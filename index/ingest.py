"""The write path in one function: document -> parse -> chunk -> embed -> store.

The original bytes are kept under `docs_dir` so the whole index can be rebuilt from them.
A document whose version (hash of its parsed text) is already active embeds nothing.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, Field

from index.chunk import chunk_meeting
from index.embed import Embedder
from index.parse_minutes import parse_minutes
from index.readers import read_bytes
from index.store import ChunkStore


class IngestResult(BaseModel):
    meeting_id: str
    status: Literal["added", "replaced", "unchanged"]
    date: str | None
    body: str
    title: str
    item_count: int
    chunks: int
    warnings: list[str] = Field(default_factory=list)


def ingest_document(
    data: bytes, *, filename: str, store: ChunkStore, embedder: Embedder, docs_dir: Path,
    max_bytes: int, chunk_tokens: int = 400, chunk_overlap: int = 60,
) -> IngestResult:
    text = read_bytes(data, filename=filename, max_bytes=max_bytes)
    meeting = parse_minutes(text, source_file=filename)
    # The version changes with the text, the parser's output, the chunking and the embedder,
    # so any of them changing re-indexes the meeting and nothing else does.
    recipe = f"{chunk_tokens}/{chunk_overlap}/{embedder.model_id}"
    version = hashlib.sha256((meeting.model_dump_json() + recipe).encode()).hexdigest()
    active = store.active_versions().get(meeting.meeting_id)
    chunks = chunk_meeting(meeting, version=version, max_tokens=chunk_tokens, overlap=chunk_overlap)
    result = IngestResult(
        meeting_id=meeting.meeting_id, status="unchanged", body=meeting.body, title=meeting.title,
        date=meeting.date.isoformat() if meeting.date else None, item_count=item_count(meeting),
        chunks=len(chunks), warnings=meeting.warnings,
    )
    if active == version:
        return result
    vectors = embedder.embed([c.text for c in chunks])
    _keep_original(data, docs_dir / f"{meeting.meeting_id}{Path(filename).suffix.lower()}")
    store.replace_meeting(meeting, chunks, vectors, version=version)
    result.status = "replaced" if active else "added"
    return result


def item_count(meeting: object) -> int:
    """Agenda items of the meeting plus the items it proposes for the next board meeting."""
    items = getattr(meeting, "items", [])
    board = getattr(meeting, "board_meeting", None)
    return len(items) + (len(board.proposals) if board else 0)


def _keep_original(data: bytes, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(path.suffix + ".tmp")
    tmp.write_bytes(data)
    os.replace(tmp, path)  # atomic: a crash never leaves a half-written original
