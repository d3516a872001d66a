"""The supply list as a spreadsheet: its columns (English or Chinese headers), validating a row
into listing values, importing a file and exporting a supplier's listings in the same columns."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any, Literal

from pydantic import ValidationError
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from catalog.access import Actor
from catalog.importing import ImportResult, ImportSpec, Progress, field_errors, model_errors, run_import
from catalog.listings.models import Listing
from catalog.listings.rules import check_listing, decide_act, decide_create, decide_edit
from catalog.listings.schemas import ListingCreate
from catalog.listings.service import require_supplier, snapshot
from catalog.reference import ReferenceData
from catalog.search.indexing import listing_index_context, new_listing_search_text
from catalog.tabular import Cell, Column, RowError, Table, export_cell

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
    # Last, so the contract's columns keep their places: the platform's id, written by exports
    # so an export re-imports onto the same listings.
    Column("id", aliases=("系统编号", "平台编号")),
)
HEADER = [c.name for c in COLUMNS]
HEADER_ZH = [c.aliases[0] for c in COLUMNS]
_NAMES = set(HEADER)


def validate_row(
    row: int, raw: dict[str, Any], refs: ReferenceData, actor: Actor
) -> tuple[dict[str, Any] | None, list[RowError], list[RowError]]:
    """One row → listing values: the schema, then `check_listing` (the API's own check) with the
    preloaded reference data. Every problem of the row is reported; warnings come with the values."""
    assert actor.region_code is not None
    body = {k: v for k, v in raw.items() if v is not None}
    body.setdefault("description", "")
    try:
        data = ListingCreate.model_validate(body)
    except ValidationError as exc:
        errors = model_errors(exc, row=row, columns=_NAMES, rename={}, fallback="price_max")
        failed = {e.column for e in errors}
        # Check what did parse too, so the supplier sees every problem of the row at once.
        rest = {k: v for k, v in body.items() if k not in failed}
        partial = ListingCreate.model_construct(**{"category": "", **rest})
        checked = check_listing(partial, refs, default_region=actor.region_code)
        skip = failed | ({"category"} if not rest.get("category") else set())
        errors += [e for e in field_errors(checked.errors, row=row) if e.column not in skip]
        return None, errors, []
    valid = check_listing(data, refs, default_region=actor.region_code)
    if valid.errors:
        return None, field_errors(valid.errors, row=row), []
    return valid.values, [], field_errors(valid.warnings, row=row)


def _edit(listing: Listing, values: Any, now: datetime) -> dict[str, Any]:
    return decide_edit(listing, values, now=now)


def _publish(listing: Listing, now: datetime) -> dict[str, Any]:
    return decide_act(listing, "publish", now=now)


SPEC = ImportSpec[Listing](
    entity="listing",
    noun="挂牌",
    model=Listing,
    columns=COLUMNS,
    required=("title", "category"),
    validate=validate_row,
    snapshot=snapshot,
    decide_create=decide_create,
    decide_edit=_edit,
    decide_publish=_publish,
    search_text=new_listing_search_text,
    index_context=listing_index_context,
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
    """Import a supplier's listings; a row naming one of them (id, then external_id) updates it."""
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
            listing.energy_grade, listing.tags, listing.service_regions, listing.specs, str(listing.id),
        )
    ]  # fmt: skip


def export_header(language: Literal["en", "zh"]) -> list[str]:
    return HEADER_ZH if language == "zh" else HEADER


async def listings_for_export(
    session: AsyncSession, *, actor: Actor, status: str | None, include_archived: bool = False
) -> Sequence[Listing]:
    """The supplier's own listings, oldest first (the order they were entered in); archived ones
    only when asked for (by `status=archived` or `include_archived`)."""
    organization_id = require_supplier(actor)
    stmt = select(Listing).where(Listing.organization_id == organization_id)
    if status:
        stmt = stmt.where(Listing.status == status)
    elif not include_archived:
        stmt = stmt.where(Listing.status != "archived")
    return (await session.scalars(stmt.order_by(Listing.created_at, Listing.id))).all()
