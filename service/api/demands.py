"""The demand list over HTTP: create, list own, read (anonymised for suppliers), publish."""

from __future__ import annotations

import uuid
from typing import Annotated, Literal

from fastapi import APIRouter, Header, Response

from catalog.access import Action
from catalog.demands import repository
from catalog.demands.schemas import DemandAnonymous, DemandCreate, DemandRead
from catalog.demands.service import anonymise, create_demand, demand_for, publish_demand
from catalog.errors import NotFound
from catalog.schemas import Page
from service.api.params import Limit, Offset, etag
from service.auth import BuyerActor, CurrentActor, SettingsDep
from service.db import SessionDep
from service.idempotency import run_idempotent

router = APIRouter(prefix="/demands", tags=["demands"])


def _headers(read: DemandRead) -> dict[str, str]:
    return {"ETag": etag(read.version), "Location": f"/api/v1/demands/{read.id}"}


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
    if actor.is_kind("supplier"):
        demand = await repository.get_demand(session, demand_id)
        if demand is None or demand.status != "published":
            raise NotFound("需求不存在")
        return anonymise(demand)
    demand = await demand_for(session, actor=actor, demand_id=demand_id, action=Action.READ)
    response.headers["ETag"] = etag(demand.version)
    return DemandRead.model_validate(demand)


@router.post("/{demand_id}/publish", response_model=DemandRead)
async def publish(
    demand_id: uuid.UUID, actor: CurrentActor, session: SessionDep, settings: SettingsDep, response: Response
) -> DemandRead:
    """Publish a demand: suppliers see it (anonymised) and matching starts."""
    demand = await demand_for(session, actor=actor, demand_id=demand_id, action=Action.WRITE)
    demand = await publish_demand(session, actor=actor, demand=demand, ttl_days=settings.demand_ttl_days)
    response.headers["ETag"] = etag(demand.version)
    return DemandRead.model_validate(demand)
