"""Supply-list rules: creating, validating, changing, publishing, archiving and reviewing listings,
with an audit record for each act."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from catalog.access import Action, Actor, authorize
from catalog.access.scopes import overseen
from catalog.audit import repository as audit
from catalog.audit.schemas import AuditEntry, audit_entry
from catalog.changes import record_change, set_changed_fields
from catalog.db import utcnow
from catalog.errors import Conflict, FieldError, Forbidden, NotFound, ValidationFailed
from catalog.lifecycle import LISTING_TRANSITIONS, next_status
from catalog.listings import repository
from catalog.listings.models import Listing
from catalog.listings.schemas import ListingCreate, ListingReview, ListingUpdate, price_range_error
from catalog.notifications.service import notify
from catalog.regions.models import NATIONWIDE
from catalog.regions.repository import existing_codes
from catalog.search.indexing import index_listings
from catalog.taxonomy.models import Category
from catalog.taxonomy.repository import find_category, known_tags, subtree_codes
from catalog.taxonomy.service import resolve_category
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
    if message := price_range_error(data.price_min, data.price_max):
        errors.append(FieldError(f"{prefix}price_min", message))
    if errors or category is None or category.level != "leaf":
        raise ValidationFailed("挂牌信息有误", errors=errors)
    if NATIONWIDE in regions:
        regions = [NATIONWIDE]
    values = data.model_dump(exclude={"category", "service_regions", "tags"})
    values.update(category_code=category.code, service_regions=regions, tags=list(dict.fromkeys(data.tags)))
    return ValidListing(category=category, values=values)


def apply_changes(listing: Listing, values: dict[str, Any]) -> set[str]:
    """Set the fields whose value differs and bump the version; a change to a reviewed field takes
    an approved listing out of the recommended catalogue and back into the review queue."""
    changed = set_changed_fields(listing, values)
    if changed & REVIEWED_FIELDS and listing.review_status == "approved":
        listing.recommended = False
        submit_for_review(listing)
    return changed


def submit_for_review(listing: Listing) -> None:
    """Put the listing at the end of its bureaus' review queue."""
    listing.review_status = "pending"
    listing.review_requested_at = utcnow()


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


async def listing_for(
    session: AsyncSession, *, actor: Actor | None, listing_id: uuid.UUID, action: Action, public: bool = True
) -> Listing:
    """The listing if `actor` may do `action` on it (locked for a write). A published listing is
    public to read (unless `public=False`: its history, say); anything else is visible to its
    supplier, bureaus whose scope holds the supplier's region and the platform admin only."""
    listing = await repository.get_listing(session, listing_id, for_update=action is not Action.READ)
    if listing is None:
        raise NotFound("挂牌不存在")
    if action is Action.READ and public and listing.status == "published":
        return listing
    if actor is None:
        raise NotFound("挂牌不存在")
    try:
        await authorize(
            session,
            actor,
            action,
            owner_organization_id=listing.organization_id,
            region_code=listing.organization.region_code,
            what="挂牌",
        )
    except NotFound:
        # Everybody may see a published listing, so refusing an act on it hides nothing.
        if action is not Action.READ and listing.status == "published":
            raise Forbidden("无权对该挂牌执行此操作") from None
        raise
    return listing


async def update_listing(session: AsyncSession, *, actor: Actor, listing: Listing, changes: ListingUpdate) -> Listing:
    """PATCH: merge the given fields into the listing, validate the result as a whole like a new
    listing (every bad field reported), apply and audit. A rejected published listing that changes
    goes back to the review queue; an approved one whose reviewed fields change does too."""
    if listing.status == "archived":
        raise Conflict("已归档的挂牌不能修改，请先恢复为草稿")
    if not changes.model_fields_set:
        return listing
    merged = {name: getattr(listing, name) for name in ListingCreate.model_fields if name != "category"}
    merged["category"] = listing.category_code
    merged.update({name: getattr(changes, name) for name in changes.model_fields_set})
    # Each value is valid on its own already; validate_listing checks them together.
    data = ListingCreate.model_construct(**merged)
    valid = await validate_listing(session, data, default_region=listing.organization.region_code)
    external_id = valid.values["external_id"]
    if external_id and external_id != listing.external_id:
        if await repository.get_by_external_id(session, listing.organization_id, external_id):
            raise Conflict(f"外部编号 {external_id} 已被本企业的其他挂牌使用")
    before = snapshot(listing)
    if not apply_changes(listing, valid.values):
        return listing
    if listing.status == "published" and listing.review_status == "rejected":
        submit_for_review(listing)
    await saved(session, listing=listing, action="update", actor=actor, before=before)
    return await load_listing(session, listing.id)


async def change_status(session: AsyncSession, *, actor: Actor, listing: Listing, action: str) -> Listing:
    """publish | unpublish | archive | restore (see LISTING_TRANSITIONS). Publishing submits the
    listing for review when it has not been reviewed or was rejected. Repeating an act changes nothing."""
    target = next_status(LISTING_TRANSITIONS, listing.status, action)
    if target is None:
        return listing
    before = snapshot(listing)
    listing.status = target
    if target == "published":
        listing.published_at = utcnow()
        if listing.review_status in ("none", "rejected"):
            submit_for_review(listing)
    elif before["status"] == "published":
        listing.published_at = None
    listing.version += 1
    await saved(session, listing=listing, action=action, actor=actor, before=before)
    return await load_listing(session, listing.id)


async def publish_listing(session: AsyncSession, *, actor: Actor, listing: Listing) -> Listing:
    """Publish (searchable and matchable from now on) and submit for review; idempotent."""
    return await change_status(session, actor=actor, listing=listing, action="publish")


async def review_listing(session: AsyncSession, *, actor: Actor, listing: Listing, review: ListingReview) -> Listing:
    """A bureau's decision on a published listing: approve → recommended catalogue; reject → out of
    it, with the note. Records who and when, audits, and tells the supplier."""
    if listing.status != "published":
        raise Conflict("只有已发布的挂牌可以审核")
    before = snapshot(listing)
    approved = review.decision == "approve"
    listing.recommended = approved
    listing.review_status = "approved" if approved else "rejected"
    listing.review_note = review.note or None
    listing.reviewed_at = utcnow()
    listing.reviewed_by_organization_id = actor.organization_id
    listing.version += 1
    await saved(session, listing=listing, action="review", actor=actor, before=before, note=review.note or None)
    verdict = "已通过审核，列入推荐目录" if approved else "未通过审核"
    await notify(
        session, organization_id=listing.organization_id, kind="listing.reviewed",
        title=f"您的挂牌“{listing.title[:60]}”{verdict}", body=review.note,
        entity_type=ENTITY, entity_id=listing.id, link=f"/api/v1/listings/{listing.id}",
    )  # fmt: skip
    return await load_listing(session, listing.id)


async def review_queue(
    session: AsyncSession,
    *,
    actor: Actor,
    review_status: str,
    category: str | None,
    limit: int,
    offset: int,
    supplier: str | None = None,
    tag: str | None = None,
) -> tuple[Sequence[Listing], int]:
    """Published listings in `review_status` whose supplier lies in the bureau's scope (the platform
    admin: all); pending ones oldest first, decided ones latest decision first."""
    category_codes = None
    if category is not None:
        found = await resolve_category(session, category)
        category_codes = await subtree_codes(session, found.code)
    return await repository.review_queue(
        session,
        scope=overseen(Listing, actor),
        review_status=review_status,
        category_codes=category_codes,
        limit=limit,
        offset=offset,
        supplier=supplier,
        tag=tag,
    )


async def listing_history(
    session: AsyncSession, *, actor: Actor, listing_id: uuid.UUID, limit: int, offset: int
) -> tuple[list[AuditEntry], int]:
    """The audit trail of a listing, oldest first: its supplier, bureaus in scope and the admin only."""
    await listing_for(session, actor=actor, listing_id=listing_id, action=Action.READ, public=False)
    events, total = await audit.history_page(
        session, entity_type=ENTITY, entity_id=listing_id, limit=limit, offset=offset
    )
    return [audit_entry(e) for e in events], total
