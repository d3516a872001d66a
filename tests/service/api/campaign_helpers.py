"""Helpers for group-purchase tests: a Haining sock-machine campaign, suppliers with published
sock-machine listings, and buyers in Haining."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import httpx
from sqlalchemy.ext.asyncio import AsyncSession

from catalog.db import utcnow
from service.config import Settings
from tests.factories import Account, listing_body, make_account

HAINING = "330481"


def campaign_body(**overrides: Any) -> dict[str, Any]:
    now = utcnow()
    body: dict[str, Any] = {
        "title": "海宁袜业电脑袜机团购",
        "category": "电脑袜机",
        "region_codes": [HAINING],
        "offer_deadline": (now + timedelta(days=7)).isoformat(),
        "pledge_deadline": (now + timedelta(days=14)).isoformat(),
        "min_total_quantity": 10,
        "description": "海宁袜业集群设备集采：需者团购、供者让利，单针筒电脑袜机，按认购总量阶梯降价。",
    }
    body.update(overrides)
    return body


def sock_listing(**overrides: Any) -> dict[str, Any]:
    body = listing_body(
        title="恒诚 HC-6F 单针筒电脑袜机 200针", category="袜机", brand="恒诚", model="HC-6F", tags=[],
        description="3.75英寸单针筒，200针，最高转速350rpm，6路进纱，电控系统自主研发，支持远程运维。",
        price_min="80000", price_max="95000", service_regions=["330000"],
        specs={"needles": 200, "cylinder_diameter_in": 3.75, "speed_rpm": 350, "feeders": 6},
    )  # fmt: skip
    body.update(overrides)
    return body


async def published_listing(client: httpx.AsyncClient, supplier: Account, **overrides: Any) -> str:
    created = await client.post("/api/v1/listings", json=sock_listing(**overrides), headers=supplier.headers)
    assert created.status_code == 201, created.text
    listing_id: str = created.json()["id"]
    published = await client.post(f"/api/v1/listings/{listing_id}/publish", headers=supplier.headers)
    assert published.status_code == 200, published.text
    return listing_id


def offer_body(
    listing_id: str, list_price: str, tiers: list[tuple[int, str]], cap: int | None = None
) -> dict[str, Any]:
    body: dict[str, Any] = {
        "listing_id": listing_id,
        "unit_list_price": list_price,
        "tiers": [{"min_quantity": q, "unit_price": p} for q, p in tiers],
    }
    if cap is not None:
        body["max_quantity"] = cap
    return body


async def open_campaign(client: httpx.AsyncClient, bureau: Account, **overrides: Any) -> dict[str, Any]:
    created = await client.post("/api/v1/campaigns", json=campaign_body(**overrides), headers=bureau.headers)
    assert created.status_code == 201, created.text
    campaign: dict[str, Any] = created.json()
    return campaign


async def accounts(db: AsyncSession, settings: Settings, *, buyers: int = 3) -> tuple[Account, Account, list[Account]]:
    bureau = await make_account(db, settings, kind="bureau", region_code=HAINING, name="海宁市经济和信息化局")
    supplier = await make_account(db, settings, kind="supplier", region_code=HAINING, name="海宁恒诚纺织机械有限公司")
    names = ["海宁市锦袜针织有限公司", "海宁市丁桥袜业有限公司", "海宁市许村织袜厂", "海宁市长安袜业有限公司"]
    made = [
        await make_account(db, settings, kind="buyer", region_code=HAINING, name=names[i % len(names)])
        for i in range(buyers)
    ]
    return bureau, supplier, made
