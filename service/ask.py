"""The ask flow, one for plain and streamed answers: retrieve -> gate or prompt -> model (or
extractive) -> per-sentence citation check -> answer. `answer_question` drains the same
events `stream_answer` yields, so a setting like the fallback cannot apply to one and not the
other.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Generator, Iterator
from html import escape

from index.lexical_api import LexicalIndex
from service.answer_gate import as_dict, decide
from service.citations import check_citations, marker
from service.errors import BadInput, ModelUnavailable
from service.evidence import TopicTerm, coverage, question_parts, topic_terms
from service.extractive import answer_extractively
from service.llm import LLM
from service.prompts import render
from service.query_plan import QueryPlan, plan_query
from service.retrieve import Filters, Hit, retrieve
from service.schemas import AskRequest, AskResponse, RetrievedExcerpt
from service.visibility import visible_meeting, visible_meeting_ids
from service.wiring import Services

log = logging.getLogger("referat.ask")

REFUSAL_NO = "Jeg finner ingenting om det i referatene."
REFUSAL_EN = "I find nothing about that in the minutes."
NOT_FOUND = "NOT_FOUND"
Event = tuple[str, object]
LLM_PER_ITEM = 2  # pieces of one item in a model's context; the rest go to other items


def _validate(req: AskRequest, services: Services, visibilities: set[str] | None) -> Filters:
    question = req.question.strip()
    if not question:
        raise BadInput("the question is empty")
    if len(question) > services.settings.max_question_chars:
        raise BadInput(f"the question is longer than {services.settings.max_question_chars} characters")
    if req.date_from and req.date_to and req.date_from > req.date_to:
        raise BadInput("date_from is after date_to")
    if req.meeting_ids:
        for meeting_id in req.meeting_ids:
            visible_meeting(services.store, meeting_id, visibilities)  # NotFound -> 404
    if req.bodies is not None and not any(b.strip() for b in req.bodies):
        raise BadInput("bodies is empty; leave it out to search every body")
    return Filters(meeting_ids=req.meeting_ids, date_from=req.date_from, date_to=req.date_to,
                   bodies=[b for b in req.bodies or [] if b.strip()] or None,
                   visible=visible_meeting_ids(services.store, visibilities))


def answer_question(req: AskRequest, *, services: Services,
                    visibilities: set[str] | None = None) -> AskResponse:
    final: AskResponse | None = None
    for kind, payload in ask_events(req, services=services, stream=False,
                                    visibilities=visibilities):
        if kind == "answer":
            assert isinstance(payload, AskResponse)
            final = payload
    assert final is not None
    return final


def stream_answer(req: AskRequest, *, services: Services,
                  visibilities: set[str] | None = None) -> Iterator[Event]:
    """Yields ("delta", text) while the model writes, then ("answer", AskResponse) checked."""
    return ask_events(req, services=services, stream=True, visibilities=visibilities)


def ask_events(req: AskRequest, *, services: Services, stream: bool,
               visibilities: set[str] | None = None) -> Iterator[Event]:
    """`visibilities`: the meeting visibilities the caller may see (None: all); applied
    inside retrieval, before ranking, so nothing else can reach an answer."""
    started = time.perf_counter()
    filters = _validate(req, services, visibilities)
    plan = plan_query(req.question.strip())
    # The model weighs the evidence itself, so it is shown more of it than a quote needs.
    top_k = req.top_k or (services.settings.llm_top_k if services.llm is not None
                          else services.settings.top_k)
    # Brought up to date once (a store counter lookup); every step of this request reads it.
    index = services.lexical_index
    hits = retrieve(plan, services=services, filters=filters, top_k=top_k, index=index,
                    per_item=LLM_PER_ITEM if services.llm is not None else None)
    topic = topic_terms(plan, index)
    if services.llm is not None and hits:
        try:
            response = yield from _llm_events(req.question, plan, hits, llm=services.llm,
                                              stream=stream)
        except ModelUnavailable as e:
            if not services.settings.llm_fallback:
                raise
            log.warning("model unavailable, answering extractively: %s", e.message)
            response = _extractive(plan, hits, services, index, topic)
            response.fallback_reason = e.message
    elif services.llm is not None:  # nothing matched at all: no reason to call the model
        response = _refusal(plan.english, mode="llm")
        response.usage["model_called"] = False
    else:
        response = _extractive(plan, hits, services, index, topic)
    yield "answer", _with_trace(response, hits, started,
                                [coverage(topic, h.chunk.text)
                                 for h in hits])


def _extractive(plan: QueryPlan, hits: list[Hit], services: Services,
                index: LexicalIndex, topic: list[TopicTerm]) -> AskResponse:
    parts = question_parts(plan, index)  # read once, for the gate and the answer
    decision = decide(plan, hits, index, topic=topic, parts=parts)
    gate = as_dict(decision)
    if not decision.answer:
        response = _refusal(plan.english, mode="extractive")
    else:
        sources: dict[str, str] = {}

        def source(meeting_id: str) -> str:
            if meeting_id not in sources:
                sources[meeting_id] = services.store.get_meeting(meeting_id).text
            return sources[meeting_id]

        draft = answer_extractively(plan, hits, index=index, topic=topic, parts=parts,
                                    source=source)
        response = (AskResponse(answer=draft.answer, answered=True, mode="extractive",
                                citations=draft.citations)
                    if draft.citations else _refusal(plan.english, mode="extractive"))
    response.usage["gate"] = gate
    return response


def _with_trace(response: AskResponse, hits: list[Hit], started: float,
                coverages: list[float]) -> AskResponse:
    """What was retrieved and how long it took, on every answer, streamed or not."""
    response.retrieved = [_excerpt(h, c) for h, c in zip(hits, coverages, strict=True)]
    response.usage["latency_ms"] = round((time.perf_counter() - started) * 1000, 1)
    response.usage["retrieved"] = len(hits)
    return response


def render_ask_prompt(question: str, hits: list[Hit], *, english: bool) -> tuple[list, str]:
    excerpts = "\n\n".join(
        f'<excerpt cite="{escape(marker(h.chunk))}">\n{escape(h.chunk.text, quote=False)}\n</excerpt>'
        for h in hits
    )
    # The question is user input like the excerpts are document input: escaped the same way,
    # so a literal "</excerpt>" in it cannot close a tag the prompt opened.
    return render("ask", question=escape(question, quote=False), excerpts=excerpts,
                  language="English" if english else "Norwegian bokmål", refusal=NOT_FOUND)


def _llm_events(question: str, plan: QueryPlan, hits: list[Hit], *, llm: LLM,
                stream: bool) -> Generator[Event, None, AskResponse]:
    messages, prompt_hash = render_ask_prompt(question, hits, english=plan.english)
    usage: dict[str, object] = {"prompt_hash": prompt_hash, "model_called": True,
                                "context": len(hits)}
    if stream:
        parts: list[str] = []
        for delta in llm.stream(messages):
            parts.append(delta)
            yield "delta", delta
        text = "".join(parts)
    else:
        completion = llm.complete(messages)
        text = completion.text
        usage.update({**completion.usage.model_dump(), "model": completion.model})
    log.info("ask model=%s prompt=%s", getattr(llm, "model", ""), prompt_hash)
    if not text.strip():
        raise ModelUnavailable("the model returned an empty answer")
    return finish_llm_answer(text, hits, english=plan.english, usage=usage)


def finish_llm_answer(text: str, hits: list[Hit], *, english: bool,
                      usage: dict[str, object]) -> AskResponse:
    if text.strip().strip(".").upper() == NOT_FOUND:
        response = _refusal(english, mode="llm")
        response.usage.update(usage)
        return response
    checked = check_citations(text, [h.chunk for h in hits])
    if not checked.citations:  # an uncited answer is not presented as an answer
        response = _refusal(english, mode="llm")
        response.removed_citations = checked.removed
        response.dropped_sentences = checked.dropped
        response.usage.update({**usage, "withheld": "no sentence had a valid, supported citation"})
        return response
    return AskResponse(answer=checked.text, answered=True, mode="llm", citations=checked.citations,
                       removed_citations=checked.removed, dropped_sentences=checked.dropped,
                       usage=dict(usage))


def _refusal(english: bool, *, mode: str) -> AskResponse:
    return AskResponse(answer=REFUSAL_EN if english else REFUSAL_NO, answered=False,
                       mode=mode, citations=[])  # type: ignore[arg-type]


def _excerpt(h: Hit, coverage: float) -> RetrievedExcerpt:
    c = h.chunk
    return RetrievedExcerpt(meeting_id=c.meeting_id, meeting_date=c.meeting_date, body=c.body,
                            item=c.item, title=c.item_title, section=c.section.value,
                            score=round(h.score, 5), coverage=round(coverage, 3))
