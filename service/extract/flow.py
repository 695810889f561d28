"""Extraction, top to bottom: meeting → rules or model → due dates → evidence check →
response. The API route and the CLI command both call `extract_request`.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, TypeVar

from index.models import Meeting
from index.parse_minutes import parse_minutes
from service.errors import BadInput, ModelOutputInvalid, ModelUnavailable, PayloadTooLarge
from service.extract.dates import normalise_due
from service.extract.evidence import keep_supported
from service.extract.llm import extract_with_llm
from service.extract.rules import UNNUMBERED, extract_with_rules
from service.extract.schema import (
    ActionItem,
    BoardMeeting,
    BoardProposal,
    Decision,
    ExtractRequest,
    ExtractResponse,
)
from service.llm import LLM
from service.visibility import visible_meeting

if TYPE_CHECKING:  # wiring pulls in the store; the flow itself needs only the protocol
    from service.wiring import Services

log = logging.getLogger("referat.extract")
T = TypeVar("T", ActionItem, Decision)


def extract_from_meeting(meeting: Meeting, *, llm: LLM | None) -> ExtractResponse:
    """Rules (no model) or the model → due dates → evidence check → the response."""
    prompt_hash: str | None = None
    if llm is None:
        actions, decisions = extract_with_rules(meeting)
    else:
        extraction, prompt_hash = extract_with_llm(meeting, llm)
        actions = _resolve_dues(extraction.action_items, meeting)
        decisions = _one_per_item(extraction.decisions)
    actions, dropped_actions = keep_supported(_numbered(actions), meeting.text)
    decisions, dropped_decisions = keep_supported(_numbered(decisions), meeting.text)
    dropped = dropped_actions + dropped_decisions
    if dropped:
        log.info("extract %s: dropped %d items whose evidence is not in the text",
                 meeting.meeting_id, dropped)
    board, proposals = _board(meeting)
    return ExtractResponse(
        action_items=actions, decisions=decisions, board_meeting=board, board_proposals=proposals,
        mode="rules" if llm is None else "llm", dropped=dropped, meeting_id=meeting.meeting_id,
        prompt_hash=prompt_hash,
    )


def extract_from_text(text: str, *, llm: LLM | None, source_file: str = "text") -> ExtractResponse:
    return extract_from_meeting(parse_minutes(text, source_file=source_file), llm=llm)


def extract_request(req: ExtractRequest, *, services: Services,
                    visibilities: set[str] | None = None) -> ExtractResponse:
    """Pick the meeting and the mode; fall back to the rules only when the settings allow."""
    if (req.meeting_id is None) == (req.text is None):
        raise BadInput("give exactly one of meeting_id (an indexed meeting) or text (the minutes)")
    if req.text is not None and len(req.text.encode()) > services.settings.max_upload_bytes:
        raise PayloadTooLarge(
            f"text is larger than REFERAT_MAX_UPLOAD_BYTES ({services.settings.max_upload_bytes})")
    if req.mode == "llm" and services.llm is None:
        raise BadInput("mode=llm needs a model: set REFERAT_LLM_MODEL (and REFERAT_LLM_BASE_URL), "
                       "or use mode=rules")
    llm = None if req.mode == "rules" else services.llm
    if req.meeting_id is not None:
        meeting = visible_meeting(services.store, req.meeting_id, visibilities)
    else:
        meeting = parse_minutes(req.text or "", source_file="text")
    try:
        return extract_from_meeting(meeting, llm=llm)
    except (ModelUnavailable, ModelOutputInvalid) as e:
        if llm is None or not services.settings.llm_fallback or req.mode == "llm":
            raise
        log.warning("model unavailable, extracting with the rules: %s", e.message)
        result = extract_from_meeting(meeting, llm=None)
        result.fallback_reason = e.message
        return result


def _board(meeting: Meeting) -> tuple[BoardMeeting | None, list[BoardProposal]]:
    """The next board meeting comes from the parsed structure, in both modes."""
    board = meeting.board_meeting
    if board is None:
        return None, []
    proposals = [BoardProposal(number=p.number, title=p.title, note=p.note,
                               kind=p.kind if p.kind in ("orientering", "vedtak") else None)  # type: ignore[arg-type]
                 for p in board.proposals]
    when = BoardMeeting(date=board.date.isoformat() if board.date else None, time=board.time,
                        place=board.place)
    return when, proposals


def _resolve_dues(actions: list[ActionItem], meeting: Meeting) -> list[ActionItem]:
    board_date = meeting.board_meeting.date if meeting.board_meeting else None
    return [a.model_copy(update={"due": normalise_due(a.due, meeting_date=meeting.date,
                                                      board_date=board_date)}) for a in actions]


def _numbered(found: list[T]) -> list[T]:
    """The whole-text pseudo item of unnumbered minutes becomes item: null."""
    return [x.model_copy(update={"item": None}) if x.item == UNNUMBERED else x for x in found]


def _one_per_item(decisions: list[Decision]) -> list[Decision]:
    seen: set[str | None] = set()
    out = []
    for d in decisions:
        if d.item not in seen:
            seen.add(d.item)
            out.append(d)
    return out
