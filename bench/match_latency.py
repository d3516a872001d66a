"""Matching speed on a large market: top-10 for one demand computed fresh (p50/p95 over a sample,
each with a fresh engine as one request would have), re-matching every published demand (top-50
stored per demand), and the API's usual answer from stored matches — beside a brute-force scorer
that scores every published listing in Python.

    .venv/bin/python -m bench.match_latency                          # 100k listings, 10k demands
    .venv/bin/python -m bench.match_latency --listings 20000 --demands 2000 --sample 50
"""

from __future__ import annotations

import asyncio
import random
import statistics
import time
import uuid

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from sqlalchemy import delete, func, select
from sqlalchemy.ext.asyncio import AsyncSession

from catalog.access import Actor
from catalog.listings.models import Listing
from catalog.organizations.models import Organization
from matching.matches import repository
from matching.matches import service as matches
from matching.matches.models import Match
from matching.recommend import Engine, MatchConfig
from matching.scoring import ListingFeatures, Scored, score
from service.db import make_engine, make_sessionmaker

console = Console()
BATCH = 500


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


async def _sample(session: AsyncSession, n: int) -> list[uuid.UUID]:
    ids = await repository.published_demand_ids(session)
    return random.Random(11).sample(ids, min(n, len(ids)))


async def _all_listings(session: AsyncSession) -> list[ListingFeatures]:
    stmt = select(*repository._LISTING_COLUMNS).join(Organization, Organization.id == Listing.organization_id)
    rows = await session.execute(stmt.where(Listing.status == "published"))
    return [repository._listing_features(row) for row in rows]


def _top(ranked: list[tuple[ListingFeatures, Scored]]) -> list[tuple[uuid.UUID, float, list[str]]]:
    return [(f.id, s.score, s.reasons) for f, s in ranked]


async def top10_latency(url: str, sample: int) -> tuple[list[float], float]:
    """Milliseconds per demand for a fresh engine's top-10 (taxonomy, region, narrow candidate
    columns, texts and rows of the short list only, scoring), and the share of demands whose
    top-10 (ids, order, scores, reasons) equals the one ranked from whole listings (whole leaves
    loaded in full, as re-matching does)."""
    engine = make_engine(url)
    timings: list[float] = []
    same: list[bool] = []
    try:
        async with make_sessionmaker(engine)() as session:
            demands = await repository.demands_by_id(session, await _sample(session, sample))
            tops = []
            for demand in demands:
                started = time.perf_counter()
                matcher = await Engine.start(session, MatchConfig())
                ranked = await matcher.rank_demand(demand, limit=10)
                timings.append((time.perf_counter() - started) * 1000)
                tops.append(_top(ranked))
            whole = await Engine.start(session, MatchConfig(), whole_leaves=True)  # after timing: its pools are big
            for demand, top in zip(demands, tops, strict=True):
                same.append(top == _top(await whole.rank_demand(demand, limit=10)))
    finally:
        await engine.dispose()
    return timings, statistics.mean(same)


async def stored_latency(url: str, sample: int) -> list[float]:
    """Milliseconds per demand for what the API does once matches are stored: the access check,
    the 10 best stored matches with their listings, the response items."""
    engine = make_engine(url)
    admin = Actor(
        user_id=uuid.uuid4(), email="bench@equipmatch.cn", organization_id=None, organization_kind=None,
        region_code=None, roles=frozenset({"platform_admin"}),
    )  # fmt: skip
    timings: list[float] = []
    try:
        async with make_sessionmaker(engine)() as session:
            for demand_id in await _sample(session, sample):
                started = time.perf_counter()
                await matches.demand_matches(session, actor=admin, demand_id=demand_id, limit=10, config=MatchConfig())
                timings.append((time.perf_counter() - started) * 1000)
            await session.rollback()
    finally:
        await engine.dispose()
    return timings


async def brute_force(url: str, sample: int) -> tuple[float, float, float]:
    """(seconds to load every published listing, ms per demand to score them all, share of the
    engine's top-10 the brute force agrees with)."""
    engine = make_engine(url)
    try:
        async with make_sessionmaker(engine)() as session:
            started = time.perf_counter()
            everything = await _all_listings(session)
            loaded = time.perf_counter() - started
            demands = await repository.demands_by_id(session, await _sample(session, sample))
            matcher = await Engine.start(session, MatchConfig())
            timings: list[float] = []
            agree: list[float] = []
            for demand in demands:
                features, ancestors = await matcher.features(demand)
                started = time.perf_counter()
                served = [f for f in everything if set(f.service_regions) & set(ancestors)]
                scored = sorted(
                    ((score(features, f, matcher.taxonomy).score, f.id) for f in served), key=lambda x: -x[0]
                )
                timings.append((time.perf_counter() - started) * 1000)
                ours = [(f.id, s.score) for f, s in await matcher.rank_demand(demand, limit=10)]
                # exactly the same scores, best first; the same listings except where the 10th
                # score is shared by more listings than fit (then any of those is right)
                tenth = scored[min(10, len(scored)) - 1][0] if scored else 0.0
                tied = {i for s, i in scored if s == tenth}
                exact = [s for s, _ in scored[:10]] == [s for _, s in ours] and {
                    i for _, i in scored[:10] if i not in tied
                } == {i for i, s in ours if s != tenth}
                agree.append(float(exact))
    finally:
        await engine.dispose()
    return loaded, statistics.mean(timings), statistics.mean(agree)


async def rematch_all(url: str) -> tuple[float, int, int]:
    """(seconds, demands re-matched, matches stored) for every published demand, in batches."""
    engine = make_engine(url)
    try:
        maker = make_sessionmaker(engine)
        async with maker() as session, session.begin():
            await session.execute(delete(Match))
            ids = await repository.published_demand_ids(session)
        columns = (TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn())
        started = time.perf_counter()
        with Progress(*columns, console=console) as progress:
            task = progress.add_task("重新匹配 re-matching", total=len(ids))
            async with maker() as session:
                matcher = await Engine.start(session, MatchConfig(), whole_leaves=True)
                # one engine for the run: its candidate pools are reused across batches
                demands = sorted(
                    await repository.demands_by_id(session, ids), key=lambda d: (d.category_code or "", d.region_code)
                )
                for start in range(0, len(demands), BATCH):
                    await matcher.match_demands(demands[start : start + BATCH])
                    await session.commit()
                    progress.advance(task, len(demands[start : start + BATCH]))
        elapsed = time.perf_counter() - started
        async with maker() as session:
            stored = await session.scalar(select(func.count()).select_from(Match)) or 0
    finally:
        await engine.dispose()
    return elapsed, len(ids), stored


def main(
    listings: int = typer.Option(100_000, help="published listings in the market"),
    demands: int = typer.Option(10_000, help="published demands in the market"),
    sample: int = typer.Option(200, help="demands timed for top-10"),
    brute: int = typer.Option(5, help="demands scored by brute force"),
    reuse: bool = typer.Option(False, help="keep the database of a previous run with the same size"),
) -> None:
    from bench.fixtures import bench_database, load_market

    database = bench_database(f"bench_match_{listings}", reuse=reuse)
    url, stop = database.url, database.stop
    try:
        if not reuse:
            started = time.perf_counter()
            asyncio.run(load_market(url, listings=listings, demands=demands, console=console))
            console.print(f"market loaded in {time.perf_counter() - started:.0f} s")
        console.print(f"[bold]market[/]: {listings:,} listings, {demands:,} demands (published)")
        timings, same = asyncio.run(top10_latency(url, sample))
        console.print(
            f"[bold]top-10 for one demand[/] (engine, n={len(timings)}): p50 {percentile(timings, 0.5):.1f} ms, "
            f"p95 {percentile(timings, 0.95):.1f} ms, max {max(timings):.1f} ms; identical to ranking whole "
            f"listings (ids, order, scores, reasons) for {same:.0%}"
        )
        loaded, brute_ms, agree = asyncio.run(brute_force(url, brute))
        console.print(
            f"[bold]brute force[/] (score every published listing in Python, n={brute}): {brute_ms:.0f} ms per demand "
            f"+ {loaded:.1f} s to load all listings once; the engine's top-10 is exactly its top-10 "
            f"(scores and listings, ties aside) for {agree:.0%} of the demands"
        )
        elapsed, count, stored = asyncio.run(rematch_all(url))
        console.print(
            f"[bold]re-matching[/] {count:,} demands (top-50 stored each): {elapsed:.1f} s "
            f"({elapsed / max(count, 1) * 1000:.1f} ms per demand), {stored:,} matches stored; "
            f"brute force would need ≈ {brute_ms * count / 1000:.0f} s"
        )
        stored_ms = asyncio.run(stored_latency(url, sample))
        console.print(
            f"[bold]GET /demands/{{id}}/matches?limit=10 from stored matches[/] (service call, n={len(stored_ms)}): "
            f"p50 {percentile(stored_ms, 0.5):.1f} ms, p95 {percentile(stored_ms, 0.95):.1f} ms"
        )
    finally:
        stop()


if __name__ == "__main__":
    typer.run(main)
