"""Retrieve step of the ask flow: BM25 over the analyzer's terms and, where it earns weight,
dense ranks, fused by weighted reciprocal rank fusion; request filters applied before
ranking; the question's constraints checked on every candidate.

On Norwegian minutes with the local English MiniLM, BM25 carries retrieval (README,
bench/retrieval_bench.py), so the dense weight is a setting measured per embedder.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import lru_cache

from index.analyze import head_terms, words
from index.lexical_api import LexicalIndex, MeetingInfo
from index.models import Chunk, SectionKind
from index.parse_dates import same_day
from service.evidence import acronyms
from service.query_plan import NEXT_MEETING, QueryPlan, aliases_for, plan_query
from service.wiring import Services

__all__ = ["Filters", "Hit", "QueryPlan", "plan_query", "retrieve"]

RRF_K = 60
CANDIDATES = 60
# Structure priors, from the house style rather than any question: a one-line proposal for
# the next board meeting and the agenda list in the header repeat an item's title, so they
# rank below the item unless the question asks about the board meeting or the meeting itself.
OFF_TOPIC_SECTION = 0.6
MEETING_SECTION_ASKED = 1.5
NAMED_ITEM = 2.0
NAMED_BODY = 0.5  # up to +50% for chunks of a meeting whose body the question names
ITEM_REF_MEETINGS = 50


@dataclass
class Hit:
    chunk: Chunk
    score: float  # fused RRF score
    lexical: float  # BM25 score after priors (0 when only dense found it)


@dataclass
class Filters:
    meeting_ids: list[str] | None = None
    date_from: dt.date | None = None
    date_to: dt.date | None = None
    bodies: list[str] | None = None  # as a user types them: "formannskap", "Eldrerådet"
    visible: frozenset[str] | None = None  # meetings the caller may see; None: all

    def allows(self, m: MeetingInfo) -> bool:
        if self.visible is not None and m.meeting_id not in self.visible:
            return False
        if self.meeting_ids and m.meeting_id not in self.meeting_ids:
            return False
        if self.bodies and not any(same_body(b, m.body) for b in self.bodies):
            return False
        if self.date_from and (not m.date or m.date < self.date_from.isoformat()):
            return False
        return not (self.date_to and (not m.date or m.date > self.date_to.isoformat()))

    def active(self) -> bool:
        return bool(self.meeting_ids or self.bodies or self.date_from or self.date_to
                    or self.visible is not None)


def same_body(asked: str, body: str) -> bool:
    """"formannskapet" names "Formannskap"; "eldreråd" names "Eldrerådet"."""
    if asked.strip().lower() in body.lower():
        return True
    want = set(head_terms(asked))
    return bool(want) and want <= set(head_terms(body))


def retrieve(plan: QueryPlan, *, services: Services, filters: Filters, top_k: int,
             lexical_weight: float = 1.0, per_item: int | None = None,
             index: LexicalIndex | None = None) -> list[Hit]:
    """The best `top_k` chunks; with `per_item`, at most that many of one agenda item, so a
    long item split in pieces does not crowd the others out of a model's context. `index`:
    the lexical index the caller already brought up to date for this request."""
    index = index if index is not None else services.lexical_index
    meetings = index.meetings()
    scope = ({m for m, info in meetings.items() if filters.allows(info)}
             if filters.active() else None)
    if scope is not None and not scope:
        return []  # nothing the caller may see matches the filters
    on_day = _meetings_on_asked_days(plan, meetings, scope)
    if on_day:  # "møtet 11. juni": that meeting's chunks compete, not the archive's
        scope = on_day
    named = named_meetings(plan, meetings)
    scored = []
    # "brukerstyrt personlig assistanse" is searched as "BPA" too, where the archive says so.
    terms = plan.search_terms + sorted(set(acronyms(words(plan.text), index).values()))
    for chunk, score in index.search(terms, k=CANDIDATES * 3, meeting_ids=scope):
        if not plan.constraints.check(chunk.text, meeting_date=chunk.meeting_date, item=chunk.item):
            continue
        scored.append((chunk, score * prior(plan, chunk) * (1 + NAMED_BODY * named.get(
            chunk.meeting_id, 0.0))))
    if plan.constraints.item_refs:  # an item asked by number is a candidate even without words
        # Looked for in the meetings the question points at (a small scope, the bodies it
        # names, the meetings its words found), never in the whole archive.
        near = (scope if scope is not None and len(scope) <= ITEM_REF_MEETINGS else
                {m for m, share in named.items() if share >= 0.5} | {c.meeting_id for c, _ in scored})
        if not any(share >= 0.5 for share in named.values()):  # a body named says which
            near |= _meetings_of_case_years(plan, meetings, scope)
        have = {c.chunk_id for c, _ in scored}
        asked: dict[str | None, bool] = {}  # item labels repeat from meeting to meeting

        def is_asked(label: str | None) -> bool:
            if label not in asked:
                asked[label] = plan.constraints.names(label)
            return asked[label]

        for chunk in index.item_chunks(sorted(near)[:ITEM_REF_MEETINGS * 4], is_asked):
            if chunk.chunk_id not in have:
                scored.append((chunk, NAMED_ITEM * (1 + NAMED_BODY * named.get(
                    chunk.meeting_id, 0.0))))
    scored.sort(key=lambda cs: (-cs[1], cs[0].chunk_id))
    lexical = scored[:CANDIDATES]
    ranked_lists: list[tuple[list[Chunk], float]] = [([c for c, _ in lexical], lexical_weight)]
    weight = services.settings.fusion_dense_weight
    if weight > 0:
        vector = services.embedder.embed([plan.text])[0]
        where = {"meeting_id": {"$in": sorted(scope)}} if scope is not None else None
        dense = [c for c, _ in services.store.dense_search(vector, k=CANDIDATES, where=where)
                 if plan.constraints.check(c.text, meeting_date=c.meeting_date, item=c.item)]
        ranked_lists.append((dense, weight))
    fused: dict[str, float] = {}
    by_id: dict[str, Chunk] = {}
    for ranked, w in ranked_lists:
        for rank, chunk in enumerate(ranked):
            fused[chunk.chunk_id] = fused.get(chunk.chunk_id, 0.0) + w / (RRF_K + rank + 1)
            by_id[chunk.chunk_id] = chunk
    lex = {c.chunk_id: s for c, s in lexical}
    best: list[str] = []
    taken: dict[tuple[str, str], int] = {}
    for cid in sorted(fused, key=lambda cid: (-fused[cid], cid)):
        key = (by_id[cid].meeting_id, by_id[cid].item or cid)
        if per_item is not None and taken.get(key, 0) >= per_item:
            continue
        taken[key] = taken.get(key, 0) + 1
        best.append(cid)
        if len(best) == top_k:
            break
    return [Hit(by_id[c], fused[c], lex.get(c, 0.0)) for c in best]


def _meetings_of_case_years(plan: QueryPlan, meetings: dict[str, MeetingInfo],
                            scope: set[str] | None) -> set[str]:
    """"Hva handlet sak 16/07 om?": a case number with a year names the year it was treated
    in, so that year's meetings are looked through, when they are few enough to read."""
    years = {r.number.split("/")[1] for r in plan.constraints.item_refs if "/" in r.number}
    if not years:
        return set()
    by_year = _directory_index(meetings).by_year
    out = {mid for y in years for full in ((y,) if len(y) == 4 else (f"19{y}", f"20{y}"))
           for mid in by_year.get(full, ()) if scope is None or mid in scope}
    return out if len(out) <= ITEM_REF_MEETINGS else set()


def _meetings_on_asked_days(plan: QueryPlan, meetings: dict[str, MeetingInfo],
                            scope: set[str] | None) -> set[str]:
    days = plan.constraints.days
    if not days:
        return set()
    by_day = _directory_index(meetings).by_day
    return {mid for d in days for mid, year in by_day.get(d[:2], ())
            if (scope is None or mid in scope) and same_day(d, (d[0], d[1], year))}


MEETING_SECTIONS = (SectionKind.header, SectionKind.participants)
HEADER_ANSWERS = ("person", "place", "date", "time")
# What a question about the meeting itself reads: its header and participant list, and the
# text of a meeting whose items were not found, which holds its header's sentences too
# ("Møtet ble leda av ..." on a flattened page).
ABOUT_MEETING = (*MEETING_SECTIONS, SectionKind.document)


def about_meeting(hits: list[Hit]) -> list[Hit]:
    """The hits a question about the meeting itself reads; all of them when none is."""
    return [h for h in hits if h.chunk.section in ABOUT_MEETING] or hits


def answer_passages(plan: QueryPlan, hits: list[Hit]) -> list[Hit]:
    """The hits an answer may quote, for the gate and the answer alike: a question about the
    meeting itself reads its header and participant list first; any other question reads the
    items (the header's agenda and preamble only name topics), the header only when nothing
    else was found."""
    if plan.meeting_level:
        return about_meeting(hits)
    if plan.ahead:
        # The meeting ahead: what the minutes say of it (the items proposed for it, a line
        # naming the next meeting). An item of a past meeting of the body asked about holds
        # every topic word in its heading and says nothing of the next one.
        return [h for h in hits if h.chunk.section is SectionKind.board_proposal
                or NEXT_MEETING.search(h.chunk.text)]
    # A meeting section that outranks every item despite its prior ("Hvem stilte som vara
    # for ...?" finds the participant list first) is what the question is about. The header
    # names who spoke, asked or briefed, where and when ("Orienteringer: ... v/Rita
    # Ottervik", "Kari Li spurte om kryssløsning"): it answers who, where and when, never
    # what was decided or replied, which it does not record.
    first_item = next((i for i, h in enumerate(hits) if h.chunk.section not in MEETING_SECTIONS),
                      len(hits))
    names = plan.wants in HEADER_ANSWERS and not plan.asks_outcome
    lead = [h for h in hits[:first_item] if h.chunk.section is SectionKind.participants
            or names and h.chunk.section is SectionKind.header]
    return lead + [h for h in hits if h.chunk.section not in MEETING_SECTIONS] or hits


def prior(plan: QueryPlan, chunk: Chunk) -> float:
    p = 1.0
    if chunk.section is SectionKind.board_proposal and not plan.board:
        p = OFF_TOPIC_SECTION
    elif chunk.section is SectionKind.board_proposal and plan.ahead:
        p = MEETING_SECTION_ASKED  # the list of items for the next meeting is that meeting's
    elif chunk.section in (SectionKind.header, SectionKind.participants):
        p = MEETING_SECTION_ASKED if plan.meeting_level else OFF_TOPIC_SECTION
    return p * (NAMED_ITEM if plan.constraints.names(chunk.item) else 1.0)


def named_meetings(plan: QueryPlan, meetings: dict[str, MeetingInfo]) -> dict[str, float]:
    """Share of each meeting's body name (or organisation) the question names: "i
    eldrerådet" names Eldrerådet fully, "hovedutvalget for helse" names half of
    "Hovedutvalg helse og omsorg". A prior, never a filter: a question may name a body
    without asking about its meetings. Only meetings sharing a word with the question are
    looked at, through a name index built once per meeting directory."""
    directory = _directory_index(meetings)
    asked = frozenset(plan.body_terms)
    cached = directory.named.get(asked)
    if cached is not None:
        return cached  # the gate asks again for the same question
    out: dict[str, float] = {}
    for term in asked:
        for kind, name, mids in directory.names.get(term, ()):
            share = 1.0 if kind == "alias" else (
                len(name & asked) / len(name) * (0.5 if kind == "org" else 1.0))
            for mid in mids:
                if share > out.get(mid, 0.0):
                    out[mid] = share
    if len(directory.named) >= NAMED_CACHE:
        directory.named.clear()
    directory.named[asked] = out
    return out


# term -> ("body" | "org" | "alias", that name's terms, the meetings of that name)
NameIndex = dict[str, list[tuple[str, frozenset[str], tuple[str, ...]]]]
NAMED_CACHE = 1024  # questions' body words remembered per directory


@dataclass
class _DirectoryIndex:
    """Lookups over the meeting directory, so a question reads the meetings its words or
    days point at instead of all of them."""
    meetings: dict[str, MeetingInfo]
    names: NameIndex
    by_day: dict[tuple[int, int], list[tuple[str, int]]]  # (day, month) -> (meeting, year)
    by_year: dict[str, list[str]]  # "2007" -> its meetings
    named: dict[frozenset[str], dict[str, float]]  # a question's body words -> named_meetings


_DIRECTORY_CACHE: dict[int, _DirectoryIndex] = {}


def _directory_index(meetings: dict[str, MeetingInfo]) -> _DirectoryIndex:
    """Built once per directory object: the lexical index builds a new directory when the
    archive changes."""
    cached = _DIRECTORY_CACHE.get(id(meetings))
    if cached is not None and cached.meetings is meetings:
        return cached
    grouped: dict[tuple[str, frozenset[str]], list[str]] = {}
    by_day: dict[tuple[int, int], list[tuple[str, int]]] = {}
    by_year: dict[str, list[str]] = {}
    for mid, info in meetings.items():
        if len(info.date) >= 4:
            by_year.setdefault(info.date[:4], []).append(mid)
        for kind in ("body", "org"):
            grouped.setdefault((kind, names_of(mid, kind, meetings)), []).append(mid)
        for alias in aliases_for(info.body):
            grouped.setdefault(("alias", frozenset({alias})), []).append(mid)
        if len(info.date) == 10:
            day = (int(info.date[8:10]), int(info.date[5:7]))
            by_day.setdefault(day, []).append((mid, int(info.date[:4])))
    names: NameIndex = {}
    for (kind, name), mids in grouped.items():
        for term in name:
            names.setdefault(term, []).append((kind, name, tuple(mids)))
    built = _DirectoryIndex(meetings, names, by_day, by_year, {})
    _DIRECTORY_CACHE.clear()  # one directory is current at a time; the old one is garbage
    _DIRECTORY_CACHE[id(meetings)] = built
    return built


def names_of(mid: str, kind: str, meetings: dict[str, MeetingInfo]) -> frozenset[str]:
    info = meetings[mid]
    return _terms_of(info.body if kind == "body" else (info.organisation or ""))


@lru_cache(maxsize=65536)
def _terms_of(name: str) -> frozenset[str]:
    return frozenset(head_terms(name))
