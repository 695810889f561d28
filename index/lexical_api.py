"""The lexical index's interface, as the read path uses it. Terms are `index.analyze.analyze`
output, for documents and queries alike; implementations only store and score them.

Implementations: `index.lexical.MemoryLexicalIndex` (built from chunks, for tests and small
archives) and the persistent SQLite one the service runs on.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Sequence
from typing import Protocol

from pydantic import BaseModel

from index.models import Chunk


class MeetingInfo(BaseModel):
    """One row of the meeting directory: what scoping a question needs, without its text."""

    meeting_id: str
    body: str
    organisation: str | None = None
    date: str = ""  # ISO date or ""
    title: str = ""
    # No visibility: it changes without a new generation, so a copy here would go stale;
    # who may see a meeting is read from the store's records on every request.


class LexicalIndex(Protocol):
    def search(self, terms: Sequence[str], *, k: int,
               meeting_ids: Collection[str] | None = None) -> list[tuple[Chunk, float]]:
        """BM25 (k1=1.2, b=0.75) over active chunks, best first; a term repeated in `terms`
        counts once. `meeting_ids` restricts the candidates before ranking."""
        ...

    def doc_freq(self, term: str) -> int:
        """Active chunks holding `term`."""
        ...

    def n_chunks(self) -> int: ...

    def meetings(self) -> dict[str, MeetingInfo]:
        """The directory of active meetings, built once per index change."""
        ...

    def chunks_of(self, meeting_id: str) -> list[Chunk]:
        """A meeting's active chunks in document order."""
        ...

    def item_chunks(self, meeting_ids: Sequence[str], item: Callable[[str | None], bool]) -> list[Chunk]:
        """The active chunks of these meetings whose agenda item `item` accepts, meeting by
        meeting in document order; the others are not decoded."""
        ...

    def generation(self) -> int:
        """The store's change counter this index reflects."""
        ...
