"""Matching over HTTP: ranked matches and anonymised leads, the lifecycle, statistics, background
re-matching with deduplicated notifications, and who may read what."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import httpx
import pytest
from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession

import service.jobs  # noqa: F401  (registers the matching outbox handlers)
from catalog.audit.models import AuditEvent
from catalog.demands.models import Demand
from catalog.listings.models import Listing
from catalog.notifications.models import Notification
from catalog.outbox.service import emit
from matching.matches.models import Match
from service.config import Settings
from service.worker import drain_outbox_once
from tests.factories import Account, demand_body, listing_body, make_account, make_admin

STRONG_DEMAND = {
    "title": "求购立式加工中心1台，替换服役12年的普通铣床",
    "category": "加工中心",
    "description": "现有普通铣床精度下降、能耗高，计划采购立式加工中心，要求主轴转速不低于10000rpm，支持远程运维。",
    "quantity": 1,
    "budget_max": "600000",
    "motivations": ["green", "smart"],
    "replaces": {"description": "普通铣床", "age_years": 12, "count": 1, "energy_grade": 4},
    "specs": {"spindle_rpm": 10000},
}


@dataclass
class Market:
    buyer: Account
    supplier: Account
    demand: dict[str, Any]
    listing: dict[str, Any]


async def _market(
    client: httpx.AsyncClient, db: AsyncSession, settings: Settings, *, publish: bool = True, **demand: Any
) -> Market:
    buyer = await make_account(db, settings, kind="buyer", region_code="330481")
    supplier = await make_account(db, settings, kind="supplier", region_code="330424")
    listing = (
        await client.post("/api/v1/listings", json=listing_body(service_regions=["330000"]), headers=supplier.headers)
    ).json()
    await client.post(f"/api/v1/listings/{listing['id']}/publish", headers=supplier.headers)
    created = (await client.post("/api/v1/demands", json=demand_body(**demand), headers=buyer.headers)).json()
    if publish:
        await client.post(f"/api/v1/demands/{created['id']}/publish", headers=buyer.headers)
    return Market(buyer, supplier, created, listing)


@pytest.fixture
async def market(client: httpx.AsyncClient, db: AsyncSession, settings: Settings) -> Market:
    return await _market(client, db, settings, **STRONG_DEMAND)


async def _match_id(client: httpx.AsyncClient, market: Market) -> str:
    got = await client.get(f"/api/v1/demands/{market.demand['id']}/matches", headers=market.buyer.headers)
    return str(got.json()["items"][0]["match_id"])


async def test_buyer_gets_ranked_explained_matches(client: httpx.AsyncClient, market: Market) -> None:
    got = await client.get(f"/api/v1/demands/{market.demand['id']}/matches?limit=5", headers=market.buyer.headers)
    assert got.status_code == 200
    [item] = got.json()["items"]
    assert item["listing"]["id"] == market.listing["id"]
    assert set(item["listing"]) >= {"title", "category", "supplier", "price_min", "recommended", "tags"}
    assert 0.75 <= item["score"] <= 1 and set(item["breakdown"]) >= {"category", "specs", "budget", "trust"}
    assert item["reasons"][0] == "品类一致：加工中心"
    assert "主轴转速 12000rpm ≥ 需求 10000rpm" in item["reasons"]
    assert "报价 38–45 万元，在总预算 60 万元内" in item["reasons"]
    assert "本地供应商，服务区域覆盖 海宁市" in item["reasons"]
    assert item["status"] == "suggested" and item["match_id"]
    again = await client.get(f"/api/v1/demands/{market.demand['id']}/matches", headers=market.buyer.headers)
    assert again.json()["items"][0]["match_id"] == item["match_id"]  # stored, not recomputed


async def test_matches_malformed_limit_and_anonymous(client: httpx.AsyncClient, market: Market) -> None:
    bad = await client.get(f"/api/v1/demands/{market.demand['id']}/matches?limit=0", headers=market.buyer.headers)
    assert bad.status_code == 422 and bad.headers["content-type"].startswith("application/problem+json")
    assert any(e["field"].endswith("limit") for e in bad.json()["errors"])
    assert (await client.get(f"/api/v1/demands/{market.demand['id']}/matches")).status_code == 401
    assert (await client.get(f"/api/v1/listings/{market.listing['id']}/leads")).status_code == 401
    assert (await client.get("/api/v1/matches")).status_code == 401
    assert (await client.get("/api/v1/statistics/matches")).status_code == 401


async def test_nobody_else_reads_matches_or_leads(
    client: httpx.AsyncClient, db: AsyncSession, settings: Settings, market: Market
) -> None:
    match_id = await _match_id(client, market)
    other_buyer = await make_account(db, settings, kind="buyer", region_code="330481")
    other_supplier = await make_account(db, settings, kind="supplier", region_code="330424")
    far_bureau = await make_account(db, settings, kind="bureau", region_code="370800")
    matches = f"/api/v1/demands/{market.demand['id']}/matches"
    leads = f"/api/v1/listings/{market.listing['id']}/leads"
    for account in (other_buyer, other_supplier, market.supplier, far_bureau):
        assert (await client.get(matches, headers=account.headers)).status_code == 404
    for account in (other_buyer, other_supplier, market.buyer, far_bureau):
        assert (await client.get(leads, headers=account.headers)).status_code == 404
    for account in (other_buyer, other_supplier, far_bureau):
        assert (await client.get(f"/api/v1/matches/{match_id}", headers=account.headers)).status_code == 404
        assert (await client.post(f"/api/v1/matches/{match_id}/contact", headers=account.headers)).status_code == 404
    assert (await client.get("/api/v1/matches", headers=other_supplier.headers)).json()["total"] == 0
    near_bureau = await make_account(db, settings, kind="bureau", region_code="330400")
    assert (await client.get(matches, headers=near_bureau.headers)).status_code == 200
    assert (await client.get(f"/api/v1/matches/{match_id}", headers=near_bureau.headers)).status_code == 200
    acting = await client.post(f"/api/v1/matches/{match_id}/contact", headers=near_bureau.headers)
    assert acting.status_code == 403  # a bureau reads, the buyer acts


async def test_leads_stay_anonymous_until_the_buyer_accepts_contact(
    client: httpx.AsyncClient, db: AsyncSession, market: Market
) -> None:
    await db.execute(update(Listing).where(Listing.id == market.listing["id"]).values(recommended=True))
    leads = await client.get(f"/api/v1/listings/{market.listing['id']}/leads", headers=market.supplier.headers)
    assert leads.status_code == 200
    [lead] = leads.json()["items"]
    assert lead["demand"]["buyer"] is None and lead["demand"]["region_code"] == "330400"
    assert "已列入主管部门先进适用设备推荐目录" in lead["reasons"]
    match = (await client.get(f"/api/v1/matches/{lead['match_id']}", headers=market.supplier.headers)).json()
    assert match["buyer_contact"] is None and match["demand"]["buyer"] is None
    interest = await client.post(
        f"/api/v1/matches/{lead['match_id']}/express-interest", headers=market.supplier.headers
    )
    assert interest.status_code == 200 and interest.json()["interest_at"]
    twice = await client.post(f"/api/v1/matches/{lead['match_id']}/express-interest", headers=market.supplier.headers)
    assert twice.status_code == 409
    feed = (await client.get("/api/v1/notifications", headers=market.buyer.headers)).json()
    assert any(n["title"].startswith("供应商对您的需求感兴趣") for n in feed["items"])
    contact = await client.post(f"/api/v1/matches/{lead['match_id']}/contact", headers=market.buyer.headers)
    assert contact.status_code == 200 and contact.json()["status"] == "contacted"
    leads = await client.get(f"/api/v1/listings/{market.listing['id']}/leads", headers=market.supplier.headers)
    assert leads.json()["items"][0]["demand"]["buyer"]["name"] == market.buyer.organization.name
    match = (await client.get(f"/api/v1/matches/{lead['match_id']}", headers=market.supplier.headers)).json()
    assert match["buyer_contact"]["name"] == market.buyer.organization.name
    assert match["demand"]["region_code"] == "330481"


async def test_lifecycle_to_the_signed_deal(client: httpx.AsyncClient, db: AsyncSession, market: Market) -> None:
    match_id = await _match_id(client, market)
    url = f"/api/v1/matches/{match_id}"
    early = await client.post(f"{url}/quote", json={"amount": "420000"}, headers=market.supplier.headers)
    assert early.status_code == 409 and "待联系" in early.json()["detail"]
    assert (await client.post(f"{url}/contact", headers=market.supplier.headers)).status_code == 403
    assert (await client.post(f"{url}/contact", headers=market.buyer.headers)).status_code == 200
    assert (await client.post(f"{url}/contact", headers=market.buyer.headers)).status_code == 409
    bad = await client.post(f"{url}/quote", json={"amount": "四十万"}, headers=market.supplier.headers)
    assert bad.status_code == 422 and any(e["field"].endswith("amount") for e in bad.json()["errors"])
    assert (await client.post(f"{url}/quote", json={"amount": "1"}, headers=market.buyer.headers)).status_code == 403
    quoted = await client.post(
        f"{url}/quote", json={"amount": "420000", "note": "含安装调试和操作培训"}, headers=market.supplier.headers
    )
    assert quoted.status_code == 200 and quoted.json()["quote_amount"] == "420000.00"
    signed = await client.post(f"{url}/contract", json={"amount": "415000.50"}, headers=market.buyer.headers)
    assert signed.status_code == 200
    assert signed.json()["status"] == "contracted" and signed.json()["contract_amount"] == "415000.50"
    late = await client.post(f"{url}/decline", json={"reason": "价格过高"}, headers=market.supplier.headers)
    assert late.status_code == 409
    assert (await client.post(f"{url}/decline", json={}, headers=market.buyer.headers)).status_code == 422
    actions = await db.scalars(
        select(AuditEvent.action).where(AuditEvent.entity_type == "match").order_by(AuditEvent.id)
    )
    assert list(actions) == ["contact", "quote", "contract"]
    supplier_feed = (await client.get("/api/v1/notifications", headers=market.supplier.headers)).json()
    assert any(n["title"].startswith("需求方确认签约") for n in supplier_feed["items"])
    mine = await client.get("/api/v1/matches?status=contracted", headers=market.buyer.headers)
    assert mine.json()["total"] == 1 and mine.json()["items"][0]["id"] == match_id
    assert (await client.get("/api/v1/matches?status=won", headers=market.buyer.headers)).status_code == 422


async def test_decline_by_either_side(client: httpx.AsyncClient, market: Market) -> None:
    match_id = await _match_id(client, market)
    declined = await client.post(
        f"/api/v1/matches/{match_id}/decline", json={"reason": "交货期太长"}, headers=market.supplier.headers
    )
    assert declined.status_code == 200
    assert declined.json()["declined_by"] == "supplier" and declined.json()["decline_reason"] == "交货期太长"


async def test_statistics_by_scope(
    client: httpx.AsyncClient, db: AsyncSession, settings: Settings, market: Market
) -> None:
    match_id = await _match_id(client, market)
    await client.post(f"/api/v1/matches/{match_id}/contact", headers=market.buyer.headers)
    await client.post(f"/api/v1/matches/{match_id}/contract", json={"amount": "400000"}, headers=market.buyer.headers)
    jiaxing = await make_account(db, settings, kind="bureau", region_code="330400")
    stats = (await client.get("/api/v1/statistics/matches", headers=jiaxing.headers)).json()
    assert stats["scope"] == "330400" and stats["by_status"]["contracted"] == 1
    assert stats["contracted_amount"] == "400000.00"
    assert stats["by_category_group"][0]["name"] == "工业母机"
    assert stats["by_city"][0] == {
        "code": "330400", "name": "嘉兴市", "total": 1, "contracted_amount": "400000.00",
        "by_status": {"suggested": 0, "contacted": 0, "quoted": 0, "contracted": 1, "declined": 0},
    }  # fmt: skip
    jining = await make_account(db, settings, kind="bureau", region_code="370800")
    assert (await client.get("/api/v1/statistics/matches", headers=jining.headers)).json()["total"] == 0
    admin = await make_admin(db, settings)
    assert (await client.get("/api/v1/statistics/matches", headers=admin.headers)).json()["total"] >= 1
    assert (await client.get("/api/v1/statistics/matches", headers=market.buyer.headers)).status_code == 403


async def test_background_rematch_notifies_strong_matches_once(
    client: httpx.AsyncClient, db: AsyncSession, market: Market
) -> None:
    await drain_outbox_once(db)
    stored = (await db.scalars(select(Match).where(Match.demand_id == market.demand["id"]))).all()
    assert len(stored) == 1 and stored[0].score >= 0.75 and stored[0].notified_at is not None
    patched = await client.post(f"/api/v1/listings/{market.listing['id']}/publish", headers=market.supplier.headers)
    assert patched.status_code == 200
    db.add(Notification(organization_id=market.buyer.organization.id, kind="x", title="占位", body=""))
    await db.execute(update(Demand).where(Demand.id == market.demand["id"]).values(title=Demand.title + "（更新）"))
    await emit(
        db, topic="demand.changed", entity_type="demand", entity_id=market.demand["id"], payload={"action": "update"}
    )
    await drain_outbox_once(db)
    titles = list(
        await db.scalars(select(Notification.title).where(Notification.organization_id == market.buyer.organization.id))
    )
    assert sum(t.startswith("新的强匹配：") for t in titles) == 1
    supplier_titles = list(
        await db.scalars(
            select(Notification.title).where(Notification.organization_id == market.supplier.organization.id)
        )
    )
    assert sum(t.startswith("新的潜在客户：") for t in supplier_titles) == 1


async def _archived_behind_the_api(db: AsyncSession, listing_id: str) -> None:
    """Archiving is the listings work's endpoint; here the change as it reaches the outbox."""
    await db.execute(update(Listing).where(Listing.id == listing_id).values(status="archived"))
    await emit(db, topic="listing.changed", entity_type="listing", entity_id=listing_id, payload={"action": "archive"})


async def test_unpublished_listing_drops_its_suggestions(
    client: httpx.AsyncClient, db: AsyncSession, market: Market
) -> None:
    await drain_outbox_once(db)
    assert (await db.scalars(select(Match).where(Match.listing_id == market.listing["id"]))).all() != []
    await _archived_behind_the_api(db, market.listing["id"])
    await drain_outbox_once(db)
    assert (await db.scalars(select(Match).where(Match.listing_id == market.listing["id"]))).all() == []


async def test_one_drain_handles_many_listing_changes_at_once(
    client: httpx.AsyncClient, db: AsyncSession, market: Market
) -> None:
    # As after an import: in one batch, one listing leaves the market and two new ones of the same
    # leaf and service regions arrive — the old one's suggestions go, both new ones are matched.
    await drain_outbox_once(db)
    new = []
    for title in ("海天精工 VMC1160 立式加工中心 主轴12000rpm", "纽威 VM850 立式加工中心 远程运维"):
        body = listing_body(title=title, service_regions=["330000"])
        created = (await client.post("/api/v1/listings", json=body, headers=market.supplier.headers)).json()
        await client.post(f"/api/v1/listings/{created['id']}/publish", headers=market.supplier.headers)
        new.append(created["id"])
    await _archived_behind_the_api(db, market.listing["id"])
    await drain_outbox_once(db)
    matched = set(await db.scalars(select(Match.listing_id).where(Match.demand_id == market.demand["id"])))
    assert {str(i) for i in matched} == set(new)


async def test_a_demand_without_category_gets_one_inferred(
    client: httpx.AsyncClient, db: AsyncSession, settings: Settings
) -> None:
    market = await _market(
        client, db, settings, category=None, specs={}, title="求购五轴加工中心1台", replaces=None,
        description="用于精密模具加工，要求支持远程运维。",
    )  # fmt: skip
    got = await client.get(f"/api/v1/demands/{market.demand['id']}/matches", headers=market.buyer.headers)
    assert got.status_code == 200 and got.json()["items"][0]["listing"]["id"] == market.listing["id"]
    demand = await db.get(Demand, market.demand["id"])
    assert demand is not None
    await db.refresh(demand)
    assert demand.category_code == "0101" and demand.category_inferred and (demand.category_confidence or 0) > 0
    audit = await db.scalar(
        select(AuditEvent).where(AuditEvent.entity_id == demand.id, AuditEvent.action == "infer_category")
    )
    assert audit is not None and audit.actor_user_id is None


async def test_a_draft_demand_gets_a_preview_that_is_not_stored(
    client: httpx.AsyncClient, db: AsyncSession, settings: Settings
) -> None:
    market = await _market(client, db, settings, publish=False, **STRONG_DEMAND)
    draft = market.demand
    got = await client.get(f"/api/v1/demands/{draft['id']}/matches", headers=market.buyer.headers)
    assert got.status_code == 200 and got.json()["items"][0]["match_id"] is None
    assert (await db.scalars(select(Match).where(Match.demand_id == draft["id"]))).all() == []


async def test_accepting_contact_reveals_the_contact_the_buyer_admin_set(
    client: httpx.AsyncClient, market: Market
) -> None:
    profile = {"contact_name": "陈晓燕", "contact_phone": "13857312345", "contact_email": "chenxy@haining-knit.cn"}
    assert (
        await client.patch("/api/v1/me/organization", json=profile, headers=market.buyer.headers)
    ).status_code == 200
    match_id = await _match_id(client, market)
    hidden = (await client.get(f"/api/v1/matches/{match_id}", headers=market.supplier.headers)).json()
    assert hidden["buyer_contact"] is None
    assert (await client.post(f"/api/v1/matches/{match_id}/contact", headers=market.buyer.headers)).status_code == 200
    contact = (await client.get(f"/api/v1/matches/{match_id}", headers=market.supplier.headers)).json()["buyer_contact"]
    assert contact["contact_name"] == "陈晓燕" and contact["contact_phone"] == "13857312345"
    assert contact["contact_email"] == "chenxy@haining-knit.cn"
