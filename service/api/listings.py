"""The supply list over HTTP: create, list own, read, publish."""

from __future__ import annotations

import uuid
from typing import Annotated, Literal

from fastapi import APIRouter, Header, Response

from catalog.access import Action
from catalog.listings import repository
from catalog.listings.schemas import ListingCreate, ListingRead
from catalog.listings.service import create_listing, listing_for, publish_listing
from catalog.schemas import Page
from service.api.params import Limit, Offset, etag
from service.auth import CurrentActor, OptionalActor, SupplierActor
from service.db import SessionDep
from service.idempotency import run_idempotent

router = APIRouter(prefix="/listings", tags=["listings"])


def _etag_header(read: ListingRead) -> dict[str, str]:
    return {"ETag": etag(read.version), "Location": f"/api/v1/listings/{read.id}"}


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
    """One listing: published ones are public; drafts only for their supplier and bureaus in scope."""
    listing = await listing_for(session, actor=actor, listing_id=listing_id, action=Action.READ)
    response.headers["ETag"] = etag(listing.version)
    return ListingRead.model_validate(listing)


@router.post("/{listing_id}/publish", response_model=ListingRead)
async def publish(listing_id: uuid.UUID, actor: CurrentActor, session: SessionDep, response: Response) -> ListingRead:
    """Publish a listing: from now on it is searchable and matchable."""
    listing = await listing_for(session, actor=actor, listing_id=listing_id, action=Action.WRITE)
    listing = await publish_listing(session, actor=actor, listing=listing)
    response.headers["ETag"] = etag(listing.version)
    return ListingRead.model_validate(listing)
