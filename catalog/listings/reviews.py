"""Review at scale: one decision with one note over many listings, and what a reviewer needs to
decide quickly — what changed since the listing was last approved, read from the audit trail.

Each listing of a bulk decision goes through the same `listing_for` (scope) and `review_listing`
(rules, audit, notification) as a single review; the batch is all-or-nothing: every id is checked
first and any refusal changes nothing."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from catalog.access import Action, Actor
from catalog.audit.models import AuditEvent
from catalog.errors import AppError, Conflict, FieldError
from catalog.listings.models import Listing
from catalog.listings.schemas import ListingReview
from catalog.listings.service import AUDITED_FIELDS, ENTITY, listing_for, review_listing, review_queue

BULK_MAX = 500  # listings one bulk decision may cover

# What the supplier changed; the review fields and the status are the bureau's and the lifecycle's.
CONTENT_FIELDS = frozenset(AUDITED_FIELDS) - {"status", "recommended", "review_status", "review_note"}


async def bulk_review(
    session: AsyncSession, *, actor: Actor, listing_ids: Sequence[uuid.UUID], review: ListingReview
) -> list[Listing]:
    """Apply one decision (and note) to every listing, or to none: each id must name a published
    listing the actor oversees; the refusals are reported together, each naming its position."""
    ids = list(dict.fromkeys(listing_ids))
    errors: list[FieldError] = []
    found: list[Listing] = []
    for position, listing_id in enumerate(ids):
        try:
            listing = await listing_for(session, actor=actor, listing_id=listing_id, action=Action.OVERSEE)
        except AppError as refused:
            errors.append(FieldError(f"ids[{position}]", f"{listing_id}: {refused.detail or refused.title_zh}"))
            continue
        if listing.status != "published":
            errors.append(FieldError(f"ids[{position}]", f"{listing_id}: 只有已发布的挂牌可以审核"))
            continue
        found.append(listing)
    if errors:
        raise Conflict(f"{len(errors)} 条挂牌无法审核，本批未作任何更改", errors=errors)
    return [await review_listing(session, actor=actor, listing=listing, review=review) for listing in found]


async def bulk_review_queue(
    session: AsyncSession, *, actor: Actor, review: ListingReview, review_status: str, category: str | None,
    supplier: str | None, tag: str | None, has_warnings: bool | None,
) -> list[Listing]:  # fmt: skip
    """The same decision over the set the review queue shows for these filters (the queue's own
    query and scope: another region's listings are never in it), then `bulk_review` on those ids;
    a set larger than BULK_MAX is refused (409) and nothing changes."""
    rows, total = await review_queue(
        session, actor=actor, review_status=review_status, category=category, limit=BULK_MAX, offset=0,
        supplier=supplier, tag=tag, has_warnings=has_warnings,
    )  # fmt: skip
    if total > BULK_MAX:
        raise Conflict(f"筛选结果共 {total} 条，一次最多审核 {BULK_MAX} 条，请缩小筛选范围；本批未作任何更改")
    return await bulk_review(session, actor=actor, listing_ids=[r.id for r in rows], review=review)


def _is_approval(event: AuditEvent) -> bool:
    status = event.changes.get("review_status")
    return event.action == "review" and isinstance(status, dict) and status.get("new") == "approved"


async def changes_since_approval(
    session: AsyncSession, listing_ids: Sequence[uuid.UUID]
) -> dict[uuid.UUID, dict[str, dict[str, Any]] | None]:
    """Per listing, the content fields changed since its latest approval as {field: {"old", "new"}}
    (old: the approved value, new: the current one; a field changed and changed back is left out);
    None for a listing never approved."""
    events = await session.scalars(
        select(AuditEvent)
        .where(AuditEvent.entity_type == ENTITY, AuditEvent.entity_id.in_(list(listing_ids)))
        .order_by(AuditEvent.at, AuditEvent.id)
    )
    trails: dict[uuid.UUID, list[AuditEvent]] = {}
    for event in events:
        trails.setdefault(event.entity_id, []).append(event)
    out: dict[uuid.UUID, dict[str, dict[str, Any]] | None] = {}
    for listing_id in listing_ids:
        trail = trails.get(listing_id, [])
        approvals = [i for i, e in enumerate(trail) if _is_approval(e)]
        if not approvals:
            out[listing_id] = None
            continue
        merged: dict[str, dict[str, Any]] = {}
        for event in trail[approvals[-1] + 1 :]:
            for field, change in event.changes.items():
                if field not in CONTENT_FIELDS or not isinstance(change, dict):
                    continue
                merged.setdefault(field, {"old": change.get("old")})["new"] = change.get("new")
        out[listing_id] = {f: c for f, c in merged.items() if c["old"] != c["new"]}
    return out
