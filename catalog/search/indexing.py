"""Keeping search in step with the tables. The listing and demand services call these after every
write, in the same transaction, so the PostgreSQL backend is always consistent; the Meilisearch
backend follows through the outbox (service/jobs/search.py).

Each call is ONE batched UPDATE however many rows it gets (imports pass thousands).
"""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import TextClause, bindparam, select, text
from sqlalchemy.dialects.postgresql import ARRAY, UUID
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.types import Text

from catalog.demands.models import Demand
from catalog.listings.models import Listing
from catalog.search.documents import CategoryInfo, SearchDocument, category_info, demand_document, listing_document
from catalog.taxonomy.models import Category
from catalog.text import analyzer


async def category_infos(session: AsyncSession, codes: set[str]) -> dict[str, CategoryInfo]:
    """The categories `codes` (with their groups) as documents need them, in one query."""
    if not codes:
        return {}
    wanted = codes | {c[:2] for c in codes}
    rows = (await session.scalars(select(Category).where(Category.code.in_(sorted(wanted))))).all()
    by_code = {c.code: c for c in rows}
    return {code: category_info(by_code[code], by_code) for code in codes if code in by_code}


def _update(table: str) -> TextClause:
    return text(
        f"UPDATE {table} AS t SET search_vector = CAST(v.sv AS tsvector), search_text = v.st "
        "FROM unnest(:ids, :svs, :sts) AS v(id, sv, st) WHERE t.id = v.id"
    ).bindparams(
        bindparam("ids", type_=ARRAY(UUID(as_uuid=True))),
        bindparam("svs", type_=ARRAY(Text)),
        bindparam("sts", type_=ARRAY(Text)),
    )


async def write_search_columns(session: AsyncSession, table: str, documents: Sequence[SearchDocument]) -> None:
    if not documents:
        return
    await session.execute(
        _update(table),
        {
            "ids": [d.id for d in documents],
            "svs": [d.tsvector_literal() for d in documents],
            "sts": [d.search_text() for d in documents],
        },
    )


async def listing_documents(session: AsyncSession, listings: Sequence[Listing]) -> list[SearchDocument]:
    infos = await category_infos(session, {listing.category_code for listing in listings})
    found = analyzer()
    return [listing_document(listing, infos[listing.category_code], found) for listing in listings]


async def demand_documents(session: AsyncSession, demands: Sequence[Demand]) -> list[SearchDocument]:
    infos = await category_infos(session, {d.category_code for d in demands if d.category_code})
    found = analyzer()
    return [demand_document(d, infos.get(d.category_code) if d.category_code else None, found) for d in demands]


async def index_listings(session: AsyncSession, listings: Sequence[Listing]) -> None:
    """Refresh the search fields of these listings (one UPDATE for the whole batch)."""
    if listings:
        await session.flush()
        await write_search_columns(session, "listings", await listing_documents(session, listings))


async def index_demands(session: AsyncSession, demands: Sequence[Demand]) -> None:
    """Refresh the search fields of these demands (one UPDATE for the whole batch)."""
    if demands:
        await session.flush()
        await write_search_columns(session, "demands", await demand_documents(session, demands))
