"""A group purchase that opens is told to the buyers whose published demands fall in its category
and regions, and to the suppliers with published listings in its category — nobody else, once."""

from __future__ import annotations

import httpx
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from catalog.notifications.models import Notification
from service.config import Settings
from tests.factories import demand_body, listing_body, make_account
from tests.service.api.campaign_helpers import HAINING, campaign_body, published_listing


async def _demand(client: httpx.AsyncClient, buyer_headers: dict[str, str], **overrides: object) -> None:
    defaults: dict[str, object] = {
        "title": "更新老旧袜机，采购单针筒电脑袜机10台", "category": "电脑袜机", "specs": {}, "motivations": ["smart"],
    }  # fmt: skip
    body = demand_body(**{**defaults, **overrides})
    created = await client.post("/api/v1/demands", json=body, headers=buyer_headers)
    assert created.status_code == 201, created.text
    published = await client.post(f"/api/v1/demands/{created.json()['id']}/publish", headers=buyer_headers)
    assert published.status_code == 200, published.text


async def _told(db: AsyncSession, campaign_id: str) -> dict[object, list[Notification]]:
    rows = (await db.scalars(select(Notification).where(Notification.kind == "campaign.opened"))).all()
    out: dict[object, list[Notification]] = {}
    for n in rows:
        if str(n.entity_id) == campaign_id:
            out.setdefault(n.organization_id, []).append(n)
    return out


async def test_opening_tells_the_buyers_and_suppliers_it_concerns(
    client: httpx.AsyncClient, db: AsyncSession, settings: Settings
) -> None:
    bureau = await make_account(db, settings, kind="bureau", region_code=HAINING, name="海宁市经济和信息化局")
    supplier = await make_account(db, settings, kind="supplier", region_code=HAINING, name="海宁恒诚纺织机械有限公司")
    other_supplier = await make_account(
        db, settings, kind="supplier", region_code="370811", name="济宁数控机床有限公司"
    )
    inside = await make_account(db, settings, kind="buyer", region_code=HAINING, name="海宁市锦袜针织有限公司")
    outside = await make_account(db, settings, kind="buyer", region_code="330402", name="嘉兴南湖袜业有限公司")
    lathe_buyer = await make_account(db, settings, kind="buyer", region_code=HAINING, name="海宁机械加工有限公司")
    draft_buyer = await make_account(db, settings, kind="buyer", region_code=HAINING, name="海宁草稿袜厂")
    await published_listing(client, supplier)
    lathe = listing_body(title="数控车床 CK6150", category="数控车床", specs={}, tags=[], service_regions=["370000"])
    created_lathe = await client.post("/api/v1/listings", json=lathe, headers=other_supplier.headers)
    assert created_lathe.status_code == 201, created_lathe.text
    lathe_id = created_lathe.json()["id"]
    assert (
        await client.post(f"/api/v1/listings/{lathe_id}/publish", headers=other_supplier.headers)
    ).status_code == 200
    await _demand(client, inside.headers)
    await _demand(client, inside.headers)  # two demands, one notification
    await _demand(client, outside.headers, region_code="330402")  # another county
    await _demand(client, lathe_buyer.headers, category="数控车床", title="采购数控车床")  # another category
    draft = demand_body(title="袜机草稿", category="电脑袜机", specs={})
    assert (await client.post("/api/v1/demands", json=draft, headers=draft_buyer.headers)).status_code == 201

    # A draft campaign tells nobody; opening it tells them.
    created = await client.post("/api/v1/campaigns", json=campaign_body(status="draft"), headers=bureau.headers)
    assert created.status_code == 201, created.text
    campaign_id = created.json()["id"]
    assert await _told(db, campaign_id) == {}
    opened = await client.post(f"/api/v1/campaigns/{campaign_id}/open", headers=bureau.headers)
    assert opened.status_code == 200, opened.text
    told = await _told(db, campaign_id)
    assert set(told) == {inside.organization.id, supplier.organization.id}
    assert all(len(notes) == 1 for notes in told.values())
    (to_buyer,) = told[inside.organization.id]
    assert to_buyer.title == "新团购：海宁袜业电脑袜机团购" and "认购" in to_buyer.body
    assert to_buyer.link == f"/api/v1/campaigns/{campaign_id}"
    assert "阶梯报价" in told[supplier.organization.id][0].body

    # Opened directly at creation: told at once.
    direct = await client.post("/api/v1/campaigns", json=campaign_body(title="第二期袜机团购"), headers=bureau.headers)
    assert set(await _told(db, direct.json()["id"])) == {inside.organization.id, supplier.organization.id}
