"""The server errors a fuzzer found, each pinned: they answer 4xx (or succeed) now."""

from __future__ import annotations

import io
import json

import httpx
from openpyxl import load_workbook
from sqlalchemy import update
from sqlalchemy.ext.asyncio import AsyncSession

from catalog.demands.models import Demand
from catalog.listings.models import Listing
from service.config import Settings
from tests.factories import demand_body, listing_body, make_account


async def test_an_empty_external_id_means_none(client: httpx.AsyncClient, db: AsyncSession, settings: Settings) -> None:
    buyer = await make_account(db, settings, kind="buyer", region_code="330481")
    first = await client.post("/api/v1/demands", json=demand_body(external_id=""), headers=buyer.headers)
    second = await client.post("/api/v1/demands", json=demand_body(external_id="  "), headers=buyer.headers)
    assert first.status_code == second.status_code == 201, second.text
    assert first.json()["external_id"] is None and second.json()["external_id"] is None
    named = await client.post("/api/v1/demands", json=demand_body(external_id="ERP-001"), headers=buyer.headers)
    cleared = await client.patch(
        f"/api/v1/demands/{named.json()['id']}", json={"external_id": ""}, headers=buyer.headers
    )
    assert cleared.status_code == 200 and cleared.json()["external_id"] is None
    supplier = await make_account(db, settings, kind="supplier", region_code="330424")
    for _ in range(2):
        made = await client.post("/api/v1/listings", json=listing_body(external_id=""), headers=supplier.headers)
        assert made.status_code == 201 and made.json()["external_id"] is None


async def test_nul_and_lone_surrogates_are_422_naming_the_field(
    client: httpx.AsyncClient, db: AsyncSession, settings: Settings
) -> None:
    supplier = await make_account(db, settings, kind="supplier", region_code="330424")
    bureau = await make_account(db, settings, kind="bureau", region_code="330400")
    cases = [
        ("POST", "/api/v1/listings", {"json": listing_body(category="加工\x00中心")}, "category"),
        # JSON carries a lone surrogate as an escape (\\ud800); json.dumps writes it so
        ("POST", "/api/v1/listings", {"content": json.dumps(listing_body(specs={"主轴\ud800": 1}))}, "specs.主轴?"),
        ("GET", "/api/v1/campaigns", {"params": {"category": "\x00数控", "offset": "65537"}}, "category"),
        ("GET", "/api/v1/search/listings", {"params": {"q": "机床\x00"}}, "q"),
    ]
    for method, url, kwargs, field in cases:
        for account in (supplier, bureau):
            headers = {**account.headers, "Content-Type": "application/json"}
            response = await client.request(method, url, headers=headers, **kwargs)  # type: ignore[arg-type]
            assert response.status_code == 422, (url, response.text)
            assert response.headers["content-type"].startswith("application/problem+json")
            assert field in [e["field"] for e in response.json()["errors"]]
    login = await client.post("/api/v1/auth/token", data={"username": "\x00", "password": "x"})
    assert login.status_code == 422 and login.json()["errors"][0]["field"] == "username"
    # an emoji or CJK Extension B character is text like any other
    fine = await client.post("/api/v1/listings", json=listing_body(title="𠀀𪚥 加工中心 😀"), headers=supplier.headers)
    assert fine.status_code == 201 and fine.json()["title"] == "𠀀𪚥 加工中心 😀"
    assert (
        await client.get("/api/v1/campaigns", params={"offset": "65537"}, headers=bureau.headers)
    ).status_code == 200


async def test_exports_survive_control_characters_in_stored_records(
    client: httpx.AsyncClient, db: AsyncSession, settings: Settings
) -> None:
    supplier = await make_account(db, settings, kind="supplier", region_code="330424")
    buyer = await make_account(db, settings, kind="buyer", region_code="330481")
    listing = await client.post("/api/v1/listings", json=listing_body(), headers=supplier.headers)
    demand = await client.post("/api/v1/demands", json=demand_body(), headers=buyer.headers)
    # stored before any gate existed (or imported): control characters inside the text
    await db.execute(
        update(Listing).where(Listing.id == listing.json()["id"]).values(title="立式\x01加工\x1b中心", model="V\x0b850")
    )
    await db.execute(update(Demand).where(Demand.id == demand.json()["id"]).values(title="数控\x07车床\x1f更新"))
    for url, account, title in (
        ("/api/v1/listings/export", supplier, "立式加工中心"),
        ("/api/v1/demands/export", buyer, "数控车床更新"),
    ):
        xlsx = await client.get(url, params={"format": "xlsx"}, headers=account.headers)
        assert xlsx.status_code == 200, xlsx.text[:300]
        sheet = load_workbook(io.BytesIO(xlsx.content)).active
        assert sheet is not None
        assert title in [cell.value for row in sheet.iter_rows() for cell in row]
        csv = await client.get(url, params={"format": "csv"}, headers=account.headers)
        assert csv.status_code == 200
