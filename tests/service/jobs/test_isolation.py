"""Background work that one bad row must not stop: a campaign whose close fails does not block
the campaigns due after it; a demand whose expiry fails does not roll back its batch."""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import datetime, timedelta
from typing import Any

import httpx
import pytest
from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from catalog.db import utcnow
from catalog.demands import service as demand_service
from catalog.demands.models import Demand
from matching.campaigns.models import Campaign
from service import worker
from service.config import Settings
from service.jobs import campaigns as campaign_jobs
from service.jobs import demands as demand_jobs
from tests.service.api.campaign_helpers import accounts, open_campaign
from tests.service.api.list_fixtures import make_cast, post_demand


async def test_a_campaign_whose_close_fails_does_not_block_the_others(
    client: httpx.AsyncClient, db: AsyncSession, settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    bureau, _, _ = await accounts(db, settings, buyers=0)
    first = (await open_campaign(client, bureau, title="海宁袜机团购（坏数据）"))["id"]
    second = (await open_campaign(client, bureau, title="海宁经编机团购"))["id"]
    past = utcnow() - timedelta(minutes=5)
    await db.execute(
        update(Campaign)
        .where(Campaign.id.in_([first, second]))
        .values(offer_deadline=past - timedelta(hours=2), pledge_deadline=past)
    )
    # the broken one is due first
    await db.execute(update(Campaign).where(Campaign.id == first).values(pledge_deadline=past - timedelta(hours=1)))
    await db.flush()
    real_close = campaign_jobs.close_campaign
    tried: list[str] = []

    async def close(session: AsyncSession, *, campaign_id: uuid.UUID, actor: Any, now: datetime) -> Any:
        tried.append(str(campaign_id))
        if str(campaign_id) == first:
            raise ValueError("结算数据损坏")
        return await real_close(session, campaign_id=campaign_id, actor=actor, now=now)

    monkeypatch.setattr(campaign_jobs, "close_campaign", close)

    @asynccontextmanager
    async def sessions() -> AsyncIterator[AsyncSession]:
        async with db.begin_nested():
            yield db

    closed = await campaign_jobs.close_due_campaigns(sessions)
    assert tried == [first, second] and [str(c) for c in closed] == [second]
    statuses = dict(
        (await db.execute(select(Campaign.id, Campaign.status).where(Campaign.id.in_([first, second])))).all()
    )
    assert {str(k): v for k, v in statuses.items()} == {first: "open", second: "failed"}  # no pledges: failed
    # next run: the broken one is tried again, the closed one is not
    tried.clear()
    assert await campaign_jobs.close_due_campaigns(sessions) == [] and tried == [first]


async def test_one_failing_demand_does_not_roll_back_its_expiry_batch(
    client: httpx.AsyncClient,
    db: AsyncSession,
    settings: Settings,
    sessionmaker: async_sessionmaker[AsyncSession],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    cast = await make_cast(db, settings)
    demands = [await post_demand(client, cast.buyer, publish=True, title=f"更新经编机 第{n}批") for n in range(1, 5)]
    bad = demands[1]["id"]
    await db.execute(
        update(Demand).where(Demand.id.in_([d["id"] for d in demands])).values(expires_at=utcnow() - timedelta(hours=1))
    )
    await db.flush()
    real_change = demand_service.change_status

    async def change_status(session: AsyncSession, **kwargs: Any) -> Any:
        if str(kwargs["demand"].id) == bad:
            raise RuntimeError("通知服务写入失败")
        return await real_change(session, **kwargs)

    monkeypatch.setattr(demand_service, "change_status", change_status)
    monkeypatch.setattr(demand_jobs, "BATCH", 2)  # several batches, the bad row in the first
    worker._context = worker.WorkerContext(engine=None, sessionmaker=sessionmaker, settings=settings)  # type: ignore[arg-type]
    try:
        await demand_jobs.expire_demands_task.func(int(utcnow().timestamp()))
    finally:
        worker._context = None
    statuses = dict(
        (
            await db.execute(
                select(Demand.id, Demand.status)
                .where(Demand.id.in_([d["id"] for d in demands]))
                .execution_options(populate_existing=True)
            )
        ).all()
    )
    assert {str(k): v for k, v in statuses.items()} == {
        d["id"]: ("published" if d["id"] == bad else "closed") for d in demands
    }
