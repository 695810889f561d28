"""A document read again by a newer parser: when the same bytes under the same file name now
give another meeting id (a header read better), the new meeting replaces the old one, with
its visibility, instead of standing beside it. Made-up minutes throughout."""

from __future__ import annotations

import pytest

import service.meetings as meetings
from tests.conftest import make_services
from tests.test_visibility_writes import MINUTES


@pytest.fixture
def services(tmp_path, embedder):  # noqa: ANN001, ANN201
    return make_services(tmp_path, embedder, default_visibility="public")


def _older_parser(monkeypatch, meeting_id: str) -> None:  # noqa: ANN001
    """The parser of an earlier release, which read the same header into another id."""
    import index.ingest

    real = index.ingest.parse_minutes
    monkeypatch.setattr(index.ingest, "parse_minutes", lambda text, *, source_file: real(
        text, source_file=source_file).model_copy(update={"meeting_id": meeting_id}))


def test_the_same_file_read_into_a_new_id_replaces_the_old_meeting(services, monkeypatch) -> None:  # noqa: ANN001
    with monkeypatch.context() as older:
        _older_parser(older, "old-reading-2026-02-03")
        first = meetings.ingest_upload(MINUTES, filename="t.txt", services=services,
                                       visibility="internal")
    assert first.meeting_id == "old-reading-2026-02-03"
    again = meetings.ingest_upload(MINUTES, filename="t.txt", services=services)
    assert again.meeting_id != first.meeting_id
    assert (again.status, again.replaces, again.visibility) == (
        "replaced", first.meeting_id, "internal")
    assert [m.meeting_id for m in services.store.list_meetings()] == [again.meeting_id]
    assert sorted(p.name for p in services.docs_dir.glob("*.txt")) == [f"{again.meeting_id}.txt"]
    assert meetings.ingest_upload(MINUTES, filename="t.txt", services=services).status == "unchanged"


def test_other_bytes_under_the_same_file_name_are_another_meeting(services, monkeypatch) -> None:  # noqa: ANN001
    with monkeypatch.context() as older:
        _older_parser(older, "old-reading-2026-02-03")
        meetings.ingest_upload(MINUTES, filename="t.txt", services=services)
    other = MINUTES.replace(b"03.02.2026", b"10.03.2026")
    new = meetings.ingest_upload(other, filename="t.txt", services=services)
    assert (new.status, new.replaces) == ("added", None)
    assert len(services.store.list_meetings()) == 2


def test_a_crash_that_left_both_readings_is_mended_by_the_next_ingest(services, monkeypatch) -> None:  # noqa: ANN001
    import index.ingest

    with monkeypatch.context() as older:
        _older_parser(older, "old-reading-2026-02-03")
        meetings.ingest_upload(MINUTES, filename="t.txt", services=services)
    with monkeypatch.context() as dies:
        dies.setattr(index.ingest, "_drop", lambda *a: (_ for _ in ()).throw(RuntimeError("died")))
        with pytest.raises(RuntimeError):
            meetings.ingest_upload(MINUTES, filename="t.txt", services=services)
    assert len(services.store.list_meetings()) == 2  # both, never neither
    again = meetings.ingest_upload(MINUTES, filename="t.txt", services=services)
    assert (again.status, again.replaces) == ("unchanged", "old-reading-2026-02-03")
    assert [m.meeting_id for m in services.store.list_meetings()] == [again.meeting_id]
