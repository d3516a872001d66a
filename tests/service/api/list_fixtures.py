"""Helpers for the supply- and demand-list HTTP tests: posting through the API, the cast of
organisations (a 嘉兴 supplier and buyer, their rivals, an in-scope and an out-of-scope bureau)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any
from unittest.mock import patch

import httpx
from sqlalchemy.ext.asyncio import AsyncSession

from catalog.organizations.service import hash_password
from service.config import Settings
from tests.factories import PASSWORD, Account, demand_body, listing_body, make_account, make_admin


@dataclass
class Cast:
    supplier: Account  # 嘉兴 (海宁) supplier
    rival_supplier: Account
    buyer: Account  # 海宁 buyer
    rival_buyer: Account
    bureau: Account  # 嘉兴市经信局: in scope
    outsider: Account  # 济宁市工信局: out of scope
    admin: Account


# Every test builds seven accounts; hashing one password seven times with argon2 is most of a
# test's time, so the cast shares one hash of the factories' password (logins still verify).
_PASSWORD_HASH = hash_password(PASSWORD)


async def make_cast(db: AsyncSession, settings: Settings) -> Cast:
    with patch("catalog.organizations.service.hash_password", lambda _: _PASSWORD_HASH):
        return await _make_cast(db, settings)


async def _make_cast(db: AsyncSession, settings: Settings) -> Cast:
    return Cast(
        supplier=await make_account(
            db, settings, kind="supplier", region_code="330481", name="海宁激光智能装备有限公司"
        ),
        rival_supplier=await make_account(
            db, settings, kind="supplier", region_code="330481", name="海宁同行机电有限公司"
        ),
        buyer=await make_account(
            db, settings, kind="buyer", region_code="330481", name="海宁经编织造有限公司", industry_code="C1762"
        ),
        rival_buyer=await make_account(db, settings, kind="buyer", region_code="330481", name="海宁另一家袜业有限公司"),
        bureau=await make_account(db, settings, kind="bureau", region_code="330400", name="嘉兴市经济和信息化局"),
        outsider=await make_account(db, settings, kind="bureau", region_code="370800", name="济宁市工业和信息化局"),
        admin=await make_admin(db, settings),
    )


def laser_welder(**overrides: Any) -> dict[str, Any]:
    body = listing_body(
        title="锐科 RFL-3000 手持激光焊接机 3000W",
        category="激光焊机",
        brand="锐科激光",
        model="RFL-3000",
        description="3000W 光纤激光焊接机，适用于不锈钢、碳钢薄板焊接，焊缝美观，替代氩弧焊。",
        price_min="68000",
        price_max="98000",
        energy_grade=2,
        tags=["浙江制造", "节能降碳推广目录"],
        service_regions=["330000"],
        specs={"power_w": 3000, "max_penetration_mm": 4.5, "laser_type": "光纤"},
    )
    body.update(overrides)
    return body


def warp_knitting_demand(**overrides: Any) -> dict[str, Any]:
    body = demand_body(
        title="海宁经编企业更新高速经编机8台",
        category="经编机",
        description="现有经编机服役12年，转速低、能耗高，计划更新为高速经编机，要求转速不低于2000rpm，支持联网监控。",
        quantity=8,
        budget_max="3200000",
        region_code="330481",
        motivations=["high_end", "green"],
        replaces={"description": "老旧低速经编机", "age_years": 12, "count": 8, "energy_grade": 4},
        specs={"speed_rpm": 2000},
    )
    body.update(overrides)
    return body


async def _post(
    client: httpx.AsyncClient, account: Account, resource: str, body: dict[str, Any], *, publish: bool
) -> dict[str, Any]:
    response = await client.post(f"/api/v1/{resource}", json=body, headers=account.headers)
    assert response.status_code == 201, response.text
    if publish:
        response = await client.post(f"/api/v1/{resource}/{response.json()['id']}/publish", headers=account.headers)
        assert response.status_code == 200, response.text
    data: dict[str, Any] = response.json()
    return data


async def post_listing(
    client: httpx.AsyncClient, account: Account, *, publish: bool = False, **overrides: Any
) -> dict[str, Any]:
    """A 激光焊接机 listing of `account` through the API (published if asked)."""
    return await _post(client, account, "listings", laser_welder(**overrides), publish=publish)


async def post_demand(
    client: httpx.AsyncClient, account: Account, *, publish: bool = False, **overrides: Any
) -> dict[str, Any]:
    """A 海宁 经编机 demand of `account` through the API (published if asked)."""
    return await _post(client, account, "demands", warp_knitting_demand(**overrides), publish=publish)


def fields_of(response: httpx.Response) -> set[str]:
    assert response.headers["content-type"].startswith("application/problem+json"), response.text
    return {e["field"] for e in response.json().get("errors", [])}
