"""The FastAPI application: create_app() wires settings, database, errors and routers; the lifespan
owns the engine and sessionmaker."""

from __future__ import annotations

import asyncio
import contextlib
import functools
import gc
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

import fastapi_offline
import structlog
from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse, Response
from fastapi_offline import FastAPIOffline
from sqlalchemy.ext.asyncio import AsyncEngine

from catalog import cpu
from catalog.search.factory import make_backend
from catalog.text import analyzer
from service.api import api_router
from service.config import Settings, get_settings
from service.console.router import router as console_router
from service.db import database_ready, make_engine, make_sessionmaker
from service.errors import install_error_handlers
from service.logging import configure_logging
from service.observability import install_observability
from service.worker import Foreground, TrackForeground, run_worker

DESCRIPTION = """设备更新供需对接平台 API —— 供给清单、需求清单、搜索、智能匹配、团购与对接会。

The equipment-renewal marketplace: supply list, demand list, search, matching, group purchases and
matchmaking events. Errors are `application/problem+json` (RFC 9457)."""


REDOC_BUNDLE = "/static-offline-docs/redoc.standalone.js"
REDOC_CDN_LOGO = b"https://cdn.redoc.ly/redoc/logo-mini.svg"


@functools.cache
def _redoc_bundle() -> bytes:
    """fastapi-offline's ReDoc bundle without the one address it still loads from a CDN: the
    "API docs by Redocly" footer's logo (an empty `src` fetches nothing; the link stays)."""
    bundle = Path(fastapi_offline.__file__).parent / "static" / "redoc.standalone.js"
    return bundle.read_bytes().replace(REDOC_CDN_LOGO, b"")


def _serve_redoc_without_cdn_logo(app: FastAPI) -> None:
    async def redoc_bundle() -> Response:
        return Response(_redoc_bundle(), media_type="text/javascript; charset=utf-8")

    app.add_api_route(REDOC_BUNDLE, redoc_bundle, methods=["GET"], include_in_schema=False)
    app.router.routes.insert(0, app.router.routes.pop())  # ahead of the static mount that serves the original


def create_app(
    settings: Settings | None = None,
    *,
    database_url: str | None = None,
    engine: AsyncEngine | None = None,
    with_worker: bool = False,
) -> FastAPI:
    """Build the app. Pass `engine` (tests) or `database_url`; otherwise DATABASE_URL is used.
    `with_worker` runs a background worker in the same process (the single-machine default)."""
    settings = settings or get_settings()
    configure_logging(settings.log_level, settings.log_format)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        own_engine = engine is None
        url = database_url or settings.database_url
        if engine is None and url is None:
            raise RuntimeError("no database: set DATABASE_URL or start through `equipmatch serve`")
        app.state.engine = engine or make_engine(
            url or "", pool_size=settings.db_pool_size, max_overflow=settings.db_max_overflow
        )
        app.state.sessionmaker = make_sessionmaker(app.state.engine)
        # jieba's dictionary and the query analysis's tables load here, not on the first search request
        warmed = await asyncio.to_thread(analyzer().warm, queries=True)
        # The import pool's size; its workers start with the first import (catalog/cpu.py), so an
        # API process that never imports does not carry them (~270 MB each).
        cpu.configure(settings.import_workers)
        # Its objects live as long as the process: keep them out of every later garbage
        # collection (a full collection over them pauses a request for ~70 ms).
        gc.collect()
        gc.freeze()
        structlog.get_logger(__name__).info("search analyzer ready", seconds=round(warmed, 3))
        worker = (
            asyncio.create_task(run_worker(url or "", settings, foreground=foreground), name="worker")
            if with_worker
            else None
        )
        try:
            yield
        finally:
            if worker is not None:
                worker.cancel()
                with contextlib.suppress(asyncio.CancelledError):
                    await worker
            await asyncio.to_thread(cpu.shutdown)
            if own_engine:
                await app.state.engine.dispose()
            close = getattr(app.state.search, "aclose", None)
            if close is not None:
                await close()

    # /docs and /redoc from the Swagger UI and ReDoc files that fastapi-offline ships (served under
    # /static-offline-docs): intranets and many networks in China block the public CDNs FastAPI
    # would load them from. No validator badge either: it would call swagger.io.
    app = FastAPIOffline(
        title="equipmatch", version="1.0.0", description=DESCRIPTION, lifespan=lifespan,
        swagger_ui_parameters={"validatorUrl": None},
    )  # fmt: skip
    _serve_redoc_without_cdn_logo(app)
    app.state.settings = settings
    app.state.search = make_backend(
        settings.search_backend, meili_url=settings.meili_url, meili_key=settings.meili_master_key
    )
    if engine is not None:  # usable without running the lifespan (tests with ASGITransport)
        app.state.engine = engine
        app.state.sessionmaker = make_sessionmaker(engine)
    install_error_handlers(app)
    install_observability(app)
    # the in-process worker's background batches wait for the requests of this process
    foreground = Foreground()
    app.state.foreground = foreground
    app.add_middleware(TrackForeground, foreground=foreground)
    app.include_router(api_router)
    app.include_router(console_router)

    @app.get("/healthz", tags=["health"])
    async def healthz() -> dict[str, str]:
        """Liveness: the process is up."""
        return {"status": "ok"}

    @app.get("/readyz", tags=["health"])
    async def readyz(request: Request) -> JSONResponse:
        """Readiness: the database answers."""
        ok = await database_ready(request.app.state.engine)
        return JSONResponse({"status": "ok" if ok else "unavailable", "database": ok}, status_code=200 if ok else 503)

    return app


def app_from_environment() -> FastAPI:
    """The factory `serve --workers N` hands to uvicorn: each API process builds its app from the
    environment (DATABASE_URL is set by serve), with an in-process worker if EQM_SERVE_WITH_WORKER=1."""
    import os

    return create_app(get_settings(), with_worker=os.environ.get("EQM_SERVE_WITH_WORKER") == "1")
