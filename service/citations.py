"""Citation check of the ask flow: markers in an answer are matched against the excerpts
that were actually retrieved; anything else is removed and reported, never trusted.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from index.chunk import item_label
from index.lexical import terms
from index.models import Chunk
from service.schemas import Citation
from service.sentences import sentences
from service.sentences import units as paragraphs

_MARKER = re.compile(r"\[([^\[\]\n]{1,80})\]")


def marker(chunk: Chunk) -> str:
    """How answers cite a chunk: "[sak 7, 16.04.2026]", "[PS 1/26, 29.01.2026]"."""
    label = item_label(chunk.item).replace("Sak ", "sak ") if chunk.item else chunk.item_title
    if chunk.meeting_date:
        y, m, d = chunk.meeting_date.split("-")
        return f"[{label}, {d}.{m}.{y}]"
    return f"[{label}]"


def _norm(label: str) -> str:
    label = label.lower().replace("sak ", "").replace("item ", "").replace("nr. ", "")
    return re.sub(r"\s+", " ", label).strip(" .")


def units(chunk: Chunk) -> list[str]:
    """Sentences and bullets of a chunk's body (its header lines excluded), with the lines a
    PDF export wrapped joined again; apart from whitespace, every unit is verbatim."""
    body = chunk.text.split("\n\n", 1)[1] if "\n\n" in chunk.text else chunk.text
    whole = squash(chunk.text)
    return [s for unit in paragraphs(body) for s in sentences(unit)
            if len(s) >= 3 and squash(s) in whole]


def squash(text: str) -> str:
    """Whitespace-insensitive form, for checking that a quote comes from a text."""
    return " ".join(text.split())


def best_quote(chunk: Chunk, text: str) -> str:
    want = set(terms(text))
    candidates = units(chunk) or [chunk.text]
    return max(candidates, key=lambda u: (len(want & set(terms(u))), -candidates.index(u)))


@dataclass
class CheckedAnswer:
    text: str
    citations: list[Citation]
    removed: list[str]


def check_citations(answer: str, chunks: list[Chunk]) -> CheckedAnswer:
    by_label: dict[str, list[Chunk]] = {}
    for c in chunks:
        full = _norm(marker(c)[1:-1])
        by_label.setdefault(full, []).append(c)
        by_label.setdefault(full.split(",")[0].strip(), []).append(c)
    citations: dict[tuple[str, str], Citation] = {}
    removed: list[str] = []

    def keep_or_drop(m: re.Match[str]) -> str:
        options = by_label.get(_norm(m.group(1)), [])
        meetings = {c.meeting_id for c in options}
        if not options or len(meetings) > 1:  # unknown, or ambiguous across meetings
            removed.append(m.group(0))
            return ""
        sentence = _sentence_around(answer, m.start())
        chunk = max(options, key=lambda c: len(set(terms(sentence)) & set(terms(c.text))))
        key = (chunk.meeting_id, chunk.item)
        if key not in citations:
            citations[key] = to_citation(chunk, best_quote(chunk, sentence))
        return m.group(0)

    text = _MARKER.sub(keep_or_drop, answer)
    text = re.sub(r"[ \t]+([.,;:])", r"\1", re.sub(r"[ \t]{2,}", " ", text)).strip()
    return CheckedAnswer(text=text, citations=list(citations.values()), removed=removed)


def to_citation(chunk: Chunk, quote: str) -> Citation:
    return Citation(meeting_id=chunk.meeting_id, meeting_date=chunk.meeting_date, body=chunk.body,
                    item=chunk.item, title=chunk.item_title, quote=quote)


def _sentence_around(text: str, pos: int) -> str:
    start = max(text.rfind(".", 0, pos), text.rfind("\n", 0, pos)) + 1
    return text[start:pos]
