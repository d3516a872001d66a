"""The demand list over HTTP: create, list own, read (anonymised for suppliers), change (If-Match),
publish, unpublish, close, withdraw, renew, history."""

from __future__ import annotations

import uuid
from typing import Annotated, Literal

from fastapi import APIRouter, Header, Response
from sqlalchemy.ext.asyncio import AsyncSession

from catalog.access import Action, Actor
from catalog.audit.schemas import AuditEntry
from catalog.demands import repository
from catalog.demands.models import Demand
from catalog.demands.schemas import DemandAnonymous, DemandClose, DemandCreate, DemandRead, DemandUpdate
from catalog.demands.service import (
    change_status,
    create_demand,
    demand_for,
    demand_history,
    demand_view_for,
    renew_demand,
    update_demand,
)
from catalog.schemas import Page
from service.api.params import IfMatch, Limit, Offset, check_if_match, etag
from service.auth import BuyerActor, CurrentActor, SettingsDep
from service.db import SessionDep
from service.idempotency import run_idempotent

router = APIRouter(prefix="/demands", tags=["demands"])


def _headers(read: DemandRead) -> dict[str, str]:
    return {"ETag": etag(read.version), "Location": f"/api/v1/demands/{read.id}"}


def _read(demand: Demand, response: Response) -> DemandRead:
    response.headers["ETag"] = etag(demand.version)
    return DemandRead.model_validate(demand)


async def _owned(session: AsyncSession, actor: Actor, demand_id: uuid.UUID, if_match: str | None = None) -> Demand:
    """The demand, locked, if `actor` is its buyer; a stale If-Match → 412."""
    demand = await demand_for(session, actor=actor, demand_id=demand_id, action=Action.WRITE)
    check_if_match(if_match, demand.version)
    return demand


@router.post("", response_model=DemandRead, status_code=201)
async def post_demand(
    data: DemandCreate,
    actor: BuyerActor,
    session: SessionDep,
    idempotency_key: Annotated[str | None, Header(alias="Idempotency-Key")] = None,
) -> Response:
    """Create a draft renewal demand (buyer); honours Idempotency-Key."""

    async def create() -> DemandRead:
        return DemandRead.model_validate(await create_demand(session, actor=actor, data=data))

    return await run_idempotent(
        session, actor=actor, key=idempotency_key, endpoint="POST /demands", payload=data,
        create=create, headers=_headers,
    )  # fmt: skip


@router.get("", response_model=Page[DemandRead])
async def my_demands(
    actor: BuyerActor,
    session: SessionDep,
    limit: Limit = 20,
    offset: Offset = 0,
    status: Literal["draft", "published", "closed"] | None = None,
) -> Page[DemandRead]:
    """The buyer's own demands in every status, newest first."""
    assert actor.organization_id is not None
    rows, total = await repository.list_for_organization(
        session, actor.organization_id, status=status, limit=limit, offset=offset
    )
    return Page(items=[DemandRead.model_validate(r) for r in rows], total=total)


@router.get("/{demand_id}", response_model=DemandRead | DemandAnonymous)
async def get_demand(
    demand_id: uuid.UUID, actor: CurrentActor, session: SessionDep, response: Response
) -> DemandRead | DemandAnonymous:
    """One demand: in full for its buyer and bureaus in scope; anonymised for suppliers once published."""
    view = await demand_view_for(session, actor=actor, demand_id=demand_id)
    return view if isinstance(view, DemandAnonymous) else _read(view, response)


@router.patch("/{demand_id}", response_model=DemandRead)
async def patch_demand(
    demand_id: uuid.UUID,
    changes: DemandUpdate,
    actor: CurrentActor,
    session: SessionDep,
    response: Response,
    if_match: IfMatch = None,
) -> DemandRead:
    """Change some fields of a draft or published demand (its buyer); a stale If-Match gets 412."""
    demand = await _owned(session, actor, demand_id, if_match)
    return _read(await update_demand(session, actor=actor, demand=demand, changes=changes), response)


@router.delete("/{demand_id}", status_code=204, response_class=Response)
async def withdraw_demand(
    demand_id: uuid.UUID, actor: CurrentActor, session: SessionDep, if_match: IfMatch = None
) -> Response:
    """Withdraw a demand (its buyer): closed with reason `withdrawn`."""
    demand = await _owned(session, actor, demand_id, if_match)
    await change_status(session, actor=actor, demand=demand, action="close", reason="withdrawn")
    return Response(status_code=204)


@router.post("/{demand_id}/publish", response_model=DemandRead)
async def publish(
    demand_id: uuid.UUID, actor: CurrentActor, session: SessionDep, settings: SettingsDep, response: Response
) -> DemandRead:
    """Publish a demand: suppliers see it (anonymised) and matching starts; it expires after EQM_DEMAND_TTL_DAYS."""
    demand = await _owned(session, actor, demand_id)
    demand = await change_status(
        session, actor=actor, demand=demand, action="publish", ttl_days=settings.demand_ttl_days
    )
    return _read(demand, response)


@router.post("/{demand_id}/unpublish", response_model=DemandRead)
async def unpublish(demand_id: uuid.UUID, actor: CurrentActor, session: SessionDep, response: Response) -> DemandRead:
    """Take a published demand back to draft (out of search and matching)."""
    demand = await _owned(session, actor, demand_id)
    return _read(await change_status(session, actor=actor, demand=demand, action="unpublish"), response)


@router.post("/{demand_id}/close", response_model=DemandRead)
async def close(
    demand_id: uuid.UUID, body: DemandClose, actor: CurrentActor, session: SessionDep, response: Response
) -> DemandRead:
    """Close a demand as fulfilled or withdrawn (its buyer)."""
    demand = await _owned(session, actor, demand_id)
    demand = await change_status(session, actor=actor, demand=demand, action="close", reason=body.reason)
    return _read(demand, response)


@router.post("/{demand_id}/renew", response_model=DemandRead)
async def renew(
    demand_id: uuid.UUID, actor: CurrentActor, session: SessionDep, settings: SettingsDep, response: Response
) -> DemandRead:
    """Extend a published demand by EQM_DEMAND_TTL_DAYS, or republish one that expired within 30 days."""
    demand = await _owned(session, actor, demand_id)
    return _read(await renew_demand(session, actor=actor, demand=demand, ttl_days=settings.demand_ttl_days), response)


@router.get("/{demand_id}/history", response_model=Page[AuditEntry])
async def history(
    demand_id: uuid.UUID, actor: CurrentActor, session: SessionDep, limit: Limit = 20, offset: Offset = 0
) -> Page[AuditEntry]:
    """The demand's audit trail, oldest first (its buyer, bureaus in scope, admin)."""
    entries, total = await demand_history(session, actor=actor, demand_id=demand_id, limit=limit, offset=offset)
    return Page(items=entries, total=total)
