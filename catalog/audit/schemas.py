"""The audit trail as clients see it: one entry per act, with who did it and what changed."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from pydantic import BaseModel

from catalog.audit.models import AuditEvent


class AuditActor(BaseModel):
    """Who acted; both null for the system itself (a demand expiring, say)."""

    user_id: uuid.UUID | None
    organization_id: uuid.UUID | None


class AuditEntry(BaseModel):
    at: datetime
    action: str
    actor: AuditActor
    changes: dict[str, dict[str, Any]]  # {field: {"old", "new"}}
    note: str | None


def audit_entry(event: AuditEvent) -> AuditEntry:
    return AuditEntry(
        at=event.at,
        action=event.action,
        actor=AuditActor(user_id=event.actor_user_id, organization_id=event.actor_organization_id),
        changes=event.changes,
        note=event.note,
    )
