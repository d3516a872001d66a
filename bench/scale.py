"""Scaling out on one machine: the same realistic request mix against 1 and then 2 API processes
(`equipmatch serve --no-worker --workers N`) with as many separate `equipmatch worker` processes, on
one PostgreSQL, and afterwards the check that nothing was lost.

    python -m bench.scale --listings 5000 --seconds 20 --concurrency 16

The mix (closed loop, `--concurrency` clients, each sending its next request when the last one is
answered; or with `--rate R` open loop, R requests a second on `--concurrency` connections, latency
counted from when a request was due): search 55 % (text, filters, facets), reads 25 % (a listing,
a campaign), writes 12 % (new listings, each with an Idempotency-Key), pledges 8 % (a group
purchase, with keys), and one
2,000-row import in the background of each run — in its own process (`equipmatch import listings
… --publish`), never in an API process. The generator is one asyncio process speaking HTTP/1.1 over
keep-alive sockets itself (a few dozen microseconds of CPU a request; httpx cost ~10× that), so the
machine's cores go to the server side. Printed per endpoint group: throughput and p50/p95/p99;
where the CPU went during the run (API processes, workers, importer, PostgreSQL, generator, the
rest of the machine) in cores. Then, per run: every 201 listing is in the database and in search,
every accepted pledge is counted once in the campaign's total, every outbox event processed and
every per-handler delivery done (the outbox keys deliveries by event and handler, so a handler runs
once per event). Every run starts from a settled database (`_settle`: the load's outbox events
drained, VACUUM (ANALYZE)), before each run (the previous run's writes included). Before the last line, the ceiling the 1-process run's CPU figures allow 2 processes
on this machine (`ceiling`: one API process is at most one core; every request also costs
PostgreSQL, worker and generator CPU on the same cores). Last line: `scale: 1 process R1 req/s, 2
processes R2 req/s (×F); lost N`.
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
import tempfile
import time
import uuid
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import psutil
from rich.console import Console
from rich.table import Table
from sqlalchemy import func, select, text
from sqlalchemy.ext.asyncio import AsyncSession

from bench.fixtures import ROOT, bench_database, bench_settings, load_market, serve_subprocess
from bench.pledges import Setup, _account, prepare_campaign
from bench.search_latency import free_port, mixed_queries, percentiles
from catalog.listings.models import Listing
from catalog.organizations.models import Organization
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
    process = serve_subprocess(url, port, processes=processes)
    time.sleep(2.0 * processes)  # every process up and warmed
    return process


def _workers(url: str, count: int) -> list[subprocess.Popen[bytes]]:
    env = {**os.environ, "DATABASE_URL": url, "EQM_LOG_LEVEL": "WARNING", "EQM_LOG_FORMAT": "json"}
    return [
        subprocess.Popen(
            [sys.executable, "-m", "service.cli", "worker"],
            env=env,
            cwd=ROOT,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        for _ in range(count)
    ]


def _stop(process: subprocess.Popen[bytes]) -> None:
    process.send_signal(signal.SIGTERM)
    try:
        process.wait(timeout=60)
    except subprocess.TimeoutExpired:
        process.kill()


def _cpu(processes: list[psutil.Process]) -> dict[int, float]:
    """CPU seconds (user + system) so far of each process and its descendants, by pid."""
    seen: dict[int, float] = {}
    for root in processes:
        try:
            family = [root, *root.children(recursive=True)]
        except psutil.NoSuchProcess:
            continue
        for p in family:
            try:
                times = p.cpu_times()
                seen[p.pid] = times.user + times.system
            except psutil.NoSuchProcess:
                pass
    return seen


def _machine_busy() -> float:
    times = psutil.cpu_times()
    return float(times.user + times.nice + times.system + times.irq + times.softirq + times.steal)


class Http:
    """One keep-alive HTTP/1.1 connection, requests one at a time: the cheapest honest client (no
    pooling, no redirects, no cookies — what a load generator needs and nothing it pays for)."""

    def __init__(self, port: int) -> None:
        self.port = port
        self.reader: asyncio.StreamReader | None = None
        self.writer: asyncio.StreamWriter | None = None

    async def request(
        self, method: str, target: str, *, headers: dict[str, str] | None = None, json_body: Any = None
    ) -> tuple[int, bytes]:
        if self.writer is None:
            self.reader, self.writer = await asyncio.open_connection("127.0.0.1", self.port)
        assert self.reader is not None
        body = json.dumps(json_body, ensure_ascii=False).encode() if json_body is not None else b""
        lines = [f"{method} {target} HTTP/1.1", "Host: 127.0.0.1"]
        lines += [f"{k}: {v}" for k, v in (headers or {}).items()]
        if json_body is not None:
            lines.append("Content-Type: application/json")
        lines.append(f"Content-Length: {len(body)}")
        try:
            self.writer.write(("\r\n".join(lines) + "\r\n\r\n").encode() + body)
            status = int((await self.reader.readline()).split(b" ", 2)[1])
            length, chunked, close = 0, False, False
            while (line := await self.reader.readline()) not in (b"\r\n", b""):
                name, _, value = line.partition(b":")
                name = name.strip().lower()
                if name == b"content-length":
                    length = int(value)
                elif name == b"transfer-encoding":
                    chunked = b"chunked" in value.lower()
                elif name == b"connection":
                    close = b"close" in value.lower()
            if chunked:
                parts = []
                while (size := int((await self.reader.readline()).strip(), 16)) > 0:
                    parts.append(await self.reader.readexactly(size + 2))
                await self.reader.readline()
                content = b"".join(p[:-2] for p in parts)
            else:
                content = await self.reader.readexactly(length)
        except (OSError, asyncio.IncompleteReadError, ValueError, IndexError):
            self.close()
            raise
        if close:
            self.close()
        return status, content

    def close(self) -> None:
        if self.writer is not None:
            self.writer.close()
        self.reader = self.writer = None


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
    port: int, setup: Setup, supplier: dict[str, str], listing_ids: list[str], *, seconds: float, concurrency: int,
    run_tag: str, rate: float | None = None,
) -> Results:  # fmt: skip
    """The mix for `seconds`: closed loop (`concurrency` clients, each sending its next request when
    the last is answered), or with `rate` open loop — request n is due at n / rate seconds and goes
    out on the first free one of `concurrency` connections; its latency counts from when it was
    due, so time spent queueing for a connection is not hidden (no coordinated omission)."""
    results = Results()
    rng = random.Random(run_tag)
    queries = [urlencode(q, doseq=True) for q in mixed_queries(4000, seed=11)]
    deadline = time.monotonic() + seconds
    counter = iter(range(10**9))

    async def one_request(http: Http, due: float | None = None) -> None:
        n = next(counter)
        body: dict[str, Any] | None
        roll = rng.random()
        if roll < 0.55:
            group, method, target = "search", "GET", f"/api/v1/search/listings?{queries[n % len(queries)]}"
            headers, body = None, None
        elif roll < 0.80:
            group, method, body = "read", "GET", None
            if n % 2:
                target, headers = f"/api/v1/listings/{rng.choice(listing_ids)}", None
            else:
                target, headers = f"/api/v1/campaigns/{setup.campaign_id}", setup.bureau_headers
        elif roll < 0.92:
            group, method, target = "write", "POST", "/api/v1/listings"
            body = {
                "title": f"埃斯顿 ER20-1780 六轴工业机器人 {run_tag}-{n}", "category": "工业机器人",
                "description": "负载20kg，臂展1780mm，重复定位精度±0.05mm，适用于搬运、上下料与焊接。",
                "price_min": "168000", "tags": ["国产替代"], "service_regions": ["000000"],
                "specs": {"payload_kg": 20, "reach_mm": 1780},
            }  # fmt: skip
            headers = {**supplier, "Idempotency-Key": f"{run_tag}-listing-{n}"}
        else:
            group, method = "pledge", "POST"
            target = f"/api/v1/campaigns/{setup.campaign_id}/pledges"
            body = {"quantity": 1 + n % 3}
            buyer = setup.buyer_headers[n % len(setup.buyer_headers)]
            headers = {**buyer, "Idempotency-Key": f"{run_tag}-pledge-{n}"}
        began = time.perf_counter() if due is None else due
        try:
            status, content = await http.request(method, target, headers=headers, json_body=body)
        except (OSError, asyncio.IncompleteReadError, ValueError, IndexError):
            results.errors[group] += 1
            return
        results.latencies[group].append(time.perf_counter() - began)
        if status >= 400 and not (group == "read" and status == 404):
            results.errors[group] += 1
        elif group == "write":
            results.created_listings.add(json.loads(content)["id"])
        elif group == "pledge":
            results.pledged[json.loads(content)["id"]] = 1 + n % 3

    async def client_loop() -> None:
        http = Http(port)
        try:
            while time.monotonic() < deadline:
                await one_request(http)
        finally:
            http.close()

    async def constant_rate(per_second: float) -> None:
        free: asyncio.Queue[Http] = asyncio.Queue()
        for _ in range(concurrency):
            free.put_nowait(Http(port))
        in_flight: set[asyncio.Task[None]] = set()

        async def send(http: Http, due: float) -> None:
            try:
                await one_request(http, due)
            finally:
                free.put_nowait(http)

        start = time.perf_counter()
        for n in range(10**9):
            due = start + n / per_second
            if due - start >= seconds:
                break
            await asyncio.sleep(max(0.0, due - time.perf_counter()))
            http = await free.get()
            task = asyncio.create_task(send(http, due))
            in_flight.add(task)
            task.add_done_callback(in_flight.discard)
        await asyncio.gather(*in_flight)
        while not free.empty():
            free.get_nowait().close()

    began = time.perf_counter()
    if rate:
        await constant_rate(rate)
    else:
        await asyncio.gather(*(client_loop() for _ in range(concurrency)))
    results.seconds = time.perf_counter() - began
    return results


def _import_process(url: str, uscc: str, run_tag: str, folder: Path) -> subprocess.Popen[bytes]:
    """The background import: 2,000 rows through `equipmatch import listings`, its own process."""
    path = folder / f"目录-{run_tag}.csv"
    path.write_bytes(_catalogue(2000, run_tag))
    env = {**os.environ, "DATABASE_URL": url, "EQM_LOG_LEVEL": "WARNING"}
    return subprocess.Popen(
        [sys.executable, "-m", "service.cli", "import", "listings", str(path), "--org", uscc, "--publish"],
        env=env, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip


async def _lost(url: str, results: Results, run_tag: str, since: datetime) -> tuple[dict[str, int], int]:
    """What the database does not hold of what the server accepted, once the workers are idle."""
    engine = make_engine(url)
    try:
        async with make_sessionmaker(engine)() as session:
            pending = await _outbox_drained(session)
            # an event is processed once every handler of its topic has delivered it; a handler that
            # failed (and was retried) left a delivery row — counted for the report, not a loss
            retried = await session.scalar(
                text("SELECT count(*) FROM outbox_deliveries d WHERE d.available_at >= :since"), {"since": since}
            )
            ids = [uuid.UUID(i) for i in results.created_listings]
            stored = await session.scalar(select(func.count()).select_from(Listing).where(Listing.id.in_(ids)))
            searchable = await session.scalar(
                text("SELECT count(*) FROM listing_search WHERE listing_id = ANY(:ids)"), {"ids": ids}
            )
            imported = await session.scalar(
                text(
                    "SELECT count(*) FROM listings l JOIN listing_search s ON s.listing_id = l.id "
                    "WHERE l.external_id LIKE :tag AND s.status = 'published'"
                ),
                {"tag": f"{run_tag}-%"},
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
        "imported": results.imported - int(imported or 0),
        "pledges": len(pledge_ids) - int(pledges or 0),
        "pledged_quantity": sum(results.pledged.values()) - int(quantity or 0),
        "outbox_pending": int(pending or 0),
    }, int(retried or 0)


def _report(label: str, results: Results, lost: dict[str, int], cpu: dict[str, float]) -> float:
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
    print("  CPU during the run (cores): " + ", ".join(f"{k} {v:.2f}" for k, v in cpu.items()))
    print(f"  background import: {results.imported} rows; after the run, not found: {lost}")
    return results.total / results.seconds


PENDING = text("SELECT count(*) FROM outbox_events WHERE processed_at IS NULL")


async def _outbox_drained(session: AsyncSession, *, seconds: float = 300) -> int:
    """Wait (at most `seconds`) until the workers have processed every outbox event; what is left."""
    deadline = time.monotonic() + seconds
    while True:
        pending = int(await session.scalar(PENDING) or 0)
        await session.rollback()  # the next count sees the workers' commits
        if not pending or time.monotonic() > deadline:
            return pending
        await asyncio.sleep(1)


async def _pending(url: str, *, wait: bool = False) -> int:
    """The outbox events not yet processed; with `wait`, once the workers have processed them."""
    engine = make_engine(url)
    try:
        async with make_sessionmaker(engine)() as session:
            return await _outbox_drained(session) if wait else int(await session.scalar(PENDING) or 0)
    finally:
        await engine.dispose()


async def _vacuum(url: str) -> None:
    engine = make_engine(url, isolation_level="AUTOCOMMIT")
    try:
        async with engine.connect() as connection:
            await connection.execute(text("VACUUM (ANALYZE)"))
    finally:
        await engine.dispose()


def _settle(url: str) -> None:
    """Bring the database to the state every run starts from, whichever runs first: the outbox
    events of loading the market drained (by a worker process, as in the runs), then VACUUM
    (ANALYZE), so no run pays autovacuum's catching up with the load or the first drain of it.
    Without this the first run was ~40 % slower than the same configuration run second."""
    began = time.perf_counter()
    pending = asyncio.run(_pending(url))
    workers = _workers(url, 1)
    try:
        asyncio.run(_pending(url, wait=True))
    finally:
        for worker in workers:
            _stop(worker)
    asyncio.run(_vacuum(url))
    print(f"settled: {pending} outbox events drained, VACUUM (ANALYZE), {time.perf_counter() - began:.1f} s")


def _run(
    url: str, processes: int, setup: Setup, supplier: dict[str, str], uscc: str, listing_ids: list[str],
    args: argparse.Namespace, postmaster: psutil.Process, folder: Path,
) -> tuple[float, int, dict[str, float]]:  # fmt: skip
    """One configuration: N API processes, N workers, the import beside them, the load; its report."""
    port = free_port()
    run_tag = f"p{processes}-{uuid.uuid4().hex[:6]}"
    server = _serve(url, port, processes)
    workers = _workers(url, processes)
    try:
        time.sleep(3)  # the workers connected and idle
        groups = {
            "API": [psutil.Process(server.pid)],
            "workers": [psutil.Process(w.pid) for w in workers],
            "postgres": [postmaster],
        }
        before = {name: _cpu(ps) for name, ps in groups.items()}
        generator_before, busy_before = psutil.Process().cpu_times(), _machine_busy()
        since = datetime.now(UTC)
        importer = _import_process(url, uscc, run_tag, folder)
        results = asyncio.run(
            _load(port, setup, supplier, listing_ids, seconds=args.seconds, concurrency=args.concurrency,
                  run_tag=run_tag, rate=args.rate)
        )  # fmt: skip
        generator_after, busy_after = psutil.Process().cpu_times(), _machine_busy()
        after = {name: _cpu(ps) for name, ps in groups.items()}
        _, status, usage = os.wait4(importer.pid, 0)
        importer.returncode = os.waitstatus_to_exitcode(status)
        results.imported = 2000 if importer.returncode == 0 else 0
        lost, retried = asyncio.run(_lost(url, results, run_tag, since))
    finally:
        for worker in workers:
            _stop(worker)
        _stop(server)
    seconds = results.seconds
    cpu = {name: sum(t - before[name].get(pid, 0.0) for pid, t in after[name].items()) / seconds for name in groups}
    cpu["generator"] = (
        generator_after.user + generator_after.system - generator_before.user - generator_before.system
    ) / seconds
    cpu["importer (whole import)"] = (usage.ru_utime + usage.ru_stime) / seconds
    ours = sum(v for k, v in cpu.items() if not k.startswith("importer")) + min(cpu["importer (whole import)"], 1.0)
    cpu["machine"] = (busy_after - busy_before) / seconds
    cpu["rest of machine"] = max(0.0, cpu["machine"] - ours)
    rate = _report(f"{processes} API process(es), {processes} worker process(es)", results, lost, cpu)
    print(f"  outbox handler deliveries retried (a failure, then success; not lost): {retried}")
    return rate, sum(lost.values()), cpu


def ceiling(rate: float, cpu: dict[str, float], *, cores: int, processes: int = 2) -> tuple[float, float, float, float]:
    """What `processes` API processes could give at most on `cores` cores, from one run's rate and
    where its CPU went: each request costs `api` CPU-seconds in its API process (one process is one
    core at most: the GIL) and `rest` in PostgreSQL, the workers and the generator; the background
    import and the rest of the machine take `fixed` cores whatever the rate. Returns (the ceiling in
    req/s, it over `rate`, api, rest)."""
    api = cpu["API"] / rate
    rest = (cpu["postgres"] + cpu["workers"] + cpu["generator"]) / rate
    fixed = min(cpu["importer (whole import)"], 1.0) + cpu["rest of machine"]
    best = min(processes / api, max(cores - fixed, 0.0) / (api + rest))
    return best, best / rate, api, rest


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--listings", type=int, default=20000)
    parser.add_argument("--seconds", type=float, default=30)
    parser.add_argument("--concurrency", type=int, default=24)
    parser.add_argument("--processes", default="1,2", help="API process counts to compare (as many workers)")
    parser.add_argument(
        "--rate", type=float, default=None,
        help="open loop: send this many requests a second, whatever the answers (default: closed loop)",
    )  # fmt: skip
    args = parser.parse_args()
    settings = bench_settings()
    database = bench_database("bench_scale")
    try:
        asyncio.run(load_market(database.url, listings=args.listings, demands=args.listings // 10, console=console))

        async def setup_all() -> tuple[Setup, dict[str, str], str, list[str]]:
            engine = make_engine(database.url)
            try:
                setup = await prepare_campaign(engine, settings, buyers=50)
                async with make_sessionmaker(engine)() as session, session.begin():
                    actor, supplier = await _account(
                        session, settings, random.Random(3), kind="supplier", name="南京埃斯顿自动化（压测）"
                    )
                    uscc = await session.scalar(
                        select(Organization.uscc).where(Organization.id == actor.organization_id)
                    )
                    ids = (
                        await session.scalars(select(Listing.id).where(Listing.status == "published").limit(500))
                    ).all()
            finally:
                await engine.dispose()
            return setup, supplier, str(uscc), [str(i) for i in ids]

        setup, supplier, uscc, listing_ids = asyncio.run(setup_all())
        assert database.embedded is not None
        postmaster = psutil.Process(int((Path(database.embedded.pgdata) / "postmaster.pid").read_text().split()[0]))
        rates: dict[int, float] = {}
        spent: dict[int, dict[str, float]] = {}
        lost_total = 0
        with tempfile.TemporaryDirectory(prefix="bench-scale-") as folder:
            for processes in [int(p) for p in args.processes.split(",")]:
                _settle(database.url)
                rates[processes], lost, spent[processes] = _run(
                    database.url, processes, setup, supplier, uscc, listing_ids, args, postmaster, Path(folder)
                )
                lost_total += lost
        one, two = rates.get(1, 0.0), rates.get(2, 0.0)
        factor = two / one if one else 0.0
        if one and 1 in spent:
            cores = psutil.cpu_count() or 1
            best, most, api, rest = ceiling(one, spent[1], cores=cores)
            print(
                f"  ceiling from the 1-process run on {cores} cores: a request costs {api * 1000:.1f} ms of CPU in "
                f"its API process and {rest * 1000:.1f} ms in PostgreSQL, workers and generator, so 2 processes "
                f"give at most {best:.0f} req/s (×{most:.2f})"
            )
        print(f"scale: 1 process {one:.0f} req/s, 2 processes {two:.0f} req/s (×{factor:.2f}); lost {lost_total}")
    finally:
        database.stop()


if __name__ == "__main__":
    main()
