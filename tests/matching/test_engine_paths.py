"""The engine's two ways to rank give identical results on the demo market: one request's narrow
columns (texts and rows fetched for the short list only) and a re-matching run's whole leaves
loaded once and shared by every demand; the SQL columns equal what scoring reads from whole
listings; strong pairs are claimed for notification once."""

from __future__ import annotations

import numpy as np
from sqlalchemy import func, select

from bench.fixtures import load_market
from catalog.notifications.models import Notification
from matching.matches import repository
from matching.matches.models import Match
from matching.pools import Pool, fits_mask
from matching.recommend import Engine, MatchConfig
from matching.scoring import serves_regions
from service.config import Settings
from service.db import make_engine, make_sessionmaker
from tests.conftest import ReadyDatabase


async def test_narrow_and_whole_leaf_ranking_agree(ready_database: ReadyDatabase, settings: Settings) -> None:
    url = await ready_database("test_match_paths")
    await load_market(url, listings=400, demands=300)
    engine = make_engine(url)
    try:
        async with make_sessionmaker(engine)() as session:
            demands = await repository.demands_by_id(session, await repository.published_demand_ids(session))
            shared = await Engine.start(session, MatchConfig(), whole_leaves=True)  # pools cached across demands
            checked = 0
            for demand in demands:
                for limit in (10, 50):
                    fresh = await Engine.start(session, MatchConfig())
                    narrow = [(f.id, s) for f, s in await fresh.rank_demand(demand, limit=limit)]
                    whole = [(f.id, s) for f, s in await shared.rank_demand(demand, limit=limit)]
                    assert narrow == whole, demand.title
                    checked += bool(narrow)
            assert checked > 400

            # the narrow columns are what scoring reads from whole listings
            matcher = await Engine.start(session, MatchConfig())
            codes = [c.code for c in matcher.taxonomy.leaves()]
            listings = await repository.candidate_listings(session, codes=codes, region_ancestors=["000000"])
            columns, specs = await repository.candidate_columns(
                session, codes=codes, region_ancestors=["000000"], specs={"spindle_rpm": False, "control_system": True}
            )
            by_id = {f.id: f for f in listings}
            assert len(columns.ids) == len(listings) > 0
            whole_pool = Pool([by_id[i] for i in columns.ids])
            assert columns.fits == [fits_mask(by_id[i].fits) for i in columns.ids]
            assert any(columns.fits)
            assert columns.named_regions == [serves_regions(by_id[i].service_regions) for i in columns.ids]
            assert columns.supplier_regions == [by_id[i].supplier_region for i in columns.ids]
            np.testing.assert_array_equal(columns.low, whole_pool.low)
            np.testing.assert_array_equal(columns.high, whole_pool.high)
            for key in specs:
                np.testing.assert_array_equal(specs[key][1], whole_pool.column(key)[1])
                assert specs[key][2] == whole_pool.column(key)[2]
            assert specs["control_system"][0] == whole_pool.column("control_system")[0]
            await session.rollback()

        async with make_sessionmaker(engine)() as session:
            demands = await repository.demands_by_id(session, await repository.published_demand_ids(session))
            matcher = await Engine.start(session, MatchConfig(), whole_leaves=True)
            await matcher.match_demands(demands)
            notified = await session.scalar(select(func.count()).where(Match.notified_at.is_not(None)))
            strong = await session.scalar(select(func.count()).where(Match.score >= MatchConfig().notify_threshold))
            notes = await session.scalar(select(func.count()).select_from(Notification))
            assert notified == strong and notes
            await matcher.match_demands(demands)  # nothing new: nobody is told twice
            assert await session.scalar(select(func.count()).select_from(Notification)) == notes
            await session.rollback()
    finally:
        await engine.dispose()


async def test_demands_a_batch_of_listings_may_move_are_the_rule_recounted(
    ready_database: ReadyDatabase, settings: Settings
) -> None:
    """The demands each listing of a batch may move, found in one statement, equal the rule worked
    out in plain Python over every demand: published, in the listing's leaf or group (or replacing
    what its leaf replaces), in a region under one of its service regions, newest first, bounded."""
    from catalog.demands.models import Demand
    from catalog.listings.models import Listing
    from catalog.regions.models import Region

    url = await ready_database("test_match_affected")
    await load_market(url, listings=400, demands=300)
    engine = make_engine(url)
    try:
        async with make_sessionmaker(engine)() as session:
            matcher = await Engine.start(session, MatchConfig(leads_scan=7))
            listings = list(
                (await session.scalars(select(Listing).where(Listing.status == "published").order_by(Listing.id))).all()
            )
            demands = list((await session.scalars(select(Demand))).all())
            ancestors = {code: set(path) for code, path in await session.execute(select(Region.code, Region.ancestors))}
            found = await matcher.demands_affected_by(listings)
            assert len(found) == len(listings)

            def expected(listing: Listing) -> list[object]:
                scope = matcher.served_scope(listing, siblings=True)
                words = [w for w in scope.replaced if len(w) >= 2]
                fitting = [
                    d
                    for d in demands
                    if d.status == "published"
                    and (
                        d.category_code in scope.codes
                        or any(w in ((d.replaces or {}).get("description") or "") for w in words)
                    )
                    and ancestors.get(d.region_code, set()) & set(scope.service_regions)
                ]
                fitting.sort(key=lambda d: str(d.id))
                fitting.sort(key=lambda d: d.published_at is None)  # NULLS LAST after newest first
                fitting.sort(key=lambda d: -(d.published_at.timestamp() if d.published_at else 0))
                return [d.id for d in fitting[:7]]

            assert found == [expected(listing) for listing in listings]
            assert sum(map(bool, found)) > 100 and max(map(len, found)) == 7  # the rule bites and the bound too
    finally:
        await engine.dispose()
