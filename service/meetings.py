"""Meeting management flows shared by the HTTP API and the CLI."""

from __future__ import annotations

from index.errors import ReferatError
from index.ingest import IngestResult, ingest_document, ingest_documents, item_count
from index.models import Meeting
from service.schemas import IngestPublic, MeetingPublic
from service.wiring import Services


def ingest_upload(data: bytes, *, filename: str, services: Services,
                  replace: bool = False) -> IngestPublic:
    """Stores the text and brings the lexical index up to date, so the meeting is searchable
    when this returns; its vectors follow in the background."""
    s = services.settings
    result = ingest_document(
        data, filename=filename, store=services.store, embedder=services.embedder,
        docs_dir=services.docs_dir, max_bytes=s.max_upload_bytes, chunk_tokens=s.chunk_tokens,
        chunk_overlap=s.chunk_overlap, replace=replace, embed_now=False,
    )
    if result.status != "unchanged":
        services.lexical_sync.current()
        services.vectors.kick()
    return IngestPublic(**result.model_dump())


def ingest_uploads(files: list[tuple[bytes, str]], *, services: Services,
                   replace: bool = False) -> list[IngestPublic | ReferatError]:
    """`ingest_upload` for a folder: one store write per batch of documents."""
    s = services.settings
    results = ingest_documents(
        files, store=services.store, embedder=services.embedder, docs_dir=services.docs_dir,
        max_bytes=s.max_upload_bytes, chunk_tokens=s.chunk_tokens, chunk_overlap=s.chunk_overlap,
        replace=replace, embed_now=False)
    if any(isinstance(r, IngestResult) and r.status != "unchanged" for r in results):
        services.lexical_sync.current()
        services.vectors.kick()
    return [r if isinstance(r, ReferatError) else IngestPublic(**r.model_dump()) for r in results]


def to_public(m: Meeting) -> MeetingPublic:
    return MeetingPublic(
        meeting_id=m.meeting_id, date=m.date.isoformat() if m.date else None, body=m.body,
        title=m.title, organisation=m.organisation, item_count=item_count(m),
        participants=len(m.participants), source_file=m.source_file, warnings=m.warnings,
    )


def list_meetings(services: Services) -> list[MeetingPublic]:
    return [to_public(m) for m in services.store.list_meetings()]


def delete_meeting(meeting_id: str, *, services: Services) -> None:
    services.store.delete_meeting(meeting_id)
    for path in services.docs_dir.glob(f"{meeting_id}.*"):
        path.unlink(missing_ok=True)
    services.lexical_sync.current()
