"""Start-up work shared by the CLI and the tests: migrate, load reference data, create the admin,
seed the demo."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import TypeVar

from sqlalchemy.ext.asyncio import AsyncSession

from catalog.organizations.service import ensure_platform_admin
from seeds.reference import ReferenceCounts, load_reference
from service.config import Settings
from service.db import make_engine, make_sessionmaker

T = TypeVar("T")


async def in_transaction(url: str, work: Callable[[AsyncSession], Awaitable[T]]) -> T:
    """Run `work` in one committed transaction on a short-lived engine."""
    engine = make_engine(url)
    try:
        async with make_sessionmaker(engine)() as session, session.begin():
            return await work(session)
    finally:
        await engine.dispose()


async def prepare(url: str, settings: Settings) -> tuple[ReferenceCounts, bool]:
    """Reference data (idempotent) and the platform admin from EQM_ADMIN_EMAIL/EQM_ADMIN_PASSWORD."""

    async def work(session: AsyncSession) -> tuple[ReferenceCounts, bool]:
        counts = await load_reference(session)
        created = False
        if settings.admin_email and settings.admin_password:
            created = await ensure_platform_admin(session, email=settings.admin_email, password=settings.admin_password)
        return counts, created

    return await in_transaction(url, work)
