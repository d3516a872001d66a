"""The bureaus' review queue for the recommended catalogue (推荐目录): filters, what changed since
the last approval, and one decision over many listings."""

from __future__ import annotations

import uuid
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Query
from pydantic import BaseModel, Field, StringConstraints, model_validator

from catalog.listings.reviews import BULK_MAX, bulk_review, bulk_review_queue, changes_since_approval
from catalog.listings.schemas import ListingRead, ListingReview
from catalog.listings.service import review_queue
from catalog.schemas import Page
from service.api.params import Limit, Offset
from service.auth import BureauActor
from service.db import SessionDep

router = APIRouter(prefix="/reviews", tags=["reviews"])

TEXT_PATTERN = r"^[^\x00-\x1f]*$"
Text = Annotated[str | None, Query(max_length=64, pattern=TEXT_PATTERN)]
Status = Literal["pending", "approved", "rejected"]


class ReviewItem(ListingRead):
    changes_since_approval: dict[str, dict[str, Any]] | None = Field(
        None,
        description="上次通过审核以来供应商改动的字段 {字段: {old: 通过时的值, new: 当前值}}；从未通过审核为 null",
    )


class ReviewFilter(BaseModel):
    """The review queue's filters (GET /reviews), as a body: the listings they select."""

    model_config = {"extra": "forbid"}

    status: Status = "pending"
    category: Annotated[str, StringConstraints(max_length=64)] | None = None
    supplier: Annotated[str, StringConstraints(max_length=64, pattern=TEXT_PATTERN)] | None = None
    tag: Annotated[str, StringConstraints(max_length=64, pattern=TEXT_PATTERN)] | None = None
    has_warnings: bool | None = None


class BulkReview(ListingReview):
    """One decision and one note for many published listings (all or none): named by `ids`, or
    the set the review queue shows for `filter`."""

    ids: list[uuid.UUID] | None = Field(
        None, min_length=1, max_length=BULK_MAX, description=f"挂牌 id，最多 {BULK_MAX} 个（与 filter 二选一）"
    )
    filter: ReviewFilter | None = Field(
        None, description=f"与 GET /reviews 相同的筛选条件：审核其列出的全部挂牌（不超过 {BULK_MAX} 条）"
    )

    @model_validator(mode="after")
    def _ids_or_filter(self) -> BulkReview:
        if (self.ids is None) == (self.filter is None):
            raise ValueError("请给出 ids 或 filter 之一")
        return self


class BulkReviewResult(Page[ListingRead]):
    decision: Literal["approve", "reject"]


@router.get("", response_model=Page[ReviewItem])
async def list_reviews(
    actor: BureauActor,
    session: SessionDep,
    status: Status = "pending",
    category: Annotated[str | None, Query(max_length=64, description="品类代码、名称或别名（含下级）")] = None,
    supplier: Annotated[Text, Query(description="供应商 id 或名称中的一段")] = None,
    tag: Annotated[Text, Query(description="带有该标签（如 首台套）")] = None,
    has_warnings: Annotated[
        bool | None, Query(description="true：只看有导入/校验提示（warnings）的挂牌；false：只看没有的")
    ] = None,
    limit: Limit = 20,
    offset: Offset = 0,
) -> Page[ReviewItem]:
    """Published listings of suppliers in the bureau's scope by review status (pending ones oldest
    first), filtered by category, supplier, tag and warnings, each with its import / validation
    `warnings` and what changed since its last approval."""
    rows, total = await review_queue(
        session, actor=actor, review_status=status, category=category, limit=limit, offset=offset,
        supplier=supplier or None, tag=tag or None, has_warnings=has_warnings,
    )  # fmt: skip
    changes = await changes_since_approval(session, [r.id for r in rows])
    items = [ReviewItem.model_validate(r) for r in rows]
    for item in items:
        item.changes_since_approval = changes[item.id]
    return Page(items=items, total=total)


@router.post("/bulk", response_model=BulkReviewResult)
async def review_in_bulk(body: BulkReview, actor: BureauActor, session: SessionDep) -> BulkReviewResult:
    """Approve or reject many published listings with one note (a rejection needs one), named by
    `ids` — every listing must be in the bureau's scope and published, else nothing changes (409
    naming each) — or by `filter`, the queue's filters: the listings GET /reviews shows for them
    (at most 500, else 409 and nothing changes)."""
    decision = ListingReview(decision=body.decision, note=body.note)
    if body.filter is not None:
        f = body.filter
        reviewed = await bulk_review_queue(
            session, actor=actor, review=decision, review_status=f.status, category=f.category,
            supplier=f.supplier or None, tag=f.tag or None, has_warnings=f.has_warnings,
        )  # fmt: skip
    else:
        assert body.ids is not None
        reviewed = await bulk_review(session, actor=actor, listing_ids=body.ids, review=decision)
    return BulkReviewResult(
        items=[ListingRead.model_validate(r) for r in reviewed], total=len(reviewed), decision=body.decision
    )
