"""`equipmatch import listings|demands FILE --org USCC`: a spreadsheet import from the command line,
with a progress bar over the rows, a summary table and every bad row printed."""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Annotated, Literal

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TaskID, TextColumn, TimeElapsedColumn
from rich.table import Table as RichTable

from catalog import cpu
from catalog.errors import AppError
from catalog.importing import ImportResult, organization_actor
from catalog.tabular import Table, read_table
from service.config import get_settings
from service.db import ensure_database, make_engine, make_sessionmaker

import_app = typer.Typer(help="从 CSV/XLSX 批量导入供给清单、需求清单 (spreadsheet import)", no_args_is_help=True)
console = Console(stderr=True)
Kind = Literal["listings", "demands"]
PHASES = {"validate": "校验 validate", "write": "写入 write"}

FileArg = Annotated[Path, typer.Argument(exists=True, dir_okay=False, readable=True, help=".csv 或 .xlsx 文件")]
OrgOpt = Annotated[str, typer.Option("--org", help="导入到哪个企业：统一社会信用代码 (USCC)")]
PublishOpt = Annotated[bool, typer.Option("--publish", help="导入后直接发布")]
DryRunOpt = Annotated[bool, typer.Option("--dry-run", help="只校验，不写入")]
PartialOpt = Annotated[bool, typer.Option("--partial", help="写入正确的行，跳过有错的行")]


async def run_import_file(
    url: str, kind: Kind, table: Table, *, uscc: str, publish: bool, dry_run: bool, partial: bool, progress: Progress
) -> ImportResult:
    """One transaction: committed when the import wrote something, rolled back otherwise."""
    from catalog.demands.importer import import_demands
    from catalog.listings.importer import import_listings
    from catalog.search.upkeep import after_bulk_write

    tasks: dict[str, TaskID] = {}

    def advance(phase: str, done: int, total: int) -> None:
        if phase not in tasks:
            tasks[phase] = progress.add_task(PHASES.get(phase, phase), total=total)
        progress.update(tasks[phase], completed=done, total=total)

    cpu.configure(get_settings().import_workers)
    engine = make_engine(url)
    try:
        async with make_sessionmaker(engine)() as session, session.begin():
            actor = await organization_actor(session, uscc)
            if actor is None:
                raise typer.BadParameter(f"找不到统一社会信用代码为 {uscc} 且有用户的企业", param_hint="--org")
            if kind == "listings":
                result = await import_listings(
                    session, actor=actor, table=table, publish=publish, dry_run=dry_run, partial=partial,
                    progress=advance,
                )  # fmt: skip
            else:
                result = await import_demands(
                    session, actor=actor, table=table, ttl_days=get_settings().demand_ttl_days, publish=publish,
                    dry_run=dry_run, partial=partial, progress=advance,
                )  # fmt: skip
        if result.written:
            async with make_sessionmaker(engine)() as session, session.begin():
                await after_bulk_write(session, "listing" if kind == "listings" else "demand", result.written)
        return result
    finally:
        await engine.dispose()
        cpu.shutdown()


def summary(result: ImportResult) -> RichTable:
    table = RichTable("结果 result", "行数 rows", title="试运行（未写入）dry run" if result.dry_run else "导入结果")
    for label, value in (
        ("新建 created", result.created),
        ("更新 updated", result.updated),
        ("未变 unchanged", result.unchanged),
        ("失败 failed", result.failed),
        ("提示 warnings", len(result.warnings)),
    ):
        table.add_row(label, str(value))
    return table


def _run(kind: Kind, file: Path, org: str, publish: bool, dry_run: bool, partial: bool) -> None:
    try:
        table = read_table(file.read_bytes(), file.name)
    except AppError as exc:
        console.print(f"[red]{exc.detail}[/red]")
        raise typer.Exit(2) from exc
    settings = get_settings()
    database = ensure_database(settings)
    try:
        from service.migrate import upgrade

        upgrade(database.url)
        columns = (TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn())
        with Progress(*columns, console=console) as progress:
            result = asyncio.run(
                run_import_file(
                    database.url, kind, table, uscc=org, publish=publish, dry_run=dry_run, partial=partial,
                    progress=progress,
                )
            )  # fmt: skip
    except AppError as exc:
        console.print(f"[red]{exc.detail}[/red]")
        raise typer.Exit(2) from exc
    finally:
        database.stop()
    for error in result.errors:
        console.print(f"[yellow]第{error.row}行[/yellow] {error.column}：{error.message}")
    for warning in result.warnings:
        console.print(f"[cyan]提示 第{warning.row}行[/cyan] {warning.column}：{warning.message}")
    Console().print(summary(result))
    if result.failed and not partial:
        console.print("[red]有错误的行，未写入任何数据（可用 --partial 只写入正确的行）[/red]")
        raise typer.Exit(1)


@import_app.command("listings")
def import_listings_command(
    file: FileArg, org: OrgOpt, publish: PublishOpt = False, dry_run: DryRunOpt = False, partial: PartialOpt = False
) -> None:
    """Import a supplier's listings (供给清单) from FILE."""
    _run("listings", file, org, publish, dry_run, partial)


@import_app.command("demands")
def import_demands_command(
    file: FileArg, org: OrgOpt, publish: PublishOpt = False, dry_run: DryRunOpt = False, partial: PartialOpt = False
) -> None:
    """Import a buyer's demands (需求清单) from FILE."""
    _run("demands", file, org, publish, dry_run, partial)
