"""The bureaus' review queue for the recommended catalogue (推荐目录): filters, what changed since
the last approval, and one decision over many listings."""

from __future__ import annotations

import uuid
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Query
from pydantic import Field

from catalog.listings.reviews import bulk_review, changes_since_approval
from catalog.listings.schemas import ListingRead, ListingReview
from catalog.listings.service import review_queue
from catalog.schemas import Page
from service.api.params import Limit, Offset
from service.auth import BureauActor
from service.db import SessionDep

router = APIRouter(prefix="/reviews", tags=["reviews"])

Text = Annotated[str | None, Query(max_length=64, pattern=r"^[^\x00-\x1f]*$")]


class ReviewItem(ListingRead):
    changes_since_approval: dict[str, dict[str, Any]] | None = Field(
        None,
        description="上次通过审核以来供应商改动的字段 {字段: {old: 通过时的值, new: 当前值}}；从未通过审核为 null",
    )


class BulkReview(ListingReview):
    """One decision and one note for many published listings (all or none)."""

    ids: list[uuid.UUID] = Field(min_length=1, max_length=500, description="挂牌 id，最多 500 个")


class BulkReviewResult(Page[ListingRead]):
    decision: Literal["approve", "reject"]


@router.get("", response_model=Page[ReviewItem])
async def list_reviews(
    actor: BureauActor,
    session: SessionDep,
    status: Literal["pending", "approved", "rejected"] = "pending",
    category: Annotated[str | None, Query(max_length=64, description="品类代码、名称或别名（含下级）")] = None,
    supplier: Annotated[Text, Query(description="供应商 id 或名称中的一段")] = None,
    tag: Annotated[Text, Query(description="带有该标签（如 首台套）")] = None,
    limit: Limit = 20,
    offset: Offset = 0,
) -> Page[ReviewItem]:
    """Published listings of suppliers in the bureau's scope by review status (pending ones oldest
    first), filtered by category, supplier and tag, each with what changed since its last approval."""
    rows, total = await review_queue(
        session, actor=actor, review_status=status, category=category, limit=limit, offset=offset,
        supplier=supplier or None, tag=tag or None,
    )  # fmt: skip
    changes = await changes_since_approval(session, [r.id for r in rows])
    items = [ReviewItem.model_validate(r) for r in rows]
    for item in items:
        item.changes_since_approval = changes[item.id]
    return Page(items=items, total=total)


@router.post("/bulk", response_model=BulkReviewResult)
async def review_in_bulk(body: BulkReview, actor: BureauActor, session: SessionDep) -> BulkReviewResult:
    """Approve or reject many published listings with one note (a rejection needs one); every
    listing must be in the bureau's scope and published, else nothing changes (409 naming each)."""
    decision = ListingReview(decision=body.decision, note=body.note)
    reviewed = await bulk_review(session, actor=actor, listing_ids=body.ids, review=decision)
    return BulkReviewResult(
        items=[ListingRead.model_validate(r) for r in reviewed], total=len(reviewed), decision=body.decision
    )
