"""Reference data a record is validated against (categories, tags, region codes) as one lookup:
the API loads it for the one record it writes, an import once for 50,000 rows. Validation itself is
then a pure function of the record and this lookup (catalog/listings/validation.py and
catalog/demands/validation.py), the same for every writer."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from catalog.regions.models import Region
from catalog.taxonomy.models import Category
from catalog.taxonomy.repository import known_tags


@dataclass
class ReferenceData:
    categories: dict[str, Category]
    lookup: dict[str, Category]
    tags: set[str]
    regions: set[str]

    @classmethod
    async def load(cls, session: AsyncSession, *, region_codes: Iterable[str] | None = None) -> ReferenceData:
        """Every category and tag; every region code, or (`region_codes`) those of them that exist."""
        rows = (await session.scalars(select(Category))).all()
        by_code = {c.code: c for c in rows}
        lookup: dict[str, Category] = {}
        # The precedence of `find_category`: leaf names, leaf aliases, group names, group aliases.
        for level in ("leaf", "group"):
            ordered = sorted((c for c in rows if c.level == level), key=lambda c: c.code)
            for category in ordered:
                lookup.setdefault(category.name.casefold(), category)
            for category in ordered:
                for alias in category.aliases:
                    lookup.setdefault(alias.casefold(), category)
        stmt = select(Region.code)
        if region_codes is not None:
            stmt = stmt.where(Region.code.in_(sorted(set(region_codes))))
        regions = set(await session.scalars(stmt))
        return cls(categories=by_code, lookup=lookup, tags=await known_tags(session), regions=regions)

    def category(self, value: str) -> Category | None:
        """By exact code, name or alias (Latin letters case-insensitive), as `find_category`."""
        value = value.strip()
        return self.categories.get(value) or self.lookup.get(value.casefold())
