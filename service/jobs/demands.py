"""Demand-list background work: closing published demands whose time ran out (reason `expired`)."""

from __future__ import annotations

import uuid
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
    total, failed = 0, set[uuid.UUID]()
    while True:
        async with worker_session() as session:
            batch = await expire_demands(session, now=now, limit=BATCH, skip=failed)
        total += batch.closed
        failed.update(batch.failed)  # retried on the next run, not again in this one
        if batch.examined < BATCH:
            break
    if total or failed:
        log.info("demands expired", count=total, failed=len(failed))
