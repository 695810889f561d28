"""POST /v1/summaries/upload: the transcript (and agenda) as files, for the web page and for
scripts holding a .docx; the same flow and response as POST /v1/summaries."""

from __future__ import annotations

from typing import Literal

from fastapi import APIRouter, Depends, File, Form, UploadFile
from starlette.concurrency import run_in_threadpool

from index.readers import read_bytes
from service.api.deps import get_services
from service.errors import PayloadTooLarge, TranscriptError
from service.summarize.flow import summarize_transcript
from service.summarize.schema import SummaryRequest, SummaryResponse
from service.transcripts import docx_text
from service.wiring import Services

router = APIRouter()


async def _read(upload: UploadFile, limit: int) -> bytes:
    data = await upload.read(limit + 1)
    if len(data) > limit:
        raise PayloadTooLarge(f"{upload.filename}: larger than the {limit:,}-byte limit")
    return data


def _transcript_text(data: bytes, filename: str) -> str:
    if filename.lower().endswith(".docx"):
        return docx_text(data)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        raise TranscriptError(f"not UTF-8 text ({e.reason}); save it as UTF-8") from e


@router.post("/v1/summaries/upload", response_model=SummaryResponse)
async def summarize_upload(
    transcript: UploadFile = File(description=".vtt .srt .txt .json or .docx"),
    agenda: UploadFile | None = File(None, description="the sakskart: .txt .md .docx or .pdf"),
    max_words: int = Form(150, ge=20, le=2000),
    mode: Literal["auto", "llm", "offline"] = Form("auto"),
    services: Services = Depends(get_services),
) -> SummaryResponse:
    limit = services.settings.max_upload_bytes
    name = transcript.filename or "transcript.txt"
    try:
        text = _transcript_text(await _read(transcript, limit), name)
    except TranscriptError as e:
        raise TranscriptError(f"{name}: {e.message}") from e
    agenda_text = None
    if agenda is not None and agenda.filename:
        agenda_text = read_bytes(await _read(agenda, limit), filename=agenda.filename,
                                 max_bytes=limit)
    suffix = name.rsplit(".", 1)[-1].lower()
    fmt = suffix if suffix in ("vtt", "srt", "json") else None
    req = SummaryRequest(transcript=text, format=fmt, agenda=agenda_text,  # type: ignore[arg-type]
                         max_words=max_words, mode=mode)
    try:
        # Drafting is CPU work: off the event loop, so other requests are not held up.
        return await run_in_threadpool(summarize_transcript, req, llm=services.llm,
                                       settings=services.settings)
    except TranscriptError as e:
        raise TranscriptError(f"{name}: {e.message}") from e
