"""The write path in one function: document -> parse -> chunk -> [embed] -> store.

Text is stored first and is searchable at once; vectors come with it only when asked
(`embed_now`), else later from `embed_pending`, batched across documents. A document whose
version (hash of its parsed text and chunking) is already active writes nothing. Replacing a
stored meeting needs `replace=True`; the replaced original is kept under `versions/`.

Crash safety: a journal entry and the staged original are written before the store is
touched; the original moves into place only after the store's record flipped.
`index.doctor.recover` finishes or undoes what a crash left.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Callable
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, Field

from index.chunk import chunk_meeting
from index.embed import Embedder
from index.errors import Conflict, ReferatError
from index.parse_minutes import parse_minutes
from index.readers import read_bytes
from index.store import ChunkStore, Replacement

PENDING = ".pending"  # under docs_dir: journal entries and staged originals
VERSIONS = "versions"  # under docs_dir: every replaced original, per meeting


class IngestResult(BaseModel):
    meeting_id: str
    status: Literal["added", "replaced", "unchanged"]
    date: str | None
    body: str
    title: str
    item_count: int
    chunks: int
    warnings: list[str] = Field(default_factory=list)
    # The meeting this one was stored as before: the same bytes, read by an older parser
    # into another id ("sola-kommune-fylkesutvalget-..." before the county fix). It is gone.
    replaces: str | None = None


def ingest_document(
    data: bytes, *, filename: str, store: ChunkStore, embedder: Embedder | None, docs_dir: Path,
    max_bytes: int, chunk_tokens: int = 400, chunk_overlap: int = 60, replace: bool = False,
    embed_now: bool = True,
) -> IngestResult:
    result = ingest_documents(
        [(data, filename)], store=store, embedder=embedder, docs_dir=docs_dir,
        max_bytes=max_bytes, chunk_tokens=chunk_tokens, chunk_overlap=chunk_overlap,
        replace=replace, embed_now=embed_now)[0]
    if isinstance(result, ReferatError):
        raise result
    return result


def ingest_documents(
    docs: list[tuple[bytes, str]], *, store: ChunkStore, embedder: Embedder | None,
    docs_dir: Path, max_bytes: int, chunk_tokens: int = 400, chunk_overlap: int = 60,
    replace: bool = False, embed_now: bool = True,
) -> list[IngestResult | ReferatError]:
    """Several documents in one store write (a folder ingest); per document its result or
    the error that stopped it, the others unaffected."""
    versions = store.meeting_versions()
    stored_from = store.meetings_of_files([name for _, name in docs])
    out: list[IngestResult | ReferatError] = []
    batch: dict[str, tuple[Replacement, IngestResult, bytes, str]] = {}
    for data, filename in docs:
        try:
            text = read_bytes(data, filename=filename, max_bytes=max_bytes)
            meeting = parse_minutes(text, source_file=filename)
            # The version changes with the text, the parser's output and the chunking, so any
            # of them changing re-indexes the meeting and nothing else does (vectors live per
            # embedder, beside the text).
            recipe = f"{chunk_tokens}/{chunk_overlap}"
            version = hashlib.sha256((meeting.model_dump_json() + recipe).encode()).hexdigest()
            active = versions.get(meeting.meeting_id)
            chunks = chunk_meeting(meeting, version=version, max_tokens=chunk_tokens,
                                   overlap=chunk_overlap)
            result = IngestResult(
                meeting_id=meeting.meeting_id, status="unchanged", body=meeting.body,
                title=meeting.title, date=meeting.date.isoformat() if meeting.date else None,
                item_count=item_count(meeting), chunks=len(chunks), warnings=meeting.warnings)
            earlier = _stored_as(stored_from.get(filename, set()), docs_dir, data,
                                 meeting.meeting_id)
            if earlier is not None:
                versions.get(earlier)  # a key that may not write it is refused here
                result.replaces = earlier
            if active == version:
                if earlier is not None:  # a crash left both; the old one goes now
                    _drop(store, docs_dir, earlier)
                out.append(result)
                continue
            if (active or meeting.meeting_id in batch) and not replace:
                when = f" of {result.date}" if result.date else ""
                raise Conflict(
                    f"{filename}: meeting {meeting.meeting_id!r} ({meeting.body}{when}) is already "
                    "stored with other content; upload with ?replace=true (CLI: `referat ingest "
                    "--replace`) to replace it, the old original is kept")
        except ReferatError as e:
            out.append(e)
            continue
        result.status = "replaced" if active or result.replaces else "added"
        vectors = embedder.embed([c.text for c in chunks]) if embed_now and embedder and chunks \
            else None
        batch.pop(meeting.meeting_id, None)
        batch[meeting.meeting_id] = (Replacement(meeting, chunks, vectors, version), result, data,
                                     Path(filename).suffix.lower()[:10])
        out.append(result)
    if batch:
        with store.write_lock():  # `index.doctor` waits for it, so it never undoes a live ingest
            staged = [_stage(data, docs_dir, mid, r.version, suffix)
                      for mid, (r, _, data, suffix) in batch.items()]
            store.replace_meetings([r for r, *_ in batch.values()])
            for (mid, (_, _, _, suffix)), path in zip(batch.items(), staged, strict=True):
                finish_original(docs_dir, mid, path, suffix)
            # Only once the new id is stored: a crash before this leaves both, never neither.
            for _, result, _, _ in batch.values():
                if result.replaces is not None:
                    _drop(store, docs_dir, result.replaces)
    return out


def _stored_as(same_name: set[str], docs_dir: Path, data: bytes, meeting_id: str) -> str | None:
    """Another stored meeting (of those read from a file of this name) whose original is
    these very bytes: the same document, which a changed parser now reads into another id."""
    for other in sorted(same_name - {meeting_id}):
        if any(p.stat().st_size == len(data) and p.read_bytes() == data
               for p in originals(docs_dir, other)):
            return other
    return None


def _drop(store: ChunkStore, docs_dir: Path, meeting_id: str) -> None:
    store.delete_meeting(meeting_id)
    for path in originals(docs_dir, meeting_id):
        path.unlink(missing_ok=True)  # its bytes are the new meeting's original


def embed_pending(store: ChunkStore, embedder: Embedder, *, batch: int = 64,
                  stop: Callable[[], bool] = lambda: False) -> int:
    """Computes the vectors still missing, several documents per batch (the embedder sorts
    each batch by length); returns how many chunks it embedded. `stop` is asked between
    batches."""
    done = 0
    while not stop() and (chunks := store.pending_vectors(batch)):
        store.mark_vectors(chunks, embedder.embed([c.text for c in chunks]))
        done += len(chunks)
    return done


def item_count(meeting: object) -> int:
    """Agenda items of the meeting plus the items it proposes for the next board meeting."""
    items = getattr(meeting, "items", [])
    board = getattr(meeting, "board_meeting", None)
    return len(items) + (len(board.proposals) if board else 0)


def originals(docs_dir: Path, meeting_id: str) -> list[Path]:
    return [p for p in docs_dir.glob(f"{meeting_id}.*") if not p.name.endswith(".tmp")]


def _stage(data: bytes, docs_dir: Path, meeting_id: str, version: str, suffix: str) -> Path:
    pending = docs_dir / PENDING
    pending.mkdir(parents=True, exist_ok=True)
    staged = pending / f"{meeting_id}.{version[:16]}{suffix}"
    _write_atomic(staged, data)
    _write_atomic(pending / f"{meeting_id}.{version[:16]}.json",
                  json.dumps({"meeting_id": meeting_id, "version": version,
                              "original": staged.name, "suffix": suffix}).encode())
    return staged


def finish_original(docs_dir: Path, meeting_id: str, staged: Path, suffix: str) -> None:
    """After the flip: the current original moves to versions/, the staged one takes its place,
    then the journal entry goes."""
    for old in originals(docs_dir, meeting_id):
        keep = docs_dir / VERSIONS / meeting_id
        keep.mkdir(parents=True, exist_ok=True)
        stamp = int(old.stat().st_mtime_ns)
        os.replace(old, keep / f"{stamp}{old.suffix}")
    if staged.exists():
        os.replace(staged, docs_dir / f"{meeting_id}{suffix}")
    journal = staged.with_name(staged.name[: -len(suffix)] + ".json" if suffix else staged.name + ".json")
    journal.unlink(missing_ok=True)


def _write_atomic(path: Path, data: bytes) -> None:
    tmp = path.with_name(path.name + ".tmp")
    with open(tmp, "wb") as handle:
        handle.write(data)
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(tmp, path)  # a crash never leaves a half-written file under the real name
