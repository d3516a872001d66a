"""Keeping search in step with the tables. The listing and demand services call these after every
write, in the same transaction, so the PostgreSQL backend is always consistent; the Meilisearch
backend follows through the outbox (service/jobs/search.py).

Each call is ONE batched statement however many rows it gets (imports pass thousands): an upsert
into listing_search / demand_search (catalog/search/models.py).
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select, text
from sqlalchemy.ext.asyncio import AsyncSession

from catalog.changes import SearchText
from catalog.db import detached
from catalog.demands.models import Demand
from catalog.listings.models import Listing
from catalog.listings.rules import decide_create
from catalog.organizations.models import Organization
from catalog.reference import ReferenceData
from catalog.regions.repository import region_names
from catalog.search.documents import (
    CategoryInfo,
    Provenance,
    SearchDocument,
    category_info,
    demand_document,
    listing_document,
    place_names,
    service_tokens,
)
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


# One statement per batch: the filter columns are copied from the row itself, the tsvector and
# the trigram text come from our analysis (unnest of three parallel arrays); the match vector is the
# search vector without positions. The literal is parsed once (OFFSET 0 keeps the subquery from
# being pulled up, which would parse it again for strip(): ~15 µs a row).
UPSERT: dict[str, str] = {
    "listing": """
        INSERT INTO listing_search (listing_id, status, category_code, recommended, published_at, tags,
                                    service_regions, energy_grade, price_min, search_vector, match_vector,
                                    search_text)
        SELECT l.id, l.status, l.category_code, l.recommended, l.published_at, l.tags, l.service_regions,
               l.energy_grade, l.price_min, v.sv, strip(v.sv), v.st
        FROM (SELECT id, CAST(sv AS tsvector) AS sv, st
              FROM unnest(CAST(:ids AS uuid[]), CAST(:svs AS text[]), CAST(:sts AS text[])) AS u(id, sv, st)
              OFFSET 0) AS v
        JOIN listings l ON l.id = v.id
        ON CONFLICT (listing_id) DO UPDATE SET
            status = EXCLUDED.status, category_code = EXCLUDED.category_code, recommended = EXCLUDED.recommended,
            published_at = EXCLUDED.published_at, tags = EXCLUDED.tags, service_regions = EXCLUDED.service_regions,
            energy_grade = EXCLUDED.energy_grade, price_min = EXCLUDED.price_min,
            search_vector = EXCLUDED.search_vector, match_vector = EXCLUDED.match_vector,
            search_text = EXCLUDED.search_text
    """,
    "demand": """
        INSERT INTO demand_search (demand_id, status, category_code, region_code, motivations, budget_max,
                                   published_at, search_vector, match_vector, search_text)
        SELECT d.id, d.status, d.category_code, d.region_code, d.motivations, d.budget_max, d.published_at,
               v.sv, strip(v.sv), v.st
        FROM (SELECT id, CAST(sv AS tsvector) AS sv, st
              FROM unnest(CAST(:ids AS uuid[]), CAST(:svs AS text[]), CAST(:sts AS text[])) AS u(id, sv, st)
              OFFSET 0) AS v
        JOIN demands d ON d.id = v.id
        ON CONFLICT (demand_id) DO UPDATE SET
            status = EXCLUDED.status, category_code = EXCLUDED.category_code, region_code = EXCLUDED.region_code,
            motivations = EXCLUDED.motivations, budget_max = EXCLUDED.budget_max, published_at = EXCLUDED.published_at,
            search_vector = EXCLUDED.search_vector, match_vector = EXCLUDED.match_vector,
            search_text = EXCLUDED.search_text
    """,
}


async def write_search_rows(session: AsyncSession, kind: str, documents: Sequence[SearchDocument]) -> None:
    """Insert or refresh the search rows of these documents' listings or demands: one statement."""
    await write_search_text(session, kind, [(d.id, *search_text(d)) for d in documents])


def search_text(document: SearchDocument) -> SearchText:
    """What a search row stores of a document (besides the columns copied from its record)."""
    return document.tsvector_literal(), document.search_text()


async def write_search_text(session: AsyncSession, kind: str, rows: Sequence[tuple[uuid.UUID, str, str]]) -> None:
    """Insert or refresh search rows from their text, (id, tsvector literal, trigram text): one statement."""
    if not rows:
        return
    await session.execute(
        text(UPSERT[kind]),
        {"ids": [r[0] for r in rows], "svs": [r[1] for r in rows], "sts": [r[2] for r in rows]},
    )


@dataclass(frozen=True)
class ListingIndexContext:
    """What the documents of an import's new listings need from the database, loaded once per
    import (plain data for the CPU pool): the categories, the supplier, and every region's names."""

    categories: dict[str, CategoryInfo]
    supplier: str
    supplier_region: str | None
    names: dict[str, list[str]]


async def listing_index_context(
    session: AsyncSession, organization_id: uuid.UUID, refs: ReferenceData
) -> ListingIndexContext:
    leaves = {code for code, c in refs.categories.items() if c.level == "leaf"}
    infos = {code: category_info(refs.categories[code], refs.categories) for code in leaves}
    name, region = (await session.execute(
        select(Organization.name, Organization.region_code).where(Organization.id == organization_id)
    )).one()  # fmt: skip
    names = await region_names(session, set(refs.regions) | ({region} if region else set()))
    return ListingIndexContext(categories=infos, supplier=name, supplier_region=region, names=names)


def new_listing_search_text(values: Mapping[str, Any], context: ListingIndexContext) -> SearchText:
    """The search row text of the new listing these (checked) values make: the same document
    `listing_documents` builds from the record once written."""
    listing = detached(Listing, decide_create(values))
    provenance = provenance_of(listing, context.supplier, context.supplier_region, context.names)
    return search_text(listing_document(listing, context.categories[listing.category_code], analyzer(), provenance))


async def listing_provenance(session: AsyncSession, listings: Sequence[Listing]) -> dict[object, Provenance]:
    """Per listing: its supplier's name and the places of the supplier and of its service regions."""
    orgs = {
        org_id: (name, region)
        for org_id, name, region in await session.execute(
            select(Organization.id, Organization.name, Organization.region_code).where(
                Organization.id.in_({listing.organization_id for listing in listings})
            )
        )
    }
    codes = {region for _, region in orgs.values()} | {c for listing in listings for c in listing.service_regions or []}
    names = await region_names(session, codes)
    out: dict[object, Provenance] = {}
    for listing in listings:
        name, region = orgs.get(listing.organization_id, ("", None))
        out[listing.id] = provenance_of(listing, name, region, names)
    return out


def provenance_of(listing: Listing, supplier: str, region: str | None, names: Mapping[str, list[str]]) -> Provenance:
    """A listing's provenance from its supplier's name and region and region names (`region_names`)."""
    serves = service_tokens([names.get(c, []) for c in listing.service_regions or []])
    return Provenance(supplier=supplier, places=place_names(names.get(region or "", [])), serves=serves)


async def listing_documents(session: AsyncSession, listings: Sequence[Listing]) -> list[SearchDocument]:
    infos = await category_infos(session, {listing.category_code for listing in listings})
    provenance = await listing_provenance(session, listings)
    found = analyzer()
    return [
        listing_document(listing, infos[listing.category_code], found, provenance.get(listing.id))
        for listing in listings
    ]


async def demand_documents(session: AsyncSession, demands: Sequence[Demand]) -> list[SearchDocument]:
    infos = await category_infos(session, {d.category_code for d in demands if d.category_code})
    names = await region_names(session, {d.region_code for d in demands})
    found = analyzer()
    return [
        demand_document(
            d, infos.get(d.category_code) if d.category_code else None, found,
            Provenance(places=place_names(names.get(d.region_code, []))),
        )
        for d in demands
    ]  # fmt: skip


async def index_listings(session: AsyncSession, listings: Sequence[Listing]) -> None:
    """Refresh the search fields of these listings (one UPDATE for the whole batch)."""
    if listings:
        await session.flush()
        await write_search_rows(session, "listing", await listing_documents(session, listings))


async def index_demands(session: AsyncSession, demands: Sequence[Demand]) -> None:
    """Refresh the search fields of these demands (one UPDATE for the whole batch)."""
    if demands:
        await session.flush()
        await write_search_rows(session, "demand", await demand_documents(session, demands))
