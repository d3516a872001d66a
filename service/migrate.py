"""Running Alembic from code: the CLI and the tests use these, with the URL passed in."""

from __future__ import annotations

import asyncio
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from sqlalchemy.ext.asyncio import create_async_engine

import migrations
from service.db import async_url

MIGRATIONS_DIR = Path(migrations.__file__).resolve().parent
# Tables that are not ours to model: procrastinate's queue schema (installed by a migration).
FOREIGN_TABLE_PREFIXES = ("procrastinate_",)


def include_name(name: str | None, type_: str, parent_names: object) -> bool:
    """Autogenerate and schema comparison look only at our own tables."""
    return not (type_ == "table" and name is not None and name.startswith(FOREIGN_TABLE_PREFIXES))


def alembic_config(url: str) -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    config.attributes["url"] = url
    return config


def _in_thread(fn: object, *args: object) -> None:
    """Alembic's env.py runs its own event loop; from inside a running loop give it a thread."""
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        fn(*args)  # type: ignore[operator]
        return
    raise RuntimeError("call the async variants from inside an event loop")


def upgrade(url: str, revision: str = "head") -> None:
    _in_thread(command.upgrade, alembic_config(url), revision)


def downgrade(url: str, revision: str = "-1") -> None:
    _in_thread(command.downgrade, alembic_config(url), revision)


async def upgrade_async(url: str, revision: str = "head") -> None:
    await asyncio.to_thread(command.upgrade, alembic_config(url), revision)


async def downgrade_async(url: str, revision: str = "-1") -> None:
    await asyncio.to_thread(command.downgrade, alembic_config(url), revision)


async def current_revision(url: str) -> str | None:
    engine = create_async_engine(async_url(url))
    try:
        async with engine.connect() as conn:
            return await conn.run_sync(lambda sync_conn: MigrationContext.configure(sync_conn).get_current_revision())
    finally:
        await engine.dispose()
