"""Search columns follow every write in one batched UPDATE; the Meilisearch outbox handler pushes
published rows and deletes the rest; the backend comes from settings."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from typing import Any

import pytest
from sqlalchemy import event, select, text
from sqlalchemy.ext.asyncio import AsyncSession

from catalog.listings.models import Listing
from catalog.outbox.models import OutboxEvent
from catalog.search.base import Kind, SearchQuery
from catalog.search.documents import SearchDocument
from catalog.search.factory import make_backend
from catalog.search.indexing import index_listings
from catalog.search.meilisearch import MeilisearchSearch
from catalog.search.models import ListingSearch
from catalog.search.postgres import PostgresSearch
from service.config import Settings
from service.jobs.search import push_changes
from tests.factories import make_account, published_listing


async def _listings(db: AsyncSession, settings: Settings, n: int, **values: Any) -> list[Listing]:
    supplier = await make_account(db, settings, kind="supplier")
    rows = [
        published_listing(
            supplier.organization.id, title=f"数控车床 CK61{i:02d}", description="斜床身数控车床", **values
        )
        for i in range(n)
    ]
    db.add_all(rows)
    await db.flush()
    return rows


async def test_one_statement_for_a_whole_batch(db: AsyncSession, settings: Settings) -> None:
    rows = await _listings(db, settings, 50)
    statements: list[str] = []

    def record(conn: Any, cursor: Any, statement: str, *args: Any) -> None:
        if "listing_search" in statement:
            statements.append(statement)

    sync_engine = (await db.connection()).sync_engine
    event.listen(sync_engine, "before_cursor_execute", record)
    try:
        await index_listings(db, rows)
    finally:
        event.remove(sync_engine, "before_cursor_execute", record)
    assert len(statements) == 1
    vectors = (
        await db.execute(
            select(ListingSearch.search_vector, ListingSearch.search_text).where(ListingSearch.listing_id == rows[0].id)
        )
    ).one()
    assert "'数控车床':" in vectors[0] and "车床" in vectors[0]
    assert vectors[1].startswith("数控车床 ck6100")
    found = await PostgresSearch().search(db, "listing", SearchQuery(q="CK6107"))
    # the model first; a query naming no category is then followed by the rest of that leaf
    assert found.items[0].id == rows[7].id and found.items[0].score > 0
    assert {h.id for h in found.items[1:]} <= {r.id for r in rows} - {rows[7].id}


async def test_weights_follow_the_fields(db: AsyncSession, settings: Settings) -> None:
    (row,) = await _listings(db, settings, 1, brand="沈阳机床", model="i5T3")
    row.description = "提供远程运维服务"
    await index_listings(db, [row])
    vector = await db.scalar(select(ListingSearch.search_vector).where(ListingSearch.listing_id == row.id))
    weights = dict(
        (await db.execute(text("SELECT lexeme, weights FROM unnest(CAST(:v AS tsvector))"), {"v": vector})).all()
    )
    assert "A" in weights["数控车床"]  # title
    assert "B" in weights["工业母机"]  # the category's group
    assert "C" in weights["i5t3"]  # model
    assert "D" in weights["远程"]  # description


async def test_the_trigram_text_holds_the_names_not_the_description(db: AsyncSession, settings: Settings) -> None:
    """The trigram text (the misspelling fallback) is the title, brand, model and category names:
    a misspelt name is still found, the description's trigrams are not indexed (they cost an
    import ~100 µs a row in the trigram GIN index)."""
    (row,) = await _listings(db, settings, 1, brand="海天精工", model="VMC850", category_code="0101")
    row.title = "立式加工中心 VMC850"
    row.description = "主轴转速一万二千转，配发那科数控系统，适合模具精加工。"
    await index_listings(db, [row])
    trigram = await db.scalar(select(ListingSearch.search_text).where(ListingSearch.listing_id == row.id))
    assert trigram is not None and trigram.startswith("立式加工中心 vmc850 海天精工 vmc850")
    assert "发那科" not in trigram and "模具" not in trigram
    found = await PostgresSearch().search(db, "listing", SearchQuery(q="立式加攻中心"))
    assert [h.id for h in found.items] == [row.id]


async def test_match_vector_is_the_search_vector_without_positions(db: AsyncSession, settings: Settings) -> None:
    (row,) = await _listings(db, settings, 1, brand="海天精工", model="VMC850")
    row.description = "立式加工中心，三轴联动，适合模具加工。" * 20
    row.tags = ["专精特新", "国产替代"]
    await index_listings(db, [row])
    same = await db.scalar(
        text("SELECT match_vector = strip(search_vector) FROM listing_search WHERE listing_id = :id"), {"id": row.id}
    )
    assert same is True
    # the long values live out of line, the facet arrays never do (migration 0008)
    storage = dict(
        (
            await db.execute(
                text("SELECT attname, attstorage::text FROM pg_attribute WHERE attrelid = 'listing_search'::regclass")
            )
        ).all()
    )
    assert [storage[c] for c in ("match_vector", "search_vector", "search_text")] == ["e", "e", "e"]
    assert [storage[c] for c in ("tags", "service_regions")] == ["p", "p"]
    row.title = "卧式加工中心 HMC630"
    row.model = "HMC630"
    await index_listings(db, [row])
    found = await PostgresSearch().search(db, "listing", SearchQuery(q="HMC630"))
    assert [h.id for h in found.items] == [row.id]
    assert (await PostgresSearch().search(db, "listing", SearchQuery(q="vmc850"))).total == 0


class RecordingBackend:
    name = "recording"

    def __init__(self) -> None:
        self.indexed: list[SearchDocument] = []
        self.deleted: list[uuid.UUID] = []

    async def index(self, session: AsyncSession, kind: Kind, documents: Sequence[SearchDocument]) -> None:
        self.indexed.extend(d for d in documents if d.searchable)
        self.deleted.extend(d.id for d in documents if not d.searchable)

    async def delete(self, session: AsyncSession, kind: Kind, ids: Sequence[uuid.UUID]) -> None:
        self.deleted.extend(ids)


async def test_outbox_handler_pushes_published_and_deletes_the_rest(db: AsyncSession, settings: Settings) -> None:
    published, archived = await _listings(db, settings, 2)
    archived.status = "archived"
    await db.flush()
    gone = uuid.uuid4()
    events = [
        OutboxEvent(topic="listing.changed", entity_type="listing", entity_id=i, payload={})
        for i in (published.id, archived.id, published.id, gone)
    ]
    backend = RecordingBackend()
    await push_changes(db, "listing", events, backend)  # type: ignore[arg-type]
    assert [d.id for d in backend.indexed] == [published.id]
    assert set(backend.deleted) == {archived.id, gone}


def test_factory_chooses_the_backend() -> None:
    assert isinstance(make_backend("postgres"), PostgresSearch)
    assert isinstance(make_backend("meilisearch", meili_url="http://127.0.0.1:7700"), MeilisearchSearch)
    with pytest.raises(ValueError, match="MEILI_URL"):
        make_backend("meilisearch")
    with pytest.raises(ValueError, match="unknown"):
        make_backend("elastic")


def test_handlers_are_registered_only_for_meilisearch() -> None:
    from service.jobs.search import register
    from service.worker import OUTBOX_HANDLERS

    before = {topic: list(handlers) for topic, handlers in OUTBOX_HANDLERS.items()}
    register(Settings(env="test", search_backend="postgres"))
    assert {t: list(h) for t, h in OUTBOX_HANDLERS.items()} == before
    try:
        register(Settings(env="test", search_backend="meilisearch", meili_url="http://127.0.0.1:7700"))
        register(Settings(env="test", search_backend="meilisearch", meili_url="http://127.0.0.1:7700"))
        names = [h.__name__ for h in OUTBOX_HANDLERS["listing.changed"]]
        assert names.count("push_listings_to_meilisearch") == 1
    finally:
        for topic in ("listing.changed", "demand.changed"):
            OUTBOX_HANDLERS[topic][:] = before.get(topic, [])


async def test_search_items_from_columns_equal_the_listing_items(db: AsyncSession, settings: Settings) -> None:
    from sqlalchemy.orm import selectinload

    from catalog.search.base import Hit
    from catalog.search.schemas import listing_hit
    from catalog.search.service import listing_hits_in_order

    rows = await _listings(db, settings, 3, brand="沈阳机床", model="i5T3")
    rows[2].tags = ["国产替代", "专精特新"]
    rows[1].status = "archived"  # unpublished since indexing: left out
    await db.flush()
    hits = [Hit(rows[2].id, 0.5), Hit(rows[1].id, 0.4), Hit(rows[0].id, 0.3)]
    items = await listing_hits_in_order(db, hits)
    loaded = {
        r.id: r
        for r in await db.scalars(
            select(Listing).options(selectinload(Listing.organization), selectinload(Listing.category))
            .where(Listing.id.in_([rows[0].id, rows[2].id]))
        )
    }  # fmt: skip
    assert items == [listing_hit(loaded[rows[2].id], score=0.5), listing_hit(loaded[rows[0].id], score=0.3)]
    assert items[0].supplier.name and items[0].category.name and items[0].tags == ["国产替代", "专精特新"]
    assert await listing_hits_in_order(db, []) == []
