"""The supply list's first slice over HTTP: create, read, publish, ownership, roles, validation."""

from __future__ import annotations

import httpx
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from catalog.audit.models import AuditEvent
from catalog.listings.models import Listing
from service.config import Settings
from tests.factories import listing_body, make_account


async def test_supplier_creates_reads_and_publishes(
    client: httpx.AsyncClient, db: AsyncSession, settings: Settings
) -> None:
    supplier = await make_account(db, settings, kind="supplier", region_code="370811")
    created = await client.post("/api/v1/listings", json=listing_body(), headers=supplier.headers)
    assert created.status_code == 201, created.text
    listing = created.json()
    assert listing["status"] == "draft" and listing["recommended"] is False
    assert listing["category"] == {"code": "0101", "name": "加工中心"}  # resolved from the alias 立式加工中心
    assert listing["price_min"] == "380000.00" and listing["price_max"] == "450000.00"
    assert listing["supplier"]["id"] == str(supplier.organization.id)
    assert created.headers["ETag"]

    # A draft is not public.
    assert (await client.get(f"/api/v1/listings/{listing['id']}")).status_code == 404
    published = await client.post(f"/api/v1/listings/{listing['id']}/publish", headers=supplier.headers)
    assert published.status_code == 200 and published.json()["status"] == "published"
    public = await client.get(f"/api/v1/listings/{listing['id']}")
    assert public.status_code == 200 and public.json()["title"] == listing["title"]

    mine = (await client.get("/api/v1/listings", headers=supplier.headers)).json()
    assert mine["total"] == 1 and mine["items"][0]["external_id"] == listing["external_id"]
    actions = (await db.scalars(select(AuditEvent.action).where(AuditEvent.entity_id == published.json()["id"]))).all()
    assert list(actions) == ["create", "publish"]


async def test_category_by_code_name_or_alias_and_unknown(
    client: httpx.AsyncClient, db: AsyncSession, settings: Settings
) -> None:
    supplier = await make_account(db, settings, kind="supplier")
    for value in ("0101", "加工中心", "五轴加工中心", "cnc加工中心"):
        response = await client.post("/api/v1/listings", json=listing_body(category=value), headers=supplier.headers)
        assert response.status_code == 201, (value, response.text)
        assert response.json()["category"]["code"] == "0101"
    unknown = await client.post("/api/v1/listings", json=listing_body(category="永动机"), headers=supplier.headers)
    assert unknown.status_code == 422
    assert [e["field"] for e in unknown.json()["errors"]] == ["category"]


async def test_invalid_listing_reports_every_field_and_writes_nothing(
    client: httpx.AsyncClient, db: AsyncSession, settings: Settings
) -> None:
    supplier = await make_account(db, settings, kind="supplier")
    body = listing_body(
        tags=["首台套", "不存在的标签"],
        service_regions=["999999"],
        specs={"spindle_rpm": "很快", "axes": 30, "自定义参数": "保留"},
    )
    response = await client.post("/api/v1/listings", json=body, headers=supplier.headers)
    assert response.status_code == 422
    fields = {e["field"] for e in response.json()["errors"]}
    assert fields == {"tags", "service_regions", "specs.spindle_rpm", "specs.axes"}
    count = await db.scalar(
        select(func.count()).select_from(Listing).where(Listing.organization_id == supplier.organization.id)
    )
    assert count == 0


async def test_malformed_listing_is_problem_json(
    client: httpx.AsyncClient, db: AsyncSession, settings: Settings
) -> None:
    supplier = await make_account(db, settings, kind="supplier")
    response = await client.post(
        "/api/v1/listings",
        json=listing_body(price_min="500000", price_max="400000", energy_grade=7, title=""),
        headers=supplier.headers,
    )
    assert response.status_code == 422
    problem = response.json()
    assert {"type", "title", "status", "detail", "errors"} <= set(problem)
    assert {"energy_grade", "title"} <= {e["field"] for e in problem["errors"]}


async def test_fields_a_client_must_not_set_are_ignored(
    client: httpx.AsyncClient, db: AsyncSession, settings: Settings
) -> None:
    supplier = await make_account(db, settings, kind="supplier")
    body = listing_body(status="published", recommended=True, organization_id="00000000-0000-0000-0000-000000000000")
    created = (await client.post("/api/v1/listings", json=body, headers=supplier.headers)).json()
    assert created["status"] == "draft" and created["recommended"] is False
    assert created["supplier"]["id"] == str(supplier.organization.id)


async def test_roles_and_ownership(client: httpx.AsyncClient, db: AsyncSession, settings: Settings) -> None:
    supplier = await make_account(db, settings, kind="supplier", region_code="370800")
    rival = await make_account(db, settings, kind="supplier", region_code="370800", name="济宁竞品装备有限公司")
    buyer = await make_account(db, settings, kind="buyer")
    assert (await client.post("/api/v1/listings", json=listing_body(), headers=buyer.headers)).status_code == 403
    assert (await client.post("/api/v1/listings", json=listing_body())).status_code == 401

    listing = (await client.post("/api/v1/listings", json=listing_body(), headers=supplier.headers)).json()
    # Another supplier can neither see the draft nor publish it.
    assert (await client.get(f"/api/v1/listings/{listing['id']}", headers=rival.headers)).status_code == 404
    assert (await client.post(f"/api/v1/listings/{listing['id']}/publish", headers=rival.headers)).status_code == 404
    assert (await client.get("/api/v1/listings", headers=rival.headers)).json()["total"] == 0


async def test_bureau_scope_on_drafts(client: httpx.AsyncClient, db: AsyncSession, settings: Settings) -> None:
    supplier = await make_account(db, settings, kind="supplier", region_code="370871")
    jining = await make_account(db, settings, kind="bureau", region_code="370800")
    jiaxing = await make_account(db, settings, kind="bureau", region_code="330400", name="嘉兴市经济和信息化局")
    listing = (await client.post("/api/v1/listings", json=listing_body(), headers=supplier.headers)).json()
    assert (await client.get(f"/api/v1/listings/{listing['id']}", headers=jining.headers)).status_code == 200
    assert (await client.get(f"/api/v1/listings/{listing['id']}", headers=jiaxing.headers)).status_code == 404
    # A bureau oversees but does not publish a supplier's listing.
    assert (await client.post(f"/api/v1/listings/{listing['id']}/publish", headers=jining.headers)).status_code == 403


async def test_idempotency_key(client: httpx.AsyncClient, db: AsyncSession, settings: Settings) -> None:
    supplier = await make_account(db, settings, kind="supplier")
    body = listing_body()
    headers = {**supplier.headers, "Idempotency-Key": "listing-create-001"}
    first = await client.post("/api/v1/listings", json=body, headers=headers)
    again = await client.post("/api/v1/listings", json=body, headers=headers)
    assert first.status_code == again.status_code == 201
    assert first.json()["id"] == again.json()["id"]
    other = await client.post("/api/v1/listings", json={**body, "title": "另一台设备"}, headers=headers)
    assert other.status_code == 422
    assert (await client.get("/api/v1/listings", headers=supplier.headers)).json()["total"] == 1
