"""The FastAPI app factory: `uvicorn --factory service.api.app:create_app`.

Errors of the ReferatError tree map to `{"error": {"type", "message"}}` with their status;
request validation errors to 422 in the same shape; anything else to a 500 without a trace.
"""

from __future__ import annotations

import logging

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse

from index.embed import Embedder
from index.store import ChunkStore
from service.api import (
    ask,
    exports,
    extract,
    health,
    meeting_detail,
    meetings,
    summaries,
    summary_files,
)
from service.errors import ReferatError
from service.llm import LLM
from service.settings import Settings, get_settings
from service.web import routes as web
from service.wiring import build_services

log = logging.getLogger("referat.api")


def create_app(
    settings: Settings | None = None, *, llm: LLM | None = None, store: ChunkStore | None = None,
    embedder: Embedder | None = None,
) -> FastAPI:
    settings = settings or get_settings()
    app = FastAPI(title="Referat", version="0.1.0",
                  description="Questions, summaries and action items over council minutes.")
    app.state.services = build_services(settings, llm=llm, store=store, embedder=embedder)
    for module in (health, meetings, meeting_detail, ask, extract, summaries, summary_files,
                   exports, web):
        app.include_router(module.router)

    @app.exception_handler(ReferatError)
    async def _referat_error(_: Request, exc: ReferatError) -> JSONResponse:
        return _error(exc.status, exc.type, exc.message)

    @app.exception_handler(RequestValidationError)
    async def _validation_error(_: Request, exc: RequestValidationError) -> JSONResponse:
        first = exc.errors()[0] if exc.errors() else {}
        where = ".".join(str(p) for p in first.get("loc", ()) if p != "body")
        return _error(422, "bad_input", f"{where}: {first.get('msg', 'invalid request')}".strip(": "))

    @app.exception_handler(Exception)
    async def _unexpected(_: Request, exc: Exception) -> JSONResponse:
        log.exception("unhandled error")
        return _error(500, "internal_error", "internal error; the server log has the details")

    return app


def _error(status: int, kind: str, message: str) -> JSONResponse:
    return JSONResponse(status_code=status, content={"error": {"type": kind, "message": message}})
