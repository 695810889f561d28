"""The whole error tree, each class with its HTTP status; `service.api` maps it to JSON.

ReferatError (500)                 index.errors
├── BadInput (422)                 index.errors
│   ├── DocumentError (422)        index.errors: a document cannot be read or parsed
│   ├── TranscriptError (422)      a transcript cannot be parsed (names the line)
│   └── PayloadTooLarge (413)      index.errors
├── NotFound (404)                 index.errors
├── Unauthorized (401)             no API key, or one that is not configured
├── Forbidden (403)                the key's role or scope does not allow it; cross-site writes
├── RateLimited (429)              the key (or client) sent too many requests; carries retry_after
├── ModelUnavailable (503)         model server down, timing out, or refusing
└── ModelOutputInvalid (502)       model output failed validation after one re-ask
"""

from __future__ import annotations

from index.errors import BadInput, DocumentError, NotFound, PayloadTooLarge, ReferatError

__all__ = [
    "BadInput",
    "DocumentError",
    "Forbidden",
    "ModelOutputInvalid",
    "ModelUnavailable",
    "NotFound",
    "PayloadTooLarge",
    "RateLimited",
    "ReferatError",
    "TranscriptError",
    "Unauthorized",
]


class TranscriptError(BadInput):
    type = "transcript_error"


class ModelUnavailable(ReferatError):
    status = 503
    type = "model_unavailable"


class ModelOutputInvalid(ReferatError):
    status = 502
    type = "model_output_invalid"

    def __init__(self, message: str, *, raw: str, attempts: int) -> None:
        super().__init__(message)
        self.raw = raw
        self.attempts = attempts


class Unauthorized(ReferatError):
    status = 401
    type = "unauthorized"


class Forbidden(ReferatError):
    status = 403
    type = "forbidden"


class RateLimited(ReferatError):
    status = 429
    type = "rate_limited"

    def __init__(self, message: str, *, retry_after: float) -> None:
        super().__init__(message)
        self.retry_after = retry_after
