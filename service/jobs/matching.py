"""Re-matching in the background: a changed demand is re-matched (or, unpublished, loses its
suggested matches); a changed listing re-matches the published demands it could serve (bounded),
or, unpublished, loses its suggested matches. Runs from the outbox, in batches."""

from __future__ import annotations

import uuid
from collections.abc import Sequence

import structlog
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from catalog.listings.models import Listing
from catalog.outbox.models import OutboxEvent
from matching.matches import repository
from matching.recommend import Engine, MatchConfig
from service.config import get_settings
from service.worker import on_outbox, worker_context

log = structlog.get_logger(__name__)
BATCH = 100
# From this many demands on, whole leaves are loaded once instead of one query per demand.
WHOLE_LEAVES_FROM = 20
# Our own category inference writes a demand.changed event; it needs no second run.
OWN_ACTIONS = frozenset({"infer_category"})


def _config() -> MatchConfig:
    try:
        return worker_context().settings.match_config()
    except RuntimeError:  # draining outside a worker (tests, CLI)
        return get_settings().match_config()


async def rematch(session: AsyncSession, demand_ids: Sequence[uuid.UUID], engine: Engine) -> int:
    """Re-match these demands in batches: the published ones scored and stored, the others
    stripped of their suggested matches. Returns how many were re-matched."""
    done = 0
    demand_ids = sorted(demand_ids)  # one lock order for every worker (see repository.store_scored)
    for start in range(0, len(demand_ids), BATCH):
        demands = await repository.demands_by_id(session, demand_ids[start : start + BATCH])
        for demand in demands:
            if demand.status != "published":
                await repository.drop_suggestions(session, demand_id=demand.id)
        published = [d for d in demands if d.status == "published"]
        if published:
            await engine.match_demands(published)
            done += len(published)
    return done


@on_outbox("demand.changed")
async def demand_changed(session: AsyncSession, events: Sequence[OutboxEvent]) -> None:
    ids = list(dict.fromkeys(e.entity_id for e in events if e.payload.get("action") not in OWN_ACTIONS))
    if ids:
        engine = await Engine.start(session, _config(), whole_leaves=len(ids) > WHOLE_LEAVES_FROM)
        done = await rematch(session, ids, engine)
        log.info("demands re-matched", demands=len(ids), published=done)


@on_outbox("listing.changed")
async def listing_changed(session: AsyncSession, events: Sequence[OutboxEvent]) -> None:
    """Re-match the demands the changed listings may move. Set-based, since an import brings
    thousands of events at once: one query for the listings, one DELETE for their suggestions, and
    one for the demands they may move (which depend on a listing's leaf and service regions only,
    so once per leaf and regions)."""
    engine = await Engine.start(session, _config())
    ids = list(dict.fromkeys(e.entity_id for e in events))
    found = await session.scalars(select(Listing).where(Listing.id.in_(ids)).execution_options(populate_existing=True))
    by_id = {listing.id: listing for listing in found}
    listings = [by_id[i] for i in ids if i in by_id]
    if listings:
        await repository.drop_suggestions(session, listing_ids=[listing.id for listing in listings])
    # one lookup per leaf and service regions (an import's listings share a few), in one statement
    by_key: dict[tuple[str, tuple[str, ...]], Listing] = {}
    for listing in listings:
        if listing.status == "published":
            by_key.setdefault((listing.category_code, tuple(sorted(listing.service_regions or ()))), listing)
    affected: dict[uuid.UUID, None] = {}
    for found_ids in await engine.demands_affected_by(list(by_key.values())):
        affected.update(dict.fromkeys(found_ids))
    engine.whole_leaves = len(affected) > WHOLE_LEAVES_FROM
    done = await rematch(session, list(affected), engine)
    log.info("listings re-matched", listings=len(events), demands=done)
