"""Demand-list rules: creating, validating, publishing and anonymising renewal needs."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from catalog.access import Action, Actor, authorize
from catalog.changes import record_change
from catalog.db import utcnow
from catalog.demands import repository
from catalog.demands.models import Demand
from catalog.demands.schemas import DemandAnonymous, DemandCreate
from catalog.errors import Conflict, FieldError, Forbidden, NotFound, ValidationFailed
from catalog.regions.repository import existing_codes
from catalog.search.indexing import index_demands
from catalog.taxonomy.models import Category
from catalog.taxonomy.repository import find_category
from catalog.taxonomy.specs import check_demand_specs

ENTITY = "demand"
AUDITED_FIELDS = (
    "external_id", "title", "category_code", "description", "quantity", "budget_max", "region_code",
    "needed_by", "motivations", "replaces", "specs", "status", "close_reason", "expires_at",
)  # fmt: skip


@dataclass
class ValidDemand:
    category: Category | None
    values: dict[str, Any]


def snapshot(demand: Demand) -> dict[str, Any]:
    return {name: getattr(demand, name) for name in AUDITED_FIELDS}


async def validate_demand(session: AsyncSession, data: DemandCreate, *, prefix: str = "") -> ValidDemand:
    """Everything that needs the database, every problem reported at once."""
    errors: list[FieldError] = []
    category = None
    if data.category is not None:
        category = await find_category(session, data.category)
        if category is None:
            errors.append(FieldError(f"{prefix}category", f"未知品类：{data.category[:50]}"))
    if not await existing_codes(session, [data.region_code]):
        errors.append(FieldError(f"{prefix}region_code", f"未知行政区划代码：{data.region_code}"))
    if category is not None:
        errors.extend(check_demand_specs(category.spec_schema, data.specs, field=f"{prefix}specs"))
    if errors:
        raise ValidationFailed("需求信息有误", errors=errors)
    values = data.model_dump(exclude={"category", "replaces", "motivations"})
    values.update(
        category_code=category.code if category else None,
        replaces=data.replaces.model_dump() if data.replaces else None,
        motivations=list(dict.fromkeys(data.motivations)),
    )
    return ValidDemand(category=category, values=values)


def apply_changes(demand: Demand, values: dict[str, Any]) -> set[str]:
    """Set the fields whose value differs and bump the version. Returns the changed field names."""
    changed = {name for name, value in values.items() if getattr(demand, name) != value}
    for name in changed:
        setattr(demand, name, values[name])
    if changed:
        demand.version += 1
    return changed


async def saved(
    session: AsyncSession,
    *,
    demand: Demand,
    action: str,
    actor: Actor | None,
    before: dict[str, Any],
    note: str | None = None,
) -> None:
    """After every write to a demand: the audit row, the outbox event and the search fields."""
    await session.flush()
    await record_change(
        session, entity_type=ENTITY, entity_id=demand.id, action=action, actor=actor,
        before=before, after=snapshot(demand), note=note,
    )  # fmt: skip
    await index_demands(session, [demand])


def require_buyer(actor: Actor) -> uuid.UUID:
    if not actor.is_kind("buyer") or actor.organization_id is None:
        raise Forbidden("只有需求企业可以发布设备更新需求")
    return actor.organization_id


async def create_demand(session: AsyncSession, *, actor: Actor, data: DemandCreate) -> Demand:
    organization_id = require_buyer(actor)
    valid = await validate_demand(session, data)
    if data.external_id and await repository.get_by_external_id(session, organization_id, data.external_id):
        raise Conflict(f"外部编号 {data.external_id} 已被本企业的其他需求使用")
    demand = Demand(organization_id=organization_id, status="draft", version=1, **valid.values)
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


def city_level(region_code: str) -> str:
    """A county or zone code shown at its city (330481 海宁市 → 330400 嘉兴市); GB/T 2260 puts the
    city in the first four digits."""
    return region_code if region_code.endswith("0000") else region_code[:4] + "00"


def anonymise(demand: Demand) -> DemandAnonymous:
    return DemandAnonymous.model_validate(
        {
            **{name: getattr(demand, name) for name in DemandAnonymous.model_fields if hasattr(demand, name)},
            "region_code": city_level(demand.region_code),
            "industry_code": demand.organization.industry_code,
        }
    )


async def publish_demand(session: AsyncSession, *, actor: Actor, demand: Demand, ttl_days: int) -> Demand:
    if demand.status == "published":
        return demand
    if demand.status == "closed":
        raise Conflict("已关闭的需求不能再次发布")
    before = snapshot(demand)
    now = utcnow()
    demand.status = "published"
    demand.published_at = now
    demand.expires_at = now + timedelta(days=ttl_days)
    demand.version += 1
    await saved(session, demand=demand, action="publish", actor=actor, before=before)
    return await load_demand(session, demand.id)
