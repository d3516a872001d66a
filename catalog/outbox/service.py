"""Emitting outbox events inside the caller's transaction, and draining them in batches.

Draining takes pending rows with FOR UPDATE SKIP LOCKED, so any number of workers share the work;
a failing handler leaves its events pending for itself alone, with its own growing back-off and
error (outbox_deliveries), while the topic's other handlers deliver them.
"""

from __future__ import annotations

import uuid
from collections import defaultdict
from collections.abc import Awaitable, Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

import structlog
from sqlalchemy import func, select, update
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm.attributes import set_committed_value

from catalog.db import utcnow
from catalog.outbox.models import OutboxDelivery, OutboxEvent

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


def handler_name(handler: Handler) -> str:
    """A handler's stable name in the delivery table: its module and qualified name."""
    return f"{getattr(handler, '__module__', '?')}.{getattr(handler, '__qualname__', repr(handler))}"[:200]


def backoff(attempts: int) -> timedelta:
    return min(timedelta(seconds=2**attempts), MAX_BACKOFF)


async def _deliveries(session: AsyncSession, events: Sequence[OutboxEvent]) -> dict[tuple[int, str], OutboxDelivery]:
    """The delivery rows of these events (only events that saw a failure have any)."""
    if not events:
        return {}
    rows = await session.scalars(select(OutboxDelivery).where(OutboxDelivery.event_id.in_([e.id for e in events])))
    return {(row.event_id, row.handler): row for row in rows}


async def drain(session: AsyncSession, handlers: Mapping[str, Sequence[Handler]], *, limit: int = 500) -> DrainResult:
    """Process up to `limit` due events, grouped by topic, in the caller's transaction.

    Each handler runs in its own savepoint and keeps its own delivery state: one that fails is
    retried on its own back-off while the others go on (and one that succeeded is not run again
    for those events). An event is processed once every handler of its topic has delivered it.
    """
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
    deliveries = await _deliveries(session, [e for e in rows if e.attempts > 0])
    result = DrainResult()
    done: list[int] = []
    for topic, events in by_topic.items():
        request_ids = sorted({str(e.payload["request_id"]) for e in events if e.payload.get("request_id")})
        delivered_now: dict[int, list[str]] = defaultdict(list)
        waiting: set[int] = set()  # events some handler has not delivered yet
        for handler in handlers.get(topic, ()):
            name = handler_name(handler)
            due = []
            for event in events:
                # The event is due (its time is the earliest of its failed handlers' next attempts):
                # every handler that has not delivered it yet runs; one that has is not run again.
                delivery = deliveries.get((event.id, name))
                if delivery is None or delivery.delivered_at is None:
                    due.append(event)
            if not due:
                continue
            try:
                with structlog.contextvars.bound_contextvars(request_ids=request_ids):
                    async with session.begin_nested():
                        await handler(session, due)
            except Exception as exc:  # this handler retries later; the others are not held back
                log.warning(
                    "outbox handler failed", topic=topic, handler=name, events=len(due), error=str(exc),
                    request_ids=request_ids,
                )  # fmt: skip
                for event in due:
                    waiting.add(event.id)
                    delivery = _delivery(session, deliveries, event, name)
                    delivery.attempts += 1
                    delivery.last_error = f"{type(exc).__name__}: {exc}"[:2000]
                    delivery.available_at = now + backoff(delivery.attempts)
                continue
            for event in due:
                delivered_now[event.id].append(name)
        for event in events:
            if event.id not in waiting:
                # processed: one UPDATE below for the whole batch (a flush would send one per
                # event); the loaded object says the same without becoming dirty
                set_committed_value(event, "attempts", event.attempts + 1)
                set_committed_value(event, "processed_at", now)
                done.append(event.id)
                result.processed += 1
                # a handler that failed before and delivered now: its delivery row says so too
                for name in delivered_now[event.id]:
                    if (event.id, name) in deliveries:
                        deliveries[event.id, name].delivered_at = now
                continue
            event.attempts += 1
            # Some handler still owes this event: remember who delivered, so only the others rerun.
            for name in delivered_now[event.id]:
                _delivery(session, deliveries, event, name).delivered_at = now
            pending = [d for (eid, _), d in deliveries.items() if eid == event.id and d.delivered_at is None]
            event.available_at = min(d.available_at for d in pending)
            event.last_error = "; ".join(f"{d.handler}: {d.last_error}" for d in pending)[:2000]
            result.failed += 1
    if done:
        await session.execute(
            update(OutboxEvent)
            .where(OutboxEvent.id.in_(done))
            .values(attempts=OutboxEvent.attempts + 1, processed_at=now)
            .execution_options(synchronize_session=False)
        )
    await session.flush()
    return result


def _delivery(
    session: AsyncSession, deliveries: dict[tuple[int, str], OutboxDelivery], event: OutboxEvent, name: str
) -> OutboxDelivery:
    key = (event.id, name)
    if key not in deliveries:
        deliveries[key] = OutboxDelivery(event_id=event.id, handler=name, attempts=0, available_at=utcnow())
        session.add(deliveries[key])
    return deliveries[key]


async def pending_count(session: AsyncSession) -> int:
    return await session.scalar(select(func.count()).where(OutboxEvent.processed_at.is_(None))) or 0
