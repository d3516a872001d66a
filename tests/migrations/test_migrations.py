"""Alembic from an empty database to head, one step down, and back up; the schema matches the models."""

from __future__ import annotations

from collections.abc import Callable

from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import text

from service.db import make_engine
from service.migrate import current_revision, downgrade_async, include_name, upgrade_async
from service.models import Base


async def _tables(url: str) -> set[str]:
    engine = make_engine(url)
    try:
        async with engine.connect() as conn:
            rows = await conn.execute(text("SELECT tablename FROM pg_tables WHERE schemaname = 'public'"))
            return {r[0] for r in rows}
    finally:
        await engine.dispose()


async def _schema_diff(url: str) -> list[object]:
    engine = make_engine(url)
    try:
        async with engine.connect() as conn:
            return await conn.run_sync(
                lambda sync: compare_metadata(
                    MigrationContext.configure(sync, opts={"compare_type": True, "include_name": include_name}),
                    Base.metadata,
                )
            )
    finally:
        await engine.dispose()


async def test_upgrade_from_empty_downgrade_one_step_and_up_again(fresh_database: Callable[[str], str]) -> None:
    url = fresh_database("equipmatch_migrations")
    assert await _tables(url) == set()
    await upgrade_async(url)
    head = await current_revision(url)
    assert head is not None
    assert {"organizations", "users", "listings", "demands", "regions", "categories"} <= await _tables(url)
    assert await _schema_diff(url) == [], "models and migrations disagree"

    await downgrade_async(url, "-1")
    assert await current_revision(url) != head
    assert await _schema_diff(url) != [], "one step down removes something"
    await upgrade_async(url)
    assert await current_revision(url) == head

    await downgrade_async(url, "base")
    assert await _tables(url) <= {"alembic_version"}
