"""Matching quality: nDCG@10 of the engine and of a category-only baseline on the hand-graded
demands of tests/matching/judgements.yaml, against the demo market, in the same run.

    .venv/bin/python -m bench.match_quality            # or: make bench-match

The baseline is what a plain catalogue gives: the listings of the demand's category leaf, newest
first (also shown with the region filter the engine applies, for fairness).
"""

from __future__ import annotations

import asyncio
import math
import random
import uuid
from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

import yaml
from rich.console import Console
from rich.table import Table
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from catalog.demands.models import Demand
from catalog.listings.models import Listing
from catalog.organizations.models import Organization
from catalog.organizations.uscc import generate_uscc
from matching.recommend import Engine, MatchConfig, ensure_category
from service.db import make_engine, make_sessionmaker

JUDGEMENTS = Path(__file__).resolve().parents[1] / "tests" / "matching" / "judgements.yaml"
K = 10
SYSTEMS = ("engine", "baseline", "baseline+region")


@dataclass
class Judged:
    key: str
    kind: str
    raw: dict[str, Any]
    grades: dict[str, int]


def load_judgements(path: Path = JUDGEMENTS) -> list[Judged]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    return [Judged(d["key"], d["kind"], d, dict(d.get("relevant") or {})) for d in data["demands"]]


def ndcg(ranked: list[str], grades: dict[str, int], k: int = K) -> float:
    """nDCG@k with gains 2^g − 1; `ranked` are external ids (without load_market's suffix)."""
    dcg = sum((2 ** grades.get(x, 0) - 1) / math.log2(i + 2) for i, x in enumerate(ranked[:k]))
    ideal = sorted(grades.values(), reverse=True)[:k]
    idcg = sum((2**g - 1) / math.log2(i + 2) for i, g in enumerate(ideal))
    return dcg / idcg if idcg else 0.0


def base_id(external_id: str | None) -> str:
    """load_market appends "-<batch start>" to every external id."""
    return (external_id or "").rsplit("-", 1)[0]


async def _add_demands(session: AsyncSession, judged: list[Judged]) -> dict[str, Demand]:
    buyer = Organization(
        name="评测需求企业（基准）", uscc=generate_uscc("330400", random.Random(7), authority="9", kind="1"),
        kind="buyer", region_code="330400", industry_code="C3421",
    )  # fmt: skip
    session.add(buyer)
    await session.flush()
    made: dict[str, Demand] = {}
    for j in judged:
        d = j.raw
        demand = Demand(
            id=uuid.uuid4(), organization_id=buyer.id, external_id=f"judged-{j.key}", title=d["title"],
            category_code=d.get("category"), description=d.get("description", ""), quantity=d["quantity"],
            budget_max=Decimal(d["budget_max"]) if d.get("budget_max") else None, region_code=d["region_code"],
            motivations=d.get("motivations") or [], replaces=d.get("replaces"), specs=d.get("specs") or {},
            status="published", version=1,
        )  # fmt: skip
        session.add(demand)
        made[j.key] = demand
    await session.flush()
    return made


async def _baseline(session: AsyncSession, demand: Demand, ancestors: list[str] | None) -> list[str]:
    stmt = select(Listing.external_id).where(
        Listing.status == "published", Listing.category_code == demand.category_code
    )
    if ancestors is not None:
        stmt = stmt.where(Listing.service_regions.overlap(ancestors))
    stmt = stmt.order_by(Listing.published_at.desc(), Listing.created_at.desc(), Listing.id).limit(K)
    return [base_id(x) for x in await session.scalars(stmt)]


async def evaluate(url: str, *, config: MatchConfig | None = None) -> dict[str, dict[str, float]]:
    """{system: {"all": mean nDCG@10, <kind>: mean}} over the judged demands (rolled back after)."""
    judged = load_judgements()
    engine = make_engine(url)
    scores: dict[str, dict[str, list[float]]] = {s: defaultdict(list) for s in SYSTEMS}
    try:
        async with make_sessionmaker(engine)() as session, session.begin():
            demands = await _add_demands(session, judged)
            matcher = await Engine.start(session, config or MatchConfig())
            for j in judged:
                demand = demands[j.key]
                await ensure_category(session, demand, matcher.taxonomy)
                ranked = await matcher.rank_demand(demand, limit=K)
                ids = {row.id: base_id(row.external_id) for row in await _externals(session, [f.id for f, _ in ranked])}
                _, ancestors = await matcher.features(demand)
                results = {
                    "engine": [ids[f.id] for f, _ in ranked],
                    "baseline": await _baseline(session, demand, None),
                    "baseline+region": await _baseline(session, demand, ancestors),
                }
                for system, got in results.items():
                    value = ndcg(got, j.grades)
                    scores[system]["all"].append(value)
                    scores[system][j.kind].append(value)
            await session.rollback()
    finally:
        await engine.dispose()
    return {s: {kind: sum(v) / len(v) for kind, v in by_kind.items()} for s, by_kind in scores.items()}


async def _externals(session: AsyncSession, ids: list[Any]) -> list[Any]:
    return list(await session.execute(select(Listing.id, Listing.external_id).where(Listing.id.in_(ids))))


def report(result: dict[str, dict[str, float]], console: Console) -> None:
    kinds = ["all", *sorted(k for k in result["engine"] if k != "all")]
    counts: dict[str, int] = defaultdict(int)
    for j in load_judgements():
        counts["all"] += 1
        counts[j.kind] += 1
    table = Table(title=f"nDCG@{K} on {counts['all']} judged demands (demo market 400 listings / 300 demands)")
    table.add_column("demands")
    for system in SYSTEMS:
        table.add_column(system, justify="right")
    for kind in kinds:
        table.add_row(f"{kind} ({counts[kind]})", *(f"{result[s].get(kind, 0):.3f}" for s in SYSTEMS))
    console.print(table)


def main() -> None:
    from bench.fixtures import bench_database, load_market

    console = Console()
    database = bench_database("bench_match_quality")
    try:
        asyncio.run(load_market(database.url, listings=400, demands=300))
        report(asyncio.run(evaluate(database.url)), console)
    finally:
        database.stop()


if __name__ == "__main__":
    main()
