"""The summarize flow, read top to bottom: parse transcript -> segment by agenda or topic ->
draft each segment (model or offline) -> overview -> header and markdown. The API route,
the CLI and the evals all call `summarize_transcript`.
"""

from __future__ import annotations

import logging
from typing import Literal

from service.errors import ModelOutputInvalid, ModelUnavailable, PayloadTooLarge
from service.llm import LLM
from service.settings import Settings
from service.summarize import llm as model_drafting
from service.summarize.offline import Sentence, draft_segment, overview, sentences_of
from service.summarize.render import build_header, render_markdown
from service.summarize.schema import DraftItem, SummaryRequest, SummaryResponse
from service.summarize.segment import parse_agenda, segment_transcript
from service.summarize.text import detect_language
from service.summarize.topics import Segment
from service.transcripts import Transcript, parse_transcript

log = logging.getLogger("referat.summarize")


def summarize_transcript(
    request: SummaryRequest, *, llm: LLM | None, settings: Settings,
    progress: model_drafting.Progress | None = None, budget_tokens: int | None = None,
) -> SummaryResponse:
    if len(request.transcript) > settings.max_transcript_chars:
        raise PayloadTooLarge(
            f"the transcript has {len(request.transcript)} characters; the limit is "
            f"{settings.max_transcript_chars} (REFERAT_MAX_TRANSCRIPT_CHARS)")
    transcript = parse_transcript(request.transcript, fmt=request.format)
    agenda = parse_agenda(request.agenda) if request.agenda and request.agenda.strip() else None
    warnings = ["the agenda has no items; topics were detected instead"] \
        if agenda is not None and not agenda.entries else []
    lang = detect_language(t.text for t in transcript.turns)
    sentences = sentences_of(transcript, lang)
    # Cut between sentences, not turns: a chair's one turn often closes an item and opens the next.
    segments = segment_transcript([s.text for s in sentences], agenda, lang)
    need_titles = agenda is None or not agenda.entries

    mode: Literal["llm", "offline"] = _choose_mode(request, llm, settings)
    items: list[DraftItem] = []
    summary, prompt_hash = "", None
    if mode == "llm":
        assert llm is not None
        budget: int = budget_tokens or getattr(settings, "summary_budget_tokens", None) \
            or model_drafting.DEFAULT_BUDGET_TOKENS
        try:
            for n, segment in enumerate(segments, start=1):
                if progress:
                    progress(n, len(segments), segment.title)
                item, prompt_hash = model_drafting.draft_segment_llm(
                    llm, _turn_span(segment, sentences), transcript.turns, lang=lang, need_title=need_titles,
                    budget=budget, progress=progress)
                items.append(item)
            header = build_header(transcript, agenda, lang)
            summary = model_drafting.overview_llm(
                llm, render_markdown(header, items, lang), lang=lang, max_words=request.max_words)
        except (ModelUnavailable, ModelOutputInvalid) as e:
            if not settings.llm_fallback or request.mode == "llm":
                raise
            log.warning("model unavailable, drafting offline: %s", e.message)
            warnings.append(f"model unavailable ({e.message}); drafted offline")
            mode, items, prompt_hash = "offline", [], None
    if mode == "offline":
        for n, segment in enumerate(segments, start=1):
            if progress:
                progress(n, len(segments), segment.title)
            items.append(draft_segment(segment, sentences, lang))
        summary = overview(items, segments, sentences, max_words=request.max_words, lang=lang)

    _add_times(items, transcript)
    header = build_header(transcript, agenda, lang)
    warnings += [f"agenda item {i.number} ({i.title}) was not found in the transcript"
                 for i in items if i.turns is None]
    return SummaryResponse(
        markdown=render_markdown(header, items, lang), items=items, summary=summary,
        mode=mode, language="en" if lang == "en" else "nb", header=header,
        agenda_source="topics" if need_titles else "agenda", prompt_hash=prompt_hash,
        warnings=warnings, turns=transcript.turns)


def _choose_mode(request: SummaryRequest, llm: LLM | None,
                 settings: Settings) -> Literal["llm", "offline"]:
    if request.mode == "offline":
        return "offline"
    if llm is None or settings.answer_mode == "extractive":
        if request.mode == "llm":
            raise ModelUnavailable("no model is configured: set REFERAT_LLM_MODEL (and "
                                   "REFERAT_LLM_BASE_URL), or ask for mode 'offline'")
        return "offline"
    return "llm"


def _turn_span(segment: Segment, sentences: list[Sentence]) -> Segment:
    if segment.start is None or segment.end is None:
        return segment
    return Segment(segment.number, segment.title, sentences[segment.start].turn,
                   sentences[segment.end].turn)


def _add_times(items: list[DraftItem], transcript: Transcript) -> None:
    by_index = {t.index: t for t in transcript.turns}
    for item in items:
        if item.turns is not None:
            item.start = by_index[item.turns[0]].start
            item.end = by_index[item.turns[1]].end
