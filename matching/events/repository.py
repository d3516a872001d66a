"""Matchmaking-event queries: events (with a row lock for acts that must not interleave),
co-organisers, registrations with their organisations, requests, meetings, linked titles."""

from __future__ import annotations

import uuid
from collections.abc import Sequence

from sqlalchemy import delete, func, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import joinedload

from catalog.demands.models import Demand
from catalog.listings.models import Listing
from catalog.organizations.models import Organization
from matching.events.models import Event, EventCoOrganizer, Meeting, MeetingRequest, Registration

_EVENT_REFS = (joinedload(Event.organization), joinedload(Event.category))


async def get_event(session: AsyncSession, event_id: uuid.UUID, *, lock: bool = False) -> Event | None:
    stmt = select(Event).options(*_EVENT_REFS).where(Event.id == event_id)
    if lock:
        stmt = stmt.with_for_update(of=Event).execution_options(populate_existing=True)
    return (await session.scalars(stmt)).unique().one_or_none()


async def list_events(
    session: AsyncSession, *, organization_ids: Sequence[uuid.UUID] | None, limit: int, offset: int
) -> tuple[Sequence[Event], int]:
    """Events, soonest first; `organization_ids`: only those organised or co-organised by them."""
    stmt = select(Event)
    if organization_ids is not None:
        co = select(EventCoOrganizer.event_id).where(EventCoOrganizer.organization_id.in_(list(organization_ids)))
        stmt = stmt.where(Event.organization_id.in_(list(organization_ids)) | Event.id.in_(co))
    total = await session.scalar(select(func.count()).select_from(stmt.subquery())) or 0
    rows = await session.scalars(
        stmt.options(*_EVENT_REFS).order_by(Event.date, Event.created_at, Event.id).limit(limit).offset(offset)
    )
    return rows.unique().all(), total


async def co_organizers(session: AsyncSession, event_id: uuid.UUID) -> list[Organization]:
    rows = await session.scalars(
        select(Organization)
        .join(EventCoOrganizer, EventCoOrganizer.organization_id == Organization.id)
        .where(EventCoOrganizer.event_id == event_id)
        .order_by(Organization.name)
    )
    return list(rows)


async def add_co_organizer(session: AsyncSession, event_id: uuid.UUID, organization_id: uuid.UUID) -> bool:
    exists = await session.get(EventCoOrganizer, (event_id, organization_id))
    if exists is not None:
        return False
    session.add(EventCoOrganizer(event_id=event_id, organization_id=organization_id))
    await session.flush()
    return True


async def registration_count(session: AsyncSession, event_id: uuid.UUID) -> int:
    stmt = select(func.count()).select_from(Registration).where(Registration.event_id == event_id)
    return await session.scalar(stmt) or 0


async def registrations(session: AsyncSession, event_id: uuid.UUID) -> list[Registration]:
    rows = await session.scalars(
        select(Registration)
        .options(joinedload(Registration.organization))
        .where(Registration.event_id == event_id)
        .order_by(Registration.role.desc(), Registration.created_at, Registration.id)
    )
    return list(rows.unique())


async def registration_of(
    session: AsyncSession, event_id: uuid.UUID, *, registration_id: uuid.UUID | None = None,
    organization_id: uuid.UUID | None = None,
) -> Registration | None:  # fmt: skip
    stmt = select(Registration).options(joinedload(Registration.organization)).where(Registration.event_id == event_id)
    if registration_id is not None:
        stmt = stmt.where(Registration.id == registration_id)
    if organization_id is not None:
        stmt = stmt.where(Registration.organization_id == organization_id)
    return (await session.scalars(stmt)).unique().one_or_none()


async def requests(session: AsyncSession, event_id: uuid.UUID) -> list[MeetingRequest]:
    rows = await session.scalars(
        select(MeetingRequest)
        .where(MeetingRequest.event_id == event_id)
        .order_by(MeetingRequest.created_at, MeetingRequest.id)
    )
    return list(rows)


async def get_request(
    session: AsyncSession, event_id: uuid.UUID, request_id: uuid.UUID, *, lock: bool = False
) -> MeetingRequest | None:
    stmt = select(MeetingRequest).where(MeetingRequest.event_id == event_id, MeetingRequest.id == request_id)
    if lock:
        stmt = stmt.with_for_update().execution_options(populate_existing=True)
    return await session.scalar(stmt)


async def live_request(
    session: AsyncSession, supplier_registration_id: uuid.UUID, buyer_registration_id: uuid.UUID
) -> MeetingRequest | None:
    return await session.scalar(
        select(MeetingRequest).where(
            MeetingRequest.supplier_registration_id == supplier_registration_id,
            MeetingRequest.buyer_registration_id == buyer_registration_id,
            MeetingRequest.status.in_(("pending", "accepted")),
        )
    )


async def meetings(session: AsyncSession, event_id: uuid.UUID) -> list[Meeting]:
    rows = await session.scalars(
        select(Meeting).where(Meeting.event_id == event_id).order_by(Meeting.slot, Meeting.table_no)
    )
    return list(rows)


async def get_meeting(
    session: AsyncSession, event_id: uuid.UUID, meeting_id: uuid.UUID, *, lock: bool = False
) -> Meeting | None:
    stmt = select(Meeting).where(Meeting.event_id == event_id, Meeting.id == meeting_id)
    if lock:
        stmt = stmt.with_for_update().execution_options(populate_existing=True)
    return await session.scalar(stmt)


async def drop_meetings(session: AsyncSession, meeting_ids: Sequence[uuid.UUID]) -> None:
    if meeting_ids:
        await session.execute(delete(Meeting).where(Meeting.id.in_(list(meeting_ids))))


async def listings_of(session: AsyncSession, ids: Sequence[uuid.UUID]) -> list[Listing]:
    if not ids:
        return []
    return list(await session.scalars(select(Listing).where(Listing.id.in_(list(ids)))))


async def demands_of(session: AsyncSession, ids: Sequence[uuid.UUID]) -> list[Demand]:
    if not ids:
        return []
    return list(await session.scalars(select(Demand).where(Demand.id.in_(list(ids)))))


async def published_listing_ids(session: AsyncSession, organization_id: uuid.UUID, limit: int = 20) -> list[uuid.UUID]:
    rows = await session.scalars(
        select(Listing.id)
        .where(Listing.organization_id == organization_id, Listing.status == "published")
        .order_by(Listing.created_at.desc())
        .limit(limit)
    )
    return list(rows)


async def published_demand_ids(session: AsyncSession, organization_id: uuid.UUID, limit: int = 20) -> list[uuid.UUID]:
    rows = await session.scalars(
        select(Demand.id)
        .where(Demand.organization_id == organization_id, Demand.status == "published")
        .order_by(Demand.created_at.desc())
        .limit(limit)
    )
    return list(rows)


async def titles(
    session: AsyncSession, *, listing_ids: Sequence[uuid.UUID], demand_ids: Sequence[uuid.UUID]
) -> dict[uuid.UUID, str]:
    found: dict[uuid.UUID, str] = {}
    if listing_ids:
        rows = await session.execute(select(Listing.id, Listing.title).where(Listing.id.in_(list(listing_ids))))
        found.update((i, t) for i, t in rows)
    if demand_ids:
        rows = await session.execute(select(Demand.id, Demand.title).where(Demand.id.in_(list(demand_ids))))
        found.update((i, t) for i, t in rows)
    return found
