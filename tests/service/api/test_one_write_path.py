"""An imported listing or demand obeys the same rules as one typed into the API, because both
decide with the same rules module and record with the same recorder: publishing by import enters
the review queue, a changed rejected listing is resubmitted, warnings (not errors) for unusual
specs, Chinese spec names with units, and the export round trip by id."""

from __future__ import annotations

import uuid
from typing import Any

import httpx
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from catalog.audit.models import AuditEvent
from catalog.listings.models import Listing
from service.config import Settings
from tests.service.api.list_fixtures import Cast, laser_welder, make_cast, post_listing
from tests.service.api.test_import_export import HEADER, csv_bytes, listing_row, upload

WELDER_SPECS = '{"power_w": 3000, "max_penetration_mm": 4.5, "laser_type": "光纤"}'


def welder_row(external_id: str, **overrides: Any) -> list[Any]:
    values = {
        "title": "锐科 RFL-3000 手持激光焊接机 3000W", "category": "激光焊机", "brand": "锐科激光",
        "model": "RFL-3000", "description": "3000W 光纤激光焊接机，替代氩弧焊", "price_min": "68000",
        "price_max": "98000", "lead_time_days": "15", "energy_grade": "2", "tags": "浙江制造",
        "service_regions": "330000", "specs": WELDER_SPECS,
    }  # fmt: skip
    values.update(overrides)
    return listing_row(external_id, **values)


async def queue(client: httpx.AsyncClient, cast: Cast) -> dict[str, dict[str, Any]]:
    response = await client.get("/api/v1/reviews", params={"status": "pending"}, headers=cast.bureau.headers)
    assert response.status_code == 200, response.text
    return {item["id"]: item for item in response.json()["items"]}


async def test_imported_and_published_listings_wait_in_the_review_queue(
    client: httpx.AsyncClient, db: AsyncSession, settings: Settings
) -> None:
    cast = await make_cast(db, settings)
    key = f"RFL-{uuid.uuid4().hex[:6]}"
    body = (await upload(client, cast.supplier, csv_bytes(HEADER, [welder_row(key)]), publish=True)).json()
    assert body["created"] == 1 and body["failed"] == 0, body
    listing = await db.scalar(select(Listing).where(Listing.external_id == key))
    assert listing is not None and listing.status == "published"
    assert listing.review_status == "pending" and listing.review_requested_at is not None
    assert str(listing.id) in await queue(client, cast)
    # Outside the bureau's region the queue does not show it.
    other = await client.get("/api/v1/reviews", params={"status": "pending"}, headers=cast.outsider.headers)
    assert str(listing.id) not in {item["id"] for item in other.json()["items"]}
    actions = await db.scalars(
        select(AuditEvent.action).where(AuditEvent.entity_id == listing.id).order_by(AuditEvent.id)
    )
    assert list(actions) == ["create", "publish"]


async def test_reimporting_a_changed_rejected_listing_resubmits_it_like_a_patch(
    client: httpx.AsyncClient, db: AsyncSession, settings: Settings
) -> None:
    cast = await make_cast(db, settings)
    by_import, by_api = f"RFL-{uuid.uuid4().hex[:6]}", f"RFL-{uuid.uuid4().hex[:6]}"
    await upload(client, cast.supplier, csv_bytes(HEADER, [welder_row(by_import)]), publish=True)
    typed = await post_listing(client, cast.supplier, publish=True, external_id=by_api)
    imported = await db.scalar(select(Listing.id).where(Listing.external_id == by_import))
    for listing_id in (imported, typed["id"]):
        rejected = await client.post(
            f"/api/v1/listings/{listing_id}/review",
            json={"decision": "reject", "note": "缺少第三方能效检测报告"},
            headers=cast.bureau.headers,
        )
        assert rejected.json()["review_status"] == "rejected"
    assert not {str(imported), typed["id"]} & set(await queue(client, cast))
    # The same unchanged file changes nothing: no resubmission without a change.
    again = await upload(client, cast.supplier, csv_bytes(HEADER, [welder_row(by_import)]), publish=True)
    assert again.json()["unchanged"] == 1
    changed = welder_row(by_import, description="3000W 光纤激光焊接机，附第三方能效检测报告")
    body = (await upload(client, cast.supplier, csv_bytes(HEADER, [changed]))).json()
    assert body["updated"] == 1, body
    patched = await client.patch(
        f"/api/v1/listings/{typed['id']}",
        json={"description": "附第三方能效检测报告"},
        headers=cast.supplier.headers,
    )
    assert patched.json()["review_status"] == "pending"
    pending = await queue(client, cast)
    assert str(imported) in pending and typed["id"] in pending


async def test_an_archived_listing_is_refused_by_import_as_by_patch(
    client: httpx.AsyncClient, db: AsyncSession, settings: Settings
) -> None:
    cast = await make_cast(db, settings)
    listing = await post_listing(client, cast.supplier)
    await client.delete(f"/api/v1/listings/{listing['id']}", headers=cast.supplier.headers)
    patched = await client.patch(
        f"/api/v1/listings/{listing['id']}", json={"title": "改个标题"}, headers=cast.supplier.headers
    )
    assert patched.status_code == 409
    row = welder_row(listing["external_id"], title="改个标题")
    body = (await upload(client, cast.supplier, csv_bytes(HEADER, [row]))).json()
    assert body["failed"] == 1 and body["errors"][0]["column"] == "external_id"
    assert "已归档" in body["errors"][0]["message"] and patched.json()["detail"] == body["errors"][0]["message"]


async def test_unusual_specs_are_warnings_kept_with_the_listing_and_shown_to_the_reviewer(
    client: httpx.AsyncClient, db: AsyncSession, settings: Settings
) -> None:
    cast = await make_cast(db, settings)
    # A 120 kW fibre source is beyond the typical range of a 激光焊接机 schema, but a real product.
    specs = '{"激光功率": "120kW", "焊接速度": "很快"}'
    key = f"RFL-{uuid.uuid4().hex[:6]}"
    response = await upload(
        client, cast.supplier, csv_bytes(HEADER + ",备注", [[*welder_row(key, specs=specs), "内部备注"]]), publish=True
    )
    body = response.json()
    assert body["created"] == 1 and body["failed"] == 0, body
    warned = {(w["row"], w["column"]) for w in body["warnings"]}
    assert (1, "备注") in warned and (2, "specs") in warned
    assert any("120000W" in w["message"] and "超出常见范围" in w["message"] for w in body["warnings"])
    listing = await db.scalar(select(Listing).where(Listing.external_id == key))
    assert listing is not None and listing.specs["power_w"] == 120000
    shown = (await client.get(f"/api/v1/listings/{listing.id}")).json()
    assert any(w["field"] == "specs.power_w" for w in shown["warnings"])
    assert (await queue(client, cast))[str(listing.id)]["warnings"] == shown["warnings"]
    # The API takes the same listing with the same warning (and says so in its response).
    typed = await client.post(
        "/api/v1/listings", json=laser_welder(specs={"激光功率": "120kW"}), headers=cast.supplier.headers
    )
    assert typed.status_code == 201 and typed.json()["specs"]["power_w"] == 120000
    assert [w["field"] for w in typed.json()["warnings"]] == ["specs.power_w"]
    # Impossible values are still errors, and the file writes nothing.
    bad = welder_row(f"RFL-{uuid.uuid4().hex[:6]}", specs='{"power_w": -3000}')
    refused = (await upload(client, cast.supplier, csv_bytes(HEADER, [bad]))).json()
    assert refused["failed"] == 1 and refused["errors"][0]["column"] == "specs"
    assert (
        await db.scalar(select(func.count()).select_from(Listing).where(Listing.specs["power_w"].as_float() < 0)) == 0
    )


async def test_chinese_spec_names_and_units_count(
    client: httpx.AsyncClient, db: AsyncSession, settings: Settings
) -> None:
    cast = await make_cast(db, settings)
    body = {
        "title": "科德 KMC800 五轴立式加工中心", "category": "五轴加工中心", "description": "五轴联动，国产数控系统",
        "specs": {"主轴转速": "1.8万转", "定位精度": "5μm", "联动轴数": "5轴", "X轴行程": "0.8m", "数控系统": "GNC62",
                  "刀库容量": "30把"},
    }  # fmt: skip
    response = await client.post("/api/v1/listings", json=body, headers=cast.supplier.headers)
    assert response.status_code == 201, response.text
    specs = response.json()["specs"]
    assert specs == {
        "spindle_rpm": 18000, "positioning_accuracy_mm": 0.005, "axes": 5, "x_travel_mm": 800,
        "control_system": "GNC62", "刀库容量": "30把",
    }  # fmt: skip
    demand = await client.post(
        "/api/v1/demands",
        json={
            "title": "采购五轴加工中心2台",
            "category": "加工中心",
            "description": "叶轮加工",
            "quantity": 2,
            "region_code": "330481",
            "specs": {"主轴转速下限": "12000rpm", "最大定位精度": "0.008mm", "主轴转速": "很快"},
        },
        headers=cast.buyer.headers,
    )
    assert demand.status_code == 201, demand.text
    assert demand.json()["specs"] == {
        "spindle_rpm_min": 12000,
        "positioning_accuracy_mm_max": 0.008,
        "主轴转速": "很快",
    }
    assert [w["field"] for w in demand.json()["warnings"]] == ["specs.主轴转速"]


async def test_an_export_carries_ids_leaves_archived_out_and_reimports_unchanged(
    client: httpx.AsyncClient, db: AsyncSession, settings: Settings
) -> None:
    cast = await make_cast(db, settings)
    typed = await post_listing(client, cast.supplier, external_id=None)  # an API listing with no external_id
    archived = await post_listing(client, cast.supplier)
    await client.delete(f"/api/v1/listings/{archived['id']}", headers=cast.supplier.headers)
    for headers in ("en", "zh"):
        for fmt in ("csv", "xlsx"):
            exported = await client.get(
                "/api/v1/listings/export", params={"format": fmt, "headers": headers}, headers=cast.supplier.headers
            )
            body = (await upload(client, cast.supplier, exported.content, name=f"导出.{fmt}")).json()
            assert body["created"] == 0 and body["updated"] == 0 and body["unchanged"] == 1, (headers, fmt, body)
            assert body["warnings"] == [] and body["failed"] == 0
    text = (
        await client.get(
            "/api/v1/listings/export", params={"format": "csv", "headers": "zh"}, headers=cast.supplier.headers
        )
    ).content.decode("utf-8-sig")
    assert text.splitlines()[0].startswith("外部编号,标题,品类") and typed["id"] in text and archived["id"] not in text
    everything = await client.get(
        "/api/v1/listings/export", params={"format": "csv", "include_archived": "true"}, headers=cast.supplier.headers
    )
    assert archived["id"] in everything.content.decode("utf-8-sig")
    # Matching by id: an edited price updates the API listing that had no external_id.
    rows = text.splitlines()
    assert "68000.00" in rows[1], rows[1]
    edited = rows[1].replace("68000.00", "66000.00")
    body = (await upload(client, cast.supplier, ("\n".join([rows[0], edited])).encode())).json()
    assert body["updated"] == 1 and body["created"] == 0, body
    # Another supplier's id is refused, never updated.
    stolen = (await upload(client, cast.rival_supplier, ("\n".join([rows[0], edited])).encode())).json()
    assert stolen["failed"] == 1 and stolen["errors"][0]["column"] == "id"
    count = await db.scalar(
        select(func.count()).select_from(Listing).where(Listing.organization_id == cast.supplier.organization.id)
    )
    assert count == 2
