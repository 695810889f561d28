"""GET /healthz (liveness: the process answers and the index opens) and GET /readyz
(readiness: the index reads, and the model server answers when one is configured)."""

from __future__ import annotations

import logging

from fastapi import APIRouter, Depends
from fastapi.responses import JSONResponse

from service.api.deps import get_services
from service.api.errors import error_response
from service.wiring import Services

log = logging.getLogger("referat.api")
router = APIRouter()


@router.get("/healthz")
def healthz(services: Services = Depends(get_services)) -> dict[str, object]:
    # Which mode actually answers depends on the model server being up: that is /readyz's.
    # The versions are kept current from the store's generation counter: a probe every few
    # seconds reads one counter, not every meeting record (1 s and 0.4 GB of heap at 10,000).
    return {"status": "ok", "meetings": len(services.store.meeting_versions()),
            "embedder": services.embedder.model_id,
            "mode_configured": "llm" if services.llm else "extractive"}


@router.get("/readyz")
def readyz(services: Services = Depends(get_services)) -> JSONResponse:
    checks: dict[str, str] = {}
    try:
        services.store.meeting_versions()  # reads the store's counter, and what changed
        checks["index"] = "ok"
    except Exception:  # any store failure means not ready; the log has the details
        log.exception("readiness: the index cannot be read")
        checks["index"] = "unreadable: the store did not answer"
    mode = "extractive"
    if services.llm is None:
        checks["model"] = "not configured"
    else:
        ping = getattr(services.llm, "ping", None)
        problem = ping() if callable(ping) else None
        checks["model"] = problem or "ok"
        mode = "llm" if problem is None else ("extractive" if services.settings.llm_fallback
                                              else "unavailable")
    failed = [f"{name}: {state}" for name, state in checks.items()
              if state not in ("ok", "not configured")]
    # With REFERAT_LLM_FALLBACK a down model degrades answers but every request is served.
    ready = checks["index"] == "ok" and (mode != "unavailable")
    if not ready:  # the error contract, so a probe and a person read the same reason
        return error_response(503, "not_ready", "not ready: " + "; ".join(failed))
    body: dict[str, object] = {"status": "ready", "mode": mode, **checks}
    if failed:
        body["degraded"] = "; ".join(failed)
    return JSONResponse(content=body)
