"""A matchmaking event that opens for registration is told — through the same `announce_opening`
as a group purchase — to the buyers whose published demands fall in its category and regions and
to the suppliers with published listings in its category; a buyer in another city, a draft demand,
another category are not; opening twice tells nobody twice."""

from __future__ import annotations

import httpx
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from catalog.notifications.models import Notification
from service.config import Settings
from tests.factories import demand_body, listing_body, make_account
from tests.service.api.campaign_helpers import HAINING, published_listing
from tests.service.api.test_campaign_announcements import _demand
from tests.service.api.test_events import API, event_body


async def _told(db: AsyncSession, event_id: str) -> dict[object, list[Notification]]:
    rows = (await db.scalars(select(Notification).where(Notification.kind == "event.opened"))).all()
    out: dict[object, list[Notification]] = {}
    for n in rows:
        if str(n.entity_id) == event_id:
            out.setdefault(n.organization_id, []).append(n)
    return out


async def test_an_event_opening_tells_the_buyers_and_suppliers_it_concerns(
    client: httpx.AsyncClient, db: AsyncSession, settings: Settings
) -> None:
    bureau = await make_account(db, settings, kind="bureau", region_code="330400", name="嘉兴市经济和信息化局")
    supplier = await make_account(db, settings, kind="supplier", region_code=HAINING, name="海宁恒诚纺织机械有限公司")
    far_supplier = await make_account(db, settings, kind="supplier", region_code="440300", name="深圳袜机科技有限公司")
    lathe_supplier = await make_account(
        db, settings, kind="supplier", region_code="370811", name="济宁数控机床有限公司"
    )
    inside = await make_account(db, settings, kind="buyer", region_code=HAINING, name="海宁市锦袜针织有限公司")
    other_city = await make_account(db, settings, kind="buyer", region_code="330106", name="杭州西湖袜业有限公司")
    other_county = await make_account(db, settings, kind="buyer", region_code="330424", name="海盐袜业有限公司")
    lathe_buyer = await make_account(db, settings, kind="buyer", region_code=HAINING, name="海宁机械加工有限公司")
    draft_buyer = await make_account(db, settings, kind="buyer", region_code=HAINING, name="海宁草稿袜厂")
    await published_listing(client, supplier)
    await published_listing(client, far_supplier, title="深圳 SZ-8 电脑袜机")  # suppliers come from anywhere
    lathe = listing_body(title="数控车床 CK6150", category="数控车床", specs={}, tags=[], service_regions=["370000"])
    created_lathe = await client.post("/api/v1/listings", json=lathe, headers=lathe_supplier.headers)
    assert created_lathe.status_code == 201, created_lathe.text
    publish = await client.post(
        f"/api/v1/listings/{created_lathe.json()['id']}/publish", headers=lathe_supplier.headers
    )
    assert publish.status_code == 200
    await _demand(client, inside.headers, region_code=HAINING)
    await _demand(client, inside.headers, region_code=HAINING)  # two demands, one notification
    await _demand(client, other_city.headers, region_code="330106")  # another city: not told
    await _demand(client, other_county.headers, region_code="330424")  # 海盐: in 嘉兴, not in the event's 海宁
    await _demand(client, lathe_buyer.headers, region_code=HAINING, category="数控车床", title="采购数控车床")
    draft = demand_body(title="袜机草稿", category="电脑袜机", specs={}, region_code=HAINING)
    assert (await client.post("/api/v1/demands", json=draft, headers=draft_buyer.headers)).status_code == 201

    # A draft event tells nobody; opening it tells them, once (opening again is a no-op).
    body = event_body(title="海宁袜业电脑袜机供需对接会", category="电脑袜机", region_codes=[HAINING], status="draft")
    created = await client.post(API, json=body, headers=bureau.headers)
    assert created.status_code == 201, created.text
    event_id = created.json()["id"]
    assert await _told(db, event_id) == {}
    for _ in range(2):
        opened = await client.post(f"{API}/{event_id}/open", headers=bureau.headers)
        assert opened.status_code == 200, opened.text
    told = await _told(db, event_id)
    assert set(told) == {inside.organization.id, supplier.organization.id, far_supplier.organization.id}
    assert all(len(notes) == 1 for notes in told.values())
    (to_buyer,) = told[inside.organization.id]
    assert to_buyer.title == "供需对接会开放报名：海宁袜业电脑袜机供需对接会" and "报名" in to_buyer.body
    assert to_buyer.link == f"{API}/{event_id}"
    assert "品类与您的在售设备相同" in told[supplier.organization.id][0].body
    # Nobody else heard: not the other city's buyer, not 海盐's, not the lathe buyer or supplier, not the draft.
    for account in (other_city, other_county, lathe_buyer, lathe_supplier, draft_buyer, bureau):
        assert account.organization.id not in told

    # Announced at creation (status registration, the default): told at once.
    direct = await client.post(
        API,
        json=event_body(title="第二场袜机对接会", category="电脑袜机", region_codes=[HAINING]),
        headers=bureau.headers,
    )
    assert direct.status_code == 201, direct.text
    assert set(await _told(db, direct.json()["id"])) == set(told)

    # Without a category: the buyers with any published demand in its regions, the suppliers located there.
    general = await client.post(
        API, json=event_body(title="海宁综合对接会", region_codes=[HAINING]), headers=bureau.headers
    )
    assert general.status_code == 201, general.text
    everyone = await _told(db, general.json()["id"])
    assert set(everyone) == {inside.organization.id, lathe_buyer.organization.id, supplier.organization.id}
    assert "不限品类" in everyone[supplier.organization.id][0].body
