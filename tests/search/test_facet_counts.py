"""The landing page's counters (search_facet_counts, kept by migration 0008's triggers) stay exactly
equal to a recount of the published search rows through every kind of write: create, publish,
change (re-categorise, tags, regions, energy grade), unpublish, archive, restore, delete, a
spreadsheet import of several rows, and a rolled-back write."""

from __future__ import annotations

import csv
import io
import uuid
from collections import Counter
from dataclasses import replace
from decimal import Decimal
from typing import Any

import httpx
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession

from catalog.db import utcnow
from catalog.listings.models import Listing
from catalog.search.base import LISTING_FACETS, SearchQuery
from catalog.search.indexing import index_listings
from catalog.search.postgres import PostgresSearch
from service.config import Settings
from tests.factories import Account, listing_body, make_account

RECOUNT = {
    "category": "SELECT category_code, count(*) FROM listing_search WHERE status = 'published' GROUP BY 1",
    "tags": "SELECT v, count(*) FROM listing_search, unnest(tags) v WHERE status = 'published' GROUP BY 1",
    "energy_grade": "SELECT energy_grade::text, count(*) FROM listing_search "
    "WHERE status = 'published' AND energy_grade IS NOT NULL GROUP BY 1",
    "region": "SELECT v, count(*) FROM listing_search, unnest(service_regions) v WHERE status = 'published' GROUP BY 1",
}

MATCHED = "SELECT category_code, tags, energy_grade, service_regions FROM listing_search WHERE listing_id = ANY(:ids)"


async def assert_exact(db: AsyncSession, client: httpx.AsyncClient | None = None) -> dict[str, Any]:
    """The counters, read the way the landing page reads them, equal a recount; over HTTP too."""
    result = await PostgresSearch().search(db, "listing", SearchQuery(facets=list(LISTING_FACETS)))
    total = await db.scalar(text("SELECT count(*) FROM listing_search WHERE status = 'published'"))
    assert result.total == total
    for facet, sql in RECOUNT.items():
        assert result.facets[facet] == {k: int(n) for k, n in (await db.execute(text(sql))).all()}, facet
    if client is not None:
        page = (await client.get("/api/v1/search/listings", params={"facets": ",".join(LISTING_FACETS)})).json()
        assert page["total"] == total and page["facets"] == result.facets
    return result.facets


async def post(client: httpx.AsyncClient, who: Account, path: str, **kwargs: Any) -> dict[str, Any]:
    response = await client.post(path, headers=who.headers, **kwargs)
    assert response.status_code in (200, 201), response.text
    body: dict[str, Any] = response.json()
    return body


async def test_counters_follow_every_write(client: httpx.AsyncClient, db: AsyncSession, settings: Settings) -> None:
    supplier = await make_account(db, settings, kind="supplier", region_code="370200")
    await assert_exact(db, client)
    ids = []
    for body in (
        listing_body(),
        listing_body(category="激光切割机", tags=["专精特新"], service_regions=["000000"], energy_grade=None),
        listing_body(category="空气压缩机", tags=[], service_regions=["330000", "370000"], energy_grade=1),
    ):
        ids.append((await post(client, supplier, "/api/v1/listings", json=body))["id"])
    await assert_exact(db, client)  # drafts count for nothing
    for listing_id in ids:
        await post(client, supplier, f"/api/v1/listings/{listing_id}/publish")
    facets = await assert_exact(db, client)
    assert facets["tags"]["专精特新"] >= 1

    # re-categorise, re-tag, other regions, no energy grade
    url = f"/api/v1/listings/{ids[0]}"
    etag = (await client.get(url, headers=supplier.headers)).headers["ETag"]
    changed = await client.patch(
        url,
        json={
            "category": "数控车床",
            "tags": ["国产替代", "智能制造"],
            "service_regions": ["510100"],
            "energy_grade": None,
        },
        headers={**supplier.headers, "If-Match": etag},
    )
    assert changed.status_code == 200, changed.text
    await assert_exact(db, client)

    await post(client, supplier, f"/api/v1/listings/{ids[1]}/unpublish")
    await assert_exact(db, client)
    archived = await client.delete(f"/api/v1/listings/{ids[2]}", headers=supplier.headers)
    assert archived.status_code == 204, archived.text
    await assert_exact(db, client)
    await post(client, supplier, f"/api/v1/listings/{ids[2]}/restore")
    await post(client, supplier, f"/api/v1/listings/{ids[1]}/publish")
    await assert_exact(db, client)

    # a spreadsheet import, published at once: one batch, one trigger run per statement
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(["external_id", "title", "category", "description", "tags", "service_regions", "energy_grade"])
    for i in range(12):
        writer.writerow(
            [f"SKU-{uuid.uuid4().hex[:8]}", f"二手数控车床 CK61{i:02d}", "数控车床", "斜床身数控车床，九成新",
             "以旧换新;再制造" if i % 2 else "", "370000；330400" if i % 3 else "000000", str(1 + i % 3)]
        )  # fmt: skip
    imported = await client.post(
        "/api/v1/listings/import",
        files={"file": ("供给清单.csv", buffer.getvalue().encode())},
        params={"publish": "true"},
        headers=supplier.headers,
    )
    assert imported.status_code in (200, 201), imported.text
    facets = await assert_exact(db, client)
    assert facets["tags"]["以旧换新"] >= 6

    # a row removed outright (the cascade from listings) is counted out too
    await db.execute(text("DELETE FROM listings WHERE id = :id"), {"id": uuid.UUID(ids[0])})
    await assert_exact(db)


async def test_a_rolled_back_write_leaves_the_counters_alone(db: AsyncSession, settings: Settings) -> None:
    before = await assert_exact(db)
    savepoint = await db.begin_nested()
    await db.execute(text("UPDATE listing_search SET tags = tags || CAST(ARRAY['首台套'] AS text[])"))
    await savepoint.rollback()
    assert await assert_exact(db) == before


async def test_one_pass_facets_equal_a_recount_of_the_matches(db: AsyncSession, settings: Settings) -> None:
    """Every search path (text, text + filters, filters only, partial matches) counts its total and
    facets in one grouping-sets pass; each equals a plain count over all its matches."""
    supplier = await make_account(db, settings, kind="supplier")
    shapes = [
        ("数控车床 CK6150", "0102", ["专精特新", "国产替代"], ["370000"], 1),
        ("数控车床 CK6140 二手", "0102", ["以旧换新"], ["370000", "330000"], None),
        ("立式加工中心 VMC850", "0101", ["国产替代", "专精特新"], ["000000"], 2),
        ("激光切割机 G3015", "0203", [], ["330000"], 2),
        ("螺杆空压机 37kW", "0704", ["能效一级"], ["370800", "330000"], 1),
        ("数控车床 草稿", "0102", ["首台套"], ["510100"], 3),
    ]
    rows = []
    for i, (title, category, tags, regions, grade) in enumerate(shapes * 3):
        rows.append(
            Listing(
                organization_id=supplier.organization.id, title=f"{title} #{i}", category_code=category,
                description="设备状况良好", tags=tags, service_regions=regions, energy_grade=grade, specs={},
                status="draft" if "草稿" in title else "published", recommended=i % 4 == 0, review_status="none",
                version=1, price_min=Decimal(100000 * (1 + i)), published_at=utcnow(),
            )
        )  # fmt: skip
    db.add_all(rows)
    await db.flush()
    await index_listings(db, rows)
    backend = PostgresSearch()
    queries = [
        SearchQuery(q="数控车床"),
        SearchQuery(q="车床", region="330000", region_ancestors=["000000", "330000"]),
        SearchQuery(q="数控车床 激光切割"),  # partial matches fill the page
        SearchQuery(tags=["专精特新"]),
        SearchQuery(energy_grade_max=1, price_max=Decimal(1_500_000)),
        SearchQuery(categories=["01"], region="370800", region_ancestors=["000000", "370000", "370800"]),
    ]
    for query in queries:
        query = replace(query, limit=100, facets=list(LISTING_FACETS))
        result = await backend.search(db, "listing", query)
        matched = (await db.execute(text(MATCHED), {"ids": [h.id for h in result.items]})).all()
        assert result.total == len(result.items) == len(matched) > 0, query
        expected: dict[str, Counter[str]] = {f: Counter() for f in LISTING_FACETS}
        for category, tags, grade, regions in matched:
            expected["category"][category] += 1
            expected["tags"].update(tags)
            expected["region"].update(regions)
            if grade is not None:
                expected["energy_grade"][str(grade)] += 1
        assert result.facets == {f: dict(c) for f, c in expected.items()}, query
        for facet, counted in result.facets.items():  # most first, then by value
            assert list(counted) == sorted(counted, key=lambda k: (-counted[k], k)), facet
