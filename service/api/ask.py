"""POST /v1/ask: a question in, a cited answer out (JSON, or SSE with "stream": true)."""

from __future__ import annotations

import json
from collections.abc import Iterator

from fastapi import APIRouter, Depends
from fastapi.responses import StreamingResponse

from service.api.deps import get_services
from service.api.security import Principal, get_principal
from service.ask import answer_question, stream_answer
from service.errors import ReferatError
from service.schemas import AskRequest, AskResponse
from service.wiring import Services

router = APIRouter()


@router.post("/v1/ask", response_model=AskResponse,
             responses={200: {"content": {"text/event-stream": {}}}})
def ask(req: AskRequest, services: Services = Depends(get_services),
        principal: Principal = Depends(get_principal)) -> object:
    if not req.stream:
        return answer_question(req, services=services, visibilities=principal.visible())
    events = stream_answer(req, services=services, visibilities=principal.visible())
    first = next(events)  # validation errors surface here, as a proper status, not mid-stream
    return StreamingResponse(_sse(first, events), media_type="text/event-stream")


def _sse(first: tuple[str, object], rest: Iterator[tuple[str, object]]) -> Iterator[str]:
    def encode(kind: str, payload: object) -> str:
        data = payload.model_dump() if isinstance(payload, AskResponse) else {"text": payload}
        return f"event: {kind}\ndata: {json.dumps(data, ensure_ascii=False)}\n\n"

    yield encode(*first)
    try:
        for kind, payload in rest:
            yield encode(kind, payload)
    except ReferatError as e:  # the model failed mid-answer: say so in-band
        yield f"event: error\ndata: {json.dumps({'type': e.type, 'message': e.message})}\n\n"
