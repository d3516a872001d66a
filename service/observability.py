"""Operations: a request id that follows each request into its logs and outbox events, and the
Prometheus metrics at /metrics (requests, database pool, outbox lag, jobs).

Several API processes (`serve --workers N`) share one PROMETHEUS_MULTIPROC_DIR: request metrics are
summed over the live processes, the database-derived gauges are read from the database at scrape
time, so any process answers for all of them."""

from __future__ import annotations

import functools
import os
import re
from typing import Any

import structlog
from asgi_correlation_id import CorrelationIdMiddleware, correlation_id
from fastapi import FastAPI, Request, Response
from prometheus_client import CONTENT_TYPE_LATEST, REGISTRY, CollectorRegistry, Gauge, generate_latest, multiprocess
from prometheus_fastapi_instrumentator import Instrumentator, metrics
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncEngine
from starlette.types import ASGIApp, Receive, Scope, Send

REQUEST_ID_HEADER = "X-Request-ID"

DB_POOL = Gauge(
    "equipmatch_db_pool_connections",
    "Connections of this API process's pool, by state (summed over live processes)",
    ["state"],
    multiprocess_mode="livesum",
)
OUTBOX_PENDING = Gauge(
    "equipmatch_outbox_pending_events", "Outbox events not yet handled", multiprocess_mode="mostrecent"
)
OUTBOX_LAG = Gauge(
    "equipmatch_outbox_lag_seconds",
    "Age of the oldest outbox event not yet handled (0 when none is pending)",
    multiprocess_mode="mostrecent",
)
JOBS = Gauge(
    "equipmatch_jobs", "Background jobs by queue and status", ["queue", "status"], multiprocess_mode="mostrecent"
)


JOB_STATUSES = ("todo", "doing", "succeeded", "failed", "cancelled", "aborting", "aborted")
_JOB_QUEUES_SEEN: set[str] = set()


_REQUEST_ID = re.compile(r"[A-Za-z0-9._-]{8,128}")


def valid_request_id(value: str) -> bool:
    """A caller's (or proxy's) id is kept when it is 8–128 letters, digits, dots, dashes or
    underscores; anything else is replaced by a new one (no log injection through the header)."""
    return _REQUEST_ID.fullmatch(value) is not None


class BindRequestId:
    """Puts the request id (set by CorrelationIdMiddleware) into structlog's context for the request,
    so every log line and every outbox event written while handling it carries it."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        tokens = structlog.contextvars.bind_contextvars(request_id=correlation_id.get())
        try:
            await self.app(scope, receive, send)
        finally:
            structlog.contextvars.reset_contextvars(**tokens)


def install_observability(app: FastAPI) -> None:
    # Middlewares run outermost-last-added: the id is set before it is bound.
    app.add_middleware(BindRequestId)
    app.add_middleware(CorrelationIdMiddleware, header_name=REQUEST_ID_HEADER, validator=valid_request_id)
    instrumentator = Instrumentator(excluded_handlers=["/metrics", "/healthz"], should_group_status_codes=True)
    instrumentator.add(_request_metrics()).instrument(app)

    @app.get("/metrics", tags=["health"], include_in_schema=False)
    async def metrics(request: Request) -> Response:
        """Prometheus metrics of this deployment."""
        await refresh_gauges(request.app.state.engine)
        return Response(generate_latest(_registry()), media_type=CONTENT_TYPE_LATEST)


@functools.cache
def _request_metrics() -> Any:
    """The request metrics, made once per process and shared by every app it builds (the library
    would skip instrumenting a second app whose metrics are already registered)."""
    return metrics.default()


def _registry() -> Any:
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        registry = CollectorRegistry()
        multiprocess.MultiProcessCollector(registry)  # type: ignore[no-untyped-call]
        return registry
    return REGISTRY


async def refresh_gauges(engine: AsyncEngine) -> None:
    """Pool gauges from this process's engine; outbox and job gauges from the database."""
    pool: Any = engine.pool
    for state, read in (("size", "size"), ("checked_out", "checkedout"), ("overflow", "overflow")):
        value = getattr(pool, read, None)
        if callable(value):
            DB_POOL.labels(state).set(value())
    async with engine.connect() as conn:
        pending, lag = (
            await conn.execute(
                text(
                    "SELECT count(*), COALESCE(EXTRACT(EPOCH FROM now() - min(created_at)), 0) "
                    "FROM outbox_events WHERE processed_at IS NULL"
                )
            )
        ).one()
        jobs = (
            await conn.execute(text("SELECT queue_name, status::text, count(*) FROM procrastinate_jobs GROUP BY 1, 2"))
        ).all()
    OUTBOX_PENDING.set(pending)
    OUTBOX_LAG.set(float(lag))
    counts = {(queue, status): count for queue, status, count in jobs}
    for queue in {queue for queue, _ in counts} | _JOB_QUEUES_SEEN:
        _JOB_QUEUES_SEEN.add(queue)
        for status in JOB_STATUSES:  # a status with no job reads 0, not its last value
            JOBS.labels(queue, status).set(counts.get((queue, status), 0))
