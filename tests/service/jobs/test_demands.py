"""The demand-expiry job: registered as a periodic task, and closing overdue demands when it runs."""

from __future__ import annotations

from datetime import timedelta

import httpx
from sqlalchemy import update
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from catalog.db import utcnow
from catalog.demands.models import Demand
from service import worker
from service.config import Settings
from service.jobs.demands import expire_demands_task
from tests.factories import make_account
from tests.service.api.list_fixtures import post_demand


def test_expiry_is_a_periodic_task() -> None:
    assert expire_demands_task in worker.tasks.tasks.values()
    periodic = [p for p in worker.tasks.periodic_registry.periodic_tasks.values() if p.periodic_id == "expire_demands"]
    assert len(periodic) == 1 and periodic[0].cron == "*/10 * * * *"


async def test_the_task_closes_overdue_demands(
    client: httpx.AsyncClient,
    db: AsyncSession,
    settings: Settings,
    sessionmaker: async_sessionmaker[AsyncSession],
) -> None:
    buyer = await make_account(db, settings, kind="buyer", region_code="330481", name="海宁经编织造有限公司")
    demand = await post_demand(client, buyer, publish=True)
    await db.execute(update(Demand).where(Demand.id == demand["id"]).values(expires_at=utcnow() - timedelta(hours=1)))
    await db.flush()
    worker._context = worker.WorkerContext(engine=None, sessionmaker=sessionmaker, settings=settings)  # type: ignore[arg-type]
    try:
        await expire_demands_task.func(int(utcnow().timestamp()))
    finally:
        worker._context = None
    seen = (await client.get(f"/api/v1/demands/{demand['id']}", headers=buyer.headers)).json()
    assert seen["status"] == "closed" and seen["close_reason"] == "expired"
