"""Writing and reading the audit trail."""

from __future__ import annotations

import uuid
from collections.abc import Mapping, Sequence
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from catalog.audit.models import AuditEvent

_PLAIN = frozenset({str, int, float, bool, type(None)})


def jsonable(value: Any) -> Any:
    """Audit values as JSON: Decimal as string (exact), dates ISO, UUIDs as text."""
    if type(value) in _PLAIN:  # most values of a row: as they are
        return value
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, uuid.UUID):
        return str(value)
    if isinstance(value, list | tuple):
        return [jsonable(v) for v in value]
    if isinstance(value, dict):
        return {k: jsonable(v) for k, v in value.items()}
    return value


def diff(before: Mapping[str, Any], after: Mapping[str, Any]) -> dict[str, dict[str, Any]]:
    """The fields whose value differs, as {field: {"old", "new"}}."""
    changed: dict[str, dict[str, Any]] = {}
    for key in after:
        old, new = jsonable(before.get(key)), jsonable(after[key])
        if old != new:
            changed[key] = {"old": old, "new": new}
    return changed


async def record(
    session: AsyncSession,
    *,
    entity_type: str,
    entity_id: uuid.UUID,
    action: str,
    actor_user_id: uuid.UUID | None,
    actor_organization_id: uuid.UUID | None,
    changes: dict[str, Any] | None = None,
    note: str | None = None,
) -> AuditEvent:
    event = AuditEvent(
        entity_type=entity_type,
        entity_id=entity_id,
        action=action,
        actor_user_id=actor_user_id,
        actor_organization_id=actor_organization_id,
        changes=changes or {},
        note=note,
    )
    session.add(event)
    await session.flush()
    return event


async def history(session: AsyncSession, *, entity_type: str, entity_id: uuid.UUID) -> Sequence[AuditEvent]:
    stmt = (
        select(AuditEvent)
        .where(AuditEvent.entity_type == entity_type, AuditEvent.entity_id == entity_id)
        .order_by(AuditEvent.at, AuditEvent.id)
    )
    return (await session.scalars(stmt)).all()


async def history_page(
    session: AsyncSession, *, entity_type: str, entity_id: uuid.UUID, limit: int, offset: int
) -> tuple[Sequence[AuditEvent], int]:
    """One page of an entity's trail, oldest first, and how many entries it has in all."""
    where = (AuditEvent.entity_type == entity_type, AuditEvent.entity_id == entity_id)
    total = await session.scalar(select(func.count()).select_from(AuditEvent).where(*where)) or 0
    stmt = select(AuditEvent).where(*where).order_by(AuditEvent.at, AuditEvent.id).limit(limit).offset(offset)
    return (await session.scalars(stmt)).all(), total
