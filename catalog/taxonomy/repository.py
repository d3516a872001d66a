"""Taxonomy queries: the whole tree, lookups by code/name/alias, subtree codes, tags."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import any_, func, literal, or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from catalog.taxonomy.models import Category, Tag


async def all_categories(session: AsyncSession) -> Sequence[Category]:
    return (await session.scalars(select(Category).order_by(Category.sort_order, Category.code))).all()


async def find_category(session: AsyncSession, value: str) -> Category | None:
    """A category by exact code, name or alias; Latin letters compare case-insensitively."""
    value = value.strip()
    if not value:
        return None
    by_code = await session.get(Category, value)
    if by_code is not None:
        return by_code
    folded = value.casefold()
    stmt = (
        select(Category)
        .where(
            or_(
                func.lower(Category.name) == folded,
                literal(value) == any_(Category.aliases),
                func.lower(func.array_to_string(Category.aliases, "\x1f")).contains(folded),
            )
        )
        # Leaves before groups, then name hits before alias hits.
        .order_by((Category.level == "leaf").desc(), (func.lower(Category.name) == folded).desc(), Category.code)
    )
    for candidate in (await session.scalars(stmt)).all():
        if candidate.name.casefold() == folded or folded in (a.casefold() for a in candidate.aliases):
            return candidate
    return None


async def subtree_codes(session: AsyncSession, code: str) -> list[str]:
    """The codes of `code` and every category below it."""
    rows = await session.scalars(select(Category.code).where(literal(code) == any_(Category.ancestors)))
    return list(rows)


async def all_tags(session: AsyncSession) -> Sequence[Tag]:
    return (await session.scalars(select(Tag).order_by(Tag.sort_order, Tag.name))).all()


async def known_tags(session: AsyncSession) -> set[str]:
    return set(await session.scalars(select(Tag.name)))
