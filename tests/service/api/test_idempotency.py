"""Idempotency-Key under real concurrency: two identical creating requests racing each other, each
in its own committed transaction, leave one row and return the same record.

The shared `client` fixture runs every request on the test's one connection, so it cannot race;
this test gets its own database, engine and app."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator

import httpx
import pytest
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncEngine

from catalog.demands.models import Demand
from catalog.listings.models import Listing
from service.config import Settings
from service.db import make_engine, make_sessionmaker
from service.main import create_app
from tests.conftest import ReadyDatabase
from tests.factories import Account, make_account
from tests.service.api.list_fixtures import laser_welder, warp_knitting_demand


@pytest.fixture(scope="module")
async def racing_engine(ready_database: ReadyDatabase, settings: Settings) -> AsyncIterator[AsyncEngine]:
    url = await ready_database("equipmatch_idempotency")
    engine = make_engine(url)
    yield engine
    await engine.dispose()


async def _committed_account(engine: AsyncEngine, settings: Settings, kind: str) -> Account:
    async with make_sessionmaker(engine)() as session:
        account = await make_account(session, settings, kind=kind, region_code="330481")
        await session.commit()
    return account


@pytest.mark.parametrize(
    ("kind", "path", "model", "body"),
    [
        ("supplier", "/api/v1/listings", Listing, laser_welder()),
        ("buyer", "/api/v1/demands", Demand, warp_knitting_demand()),
    ],
)
async def test_concurrent_double_submit_creates_one_row(
    racing_engine: AsyncEngine,
    settings: Settings,
    kind: str,
    path: str,
    model: type[Listing | Demand],
    body: dict[str, object],
) -> None:
    account = await _committed_account(racing_engine, settings, kind)
    app = create_app(settings, engine=racing_engine)
    headers = {**account.headers, "Idempotency-Key": f"double-click-{kind}"}
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://testserver") as client:
        first, second = await asyncio.gather(
            client.post(path, json=body, headers=headers), client.post(path, json=body, headers=headers)
        )
    assert first.status_code == second.status_code == 201, (first.text, second.text)
    assert first.json()["id"] == second.json()["id"]
    # One request created the record, the other waited on the key and replayed the stored response.
    assert sorted(str(r.headers.get("Idempotent-Replayed")) for r in (first, second)) == ["None", "true"]
    async with make_sessionmaker(racing_engine)() as session:
        rows = await session.scalar(
            select(func.count()).select_from(model).where(model.organization_id == account.organization.id)
        )
    assert rows == 1
