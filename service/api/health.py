"""GET /healthz: the store answers and the model (if any) is configured."""

from __future__ import annotations

from fastapi import APIRouter, Depends

from service.api.deps import get_services
from service.wiring import Services

router = APIRouter()


@router.get("/healthz")
def healthz(services: Services = Depends(get_services)) -> dict[str, object]:
    meetings = len(services.store.active_versions())
    return {"status": "ok", "meetings": meetings,
            "mode": "llm" if services.llm else "extractive",
            "embedder": services.embedder.model_id}
