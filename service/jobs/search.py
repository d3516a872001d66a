"""Keeping Meilisearch in step: the outbox handlers for listing.changed and demand.changed push
the changed rows in batches (published → add or replace, anything else → delete). Registered
only when the search backend is meilisearch; retries with back-off come from the outbox drain."""

from __future__ import annotations

import uuid
from collections.abc import Sequence

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from catalog.demands.models import Demand
from catalog.listings.models import Listing
from catalog.outbox.models import OutboxEvent
from catalog.outbox.service import Handler
from catalog.search.base import Kind
from catalog.search.indexing import demand_documents, listing_documents
from catalog.search.meilisearch import MeilisearchSearch
from service.config import Settings, get_settings
from service.worker import OUTBOX_HANDLERS

TOPICS: dict[str, Kind] = {"listing.changed": "listing", "demand.changed": "demand"}


def backend_for(settings: Settings) -> MeilisearchSearch:
    assert settings.meili_url is not None
    return MeilisearchSearch(settings.meili_url, settings.meili_master_key)


async def push_changes(
    session: AsyncSession, kind: Kind, events: Sequence[OutboxEvent], backend: MeilisearchSearch
) -> None:
    """Send the current state of every row the events name; rows that are gone are deleted."""
    ids = list(dict.fromkeys(e.entity_id for e in events))
    if kind == "listing":
        listings = list((await session.scalars(select(Listing).where(Listing.id.in_(ids)))).all())
        documents = await listing_documents(session, listings)
    else:
        demands = list((await session.scalars(select(Demand).where(Demand.id.in_(ids)))).all())
        documents = await demand_documents(session, demands)
    await backend.index(session, kind, documents)
    present = {d.id for d in documents}
    gone: list[uuid.UUID] = [i for i in ids if i not in present]
    await backend.delete(session, kind, gone)


def _handler(kind: Kind) -> Handler:
    async def handle(session: AsyncSession, events: Sequence[OutboxEvent]) -> None:
        backend = backend_for(get_settings())
        try:
            await push_changes(session, kind, events, backend)
        finally:
            await backend.aclose()

    handle.__name__ = f"push_{kind}s_to_meilisearch"
    return handle


def register(settings: Settings) -> None:
    """Register the handlers when (and only when) Meilisearch is the backend; idempotent."""
    if settings.search_backend != "meilisearch":
        return
    for topic, kind in TOPICS.items():
        if not any(getattr(h, "__name__", "") == f"push_{kind}s_to_meilisearch" for h in OUTBOX_HANDLERS[topic]):
            OUTBOX_HANDLERS[topic].append(_handler(kind))


register(get_settings())
