"""/v1/meetings: upload (ingest), list and delete minutes."""

from __future__ import annotations

import time
from typing import Literal

from fastapi import APIRouter, Depends, Form, Query, Request, UploadFile
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import JSONResponse

from service.api.deps import get_services
from service.api.security import Principal, get_principal
from service.errors import BadInput, PayloadTooLarge
from service.meetings import delete_meeting, ingest_upload, list_meetings
from service.schemas import IngestPublic, MeetingPublic
from service.wiring import Services

router = APIRouter()


@router.get("/v1/meetings", response_model=list[MeetingPublic])
def get_meetings(services: Services = Depends(get_services),
                 principal: Principal = Depends(get_principal)) -> list[MeetingPublic]:
    return list_meetings(services, visibilities=principal.visible())


@router.post("/v1/meetings", status_code=201, response_model=IngestPublic,
             responses={200: {"model": IngestPublic, "description": "unchanged"}})
async def upload_meeting(
    request: Request, file: UploadFile,
    visibility: Literal["public", "internal"] | None = Form(
        None, description="Who may read it; default REFERAT_DEFAULT_VISIBILITY"),
    replace: bool = Query(False, description="replace a stored meeting of the same body and "
                                             "date; without it such an upload is a 409"),
    services: Services = Depends(get_services), principal: Principal = Depends(get_principal),
) -> object:
    limit = services.settings.max_upload_bytes
    data = await file.read(limit + 1)
    if len(data) > limit:
        raise PayloadTooLarge(f"{file.filename}: larger than the {limit:,}-byte upload limit "
                              "(REFERAT_MAX_UPLOAD_BYTES)")
    if not file.filename:
        raise BadInput("the upload has no file name; the extension tells the format")
    started, status = time.perf_counter(), "error"
    try:
        # Parsing and storing take seconds on a large document: off the event loop, so
        # questions asked meanwhile are answered.
        result = await run_in_threadpool(
            ingest_upload, data, filename=file.filename, services=services, replace=replace,
            visibility=visibility, writable=principal.visible())
        status = result.status
    finally:
        request.app.state.metrics.ingest(status, time.perf_counter() - started)
    return JSONResponse(status_code=201 if result.status != "unchanged" else 200,
                        content=result.model_dump())


@router.delete("/v1/meetings/{meeting_id}", status_code=204)
def remove_meeting(meeting_id: str, services: Services = Depends(get_services),
                   principal: Principal = Depends(get_principal)) -> None:
    delete_meeting(meeting_id, services=services, visibilities=principal.visible())
