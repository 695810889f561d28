"""The naive pipeline a user would otherwise build, scored beside Referat in eval reports.

Fixed 1000-character chunks of the extracted text, dense retrieval only with the same
embedder, its own Chroma collection, and an "answer" made of the top chunk's first
sentences. It never refuses. Agenda items are attached to chunks only so it can be scored.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from index.embed import Embedder
from index.models import Chunk, Meeting, SectionKind
from index.parse_minutes import parse_minutes
from index.readers import read_document
from index.store import ChunkStore

CHUNK_CHARS = 1000
ANSWER_SENTENCES = 2
ANSWER_MAX_CHARS = 400


@dataclass(frozen=True)
class Span:
    """Where one agenda item (or board proposal) sits in the extracted text."""

    start: int
    end: int
    item: str
    title: str


def fixed_chunks(text: str, size: int = CHUNK_CHARS) -> list[tuple[int, str]]:
    """(offset, text) of consecutive `size`-character windows; blank windows are dropped."""
    return [(i, text[i : i + size]) for i in range(0, len(text), size) if text[i : i + size].strip()]


def _heading_start(text: str, number: str, title: str) -> int | None:
    """Start of the last line that opens with the item's number and its title's first words.

    The last one, because Steinkjer protocols list every item in a saksliste first.
    """
    num = r"\s*".join(re.escape(p) for p in number.split())
    words = re.findall(r"\w+", title)[:3]
    pattern = rf"(?im)^[ \t]*{num}\.?[ \t]+" + r"[\W_]+".join(re.escape(w) for w in words)
    found = list(re.finditer(pattern, text))
    return found[-1].start() if found else None


def item_spans(text: str, meeting: Meeting) -> list[Span]:
    """Each item owns the text from its heading to the next located heading."""
    heads = [(i.number, i.title) for i in meeting.items]
    if meeting.board_meeting:
        heads += [(p.number, p.title) for p in meeting.board_meeting.proposals]
    located = sorted(
        (pos, number, title) for number, title in heads
        if (pos := _heading_start(text, number, title)) is not None
    )
    if not located:  # an excerpt whose items the parser found no headings for
        return []
    ends = [pos for pos, _, _ in located[1:]] + [len(text)]
    return [Span(pos, end, number, title) for (pos, number, title), end in zip(located, ends, strict=True)]


def attribute(start: int, end: int, spans: list[Span]) -> Span | None:
    """The item covering most of the chunk [start, end); None for header-only chunks."""
    best, most = None, 0
    for s in spans:
        overlap = min(end, s.end) - max(start, s.start)
        if overlap > most:
            best, most = s, overlap
    return best


def first_sentences(text: str, n: int = ANSWER_SENTENCES) -> str:
    flat = re.sub(r"\s+", " ", text).strip()
    # "3. Samarbeid" and "24.04.26" are not sentence ends.
    sentences = re.split(r"(?<=[^\d\s][.!?])\s+", flat)
    return " ".join(sentences[:n])[:ANSWER_MAX_CHARS]


class NaiveBaseline:
    """Index documents and answer questions the naive way; answers match POST /v1/ask."""

    name = "naive"

    def __init__(self, *, chroma_client: Any, embedder: Embedder, prefix: str = "naive_baseline",
                 top_k: int = 6) -> None:
        self._store = ChunkStore(chroma_client, prefix=prefix)
        self._embedder = embedder
        self.top_k = top_k

    def index(self, path: Path) -> Meeting:
        text = read_document(path)
        # The parser only names the meeting and locates items for scoring; retrieval never
        # sees its structure.
        meeting = parse_minutes(text, source_file=path.name)
        version = hashlib.sha256(f"{CHUNK_CHARS}/{self._embedder.model_id}/{text}".encode()).hexdigest()
        spans = item_spans(text, meeting)
        chunks = []
        for n, (offset, piece) in enumerate(fixed_chunks(text)):
            span = attribute(offset, offset + len(piece), spans)
            chunks.append(Chunk(
                chunk_id=f"{meeting.meeting_id}:naive:{n}", text=piece,
                meeting_id=meeting.meeting_id, body=meeting.body,
                meeting_date=meeting.date.isoformat() if meeting.date else "",
                item=span.item if span else "", item_title=span.title if span else "",
                section=SectionKind.document, source_file=path.name,
                content_hash=hashlib.sha256(piece.encode()).hexdigest(), version=version,
            ))
        vectors = self._embedder.embed([c.text for c in chunks]) if chunks else []
        self._store.replace_meeting(meeting, chunks, vectors, version=version)
        return meeting

    def ask(self, question: str) -> dict[str, Any]:
        vector = self._embedder.embed([question])[0]
        hits = self._store.dense_search(vector, k=self.top_k)
        retrieved = [
            {"meeting_id": c.meeting_id, "meeting_date": c.meeting_date, "body": c.body,
             "item": c.item, "title": c.item_title, "score": round(score, 4)}
            for c, score in hits
        ]
        if not hits:
            return {"answer": "", "answered": False, "mode": "extractive", "citations": [],
                    "usage": {}, "retrieved": []}
        top = hits[0][0]
        answer = first_sentences(top.text)
        citation = {**{k: v for k, v in retrieved[0].items() if k != "score"}, "quote": answer}
        return {"answer": answer, "answered": True, "mode": "extractive",
                "citations": [citation], "usage": {}, "retrieved": retrieved}
