"""A text search narrowed by category, tags or energy grade is answered by the one match index
(migration 0015): the filters are index conditions beside the match, not checks made row by row
after it (nor is the match checked row by row after another index, e.g. the browse index for the
recommended flag) — the category only when the words do not name it themselves — and the rows
found are exactly those the filters describe."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from sqlalchemy import event, text
from sqlalchemy.ext.asyncio import AsyncSession

from catalog.db import utcnow
from catalog.search.base import SearchQuery
from catalog.search.indexing import index_listings
from catalog.search.postgres import PostgresSearch
from catalog.search.upkeep import after_bulk_write
from service.config import Settings
from tests.factories import make_account, published_listing

# title, leaf, tags, energy grade, recommended
ROWS = [
    ("数控车床 CK6150 一级能效", "0102", ["专精特新"], 1, True),
    ("数控车床 CK6140", "0102", ["国产替代"], 3, False),
    ("立式加工中心 VMC850 配数控车床刀塔", "0101", ["专精特新"], 2, False),
    ("激光切割机 G3015 数控车床上下料", "0203", ["专精特新"], 1, True),
    ("数控车床 CK6163 二级能效", "0102", [], 2, True),
]


async def _rows(db: AsyncSession, settings: Settings, *, others: int = 0) -> dict[str, Any]:
    """ROWS, and `others` listings of other words (enough rows for the planner to plan as at scale)."""
    supplier = await make_account(db, settings, kind="supplier")
    listings = [
        published_listing(
            supplier.organization.id, title=f"液压折弯机 WC67Y 第{i}台", category_code="0104", tags=["国产替代"],
            energy_grade=2, service_regions=["000000"], published_at=utcnow(),
        )
        for i in range(others)
    ]  # fmt: skip
    listings += [
        published_listing(
            supplier.organization.id, title=title, category_code=leaf, tags=tags, energy_grade=grade,
            recommended=recommended, service_regions=["000000"], published_at=utcnow(),
        )
        for title, leaf, tags, grade, recommended in ROWS
    ]  # fmt: skip
    db.add_all(listings)
    await db.flush()
    await index_listings(db, listings)
    return {row.title: row.id for row in listings}


OTHERS = 400


async def _statements(db: AsyncSession, query: SearchQuery) -> list[tuple[str, Any]]:
    """The search's statements as sent, with their parameters."""
    connection = (await db.connection()).sync_connection
    seen: list[tuple[str, Any]] = []

    def keep(conn: Any, cursor: Any, statement: str, parameters: Any, context: Any, executemany: bool) -> None:
        seen.append((statement, parameters))

    event.listen(connection, "before_cursor_execute", keep)
    try:
        await PostgresSearch().search(db, "listing", query)
    finally:
        event.remove(connection, "before_cursor_execute", keep)
    return seen


async def test_filters_pick_exactly_the_described_rows(db: AsyncSession, settings: Settings) -> None:
    ids = await _rows(db, settings)
    backend = PostgresSearch()

    async def found(**filters: Any) -> set[str]:
        result = await backend.search(db, "listing", SearchQuery(q="数控车床", **filters))
        by_id = {v: k for k, v in ids.items()}
        return {by_id[h.id] for h in result.items}

    machine_tools = {t for t, leaf, *_ in ROWS if leaf.startswith("01")}  # group 01: its leaves 0101, 0102
    assert await found(categories=["01"]) == machine_tools
    assert await found(categories=["0203"]) == {ROWS[3][0]}
    assert await found(energy_grade_max=2) == {t for t, _, _, grade, _ in ROWS if grade <= 2}
    assert await found(tags=["专精特新"], recommended=True) == {ROWS[0][0], ROWS[3][0]}
    assert await found(categories=["01"], tags=["专精特新"], energy_grade_max=1) == {ROWS[0][0]}
    assert await found(categories=["01"], recommended=False, energy_grade_max=3) == {ROWS[1][0], ROWS[2][0]}


async def _plan(db: AsyncSession, query: SearchQuery) -> tuple[str, str]:
    """The plan of the search's first matching statement, and its one match-index condition."""
    statements = [(s, p) for s, p in await _statements(db, query) if s.lstrip().startswith("WITH m")]
    assert statements
    statement, parameters = statements[0]
    driver = (await (await db.connection()).get_raw_connection()).driver_connection
    assert driver is not None
    await db.execute(
        text("SELECT set_config('enable_seqscan', 'off', true), set_config('enable_indexscan', 'off', true)")
    )
    plan = "\n".join(r[0] for r in await driver.fetch("EXPLAIN " + statement, *parameters))
    conditions = [line for line in plan.splitlines() if "Index Cond" in line and "match_vector @@" in line]
    assert "ix_listing_search_match" in plan and "ix_listing_search_browse" not in plan, plan
    assert len(conditions) == 1, plan
    return plan, conditions[0]


async def test_filters_are_conditions_of_the_match_index(db: AsyncSession, settings: Settings) -> None:
    await _rows(db, settings, others=OTHERS)
    # statistics, and the rows moved out of the GIN pending list into the index: as after an import
    assert await after_bulk_write(db, "listing", OTHERS + len(ROWS))
    # 数控车床 names category 0102, outside the filter's group 02: the category goes into the index
    query = SearchQuery(q="数控车床", categories=["02"], tags=["专精特新"], energy_grade_max=2, recommended=True)
    plan, condition = await _plan(db, query)
    for column in ("ARRAY[category_code]", "tags @>", "ARRAY[energy_grade]"):
        assert column in condition, plan
    # inside the filter's group 01: nearly all its matches pass, the category is checked on the rows read
    plan, condition = await _plan(db, replace(query, categories=["01"]))
    assert "ARRAY[category_code]" not in condition and "tags @>" in condition and "ARRAY[energy_grade]" in condition, (
        plan
    )
