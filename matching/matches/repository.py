"""Match queries: the taxonomy as plain data, candidate listings and demands (only the columns
scoring needs), storing scored pairs, reading stored matches, and the bureau statistics."""

from __future__ import annotations

import json
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from typing import Any

import numpy as np
from sqlalchemy import ARRAY, ColumnElement, and_, any_, bindparam, delete, func, or_, select, text
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import joinedload

from catalog.demands.models import Demand
from catalog.listings.models import Listing
from catalog.organizations.models import Organization
from catalog.regions.models import Region
from catalog.regions.repository import city_sql, names_and_paths, under_any_sql
from catalog.taxonomy.models import Category
from matching.matches.models import Match
from matching.motivations import MOTIVATIONS, Motivation
from matching.pools import BITS, Columns, SpecColumn, spec_column
from matching.scoring import (
    CategoryInfo,
    DemandFeatures,
    ListingFeatures,
    Scored,
    Taxonomy,
)

INSERT_CHUNK = 5000
_LISTING_REFS = (joinedload(Listing.organization), joinedload(Listing.category))


async def load_taxonomy(session: AsyncSession) -> Taxonomy:
    rows = await session.scalars(select(Category))
    return Taxonomy(
        {
            c.code: CategoryInfo(
                code=c.code,
                name=c.name,
                parent_code=c.parent_code,
                level=c.level,
                aliases=tuple(c.aliases),
                replaces=tuple(c.replaces),
                spec_schema=tuple(c.spec_schema),
            )
            for c in rows
        }
    )


region_info = names_and_paths  # code → (name, ancestors from 000000 down to the code)


def demand_features(demand: Demand, region_name: str) -> DemandFeatures:
    replaces = demand.replaces or {}
    return DemandFeatures(
        id=demand.id, title=demand.title, description=demand.description, category_code=demand.category_code,
        quantity=demand.quantity, budget_max=demand.budget_max, region_code=demand.region_code,
        region_name=region_name, motivations=tuple(demand.motivations),
        replaces_description=replaces.get("description"), specs=dict(demand.specs),
    )  # fmt: skip


_LISTING_COLUMNS = (
    Listing.id, Listing.organization_id, Organization.region_code, Listing.category_code, Listing.title,
    Listing.description, Listing.price_min, Listing.price_max, Listing.energy_grade, Listing.tags, Listing.specs,
    Listing.recommended, Listing.service_regions,
)  # fmt: skip


def _listing_features(row: Any) -> ListingFeatures:
    (id_, organization_id, region, code, title, description, low, high, grade, tags, specs, recommended, regions) = row
    return ListingFeatures(
        id=id_, organization_id=organization_id, supplier_region=region, category_code=code, title=title,
        description=description, price_min=low, price_max=high, energy_grade=grade, tags=tags, specs=specs,
        recommended=recommended, service_regions=regions,
    )  # fmt: skip


async def candidate_listings(
    session: AsyncSession, *, codes: Sequence[str], region_ancestors: Sequence[str]
) -> list[ListingFeatures]:
    """Published listings of these leaves; with `region_ancestors`, only those whose service
    regions hold the buyer's region or one of its ancestors (000000 among them). Uses
    ix_listings_status_category and the GIN index on service_regions."""
    if not codes:
        return []
    stmt = (
        select(*_LISTING_COLUMNS)
        .join(Organization, Organization.id == Listing.organization_id)
        .where(Listing.status == "published", Listing.category_code.in_(list(codes)))
    )
    if region_ancestors:
        stmt = stmt.where(Listing.service_regions.overlap(list(region_ancestors)))
    return [_listing_features(row) for row in await session.execute(stmt)]


def _fits_condition(m: Motivation) -> tuple[str, dict[str, Any]]:
    """`Motivation.reason(...) is not None` as an SQL condition on `l`, with its parameters."""
    parts: list[str] = []
    params: dict[str, Any] = {}
    if m.energy_grade_at_most is not None:
        parts.append(f"l.energy_grade <= {int(m.energy_grade_at_most)}")
    if m.tags:
        params[f"{m.key}_tags"] = [tag for tag, _ in m.tags]
        parts.append(f"l.tags && CAST(:{m.key}_tags AS text[])")
    for i, (word, _) in enumerate(m.words):
        params[f"{m.key}_word{i}"] = word
        parts.append(f"strpos(l.title || l.description, :{m.key}_word{i}) > 0")
    return " OR ".join(parts) or "false", params


# The motivations' fit rule (seeds/motivations.yaml) in SQL, as the bit mask of `pools.BITS`
# (tests check it agrees with `scoring._fits` on every listing).
_FIT_CONDITIONS = [(m.key, *_fits_condition(m)) for m in MOTIVATIONS]
_FITS = " | ".join(f"(CASE WHEN {sql} THEN {BITS[key]} ELSE 0 END)" for key, sql, _ in _FIT_CONDITIONS)
_FITS_PARAMS = {name: value for _, _, params in _FIT_CONDITIONS for name, value in params.items()}


async def candidate_columns(
    session: AsyncSession,
    *,
    codes: Sequence[str],
    region_ancestors: Sequence[str],
    specs: dict[str, bool],
) -> tuple[Columns, dict[str, SpecColumn]]:
    """What ranking needs of the published listings of these leaves that serve a region with
    these ancestors, as arrays aggregated in one row (no per-row decoding): ids, leaf, unit
    prices, recommended, policy fits, supplier region, and one column per spec key (`specs`:
    key → whether the values are wanted exactly as JSON gives them, i.e. a text requirement;
    otherwise numbers come as float8 and only non-numbers as JSON). Same filter and indexes as
    `candidate_listings`."""
    params: dict[str, Any] = {"codes": list(codes), "regions": list(region_ancestors), **_FITS_PARAMS}
    spec_sql: list[str] = []
    for i, (key, exact) in enumerate(specs.items()):
        params[f"key{i}"] = key
        value = f"l.specs -> CAST(:key{i} AS text)"
        if exact:
            spec_sql.append(f"array_agg(CAST({value} AS text))")
        else:
            spec_sql.append(
                f"array_agg(CASE WHEN jsonb_typeof({value}) = 'number' THEN CAST({value} AS text)::float8 END), "
                f"array_agg(CASE WHEN jsonb_typeof({value}) NOT IN ('number', 'null') THEN CAST({value} AS text) END)"
            )
    stmt = text(
        f"""
        SELECT array_agg(l.id), array_agg(l.category_code), array_agg(CAST(l.price_min AS float8)),
               array_agg(CAST(l.price_max AS float8)), array_agg(l.recommended), array_agg({_FITS}),
               array_agg(o.region_code), array_agg(NOT (l.service_regions <@ CAST(ARRAY['000000'] AS varchar[])))
               {"".join(", " + s for s in spec_sql)}
        FROM listings l JOIN organizations o ON o.id = l.organization_id
        WHERE l.status = 'published' AND l.category_code = ANY(CAST(:codes AS text[]))
          AND l.service_regions && CAST(:regions AS varchar[])
        """
    )
    row = (await session.execute(stmt, params)).one() if codes else None
    if row is None or row[0] is None:
        empty = np.array([], dtype=float)
        return Columns([], [], empty, empty, [], [], [], []), {key: spec_column([]) for key in specs}
    ids, leaves, price_min, price_max, recommended, fits, supplier, named, *rest = row
    low = np.array(price_min, dtype=float)  # None → NaN
    high = np.array(price_max, dtype=float)
    columns = Columns(
        ids=list(ids), category_codes=list(leaves), low=np.where(np.isnan(low), high, low),
        high=np.where(np.isnan(high), low, high), recommended=list(recommended), fits=list(fits),
        supplier_regions=list(supplier), named_regions=[bool(n) for n in named],
    )  # fmt: skip
    found: dict[str, SpecColumn] = {}
    for key, exact in specs.items():
        if exact:
            found[key] = spec_column([None if v is None else json.loads(v) for v in rest.pop(0)])
            continue
        numbers, others = rest.pop(0), rest.pop(0)
        if any(v is not None for v in others):
            values = [json.loads(o) if o is not None else n for n, o in zip(numbers, others, strict=True)]
            found[key] = spec_column(values)
        else:
            array = np.array(numbers, dtype=float)
            found[key] = (numbers, array, False)
    return columns, found


def _id_array(ids: Sequence[Any]) -> Any:
    """Listing ids as one array parameter (`= ANY(...)`), not one parameter per id."""
    return bindparam("ids", list(ids), type_=ARRAY(Listing.id.type))


async def listing_texts(session: AsyncSession, ids: Sequence[Any]) -> dict[Any, str]:
    """id → title and description as text scoring reads them (`ListingFeatures.bigrams`)."""
    rows = await session.execute(
        select(Listing.id, Listing.title, Listing.description).where(Listing.id.in_(list(ids)))
    )
    return {id_: f"{title} {description}" for id_, title, description in rows}


async def listings_features_by_id(session: AsyncSession, ids: Sequence[Any]) -> list[ListingFeatures]:
    """Whole candidate listings (as scoring sees them) by id."""
    stmt = select(*_LISTING_COLUMNS).join(Organization, Organization.id == Listing.organization_id)
    return [_listing_features(row) for row in await session.execute(stmt.where(Listing.id == any_(_id_array(ids))))]


async def listing_features_of(session: AsyncSession, listing_id: uuid.UUID) -> ListingFeatures | None:
    stmt = select(*_LISTING_COLUMNS).join(Organization, Organization.id == Listing.organization_id)
    row = (await session.execute(stmt.where(Listing.id == listing_id))).one_or_none()
    return _listing_features(row) if row else None


@dataclass(frozen=True)
class ServedScope:
    """What a listing could serve: demands in one of `codes` (its leaf, its group) or replacing
    equipment named in `replaced`, in a region under one of `service_regions`."""

    codes: tuple[str, ...]
    replaced: tuple[str, ...]
    service_regions: tuple[str, ...]


# Per scope, its newest published demands (the one statement for one listing or a whole batch).
_CANDIDATE_DEMANDS = text(f"""
    SELECT k.n, c.id
    FROM jsonb_to_recordset(CAST(:scopes AS jsonb)) AS k(n int, codes text[], replaced text[], regions text[])
    CROSS JOIN LATERAL (
        SELECT d.id, d.published_at FROM demands d
        WHERE d.status = 'published'
          AND (d.category_code = ANY(k.codes)
               OR EXISTS (SELECT 1 FROM unnest(k.replaced) w WHERE strpos(d.replaces ->> 'description', w) > 0))
          AND {under_any_sql("d.region_code", "k.regions")}
        ORDER BY d.published_at DESC NULLS LAST, d.id
        LIMIT :limit
    ) c
    ORDER BY k.n, c.published_at DESC NULLS LAST, c.id
""")


async def candidate_demand_ids(
    session: AsyncSession, scopes: Sequence[ServedScope], *, limit: int
) -> list[list[uuid.UUID]]:
    """Per scope, the published demands a listing of that scope could serve, newest first, at
    most `limit`: one statement however many scopes (an import's thousands of listings share a few
    hundred). A replaced word counts from two characters on."""
    if not scopes:
        return []
    found: list[list[uuid.UUID]] = [[] for _ in scopes]
    payload = [
        {"n": n, "codes": list(s.codes), "replaced": [w for w in s.replaced if len(w) >= 2],
         "regions": list(s.service_regions)}
        for n, s in enumerate(scopes)
        if s.service_regions
    ]  # fmt: skip
    if payload:
        rows = await session.execute(_CANDIDATE_DEMANDS, {"scopes": json.dumps(payload), "limit": limit})
        for n, demand_id in rows:
            found[n].append(demand_id)
    return found


async def candidate_demands(session: AsyncSession, scope: ServedScope, *, limit: int) -> Sequence[Demand]:
    """The published demands a listing of `scope` could serve, newest first, at most `limit`."""
    [ids] = await candidate_demand_ids(session, [scope], limit=limit)
    if not ids:
        return []
    stmt = (
        select(Demand).options(joinedload(Demand.organization), joinedload(Demand.category)).where(Demand.id.in_(ids))
    )
    loaded = {d.id: d for d in (await session.scalars(stmt)).unique().all()}
    return [loaded[i] for i in ids if i in loaded]


async def listings_by_id(session: AsyncSession, ids: Sequence[uuid.UUID]) -> Sequence[Listing]:
    stmt = select(Listing).options(*_LISTING_REFS).where(Listing.id.in_(list(ids)))
    return (await session.scalars(stmt)).unique().all()


async def published_demand_ids(session: AsyncSession, *, limit: int | None = None) -> list[uuid.UUID]:
    stmt = select(Demand.id).where(Demand.status == "published").order_by(Demand.id)
    return list(await session.scalars(stmt.limit(limit) if limit else stmt))


async def demands_by_id(session: AsyncSession, ids: Sequence[uuid.UUID]) -> Sequence[Demand]:
    stmt = select(Demand).options(joinedload(Demand.organization)).where(Demand.id.in_(list(ids)))
    return (await session.scalars(stmt)).unique().all()


# --------------------------------------------------------------------------- storing


# One statement per chunk, arrays unnested server-side: re-matching writes hundreds of thousands
# of rows and a multi-row VALUES list costs more to build than to run. A strong pair not notified
# before is marked notified in the same write (no second pass over the rows) and returned.
_UPSERT = text(
    """
    WITH stored AS (
        INSERT INTO matches (id, demand_id, listing_id, score, breakdown, reasons, computed_at, status, version,
                             created_at, updated_at, notified_at)
        SELECT gen_random_uuid(), d, l, s, b::jsonb, r::jsonb, :now, 'suggested', 1, :now, :now,
               CASE WHEN s >= CAST(:threshold AS float8) THEN CAST(:now AS timestamptz) END
        FROM unnest(CAST(:demand_ids AS uuid[]), CAST(:listing_ids AS uuid[]), CAST(:scores AS float8[]),
                    CAST(:breakdowns AS text[]), CAST(:reasons AS text[])) AS t(d, l, s, b, r)
        ON CONFLICT ON CONSTRAINT uq_matches_demand_listing DO UPDATE
        SET score = EXCLUDED.score, breakdown = EXCLUDED.breakdown, reasons = EXCLUDED.reasons,
            computed_at = EXCLUDED.computed_at,
            notified_at = CASE WHEN matches.notified_at IS NULL AND matches.status <> 'declined'
                                    AND EXCLUDED.score >= CAST(:threshold AS float8)
                               THEN CAST(:now AS timestamptz) ELSE matches.notified_at END
        RETURNING id, demand_id, listing_id, score, notified_at
    )
    SELECT id, demand_id, listing_id, score FROM stored WHERE notified_at = CAST(:now AS timestamptz)
    """
)


async def store_scored(
    session: AsyncSession,
    pairs: Sequence[tuple[uuid.UUID, uuid.UUID, Scored]],
    *,
    computed_at: datetime,
    notify_from: float | None = None,
) -> list[tuple[uuid.UUID, uuid.UUID, uuid.UUID, float]]:
    """Insert or re-score (demand, listing) pairs; an existing row keeps its lifecycle status.
    With `notify_from`, the stored pairs scoring at least that and not notified before (nor
    declined) are marked notified; returns those as (match id, demand, listing, score)."""
    claimed: list[tuple[uuid.UUID, uuid.UUID, uuid.UUID, float]] = []
    # Rows locked in one global order (demand, listing): two workers re-matching overlapping demands
    # at once wait for each other instead of deadlocking (and retrying a whole outbox batch).
    pairs = sorted(pairs, key=lambda p: (p[0], p[1]))
    for start in range(0, len(pairs), INSERT_CHUNK):
        chunk = pairs[start : start + INSERT_CHUNK]
        rows = await session.execute(
            _UPSERT,
            {
                "now": computed_at,
                "threshold": notify_from,
                "demand_ids": [d for d, _, _ in chunk],
                "listing_ids": [listing for _, listing, _ in chunk],
                "scores": [s.score for _, _, s in chunk],
                "breakdowns": [json.dumps(s.breakdown) for _, _, s in chunk],
                "reasons": [json.dumps(s.reasons, ensure_ascii=False) for _, _, s in chunk],
            },
        )
        claimed.extend((m, d, listing, score) for m, d, listing, score in rows)
    return claimed


_DROP_NOT_FOUND = text(
    """
    DELETE FROM matches m
    WHERE m.demand_id = ANY(CAST(:demand_ids AS uuid[])) AND m.status = 'suggested'
      AND NOT EXISTS (SELECT 1 FROM unnest(CAST(:found_demands AS uuid[]), CAST(:found_listings AS uuid[])) AS f(d, l)
                      WHERE f.d = m.demand_id AND f.l = m.listing_id)
    """
)


async def drop_suggestions_not_found(
    session: AsyncSession, *, demand_ids: Sequence[uuid.UUID], found: Sequence[tuple[uuid.UUID, uuid.UUID]]
) -> int:
    """Suggested matches of these demands that the latest run did not find again (`found`: the
    (demand, listing) pairs it found). Run it before storing the found pairs: demands without
    stored matches cost one index probe, not a scan of the rows just written."""
    params = {
        "demand_ids": list(demand_ids),
        "found_demands": [d for d, _ in found],
        "found_listings": [listing for _, listing in found],
    }
    result = await session.execute(_DROP_NOT_FOUND, params)
    return int(result.rowcount)  # type: ignore[attr-defined]


async def drop_suggestions(
    session: AsyncSession, *, demand_id: uuid.UUID | None = None, listing_ids: Sequence[uuid.UUID] = ()
) -> int:
    """Every suggested match of a demand, or of these listings, in one statement."""
    where = Match.demand_id == demand_id if demand_id is not None else Match.listing_id.in_(list(listing_ids))
    result = await session.execute(delete(Match).where(where, Match.status == "suggested"))
    return int(result.rowcount)  # type: ignore[attr-defined]


# --------------------------------------------------------------------------- reading

_MATCH_REFS = (
    joinedload(Match.listing).joinedload(Listing.organization),
    joinedload(Match.listing).joinedload(Listing.category),
    joinedload(Match.demand).joinedload(Demand.organization),
    joinedload(Match.demand).joinedload(Demand.category),
)


async def get_match(session: AsyncSession, match_id: uuid.UUID, *, for_update: bool = False) -> Match | None:
    stmt = select(Match).options(*_MATCH_REFS).where(Match.id == match_id)
    if for_update:
        stmt = stmt.with_for_update(of=Match)
    return (await session.scalars(stmt)).unique().one_or_none()


async def find_match(session: AsyncSession, *, demand_id: uuid.UUID, listing_id: uuid.UUID) -> Match | None:
    """The match of one pair, locked, with its demand and listing loaded."""
    stmt = (
        select(Match)
        .options(*_MATCH_REFS)
        .where(Match.demand_id == demand_id, Match.listing_id == listing_id)
        .with_for_update(of=Match)
        .execution_options(populate_existing=True)
    )
    return (await session.scalars(stmt)).unique().one_or_none()


async def count_for(
    session: AsyncSession, *, demand_id: uuid.UUID | None = None, listing_id: uuid.UUID | None = None
) -> int:
    where = Match.demand_id == demand_id if demand_id is not None else Match.listing_id == listing_id
    return await session.scalar(select(func.count()).select_from(Match).where(where)) or 0


async def ranked(
    session: AsyncSession, *, demand_id: uuid.UUID | None = None, listing_id: uuid.UUID | None = None, limit: int
) -> Sequence[Match]:
    """A demand's stored matches (with a published listing) or a listing's stored leads (with a
    published demand), best first."""
    stmt = select(Match).options(*_MATCH_REFS)
    if demand_id is not None:
        stmt = stmt.join(Listing, Listing.id == Match.listing_id)
        stmt = stmt.where(Match.demand_id == demand_id, Listing.status == "published")
    else:
        stmt = stmt.join(Demand, Demand.id == Match.demand_id)
        stmt = stmt.where(Match.listing_id == listing_id, Demand.status == "published")
    stmt = stmt.order_by(Match.score.desc(), Match.id).limit(limit)
    return (await session.scalars(stmt)).unique().all()


async def for_organization(
    session: AsyncSession, *, organization_id: uuid.UUID, side: str, status: str | None, limit: int, offset: int
) -> tuple[Sequence[Match], int]:
    """An organisation's matches as buyer (its demands) or supplier (its listings), best first;
    suggested ones only while both sides are published."""
    owner = Demand.organization_id if side == "buyer" else Listing.organization_id
    where = [
        owner == organization_id,
        or_(Match.status != "suggested", and_(Demand.status == "published", Listing.status == "published")),
    ]
    if status:
        where.append(Match.status == status)
    base = (
        select(Match)
        .join(Demand, Demand.id == Match.demand_id)
        .join(Listing, Listing.id == Match.listing_id)
        .where(*where)
    )
    total = await session.scalar(select(func.count()).select_from(base.subquery())) or 0
    stmt = base.options(*_MATCH_REFS).order_by(Match.updated_at.desc(), Match.score.desc(), Match.id)
    return (await session.scalars(stmt.limit(limit).offset(offset))).unique().all(), total


# --------------------------------------------------------------------------- statistics


async def statistics(session: AsyncSession, *, scope: ColumnElement[bool]) -> dict[str, Any]:
    """Counts per status and contracted amounts, overall, by category group and by city, of the
    matches whose demand lies in `scope` (an `overseen(Demand, actor)` clause)."""
    group = func.coalesce(Category.parent_code, Category.code)
    city = city_sql(Demand.region_code)
    amount = func.coalesce(func.sum(Match.contract_amount), 0)
    base = (
        select()
        .select_from(Match)
        .join(Demand, Demand.id == Match.demand_id)
        .join(Listing, Listing.id == Match.listing_id)
        .join(Category, Category.code == Listing.category_code)
        .where(scope)
    )

    async def grouped(*keys: Any) -> list[Any]:
        stmt = base.add_columns(*keys, Match.status, func.count(), amount).group_by(*keys, Match.status)
        return list(await session.execute(stmt))

    totals: dict[str, int] = {}
    contracted = Decimal(0)
    for row in await grouped():
        status, count, value = row[0], row[1], row[2]
        totals[status] = count
        contracted += value if status == "contracted" else 0
    by_group = await grouped(group)
    by_city = await grouped(city)
    return {"by_status": totals, "contracted_amount": contracted, "by_group": by_group, "by_city": by_city}


async def names_of(session: AsyncSession, *, categories: Sequence[str], regions: Sequence[str]) -> dict[str, str]:
    found: dict[str, str] = {}
    if categories:
        rows = await session.execute(select(Category.code, Category.name).where(Category.code.in_(categories)))
        found.update((code, name) for code, name in rows)
    if regions:
        rows = await session.execute(select(Region.code, Region.name).where(Region.code.in_(regions)))
        found.update((code, name) for code, name in rows)
    return found
