"""Background work on procrastinate (a PostgreSQL task queue): the outbox drain and the periodic
jobs. Any number of workers may run against the same database.

Other parts plug in by registering an outbox handler (`OUTBOX_HANDLERS`) or a task on `tasks`.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass

import procrastinate
import structlog
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

from catalog.outbox.service import Handler, drain
from service.config import Settings
from service.db import make_engine, make_sessionmaker

log = structlog.get_logger(__name__)

tasks = procrastinate.Blueprint()
# topic → handlers; each handler gets the session and a batch of that topic's events.
OUTBOX_HANDLERS: dict[str, list[Handler]] = defaultdict(list)


def on_outbox(topic: str) -> object:
    """Decorator: run the function for every batch of outbox events of `topic`."""

    def register(handler: Handler) -> Handler:
        OUTBOX_HANDLERS[topic].append(handler)
        return handler

    return register


@dataclass
class WorkerContext:
    engine: AsyncEngine
    sessionmaker: async_sessionmaker[AsyncSession]
    settings: Settings


_context: WorkerContext | None = None


def worker_context() -> WorkerContext:
    if _context is None:
        raise RuntimeError("the worker context is not set: start through `equipmatch worker` or run_worker()")
    return _context


@asynccontextmanager
async def worker_session() -> AsyncIterator[AsyncSession]:
    """A committed transaction for one task."""
    async with worker_context().sessionmaker() as session, session.begin():
        yield session


async def drain_outbox_once(session: AsyncSession, *, limit: int = 500) -> int:
    result = await drain(session, OUTBOX_HANDLERS, limit=limit)
    if result.processed or result.failed:
        log.info("outbox drained", processed=result.processed, failed=result.failed)
    return result.processed


@tasks.periodic(cron="*/5 * * * * *", periodic_id="drain_outbox")
@tasks.task(name="drain_outbox", queue="outbox", queueing_lock="drain_outbox", pass_context=False)
async def drain_outbox(timestamp: int) -> None:
    """Every five seconds: hand pending outbox events to their handlers."""
    while True:
        async with worker_session() as session:
            if await drain_outbox_once(session) < 500:
                return


def create_procrastinate_app(database_url: str) -> procrastinate.App:
    from sqlalchemy import make_url

    import service.jobs  # noqa: F401  (registers every job module's tasks and outbox handlers)

    conninfo = make_url(database_url).set(drivername="postgresql").render_as_string(hide_password=False)
    app = procrastinate.App(connector=procrastinate.PsycopgConnector(conninfo=conninfo))
    app.add_tasks_from(tasks, namespace="eqm")
    return app


async def run_worker(database_url: str, settings: Settings, *, concurrency: int = 2) -> None:
    """Run a worker until cancelled (the `equipmatch worker` command, or inside `serve`)."""
    global _context
    engine = make_engine(database_url)
    _context = WorkerContext(engine=engine, sessionmaker=make_sessionmaker(engine), settings=settings)
    app = create_procrastinate_app(database_url)
    try:
        async with app.open_async():
            await app.run_worker_async(concurrency=concurrency, install_signal_handlers=False)
    finally:
        await engine.dispose()
        _context = None
