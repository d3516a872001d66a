"""The statistics queries: one aggregate per source (listings, demands, match stages, settled
campaigns), each grouped by nothing, by region one level below the scope, by category group or by
month, inside a bureau's region subtree (from `catalog.access.regions_within`)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from typing import Any, Literal

from sqlalchemy import ColumnElement, DateTime, Numeric, any_, cast, exists, func, literal, null, select, union_all
from sqlalchemy.ext.asyncio import AsyncSession

from catalog.access import regions_within
from catalog.demands.models import Demand
from catalog.listings.models import Listing
from catalog.organizations.models import Organization
from catalog.taxonomy.models import Category
from matching.campaigns.models import Campaign, Settlement
from matching.events.models import Event, Meeting
from matching.matches.models import Match
from matching.statistics.schemas import EVENT_STATUSES

Dimension = Literal["total", "region", "category", "month"]
GRADES = ("1", "2", "3", "4", "5")
MATCH_STAGES = ("contacted", "quoted", "contracted", "declined")
# An announced event's statuses (schemas.EVENT_STATUSES; a draft never counts); "held" counts held and closed.
HELD_EVENT = ("held", "closed")
# A meeting took place when its outcome is recorded as anything but a no-show.
MEETING_TOOK_PLACE = ("held", "follow_up", "intention", "contract")


@dataclass(frozen=True)
class Filters:
    """Scope (a region code whose subtree counts), an optional category subtree, a half-open UTC
    period [start, end) and the score from which a match is strong."""

    scope: str
    category_codes: list[str] | None
    start: datetime | None
    end: datetime | None
    strong_threshold: float


Rows = dict[str | None, dict[str, Any]]


def _where(f: Filters, *, at: Any, category: Any) -> list[ColumnElement[bool]]:
    where: list[ColumnElement[bool]] = []
    if f.start is not None:
        where.append(at >= f.start)
    if f.end is not None:
        where.append(at < f.end)
    if f.category_codes is not None:
        where.append(category.in_(f.category_codes))
    return where


def _keyed(stmt: Any, dim: Dimension, *, rollup: Any, group: Any, at: Any) -> Any:
    if dim == "total":
        return stmt
    key = {"region": rollup, "category": group, "month": func.to_char(func.timezone("UTC", at), "YYYY-MM")}[dim]
    return stmt.add_columns(key.label("key")).group_by(key)


async def _run(session: AsyncSession, stmt: Any, dim: Dimension, names: list[str]) -> Rows:
    out: Rows = {}
    for row in (await session.execute(stmt)).mappings():
        key = None if dim == "total" else row["key"]
        out[key] = {n: row[n] for n in names}
    return out


async def listing_figures(session: AsyncSession, f: Filters, dim: Dimension) -> Rows:
    """Published listings by their supplier's region: counts, recommended, pending review, grades."""
    scoped = regions_within(f.scope)
    grades = [func.count().filter(Listing.energy_grade == int(g)).label(f"grade_{g}") for g in GRADES]
    stmt = (
        select(
            func.count().label("published"),
            func.count().filter(Listing.recommended.is_(True)).label("recommended"),
            func.count().filter(Listing.review_status == "pending").label("pending_review"),
            func.count().filter(Listing.energy_grade.is_(None)).label("grade_unknown"),
            *grades,
        )
        .select_from(Listing)
        .join(Organization, Organization.id == Listing.organization_id)
        .join(scoped, scoped.c.code == Organization.region_code)
        .join(Category, Category.code == Listing.category_code)
        .where(Listing.status == "published", *_where(f, at=Listing.published_at, category=Listing.category_code))
    )
    stmt = _keyed(stmt, dim, rollup=scoped.c.rollup, group=Category.ancestors[1], at=Listing.published_at)
    names = ["published", "recommended", "pending_review", "grade_unknown", *(f"grade_{g}" for g in GRADES)]
    return await _run(session, stmt, dim, names)


async def demand_figures(session: AsyncSession, f: Filters, dim: Dimension) -> Rows:
    """Published demands by their region: counts, budgets, strong matches, time to first contact."""
    scoped = regions_within(f.scope)
    first_contact = (
        select(func.min(Match.contacted_at)).where(Match.demand_id == Demand.id).correlate(Demand).scalar_subquery()
    )
    strong = exists().where(Match.demand_id == Demand.id, Match.score >= f.strong_threshold)
    hours = func.extract("epoch", first_contact - Demand.published_at) / 3600
    stmt = (
        select(
            func.count().label("published"),
            func.coalesce(func.sum(Demand.budget_max), 0).label("budget_total"),
            func.count().filter(strong).label("with_strong_match"),
            func.count().filter(first_contact.is_not(None)).label("contacted"),
            func.percentile_cont(0.5).within_group(hours).label("first_contact_hours_median"),
        )
        .select_from(Demand)
        .join(scoped, scoped.c.code == Demand.region_code)
        .outerjoin(Category, Category.code == Demand.category_code)
        .where(Demand.status == "published", *_where(f, at=Demand.published_at, category=Demand.category_code))
    )
    stmt = _keyed(stmt, dim, rollup=scoped.c.rollup, group=Category.ancestors[1], at=Demand.published_at)
    names = ["published", "budget_total", "with_strong_match", "contacted", "first_contact_hours_median"]
    return await _run(session, stmt, dim, names)


def _match_stages() -> Any:
    """Every stage a match reached, with when: the funnel counts stages reached within the period."""
    amount_none = cast(null(), Numeric(14, 2))
    stages = [
        ("contacted", Match.contacted_at, Match.contacted_at.is_not(None), amount_none),
        ("quoted", Match.quoted_at, Match.quoted_at.is_not(None), amount_none),
        ("contracted", Match.contracted_at, Match.status == "contracted", Match.contract_amount),
        ("declined", Match.declined_at, Match.status == "declined", amount_none),
    ]
    parts: list[Any] = [
        select(
            Demand.region_code.label("region_code"),
            Listing.category_code.label("category_code"),
            literal(stage).label("stage"),
            at.label("at"),
            amount.label("amount"),
        )
        .select_from(Match)
        .join(Demand, Demand.id == Match.demand_id)
        .join(Listing, Listing.id == Match.listing_id)
        .where(reached)
        for stage, at, reached, amount in stages
    ]
    return union_all(*parts).subquery("match_stages")


async def match_figures(session: AsyncSession, f: Filters, dim: Dimension) -> Rows:
    """Match stages reached, by the demand's region and the listing's category group."""
    scoped = regions_within(f.scope)
    s = _match_stages()
    counts = [func.count().filter(s.c.stage == stage).label(stage) for stage in MATCH_STAGES]
    amount = func.coalesce(func.sum(s.c.amount).filter(s.c.stage == "contracted"), 0).label("contracted_amount")
    stmt = (
        select(*counts, amount)
        .select_from(s)
        .join(scoped, scoped.c.code == s.c.region_code)
        .join(Category, Category.code == s.c.category_code)
        .where(*_where(f, at=s.c.at, category=s.c.category_code))
    )
    stmt = _keyed(stmt, dim, rollup=scoped.c.rollup, group=Category.ancestors[1], at=s.c.at)
    return await _run(session, stmt, dim, [*MATCH_STAGES, "contracted_amount"])


async def campaign_figures(session: AsyncSession, f: Filters, dim: Dimension) -> Rows:
    """Closed group purchases by their organising bureau's region, dated by their settlement."""
    scoped = regions_within(f.scope)
    settled = Settlement.status == "settled"
    stmt = (
        select(
            func.count().filter(settled).label("settled"),
            func.count().filter(Settlement.status == "failed").label("failed"),
            func.coalesce(func.sum(Settlement.pooled_quantity).filter(settled), 0).label("pooled_quantity"),
            func.coalesce(func.sum(Settlement.total_saving).filter(settled), 0).label("total_saving"),
        )
        .select_from(Settlement)
        .join(Campaign, Campaign.id == Settlement.campaign_id)
        .join(Organization, Organization.id == Campaign.organization_id)
        .join(scoped, scoped.c.code == Organization.region_code)
        .join(Category, Category.code == Campaign.category_code)
        .where(*_where(f, at=Settlement.created_at, category=Campaign.category_code))
    )
    stmt = _keyed(stmt, dim, rollup=scoped.c.rollup, group=Category.ancestors[1], at=Settlement.created_at)
    return await _run(session, stmt, dim, ["settled", "failed", "pooled_quantity", "total_saving"])


def _event_day() -> Any:
    """An event's date as the UTC midnight that starts it: periods and months compare with it."""
    return func.timezone("UTC", cast(Event.date, DateTime()))


def _events_in(f: Filters) -> tuple[Any, Any]:
    """Announced events whose organising bureau lies in the scope (co-organisers do not add an
    event to their own scope: each event counts once, under its organiser's region), dated by the
    event's date, in its category group (None: no category)."""
    scoped = regions_within(f.scope)
    day = _event_day()
    stmt = (
        select()
        .select_from(Event)
        .join(Organization, Organization.id == Event.organization_id)
        .join(scoped, scoped.c.code == Organization.region_code)
        .outerjoin(Category, Category.code == Event.category_code)
        .where(Event.status.in_(EVENT_STATUSES), *_where(f, at=day, category=Event.category_code))
    )
    return stmt, scoped


async def event_figures(session: AsyncSession, f: Filters, dim: Dimension) -> Rows:
    """Matchmaking events by their organising bureau's region, dated by the event's date: events
    by status (held = held or closed), and the outcomes recorded for their meetings — meetings that
    took place (any outcome but a no-show), intentions and contracts with their amounts."""
    events, scoped = _events_in(f)
    day = _event_day()
    by_status = [func.count().filter(Event.status == s).label(f"status_{s}") for s in EVENT_STATUSES]
    counts = _keyed(
        events.add_columns(func.count().filter(Event.status.in_(HELD_EVENT)).label("held"), *by_status),
        dim, rollup=scoped.c.rollup, group=Category.ancestors[1], at=day,
    )  # fmt: skip
    meetings, scoped = _events_in(f)
    outcome = Meeting.outcome
    money = [
        func.coalesce(func.sum(Meeting.amount).filter(outcome == kind), 0).label(f"{kind}_amount")
        for kind in ("intention", "contract")
    ]
    deals = _keyed(
        meetings.join(Meeting, Meeting.event_id == Event.id).add_columns(
            func.count().filter(outcome.in_(MEETING_TOOK_PLACE)).label("meetings"),
            func.count().filter(outcome == "no_show").label("no_shows"),
            func.count().filter(outcome == "intention").label("intentions"),
            func.count().filter(outcome == "contract").label("contracts"),
            *money,
        ),
        dim, rollup=scoped.c.rollup, group=Category.ancestors[1], at=day,
    )  # fmt: skip
    status_names = ["held", *(f"status_{s}" for s in EVENT_STATUSES)]
    deal_names = ["meetings", "no_shows", "intentions", "contracts", "intention_amount", "contract_amount"]
    out: Rows = {}
    for key, row in [*(await _run(session, counts, dim, status_names)).items(),
                     *(await _run(session, deals, dim, deal_names)).items()]:  # fmt: skip
        out.setdefault(key, dict.fromkeys([*status_names, *deal_names], 0)).update(row)
    return {key: row for key, row in out.items() if any(row.values())}


SOURCES = {
    "listings": listing_figures,
    "demands": demand_figures,
    "matches": match_figures,
    "campaigns": campaign_figures,
    "events": event_figures,
}


def as_decimal(value: Any) -> Decimal:
    return value if isinstance(value, Decimal) else Decimal(value or 0)


# --------------------------------------------------------------------------- target measures
# Each takes the scope and a half-open UTC period; the names are those of seeds/targets.yaml.


async def listings_with_tag(
    session: AsyncSession, *, scope: str, start: datetime | None, end: datetime | None, tag: str
) -> Decimal:
    """Published listings carrying `tag` whose supplier is in scope, published in the period."""
    scoped = regions_within(scope)
    stmt = (
        select(func.count())
        .select_from(Listing)
        .join(Organization, Organization.id == Listing.organization_id)
        .join(scoped, scoped.c.code == Organization.region_code)
        .where(Listing.status == "published", literal(tag) == any_(Listing.tags))
        .where(*_where(_period(scope, start, end), at=Listing.published_at, category=Listing.category_code))
    )
    return Decimal(await session.scalar(stmt) or 0)


async def demands_with_budget_at_least(
    session: AsyncSession, *, scope: str, start: datetime | None, end: datetime | None, amount: str
) -> Decimal:
    """Published demands in scope with a budget of at least `amount` yuan, published in the period."""
    scoped = regions_within(scope)
    stmt = (
        select(func.count())
        .select_from(Demand)
        .join(scoped, scoped.c.code == Demand.region_code)
        .where(Demand.status == "published", Demand.budget_max >= Decimal(amount))
        .where(*_where(_period(scope, start, end), at=Demand.published_at, category=Demand.category_code))
    )
    return Decimal(await session.scalar(stmt) or 0)


def _contracts(scope: str, start: datetime | None, end: datetime | None, motivation: str | None) -> Any:
    scoped = regions_within(scope)
    stmt = (
        select()
        .select_from(Match)
        .join(Demand, Demand.id == Match.demand_id)
        .join(scoped, scoped.c.code == Demand.region_code)
        .where(Match.status == "contracted")
        .where(*_where(_period(scope, start, end), at=Match.contracted_at, category=Demand.category_code))
    )
    if motivation is not None:
        stmt = stmt.where(literal(motivation) == any_(Demand.motivations))
    return stmt


async def contracted_matches(
    session: AsyncSession, *, scope: str, start: datetime | None, end: datetime | None, motivation: str | None = None
) -> Decimal:
    """Contracted matches of demands in scope (with `motivation`, if given), contracted in the period."""
    return Decimal(await session.scalar(_contracts(scope, start, end, motivation).add_columns(func.count())) or 0)


async def contracted_amount(
    session: AsyncSession, *, scope: str, start: datetime | None, end: datetime | None
) -> Decimal:
    """The contracted amounts of matches of demands in scope, contracted in the period."""
    total = func.coalesce(func.sum(Match.contract_amount), 0)
    return as_decimal(await session.scalar(_contracts(scope, start, end, None).add_columns(total)))


async def held_events_by_group(
    session: AsyncSession, *, scope: str, start: datetime | None, end: datetime | None
) -> dict[str | None, Decimal]:
    """Held matchmaking events (held or closed) organised in scope, dated in the period, per
    category group (None: events without a category) — the overview's own events figures."""
    rows = await event_figures(session, _period(scope, start, end), "category")
    return {key: Decimal(row["held"]) for key, row in rows.items() if row["held"]}


def _period(scope: str, start: datetime | None, end: datetime | None) -> Filters:
    return Filters(scope=scope, category_codes=None, start=start, end=end, strong_threshold=1.0)


MEASURES: dict[str, Any] = {
    "listings_with_tag": listings_with_tag,
    "demands_with_budget_at_least": demands_with_budget_at_least,
    "contracted_matches": contracted_matches,
    "contracted_amount": contracted_amount,
}
# Measures of a target stated per industry chain: one figure per category group.
GROUP_MEASURES: dict[str, Any] = {
    "held_events_by_group": held_events_by_group,
}
