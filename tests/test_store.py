"""ChunkStore on embedded Chroma: atomic replacement, deletion, filters, active versions."""

import datetime as dt

import chromadb
import pytest

from index.chunk import chunk_meeting
from index.errors import NotFound
from index.models import AgendaItem, BoardMeeting, BoardProposal, Meeting
from index.store import ChunkStore


def meeting(text: str = "Rikstunnelen er viktig.", meeting_id: str = "kg-2026-04-16") -> Meeting:
    return Meeting(
        meeting_id=meeting_id, body="administrativ koordineringsgruppe", title="Referat",
        date=dt.date(2026, 4, 16), source_file="kg.txt", text=text,
        items=[AgendaItem(number="7", title="Rikstunnelen", text=text),
               AgendaItem(number="8", title="Toppforum", text="Toppforum 28. mai.")],
        board_meeting=BoardMeeting(date=dt.date(2026, 5, 13), proposals=[
            BoardProposal(number="20", title="Medlemskontingent 2027", note="kr 2,50")]),
    )


def put(store: ChunkStore, m: Meeting, version: str) -> None:
    chunks = chunk_meeting(m, version=version)
    store.replace_meeting(m, chunks, [[1.0, float(i)] for i in range(len(chunks))], version=version)


@pytest.fixture
def store(tmp_path) -> ChunkStore:
    return ChunkStore(chromadb.PersistentClient(path=str(tmp_path)), prefix="t")


def test_chunks_carry_header_and_metadata() -> None:
    chunks = chunk_meeting(meeting(), version="v1")
    item7 = next(c for c in chunks if c.item == "7")
    assert item7.text.startswith("administrativ koordineringsgruppe – møte 16.04.2026 (16. april 2026)")
    assert "Sak 7: Rikstunnelen" in item7.text
    assert item7.meeting_date == "2026-04-16" and item7.section.value == "item"
    proposal = next(c for c in chunks if c.item == "20")
    assert proposal.section.value == "board_proposal" and "13.05.2026" in proposal.text
    assert len({c.chunk_id for c in chunks}) == len(chunks)


def test_long_items_are_split_with_every_piece_keeping_the_header() -> None:
    long_text = " ".join(f"Setning nummer {i} om budsjettet." for i in range(400))
    chunks = [c for c in chunk_meeting(meeting(long_text), version="v", max_tokens=200,
                                       overlap=20) if c.item == "7"]
    assert len(chunks) > 3
    assert all("Sak 7: Rikstunnelen" in c.text for c in chunks)


def test_replace_swaps_versions_without_leftovers(store) -> None:
    put(store, meeting("Gammel tekst."), "v1")
    put(store, meeting("Ny tekst om tunnel."), "v2")
    texts = [c.text for c in store.all_chunks()]
    assert any("Ny tekst" in t for t in texts) and not any("Gammel" in t for t in texts)
    assert store.chunks.count() == len(texts)  # old version's chunks deleted, not hidden
    assert store.active_versions() == {"kg-2026-04-16": "v2"}


def test_same_version_twice_is_an_upsert(store) -> None:
    put(store, meeting(), "v1")
    count = store.chunks.count()
    put(store, meeting(), "v1")
    assert store.chunks.count() == count


def test_orphan_chunks_of_an_unflipped_version_are_invisible(store) -> None:
    put(store, meeting("Aktiv tekst."), "v1")
    # A crash after writing v2's chunks but before flipping the meeting record:
    m2 = meeting("Halvskrevet tekst.")
    chunks = chunk_meeting(m2, version="v2")
    store.vectors.upsert(ids=[c.chunk_id for c in chunks], embeddings=[[1.0, 0.0]] * len(chunks),
                         metadatas=[{"meeting_id": c.meeting_id, "version": "v2", "body": c.body,
                                     "date_ord": 20260416} for c in chunks])
    store.chunks.upsert(ids=[c.chunk_id for c in chunks], documents=[c.text for c in chunks],
                        embeddings=[[1.0]] * len(chunks),
                        metadatas=[{"meeting_id": c.meeting_id, "version": "v2", "body": c.body,
                                    "meeting_date": c.meeting_date, "date_ord": 20260416,
                                    "item": c.item, "item_title": c.item_title,
                                    "section": c.section.value, "source_file": "x",
                                    "content_hash": "h"} for c in chunks])
    assert not any("Halvskrevet" in c.text for c in store.all_chunks())
    hits = store.dense_search([1.0, 0.0], k=50)
    assert hits and not any("Halvskrevet" in c.text for c, _ in hits)


def test_delete_meeting_and_unknown_ids(store) -> None:
    put(store, meeting(), "v1")
    put(store, meeting(meeting_id="other-2026-01-01"), "v9")
    store.delete_meeting("kg-2026-04-16")
    assert set(store.active_versions()) == {"other-2026-01-01"}
    assert all(c.meeting_id == "other-2026-01-01" for c in store.all_chunks())
    with pytest.raises(NotFound):
        store.delete_meeting("kg-2026-04-16")
    with pytest.raises(NotFound):
        store.get_meeting("nope")


def test_meeting_round_trips_through_chroma(store) -> None:
    m = meeting()
    put(store, m, "v1")
    assert store.get_meeting(m.meeting_id) == m
    assert [x.meeting_id for x in store.list_meetings()] == [m.meeting_id]


def test_dense_search_filters_by_meeting(store) -> None:
    put(store, meeting(), "v1")
    put(store, meeting(meeting_id="other-2026-01-01"), "v9")
    hits = store.dense_search([1.0, 0.5], k=50, where={"meeting_id": {"$in": ["other-2026-01-01"]}})
    assert hits and {c.meeting_id for c, _ in hits} == {"other-2026-01-01"}


def test_every_write_bumps_the_generation_and_changes_name_what_changed(store) -> None:
    assert store.generation() == 0
    put(store, meeting(), "v1")
    put(store, meeting(meeting_id="other-2026-01-01"), "v9")
    assert store.generation() == 2
    put(store, meeting("Ny tekst."), "v2")
    changes = store.changes_since(3)
    assert changes.generation == 3 and [r.meeting_id for r in changes.written] == ["kg-2026-04-16"]
    store.delete_meeting("other-2026-01-01")
    changes = store.changes_since(4)
    assert changes.deleted == [("other-2026-01-01", 4)] and not changes.written
    assert store.meeting_versions() == {"kg-2026-04-16": "v2"}
    assert store.active_versions() == {"kg-2026-04-16": "v2"}  # counter and tombstone hidden
    assert [m.meeting_id for m in store.list_meetings()] == ["kg-2026-04-16"]


def test_whole_collection_reads_are_paged(store, monkeypatch) -> None:
    import index.store_records

    monkeypatch.setattr(index.store_records, "PAGE", 3)  # Chroma's limit is ~32k rows per get
    for n in range(4):
        put(store, meeting(meeting_id=f"m{n}-2026-01-01"), f"v{n}")
    assert len(store.active_versions()) == 4
    assert len(store.all_chunks()) == 4 * len(chunk_meeting(meeting(), version="x"))
    assert len(store.list_meetings()) == 4


def test_text_is_stored_without_vectors_and_they_follow(store) -> None:
    m = meeting()
    chunks = chunk_meeting(m, version="v1")
    store.replace_meeting(m, chunks, None, version="v1")
    assert len(store.all_chunks()) == len(chunks) and store.dense_search([1.0, 0.0], k=5) == []
    pending = store.pending_vectors()
    assert len(pending) == len(chunks)
    store.mark_vectors(pending, [[1.0, float(i)] for i in range(len(pending))])
    assert store.pending_vectors() == [] and len(store.dense_search([1.0, 0.0], k=50)) == len(chunks)
