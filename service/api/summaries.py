"""POST /v1/summaries: a meeting transcript in, a draft of minutes out (markdown + JSON)."""

from __future__ import annotations

from fastapi import APIRouter, Depends

from service.api.deps import get_services
from service.summarize.flow import summarize_transcript
from service.summarize.schema import SummaryRequest, SummaryResponse
from service.wiring import Services

router = APIRouter()


@router.post("/v1/summaries", response_model=SummaryResponse)
def create_summary(req: SummaryRequest, services: Services = Depends(get_services)) -> SummaryResponse:
    return summarize_transcript(req, llm=services.llm, settings=services.settings)
