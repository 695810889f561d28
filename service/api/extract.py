"""POST /v1/extract: action items, decisions and the next board meeting as validated data;
GET /v1/extract/schema: the JSON Schema of that response."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends

from service.api.deps import get_services
from service.api.security import Principal, get_principal
from service.extract.flow import extract_request
from service.extract.schema import ExtractRequest, ExtractResponse, json_schema
from service.wiring import Services

router = APIRouter()


@router.post("/v1/extract", response_model=ExtractResponse)
def extract(req: ExtractRequest, services: Services = Depends(get_services),
            principal: Principal = Depends(get_principal)) -> ExtractResponse:
    return extract_request(req, services=services, visibilities=principal.visible())


@router.get("/v1/extract/schema")
def extract_schema() -> dict[str, Any]:
    return json_schema()
