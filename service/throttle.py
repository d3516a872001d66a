"""Login throttling: failed logins counted per account and per address in PostgreSQL (so every API
process sees the same counts), refused with 429 and Retry-After once a window holds too many.

A failure is committed before the 401 is raised (a raised error rolls the request's transaction
back, and the count must outlive it)."""

from __future__ import annotations

import math
from datetime import datetime, timedelta

from sqlalchemy import DateTime, Integer, String, delete, select, text
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import Mapped, mapped_column

from catalog.db import Base, utcnow
from catalog.errors import AppError


class LoginThrottle(Base):
    """Failed logins of one key (`account:<email>` or `address:<ip>`) in the current window."""

    __tablename__ = "login_throttle"

    key: Mapped[str] = mapped_column(String(320), primary_key=True)
    failures: Mapped[int] = mapped_column(Integer, default=0)
    window_started_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    blocked_until: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)


class TooManyAttempts(AppError):
    status = 429
    slug = "too-many-requests"
    title_zh = "请求过于频繁"
    title_en = "Too many requests"

    def __init__(self, detail: str, retry_after: int) -> None:
        super().__init__(detail)
        self.retry_after = retry_after

    def response_headers(self) -> dict[str, str]:
        return {"Retry-After": str(self.retry_after)}


def keys_for(email: str, address: str | None) -> list[tuple[str, int]]:
    """The throttle keys of one attempt with the index of their limit (0 account, 1 address)."""
    keys = [(f"account:{email.strip().lower()}"[:320], 0)]
    if address:
        keys.append((f"address:{address}"[:320], 1))
    return keys


async def check(session: AsyncSession, keys: list[tuple[str, int]], *, now: datetime | None = None) -> None:
    """Refuse (429) while any key is blocked."""
    now = now or utcnow()
    rows = (await session.scalars(select(LoginThrottle).where(LoginThrottle.key.in_([k for k, _ in keys])))).all()
    waits = [row.blocked_until - now for row in rows if row.blocked_until is not None and row.blocked_until > now]
    if waits:
        seconds = max(1, math.ceil(max(waits).total_seconds()))
        raise TooManyAttempts(f"登录失败次数过多，请 {seconds} 秒后再试", retry_after=seconds)


async def record_failure(
    session: AsyncSession,
    keys: list[tuple[str, int]],
    *,
    limits: tuple[int, int],
    window: timedelta,
    now: datetime | None = None,
) -> None:
    """Count one failure for each key and commit; a key that reaches its limit inside the window is
    blocked until the window ends."""
    now = now or utcnow()
    for key, which in keys:
        # One statement per key: concurrent failures of the same key serialise on its row.
        await session.execute(
            text(
                """
                INSERT INTO login_throttle AS t (key, failures, window_started_at, blocked_until)
                VALUES (:key, 1, :now, CASE WHEN :limit <= 1 THEN CAST(:now AS timestamptz) + :window END)
                ON CONFLICT (key) DO UPDATE SET
                  failures = CASE WHEN t.window_started_at + :window <= :now THEN 1 ELSE t.failures + 1 END,
                  window_started_at = CASE WHEN t.window_started_at + :window <= :now
                                           THEN CAST(:now AS timestamptz) ELSE t.window_started_at END,
                  blocked_until = CASE
                    WHEN t.window_started_at + :window <= :now THEN
                      CASE WHEN :limit <= 1 THEN CAST(:now AS timestamptz) + :window END
                    WHEN t.failures + 1 >= :limit THEN t.window_started_at + :window
                    ELSE t.blocked_until END
                """
            ),
            {"key": key, "now": now, "window": window, "limit": limits[which]},
        )
    await session.commit()


async def forget_account(session: AsyncSession, email: str) -> None:
    """A successful login clears the account's count (not the address's)."""
    await session.execute(delete(LoginThrottle).where(LoginThrottle.key == keys_for(email, None)[0][0]))
