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

_MARKER = re.compile(r"\[([^\[\]\n]{1,80})\]")
_UNIT_SPLIT = re.compile(r"\n+|(?<=[.!?])\s+(?=[A-ZÆØÅ«\"])")
_BULLET = re.compile(r"^\s*(?:[-–•▪o*·]|\d+[.)])\s+")


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
    """Sentences and bullets of a chunk's body (its header lines excluded). Lines that a PDF
    export wrapped mid-sentence are joined again with a space, so a quote is a whole
    sentence; apart from whitespace, every unit is verbatim from the chunk."""
    body = chunk.text.split("\n\n", 1)[1] if "\n\n" in chunk.text else chunk.text
    out = []
    for raw in _UNIT_SPLIT.split(_unwrap(body)):
        unit = _BULLET.sub("", raw).strip()
        if len(unit) >= 3 and squash(unit) in squash(chunk.text):
            out.append(unit)
    return out


_WRAP_MIN = 60  # a line this long that stops without punctuation was wrapped, not ended


def _unwrap(text: str) -> str:
    out: list[str] = []
    prev = ""  # the previous line as written: a wrap is judged on it, not on the joined text
    for line in text.split("\n"):
        stripped = line.strip()
        continues = (
            out and prev.strip() and stripped and not _BULLET.match(line)
            and not prev.rstrip().endswith((".", ":", ";", "!", "?"))
            and not prev.strip().isupper()  # a heading in capitals ends its line
            and (stripped[0].islower() or stripped[0] == "("
                 or (stripped[0].isdigit() and not prev.strip()[-1:].isdigit())
                 or len(prev.strip()) >= _WRAP_MIN)
            and not (len(prev.strip()) < _WRAP_MIN and stripped[:1].isupper())
        )
        if continues:
            out[-1] = out[-1].rstrip() + " " + stripped
        else:
            out.append(line)
        prev = line
    return "\n".join(out)


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
