"""Shared schema pieces: money to the fen, deadlines as clients send them."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone
from decimal import Decimal

import pytest
from pydantic import BaseModel, ValidationError

from catalog.schemas import Deadline, MoneyIn


class Form(BaseModel):
    deadline: Deadline
    amount: MoneyIn | None = None


def test_deadline_forms() -> None:
    china = timezone(timedelta(hours=8))
    assert Form(deadline="2026-12-31").deadline == datetime(2026, 12, 31, 23, 59, 59, tzinfo=china)
    assert Form(deadline="2026-12-31T08:00:00").deadline == datetime(2026, 12, 31, 8, tzinfo=UTC)
    assert Form(deadline="2026-12-31T08:00:00Z").deadline == datetime(2026, 12, 31, 8, tzinfo=UTC)
    assert Form(deadline="2026-12-31T16:00:00+08:00").deadline == datetime(2026, 12, 31, 8, tzinfo=UTC)
    with pytest.raises(ValidationError):
        Form(deadline="明天")


def test_money_is_kept_to_the_fen() -> None:
    assert Form(deadline="2026-12-31", amount="1200000").amount == Decimal("1200000.00")
    with pytest.raises(ValidationError):
        Form(deadline="2026-12-31", amount="12.345")
    with pytest.raises(ValidationError):
        Form(deadline="2026-12-31", amount="-1")
