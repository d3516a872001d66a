"""Spreadsheets over HTTP: importing and exporting the supply and demand lists, and turning an
asset ledger into draft demands. Mounted before listings/demands so /listings/import is not
taken for /listings/{id}."""

from __future__ import annotations

import asyncio
import uuid
from datetime import date
from typing import Annotated, Literal
from urllib.parse import quote

from fastapi import APIRouter, BackgroundTasks, File, Query, Request, UploadFile
from fastapi.responses import Response
from pydantic import Field

from catalog import cpu
from catalog.db import utcnow
from catalog.demands import importer as demand_sheet
from catalog.demands.ledger import LedgerItem, LedgerReport, default_rules, import_ledger
from catalog.importing import ImportReport
from catalog.listings import importer as listing_sheet
from catalog.search.upkeep import after_bulk_write
from catalog.tabular import FileTooLarge, Format, Table, file_error, read_table, write_table
from matching.policies import service as policies
from matching.policies.schemas import Support
from matching.policies.views import PolicyCitation
from service.auth import BuyerActor, SettingsDep, SupplierActor
from service.config import Settings
from service.db import SessionDep

router = APIRouter(tags=["import-export"])

Upload = Annotated[UploadFile, File(description="CSV (UTF-8 或 GBK) 或 XLSX 文件")]
Publish = Annotated[bool, Query(description="导入后直接发布")]
DryRun = Annotated[bool, Query(description="只校验，不写入")]
Partial = Annotated[bool, Query(description="写入校验通过的行，跳过有错的行（默认：一行有错则全部不写入）")]
ExportFormat = Annotated[Literal["xlsx", "csv"], Query(alias="format")]
HeaderLanguage = Annotated[Literal["en", "zh"], Query(description="表头语言：en 英文列名（默认），zh 中文列名")]
IncludeArchived = Annotated[
    bool, Query(description="也导出已归档的挂牌 / 已关闭的需求（默认不导出，导回时它们不能修改）")
]
MEDIA_TYPES = {
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "csv": "text/csv; charset=utf-8",
}


async def read_upload(upload: UploadFile, settings: Settings) -> Table:
    """The uploaded table; larger than EQM_IMPORT_MAX_BYTES → 413, not CSV/XLSX → 415."""
    data = await upload.read(settings.import_max_bytes + 1)
    if len(data) > settings.import_max_bytes:
        limit = settings.import_max_bytes // (1024 * 1024)
        raise file_error(f"文件超过 {limit} MB 上限，请拆分后分批导入", FileTooLarge)
    if not data:
        raise file_error("文件为空")
    return read_table(data, upload.filename)


def refresh_after_import(request: Request, background: BackgroundTasks, kind: str, rows: int) -> None:
    """Once the response is sent: the statistics and search indexes brought up to date when the
    import was large for the table (`after_bulk_write`), so the next searches are planned for it."""
    maker = request.app.state.sessionmaker

    async def refresh() -> None:
        async with maker() as session, session.begin():
            await after_bulk_write(session, kind, rows)

    if rows:
        background.add_task(refresh)


def download(content: bytes, *, fmt: Format, stem: str, ascii_stem: str) -> Response:
    """An attachment whose Chinese file name survives every browser (RFC 6266 filename*), with an
    ASCII name for clients that only read `filename`."""
    day = f"{utcnow():%Y%m%d}"
    name, ascii_name = f"{stem}-{day}.{fmt}", f"{ascii_stem}-{day}.{fmt}"
    disposition = f"attachment; filename=\"{ascii_name}\"; filename*=UTF-8''{quote(name)}"
    return Response(content, media_type=MEDIA_TYPES[fmt], headers={"Content-Disposition": disposition})


@router.post("/listings/import", response_model=ImportReport)
async def import_listing_file(
    request: Request,
    background: BackgroundTasks,
    file: Upload,
    actor: SupplierActor,
    session: SessionDep,
    settings: SettingsDep,
    publish: Publish = False,
    dry_run: DryRun = False,
    partial: Partial = False,
) -> ImportReport:
    """Import listings from CSV/XLSX (supplier); a row with a known id or external_id updates that listing."""
    await asyncio.to_thread(cpu.prestart)  # the pool's workers start while the file is read
    table = await read_upload(file, settings)
    result = await listing_sheet.import_listings(
        session, actor=actor, table=table, publish=publish, dry_run=dry_run, partial=partial
    )
    refresh_after_import(request, background, "listing", result.written)
    return ImportReport.of(result)


@router.get("/listings/export", response_class=Response)
async def export_listing_file(
    actor: SupplierActor,
    session: SessionDep,
    fmt: ExportFormat = "xlsx",
    status: Literal["draft", "published", "archived"] | None = None,
    include_archived: IncludeArchived = False,
    headers: HeaderLanguage = "en",
) -> Response:
    """Export the supplier's own listings in the import columns plus `id` (xlsx or UTF-8 CSV); re-imports as unchanged."""
    listings = await listing_sheet.listings_for_export(
        session, actor=actor, status=status, include_archived=include_archived
    )
    header = listing_sheet.export_header(headers)
    content = write_table(fmt, header, map(listing_sheet.export_row, listings), title="供给清单")
    return download(content, fmt=fmt, stem="供给清单", ascii_stem="listings")


@router.post("/demands/import", response_model=ImportReport)
async def import_demand_file(
    request: Request,
    background: BackgroundTasks,
    file: Upload,
    actor: BuyerActor,
    session: SessionDep,
    settings: SettingsDep,
    publish: Publish = False,
    dry_run: DryRun = False,
    partial: Partial = False,
) -> ImportReport:
    """Import demands from CSV/XLSX (buyer); a row with a known id or external_id updates that demand."""
    await asyncio.to_thread(cpu.prestart)
    table = await read_upload(file, settings)
    result = await demand_sheet.import_demands(
        session, actor=actor, table=table, ttl_days=settings.demand_ttl_days,
        publish=publish, dry_run=dry_run, partial=partial,
    )  # fmt: skip
    refresh_after_import(request, background, "demand", result.written)
    return ImportReport.of(result)


@router.get("/demands/export", response_class=Response)
async def export_demand_file(
    actor: BuyerActor,
    session: SessionDep,
    fmt: ExportFormat = "xlsx",
    status: Literal["draft", "published", "closed"] | None = None,
    include_archived: IncludeArchived = False,
    headers: HeaderLanguage = "en",
) -> Response:
    """Export the buyer's own demands in the import columns plus `id` (xlsx or UTF-8 CSV); re-imports as unchanged."""
    demands = await demand_sheet.demands_for_export(
        session, actor=actor, status=status, include_closed=include_archived
    )
    header = demand_sheet.export_header(headers)
    content = write_table(fmt, header, map(demand_sheet.export_row, demands), title="需求清单")
    return download(content, fmt=fmt, stem="需求清单", ascii_stem="demands")


class LedgerItemSupport(LedgerItem):
    support: Support | None = None
    policy_citations: list[PolicyCitation] = Field(default_factory=list)


class LedgerReportSupport(LedgerReport):
    items: list[LedgerItemSupport]  # type: ignore[assignment]


@router.post("/demands/ledger", response_model=LedgerReportSupport)
async def import_ledger_file(
    file: Upload, actor: BuyerActor, session: SessionDep, settings: SettingsDep, dry_run: DryRun = False
) -> LedgerReportSupport:
    """Upload an equipment ledger (设备台账); rows due for renewal become draft demands citing the
    renewal rule, each with the policy support it may get (`support`, `policy_citations`)."""
    table = await read_upload(file, settings)
    today = date.today()
    report = await import_ledger(session, actor=actor, table=table, rules=default_rules(), today=today, dry_run=dry_run)
    items = []
    for item in report.items:
        found = await policies.demand_support(session, uuid.UUID(item.demand_id)) if item.demand_id else None
        items.append(LedgerItemSupport(**item.model_dump(), support=found[0] if found else None,
                                       policy_citations=found[1] if found else []))  # fmt: skip
    return LedgerReportSupport(**{**report.model_dump(), "items": items})
