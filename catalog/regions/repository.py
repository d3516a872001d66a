"""Region queries: children, ancestors, and whether one region lies inside another.

The tree questions (X inside Y, X served by any of Ys) are answered here and only here, as Python
lookups or as SQL clauses for other queries to embed; access decisions built on them live in
`catalog.access`.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import ColumnElement, Select, any_, func, literal, select
from sqlalchemy.ext.asyncio import AsyncSession

from catalog.errors import FieldError
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


async def paths_of(session: AsyncSession, codes: set[str] | Sequence[str]) -> dict[str, list[str]]:
    """Each known region code with its ancestors (000000 first, itself last), in one query."""
    if not codes:
        return {}
    rows = await session.execute(select(Region.code, Region.ancestors).where(Region.code.in_(sorted(set(codes)))))
    return {code: list(ancestors) for code, ancestors in rows}


async def names_and_paths(session: AsyncSession, codes: Sequence[str]) -> dict[str, tuple[str, list[str]]]:
    """code → (name, ancestors from 000000 down to the code)."""
    rows = await session.execute(select(Region.code, Region.name, Region.ancestors).where(Region.code.in_(codes)))
    return {code: (name, list(ancestors)) for code, name, ancestors in rows}


async def is_within(session: AsyncSession, code: str, scope: str) -> bool:
    """Whether region `code` lies in the subtree of `scope` (a region is inside itself)."""
    return scope in await ancestors_of(session, code)


async def lies_under_any(session: AsyncSession, code: str | None, scopes: Sequence[str]) -> bool:
    """Whether region `code` lies in the subtree of one of `scopes` (a listing's service regions,
    a campaign's regions)."""
    return code is not None and bool(set(await ancestors_of(session, code)) & set(scopes))


async def outside_of(session: AsyncSession, codes: Sequence[str], scope: str) -> list[str]:
    """The codes among `codes` that do not lie in the subtree of `scope`."""
    paths = await paths_of(session, codes)
    return [code for code in codes if scope not in paths.get(code, [])]


def codes_within(scope: str) -> Select[str]:
    """SQL: the codes of `scope`'s subtree, `scope` itself included."""
    return select(Region.code).where(literal(scope) == any_(Region.ancestors))


def codes_under_any(scopes: Sequence[str]) -> Select[str]:
    """SQL: the codes lying in the subtree of any of `scopes`."""
    return select(Region.code).where(Region.ancestors.overlap(list(scopes)))


def all_within(codes: Any, scope: str) -> ColumnElement[bool]:
    """SQL: every code of the array expression `codes` lies in `scope`'s subtree (false when empty)."""
    inside = (
        select(func.bool_and(literal(scope) == any_(Region.ancestors)))
        .where(Region.code == any_(codes))
        .scalar_subquery()
    )
    return func.coalesce(inside, False)


def covers_sql(codes: Any, code: str) -> ColumnElement[bool]:
    """SQL: region `code` lies in the subtree of one of the array expression `codes`."""
    path = select(Region.ancestors).where(Region.code == code).scalar_subquery()
    return func.coalesce(codes.op("&&")(path), False)


def city_sql(column: Any) -> ColumnElement[str]:
    """SQL: a region code column at city level (see `catalog.regions.codes.city_of`)."""
    return func.substr(column, 1, 4) + literal("00")


def within_sql(column: str, param: str) -> str:
    """Raw SQL for the text-built search queries: `column` lies in the subtree of `:param`."""
    return f"{column} IN (SELECT code FROM regions WHERE CAST(:{param} AS varchar) = ANY(ancestors))"


def under_any_sql(column: str, scopes: str) -> str:
    """Raw SQL, `codes_under_any` for a text-built query: `column` lies in the subtree of any code
    of the array expression `scopes`."""
    return f"{column} IN (SELECT code FROM regions WHERE ancestors && CAST({scopes} AS varchar[]))"


async def existing_codes(session: AsyncSession, codes: Sequence[str]) -> set[str]:
    rows = await session.scalars(select(Region.code).where(Region.code.in_(list(codes))))
    return set(rows)


async def region_code_by_name(session: AsyncSession, value: str) -> str | None:
    """A region's code by its name, with or without its 省/市/县/区 suffix (海宁市, 海宁); the
    shallowest when names repeat (a city before a district of the same name)."""
    names = [value, *(value + suffix for suffix in ("市", "省", "县", "区"))]
    rows = (await session.execute(select(Region.code, Region.ancestors).where(Region.name.in_(names)))).all()
    return min(rows, key=lambda r: (len(r.ancestors), r.code)).code if rows else None


async def region_names(session: AsyncSession, codes: set[str]) -> dict[str, list[str]]:
    """Each region code → its name and its ancestors' names (nation left out), in one query."""
    if not codes:
        return {}
    rows = (await session.execute(select(Region.code, Region.ancestors).where(Region.code.in_(sorted(codes))))).all()
    wanted = {a for _, ancestors in rows for a in ancestors} | codes
    names = dict((await session.execute(select(Region.code, Region.name).where(Region.code.in_(sorted(wanted))))).all())
    return {code: [names[a] for a in ancestors if a in names and a != "000000"] for code, ancestors in rows}


async def unknown_codes_error(session: AsyncSession, codes: Sequence[str], *, field: str) -> FieldError | None:
    """The field error naming the codes among `codes` that are no region (the first five), if any."""
    missing = sorted(set(codes) - await existing_codes(session, codes))
    return FieldError(field, f"未知行政区划代码：{', '.join(missing[:5])}") if missing else None
