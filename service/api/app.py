"""The FastAPI app factory: `uvicorn --factory service.api.app:create_app`.

Around the routers, outermost first: request id, access log and metrics (`observe`); CORS
when configured; the request-body limit (`limits`); then, on every route, the access
dependency (`security.authorize`). Errors of every kind share one shape (`errors`).
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import Depends, FastAPI
from fastapi.middleware.cors import CORSMiddleware
from starlette.concurrency import run_in_threadpool

from index.embed import Embedder
from index.store import ChunkStore
from service.api import (
    ask,
    exports,
    extract,
    health,
    meeting_detail,
    meetings,
    observe,
    summaries,
    summary_files,
)
from service.api.docs import add_offline_docs
from service.api.errors import ERROR_RESPONSES, install_error_handlers
from service.api.limits import BodyLimit
from service.api.security import Access, authorize
from service.llm import LLM
from service.memory import limit_arenas
from service.settings import Settings, get_settings
from service.web import routes as web
from service.wiring import build_services


def create_app(
    settings: Settings | None = None, *, llm: LLM | None = None, store: ChunkStore | None = None,
    embedder: Embedder | None = None,
) -> FastAPI:
    settings = settings or get_settings()
    @asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        yield
        # Stop the background embedder between batches before the data dir may go away (a
        # test's or an eval's temporary folder); what is left stays pending for the next start.
        await run_in_threadpool(app.state.services.vectors.stop)

    app = FastAPI(title="Referat", version="0.1.0", docs_url=None, redoc_url=None, lifespan=lifespan,
                  description="Questions, summaries and action items over council minutes. "
                              "Send an API key as `Authorization: Bearer KEY` or `X-API-Key`.",
                  dependencies=[Depends(authorize)])
    services = build_services(settings, llm=llm, store=store, embedder=embedder)
    app.state.access = Access.from_settings(settings)
    app.state.metrics = observe.Metrics(settings.llm_prices)
    if services.llm is not None:
        services.llm = observe.MeteredLLM(services.llm, app.state.metrics)
    app.state.services = services
    for module in (health, meetings, meeting_detail, ask, extract, summaries, summary_files,
                   exports, observe):
        app.include_router(module.router, responses=ERROR_RESPONSES)
    app.include_router(web.router)  # the page itself: its API calls carry the key
    install_error_handlers(app)
    add_offline_docs(app)
    app.add_middleware(BodyLimit, max_bytes=settings.max_request_bytes)
    if settings.cors_origins:
        app.add_middleware(CORSMiddleware, allow_origins=settings.cors_origins,
                           allow_methods=["GET", "POST", "DELETE"],
                           allow_headers=["authorization", "content-type", "x-api-key",
                                          "x-request-id"], expose_headers=["x-request-id"])
    app.add_middleware(observe.RequestContext, metrics=app.state.metrics)
    return app


def create_server_app() -> FastAPI:
    """The app of a `referat serve` process (the uvicorn worker factory): a server keeps
    its heap in few malloc arenas (service/memory.py)."""
    limit_arenas()
    return create_app()
