"""Idempotency-Key for creating requests: the same key and body return the first response; the same
key with another body is refused. Concurrent retries serialise on the key's unique row."""

from __future__ import annotations

import hashlib
import json
import uuid
from collections.abc import Awaitable, Callable
from datetime import datetime
from typing import Any

from fastapi.encoders import jsonable_encoder
from fastapi.responses import JSONResponse
from sqlalchemy import DateTime, Integer, String, func, select
from sqlalchemy.dialects.postgresql import JSONB, UUID, insert
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import Mapped, mapped_column

from catalog.access import Actor
from catalog.db import Base
from catalog.errors import ValidationFailed


class IdempotencyRecord(Base):
    __tablename__ = "idempotency_keys"

    user_id: Mapped[uuid.UUID] = mapped_column(UUID(as_uuid=True), primary_key=True)
    endpoint: Mapped[str] = mapped_column(String(200), primary_key=True)
    key: Mapped[str] = mapped_column(String(200), primary_key=True)
    request_hash: Mapped[str] = mapped_column(String(64))
    status_code: Mapped[int | None] = mapped_column(Integer)
    response_body: Mapped[Any] = mapped_column(JSONB, nullable=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())


def body_hash(payload: Any) -> str:
    canonical = json.dumps(jsonable_encoder(payload), sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(canonical.encode()).hexdigest()


async def run_idempotent(
    session: AsyncSession,
    *,
    actor: Actor,
    key: str | None,
    endpoint: str,
    payload: Any,
    create: Callable[[], Awaitable[Any]],
    status_code: int = 201,
    headers: Callable[[Any], dict[str, str]] | None = None,
) -> JSONResponse:
    """Run `create` once per (user, endpoint, key). Without a key it simply runs."""
    if key is None:
        result = await create()
        return JSONResponse(
            jsonable_encoder(result), status_code=status_code, headers=headers(result) if headers else None
        )
    if not 1 <= len(key) <= 200:
        raise ValidationFailed.on("Idempotency-Key", "Idempotency-Key 长度应为1–200个字符")
    digest = body_hash(payload)
    # The first request inserts the row; a concurrent retry waits here on the unique key until the
    # first commits, then finds the row and returns the stored response.
    inserted = await session.scalar(
        insert(IdempotencyRecord)
        .values(user_id=actor.user_id, endpoint=endpoint, key=key, request_hash=digest)
        .on_conflict_do_nothing()
        .returning(IdempotencyRecord.key)
    )
    if inserted is None:
        record = await session.scalar(
            select(IdempotencyRecord).where(
                IdempotencyRecord.user_id == actor.user_id,
                IdempotencyRecord.endpoint == endpoint,
                IdempotencyRecord.key == key,
            )
        )
        assert record is not None
        if record.request_hash != digest:
            raise ValidationFailed.on("Idempotency-Key", "同一 Idempotency-Key 已用于内容不同的请求")
        return JSONResponse(
            record.response_body, status_code=record.status_code or status_code, headers={"Idempotent-Replayed": "true"}
        )
    result = await create()
    body = jsonable_encoder(result)
    record = await session.get(IdempotencyRecord, (actor.user_id, endpoint, key))
    assert record is not None
    record.status_code = status_code
    record.response_body = body
    await session.flush()
    return JSONResponse(body, status_code=status_code, headers=headers(result) if headers else None)
