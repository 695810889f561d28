"""Lexical side of the store: BM25 over chunk texts.

`MemoryLexicalIndex` scores `index.analyze` terms and is the reference the persistent index
(`index.lexical_sqlite`) must rank like. Derived state only: nothing here holds anything
Chroma does not.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Callable, Collection, Iterable, Sequence

from index.analyze import analyze
from index.lexical_api import MeetingInfo
from index.models import Chunk, SectionKind

# -- the analyzer-based index (index.analyze), the reference for index.lexical_sqlite --------
K1 = 1.2
B = 0.75


def idf(n_chunks: int, df: int) -> float:
    """Lucene's BM25 IDF: never negative, so a term in most chunks still counts a little."""
    return math.log(1 + (n_chunks - df + 0.5) / (df + 0.5))


def meeting_info(chunk: Chunk) -> MeetingInfo:
    """A meeting's directory row read from one of its chunks (the header chunk carries the
    title on its first body line)."""
    from index.chunk import heading_organisation

    title = ""
    if chunk.section is SectionKind.header:
        title = chunk.text.split("\n\n", 1)[-1].split("\n", 1)[0]
    return MeetingInfo(meeting_id=chunk.meeting_id, body=chunk.body,
                       organisation=heading_organisation(chunk) or None,
                       date=chunk.meeting_date, title=title)


class MemoryLexicalIndex:
    """BM25 over `analyze` terms, in memory: `LexicalIndex` for tests and small archives."""

    def __init__(self, chunks: Iterable[Chunk], *, generation: int = 0,
                 meetings: dict[str, MeetingInfo] | None = None) -> None:
        self._chunks = list(chunks)
        self._generation = generation
        self._tf: list[Counter[str]] = [Counter(analyze(c.text)) for c in self._chunks]
        self._lengths = [sum(tf.values()) for tf in self._tf]
        self._avg = (sum(self._lengths) / len(self._lengths)) if self._lengths else 1.0
        self._postings: dict[str, list[int]] = {}
        for doc, tf in enumerate(self._tf):
            for term in tf:
                self._postings.setdefault(term, []).append(doc)
        self._meetings = meetings
        self._by_meeting: dict[str, list[Chunk]] = {}
        for c in self._chunks:
            self._by_meeting.setdefault(c.meeting_id, []).append(c)

    def search(self, terms: Sequence[str], *, k: int,
               meeting_ids: Collection[str] | None = None) -> list[tuple[Chunk, float]]:
        allowed = set(meeting_ids) if meeting_ids is not None else None
        scores: dict[int, float] = {}
        for term in dict.fromkeys(terms):
            docs = self._postings.get(term, ())
            weight = idf(len(self._chunks), len(docs))
            for doc in docs:
                if allowed is not None and self._chunks[doc].meeting_id not in allowed:
                    continue
                tf = self._tf[doc][term]
                norm = tf + K1 * (1 - B + B * self._lengths[doc] / self._avg)
                scores[doc] = scores.get(doc, 0.0) + weight * tf * (K1 + 1) / norm
        ranked = sorted(scores.items(), key=lambda ds: (-ds[1], self._chunks[ds[0]].chunk_id))
        return [(self._chunks[doc], score) for doc, score in ranked[:k]]

    def doc_freq(self, term: str) -> int:
        return len(self._postings.get(term, ()))

    def n_chunks(self) -> int:
        return len(self._chunks)

    def meetings(self) -> dict[str, MeetingInfo]:
        if self._meetings is None:
            out: dict[str, MeetingInfo] = {}
            for chunks in self._by_meeting.values():
                head = next((c for c in chunks if c.section is SectionKind.header), chunks[0])
                out[head.meeting_id] = meeting_info(head)
            self._meetings = out
        return self._meetings

    def chunks_of(self, meeting_id: str) -> list[Chunk]:
        return list(self._by_meeting.get(meeting_id, ()))

    def item_chunks(self, meeting_ids: Sequence[str], item: Callable[[str | None], bool]) -> list[Chunk]:
        return [c for m in meeting_ids for c in self._by_meeting.get(m, ()) if item(c.item)]

    def generation(self) -> int:
        return self._generation
