"""POST /v1/summaries/upload: the transcript (and agenda) as files, for the web page and for
scripts holding a .docx; the same flow and response as POST /v1/summaries. With
`stream=true` the answer is server-sent events: `progress` per agenda item, then `summary`
(or `error`), so a long transcript drafted by a model shows how far it has come.
"""

from __future__ import annotations

import json
import logging
import queue
import threading
from collections.abc import Iterator
from typing import Literal

from fastapi import APIRouter, Depends, File, Form, UploadFile
from fastapi.responses import StreamingResponse
from starlette.concurrency import run_in_threadpool

from index.readers import read_bytes
from service.api.deps import get_services
from service.errors import PayloadTooLarge, ReferatError, TranscriptError
from service.summarize.flow import summarize_transcript
from service.summarize.schema import SummaryRequest, SummaryResponse
from service.transcripts import docx_text, parse_transcript
from service.wiring import Services

log = logging.getLogger("referat.api")
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


@router.post("/v1/summaries/upload", response_model=SummaryResponse,
             responses={200: {"content": {"text/event-stream": {}}}})
async def summarize_upload(
    transcript: UploadFile = File(description=".vtt .srt .txt .json or .docx"),
    agenda: UploadFile | None = File(None, description="the sakskart: .txt .md .docx or .pdf"),
    max_words: int = Form(150, ge=20, le=2000),
    mode: Literal["auto", "llm", "offline"] = Form("auto"),
    stream: bool = Form(False, description="server-sent events: progress, then summary"),
    services: Services = Depends(get_services),
) -> object:
    limit = services.settings.max_upload_bytes
    name = transcript.filename or "transcript.txt"
    suffix = name.rsplit(".", 1)[-1].lower()
    fmt = suffix if suffix in ("vtt", "srt", "json") else None
    try:
        text = _transcript_text(await _read(transcript, limit), name)
        if stream:  # a bad file must be a 422 before the stream starts, not an event in it
            parse_transcript(text, fmt=fmt, filename=name)
    except TranscriptError as e:
        raise TranscriptError(f"{name}: {e.message}") from e
    agenda_text = None
    if agenda is not None and agenda.filename:
        agenda_text = read_bytes(await _read(agenda, limit), filename=agenda.filename,
                                 max_bytes=limit)
    req = SummaryRequest(transcript=text, format=fmt, agenda=agenda_text,  # type: ignore[arg-type]
                         max_words=max_words, mode=mode)
    if stream:
        return StreamingResponse(_events(req, services), media_type="text/event-stream")
    try:
        # Drafting is CPU work: off the event loop, so other requests are not held up.
        return await run_in_threadpool(summarize_transcript, req, llm=services.llm,
                                       settings=services.settings)
    except TranscriptError as e:
        raise TranscriptError(f"{name}: {e.message}") from e


def _events(req: SummaryRequest, services: Services) -> Iterator[str]:
    events: queue.Queue[tuple[str, dict[str, object]]] = queue.Queue()

    def progress(done: int, total: int, label: str) -> None:
        events.put(("progress", {"done": done, "total": total, "item": label}))

    def work() -> None:
        try:
            result = summarize_transcript(req, llm=services.llm, settings=services.settings,
                                          progress=progress)
            events.put(("summary", result.model_dump()))
        except ReferatError as e:
            events.put(("error", {"type": e.type, "message": e.message}))
        except Exception:
            log.exception("summary failed mid-stream")
            events.put(("error", {"type": "internal_error",
                                  "message": "internal error; the server log has the details"}))

    threading.Thread(target=work, daemon=True).start()
    while True:
        kind, payload = events.get()
        yield f"event: {kind}\ndata: {json.dumps(payload, ensure_ascii=False)}\n\n"
        if kind != "progress":
            return
