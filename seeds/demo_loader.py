"""Writing the generated demo data through the catalog's own services (so it obeys every rule),
idempotently: organisations by USCC, users by email, listings and demands by external_id."""

from __future__ import annotations

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from catalog.access import Actor, in_scope
from catalog.demands import repository as demand_repository
from catalog.demands.schemas import DemandCreate
from catalog.demands.service import create_demand, publish_demand
from catalog.listings import repository as listing_repository
from catalog.listings.schemas import ListingCreate, ListingReview
from catalog.listings.service import create_listing, publish_listing, review_listing
from catalog.organizations.models import Organization
from catalog.organizations.service import create_user, user_by_email
from seeds.demo import DemoData, DemoOrganization, demo_review, generate
from seeds.demo_campaigns import write_demo_campaigns
from seeds.demo_events import write_demo_events, write_demo_held_event
from service.db import make_engine, make_sessionmaker


async def _organization(session: AsyncSession, org: DemoOrganization) -> Actor:
    """The demo organisation (created if absent) as an Actor of its first user."""
    existing = await session.scalar(select(Organization).where(Organization.uscc == org.uscc))
    if existing is None:
        existing = Organization(
            name=org.name, uscc=org.uscc, kind=org.kind, region_code=org.region_code, industry_code=org.industry_code
        )
        session.add(existing)
        await session.flush()
    first = None
    for i, user in enumerate(org.users):
        found = await user_by_email(session, user.email)
        if found is None:
            found = await create_user(
                session, email=user.email, password=user.password, display_name=user.display_name,
                organization_id=existing.id, roles=["org_admin"] if i == 0 else ["member"],
            )  # fmt: skip
        first = first or found
    assert first is not None
    return Actor(
        user_id=first.id,
        email=first.email,
        organization_id=existing.id,
        organization_kind=existing.kind,
        region_code=existing.region_code,
        roles=frozenset(first.roles),
    )


async def _bureau_over(session: AsyncSession, bureaus: list[Actor], supplier: Actor) -> Actor | None:
    """The demo bureau nearest above the supplier's region (none for a supplier outside every demo
    bureau's region: its listings stay pending)."""
    for bureau in bureaus:
        if await in_scope(session, bureau, str(supplier.region_code)):
            return bureau
    return None


async def write_demo(session: AsyncSession, data: DemoData, progress: Progress | None = None) -> dict[str, int]:
    counts = {"organizations": 0, "listings": 0, "demands": 0}
    task = (
        progress.add_task("演示数据", total=len(data.organizations) + len(data.listings) + len(data.demands))
        if progress
        else None
    )

    def step() -> None:
        if progress is not None and task is not None:
            progress.advance(task)

    actors: dict[str, Actor] = {}
    for org in data.organizations:
        actors[org.key] = await _organization(session, org)
        counts["organizations"] += 1
        step()
    # Nearest first: a county's bureau reviews its county's suppliers, else the city's, else the province's.
    bureaus = sorted(
        (a for a in actors.values() if a.organization_kind == "bureau"),
        key=lambda a: -len((a.region_code or "").rstrip("0")),
    )
    for item in data.listings:
        actor = actors[item.org_key]
        assert actor.organization_id is not None
        if await listing_repository.get_by_external_id(session, actor.organization_id, item.external_id) is None:
            listing = await create_listing(
                session,
                actor=actor,
                data=ListingCreate(
                    title=item.title, category=item.category, brand=item.brand, model=item.model,
                    description=item.description, price_min=item.price_min, price_max=item.price_max,
                    lead_time_days=item.lead_time_days, energy_grade=item.energy_grade, tags=item.tags,
                    service_regions=item.service_regions, specs=item.specs, external_id=item.external_id,
                ),
            )  # fmt: skip
            if item.publish:
                await publish_listing(session, actor=actor, listing=listing)
            decision = demo_review(item)
            bureau = await _bureau_over(session, bureaus, actor) if decision else None
            if decision and bureau:
                review = ListingReview(decision=decision[0], note=decision[1])
                await review_listing(session, actor=bureau, listing=listing, review=review)
            counts["listings"] += 1
        step()
    for need in data.demands:
        actor = actors[need.org_key]
        assert actor.organization_id is not None
        if await demand_repository.get_by_external_id(session, actor.organization_id, need.external_id) is None:
            demand = await create_demand(
                session,
                actor=actor,
                data=DemandCreate.model_validate(
                    {
                        "title": need.title, "category": need.category, "description": need.description,
                        "quantity": need.quantity, "budget_max": need.budget_max, "region_code": need.region_code,
                        "needed_by": need.needed_by, "motivations": need.motivations, "replaces": need.replaces,
                        "specs": need.specs, "external_id": need.external_id,
                    }
                ),
            )  # fmt: skip
            if need.publish:
                await publish_demand(session, actor=actor, demand=demand, ttl_days=180)
            counts["demands"] += 1
        step()
    counts["campaigns"] = await write_demo_campaigns(session, actors, organization=_organization)
    counts["events"] = await write_demo_events(session, actors)
    counts["held_events"] = await write_demo_held_event(session, actors)
    return counts


async def load_demo(url: str, *, listings: int, demands: int, seed: int, console: Console) -> str:
    data = generate(seed=seed, listings=listings, demands=demands)
    engine = make_engine(url)
    try:
        columns = (TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn())
        with Progress(*columns, console=console) as progress:
            async with make_sessionmaker(engine)() as session, session.begin():
                counts = await write_demo(session, data, progress)
    finally:
        await engine.dispose()
    return (
        f"demo: {len(data.organizations)} organisations; new listings {counts['listings']}, "
        f"new demands {counts['demands']} (existing ones kept)"
    )
