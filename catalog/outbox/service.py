"""Emitting outbox events inside the caller's transaction, and draining them in batches.

Draining takes pending rows with FOR UPDATE SKIP LOCKED, so any number of workers share the work;
a failing handler leaves its events pending with a growing back-off and the error recorded.
"""

from __future__ import annotations

import uuid
from collections import defaultdict
from collections.abc import Awaitable, Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

import structlog
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from catalog.db import utcnow
from catalog.outbox.models import OutboxEvent

log = structlog.get_logger(__name__)

Handler = Callable[[AsyncSession, Sequence[OutboxEvent]], Awaitable[None]]
MAX_BACKOFF = timedelta(minutes=30)


async def emit(
    session: AsyncSession, *, topic: str, entity_type: str, entity_id: uuid.UUID, payload: dict[str, Any] | None = None
) -> None:
    """Record an event in the caller's transaction. Inside a request, the request id (bound to
    structlog's context by the service) goes with it, so the work it causes logs under the same id."""
    payload = dict(payload or {})
    request_id = structlog.contextvars.get_contextvars().get("request_id")
    if request_id and "request_id" not in payload:
        payload["request_id"] = request_id
    session.add(OutboxEvent(topic=topic, entity_type=entity_type, entity_id=entity_id, payload=payload))
    await session.flush()


@dataclass
class DrainResult:
    processed: int = 0
    failed: int = 0


async def drain(session: AsyncSession, handlers: Mapping[str, Sequence[Handler]], *, limit: int = 500) -> DrainResult:
    """Process up to `limit` due events, grouped by topic, in the caller's transaction."""
    now = utcnow()
    rows = (
        await session.scalars(
            select(OutboxEvent)
            .where(OutboxEvent.processed_at.is_(None), OutboxEvent.available_at <= now)
            .order_by(OutboxEvent.id)
            .limit(limit)
            .with_for_update(skip_locked=True)
        )
    ).all()
    by_topic: dict[str, list[OutboxEvent]] = defaultdict(list)
    for row in rows:
        by_topic[row.topic].append(row)
    result = DrainResult()
    for topic, events in by_topic.items():
        request_ids = sorted({str(e.payload["request_id"]) for e in events if e.payload.get("request_id")})
        try:
            with structlog.contextvars.bound_contextvars(request_ids=request_ids):
                async with session.begin_nested():
                    for handler in handlers.get(topic, ()):
                        await handler(session, events)
        except Exception as exc:  # a handler's failure must not lose the events: retry later
            log.warning(
                "outbox handler failed", topic=topic, events=len(events), error=str(exc), request_ids=request_ids
            )
            for event in events:
                event.attempts += 1
                event.last_error = f"{type(exc).__name__}: {exc}"[:2000]
                event.available_at = now + min(timedelta(seconds=2**event.attempts), MAX_BACKOFF)
            result.failed += len(events)
            continue
        for event in events:
            event.processed_at = now
            event.attempts += 1
        result.processed += len(events)
    await session.flush()
    return result


async def pending_count(session: AsyncSession) -> int:
    return await session.scalar(select(func.count()).where(OutboxEvent.processed_at.is_(None))) or 0
