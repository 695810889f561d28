"""What a write does to who may see a meeting: a record is stored hidden and the upload then
sets the visibility asked for or the one the meeting had, so neither a replace nor a write
that dies half-way ever shows an internal meeting as public. Made-up minutes throughout."""

from __future__ import annotations

import pytest

import service.meetings as meetings
from service.visibility import visibilities_of
from tests.conftest import make_services

MINUTES = """MØTEPROTOKOLL

Fjellvik kommune, Testutvalget

Møtedato: 03.02.2026
Møtested: Fjellvik rådhus

Sak 1/26 Budsjett for brøytelaget
Vedtak: Brøytelaget får 40 000 kr.
""".encode()


@pytest.fixture
def services(tmp_path, embedder):  # noqa: ANN001, ANN201
    # A default of "public" shows that a replace keeps "internal" by itself, not by default.
    return make_services(tmp_path, embedder, default_visibility="public")


def _visibility(services) -> str:  # noqa: ANN001
    (only,) = [v for k, v in visibilities_of(services.store).items() if not k.startswith("_")]
    return only


def test_a_folder_replace_keeps_an_internal_meeting_internal(services) -> None:  # noqa: ANN001
    first = meetings.ingest_upload(MINUTES, filename="t.txt", services=services,
                                   visibility="internal")
    (again,) = meetings.ingest_uploads([(MINUTES + b"Sak 2/26 Eventuelt\n", "t.txt")],
                                       services=services, replace=True)
    assert not isinstance(again, Exception)
    assert (again.meeting_id, again.status) == (first.meeting_id, "replaced")
    assert again.visibility == "internal"
    assert _visibility(services) == "internal"


def test_a_single_replace_without_visibility_keeps_the_old_one(services) -> None:  # noqa: ANN001
    meetings.ingest_upload(MINUTES, filename="t.txt", services=services, visibility="internal")
    again = meetings.ingest_upload(MINUTES + b"Sak 2/26 Eventuelt\n", filename="t.txt",
                                   services=services, replace=True)
    assert (again.status, again.visibility, _visibility(services)) == (
        "replaced", "internal", "internal")
    asked = meetings.ingest_upload(MINUTES + b"Sak 3/26 Orientering\n", filename="t.txt",
                                   services=services, replace=True, visibility="public")
    assert (asked.visibility, _visibility(services)) == ("public", "public")


@pytest.mark.parametrize("replace", [False, True])
def test_a_write_that_dies_before_its_visibility_is_set_leaves_the_meeting_hidden(
        services, monkeypatch, replace) -> None:  # noqa: ANN001
    if replace:
        meetings.ingest_upload(MINUTES, filename="t.txt", services=services,
                               visibility="internal")

    def dies(*args: object, **kwargs: object) -> None:
        raise RuntimeError("the process died here")

    monkeypatch.setattr(meetings, "set_visibility", dies)
    with pytest.raises(RuntimeError):
        meetings.ingest_upload(MINUTES + b"Sak 2/26 Eventuelt\n", filename="t.txt",
                               services=services, replace=replace, visibility="internal")
    assert _visibility(services) == "internal"

