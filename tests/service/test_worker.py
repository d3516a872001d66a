"""The outbox drain: events written with the data reach their handlers once; failures back off."""

from __future__ import annotations

from collections.abc import Sequence

import httpx
import pytest
from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession

from catalog.outbox.models import OutboxDelivery, OutboxEvent
from service.config import Settings
from service.worker import OUTBOX_HANDLERS, connected_app, drain_outbox_once
from tests.factories import listing_body, make_account


@pytest.fixture
def seen() -> list[str]:
    return []


async def test_listing_changes_reach_handlers_once(
    client: httpx.AsyncClient, db: AsyncSession, settings: Settings, seen: list[str]
) -> None:
    async def handler(session: AsyncSession, events: Sequence[OutboxEvent]) -> None:
        seen.extend(f"{e.entity_id}:{e.payload['action']}" for e in events)

    OUTBOX_HANDLERS["listing.changed"].append(handler)
    try:
        supplier = await make_account(db, settings, kind="supplier")
        listing = (await client.post("/api/v1/listings", json=listing_body(), headers=supplier.headers)).json()
        await client.post(f"/api/v1/listings/{listing['id']}/publish", headers=supplier.headers)
        assert await drain_outbox_once(db) >= 2
        assert seen == [f"{listing['id']}:create", f"{listing['id']}:publish"]
        assert await drain_outbox_once(db) == 0  # processed once
    finally:
        OUTBOX_HANDLERS["listing.changed"].remove(handler)


async def test_failing_handler_keeps_events_with_backoff(
    client: httpx.AsyncClient, db: AsyncSession, settings: Settings
) -> None:
    async def broken(session: AsyncSession, events: Sequence[OutboxEvent]) -> None:
        raise RuntimeError("搜索服务不可用")

    OUTBOX_HANDLERS["listing.changed"].append(broken)
    try:
        supplier = await make_account(db, settings, kind="supplier")
        listing = (await client.post("/api/v1/listings", json=listing_body(), headers=supplier.headers)).json()
        assert await drain_outbox_once(db) == 0
        event = await db.scalar(select(OutboxEvent).where(OutboxEvent.entity_id == listing["id"]))
        assert event is not None and event.processed_at is None
        assert event.attempts == 1 and "搜索服务不可用" in (event.last_error or "")
        assert event.available_at > event.created_at
    finally:
        OUTBOX_HANDLERS["listing.changed"].remove(broken)


def test_worker_app_registers_the_periodic_drain() -> None:
    for _ in range(2):  # connecting twice in one process must not rename or duplicate tasks
        with connected_app("postgresql://postgres@/equipmatch?host=/tmp") as app:
            assert "drain_outbox" in app.tasks
            assert [p.periodic_id for p in app.periodic_registry.periodic_tasks.values()].count("drain_outbox") == 1


async def test_each_handler_has_its_own_delivery(
    client: httpx.AsyncClient, db: AsyncSession, settings: Settings, seen: list[str]
) -> None:
    """A search outage (one handler failing) must not hold back re-matching (another handler of the
    same topic): the healthy handler gets the events at once and never twice; the failing one
    retries on its own back-off and, once healthy, gets exactly the events it missed."""
    outage = {"on": True}

    async def rematch(session: AsyncSession, events: Sequence[OutboxEvent]) -> None:
        seen.extend(f"rematch:{e.entity_id}" for e in events)

    async def push_to_search(session: AsyncSession, events: Sequence[OutboxEvent]) -> None:
        if outage["on"]:
            seen.append("search:down")
            raise ConnectionError("Meilisearch 不可用")
        seen.extend(f"search:{e.entity_id}" for e in events)

    handlers = OUTBOX_HANDLERS["listing.changed"]
    handlers.extend([push_to_search, rematch])
    try:
        supplier = await make_account(db, settings, kind="supplier")
        listing = (await client.post("/api/v1/listings", json=listing_body(), headers=supplier.headers)).json()
        assert await drain_outbox_once(db) == 0  # not processed: search still owes it
        assert seen == ["search:down", f"rematch:{listing['id']}"]
        event = await db.scalar(select(OutboxEvent).where(OutboxEvent.entity_id == listing["id"]))
        assert event is not None and event.processed_at is None and "Meilisearch 不可用" in (event.last_error or "")
        rows = {d.handler.rsplit(".", 1)[-1]: d for d in await db.scalars(select(OutboxDelivery))}
        assert rows["push_to_search"].attempts == 1 and rows["push_to_search"].delivered_at is None
        assert rows["rematch"].delivered_at is not None
        # not due yet: nothing runs
        assert await drain_outbox_once(db) == 0 and len(seen) == 2
        # due again, search is back: only the search handler runs, and the event is done
        outage["on"] = False
        await db.execute(update(OutboxEvent).where(OutboxEvent.id == event.id).values(available_at=event.created_at))
        await db.execute(update(OutboxDelivery).values(available_at=event.created_at))
        assert await drain_outbox_once(db) == 1
        assert seen[2:] == [f"search:{listing['id']}"]
        await db.refresh(event)
        assert event.processed_at is not None
        # every handler's delivery is recorded as done, the one that failed first included
        deliveries = {d.handler.rsplit(".", 1)[-1]: d for d in await db.scalars(select(OutboxDelivery))}
        for delivery in deliveries.values():
            await db.refresh(delivery)
        assert deliveries["push_to_search"].delivered_at is not None
        assert deliveries["push_to_search"].attempts == 1 and deliveries["rematch"].delivered_at is not None
    finally:
        handlers.remove(push_to_search)
        handlers.remove(rematch)
