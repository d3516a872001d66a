"""The supply list over HTTP: create, list own, read, change (If-Match), publish, unpublish,
archive, restore, review into the recommended catalogue, history."""

from __future__ import annotations

import uuid
from typing import Annotated, Literal

from fastapi import APIRouter, Header, Response
from sqlalchemy.ext.asyncio import AsyncSession

from catalog.access import Action, Actor
from catalog.audit.schemas import AuditEntry
from catalog.listings import repository
from catalog.listings.models import Listing
from catalog.listings.schemas import ListingCreate, ListingRead, ListingReview, ListingUpdate
from catalog.listings.service import (
    change_status,
    create_listing,
    listing_for,
    listing_history,
    review_listing,
    update_listing,
)
from catalog.schemas import Page
from service.api.params import IfMatch, Limit, Offset, check_if_match, etag
from service.auth import BureauActor, CurrentActor, OptionalActor, SupplierActor
from service.db import SessionDep
from service.idempotency import run_idempotent

router = APIRouter(prefix="/listings", tags=["listings"])

ListingAct = Literal["publish", "unpublish", "restore"]


def _etag_header(read: ListingRead) -> dict[str, str]:
    return {"ETag": etag(read.version), "Location": f"/api/v1/listings/{read.id}"}


def _read(listing: Listing, response: Response) -> ListingRead:
    response.headers["ETag"] = etag(listing.version)
    return ListingRead.model_validate(listing)


@router.post("", response_model=ListingRead, status_code=201)
async def post_listing(
    data: ListingCreate,
    actor: SupplierActor,
    session: SessionDep,
    idempotency_key: Annotated[str | None, Header(alias="Idempotency-Key")] = None,
) -> Response:
    """Create a draft listing on the supply list (supplier); honours Idempotency-Key."""

    async def create() -> ListingRead:
        return ListingRead.model_validate(await create_listing(session, actor=actor, data=data))

    return await run_idempotent(
        session, actor=actor, key=idempotency_key, endpoint="POST /listings", payload=data,
        create=create, headers=_etag_header,
    )  # fmt: skip


@router.get("", response_model=Page[ListingRead])
async def my_listings(
    actor: SupplierActor,
    session: SessionDep,
    limit: Limit = 20,
    offset: Offset = 0,
    status: Literal["draft", "published", "archived"] | None = None,
) -> Page[ListingRead]:
    """The supplier's own listings in every status, newest first."""
    assert actor.organization_id is not None
    rows, total = await repository.list_for_organization(
        session, actor.organization_id, status=status, limit=limit, offset=offset
    )
    return Page(items=[ListingRead.model_validate(r) for r in rows], total=total)


@router.get("/{listing_id}", response_model=ListingRead)
async def get_listing(
    listing_id: uuid.UUID, actor: OptionalActor, session: SessionDep, response: Response
) -> ListingRead:
    """One listing: published ones are public; drafts and archived ones only for their supplier and bureaus in scope."""
    listing = await listing_for(session, actor=actor, listing_id=listing_id, action=Action.READ)
    return _read(listing, response)


@router.patch("/{listing_id}", response_model=ListingRead)
async def patch_listing(
    listing_id: uuid.UUID,
    changes: ListingUpdate,
    actor: CurrentActor,
    session: SessionDep,
    response: Response,
    if_match: IfMatch = None,
) -> ListingRead:
    """Change some fields of a draft or published listing (its supplier); a stale If-Match gets 412."""
    listing = await listing_for(session, actor=actor, listing_id=listing_id, action=Action.WRITE)
    check_if_match(if_match, listing.version)
    listing = await update_listing(session, actor=actor, listing=listing, changes=changes)
    return _read(listing, response)


@router.delete("/{listing_id}", status_code=204, response_class=Response)
async def archive_listing(
    listing_id: uuid.UUID, actor: CurrentActor, session: SessionDep, if_match: IfMatch = None
) -> Response:
    """Archive a listing (its supplier): out of search and matching; restorable."""
    listing = await listing_for(session, actor=actor, listing_id=listing_id, action=Action.WRITE)
    check_if_match(if_match, listing.version)
    await change_status(session, actor=actor, listing=listing, action="archive")
    return Response(status_code=204)


async def _act(listing_id: uuid.UUID, action: ListingAct, actor: Actor, session: AsyncSession) -> Listing:
    listing = await listing_for(session, actor=actor, listing_id=listing_id, action=Action.WRITE)
    return await change_status(session, actor=actor, listing=listing, action=action)


@router.post("/{listing_id}/publish", response_model=ListingRead)
async def publish(listing_id: uuid.UUID, actor: CurrentActor, session: SessionDep, response: Response) -> ListingRead:
    """Publish a listing: searchable and matchable from now on, and submitted for review."""
    return _read(await _act(listing_id, "publish", actor, session), response)


@router.post("/{listing_id}/unpublish", response_model=ListingRead)
async def unpublish(listing_id: uuid.UUID, actor: CurrentActor, session: SessionDep, response: Response) -> ListingRead:
    """Take a published listing back to draft (out of search and matching)."""
    return _read(await _act(listing_id, "unpublish", actor, session), response)


@router.post("/{listing_id}/restore", response_model=ListingRead)
async def restore(listing_id: uuid.UUID, actor: CurrentActor, session: SessionDep, response: Response) -> ListingRead:
    """Bring an archived listing back as a draft."""
    return _read(await _act(listing_id, "restore", actor, session), response)


@router.post("/{listing_id}/review", response_model=ListingRead)
async def review(
    listing_id: uuid.UUID, decision: ListingReview, actor: BureauActor, session: SessionDep, response: Response
) -> ListingRead:
    """Approve a published listing into the recommended catalogue or reject it with a note (bureau in scope, admin)."""
    listing = await listing_for(session, actor=actor, listing_id=listing_id, action=Action.OVERSEE)
    listing = await review_listing(session, actor=actor, listing=listing, review=decision)
    return _read(listing, response)


@router.get("/{listing_id}/history", response_model=Page[AuditEntry])
async def history(
    listing_id: uuid.UUID, actor: CurrentActor, session: SessionDep, limit: Limit = 20, offset: Offset = 0
) -> Page[AuditEntry]:
    """The listing's audit trail, oldest first (its supplier, bureaus in scope, admin)."""
    entries, total = await listing_history(session, actor=actor, listing_id=listing_id, limit=limit, offset=offset)
    return Page(items=entries, total=total)
