"""The one recorder of every write to a listing, demand, campaign, event or match: after the
record's fields are set (by a decision of its rules module), `record` flushes, writes one audit row
(who, when, what changed) and one outbox event per change (so search, matching and notifications
follow) with multi-row INSERTs (COPY for many), and refreshes the search rows of listings and demands — all in the
caller's transaction. The API services, the importer, the ledger, the worker jobs and the seeds all
write through here, so none of them can forget a side effect."""

from __future__ import annotations

import uuid
from collections.abc import Awaitable, Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Protocol

import structlog
from sqlalchemy.ext.asyncio import AsyncSession

from catalog.access import Actor
from catalog.audit.models import AuditEvent
from catalog.audit.repository import diff
from catalog.db import insert_rows, utcnow
from catalog.outbox.models import OutboxEvent


class Versioned(Protocol):
    version: int


def set_changed_fields(record: Versioned, values: Mapping[str, Any]) -> set[str]:
    """Set the fields whose value differs and bump the version (the ETag) once if any did.
    Returns the changed field names. This is how every decision is applied."""
    changed = {name for name, value in values.items() if getattr(record, name) != value}
    for name in changed:
        setattr(record, name, values[name])
    if changed:
        record.version += 1
    return changed


@dataclass(frozen=True)
class Change:
    """One act on one record: its id, the act, and the audited fields before and after."""

    entity_id: uuid.UUID
    action: str
    before: Mapping[str, Any]
    after: Mapping[str, Any]


Indexer = Callable[[AsyncSession, Sequence[Any]], Awaitable[None]]
# A search row's text as the search tables take it: the weighted tsvector literal and the trigram text.
SearchText = tuple[str, str]


def _indexers() -> dict[str, Indexer]:
    # Imported here: the search package imports the listing and demand models, whose services
    # import this module.
    from catalog.search.indexing import index_demands, index_listings

    return {"listing": index_listings, "demand": index_demands}


async def record(
    session: AsyncSession,
    *,
    entity_type: str,
    actor: Actor | None,
    changes: Sequence[Change],
    records: Sequence[Any] = (),
    search_rows: Sequence[tuple[uuid.UUID, str, str]] = (),
    note: str | None = None,
) -> None:
    """Flush, then audit + outbox for each change and the search rows of `records` (listings or
    demands that changed), with one statement each however many there are. `search_rows`: search
    rows whose text was computed already, (id, *SearchText) — an import's new records, whose
    documents the CPU pool built with their rows' checks."""
    await session.flush()
    if changes:
        now = utcnow()
        payload: dict[str, Any] = {}
        # Inside a request its id goes with the events (as catalog.outbox.service.emit does), so the
        # work they cause logs under the same id.
        request_id = structlog.contextvars.get_contextvars().get("request_id")
        if request_id:
            payload["request_id"] = request_id
        await insert_rows(
            session,
            AuditEvent,
            [
                {
                    "entity_type": entity_type, "entity_id": c.entity_id, "action": c.action,
                    "actor_user_id": actor.user_id if actor else None,
                    "actor_organization_id": actor.organization_id if actor else None,
                    "at": now, "changes": diff(c.before, c.after), "note": note,
                }
                for c in changes
            ],
        )  # fmt: skip
        await insert_rows(
            session,
            OutboxEvent,
            [
                {
                    "topic": f"{entity_type}.changed", "entity_type": entity_type, "entity_id": c.entity_id,
                    "payload": {"action": c.action, **payload}, "created_at": now, "available_at": now, "attempts": 0,
                }
                for c in changes
            ],
        )  # fmt: skip
    indexer = _indexers().get(entity_type)
    if indexer is not None and records:
        await indexer(session, records)
    if search_rows:
        from catalog.search.indexing import write_search_text

        await write_search_text(session, entity_type, search_rows)


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
    """`record` for a single change (campaigns, events and matches, which have no search rows)."""
    await record(
        session, entity_type=entity_type, actor=actor, changes=[Change(entity_id, action, before, after)], note=note
    )
