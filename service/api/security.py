"""Access control, checked on every route by one dependency (`authorize`): the API key and
its role, the cross-site check for writes, and the per-key rate limit.

Keys are configured hashed (`REFERAT_API_KEYS`: a JSON/TOML file or the JSON itself):
`[{"name": "kari", "sha256": "<hex of sha256(key)>", "role": "reader", "scope": "public"}]`.
Roles rank reader < editor < admin; a "public" scope sees public meetings only. Without keys
everyone is admin: `referat serve` allows that on loopback only.
"""

from __future__ import annotations

import hashlib
import json
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal
from urllib.parse import urlsplit

from fastapi import Request
from pydantic import BaseModel, Field, ValidationError

from service.api.limits import RateLimiter
from service.errors import Forbidden, RateLimited, Unauthorized
from service.settings import Settings

Role = Literal["reader", "editor", "admin"]
RANK = {"reader": 0, "editor": 1, "admin": 2}
# Liveness, readiness and the docs carry no minutes; probes and browsers reach them keyless.
OPEN_PATHS = {"/healthz", "/readyz", "/openapi.json", "/docs", "/docs/oauth2-redirect",
              "/", "/assets/{name}"}  # the web page and its files hold no data; its calls do
# Every other route needs a reader, unless it is listed here: a route added later is never open.
NEEDS = {("POST", "/v1/meetings"): "editor", ("DELETE", "/v1/meetings/{meeting_id}"): "editor",
         ("GET", "/metrics"): "admin"}
SAFE_METHODS = {"GET", "HEAD", "OPTIONS"}


class ApiKey(BaseModel):
    name: str = Field(min_length=1)
    sha256: str = Field(pattern=r"^[0-9a-fA-F]{64}$")
    role: Role = "reader"
    scope: Literal["public", "all"] = "public"


@dataclass(frozen=True)
class Principal:
    name: str
    role: Role
    visibilities: frozenset[str] | None  # None: every meeting

    def visible(self) -> set[str] | None:
        return set(self.visibilities) if self.visibilities is not None else None


NO_KEYS = Principal(name="local", role="admin", visibilities=None)


def hash_key(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


def load_keys(value: str | None) -> dict[str, ApiKey]:
    """REFERAT_API_KEYS → keys by hash. A wrong file stops start-up with what to fix."""
    if not value or not value.strip():
        return {}
    raw = value.strip()
    try:
        if raw[0] in "[{":
            data: object = json.loads(raw)
        else:
            text = Path(raw).read_text(encoding="utf-8")
            data = tomllib.loads(text) if raw.endswith(".toml") else json.loads(text)
        entries = data.get("keys", []) if isinstance(data, dict) else data
        keys = [ApiKey.model_validate(e) for e in entries]  # type: ignore[union-attr]
    except (OSError, ValueError, ValidationError, tomllib.TOMLDecodeError, AttributeError) as e:
        raise ValueError(
            "REFERAT_API_KEYS must be a JSON/TOML file or JSON list of "
            '{"name", "sha256", "role", "scope"} (sha256 from `referat key-hash`): '
            f"{str(e).splitlines()[0][:200]}") from e
    if not keys:
        raise ValueError("REFERAT_API_KEYS names no keys; unset it to run keyless on loopback")
    return {k.sha256.lower(): k for k in keys}


@dataclass
class Access:
    keys: dict[str, ApiKey]
    limiter: RateLimiter
    cors_origins: set[str] = field(default_factory=set)

    @classmethod
    def from_settings(cls, settings: Settings) -> Access:
        return cls(keys=load_keys(settings.api_keys),
                   limiter=RateLimiter(settings.rate_limit_per_minute, settings.rate_limit_burst),
                   cors_origins={o.rstrip("/") for o in settings.cors_origins})


def authorize(request: Request) -> None:
    """The one gate in front of every route."""
    access: Access = request.app.state.access
    route = request.scope.get("route")
    path = getattr(route, "path", request.url.path)
    if path in OPEN_PATHS:
        return
    if request.method not in SAFE_METHODS and is_cross_site(request, access.cors_origins):
        raise Forbidden("cross-site request refused: state-changing calls must come from this "
                        "origin or one in REFERAT_CORS_ORIGINS")
    principal, who = _identify(request, access)
    wait = access.limiter.take(who)
    if wait > 0:
        raise RateLimited(f"rate limit of {access.limiter.per_minute:g} requests per minute "
                          f"(REFERAT_RATE_LIMIT_PER_MINUTE) exceeded; retry in {wait:.1f} s",
                          retry_after=wait)
    if principal is None:
        raise Unauthorized("an API key is required: send `Authorization: Bearer KEY` or `X-API-Key`")
    need = NEEDS.get((request.method, path), "reader")
    if RANK[principal.role] < RANK[need]:
        raise Forbidden(f"this key's role ({principal.role}) cannot do this; it needs {need}")
    request.state.principal = principal


def get_principal(request: Request) -> Principal:
    principal: Principal | None = getattr(request.state, "principal", None)
    if principal is not None:
        return principal
    access: Access = request.app.state.access
    if access.keys:  # a route that skipped `authorize` must not fall open
        raise Unauthorized("an API key is required: send `Authorization: Bearer KEY` or `X-API-Key`")
    return NO_KEYS


def _identify(request: Request, access: Access) -> tuple[Principal | None, str]:
    client = request.client.host if request.client else "unknown"
    if not access.keys:
        return NO_KEYS, f"ip:{client}"
    auth = request.headers.get("authorization", "")
    token = auth[7:].strip() if auth.lower().startswith("bearer ") else request.headers.get("x-api-key")
    key = access.keys.get(hash_key(token)) if token else None
    if key is None:
        return None, f"ip:{client}"
    scope = None if key.scope == "all" else frozenset({"public"})
    return Principal(name=key.name, role=key.role, visibilities=scope), f"key:{key.name}"


def is_cross_site(request: Request, allowed: set[str]) -> bool:
    """A browser names where a request comes from; anything but this host (or a configured
    CORS origin) is refused, so no web page can make a visitor's browser upload or delete."""
    origin = request.headers.get("origin")
    if origin and origin.rstrip("/") in allowed:
        return False
    site = request.headers.get("sec-fetch-site")
    if site is not None and site not in ("same-origin", "none"):
        return True
    if not origin:
        return False  # not a browser, or a same-origin GET-like navigation
    return origin == "null" or urlsplit(origin).netloc.lower() != request.headers.get("host", "").lower()
