"""Benchmark: importing a large listings spreadsheet (CSV and XLSX) into a fresh database.

    .venv/bin/python bench/import.py --rows 100000

Generates realistic rows (seeds.demo's generator, varied), writes them as CSV and XLSX, starts the
embedded PostgreSQL in .data/bench, and imports each file for its own supplier through the same
service function the HTTP endpoint and the CLI use (parse + validate + write, one transaction).
Each measurement runs in a fresh process, so its peak RSS is its own. For comparison, a naive
baseline creates rows one by one through `create_listing` (the per-row POST /listings path).
"""

from __future__ import annotations

import argparse
import asyncio
import multiprocessing
import resource
import sys
import tempfile
import time
import warnings
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
warnings.filterwarnings("ignore")


@dataclass
class Figure:
    label: str
    rows: int
    seconds: float
    peak_mb: float
    outcome: str

    @property
    def rate(self) -> float:
        return self.rows / self.seconds if self.seconds else 0.0


def make_rows(count: int, seed: int = 2024) -> list[list[Any]]:
    """`count` listing rows: the demo generator's realistic listings, cycled with varied titles,
    prices and external ids so that every row is a distinct record."""
    from catalog.listings.importer import export_row
    from catalog.listings.models import Listing
    from seeds.demo import generate

    pool = generate(seed=seed, listings=min(count, 3000), demands=0).listings
    rows = []
    for i in range(count):
        base = pool[i % len(pool)]
        batch = i // len(pool)
        bump = Decimal(1000 * batch)
        listing = Listing(
            external_id=f"BENCH-{i:06d}", title=f"{base.title}{f' 第{batch + 1}批' if batch else ''}",
            category_code=base.category, brand=base.brand, model=base.model, description=base.description,
            price_min=base.price_min + bump if base.price_min is not None else None,
            price_max=base.price_max + bump if base.price_max is not None else None,
            lead_time_days=base.lead_time_days, energy_grade=base.energy_grade, tags=base.tags,
            service_regions=base.service_regions, specs=base.specs,
        )  # fmt: skip
        rows.append([*export_row(listing)[:-1], None])  # no platform id: every row is a new listing
    return rows


def _uptime() -> str:
    """`uptime`'s line (the load average says how quiet the machine was)."""
    import subprocess

    return subprocess.run(["uptime"], capture_output=True, text=True, check=False).stdout.strip()


def _peak_mb(pid: int | str = "self") -> float:
    """A process's peak RSS: VmHWM, the high-water mark of its own memory. (ru_maxrss would also
    count the parent at the moment it started the child, which holds all the generated rows.)"""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


async def _actor(session: Any, uscc: str) -> Any:
    from catalog.importing import organization_actor

    actor = await organization_actor(session, uscc)
    assert actor is not None
    return actor


def measure_import(url: str, path: str, uscc: str, queue: Any) -> None:
    """Child process: read + validate + write one file, committed. The import's CPU pool starts
    inside the measured time; its workers' peak RSS is reported beside the importing process's."""
    from catalog import cpu
    from catalog.listings.importer import import_listings
    from catalog.tabular import Table, read_table
    from service.db import make_engine, make_sessionmaker

    async def run(table: Table) -> tuple[int, str]:
        engine = make_engine(url)
        try:
            async with make_sessionmaker(engine)() as session, session.begin():
                rows = len(table.rows)  # the import consumes them
                result = await import_listings(session, actor=await _actor(session, uscc), table=table)
                outcome = f"created {result.created}, updated {result.updated}, unchanged {result.unchanged}, failed {result.failed}"  # fmt: skip
                return rows, outcome
        finally:
            await engine.dispose()

    started = time.perf_counter()
    table = read_table(Path(path).read_bytes(), path)  # the bytes go once parsed, as in the API
    rows, outcome = asyncio.run(run(table))
    seconds = time.perf_counter() - started
    workers = [_peak_mb(pid) for pid in cpu.worker_pids()]
    cpu.shutdown()
    if workers:
        outcome += f"; {len(workers)} pool workers, peak RSS {' + '.join(f'{w:.0f}' for w in workers)} MB"
    queue.put((rows, seconds, _peak_mb(), outcome))


def measure_baseline(url: str, rows: list[list[Any]], uscc: str, queue: Any) -> None:
    """Child process: the naive path, `create_listing` once per row (three lookups, three inserts)."""
    from catalog.listings.importer import COLUMNS
    from catalog.listings.schemas import ListingCreate
    from catalog.listings.service import create_listing
    from catalog.tabular import read_row
    from service.db import make_engine, make_sessionmaker

    positions = {c.name: i for i, c in enumerate(COLUMNS)}

    async def run() -> None:
        engine = make_engine(url)
        try:
            async with make_sessionmaker(engine)() as session, session.begin():
                actor = await _actor(session, uscc)
                for number, cells in enumerate(rows, start=2):
                    values, _ = read_row(number, cells, COLUMNS, positions)
                    body = {k: v for k, v in values.items() if v is not None}
                    await create_listing(session, actor=actor, data=ListingCreate.model_validate(body))
        finally:
            await engine.dispose()

    started = time.perf_counter()
    asyncio.run(run())
    queue.put((len(rows), time.perf_counter() - started, _peak_mb(), f"created {len(rows)}"))


def in_child(target: Any, *args: Any) -> tuple[int, float, float, str]:
    context = multiprocessing.get_context("spawn")
    queue = context.Queue()
    process = context.Process(target=target, args=(*args, queue))
    process.start()
    result: tuple[int, float, float, str] = queue.get()
    process.join()
    return result


async def prepare_database(url: str, suppliers: list[str]) -> list[str]:
    """Create one supplier (with a user) per label; their USCCs."""
    import random

    from catalog.organizations.models import Organization
    from catalog.organizations.service import create_user
    from catalog.organizations.uscc import generate_uscc
    from service.bootstrap import in_transaction

    rng = random.Random(7)
    usccs = [generate_uscc("370800", rng, authority="9", kind="1") for _ in suppliers]

    async def work(session: Any) -> None:
        for label, uscc in zip(suppliers, usccs, strict=True):
            org = Organization(name=f"基准测试供应商{label}", uscc=uscc, kind="supplier", region_code="370800")
            session.add(org)
            await session.flush()
            await create_user(
                session, email=f"bench-{label}@bench.equipmatch.cn", password="Bench@2024", display_name="基准",
                organization_id=org.id, roles=["org_admin"],
            )  # fmt: skip

    await in_transaction(url, work)
    return usccs


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=100_000, help="rows in the generated file")
    parser.add_argument("--baseline-rows", type=int, default=2_000, help="rows for the per-row baseline")
    args = parser.parse_args()

    from bench.fixtures import bench_database
    from catalog.listings.importer import HEADER
    from catalog.tabular import write_csv, write_xlsx

    print(f"uptime: {_uptime()}", flush=True)
    print(f"generating {args.rows:,} listing rows …", flush=True)
    started = time.perf_counter()
    rows = make_rows(args.rows)
    folder = Path(tempfile.mkdtemp(prefix="eqm-bench-"))
    csv_path, xlsx_path = folder / "供给清单.csv", folder / "供给清单.xlsx"
    csv_path.write_bytes(write_csv(HEADER, rows))
    xlsx_path.write_bytes(write_xlsx(HEADER, rows, title="供给清单"))
    sizes = f"CSV {csv_path.stat().st_size / 1e6:.1f} MB, XLSX {xlsx_path.stat().st_size / 1e6:.1f} MB"
    print(f"  {sizes} in {time.perf_counter() - started:.1f} s", flush=True)

    server = bench_database("equipmatch_bench")  # fresh, migrated, reference data loaded
    try:
        url = server.url
        usccs = asyncio.run(prepare_database(url, ["CSV", "XLSX", "BASE"]))
        figures = []
        for label, target, args_ in (
            ("CSV import", measure_import, (url, str(csv_path), usccs[0])),
            ("XLSX import", measure_import, (url, str(xlsx_path), usccs[1])),
            ("CSV re-import (all unchanged)", measure_import, (url, str(csv_path), usccs[0])),
            ("baseline: create_listing per row", measure_baseline, (url, rows[: args.baseline_rows], usccs[2])),
        ):
            print(f"{label} …", flush=True)
            count, seconds, peak, outcome = in_child(target, *args_)
            figures.append(Figure(label, count, seconds, peak, outcome))
            print(
                f"  {count:,} rows in {seconds:.1f} s = {count / seconds:,.0f} rows/s, peak RSS {peak:.0f} MB ({outcome})"
            )
    finally:
        server.stop()
        for path in folder.iterdir():
            path.unlink()
        folder.rmdir()

    print(f"uptime: {_uptime()}")
    print()
    print(f"| {'run':<34} | {'rows':>7} | {'seconds':>7} | {'rows/s':>7} | {'peak RSS':>8} |")
    print(f"|{'-' * 36}|{'-' * 9}|{'-' * 9}|{'-' * 9}|{'-' * 10}|")
    for f in figures:
        print(f"| {f.label:<34} | {f.rows:>7,} | {f.seconds:>7.1f} | {f.rate:>7,.0f} | {f.peak_mb:>5.0f} MB |")


if __name__ == "__main__":
    main()
