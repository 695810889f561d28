"""/v1/meetings: upload (ingest), list and delete minutes."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Query, UploadFile
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import JSONResponse

from service.api.deps import get_services
from service.errors import BadInput, PayloadTooLarge
from service.meetings import delete_meeting, ingest_upload, list_meetings
from service.schemas import IngestPublic, MeetingPublic
from service.wiring import Services

router = APIRouter()


@router.get("/v1/meetings", response_model=list[MeetingPublic])
def get_meetings(services: Services = Depends(get_services)) -> list[MeetingPublic]:
    return list_meetings(services)


@router.post("/v1/meetings", status_code=201, response_model=IngestPublic)
async def upload_meeting(
    file: UploadFile, services: Services = Depends(get_services),
    replace: bool = Query(False, description="replace a stored meeting of the same body and "
                                             "date; without it such an upload is a 409"),
) -> object:
    limit = services.settings.max_upload_bytes
    data = await file.read(limit + 1)
    if len(data) > limit:
        raise PayloadTooLarge(f"{file.filename}: larger than the {limit:,}-byte limit")
    if not file.filename:
        raise BadInput("the upload has no file name; the extension tells the format")
    # Parsing and storing take seconds on a large document: off the event loop, so questions
    # asked meanwhile are answered.
    result = await run_in_threadpool(ingest_upload, data, filename=file.filename,
                                     services=services, replace=replace)
    status = 201 if result.status != "unchanged" else 200
    return JSONResponse(status_code=status, content=result.model_dump())


@router.delete("/v1/meetings/{meeting_id}", status_code=204)
def remove_meeting(meeting_id: str, services: Services = Depends(get_services)) -> None:
    delete_meeting(meeting_id, services=services)
