"""Benchmark from outside: a catalogue imported through the HTTP API in files of 10,000 rows.

    .venv/bin/python -m bench.import_api --rows 100000 --file-rows 10000
    .venv/bin/python -m bench.import_api --rows 100000 --file-rows 10000 --publish --worker

Generates realistic listing rows (bench/import.py's generator: the demo data's long Chinese
descriptions, varied), writes them as CSV files of `--file-rows` rows, serves the app with
`equipmatch serve --no-worker` (with `--worker`: `equipmatch serve`, its in-process worker
draining the outbox meanwhile) in a subprocess on an empty database of the embedded PostgreSQL,
logs in as a supplier (POST /api/v1/auth/token) and POSTs the files one after another to
/api/v1/listings/import (drafts; with `--publish`: `?publish=true&partial=true`, as the outside
check does). Prints each file's time and the total rows/s, and the server's peak RSS (sampled every
0.2 s); with `--worker`, then waits for the outbox to be drained and prints how long that took.
"""

from __future__ import annotations

import argparse
import asyncio
import importlib
import signal
import subprocess
import sys
import threading
import time
import warnings
from pathlib import Path

import httpx
import psutil

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
warnings.filterwarnings("ignore")


class PeakRss(threading.Thread):
    """The largest RSS of a process (and its children) seen while it runs."""

    def __init__(self, pid: int) -> None:
        super().__init__(daemon=True)
        self.process = psutil.Process(pid)
        self.peak = 0
        self.done = threading.Event()

    def run(self) -> None:
        while not self.done.wait(0.2):
            try:
                rss = self.process.memory_info().rss + sum(
                    c.memory_info().rss for c in self.process.children(recursive=True)
                )
            except psutil.Error:
                continue
            self.peak = max(self.peak, rss)


async def _drained(url: str) -> str:
    """Wait until every outbox event is processed; how many and how long it took from now."""
    from sqlalchemy import text

    from service.db import make_engine

    engine = make_engine(url)
    started = time.perf_counter()
    try:
        async with engine.connect() as connection:
            while True:
                pending = await connection.scalar(text("SELECT count(*) FROM outbox_events WHERE processed_at IS NULL"))
                await connection.commit()
                if not pending:
                    break
                await asyncio.sleep(1.0)
            done = await connection.scalar(text("SELECT count(*) FROM outbox_events WHERE processed_at IS NOT NULL"))
    finally:
        await engine.dispose()
    return f"{done:,} events processed, the last {time.perf_counter() - started:.1f} s after the last file"


def _cpu_seconds(process: psutil.Process) -> float:
    """User + system CPU seconds of a process and its living children."""
    total = 0.0
    for p in [process, *process.children(recursive=True)]:
        try:
            times = p.cpu_times()
        except psutil.Error:
            continue
        total += times.user + times.system
    return total


class CpuShare:
    """CPU seconds spent between `start()` and `stop()` by the API process itself, its children (the
    import pool) and the embedded PostgreSQL (its postmaster and every living backend): where the
    two cores went. Backends that exit meanwhile (autovacuum) are not counted."""

    def __init__(self, server: int, data_dir: Path) -> None:
        self.server = psutil.Process(server)
        pid_file = data_dir / "postmaster.pid"
        self.postgres = psutil.Process(int(pid_file.read_text().split()[0])) if pid_file.exists() else None

    def sample(self) -> tuple[float, float, float]:
        own = self.server.cpu_times()
        api = own.user + own.system
        pool = _cpu_seconds(self.server) - api
        return api, pool, _cpu_seconds(self.postgres) if self.postgres is not None else float("nan")

    def start(self) -> None:
        self.before = self.sample()

    def stop(self, rows: int) -> str:
        after = self.sample()
        api, pool, pg = (b - a for a, b in zip(self.before, after, strict=True))
        per = 1e6 / max(rows, 1)
        return (
            f"CPU: API process {api:.1f} s, its pool {pool:.1f} s, PostgreSQL {pg:.1f} s "
            f"(per row {api * per:.0f} + {pool * per:.0f} + {pg * per:.0f} µs)"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=100_000, help="rows in all")
    parser.add_argument("--file-rows", type=int, default=10_000, help="rows per file")
    parser.add_argument("--publish", action="store_true", help="?publish=true&partial=true (the outside check)")
    parser.add_argument("--worker", action="store_true", help="serve with its in-process worker (serve's default)")
    args = parser.parse_args()

    from bench.fixtures import bench_database, bench_settings, serve_subprocess
    from bench.search_latency import free_port
    from catalog.listings.importer import HEADER
    from catalog.tabular import write_csv

    bench = importlib.import_module("bench.import")
    print(f"uptime: {bench._uptime()}", flush=True)
    print(f"generating {args.rows:,} listing rows …", flush=True)
    rows = bench.make_rows(args.rows)
    files = [write_csv(HEADER, rows[i : i + args.file_rows]) for i in range(0, len(rows), args.file_rows)]
    del rows
    print(f"  {len(files)} CSV files, {sum(len(f) for f in files) / 1e6:.1f} MB", flush=True)

    database = bench_database("equipmatch_bench_api")  # fresh, migrated, reference data loaded
    server = None
    try:
        asyncio.run(bench.prepare_database(database.url, ["API"]))
        port = free_port()
        server = serve_subprocess(database.url, port, worker=args.worker)
        print(f"  server pid {server.pid} (worker in-process: {args.worker}, publish: {args.publish})", flush=True)
        peak = PeakRss(server.pid)
        peak.start()
        base = f"http://127.0.0.1:{port}"
        with httpx.Client(base_url=base, timeout=600) as client:
            login = {"username": "bench-API@bench.equipmatch.cn", "password": "Bench@2024"}
            token = client.post("/api/v1/auth/token", data=login).raise_for_status().json()["access_token"]
            headers = {"Authorization": f"Bearer {token}"}
            total_rows = created = 0
            params = {"publish": "true", "partial": "true"} if args.publish else {}
            cpu = CpuShare(server.pid, bench_settings().data_dir / "pg")
            cpu.start()
            started = time.perf_counter()
            for n, content in enumerate(files, start=1):
                t0 = time.perf_counter()
                response = client.post(
                    "/api/v1/listings/import", headers=headers, params=params,
                    files={"file": (f"供给清单-{n:02d}.csv", content, "text/csv")},
                )  # fmt: skip
                response.raise_for_status()
                report = response.json()
                count = report["created"] + report["updated"] + report["failed"] + report.get("unchanged", 0)
                total_rows += count
                created += report["created"]
                seconds = time.perf_counter() - t0
                print(
                    f"  file {n:2d}: {count:,} rows in {seconds:.1f} s = {count / seconds:,.0f} rows/s "
                    f"(created {report['created']}, failed {report['failed']})",
                    flush=True,
                )
            seconds = time.perf_counter() - started
            shares = cpu.stop(total_rows)
        peak.done.set()
        peak.join()
        print(
            f"import through the API: {total_rows:,} rows in {len(files)} files, {seconds:.1f} s = "
            f"{total_rows / seconds:,.0f} rows/s (created {created:,}); server peak RSS {peak.peak / 2**20:.0f} MB"
        )
        print(f"  {shares}", flush=True)
        if args.worker:
            cpu.start()
            drained = asyncio.run(_drained(database.url))
            print(f"  waiting for the worker to drain the outbox … {drained}", flush=True)
            print(f"  drain {cpu.stop(total_rows)}", flush=True)
        print(f"uptime: {bench._uptime()}")
    finally:
        if server is not None:
            server.send_signal(signal.SIGTERM)
            try:
                server.wait(timeout=60)
            except subprocess.TimeoutExpired:
                server.kill()
        database.stop()


if __name__ == "__main__":
    main()
