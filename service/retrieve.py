"""Retrieve step of the ask flow: lexical (BM25, Norwegian stemming) and dense ranks fused
by weighted reciprocal rank fusion, filtered by meeting and date, scored for relevance.

On the Norwegian seed, BM25 carries retrieval and the local English MiniLM adds noise
(see README, bench/retrieval_bench.py), so the dense weight is a setting measured per embedder.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace

from index.chunk import heading_organisation
from index.lexical import BM25, similarity, terms
from index.models import Chunk, SectionKind
from index.parse_dates import mentioned_days, same_day
from service.question import Query, aliases_for, body_head, mentions_ref, plan_query, strip_refs
from service.wiring import Services

__all__ = ["Filters", "Hit", "Query", "plan_query", "retrieve"]

RRF_K = 60
CANDIDATES = 50
# Section priors: a question about what was concluded should cite the discussed item, not
# the one-line proposal of the same title for the next board meeting, nor the agenda list
# in the meeting header - unless it asks about the board meeting or the meeting itself.
OFF_TOPIC_SECTION = 0.5
ITEM_WHEN_BOARD_ASKED = 0.7
REFERENCED_ITEM = 2.0
MEETING_SECTION_ASKED = 2.0  # "hvor ble møtet holdt": every chunk repeats body and date
NAMED_ITEM_BONUS = 0.3


@dataclass
class Hit:
    chunk: Chunk
    score: float  # fused RRF score
    coverage: float  # share of the question's topic IDF mass found in the chunk


@dataclass
class Filters:
    meeting_ids: list[str] | None = None
    date_from: dt.date | None = None
    date_to: dt.date | None = None
    bodies: list[str] | None = None  # as a user types them: "formannskap", "Eldrerådet"
    visible: frozenset[str] | None = None  # meetings the caller may see; None: all

    def allows(self, c: Chunk) -> bool:
        if self.visible is not None and c.meeting_id not in self.visible:
            return False
        if self.meeting_ids and c.meeting_id not in self.meeting_ids:
            return False
        if self.bodies and not any(same_body(b, c.body) for b in self.bodies):
            return False
        if self.date_from and (not c.meeting_date or c.meeting_date < self.date_from.isoformat()):
            return False
        return not (self.date_to and (not c.meeting_date or c.meeting_date > self.date_to.isoformat()))

    def chroma_where(self) -> dict[str, object] | None:
        clauses: list[dict[str, object]] = []
        if self.visible is not None:  # Chroma refuses an empty $in; no id is ""
            clauses.append({"meeting_id": {"$in": sorted(self.visible) or [""]}})
        if self.meeting_ids:
            clauses.append({"meeting_id": {"$in": self.meeting_ids}})
        if self.date_from:
            clauses.append({"date_ord": {"$gte": int(self.date_from.strftime("%Y%m%d"))}})
        if self.date_to:
            clauses.append({"date_ord": {"$lte": int(self.date_to.strftime("%Y%m%d"))}})
        if not clauses:
            return None
        return clauses[0] if len(clauses) == 1 else {"$and": clauses}


def retrieve(query: Query, *, services: Services, filters: Filters, top_k: int,
             lexical_weight: float = 1.0) -> list[Hit]:
    bm25 = services.lexical.get()
    scope = narrow(filters, query, bm25.meetings)
    # Priors scale the BM25 score, not the fused rank, so a proposal that is the only place
    # a topic occurs still ranks first.
    scored = [(c, score * section_prior(query, c))
              for c, score in bm25.search(query.search, CANDIDATES * 4) if scope.allows(c)]
    lexical = [c for c, _ in sorted(scored, key=lambda cs: (-cs[1], cs[0].chunk_id))]
    weights = [(lexical[:CANDIDATES], lexical_weight)]
    if query.item_refs:
        named = [c for c in bm25.chunks if scope.allows(c) and _names(query, c)]
        weights.append((named, lexical_weight))
    weight = services.settings.fusion_dense_weight
    if weight > 0:
        vector = services.embedder.embed([query.text])[0]
        dense = services.store.dense_search(vector, k=CANDIDATES, where=scope.chroma_where())
        weights.append(([c for c, _ in dense if scope.allows(c)], weight))
    fused: dict[str, float] = {}
    by_id: dict[str, Chunk] = {}
    for ranked, w in weights:
        for rank, chunk in enumerate(ranked):
            fused[chunk.chunk_id] = fused.get(chunk.chunk_id, 0.0) + w / (RRF_K + rank + 1)
            by_id[chunk.chunk_id] = chunk
    best = sorted(fused, key=lambda cid: (-fused[cid], cid))[:top_k]
    return [Hit(by_id[c], fused[c], relevance(bm25, query, by_id[c])) for c in best]


def narrow(filters: Filters, query: Query, meetings_index: dict[str, Chunk]) -> Filters:
    """The request's filters, narrowed to the body and the meeting day a question names.
    `meetings_index` holds one chunk per meeting (`BM25.meetings`)."""
    allowed = [c for c in meetings_index.values() if filters.allows(c)]
    meetings = {c.meeting_id: (c.body, c.meeting_date) for c in allowed}
    orgs = {c.meeting_id: heading_organisation(c) for c in allowed}
    named = {m for m, (body, _) in meetings.items()
             if (head := body_head(body)) and any(similarity(head, t) >= 0.8
                                                 for t in query.body_terms)}
    of_org = {m for m, org in orgs.items()
              if (head := body_head(org.split()[0] if org else "")) and head in query.body_terms}
    on_day = {m for m, (_, date) in meetings.items() if date and query.days and any(
        same_day(d, (int(date[8:10]), int(date[5:7]), int(date[:4]))) for d in query.days)}
    keep = set(meetings)
    if of_org and of_org != keep:
        keep &= of_org
    if named and keep & named:
        keep &= named
    if on_day and keep & on_day:
        keep &= on_day
    if keep == set(meetings) and not filters.bodies:
        return filters
    # Narrowed to meeting ids, so the dense side's Chroma filter carries body and day too.
    return replace(filters, meeting_ids=sorted(keep))


def same_body(asked: str, body: str) -> bool:
    """"formannskapet" names "Formannskap"; "koordineringsgruppe" names "administrativ
    koordineringsgruppe"."""
    if asked.strip().lower() in body.lower():
        return True
    head = body_head(body)
    return bool(head) and any(similarity(head, t) >= 0.8 for t in terms(asked))


def section_prior(query: Query, chunk: Chunk) -> float:
    prior = 1.0
    if chunk.section is SectionKind.board_proposal and not query.board:
        prior = OFF_TOPIC_SECTION
    elif chunk.section in (SectionKind.header, SectionKind.participants):
        prior = MEETING_SECTION_ASKED if query.meeting_level else OFF_TOPIC_SECTION
    elif query.board and chunk.section is not SectionKind.board_proposal:
        prior = ITEM_WHEN_BOARD_ASKED
    return prior * (REFERENCED_ITEM if _names(query, chunk) else 1.0)


def relevance(bm25: BM25, query: Query, chunk: Chunk) -> float:
    """Topic coverage, or 0 when the chunk breaks a constraint the question states: another
    year, a day it does not mention, an item number it does not carry."""
    if _names(query, chunk):
        # Named by number, the item is relevant unless the question also asks about
        # something it does not contain ("sak PS 1/26 om eiendomsskatt").
        rest = strip_refs(query.topic)
        if not terms(rest):
            return 1.0
        return min(1.0, NAMED_ITEM_BONUS + bm25.coverage(rest, chunk.text, known_only=query.english))
    for year in query.years:
        if year not in chunk.text and not chunk.meeting_date.startswith(year):
            return 0.0
    if query.days:
        meeting_day = _day(chunk.meeting_date)
        mentioned = mentioned_days(chunk.text) | ({meeting_day} if meeting_day else set())
        if not any(same_day(d, m) for d in query.days for m in mentioned):
            return 0.0
    if query.item_refs and not any(mentions_ref(chunk.text, r) for r in query.item_refs):
        return 0.0
    # English words the glossary did not translate cannot occur in Norwegian minutes; judging
    # an English question on them would refuse every paraphrase.
    # A chunk answers to its body's short name too ("KG-møtet" asks about the coordination
    # group, whose minutes rarely write "KG").
    text = " ".join([chunk.text, *aliases_for(chunk.body)])
    return bm25.coverage(query.topic, text, known_only=query.english)


def _names(query: Query, chunk: Chunk) -> bool:
    return bool(chunk.item) and any(r.matches(chunk.item) for r in query.item_refs)


def _day(iso: str) -> tuple[int, int, int | None] | None:
    return (int(iso[8:10]), int(iso[5:7]), int(iso[:4])) if len(iso) == 10 else None
