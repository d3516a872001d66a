"""Supply-list services: validating, creating, changing, publishing, archiving and reviewing
listings one by one. What each act does is decided in catalog/listings/rules.py and recorded by
catalog/changes.py, the same two the importer uses."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from catalog.access import Action, Actor, authorize
from catalog.access.scopes import overseen
from catalog.audit import repository as audit
from catalog.audit.schemas import AuditEntry, audit_entry
from catalog.changes import Change, record, set_changed_fields
from catalog.db import utcnow
from catalog.errors import Conflict, Forbidden, NotFound, ValidationFailed
from catalog.listings import repository
from catalog.listings.models import Listing
from catalog.listings.rules import ValidListing, check_listing, decide_act, decide_create, decide_edit, decide_review
from catalog.listings.schemas import ListingCreate, ListingReview, ListingUpdate
from catalog.notifications.service import notify
from catalog.reference import ReferenceData
from catalog.taxonomy.repository import subtree_codes
from catalog.taxonomy.service import resolve_category

ENTITY = "listing"
# The fields whose value the audit trail records and a review judges.
AUDITED_FIELDS = (
    "external_id", "title", "category_code", "brand", "model", "description", "price_min", "price_max",
    "lead_time_days", "energy_grade", "tags", "service_regions", "specs", "status", "recommended",
    "review_status", "review_note",
)  # fmt: skip


def snapshot(listing: Listing) -> dict[str, Any]:
    return {name: getattr(listing, name) for name in AUDITED_FIELDS}


async def validate_listing(
    session: AsyncSession, data: ListingCreate, *, default_region: str, prefix: str = ""
) -> ValidListing:
    """`check_listing` against reference data loaded for this one listing; 422 naming every bad field."""
    refs = await ReferenceData.load(session, region_codes=[*data.service_regions, default_region])
    valid = check_listing(data, refs, default_region=default_region, prefix=prefix)
    if valid.errors:
        raise ValidationFailed("挂牌信息有误", errors=valid.errors)
    return valid


async def saved(
    session: AsyncSession,
    *,
    listing: Listing,
    action: str,
    actor: Actor | None,
    before: dict[str, Any],
    note: str | None = None,
) -> None:
    """After every write to a listing: catalog.changes.record (audit, outbox, search fields)."""
    await session.flush()  # a new record gets its id
    await record(
        session, entity_type=ENTITY, actor=actor, changes=[Change(listing.id, action, before, snapshot(listing))],
        records=[listing], note=note,
    )  # fmt: skip


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
    listing = Listing(organization_id=organization_id, **decide_create(valid.values))
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
    decide_edit(listing, {}, now=utcnow())  # an archived listing cannot change (409)
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
    if not set_changed_fields(listing, decide_edit(listing, valid.values, now=utcnow())):
        return listing
    await saved(session, listing=listing, action="update", actor=actor, before=before)
    return await load_listing(session, listing.id)


async def change_status(session: AsyncSession, *, actor: Actor, listing: Listing, action: str) -> Listing:
    """publish | unpublish | archive | restore (see LISTING_TRANSITIONS). Publishing submits the
    listing for review when it has not been reviewed or was rejected. Repeating an act changes nothing."""
    before = snapshot(listing)
    if not set_changed_fields(listing, decide_act(listing, action, now=utcnow())):
        return listing
    await saved(session, listing=listing, action=action, actor=actor, before=before)
    return await load_listing(session, listing.id)


async def publish_listing(session: AsyncSession, *, actor: Actor, listing: Listing) -> Listing:
    """Publish (searchable and matchable from now on) and submit for review; idempotent."""
    return await change_status(session, actor=actor, listing=listing, action="publish")


async def review_listing(session: AsyncSession, *, actor: Actor, listing: Listing, review: ListingReview) -> Listing:
    """A bureau's decision on a published listing: approve → recommended catalogue; reject → out of
    it, with the note. Records who and when, audits, and tells the supplier."""
    before = snapshot(listing)
    approved = review.decision == "approve"
    decision = decide_review(listing, approve=approved, note=review.note, reviewer=actor.organization_id, now=utcnow())
    set_changed_fields(listing, decision)
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
    has_warnings: bool | None = None,
) -> tuple[Sequence[Listing], int]:
    """Published listings in `review_status` whose supplier lies in the bureau's scope (the platform
    admin: all), filtered by category (with its subtree), supplier, tag and warnings; pending ones
    oldest first, decided ones latest decision first."""
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
        has_warnings=has_warnings,
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
