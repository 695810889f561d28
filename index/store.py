"""Store step: `ChunkStore` over Chroma, the store of record.

`<prefix>_texts` holds chunk texts and metadata (a placeholder vector: Chroma wants one);
`<prefix>_vectors_<space>` holds our own vectors per chunk id, written with the text or later
by the background embedder, so text is searchable before its vectors exist and an embedder
change needs no new text collection. `<prefix>_meetings` holds one record per meeting (the
parsed Meeting as JSON; version, generation and directory fields as metadata), a tombstone
per deleted meeting and the generation counter.

Every add, replace and delete writes its records with generation g, then sets the counter to
g: a reader that sees the counter move finds every record it must re-read with
`changes_since`. A meeting is replaced by writing the new version's chunks, flipping its
record, then deleting the old chunks; reads keep only chunks of the version the record
names, so no query sees half old, half new, and chunks of an interrupted ingest stay invisible
until `orphans` cleans them.
"""

from __future__ import annotations

import contextlib
import fcntl
import re
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from index.errors import NotFound, StoreUnavailable
from index.models import Chunk, Meeting
from index.store_records import (
    MEETING_PAGE,
    PAGE,
    Changes,
    MeetingRecord,
    Replacement,
    apply_changes,
    chunk_metadata,
    date_ord,
    paged,
    record_metadata,
    to_chunk,
    to_record,
)

__all__ = ["PAGE", "COUNTER_ID", "TOMBSTONE", "Changes", "ChunkStore", "MeetingRecord", "Replacement"]

_PLACEHOLDER_VECTOR = [1.0]  # texts and meeting records are read by id or filter, never by vector
COUNTER_ID = "_generation"
TOMBSTONE = "_deleted:"  # meeting ids are slugs and never start with "_"
class ChunkStore:
    def __init__(self, client: Any, *, prefix: str = "referat", vectors: str | None = "dense",
                 lock_path: Path | None = None) -> None:
        """`vectors` names the vector space (the embedder's model id), None for none;
        `lock_path` serialises writers of several local processes (uvicorn workers)."""
        self._client = client
        self._prefix = prefix
        self.texts = client.get_or_create_collection(f"{prefix}_texts", embedding_function=None)
        self.meetings = client.get_or_create_collection(f"{prefix}_meetings", embedding_function=None)
        self.vectors = None
        self.space = ""
        if vectors:
            self.space = re.sub(r"[^a-zA-Z0-9]+", "-", vectors).strip("-")[:60] or "dense"
            self.vectors = client.get_or_create_collection(
                f"{prefix}_vectors_{self.space}", embedding_function=None,
                metadata={"hnsw:space": "cosine"})
        self._lock_path = lock_path
        self._thread_lock = threading.RLock()
        self._versions_lock = threading.Lock()
        self._depth = 0
        self._versions: dict[str, str] = {}
        self._versions_gen = -1

    @property
    def chunks(self) -> Any:
        """The texts collection (older callers named it `chunks`)."""
        return self.texts

    # -- generation and sync ----------------------------------------------------------
    def generation(self) -> int:
        """The change counter: one lookup by id, cheap enough for every request."""
        try:
            got = self.meetings.get(ids=[COUNTER_ID], include=["metadatas"])
        except Exception as e:  # noqa: BLE001 - any Chroma failure means the store is unreadable
            raise StoreUnavailable(f"the Chroma store cannot be read: {e}") from e
        return int(got["metadatas"][0]["generation"]) if got["ids"] else 0

    def check(self) -> int:
        """Raises StoreUnavailable when the store cannot be read; else its generation."""
        generation = self.generation()
        try:
            self.texts.count()
        except Exception as e:  # noqa: BLE001
            raise StoreUnavailable(f"the Chroma store cannot be read: {e}") from e
        return generation

    def changes_since(self, generation: int) -> Changes:
        """Records written at or after `generation` and the deletes among them. Inclusive:
        writers of several machines on one Chroma server share no lock and may write the same
        number; a reader then re-reads that number's records (idempotent, by version)."""
        now = self.generation()
        where = {"generation": {"$gte": generation}} if generation > 0 else None
        written, deleted = [], []
        for rid, meta, _ in paged(self.meetings, where=where, include=["metadatas"],
                                     page=MEETING_PAGE):
            if rid == COUNTER_ID:
                continue
            if rid.startswith(TOMBSTONE):
                deleted.append((rid[len(TOMBSTONE):], int(meta.get("generation", 0))))
            else:
                written.append(to_record(rid, meta))
        return Changes(now, written, deleted)

    def meeting_versions(self) -> dict[str, str]:
        """Active version per meeting, kept current from the generation counter."""
        generation = self.generation()
        with self._versions_lock:
            if generation != self._versions_gen:
                if self._versions_gen < 0:
                    versions = self.active_versions()
                else:
                    versions = dict(self._versions)  # readers keep the old one meanwhile
                    apply_changes(versions, self.changes_since(self._versions_gen))
                self._versions, self._versions_gen = versions, generation
            return self._versions

    # -- meetings ---------------------------------------------------------------------
    def records(self) -> list[MeetingRecord]:
        return [to_record(i, m) for i, m, _ in paged(self.meetings, include=["metadatas"],
                                                       page=MEETING_PAGE)
                if not i.startswith("_")]

    def active_versions(self) -> dict[str, str]:
        return {r.meeting_id: r.version for r in self.records()}

    def signature(self) -> str:
        """Changes whenever any meeting is added, replaced or deleted."""
        return str(self.generation())

    def get_meeting(self, meeting_id: str) -> Meeting:
        got = self.meetings.get(ids=[meeting_id], include=["documents"]) if not \
            meeting_id.startswith("_") else {"ids": []}
        if not got["ids"]:
            raise NotFound(f"no meeting with id {meeting_id!r}; `referat meetings` lists them")
        return Meeting.model_validate_json(got["documents"][0])

    def list_meetings(self) -> list[Meeting]:
        meetings = [Meeting.model_validate_json(d) for i, _, d in
                    paged(self.meetings, include=["documents"], page=MEETING_PAGE) if not i.startswith("_")]
        return sorted(meetings, key=lambda m: (m.date.isoformat() if m.date else "", m.meeting_id))

    # -- writes -----------------------------------------------------------------------
    def replace_meeting(
        self, meeting: Meeting, chunks: list[Chunk], vectors: list[list[float]] | None = None,
        *, version: str,
    ) -> int:
        """Writes the chunks (and vectors, if given), flips the record; the new generation."""
        return self.replace_meetings([Replacement(meeting, chunks, vectors, version)])

    def replace_meetings(self, batch: list[Replacement]) -> int:
        """`replace_meeting` for several meetings in as few Chroma writes as possible (each
        costs 40-130 ms here, whatever its size): all chunks, then all records and the
        counter in one upsert, then the old versions' chunks go."""
        with self.write_lock():
            chunks = [c for r in batch for c in r.chunks]
            spaces = [self.space if r.vectors else "" for r in batch for _ in r.chunks]
            for start in range(0, len(chunks), 1000):
                part = chunks[start : start + 1000]
                self.texts.upsert(
                    ids=[c.chunk_id for c in part], documents=[c.text for c in part],
                    embeddings=[_PLACEHOLDER_VECTOR] * len(part),  # type: ignore[arg-type]
                    metadatas=[chunk_metadata(c, sp) for c, sp in zip(part, spaces[start:], strict=False)])
            for r in batch:
                if r.vectors:
                    self.put_vectors(r.chunks, r.vectors)
            before = self.meeting_versions()
            replaced = [r for r in batch if r.meeting.meeting_id in before]
            generation = self.generation() + 1
            # Records and counter in one write: a reader never sees the counter move before
            # the records it announces.
            self.meetings.upsert(
                ids=[r.meeting.meeting_id for r in batch] + [COUNTER_ID],
                documents=[r.meeting.model_dump_json() for r in batch] + [""],
                embeddings=[_PLACEHOLDER_VECTOR] * (len(batch) + 1),  # type: ignore[arg-type]
                metadatas=[record_metadata(r.meeting, r.version, generation) for r in batch]
                + [{"generation": generation}])
            # A new meeting has no old chunks; leftovers of an interrupted first attempt are
            # the journal's to clean (index.doctor).
            for r in replaced:
                self.delete_chunks(r.meeting.meeting_id, except_version=r.version)
            return generation

    def put_vectors(self, chunks: list[Chunk], vectors: list[list[float]]) -> None:
        if self.vectors is None:
            return
        for start in range(0, len(chunks), 500):
            part = chunks[start : start + 500]
            self.vectors.upsert(
                ids=[c.chunk_id for c in part],
                embeddings=vectors[start : start + 500],  # type: ignore[arg-type]
                metadatas=[{"meeting_id": c.meeting_id, "version": c.version, "body": c.body,
                            "date_ord": date_ord(c.meeting_date)} for c in part])

    def pending_vectors(self, limit: int = 500) -> list[Chunk]:
        """Chunks of active versions that have no vector in this store's space yet."""
        if self.vectors is None:
            return []
        versions = self.meeting_versions()
        got = self.texts.get(where={"vectors": {"$ne": self.space}}, limit=limit,
                             include=["documents", "metadatas"])
        return [to_chunk(i, d, m) for i, d, m in zip(got["ids"], got["documents"] or [],
                                                   got["metadatas"] or [], strict=True)
                if versions.get(str(m["meeting_id"])) == m["version"]]

    def mark_vectors(self, chunks: list[Chunk], vectors: list[list[float]]) -> None:
        """Stores vectors computed after the text, and flags their chunks done."""
        self.put_vectors(chunks, vectors)
        for start in range(0, len(chunks), 500):
            part = chunks[start : start + 500]
            self.texts.update(ids=[c.chunk_id for c in part],
                              metadatas=[chunk_metadata(c, self.space) for c in part])

    def delete_meeting(self, meeting_id: str) -> int:
        self.get_meeting(meeting_id)  # NotFound for unknown ids
        with self.write_lock():
            generation = self.generation() + 1
            self.meetings.upsert(ids=[TOMBSTONE + meeting_id, COUNTER_ID], documents=["", ""],
                                 embeddings=[_PLACEHOLDER_VECTOR] * 2,  # type: ignore[arg-type]
                                 metadatas=[{"generation": generation}, {"generation": generation}])
            self.meetings.delete(ids=[meeting_id])  # searches stop seeing it here
            self.delete_chunks(meeting_id)
            return generation

    def delete_chunks(self, meeting_id: str, *, except_version: str | None = None) -> None:
        where: dict[str, Any] = {"meeting_id": meeting_id}
        if except_version is not None:
            where = {"$and": [where, {"version": {"$ne": except_version}}]}
        for collection in (self.texts, self.vectors):
            if collection is not None:
                collection.delete(where=where)

    @contextlib.contextmanager
    def write_lock(self) -> Iterator[None]:
        """Reentrant within a thread; across processes a file lock, released by the kernel
        when its holder dies (kill -9 included)."""
        with self._thread_lock:
            self._depth += 1
            try:
                if self._depth > 1 or self._lock_path is None:
                    yield
                    return
                self._lock_path.parent.mkdir(parents=True, exist_ok=True)
                with open(self._lock_path, "a") as handle:
                    fcntl.flock(handle, fcntl.LOCK_EX)
                    try:
                        yield
                    finally:
                        fcntl.flock(handle, fcntl.LOCK_UN)
            finally:
                self._depth -= 1

    # -- reads ------------------------------------------------------------------------
    def meetings_of_files(self, source_files: list[str]) -> dict[str, set[str]]:
        """Per file name, the meetings whose chunks were read from a file of that name: one
        metadata scan for a batch of files (about 20 ms at 140,000 chunks), not one each."""
        out: dict[str, set[str]] = {}
        names = sorted(set(source_files))
        if not names:
            return out
        got = self.texts.get(where={"source_file": {"$in": names}}, include=["metadatas"])
        for m in got["metadatas"] or []:
            if m:
                out.setdefault(str(m["source_file"]), set()).add(str(m["meeting_id"]))
        return out

    def iter_chunks(self, where: dict[str, Any] | None = None) -> Iterator[Chunk]:
        """Active chunks, page by page (also those whose vectors are still pending)."""
        versions = self.meeting_versions()
        for cid, meta, text in paged(self.texts, where=where, include=["documents", "metadatas"]):
            if versions.get(str(meta["meeting_id"])) == meta["version"]:
                yield to_chunk(cid, text, meta)

    def all_chunks(self) -> list[Chunk]:
        return list(self.iter_chunks())

    def meeting_chunks(self, meeting_id: str, version: str) -> list[Chunk]:
        got = self.texts.get(where={"$and": [{"meeting_id": meeting_id}, {"version": version}]},
                             include=["documents", "metadatas"])
        return [to_chunk(i, d, m) for i, d, m in zip(got["ids"], got["documents"] or [],
                                                   got["metadatas"] or [], strict=True)]

    def dense_search(
        self, vector: list[float], *, k: int, where: dict[str, Any] | None = None
    ) -> list[tuple[Chunk, float]]:
        """Nearest chunks of active versions. No version list in the Chroma filter (it made a
        query 400x slower at 10,000 meetings): stale or orphan hits are dropped after."""
        if self.vectors is None or not self.vectors.count():
            return []
        versions = self.meeting_versions()
        res = self.vectors.query(query_embeddings=[vector],  # type: ignore[arg-type]
                                 n_results=2 * k, where=where, include=["metadatas", "distances"])
        hits = [(i, 1.0 - float(d)) for i, m, d in zip(res["ids"][0], res["metadatas"][0],
                                                       res["distances"][0], strict=True)
                if versions.get(str(m["meeting_id"])) == m["version"]][:k]
        if not hits:
            return []
        got = self.texts.get(ids=[i for i, _ in hits], include=["documents", "metadatas"])
        by_id = {i: to_chunk(i, d, m) for i, d, m in zip(got["ids"], got["documents"] or [],
                                                      got["metadatas"] or [], strict=True)}
        return [(by_id[i], score) for i, score in hits if i in by_id]
