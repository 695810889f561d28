"""Extractive answer mode (the embedded default): no generative model. It quotes the
sentences and bullets of the retrieved items that carry the question's topic, each cited,
or refuses. Deterministic: the same index and question give the same answer.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from index.chunk import item_label
from index.lexical import BM25, terms
from index.models import Chunk, SectionKind
from index.parse_dates import MONTH_NAMES
from service.citations import marker, to_citation, units
from service.question import Query
from service.retrieve import Hit
from service.schemas import Citation

MAX_QUOTES = 3
MAX_ITEMS = 2
LATER_ITEM_MIN = 0.5
TITLE_MATCH = 0.6  # share of the topic in an item's title that makes it *the* item asked about
MAX_PARTICIPANTS = 40  # "hvem deltok" is answered by the whole list, not three names


@dataclass
class Draft:
    answer: str
    citations: list[Citation]


def _unit_score(bm25: BM25, topic_terms: set[str], unit: str) -> float:
    have = set(terms(unit))
    total = sum(bm25.idf(t) for t in topic_terms) or 1.0
    return sum(bm25.idf(t) * bm25.presence(t, have) for t in topic_terms) / total


# A quantity question ("hvor mye", "how many") is only answered by a passage with a number in
# it; a money question by one with an amount. A year is a date, not a quantity.
_NUMBER = re.compile(
    r"(?<![\d/])(?!(?:19|20)\d{2}(?!\d|[,.]\d))\d[\d .,]*"
    r"|\b(?:to|tre|fire|fem|seks|sju|syv|åtte|ni|ti|elleve|tolv|femten|tjue|tretti|"
    r"førti|femti|hundre|tusen|million|millioner|milliard|milliarder|two|three|four|five|"
    r"six|seven|eight|nine|ten|twelve|fifteen|twenty|hundred|thousand|halv|halvparten)\b",
    re.IGNORECASE)
_MONEY = re.compile(r"\bkr\b\.?|\bkroner\b|\bnok\b|\d\s*,-|\bmill\.?\b|\bmillioner\b|"
                    r"\bmrd\b|\bmilliarder\b|\bkr\.\s*\d", re.IGNORECASE)


_WHEN_WORDS = re.compile(
    rf"\b(?:{MONTH_NAMES}"
    r"|mandag|tirsdag|onsdag|torsdag|fredag|våren|sommeren|høsten|vinteren|uke|neste|innen"
    r"|medio|ultimo|primo|(?:19|20)\d{2})\b|\d{1,2}[.:]\d{2}|\d{1,2}\.\d{1,2}\.", re.IGNORECASE)


def satisfies(unit: str, quantity: str | None) -> bool:
    if quantity == "date":
        return bool(_WHEN_WORDS.search(unit))
    if quantity == "money":
        return bool(_MONEY.search(unit))
    if quantity == "number":
        return bool(_NUMBER.search(unit))
    return True


def answer_extractively(query: Query, hits: list[Hit], *, bm25: BM25) -> Draft:
    topic_terms = set(terms(query.topic))
    if query.english:  # untranslated English words cannot occur in the minutes
        topic_terms = {t for t in topic_terms if bm25.variants(t)} or topic_terms
    if not query.meeting_level and any(h.chunk.section not in _MEETING for h in hits):
        # The header repeats every item title in its agenda list; quoting it adds nothing
        # when an item itself matched.
        hits = [h for h in hits if h.chunk.section not in _MEETING]
    elif query.meeting_level:  # where, when, who: the header and participant list answer
        hits = sorted(hits, key=lambda h: h.chunk.section not in _MEETING)
    chosen: list[tuple[Chunk, str]] = []
    items: list[tuple[str, str]] = []
    for hit in hits:
        key = (hit.chunk.meeting_id, hit.chunk.item or hit.chunk.chunk_id)
        if key not in items and len(items) == MAX_ITEMS:
            continue
        all_units = units(hit.chunk)
        if query.asks_outcome or not topic_terms - _chunk_label_terms(hit.chunk):
            # "Hva ble konkludert om X?", or an item asked by number ("Hva gjaldt PS 1/26?"):
            # the lines under the conclusion or decision answer, not the background.
            all_units = _outcome(all_units)
        scored = [(_unit_score(bm25, topic_terms, u), -n, u) for n, u in enumerate(all_units)
                  if not _heading(u) and satisfies(u, query.quantity)
                  and _counts(bm25, query.counted, u)]
        if not scored:
            continue
        best = max(scored)[0]
        if chosen and best < LATER_ITEM_MIN:  # later items must be on the topic themselves
            continue
        if query.quantity and best < 0.2:  # a number, but not about what was asked
            continue
        picks = [u for s, _, u in sorted(scored, reverse=True) if s >= max(best * 0.6, 1e-9)]
        picks = picks or [u for _, _, u in sorted(scored, key=lambda t: -t[1])[:2]]
        picks = _beyond_title(picks, all_units, hit.chunk)
        limit = MAX_QUOTES
        if query.meeting_level and hit.chunk.section is SectionKind.participants:
            limit, picks = MAX_PARTICIPANTS, [u for u in all_units if not _heading(u)]
        for unit in picks:
            if len(chosen) >= limit:
                break
            if all(unit not in q and q not in unit for _, q in chosen):
                chosen.append((hit.chunk, unit))
                if key not in items:
                    items.append(key)
        if len(chosen) >= MAX_QUOTES or (query.meeting_level and hit.chunk.section in _MEETING
                                         and chosen):
            break  # the meeting's own header or list answered a question about the meeting
        if chosen and _unit_score(bm25, topic_terms, hit.chunk.item_title) >= TITLE_MATCH:
            break  # the question is about this item by its title: other items would be noise
    return _render(chosen, english=query.english)


_OUTCOME_HEADINGS = ("vedtak", "konklusjon", "oppsummering av innspill og konklusjon",
                     "innstilling", "forslag til vedtak")


def _heading(unit: str) -> bool:
    """"Behandling", "Innstilling:" and the like label a section; they quote nothing."""
    words = unit.rstrip(":").split()
    return len(words) <= 3 and (unit.endswith(":") or unit.rstrip(":").lower() in _OUTCOME_HEADINGS
                                or unit.lower() == "behandling")


def _outcome(all_units: list[str]) -> list[str]:
    """The lines under the item's last decision heading, else the item from the start."""
    marks = [n for n, u in enumerate(all_units) if u.rstrip(":").lower() in _OUTCOME_HEADINGS]
    return all_units[marks[-1] + 1:] or all_units if marks else all_units


def _chunk_label_terms(chunk: Chunk) -> set[str]:
    """Words a question uses to point at an item rather than to ask about it."""
    return set(terms(f"{chunk.item} {chunk.body} sak ps os rs"))


def _counts(bm25: BM25, counted: str, unit: str) -> bool:
    """For "hvor mange deltakere": the passage must speak of deltakere, not only a number."""
    return not counted or bm25.presence(counted, set(terms(unit))) > 0


_MEETING = (SectionKind.header, SectionKind.participants)
_TITLE_WORDS = frozenset(terms("foreslått sak styremøtet orientering vedtak drøfting sak"))


def _beyond_title(picks: list[str], all_units: list[str], chunk: Chunk) -> list[str]:
    """A quote that only restates the item's title answers nothing: take the line after it."""
    title = set(terms(chunk.item_title)) | _TITLE_WORDS | {chunk.item.lower()}
    out: list[str] = []
    for unit in picks:
        out.append(unit)
        if set(terms(unit)) <= title:
            following = all_units[all_units.index(unit) + 1:all_units.index(unit) + 2]
            out += [u for u in following if u not in picks and u not in out]
    return out


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
