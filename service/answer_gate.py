"""The answer gate: one scored decision, "do the minutes answer this?", from features of the
best passage (a sentence or bullet, not the whole item) and of the ranking around it.

A logistic model over the features below; its weights and threshold are fitted on the dev
split by `evals/calibrate.py` (the threshold for a stated precision of the answers given)
and kept in `service/data/answer_gate.json`. Refit after changing a feature; never on test.
"""

from __future__ import annotations

import json
import math
from dataclasses import asdict, dataclass
from functools import lru_cache
from pathlib import Path

from index.analyze import head_terms
from index.lexical_api import LexicalIndex, MeetingInfo
from service.evidence import (
    Part,
    TopicTerm,
    asks_whole_agenda,
    context,
    coverage,
    only_names_the_meeting,
    only_notes,
    own_units,
    part_answers,
    question_parts,
    text_terms,
    title_unit,
    topic_terms,
)
from service.query_plan import QueryPlan
from service.retrieve import Hit, answer_passages, named_meetings
from service.shapes import satisfies

MODEL = Path(__file__).resolve().parent / "data" / "answer_gate.json"
FEATURES = ("unit_coverage", "item_coverage", "shaped_coverage", "key_term_found",
            "unknown_share", "top_score", "margin", "named_body", "english", "topic_size",
            "shaped_own")


@dataclass
class GateFeatures:
    unit_coverage: float  # share of the question's topic weight the best sentence holds
    item_coverage: float  # ... that the best item holds
    unknown_share: float  # share of topic weight in words the archive never uses
    top_score: float  # best BM25 score over the most a query of these terms can score
    margin: float  # how far the best item leads the next one (0 = tie)
    named_body: float  # 1: the best item is of a body the question names; 0: of another
    #                    body than the one named; 0.5: no body named
    shaped_coverage: float  # ... that the best sentence with what is asked (a date, an
    #                         amount, a name) holds; = unit_coverage when nothing is asked
    key_term_found: float  # the question's heaviest word is in the best item
    english: float
    topic_size: float  # log of the number of topic words
    # shaped_coverage without the item's title and heading: a title that names the whole
    # question ("Forskrift om jakt, minsteareal og fellingsavgift") covers every line under
    # it, "§ 1." too; what the line with the asked thing says itself shows it answers.
    shaped_own: float = 0.0

    def vector(self) -> list[float]:
        return [float(getattr(self, f)) for f in FEATURES]


@dataclass
class GateDecision:
    answer: bool
    probability: float
    features: GateFeatures


def gate_features(plan: QueryPlan, hits: list[Hit], index: LexicalIndex,
                  topic: list[TopicTerm] | None = None,
                  parts: list[Part] | None = None) -> GateFeatures:
    hits = answer_passages(plan, hits)  # what the answer would quote, nothing else
    topic = topic if topic is not None else topic_terms(plan, index)
    total = sum(t.weight for t in topic) or 1.0
    unknown = sum(t.weight for t in topic if not t.known) / total
    best_unit, best_item, shaped = 0.0, 0.0, 0.0
    shaped_own = 0.0
    best_chunk = hits[0].chunk if hits else None
    parts = parts if parts is not None else question_parts(plan, index)
    for hit in hits:
        item_cov = coverage(topic, hit.chunk.text)
        if item_cov > best_item:
            best_item, best_chunk = item_cov, hit.chunk
        head = context(hit.chunk)
        own_day = "" if plan.when_treated else hit.chunk.meeting_date
        # A nested bullet is read under the line that opens its list, as under its heading.
        scored = sorted(((coverage(topic, f"{head} {lead} {u}"), u, lead)
                         for u, lead in own_units(hit.chunk) + title_unit(hit.chunk, plan)
                         if not only_notes(u, plan)),
                        reverse=True)
        for cov, unit, lead in scored:
            best_unit = max(best_unit, cov)
            if satisfies(unit, plan.wants, asked=plan.text, meeting_date=own_day):
                shaped = max(shaped, cov)
                shaped_own = max(shaped_own, coverage(topic, f"{lead} {unit}"))
        if plan.when_treated and hit.chunk.item:
            # "Når ble X behandlet?": the item, under its meeting's dated heading, is the
            # answer; no sentence in it need hold a date.
            shaped = max(shaped, coverage(topic, head))
            shaped_own = max(shaped_own, coverage(topic, hit.chunk.item_title))
        if len(scored) > 1:  # "hvem ..., og hva ...": two sentences of one item may answer
            pair = coverage(topic, f"{head} {scored[0][2]} {scored[0][1]} {scored[1][2]} "
                                   f"{scored[1][1]}")
            best_unit = max(best_unit, pair)
            if satisfies(f"{scored[0][1]} {scored[1][1]}", plan.wants, asked=plan.text,
                         meeting_date=own_day):
                shaped = max(shaped, pair)
        if (answers := part_answers(parts, hit.chunk)) is not None:
            # "Hvor lenge gjelder bevillingen, og hvem ble godkjent som styrer?": each part
            # answered by its own sentence, and what those hold together.
            joined = " ".join(answers)
            together = coverage(topic, f"{head} {joined}")
            best_unit, shaped = max(best_unit, together), max(shaped, together)
            shaped_own = max(shaped_own, coverage(topic, joined))
    c = plan.constraints
    whole_agenda = bool(hits) and asks_whole_agenda(plan, topic, hits[0].chunk)
    # A question about the meeting itself whose every topic word names the meeting ("Hvor
    # ble møtet i klagenemnda holdt?") has no topic beyond it, as one with no topic word.
    no_topic = not topic or plan.meeting_level and bool(hits) and only_names_the_meeting(
        topic, hits[0].chunk)
    if whole_agenda or no_topic and hits and (c.item_refs or c.days or plan.meeting_level and (
            c.months or c.years or plan.body_terms)):
        # "Hva ble vedtatt i sak 3?", "Hvor ble styremøtet holdt 3. mars?", "Hvilke saker
        # behandlet klagenemnda 11. juni?": the constraints or the body named say all that is
        # asked, and the hits already meet them.
        best_unit = best_item = shaped = shaped_own = 1.0
    key = max(topic, key=lambda t: t.weight, default=None)
    key_found = float(key is not None and best_chunk is not None
                      and coverage([key], best_chunk.text) > 0)
    meetings = index.meetings()
    named = named_meetings(plan, meetings)
    top_named = max(named.values(), default=0.0)
    named_body = 0.5 if top_named < 0.5 or not hits else float(
        named.get(hits[0].chunk.meeting_id, 0.0) >= top_named)
    if not named_body and _speaks_of_named(hits[0].chunk.text, named, top_named, meetings):
        # "Hvem ble vara til kommunestyret?" names the council the valgstyre's item speaks
        # of, not the body that met: as if no body were named.
        named_body = 0.5
    lexical = sorted({(h.chunk.meeting_id, h.chunk.item): h.lexical for h in hits}.values(),
                     reverse=True)
    ceiling = sum(t.weight for t in topic if t.known) * 2.2 or 1.0  # BM25 tf-saturation bound
    top = lexical[0] if lexical else 0.0
    margin = 1 - lexical[1] / top if len(lexical) > 1 and top > 0 else (1.0 if top else 0.0)
    return GateFeatures(
        unit_coverage=best_unit, item_coverage=best_item, shaped_coverage=shaped,
        key_term_found=key_found, unknown_share=unknown,
        top_score=min(top / ceiling, 1.5), margin=margin, named_body=named_body,
        english=float(plan.english), topic_size=math.log1p(len(topic)),
        shaped_own=shaped_own)


def _speaks_of_named(text: str, named: dict[str, float], top: float,
                     meetings: dict[str, MeetingInfo]) -> bool:
    """Whether the passage itself names a body the question names best."""
    held = text_terms(text)
    bodies = {meetings[m].body for m, share in named.items() if share >= top and m in meetings}
    return any((terms := set(head_terms(b))) and terms <= held for b in bodies)


@dataclass(frozen=True)
class GateModel:
    weights: tuple[float, ...]
    bias: float
    threshold: float
    note: str = ""

    def probability(self, f: GateFeatures) -> float:
        z = self.bias + sum(w * x for w, x in zip(self.weights, f.vector(), strict=True))
        return 1 / (1 + math.exp(-max(-30.0, min(30.0, z))))


@lru_cache
def load_model(path: Path = MODEL) -> GateModel:
    raw = json.loads(path.read_text(encoding="utf-8"))
    if tuple(raw["features"]) != FEATURES:
        raise ValueError(f"{path} was fitted on other features; run evals/calibrate.py")
    return GateModel(tuple(raw["weights"]), raw["bias"], raw["threshold"], raw.get("note", ""))


def decide(plan: QueryPlan, hits: list[Hit], index: LexicalIndex, *,
           model: GateModel | None = None, threshold: float | None = None,
           topic: list[TopicTerm] | None = None,
           parts: list[Part] | None = None) -> GateDecision:
    features = gate_features(plan, hits, index, topic, parts)
    model = model or load_model()
    p = model.probability(features) if hits else 0.0
    cut = model.threshold if threshold is None else threshold
    return GateDecision(answer=bool(hits) and p >= cut, probability=p, features=features)


def as_dict(decision: GateDecision) -> dict[str, object]:
    return {"probability": round(decision.probability, 4),
            "features": {k: round(v, 4) for k, v in asdict(decision.features).items()}}
