"""Extractive answer mode (the embedded default): no generative model. It quotes the
sentences and bullets of the retrieved items that carry the question's topic, each cited,
or refuses. Deterministic: the same index and question give the same answer.
"""

from __future__ import annotations

from dataclasses import dataclass

from index.chunk import item_label
from index.lexical import BM25, terms
from index.models import Chunk
from service.citations import marker, to_citation, units
from service.retrieve import Hit
from service.schemas import Citation

MAX_QUOTES = 3
MAX_ITEMS = 2


@dataclass
class Draft:
    answer: str
    citations: list[Citation]


def _unit_score(bm25: BM25, topic_terms: set[str], unit: str) -> float:
    have = set(terms(unit))
    total = sum(bm25.idf(t) for t in topic_terms) or 1.0
    return sum(bm25.idf(t) for t in topic_terms & have) / total


def answer_extractively(topic: str, hits: list[Hit], *, bm25: BM25, english: bool) -> Draft:
    topic_terms = set(terms(topic))
    chosen: list[tuple[Chunk, str]] = []
    items: list[tuple[str, str]] = []
    for hit in hits:
        key = (hit.chunk.meeting_id, hit.chunk.item or hit.chunk.chunk_id)
        if key not in items and len(items) == MAX_ITEMS:
            continue
        scored = [(_unit_score(bm25, topic_terms, u), -n, u) for n, u in enumerate(units(hit.chunk))]
        if not scored:
            continue
        best = max(scored)[0]
        if chosen and best < 0.3:  # later items must add something on the topic itself
            continue
        picks = [u for s, _, u in sorted(scored, reverse=True) if s >= max(best * 0.6, 1e-9)]
        picks = picks or [u for _, _, u in sorted(scored, key=lambda t: -t[1])[:2]]
        for unit in picks:
            if len(chosen) >= MAX_QUOTES:
                break
            if all(unit not in q and q not in unit for _, q in chosen):
                chosen.append((hit.chunk, unit))
                if key not in items:
                    items.append(key)
        if len(chosen) >= MAX_QUOTES:
            break
    return _render(chosen, english=english)


def _render(chosen: list[tuple[Chunk, str]], *, english: bool) -> Draft:
    lines: list[str] = []
    citations: dict[tuple[str, str], Citation] = {}
    last: tuple[str, str] | None = None
    for chunk, quote in chosen:
        key = (chunk.meeting_id, chunk.item)
        if key != last:
            where = f"{chunk.body}, {_date(chunk.meeting_date)}"
            label = item_label(chunk.item) if chunk.item else ""
            if english:
                label = label.replace("Sak ", "Item ")
            head = f"{label} {chunk.item_title}".strip()
            lines.append(f"{head} ({where}):")
            last = key
        lines.append(f"- «{quote}» {marker(chunk)}")
        citations.setdefault(key, to_citation(chunk, quote))
    intro = "From the minutes:" if english else "Fra referatet:"
    return Draft(answer="\n".join([intro, *lines]), citations=list(citations.values()))


def _date(iso: str) -> str:
    if not iso:
        return "udatert"
    y, m, d = iso.split("-")
    return f"{d}.{m}.{y}"
