"""Test plumbing: one real PostgreSQL for the run (the embedded one, or TEST_DATABASE_URL), migrated
once and loaded with reference data; every test runs inside an outer transaction that is rolled
back, and the app's sessions join it through savepoints."""

from __future__ import annotations

import os
import uuid
import warnings
from collections.abc import AsyncIterator, Awaitable, Callable, Iterator
from pathlib import Path

import httpx
import pytest
from hypothesis import settings as hypothesis_settings
from sqlalchemy import make_url
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine, AsyncSession, async_sessionmaker

from service.bootstrap import prepare
from service.config import Settings
from service.db import Database, ensure_database, make_engine
from service.main import create_app
from service.migrate import upgrade_async

# Speed is measured in bench/, not asserted in tests: Hypothesis' per-example deadline (200 ms) is a
# timed assertion, and on a loaded machine the first example of a run (the segmenter loading its
# dictionary: 3.3 s once) failed it.
hypothesis_settings.register_profile("equipmatch", deadline=None)
hypothesis_settings.load_profile("equipmatch")

warnings.filterwarnings("ignore", message="XDG_RUNTIME_DIR")
ROOT = Path(__file__).resolve().parents[1]
TEST_DB = "equipmatch_test"


@pytest.fixture(autouse=True)
def _forget_document_frequencies() -> None:
    """Every test's rows are rolled back after it: IDF counts the search remembered (per process, a
    minute) from an earlier test's rows must not weigh this test's ranking."""
    from catalog.search.postgres import forget_document_frequencies

    forget_document_frequencies()


@pytest.fixture(scope="session")
def settings() -> Settings:
    return Settings(
        env="test", data_dir=ROOT / ".data" / "test", secret_key="test-secret-" + "x" * 32, database_url=None
    )


def _fresh_database(settings: Settings, name: str) -> Database:
    """A new empty database `name`: on TEST_DATABASE_URL's server, else in the embedded one."""
    external = os.environ.get("TEST_DATABASE_URL")
    if external:
        import psycopg

        admin = make_url(external).set(drivername="postgresql")
        with psycopg.connect(admin.render_as_string(hide_password=False), autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            conn.execute(f"CREATE DATABASE \"{name}\" ENCODING 'UTF8' TEMPLATE template0")
        return Database(url=admin.set(database=name).render_as_string(hide_password=False))
    database = ensure_database(settings, database="postgres")
    database.embedded.psql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE);')
    database.embedded.psql(f"CREATE DATABASE \"{name}\" ENCODING 'UTF8' TEMPLATE template0;")
    return Database(url=database.embedded.get_uri(database=name), embedded=database.embedded)


@pytest.fixture(scope="session")
def fresh_database(settings: Settings) -> Iterator[Callable[[str], str]]:
    """A factory of empty databases on the test server (for migration tests)."""
    made: list[Database] = []

    def make(name: str) -> str:
        database = _fresh_database(settings, name)
        made.append(database)
        return database.url

    yield make
    if made and made[0].embedded is not None:
        made[0].stop()


ReadyDatabase = Callable[[str], Awaitable[str]]


@pytest.fixture(scope="session")
def ready_database(settings: Settings, fresh_database: Callable[[str], str]) -> ReadyDatabase:
    """A factory of new databases migrated to head with the reference data loaded, for tests that
    need real commits (concurrency, CLI commands, whole-market benchmarks)."""

    async def make(name: str) -> str:
        url = fresh_database(name)
        await upgrade_async(url)
        await prepare(url, settings)
        return url

    return make


@pytest.fixture(scope="session")
async def database_url(ready_database: ReadyDatabase) -> str:
    return await ready_database(TEST_DB)


@pytest.fixture(scope="session")
async def engine(database_url: str) -> AsyncIterator[AsyncEngine]:
    engine = make_engine(database_url)
    yield engine
    await engine.dispose()


@pytest.fixture
async def connection(engine: AsyncEngine) -> AsyncIterator[AsyncConnection]:
    async with engine.connect() as conn:
        outer = await conn.begin()
        yield conn
        if outer.is_active:
            await outer.rollback()


@pytest.fixture
def sessionmaker(connection: AsyncConnection) -> async_sessionmaker[AsyncSession]:
    """Sessions bound to the test's connection: their commits are savepoints inside the outer
    transaction, so nothing outlives the test."""
    return async_sessionmaker(bind=connection, expire_on_commit=False, join_transaction_mode="create_savepoint")


@pytest.fixture
async def db(sessionmaker: async_sessionmaker[AsyncSession]) -> AsyncIterator[AsyncSession]:
    async with sessionmaker() as session:
        yield session


@pytest.fixture
async def client(
    settings: Settings, engine: AsyncEngine, sessionmaker: async_sessionmaker[AsyncSession], db: AsyncSession
) -> AsyncIterator[httpx.AsyncClient]:
    app = create_app(settings, engine=engine)
    app.state.sessionmaker = sessionmaker
    # Test data written through `db` must be visible to the app's sessions: flush it first, and
    # forget the objects so that nothing the handlers load is shared with the test's session.

    async def flush_and_expunge(request: httpx.Request) -> None:
        await db.flush()
        db.expunge_all()

    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(
        transport=transport, base_url="http://testserver", event_hooks={"request": [flush_and_expunge]}
    ) as c:
        yield c


def unique(prefix: str = "") -> str:
    return f"{prefix}{uuid.uuid4().hex[:8]}"
