"""Region queries: children, ancestors, and whether one region lies inside another."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from catalog.regions.models import Region


async def list_regions(
    session: AsyncSession, *, parent: str | None = None, q: str | None = None, code: str | None = None
) -> Sequence[Region]:
    """Regions ordered by code: one level below `parent`, those whose name contains `q` (or whose
    code starts with it, when `q` is digits), the one with `code`; filters combine."""
    stmt = select(Region).order_by(Region.code)
    if parent is not None:
        stmt = stmt.where(Region.parent_code == parent)
    if code is not None:
        stmt = stmt.where(Region.code == code)
    if q:
        if q.isdigit():
            stmt = stmt.where(Region.code.startswith(q, autoescape=True))
        else:
            stmt = stmt.where(Region.name.contains(q, autoescape=True))
    return (await session.scalars(stmt)).all()


async def get_region(session: AsyncSession, code: str) -> Region | None:
    return await session.get(Region, code)


async def ancestors_of(session: AsyncSession, code: str) -> list[str]:
    """Codes from 000000 down to `code` itself; empty when the code is unknown."""
    found = await session.scalar(select(Region.ancestors).where(Region.code == code))
    return list(found or [])


async def is_within(session: AsyncSession, code: str, scope: str) -> bool:
    """Whether region `code` lies in the subtree of `scope` (a region is inside itself)."""
    return scope in await ancestors_of(session, code)


async def existing_codes(session: AsyncSession, codes: Sequence[str]) -> set[str]:
    rows = await session.scalars(select(Region.code).where(Region.code.in_(list(codes))))
    return set(rows)
