"""The demand list as a spreadsheet: its columns (English or Chinese headers), validating a row
into demand values, importing a file and exporting a buyer's demands in the same columns."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime
from typing import Any, Literal

from pydantic import ValidationError
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from catalog.access import Actor
from catalog.demands.models import MOTIVATIONS, Demand
from catalog.demands.rules import check_demand, decide_act, decide_create, decide_edit
from catalog.demands.schemas import DemandCreate
from catalog.demands.service import require_buyer, snapshot
from catalog.importing import ImportResult, ImportSpec, Progress, field_errors, model_errors, run_import
from catalog.reference import ReferenceData
from catalog.tabular import Cell, Column, RowError, Table, export_cell

COLUMNS = (
    Column("external_id", aliases=("外部编号", "编号", "需求编号")),
    Column("title", aliases=("标题", "需求名称")),
    Column("category", aliases=("品类", "类别", "设备类别", "品类编码")),
    Column("description", aliases=("描述", "说明", "需求描述")),
    Column("quantity", "integer", ("数量", "需求数量")),
    Column("budget_max", "money", ("预算", "预算上限", "最高预算")),
    Column("region_code", aliases=("所在地区", "地区", "行政区划代码", "地区代码")),
    Column("needed_by", "date", ("需求日期", "期望交付日期", "需要日期")),
    Column("motivations", "list", ("更新动因", "动因", "更新方向")),
    Column("replaces_description", aliases=("被替换设备", "旧设备", "旧设备描述")),
    Column("replaces_age_years", "integer", ("旧设备役龄", "服役年限", "旧设备服役年限")),
    Column("replaces_count", "integer", ("旧设备数量", "被替换数量")),
    Column("replaces_energy_grade", "integer", ("旧设备能效等级", "被替换设备能效等级")),
    Column("specs", "json", ("参数", "技术参数", "技术要求")),
    # Last, so the contract's columns keep their places (see catalog/listings/importer.py).
    Column("id", aliases=("系统编号", "平台编号")),
)
HEADER = [c.name for c in COLUMNS]
HEADER_ZH = [c.aliases[0] for c in COLUMNS]
_NAMES = set(HEADER)
REPLACES = ("description", "age_years", "count", "energy_grade")
# The words of the policy documents (高端化、智能化、绿色化、安全) for the four motivations.
MOTIVATION_WORDS = {
    **{m: m for m in MOTIVATIONS},
    "高端化": "high_end", "高端": "high_end", "智能化": "smart", "智能": "smart",
    "绿色化": "green", "绿色": "green", "安全": "safety", "安全化": "safety",
}  # fmt: skip


def validate_row(
    row: int, raw: dict[str, Any], refs: ReferenceData, actor: Actor
) -> tuple[dict[str, Any] | None, list[RowError], list[RowError]]:
    """One row → demand values: the spreadsheet words (高端化, a blank region), the schema, then
    `check_demand` (the API's own check) with the preloaded reference data."""
    body: dict[str, Any] = {k: v for k, v in raw.items() if v is not None and not k.startswith("replaces_")}
    body.setdefault("description", "")
    if actor.region_code:
        body.setdefault("region_code", actor.region_code)
    errors: list[RowError] = []
    words = body.get("motivations", [])
    unknown = [w for w in words if w.casefold() not in MOTIVATION_WORDS]
    if unknown:
        errors.append(
            RowError(row, "motivations", f"未知更新动因：{'、'.join(unknown[:4])}（可选 高端化/智能化/绿色化/安全）")
        )
    body["motivations"] = list(dict.fromkeys(MOTIVATION_WORDS[w.casefold()] for w in words if w not in unknown))
    replaces = {key: raw.get(f"replaces_{key}") for key in REPLACES}
    if any(v is not None for v in replaces.values()):
        body["replaces"] = replaces
    data: DemandCreate | None = None
    try:
        data = DemandCreate.model_validate(body)
    except ValidationError as exc:
        rename = {f"replaces.{key}": f"replaces_{key}" for key in REPLACES}
        errors += model_errors(exc, row=row, columns=_NAMES, rename=rename, fallback="title")
    failed = {e.column for e in errors}
    if data is None:
        # Check what did parse too, so the buyer sees every problem of the row at once.
        rest = {k: v for k, v in body.items() if k not in failed and k != "replaces"}
        data_partial = DemandCreate.model_construct(**{"region_code": "", **rest})
        checked = check_demand(data_partial, refs)
        skip = failed | ({"region_code"} if not rest.get("region_code") else set())
        errors += [e for e in field_errors(checked.errors, row=row) if e.column not in skip]
        return None, errors, []
    valid = check_demand(data, refs)
    errors += field_errors(valid.errors, row=row)
    if errors:
        return None, errors, []
    return valid.values, [], field_errors(valid.warnings, row=row)


def _publisher(ttl_days: int) -> Callable[[Demand, datetime], dict[str, Any]]:
    def publish(demand: Demand, now: datetime) -> dict[str, Any]:
        return decide_act(demand, "publish", now=now, ttl_days=ttl_days)

    return publish


def _edit(demand: Demand, values: Any, now: datetime) -> dict[str, Any]:
    return decide_edit(demand, values)


def import_spec(ttl_days: int) -> ImportSpec[Demand]:
    return ImportSpec[Demand](
        entity="demand",
        noun="需求",
        model=Demand,
        columns=COLUMNS,
        required=("title", "quantity"),
        validate=validate_row,
        snapshot=snapshot,
        decide_create=decide_create,
        decide_edit=_edit,
        decide_publish=_publisher(ttl_days),
    )


async def import_demands(
    session: AsyncSession,
    *,
    actor: Actor,
    table: Table,
    ttl_days: int,
    publish: bool = False,
    dry_run: bool = False,
    partial: bool = False,
    progress: Progress | None = None,
) -> ImportResult:
    """Import a buyer's demands; a row naming one of them (id, then external_id) updates it. A
    blank region is the buyer's own region."""
    organization_id = require_buyer(actor)
    return await run_import(
        session, import_spec(ttl_days), actor=actor, organization_id=organization_id, table=table,
        publish=publish, dry_run=dry_run, partial=partial, progress=progress,
    )  # fmt: skip


def export_row(demand: Demand) -> list[Cell]:
    replaces = demand.replaces or {}
    return [
        export_cell(v)
        for v in (
            demand.external_id, demand.title, demand.category_code, demand.description, demand.quantity,
            demand.budget_max, demand.region_code, demand.needed_by, demand.motivations,
            *(replaces.get(key) for key in REPLACES), demand.specs, str(demand.id),
        )
    ]  # fmt: skip


def export_header(language: Literal["en", "zh"]) -> list[str]:
    return HEADER_ZH if language == "zh" else HEADER


async def demands_for_export(
    session: AsyncSession, *, actor: Actor, status: str | None, include_closed: bool = False
) -> Sequence[Demand]:
    """The buyer's own demands, oldest first; closed ones only when asked for (by `status=closed`
    or `include_closed`)."""
    organization_id = require_buyer(actor)
    stmt = select(Demand).where(Demand.organization_id == organization_id)
    if status:
        stmt = stmt.where(Demand.status == status)
    elif not include_closed:
        stmt = stmt.where(Demand.status != "closed")
    return (await session.scalars(stmt.order_by(Demand.created_at, Demand.id))).all()
