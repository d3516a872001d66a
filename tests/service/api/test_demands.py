"""The demand list's first slice over HTTP: create, read, anonymise, publish, scope."""

from __future__ import annotations

import httpx
from sqlalchemy.ext.asyncio import AsyncSession

from service.config import Settings
from tests.factories import demand_body, make_account


async def test_buyer_creates_and_publishes(client: httpx.AsyncClient, db: AsyncSession, settings: Settings) -> None:
    buyer = await make_account(db, settings, kind="buyer", region_code="330481", industry_code="C1762")
    created = await client.post("/api/v1/demands", json=demand_body(), headers=buyer.headers)
    assert created.status_code == 201, created.text
    demand = created.json()
    assert demand["status"] == "draft" and demand["category"]["name"] == "数控车床"
    assert demand["budget_max"] == "1200000.00" and demand["replaces"]["age_years"] == 15
    published = await client.post(f"/api/v1/demands/{demand['id']}/publish", headers=buyer.headers)
    assert published.status_code == 200
    assert published.json()["status"] == "published" and published.json()["expires_at"]
    mine = (await client.get("/api/v1/demands", headers=buyer.headers)).json()
    assert mine["total"] == 1


async def test_demand_without_category_is_accepted(
    client: httpx.AsyncClient, db: AsyncSession, settings: Settings
) -> None:
    buyer = await make_account(db, settings, kind="buyer", region_code="330481")
    body = demand_body(category=None, specs={"转速": "越快越好"})
    created = await client.post("/api/v1/demands", json=body, headers=buyer.headers)
    assert created.status_code == 201 and created.json()["category"] is None


async def test_demand_validation(client: httpx.AsyncClient, db: AsyncSession, settings: Settings) -> None:
    buyer = await make_account(db, settings, kind="buyer", region_code="330481")
    bad = demand_body(category="时光机", region_code="999999", quantity=0, motivations=["cheap"])
    response = await client.post("/api/v1/demands", json=bad, headers=buyer.headers)
    assert response.status_code == 422
    assert {"quantity", "motivations.0"} <= {e["field"] for e in response.json()["errors"]}
    response = await client.post(
        "/api/v1/demands", json=demand_body(category="时光机", region_code="999999"), headers=buyer.headers
    )
    assert {e["field"] for e in response.json()["errors"]} == {"category", "region_code"}


async def test_suppliers_see_published_demands_anonymised(
    client: httpx.AsyncClient, db: AsyncSession, settings: Settings
) -> None:
    buyer = await make_account(db, settings, kind="buyer", region_code="330481", industry_code="C1762")
    supplier = await make_account(db, settings, kind="supplier", region_code="330400")
    demand = (await client.post("/api/v1/demands", json=demand_body(), headers=buyer.headers)).json()
    assert (await client.get(f"/api/v1/demands/{demand['id']}", headers=supplier.headers)).status_code == 404
    await client.post(f"/api/v1/demands/{demand['id']}/publish", headers=buyer.headers)
    seen = (await client.get(f"/api/v1/demands/{demand['id']}", headers=supplier.headers)).json()
    assert "buyer" not in seen and "external_id" not in seen
    assert seen["region_code"] == "330400" and seen["industry_code"] == "C1762"
    assert buyer.organization.name not in str(seen)


async def test_roles_ownership_and_scope(client: httpx.AsyncClient, db: AsyncSession, settings: Settings) -> None:
    buyer = await make_account(db, settings, kind="buyer", region_code="330481")
    other_buyer = await make_account(db, settings, kind="buyer", region_code="330481", name="海宁另一家袜业有限公司")
    supplier = await make_account(db, settings, kind="supplier")
    jiaxing = await make_account(db, settings, kind="bureau", region_code="330400", name="嘉兴市经济和信息化局")
    jining = await make_account(db, settings, kind="bureau", region_code="370800")
    assert (await client.post("/api/v1/demands", json=demand_body(), headers=supplier.headers)).status_code == 403
    demand = (await client.post("/api/v1/demands", json=demand_body(), headers=buyer.headers)).json()
    url = f"/api/v1/demands/{demand['id']}"
    assert (await client.get(url, headers=other_buyer.headers)).status_code == 404
    assert (await client.post(f"{url}/publish", headers=other_buyer.headers)).status_code == 404
    assert (await client.get(url, headers=jiaxing.headers)).status_code == 200
    assert (await client.get(url, headers=jining.headers)).status_code == 404
    assert (await client.get(url)).status_code == 401
