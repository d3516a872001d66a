"""Bureau statistics: the overview of the bureau's region (JSON or an Excel workbook) and the
plans' targets with progress."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Literal

from fastapi import APIRouter, Query, Request
from fastapi.responses import Response

from matching.statistics.export import overview_workbook
from matching.statistics.schemas import Overview, TargetsRead
from matching.statistics.service import overview
from matching.statistics.targets import target_progress
from service.auth import BureauActor
from service.db import SessionDep

router = APIRouter(prefix="/statistics", tags=["statistics"])

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
RegionParam = Annotated[str | None, Query(pattern=r"^(\d{6})?$", description="缩小到管辖范围内的某个区划")]
CategoryParam = Annotated[
    str | None, Query(max_length=64, pattern=r"^[^\x00-\x1f]*$", description="品类代码、名称或别名（含下级）")
]


@router.get("/overview", response_model=Overview, response_model_by_alias=True)
async def statistics_overview(
    request: Request,
    actor: BureauActor,
    session: SessionDep,
    region: RegionParam = None,
    category: CategoryParam = None,
    date_from: Annotated[date | None, Query(alias="from", description="起始日期（含，UTC）")] = None,
    date_to: Annotated[date | None, Query(alias="to", description="截止日期（含，UTC）")] = None,
    format: Literal["json", "xlsx"] = "json",
) -> Response | Overview:
    """Listings, demands, match stages and group purchases in the bureau's region (the admin: the
    country), by region one level below, by category group and by month; drafts never count."""
    result = await overview(
        session, actor=actor, region=region or None, category=category or None,
        date_from=date_from, date_to=date_to,
        strong_threshold=request.app.state.settings.match_notify_threshold,
    )  # fmt: skip
    if format == "json":
        return result
    return Response(
        overview_workbook(result), media_type=XLSX,
        headers={"Content-Disposition": f'attachment; filename="statistics-{result.scope.code}.xlsx"'},
    )  # fmt: skip


@router.get("/targets", response_model=TargetsRead, response_model_by_alias=True)
async def statistics_targets(actor: BureauActor, session: SessionDep, region: RegionParam = None) -> TargetsRead:
    """The plans' targets that concern the bureau's region, each with its document, exact quote and
    period, and the progress the platform can measure (null where it has no such data)."""
    return await target_progress(session, actor=actor, region=region or None)
