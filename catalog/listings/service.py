"""Supply-list rules: creating, validating and publishing listings, with an audit record for each act."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from catalog.access import Action, Actor, authorize
from catalog.changes import record_change
from catalog.db import utcnow
from catalog.errors import Conflict, FieldError, Forbidden, NotFound, ValidationFailed
from catalog.listings import repository
from catalog.listings.models import Listing
from catalog.listings.schemas import ListingCreate
from catalog.regions.models import NATIONWIDE
from catalog.regions.repository import existing_codes
from catalog.search.indexing import index_listings
from catalog.taxonomy.models import Category
from catalog.taxonomy.repository import find_category, known_tags
from catalog.taxonomy.specs import check_listing_specs

ENTITY = "listing"
# The fields whose value the audit trail records and a review judges.
AUDITED_FIELDS = (
    "external_id", "title", "category_code", "brand", "model", "description", "price_min", "price_max",
    "lead_time_days", "energy_grade", "tags", "service_regions", "specs", "status", "recommended",
    "review_status", "review_note",
)  # fmt: skip
# A change to any of these takes an approved listing out of the recommended catalogue until a
# bureau reviews it again.
REVIEWED_FIELDS = frozenset({"title", "category_code", "specs", "price_min", "price_max", "energy_grade"})


@dataclass
class ValidListing:
    category: Category
    values: dict[str, Any]


def snapshot(listing: Listing) -> dict[str, Any]:
    return {name: getattr(listing, name) for name in AUDITED_FIELDS}


async def validate_listing(
    session: AsyncSession, data: ListingCreate, *, default_region: str, prefix: str = ""
) -> ValidListing:
    """Check everything that needs the database (category, tags, regions, specs) and report every
    problem at once, each naming its field."""
    errors: list[FieldError] = []
    category = await find_category(session, data.category)
    if category is None:
        errors.append(FieldError(f"{prefix}category", f"未知品类：{data.category[:50]}"))
    elif category.level != "leaf":
        errors.append(FieldError(f"{prefix}category", f"“{category.name}”是品类大类，请选择具体品类"))
    vocabulary = await known_tags(session)
    unknown_tags = [t for t in data.tags if t not in vocabulary]
    if unknown_tags:
        errors.append(FieldError(f"{prefix}tags", f"未知标签：{'、'.join(unknown_tags[:5])}"))
    regions = list(dict.fromkeys(data.service_regions)) or [default_region]
    missing = sorted(set(regions) - await existing_codes(session, regions))
    if missing:
        errors.append(FieldError(f"{prefix}service_regions", f"未知行政区划代码：{', '.join(missing[:5])}"))
    if category is not None:
        errors.extend(check_listing_specs(category.spec_schema, data.specs, field=f"{prefix}specs"))
    if errors or category is None or category.level != "leaf":
        raise ValidationFailed("挂牌信息有误", errors=errors)
    if NATIONWIDE in regions:
        regions = [NATIONWIDE]
    values = data.model_dump(exclude={"category", "service_regions", "tags"})
    values.update(category_code=category.code, service_regions=regions, tags=list(dict.fromkeys(data.tags)))
    return ValidListing(category=category, values=values)


def apply_changes(listing: Listing, values: dict[str, Any]) -> set[str]:
    """Set the fields whose value differs and bump the version. Returns the changed field names."""
    changed = {name for name, value in values.items() if getattr(listing, name) != value}
    for name in changed:
        setattr(listing, name, values[name])
    if changed:
        listing.version += 1
        if changed & REVIEWED_FIELDS and listing.review_status == "approved":
            listing.recommended = False
            listing.review_status = "pending"
    return changed


async def saved(
    session: AsyncSession,
    *,
    listing: Listing,
    action: str,
    actor: Actor | None,
    before: dict[str, Any],
    note: str | None = None,
) -> None:
    """After every write to a listing: the audit row, the outbox event and the search fields."""
    await session.flush()
    await record_change(
        session, entity_type=ENTITY, entity_id=listing.id, action=action, actor=actor,
        before=before, after=snapshot(listing), note=note,
    )  # fmt: skip
    await index_listings(session, [listing])


def require_supplier(actor: Actor) -> uuid.UUID:
    if not actor.is_kind("supplier") or actor.organization_id is None:
        raise Forbidden("只有设备供应商可以发布供给信息")
    return actor.organization_id


async def create_listing(session: AsyncSession, *, actor: Actor, data: ListingCreate) -> Listing:
    organization_id = require_supplier(actor)
    assert actor.region_code is not None
    valid = await validate_listing(session, data, default_region=actor.region_code)
    if data.external_id and await repository.get_by_external_id(session, organization_id, data.external_id):
        raise Conflict(f"外部编号 {data.external_id} 已被本企业的其他挂牌使用")
    listing = Listing(
        organization_id=organization_id, status="draft", recommended=False, review_status="none", version=1,
        **valid.values,
    )  # fmt: skip
    session.add(listing)
    await saved(session, listing=listing, action="create", actor=actor, before={})
    return await load_listing(session, listing.id)


async def load_listing(session: AsyncSession, listing_id: uuid.UUID) -> Listing:
    listing = await repository.get_listing(session, listing_id)
    if listing is None:
        raise NotFound("挂牌不存在")
    return listing


async def listing_for(session: AsyncSession, *, actor: Actor | None, listing_id: uuid.UUID, action: Action) -> Listing:
    """The listing if `actor` may do `action` on it. A published listing is public to read; anything
    else is visible to its supplier, bureaus in scope and the platform admin only."""
    listing = await repository.get_listing(session, listing_id, for_update=action is not Action.READ)
    if listing is None:
        raise NotFound("挂牌不存在")
    if action is Action.READ and listing.status == "published":
        return listing
    if actor is None:
        raise NotFound("挂牌不存在")
    await authorize(
        session,
        actor,
        action,
        owner_organization_id=listing.organization_id,
        region_code=listing.organization.region_code,
        what="挂牌",
    )
    return listing


async def publish_listing(session: AsyncSession, *, actor: Actor, listing: Listing) -> Listing:
    if listing.status == "published":
        return listing
    if listing.status == "archived":
        raise Conflict("已归档的挂牌不能直接发布，请先恢复为草稿")
    before = snapshot(listing)
    listing.status = "published"
    listing.published_at = utcnow()
    listing.version += 1
    await saved(session, listing=listing, action="publish", actor=actor, before=before)
    return await load_listing(session, listing.id)
