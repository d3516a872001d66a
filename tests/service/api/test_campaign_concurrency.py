"""Pledges under real concurrency, with real commits: 1,000 pledges from 50 buyers, each sent twice
at once under the same Idempotency-Key, count exactly once; a close racing with pledges leaves no
pledge behind it."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from dataclasses import dataclass

import pytest
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncEngine

from bench.pledges import client_for, fire, prepare_campaign, quantity_of, stored_total
from matching.campaigns.models import Pledge, SettlementLine
from service.config import Settings
from service.db import make_engine
from tests.conftest import ReadyDatabase


@dataclass
class Committed:
    engine: AsyncEngine


@pytest.fixture(scope="module")
async def committed(ready_database: ReadyDatabase, settings: Settings) -> AsyncIterator[Committed]:
    url = await ready_database("equipmatch_campaign_concurrency")
    engine = make_engine(url, pool_size=20, max_overflow=0, pool_timeout=120)
    yield Committed(engine)
    await engine.dispose()


async def test_a_thousand_concurrent_pledges_sent_twice_count_exactly_once(
    committed: Committed, settings: Settings
) -> None:
    setup = await prepare_campaign(committed.engine, settings, buyers=50)
    async with client_for(committed.engine, settings) as client:
        run = await fire(client, setup, pledges=1000, concurrency=50)
        view = (await client.get(f"/api/v1/campaigns/{setup.campaign_id}", headers=setup.bureau_headers)).json()
    expected = sum(quantity_of(i) for i in range(1000))
    assert (run.created, run.replayed, run.refused) == (1000, 1000, 0)
    assert len(run.pledge_ids) == 1000 and run.quantity == expected
    assert await stored_total(committed.engine, setup.campaign_id) == (1000, expected)
    assert view["total_pledged"] == expected and view["counts"] == {"offers": 1, "pledges": 1000, "buyers": 50}
    assert view["current_best"]["unit_price"] == "66000.00"  # 1,999 台 reach the 500-台 tier


async def _until_pledged(committed: Committed, campaign_id: object, *, at_least: int, seconds: float = 60) -> None:
    deadline = asyncio.get_running_loop().time() + seconds
    while True:
        async with committed.engine.connect() as conn:
            count = await conn.scalar(select(func.count()).select_from(Pledge).where(Pledge.campaign_id == campaign_id))
        if (count or 0) >= at_least or asyncio.get_running_loop().time() > deadline:
            return
        await asyncio.sleep(0.02)


async def test_no_pledge_lands_after_close(committed: Committed, settings: Settings) -> None:
    setup = await prepare_campaign(committed.engine, settings, buyers=20, seed=11)
    async with client_for(committed.engine, settings) as client:
        pledging = asyncio.create_task(fire(client, setup, pledges=300, concurrency=30))
        # Close once pledging is under way (some pledges committed, most still to come), not after
        # a fixed sleep, which on a slow or busy machine could land before the first pledge.
        await _until_pledged(committed, setup.campaign_id, at_least=20)
        closed = await client.post(f"/api/v1/campaigns/{setup.campaign_id}/close", headers=setup.bureau_headers)
        run = await pledging
        # How many of the racing pledges the close overtook depends on the machine's speed (on a
        # quiet one all 300 may finish first); pledges sent once it has returned are all refused.
        after = await fire(client, setup, pledges=10, concurrency=5, start=300)
    assert closed.status_code == 200, closed.text
    settlement = closed.json()
    # Everything accepted before the close is in the settlement; everything after was refused.
    assert run.created + run.refused + run.replayed == 600 and run.created > 0
    assert (after.created, after.replayed, after.refused) == (0, 0, 20)
    assert settlement["pooled_quantity"] == run.quantity
    assert {line["pledge_id"] for line in settlement["lines"]} == run.pledge_ids
    async with committed.engine.connect() as conn:
        stored = await conn.scalar(
            select(func.count()).select_from(Pledge).where(Pledge.campaign_id == setup.campaign_id)
        )
        lines = await conn.scalar(
            select(func.count(func.distinct(SettlementLine.pledge_id))).join(Pledge, Pledge.id == SettlementLine.pledge_id)
            .where(Pledge.campaign_id == setup.campaign_id)
        )  # fmt: skip
    assert stored == lines == run.created
