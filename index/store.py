"""Store step: `ChunkStore` over two Chroma collections, the store of record.

`<prefix>_chunks` holds chunk texts, metadata and our own vectors (Chroma's downloading
default embedding function never runs). `<prefix>_meetings` holds one record per meeting:
the parsed Meeting as JSON and its active version. A meeting is replaced by writing the
new version's chunks, flipping the record (one upsert), then deleting the old chunks;
searches only see active versions, so no query ever sees half old, half new.
"""

from __future__ import annotations

import hashlib
import json
from typing import Any

from index.errors import NotFound
from index.models import Chunk, Meeting, SectionKind

_PLACEHOLDER_VECTOR = [1.0]  # the meetings collection is looked up by id, never by vector


def _date_ord(iso: str) -> int:
    return int(iso.replace("-", "")) if iso else 0


class ChunkStore:
    def __init__(self, client: Any, *, prefix: str = "referat") -> None:
        self._client = client
        self.chunks = client.get_or_create_collection(
            f"{prefix}_chunks", embedding_function=None, metadata={"hnsw:space": "cosine"}
        )
        self.meetings = client.get_or_create_collection(
            f"{prefix}_meetings", embedding_function=None
        )

    # -- meetings ---------------------------------------------------------------------
    def active_versions(self) -> dict[str, str]:
        got = self.meetings.get(include=["metadatas"])
        return {i: str(m["version"]) for i, m in zip(got["ids"], got["metadatas"] or [], strict=True)}

    def signature(self) -> str:
        """Changes whenever any meeting is added, replaced or deleted."""
        return hashlib.sha256(json.dumps(sorted(self.active_versions().items())).encode()).hexdigest()

    def get_meeting(self, meeting_id: str) -> Meeting:
        got = self.meetings.get(ids=[meeting_id], include=["documents"])
        if not got["ids"]:
            raise NotFound(f"no meeting with id {meeting_id!r}; `referat meetings` lists them")
        return Meeting.model_validate_json(got["documents"][0])

    def list_meetings(self) -> list[Meeting]:
        got = self.meetings.get(include=["documents"])
        meetings = [Meeting.model_validate_json(d) for d in got["documents"] or []]
        return sorted(meetings, key=lambda m: (m.date.isoformat() if m.date else "", m.meeting_id))

    # -- writes -----------------------------------------------------------------------
    def replace_meeting(
        self, meeting: Meeting, chunks: list[Chunk], vectors: list[list[float]], *, version: str
    ) -> None:
        if chunks:
            for start in range(0, len(chunks), 500):
                part = chunks[start : start + 500]
                self.chunks.upsert(
                    ids=[c.chunk_id for c in part],
                    documents=[c.text for c in part],
                    embeddings=vectors[start : start + 500],  # type: ignore[arg-type]
                    metadatas=[_metadata(c) for c in part],
                )
        self.meetings.upsert(
            ids=[meeting.meeting_id],
            documents=[meeting.model_dump_json()],
            embeddings=[_PLACEHOLDER_VECTOR],  # type: ignore[arg-type]
            metadatas=[{"version": version, "date": meeting.date.isoformat() if meeting.date else "",
                        "body": meeting.body}],
        )
        self.chunks.delete(where={"$and": [{"meeting_id": meeting.meeting_id},
                                           {"version": {"$ne": version}}]})

    def delete_meeting(self, meeting_id: str) -> None:
        self.get_meeting(meeting_id)  # NotFound for unknown ids
        self.meetings.delete(ids=[meeting_id])  # searches stop seeing it here
        self.chunks.delete(where={"meeting_id": meeting_id})

    # -- reads ------------------------------------------------------------------------
    def all_chunks(self) -> list[Chunk]:
        versions = self.active_versions()
        if not versions:
            return []
        got = self.chunks.get(where={"version": {"$in": sorted(set(versions.values()))}},
                              include=["documents", "metadatas"])
        out = [_chunk(i, d, m) for i, d, m in zip(got["ids"], got["documents"] or [],
                                                   got["metadatas"] or [], strict=True)]
        return [c for c in out if versions.get(c.meeting_id) == c.version]

    def dense_search(
        self, vector: list[float], *, k: int, where: dict[str, Any] | None = None
    ) -> list[tuple[Chunk, float]]:
        versions = self.active_versions()
        if not versions:
            return []
        clauses: list[dict[str, Any]] = [{"version": {"$in": sorted(set(versions.values()))}}]
        if where:
            clauses.append(where)
        res = self.chunks.query(
            query_embeddings=[vector],  # type: ignore[arg-type]
            n_results=k,
            where=clauses[0] if len(clauses) == 1 else {"$and": clauses},
            include=["documents", "metadatas", "distances"],
        )
        hits = zip(res["ids"][0], res["documents"][0], res["metadatas"][0], res["distances"][0],
                   strict=True)
        return [(_chunk(i, d, m), 1.0 - float(dist)) for i, d, m, dist in hits
                if versions.get(str(m["meeting_id"])) == m["version"]]


def _metadata(c: Chunk) -> dict[str, str | int]:
    return {
        "meeting_id": c.meeting_id, "body": c.body, "meeting_date": c.meeting_date,
        "date_ord": _date_ord(c.meeting_date), "item": c.item, "item_title": c.item_title,
        "section": c.section.value, "source_file": c.source_file,
        "content_hash": c.content_hash, "version": c.version,
    }


def _chunk(chunk_id: str, text: str | None, meta: Any) -> Chunk:
    return Chunk(
        chunk_id=chunk_id, text=text or "", meeting_id=str(meta["meeting_id"]),
        body=str(meta["body"]), meeting_date=str(meta["meeting_date"]), item=str(meta["item"]),
        item_title=str(meta["item_title"]), section=SectionKind(meta["section"]),
        source_file=str(meta["source_file"]), content_hash=str(meta["content_hash"]),
        version=str(meta["version"]),
    )
