"""The `equipmatch` command: serve, db, seed (and later import, search, worker)."""

from __future__ import annotations

import asyncio
import signal
import warnings
from typing import Annotated

import typer
from rich.console import Console

from service.config import get_settings
from service.db import Database, ensure_database
from service.match_cli import match_app
from service.transfer_cli import import_app

warnings.filterwarnings("ignore", message="XDG_RUNTIME_DIR")

app = typer.Typer(help="equipmatch — 设备更新供需对接平台", no_args_is_help=True, add_completion=False)
db_app = typer.Typer(help="数据库迁移 (Alembic)", no_args_is_help=True)
seed_app = typer.Typer(help="参考数据与演示数据", no_args_is_help=True)
app.add_typer(db_app, name="db")
app.add_typer(seed_app, name="seed")
app.add_typer(import_app, name="import")
app.add_typer(match_app, name="match")
search_app = typer.Typer(help="搜索索引 (search index)", no_args_is_help=True)
app.add_typer(search_app, name="search")
console = Console(stderr=True)


def _database() -> Database:
    settings = get_settings()
    database = ensure_database(settings)
    where = "DATABASE_URL" if database.embedded is None else f"embedded PostgreSQL in {settings.data_dir}/pg"
    console.print(f"[dim]database: {where}[/dim]")
    return database


def _exit_on_signal(signum: int, frame: object) -> None:
    raise SystemExit(0)  # a requested, graceful stop is a success


@app.command()
def serve(
    host: Annotated[str, typer.Option(help="监听地址")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="监听端口")] = 8000,
    worker: Annotated[bool, typer.Option(help="在同一进程内运行后台任务 (run a worker in-process)")] = True,
    workers: Annotated[int, typer.Option(min=1, help="API 进程数 (API processes sharing the port)")] = 1,
) -> None:
    """Migrate, load reference data, create the admin, and serve the API (with an in-process worker).
    With --workers N, N API processes share the port; each runs its own in-process worker unless
    --no-worker (then run `equipmatch worker` processes beside it)."""
    import os
    import tempfile

    import uvicorn

    from service.bootstrap import prepare
    from service.main import create_app
    from service.migrate import upgrade

    settings = get_settings()
    database = _database()
    try:
        upgrade(database.url)
        counts, admin_created = asyncio.run(prepare(database.url, settings))
        console.print(
            f"reference data: {counts.regions} regions, {counts.categories} categories, {counts.tags} tags"
            + (f"; platform admin {settings.admin_email} created" if admin_created else "")
        )
        # uvicorn shuts down gracefully on SIGTERM, then re-raises the signal: make that an exit
        # that unwinds through `finally`, so the embedded PostgreSQL we started is stopped too.
        signal.signal(signal.SIGTERM, _exit_on_signal)
        if workers == 1:
            app_ = create_app(settings, database_url=database.url, with_worker=worker)
            uvicorn.run(app_, host=host, port=port, log_level="info")
        else:
            # Each process builds its app from the environment; metrics are shared through files.
            os.environ["DATABASE_URL"] = database.url
            os.environ["EQM_SERVE_WITH_WORKER"] = "1" if worker else "0"
            with tempfile.TemporaryDirectory(prefix="equipmatch-metrics-") as metrics_dir:
                os.environ["PROMETHEUS_MULTIPROC_DIR"] = metrics_dir
                uvicorn.run(
                    "service.main:app_from_environment", factory=True, workers=workers,
                    host=host, port=port, log_level="info",
                )  # fmt: skip
    finally:
        database.stop()
        console.print("[dim]stopped[/dim]")


@app.command("worker")
def worker_command(concurrency: Annotated[int, typer.Option(help="并发任务数")] = 2) -> None:
    """Run a background worker (outbox, re-matching, deadlines) until Ctrl-C."""
    from service.migrate import upgrade
    from service.worker import run_worker

    database = _database()
    try:
        upgrade(database.url)
        asyncio.run(run_worker(database.url, get_settings(), concurrency=concurrency))
    except KeyboardInterrupt:
        pass
    finally:
        database.stop()


@db_app.command("upgrade")
def db_upgrade(revision: Annotated[str, typer.Argument()] = "head") -> None:
    """Apply migrations up to REVISION (default head)."""
    from service.migrate import upgrade

    database = _database()
    try:
        upgrade(database.url, revision)
    finally:
        database.stop()


@db_app.command("downgrade")
def db_downgrade(revision: Annotated[str, typer.Argument()] = "-1") -> None:
    """Revert migrations down to REVISION (default one step)."""
    from service.migrate import downgrade

    database = _database()
    try:
        downgrade(database.url, revision)
    finally:
        database.stop()


@db_app.command("current")
def db_current() -> None:
    """Print the database's current revision."""
    from service.migrate import current_revision

    database = _database()
    try:
        typer.echo(asyncio.run(current_revision(database.url)) or "(empty)")
    finally:
        database.stop()


@seed_app.command("reference")
def seed_reference() -> None:
    """Load taxonomy, regions and tags (idempotent)."""
    from service.bootstrap import prepare
    from service.migrate import upgrade

    database = _database()
    try:
        upgrade(database.url)
        counts, _ = asyncio.run(prepare(database.url, get_settings()))
        console.print(f"{counts.regions} regions, {counts.categories} categories, {counts.tags} tags")
    finally:
        database.stop()


@seed_app.command("demo")
def seed_demo(
    listings: Annotated[int, typer.Option(help="挂牌数量")] = 400,
    demands: Annotated[int, typer.Option(help="需求数量")] = 300,
    seed: Annotated[int, typer.Option(help="随机种子")] = 2024,
) -> None:
    """Create the demo organisations, users, listings and demands (idempotent), with progress."""
    from seeds.demo_loader import load_demo
    from service.bootstrap import prepare
    from service.migrate import upgrade

    database = _database()
    try:
        upgrade(database.url)
        asyncio.run(prepare(database.url, get_settings()))
        summary = asyncio.run(load_demo(database.url, listings=listings, demands=demands, seed=seed, console=console))
        console.print(summary)
    finally:
        database.stop()


@seed_app.command("credentials")
def seed_credentials(seed: Annotated[int, typer.Option(help="随机种子")] = 2024) -> None:
    """List every demo account (organisation, kind, email, password)."""
    from rich.table import Table

    from seeds.demo import DemoData, credentials_table, generate
    from seeds.demo_campaigns import extra_organizations

    data = generate(seed=seed)
    campaign_orgs = DemoData(organizations=extra_organizations(), listings=[], demands=[])
    table = Table("机构 organisation", "类型 kind", "密码 password")
    table.add_column("邮箱 email", no_wrap=True)  # an address must stay copyable
    for name, kind, email, password in [*credentials_table(data), *credentials_table(campaign_orgs)]:
        table.add_row(name, kind, password, email)
    Console().print(table)


@search_app.command("reindex")
def search_reindex(
    backend: Annotated[str | None, typer.Option(help="postgres | meilisearch（默认取 EQM_SEARCH_BACKEND）")] = None,
    kind: Annotated[str, typer.Option(help="listings | demands | all")] = "all",
    batch: Annotated[int, typer.Option(help="每批条数")] = 1000,
) -> None:
    """Rebuild the search index from the tables, with a progress bar."""
    from service.migrate import upgrade
    from service.search_admin import rebuild

    if kind not in ("listings", "demands", "all"):
        raise typer.BadParameter("listings | demands | all", param_hint="--kind")
    settings = get_settings()
    database = _database()
    try:
        upgrade(database.url)
        counts = asyncio.run(rebuild(database.url, settings, backend=backend, kind=kind, batch=batch, console=console))
        console.print(f"reindexed ({backend or settings.search_backend}): {counts}")
    finally:
        database.stop()


if __name__ == "__main__":
    app()
