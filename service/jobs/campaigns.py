"""Campaign deadlines: every minute the worker closes the open campaigns whose pledge deadline has
passed, through the same service function as POST /campaigns/{id}/close (with no actor)."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from contextlib import AbstractAsyncContextManager
from datetime import datetime

import structlog
from sqlalchemy.ext.asyncio import AsyncSession

from catalog.db import utcnow
from catalog.errors import Conflict
from matching.campaigns import repository
from matching.campaigns.service import close_campaign
from service.worker import tasks, worker_session

log = structlog.get_logger(__name__)

Sessions = Callable[[], AbstractAsyncContextManager[AsyncSession]]


async def close_due_campaigns(sessions: Sessions, *, now: datetime | None = None) -> list[uuid.UUID]:
    """Close every campaign past its pledge deadline, each in its own transaction; a campaign
    closed meanwhile (by a bureau or another worker) is skipped, and one whose close fails is
    logged and left for the next run — it never holds back the campaigns due after it."""
    now = now or utcnow()
    async with sessions() as session:
        due = await repository.due_campaign_ids(session, now=now)
    closed = []
    for campaign_id in due:
        try:
            async with sessions() as session:
                settlement = await close_campaign(session, campaign_id=campaign_id, actor=None, now=now)
                log.info("campaign closed", campaign_id=str(campaign_id), status=settlement.status)
                closed.append(campaign_id)
        except Conflict:
            log.info("campaign already closed", campaign_id=str(campaign_id))
        except Exception:  # one bad campaign must not stop the others; it is retried next minute
            log.exception("closing a due campaign failed", campaign_id=str(campaign_id))
    return closed


@tasks.periodic(cron="* * * * *", periodic_id="close_due_campaigns")
@tasks.task(name="close_due_campaigns", queue="campaigns", queueing_lock="close_due_campaigns", pass_context=False)
async def close_due_campaigns_task(timestamp: int) -> None:
    """Every minute: settle the campaigns whose pledge deadline has passed."""
    await close_due_campaigns(worker_session)
