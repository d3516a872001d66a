"""The statistics overview a bureau reads: its scope resolved (narrowed by `region`), every source
aggregated overall, by region one level below the scope, by category group and by month, and the
blocks assembled. The dashboard and the XLSX export render this same object."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from catalog.access import Actor, in_scope
from catalog.errors import Forbidden, NotFound
from catalog.regions.models import NATIONWIDE
from catalog.regions.repository import get_region, list_regions
from catalog.taxonomy.repository import subtree_codes
from catalog.taxonomy.service import resolve_category
from matching.matches.repository import names_of
from matching.statistics.repository import GRADES, SOURCES, Dimension, Filters, Rows, as_decimal
from matching.statistics.schemas import (
    EVENT_STATUSES,
    CampaignFigures,
    CategoryRow,
    DemandFigures,
    EventFigures,
    ListingFigures,
    MatchFigures,
    MonthRow,
    Overview,
    RegionRow,
    ScopeRead,
)


async def statistics_scope(session: AsyncSession, *, actor: Actor, region: str | None) -> str:
    """The region whose subtree counts: the bureau's own (the admin: the whole country), narrowed by
    `region`, which must lie inside it."""
    if not actor.is_platform_admin and (not actor.is_kind("bureau") or actor.region_code is None):
        raise Forbidden("此操作仅限主管部门")
    own = NATIONWIDE if actor.is_platform_admin else str(actor.region_code)
    if not region:
        return own
    if await get_region(session, region) is None:
        raise NotFound(f"区划 {region} 不存在")
    if not await in_scope(session, actor, region):
        raise Forbidden(f"区划 {region} 不在本部门管辖范围内")
    return region


def _figures(rows: dict[str, Rows], key: str | None) -> dict[str, Any]:
    listing = rows["listings"].get(key)
    demand = rows["demands"].get(key)
    match = rows["matches"].get(key)
    campaign = rows["campaigns"].get(key)
    event = rows["events"].get(key)
    out: dict[str, Any] = {
        "listings": ListingFigures(),
        "demands": DemandFigures(),
        "matches": MatchFigures(),
        "campaigns": CampaignFigures(),
        "events": EventFigures(),
    }
    if listing:
        grades = {g: listing[f"grade_{g}"] for g in GRADES} | {"unknown": listing["grade_unknown"]}
        out["listings"] = ListingFigures(
            published=listing["published"], recommended=listing["recommended"],
            pending_review=listing["pending_review"], by_energy_grade=grades,
        )  # fmt: skip
    if demand:
        median = demand["first_contact_hours_median"]
        out["demands"] = DemandFigures(
            published=demand["published"], budget_total=as_decimal(demand["budget_total"]),
            with_strong_match=demand["with_strong_match"], contacted=demand["contacted"],
            first_contact_hours_median=None if median is None else round(float(median), 1),
        )  # fmt: skip
    if match:
        out["matches"] = MatchFigures(
            contacted=match["contacted"], quoted=match["quoted"], contracted=match["contracted"],
            declined=match["declined"], contracted_amount=as_decimal(match["contracted_amount"]),
        )  # fmt: skip
    if campaign:
        out["campaigns"] = CampaignFigures(
            settled=campaign["settled"], failed=campaign["failed"],
            pooled_quantity=int(campaign["pooled_quantity"]), total_saving=as_decimal(campaign["total_saving"]),
        )  # fmt: skip
    if event:
        out["events"] = EventFigures(
            held=event["held"], by_status={s: event[f"status_{s}"] for s in EVENT_STATUSES},
            meetings=event["meetings"], no_shows=event["no_shows"], intentions=event["intentions"],
            intention_amount=as_decimal(event["intention_amount"]), contracts=event["contracts"],
            contract_amount=as_decimal(event["contract_amount"]),
        )  # fmt: skip
    return out


def period_bounds(date_from: date | None, date_to: date | None) -> tuple[datetime | None, datetime | None]:
    """Inclusive dates as a half-open UTC interval [from 00:00, the day after `to` 00:00)."""
    start = datetime.combine(date_from, time(), tzinfo=UTC) if date_from else None
    end = datetime.combine(date_to + timedelta(days=1), time(), tzinfo=UTC) if date_to else None
    return start, end


async def overview(
    session: AsyncSession,
    *,
    actor: Actor,
    region: str | None = None,
    category: str | None = None,
    date_from: date | None = None,
    date_to: date | None = None,
    strong_threshold: float,
) -> Overview:
    """Every figure of the bureau's scope (drafts never count), overall and broken down."""
    scope_code = await statistics_scope(session, actor=actor, region=region)
    scope = await get_region(session, scope_code)
    assert scope is not None
    category_codes, category_code = None, None
    if category:
        found = await resolve_category(session, category)
        category_codes, category_code = await subtree_codes(session, found.code), found.code
    start, end = period_bounds(date_from, date_to)
    filters = Filters(
        scope=scope_code, category_codes=category_codes, start=start, end=end, strong_threshold=strong_threshold
    )

    async def by(dim: Dimension) -> dict[str, Rows]:
        return {name: await source(session, filters, dim) for name, source in SOURCES.items()}

    totals, regions, groups, months = await by("total"), await by("region"), await by("category"), await by("month")

    def keys(rows: dict[str, Rows]) -> set[str | None]:
        return {key for source in rows.values() for key in source}

    children = {r.code: r.name for r in await list_regions(session, parent=scope_code)}
    region_keys = set(children) | {k for k in keys(regions) if k is not None}
    group_keys = keys(groups)
    names = await names_of(
        session,
        categories=[k for k in group_keys if k is not None],
        regions=[k for k in region_keys if k not in children],
    )
    names |= children
    by_region = [RegionRow(code=k, name=names.get(k, k), **_figures(regions, k)) for k in sorted(region_keys)]
    by_category = [
        CategoryRow(code=k, name=names.get(k, k) if k else "未分类", **_figures(groups, k))
        for k in sorted(group_keys, key=lambda k: (k is None, k or ""))
    ]
    by_month = [MonthRow(month=str(k), **_figures(months, k)) for k in sorted(k for k in keys(months) if k)]
    return Overview(
        scope=ScopeRead(code=scope.code, name=scope.name, level=scope.level),
        category=category_code,
        date_from=date_from, date_to=date_to,
        by_region=by_region, by_category=by_category, by_month=by_month,
        **_figures(totals, None),
    )  # fmt: skip
