"""Recording a change to a listing, demand, campaign or event: the audit row (who, when, what) and
the outbox event (so search, matching and notifications follow), in the caller's transaction."""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from typing import Any, Protocol

from sqlalchemy.ext.asyncio import AsyncSession

from catalog.access import Actor
from catalog.audit import repository as audit
from catalog.outbox.service import emit


class Versioned(Protocol):
    version: int


def set_changed_fields(record: Versioned, values: Mapping[str, Any]) -> set[str]:
    """Set the fields whose value differs and bump the version (the ETag) once if any did.
    Returns the changed field names."""
    changed = {name for name, value in values.items() if getattr(record, name) != value}
    for name in changed:
        setattr(record, name, values[name])
    if changed:
        record.version += 1
    return changed


async def record_change(
    session: AsyncSession,
    *,
    entity_type: str,
    entity_id: uuid.UUID,
    action: str,
    actor: Actor | None,
    before: Mapping[str, Any],
    after: Mapping[str, Any],
    note: str | None = None,
) -> None:
    await audit.record(
        session,
        entity_type=entity_type,
        entity_id=entity_id,
        action=action,
        actor_user_id=actor.user_id if actor else None,
        actor_organization_id=actor.organization_id if actor else None,
        changes=audit.diff(before, after),
        note=note,
    )
    await emit(
        session,
        topic=f"{entity_type}.changed",
        entity_type=entity_type,
        entity_id=entity_id,
        payload={"action": action},
    )
