"""The search interface both backends implement: index, delete, and search with filters, facets
and pagination."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Literal, Protocol

from sqlalchemy.ext.asyncio import AsyncSession

from catalog.search.documents import SearchDocument

Kind = Literal["listing", "demand"]
Sort = Literal["relevance", "price", "newest"]
SORTS: tuple[str, ...] = ("relevance", "price", "newest")
LISTING_FACETS = ("category", "tags", "energy_grade", "region")
DEMAND_FACETS = ("category", "region", "motivations")


@dataclass(frozen=True)
class SearchQuery:
    """One search. `categories` are category codes (each includes its subtree); `regions` the
    region codes whose ancestors a result must serve (listings) or lie in (demand scopes)."""

    q: str = ""
    categories: list[str] = field(default_factory=list)
    region: str | None = None
    region_ancestors: list[str] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    energy_grade_max: int | None = None
    price_max: Decimal | None = None
    price_min: Decimal | None = None  # listings whose price_min is at least this
    recommended: bool | None = None
    # demands only
    motivations: list[str] = field(default_factory=list)
    budget_min: Decimal | None = None
    scope: str | None = None  # a bureau's region: only demands inside it
    limit: int = 20
    offset: int = 0
    facets: list[str] = field(default_factory=list)
    # relevance (text first; without text: recommended, then newest), price (cheapest first,
    # unknown prices last), newest (latest published first); ties by relevance, then id
    sort: Sort = "relevance"


@dataclass(frozen=True)
class Hit:
    id: uuid.UUID
    score: float


@dataclass
class SearchResult:
    """`exact` is False when a broad search counted only a sample of its matches: `total` and the
    facet counts are then estimates (the page is still ranked from that sample)."""

    items: list[Hit]
    total: int
    facets: dict[str, dict[str, int]] = field(default_factory=dict)
    exact: bool = True


class SearchBackend(Protocol):
    """What a search backend does. `index`/`delete` take documents built by documents.py."""

    name: str

    async def index(self, session: AsyncSession, kind: Kind, documents: Sequence[SearchDocument]) -> None: ...

    async def delete(self, session: AsyncSession, kind: Kind, ids: Sequence[uuid.UUID]) -> None: ...

    async def search(self, session: AsyncSession, kind: Kind, query: SearchQuery) -> SearchResult: ...
