"""Rebuilding a search index from the tables, in batches, reporting progress."""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from catalog.demands.models import Demand
from catalog.listings.models import Listing
from catalog.search.base import Kind, SearchBackend
from catalog.search.indexing import demand_documents, listing_documents

MODELS: dict[str, type[Listing] | type[Demand]] = {"listing": Listing, "demand": Demand}
ProgressCallback = Callable[[int], None]


async def count_rows(maker: async_sessionmaker[AsyncSession], kind: Kind) -> int:
    async with maker() as session:
        return await session.scalar(select(func.count()).select_from(MODELS[kind])) or 0


async def reindex(
    maker: async_sessionmaker[AsyncSession],
    backend: SearchBackend,
    kind: Kind,
    *,
    batch: int = 1000,
    progress: ProgressCallback | None = None,
) -> int:
    """Index every row of `kind` (the PostgreSQL columns, or Meilisearch documents with the
    unpublished ones deleted), one committed batch at a time, keyset-paginated by id."""
    model = MODELS[kind]
    done = 0
    last = None
    while True:
        async with maker() as session, session.begin():
            stmt = select(model).order_by(model.id).limit(batch)
            if last is not None:
                stmt = stmt.where(model.id > last)
            rows = list((await session.scalars(stmt)).all())
            if not rows:
                return done
            if kind == "listing":
                documents = await listing_documents(session, [r for r in rows if isinstance(r, Listing)])
            else:
                documents = await demand_documents(session, [r for r in rows if isinstance(r, Demand)])
            await backend.index(session, kind, documents)
            last = documents[-1].id
            done += len(rows)
        if progress is not None:
            progress(len(rows))
