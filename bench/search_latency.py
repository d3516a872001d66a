"""Search latency over real HTTP: N generated listings (100k by default, --listings 1000000 for a
million), the app served in-process by uvicorn on 127.0.0.1, 200 mixed queries (text, filters,
facets) through httpx, p50/p95/p99 — beside a naive ILIKE '%…%' search over the same rows in the
same run (run straight on the database, without HTTP, which flatters it).

    .venv/bin/python -m bench.search_latency                   # 100k listings
    .venv/bin/python -m bench.search_latency --listings 1000000  # 100k generated, copied 9 more times
    .venv/bin/python -m bench.search_latency --reuse           # skip loading: same database as last run
    .venv/bin/python -m bench.search_latency --reuse --no-ilike  # ours only
"""

from __future__ import annotations

import argparse
import asyncio
import logging
import random
import socket
import statistics
import threading
import time
from typing import Any

import httpx
import uvicorn
from sqlalchemy import text

from service.db import make_engine

TEXTS = [
    "加工中心", "机床", "五轴 加工中心", "激光切割", "激光焊接机", "焊机", "涂布机", "电池极片涂布", "CNC加工中心",
    "AGV小车", "3D打印", "空压机", "空气压缩机", "能效一级 电机", "工业锅炉", "海天精工", "大族激光",
    "先导智能 卷绕机", "除尘设备", "粉尘治理", "反应釜", "分容化成柜", "数控车床 定位精度", "注塑机 伺服",
    "工业机器人", "VMC850", "立体库", "变压器", "喷气织机", "三坐标", "需要一台五轴联动加工中心，主轴转速12000rpm",
]  # fmt: skip
FILTERS: list[dict[str, Any]] = [
    {}, {}, {}, {"region": "370800"}, {"region": "330000"}, {"tags": ["专精特新"]}, {"energy_grade_max": 2},
    {"price_max": "1000000"}, {"category": "01"}, {"recommended": "false"}, {"region": "510100", "tags": ["国产替代"]},
]  # fmt: skip
# Listings generated row by row (seeds.demo, jieba-indexed); a larger --listings copies them set-based.
BASE_LISTINGS = 100_000
FACETS = [None, None, "category", "category,tags", "category,tags,energy_grade,region"]


def mixed_queries(n: int, seed: int = 7) -> list[dict[str, Any]]:
    rng = random.Random(seed)
    out = []
    for i in range(n):
        params: dict[str, Any] = dict(rng.choice(FILTERS))
        if i % 10 != 0:  # one in ten lists by recency (no text)
            params["q"] = rng.choice(TEXTS)
        facets = rng.choice(FACETS)
        if facets:
            params["facets"] = facets
        out.append(params)
    return out


def percentiles(samples: list[float]) -> tuple[float, float, float]:
    q = statistics.quantiles(samples, n=100, method="inclusive")
    return q[49], q[94], q[98]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


def serve(url: str) -> tuple[uvicorn.Server, threading.Thread, int]:
    from bench.fixtures import bench_settings
    from service.main import create_app

    port = free_port()
    # No import pool: its two processes would start (and load their analyzers) on both cores
    # during the first measured queries; a serving process has long had it warm.
    settings = bench_settings().model_copy(update={"import_workers": 0})
    app = create_app(settings, database_url=url)
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning", access_log=False))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    while not server.started:
        time.sleep(0.05)
    return server, thread, port


def run_http(port: int, queries: list[dict[str, Any]]) -> list[float]:
    logging.getLogger("httpx").setLevel(logging.WARNING)
    timings = []
    with httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=30) as client:
        for params in queries[:20]:  # warm-up
            client.get("/api/v1/search/listings", params=params).raise_for_status()
        for params in queries:
            started = time.perf_counter()
            client.get("/api/v1/search/listings", params=params).raise_for_status()
            timings.append((time.perf_counter() - started) * 1000)
    return timings


async def run_ilike(url: str, queries: list[dict[str, Any]]) -> list[float]:
    """The naive search: ILIKE '%q%' on title and description, newest first, with a total."""
    engine = make_engine(url)
    sql = text(
        "SELECT id, count(*) OVER () FROM listings WHERE status = 'published' "
        "AND (title ILIKE :p OR description ILIKE :p) ORDER BY published_at DESC, id LIMIT 20"
    )
    timings = []
    try:
        async with engine.connect() as conn:
            for params in queries[:20]:
                await conn.execute(sql, {"p": f"%{params.get('q', '')}%"})
            for params in queries:
                started = time.perf_counter()
                await conn.execute(sql, {"p": f"%{params.get('q', '')}%"})
                timings.append((time.perf_counter() - started) * 1000)
    finally:
        await engine.dispose()
    return timings


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--listings", type=int, default=100_000)
    parser.add_argument("--queries", type=int, default=200)
    parser.add_argument("--reuse", action="store_true", help="reuse the loaded bench database")
    parser.add_argument("--no-ilike", action="store_true", help="skip the naive ILIKE (≈ 9 min at 1M)")
    args = parser.parse_args()
    from bench.fixtures import bench_database, load_market, replicate_listings

    database = bench_database(f"bench_search_{args.listings}", reuse=args.reuse)
    try:
        if not args.reuse:
            started = time.perf_counter()
            base = min(args.listings, BASE_LISTINGS)
            asyncio.run(load_market(database.url, listings=base, demands=1000))
            if args.listings > base:  # more than 100k: the generated 100k copied set-based
                asyncio.run(replicate_listings(database.url, -(-args.listings // base) - 1))
            print(f"loaded {args.listings} listings in {time.perf_counter() - started:.0f} s")
        asyncio.run(_analyze(database.url))
        queries = mixed_queries(args.queries)
        server, thread, port = serve(database.url)
        try:
            ours = run_http(port, queries)
        finally:
            server.should_exit = True
            thread.join(timeout=10)
        naive = [] if args.no_ilike else asyncio.run(run_ilike(database.url, queries))
    finally:
        database.stop()
    print(f"{args.queries} mixed queries over {args.listings} listings (ms)")
    print(f"{'':<28}{'p50':>8}{'p95':>8}{'p99':>8}")
    for label, samples in (("ours (HTTP, end to end)", ours), ("naive ILIKE (SQL only)", naive)):
        if not samples:
            continue
        p50, p95, p99 = percentiles(samples)
        print(f"{label:<28}{p50:>8.1f}{p95:>8.1f}{p99:>8.1f}")


async def _analyze(url: str) -> None:
    engine = make_engine(url)
    try:
        async with engine.connect() as conn:
            await conn.execution_options(isolation_level="AUTOCOMMIT")
            # the loader inserts and then writes the search columns: clear the dead row versions
            await conn.execute(text("VACUUM ANALYZE listings"))
            await conn.execute(text("VACUUM ANALYZE listing_search"))
    finally:
        await engine.dispose()


if __name__ == "__main__":
    main()
