"""One meeting read back in full, for the web page's meeting view, citation panel and the
exports: its items with their whole text, and what extraction finds in it.
"""

from __future__ import annotations

from pydantic import BaseModel, Field

from service.extract.flow import extract_request
from service.extract.schema import ActionItem, BoardMeeting, BoardProposal, Decision, ExtractRequest
from service.meetings import to_public
from service.schemas import MeetingPublic
from service.wiring import Services


class ItemPublic(BaseModel):
    number: str  # as the minutes write it: "7", "PS 1/26"
    title: str
    text: str  # the item's full body; citation quotes are verbatim from it
    conclusions: list[str] = Field(default_factory=list)
    decision: str | None = None
    exempt: str | None = None  # why the item is kept from the public copy ("Offl. § 13")


class MeetingDetail(MeetingPublic):
    time: str | None = None
    place: str | None = None
    participant_names: list[str] = Field(default_factory=list)
    items: list[ItemPublic] = Field(default_factory=list)
    action_items: list[ActionItem] = Field(default_factory=list)
    decisions: list[Decision] = Field(default_factory=list)
    board_meeting: BoardMeeting | None = None
    board_proposals: list[BoardProposal] = Field(default_factory=list)
    extract_mode: str = Field(description="How action items and decisions were found: rules or llm")


def meeting_detail(meeting_id: str, *, services: Services) -> MeetingDetail:
    meeting = services.store.get_meeting(meeting_id)  # NotFound -> 404
    # The same extraction as POST /v1/extract, so the page and the API never disagree.
    found = extract_request(ExtractRequest(meeting_id=meeting_id), services=services)
    return MeetingDetail(
        **to_public(meeting).model_dump(), time=meeting.time, place=meeting.place,
        participant_names=[p.name for p in meeting.participants],
        items=[ItemPublic(number=i.number, title=i.title, text=i.text, conclusions=i.conclusions,
                          decision=i.decision, exempt=i.exempt) for i in meeting.items],
        action_items=found.action_items, decisions=found.decisions,
        board_meeting=found.board_meeting, board_proposals=found.board_proposals,
        extract_mode=found.mode,
    )
