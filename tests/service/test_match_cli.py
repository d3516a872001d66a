"""`equipmatch match rebuild` re-matches every published demand of its own committed database."""

from __future__ import annotations

import asyncio
from typing import Any

import pytest
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession
from typer.testing import CliRunner

from catalog.demands.schemas import DemandCreate
from catalog.demands.service import create_demand, publish_demand
from catalog.listings.schemas import ListingCreate
from catalog.listings.service import create_listing, publish_listing
from matching.matches.models import Match
from service.bootstrap import in_transaction
from service.cli import app
from service.config import Settings, get_settings
from tests.conftest import ReadyDatabase
from tests.factories import demand_body, listing_body, make_account


async def _market(session: AsyncSession, settings: Settings) -> None:
    supplier = await make_account(session, settings, kind="supplier", region_code="370800")
    buyer = await make_account(session, settings, kind="buyer", region_code="370811")
    for model in ("VMC850", "VMC1160"):
        listing = await create_listing(session, actor=supplier.actor, data=ListingCreate(**listing_body(model=model)))
        await publish_listing(session, actor=supplier.actor, listing=listing)
    body = demand_body(category="加工中心", region_code="370811", specs={"spindle_rpm": 10000})
    demand = await create_demand(session, actor=buyer.actor, data=DemandCreate(**body))
    await publish_demand(session, actor=buyer.actor, demand=demand, ttl_days=180)


async def _matches(url: str) -> int:
    async def work(session: Any) -> int:
        return int(await session.scalar(select(func.count()).select_from(Match)) or 0)

    return await in_transaction(url, work)


async def test_rebuild_stores_matches_for_published_demands(
    ready_database: ReadyDatabase, settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    url = await ready_database("equipmatch_match_cli")
    await in_transaction(url, lambda session: _market(session, settings))
    assert await _matches(url) == 0  # nothing drained the outbox: no matches yet
    monkeypatch.setenv("DATABASE_URL", url)
    get_settings.cache_clear()
    try:
        result = await asyncio.to_thread(CliRunner().invoke, app, ["match", "rebuild", "--batch", "1"])
        assert result.exit_code == 0, result.output
        assert "re-matched 1 of 1 published demands" in result.output
        assert await _matches(url) == 2
    finally:
        get_settings.cache_clear()
