"""Who may see which meeting: each meeting record carries `visibility` ("public" or
"internal") in its Chroma metadata, beside the store's own fields.

A record without one counts as internal, so a meeting is never public by accident: not
before its upload has finished tagging it, nor when it was indexed before this existed.
A caller limited to some visibilities gets, for any other meeting, the same 404 as for an
unknown id, so an error never tells an internal meeting exists.
"""

from __future__ import annotations

from typing import Any, cast

from index.errors import NotFound
from index.models import Chunk, Meeting
from index.store import ChunkStore
from service.errors import Forbidden

VISIBILITIES = ("public", "internal")
RESTRICTIVE = "internal"


def unknown_meeting(meeting_id: str) -> NotFound:
    return NotFound(f"no meeting with id {meeting_id!r}; `referat meetings` lists them")


def visibilities_of(store: ChunkStore) -> dict[str, str]:
    got = store.meetings.get(include=["metadatas"])
    return {i: str((m or {}).get("visibility", RESTRICTIVE))
            for i, m in zip(got["ids"], got["metadatas"] or [], strict=True)}


def visible_meeting_ids(store: ChunkStore, visibilities: set[str] | None) -> frozenset[str] | None:
    """None (no restriction) or the meetings the caller may see."""
    if visibilities is None:
        return None
    return frozenset(i for i, v in visibilities_of(store).items() if v in visibilities)


def set_visibility(store: ChunkStore, meeting_id: str, visibility: str) -> None:
    if visibility not in VISIBILITIES:
        raise ValueError(f"visibility must be one of {VISIBILITIES}")
    # Chroma merges metadata on update, so the store's own fields stay as they are.
    store.meetings.update(ids=[meeting_id], metadatas=[{"visibility": visibility}])


def visible_meeting(store: ChunkStore, meeting_id: str,
                    visibilities: set[str] | None) -> Meeting:
    """The meeting, or the same NotFound for unknown and for not-yours."""
    try:
        meeting = store.get_meeting(meeting_id)
    except NotFound:
        raise unknown_meeting(meeting_id) from None
    if visibilities is not None and visibilities_of(store).get(meeting_id, RESTRICTIVE) \
            not in visibilities:
        raise unknown_meeting(meeting_id)
    return meeting


class _RestrictWhileReplacing:
    """The store as the ingest step sees it: before an existing meeting's record flips to
    the new version, its visibility drops to internal, so the new text is never shown
    under the old, wider visibility; the upload sets the final one afterwards. A caller
    who may not see the existing meeting cannot replace it."""

    def __init__(self, store: ChunkStore, writable: set[str] | None,
                 seen: dict[str, str] | None = None) -> None:
        self._store = store
        self._writable = writable
        self._seen = seen  # the visibilities the caller read before the write, if it did

    def __getattr__(self, name: str) -> Any:
        return getattr(self._store, name)

    def meeting_versions(self) -> dict[str, str]:
        return self._guard(self._store.meeting_versions())

    def active_versions(self) -> dict[str, str]:
        return self._guard(self._store.active_versions())

    def _guard(self, active: dict[str, str]) -> dict[str, str]:
        if self._writable is None:
            return active
        seen = self._seen if self._seen is not None else visibilities_of(self._store)
        return _Guarded(active, {i for i in active if seen.get(i, RESTRICTIVE) not in self._writable})

    def replace_meeting(self, meeting: Meeting, chunks: list[Chunk], vectors: list[list[float]],
                        *, version: str) -> None:
        self._restrict([meeting.meeting_id])
        self._store.replace_meeting(meeting, chunks, vectors, version=version)

    def replace_meetings(self, records: list[Any], *args: Any, **kwargs: Any) -> Any:
        self._restrict([r.meeting.meeting_id for r in records])
        return self._store.replace_meetings(records, *args, **kwargs)

    def _restrict(self, meeting_ids: list[str]) -> None:
        seen = visibilities_of(self._store)
        for meeting_id in meeting_ids:
            previous = seen.get(meeting_id)
            if previous is None:
                continue
            if self._writable is not None and previous not in self._writable:
                raise Forbidden(f"this key may not write meeting {meeting_id!r}")
            set_visibility(self._store, meeting_id, RESTRICTIVE)


class _Guarded(dict[str, str]):
    """Active versions where looking up a meeting the caller may not write refuses at once:
    ingest looks its meeting up before it embeds or stores anything."""

    def __init__(self, active: dict[str, str], forbidden: set[str]) -> None:
        super().__init__(active)
        self._forbidden = forbidden

    def _check(self, key: object) -> None:
        if key in self._forbidden:
            raise Forbidden(f"this key may not write meeting {key!r}")

    def get(self, key: str, default: Any = None) -> Any:  # type: ignore[override]
        self._check(key)
        return super().get(key, default)

    def __getitem__(self, key: str) -> str:
        self._check(key)
        return super().__getitem__(key)

    def __contains__(self, key: object) -> bool:
        self._check(key)
        return super().__contains__(key)


def guarded(store: ChunkStore, writable: set[str] | None,
            seen: dict[str, str] | None = None) -> ChunkStore:
    """`seen`: the visibilities the caller has just read (all the meeting records, one Chroma
    scan), so the guard does not read them again before the write."""
    return cast(ChunkStore, _RestrictWhileReplacing(store, writable, seen))
