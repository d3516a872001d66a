"""The notification feed of the caller's organisation."""

from __future__ import annotations

import uuid
from datetime import datetime

from fastapi import APIRouter

from catalog.errors import Forbidden
from catalog.notifications.service import feed, mark_read
from catalog.schemas import ReadModel
from service.api.params import Limit, Offset
from service.auth import CurrentActor
from service.db import SessionDep

router = APIRouter(prefix="/notifications", tags=["notifications"])


class NotificationRead(ReadModel):
    id: uuid.UUID
    kind: str
    title: str
    body: str
    entity_type: str | None
    entity_id: uuid.UUID | None
    link: str | None
    created_at: datetime
    read_at: datetime | None


class NotificationPage(ReadModel):
    items: list[NotificationRead]
    total: int
    unread: int


def _organization(actor: CurrentActor) -> uuid.UUID:
    if actor.organization_id is None:
        raise Forbidden("平台管理员没有机构通知")
    return actor.organization_id


@router.get("", response_model=NotificationPage)
async def list_notifications(
    actor: CurrentActor, session: SessionDep, limit: Limit = 20, offset: Offset = 0, unread: bool = False
) -> NotificationPage:
    """The organisation's notifications, newest first (`unread=true` for unread only)."""
    rows, total, unread_count = await feed(
        session, organization_id=_organization(actor), unread_only=unread, limit=limit, offset=offset
    )
    return NotificationPage(items=[NotificationRead.model_validate(r) for r in rows], total=total, unread=unread_count)


@router.post("/{notification_id}/read", status_code=204)
async def read_one(notification_id: uuid.UUID, actor: CurrentActor, session: SessionDep) -> None:
    """Mark one notification read."""
    await mark_read(session, organization_id=_organization(actor), notification_id=notification_id)


@router.post("/read-all", status_code=204)
async def read_all(actor: CurrentActor, session: SessionDep) -> None:
    """Mark every notification of the organisation read."""
    await mark_read(session, organization_id=_organization(actor), notification_id=None)
