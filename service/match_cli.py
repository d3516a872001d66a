"""`equipmatch match rebuild`: re-match every published demand (after new weights, a taxonomy
change or a bulk load), batch by batch with a progress bar; each batch is its own transaction."""

from __future__ import annotations

import asyncio
from typing import Annotated

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from service.config import get_settings
from service.db import ensure_database, make_engine, make_sessionmaker

match_app = typer.Typer(help="匹配 (matching)", no_args_is_help=True)
console = Console(stderr=True)


async def rebuild(url: str, *, batch: int) -> tuple[int, int]:
    """Re-match every published demand; returns (demands seen, demands re-matched)."""
    from matching.matches import repository
    from matching.recommend import Engine
    from service.jobs.matching import rematch

    engine = make_engine(url)
    maker = make_sessionmaker(engine)
    config = get_settings().match_config()
    try:
        async with maker() as session:
            ids = await repository.published_demand_ids(session)
        done = 0
        columns = (TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn())
        with Progress(*columns, console=console) as progress:
            task = progress.add_task("重新匹配 re-matching", total=len(ids))
            for start in range(0, len(ids), batch):
                chunk = ids[start : start + batch]
                async with maker() as session, session.begin():
                    matcher = await Engine.start(session, config, whole_leaves=len(chunk) > 20)
                    done += await rematch(session, chunk, matcher)
                progress.advance(task, len(chunk))
    finally:
        await engine.dispose()
    return len(ids), done


@match_app.command("rebuild")
def rebuild_command(batch: Annotated[int, typer.Option(min=1, max=10_000, help="每批需求数")] = 1000) -> None:
    """Re-match every published demand, with progress (stored matches keep their lifecycle status)."""
    from service.migrate import upgrade

    database = ensure_database(get_settings())
    try:
        upgrade(database.url)
        seen, done = asyncio.run(rebuild(database.url, batch=batch))
        console.print(f"re-matched {done} of {seen} published demands")
    finally:
        database.stop()
