"""The one error contract of the HTTP API: every refusal, ours or the framework's, is
`{"error": {"type", "message"}}`, and every route documents the statuses it can answer.

Messages are written for the caller: no exception class names, paths or model server URLs.
"""

from __future__ import annotations

import logging
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel
from starlette.exceptions import HTTPException as StarletteHTTPException

from service.errors import RateLimited, ReferatError

log = logging.getLogger("referat.api")


class ErrorDetail(BaseModel):
    type: str
    message: str


class ErrorResponse(BaseModel):
    error: ErrorDetail


_WHAT = {
    400: "malformed request", 401: "missing or unknown API key", 403: "not allowed for this key",
    404: "not found", 405: "method not allowed", 413: "request larger than a configured limit",
    422: "invalid input", 429: "rate limit exceeded", 500: "internal error",
    502: "the model's output failed validation", 503: "the model server is unavailable",
}
# Documented on every route, so a client (and schemathesis) knows each answer's shape.
# The content type is spelled out: a route whose success is text (/metrics) still errs in JSON.
ERROR_RESPONSES: dict[int | str, dict[str, Any]] = {
    status: {"model": ErrorResponse, "description": what,
             "content": {"application/json": {"schema": {"$ref": "#/components/schemas/ErrorResponse"}}}}
    for status, what in _WHAT.items()
}
_FRAMEWORK_TYPES = {400: "bad_request", 404: "not_found", 405: "method_not_allowed",
                    413: "payload_too_large", 401: "unauthorized", 403: "forbidden"}


def error_response(status: int, kind: str, message: str,
                   headers: dict[str, str] | None = None) -> JSONResponse:
    return JSONResponse(status_code=status, headers=headers,
                        content={"error": {"type": kind, "message": message}})


def install_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(ReferatError)
    async def _referat_error(_: Request, exc: ReferatError) -> JSONResponse:
        headers = ({"Retry-After": str(max(1, round(exc.retry_after)))}
                   if isinstance(exc, RateLimited) else None)
        return error_response(exc.status, exc.type, exc.message, headers)

    @app.exception_handler(RequestValidationError)
    async def _validation_error(_: Request, exc: RequestValidationError) -> JSONResponse:
        errors = exc.errors()
        first = errors[0] if errors else {}
        if first.get("type") == "json_invalid":
            return error_response(400, "bad_request", "the body is not valid JSON")
        where = ".".join(str(p) for p in first.get("loc", ()) if p != "body")
        message = f"{where}: {first.get('msg', 'invalid request')}".strip(": ")
        return error_response(422, "bad_input", message[:500])

    @app.exception_handler(StarletteHTTPException)
    async def _http_error(_: Request, exc: StarletteHTTPException) -> JSONResponse:
        kind = _FRAMEWORK_TYPES.get(exc.status_code, "http_error")
        # The framework's own details are generic ("Not Found", "There was an error parsing
        # the body"); keep them, they name no internals.
        message = exc.detail if isinstance(exc.detail, str) else _WHAT.get(exc.status_code, kind)
        if exc.status_code == 400:
            message = f"malformed request: {message}"
        return error_response(exc.status_code, kind, message, getattr(exc, "headers", None))

    @app.exception_handler(Exception)
    async def _unexpected(_: Request, exc: Exception) -> JSONResponse:
        log.exception("unhandled error")
        return error_response(500, "internal_error", "internal error; the server log has the details")
