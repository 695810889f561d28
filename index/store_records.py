"""Row shapes of the store (`index.store`) and their conversion to and from Chroma metadata."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from index.models import Chunk, Meeting, SectionKind

PAGE = 5000  # Chroma's SQLite refuses one `get` of more than ~32k rows
# A meeting row carries the whole parsed meeting as its document, and Chroma reads it even
# for a metadata-only `get`: 5,000 of them took 0.43 GB of heap at once (10,000 meetings),
# 1,000 take 0.08 GB, in less time (0.8 s against 1.3 s for all 10,000).
MEETING_PAGE = 1000


def date_ord(iso: str) -> int:
    return int(iso.replace("-", "")) if iso else 0


@dataclass(frozen=True)
class MeetingRecord:
    """A meeting record's metadata: what the directory and the sync need, without the text."""

    meeting_id: str
    version: str
    generation: int
    body: str = ""
    organisation: str = ""
    date: str = ""
    title: str = ""


@dataclass(frozen=True)
class Replacement:
    meeting: Meeting
    chunks: list[Chunk]
    vectors: list[list[float]] | None
    version: str


@dataclass(frozen=True)
class Changes:
    generation: int
    written: list[MeetingRecord]
    deleted: list[tuple[str, int]]  # (meeting id, generation of the delete)


def paged(collection: Any, *, where: dict[str, Any] | None = None,
           include: list[str], page: int = PAGE) -> Iterator[tuple[str, Any, Any]]:
    offset = 0
    while True:
        got = collection.get(where=where, include=include, limit=page, offset=offset)
        metas = got.get("metadatas") or [None] * len(got["ids"])
        docs = got.get("documents") or [None] * len(got["ids"])
        yield from zip(got["ids"], metas, docs, strict=True)
        if len(got["ids"]) < page:
            return
        offset += page


def apply_changes(versions: dict[str, str], changes: Changes) -> None:
    newest = {r.meeting_id: r.generation for r in changes.written}
    for r in changes.written:
        versions[r.meeting_id] = r.version
    for meeting_id, generation in changes.deleted:
        if newest.get(meeting_id, -1) < generation:
            versions.pop(meeting_id, None)


# A record is written hidden; the upload that wrote it then sets the visibility it asked for
# or the meeting had. A write that dies in between leaves the meeting internal, never public,
# and a replaced internal meeting is never shown under "public" meanwhile.
WRITTEN_VISIBILITY = "internal"


def record_metadata(m: Meeting, version: str, generation: int) -> dict[str, str | int]:
    return {"version": version, "generation": generation, "body": m.body,
            "organisation": m.organisation or "", "date": m.date.isoformat() if m.date else "",
            "title": m.title[:300], "visibility": WRITTEN_VISIBILITY}


def to_record(rid: str, meta: Any) -> MeetingRecord:
    return MeetingRecord(
        meeting_id=rid, version=str(meta["version"]), generation=int(meta.get("generation", 0)),
        body=str(meta.get("body", "")), organisation=str(meta.get("organisation", "")),
        date=str(meta.get("date", "")), title=str(meta.get("title", "")))


def chunk_metadata(c: Chunk, space: str) -> dict[str, str | int]:
    return {"vectors": space,
        "meeting_id": c.meeting_id, "body": c.body, "meeting_date": c.meeting_date,
        "date_ord": date_ord(c.meeting_date), "item": c.item, "item_title": c.item_title,
        "section": c.section.value, "source_file": c.source_file,
        "content_hash": c.content_hash, "version": c.version,
    }


def to_chunk(chunk_id: str, text: str | None, meta: Any) -> Chunk:
    return Chunk(
        chunk_id=chunk_id, text=text or "", meeting_id=str(meta["meeting_id"]),
        body=str(meta["body"]), meeting_date=str(meta["meeting_date"]), item=str(meta["item"]),
        item_title=str(meta["item_title"]), section=SectionKind(meta["section"]),
        source_file=str(meta["source_file"]), content_hash=str(meta["content_hash"]),
        version=str(meta["version"]),
    )


