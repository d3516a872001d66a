"""Group purchases over HTTP: a campaign from opening to settlement, the rules on offers and
pledges, who sees what, cancelling, failing, the worker's deadline close and the Excel export."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import timedelta
from io import BytesIO
from typing import Any

import httpx
from openpyxl import load_workbook
from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession

from catalog.audit.models import AuditEvent
from catalog.db import utcnow
from catalog.notifications.models import Notification
from matching.campaigns.models import Campaign, OfferRevision, Pledge
from service.config import Settings
from service.jobs.campaigns import close_due_campaigns
from tests.factories import make_account
from tests.service.api.campaign_helpers import (
    HAINING,
    accounts,
    campaign_body,
    offer_body,
    open_campaign,
    published_listing,
    sock_listing,
)

API = "/api/v1/campaigns"


async def pledge(
    client: httpx.AsyncClient, campaign_id: str, headers: dict[str, str], quantity: int, **extra: Any
) -> dict[str, Any]:
    response = await client.post(f"{API}/{campaign_id}/pledges", json={"quantity": quantity, **extra}, headers=headers)
    assert response.status_code == 201, response.text
    body: dict[str, Any] = response.json()
    return body


async def _deadlines_passed(db: AsyncSession, campaign_id: str, *, offers: bool = True, pledges: bool = False) -> None:
    past = utcnow() - timedelta(minutes=1)
    values: dict[str, Any] = {}
    if offers:
        values["offer_deadline"] = past - timedelta(minutes=1)
    if pledges:
        values["pledge_deadline"] = past
    await db.execute(update(Campaign).where(Campaign.id == campaign_id).values(**values))


async def notes(db: AsyncSession, organization_id: object) -> list[str]:
    rows = await db.scalars(select(Notification.body).where(Notification.organization_id == organization_id))
    return list(rows)


async def test_campaign_from_opening_to_settlement(
    client: httpx.AsyncClient, db: AsyncSession, settings: Settings
) -> None:
    bureau, supplier_a, (b1, b2, b3) = await accounts(db, settings)
    supplier_b = await make_account(
        db, settings, kind="supplier", region_code="330400", name="浙江嘉力智能装备股份有限公司"
    )
    campaign = await open_campaign(client, bureau)
    assert campaign["status"] == "open" and campaign["category"] == {"code": "0804", "name": "袜机"}
    assert campaign["total_pledged"] == 0 and campaign["current_best"] is None
    cid = campaign["id"]

    listing_a = await published_listing(client, supplier_a)
    listing_b = await published_listing(client, supplier_b, title="嘉力 JL-8 电脑袜机", service_regions=["000000"])
    offer_a = await client.post(
        f"{API}/{cid}/offers", json=offer_body(listing_a, "90000", [(10, "80000"), (20, "72000"), (30, "66000")]),
        headers=supplier_a.headers,
    )  # fmt: skip
    assert offer_a.status_code == 201, offer_a.text
    assert offer_a.json()["tiers"][2] == {"min_quantity": 30, "unit_price": "66000.00"}
    offer_b = await client.post(
        f"{API}/{cid}/offers", json=offer_body(listing_b, "88000", [(10, "82000"), (25, "70000")], cap=40),
        headers=supplier_b.headers,
    )  # fmt: skip
    assert offer_b.status_code == 201, offer_b.text

    first = await pledge(client, cid, b1.headers, 8)
    assert first["buyer"]["id"] == str(b1.organization.id) and first["status"] == "active"
    await pledge(client, cid, b2.headers, 6, max_unit_price="85000")
    await pledge(client, cid, b3.headers, 4)
    view = (await client.get(f"{API}/{cid}", headers=b1.headers)).json()
    assert view["total_pledged"] == 18 and view["counts"] == {"offers": 2, "pledges": 3, "buyers": 3}
    assert view["current_best"] == {"offer_id": offer_a.json()["id"], "unit_price": "80000.00", "tier_min_quantity": 10}
    assert view["next_tier"]["quantity_needed"] == 2 and view["next_tier"]["unit_price"] == "72000.00"
    assert view["next_tier"]["message"] == "再有 2 台可降至 72,000 元/台"
    assert [p["quantity"] for p in view["my_pledges"]] == [8]

    await pledge(client, cid, b1.headers, 2)
    closed = await client.post(f"{API}/{cid}/close", headers=bureau.headers)
    assert closed.status_code == 200, closed.text
    settlement = closed.json()
    assert settlement["status"] == "settled" and settlement["pooled_quantity"] == 20
    (winner,) = settlement["winning_offers"]
    assert winner["offer_id"] == offer_a.json()["id"] and winner["quantity"] == 20
    assert (winner["unit_price"], winner["tier_min_quantity"]) == ("72000.00", 20)
    assert settlement["total_saving"] == "360000.00"  # (90,000 − 72,000) × 20
    assert [(line["quantity"], line["unit_price"], line["saving"]) for line in settlement["lines"]] == [
        (8, "72000.00", "144000.00"), (6, "72000.00", "108000.00"), (4, "72000.00", "72000.00"), (2, "72000.00", "36000.00"),
    ]  # fmt: skip
    assert all(line["buyer"] is not None for line in settlement["lines"])  # the bureau sees everyone

    # Stored: the same from GET, and each party sees its share.
    assert (await client.get(f"{API}/{cid}/settlement", headers=bureau.headers)).json() == settlement
    own = (await client.get(f"{API}/{cid}/settlement", headers=b2.headers)).json()
    assert [line["buyer"]["id"] for line in own["lines"]] == [str(b2.organization.id)]
    winning = (await client.get(f"{API}/{cid}/settlement", headers=supplier_a.headers)).json()
    assert all(line["buyer"] is not None for line in winning["lines"])  # it delivers to them
    losing = (await client.get(f"{API}/{cid}/settlement", headers=supplier_b.headers)).json()
    assert all(line["buyer"] is None for line in losing["lines"])
    pledges_seen = (await client.get(f"{API}/{cid}/pledges", headers=supplier_b.headers)).json()
    assert pledges_seen["total"] == 4 and {p["buyer"] for p in pledges_seen["items"]} == {None}
    assert {p["status"] for p in pledges_seen["items"]} == {"settled"}

    after = (await client.get(f"{API}/{cid}", headers=bureau.headers)).json()
    assert after["status"] == "settled" and after["total_pledged"] == 20
    assert after["current_best"]["unit_price"] == "72000.00" and after["next_tier"] is None
    assert (
        "团购已成交：每台 72,000 元（原价 90,000 元），6 台，节省 108,000 元"
        in (await notes(db, b2.organization.id))[0]
    )
    assert "贵司中标 20 台" in (await notes(db, supplier_a.organization.id))[0]
    assert "未中标" in (await notes(db, supplier_b.organization.id))[0]

    excel = await client.get(f"{API}/{cid}/settlement?format=xlsx", headers=bureau.headers)
    assert excel.status_code == 200 and excel.headers["content-type"].startswith("application/vnd.openxmlformats")
    book = load_workbook(BytesIO(excel.content))
    assert book.sheetnames == ["结算概要", "中标报价", "认购明细"]
    rows = list(book["认购明细"].iter_rows(min_row=2, values_only=True))
    assert len(rows) == 4 and rows[1][1] == b2.organization.name and rows[1][3] == "成交"

    actions = (
        await db.scalars(select(AuditEvent.action).where(AuditEvent.entity_id == cid).order_by(AuditEvent.id))
    ).all()
    assert list(actions) == ["create", "settle"]
    pledge_actions = await db.scalars(
        select(AuditEvent.action).where(AuditEvent.entity_id == first["id"]).order_by(AuditEvent.id)
    )
    assert list(pledge_actions) == ["create", "settled"]
    again = await client.post(f"{API}/{cid}/close", headers=bureau.headers)
    assert again.status_code == 409
    late = await client.post(f"{API}/{cid}/pledges", json={"quantity": 1}, headers=b3.headers)
    assert late.status_code == 409


async def test_creating_campaigns_validates_and_checks_scope(
    client: httpx.AsyncClient, db: AsyncSession, settings: Settings
) -> None:
    bureau, supplier, (buyer,) = await accounts(db, settings, buyers=1)
    malformed = await client.post(
        API, json={"title": "", "region_codes": ["33"], "min_total_quantity": 0}, headers=bureau.headers
    )
    assert malformed.status_code == 422 and malformed.headers["content-type"].startswith("application/problem+json")
    fields = {e["field"] for e in malformed.json()["errors"]}
    assert {"title", "category", "region_codes.0", "offer_deadline", "pledge_deadline", "min_total_quantity"} <= fields

    now = utcnow()
    swapped = campaign_body(
        offer_deadline=(now + timedelta(days=9)).isoformat(), pledge_deadline=(now + timedelta(days=8)).isoformat()
    )
    response = await client.post(API, json=swapped, headers=bureau.headers)
    assert response.status_code == 422 and [e["field"] for e in response.json()["errors"]] == ["offer_deadline"]
    past = await client.post(
        API, json=campaign_body(pledge_deadline=(now - timedelta(days=1)).isoformat()), headers=bureau.headers
    )
    assert past.status_code == 422 and "pledge_deadline" in {e["field"] for e in past.json()["errors"]}
    unknown = await client.post(
        API, json=campaign_body(region_codes=["339999"], category="永动机"), headers=bureau.headers
    )
    assert unknown.status_code == 422 and {e["field"] for e in unknown.json()["errors"]} == {"region_codes", "category"}
    outside = await client.post(API, json=campaign_body(region_codes=["330424"]), headers=bureau.headers)
    assert outside.status_code == 403  # 海盐县 is not in 海宁市's scope
    assert (await client.post(API, json=campaign_body(), headers=supplier.headers)).status_code == 403
    assert (await client.post(API, json=campaign_body(), headers=buyer.headers)).status_code == 403
    assert (await client.post(API, json=campaign_body())).status_code == 401
    # A category group counts with its subtree: 纺织机械 takes 袜机 listings.
    group = await open_campaign(client, bureau, category="纺织机械")
    listing = await published_listing(client, supplier)
    made = await client.post(
        f"{API}/{group['id']}/offers", json=offer_body(listing, "90000", [(5, "85000")]), headers=supplier.headers
    )
    assert made.status_code == 201, made.text


async def test_draft_is_hidden_until_opened(client: httpx.AsyncClient, db: AsyncSession, settings: Settings) -> None:
    bureau, supplier, (buyer,) = await accounts(db, settings, buyers=1)
    draft = await open_campaign(client, bureau, status="draft")
    assert draft["status"] == "draft" and draft["opened_at"] is None
    via_query = (await client.post(f"{API}?draft=true", json=campaign_body(), headers=bureau.headers)).json()
    assert via_query["status"] == "draft"
    assert (await client.get(f"{API}/{draft['id']}", headers=buyer.headers)).status_code == 404
    assert (await client.get(f"{API}/{draft['id']}", headers=supplier.headers)).status_code == 404
    assert (await client.post(f"{API}/{draft['id']}/close", headers=bureau.headers)).status_code == 409
    opened = await client.post(f"{API}/{draft['id']}/open", headers=bureau.headers)
    assert opened.status_code == 200 and opened.json()["status"] == "open"
    assert (await client.post(f"{API}/{draft['id']}/open", headers=bureau.headers)).status_code == 409
    assert (await client.get(f"{API}/{draft['id']}", headers=buyer.headers)).status_code == 200


async def test_offer_rules_and_revisions(client: httpx.AsyncClient, db: AsyncSession, settings: Settings) -> None:
    bureau, supplier, (buyer,) = await accounts(db, settings, buyers=1)
    rival = await make_account(db, settings, kind="supplier", region_code="330400")
    cid = (await open_campaign(client, bureau))["id"]
    listing = await published_listing(client, supplier)
    url = f"{API}/{cid}/offers"

    rising = await client.post(
        url, json=offer_body(listing, "90000", [(10, "80000"), (20, "70000"), (30, "75000")]), headers=supplier.headers
    )
    assert rising.status_code == 422 and [e["field"] for e in rising.json()["errors"]] == ["tiers.2.unit_price"]
    bad = await client.post(
        url, json=offer_body(listing, "90000", [(10, "95000"), (10, "80000")]), headers=supplier.headers
    )
    assert {e["field"] for e in bad.json()["errors"]} == {"tiers.0.unit_price", "tiers.1.min_quantity"}
    malformed = await client.post(
        url, json={"listing_id": "x", "unit_list_price": "-1", "tiers": []}, headers=supplier.headers
    )
    assert malformed.status_code == 422
    assert {e["field"] for e in malformed.json()["errors"]} == {"listing_id", "unit_list_price", "tiers"}

    draft_listing = (
        await client.post("/api/v1/listings", json={**sock_listing(), "title": "草稿袜机"}, headers=supplier.headers)
    ).json()
    assert (
        await client.post(url, json=offer_body(draft_listing["id"], "90000", [(10, "80000")]), headers=supplier.headers)
    ).status_code == 409
    lathe = await published_listing(client, supplier, category="数控车床", specs={}, title="数控车床 CK6150")
    assert (
        await client.post(url, json=offer_body(lathe, "90000", [(10, "80000")]), headers=supplier.headers)
    ).status_code == 409
    shandong = await published_listing(client, supplier, service_regions=["370000"], title="只服务山东的袜机")
    assert (
        await client.post(url, json=offer_body(shandong, "90000", [(10, "80000")]), headers=supplier.headers)
    ).status_code == 409
    assert (
        await client.post(url, json=offer_body(listing, "90000", [(10, "80000")]), headers=rival.headers)
    ).status_code == 404
    assert (
        await client.post(url, json=offer_body(listing, "90000", [(10, "80000")]), headers=buyer.headers)
    ).status_code == 403

    made = await client.post(
        url, json=offer_body(listing, "90000", [(10, "80000"), (20, "72000")], cap=30), headers=supplier.headers
    )
    assert made.status_code == 201, made.text
    oid = made.json()["id"]
    assert (
        await client.post(url, json=offer_body(listing, "90000", [(10, "80000")]), headers=supplier.headers)
    ).status_code == 409

    # Before any pledge the supplier may revise either way.
    dearer = await client.patch(
        f"{url}/{oid}", json={"tiers": [{"min_quantity": 10, "unit_price": "82000"}]}, headers=supplier.headers
    )
    assert dearer.status_code == 200 and dearer.json()["revision"] == 2
    await pledge(client, cid, buyer.headers, 5)
    worse = await client.patch(
        f"{url}/{oid}",
        json={"tiers": [{"min_quantity": 10, "unit_price": "85000"}], "max_quantity": 20},
        headers=supplier.headers,
    )
    assert worse.status_code == 409 and {e["field"] for e in worse.json()["errors"]} == {"tiers", "max_quantity"}
    better = await client.patch(
        f"{url}/{oid}", json={"tiers": [{"min_quantity": 8, "unit_price": "79000"}, {"min_quantity": 20, "unit_price": "70000"}], "max_quantity": None},
        headers=supplier.headers,
    )  # fmt: skip
    assert better.status_code == 200 and better.json()["revision"] == 3 and better.json()["max_quantity"] is None
    assert (await client.patch(f"{url}/{oid}", json={"max_quantity": 5}, headers=rival.headers)).status_code == 404
    revisions = (await client.get(f"{url}/{oid}/revisions", headers=supplier.headers)).json()
    assert [r["revision"] for r in revisions] == [1, 2, 3] and revisions[0]["tiers"][1]["unit_price"] == "72000.00"
    assert (await client.get(f"{url}/{oid}/revisions", headers=rival.headers)).status_code == 404
    assert len((await db.scalars(select(OfferRevision).where(OfferRevision.offer_id == oid))).all()) == 3
    audited = (
        await db.scalars(select(AuditEvent.action).where(AuditEvent.entity_id == oid).order_by(AuditEvent.id))
    ).all()
    assert list(audited) == ["create", "revise", "revise"]

    await _deadlines_passed(db, cid)
    late = await client.patch(f"{url}/{oid}", json={"unit_list_price": "89000"}, headers=supplier.headers)
    assert late.status_code == 409
    other = await published_listing(client, supplier, title="恒诚 HC-8 袜机")
    assert (
        await client.post(url, json=offer_body(other, "90000", [(10, "80000")]), headers=supplier.headers)
    ).status_code == 409


async def test_pledge_rules_idempotency_and_withdrawal(
    client: httpx.AsyncClient, db: AsyncSession, settings: Settings
) -> None:
    bureau, supplier, (b1, b2) = await accounts(db, settings, buyers=2)
    jining_buyer = await make_account(db, settings, kind="buyer", region_code="370811")
    cid = (await open_campaign(client, bureau))["id"]
    url = f"{API}/{cid}/pledges"

    key = {"Idempotency-Key": "pledge-jinwa-001"}
    first = await client.post(url, json={"quantity": 5}, headers={**b1.headers, **key})
    replay = await client.post(url, json={"quantity": 5}, headers={**b1.headers, **key})
    assert first.status_code == replay.status_code == 201 and first.json()["id"] == replay.json()["id"]
    assert replay.headers.get("Idempotent-Replayed") == "true"
    different = await client.post(url, json={"quantity": 6}, headers={**b1.headers, **key})
    assert different.status_code == 422

    malformed = await client.post(url, json={"quantity": 0, "max_unit_price": "abc"}, headers=b1.headers)
    assert malformed.status_code == 422 and {e["field"] for e in malformed.json()["errors"]} == {
        "quantity",
        "max_unit_price",
    }
    assert (await client.post(url, json={"quantity": 1}, headers=jining_buyer.headers)).status_code == 404
    assert (await client.post(url, json={"quantity": 1}, headers=supplier.headers)).status_code == 403
    assert (await client.post(url, json={"quantity": 1}, headers=bureau.headers)).status_code == 403
    assert (await client.post(url, json={"quantity": 1})).status_code == 401

    second = await pledge(client, cid, b2.headers, 3, max_unit_price="70000")
    view = (await client.get(f"{API}/{cid}", headers=b2.headers)).json()
    assert view["total_pledged"] == 8 and [p["id"] for p in view["my_pledges"]] == [second["id"]]
    # Buyers see only their own pledges; suppliers see quantities without names or limits.
    assert [p["id"] for p in (await client.get(url, headers=b2.headers)).json()["items"]] == [second["id"]]
    seen = (await client.get(url, headers=supplier.headers)).json()["items"]
    assert [(p["quantity"], p["buyer"], p["max_unit_price"]) for p in seen] == [(5, None, None), (3, None, None)]

    assert (await client.delete(f"{url}/{second['id']}", headers=b1.headers)).status_code == 404
    withdrawn = await client.delete(f"{url}/{second['id']}", headers=b2.headers)
    assert withdrawn.status_code == 200 and withdrawn.json()["status"] == "withdrawn"
    assert (await client.delete(f"{url}/{second['id']}", headers=b2.headers)).status_code == 409
    assert (await client.get(f"{API}/{cid}", headers=bureau.headers)).json()["total_pledged"] == 5

    await _deadlines_passed(db, cid, pledges=True)
    assert (await client.post(url, json={"quantity": 1}, headers=b2.headers)).status_code == 409
    assert (await client.delete(f"{url}/{first.json()['id']}", headers=b1.headers)).status_code == 409


async def test_bureau_scope_for_reading_and_closing(
    client: httpx.AsyncClient, db: AsyncSession, settings: Settings
) -> None:
    bureau, supplier, (buyer,) = await accounts(db, settings, buyers=1)
    jining = await make_account(db, settings, kind="bureau", region_code="370800")
    haiyan = await make_account(db, settings, kind="bureau", region_code="330424")
    jiaxing = await make_account(db, settings, kind="bureau", region_code="330400", name="嘉兴市经济和信息化局")
    cid = (await open_campaign(client, bureau))["id"]
    for other in (jining, haiyan):
        assert (await client.get(f"{API}/{cid}", headers=other.headers)).status_code == 404
        assert (await client.post(f"{API}/{cid}/close", headers=other.headers)).status_code == 404
        assert (await client.post(f"{API}/{cid}/cancel", headers=other.headers)).status_code == 404
    assert (await client.post(f"{API}/{cid}/close", headers=buyer.headers)).status_code == 403
    assert (await client.post(f"{API}/{cid}/close", headers=supplier.headers)).status_code == 403
    assert (await client.post(f"{API}/{cid}/close")).status_code == 401
    assert (await client.get(f"{API}/{cid}")).status_code == 401
    assert (await client.get(f"{API}/{cid}/settlement", headers=bureau.headers)).status_code == 404  # not settled yet

    # The city bureau oversees its counties' campaigns; nobody pledged, so the campaign fails.
    await pledge(client, cid, buyer.headers, 3)
    closed = await client.post(f"{API}/{cid}/close", headers=jiaxing.headers)
    assert closed.status_code == 200 and closed.json()["status"] == "failed"
    assert [line["outcome"] for line in closed.json()["lines"]] == ["released"]
    assert (await db.scalar(select(Pledge.status).where(Pledge.campaign_id == cid))) == "released"
    assert "团购未成：认购合计 3 台，最低成团 10 台" in (await notes(db, buyer.organization.id))[0]


async def test_listing_campaigns_per_actor(client: httpx.AsyncClient, db: AsyncSession, settings: Settings) -> None:
    bureau, supplier, (buyer,) = await accounts(db, settings, buyers=1)
    jining_buyer = await make_account(db, settings, kind="buyer", region_code="370811")
    jining = await make_account(db, settings, kind="bureau", region_code="370800")
    cid = (await open_campaign(client, bureau))["id"]
    draft = (await open_campaign(client, bureau, status="draft", title="海宁经编机团购（草稿）", category="经编机"))[
        "id"
    ]

    def ids(response: httpx.Response) -> set[str]:
        assert response.status_code == 200, response.text
        return {c["id"] for c in response.json()["items"]}

    assert cid in ids(await client.get(API, headers=buyer.headers))
    assert draft not in ids(await client.get(API, headers=buyer.headers))
    assert cid not in ids(await client.get(API, headers=jining_buyer.headers))
    assert cid in ids(await client.get(API, headers=supplier.headers))
    assert {cid, draft} <= ids(await client.get(API, headers=bureau.headers))
    assert ids(await client.get(f"{API}?status=draft", headers=bureau.headers)) >= {draft}
    assert cid not in ids(await client.get(f"{API}?status=draft", headers=bureau.headers))
    assert cid in ids(await client.get(f"{API}?category=纺织机械", headers=bureau.headers))
    assert cid not in ids(await client.get(f"{API}?category=经编机", headers=bureau.headers))
    assert not {cid, draft} & ids(await client.get(API, headers=jining.headers))
    assert (await client.get(f"{API}?status=gone", headers=bureau.headers)).status_code == 422
    assert (await client.get(API)).status_code == 401


async def test_cancel_releases_pledges_and_tells_everyone(
    client: httpx.AsyncClient, db: AsyncSession, settings: Settings
) -> None:
    bureau, supplier, (buyer,) = await accounts(db, settings, buyers=1)
    cid = (await open_campaign(client, bureau))["id"]
    listing = await published_listing(client, supplier)
    await client.post(
        f"{API}/{cid}/offers", json=offer_body(listing, "90000", [(10, "80000")]), headers=supplier.headers
    )
    await pledge(client, cid, buyer.headers, 4)
    cancelled = await client.post(f"{API}/{cid}/cancel", json={"reason": "财政资金安排调整"}, headers=bureau.headers)
    assert cancelled.status_code == 200 and cancelled.json()["status"] == "cancelled"
    assert (await db.scalar(select(Pledge.status).where(Pledge.campaign_id == cid))) == "released"
    assert "团购已取消（原因：财政资金安排调整）" in (await notes(db, buyer.organization.id))[0]
    assert "报价不再有效" in (await notes(db, supplier.organization.id))[0]
    assert (await client.post(f"{API}/{cid}/cancel", headers=bureau.headers)).status_code == 409
    assert (await client.post(f"{API}/{cid}/close", headers=bureau.headers)).status_code == 409


async def test_capacity_short_winner_and_conditional_pledges(
    client: httpx.AsyncClient, db: AsyncSession, settings: Settings
) -> None:
    bureau, supplier_a, (b1, b2, b3) = await accounts(db, settings)
    supplier_b = await make_account(db, settings, kind="supplier", region_code="330400")
    cid = (await open_campaign(client, bureau, min_total_quantity=5))["id"]
    a = await published_listing(client, supplier_a)
    b = await published_listing(client, supplier_b, title="嘉力 JL-8 电脑袜机")
    offer_a = (
        await client.post(
            f"{API}/{cid}/offers", json=offer_body(a, "90000", [(10, "70000")], cap=12), headers=supplier_a.headers
        )
    ).json()
    offer_b = (
        await client.post(
            f"{API}/{cid}/offers",
            json=offer_body(b, "95000", [(5, "85000"), (10, "80000")]),
            headers=supplier_b.headers,
        )
    ).json()
    p1 = await pledge(client, cid, b1.headers, 8)
    p2 = await pledge(client, cid, b2.headers, 6)
    p3 = await pledge(client, cid, b3.headers, 4, max_unit_price="84000")
    settlement = (await client.post(f"{API}/{cid}/close", headers=bureau.headers)).json()
    # 18 台: A supplies 12 at 70,000; the remaining 6 go to B at its 5-台 tier, 85,000 — above
    # p3's limit, so p3 drops; then 14 台: A 12, B 2 at its list price 95,000.
    assert settlement["pooled_quantity"] == 14 and settlement["rounds"] == 2
    assert [(w["offer_id"], w["quantity"], w["unit_price"]) for w in settlement["winning_offers"]] == [
        (offer_a["id"], 12, "70000.00"), (offer_b["id"], 2, "95000.00"),
    ]  # fmt: skip
    lines = [(line["pledge_id"], line["quantity"], line["outcome"], line["unit_price"]) for line in settlement["lines"]]
    assert lines == [
        (p1["id"], 8, "allocated", "70000.00"), (p2["id"], 4, "allocated", "70000.00"), (p2["id"], 2, "allocated", "95000.00"),
        (p3["id"], 4, "dropped", None),
    ]  # fmt: skip
    assert settlement["total_saving"] == "240000.00"  # 20,000 × 12 + 0 × 2
    rows = (await db.execute(select(Pledge.id, Pledge.status).where(Pledge.campaign_id == cid))).all()
    statuses = {pid: status for pid, status in rows}
    assert {str(k): v for k, v in statuses.items()} == {p1["id"]: "settled", p2["id"]: "settled", p3["id"]: "dropped"}


async def test_worker_closes_campaigns_past_their_pledge_deadline(
    client: httpx.AsyncClient, db: AsyncSession, settings: Settings
) -> None:
    bureau, supplier, buyers = await accounts(db, settings)
    cid = (await open_campaign(client, bureau, min_total_quantity=3))["id"]
    other = (await open_campaign(client, bureau, title="海宁经编团购"))["id"]
    listing = await published_listing(client, supplier)
    await client.post(
        f"{API}/{cid}/offers", json=offer_body(listing, "90000", [(3, "86000")]), headers=supplier.headers
    )
    for buyer in buyers:
        await pledge(client, cid, buyer.headers, 1)
    await _deadlines_passed(db, cid, pledges=True)
    await db.flush()

    @asynccontextmanager
    async def sessions() -> AsyncIterator[AsyncSession]:
        async with db.begin_nested():
            yield db

    closed = await close_due_campaigns(sessions)
    assert [str(c) for c in closed] == [cid]
    assert await close_due_campaigns(sessions) == []
    status = await db.scalar(
        select(Campaign.status).where(Campaign.id == cid).execution_options(populate_existing=True)
    )
    assert status == "settled"
    assert await db.scalar(select(Campaign.status).where(Campaign.id == other)) == "open"
    settlement = (await client.get(f"{API}/{cid}/settlement", headers=buyers[0].headers)).json()
    assert settlement["pooled_quantity"] == 3 and settlement["total_saving"] == "12000.00"
    assert [line["buyer"]["id"] for line in settlement["lines"]] == [str(buyers[0].organization.id)]
    assert HAINING in (await client.get(f"{API}/{cid}", headers=buyers[0].headers)).json()["region_codes"]


def test_the_deadline_close_is_a_periodic_task() -> None:
    from service.worker import load_jobs

    tasks = load_jobs()
    assert "close_due_campaigns" in tasks.tasks
    assert any(periodic_id == "close_due_campaigns" for _, periodic_id in tasks.periodic_registry.periodic_tasks)
