"""A broad search reads a capped sample of its matches (MATCH_CAP): the page is ranked from it, the
total and the facets are scaled from how far into the table it reached and flagged inexact; under
the cap everything stays exact; sorting by price reads every match. And remembered document
frequencies (IDF) never change which rows match: a concept gone since it was counted is recounted."""

from __future__ import annotations

from decimal import Decimal

import httpx
import pytest
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession

from catalog.db import utcnow
from catalog.listings.models import Listing
from catalog.search import postgres
from catalog.search.base import SearchQuery
from catalog.search.indexing import index_listings
from catalog.search.postgres import PostgresSearch
from service.config import Settings
from tests.factories import make_account, published_listing

SHAPES = [
    ("数控车床 CK6150", "0102", ["专精特新"]),
    ("立式加工中心 VMC850", "0101", ["国产替代"]),
    ("数控车床 CK6140", "0102", []),
    ("激光切割机 G3015", "0203", ["专精特新"]),
]


async def _listings(db: AsyncSession, settings: Settings, copies: int) -> list[Listing]:
    supplier = await make_account(db, settings, kind="supplier")
    rows = [
        published_listing(
            supplier.organization.id,
            title=f"{title} 第{i}台",
            category_code=category,
            description="设备状况良好，可现场看机",
            tags=tags,
            service_regions=["000000"],
            price_min=Decimal(100_000 + 1_000 * i),
            published_at=utcnow(),
        )
        for i in range(copies)
        for title, category, tags in SHAPES
    ]
    db.add_all(rows)
    await db.flush()
    await index_listings(db, rows)
    return rows


async def _published(db: AsyncSession, words: str) -> int:
    sql = "SELECT count(*) FROM listings WHERE status = 'published' AND title LIKE :p"
    return int(await db.scalar(text(sql), {"p": f"%{words}%"}) or 0)


async def test_a_broad_search_is_estimated_from_a_sample_and_says_so(
    db: AsyncSession, settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    await _listings(db, settings, copies=30)  # 60 lathes among 120 listings
    lathes = await _published(db, "数控车床")
    backend = PostgresSearch()
    exact = await backend.search(db, "listing", SearchQuery(q="数控车床", facets=["category", "tags"]))
    assert exact.exact and exact.total == lathes
    assert exact.facets["category"] == {"0102": lathes}

    monkeypatch.setattr(postgres, "MATCH_CAP", 25)
    sampled = await backend.search(db, "listing", SearchQuery(q="数控车床", facets=["category", "tags"]))
    assert not sampled.exact
    assert 25 <= sampled.total <= 4 * lathes  # scaled from the pages read; at least what was counted
    assert list(sampled.facets["category"]) == ["0102"] and sampled.facets["category"]["0102"] == sampled.total
    assert len(sampled.items) == 20
    titles = dict(
        (
            await db.execute(
                text("SELECT id, title FROM listings WHERE id = ANY(:ids)"), {"ids": [h.id for h in sampled.items]}
            )
        ).all()
    )
    assert all("数控车床" in titles[h.id] for h in sampled.items)

    # sorted by price the order must be exact over every match: no sample, the cheapest first
    cheapest = await backend.search(db, "listing", SearchQuery(q="数控车床", sort="price", limit=5))
    assert cheapest.exact and cheapest.total == lathes
    prices = (
        await db.execute(
            text("SELECT price_min FROM listings WHERE title LIKE '%数控车床%' ORDER BY price_min LIMIT 5")
        )
    ).scalars().all()  # fmt: skip
    got = dict((await db.execute(text("SELECT id, price_min FROM listings WHERE id = ANY(:ids)"), {"ids": [h.id for h in cheapest.items]})).all())  # fmt: skip
    assert [got[h.id] for h in cheapest.items] == list(prices)

    # without text: the page from the browse index, the count sampled the same way
    browsed = await backend.search(db, "listing", SearchQuery(tags=["专精特新"], region="370200", region_ancestors=["000000", "370000", "370200"]))  # fmt: skip
    assert not browsed.exact and browsed.total >= 25 and len(browsed.items) == 20


async def test_the_api_flags_an_estimated_total(
    client: httpx.AsyncClient, db: AsyncSession, settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    await _listings(db, settings, copies=30)
    page = (await client.get("/api/v1/search/listings", params={"q": "数控车床", "facets": "tags"})).json()
    assert page["total"] == 60 and page["total_exact"] is True
    monkeypatch.setattr(postgres, "MATCH_CAP", 25)
    page = (await client.get("/api/v1/search/listings", params={"q": "数控车床", "facets": "tags"})).json()
    assert page["total_exact"] is False and page["total"] >= 25 and len(page["items"]) == 20


async def test_a_remembered_count_of_a_concept_gone_since_changes_no_match(
    db: AsyncSession, settings: Settings
) -> None:
    rows = await _listings(db, settings, copies=2)
    backend = PostgresSearch()
    query = SearchQuery(q="激光切割机 VMC850")  # two concepts: their document frequencies are remembered
    before = await backend.search(db, "listing", query)
    assert before.total == 4  # no listing has both: partial matches, each concept's listings
    # every laser cutter is re-described as a lathe: 激光切割机 now matches nothing, though its count
    # is remembered above zero — and the number of published listings (the memory's key) is the same
    lasers = [r for r in rows if "激光" in r.title]
    for row in lasers:
        row.title, row.category_code = "数控车床 CK6136", "0102"
    await db.flush()
    await index_listings(db, lasers)
    after = await backend.search(db, "listing", query)
    postgres.forget_document_frequencies()
    fresh = await backend.search(db, "listing", query)
    assert after == fresh  # the same answer as a process that remembered nothing
    assert after.total == 2 and after.exact
    assert {h.id for h in after.items} == {r.id for r in rows if "VMC850" in r.title}


async def test_a_sampled_count_is_read_from_the_first_page(db: AsyncSession, settings: Settings) -> None:
    """A filtered page without text scales its count by how far into the table its sample got,
    so its scan must start at page 0: never join a synchronized sequential scan midway (PostgreSQL
    does on tables over a quarter of shared_buffers; at 1M listings main estimated 6,901 of 252,870)."""
    await _listings(db, settings, copies=2)
    result = await PostgresSearch().search(db, "listing", SearchQuery(tags=["专精特新"]))
    assert result.exact and result.total == 4
    assert await db.scalar(text("SELECT current_setting('synchronize_seqscans')")) == "off"
