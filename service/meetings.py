"""Meeting management flows shared by the HTTP API and the CLI."""

from __future__ import annotations

from index.errors import ReferatError
from index.ingest import IngestResult, ingest_document, ingest_documents, item_count
from index.models import Meeting
from service.errors import BadInput, Forbidden
from service.schemas import IngestPublic, MeetingPublic
from service.visibility import (
    RESTRICTIVE,
    VISIBILITIES,
    guarded,
    set_visibility,
    visibilities_of,
    visible_meeting,
)
from service.wiring import Services

# Longer names than this break file systems (255 bytes) once the stored original is named
# after them; refuse before anything is parsed or embedded.
MAX_FILENAME_CHARS = 200


def ingest_upload(data: bytes, *, filename: str, services: Services, replace: bool = False,
                  visibility: str | None = None, writable: set[str] | None = None) -> IngestPublic:
    """Stores the text and brings the lexical index up to date, so the meeting is searchable
    when this returns; its vectors follow in the background. `writable`: the visibilities
    the caller may write (None: any)."""
    s = services.settings
    check_upload(filename, visibility or s.default_visibility, writable)
    before = visibilities_of(services.store)
    # A replace that fails half-way leaves the meeting internal: hidden, never over-shared.
    result = ingest_document(
        data, filename=filename, store=guarded(services.store, writable, before), embedder=services.embedder,
        docs_dir=services.docs_dir, max_bytes=s.max_upload_bytes, chunk_tokens=s.chunk_tokens,
        chunk_overlap=s.chunk_overlap, replace=replace, embed_now=False,
    )
    previous = before.get(result.replaces or result.meeting_id)
    if writable is not None and previous is not None and previous not in writable:
        raise Forbidden(f"this key may not write meeting {result.meeting_id!r}")
    # A new meeting gets the one asked or the default; a replaced one keeps its own unless
    # another is asked.
    visibility = visibility or previous or s.default_visibility
    set_visibility(services.store, result.meeting_id, visibility)
    if result.status != "unchanged":
        services.lexical_sync.current()
        services.vectors.kick()
    return IngestPublic(**result.model_dump(), visibility=visibility)


def ingest_uploads(files: list[tuple[bytes, str]], *, services: Services, replace: bool = False,
                   visibility: str | None = None) -> list[IngestPublic | ReferatError]:
    """`ingest_upload` for a folder: one store write per batch of documents. A bad file is
    reported in its place; the others are stored."""
    s = services.settings
    refused: dict[int, ReferatError] = {}
    for n, (_, name) in enumerate(files):
        try:
            check_upload(name, visibility or s.default_visibility, None)
        except ReferatError as e:
            refused[n] = e
    accepted = [f for n, f in enumerate(files) if n not in refused]
    seen = visibilities_of(services.store)  # before the write, which stores records hidden
    stored = iter(ingest_documents(
        accepted, store=services.store, embedder=services.embedder, docs_dir=services.docs_dir,
        max_bytes=s.max_upload_bytes, chunk_tokens=s.chunk_tokens, chunk_overlap=s.chunk_overlap,
        replace=replace, embed_now=False))
    results = [refused[n] if n in refused else next(stored) for n in range(len(files))]
    out: list[IngestPublic | ReferatError] = []
    for r in results:
        if isinstance(r, ReferatError):
            out.append(r)
            continue
        # A new meeting gets the default; a replaced one keeps the visibility it had.
        chosen = visibility or seen.get(r.replaces or r.meeting_id) or s.default_visibility
        set_visibility(services.store, r.meeting_id, chosen)
        out.append(IngestPublic(**r.model_dump(), visibility=chosen))
    if any(isinstance(r, IngestResult) and r.status != "unchanged" for r in results):
        services.lexical_sync.current()
        services.vectors.kick()
    return out


def check_upload(filename: str, visibility: str, writable: set[str] | None) -> None:
    if len(filename) > MAX_FILENAME_CHARS:
        raise BadInput(f"{filename[:40]}...: the file name has {len(filename)} characters; "
                       f"the limit is {MAX_FILENAME_CHARS}")
    if visibility not in VISIBILITIES:
        raise BadInput(f"visibility must be one of {', '.join(VISIBILITIES)}")
    if writable is not None and visibility not in writable:
        raise Forbidden(f"this key may only upload {' or '.join(sorted(writable))} meetings")


def to_public(m: Meeting, visibility: str = RESTRICTIVE) -> MeetingPublic:
    return MeetingPublic(
        meeting_id=m.meeting_id, date=m.date.isoformat() if m.date else None, body=m.body,
        title=m.title, organisation=m.organisation, item_count=item_count(m),
        participants=len(m.participants), source_file=m.source_file, warnings=m.warnings,
        visibility=visibility,
    )


def list_meetings(services: Services, *, visibilities: set[str] | None = None) -> list[MeetingPublic]:
    seen = visibilities_of(services.store)
    return [to_public(m, seen.get(m.meeting_id, RESTRICTIVE))
            for m in services.store.list_meetings()
            if visibilities is None or seen.get(m.meeting_id, RESTRICTIVE) in visibilities]


def delete_meeting(meeting_id: str, *, services: Services,
                   visibilities: set[str] | None = None) -> None:
    visible_meeting(services.store, meeting_id, visibilities)  # the same 404 for not-yours
    services.store.delete_meeting(meeting_id)
    for path in services.docs_dir.glob(f"{meeting_id}.*"):
        path.unlink(missing_ok=True)
    services.lexical_sync.current()
