"""The whole error tree, each class with its HTTP status; `service.api` maps it to JSON.

ReferatError (500)                 index.errors
├── BadInput (422)                 index.errors
│   ├── DocumentError (422)        index.errors: a document cannot be read or parsed
│   ├── TranscriptError (422)      a transcript cannot be parsed (names the line)
│   └── PayloadTooLarge (413)      index.errors
├── NotFound (404)                 index.errors
├── ModelUnavailable (503)         model server down, timing out, or refusing
└── ModelOutputInvalid (502)       model output failed validation after one re-ask
"""

from __future__ import annotations

from index.errors import BadInput, DocumentError, NotFound, PayloadTooLarge, ReferatError

__all__ = [
    "BadInput",
    "DocumentError",
    "ModelOutputInvalid",
    "ModelUnavailable",
    "NotFound",
    "PayloadTooLarge",
    "ReferatError",
    "TranscriptError",
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
