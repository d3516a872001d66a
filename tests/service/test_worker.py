"""The outbox drain: events written with the data reach their handlers once; failures back off."""

from __future__ import annotations

import asyncio
import itertools
import time
import uuid
from collections.abc import Sequence
from datetime import UTC, datetime, timedelta

import httpx
import pytest
from croniter import croniter  # type: ignore[import-untyped]  # procrastinate reads its crons with it
from sqlalchemy import func, select, update
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

from catalog.outbox.models import OutboxDelivery, OutboxEvent
from service import worker
from service.config import Settings
from service.worker import OUTBOX_HANDLERS, Foreground, WorkerContext, connected_app, drain_outbox_once
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


@pytest.mark.parametrize(("periodic_id", "seconds"), [("drain_outbox", 5), ("retry_stalled_jobs", 15)])
def test_periodic_jobs_run_every_few_seconds_all_the_time(periodic_id: str, seconds: int) -> None:
    """In a six-field cron the seconds come last: "*/5 * * * * *" would mean every second of
    every fifth minute (an outbox left waiting up to four minutes, then sixty drains in one)."""
    with connected_app("postgresql://postgres@/equipmatch?host=/tmp") as app:
        [periodic] = [p for p in app.periodic_registry.periodic_tasks.values() if p.periodic_id == periodic_id]
        schedule = croniter(periodic.cron, datetime(2026, 12, 5, 4, 21, 3, tzinfo=UTC))
        runs = [schedule.get_next(datetime) for _ in range(30)]
        gaps = {(b - a).total_seconds() for a, b in itertools.pairwise(runs)}
        assert gaps == {seconds} and runs[0] - datetime(2026, 12, 5, 4, 21, 3, tzinfo=UTC) <= timedelta(seconds=seconds)


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


# ---------------------------------------------------------------------------------------------
# the in-process worker gives way to the API's requests
# ---------------------------------------------------------------------------------------------


async def test_requests_are_counted_into_the_foreground(client: httpx.AsyncClient) -> None:
    foreground = client._transport.app.state.foreground  # type: ignore[attr-defined]
    assert not foreground.busy()
    response = await client.get("/api/v1/categories")
    assert response.status_code == 200
    assert foreground.in_flight == 0 and foreground.busy()  # just answered: not quiet yet
    foreground.last_finished -= 1.0
    assert not foreground.busy()


async def test_give_way_waits_for_quiet_but_not_forever() -> None:
    foreground = Foreground(patience=0.2)
    foreground.started()
    began = time.monotonic()
    assert await foreground.give_way() is False  # requests kept coming: gave up after its patience
    assert 0.2 <= time.monotonic() - began < 1.0
    asyncio.get_running_loop().call_later(0.05, foreground.finished)
    began = time.monotonic()
    assert await foreground.give_way() is True  # quiet once the request ended (and QUIET_AFTER passed)
    assert time.monotonic() - began < 0.2


@pytest.mark.parametrize(("busy", "limits"), [(False, [500]), (True, [100, 100, 100])])
async def test_drain_takes_small_batches_while_requests_come(
    db: AsyncSession,
    settings: Settings,
    engine: AsyncEngine,
    sessionmaker: async_sessionmaker[AsyncSession],
    monkeypatch: pytest.MonkeyPatch,
    busy: bool,
    limits: list[int],
) -> None:
    """250 events: a quiet API process drains them in one batch of up to 500; a busy one (a request
    in flight the whole time) waits its patience before each batch and takes at most 100."""
    db.add_all(
        OutboxEvent(topic="test.noop", entity_type="listing", entity_id=uuid.uuid4(), payload={}) for _ in range(250)
    )
    await db.commit()
    foreground = Foreground(patience=0.05)
    if busy:
        foreground.started()
    asked: list[int] = []
    real = worker.drain_outbox_once

    async def counting(session: AsyncSession, *, limit: int = 500) -> int:
        asked.append(limit)
        return await real(session, limit=limit)

    monkeypatch.setattr(worker, "drain_outbox_once", counting)
    monkeypatch.setattr(
        worker,
        "_context",
        WorkerContext(engine=engine, sessionmaker=sessionmaker, settings=settings, foreground=foreground),
    )
    await worker.drain_outbox(0)
    assert asked == limits
    pending = await db.scalar(select(func.count()).where(OutboxEvent.processed_at.is_(None)))
    assert pending == 0


async def test_one_drain_at_a_time_in_a_process(
    db: AsyncSession,
    settings: Settings,
    engine: AsyncEngine,
    sessionmaker: async_sessionmaker[AsyncSession],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Two drain jobs started together in one process (the periodic job's next run while the
    last still drains): the second leaves the events to the first instead of competing with it."""
    db.add_all(
        OutboxEvent(topic="test.noop", entity_type="listing", entity_id=uuid.uuid4(), payload={}) for _ in range(120)
    )
    await db.commit()
    batches: list[int] = []
    real = worker.drain_outbox_once

    async def slow(session: AsyncSession, *, limit: int = 500) -> int:
        batches.append(limit)
        await asyncio.sleep(0.05)
        return await real(session, limit=limit)

    monkeypatch.setattr(worker, "drain_outbox_once", slow)
    monkeypatch.setattr(worker, "_context", WorkerContext(engine=engine, sessionmaker=sessionmaker, settings=settings))
    await asyncio.gather(worker.drain_outbox(0), worker.drain_outbox(1))
    assert batches == [500]
    assert await db.scalar(select(func.count()).where(OutboxEvent.processed_at.is_(None))) == 0
