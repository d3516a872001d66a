"""The outbox drain: events written with the data reach their handlers once; failures back off."""

from __future__ import annotations

from collections.abc import Sequence

import httpx
import pytest
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from catalog.outbox.models import OutboxEvent
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
