"""Demand rules that need no database: renewal deadlines and who may see the buyer."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from catalog.access import Actor
from catalog.demands.models import Demand
from catalog.demands.service import RENEW_GRACE, buyer_visible_to, renewal_deadline
from catalog.errors import Conflict

NOW = datetime(2026, 11, 25, 8, 0, tzinfo=UTC)
BUYER = uuid.uuid4()
HAINING = ["000000", "330000", "330400", "330481"]


def _demand(
    status: str = "published", *, close_reason: str | None = None, expires_at: datetime | None = None
) -> Demand:
    return Demand(
        organization_id=BUYER, title="更新高速经编机8台", quantity=8, region_code="330481",
        status=status, close_reason=close_reason, expires_at=expires_at,
    )  # fmt: skip


def _actor(
    kind: str | None, *, organization_id: uuid.UUID | None = None, region: str = "330481", admin: bool = False
) -> Actor:
    return Actor(
        user_id=uuid.uuid4(), email="zhang@test.equipmatch.cn", organization_id=organization_id or uuid.uuid4(),
        organization_kind=kind, region_code=region, roles=frozenset({"platform_admin"} if admin else set()),
    )  # fmt: skip


def test_a_published_demand_runs_ttl_days_from_now() -> None:
    assert renewal_deadline(_demand(expires_at=NOW + timedelta(days=3)), now=NOW, ttl_days=180) == NOW + timedelta(
        days=180
    )


@given(st.integers(min_value=0, max_value=400))
def test_an_expired_demand_comes_back_within_the_grace_only(days_ago: int) -> None:
    demand = _demand("closed", close_reason="expired", expires_at=NOW - timedelta(days=days_ago))
    if timedelta(days=days_ago) <= RENEW_GRACE:
        assert renewal_deadline(demand, now=NOW, ttl_days=90) == NOW + timedelta(days=90)
    else:
        with pytest.raises(Conflict):
            renewal_deadline(demand, now=NOW, ttl_days=90)


@pytest.mark.parametrize(("status", "reason"), [("draft", None), ("closed", "fulfilled"), ("closed", "withdrawn")])
def test_nothing_else_is_renewed(status: str, reason: str | None) -> None:
    with pytest.raises(Conflict):
        renewal_deadline(_demand(status, close_reason=reason, expires_at=NOW), now=NOW, ttl_days=180)


def test_who_sees_the_buyer() -> None:
    demand = _demand()
    supplier = _actor("supplier")
    assert buyer_visible_to(_actor("buyer", organization_id=BUYER), demand)
    assert buyer_visible_to(_actor("bureau", region="330400"), demand, region_ancestors=HAINING)
    assert not buyer_visible_to(_actor("bureau", region="370800"), demand, region_ancestors=HAINING)
    assert buyer_visible_to(_actor(None, admin=True), demand)
    assert not buyer_visible_to(_actor("buyer"), demand, region_ancestors=HAINING)
    # A supplier: only once the buyer accepted contact with that very supplier.
    assert not buyer_visible_to(supplier, demand, region_ancestors=HAINING)
    assert not buyer_visible_to(supplier, demand, {uuid.uuid4()}, region_ancestors=HAINING)
    assert buyer_visible_to(supplier, demand, {supplier.organization_id or uuid.uuid4()})
    assert buyer_visible_to(
        supplier, _demand("closed", close_reason="fulfilled"), {supplier.organization_id or uuid.uuid4()}
    )
    assert not buyer_visible_to(supplier, _demand("draft"), {supplier.organization_id or uuid.uuid4()})
    # Accepting contact is for suppliers: a buyer's id in the set reveals nothing to another buyer.
    other_buyer = _actor("buyer")
    assert not buyer_visible_to(other_buyer, demand, {other_buyer.organization_id or uuid.uuid4()})
