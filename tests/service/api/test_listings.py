"""The supply list over HTTP: create, read, change (If-Match), lifecycle, ownership, roles, validation."""

from __future__ import annotations

import httpx
import pytest
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from catalog.audit.models import AuditEvent
from catalog.listings.models import Listing
from service.config import Settings
from tests.factories import listing_body, make_account
from tests.service.api.list_fixtures import fields_of, make_cast, post_listing


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
        specs={"spindle_rpm": "很快", "axes": -3, "自定义参数": "保留"},
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
    body = listing_body(
        status="published", recommended=True, organization_id="00000000-0000-0000-0000-000000000000",
        review_status="approved", version=42, created_at="2020-01-01T00:00:00Z", published_at="2020-01-01T00:00:00Z",
    )  # fmt: skip
    created = (await client.post("/api/v1/listings", json=body, headers=supplier.headers)).json()
    assert created["status"] == "draft" and created["recommended"] is False
    assert created["supplier"]["id"] == str(supplier.organization.id)
    assert created["review_status"] == "none" and created["version"] == 1
    assert created["published_at"] is None and not created["created_at"].startswith("2020")


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


# --- Changing a listing: PATCH with If-Match --------------------------------------------------


async def test_patch_with_etag_and_stale_if_match(
    client: httpx.AsyncClient, db: AsyncSession, settings: Settings
) -> None:
    cast = await make_cast(db, settings)
    listing = await post_listing(client, cast.supplier)
    url = f"/api/v1/listings/{listing['id']}"
    etag = (await client.get(url, headers=cast.supplier.headers)).headers["ETag"]
    assert etag == 'W/"1"'

    changed = await client.patch(
        url, json={"price_max": "95000", "lead_time_days": 20}, headers={**cast.supplier.headers, "If-Match": etag}
    )
    assert changed.status_code == 200, changed.text
    assert changed.json()["price_max"] == "95000.00" and changed.json()["lead_time_days"] == 20
    assert changed.headers["ETag"] == 'W/"2"' and changed.json()["version"] == 2

    # Someone still holding version 1 is refused and changes nothing.
    stale = await client.patch(
        url, json={"title": "旧页面上的修改"}, headers={**cast.supplier.headers, "If-Match": etag}
    )
    assert stale.status_code == 412
    assert stale.headers["content-type"].startswith("application/problem+json")
    current = (await client.get(url, headers=cast.supplier.headers)).json()
    assert current["title"] == listing["title"] and current["version"] == 2

    # A strong form of the tag and a list holding the current one both match; so does *.
    for version, header in ((2, '"2"'), (3, 'W/"1", W/"3"'), (4, "*")):
        ok = await client.patch(
            url, json={"brand": f"锐科激光{version}"}, headers={**cast.supplier.headers, "If-Match": header}
        )
        assert ok.status_code == 200, (header, ok.text)
        assert ok.json()["version"] == version + 1
    # Without If-Match the write goes ahead (last writer wins).
    blind = await client.patch(url, json={"brand": None}, headers=cast.supplier.headers)
    assert blind.status_code == 200 and blind.json()["brand"] is None


async def test_patch_revalidates_the_merged_listing(
    client: httpx.AsyncClient, db: AsyncSession, settings: Settings
) -> None:
    cast = await make_cast(db, settings)
    listing = await post_listing(client, cast.supplier)
    url = f"/api/v1/listings/{listing['id']}"
    # price_min above the stored price_max, an unknown tag, a group instead of a leaf, a bad region:
    # every field is named, nothing changes.
    bad = await client.patch(
        url,
        json={
            "price_min": "120000",
            "tags": ["首台套", "免检产品"],
            "category": "机器人与自动化",
            "service_regions": ["990000"],
        },
        headers=cast.supplier.headers,
    )
    assert bad.status_code == 422, bad.text
    assert fields_of(bad) >= {"price_min", "tags", "service_regions"}
    # A new category re-checks the stored specs against its schema.
    recat = await client.patch(
        url, json={"category": "加工中心", "specs": {"spindle_rpm": "很快"}}, headers=cast.supplier.headers
    )
    assert recat.status_code == 422 and fields_of(recat) == {"specs.spindle_rpm"}
    # Required fields cannot be nulled; malformed values are 422 naming the field.
    nulled = await client.patch(url, json={"title": None, "energy_grade": 9}, headers=cast.supplier.headers)
    assert nulled.status_code == 422 and fields_of(nulled) == {"title", "energy_grade"}
    unchanged = (await client.get(url, headers=cast.supplier.headers)).json()
    assert unchanged["version"] == 1 and unchanged["price_min"] == "68000.00"

    moved = await client.patch(
        url,
        json={"category": "0101", "title": "海天精工 VMC850 立式加工中心", "specs": {"spindle_rpm": 12000, "axes": 3}},
        headers=cast.supplier.headers,
    )
    assert moved.status_code == 200, moved.text
    assert moved.json()["category"] == {"code": "0101", "name": "加工中心"}


async def test_patch_ignores_fields_a_client_must_not_set(
    client: httpx.AsyncClient, db: AsyncSession, settings: Settings
) -> None:
    cast = await make_cast(db, settings)
    listing = await post_listing(client, cast.supplier)
    url = f"/api/v1/listings/{listing['id']}"
    forged = {
        "status": "published", "recommended": True, "review_status": "approved", "version": 99,
        "organization_id": str(cast.rival_supplier.organization.id), "supplier": {"id": str(cast.rival_supplier.organization.id)},
        "created_at": "2020-01-01T00:00:00Z", "id": "00000000-0000-0000-0000-000000000000",
    }  # fmt: skip
    response = await client.patch(
        url, json={**forged, "description": "新增远程运维服务"}, headers=cast.supplier.headers
    )
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["status"] == "draft" and body["recommended"] is False and body["review_status"] == "none"
    assert body["supplier"]["id"] == str(cast.supplier.organization.id) and body["id"] == listing["id"]
    assert body["version"] == 2 and body["created_at"] == listing["created_at"]
    # A body with nothing settable changes nothing.
    noop = await client.patch(url, json={"status": "archived"}, headers=cast.supplier.headers)
    assert noop.status_code == 200 and noop.json()["version"] == 2 and noop.json()["status"] == "draft"


async def test_patch_external_id_clash_is_a_conflict(
    client: httpx.AsyncClient, db: AsyncSession, settings: Settings
) -> None:
    cast = await make_cast(db, settings)
    first = await post_listing(client, cast.supplier, external_id="JG-3000")
    second = await post_listing(client, cast.supplier, external_id="JG-3001")
    clash = await client.patch(
        f"/api/v1/listings/{second['id']}", json={"external_id": first["external_id"]}, headers=cast.supplier.headers
    )
    assert clash.status_code == 409


async def test_editing_an_approved_listing_sends_it_back_to_review(
    client: httpx.AsyncClient, db: AsyncSession, settings: Settings
) -> None:
    cast = await make_cast(db, settings)
    listing = await post_listing(client, cast.supplier, publish=True)
    url = f"/api/v1/listings/{listing['id']}"
    approved = await client.post(
        f"{url}/review", json={"decision": "approve", "note": "符合推荐目录要求"}, headers=cast.bureau.headers
    )
    assert approved.json()["recommended"] is True
    # A change outside the reviewed fields keeps the approval.
    kept = await client.patch(
        url, json={"description": "新增三年质保", "lead_time_days": 15}, headers=cast.supplier.headers
    )
    assert kept.json()["recommended"] is True and kept.json()["review_status"] == "approved"
    for change in ({"title": "锐科 RFL-3000 激光焊接机（升级版）"}, {"price_min": "60000"}, {"energy_grade": 1},
                   {"specs": {"power_w": 3300}}, {"category": "0202"}):  # fmt: skip
        again = await client.post(f"{url}/review", json={"decision": "approve"}, headers=cast.bureau.headers)
        assert again.json()["recommended"] is True
        if "category" in change:
            change = {**change, "specs": {"payload_kg": 10}}
        edited = await client.patch(url, json=change, headers=cast.supplier.headers)
        assert edited.status_code == 200, (change, edited.text)
        assert edited.json()["recommended"] is False and edited.json()["review_status"] == "pending", change


async def test_editing_a_rejected_published_listing_resubmits_it(
    client: httpx.AsyncClient, db: AsyncSession, settings: Settings
) -> None:
    cast = await make_cast(db, settings)
    listing = await post_listing(client, cast.supplier, publish=True)
    url = f"/api/v1/listings/{listing['id']}"
    rejected = await client.post(
        f"{url}/review", json={"decision": "reject", "note": "缺少能效检测报告"}, headers=cast.bureau.headers
    )
    assert rejected.json()["review_status"] == "rejected"
    fixed = await client.patch(
        url, json={"description": "附能效二级检测报告（编号 ZJ-2025-0318）"}, headers=cast.supplier.headers
    )
    assert fixed.json()["review_status"] == "pending"


# --- Lifecycle: publish, unpublish, archive, restore ------------------------------------------


async def test_lifecycle_and_visibility(client: httpx.AsyncClient, db: AsyncSession, settings: Settings) -> None:
    cast = await make_cast(db, settings)
    listing = await post_listing(client, cast.supplier)
    url = f"/api/v1/listings/{listing['id']}"
    published = await client.post(f"{url}/publish", headers=cast.supplier.headers)
    assert published.json()["status"] == "published" and published.json()["review_status"] == "pending"
    again = await client.post(f"{url}/publish", headers=cast.supplier.headers)  # idempotent
    assert again.status_code == 200 and again.json()["version"] == published.json()["version"]

    draft = await client.post(f"{url}/unpublish", headers=cast.supplier.headers)
    assert draft.json()["status"] == "draft" and draft.json()["published_at"] is None
    assert (await client.get(url)).status_code == 404

    assert (await client.delete(url, headers=cast.supplier.headers)).status_code == 204
    assert (await client.delete(url, headers=cast.supplier.headers)).status_code == 204  # idempotent
    # Archived: out of public view; its supplier and bureaus in scope still see it.
    assert (await client.get(url)).status_code == 404
    assert (await client.get(url, headers=cast.rival_supplier.headers)).status_code == 404
    assert (await client.get(url, headers=cast.supplier.headers)).json()["status"] == "archived"
    assert (await client.get(url, headers=cast.bureau.headers)).json()["status"] == "archived"
    assert (await client.get(url, headers=cast.outsider.headers)).status_code == 404
    # An archived listing is neither edited, published nor unpublished; it is restored first.
    assert (await client.patch(url, json={"title": "改名"}, headers=cast.supplier.headers)).status_code == 409
    assert (await client.post(f"{url}/publish", headers=cast.supplier.headers)).status_code == 409
    assert (await client.post(f"{url}/unpublish", headers=cast.supplier.headers)).status_code == 409
    restored = await client.post(f"{url}/restore", headers=cast.supplier.headers)
    assert restored.status_code == 200 and restored.json()["status"] == "draft"
    republished = await client.post(f"{url}/publish", headers=cast.supplier.headers)
    assert republished.json()["status"] == "published"
    assert (await client.post(f"{url}/restore", headers=cast.supplier.headers)).status_code == 409

    # A stale If-Match on DELETE is refused too.
    stale = await client.delete(url, headers={**cast.supplier.headers, "If-Match": 'W/"1"'})
    assert stale.status_code == 412
    mine = (await client.get("/api/v1/listings", params={"status": "published"}, headers=cast.supplier.headers)).json()
    assert [item["id"] for item in mine["items"]] == [listing["id"]]


# --- Security: every listing endpoint against the wrong people ---------------------------------

LISTING_ENDPOINTS = [
    ("GET", ""), ("PATCH", ""), ("DELETE", ""), ("POST", "/publish"), ("POST", "/unpublish"),
    ("POST", "/restore"), ("POST", "/review"), ("GET", "/history"),
]  # fmt: skip
_BODIES: dict[str, dict[str, object]] = {
    "": {"title": "篡改的标题"},
    "/review": {"decision": "approve", "note": "越权"},
}


@pytest.mark.parametrize(("method", "suffix"), LISTING_ENDPOINTS)
async def test_listing_endpoints_refuse_the_wrong_people(
    client: httpx.AsyncClient, db: AsyncSession, settings: Settings, method: str, suffix: str
) -> None:
    cast = await make_cast(db, settings)
    listing = await post_listing(client, cast.supplier)
    url = f"/api/v1/listings/{listing['id']}{suffix}"
    body = _BODIES.get(suffix) if method in ("PATCH", "POST") else None

    async def call(headers: dict[str, str] | None) -> int:
        return (await client.request(method, url, json=body, headers=headers)).status_code

    # A draft: another supplier, a buyer and an out-of-scope bureau learn nothing (404); a rival's
    # acts that need a role they lack are 403 before anything is looked up.
    anonymous = await call(None)
    assert anonymous == (404 if (method, suffix) == ("GET", "") else 401)
    assert await call(cast.rival_supplier.headers) in ({403} if suffix == "/review" else {404})
    assert await call(cast.buyer.headers) in ({403} if suffix == "/review" else {404})
    assert await call(cast.outsider.headers) == 404
    # A bureau in scope reads, but never acts as the supplier.
    assert await call(cast.bureau.headers) == (200 if method == "GET" else 409 if suffix == "/review" else 403)
    after = (await client.get(f"/api/v1/listings/{listing['id']}", headers=cast.supplier.headers)).json()
    assert after["version"] == 1 and after["title"] == listing["title"] and after["status"] == "draft"


async def test_published_listing_acts_refused_with_403(
    client: httpx.AsyncClient, db: AsyncSession, settings: Settings
) -> None:
    cast = await make_cast(db, settings)
    listing = await post_listing(client, cast.supplier, publish=True)
    url = f"/api/v1/listings/{listing['id']}"
    # Everybody may read a published listing, so refusing an act on it is 403, not 404.
    assert (await client.get(url, headers=cast.rival_supplier.headers)).status_code == 200
    assert (await client.patch(url, json={"title": "抢改"}, headers=cast.rival_supplier.headers)).status_code == 403
    assert (await client.delete(url, headers=cast.rival_supplier.headers)).status_code == 403
    assert (await client.post(f"{url}/unpublish", headers=cast.outsider.headers)).status_code == 403
    # Its history stays private.
    assert (await client.get(f"{url}/history", headers=cast.rival_supplier.headers)).status_code == 404
    assert (await client.get(f"{url}/history")).status_code == 401
