"""Errors of the write path. `service.errors` extends this tree and maps it to HTTP.

ReferatError (500)
├── BadInput (422)
│   ├── DocumentError (422)    a document cannot be read or parsed; names the file
│   └── PayloadTooLarge (413)
├── NotFound (404)
├── Conflict (409)             an upload would replace a stored meeting without being asked to
└── StoreUnavailable (503)     the store or the lexical index cannot be read or built
"""

from __future__ import annotations


class ReferatError(Exception):
    status = 500
    type = "internal_error"

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class BadInput(ReferatError):
    status = 422
    type = "bad_input"


class DocumentError(BadInput):
    type = "document_error"


class PayloadTooLarge(BadInput):
    status = 413
    type = "payload_too_large"


class NotFound(ReferatError):
    status = 404
    type = "not_found"


class Conflict(ReferatError):
    status = 409
    type = "conflict"


class StoreUnavailable(ReferatError):
    status = 503
    type = "store_unavailable"
