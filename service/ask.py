"""The ask flow: retrieve -> render prompt -> model (or extractive) -> check citations -> answer."""

from __future__ import annotations

import logging
import time
from collections.abc import Iterator
from html import escape

from service.citations import check_citations, marker
from service.errors import BadInput, ModelUnavailable
from service.extractive import answer_extractively
from service.llm import LLM
from service.prompts import render
from service.retrieve import Filters, Hit, Query, plan_query, retrieve
from service.schemas import AskRequest, AskResponse, RetrievedExcerpt
from service.visibility import visible_meeting, visible_meeting_ids
from service.wiring import Services

log = logging.getLogger("referat.ask")

REFUSAL_NO = "Jeg finner ingenting om det i referatene."
REFUSAL_EN = "I find nothing about that in the minutes."
NOT_FOUND = "NOT_FOUND"


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


def _search(req: AskRequest, services: Services,
            visibilities: set[str] | None) -> tuple[Query, list[Hit], list[Hit]]:
    """Retrieved excerpts, and those above the relevance floor."""
    filters = _validate(req, services, visibilities)
    query = plan_query(req.question.strip())
    hits = retrieve(query, services=services, filters=filters,
                    top_k=req.top_k or services.settings.top_k)
    return query, hits, [h for h in hits if h.coverage >= services.settings.min_relevance]


def answer_question(req: AskRequest, *, services: Services,
                    visibilities: set[str] | None = None) -> AskResponse:
    started = time.perf_counter()
    query, hits, relevant = _search(req, services, visibilities)
    english = query.english
    if not relevant:
        response = _refusal(english, mode="llm" if services.llm else "extractive")
    elif services.llm is not None:
        try:
            response = _answer_with_llm(req.question, relevant, llm=services.llm, english=english)
        except ModelUnavailable as e:
            if not services.settings.llm_fallback:
                raise
            log.warning("model unavailable, answering extractively: %s", e.message)
            response = _answer_extractively(query, relevant, services)
            response.fallback_reason = e.message
    else:
        response = _answer_extractively(query, relevant, services)
    return _with_trace(response, hits, started)


def _with_trace(response: AskResponse, hits: list[Hit], started: float) -> AskResponse:
    """What was retrieved and how long it took, on every answer, streamed or not."""
    response.retrieved = [_excerpt(h) for h in hits]
    response.usage["latency_ms"] = round((time.perf_counter() - started) * 1000, 1)
    response.usage["retrieved"] = len(hits)
    return response


def _answer_extractively(query: Query, hits: list[Hit], services: Services) -> AskResponse:
    # Without a model to weigh the excerpts, the one holding most of the question leads.
    ordered = sorted(hits, key=lambda h: -h.coverage)
    draft = answer_extractively(query, ordered, bm25=services.lexical.get())
    if not draft.citations:
        return _refusal(query.english, mode="extractive")
    return AskResponse(answer=draft.answer, answered=True, mode="extractive",
                       citations=draft.citations)


def render_ask_prompt(question: str, hits: list[Hit], *, english: bool) -> tuple[list, str]:
    excerpts = "\n\n".join(
        f'<excerpt cite="{escape(marker(h.chunk))}">\n{escape(h.chunk.text, quote=False)}\n</excerpt>'
        for h in hits
    )
    return render("ask", question=question, excerpts=excerpts,
                  language="English" if english else "Norwegian bokmål", refusal=NOT_FOUND)


def _answer_with_llm(question: str, hits: list[Hit], *, llm: LLM, english: bool) -> AskResponse:
    messages, prompt_hash = render_ask_prompt(question, hits, english=english)
    completion = llm.complete(messages)
    log.info("ask model=%s prompt=%s tokens=%s", completion.model, prompt_hash,
             completion.usage.total_tokens)
    return finish_llm_answer(completion.text, hits, english=english,
                             usage={**completion.usage.model_dump(), "prompt_hash": prompt_hash,
                                    "model": completion.model})


def finish_llm_answer(text: str, hits: list[Hit], *, english: bool,
                      usage: dict[str, object]) -> AskResponse:
    if text.strip().strip(".").upper() == NOT_FOUND or not text.strip():
        response = _refusal(english, mode="llm")
        response.usage.update(usage)
        return response
    checked = check_citations(text, [h.chunk for h in hits])
    if not checked.citations:  # an uncited answer is not presented as an answer
        response = _refusal(english, mode="llm")
        response.removed_citations = checked.removed
        response.usage.update({**usage, "withheld": "answer had no valid citation"})
        return response
    return AskResponse(answer=checked.text, answered=True, mode="llm", citations=checked.citations,
                       removed_citations=checked.removed, usage=dict(usage))


def stream_answer(req: AskRequest, *, services: Services,
                  visibilities: set[str] | None = None) -> Iterator[tuple[str, object]]:
    """Yields ("delta", text) while the model writes, then ("answer", AskResponse) checked."""
    if services.llm is None:
        yield "answer", answer_question(req, services=services, visibilities=visibilities)
        return
    started = time.perf_counter()
    query, hits, relevant = _search(req, services, visibilities)
    english = query.english
    if not relevant:
        response = _refusal(english, mode="llm")
    else:
        messages, prompt_hash = render_ask_prompt(req.question, relevant, english=english)
        parts: list[str] = []
        for delta in services.llm.stream(messages):
            parts.append(delta)
            yield "delta", delta
        response = finish_llm_answer("".join(parts), relevant, english=english,
                                     usage={"prompt_hash": prompt_hash})
    yield "answer", _with_trace(response, hits, started)


def _refusal(english: bool, *, mode: str) -> AskResponse:
    return AskResponse(answer=REFUSAL_EN if english else REFUSAL_NO, answered=False,
                       mode=mode, citations=[])  # type: ignore[arg-type]


def _excerpt(h: Hit) -> RetrievedExcerpt:
    c = h.chunk
    return RetrievedExcerpt(meeting_id=c.meeting_id, meeting_date=c.meeting_date, body=c.body,
                            item=c.item, title=c.item_title, section=c.section.value,
                            score=round(h.score, 5), coverage=round(h.coverage, 3))
