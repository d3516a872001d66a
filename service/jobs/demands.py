"""Demand-list background work: closing published demands whose time ran out (reason `expired`)."""

from __future__ import annotations

from datetime import UTC, datetime

import structlog

from catalog.demands.service import expire_demands
from service.worker import tasks, worker_session

log = structlog.get_logger(__name__)
BATCH = 500


@tasks.periodic(cron="*/10 * * * *", periodic_id="expire_demands")
@tasks.task(name="expire_demands", queue="maintenance", queueing_lock="expire_demands", pass_context=False)
async def expire_demands_task(timestamp: int) -> None:
    """Every ten minutes: close the published demands past `expires_at`, a batch per transaction."""
    now = datetime.fromtimestamp(timestamp, UTC)
    total = 0
    while True:
        async with worker_session() as session:
            closed = await expire_demands(session, now=now, limit=BATCH)
        total += closed
        if closed < BATCH:
            break
    if total:
        log.info("demands expired", count=total)
