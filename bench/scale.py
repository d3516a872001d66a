"""Scaling out on one machine: the same realistic request mix against 1 and then 2 API processes
(`equipmatch serve --workers N`, each with its in-process worker, so 1 and then 2 workers) on one
PostgreSQL, and afterwards the check that nothing was lost.

    python -m bench.scale --listings 20000 --seconds 30 --concurrency 24

The mix (closed loop, `--concurrency` clients, each sending its next request when the last one is
answered): search 55 % (text, filters, facets), reads 25 % (a listing, a campaign), writes 12 %
(new listings, each with an Idempotency-Key), pledges 8 % (a group purchase, with keys), and one
2,000-row import in the background of each run. Printed per endpoint group: throughput and
p50/p95/p99. Then, per run: every 201 listing is in the database and in search, every accepted
pledge is counted once in the campaign's total, the outbox is empty (every event handled). Last
line: `scale: 1 process R1 req/s, 2 processes R2 req/s (×F); lost N`.
"""

from __future__ import annotations

import argparse
import asyncio
import csv
import io
import json
import os
import random
import signal
import subprocess
import sys
import time
import uuid
from collections import defaultdict
from dataclasses import dataclass, field

import httpx
from rich.console import Console
from rich.table import Table
from sqlalchemy import func, select, text

from bench.fixtures import ROOT, bench_database, bench_settings, load_market
from bench.pledges import Setup, _account, prepare_campaign
from bench.search_latency import free_port, mixed_queries, percentiles
from catalog.listings.models import Listing
from matching.campaigns.models import Pledge
from service.db import make_engine, make_sessionmaker

console = Console(stderr=True)
GROUPS = ("search", "read", "write", "pledge")


@dataclass
class Results:
    latencies: dict[str, list[float]] = field(default_factory=lambda: defaultdict(list))
    errors: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    created_listings: set[str] = field(default_factory=set)
    pledged: dict[str, int] = field(default_factory=dict)  # pledge id → quantity
    seconds: float = 0.0
    imported: int = 0

    @property
    def total(self) -> int:
        return sum(len(v) for v in self.latencies.values())


def _serve(url: str, port: int, processes: int) -> subprocess.Popen[bytes]:
    env = {**os.environ, "DATABASE_URL": url, "EQM_LOG_LEVEL": "WARNING", "EQM_LOG_FORMAT": "json"}
    process = subprocess.Popen(
        [sys.executable, "-m", "service.cli", "serve", "--port", str(port), "--workers", str(processes)],
        env=env, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    deadline = time.monotonic() + 120
    while True:
        if process.poll() is not None:
            raise RuntimeError("serve exited")
        try:
            if httpx.get(f"http://127.0.0.1:{port}/readyz", timeout=2).status_code == 200:
                time.sleep(2.0 * processes)  # every process up and warmed
                return process
        except httpx.TransportError:
            pass
        if time.monotonic() > deadline:
            raise RuntimeError("serve did not become ready")
        time.sleep(0.3)


def _stop(process: subprocess.Popen[bytes]) -> None:
    process.send_signal(signal.SIGTERM)
    try:
        process.wait(timeout=60)
    except subprocess.TimeoutExpired:
        process.kill()


def _catalogue(rows: int, tag: str) -> bytes:
    out = io.StringIO()
    fields = ["external_id", "title", "category", "brand", "model", "description", "price_min", "price_max",
              "lead_time_days", "energy_grade", "tags", "service_regions", "specs"]  # fmt: skip
    writer = csv.writer(out)
    writer.writerow(fields)
    for n in range(rows):
        writer.writerow([
            f"{tag}-{n:05d}", f"数控立式加工中心 VMC{850 + n % 400} 第{n}批", "立式加工中心", "海天精工", f"VMC{850 + n % 400}",
            "三轴立式加工中心，配发那科数控系统，主轴转速12000rpm，定位精度0.006mm，适合箱体、盘类零件的铣削、钻孔与攻丝。",
            "380000", "450000", "45", "2", "能效二级", "330000", json.dumps({"axes": 3, "spindle_rpm": 12000}),
        ])  # fmt: skip
    return out.getvalue().encode()


async def _load(
    base: str, setup: Setup, supplier: dict[str, str], listing_ids: list[str], *, seconds: float, concurrency: int,
    run_tag: str,
) -> Results:  # fmt: skip
    results = Results()
    rng = random.Random(run_tag)
    queries = mixed_queries(4000, seed=11)
    deadline = time.monotonic() + seconds
    counter = iter(range(10**9))
    limits = httpx.Limits(max_connections=concurrency + 4, max_keepalive_connections=concurrency + 4)
    async with httpx.AsyncClient(base_url=base, timeout=60, limits=limits) as client:

        async def one_request() -> None:
            n = next(counter)
            roll = rng.random()
            if roll < 0.55:
                group, call = "search", client.get("/api/v1/search/listings", params=queries[n % len(queries)])
            elif roll < 0.80:
                group = "read"
                if n % 2:
                    call = client.get(f"/api/v1/listings/{rng.choice(listing_ids)}")
                else:
                    call = client.get(f"/api/v1/campaigns/{setup.campaign_id}", headers=setup.bureau_headers)
            elif roll < 0.92:
                group = "write"
                body = {
                    "title": f"埃斯顿 ER20-1780 六轴工业机器人 {run_tag}-{n}", "category": "工业机器人",
                    "description": "负载20kg，臂展1780mm，重复定位精度±0.05mm，适用于搬运、上下料与焊接。",
                    "price_min": "168000", "tags": ["国产替代"], "service_regions": ["000000"],
                    "specs": {"payload_kg": 20, "reach_mm": 1780},
                }  # fmt: skip
                key = {"Idempotency-Key": f"{run_tag}-listing-{n}"}
                call = client.post("/api/v1/listings", json=body, headers={**supplier, **key})
            else:
                group = "pledge"
                buyer = setup.buyer_headers[n % len(setup.buyer_headers)]
                key = {"Idempotency-Key": f"{run_tag}-pledge-{n}"}
                call = client.post(
                    f"/api/v1/campaigns/{setup.campaign_id}/pledges", json={"quantity": 1 + n % 3},
                    headers={**buyer, **key},
                )  # fmt: skip
            began = time.perf_counter()
            try:
                response = await call
            except httpx.TransportError:
                results.errors[group] += 1
                return
            results.latencies[group].append(time.perf_counter() - began)
            if response.status_code >= 400 and not (group == "read" and response.status_code == 404):
                results.errors[group] += 1
            elif group == "write":
                results.created_listings.add(response.json()["id"])
            elif group == "pledge":
                results.pledged[response.json()["id"]] = 1 + n % 3

        async def client_loop() -> None:
            while time.monotonic() < deadline:
                await one_request()

        async def background_import() -> None:
            response = await client.post(
                "/api/v1/listings/import?publish=true", headers=supplier,
                files={"file": ("目录.csv", _catalogue(2000, run_tag), "text/csv")}, timeout=600,
            )  # fmt: skip
            if response.status_code == 200:
                results.imported = int(response.json()["created"])

        began = time.perf_counter()
        importer = asyncio.create_task(background_import())
        await asyncio.gather(*(client_loop() for _ in range(concurrency)))
        results.seconds = time.perf_counter() - began
        await importer
    return results


async def _lost(url: str, setup: Setup, results: Results) -> dict[str, int]:
    """What the database does not hold of what the server accepted, once the workers are idle."""
    engine = make_engine(url)
    try:
        async with make_sessionmaker(engine)() as session:
            deadline = time.monotonic() + 300
            while True:
                pending = await session.scalar(text("SELECT count(*) FROM outbox_events WHERE processed_at IS NULL"))
                if not pending or time.monotonic() > deadline:
                    break
                await asyncio.sleep(1)
                await session.rollback()
            ids = [uuid.UUID(i) for i in results.created_listings]
            stored = await session.scalar(select(func.count()).select_from(Listing).where(Listing.id.in_(ids)))
            searchable = await session.scalar(
                text("SELECT count(*) FROM listing_search WHERE listing_id = ANY(:ids)"), {"ids": ids}
            )
            pledge_ids = [uuid.UUID(i) for i in results.pledged]
            pledges = await session.scalar(
                select(func.count()).select_from(Pledge).where(Pledge.id.in_(pledge_ids), Pledge.status == "active")
            )
            quantity = await session.scalar(
                select(func.coalesce(func.sum(Pledge.quantity), 0)).where(Pledge.id.in_(pledge_ids))
            )
    finally:
        await engine.dispose()
    return {
        "listings": len(ids) - int(stored or 0),
        "search": len(ids) - int(searchable or 0),
        "pledges": len(pledge_ids) - int(pledges or 0),
        "pledged_quantity": sum(results.pledged.values()) - int(quantity or 0),
        "outbox_pending": int(pending or 0),
    }


def _report(label: str, results: Results, lost: dict[str, int]) -> float:
    table = Table(title=f"{label}: {results.total} requests in {results.seconds:.1f} s", show_lines=False)
    for column in ("group", "requests", "req/s", "p50 ms", "p95 ms", "p99 ms", "errors"):
        table.add_column(column, justify="right")
    for group in GROUPS:
        samples = results.latencies.get(group, [])
        if len(samples) < 2:
            continue
        p50, p95, p99 = percentiles([s * 1000 for s in samples])
        table.add_row(
            group, str(len(samples)), f"{len(samples) / results.seconds:.1f}", f"{p50:.1f}", f"{p95:.1f}",
            f"{p99:.1f}", str(results.errors.get(group, 0)),
        )  # fmt: skip
    Console().print(table)
    print(f"  background import: {results.imported} rows; after the run, not found: {lost}")
    return results.total / results.seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--listings", type=int, default=20000)
    parser.add_argument("--seconds", type=float, default=30)
    parser.add_argument("--concurrency", type=int, default=24)
    parser.add_argument("--processes", default="1,2", help="API process counts to compare")
    args = parser.parse_args()
    settings = bench_settings()
    database = bench_database("bench_scale")
    try:
        asyncio.run(load_market(database.url, listings=args.listings, demands=args.listings // 10, console=console))

        async def setup_all() -> tuple[Setup, dict[str, str], list[str]]:
            engine = make_engine(database.url)
            try:
                setup = await prepare_campaign(engine, settings, buyers=50)
                async with make_sessionmaker(engine)() as session, session.begin():
                    _, supplier = await _account(
                        session, settings, random.Random(3), kind="supplier", name="南京埃斯顿自动化（压测）"
                    )
                    ids = (
                        await session.scalars(select(Listing.id).where(Listing.status == "published").limit(500))
                    ).all()
            finally:
                await engine.dispose()
            return setup, supplier, [str(i) for i in ids]

        setup, supplier, listing_ids = asyncio.run(setup_all())
        rates: dict[int, float] = {}
        lost_total = 0
        for processes in [int(p) for p in args.processes.split(",")]:
            port = free_port()
            server = _serve(database.url, port, processes)
            try:
                results = asyncio.run(
                    _load(
                        f"http://127.0.0.1:{port}", setup, supplier, listing_ids, seconds=args.seconds,
                        concurrency=args.concurrency, run_tag=f"p{processes}-{uuid.uuid4().hex[:6]}",
                    )
                )  # fmt: skip
                lost = asyncio.run(_lost(database.url, setup, results))
            finally:
                _stop(server)
            rates[processes] = _report(f"{processes} API process(es), {processes} worker(s)", results, lost)
            lost_total += sum(lost.values())
        one, two = rates.get(1, 0.0), rates.get(2, 0.0)
        factor = two / one if one else 0.0
        print(f"scale: 1 process {one:.0f} req/s, 2 processes {two:.0f} req/s (×{factor:.2f}); lost {lost_total}")
    finally:
        database.stop()


if __name__ == "__main__":
    main()
