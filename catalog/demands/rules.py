"""What each act does to a demand, decided without a database: pure functions from the demand as
it is (and the act's input) to the field values it gets. Applied with
`catalog.changes.set_changed_fields`, recorded with `catalog.changes.record`, by the API service,
the importer, the ledger and the expiry job alike."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any, Protocol

from catalog.demands.schemas import DemandCreate
from catalog.errors import Conflict, FieldError
from catalog.lifecycle import DEMAND_TRANSITIONS, next_status
from catalog.reference import ReferenceData
from catalog.taxonomy.models import Category
from catalog.taxonomy.specs import check_demand_specs

Decision = dict[str, Any]
# How long after expiring a demand may still be renewed in place; later the buyer posts a new one,
# so that matching and suppliers never chase a need that went quiet months ago.
RENEW_GRACE = timedelta(days=30)
NEW_DEMAND: Mapping[str, Any] = {"status": "draft", "version": 1}


class DemandState(Protocol):
    status: str
    close_reason: str | None
    expires_at: datetime | None


def decide_create(values: Mapping[str, Any]) -> Decision:
    """A new demand: the validated values as a draft."""
    return {"category_inferred": False, **values, **NEW_DEMAND}


def decide_edit(demand: DemandState, values: Mapping[str, Any]) -> Decision:
    """The validated values that differ; a closed demand cannot change (409)."""
    if demand.status == "closed":
        raise Conflict("已关闭的需求不能修改")
    return {name: value for name, value in values.items() if getattr(demand, name) != value}


def decide_act(
    demand: DemandState, action: str, *, now: datetime, ttl_days: int = 0, reason: str | None = None
) -> Decision:
    """publish | unpublish | close (DEMAND_TRANSITIONS); {} when already done. Publishing sets
    the expiry `ttl_days` ahead; a draft does not run out; closing again for another reason is a
    conflict."""
    if action == "close" and demand.status == "closed" and demand.close_reason != reason:
        raise Conflict("该需求已关闭")
    target = next_status(DEMAND_TRANSITIONS, demand.status, action)
    if target is None:
        return {}
    if target == "published":
        return {"status": target, "published_at": now, "expires_at": now + timedelta(days=ttl_days)}
    if target == "draft":
        return {"status": target, "expires_at": None}
    return {"status": target, "close_reason": reason}


def renewal_deadline(demand: DemandState, *, now: datetime, ttl_days: int) -> datetime:
    """The new expiry when `demand` is renewed at `now`, or Conflict: a published demand runs for
    `ttl_days` from now; one that expired comes back published within RENEW_GRACE of expiring."""
    if demand.status == "published":
        return now + timedelta(days=ttl_days)
    if demand.status == "closed" and demand.close_reason == "expired":
        if demand.expires_at is not None and now - demand.expires_at <= RENEW_GRACE:
            return now + timedelta(days=ttl_days)
        raise Conflict(f"需求过期已超过{RENEW_GRACE.days}天，不能续期，请重新发布一条需求")
    if demand.status == "draft":
        raise Conflict("草稿需求无需续期，请直接发布")
    raise Conflict("已关闭的需求不能续期")


def decide_renew(demand: DemandState, *, now: datetime, ttl_days: int) -> Decision:
    """Renew: a published demand runs longer; an expired one comes back published."""
    decision: Decision = {"expires_at": renewal_deadline(demand, now=now, ttl_days=ttl_days)}
    if demand.status == "closed":
        decision.update(status="published", close_reason=None, published_at=now)
    return decision


# --- validation (pure: the reference data is a lookup the caller loaded) -----------------------


@dataclass
class ValidDemand:
    """A demand's model values (`warnings` among them) when `errors` is empty."""

    category: Category | None
    values: dict[str, Any]
    errors: list[FieldError]
    warnings: list[FieldError]


def check_demand(data: DemandCreate, refs: ReferenceData, *, prefix: str = "") -> ValidDemand:
    """Everything about a demand that needs reference data (category, region, requirements),
    every problem reported at once. The API, the importer and the ledger all call this."""
    errors: list[FieldError] = []
    category = None
    if data.category is not None:
        category = refs.category(data.category)
        if category is None:
            errors.append(FieldError(f"{prefix}category", f"未知品类：{data.category[:50]}"))
    if data.region_code not in refs.regions:
        errors.append(FieldError(f"{prefix}region_code", f"未知行政区划代码：{data.region_code}"))
    specs = check_demand_specs(category.spec_schema if category else [], data.specs, field=f"{prefix}specs")
    errors.extend(specs.errors)
    values = data.model_dump(exclude={"category", "replaces", "motivations"})
    values.update(
        category_code=category.code if category else None,
        replaces=data.replaces.model_dump() if data.replaces else None,
        motivations=list(dict.fromkeys(data.motivations)),
        specs=specs.values,
        warnings=[{"field": w.field, "message": w.message} for w in specs.warnings],
    )
    return ValidDemand(category=category, values=values, errors=errors, warnings=specs.warnings)
