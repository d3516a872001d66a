"""The demand list over HTTP: create, read, anonymise, change (If-Match), lifecycle, expiry, scope."""

from __future__ import annotations

from datetime import datetime, timedelta

import httpx
import pytest
from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession

from catalog.audit.models import AuditEvent
from catalog.db import utcnow
from catalog.demands.models import Demand
from catalog.demands.service import expire_demands
from catalog.notifications.models import Notification
from service.config import Settings
from tests.factories import demand_body, make_account
from tests.service.api.list_fixtures import fields_of, make_cast, post_demand, warp_knitting_demand


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


# --- Changing a demand: PATCH with If-Match --------------------------------------------------


async def test_patch_demand_with_if_match(client: httpx.AsyncClient, db: AsyncSession, settings: Settings) -> None:
    cast = await make_cast(db, settings)
    demand = await post_demand(client, cast.buyer, publish=True)
    url = f"/api/v1/demands/{demand['id']}"
    etag = (await client.get(url, headers=cast.buyer.headers)).headers["ETag"]
    changed = await client.patch(
        url,
        json={"quantity": 12, "budget_max": "4000000", "needed_by": "2027-03-31", "replaces": {"age_years": 13}},
        headers={**cast.buyer.headers, "If-Match": etag},
    )
    assert changed.status_code == 200, changed.text
    body = changed.json()
    assert body["quantity"] == 12 and body["budget_max"] == "4000000.00" and body["status"] == "published"
    assert body["replaces"] == {"description": None, "age_years": 13, "count": None, "energy_grade": None}
    assert changed.headers["ETag"] == f'W/"{body["version"]}"' != etag
    stale = await client.patch(url, json={"quantity": 1}, headers={**cast.buyer.headers, "If-Match": etag})
    assert stale.status_code == 412
    assert (await client.get(url, headers=cast.buyer.headers)).json()["quantity"] == 12
    blind = await client.patch(url, json={"title": "海宁经编企业更新高速经编机12台"}, headers=cast.buyer.headers)
    assert blind.status_code == 200  # no If-Match: last writer wins


async def test_patch_demand_validation_and_category(
    client: httpx.AsyncClient, db: AsyncSession, settings: Settings
) -> None:
    cast = await make_cast(db, settings)
    demand = await post_demand(client, cast.buyer)
    url = f"/api/v1/demands/{demand['id']}"
    bad = await client.patch(
        url, json={"category": "时光机", "region_code": "999999", "quantity": 0}, headers=cast.buyer.headers
    )
    assert bad.status_code == 422 and fields_of(bad) == {"quantity"}
    bad = await client.patch(url, json={"category": "时光机", "region_code": "999999"}, headers=cast.buyer.headers)
    assert bad.status_code == 422 and fields_of(bad) == {"category", "region_code"}
    # The stored specs are checked against a new category's schema.
    clash = await client.patch(
        url, json={"category": "加工中心", "specs": {"spindle_rpm": "越快越好"}}, headers=cast.buyer.headers
    )
    assert clash.status_code == 422 and fields_of(clash) == {"specs.spindle_rpm"}
    nulled = await client.patch(url, json={"title": None, "motivations": ["cheap"]}, headers=cast.buyer.headers)
    assert nulled.status_code == 422 and fields_of(nulled) == {"title", "motivations.0"}
    # category: null hands the category back to inference; a category set by the buyer is not inferred.
    cleared = await client.patch(url, json={"category": None}, headers=cast.buyer.headers)
    assert cleared.status_code == 200 and cleared.json()["category"] is None
    await db.execute(
        update(Demand)
        .where(Demand.id == demand["id"])
        .values(category_code="0805", category_inferred=True, category_confidence=0.62)
    )
    other_field = await client.patch(url, json={"quantity": 6}, headers=cast.buyer.headers)
    assert other_field.json()["category_inferred"] is True and other_field.json()["category"]["code"] == "0805"
    chosen = await client.patch(url, json={"category": "高速经编机"}, headers=cast.buyer.headers)
    assert chosen.json()["category"] == {"code": "0805", "name": "经编机"}
    assert chosen.json()["category_inferred"] is False and chosen.json()["category_confidence"] is None


async def test_patch_demand_ignores_fields_a_client_must_not_set(
    client: httpx.AsyncClient, db: AsyncSession, settings: Settings
) -> None:
    cast = await make_cast(db, settings)
    demand = await post_demand(client, cast.buyer)
    forged = {
        "status": "published", "close_reason": "fulfilled", "expires_at": "2099-01-01T00:00:00Z", "version": 50,
        "organization_id": str(cast.rival_buyer.organization.id), "buyer": {"id": str(cast.rival_buyer.organization.id)},
        "created_at": "2020-01-01T00:00:00Z", "category_inferred": True,
    }  # fmt: skip
    response = await client.patch(
        f"/api/v1/demands/{demand['id']}", json={**forged, "quantity": 9}, headers=cast.buyer.headers
    )
    body = response.json()
    assert response.status_code == 200 and body["quantity"] == 9
    assert body["status"] == "draft" and body["close_reason"] is None and body["expires_at"] is None
    assert body["buyer"]["id"] == str(cast.buyer.organization.id) and body["version"] == 2
    assert body["created_at"] == demand["created_at"] and body["category_inferred"] is False
    created = await client.post("/api/v1/demands", json=warp_knitting_demand(**forged), headers=cast.buyer.headers)
    assert created.json()["status"] == "draft" and created.json()["buyer"]["id"] == str(cast.buyer.organization.id)
    assert created.json()["version"] == 1 and created.json()["expires_at"] is None


# --- Lifecycle: unpublish, close, withdraw, renew, expire --------------------------------------


async def test_close_withdraw_and_unpublish(client: httpx.AsyncClient, db: AsyncSession, settings: Settings) -> None:
    cast = await make_cast(db, settings)
    demand = await post_demand(client, cast.buyer, publish=True)
    url = f"/api/v1/demands/{demand['id']}"
    draft = await client.post(f"{url}/unpublish", headers=cast.buyer.headers)
    assert draft.json()["status"] == "draft" and draft.json()["expires_at"] is None
    assert (await client.get(url, headers=cast.supplier.headers)).status_code == 404  # a draft is not shown

    bad = await client.post(f"{url}/close", json={"reason": "expired"}, headers=cast.buyer.headers)
    assert bad.status_code == 422 and fields_of(bad) == {"reason"}
    await client.post(f"{url}/publish", headers=cast.buyer.headers)
    closed = await client.post(f"{url}/close", json={"reason": "fulfilled"}, headers=cast.buyer.headers)
    assert closed.json()["status"] == "closed" and closed.json()["close_reason"] == "fulfilled"
    again = await client.post(f"{url}/close", json={"reason": "fulfilled"}, headers=cast.buyer.headers)
    assert again.status_code == 200 and again.json()["version"] == closed.json()["version"]  # idempotent
    # Closed is final for edits and the other acts.
    assert (
        await client.post(f"{url}/close", json={"reason": "withdrawn"}, headers=cast.buyer.headers)
    ).status_code == 409
    assert (await client.delete(url, headers=cast.buyer.headers)).status_code == 409
    assert (await client.patch(url, json={"quantity": 3}, headers=cast.buyer.headers)).status_code == 409
    assert (await client.post(f"{url}/publish", headers=cast.buyer.headers)).status_code == 409
    assert (await client.post(f"{url}/unpublish", headers=cast.buyer.headers)).status_code == 409
    assert (await client.post(f"{url}/renew", headers=cast.buyer.headers)).status_code == 409
    assert (await client.get(url, headers=cast.supplier.headers)).status_code == 404

    other = await post_demand(client, cast.buyer)
    other_url = f"/api/v1/demands/{other['id']}"
    assert (await client.delete(other_url, headers={**cast.buyer.headers, "If-Match": 'W/"7"'})).status_code == 412
    assert (await client.delete(other_url, headers=cast.buyer.headers)).status_code == 204
    assert (await client.delete(other_url, headers=cast.buyer.headers)).status_code == 204  # idempotent
    withdrawn = (await client.get(other_url, headers=cast.buyer.headers)).json()
    assert withdrawn["status"] == "closed" and withdrawn["close_reason"] == "withdrawn"


async def test_renew_extends_a_published_demand(
    client: httpx.AsyncClient, db: AsyncSession, settings: Settings
) -> None:
    cast = await make_cast(db, settings)
    draft = await post_demand(client, cast.buyer)
    assert (await client.post(f"/api/v1/demands/{draft['id']}/renew", headers=cast.buyer.headers)).status_code == 409
    demand = await post_demand(client, cast.buyer, publish=True)
    soon = utcnow() + timedelta(days=3)
    await db.execute(update(Demand).where(Demand.id == demand["id"]).values(expires_at=soon))
    renewed = await client.post(f"/api/v1/demands/{demand['id']}/renew", headers=cast.buyer.headers)
    assert renewed.status_code == 200
    expires = datetime.fromisoformat(renewed.json()["expires_at"])
    assert abs(expires - (utcnow() + timedelta(days=settings.demand_ttl_days))) < timedelta(minutes=1)
    assert renewed.json()["status"] == "published"


async def test_expiry_closes_notifies_and_may_be_renewed_within_30_days(
    client: httpx.AsyncClient, db: AsyncSession, settings: Settings
) -> None:
    cast = await make_cast(db, settings)
    late = await post_demand(client, cast.buyer, publish=True, title="更新高速经编机（已过期）")
    long_ago = await post_demand(client, cast.buyer, publish=True, title="更新经编机（过期很久）")
    running = await post_demand(client, cast.buyer, publish=True, title="更新经编机（仍有效）")
    now = utcnow()
    await db.execute(update(Demand).where(Demand.id == late["id"]).values(expires_at=now - timedelta(days=2)))
    await db.execute(update(Demand).where(Demand.id == long_ago["id"]).values(expires_at=now - timedelta(days=45)))

    assert (await expire_demands(db, now=now)).closed == 2
    assert (await expire_demands(db, now=now)).examined == 0  # nothing left to do
    await db.flush()
    db.expunge_all()
    for demand, status in ((late, "closed"), (long_ago, "closed"), (running, "published")):
        seen = (await client.get(f"/api/v1/demands/{demand['id']}", headers=cast.buyer.headers)).json()
        assert seen["status"] == status
        assert seen["close_reason"] == ("expired" if status == "closed" else None)
    notes = (
        await db.scalars(select(Notification).where(Notification.organization_id == cast.buyer.organization.id))
    ).all()
    assert sorted(n.kind for n in notes) == ["demand.expired", "demand.expired"]
    event = await db.scalar(select(AuditEvent).where(AuditEvent.entity_id == late["id"], AuditEvent.action == "expire"))
    assert event is not None and event.actor_user_id is None and event.changes["close_reason"]["new"] == "expired"

    revived = await client.post(f"/api/v1/demands/{late['id']}/renew", headers=cast.buyer.headers)
    assert revived.status_code == 200, revived.text
    assert revived.json()["status"] == "published" and revived.json()["close_reason"] is None
    too_late = await client.post(f"/api/v1/demands/{long_ago['id']}/renew", headers=cast.buyer.headers)
    assert too_late.status_code == 409 and "30" in too_late.json()["detail"]


# --- Anonymity and the reveal rule -------------------------------------------------------------


async def test_suppliers_never_see_the_buyer_of_a_published_demand(
    client: httpx.AsyncClient, db: AsyncSession, settings: Settings
) -> None:
    cast = await make_cast(db, settings)
    demand = await post_demand(client, cast.buyer, publish=True)
    for account in (cast.supplier, cast.rival_supplier):
        seen = await client.get(f"/api/v1/demands/{demand['id']}", headers=account.headers)
        assert seen.status_code == 200
        text = seen.text
        assert cast.buyer.organization.name not in text and cast.buyer.organization.uscc not in text
        assert str(cast.buyer.organization.id) not in text and cast.buyer.email not in text
        assert str(cast.buyer.user.id) not in text and "ETag" not in seen.headers
        body = seen.json()
        assert body["region_code"] == "330400" and "buyer" not in body and "external_id" not in body
        assert body["industry_code"] == "C1762" and body["title"] == demand["title"]
    # Buyers and bureaus in scope see it whole; other buyers and bureaus elsewhere see nothing.
    assert (await client.get(f"/api/v1/demands/{demand['id']}", headers=cast.bureau.headers)).json()[
        "region_code"
    ] == "330481"
    assert (await client.get(f"/api/v1/demands/{demand['id']}", headers=cast.rival_buyer.headers)).status_code == 404
    assert (await client.get(f"/api/v1/demands/{demand['id']}", headers=cast.outsider.headers)).status_code == 404


# --- Idempotency-Key ---------------------------------------------------------------------------


async def test_demand_idempotency_key(client: httpx.AsyncClient, db: AsyncSession, settings: Settings) -> None:
    cast = await make_cast(db, settings)
    body = warp_knitting_demand()
    headers = {**cast.buyer.headers, "Idempotency-Key": "haining-warp-2025-001"}
    first = await client.post("/api/v1/demands", json=body, headers=headers)
    again = await client.post("/api/v1/demands", json=body, headers=headers)
    assert first.status_code == again.status_code == 201
    assert first.json() == again.json() and again.headers["Idempotent-Replayed"] == "true"
    other = await client.post("/api/v1/demands", json={**body, "quantity": 20}, headers=headers)
    assert other.status_code == 422 and fields_of(other) == {"Idempotency-Key"}
    # Keys are per user: another buyer's same key is its own.
    theirs = await client.post(
        "/api/v1/demands", json=body, headers={**cast.rival_buyer.headers, "Idempotency-Key": "haining-warp-2025-001"}
    )
    assert theirs.status_code == 201 and theirs.json()["id"] != first.json()["id"]
    assert (await client.get("/api/v1/demands", headers=cast.buyer.headers)).json()["total"] == 1


# --- Security: every demand endpoint against the wrong people ----------------------------------

DEMAND_ENDPOINTS = [
    ("GET", ""), ("PATCH", ""), ("DELETE", ""), ("POST", "/publish"), ("POST", "/unpublish"),
    ("POST", "/close"), ("POST", "/renew"), ("GET", "/history"),
]  # fmt: skip
_BODIES: dict[str, dict[str, object]] = {"": {"quantity": 99}, "/close": {"reason": "withdrawn"}}


@pytest.mark.parametrize(("method", "suffix"), DEMAND_ENDPOINTS)
async def test_demand_endpoints_refuse_the_wrong_people(
    client: httpx.AsyncClient, db: AsyncSession, settings: Settings, method: str, suffix: str
) -> None:
    cast = await make_cast(db, settings)
    demand = await post_demand(client, cast.buyer, publish=True)
    url = f"/api/v1/demands/{demand['id']}{suffix}"
    body = _BODIES.get(suffix) if method in ("PATCH", "POST") else None

    async def call(headers: dict[str, str] | None) -> int:
        return (await client.request(method, url, json=body, headers=headers)).status_code

    assert await call(None) == 401
    assert await call(cast.rival_buyer.headers) == 404
    assert await call(cast.outsider.headers) == 404
    # Suppliers read the published demand anonymised, and nothing else.
    assert await call(cast.supplier.headers) == (200 if (method, suffix) == ("GET", "") else 404)
    # A bureau in scope reads, but never acts as the buyer.
    assert await call(cast.bureau.headers) == (200 if method == "GET" else 403)
    after = (await client.get(f"/api/v1/demands/{demand['id']}", headers=cast.buyer.headers)).json()
    assert after["version"] == demand["version"] and after["status"] == "published" and after["quantity"] == 8
