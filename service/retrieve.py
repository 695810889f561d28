"""Retrieve step of the ask flow: lexical (BM25, Norwegian stemming) and dense ranks fused
by weighted reciprocal rank fusion, filtered by meeting and date, scored for relevance.

On the Norwegian seed, BM25 carries retrieval and the local English MiniLM adds noise
(see README, bench/retrieval.py), so the dense weight is a setting measured per embedder.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from index.lexical import BM25, terms
from index.models import Chunk
from service.language import is_english
from service.translate import expand_english
from service.wiring import Services

RRF_K = 60
CANDIDATES = 50

# Words that describe what happened at a meeting, not what it was about; a question's
# relevance is judged on its topic words only.
_ACT_WORDS = set(terms(
    "konkludert konklusjon konkluderte bestemt besluttet vedtatt vedtak vedtok diskutert "
    "diskuterte drøftet sagt sa fortalt informert informerte orientert orienterte "
    "innspill oppsummering møte møtet referat referatet sak saken saker punkt "
    "decided decision concluded conclusion discussed said meeting minutes item agreed "
    "hvem who when når hvor where what hva mente thought decide decides discuss"
))


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

    def allows(self, c: Chunk) -> bool:
        if self.meeting_ids and c.meeting_id not in self.meeting_ids:
            return False
        if self.date_from and (not c.meeting_date or c.meeting_date < self.date_from.isoformat()):
            return False
        return not (self.date_to and (not c.meeting_date or c.meeting_date > self.date_to.isoformat()))

    def chroma_where(self) -> dict[str, object] | None:
        clauses: list[dict[str, object]] = []
        if self.meeting_ids:
            clauses.append({"meeting_id": {"$in": self.meeting_ids}})
        if self.date_from:
            clauses.append({"date_ord": {"$gte": int(self.date_from.strftime("%Y%m%d"))}})
        if self.date_to:
            clauses.append({"date_ord": {"$lte": int(self.date_to.strftime("%Y%m%d"))}})
        if not clauses:
            return None
        return clauses[0] if len(clauses) == 1 else {"$and": clauses}


@dataclass
class Query:
    text: str  # as asked
    search: str  # what BM25 searches: for English questions, with Norwegian vocabulary added
    topic: str  # the topic words relevance is judged on
    english: bool


def plan_query(question: str) -> Query:
    english = is_english(question)
    search, topic = expand_english(question) if english else (question, question)
    kept = [w for w in re.findall(r"\w[\w/.,-]*", topic) if not set(terms(w)) <= _ACT_WORDS]
    return Query(text=question, search=search, topic=" ".join(kept) or topic, english=english)


def retrieve(query: Query, *, services: Services, filters: Filters, top_k: int,
             lexical_weight: float = 1.0) -> list[Hit]:
    bm25 = services.lexical.get()
    lexical = [c for c, _ in bm25.search(query.search, CANDIDATES * 4) if filters.allows(c)]
    weights = [(lexical[:CANDIDATES], lexical_weight)]
    weight = services.settings.dense_weight
    if weight > 0:
        vector = services.embedder.embed([query.text])[0]
        dense = services.store.dense_search(vector, k=CANDIDATES, where=filters.chroma_where())
        weights.append(([c for c, _ in dense], weight))
    fused: dict[str, float] = {}
    by_id: dict[str, Chunk] = {}
    for ranked, w in weights:
        for rank, chunk in enumerate(ranked):
            fused[chunk.chunk_id] = fused.get(chunk.chunk_id, 0.0) + w / (RRF_K + rank + 1)
            by_id[chunk.chunk_id] = chunk
    best = sorted(fused, key=lambda cid: (-fused[cid], cid))[:top_k]
    return [Hit(by_id[c], fused[c], relevance(bm25, query.topic, by_id[c])) for c in best]


def relevance(bm25: BM25, topic: str, chunk: Chunk) -> float:
    return bm25.coverage(topic, chunk.text)
