"""`equipmatch search reindex`: rebuild the PostgreSQL search columns or a Meilisearch index
(settings applied by code, documents pushed into a fresh index that is then swapped in)."""

from __future__ import annotations

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TaskID, TextColumn, TimeElapsedColumn
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from catalog.search.base import Kind, SearchBackend
from catalog.search.factory import make_backend
from catalog.search.meilisearch import MeilisearchSearch
from catalog.search.reindex import ProgressCallback, count_rows, reindex
from service.config import Settings
from service.db import make_engine, make_sessionmaker

KINDS: dict[str, list[Kind]] = {"listings": ["listing"], "demands": ["demand"], "all": ["listing", "demand"]}


async def rebuild(
    url: str, settings: Settings, *, backend: str | None, kind: str, batch: int = 1000, console: Console | None = None
) -> dict[str, int]:
    name = backend or settings.search_backend
    engine = make_engine(url)
    maker = make_sessionmaker(engine)
    search: SearchBackend = make_backend(name, meili_url=settings.meili_url, meili_key=settings.meili_master_key)
    counts: dict[str, int] = {}
    columns = (TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn())
    try:
        with Progress(*columns, console=console or Console(stderr=True)) as progress:
            for k in KINDS[kind]:
                task = progress.add_task(f"{k} → {name}", total=await count_rows(maker, k))

                def advance(n: int, task_id: TaskID = task) -> None:
                    progress.advance(task_id, n)

                if isinstance(search, MeilisearchSearch):
                    counts[k] = await _rebuild_meilisearch(maker, search, k, batch=batch, progress=advance)
                else:
                    counts[k] = await reindex(maker, search, k, batch=batch, progress=advance)
    finally:
        close = getattr(search, "aclose", None)
        if close is not None:
            await close()
        await engine.dispose()
    return counts


async def _rebuild_meilisearch(
    maker: async_sessionmaker[AsyncSession],
    search: MeilisearchSearch,
    kind: Kind,
    *,
    batch: int,
    progress: ProgressCallback,
) -> int:
    """Fill a fresh index `<uid>_rebuild`, swap it with the live one, drop the old: no gap for searchers."""
    live = search.uid(kind)
    fresh = search.sibling("rebuild_")
    await search.client.delete_index_if_exists(fresh.uid(kind))
    await fresh.apply_settings(kind)
    await search.apply_settings(kind)
    done = await reindex(maker, fresh, kind, batch=batch, progress=progress)
    await search.wait((await search.client.swap_indexes([(live, fresh.uid(kind))])).task_uid)
    await search.client.delete_index_if_exists(fresh.uid(kind))
    return done
