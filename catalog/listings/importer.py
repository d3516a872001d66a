"""The supply list as a spreadsheet: its columns (English or Chinese headers), validating a row
into listing values, importing a file and exporting a supplier's listings in the same columns."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from pydantic import ValidationError
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from catalog.access import Actor
from catalog.db import utcnow
from catalog.importing import ImportResult, ImportSpec, Progress, ReferenceData, field_errors, model_errors, run_import
from catalog.listings.models import Listing
from catalog.listings.schemas import ListingCreate
from catalog.listings.service import apply_changes, require_supplier, snapshot
from catalog.regions.models import NATIONWIDE
from catalog.search.indexing import index_listings
from catalog.tabular import Cell, Column, RowError, Table, export_cell
from catalog.taxonomy.specs import check_listing_specs

COLUMNS = (
    Column("external_id", aliases=("外部编号", "编号", "产品编号", "SKU")),
    Column("title", aliases=("标题", "产品名称", "设备名称")),
    Column("category", aliases=("品类", "类别", "设备类别", "品类编码")),
    Column("brand", aliases=("品牌",)),
    Column("model", aliases=("型号", "规格型号")),
    Column("description", aliases=("描述", "说明", "产品描述", "产品介绍")),
    Column("price_min", "money", ("最低价", "最低价格", "价格下限")),
    Column("price_max", "money", ("最高价", "最高价格", "价格上限")),
    Column("lead_time_days", "integer", ("交货期", "交期", "交货期天数")),
    Column("energy_grade", "integer", ("能效等级", "能效")),
    Column("tags", "list", ("标签",)),
    Column("service_regions", "list", ("服务区域", "服务地区", "服务范围")),
    Column("specs", "json", ("参数", "技术参数", "规格参数")),
)
HEADER = [c.name for c in COLUMNS]
_NAMES = set(HEADER)


def validate_row(
    row: int, raw: dict[str, Any], refs: ReferenceData, actor: Actor
) -> tuple[dict[str, Any] | None, list[RowError]]:
    """One row → listing values, with the rules of `validate_listing` checked in memory. Every
    problem of the row is reported, the schema's and the reference data's together."""
    body = {k: v for k, v in raw.items() if v is not None}
    body.setdefault("description", "")
    data: ListingCreate | None = None
    try:
        data = ListingCreate.model_validate(body)
    except ValidationError as exc:
        errors = model_errors(exc, row=row, columns=_NAMES, rename={}, fallback="price_max")
    else:
        errors = []
    failed = {e.column for e in errors}
    category = None
    if raw.get("category") and "category" not in failed:
        category = refs.category(raw["category"])
        if category is None:
            errors.append(RowError(row, "category", f"未知品类：{raw['category'][:50]}"))
        elif category.level != "leaf":
            errors.append(RowError(row, "category", f"“{category.name}”是品类大类，请选择具体品类"))
    unknown_tags = [t for t in raw.get("tags", []) if t not in refs.tags]
    if unknown_tags and "tags" not in failed:
        errors.append(RowError(row, "tags", f"未知标签：{'、'.join(unknown_tags[:5])}"))
    assert actor.region_code is not None
    regions = list(dict.fromkeys(raw.get("service_regions") or [actor.region_code]))
    missing = [code for code in regions if code not in refs.regions]
    if missing and "service_regions" not in failed:
        errors.append(RowError(row, "service_regions", f"未知行政区划代码：{', '.join(missing[:5])}"))
    if category is not None and "specs" not in failed:
        errors.extend(field_errors(check_listing_specs(category.spec_schema, raw.get("specs", {})), row=row))
    if errors or data is None or category is None or category.level != "leaf":
        return None, errors
    values = data.model_dump(exclude={"category", "service_regions", "tags"})
    values.update(
        category_code=category.code,
        service_regions=[NATIONWIDE] if NATIONWIDE in regions else regions,
        tags=list(dict.fromkeys(data.tags)),
    )
    return values, []


def _publish(listing: Listing) -> bool:
    if listing.status == "published":
        return False
    listing.status = "published"
    listing.published_at = utcnow()
    listing.version += 1
    return True


def _locked(listing: Listing) -> str | None:
    if listing.status == "archived":
        return f"外部编号 {listing.external_id} 对应的挂牌已归档，请先恢复为草稿再导入修改"
    return None


SPEC = ImportSpec[Listing](
    entity="listing",
    noun="挂牌",
    model=Listing,
    columns=COLUMNS,
    required=("title", "category"),
    validate=validate_row,
    defaults={"status": "draft", "recommended": False, "review_status": "none", "version": 1},
    snapshot=snapshot,
    apply_changes=apply_changes,
    publish=_publish,
    index=index_listings,
    locked=_locked,
)


async def import_listings(
    session: AsyncSession,
    *,
    actor: Actor,
    table: Table,
    publish: bool = False,
    dry_run: bool = False,
    partial: bool = False,
    progress: Progress | None = None,
) -> ImportResult:
    """Import a supplier's listings; re-imported external ids update the supplier's own listings."""
    organization_id = require_supplier(actor)
    return await run_import(
        session, SPEC, actor=actor, organization_id=organization_id, table=table,
        publish=publish, dry_run=dry_run, partial=partial, progress=progress,
    )  # fmt: skip


def export_row(listing: Listing) -> list[Cell]:
    return [
        export_cell(v)
        for v in (
            listing.external_id, listing.title, listing.category_code, listing.brand, listing.model,
            listing.description, listing.price_min, listing.price_max, listing.lead_time_days,
            listing.energy_grade, listing.tags, listing.service_regions, listing.specs,
        )
    ]  # fmt: skip


async def listings_for_export(session: AsyncSession, *, actor: Actor, status: str | None) -> Sequence[Listing]:
    """The supplier's own listings, oldest first (the order they were entered in)."""
    organization_id = require_supplier(actor)
    stmt = select(Listing).where(Listing.organization_id == organization_id)
    if status:
        stmt = stmt.where(Listing.status == status)
    return (await session.scalars(stmt.order_by(Listing.created_at, Listing.id))).all()
