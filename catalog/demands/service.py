"""Demand-list services: validating, creating, changing, publishing, closing, renewing and expiring
renewal needs one by one, and who may see the buyer behind one. What each act does is decided in
catalog/demands/rules.py and recorded by catalog/changes.py, the same two the importer and the
ledger use."""

from __future__ import annotations

import uuid
from collections.abc import Collection, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

import structlog
from sqlalchemy.ext.asyncio import AsyncSession

from catalog.access import Action, Actor, authorize, city_level, may, reads_in_full
from catalog.audit import repository as audit
from catalog.audit.schemas import AuditEntry, audit_entry
from catalog.changes import Change, record, set_changed_fields
from catalog.db import utcnow
from catalog.demands import repository
from catalog.demands.models import Demand
from catalog.demands.rules import (
    RENEW_GRACE,
    ValidDemand,
    check_demand,
    decide_act,
    decide_create,
    decide_edit,
    decide_renew,
    renewal_deadline,
)
from catalog.demands.schemas import DemandAnonymous, DemandCreate, DemandUpdate, Replaces
from catalog.errors import Conflict, Forbidden, NotFound, ValidationFailed
from catalog.notifications.service import notify
from catalog.reference import ReferenceData

log = structlog.get_logger(__name__)

ENTITY = "demand"
AUDITED_FIELDS = (
    "external_id", "title", "category_code", "description", "quantity", "budget_max", "region_code",
    "needed_by", "motivations", "replaces", "specs", "status", "close_reason", "expires_at",
)  # fmt: skip
__all__ = ["RENEW_GRACE", "renewal_deadline"]  # re-exported: callers and tests know them from here


def snapshot(demand: Demand) -> dict[str, Any]:
    return {name: getattr(demand, name) for name in AUDITED_FIELDS}


async def validate_demand(session: AsyncSession, data: DemandCreate, *, prefix: str = "") -> ValidDemand:
    """`check_demand` against reference data loaded for this one demand; 422 naming every bad field."""
    refs = await ReferenceData.load(session, region_codes=[data.region_code])
    valid = check_demand(data, refs, prefix=prefix)
    if valid.errors:
        raise ValidationFailed("需求信息有误", errors=valid.errors)
    return valid


def apply_changes(demand: Demand, values: dict[str, Any]) -> set[str]:
    """An edit decided by the rules and applied; the changed field names (matching's inference)."""
    return set_changed_fields(demand, decide_edit(demand, values))


async def saved(
    session: AsyncSession,
    *,
    demand: Demand,
    action: str,
    actor: Actor | None,
    before: dict[str, Any],
    note: str | None = None,
) -> None:
    """After every write to a demand: catalog.changes.record (audit, outbox, search fields)."""
    await session.flush()  # a new record gets its id
    await record(
        session, entity_type=ENTITY, actor=actor, changes=[Change(demand.id, action, before, snapshot(demand))],
        records=[demand], note=note,
    )  # fmt: skip


def require_buyer(actor: Actor) -> uuid.UUID:
    if not actor.is_kind("buyer") or actor.organization_id is None:
        raise Forbidden("只有需求企业可以发布设备更新需求")
    return actor.organization_id


async def create_demand(session: AsyncSession, *, actor: Actor, data: DemandCreate) -> Demand:
    organization_id = require_buyer(actor)
    valid = await validate_demand(session, data)
    if data.external_id and await repository.get_by_external_id(session, organization_id, data.external_id):
        raise Conflict(f"外部编号 {data.external_id} 已被本企业的其他需求使用")
    demand = Demand(organization_id=organization_id, **decide_create(valid.values))
    session.add(demand)
    await saved(session, demand=demand, action="create", actor=actor, before={})
    return await load_demand(session, demand.id)


async def load_demand(session: AsyncSession, demand_id: uuid.UUID) -> Demand:
    demand = await repository.get_demand(session, demand_id)
    if demand is None:
        raise NotFound("需求不存在")
    return demand


async def demand_for(session: AsyncSession, *, actor: Actor, demand_id: uuid.UUID, action: Action) -> Demand:
    """The demand if `actor` may do `action` on it: its buyer, bureaus whose scope holds the
    demand's region, the platform admin. Suppliers go through `anonymous_demand_for`."""
    demand = await repository.get_demand(session, demand_id, for_update=action is not Action.READ)
    if demand is None:
        raise NotFound("需求不存在")
    await authorize(
        session,
        actor,
        action,
        owner_organization_id=demand.organization_id,
        region_code=demand.region_code,
        what="需求",
    )
    return demand


def anonymise(demand: Demand) -> DemandAnonymous:
    return DemandAnonymous.model_validate(
        {
            **{name: getattr(demand, name) for name in DemandAnonymous.model_fields if hasattr(demand, name)},
            "region_code": city_level(demand.region_code),
            "industry_code": demand.organization.industry_code,
        }
    )


async def publish_demand(session: AsyncSession, *, actor: Actor, demand: Demand, ttl_days: int) -> Demand:
    """Publish: suppliers see it (anonymised) and matching starts; it expires after `ttl_days`."""
    return await change_status(session, actor=actor, demand=demand, action="publish", ttl_days=ttl_days)


async def change_status(
    session: AsyncSession,
    *,
    actor: Actor | None,
    demand: Demand,
    action: str,
    ttl_days: int = 0,
    reason: str | None = None,
    now: datetime | None = None,
) -> Demand:
    """publish | unpublish | close (see DEMAND_TRANSITIONS), audited. Repeating an act changes
    nothing; closing a demand already closed for another reason is a conflict."""
    before = snapshot(demand)
    decision = decide_act(demand, action, now=now or utcnow(), ttl_days=ttl_days, reason=reason)
    if not set_changed_fields(demand, decision):
        return demand
    await saved(session, demand=demand, action="expire" if reason == "expired" else action, actor=actor, before=before)
    return await load_demand(session, demand.id)


async def update_demand(session: AsyncSession, *, actor: Actor, demand: Demand, changes: DemandUpdate) -> Demand:
    """PATCH: merge the given fields, validate the result as a whole like a new demand (every bad
    field reported), apply and audit. A category the buyer sets replaces an inferred one."""
    decide_edit(demand, {})  # a closed demand cannot change (409)
    if not changes.model_fields_set:
        return demand
    merged = {name: getattr(demand, name) for name in DemandCreate.model_fields if name not in ("category", "replaces")}
    merged["category"] = demand.category_code
    merged["replaces"] = Replaces.model_validate(demand.replaces) if demand.replaces else None
    merged.update({name: getattr(changes, name) for name in changes.model_fields_set})
    # Each value is valid on its own already; validate_demand checks them together.
    valid = await validate_demand(session, DemandCreate.model_construct(**merged))
    if "category" in changes.model_fields_set:
        valid.values.update(category_inferred=False, category_confidence=None)
    external_id = valid.values["external_id"]
    if external_id and external_id != demand.external_id:
        if await repository.get_by_external_id(session, demand.organization_id, external_id):
            raise Conflict(f"外部编号 {external_id} 已被本企业的其他需求使用")
    before = snapshot(demand)
    if not set_changed_fields(demand, decide_edit(demand, valid.values)):
        return demand
    await saved(session, demand=demand, action="update", actor=actor, before=before)
    return await load_demand(session, demand.id)


async def renew_demand(session: AsyncSession, *, actor: Actor, demand: Demand, ttl_days: int) -> Demand:
    """Extend a published demand's life, or bring back one that expired lately (see renewal_deadline)."""
    before = snapshot(demand)
    set_changed_fields(demand, decide_renew(demand, now=utcnow(), ttl_days=ttl_days))
    await saved(session, demand=demand, action="renew", actor=actor, before=before)
    return await load_demand(session, demand.id)


@dataclass
class ExpiryBatch:
    examined: int
    closed: int = 0
    failed: list[uuid.UUID] = field(default_factory=list)


async def expire_demands(
    session: AsyncSession, *, now: datetime, limit: int = 500, skip: Collection[uuid.UUID] = frozenset()
) -> ExpiryBatch:
    """Close published demands whose time ran out (reason `expired`, no actor) and tell each buyer.
    Rows other workers hold are skipped, so several workers may run this at once. Each demand is
    closed in its own savepoint: one that fails is logged and reported in `failed` (pass those
    back as `skip` to go on past them) while the rest of the batch is kept."""
    demands = await repository.lock_expired(session, now=now, limit=limit, skip=skip)
    batch = ExpiryBatch(examined=len(demands))
    for demand in demands:
        try:
            async with session.begin_nested():
                await change_status(session, actor=None, demand=demand, action="close", reason="expired", now=now)
                await notify(
                    session, organization_id=demand.organization_id, kind="demand.expired",
                    title=f"您的需求“{demand.title[:60]}”已到期关闭",
                    body=f"需求已到期，{RENEW_GRACE.days}天内可续期恢复发布。",
                    entity_type=ENTITY, entity_id=demand.id, link=f"/api/v1/demands/{demand.id}",
                )  # fmt: skip
        except Exception:
            log.exception("expiring a demand failed", demand_id=str(demand.id))
            batch.failed.append(demand.id)
        else:
            batch.closed += 1
    return batch


def buyer_visible_to(
    actor: Actor,
    demand: Demand,
    contacted_supplier_ids: Collection[uuid.UUID] = frozenset(),
    *,
    region_ancestors: Sequence[str] = (),
) -> bool:
    """Whether `actor` may see who posted `demand` (name, USCC, user, exact region). Its buyer,
    bureaus whose scope holds the demand's region (`region_ancestors`: the region and its
    ancestors) and the platform admin always; a supplier only once the buyer has accepted contact
    with it (`contacted_supplier_ids`: the supplier organisations the buyer accepted), and never
    for a draft. Everybody else sees at most the anonymised demand."""
    if may(actor, Action.READ, owner_organization_id=demand.organization_id, region_ancestors=list(region_ancestors)):
        return True
    return (
        actor.is_kind("supplier")
        and actor.organization_id is not None
        and actor.organization_id in contacted_supplier_ids
        and demand.status != "draft"
    )


async def demand_view_for(
    session: AsyncSession,
    *,
    actor: Actor,
    demand_id: uuid.UUID,
    contacted_supplier_ids: Collection[uuid.UUID] = frozenset(),
) -> Demand | DemandAnonymous:
    """The demand as `actor` may see it: in full (see buyer_visible_to), anonymised for suppliers
    while it is published, otherwise 404."""
    demand = await repository.get_demand(session, demand_id)
    if demand is None:
        raise NotFound("需求不存在")
    in_full = await reads_in_full(
        session, actor, owner_organization_id=demand.organization_id, region_code=demand.region_code
    )
    if in_full or buyer_visible_to(actor, demand, contacted_supplier_ids):
        return demand
    if actor.is_kind("supplier") and demand.status == "published":
        return anonymise(demand)
    raise NotFound("需求不存在")


async def demand_history(
    session: AsyncSession, *, actor: Actor, demand_id: uuid.UUID, limit: int, offset: int
) -> tuple[list[AuditEntry], int]:
    """The audit trail of a demand, oldest first: its buyer, bureaus in scope and the admin only."""
    await demand_for(session, actor=actor, demand_id=demand_id, action=Action.READ)
    events, total = await audit.history_page(
        session, entity_type=ENTITY, entity_id=demand_id, limit=limit, offset=offset
    )
    return [audit_entry(e) for e in events], total
