"""The bureaus' review queue for the recommended catalogue (推荐目录)."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Query

from catalog.listings.schemas import ListingRead
from catalog.listings.service import review_queue
from catalog.schemas import Page
from service.api.params import Limit, Offset
from service.auth import BureauActor
from service.db import SessionDep

router = APIRouter(prefix="/reviews", tags=["reviews"])


@router.get("", response_model=Page[ListingRead])
async def list_reviews(
    actor: BureauActor,
    session: SessionDep,
    status: Literal["pending", "approved", "rejected"] = "pending",
    category: Annotated[str | None, Query(max_length=64, description="品类代码、名称或别名（含下级）")] = None,
    limit: Limit = 20,
    offset: Offset = 0,
) -> Page[ListingRead]:
    """Published listings of suppliers in the bureau's scope by review status; pending ones oldest first."""
    rows, total = await review_queue(
        session, actor=actor, review_status=status, category=category, limit=limit, offset=offset
    )
    return Page(items=[ListingRead.model_validate(r) for r in rows], total=total)
