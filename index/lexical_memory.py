"""An in-memory `LexicalIndex`: BM25 over `analyze` terms, built from chunks. The reference
the persistent index is compared with, and what tests and small archives run on."""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Collection, Iterable, Sequence

from index.analyze import analyze
from index.chunk import heading_organisation
from index.lexical_api import MeetingInfo
from index.models import Chunk

K1 = 1.2
B = 0.75


class MemoryLexicalIndex:
    def __init__(self, chunks: Iterable[Chunk], *, generation: int = 0) -> None:
        self._chunks = list(chunks)
        self._generation = generation
        self._postings: dict[str, list[tuple[int, int]]] = {}
        self._lengths: list[int] = []
        for doc, chunk in enumerate(self._chunks):
            counts = Counter(analyze(chunk.text))
            self._lengths.append(sum(counts.values()))
            for term, tf in counts.items():
                self._postings.setdefault(term, []).append((doc, tf))
        self._avg = sum(self._lengths) / len(self._lengths) if self._lengths else 1.0
        self._meetings: dict[str, MeetingInfo] = {}
        self._by_meeting: dict[str, list[int]] = {}
        for doc, c in enumerate(self._chunks):
            self._by_meeting.setdefault(c.meeting_id, []).append(doc)
            if c.meeting_id not in self._meetings:
                self._meetings[c.meeting_id] = MeetingInfo(
                    meeting_id=c.meeting_id, body=c.body, date=c.meeting_date,
                    organisation=heading_organisation(c) or None)

    def idf(self, term: str) -> float:
        n = self.doc_freq(term)
        return math.log(1 + (len(self._chunks) - n + 0.5) / (n + 0.5))

    def search(self, terms: Sequence[str], *, k: int,
               meeting_ids: Collection[str] | None = None) -> list[tuple[Chunk, float]]:
        allowed = set(meeting_ids) if meeting_ids is not None else None
        scores: dict[int, float] = {}
        for term in dict.fromkeys(terms):
            idf = self.idf(term)
            for doc, tf in self._postings.get(term, ()):
                if allowed is not None and self._chunks[doc].meeting_id not in allowed:
                    continue
                norm = tf + K1 * (1 - B + B * self._lengths[doc] / self._avg)
                scores[doc] = scores.get(doc, 0.0) + idf * tf * (K1 + 1) / norm
        ranked = sorted(scores.items(), key=lambda kv: (-kv[1], self._chunks[kv[0]].chunk_id))[:k]
        return [(self._chunks[doc], score) for doc, score in ranked]

    def doc_freq(self, term: str) -> int:
        return len(self._postings.get(term, ()))

    def n_chunks(self) -> int:
        return len(self._chunks)

    def meetings(self) -> dict[str, MeetingInfo]:
        return self._meetings

    def chunks_of(self, meeting_id: str) -> list[Chunk]:
        return [self._chunks[d] for d in self._by_meeting.get(meeting_id, [])]

    def generation(self) -> int:
        return self._generation
