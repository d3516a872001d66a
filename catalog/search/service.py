"""Search as the API offers it: resolve the filters (category by code, name or alias; region
ancestors; tags), ask the backend, and load the hits in the backend's order."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from typing import TypeVar

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import joinedload

from catalog.access import Actor, region_counts, region_filter, region_scope
from catalog.demands.models import Demand
from catalog.errors import FieldError, Forbidden, ValidationFailed
from catalog.listings.models import Listing
from catalog.organizations.models import Organization
from catalog.regions.repository import names_and_paths, paths_of, region_code_by_name
from catalog.search.base import Hit, SearchBackend, SearchQuery
from catalog.search.schemas import LISTING_HIT_COLUMNS, DemandHit, ListingHit, demand_hit, listing_hit_of_row
from catalog.taxonomy.models import Category
from catalog.taxonomy.repository import find_category, known_tags


async def facet_names(session: AsyncSession, facets: dict[str, dict[str, int]]) -> dict[str, dict[str, str]]:
    """The display names of the category and region facet values ({facet: {code: name}})."""
    names: dict[str, dict[str, str]] = {}
    if facets.get("category"):
        rows = await session.execute(
            select(Category.code, Category.name).where(Category.code.in_(list(facets["category"])))
        )
        names["category"] = {code: name for code, name in rows}
    if facets.get("region"):
        found = await names_and_paths(session, list(facets["region"]))
        names["region"] = {code: name for code, (name, _) in found.items()}
    return names


async def resolve(session: AsyncSession, query: SearchQuery, *, category: str | None) -> SearchQuery:
    """The query with the category resolved to its code and the region (a code or a name) to its
    code and ancestors; every unknown value reported at once (422 naming the field)."""
    errors: list[FieldError] = []
    categories: list[str] = []
    if category is not None and category.strip():
        found = await find_category(session, category[:64])
        if found is None:
            errors.append(FieldError("category", f"未知品类：{category[:50]}"))
        else:
            categories = [found.code]
    ancestors: list[str] = []
    region = query.region
    if region is not None and not (region.isascii() and region.isdigit()):
        region = await region_code_by_name(session, region[:20])
        if region is None:
            errors.append(FieldError("region", f"未知地区：{(query.region or '')[:20]}"))
    if region is not None:
        ancestors = (await paths_of(session, [region])).get(region, [])
        if not ancestors:
            errors.append(FieldError("region", f"未知行政区划代码：{region[:12]}"))
    if query.tags:
        vocabulary = await known_tags(session)
        unknown = [t for t in query.tags if t not in vocabulary]
        if unknown:
            errors.append(FieldError("tags", f"未知标签：{'、'.join(t[:20] for t in unknown[:5])}"))
    if errors:
        raise ValidationFailed("搜索条件有误", errors=errors)
    return replace(query, categories=categories, region=region, region_ancestors=ancestors)


Row = TypeVar("Row", Listing, Demand)


async def published_in_order(session: AsyncSession, model: type[Row], hits: Sequence[Hit]) -> list[tuple[Row, float]]:
    """The hits' rows (organisation and category loaded) in the backend's order, with their
    scores; a row unpublished since the backend indexed it is left out."""
    ids = [h.id for h in hits]
    stmt = (
        select(model)
        .options(joinedload(model.organization), joinedload(model.category))
        .where(model.id.in_(ids), model.status == "published")
    )
    by_id = {row.id: row for row in (await session.scalars(stmt)).all()}
    return [(by_id[h.id], h.score) for h in hits if h.id in by_id]


async def listing_hits_in_order(session: AsyncSession, hits: Sequence[Hit]) -> list[ListingHit]:
    """The hits' published listings as search items in the backend's order (a listing unpublished
    since the backend indexed it is left out): one select of the item's columns, no ORM objects."""
    stmt = (
        select(*LISTING_HIT_COLUMNS)
        .join(Category, Category.code == Listing.category_code)
        .join(Organization, Organization.id == Listing.organization_id)
        .where(Listing.id.in_([h.id for h in hits]), Listing.status == "published")
    )
    by_id = {row.id: row for row in await session.execute(stmt)} if hits else {}
    return [listing_hit_of_row(by_id[h.id], score=h.score) for h in hits if h.id in by_id]


async def search_listings(
    session: AsyncSession, backend: SearchBackend, query: SearchQuery, *, category: str | None
) -> tuple[list[ListingHit], int, dict[str, dict[str, int]], bool]:
    """Published listings for the query: hits in rank order, the total, the facets asked for, and
    whether the total and facets are exact (False: estimated from a sample of a broad match)."""
    query = await resolve(session, query, category=category)
    result = await backend.search(session, "listing", query)
    return await listing_hits_in_order(session, result.items), result.total, result.facets, result.exact


def demand_search_scope(actor: Actor) -> tuple[str | None, bool]:
    """Who may search demands, within which region, and whether buyers are shown: suppliers
    (anonymised, everywhere), bureaus (their region subtree, buyers shown), the platform admin
    (everything). Buyers may not."""
    if actor.is_platform_admin or actor.is_kind("bureau"):
        return region_scope(actor), True
    if actor.is_kind("supplier"):
        return None, False
    raise Forbidden("只有设备供应商、主管部门和平台管理员可以搜索需求")


def demand_query_for(actor: Actor, query: SearchQuery) -> tuple[SearchQuery, bool]:
    """The query as the backend must run it for `actor`, and whether buyers are revealed: a
    bureau's scope added; for a supplier the region filter clamped to the level it sees (a county
    filter acts as its city), so filtering reveals nothing the results would not show."""
    scope, reveal = demand_search_scope(actor)
    return replace(query, scope=scope, region=region_filter(query.region, reveal=reveal)), reveal


async def search_demands(
    session: AsyncSession, backend: SearchBackend, query: SearchQuery, *, category: str | None, actor: Actor
) -> tuple[list[DemandHit], int, dict[str, dict[str, int]], bool]:
    """Published demands for the query, anonymised for suppliers, limited to a bureau's scope."""
    demand_search_scope(actor)  # buyers are refused before anything else is looked at
    query, reveal = demand_query_for(actor, await resolve(session, query, category=category))
    result = await backend.search(session, "demand", query)
    hits = [
        demand_hit(row, reveal_buyer=reveal, score=score)
        for row, score in await published_in_order(session, Demand, result.items)
    ]
    if "region" in result.facets:
        result.facets["region"] = region_counts(result.facets["region"], reveal=reveal)
    return hits, result.total, result.facets, result.exact
