"""GET /v1/meetings/{id}: one meeting in full (items with their text, decisions, action
items, board proposals), what the web page opens when a citation or a meeting is clicked."""

from __future__ import annotations

from fastapi import APIRouter, Depends

from service.api.deps import get_services
from service.meeting_detail import MeetingDetail, meeting_detail
from service.wiring import Services

router = APIRouter()


@router.get("/v1/meetings/{meeting_id}", response_model=MeetingDetail)
def get_meeting(meeting_id: str, services: Services = Depends(get_services)) -> MeetingDetail:
    return meeting_detail(meeting_id, services=services)
