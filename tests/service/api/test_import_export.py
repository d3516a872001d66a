"""POST /listings/import, /demands/import and GET /listings/export, /demands/export on a real
PostgreSQL: encodings, Chinese headers, XLSX, all-or-nothing / partial / dry run, updates by
external_id, the round trip, and who may do it."""

from __future__ import annotations

import csv
import io
import uuid
from datetime import date
from typing import Any

import httpx
import pytest
from openpyxl import Workbook
from sqlalchemy import func, select, text
from sqlalchemy.ext.asyncio import AsyncSession

from catalog.audit.models import AuditEvent
from catalog.demands.models import Demand
from catalog.listings.models import Listing
from catalog.outbox.models import OutboxEvent
from catalog.search.upkeep import after_bulk_write
from service.config import Settings
from tests.factories import Account, listing_body, make_account

HEADER = "external_id,title,category,brand,model,description,price_min,price_max,lead_time_days,energy_grade,tags,service_regions,specs"  # fmt: skip
ZH_HEADER = ["外部编号", "标题", "品类", "品牌", "型号", "描述", "最低价", "最高价", "交货期", "能效等级", "标签", "服务区域", "参数"]  # fmt: skip


def sku() -> str:
    return f"SKU-{uuid.uuid4().hex[:8]}"


def listing_row(external_id: str | None = None, **overrides: Any) -> list[Any]:
    row: dict[str, Any] = {
        "external_id": external_id if external_id is not None else sku(),
        "title": "海天精工 VMC850 立式加工中心",
        "category": "立式加工中心",
        "brand": "海天精工",
        "model": "VMC850",
        "description": "三轴立式加工中心，发那科系统，主轴12000rpm",
        "price_min": "380000",
        "price_max": "450000",
        "lead_time_days": "45",
        "energy_grade": "2",
        "tags": "能效二级;好品山东",
        "service_regions": "370000；330400",
        "specs": '{"axes": 3, "spindle_rpm": 12000, "control_system": "FANUC 0i-MF"}',
    }
    row.update(overrides)
    return list(row.values())


def csv_bytes(header: list[str] | str, rows: list[list[Any]], encoding: str = "utf-8") -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(header.split(",") if isinstance(header, str) else header)
    writer.writerows(rows)
    return buffer.getvalue().encode(encoding)


def xlsx_bytes(header: list[str] | str, rows: list[list[Any]]) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(header.split(",") if isinstance(header, str) else header)
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


async def upload(
    client: httpx.AsyncClient, who: Account | None, content: bytes, *, name: str = "供给清单.csv",
    path: str = "/api/v1/listings/import", **params: Any,
) -> httpx.Response:  # fmt: skip
    return await client.post(
        path,
        files={"file": (name, content)},
        params={k: str(v).lower() for k, v in params.items()},
        headers=who.headers if who else {},
    )


async def count(db: AsyncSession, model: Any, organization_id: uuid.UUID) -> int:
    return await db.scalar(select(func.count()).select_from(model).where(model.organization_id == organization_id)) or 0


@pytest.fixture
async def supplier(db: AsyncSession, settings: Settings) -> Account:
    return await make_account(db, settings, kind="supplier")


@pytest.fixture
async def buyer(db: AsyncSession, settings: Settings) -> Account:
    return await make_account(db, settings, kind="buyer", region_code="330481")


async def test_csv_import_creates_listings_with_audit_and_outbox(
    client: httpx.AsyncClient, db: AsyncSession, supplier: Account
) -> None:
    rows = [
        listing_row(),
        listing_row(title="数控车床 CK6150 斜床身", category="0102", specs="", tags="", service_regions=""),
    ]
    response = await upload(client, supplier, csv_bytes(HEADER, rows))
    assert response.status_code == 200, response.text
    assert response.json() == {
        "created": 2,
        "updated": 0,
        "failed": 0,
        "errors": [],
        "unchanged": 0,
        "warnings": [],
        "dry_run": False,
    }
    listings = (await db.scalars(select(Listing).where(Listing.organization_id == supplier.organization.id))).all()
    assert sorted(x.title for x in listings) == ["数控车床 CK6150 斜床身", "海天精工 VMC850 立式加工中心"]
    vmc = next(x for x in listings if x.category_code == "0101")
    assert vmc.service_regions == ["370000", "330400"] and vmc.tags == ["能效二级", "好品山东"]
    assert vmc.specs["spindle_rpm"] == 12000 and vmc.status == "draft"
    lathe = next(x for x in listings if x.category_code == "0102")
    assert lathe.service_regions == [supplier.organization.region_code]  # default: the supplier's region
    ids = [x.id for x in listings]
    audits = (await db.scalars(select(AuditEvent).where(AuditEvent.entity_id.in_(ids)))).all()
    assert sorted(a.action for a in audits) == ["create", "create"]
    assert all(a.actor_user_id == supplier.user.id and "title" in a.changes for a in audits)
    assert await db.scalar(select(func.count()).where(OutboxEvent.entity_id.in_(ids))) == 2


async def test_chinese_headers_in_xlsx_with_excel_numbers(
    client: httpx.AsyncClient, db: AsyncSession, supplier: Account
) -> None:
    order = [12, 1, 2, 0, 6, 7, 8, 9, 10, 11, 3, 4, 5]  # any column order
    header = [f" {ZH_HEADER[i]} " for i in order]
    header[0] = "\ufeff" + header[0]
    row = listing_row(price_min=380000.0, price_max=450000, lead_time_days=45.0, energy_grade=2.0)
    response = await upload(client, supplier, xlsx_bytes(header, [[row[i] for i in order]]), name="清单.xlsx")
    assert response.status_code == 200, response.text
    assert response.json()["created"] == 1
    listing = await db.scalar(select(Listing).where(Listing.organization_id == supplier.organization.id))
    assert listing is not None
    assert (listing.lead_time_days, listing.energy_grade, str(listing.price_min)) == (45, 2, "380000.00")


async def test_gbk_csv_from_excel_in_china(client: httpx.AsyncClient, db: AsyncSession, supplier: Account) -> None:
    content = csv_bytes(ZH_HEADER, [listing_row(title="济宁产 数控折弯机 WE67K", category="折弯机", specs="")], "gbk")
    response = await upload(client, supplier, content)
    assert response.status_code == 200, response.text
    listing = await db.scalar(select(Listing).where(Listing.organization_id == supplier.organization.id))
    assert listing is not None and listing.title == "济宁产 数控折弯机 WE67K" and listing.category_code == "0105"


def bad_file() -> bytes:
    return csv_bytes(
        HEADER,
        [
            listing_row(),
            listing_row(category="量子机床", price_min="50万", price_max="40万"),  # row 3
            listing_row(energy_grade="7", tags="不存在的标签", specs='{"spindle_rpm": "很快"}'),  # row 4
            listing_row(title="", service_regions="999999"),  # row 5
        ],
    )


async def test_all_or_nothing_reports_every_bad_row_and_column(
    client: httpx.AsyncClient, db: AsyncSession, supplier: Account
) -> None:
    response = await upload(client, supplier, bad_file())
    assert response.status_code == 200
    body = response.json()
    assert (body["created"], body["updated"], body["failed"]) == (0, 0, 3)
    cells = {(e["row"], e["column"]) for e in body["errors"]}
    assert cells == {
        (3, "category"), (3, "price_max"), (4, "energy_grade"), (4, "tags"), (4, "specs"), (5, "title"),
        (5, "service_regions"),
    }  # fmt: skip
    assert all(e["message"] for e in body["errors"])
    assert await count(db, Listing, supplier.organization.id) == 0


async def test_partial_writes_the_good_rows_only(
    client: httpx.AsyncClient, db: AsyncSession, supplier: Account
) -> None:
    response = await upload(client, supplier, bad_file(), partial=True)
    body = response.json()
    assert (body["created"], body["failed"]) == (1, 3)
    assert await count(db, Listing, supplier.organization.id) == 1


async def test_dry_run_counts_and_writes_nothing(
    client: httpx.AsyncClient, db: AsyncSession, supplier: Account
) -> None:
    rows = [listing_row(), listing_row()]
    body = (await upload(client, supplier, csv_bytes(HEADER, rows), dry_run=True)).json()
    assert (body["created"], body["failed"], body["dry_run"]) == (2, 0, True)
    assert await count(db, Listing, supplier.organization.id) == 0
    assert (await upload(client, supplier, csv_bytes(HEADER, rows))).json()["created"] == 2
    rows[0][1] = "海天精工 VMC850 立式加工中心（2026款）"
    body = (await upload(client, supplier, csv_bytes(HEADER, rows), dry_run=True)).json()
    assert (body["created"], body["updated"], body["unchanged"]) == (0, 1, 1)
    titles = await db.scalars(select(Listing.title).where(Listing.organization_id == supplier.organization.id))
    assert "海天精工 VMC850 立式加工中心（2026款）" not in set(titles)


async def test_reimport_updates_by_external_id_with_an_audit_row(
    client: httpx.AsyncClient, db: AsyncSession, supplier: Account
) -> None:
    key = sku()
    await upload(client, supplier, csv_bytes(HEADER, [listing_row(key)]))
    body = (await upload(client, supplier, csv_bytes(HEADER, [listing_row(key, price_max="460000")]))).json()
    assert (body["created"], body["updated"]) == (0, 1)
    listing = await db.scalar(select(Listing).where(Listing.organization_id == supplier.organization.id))
    assert listing is not None and str(listing.price_max) == "460000.00" and listing.version == 2
    update = await db.scalar(
        select(AuditEvent).where(AuditEvent.entity_id == listing.id, AuditEvent.action == "update")
    )
    assert (update is not None and update.changes == {"price_max": {"old": "450000.00", "new": "460000.00"}, "version": {"old": 1, "new": 2}}) or (
        update is not None and update.changes["price_max"] == {"old": "450000.00", "new": "460000.00"}
    )  # fmt: skip


async def test_same_external_id_twice_in_one_file_fails_the_second_row(
    client: httpx.AsyncClient, supplier: Account
) -> None:
    key = sku()
    body = (await upload(client, supplier, csv_bytes(HEADER, [listing_row(key), listing_row(key)]))).json()
    assert body["errors"] == [{"row": 3, "column": "external_id", "message": f"外部编号 {key} 与第2行重复"}]


async def test_rows_without_external_id_always_create(
    client: httpx.AsyncClient, db: AsyncSession, supplier: Account
) -> None:
    rows = [listing_row(""), listing_row("")]
    await upload(client, supplier, csv_bytes(HEADER, rows))
    await upload(client, supplier, csv_bytes(HEADER, rows))
    assert await count(db, Listing, supplier.organization.id) == 4


async def test_another_organisations_external_id_is_not_updated(
    client: httpx.AsyncClient, db: AsyncSession, settings: Settings, supplier: Account
) -> None:
    other = await make_account(db, settings, kind="supplier", name="泉州闽智机械有限公司", region_code="350500")
    key = sku()
    await upload(
        client, other, csv_bytes(HEADER, [listing_row(key, title="泉州 激光切割机", category="激光切割机", specs="")])
    )
    body = (await upload(client, supplier, csv_bytes(HEADER, [listing_row(key)]))).json()
    assert (body["created"], body["updated"]) == (1, 0)
    rows = (await db.scalars(select(Listing).where(Listing.external_id == key))).all()
    assert len(rows) == 2
    assert {r.organization_id for r in rows} == {supplier.organization.id, other.organization.id}
    assert {r.title for r in rows} == {"泉州 激光切割机", "海天精工 VMC850 立式加工中心"}


async def test_publish_on_import(client: httpx.AsyncClient, db: AsyncSession, supplier: Account) -> None:
    body = (await upload(client, supplier, csv_bytes(HEADER, [listing_row()]), publish=True)).json()
    assert body["created"] == 1
    listing = await db.scalar(select(Listing).where(Listing.organization_id == supplier.organization.id))
    assert listing is not None and listing.status == "published" and listing.published_at is not None
    actions = await db.scalars(
        select(AuditEvent.action).where(AuditEvent.entity_id == listing.id).order_by(AuditEvent.id)
    )
    assert list(actions) == ["create", "publish"]


async def test_recommended_listing_reimported_with_a_new_price_loses_recommended(
    client: httpx.AsyncClient, db: AsyncSession, supplier: Account
) -> None:
    key = sku()
    await upload(client, supplier, csv_bytes(HEADER, [listing_row(key)]))
    listing = await db.scalar(select(Listing).where(Listing.external_id == key))
    assert listing is not None
    listing.recommended, listing.review_status = True, "approved"
    await db.flush()
    same = (await upload(client, supplier, csv_bytes(HEADER, [listing_row(key)]))).json()
    assert same["unchanged"] == 1
    await upload(client, supplier, csv_bytes(HEADER, [listing_row(key, price_min="360000")]))
    db.expire_all()
    listing = await db.scalar(select(Listing).where(Listing.external_id == key))
    assert listing is not None and not listing.recommended and listing.review_status == "pending"


async def test_archived_listing_is_not_changed_by_an_import(
    client: httpx.AsyncClient, db: AsyncSession, supplier: Account
) -> None:
    key = sku()
    await upload(client, supplier, csv_bytes(HEADER, [listing_row(key)]))
    listing = await db.scalar(select(Listing).where(Listing.external_id == key))
    assert listing is not None
    listing.status = "archived"
    await db.flush()
    body = (await upload(client, supplier, csv_bytes(HEADER, [listing_row(key, title="改名")]))).json()
    assert body["failed"] == 1 and body["errors"][0]["column"] == "external_id"


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
async def test_export_reimports_to_the_same_listings(
    client: httpx.AsyncClient, db: AsyncSession, supplier: Account, fmt: str
) -> None:
    created = await client.post("/api/v1/listings", json=listing_body(), headers=supplier.headers)
    assert created.status_code == 201
    await upload(
        client, supplier, csv_bytes(HEADER, [listing_row(), listing_row(price_min="", price_max="", specs="")])
    )
    exported = await client.get("/api/v1/listings/export", params={"format": fmt}, headers=supplier.headers)
    assert exported.status_code == 200
    disposition = exported.headers["content-disposition"]
    assert "filename*=UTF-8''%E4%BE%9B%E7%BB%99%E6%B8%85%E5%8D%95-" in disposition and disposition.endswith(f".{fmt}")
    if fmt == "csv":
        assert exported.content.startswith(b"\xef\xbb\xbf")
        assert exported.content[3:].decode().splitlines()[0] == HEADER + ",id"
    body = (await upload(client, supplier, exported.content, name=f"导出.{fmt}")).json()
    assert body == {
        "created": 0, "updated": 0, "failed": 0, "errors": [], "unchanged": 3, "warnings": [], "dry_run": False
    }  # fmt: skip
    versions = await db.scalars(select(Listing.version).where(Listing.organization_id == supplier.organization.id))
    assert set(versions) == {1}


async def test_export_filters_by_status_and_shows_own_listings_only(
    client: httpx.AsyncClient, db: AsyncSession, settings: Settings, supplier: Account
) -> None:
    other = await make_account(db, settings, kind="supplier")
    await upload(client, other, csv_bytes(HEADER, [listing_row(title="别家的挂牌")]))
    await upload(client, supplier, csv_bytes(HEADER, [listing_row()]), publish=True)
    await upload(client, supplier, csv_bytes(HEADER, [listing_row(title="草稿挂牌")]))
    assert "立式加工中心" in (
        await client.get("/api/v1/listings/export", params={"format": "csv"}, headers=supplier.headers)
    ).content.decode("utf-8-sig")
    exported = await client.get("/api/v1/listings/export", params={"format": "csv", "status": "draft"}, headers=supplier.headers)  # fmt: skip
    text = exported.content.decode("utf-8-sig")
    assert "草稿挂牌" in text and "别家的挂牌" not in text and "海天精工 VMC850 立式加工中心" not in text


async def test_who_may_import_and_export(
    client: httpx.AsyncClient, db: AsyncSession, settings: Settings, supplier: Account, buyer: Account
) -> None:
    content = csv_bytes(HEADER, [listing_row()])
    bureau = await make_account(db, settings, kind="bureau", region_code="370800")
    assert (await upload(client, None, content)).status_code == 401
    for who in (buyer, bureau):
        response = await upload(client, who, content)
        assert response.status_code == 403
        assert response.headers["content-type"].startswith("application/problem+json")
    assert (await client.get("/api/v1/listings/export", headers=buyer.headers)).status_code == 403
    assert (await client.get("/api/v1/listings/export")).status_code == 401
    assert (await upload(client, supplier, content, path="/api/v1/demands/import")).status_code == 403
    assert (await client.get("/api/v1/demands/export", headers=supplier.headers)).status_code == 403
    assert await count(db, Listing, buyer.organization.id) == 0


async def test_malformed_uploads_name_the_file_field(
    client: httpx.AsyncClient, supplier: Account, settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    missing = await client.post("/api/v1/listings/import", headers=supplier.headers)
    assert missing.status_code == 422 and missing.json()["errors"][0]["field"] == "file"
    for name, content, status in [
        ("清单.xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100, 415),
        ("清单.xlsx", csv_bytes(HEADER, [listing_row()]), 415),
        ("清单.csv", b"", 422),
        ("清单.csv", "品牌,型号\n海天,VMC850\n".encode(), 422),  # no title/category column
    ]:
        response = await upload(client, supplier, content, name=name)
        assert response.status_code == status, (name, response.text)
        assert response.headers["content-type"].startswith("application/problem+json")
        assert response.json()["errors"][0]["field"] == "file"
    monkeypatch.setattr(settings, "import_max_bytes", 2048)
    big = csv_bytes(HEADER, [listing_row() for _ in range(40)])
    response = await upload(client, supplier, big)
    assert response.status_code == 413 and response.json()["errors"][0]["field"] == "file"


# --- demands --------------------------------------------------------------------------------

DEMAND_ZH = ["需求编号", "标题", "品类", "描述", "数量", "预算", "所在地区", "需求日期", "更新动因",
             "被替换设备", "旧设备役龄", "旧设备数量", "旧设备能效等级", "参数"]  # fmt: skip


def demand_row(external_id: str | None = None, **overrides: Any) -> list[Any]:
    row: dict[str, Any] = {
        "external_id": external_id or f"REQ-{uuid.uuid4().hex[:8]}",
        "title": "更换服役15年的普通车床，采购数控车床10台",
        "category": "数控车床",
        "description": "现有普通车床精度下降、能耗高，计划更新为数控车床",
        "quantity": 10,
        "budget_max": 1200000,
        "region_code": "",
        "needed_by": date(2027, 6, 30),
        "motivations": "高端化；智能化",
        "replaces_description": "CA6140 普通车床",
        "replaces_age_years": 15.0,
        "replaces_count": 10,
        "replaces_energy_grade": 4,
        "specs": '{"spindle_rpm": 3000}',
    }
    row.update(overrides)
    return list(row.values())


async def test_demand_import_with_chinese_headers_and_round_trip(
    client: httpx.AsyncClient, db: AsyncSession, buyer: Account
) -> None:
    rows = [demand_row(), demand_row(category="", motivations="green;safety", budget_max=None, needed_by="2027/1/5")]
    path = "/api/v1/demands/import"
    body = (await upload(client, buyer, xlsx_bytes(DEMAND_ZH, rows), name="需求.xlsx", path=path)).json()
    assert body["created"] == 2, body
    demands = (await db.scalars(select(Demand).where(Demand.organization_id == buyer.organization.id))).all()
    first = next(d for d in demands if d.category_code == "0102")
    assert first.motivations == ["high_end", "smart"] and first.region_code == "330481"
    assert first.needed_by == date(2027, 6, 30) and first.replaces == {
        "description": "CA6140 普通车床", "age_years": 15, "count": 10, "energy_grade": 4,
    }  # fmt: skip
    second = next(d for d in demands if d.category_code is None)
    assert second.motivations == ["green", "safety"] and second.needed_by == date(2027, 1, 5)
    for fmt in ("xlsx", "csv"):
        exported = await client.get("/api/v1/demands/export", params={"format": fmt}, headers=buyer.headers)
        assert exported.status_code == 200
        again = (await upload(client, buyer, exported.content, name=f"需求.{fmt}", path=path)).json()
        assert (again["created"], again["updated"], again["unchanged"]) == (0, 0, 2), again


async def test_demand_import_errors_name_their_columns(
    client: httpx.AsyncClient, db: AsyncSession, buyer: Account
) -> None:
    rows = [
        demand_row(quantity=0, motivations="高端化;便宜", region_code="12345"),
        demand_row(replaces_energy_grade=9, needed_by="下个月", category="不存在的设备"),
    ]
    body = (await upload(client, buyer, xlsx_bytes(DEMAND_ZH, rows), name="需求.xlsx", path="/api/v1/demands/import")).json()  # fmt: skip
    cells = {(e["row"], e["column"]) for e in body["errors"]}
    assert {(2, "quantity"), (2, "motivations"), (2, "region_code")} <= cells
    assert {(3, "replaces_energy_grade"), (3, "needed_by"), (3, "category")} <= cells
    assert body["failed"] == 2 and await count(db, Demand, buyer.organization.id) == 0


async def test_a_file_larger_than_a_chunk_is_all_or_nothing_across_chunks(
    client: httpx.AsyncClient, db: AsyncSession, supplier: Account, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Rows are validated and written a chunk at a time (catalog.importing.CHUNK): a bad row in the
    last chunk still leaves nothing written (the earlier chunks' writes, audit, outbox and search
    rows roll back with the savepoint), a repeat across chunks is caught, and `partial` writes
    every good row of every chunk."""
    import catalog.importing

    monkeypatch.setattr(catalog.importing, "CHUNK", 3)
    monkeypatch.setattr(catalog.importing, "BATCH", 2)
    keys = [sku() for _ in range(7)]
    rows = [listing_row(k) for k in keys] + [listing_row(keys[1]), listing_row(sku(), price_min="不是价格")]
    body = (await upload(client, supplier, csv_bytes(HEADER, rows))).json()
    assert (body["created"], body["updated"], body["failed"]) == (0, 0, 2)
    assert [(e["row"], e["column"]) for e in body["errors"]] == [(9, "external_id"), (10, "price_min")]
    assert await count(db, Listing, supplier.organization.id) == 0
    audited = await db.scalar(select(func.count()).select_from(AuditEvent).where(AuditEvent.entity_type == "listing"))
    outbox = await db.scalar(select(func.count()).select_from(OutboxEvent).where(OutboxEvent.entity_type == "listing"))
    assert (audited, outbox) == (0, 0)

    body = (await upload(client, supplier, csv_bytes(HEADER, rows), partial=True)).json()
    assert (body["created"], body["failed"]) == (7, 2)
    assert await count(db, Listing, supplier.organization.id) == 7
    body = (await upload(client, supplier, csv_bytes(HEADER, rows[:7]), dry_run=True)).json()
    assert (body["created"], body["updated"], body["unchanged"]) == (0, 0, 7)
    body = (await upload(client, supplier, csv_bytes(HEADER, rows[:7]))).json()
    assert (body["created"], body["updated"], body["unchanged"], body["failed"]) == (0, 0, 7, 0)


SEARCH_ROW = "SELECT * FROM listing_search WHERE listing_id = ANY(:ids) ORDER BY listing_id"


@pytest.mark.parametrize(("workers", "copy_from"), [(None, 100), (0, 1)], ids=["pool+insert", "in-process+copy"])
async def test_new_listings_are_written_as_the_records_would_be_indexed_and_audited(
    client: httpx.AsyncClient,
    db: AsyncSession,
    supplier: Account,
    monkeypatch: pytest.MonkeyPatch,
    workers: int | None,
    copy_from: int,
) -> None:
    """An import's new listings are inserted from their values (nothing read back; by COPY or by
    INSERT) and their search rows come from documents built with the rows' checks (in the CPU
    pool, or here without one): the search rows must equal what `index_listings` writes from the
    stored records, and each audit row the change between the stored states."""
    from sqlalchemy import text

    import catalog.db
    from catalog import cpu

    monkeypatch.setattr(catalog.db, "COPY_FROM", copy_from)
    from catalog.audit.repository import diff
    from catalog.listings.service import snapshot
    from catalog.search.indexing import index_listings

    rows = [
        listing_row(),
        listing_row(title="數控車床 CK6150 斜床身（全功能）", category="0102", specs="", tags="", service_regions=""),
        listing_row(brand="", model="", description="激光切割机 6kW 光纤，适用于不锈钢'碳钢\\板材", category="0101"),
    ]
    cpu.configure(workers)
    try:
        body = (await upload(client, supplier, csv_bytes(HEADER, rows), publish=True)).json()
    finally:
        cpu.configure(None)
    assert (body["created"], body["failed"]) == (3, 0), body
    listings = (await db.scalars(select(Listing).where(Listing.organization_id == supplier.organization.id))).all()
    ids = [x.id for x in listings]
    imported = (await db.execute(text(SEARCH_ROW), {"ids": ids})).all()
    await index_listings(db, listings)
    assert (await db.execute(text(SEARCH_ROW), {"ids": ids})).all() == imported and len(imported) == 3
    for listing in listings:
        assert listing.status == "published" and listing.version == 2
        audits = (
            await db.scalars(select(AuditEvent).where(AuditEvent.entity_id == listing.id).order_by(AuditEvent.id))
        ).all()
        assert [a.action for a in audits] == ["create", "publish"]
        stored = snapshot(listing)
        created = {**stored, "status": "draft", "review_status": "none"}
        assert audits[0].changes == diff({}, created)
        assert audits[1].changes == diff(created, stored)


@pytest.mark.parametrize("workers", [None, 0], ids=["pool", "in-process"])
async def test_a_re_import_indexes_its_new_and_its_updated_listings_as_index_listings_does(
    client: httpx.AsyncClient, db: AsyncSession, supplier: Account, workers: int | None
) -> None:
    """A second file names two listings of the first (one by external_id with a new title, one
    unchanged) and brings a new one: the rows naming existing listings get no document from the
    pool (`naming_existing`), the new one does, and every search row is what `index_listings` writes."""
    from sqlalchemy import text

    from catalog import cpu
    from catalog.search.indexing import index_listings

    first = [listing_row("海宁-001"), listing_row("海宁-002", title="數控車床 CK6150 斜床身", category="0102")]
    second = [
        listing_row("海宁-001", title="海天精工 VMC850 立式加工中心（二手九成新）"),
        listing_row("海宁-002", title="數控車床 CK6150 斜床身", category="0102"),
        listing_row("海宁-003", brand="", model="", description="激光切割机 6kW 光纤", category="0101"),
    ]
    cpu.configure(workers)
    try:
        assert (await upload(client, supplier, csv_bytes(HEADER, first), publish=True)).json()["created"] == 2
        body = (await upload(client, supplier, csv_bytes(HEADER, second), publish=True)).json()
    finally:
        cpu.configure(None)
    assert (body["created"], body["updated"], body["unchanged"], body["failed"]) == (1, 1, 1, 0), body
    listings = (await db.scalars(select(Listing).where(Listing.organization_id == supplier.organization.id))).all()
    ids = [x.id for x in listings]
    imported = (await db.execute(text(SEARCH_ROW), {"ids": ids})).all()
    assert any("二手九成新" in row.search_text for row in imported)
    await index_listings(db, listings)
    assert (await db.execute(text(SEARCH_ROW), {"ids": ids})).all() == imported and len(imported) == 3


async def test_new_demands_are_audited_as_stored(client: httpx.AsyncClient, db: AsyncSession, buyer: Account) -> None:
    """New demands are inserted from their values, not read back: the audit row of each holds the
    stored record's fields."""
    from catalog.audit.repository import diff
    from catalog.demands.service import snapshot

    rows = [demand_row(), demand_row(category="", motivations="green;safety", budget_max=None, needed_by="2027/1/5")]
    path = "/api/v1/demands/import"
    body = (await upload(client, buyer, xlsx_bytes(DEMAND_ZH, rows), name="需求.xlsx", path=path)).json()
    assert body["created"] == 2, body
    for demand in (await db.scalars(select(Demand).where(Demand.organization_id == buyer.organization.id))).all():
        audit = await db.scalar(select(AuditEvent).where(AuditEvent.entity_id == demand.id))
        assert audit is not None and audit.changes == diff({}, snapshot(demand))


async def _reltuples(db: AsyncSession, table: str) -> float:
    return float(await db.scalar(text("SELECT reltuples FROM pg_class WHERE relname = :t"), {"t": table}) or 0)


async def test_a_large_import_brings_the_statistics_up_to_date(
    client: httpx.AsyncClient, db: AsyncSession, supplier: Account
) -> None:
    """Searches right after an import are planned for the table as it now is: an import that is
    large for the table (here three rows into an analyzed, nearly empty one) is followed by
    ANALYZE of the listing and search tables; a dry run by nothing."""
    await db.execute(text("ANALYZE listings, listing_search"))
    before = await _reltuples(db, "listing_search")
    assert before == await db.scalar(text("SELECT count(*) FROM listing_search"))
    rows = [listing_row(), listing_row(), listing_row(title="数控车床 CK6150 斜床身", category="0102")]
    response = await upload(client, supplier, csv_bytes(HEADER, rows), dry_run=True)
    assert response.status_code == 200 and response.json()["created"] == 3
    assert await _reltuples(db, "listing_search") == before
    response = await upload(client, supplier, csv_bytes(HEADER, rows), publish=True)
    assert response.status_code == 200 and response.json()["created"] == 3
    assert (
        await _reltuples(db, "listing_search")
        == before + 3
        == await db.scalar(text("SELECT count(*) FROM listing_search"))
    )
    assert await _reltuples(db, "listings") == await db.scalar(text("SELECT count(*) FROM listings"))


async def test_after_bulk_write_waits_for_a_tenth_of_the_table(db: AsyncSession) -> None:
    await db.execute(text("ANALYZE listing_search"))
    counted = await _reltuples(db, "listing_search")
    assert await after_bulk_write(db, "listing", 0) is False
    if counted >= 20:
        assert await after_bulk_write(db, "listing", int(counted * 0.05)) is False
    assert await after_bulk_write(db, "listing", int(counted * 0.1) + 1) is True
    await db.execute(text("UPDATE pg_class SET reltuples = -1 WHERE relname = 'demand_search'"))
    assert await after_bulk_write(db, "demand", 1) is True  # never analyzed: any write counts
    assert await _reltuples(db, "demand_search") >= 0
    # every search column an estimate reads is analyzed, not the two no estimate reads
    from catalog.search.upkeep import ANALYZED

    listing_columns = ANALYZED["listing_search"].split(", ")
    assert {"status", "category_code", "service_regions", "match_vector"} <= set(listing_columns)
    assert not {"search_vector", "search_text"} & set(listing_columns + ANALYZED["demand_search"].split(", "))
