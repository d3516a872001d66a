"""Search over the supply and demand lists (API.md › Search)."""

from __future__ import annotations

import unicodedata
from decimal import Decimal
from typing import Annotated

from fastapi import APIRouter, Depends, Query, Request

from catalog.errors import ValidationFailed
from catalog.search.base import DEMAND_FACETS, LISTING_FACETS, SearchBackend, SearchQuery, Sort
from catalog.search.schemas import DemandSearchPage, ListingSearchPage
from catalog.search.service import facet_names, search_demands, search_listings
from catalog.text import MAX_QUERY_CHARS
from service.api.params import Limit, Offset
from service.auth import CurrentActor
from service.db import SessionDep

router = APIRouter(prefix="/search", tags=["search"])


async def search_backend(request: Request) -> SearchBackend:
    """The app's backend (async: FastAPI runs a plain function dependency in its thread pool)."""
    backend: SearchBackend = request.app.state.search
    return backend


SearchDep = Annotated[SearchBackend, Depends(search_backend)]
Q = Annotated[str, Query(description=f"关键词（超过 {MAX_QUERY_CHARS} 字只取前 {MAX_QUERY_CHARS} 字）")]
CategoryParam = Annotated[str | None, Query(max_length=64, description="品类代码、名称或别名（含下级品类）")]
RegionParam = Annotated[str | None, Query(description="行政区划代码（6 位）或地区名称（海宁市、海宁）")]
SortParam = Annotated[Sort, Query(description="relevance（默认）| price（价格从低到高）| newest（最新发布）")]
FacetsParam = Annotated[str | None, Query(max_length=200, description="逗号分隔的分面名")]


def _clean(value: str | None, field: str) -> str | None:
    """A filter value without control characters (NUL cannot reach PostgreSQL); 422 when it had any."""
    if value is None:
        return None
    if any(unicodedata.category(ch) == "Cc" for ch in value):
        raise ValidationFailed.on(field, "含有非法控制字符")
    return value.strip()


def _region(value: str | None) -> str | None:
    """A 6-digit region code, or a region's name (resolved by the search service)."""
    value = _clean(value, "region") or None  # `region=` (empty) is no filter
    if value is not None and value.isascii() and not (len(value) == 6 and value.isdigit()):
        raise ValidationFailed.on("region", "行政区划代码应为 6 位数字，或填写地区名称")
    if value is not None and len(value) > 20:
        raise ValidationFailed.on("region", "地区名称过长")
    return value or None


def _tags(values: list[str]) -> list[str]:
    """Repeated `tags=` values, each of which may also be a comma list (tags=首台套,专精特新)."""
    names = [name.strip() for value in values for name in (_clean(value, "tags") or "").replace("，", ",").split(",")]
    return list(dict.fromkeys(name for name in names if name))


def _facets(value: str | None, allowed: tuple[str, ...]) -> list[str]:
    names = [f.strip() for f in (value or "").split(",") if f.strip()]
    unknown = [f for f in names if f not in allowed]
    if unknown:
        raise ValidationFailed.on("facets", f"未知分面：{', '.join(unknown[:5])[:60]}；可选 {', '.join(allowed)}")
    return list(dict.fromkeys(names))


@router.get("/listings", response_model=ListingSearchPage)
async def search_listings_endpoint(
    session: SessionDep,
    backend: SearchDep,
    q: Q = "",
    category: CategoryParam = None,
    region: RegionParam = None,
    tags: Annotated[list[str], Query(max_length=20, description="标签（可重复，须全部满足）")] = [],  # noqa: B006
    energy_grade_max: Annotated[int | None, Query(ge=1, le=5)] = None,
    price_max: Annotated[Decimal | None, Query(ge=0, max_digits=14, decimal_places=2)] = None,
    price_min: Annotated[Decimal | None, Query(ge=0, max_digits=14, decimal_places=2)] = None,
    recommended: bool | None = None,
    sort: SortParam = "relevance",
    limit: Limit = 20,
    offset: Offset = 0,
    facets: FacetsParam = None,
) -> ListingSearchPage:
    """Search published listings (no login): Chinese-aware text, filters, facets, best first."""
    query = SearchQuery(
        q=q[:MAX_QUERY_CHARS], region=_region(region), tags=_tags(tags),
        energy_grade_max=energy_grade_max, price_max=price_max, price_min=price_min, recommended=recommended,
        limit=limit, offset=offset, facets=_facets(facets, LISTING_FACETS), sort=sort,
    )  # fmt: skip
    items, total, counted, exact = await search_listings(session, backend, query, category=_clean(category, "category"))
    names = await facet_names(session, counted)
    return ListingSearchPage(items=items, total=total, total_exact=exact, facets=counted, facet_names=names)


@router.get("/demands", response_model=DemandSearchPage)
async def search_demands_endpoint(
    session: SessionDep,
    backend: SearchDep,
    actor: CurrentActor,
    q: Q = "",
    category: CategoryParam = None,
    region: RegionParam = None,
    motivations: Annotated[list[str], Query(max_length=4, description="更新动因（可重复，须全部满足）")] = [],  # noqa: B006
    budget_min: Annotated[Decimal | None, Query(ge=0, max_digits=14, decimal_places=2)] = None,
    sort: SortParam = "relevance",
    limit: Limit = 20,
    offset: Offset = 0,
    facets: FacetsParam = None,
) -> DemandSearchPage:
    """Search published demands (suppliers see them anonymised; bureaus within their region; buyers 403)."""
    from catalog.demands.models import MOTIVATIONS

    unknown = [m for m in motivations if m not in MOTIVATIONS]
    if unknown:
        raise ValidationFailed.on("motivations", f"未知更新动因；可选 {', '.join(MOTIVATIONS)}")
    query = SearchQuery(
        q=q[:MAX_QUERY_CHARS], region=_region(region), motivations=motivations, budget_min=budget_min,
        limit=limit, offset=offset, facets=_facets(facets, DEMAND_FACETS), sort=sort,
    )  # fmt: skip
    items, total, counted, exact = await search_demands(
        session, backend, query, category=_clean(category, "category"), actor=actor
    )
    names = await facet_names(session, counted)
    return DemandSearchPage(items=items, total=total, total_exact=exact, facets=counted, facet_names=names)
