"""The recommended catalogue (推荐目录): bureaus review published listings of suppliers in their
scope; the queue serves pending ones oldest first."""

from __future__ import annotations

import uuid
from typing import Any

import httpx
import pytest
from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession

from catalog.listings import reviews
from catalog.listings.models import Listing
from catalog.notifications.models import Notification
from service.config import Settings
from tests.factories import Account, make_account
from tests.service.api.list_fixtures import fields_of, make_cast, post_listing


async def test_bureau_approves_into_the_recommended_catalogue(
    client: httpx.AsyncClient, db: AsyncSession, settings: Settings
) -> None:
    cast = await make_cast(db, settings)
    listing = await post_listing(client, cast.supplier, publish=True)
    url = f"/api/v1/listings/{listing['id']}"
    response = await client.post(
        f"{url}/review",
        json={"decision": "approve", "note": "节能降碳效果显著，列入推荐目录"},
        headers=cast.bureau.headers,
    )
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["recommended"] is True and body["review_status"] == "approved"
    assert body["review_note"] == "节能降碳效果显著，列入推荐目录" and body["reviewed_at"]
    assert response.headers["ETag"] == f'W/"{body["version"]}"'
    # The public sees the badge; the supplier is told.
    assert (await client.get(url)).json()["recommended"] is True
    notes = (
        await db.scalars(select(Notification).where(Notification.organization_id == cast.supplier.organization.id))
    ).all()
    assert [n.kind for n in notes] == ["listing.reviewed"]
    assert "列入推荐目录" in notes[0].title and str(notes[0].entity_id) == listing["id"]


async def test_reject_needs_a_note_and_clears_the_badge(
    client: httpx.AsyncClient, db: AsyncSession, settings: Settings
) -> None:
    cast = await make_cast(db, settings)
    listing = await post_listing(client, cast.supplier, publish=True)
    url = f"/api/v1/listings/{listing['id']}/review"
    await client.post(url, json={"decision": "approve"}, headers=cast.bureau.headers)
    missing = await client.post(url, json={"decision": "reject"}, headers=cast.bureau.headers)
    assert missing.status_code == 422 and fields_of(missing) == {"note"}
    blank = await client.post(url, json={"decision": "reject", "note": "   "}, headers=cast.bureau.headers)
    assert blank.status_code == 422 and fields_of(blank) == {"note"}
    wrong = await client.post(url, json={"decision": "maybe", "note": "再看看"}, headers=cast.bureau.headers)
    assert wrong.status_code == 422 and fields_of(wrong) == {"decision"}
    rejected = await client.post(
        url, json={"decision": "reject", "note": "缺少第三方能效检测报告"}, headers=cast.bureau.headers
    )
    assert rejected.status_code == 200
    assert rejected.json()["recommended"] is False and rejected.json()["review_status"] == "rejected"
    assert rejected.json()["review_note"] == "缺少第三方能效检测报告"


async def test_only_published_listings_are_reviewed(
    client: httpx.AsyncClient, db: AsyncSession, settings: Settings
) -> None:
    cast = await make_cast(db, settings)
    draft = await post_listing(client, cast.supplier)
    response = await client.post(
        f"/api/v1/listings/{draft['id']}/review", json={"decision": "approve"}, headers=cast.bureau.headers
    )
    assert response.status_code == 409


async def test_who_may_review(client: httpx.AsyncClient, db: AsyncSession, settings: Settings) -> None:
    cast = await make_cast(db, settings)
    listing = await post_listing(client, cast.supplier, publish=True)
    url = f"/api/v1/listings/{listing['id']}/review"
    body = {"decision": "approve", "note": "同意"}
    assert (await client.post(url, json=body)).status_code == 401
    assert (await client.post(url, json=body, headers=cast.supplier.headers)).status_code == 403  # not itself
    assert (await client.post(url, json=body, headers=cast.buyer.headers)).status_code == 403
    assert (await client.post(url, json=body, headers=cast.outsider.headers)).status_code == 403  # 济宁 vs 嘉兴
    zhejiang = await make_account(db, settings, kind="bureau", region_code="330000", name="浙江省经济和信息化厅")
    assert (await client.post(url, json=body, headers=zhejiang.headers)).status_code == 200  # province holds 海宁
    admin = await client.post(url, json={"decision": "reject", "note": "平台抽查不合格"}, headers=cast.admin.headers)
    assert admin.status_code == 200 and admin.json()["review_status"] == "rejected"
    missing = await client.post(
        "/api/v1/listings/00000000-0000-0000-0000-000000000000/review", json=body, headers=cast.bureau.headers
    )
    assert missing.status_code == 404


async def test_review_queue_scope_order_and_filters(
    client: httpx.AsyncClient, db: AsyncSession, settings: Settings
) -> None:
    cast = await make_cast(db, settings)
    jining_supplier = await make_account(
        db, settings, kind="supplier", region_code="370811", name="济宁数控机床有限公司"
    )
    first = await post_listing(client, cast.supplier, publish=True, title="激光焊接机 A 型")
    second = await post_listing(client, cast.rival_supplier, publish=True, title="激光焊接机 B 型")
    lathe = await post_listing(
        client, cast.supplier, publish=True, title="数控车床 CK6150", category="数控车床", specs={}, tags=[]
    )
    await post_listing(client, cast.supplier, title="草稿不进队列")
    elsewhere = await post_listing(client, jining_supplier, publish=True, title="济宁的激光焊接机")

    async def queue(account_headers: dict[str, str], **params: str) -> list[str]:
        response = await client.get("/api/v1/reviews", params=params, headers=account_headers)
        assert response.status_code == 200, response.text
        if "limit" not in params:
            assert response.json()["total"] == len(response.json()["items"])
        return [item["id"] for item in response.json()["items"]]

    # 嘉兴's bureau: its suppliers' published listings, oldest request first; 济宁's are not in it.
    assert await queue(cast.bureau.headers) == [first["id"], second["id"], lathe["id"]]
    assert await queue(cast.bureau.headers, category="机器人与自动化") == [first["id"], second["id"]]
    assert await queue(cast.bureau.headers, category="激光焊机", limit="1", offset="1") == [second["id"]]
    paged = await client.get("/api/v1/reviews", params={"limit": "1"}, headers=cast.bureau.headers)
    assert paged.json()["total"] == 3 and len(paged.json()["items"]) == 1
    assert await queue(cast.outsider.headers) == [elsewhere["id"]]
    assert set(await queue(cast.admin.headers)) >= {first["id"], second["id"], lathe["id"], elsewhere["id"]}

    await client.post(
        f"/api/v1/listings/{first['id']}/review", json={"decision": "approve"}, headers=cast.bureau.headers
    )
    await client.post(
        f"/api/v1/listings/{second['id']}/review",
        json={"decision": "reject", "note": "参数不全"},
        headers=cast.bureau.headers,
    )
    assert await queue(cast.bureau.headers) == [lathe["id"]]
    assert await queue(cast.bureau.headers, status="approved") == [first["id"]]
    assert await queue(cast.bureau.headers, status="rejected") == [second["id"]]

    # A change to a reviewed field puts the approved listing at the end of the queue again.
    await client.patch(f"/api/v1/listings/{first['id']}", json={"price_min": "65000"}, headers=cast.supplier.headers)
    assert await queue(cast.bureau.headers) == [lathe["id"], first["id"]]
    # Unpublished listings leave the queue.
    await client.post(f"/api/v1/listings/{lathe['id']}/unpublish", headers=cast.supplier.headers)
    assert await queue(cast.bureau.headers) == [first["id"]]


async def test_review_queue_refuses_and_validates(
    client: httpx.AsyncClient, db: AsyncSession, settings: Settings
) -> None:
    cast = await make_cast(db, settings)
    assert (await client.get("/api/v1/reviews")).status_code == 401
    assert (await client.get("/api/v1/reviews", headers=cast.supplier.headers)).status_code == 403
    assert (await client.get("/api/v1/reviews", headers=cast.buyer.headers)).status_code == 403
    bad_status = await client.get("/api/v1/reviews", params={"status": "done"}, headers=cast.bureau.headers)
    assert bad_status.status_code == 422 and fields_of(bad_status) == {"status"}
    bad_category = await client.get("/api/v1/reviews", params={"category": "永动机"}, headers=cast.bureau.headers)
    assert bad_category.status_code == 422 and fields_of(bad_category) == {"category"}
    too_many = await client.get("/api/v1/reviews", params={"limit": "500"}, headers=cast.bureau.headers)
    assert too_many.status_code == 422 and fields_of(too_many) == {"limit"}


async def test_bulk_review_is_all_or_nothing_with_one_note(
    client: httpx.AsyncClient, db: AsyncSession, settings: Settings
) -> None:
    cast = await make_cast(db, settings)
    jining_supplier = await make_account(
        db, settings, kind="supplier", region_code="370811", name="济宁数控机床有限公司"
    )
    mine = [await post_listing(client, cast.supplier, publish=True, title=f"激光焊接机 {i} 型") for i in range(3)]
    draft = await post_listing(client, cast.supplier, title="草稿")
    elsewhere = await post_listing(client, jining_supplier, publish=True, title="济宁的激光焊接机")
    url = "/api/v1/reviews/bulk"
    ids = [item["id"] for item in mine]

    # One bad id (a draft, another region's listing, an unknown one) and nothing changes.
    unknown = "00000000-0000-0000-0000-000000000000"
    refused = await client.post(
        url, json={"ids": [*ids, draft["id"], elsewhere["id"], unknown], "decision": "approve", "note": "同意"},
        headers=cast.bureau.headers,
    )  # fmt: skip
    assert refused.status_code == 409 and fields_of(refused) == {"ids[3]", "ids[4]", "ids[5]"}
    pending = (await client.get("/api/v1/reviews", headers=cast.bureau.headers)).json()["items"]
    assert {item["id"] for item in pending} == set(ids)
    # Malformed: no note for a rejection, no ids, a non-uuid.
    assert fields_of(await client.post(url, json={"ids": ids, "decision": "reject"}, headers=cast.bureau.headers)) == {
        "note"
    }
    assert (
        await client.post(url, json={"ids": [], "decision": "approve"}, headers=cast.bureau.headers)
    ).status_code == 422
    assert (
        await client.post(url, json={"ids": ["x"], "decision": "approve"}, headers=cast.bureau.headers)
    ).status_code == 422
    # Companies and outsiders may not.
    body = {"ids": ids, "decision": "reject", "note": "缺少第三方能效检测报告"}
    assert (await client.post(url, json=body, headers=cast.supplier.headers)).status_code == 403
    assert (await client.post(url, json=body, headers=cast.outsider.headers)).status_code == 409
    assert (await client.post(url, json=body)).status_code == 401

    done = await client.post(url, json={**body, "ids": [*ids, ids[0]]}, headers=cast.bureau.headers)
    assert done.status_code == 200, done.text
    assert done.json()["total"] == 3 and done.json()["decision"] == "reject"
    for item in done.json()["items"]:
        assert item["review_status"] == "rejected" and item["review_note"] == "缺少第三方能效检测报告"
    rejected = (await client.get("/api/v1/reviews", params={"status": "rejected"}, headers=cast.bureau.headers)).json()
    assert {item["id"] for item in rejected["items"]} == set(ids)
    # Each listing's trail holds the decision, and each supplier is told once per listing.
    history = (await client.get(f"/api/v1/listings/{ids[1]}/history", headers=cast.bureau.headers)).json()
    assert history["items"][-1]["action"] == "review" and history["items"][-1]["note"] == "缺少第三方能效检测报告"
    notes = (
        await db.scalars(select(Notification).where(Notification.organization_id == cast.supplier.organization.id))
    ).all()
    assert sorted(str(n.entity_id) for n in notes) == sorted(ids)


async def test_queue_filters_and_changes_since_approval(
    client: httpx.AsyncClient, db: AsyncSession, settings: Settings
) -> None:
    cast = await make_cast(db, settings)
    first = await post_listing(client, cast.supplier, publish=True, title="激光焊接机 首台套", tags=["首台套"])
    second = await post_listing(client, cast.rival_supplier, publish=True, title="激光焊接机 普通款", tags=[])

    async def queue(**params: str) -> list[dict[str, object]]:
        response = await client.get("/api/v1/reviews", params=params, headers=cast.bureau.headers)
        assert response.status_code == 200, response.text
        items: list[dict[str, object]] = response.json()["items"]
        return items

    assert [i["id"] for i in await queue(tag="首台套")] == [first["id"]]
    assert [i["id"] for i in await queue(supplier="同行机电")] == [second["id"]]
    assert [i["id"] for i in await queue(supplier=str(cast.supplier.organization.id))] == [first["id"]]
    assert await queue(supplier="不存在的公司") == []
    assert await queue(supplier="%") == []
    assert (
        await client.get("/api/v1/reviews", params={"tag": "a\x00"}, headers=cast.bureau.headers)
    ).status_code == 422
    # Never approved: nothing to compare with.
    assert all(i["changes_since_approval"] is None for i in await queue())

    await client.post(
        f"/api/v1/listings/{first['id']}/review", json={"decision": "approve"}, headers=cast.bureau.headers
    )
    url = f"/api/v1/listings/{first['id']}"
    await client.patch(url, json={"price_min": "65000", "description": "新增自动送丝"}, headers=cast.supplier.headers)
    await client.patch(url, json={"price_min": "70000"}, headers=cast.supplier.headers)
    await client.patch(url, json={"description": first["description"]}, headers=cast.supplier.headers)  # undone
    back = {i["id"]: i for i in await queue()}[first["id"]]
    assert back["changes_since_approval"] == {"price_min": {"old": first["price_min"], "new": "70000.00"}}


async def _warn(db: AsyncSession, listing_id: str, message: str) -> None:
    """An import / validation warning on a listing, as the spreadsheet import leaves it."""
    await db.execute(
        update(Listing)
        .where(Listing.id == uuid.UUID(listing_id))
        .values(warnings=[{"field": "specs.power_w", "message": message}])
    )


async def test_warnings_filter_and_bulk_review_of_the_filtered_set(
    client: httpx.AsyncClient, db: AsyncSession, settings: Settings
) -> None:
    cast = await make_cast(db, settings)
    jining_supplier = await make_account(
        db, settings, kind="supplier", region_code="370811", name="济宁激光设备有限公司"
    )
    warned = [await post_listing(client, cast.supplier, publish=True, title=f"激光焊接机 {i} 号") for i in range(3)]
    clean = await post_listing(client, cast.rival_supplier, publish=True, title="激光焊接机 无提示")
    elsewhere = await post_listing(client, jining_supplier, publish=True, title="济宁的激光焊接机")
    for item in [*warned, elsewhere]:
        await _warn(db, item["id"], "功率 300000 W 超出常见范围，请核对单位")
    db.expire_all()

    async def queue(account: Account, **params: str) -> dict[str, Any]:
        response = await client.get("/api/v1/reviews", params=params, headers=account.headers)
        assert response.status_code == 200, response.text
        body: dict[str, Any] = response.json()
        return body

    with_warnings = await queue(cast.bureau, has_warnings="true")
    assert {i["id"] for i in with_warnings["items"]} == {w["id"] for w in warned} and with_warnings["total"] == 3
    assert all(
        i["warnings"] == [{"field": "specs.power_w", "message": "功率 300000 W 超出常见范围，请核对单位"}]
        for i in with_warnings["items"]
    )  # the reviewer sees each listing's warnings
    without = await queue(cast.bureau, has_warnings="false")
    assert [i["id"] for i in without["items"]] == [clean["id"]] and without["items"][0]["warnings"] == []
    assert (await queue(cast.bureau, has_warnings="true", supplier="同行机电"))["total"] == 0
    # Another region's bureau sees only its own region's warned listing; companies are refused.
    assert [i["id"] for i in (await queue(cast.outsider, has_warnings="true"))["items"]] == [elsewhere["id"]]
    assert (
        await client.get("/api/v1/reviews", params={"has_warnings": "true"}, headers=cast.supplier.headers)
    ).status_code == 403
    bad = await client.get("/api/v1/reviews", params={"has_warnings": "也许"}, headers=cast.bureau.headers)
    assert bad.status_code == 422 and fields_of(bad) == {"has_warnings"}

    url = "/api/v1/reviews/bulk"
    note = "导入提示已核对：功率单位有误，请更正后重新提交"
    # Bulk over the filtered set: ids or filter, not both, not neither; a bad filter changes nothing.
    both = {"ids": [clean["id"]], "filter": {"has_warnings": True}, "decision": "approve"}
    assert (await client.post(url, json=both, headers=cast.bureau.headers)).status_code == 422
    assert (await client.post(url, json={"decision": "approve"}, headers=cast.bureau.headers)).status_code == 422
    odd = {"filter": {"has_warnings": True, "colour": "红"}, "decision": "approve"}
    assert (await client.post(url, json=odd, headers=cast.bureau.headers)).status_code == 422
    unknown = {"filter": {"category": "永动机"}, "decision": "approve"}
    assert (await client.post(url, json=unknown, headers=cast.bureau.headers)).status_code == 422
    assert (
        await client.post(url, json={"filter": {}, "decision": "approve"}, headers=cast.supplier.headers)
    ).status_code == 403
    # 济宁's bureau acting on "everything with warnings" touches its own region only.
    outsider = await client.post(
        url, json={"filter": {"has_warnings": True}, "decision": "reject", "note": note}, headers=cast.outsider.headers
    )
    assert outsider.status_code == 200 and [i["id"] for i in outsider.json()["items"]] == [elsewhere["id"]]
    done = await client.post(
        url, json={"filter": {"has_warnings": True}, "decision": "reject", "note": note}, headers=cast.bureau.headers
    )
    assert done.status_code == 200, done.text
    assert {i["id"] for i in done.json()["items"]} == {w["id"] for w in warned} and done.json()["total"] == 3
    assert all(i["review_status"] == "rejected" and i["review_note"] == note for i in done.json()["items"])
    assert [i["id"] for i in (await queue(cast.bureau))["items"]] == [clean["id"]]  # the clean one still pending
    # Nothing left with warnings: an empty set is an empty result, not an error.
    again = await client.post(
        url, json={"filter": {"has_warnings": True}, "decision": "approve"}, headers=cast.bureau.headers
    )
    assert again.status_code == 200 and again.json()["total"] == 0


async def test_bulk_review_of_a_filtered_set_over_the_limit_changes_nothing(
    client: httpx.AsyncClient, db: AsyncSession, settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    cast = await make_cast(db, settings)
    items = [await post_listing(client, cast.supplier, publish=True, title=f"激光焊接机 {i} 号") for i in range(3)]
    monkeypatch.setattr(reviews, "BULK_MAX", 2)
    refused = await client.post(
        "/api/v1/reviews/bulk", json={"filter": {"supplier": "海宁激光"}, "decision": "approve"},
        headers=cast.bureau.headers,
    )  # fmt: skip
    assert refused.status_code == 409 and "共 3 条" in refused.json()["detail"]
    pending = (await client.get("/api/v1/reviews", headers=cast.bureau.headers)).json()
    assert {i["id"] for i in pending["items"]} == {i["id"] for i in items}
