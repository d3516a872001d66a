"""Background work on procrastinate (a PostgreSQL task queue): the outbox drain and the periodic
jobs. Any number of workers may run against the same database.

Job modules (service/jobs/) plug in by registering an outbox handler (`on_outbox`) or a task on `tasks`.
"""

from __future__ import annotations

import asyncio
import time
from collections import defaultdict
from collections.abc import AsyncIterator, Callable, Iterator
from contextlib import asynccontextmanager, contextmanager
from dataclasses import dataclass, field
from typing import Any

import procrastinate
import structlog
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

from catalog.outbox.service import Handler, drain
from service.config import Settings
from service.db import make_engine, make_sessionmaker

log = structlog.get_logger(__name__)

# The one procrastinate app of the process. Tasks bind to their app, so there is exactly one; its
# real connector is put in place for the duration of a worker run (`connected_app`).
tasks = procrastinate.App(connector=procrastinate.PsycopgConnector())
# topic → handlers; each handler gets the session and a batch of that topic's events.
OUTBOX_HANDLERS: dict[str, list[Handler]] = defaultdict(list)


def on_outbox(topic: str) -> Callable[[Handler], Handler]:
    """Decorator: run the function for every batch of outbox events of `topic`."""

    def register(handler: Handler) -> Handler:
        OUTBOX_HANDLERS[topic].append(handler)
        return handler

    return register


class Foreground:
    """The requests an API process is serving, so that a worker running inside the same process
    (`equipmatch serve`'s default) gives way to them: the outbox drain waits for a quiet moment
    before each batch (at most `patience` seconds, so it never stops) and takes small batches
    while requests keep coming. What it holds concerns this process alone; a separate
    `equipmatch worker` has none and drains at full speed."""

    QUIET_AFTER = 0.05  # seconds without a request in flight before the process counts as quiet
    BUSY_BATCH = 100  # events a batch while requests keep coming (500 otherwise)

    def __init__(self, *, patience: float = 1.0) -> None:
        self.patience = patience
        self.in_flight = 0
        self.last_finished = float("-inf")

    def started(self) -> None:
        self.in_flight += 1

    def finished(self) -> None:
        self.in_flight -= 1
        self.last_finished = time.monotonic()

    def busy(self) -> bool:
        return self.in_flight > 0 or time.monotonic() - self.last_finished < self.QUIET_AFTER

    async def give_way(self) -> bool:
        """Wait until no request is in flight (or `patience` is spent); whether it is quiet."""
        deadline = time.monotonic() + self.patience
        while self.busy():
            if time.monotonic() >= deadline:
                return False
            await asyncio.sleep(0.01)
        return True


class TrackForeground:
    """ASGI middleware: counts the HTTP requests in flight into a `Foreground`."""

    def __init__(self, app: Any, foreground: Foreground) -> None:
        self.app = app
        self.foreground = foreground

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        self.foreground.started()
        try:
            await self.app(scope, receive, send)
        finally:
            self.foreground.finished()


@dataclass
class WorkerContext:
    engine: AsyncEngine
    sessionmaker: async_sessionmaker[AsyncSession]
    settings: Settings
    foreground: Foreground | None = None  # the API's requests, when the worker runs in an API process
    # one drain at a time in a process (a job that finds one running leaves the events to it);
    # other processes' workers drain beside it, each batch locking its own events
    draining: asyncio.Lock = field(default_factory=asyncio.Lock)


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


@tasks.periodic(cron="* * * * * */5", periodic_id="drain_outbox")  # seconds are the sixth field
@tasks.task(name="drain_outbox", queue="outbox", queueing_lock="drain_outbox", pass_context=False)
async def drain_outbox(timestamp: int) -> None:
    """Every five seconds: hand pending outbox events to their handlers, a batch at a time; inside
    an API process, each batch after the API's requests (see `Foreground`)."""
    context = worker_context()
    if context.draining.locked():
        return
    async with context.draining:
        while True:
            limit = 500
            if context.foreground is not None and not await context.foreground.give_way():
                limit = Foreground.BUSY_BATCH
            async with worker_session() as session:
                if await drain_outbox_once(session, limit=limit) < limit:
                    return


async def retry_stalled_jobs(app: procrastinate.App, *, seconds_since_heartbeat: float) -> int:
    """Put back to `todo` every job left `doing` by a worker that stopped sending heartbeats (killed,
    or its machine gone). Jobs run in one transaction each, so a retried job starts from a clean
    state: it is neither lost nor done twice."""
    stalled = list(await app.job_manager.get_stalled_jobs(seconds_since_heartbeat=seconds_since_heartbeat))
    for job in stalled:
        await app.job_manager.retry_job(job)
    if stalled:
        log.warning("stalled jobs retried", jobs=[job.id for job in stalled])
    return len(stalled)


@tasks.periodic(cron="* * * * * */15", periodic_id="retry_stalled_jobs")
@tasks.task(name="retry_stalled_jobs", queue="maintenance", queueing_lock="retry_stalled_jobs", pass_context=True)
async def retry_stalled_jobs_task(context: procrastinate.JobContext, timestamp: int) -> None:
    """Every fifteen seconds: retry the jobs of workers that died."""
    await retry_stalled_jobs(
        context.app, seconds_since_heartbeat=worker_context().settings.worker_stalled_after_seconds
    )


def load_jobs() -> procrastinate.App:
    """The app with every job module's tasks and outbox handlers registered."""
    import service.jobs  # noqa: F401  (registers every job module's tasks and outbox handlers)

    return tasks


@contextmanager
def connected_app(database_url: str) -> Iterator[procrastinate.App]:
    """The app, connected to `database_url` for the duration of the block."""
    from sqlalchemy import make_url

    conninfo = make_url(database_url).set(drivername="postgresql").render_as_string(hide_password=False)
    with load_jobs().replace_connector(procrastinate.PsycopgConnector(conninfo=conninfo)) as app:
        yield app


async def run_worker(
    database_url: str, settings: Settings, *, concurrency: int = 2, foreground: Foreground | None = None
) -> None:
    """Run a worker until cancelled (the `equipmatch worker` command, or inside `serve`, where
    `foreground` tells it of the API's requests)."""
    global _context
    engine = make_engine(database_url, pool_size=settings.db_pool_size, max_overflow=settings.db_max_overflow)
    _context = WorkerContext(
        engine=engine, sessionmaker=make_sessionmaker(engine), settings=settings, foreground=foreground
    )
    try:
        with connected_app(database_url) as app:
            async with app.open_async():
                await app.run_worker_async(
                    concurrency=concurrency,
                    install_signal_handlers=False,
                    update_heartbeat_interval=settings.worker_heartbeat_seconds,
                    stalled_worker_timeout=settings.worker_stalled_after_seconds,
                    shutdown_graceful_timeout=settings.worker_shutdown_seconds,
                )
    finally:
        await engine.dispose()
        _context = None
